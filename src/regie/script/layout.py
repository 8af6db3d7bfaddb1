# SPDX-License-Identifier: AGPL-3.0-or-later
"""Scene lengths in eighths of a page, from the text laid out on standard screenplay pages.

Method (documented in ARCHITECTURE.md, "Eighths"):

1. Each element is wrapped at the width of its column on the customary US-letter,
   Courier 12 pt page (10 characters and 6 lines per inch): action and headings 6.0 in
   (60 characters), dialogue 3.5 in (35), parentheticals 2.5 in (25); a cue or a transition
   is one line. Each element but dialogue and parentheticals inside a speech is preceded by
   one blank line. Dual dialogue takes the height of its taller column, each column
   wrapped at half width.
2. The lines are paginated at :attr:`PageFormat.lines_per_page` body lines (55 on US
   letter: 9 in between 1 in margins at 6 lines per inch, plus the line the customary
   0.5 in header margin frees; this gives screenplain's page counts of the corpus ±2 %),
   with the usual pagination rules: a blank line is never
   printed at the top of a page; a heading is never the last thing on a page (it moves
   with two lines of what follows); a cue stays with at least one line of its speech;
   a speech broken by a page gets a ``(MORE)`` line and a ``NAME (CONT'D)`` line; an action
   paragraph splits only with two lines or more on each side; ``===`` forces a page.
3. A scene runs from its heading to the next heading. On each page it touches, its share
   is ``lines × 8 / lines_per_page`` rounded *up* to the next eighth (a started eighth
   counts, so a scene is never 0 on a stripboard); the scene's length is the sum of its
   shares. Rounding up is what Final Draft does: on the five scenes of the corpus whose
   lengths Final Draft stored (TestFDX-FD, sample-06), rounding up matches all five,
   rounding to the nearest eighth only three.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from regie.script.model import DualSide, ElementKind, ScriptElement


@dataclass(frozen=True, slots=True)
class PageFormat:
    """A page model: body lines per page and column widths in characters."""

    name: str
    lines_per_page: int
    action_width: int = 60
    dialogue_width: int = 35
    parenthetical_width: int = 25
    dual_width: int = 28


US_LETTER = PageFormat(name="US letter, Courier 12", lines_per_page=55)
# A4 is 0.69 in taller than letter: four more body lines at 6 lines per inch.
A4 = PageFormat(name="A4, Courier 12", lines_per_page=59)

_NOT_PRINTED = frozenset(
    {ElementKind.SECTION, ElementKind.SYNOPSIS, ElementKind.NOTE, ElementKind.PAGE_BREAK}
)
_IN_SPEECH = frozenset({ElementKind.DIALOGUE, ElementKind.PARENTHETICAL})


@dataclass(frozen=True, slots=True)
class SceneExtent:
    eighths: int
    first_page: int
    last_page: int


def _paragraph_lines(para: str, width: int) -> int:
    """Greedy word wrap of one paragraph: one ``rfind`` per printed line."""
    size = len(para)
    start = 0
    lines = 1
    while size - start > width:
        cut = para.rfind(" ", start, start + width + 1)
        if cut <= start:  # a word longer than the column is cut where the column ends
            start += width
        else:
            start = cut + 1
            while start < size and para[start] == " ":
                start += 1
        if start < size:
            lines += 1
    return lines


def wrapped_lines(text: str, width: int) -> int:
    """How many lines ``text`` takes when word-wrapped at ``width`` characters."""
    if len(text) <= width and "\n" not in text:
        return 1
    return sum(
        1 if len(para) <= width else _paragraph_lines(para, width) for para in text.split("\n")
    )


def _widths(fmt: PageFormat) -> dict[tuple[ElementKind, bool], int]:
    """Column width per (kind, in a dual block); kinds absent print one line."""
    widths: dict[tuple[ElementKind, bool], int] = {}
    for kind in ElementKind:
        for dual in (False, True):
            if kind is ElementKind.DIALOGUE:
                width = fmt.dual_width if dual else fmt.dialogue_width
            elif kind is ElementKind.PARENTHETICAL:
                width = fmt.dual_width - 4 if dual else fmt.parenthetical_width
            elif kind is ElementKind.LYRIC:
                width = fmt.dialogue_width
            else:
                width = fmt.action_width
            widths[kind, dual] = width
    return widths


# A block is one element, or a whole dual-dialogue block:
# (kind, lines, blank lines before it, owner = scene position (0: preamble), forced page)
_Block = tuple[ElementKind, int, int, int, bool]
_ONE_LINE = frozenset({ElementKind.CHARACTER, ElementKind.TRANSITION})


def _blocks(groups: Sequence[Sequence[ScriptElement]], fmt: PageFormat) -> list[_Block]:
    widths = _widths(fmt)
    blocks: list[_Block] = []
    append = blocks.append
    page_break, left_side = ElementKind.PAGE_BREAK, DualSide.LEFT
    for owner, elements in enumerate(groups):
        i, count = 0, len(elements)
        while i < count:
            el = elements[i]
            kind = el.kind
            if kind in _NOT_PRINTED:
                if kind is page_break:
                    append((kind, 0, 0, owner, True))
                i += 1
                continue
            if el.dual is not None:
                left = right = 0
                while i < count and elements[i].dual is not None:
                    part = elements[i]
                    height = (
                        1
                        if part.kind in _ONE_LINE
                        else wrapped_lines(part.text, widths[part.kind, True])
                    )
                    if part.dual is left_side:
                        left += height
                    else:
                        right += height
                    i += 1
                append((ElementKind.DIALOGUE, max(left, right), 1, owner, False))
                continue
            lines = 1 if kind in _ONE_LINE else wrapped_lines(el.text, widths[kind, False])
            append((kind, lines, 0 if kind in _IN_SPEECH else 1, owner, False))
            i += 1
    return blocks


def lay_out(
    groups: Sequence[Sequence[ScriptElement]], fmt: PageFormat = US_LETTER
) -> tuple[list[SceneExtent], int]:
    """Paginate ``groups`` (index 0: elements before the first heading; then one group per
    scene, its heading first) and return one :class:`SceneExtent` per scene and the number
    of body pages."""
    per_page = fmt.lines_per_page
    blocks = _blocks(groups, fmt)
    # usage[owner] = {page: lines of that scene on that page}
    usage: list[dict[int, int]] = [{} for _ in groups]
    page, used = 1, 0
    heading, character = ElementKind.HEADING, ElementKind.CHARACTER
    splittable = (ElementKind.ACTION, ElementKind.DIALOGUE)

    for n, (kind, lines, space_before, owner, force_page) in enumerate(blocks):
        pages = usage[owner]
        if force_page:
            if used:
                page, used = page + 1, 0
            continue
        space = space_before if used else 0
        room = per_page - used - space
        need = lines
        if kind is heading:
            need = lines + 1 + (min(2, blocks[n + 1][1]) if n + 1 < len(blocks) else 0)
        elif kind is character:
            need = 2
        if need <= room and lines <= room:
            used += space + lines
            pages[page] = pages.get(page, 0) + space + lines
            continue
        remaining = lines
        if kind in splittable and room >= 2 and remaining - room >= 2:
            speech = kind is ElementKind.DIALOGUE
            first = room - 1 if speech else room  # (MORE) takes a line
            pages[page] = pages.get(page, 0) + space + room
            remaining -= first
            page, used = page + 1, 0
            if speech:  # NAME (CONT'D) at the top of the next page
                pages[page] = 1
                used = 1
        else:
            page, used = page + 1, 0
        while remaining > per_page - used:
            chunk = per_page - used
            pages[page] = pages.get(page, 0) + chunk
            remaining -= chunk
            page, used = page + 1, 0
        if remaining:
            pages[page] = pages.get(page, 0) + remaining
            used += remaining

    extents: list[SceneExtent] = []
    for pages in usage[1:]:
        if not pages:
            extents.append(SceneExtent(1, page, page))
            continue
        eighths = sum(max(1, -(-lines * 8 // per_page)) for lines in pages.values())
        extents.append(SceneExtent(eighths, min(pages), max(pages)))
    last_page = page if used or page == 1 else page - 1
    return extents, last_page
