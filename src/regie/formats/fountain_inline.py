# SPDX-License-Identifier: AGPL-3.0-or-later
"""Fountain text-level passes that run before paragraphs are read, and inline clean-up.

* :func:`normalise` — one kind of line ending (LF), sentinel characters removed;
* :func:`cut_boneyard` — ``/* ... */`` removed (multi-line, one-line, unterminated at the
  end of the file); a line that held nothing but boneyard disappears;
* :func:`cut_notes` — ``[[ ... ]]`` replaced by a reference ``\\x01n\\x01`` to the note's
  text, so a note stays attached to the line (and element) it sat in;
* :func:`mark_two_space_lines` — a line of exactly two spaces becomes ``\\x02``: it keeps
  dialogue going across an empty line and is a blank line everywhere else;
* :func:`clean_inline` — emphasis (``*``, ``**``, ``***``, ``_``) removed, ``\\*`` and
  ``\\_`` escapes honoured.

The cutting passes change the number of lines; each returns ``src``, the index (0-based) in
its input of every output line, so elements keep the line number of the original file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# Characters used as in-band markers by the passes below; removed from the input first.
BONEYARD_MARK = "\x00"
NOTE_MARK = "\x01"
TWO_SPACE_LINE = "\x02"
_ESCAPED_STAR = "\x03"
_ESCAPED_UNDERSCORE = "\x04"
_MARKER_CHARS = "\x00\x01\x02\x03\x04"
_MARKERS = re.compile(f"[{_MARKER_CHARS}]")

_BONEYARD = re.compile(r"/\*.*?(?:\*/|\Z)", re.DOTALL)
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
NOTE_REF = re.compile(r"\x01(\d+)\x01")
_TWO_SPACES = re.compile(r"^  $", re.MULTILINE)

# Emphasis never spans lines, and its text never holds its own marker: each search stops at
# the next marker, which keeps a line full of stray asterisks linear, not quadratic.
_BOLD_ITALIC = re.compile(r"\*\*\*(?=\S)((?:[^*\n]|\*(?!\*\*))+?)(?<=\S)\*\*\*")
_BOLD = re.compile(r"\*\*(?=\S)((?:[^*\n]|\*(?!\*))+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"\*(?=\S)([^*\n]+?)(?<=\S)\*")
_UNDERLINE = re.compile(r"_(?=\S)([^_\n]+?)(?<=\S)_")


def normalise(text: str) -> str:
    """LF line endings (CRLF and lone CR converted), no BOM, no marker characters."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if any(marker in text for marker in _MARKER_CHARS):  # `in` is far faster than a regex
        text = _MARKERS.sub("", text)
    return text


def _substitute(text: str, spans: Iterable[tuple[int, int, str]]) -> tuple[str, list[int] | None]:
    """Replace each ``(start, end, replacement)`` span (in order, not overlapping); return
    the new text and, per output line, the index of its line in the input.

    ``None`` instead of the list when there was no span (the text is returned unchanged).
    """
    pieces: list[str] = []
    src = [0]
    pos = 0
    line = 0
    for start, end, replacement in spans:
        segment = text[pos:start]
        count = segment.count("\n")
        src.extend(range(line + 1, line + count + 1))
        line += count + text.count("\n", start, end)
        pieces.append(segment)
        pieces.append(replacement)
        pos = end
    if not pieces:
        return text, None
    segment = text[pos:]
    src.extend(range(line + 1, line + segment.count("\n") + 1))
    pieces.append(segment)
    return "".join(pieces), src


def compose(outer: list[int] | None, inner: list[int] | None) -> list[int] | None:
    """Line map of two passes in a row: ``inner`` indexes the output of ``outer``."""
    if inner is None:
        return outer
    if outer is None:
        return inner
    return [outer[i] for i in inner]


def cut_boneyard(text: str) -> tuple[str, list[int] | None, int | None]:
    """Remove ``/* ... */``; lines that held only boneyard (and blanks) are dropped.

    Returns the text, its line map, and the index of the line where a boneyard that is
    never closed opens (it runs to the end of the file), else ``None``.
    """
    if "/*" not in text:
        return text, None, None
    matches = list(_BONEYARD.finditer(text))
    if not matches:
        return text, None, None
    unclosed = None
    last = matches[-1]
    if not last.group().endswith("*/") or last.end() - last.start() < 4:
        unclosed = text.count("\n", 0, last.start())
    marked, src = _substitute(text, ((*m.span(), BONEYARD_MARK) for m in matches))
    assert src is not None  # noqa: S101 - there was at least one span
    kept: list[str] = []
    kept_src: list[int] = []
    for line, origin in zip(marked.split("\n"), src, strict=True):
        if BONEYARD_MARK in line:
            line = line.replace(BONEYARD_MARK, "")  # noqa: PLW2901 - the cleaned line
            if not line.strip():
                continue
        kept.append(line)
        kept_src.append(origin)
    return "\n".join(kept), kept_src, unclosed


def _note_spans(text: str, notes: list[str]) -> Iterator[tuple[int, int, str]]:
    """``[[ ... ]]`` spans that hold no blank line, each replaced by a reference.

    Written with ``str.find`` rather than one regular expression so that unclosed ``[[``
    cost one scan of the text in all, not one each.
    """
    start = text.find("[[")
    end = -1
    while start >= 0:
        if end < start + 2:  # else the "]]" found before is still the first one after start
            end = text.find("]]", start + 2)
            if end < 0:
                return  # no note can close any more
        blank = _BLANK_LINE.search(text, start, end)
        if blank is not None:  # not a note; nor is any "[[" before that blank line
            start = text.find("[[", blank.end())
            continue
        body = text[start + 2 : end].replace(TWO_SPACE_LINE, "")
        notes.append("\n".join(part.strip() for part in body.split("\n")).strip())
        yield start, end + 2, f"{NOTE_MARK}{len(notes) - 1}{NOTE_MARK}"
        start = text.find("[[", end + 2)


def cut_notes(text: str) -> tuple[str, list[int] | None, list[str]]:
    """Replace each ``[[note]]`` by ``\\x01n\\x01``; ``notes[n]`` is its cleaned text.

    A note may span lines but not a blank line (a two-space line is allowed inside).
    """
    if "[[" not in text:
        return text, None, []
    notes: list[str] = []
    marked, src = _substitute(text, _note_spans(text, notes))
    return marked, src, notes


def mark_two_space_lines(text: str) -> str:
    """Turn each line of exactly two spaces into :data:`TWO_SPACE_LINE`."""
    if "\n  \n" not in text and not text.startswith("  \n") and not text.endswith("\n  "):
        return text
    return _TWO_SPACES.sub(TWO_SPACE_LINE, text)


def clean_inline(text: str) -> str:
    """Printed text: emphasis markers removed, ``\\*`` / ``\\_`` escapes made literal."""
    escaped = "\\" in text
    if escaped:
        text = text.replace("\\*", _ESCAPED_STAR).replace("\\_", _ESCAPED_UNDERSCORE)
    if "*" in text:
        text = _BOLD_ITALIC.sub(r"\1", text)
        text = _BOLD.sub(r"\1", text)
        text = _ITALIC.sub(r"\1", text)
    if "_" in text:
        text = _UNDERLINE.sub(r"\1", text)
    if escaped:
        text = text.replace(_ESCAPED_STAR, "*").replace(_ESCAPED_UNDERSCORE, "_")
    return text


def split_note_refs(line: str, notes: list[str]) -> tuple[str, tuple[str, ...]]:
    """A line without its note references, and the texts of those notes (empty ones left out)."""
    found = tuple(t for t in (notes[int(n)] for n in NOTE_REF.findall(line)) if t)
    return NOTE_REF.sub("", line), found
