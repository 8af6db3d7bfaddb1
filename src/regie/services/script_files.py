# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reading a script file without a database: which format it is, and its screenplay.

The content decides when it is unmistakable (``%PDF`` magic, a Final Draft XML document),
whatever the file is called; otherwise the extension does (``.fdx``, ``.pdf``, and
``.fountain`` / ``.spmd`` / ``.txt``), and anything else is read as Fountain, the plain-text
format every screenwriting tool exports.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from regie.formats.fdx import parse_fdx
from regie.formats.fountain import parse_fountain
from regie.formats.pdf_script import parse_pdf_script
from regie.script.assemble import assemble
from regie.script.model import ParsedScript, Screenplay

_BY_EXTENSION = {
    ".fountain": "fountain",
    ".spmd": "fountain",
    ".txt": "fountain",
    ".fdx": "fdx",
    ".pdf": "pdf",
}
_PARSERS: dict[str, Callable[[bytes, str], ParsedScript]] = {
    "fountain": lambda data, name: parse_fountain(data, filename=name),
    "fdx": lambda data, name: parse_fdx(data, filename=name),
    "pdf": lambda data, name: parse_pdf_script(data, filename=name),
}


def base_name(filename: str) -> str:
    """The file's own name, without the folders of the machine it came from."""
    return PurePath(filename.replace("\\", "/")).name or filename


def detect_format(filename: str, data: bytes) -> str:
    """``"fountain"``, ``"fdx"`` or ``"pdf"``."""
    head = data[:1024]
    if b"%PDF-" in head:  # the header may follow a few junk bytes (PDF 1.7, 7.5.2)
        return "pdf"
    text_head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text_head.startswith(b"<?xml") and b"FinalDraft" in data[:4096]:
        return "fdx"
    return _BY_EXTENSION.get(PurePath(filename).suffix.lower(), "fountain")


def parse_script(filename: str, data: bytes) -> Screenplay:
    """The screenplay in ``data`` (file called ``filename``), assembled into scenes.

    Raises :class:`regie.core.errors.ParseError` naming the file (and line) when the file
    cannot be read as the format it is.
    """
    name = base_name(filename)
    return assemble(_PARSERS[detect_format(filename, data)](data, name), filename=name)
