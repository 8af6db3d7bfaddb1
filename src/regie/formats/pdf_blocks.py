# SPDX-License-Identifier: AGPL-3.0-or-later
"""Body lines of a screenplay PDF → typed paragraphs (headings, action, dialogue blocks...).

Reading rules, in order, for a line that starts a paragraph (see :mod:`pdf_layout` for the
learned indents):

1. two upper-case cues side by side on one line open a dual-dialogue block: segments left of
   the middle of the two cues print in the LEFT column, the others in the RIGHT one;
2. a line with a scene number in the margin is a heading;
3. at the action margin: a heading when :func:`looks_like_heading` accepts it, else action;
4. an upper-case line right of the dialogue indent, directly followed (no blank line) by a
   dialogue or parenthetical line, is a character cue; its block runs to the next blank line;
5. an upper-case line ending at the right edge (or far right) is a transition, and so is an
   upper-case one-liner ending in ``TO:`` at the action margin;
6. a line centred on the text body is centred text;
7. a dialogue-indent line after a blank line inside a speech continues the speech;
8. anything else is action.

Then :func:`refine_one_liners` decides which upper-case one-liners at the action margin are
forced headings (``SNIPER SCOPE POV``): see its docstring for what a PDF cannot tell.

Wrapped lines of one paragraph (no blank line between, same indent) are joined; a paragraph
cut by a page break continues on the next page when the layout says so (unfinished sentence,
``(MORE)`` … ``NAME (CONT'D)``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from regie.formats.pdf_layout import INCH, BodyLine, Indents, with_segments
from regie.script.cues import is_cue_text, split_cue
from regie.script.heading import looks_like_heading
from regie.script.model import DualSide, ElementKind

_SPEECH = (ElementKind.CHARACTER, ElementKind.DIALOGUE, ElementKind.PARENTHETICAL)
_SENTENCE_END = (".", "!", "?", ":", ";", "…", '"', "”", "»", ")")
_PAGINATION_EXTENSIONS = ("CONT'D", "CONT’D", "CONT", "SUITE", "CONTINUED", "CONTD")


@dataclass(slots=True)
class Paragraph:
    """A paragraph being read: its kind, its lines, and what the layout said about it."""

    kind: ElementKind
    lines: list[BodyLine] = field(default_factory=list)
    dual: DualSide | None = None
    scene_number: str | None = None
    forced: bool = False
    speech: int = 0  # id of the dialogue block it belongs to (0: none)

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


def _is_upper(text: str) -> bool:
    return any(c.isalpha() for c in text) and text == text.upper()


def _cue_line(line: BodyLine) -> bool:
    return len(line.segments) == 1 and is_cue_text(line.text) and _is_upper(split_cue(line.text)[0])


@dataclass(slots=True)
class _Reader:
    lines: Sequence[BodyLine]
    ind: Indents
    more_pages: set[int]
    out: list[Paragraph] = field(default_factory=list)
    speeches: int = 0

    def blank_between(self, above: BodyLine, below: BodyLine) -> bool:
        return below.page != above.page or below.top - above.top > 1.5 * self.ind.pitch

    def following(self, i: int) -> BodyLine | None:
        """The next line when it follows line ``i`` on the same page with no blank line."""
        if i + 1 < len(self.lines) and not self.blank_between(self.lines[i], self.lines[i + 1]):
            return self.lines[i + 1]
        return None

    def is_dialogue_start(self, line: BodyLine) -> bool:
        ind = self.ind
        return line.text.startswith("(") or (
            ind.dialogue - 3 * ind.char <= line.x0 < ind.cue - 2 * ind.char
        )

    def read(self) -> list[Paragraph]:
        i = 0
        while i < len(self.lines):
            i = self.step(i)
        return self.out

    def step(self, i: int) -> int:
        line = self.lines[i]
        previous = self.lines[i - 1] if i else None
        if previous is not None and previous.page != line.page:
            resumed = self.resume_page(i)
            if resumed is not None:
                return resumed
        nxt = self.following(i)
        ind = self.ind
        if self.is_dual_start(line, nxt):
            return self.read_dual(i)
        if line.scene_number is not None or (
            ind.near(line.x0, ind.action) and looks_like_heading(line.text)
        ):
            return self.read_heading(i)
        if ind.near(line.x0, ind.action):
            return self.read_run(i, ElementKind.ACTION)
        if (
            _cue_line(line)
            and line.x0 > ind.dialogue + 2 * ind.char
            and nxt is not None
            and self.is_dialogue_start(nxt)
        ):
            return self.read_speech(i, None)
        return self.read_indented(i)

    def read_indented(self, i: int) -> int:
        """A line off the action margin that is not a cue: transition, centred, speech, action."""
        line = self.lines[i]
        ind = self.ind
        if _is_upper(line.text) and (
            (line.x1 >= ind.right - 2 * ind.char and line.x0 > ind.centre)
            or line.x0 >= ind.cue + 1.5 * INCH
        ):
            self.out.append(Paragraph(ElementKind.TRANSITION, [line]))
            return i + 1
        if self.is_centred(line):
            return self.read_run(i, ElementKind.CENTERED)
        last = self.out[-1] if self.out else None
        if last is not None and last.kind in _SPEECH and self.is_dialogue_start(line):
            return self.read_speech_lines(i, last.speech, last.dual)
        return self.read_run(i, ElementKind.ACTION)

    # -- page breaks -------------------------------------------------------------------
    def resume_page(self, i: int) -> int | None:
        """Continue on line ``i`` (a page's first line) the paragraph the previous page left
        open; the index of the next unread line, or ``None`` when a new paragraph starts."""
        if not self.out:
            return None
        line = self.lines[i]
        last = self.out[-1]
        if last.kind in _SPEECH:
            if _cue_line(line):
                if not self.repeats_cue(line, last):
                    return None
                # The repeated "NAME (CONT'D)" of a speech cut by the page: drop it.
                if self.following(i) is None:
                    return i + 1
                return self.read_speech_lines(i + 1, last.speech, last.dual)
            if last.kind is not ElementKind.CHARACTER and self.is_dialogue_start(line):
                return self.read_speech_lines(i, last.speech, last.dual)
            return None
        if last.kind is ElementKind.ACTION and self.ind.near(line.x0, last.lines[-1].x0):
            tail = last.lines[-1].text.rstrip()
            # An unfinished sentence goes on, unless it was an upper-case shot line.
            unfinished = not tail.endswith(_SENTENCE_END) and not _is_upper(tail)
            if (unfinished or line.text[:1].islower()) and not looks_like_heading(line.text):
                return self.extend_run(i, last)
        return None

    def repeats_cue(self, line: BodyLine, last: Paragraph) -> bool:
        name, extension, _ = split_cue(line.text)
        if extension is None or not any(e in extension.upper() for e in _PAGINATION_EXTENSIONS):
            return False
        speaker = next(
            (
                p.text
                for p in reversed(self.out)
                if p.kind is ElementKind.CHARACTER and p.speech == last.speech
            ),
            None,
        )
        return line.page - 1 in self.more_pages or split_cue(speaker or "")[0] == name

    # -- readers ---------------------------------------------------------------------------
    def read_heading(self, i: int) -> int:
        line = self.lines[i]
        para = Paragraph(
            ElementKind.HEADING,
            [line],
            scene_number=line.scene_number,
            forced=not looks_like_heading(line.text),
        )
        self.out.append(para)
        j = i
        while (nxt := self.following(j)) is not None and self.ind.near(nxt.x0, line.x0):
            if nxt.scene_number is not None or looks_like_heading(nxt.text):
                break
            para.lines.append(nxt)
            j += 1
        return j + 1

    def read_run(self, i: int, kind: ElementKind) -> int:
        para = Paragraph(kind, [])
        self.out.append(para)
        return self.extend_run(i, para)

    def extend_run(self, i: int, para: Paragraph) -> int:
        """Add line ``i`` and the lines that continue it (no blank line, same indent)."""
        line = self.lines[i]
        para.lines.append(line)
        j = i
        while (nxt := self.following(j)) is not None:
            if para.kind is ElementKind.CENTERED:
                if not self.is_centred(nxt):
                    break
            elif not self.ind.near(nxt.x0, line.x0) or nxt.scene_number is not None:
                break
            para.lines.append(nxt)
            j += 1
        return j + 1

    def is_centred(self, line: BodyLine) -> bool:
        """Centred on the text body, and not simply starting at a speech indent."""
        ind = self.ind
        return (
            abs((line.x0 + line.x1) / 2 - ind.centre) <= 3 * ind.char
            and line.x0 > ind.action + 3 * ind.char
            and not any(
                ind.near(line.x0, x, 1.0) for x in (ind.dialogue, ind.parenthetical, ind.cue)
            )
        )

    def read_speech(self, i: int, dual: DualSide | None) -> int:
        self.speeches += 1
        self.out.append(
            Paragraph(ElementKind.CHARACTER, [self.lines[i]], dual=dual, speech=self.speeches)
        )
        return self.read_speech_lines(i + 1, self.speeches, dual)

    def read_speech_lines(self, i: int, speech: int, dual: DualSide | None) -> int:
        """Dialogue and parenthetical lines from ``i`` to the next blank line."""
        self.add_speech_line(self.lines[i], speech, dual)
        j = i
        while (nxt := self.following(j)) is not None and nxt.x0 >= self.ind.dialogue - 3 * (
            self.ind.char
        ):
            self.add_speech_line(nxt, speech, dual)
            j += 1
        return j + 1

    def add_speech_line(self, line: BodyLine, speech: int, dual: DualSide | None) -> None:
        last = self.out[-1]
        open_paren = last.kind is ElementKind.PARENTHETICAL and last.text.count("(") > (
            last.text.count(")")
        )
        if line.text.startswith("("):
            self.out.append(Paragraph(ElementKind.PARENTHETICAL, [line], dual=dual, speech=speech))
        elif open_paren or (last.kind is ElementKind.DIALOGUE and last.speech == speech):
            last.lines.append(line)
        else:
            self.out.append(Paragraph(ElementKind.DIALOGUE, [line], dual=dual, speech=speech))

    # -- dual dialogue ------------------------------------------------------------------
    def is_dual_start(self, line: BodyLine, nxt: BodyLine | None) -> bool:
        if nxt is None or len(line.segments) < 2:
            return False
        left, right = line.segments[0], line.segments[-1]
        return (
            is_cue_text(left.text)
            and is_cue_text(right.text)
            and _is_upper(left.text)
            and _is_upper(right.text)
            and left.x0 > self.ind.action + 2 * self.ind.char
            and right.x0 > left.x1 + 4 * self.ind.char
        )

    def read_dual(self, i: int) -> int:
        first = self.lines[i]
        split = (first.segments[0].x0 + first.segments[-1].x0) / 2
        block = [first]
        j = i
        while (nxt := self.following(j)) is not None:
            block.append(nxt)
            j += 1
        for side in (DualSide.LEFT, DualSide.RIGHT):
            column = []
            for line in block:
                segments = [s for s in line.segments if (s.x0 < split) == (side is DualSide.LEFT)]
                if segments:
                    column.append(with_segments(line, segments))
            if not column:
                continue
            self.speeches += 1
            self.out.append(
                Paragraph(ElementKind.CHARACTER, [column[0]], dual=side, speech=self.speeches)
            )
            for line in column[1:]:
                self.add_speech_line(line, self.speeches, side)
        return j + 1


def read_paragraphs(
    lines: Sequence[BodyLine], indents: Indents, more_pages: set[int]
) -> list[Paragraph]:
    """Typed paragraphs of the body, in reading order (dual columns: left, then right)."""
    return _Reader(lines=lines, ind=indents, more_pages=more_pages).read()


# Upper-case one-liners at the action margin that are instructions, not places.
_NOT_SLUGS = (
    "FADE ", "CUT TO", "DISSOLVE", "SMASH CUT", "MATCH CUT", "FONDU", "COUPE ", "ENCHAÎN",
    "THE END", "FIN", "INTERCUT", "CONTINUOUS", "BACK TO",
)  # fmt: skip
# First words of secondary headings: a shot or a move inside the current scene ("ON HIS
# SHOES", "ANGLE ON", "AT THE CAR", "PLAN SUR"), not a new scene.
_SHOT_WORDS = frozenset(
    (
        "ON", "ANGLE", "CLOSE", "CLOSEUP", "WIDE", "INSERT", "AT", "UNDER", "DOWN", "UP",
        "ALONG", "FURTHER", "VARIOUS", "MONTAGE", "SERIES", "LATER", "MOMENTS", "BACK",
        "REVERSE", "OVER", "INTO", "INSIDE", "NEAR", "BEHIND", "ACROSS", "AROUND",
        "SUR", "PLAN", "GROS", "RETOUR", "PLUS", "CONTRECHAMP", "CONTRE-CHAMP", "DANS",
    )
)  # fmt: skip


def _bare_slug(para: Paragraph, before: Paragraph | None, after: Paragraph | None) -> bool:
    """A one-line upper-case paragraph at the action margin that reads as a place or shot.

    It must not end like a sentence (``A RIVER.``), continue a sentence of the paragraph
    before (``... we see`` / ``A FAT CATFISH`` / ``swimming at his feet``), be a
    transition-like instruction (``FADE IN:``, ``INTERCUT``) or start like a secondary
    heading, a shot inside the current scene (``ON HIS SHOES``, ``ANGLE ON``, ``PLAN SUR``).
    """
    if para.kind is not ElementKind.ACTION or len(para.lines) != 1:
        return False
    text = para.text.strip()
    if not _is_upper(text) or len(text) > 60 or text.endswith((*_SENTENCE_END, ",", "-", "—")):
        return False
    upper = text.upper()
    if upper.startswith(_NOT_SLUGS) or upper == "FIN" or upper.split()[0] in _SHOT_WORDS:
        return False
    if (
        before is not None
        and before.kind is ElementKind.ACTION
        and not before.text.rstrip().endswith(_SENTENCE_END)
    ):
        return False
    return not (after is not None and after.text[:1].islower())


def refine_one_liners(paragraphs: list[Paragraph]) -> None:
    """Second look at one-line upper-case action paragraphs at the action margin.

    ``CUT TO:`` printed at the margin is a transition, as in Fountain (any upper-case line
    ending in ``TO:``). Printed forced headings (``SNIPER SCOPE POV``) become forced HEADING
    paragraphs. A PDF does not say which upper-case one-liners were headings: Fountain's forced
    ``.SNIPER SCOPE POV`` and a shot line in action print the same. When the document prints
    its INT/EXT headings emphasised (bold or underlined, as most tools can), only emphasised
    one-liners qualify; otherwise every one-liner accepted by :func:`_bare_slug` does.
    """
    headings = [p for p in paragraphs if p.kind is ElementKind.HEADING and not p.forced]
    emphasised = [p for p in headings if all(line.emphasised for line in p.lines)]
    need_emphasis = bool(headings) and len(emphasised) >= 0.8 * len(headings)
    for index, para in enumerate(paragraphs):
        before = paragraphs[index - 1] if index else None
        after = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if para.kind is ElementKind.ACTION and len(para.lines) == 1:
            text = para.text.strip()
            if _is_upper(text) and text.endswith("TO:"):
                para.kind = ElementKind.TRANSITION
                continue
        if not _bare_slug(para, before, after):
            continue
        if need_emphasis and not all(line.emphasised for line in para.lines):
            continue
        para.kind = ElementKind.HEADING
        para.forced = True
