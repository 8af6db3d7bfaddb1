# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

from regie.script.body import decode_body, encode_body, plain_text
from regie.script.catalog import SceneRecord
from regie.script.model import (
    ElementKind,
    Heading,
    LengthSource,
    Light,
    Scene,
    ScriptElement,
)
from regie.script.revision import MatchStatus, plan_revision

K = ElementKind


def scene(index: int, heading: str, *texts: str, number: str | None = None) -> Scene:
    elements = tuple(ScriptElement(K.ACTION, t) for t in texts)
    return Scene(
        index=index,
        heading=Heading(heading, None, heading, None, Light.UNKNOWN, number),
        elements=elements,
        speakers=(),
        eighths=1,
        length_source=LengthSource.LAYOUT,
        first_page=1,
        last_page=1,
    )


def record(id_: int, s: Scene) -> SceneRecord:
    return SceneRecord(
        id=id_, script_id=1, index=s.index, number=s.heading.number, heading=s.heading.text,
        int_ext=None, set_name=s.heading.set_name, time_of_day=None, light=Light.UNKNOWN,
        eighths=1, length_source=LengthSource.LAYOUT, first_page=1, last_page=1, line=None,
        synopsis=None, body=encode_body(s.elements), speakers=(),
    )  # fmt: skip


def test_body_round_trip() -> None:
    elements = (
        ScriptElement(K.CHARACTER, "LUCIE", extension="OFF"),
        ScriptElement(K.DIALOGUE, "Oui"),
    )
    lines = decode_body(encode_body(elements))
    assert lines[0].cue == "LUCIE (OFF)"
    assert plain_text(encode_body(elements)) == "LUCIE (OFF)\nOui"


def test_plan_revision() -> None:
    old = [
        scene(1, "INT. CUISINE - JOUR", "Hélène boit son café."),
        scene(2, "EXT. RUE - NUIT", "La pluie tombe sur les pavés de la rue."),
        scene(3, "EXT. PHARE - NUIT", "Lucie seule."),
        scene(4, "INT. CUISINE - NUIT", "Hélène lit une lettre."),
    ]
    new = [
        scene(1, "INT. CUISINE - JOUR", "Hélène boit son café."),
        scene(2, "EXT. RUELLE - NUIT", "La pluie tombe sur les pavés de la ruelle."),  # renamed
        scene(3, "INT. GARAGE - JOUR", "Un tout autre texte, sans rapport."),  # added
        scene(4, "INT. CUISINE - NUIT", "Hélène lit une longue lettre."),  # changed words
    ]
    records = [record(10 + i, s) for i, s in enumerate(old)]
    plan = plan_revision(records, new)
    assert [m.status for m in plan.matches] == [
        MatchStatus.UNCHANGED,
        MatchStatus.CHANGED,
        MatchStatus.ADDED,
        MatchStatus.CHANGED,
    ]
    assert plan.old_id_for(1) == 10
    assert plan.old_id_for(2) == 11
    assert plan.old_id_for(4) == 13
    assert plan.removed_ids == (12,)
    assert plan.summary.added == ("3",)
    assert plan.summary.removed == ("3",)
    assert plan.summary.changed == ("2", "4")
    assert plan.summary.unchanged == 1


def test_identical_script_is_all_unchanged() -> None:
    scenes = [scene(i, f"INT. DECOR {i} - JOUR", f"texte {i}") for i in range(1, 30)]
    plan = plan_revision([record(i, s) for i, s in enumerate(scenes)], scenes)
    assert all(m.status is MatchStatus.UNCHANGED for m in plan.matches)
    assert plan.removed_ids == ()
