# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

from decimal import Decimal

from regie.core.production import ProductionKind
from regie.rules.pack import parse_pack
from regie.rules.registry import shipped_pack
from regie.script.catalog import CharacterRecord, SceneRecord, TagRecord
from regie.script.elements import Category, TagStatus
from regie.script.feasibility import diagnose, estimate_shoot_days
from regie.script.model import IntExt, LengthSource, Light

PACE = shipped_pack("shoot-pace")
DRIVERS = shipped_pack("feasibility-drivers")


def sc(
    id_: int, ie: IntExt, set_name: str, light: Light, eighths: int, *speakers: str
) -> SceneRecord:
    return SceneRecord(
        id=id_, script_id=1, index=id_, number=str(id_), heading=f"{ie.value}. {set_name}",
        int_ext=ie, set_name=set_name, time_of_day=None, light=light, eighths=eighths,
        length_source=LengthSource.LAYOUT, first_page=1, last_page=1, line=None, synopsis=None,
        body="", speakers=speakers,
    )  # fmt: skip


def tag(
    scene_id: int, category: Category, name: str, status: TagStatus = TagStatus.ACCEPTED
) -> TagRecord:
    return TagRecord(0, scene_id, 0, category, name, status)


SCENES = [
    sc(1, IntExt.INT, "CUISINE", Light.DAY, 10, "HÉLÈNE", "JÉRÔME"),
    sc(2, IntExt.EXT, "RUE", Light.NIGHT, 4, "JÉRÔME", "VOIX DE LUCIE"),
    sc(3, IntExt.EXT, "QUAI", Light.DAWN, 12, "LUCIE", "JÉRÔME"),
    sc(4, IntExt.INT, "cuisine", Light.NIGHT, 6, "HÉLÈNE"),
]
TAGS = [
    tag(2, Category.SFX, "pluie artificielle"),
    tag(2, Category.VEHICLES, "CAMIONNETTE"),
    tag(3, Category.EXTRAS, "DOCKERS"),
    tag(3, Category.STUNTS, "chute dans l'eau", TagStatus.SUGGESTED),
    tag(3, Category.SECURITY, "sécurité nautique"),
    tag(4, Category.ANIMALS, "chien", TagStatus.REJECTED),
]
CHARACTERS = [
    CharacterRecord(1, "HÉLÈNE", None),
    CharacterRecord(2, "JÉRÔME", None),
    CharacterRecord(3, "LUCIE", None),
    CharacterRecord(4, "VOIX DE LUCIE", "LUCIE"),
]


def test_diagnosis() -> None:
    f = diagnose(
        title="La clef", kind=ProductionKind.TV_FICTION, running_minutes=52, pages=4,
        scenes=SCENES, tags=TAGS, characters=CHARACTERS, pace=PACE, drivers=DRIVERS,
    )  # fmt: skip
    assert f.eighths == 32
    assert f.estimated_minutes == Decimal("4.0")
    assert {s.key: (s.scenes, s.eighths) for s in f.int_ext} == {"INT": (2, 16), "EXT": (2, 16)}
    assert {s.key: s.scenes for s in f.light} == {"day": 1, "night": 2, "dawn": 1}
    # "cuisine" and "CUISINE" are one set; sets sorted by length.
    assert [(s.name, s.scenes, s.eighths) for s in f.sets] == [
        ("CUISINE", 2, 16), ("QUAI", 1, 12), ("RUE", 1, 4),
    ]  # fmt: skip
    # VOIX DE LUCIE merged into LUCIE: LUCIE speaks in scenes 2 and 3.
    lucie = next(c for c in f.cast if c.name == "LUCIE")
    assert (lucie.scenes, lucie.aliases) == (2, ("VOIX DE LUCIE",))
    assert f.cast[0].name == "JÉRÔME"
    assert f.night_exteriors == ("2",)
    assert f.weather_exteriors == ("2",)
    drivers = {d.driver: d for d in f.drivers}
    assert set(drivers) == {"stunts", "sfx", "crowds", "vehicles", "water", "night_exteriors"}
    assert drivers["stunts"].confirmed is False  # only a pending suggestion
    assert drivers["water"].elements == ("sécurité nautique",)
    assert "animals" not in drivers  # the rejected suggestion does not count
    # 4 pages of TV fiction at 5–10 pages a day: 1 day at the fast pace, 1 at the slow one.
    assert (f.shoot_days.low, f.shoot_days.high, f.shoot_days.basis) == (1, 1, "pages")
    assert f.rules == (PACE.ref, DRIVERS.ref)


def test_shoot_days_by_kind() -> None:
    feature = estimate_shoot_days(ProductionKind.FEATURE_FILM, 100 * 8, None, PACE)
    assert (feature.low, feature.high) == (20, 50)  # 100 pages at 5 and 2 pages a day
    assert feature.rule == f"{PACE.ref}: feature_film.pages_per_day"
    assert "CutPrint" in (feature.citation or "")
    doc = estimate_shoot_days(ProductionKind.DOCUMENTARY, 0, 52, PACE)
    assert (doc.low, doc.high, doc.basis) == (18, 26, "minutes")
    doc_without_runtime = estimate_shoot_days(ProductionKind.DOCUMENTARY, 0, None, PACE)
    assert doc_without_runtime.low is None
    assert "running time" in (doc_without_runtime.reason or "")
    live = estimate_shoot_days(ProductionKind.LIVE_CAPTURE, 80, None, PACE)
    assert live.low is None
    assert "no customary pace" in (live.reason or "")


def test_pace_comes_from_the_pack() -> None:
    faster = parse_pack(
        "pack: shoot-pace\nversion: '9'\nvalues:\n"
        "  minutes_per_page: {value: '1', status: customary}\n"
        "  tv_fiction.pages_per_day: {value: {low: '10', high: '20'}, status: customary}\n",
        path="x.yaml",
    )
    days = estimate_shoot_days(ProductionKind.TV_FICTION, 52 * 8, 52, faster)
    assert (days.low, days.high) == (3, 6)
