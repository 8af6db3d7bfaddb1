# SPDX-License-Identifier: AGPL-3.0-or-later
"""The body of a Fountain script: paragraphs (runs of non-blank lines) into elements.

A paragraph is read from its first line: ``@`` forces a cue, a single ``.`` a heading,
``!`` action; then a standard heading (:func:`~regie.formats.fountain_lines.is_heading`),
a one-line upper-case transition ending in ``TO:``, a cue (upper-case line with dialogue on
the next line) opening a dialogue block; anything else is action, among which lines
starting with ``>``, ``~``, ``#`` or ``=`` are centered text or forced transitions, lyrics,
sections, synopses and page breaks.

Emphasis markup is already gone (:func:`~regie.formats.fountain_inline.clean_inline` ran
on the whole text). Lines are indexed from 0 in the text after the boneyard and notes
passes; ``nums[i]`` is the 1-based line of the original file. This is the hot path of a
script import: elements are built with :data:`~regie.formats.fountain_element.make_element`
and the commonest paragraphs are read without a detour through helpers (:meth:`read`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from regie.formats.fountain_element import make_element
from regie.formats.fountain_inline import NOTE_MARK, TWO_SPACE_LINE, split_note_refs
from regie.formats.fountain_lines import (
    ANY_HEADING_LEADS,
    FORCING_LEADS,
    LINE_LEADS,
    Cue,
    closing_line,
    cue_of,
    forced_cue,
    is_heading,
    prefixed,
    split_scene_number,
)
from regie.script.model import DualSide, ElementKind, ScriptElement

_ACTION = ElementKind.ACTION
_CHARACTER = ElementKind.CHARACTER
_DIALOGUE = ElementKind.DIALOGUE
_PARENTHETICAL = ElementKind.PARENTHETICAL
_TRANSITION = ElementKind.TRANSITION
_DIALOGUE_KINDS = frozenset((_CHARACTER, _PARENTHETICAL, _DIALOGUE))
_NO_NOTES: tuple[str, ...] = ()

Lines = Sequence[str]
Index = Sequence[int]
LineNotes = Sequence[tuple[str, ...]] | None


class BodyReader:
    """Accumulates the elements of one file, paragraph after paragraph in reading order."""

    def __init__(self, nums: list[int], notes: list[str], *, strict: bool) -> None:
        self.nums = nums
        self.notes = notes
        self.strict = strict
        self.elements: list[ScriptElement] = []
        self.warnings: list[str] = []
        self._dialogue_block = (-1, -1)  # element range of the last dialogue block

    def read(self, parts: list[str], k: int, line: int) -> None:
        """Paragraphs ``parts[k]``, ``parts[k + 2]``... (``re.split`` with the blank lines
        captured in between); ``parts[k]`` starts at line index ``line``.

        A one-line action paragraph and a cue with one line of dialogue — two thirds of a
        script — are read here; every other paragraph goes through :meth:`block`.
        """
        nums = self.nums
        append = self.elements.append
        make = make_element
        strict = self.strict
        end = len(parts)
        while k < end:
            block = parts[k]
            if not block or NOTE_MARK in block or TWO_SPACE_LINE in block:  # rare shapes
                if block:
                    self.block(block, line)
            else:
                newline = block.find("\n")
                text = block.strip() if newline < 0 else block[:newline].strip()
                lead = text[0]
                if lead in FORCING_LEADS or (
                    lead in ANY_HEADING_LEADS and is_heading(text, strict=strict)
                ):
                    self.block(block, line)
                elif newline < 0:
                    kind = _TRANSITION if text[-3:] == "TO:" and text.isupper() else _ACTION
                    body = text if kind is _TRANSITION else block.rstrip()
                    append(make(kind, body, nums[line], False, None, None, None, _NO_NOTES))
                elif (
                    block.count("\n") == 1
                    and block[newline + 1 :].lstrip()[0] not in "(~"
                    and (cue := cue_of(text)) is not None
                    and not cue[2]
                ):
                    start = len(self.elements)
                    name, extension, _caret = cue
                    append(make(_CHARACTER, name, nums[line], False, None, extension, None, ()))
                    speech = block[newline + 1 :].strip()
                    append(make(_DIALOGUE, speech, nums[line + 1], False, None, None, None, ()))
                    self._dialogue_block = (start, start + 2)
                else:
                    self.block(block, line)
            if k + 2 < end:
                line += block.count("\n") + parts[k + 1].count("\n")
            k += 2

    def block(self, block: str, first: int) -> None:
        """A paragraph as it stands in the text, its first line at index ``first``."""
        lines = block.split("\n")
        index: Index = range(first, first + len(lines))
        if NOTE_MARK in block:
            self._noted(lines, index)
        else:
            self._tail(lines, index, None)

    def _noted(self, lines: Lines, index: Index) -> None:
        """Take note references out of the lines; a note-only line joins its neighbour."""
        kept: list[str] = []
        kept_index: list[int] = []
        kept_notes: list[tuple[str, ...]] = []
        pending: tuple[str, ...] = ()
        every: list[str] = []
        for line, pos in zip(lines, index, strict=True):
            text, found = split_note_refs(line, self.notes)
            every.extend(found)
            if text.strip():
                kept.append(text)
                kept_index.append(pos)
                kept_notes.append(pending + found)
                pending = ()
            elif kept:
                kept_notes[-1] += found
            else:
                pending += found
        if kept:
            kept_notes[-1] += pending
            self._tail(kept, kept_index, kept_notes)
        elif every:  # a note standing alone as a paragraph
            self._add(ElementKind.NOTE, "\n".join(every), index[0], tuple(every))

    def _tail(self, lines: Lines, index: Index, notes: LineNotes) -> None:
        """A paragraph, read piece after piece: a heading with no blank line after it is a
        piece of its own, and a two-space line outside dialogue is a blank line there."""
        two_space = TWO_SPACE_LINE in lines
        start, count = 0, len(lines)
        while start < count:
            if lines[start] == TWO_SPACE_LINE:
                start += 1
            else:
                start = self._piece(lines, index, notes, start, two_space=two_space)

    def _piece(
        self, lines: Lines, index: Index, notes: LineNotes, start: int, *, two_space: bool
    ) -> int:
        """Read the paragraph that begins at ``lines[start]`` (see the module docstring);
        return where the next one begins. Only the piece read is sliced off ``lines``, so a
        paragraph of many pieces costs linear time."""
        text = lines[start].strip()
        lead = text[0]
        pos = index[start]
        first_notes = notes[start] if notes else _NO_NOTES
        if lead == "." and len(text) > 1 and text[1].isalnum():
            self._heading(text[1:], pos, first_notes, forced=True)
            return start + 1
        if lead in ANY_HEADING_LEADS and is_heading(text, strict=self.strict):
            self._heading(text, pos, first_notes, forced=False)
            return start + 1
        count = len(lines)
        cue = None
        if lead == "@":
            cue = forced_cue(text)
        elif lead not in FORCING_LEADS and start + 1 < count and lines[start + 1] != TWO_SPACE_LINE:
            cue = cue_of(text)
        if cue is not None:  # dialogue goes on across two-space lines: the rest is read
            cut = slice(start, count)
            tail = notes[cut] if notes is not None else None
            self._dialogue(cue, lines[cut], index[cut], tail, forced=lead == "@")
            return count
        end = _next_two_space(lines, start) if two_space else count
        if end == start + 1 and lead not in FORCING_LEADS:
            kind = _TRANSITION if text.endswith("TO:") and text.isupper() else _ACTION
            body = text if kind is _TRANSITION else lines[start].rstrip()
            self._add(kind, body, pos, first_notes)
        elif start == 0 and end == count:
            self._action(lines, index, notes)
        else:
            cut = slice(start, end)
            self._action(lines[cut], index[cut], notes[cut] if notes is not None else None)
        return end

    def _add(
        self,
        kind: ElementKind,
        text: str,
        pos: int,
        notes: tuple[str, ...],
        *,
        forced: bool = False,
        dual: DualSide | None = None,
    ) -> None:
        self.elements.append(
            make_element(kind, text, self.nums[pos], forced, None, None, dual, notes)
        )

    def _heading(self, text: str, pos: int, notes: tuple[str, ...], *, forced: bool) -> None:
        text, number = split_scene_number(text)
        line = self.nums[pos]
        kind = ElementKind.HEADING
        self.elements.append(make_element(kind, text, line, forced, number, None, None, notes))

    def _action(self, lines: Lines, index: Index, notes: LineNotes) -> None:
        """Action lines (indentation kept), with the line-prefixed elements among them."""
        buffer: list[str] = []
        start = 0
        forced = False
        for j, line in enumerate(lines):
            lead = line.lstrip()[:1]
            if lead not in LINE_LEADS or lead == "!":
                if not buffer:
                    start = j
                if lead == "!":
                    bang = line.index("!")
                    line = line[:bang] + line[bang + 1 :]  # noqa: PLW2901 - the printed line
                    forced = True
                buffer.append(line.rstrip())
                continue
            if buffer:
                text = "\n".join(buffer)
                self._add(_ACTION, text, index[start], _span(notes, start, j), forced=forced)
                buffer, forced = [], False
            kind, text, forced_kind = prefixed(line.strip())
            self._add(kind, text, index[j], notes[j] if notes else _NO_NOTES, forced=forced_kind)
        if buffer:
            text = "\n".join(buffer)
            self._add(_ACTION, text, index[start], _span(notes, start, len(lines)), forced=forced)

    def _dialogue(
        self, cue: Cue, lines: Lines, index: Index, notes: LineNotes, *, forced: bool
    ) -> None:
        """A cue and what follows it: dialogue, parentheticals (one or more lines), lyrics."""
        name, extension, caret = cue
        elements = self.elements
        start = len(elements)
        dual = self._pair(name, index[0], start) if caret else None
        line = self.nums[index[0]]
        first_notes = notes[0] if notes else _NO_NOTES
        elements.append(
            make_element(_CHARACTER, name, line, forced, None, extension, dual, first_notes)
        )
        buffer: list[str] = []
        begin = 1
        count = len(lines)
        j = 1
        while j < count:
            text = lines[j].strip()
            lead = text[0]
            close = closing_line(lines, j) if lead == "(" and text[-1] != ")" else j
            if lead == "~" or (lead == "(" and (text[-1] == ")" or close > j)):
                if buffer:
                    self._speech(buffer, index, (begin, j), notes, dual)
                    buffer = []
                if lead == "~":
                    line_notes = notes[j] if notes else _NO_NOTES
                    self._add(ElementKind.LYRIC, text[1:].strip(), index[j], line_notes)
                else:
                    text = "\n".join(part.strip() for part in lines[j : close + 1])
                    line_notes = _span(notes, j, close + 1)
                    self._add(_PARENTHETICAL, text, index[j], line_notes, dual=dual)
                j = close + 1
                continue
            if not buffer:
                begin = j
            buffer.append("" if lead == TWO_SPACE_LINE else text)
            j += 1
        if buffer:
            self._speech(buffer, index, (begin, count), notes, dual)
        self._dialogue_block = (start, len(elements))

    def _speech(
        self,
        buffer: list[str],
        index: Index,
        span: tuple[int, int],
        notes: LineNotes,
        dual: DualSide | None,
    ) -> None:
        text = "\n".join(buffer)
        if not buffer[0] or not buffer[-1]:  # two-space lines at the edges print nothing
            text = text.strip("\n")
        if text:
            line_notes = _span(notes, *span)
            self._add(_DIALOGUE, text, index[span[0]], line_notes, dual=dual)

    def _pair(self, name: str, pos: int, start: int) -> DualSide | None:
        """Dual dialogue: the block just before becomes the left column, this one the right."""
        first, end = self._dialogue_block
        if end != start or self.elements[first].dual is DualSide.RIGHT:
            self.warnings.append(
                f"line {self.nums[pos]}: the dual-dialogue caret (^) of {name} follows no "
                "single dialogue block to pair with; read as ordinary dialogue"
            )
            return None
        elements = self.elements
        for i in range(first, end):
            if elements[i].kind in _DIALOGUE_KINDS:
                elements[i] = dataclasses.replace(elements[i], dual=DualSide.LEFT)
        return DualSide.RIGHT


def _next_two_space(lines: Lines, start: int) -> int:
    """Index of the first two-space line after ``start``, or the number of lines."""
    try:
        return lines.index(TWO_SPACE_LINE, start + 1)
    except ValueError:
        return len(lines)


def _span(notes: LineNotes, start: int, end: int) -> tuple[str, ...]:
    """The notes of lines ``start`` to ``end`` (excluded), in order."""
    if not notes:
        return _NO_NOTES
    found: tuple[str, ...] = ()
    for item in notes[start:end]:
        found += item
    return found
