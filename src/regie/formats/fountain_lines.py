# SPDX-License-Identifier: AGPL-3.0-or-later
"""What one Fountain line is, on its own: heading, cue, line-prefixed element.

Pure functions over a stripped line (leading and trailing white space removed); whether
the line stands after a blank line or before dialogue is the paragraph reader's business
(:mod:`regie.formats.fountain_body`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from regie.formats.fountain_inline import TWO_SPACE_LINE
from regie.script.cues import split_cue
from regie.script.heading import looks_like_heading
from regie.script.model import ElementKind

Cue = tuple[str, str | None, bool]

# Fountain 1.1: INT, EXT, EST, INT./EXT, INT/EXT or I/E, then a dot or a space (any case).
_HEADING = re.compile(r"(?:int\./ext|int/ext|int|ext|est|i/e)[. ]", re.IGNORECASE)
_SCENE_NUMBER = re.compile(r"#([\w.\-]+)#$")
# First characters of a standard heading, and of the French forms looks_like_heading takes.
HEADING_LEADS = frozenset("IiEe")
_FOURTH = frozenset("./ ")
FRENCH_HEADING_LEADS = frozenset("SIE0123456789")
ANY_HEADING_LEADS = HEADING_LEADS | FRENCH_HEADING_LEADS
# First characters that force an element, or make a line-prefixed one inside action.
FORCING_LEADS = frozenset("@.!>~#=")
LINE_LEADS = frozenset("!>~#=")
# No real cue comes near this length (``GIDEON, TEX & SCOBIE (O.S.) (CONT'D)``: 36); the
# bound keeps a long upper-case line from costing a cue analysis it cannot pass.
LONGEST_CUE = 120


def is_heading(text: str, *, strict: bool) -> bool:
    """A scene heading by its prefix (the blank line before it is checked by the caller).

    ``strict``: Fountain 1.1 only. Otherwise also the French forms of
    :func:`regie.script.heading.looks_like_heading` (``INTÉRIEUR``, ``SÉQ. 3 - EXT.``,
    ``12. INT.``, ``EXT/INT.``), which must be written in upper case.
    """
    lead = text[0]
    # "INT." "EXT " "I/E " "INT/": the fourth character settles most lines without the regex.
    if lead in HEADING_LEADS and text[3:4] in _FOURTH:
        match = _HEADING.match(text)
        if match is not None and text[match.end() :].strip():
            return True
    if strict or lead not in FRENCH_HEADING_LEADS:
        return False
    # Each French form holds one of these; the test spares a regular expression per cue.
    if "INT" in text or "EXT" in text or "/" in text or "EST" in text:
        return looks_like_heading(text)
    return False


def split_scene_number(text: str) -> tuple[str, str | None]:
    """``INT. HOUSE - DAY #1A#`` → (``INT. HOUSE - DAY``, ``1A``)."""
    if text.endswith("#"):
        match = _SCENE_NUMBER.search(text)
        if match is not None:
            return text[: match.start()].strip(), match.group(1)
    return text.strip(), None


def cue_of(text: str) -> Cue | None:
    """``(name, extension, caret)`` of an upper-case cue line, else ``None``.

    The name (extension and caret removed) must be upper case with at least one cased
    letter and start with a letter or digit; the extension may be in any case. A line
    ending in a colon (``CUT TO:``, ``FADE IN:``) or longer than :data:`LONGEST_CUE` is
    never a cue.
    """
    head = text.split("(", 1)[0]
    if not head.isupper() or text[-1] == ":" or len(text) > LONGEST_CUE:
        return None
    if "(" in text or "^" in text or "@" in text or "’" in text:
        cue = split_cue(text)
        name = cue[0]
    else:  # the common case: what split_cue gives, without its regular expressions
        name = " ".join(text.split()) if "  " in text or "\t" in text else text
        cue = (name, None, False)
    if name.lstrip("*_")[:1].isalnum() and name.isupper():
        return cue
    return None


def forced_cue(text: str) -> Cue | None:
    """A cue forced with ``@`` (any case), or ``None`` for a bare ``@`` or an overlong line."""
    if len(text) < 2 or len(text) > LONGEST_CUE:
        return None
    return split_cue(text)


def prefixed(text: str) -> tuple[ElementKind, str, bool]:
    """``(kind, text, forced)`` of a line starting with ``>``, ``~``, ``#`` or ``=``."""
    lead = text[0]
    if text in (">", "><"):  # nothing to print: the characters themselves, as action
        return ElementKind.ACTION, text, False
    if lead == ">":
        if len(text) > 1 and text.endswith("<"):
            return ElementKind.CENTERED, text[1:-1].strip(), False
        return ElementKind.TRANSITION, text[1:].strip(), True
    if lead == "~":
        return ElementKind.LYRIC, text[1:].strip(), False
    if lead == "#":
        return ElementKind.SECTION, text.lstrip("#").strip(), False
    if len(text) >= 3 and not text.strip("="):
        return ElementKind.PAGE_BREAK, "", False
    return ElementKind.SYNOPSIS, text[1:].strip(), False


def closing_line(lines: Sequence[str], start: int) -> int:
    """Where a parenthetical opened on ``lines[start]`` and wrapped by hand closes.

    Up to three more lines are looked at; ``start`` when none of them closes it (a line
    that opens another parenthetical, or a two-space line, ends the search).
    """
    for j in range(start + 1, min(start + 4, len(lines))):
        text = lines[j].strip()
        if text.startswith("(") or text == TWO_SPACE_LINE:
            break
        if text.endswith(")"):
            return j
    return start
