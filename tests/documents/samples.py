# SPDX-License-Identifier: AGPL-3.0-or-later
"""Domain values the document tests print: a production, four broken-down scenes (one per
strip colour) and a feasibility report, built directly (no parser, no database)."""

from __future__ import annotations

import json
from decimal import Decimal

from regie.core.production import Agreement, Production, ProductionKind
from regie.script.catalog import BreakdownSheet, SceneRecord, TagRecord
from regie.script.elements import Category, TagStatus
from regie.script.feasibility import (
    CastLine,
    DayEstimate,
    DriverLine,
    Feasibility,
    SetLine,
    Split,
)
from regie.script.model import IntExt, LengthSource, Light

PRODUCTION = Production(
    id=1,
    slug="la-clef-du-quai",
    code="CLEQUA",
    title="La Clef du Quai",
    kind=ProductionKind.TV_FICTION,
    agreement=Agreement.AUDIOVISUAL,
)

BODY = json.dumps(
    [
        ["action", "Le quai, la nuit. Hélène attend sous la pluie.", None, None],
        ["character", "HÉLÈNE", "V.O.", None],
        ["dialogue", "Il ne viendra pas.", None, None],
    ],
    ensure_ascii=False,
)


def scene(
    id_: int,
    number: str,
    int_ext: IntExt,
    set_name: str,
    *,
    time: str,
    light: Light,
    eighths: int,
    first_page: int = 1,
    last_page: int = 1,
    synopsis: str | None = None,
    notes: str = "",
    needs_review: bool = False,
) -> SceneRecord:
    return SceneRecord(
        id=id_,
        script_id=1,
        index=id_,
        number=number,
        heading=f"{int_ext.value}. {set_name} - {time}",
        int_ext=int_ext,
        set_name=set_name,
        time_of_day=time,
        light=light,
        eighths=eighths,
        length_source=LengthSource.LAYOUT,
        first_page=first_page,
        last_page=last_page,
        line=None,
        synopsis=synopsis,
        body=BODY,
        speakers=("HÉLÈNE",),
        notes=notes,
        needs_review=needs_review,
    )


def tag(
    id_: int,
    scene_id: int,
    category: Category,
    name: str,
    status: TagStatus = TagStatus.ACCEPTED,
    *,
    quantity: int | None = None,
    note: str = "",
) -> TagRecord:
    return TagRecord(id_, scene_id, id_, category, name, status, quantity=quantity, note=note)


QUAI = scene(
    1, "12", IntExt.EXT, "QUAI DES BRUMES", time="NUIT", light=Light.NIGHT, eighths=11,
    first_page=3, last_page=4, synopsis="Hélène attend Jérôme, qui ne vient pas.",
    notes="Prévoir la pluie et un plan de repli en intérieur.",
)  # fmt: skip
CUISINE = scene(
    2, "13", IntExt.INT, "CUISINE", time="JOUR", light=Light.DAY, eighths=5,
    first_page=4, last_page=4,
)  # fmt: skip
RUE = scene(
    3, "14", IntExt.EXT, "RUE DU PORT", time="JOUR", light=Light.DAY, eighths=16,
    first_page=5, last_page=6,
)  # fmt: skip
CHAMBRE = scene(
    4, "15", IntExt.INT, "CHAMBRE", time="NUIT", light=Light.NIGHT, eighths=3,
    first_page=6, last_page=6,
    needs_review=True,
)  # fmt: skip

SHEETS = (
    BreakdownSheet(
        QUAI,
        (
            tag(1, 1, Category.CAST, "HÉLÈNE"),
            tag(2, 1, Category.CAST, "JÉRÔME", TagStatus.MANUAL, note="silhouette de dos"),
            tag(3, 1, Category.EXTRAS, "DOCKERS", quantity=3, note="en bleu de travail"),
            tag(4, 1, Category.SFX, "pluie artificielle"),
            tag(5, 1, Category.PROPS, "<script>alert(1)</script>", TagStatus.MANUAL),
            tag(6, 1, Category.PROPS, 'CHAISE, "LOUIS XV"', TagStatus.MANUAL),
            tag(7, 1, Category.ANIMALS, "CHIEN", TagStatus.SUGGESTED),
            tag(8, 1, Category.VEHICLES, "CAMIONNETTE", TagStatus.REJECTED),
        ),
    ),
    BreakdownSheet(
        CUISINE,
        (
            tag(9, 2, Category.CAST, "HÉLÈNE"),
            tag(10, 2, Category.PROPS, "=SOMME(A1:A9)", TagStatus.MANUAL),
        ),
    ),
    BreakdownSheet(
        RUE,
        (
            tag(11, 3, Category.EXTRAS, "dockers", quantity=8),
            tag(12, 3, Category.VEHICLES, "VIEILLE PEUGEOT 504", TagStatus.MANUAL),
        ),
    ),
    BreakdownSheet(CHAMBRE, ()),
)

REPORT = Feasibility(
    title="La Clef du Quai",
    kind=ProductionKind.TV_FICTION,
    pages=6,
    eighths=35,
    scene_count=4,
    estimated_minutes=Decimal("4.4"),
    int_ext=(Split("EXT", 2, 27), Split("INT", 2, 8)),
    light=(Split("day", 2, 21), Split("night", 2, 14)),
    sets=(
        SetLine("RUE DU PORT", 1, 16, ("EXT",), ("day",)),
        SetLine("QUAI DES BRUMES", 1, 11, ("EXT",), ("night",)),
        SetLine("CUISINE", 1, 5, ("INT",), ("day",)),
        SetLine("CHAMBRE", 1, 3, ("INT",), ("night",)),
    ),
    cast=(
        CastLine("HÉLÈNE", ("VOIX D'HÉLÈNE",), 3, 19, "12"),
        CastLine("JÉRÔME", (), 1, 11, "12"),
    ),
    night_exteriors=("12",),
    weather_exteriors=("12",),
    drivers=(
        DriverLine("animals", "Animaux", "Animals", ("12",), ("CHIEN",), False),
        DriverLine("crowds", "Figuration", "Crowds and extras", ("12", "14"), ("DOCKERS",), True),
        DriverLine("night_exteriors", "Extérieurs nuit", "Night exteriors", ("12",), (), True),
    ),
    shoot_days=DayEstimate(
        low=1,
        high=1,
        basis="pages",
        quantity=Decimal("4.375"),
        fast_rate=Decimal("10"),
        slow_rate=Decimal("5"),
        rule="shoot-pace@2026.1: tv_fiction.pages_per_day",
        citation="customary — CutPrint, glossary 'Page count' (https://www.cutprint.io/"
        "glossary/page-count); Larousse, Dictionnaire du cinéma, article « Tournage »",
    ),
    rules=("shoot-pace@2026.1", "feasibility-drivers@2026.1"),
)
