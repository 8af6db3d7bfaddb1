# SPDX-License-Identifier: AGPL-3.0-or-later
"""From a format adapter's flat elements to scenes: headings split, speakers found, lengths
in eighths (stored by the authoring tool, measured on the PDF, or laid out), pages.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from regie.core.errors import ParseError
from regie.core.text import t
from regie.script.heading import is_continuity, parse_heading
from regie.script.layout import US_LETTER, PageFormat, SceneExtent, lay_out
from regie.script.model import (
    ElementKind,
    LengthSource,
    Light,
    ParsedScript,
    Scene,
    Screenplay,
    ScriptElement,
)


def _split(elements: Sequence[ScriptElement]) -> list[list[ScriptElement]]:
    """Group 0 holds what comes before the first heading; each other group is one scene."""
    groups: list[list[ScriptElement]] = [[]]
    for el in elements:
        if el.kind is ElementKind.HEADING:
            groups.append([el])
        else:
            groups[-1].append(el)
    return groups


def speakers_of(elements: Sequence[ScriptElement]) -> tuple[str, ...]:
    """Cues that carry dialogue, in order of first appearance (a cue with no speech, e.g. a
    stray upper-case line, does not count)."""
    found: dict[str, None] = {}
    pending: str | None = None
    for el in elements:
        kind = el.kind
        if kind is ElementKind.CHARACTER:
            pending = el.text
        elif kind is ElementKind.DIALOGUE or kind is ElementKind.LYRIC:  # sung lines count
            if pending:
                found.setdefault(pending, None)
        elif kind is not ElementKind.PARENTHETICAL:
            pending = None
    return tuple(found)


def _measured(parsed: ParsedScript, groups: list[list[ScriptElement]]) -> list[SceneExtent] | None:
    """Eighths from positions on the printed PDF pages, when every element has a span."""
    top, bottom = parsed.body_top, parsed.body_bottom
    if top is None or bottom is None or bottom <= top:
        return None
    height = bottom - top
    scenes = groups[1:]
    if any(el.span is None for group in scenes for el in group):
        return None
    extents: list[SceneExtent] = []
    for n, group in enumerate(scenes):
        start = group[0].span
        assert start is not None  # checked above  # noqa: S101
        if n + 1 < len(scenes):
            nxt = scenes[n + 1][0].span
            assert nxt is not None  # noqa: S101
            end_page, end_y = nxt.first_page, nxt.top
        else:
            last = group[-1].span
            assert last is not None  # noqa: S101
            end_page, end_y = last.last_page, last.bottom
        eighths = 0
        last_page = start.first_page
        for page in range(start.first_page, end_page + 1):
            seg_top = start.top if page == start.first_page else top
            seg_bottom = end_y if page == end_page else bottom
            share = (seg_bottom - seg_top) / height * 8
            if share > 0.05:
                eighths += max(1, int(share + 0.5))
                last_page = page
        extents.append(SceneExtent(max(1, eighths), start.first_page, last_page))
    return extents


def assemble(
    parsed: ParsedScript, *, page_format: PageFormat = US_LETTER, filename: str | None = None
) -> Screenplay:
    """Build the :class:`Screenplay` of a parsed file (``filename`` names it in errors).

    Raises :class:`ParseError` when the file has no scene heading at all (nothing to break
    down); every other oddity becomes a warning.
    """
    groups = _split(parsed.elements)
    if len(groups) == 1:
        raise ParseError(
            t("no scene heading was found (INT./EXT., INTÉRIEUR/EXTÉRIEUR or a forced heading)"),
            file=filename,
            hint=t(
                "Check that the file is a screenplay; in Fountain, force a heading with a "
                "leading '.'"
            ),
        )
    laid_out, laid_pages = lay_out(groups, page_format)
    measured = _measured(parsed, groups) if parsed.source_format == "pdf" else None
    warnings = list(parsed.warnings)
    scenes: list[Scene] = []
    previous_light = Light.UNKNOWN
    seen_numbers: dict[str, int] = {}
    for index, group in enumerate(groups[1:], start=1):
        head, body = group[0], tuple(group[1:])
        heading = parse_heading(head.text, number=head.scene_number)
        if heading.light is Light.UNKNOWN and is_continuity(heading.time_of_day):
            heading = dataclasses.replace(heading, light=previous_light)
        if heading.light is not Light.UNKNOWN:
            previous_light = heading.light
        if heading.number:
            if heading.number in seen_numbers:
                warnings.append(
                    f"scene number {heading.number} is used twice "
                    f"(scenes {seen_numbers[heading.number]} and {index})"
                )
            seen_numbers.setdefault(heading.number, index)
        extent = (measured or laid_out)[index - 1]
        source = LengthSource.MEASURED if measured else LengthSource.LAYOUT
        eighths, first_page, last_page = extent.eighths, extent.first_page, extent.last_page
        if head.stored_eighths is not None:
            eighths, source = head.stored_eighths, LengthSource.STORED
        if head.page is not None and not measured:
            span = last_page - first_page
            first_page, last_page = head.page, head.page + span
        notes = [n for el in group for n in el.notes]
        notes += [el.text for el in body if el.kind is ElementKind.NOTE]
        notes = list(dict.fromkeys(notes))  # a lone note may be both an element and attached
        synopsis = next((el.text for el in body if el.kind is ElementKind.SYNOPSIS), None)
        scenes.append(
            Scene(
                index=index,
                heading=heading,
                elements=body,
                speakers=speakers_of(body),
                eighths=eighths,
                length_source=source,
                first_page=first_page,
                last_page=last_page,
                line=head.line,
                forced=head.forced,
                synopsis=synopsis,
                notes=tuple(notes),
            )
        )
    characters: dict[str, None] = dict.fromkeys(speakers_of(groups[0]))
    for scene in scenes:
        characters.update(dict.fromkeys(scene.speakers))
    pages = parsed.page_count or max(laid_pages, scenes[-1].last_page)
    return Screenplay(
        source_format=parsed.source_format,
        scenes=tuple(scenes),
        characters=tuple(characters),
        pages=pages,
        title_page=parsed.title_page,
        warnings=tuple(warnings),
        preamble=tuple(groups[0]),
    )


def screenplay_json(screenplay: Screenplay) -> dict[str, object]:
    """The JSON form printed by ``regie script parse --json``."""
    return {
        "scenes": [
            {
                "number": s.heading.number,
                "heading": s.heading.text,
                "int_ext": s.heading.int_ext.value if s.heading.int_ext else None,
                "set": s.heading.set_name,
                "time": s.heading.time_of_day,
                "eighths": s.eighths,
                "pages": [s.first_page, s.last_page],
                "characters": list(s.speakers),
            }
            for s in screenplay.scenes
        ],
        "characters": list(screenplay.characters),
        "pages": screenplay.pages,
    }
