# SPDX-License-Identifier: AGPL-3.0-or-later
"""Checks every script adapter runs before parsing: size, emptiness, binary content, text
encoding. They turn a wrong file into a clear :class:`ParseError` before any parser sees it.
"""

from __future__ import annotations

from regie.core.errors import ParseError
from regie.core.text import t

# A feature screenplay is 100-300 KB of text (Big Fish: 146 KB Fountain, 333 KB FDX,
# 248 KB PDF). 20 MB leaves room for a PDF with embedded fonts or a heavy FDX and still
# refuses a wrong file (a video, an archive) before it is read into a parser.
MAX_SCRIPT_BYTES = 20 * 1024 * 1024
# Control bytes that never occur in text (tab, LF, VT, FF, CR are allowed).
_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])


def check_size(data: bytes, *, filename: str, limit: int = MAX_SCRIPT_BYTES) -> None:
    if not data:
        raise ParseError(
            t("the file is empty"),
            file=filename,
            hint=t("Choose the script file itself, not a blank"),
        )
    if len(data) > limit:
        raise ParseError(
            t(
                "the file is {size} MB, more than the {limit} MB a screenplay can be",
                size=round(len(data) / 1048576, 1),
                limit=limit // 1048576,
            ),
            file=filename,
            hint=t("Check that this is a script (Fountain, FDX or PDF) and not a media file"),
        )


def decode_text(data: bytes, *, filename: str, kind: str) -> str:
    """Decode a text script: UTF-8 (with or without BOM), else Windows-1252 for old files.

    Binary content (NUL bytes, or mostly control characters) is refused with a message that
    says so rather than producing a garbage parse.
    """
    check_size(data, filename=filename)
    head = data[:8192]
    if b"\x00" in head:
        raise ParseError(
            t("this is a binary file, not a {kind} text file", kind=kind),
            file=filename,
            hint=t(
                "Export the script as {kind} (plain text) or import the PDF or FDX instead",
                kind=kind,
            ),
        )
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > len(head) // 20:
        raise ParseError(
            t("this file holds binary data, not {kind} text", kind=kind),
            file=filename,
            hint=t("Export the script as {kind} (plain text)", kind=kind),
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            line = data[: exc.start].count(b"\n") + 1
            raise ParseError(
                t("the text is neither UTF-8 nor Windows-1252"),
                file=filename,
                line=line,
                hint=t("Save the file as UTF-8"),
            ) from None
    if not text.strip():
        raise ParseError(
            t("the file holds only blank space"),
            file=filename,
            hint=t("Choose the script file itself, not a blank"),
        )
    return text
