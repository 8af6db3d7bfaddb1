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
   0.5 in header margin frees; this gives screenplain's page counts of the corpus ±2 %), with the usual pagination rules: a blank line is never
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


def wrapped_lines(text: str, width: int) -> int:
    """How many lines ``text`` takes when word-wrapped at ``width`` characters."""
    total = 0
    for para in text.split("\n"):
        if len(para) <= width:
            total += 1
            continue
        lines = 1
        current = 0
        for word in para.split():
            size = len(word)
            if current == 0:
                extra, current = divmod(size, width)
                lines += extra if current else extra - 1
                current = current or width
            elif current + 1 + size <= width:
                current += 1 + size
            else:
                lines += 1
                extra, current = divmod(size, width)
                lines += extra if current else extra - 1
                current = current or width
        total += lines
    return total


def _width(kind: ElementKind, fmt: PageFormat, dual: bool) -> int:
    if kind is ElementKind.DIALOGUE:
        return fmt.dual_width if dual else fmt.dialogue_width
    if kind is ElementKind.PARENTHETICAL:
        return fmt.dual_width - 4 if dual else fmt.parenthetical_width
    if kind is ElementKind.LYRIC:
        return fmt.dialogue_width
    return fmt.action_width


@dataclass(slots=True)
class _Block:
    """A unit of layout: one element, or a whole dual-dialogue block."""

    kind: ElementKind
    lines: int
    space_before: int
    owner: int  # scene position (0 = preamble)
    force_page: bool = False


def _element_lines(el: ScriptElement, fmt: PageFormat) -> int:
    if el.kind in (ElementKind.CHARACTER, ElementKind.TRANSITION):
        return 1
    return wrapped_lines(el.text, _width(el.kind, fmt, el.dual is not None))


def _blocks(groups: Sequence[Sequence[ScriptElement]], fmt: PageFormat) -> list[_Block]:
    blocks: list[_Block] = []
    for owner, elements in enumerate(groups):
        i = 0
        while i < len(elements):
            el = elements[i]
            if el.kind is ElementKind.PAGE_BREAK:
                blocks.append(_Block(el.kind, 0, 0, owner, force_page=True))
                i += 1
                continue
            if el.kind in _NOT_PRINTED:
                i += 1
                continue
            if el.dual is not None:
                left = right = 0
                while i < len(elements) and elements[i].dual is not None:
                    part = elements[i]
                    height = _element_lines(part, fmt)
                    if part.dual is DualSide.LEFT:
                        left += height
                    else:
                        right += height
                    i += 1
                blocks.append(_Block(ElementKind.DIALOGUE, max(left, right), 1, owner))
                continue
            space = 0 if el.kind in _IN_SPEECH else 1
            blocks.append(_Block(el.kind, _element_lines(el, fmt), space, owner))
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
    # lines[owner] = {page: lines of that scene on that page}
    usage: list[dict[int, int]] = [{} for _ in groups]
    page, used = 1, 0

    def put(owner: int, count: int) -> None:
        nonlocal used
        if count:
            usage[owner][page] = usage[owner].get(page, 0) + count
            used += count

    def new_page() -> None:
        nonlocal page, used
        page += 1
        used = 0

    for n, block in enumerate(blocks):
        if block.force_page:
            if used:
                new_page()
            continue
        space = block.space_before if used else 0
        room = per_page - used - space
        need = block.lines
        if block.kind is ElementKind.HEADING:
            following = blocks[n + 1].lines if n + 1 < len(blocks) else 0
            need = block.lines + 1 + min(2, following)
        elif block.kind is ElementKind.CHARACTER:
            need = 2
        if need <= room and block.lines <= room:
            put(block.owner, space)
            put(block.owner, block.lines)
            continue
        remaining = block.lines
        splittable = block.kind in (ElementKind.ACTION, ElementKind.DIALOGUE)
        if splittable and room >= 2 and remaining - room >= 2:
            put(block.owner, space)
            speech = block.kind is ElementKind.DIALOGUE
            first = room - 1 if speech else room  # (MORE) takes a line
            put(block.owner, first)
            if speech:
                put(block.owner, 1)
            remaining -= first
            new_page()
            if speech:
                put(block.owner, 1)  # NAME (CONT'D)
        else:
            new_page()
        while remaining > per_page - used:
            chunk = per_page - used
            put(block.owner, chunk)
            remaining -= chunk
            new_page()
        put(block.owner, remaining)

    extents: list[SceneExtent] = []
    for pages in usage[1:]:
        if not pages:
            extents.append(SceneExtent(1, page, page))
            continue
        eighths = sum(max(1, -(-lines * 8 // per_page)) for lines in pages.values())
        extents.append(SceneExtent(eighths, min(pages), max(pages)))
    last_page = page if used or page == 1 else page - 1
    return extents, last_page
