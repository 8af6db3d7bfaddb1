# SPDX-License-Identifier: AGPL-3.0-or-later
"""Small hand-made shooting problems shared by the schedule tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from regie.schedule.model import (
    Board,
    CastSpec,
    DateRange,
    DayKind,
    LocationSpec,
    ShootDay,
    ShootingProblem,
    StripSpec,
)

MONDAY = dt.date(2027, 3, 1)
DATES = tuple(MONDAY + dt.timedelta(days=i) for i in (0, 1, 2, 3, 4, 7, 8))


def problem(**changes: object) -> ShootingProblem:
    strips = (
        StripSpec(
            "1", "1", "INT. CUISINE - JOUR", 240, location="maison", cast=("helene", "jerome")
        ),
        StripSpec(
            "2", "2", "EXT. RUE - NUIT", 180, location="rue", cast=("jerome",), needs_night=True
        ),
        StripSpec("3", "3", "EXT. QUAI - AUBE", 200, location="quai", cast=("lucie", "jerome")),
        StripSpec("4", "4", "INT. CUISINE - NUIT", 120, location="maison", cast=("helene",)),
        StripSpec(
            "5",
            "5",
            "EXT. QUAI - JOUR",
            300,
            location="quai",
            cast=("lucie", "noe"),
            needs_day=True,
        ),
    )
    cast = (
        CastSpec("helene", "Hélène", daily_cost=Decimal(900)),
        CastSpec("jerome", "Jérôme", daily_cost=Decimal(1200)),
        CastSpec(
            "lucie", "Lucie", daily_cost=Decimal(700), unavailable=(DateRange(DATES[0], DATES[0]),)
        ),
        CastSpec("noe", "Noé", daily_cost=Decimal(300), birth_date=dt.date(2015, 5, 1)),
    )
    locations = (
        LocationSpec("maison", "Maison d'Hélène"),
        LocationSpec("rue", "Rue du port"),
        LocationSpec("quai", "Quai", open_weekdays=frozenset({0, 1, 2, 3, 4})),
    )
    base = ShootingProblem(
        strips=strips, cast=cast, locations=locations, dates=DATES[:4], day_minutes=600,
        max_overtime_minutes=120, minor_max_minutes={"noe": 300},
    )  # fmt: skip
    return base if not changes else ShootingProblem(**{**_fields(base), **changes})  # type: ignore[arg-type]


def _fields(p: ShootingProblem) -> dict[str, object]:
    return {name: getattr(p, name) for name in p.__dataclass_fields__}


def board(*days: tuple[DayKind, tuple[str, ...]], dates: tuple[dt.date, ...] = DATES) -> Board:
    return Board(
        tuple(ShootDay(i, dates[i], kind, strips) for i, (kind, strips) in enumerate(days))
    )
