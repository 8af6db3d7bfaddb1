# SPDX-License-Identifier: AGPL-3.0-or-later
"""Frozen records of a screenplay as regie understands it, whatever the source format.

Flow: a format adapter (``regie.formats.fountain`` / ``fdx`` / ``pdf_script``) turns a file
into a :class:`ParsedScript` — a flat, ordered tuple of typed :class:`ScriptElement` —
then :func:`regie.script.assemble.assemble` groups it into :class:`Scene` records with their
heading split (INT/EXT, set, time of day), speaking characters and length in eighths, giving
a :class:`Screenplay`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ElementKind(StrEnum):
    """Paragraph types common to Fountain, Final Draft and laid-out PDF."""

    HEADING = "heading"
    ACTION = "action"
    CHARACTER = "character"
    DIALOGUE = "dialogue"
    PARENTHETICAL = "parenthetical"
    TRANSITION = "transition"
    CENTERED = "centered"
    LYRIC = "lyric"
    SHOT = "shot"
    PAGE_BREAK = "page_break"
    SECTION = "section"
    SYNOPSIS = "synopsis"
    NOTE = "note"


class DualSide(StrEnum):
    """Which column of a dual-dialogue block an element prints in."""

    LEFT = "left"
    RIGHT = "right"


class Light(StrEnum):
    """Day/night category derived from the time of day written in a heading."""

    DAY = "day"
    NIGHT = "night"
    DAWN = "dawn"
    DUSK = "dusk"
    UNKNOWN = "unknown"


class IntExt(StrEnum):
    INT = "INT"
    EXT = "EXT"
    INT_EXT = "INT/EXT"


class LengthSource(StrEnum):
    """Where a scene's eighths come from."""

    STORED = "stored"  # written by the authoring tool (Final Draft SceneProperties/@Length)
    LAYOUT = "layout"  # computed by laying the text out on standard pages (regie.script.layout)
    MEASURED = "measured"  # measured from positions on the printed pages (PDF)


@dataclass(frozen=True, slots=True)
class PageSpan:
    """Vertical extent of an element on printed pages, in points from the top of the page.

    Only PDF import fills it; ``top`` is on ``first_page``, ``bottom`` on ``last_page``.
    """

    first_page: int
    top: float
    last_page: int
    bottom: float


@dataclass(frozen=True, slots=True)
class ScriptElement:
    """One paragraph of a screenplay.

    ``text``: the printed text with markup (emphasis, notes, boneyard) removed, lines joined
    with ``\\n``. For a CHARACTER element ``text`` is the cue without its extension, caret or
    ``@``; ``extension`` holds what stood in parentheses (``"V.O."``, ``"OFF"``, ``"CONT'D"``).
    ``line`` is the 1-based source line (Fountain), paragraph index (FDX) or printed line
    number (PDF) where the element starts — used in error messages and reports.
    ``page``: the printed page it starts on where the source knows it (PDF, FDX with
    SceneProperties), else ``None``.
    """

    kind: ElementKind
    text: str
    line: int | None = None
    page: int | None = None
    forced: bool = False
    scene_number: str | None = None  # HEADING only: #12A# in Fountain, Number= in FDX
    extension: str | None = None  # CHARACTER only
    dual: DualSide | None = None  # CHARACTER / DIALOGUE / PARENTHETICAL in a dual block
    stored_eighths: int | None = None  # HEADING only: Final Draft's own length
    span: PageSpan | None = None  # PDF only
    notes: tuple[str, ...] = ()  # [[notes]] found inside this element (Fountain)


@dataclass(frozen=True, slots=True)
class ParsedScript:
    """What a format adapter returns: the elements in reading order and what it measured."""

    source_format: str  # "fountain" | "fdx" | "pdf"
    elements: tuple[ScriptElement, ...]
    title_page: tuple[tuple[str, str], ...] = ()
    page_count: int | None = None  # printed pages when the source knows them (PDF)
    page_height: float | None = None  # PDF: points
    body_top: float | None = None  # PDF: top margin of the text body, points from top
    body_bottom: float | None = None  # PDF: bottom of the text body, points from top
    warnings: tuple[str, ...] = ()

    @property
    def title(self) -> str | None:
        for key, value in self.title_page:
            if key.lower() in ("title", "titre"):
                return value.replace("\n", " ").strip() or None
        return None


@dataclass(frozen=True, slots=True)
class Heading:
    """A scene heading split into its parts (see :mod:`regie.script.heading`)."""

    text: str  # as printed, notes and scene numbers removed
    int_ext: IntExt | None
    set_name: str  # the set ("décor") as written, time of day and INT/EXT removed
    time_of_day: str | None  # as written: "JOUR", "NIGHT", "A MOMENT LATER"
    light: Light
    number: str | None  # printed or stored scene number, if any


@dataclass(frozen=True, slots=True)
class Scene:
    """A scene: its heading, its body elements, who speaks and how long it is."""

    index: int  # 1-based reading order in the script
    heading: Heading
    elements: tuple[ScriptElement, ...]  # body, heading excluded
    speakers: tuple[str, ...]  # cues that carry dialogue, extensions stripped, in order
    eighths: int
    length_source: LengthSource
    first_page: int
    last_page: int
    line: int | None = None  # source line of the heading
    forced: bool = False
    synopsis: str | None = None
    notes: tuple[str, ...] = ()  # [[notes]] in the heading and body

    @property
    def number(self) -> str | None:
        return self.heading.number

    @property
    def label(self) -> str:
        """The scene number when printed, else its reading-order index."""
        return self.heading.number or str(self.index)

    def body_text(self) -> str:
        """Action, dialogue and the rest as plain text; identity for revision comparison."""
        return "\n".join(f"{e.kind.value}:{e.text}" for e in self.elements)


@dataclass(frozen=True, slots=True)
class Screenplay:
    """A whole script after assembly."""

    source_format: str
    scenes: tuple[Scene, ...]
    characters: tuple[str, ...]  # every speaking cue, extensions stripped, first-appearance order
    pages: int
    title_page: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()
    preamble: tuple[ScriptElement, ...] = field(default=())  # elements before the first heading

    @property
    def title(self) -> str | None:
        for key, value in self.title_page:
            if key.lower() in ("title", "titre"):
                return value.replace("\n", " ").strip() or None
        return None

    @property
    def total_eighths(self) -> int:
        return sum(s.eighths for s in self.scenes)
