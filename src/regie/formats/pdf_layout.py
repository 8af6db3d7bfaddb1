# SPDX-License-Identifier: AGPL-3.0-or-later
"""What a screenplay PDF's layout says: its indents, its page furniture, its scene numbers.

A screenplay is typeset on a few fixed left indents: headings and action share the leftmost
margin; dialogue, parentheticals and character cues sit further right; transitions are right
aligned. Standard US-letter Courier 12 puts them at 1.5 in, 2.5 in, ~3.0 in, ~3.7 in and
~6 in from the paper edge, but every tool differs a little (screenplain's cues are at 3.4 in),
so :func:`learn_indents` learns them from the document and falls back to the standard offsets
only when a document is too short to show them.

Page furniture is removed here: page numbers, ``(MORE)``, ``(CONTINUED)`` / ``CONTINUED:``
and their French forms, and the running header of each page. Scene numbers printed in the
margins next to a heading are lifted out of the text into :attr:`BodyLine.scene_number`.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from regie.formats.pdf_text import PrintedLine, Segment
from regie.script.heading import looks_like_heading

INCH = 72.0

_SCENE_NUMBER = re.compile(r"^[A-Z]{0,2}\d{1,4}[A-Z]{0,3}\.?$")
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.)\s*)?\d{1,4}[A-Z]?\.?(?:\s*/\s*\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$",
    re.IGNORECASE,
)
_MORE = re.compile(r"^\((?:MORE|PLUS|[ÀA] SUIVRE)\)$")
_CONTINUED = re.compile(
    r"^(?:\((?:CONTINUED|SUITE)\)|(?:CONTINUED|SUITE)\s*:(?:\s*\(\d+\))?|\((?:CONT'D|CONT’D)\))$"
)


@dataclass(frozen=True, slots=True)
class BodyLine:
    """A printed line of the script body, furniture removed.

    ``page`` is the 1-based body page (title page not counted), ``number`` the line's
    1-based position among the text lines of that page. ``segments`` exclude the margin
    scene numbers, which are in ``scene_number``.
    """

    page: int
    number: int
    top: float
    bottom: float
    segments: tuple[Segment, ...]
    scene_number: str | None = None

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.segments)

    @property
    def emphasised(self) -> bool:
        """Bold or underlined throughout (how some tools print headings)."""
        return all(s.bold or s.underlined for s in self.segments)


@dataclass(frozen=True, slots=True)
class Indents:
    """Left edges (points from the paper's left edge) of the document's element types."""

    action: float
    dialogue: float
    parenthetical: float
    cue: float
    right: float  # right edge of the text body (where right-aligned transitions end)
    char: float  # width of one character: the unit of every tolerance here
    pitch: float  # distance between the tops of two consecutive lines of a paragraph

    @property
    def centre(self) -> float:
        return (self.action + self.right) / 2

    def near(self, x: float, target: float, chars: float = 2.0) -> bool:
        return abs(x - target) <= chars * self.char


def _mode(values: Iterable[float], bin_width: float = 2.0) -> float | None:
    """The most common value, binned (ties: the smallest), as the mean of its bin."""
    bins: dict[int, list[float]] = {}
    for value in values:
        bins.setdefault(round(value / bin_width), []).append(value)
    if not bins:
        return None
    key = max(sorted(bins), key=lambda k: len(bins[k]))
    members = bins[key]
    return sum(members) / len(members)


def char_width(lines: Iterable[PrintedLine]) -> float:
    """Average advance of one character over long segments (Courier 12: 7.2 pt)."""
    widths = sorted(
        (s.x1 - s.x0) / len(s.text) for line in lines for s in line.segments if len(s.text) >= 12
    )
    if not widths:
        return 7.2
    return widths[len(widths) // 2]


def action_margin(lines: Sequence[PrintedLine]) -> float:
    """The leftmost common margin, where headings and action start.

    The leftmost start (of each line's widest segment, so that margin scene numbers do not
    count) shared by at least 5 % of the lines: dialogue may outnumber action in a talky
    script, but it never starts left of it.
    """
    starts = [max(line.segments, key=lambda s: s.x1 - s.x0).x0 for line in lines]
    bins: dict[int, list[float]] = {}
    for x in starts:
        bins.setdefault(round(x / 2.0), []).append(x)
    needed = max(2, int(0.05 * len(starts)))
    for key in sorted(bins):
        if len(bins[key]) >= needed:
            return sum(bins[key]) / len(bins[key])
    found = _mode(starts)
    return found if found is not None else 1.5 * INCH


def line_pitch(lines: Sequence[PrintedLine]) -> float:
    diffs = [
        b.top - a.top
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and 0.8 * a.size <= b.top - a.top <= 1.6 * a.size
    ]
    found = _mode(diffs, 0.5)
    if found is not None:
        return found
    sizes = [line.size for line in lines]
    return sizes[len(sizes) // 2] if sizes else 12.0


def split_margin_numbers(
    line: PrintedLine, action: float, right: float, char: float
) -> tuple[tuple[Segment, ...], str | None]:
    """Lift scene numbers printed in the left/right margin out of a heading line."""
    segments = list(line.segments)
    number: str | None = None
    first = segments[0]
    if len(segments) >= 2 and _SCENE_NUMBER.match(first.text) and first.x1 < action - char:
        number = segments.pop(0).text.rstrip(".")
    if (
        len(segments) >= 2
        and _SCENE_NUMBER.match(segments[-1].text)
        and segments[-1].x0 >= right - 6 * char
        and segments[-1].x0 - segments[-2].x1 >= 3 * char
    ):
        right_number = segments.pop().text.rstrip(".")
        number = number or right_number
    return tuple(segments), number


def is_page_number(line: PrintedLine, action: float, right: float, char: float) -> bool:
    """A page number line: the number right of centre or centred (``12.``, ``- 12 -``),
    possibly after a running header (``Blue Rev. 03/02/25   12.``) — but not a numbered
    heading, whose number is also printed in the left margin."""
    last = line.segments[-1]
    if not _PAGE_NUMBER.match(last.text):
        return False
    centre = (action + right) / 2
    placed = last.x0 >= action + 3 * INCH or abs((last.x0 + last.x1) / 2 - centre) <= 4 * char
    if not placed or len(line.segments) == 1:
        return placed
    first = line.segments[0]
    numbered = _SCENE_NUMBER.match(first.text) is not None and first.x1 < action - char
    others = " ".join(s.text for s in line.segments[:-1])
    return not numbered and not looks_like_heading(others)


def is_more(text: str) -> bool:
    return bool(_MORE.match(text.strip()))


def is_continued(text: str) -> bool:
    return bool(_CONTINUED.match(text.strip()))


def body_lines(
    pages: Sequence[tuple[PrintedLine, ...]], action: float, right: float, char: float
) -> tuple[list[BodyLine], set[int]]:
    """The body lines of ``pages`` (numbered from 1) and the body pages ending in (MORE).

    Removes the page number at the top or bottom of each page, a running header above the
    body's usual first line, (MORE) and CONTINUED lines; lifts margin scene numbers.
    """
    cleaned: list[list[PrintedLine]] = []
    for lines in pages:
        kept = list(lines)
        if kept and is_page_number(kept[0], action, right, char):
            kept.pop(0)
        if kept and is_page_number(kept[-1], action, right, char):
            kept.pop()
        cleaned.append(kept)
    first_tops = [kept[0].top for kept in cleaned if kept]
    usual_top = _mode(first_tops, 1.0)
    result: list[BodyLine] = []
    more_pages: set[int] = set()
    for index, kept in enumerate(cleaned, start=1):
        number = 0
        for position, line in enumerate(kept):
            segments, scene_number = split_margin_numbers(line, action, right, char)
            if not segments:
                continue
            text = " ".join(s.text for s in segments)
            if is_more(text):
                more_pages.add(index)
                continue
            if is_continued(text):
                continue
            if (
                position == 0
                and usual_top is not None
                and line.top < usual_top - line.size
                and scene_number is None
                and len(kept) > 1
            ):
                continue  # running header (revision label, title) above the body
            number += 1
            result.append(
                BodyLine(
                    page=index,
                    number=number,
                    top=line.top,
                    bottom=line.bottom,
                    segments=segments,
                    scene_number=scene_number,
                )
            )
    return result, more_pages


def learn_indents(
    lines: Sequence[BodyLine], action: float, right: float, char: float, pitch: float
) -> Indents:
    """Dialogue, parenthetical and cue indents as the document uses them.

    Dialogue: the commonest start of mixed-case lines 0.4–1.7 in right of the action margin.
    Cue: the commonest start of upper-case lines directly followed by dialogue or a
    parenthetical. Parenthetical: the commonest start of lines opening with "(" between the
    two. Each falls back to the standard offset (1.0 in, 1.5 in, 2.0 in) when unseen.
    """
    single = [line for line in lines if len(line.segments) == 1]
    dialogue = _mode(
        line.x0
        for line in single
        if action + 0.4 * INCH <= line.x0 <= action + 1.7 * INCH
        and not line.text.startswith("(")
        and line.text != line.text.upper()
    )
    dialogue = dialogue if dialogue is not None else action + 1.0 * INCH
    cues: list[float] = []
    parens: list[float] = []
    for above, below in itertools.pairwise(lines):
        if above.page != below.page or below.top - above.top > 1.5 * pitch:
            continue
        if len(above.segments) != 1 or len(below.segments) != 1:
            continue
        follows_as_dialogue = abs(below.x0 - dialogue) <= 2 * char or below.text.startswith("(")
        text = above.text
        if (
            follows_as_dialogue
            and above.x0 > dialogue + 3 * char
            and text == text.upper()
            and any(c.isalpha() for c in text)
        ):
            cues.append(above.x0)
        if below.text.startswith("(") and below.x0 > dialogue:
            parens.append(below.x0)
    cue = _mode(cues)
    cue = cue if cue is not None else action + 2.0 * INCH
    paren = _mode(p for p in parens if p < cue - char)
    paren = paren if paren is not None else (dialogue + cue) / 2
    return Indents(
        action=action,
        dialogue=dialogue,
        parenthetical=paren,
        cue=cue,
        right=right,
        char=char,
        pitch=pitch,
    )


def text_right_edge(lines: Sequence[PrintedLine], action: float, char: float) -> float:
    """Right edge of the body: a high quantile of where action lines end."""
    ends = sorted(s.x1 for line in lines for s in line.segments if abs(s.x0 - action) <= 2 * char)
    if not ends:
        return action + 6.0 * INCH
    return ends[min(len(ends) - 1, int(len(ends) * 0.98))]


def with_segments(line: BodyLine, segments: Sequence[Segment]) -> BodyLine:
    return replace(line, segments=tuple(segments))


def common_size(pages: Sequence[tuple[PrintedLine, ...]]) -> float:
    counts = Counter(round(line.size, 1) for lines in pages for line in lines)
    return counts.most_common(1)[0][0] if counts else 12.0
