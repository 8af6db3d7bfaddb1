# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

import pytest

from regie.core.errors import ParseError
from regie.script.assemble import assemble, screenplay_json, speakers_of
from regie.script.model import (
    ElementKind,
    LengthSource,
    Light,
    PageSpan,
    ParsedScript,
    ScriptElement,
)

K = ElementKind


def parsed(*elements: ScriptElement, fmt: str = "fountain", **kw: object) -> ParsedScript:
    return ParsedScript(source_format=fmt, elements=elements, **kw)  # type: ignore[arg-type]


def h(text: str, **kw: object) -> ScriptElement:
    return ScriptElement(K.HEADING, text, **kw)  # type: ignore[arg-type]


def cue(name: str) -> ScriptElement:
    return ScriptElement(K.CHARACTER, name)


def says(text: str) -> ScriptElement:
    return ScriptElement(K.DIALOGUE, text)


def test_speakers_need_dialogue() -> None:
    body = [
        cue("HÉLÈNE"),
        ScriptElement(K.PARENTHETICAL, "(bas)"),
        says("Oui."),
        cue("JÉRÔME"),  # a cue with no speech does not count
        ScriptElement(K.ACTION, "Il sort."),
        cue("LUCIE"),
        says("Non."),
        cue("HÉLÈNE"),
        says("Si."),
    ]
    assert speakers_of(body) == ("HÉLÈNE", "LUCIE")


def test_scenes_and_json() -> None:
    script = assemble(
        parsed(
            ScriptElement(K.TRANSITION, "FONDU :"),
            h("INT. CUISINE - JOUR", scene_number="1", line=8),
            cue("HÉLÈNE"),
            says("Bonjour."),
            h("EXT. RUE - NUIT", scene_number="2"),
            ScriptElement(K.ACTION, "Pluie.", notes=("prévoir pluie",)),
            h("EXT. RUE - PLUS TARD"),
            cue("LUCIE"),
            says("Encore toi ?"),
            title_page=(("Title", "LA CLEF"),),
        )
    )
    assert script.title == "LA CLEF"
    assert [s.label for s in script.scenes] == ["1", "2", "3"]
    assert script.scenes[0].line == 8
    assert script.scenes[1].notes == ("prévoir pluie",)
    # "PLUS TARD" inherits the light of the scene before.
    assert script.scenes[2].heading.light is Light.NIGHT
    assert script.characters == ("HÉLÈNE", "LUCIE")
    data = screenplay_json(script)
    assert data["pages"] == 1
    first = data["scenes"][0]  # type: ignore[index]
    assert first == {
        "number": "1",
        "heading": "INT. CUISINE - JOUR",
        "int_ext": "INT",
        "set": "CUISINE",
        "time": "JOUR",
        "eighths": 1,
        "pages": [1, 1],
        "characters": ["HÉLÈNE"],
    }


def test_no_heading_is_an_error() -> None:
    with pytest.raises(ParseError, match="no scene heading"):
        assemble(parsed(ScriptElement(K.ACTION, "Rien.")))


def test_duplicate_scene_numbers_warn() -> None:
    script = assemble(
        parsed(h("INT. A - JOUR", scene_number="4"), h("INT. B - JOUR", scene_number="4"))
    )
    assert any("scene number 4 is used twice" in w for w in script.warnings)


def test_stored_eighths_win() -> None:
    script = assemble(
        parsed(
            h("INT. RADIO STUDIO", stored_eighths=3, page=2),
            ScriptElement(K.ACTION, "x"),
            fmt="fdx",
        )
    )
    scene = script.scenes[0]
    assert (scene.eighths, scene.length_source, scene.first_page) == (3, LengthSource.STORED, 2)


def test_pdf_lengths_are_measured_from_positions() -> None:
    # Body from 72 pt to 720 pt (648 pt = 8 eighths of 81 pt).
    def at(kind: ElementKind, text: str, page: int, top: float, bottom: float) -> ScriptElement:
        return ScriptElement(kind, text, page=page, span=PageSpan(page, top, page, bottom))

    script = assemble(
        parsed(
            at(K.HEADING, "INT. A - JOUR", 1, 72, 84),
            at(K.ACTION, "x", 1, 96, 300),
            at(K.HEADING, "INT. B - NUIT", 1, 315, 327),  # A: 243 pt = 3/8
            at(K.ACTION, "y", 1, 339, 700),
            at(K.ACTION, "z", 2, 72, 150),  # B: 405 pt (5/8) + 78 pt on page 2 (1/8)
            fmt="pdf",
            page_count=2,
            body_top=72.0,
            body_bottom=720.0,
        )
    )
    a, b = script.scenes
    assert (a.eighths, a.length_source) == (3, LengthSource.MEASURED)
    assert (b.eighths, b.first_page, b.last_page) == (6, 1, 2)
    assert script.pages == 2


def test_a_sung_cue_is_a_speaker() -> None:
    assert speakers_of([cue("MARIE"), ScriptElement(K.LYRIC, "La la la")]) == ("MARIE",)
