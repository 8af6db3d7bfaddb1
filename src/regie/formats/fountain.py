# SPDX-License-Identifier: AGPL-3.0-or-later
"""Fountain 1.1 (``.fountain`` plain text) to a :class:`~regie.script.model.ParsedScript`.

One pass over the text per step, in this order:

1. decode (:func:`regie.formats.guards.decode_text`: empty, binary, oversized, encoding),
   LF line endings;
2. boneyard ``/* */`` removed, then notes ``[[ ]]`` replaced by references to their text
   (:mod:`regie.formats.fountain_inline`), keeping a map to the original line numbers;
3. the title page (``Key: value`` lines at the very top, up to the first blank line);
4. the body, paragraph by paragraph (:mod:`regie.formats.fountain_body`).

``strict=True`` reads scene headings exactly as the Fountain spec says; the default also
accepts French headings (``INTÉRIEUR ...``, ``SÉQ. 3 - EXT. ...``, ``12. INT. ...``,
``EXT/INT.``) that a French writer would not think of forcing with a ``.``.
"""

from __future__ import annotations

import re

from regie.core.errors import ParseError
from regie.core.text import t
from regie.formats.fountain_body import BodyReader
from regie.formats.fountain_inline import (
    NOTE_MARK,
    NOTE_REF,
    TWO_SPACE_LINE,
    clean_inline,
    compose,
    cut_boneyard,
    cut_notes,
    mark_two_space_lines,
    normalise,
)
from regie.formats.guards import MAX_SCRIPT_BYTES, check_size, decode_text
from regie.script.model import ParsedScript

# What separates paragraphs: one or more blank (empty or whitespace-only) lines.
_BLANK_LINES = re.compile(r"(\n(?:[^\S\n]*\n)+)")
# A title-page key line: "Title: ...", "Draft date:", "Titre :" (French space before colon).
_TITLE_KEY = re.compile(r"([^\W\d_][\w '’.\-/]{0,40}?)[ \t]*:[ \t]*(.*)")
_TITLE_KEYS = frozenset(
    (
        "title",
        "credit",
        "author",
        "authors",
        "source",
        "draft date",
        "date",
        "contact",
        "copyright",
        "notes",
        "revision",
        "episode",
        "series",
        "writer",
        "writers",
        "written by",
        "titre",
        "crédit",
        "auteur",
        "auteurs",
        "auteure",
        "autrice",
        "d'après",
        "version",
        "épisode",
        "série",
        "saison",
        "droits",
    )
)
_HEADING_START = re.compile(r"(?:int|ext|est|i/e)[. ]", re.IGNORECASE)


def parse_fountain(
    data: bytes | str, *, filename: str = "<fountain>", strict: bool = False
) -> ParsedScript:
    """Read a Fountain script into its flat, ordered elements and title page.

    Raises :class:`ParseError` (naming ``filename``) only when the file cannot be a script:
    empty, binary, too large, undecodable, or with no body after the title page. Anything
    else that looks odd is read as text (Fountain's own rule: unknown syntax is action).
    """
    text = _to_text(data, filename)
    text, nums, unclosed = cut_boneyard(text)
    text = mark_two_space_lines(text)
    text, note_src, notes = cut_notes(text)
    nums = compose(nums, note_src)
    text = clean_inline(text)  # emphasis never spans lines: one pass over the whole text
    line_numbers = (
        [n + 1 for n in nums] if nums is not None else list(range(1, text.count("\n") + 2))
    )

    reader = BodyReader(line_numbers, notes, strict=strict)
    title_page: tuple[tuple[str, str], ...] = ()
    # Paragraphs and the blank lines between them; two newlines are added in front so
    # that parts[0] is empty and parts[1] a separator, whatever the text starts with.
    parts = _BLANK_LINES.split("\n\n" + text + "\n\n")
    line = parts[1].count("\n") - 2
    k = 2
    if len(parts) > 2 and parts[2] and _is_title_page(parts[2]):
        title_page, rest, rest_line = _title_page(parts[2], line)
        if rest:
            reader.block(rest, rest_line)
        line += parts[2].count("\n") + parts[3].count("\n")
        k = 4
    reader.read(parts, k, line)
    if not reader.elements:
        raise ParseError(
            t("the file has a title page but no script body")
            if title_page
            else t("the file holds no script text (only comments, blank lines or markup)"),
            file=filename,
            hint=t(
                "Check that this is the Fountain script itself; the body starts after "
                "the first blank line that follows the title page"
            ),
        )
    warnings = reader.warnings
    if unclosed is not None:
        warnings.insert(
            0,
            f"line {unclosed + 1}: a boneyard '/*' is never closed with '*/'; "
            "everything after it was left out",
        )
    return ParsedScript(
        source_format="fountain",
        elements=tuple(reader.elements),
        title_page=title_page,
        warnings=tuple(warnings),
    )


def _to_text(data: bytes | str, filename: str) -> str:
    if isinstance(data, bytes):
        return normalise(decode_text(data, filename=filename, kind="Fountain"))
    if len(data) > MAX_SCRIPT_BYTES // 4:
        check_size(data.encode("utf-8", "surrogatepass"), filename=filename)
    if not data.strip():
        raise ParseError(
            t("the file is empty") if not data else t("the file holds only blank space"),
            file=filename,
            hint=t("Choose the script file itself, not a blank"),
        )
    return normalise(data)


def _is_title_page(block: str) -> bool:
    """The first paragraph is a title page when it starts with ``Key: value``.

    A lone ``FADE IN:`` or a heading with a colon is not one: the key must be a known
    title-page key, or a second line must also be a key line.
    """
    first, _, rest = block.partition("\n")
    match = _TITLE_KEY.fullmatch(first.rstrip())
    if match is None or _HEADING_START.match(first):
        return False
    key = " ".join(NOTE_REF.sub("", match.group(1)).split()).lower()
    if key in _TITLE_KEYS:
        return True
    return any(
        _TITLE_KEY.fullmatch(line.rstrip()) and not _HEADING_START.match(line)
        for line in rest.split("\n")
        if line[:1] not in " \t"
    )


def _title_page(block: str, line: int) -> tuple[tuple[tuple[str, str], ...], str, int]:
    """Parse the title page; return it, and what follows a two-space line and its index."""
    lines = block.split("\n")
    rest = ""
    if TWO_SPACE_LINE in lines:  # a whitespace-only line: the title page ends there
        cut = lines.index(TWO_SPACE_LINE)
        rest = "\n".join(lines[cut + 1 :])
        lines = lines[:cut]
        line += cut + 1
    pairs: list[tuple[str, list[str]]] = []
    for raw in lines:
        # Notes on the title page are not printed and carry no breakdown data: dropped.
        text = NOTE_REF.sub("", raw) if NOTE_MARK in raw else raw
        match = _TITLE_KEY.fullmatch(text.rstrip()) if raw[:1] not in " \t" else None
        if match is not None:
            value = match.group(2).strip()
            pairs.append((match.group(1).strip(), [value] if value else []))
        elif pairs and text.strip():
            pairs[-1][1].append(text.strip())
    page = tuple((key, "\n".join(values)) for key, values in pairs)
    return page, rest, line
