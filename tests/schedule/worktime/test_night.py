# SPDX-License-Identifier: AGPL-3.0-or-later
"""Night windows by agreement, genre and season (IDCC 2642 VI.10; IDCC 3097 art. 40) and
night premiums."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from regie.core.production import Agreement
from regie.rules.pack import RulePack
from regie.schedule.worktime import Genre, PremiumKind, WorkDay, Worker, check, premiums
from tests.schedule.worktime.builders import CINEMA, TV, day, hours, line_of, meal, worker

DECEMBER = dt.date(2026, 12, 22)  # a Tuesday, in the IDCC 2642 winter (21 Dec–20 Mar)
JULY = dt.date(2026, 7, 9)  # a Thursday
OCTOBER = dt.date(2026, 10, 15)  # a Thursday


def night_hours(who: Worker, plan: WorkDay, pack: RulePack) -> Decimal:
    found = [v for v in check(who, [plan], pack) if v.rule.key == "night.windows"]
    return sum((v.measured for v in found), Decimal(0))


@pytest.mark.parametrize(
    ("date", "evening", "morning"),
    [
        # Fiction, winter (21 Dec–20 Mar): 20:00–6:00. Rest of the year: 22:00–7:00.
        (DECEMBER, Decimal(3), Decimal(1)),
        (JULY, Decimal(1), Decimal(2)),
    ],
)
def test_2642_fiction_night_is_20_to_6_in_winter_and_22_to_7_otherwise(
    date: dt.date, evening: Decimal, morning: Decimal
) -> None:
    late = day(date, (14, 0), (23, 0), meal=((17, 0), (17, 30)))
    early = day(date, (5, 0), (13, 0), meal=((9, 0), (9, 30)))
    assert night_hours(worker(), late, TV) == evening
    assert night_hours(worker(), early, TV) == morning
    lines = premiums(worker(), [late], TV)
    assert hours(lines, PremiumKind.NIGHT) == {("night", Decimal("0.25")): evening}


def test_2642_the_season_follows_the_evening_the_night_starts_on() -> None:
    # The night of 20 March is still winter (20:00); the night of 21 March is not (22:00).
    march_20 = day(dt.date(2026, 3, 20), (14, 0), (23, 0), meal=((17, 0), (17, 30)))
    march_21 = day(dt.date(2026, 3, 21), (14, 0), (23, 0), meal=((17, 0), (17, 30)))
    assert night_hours(worker(), march_20, TV) == Decimal(3)
    assert night_hours(worker(), march_21, TV) == Decimal(1)
    # Early December is not winter for IDCC 2642 (but it is for IDCC 3097).
    early_december = day(dt.date(2026, 12, 10), (14, 0), (23, 0), meal=((17, 0), (17, 30)))
    assert night_hours(worker(), early_december, TV) == Decimal(1)
    assert night_hours(worker(Agreement.CINEMA), early_december, CINEMA) == Decimal(3)
    # The morning of 21 December belongs to the night of 20 December: 22:00–7:00.
    morning = day(dt.date(2026, 12, 21), (5, 0), (13, 0), meal=((9, 0), (9, 30)))
    assert night_hours(worker(), morning, TV) == Decimal(2)


def test_2642_other_genres_have_the_general_night_of_0_to_7() -> None:
    late = day(DECEMBER, (14, 0), (23, 30), meal=((17, 0), (17, 30)))
    assert night_hours(worker(genre=Genre.OTHER), late, TV) == Decimal(0)
    after_midnight = day(DECEMBER, (16, 0), (1, 0), wrap_next_day=True, meal=((19, 0), (19, 30)))
    assert night_hours(worker(genre=Genre.OTHER), after_midnight, TV) == Decimal(1)


def test_2642_listed_construction_electric_grip_jobs_get_50_percent_at_night() -> None:
    late = day(DECEMBER, (14, 0), (23, 0), meal=((17, 0), (17, 30)))
    lines = premiums(worker(job="electricien"), [late], TV)
    night = line_of(lines, PremiumKind.NIGHT)
    assert (night.rate, night.hours) == (Decimal("0.50"), Decimal(3))
    assert night.rule.rule_id == "worktime-idcc2642:night.premium"


@pytest.mark.parametrize(
    ("date", "studio", "expected"),
    [
        (OCTOBER, False, Decimal(3)),  # 1 Oct–31 Mar: 20:00–6:00
        (OCTOBER, True, Decimal(2)),  # approved studio: 21:00–6:00
        (JULY, False, Decimal(1)),  # 1 Apr–30 Sep: 22:00–6:00
    ],
)
def test_3097_night_is_20_00_from_october_to_march_and_22_00_otherwise(
    date: dt.date, studio: bool, expected: Decimal
) -> None:
    late = day(date, (14, 0), (23, 0), meal=((17, 0), (17, 30)), studio=studio)
    assert night_hours(worker(Agreement.CINEMA), late, CINEMA) == expected
    # The genre does not matter in cinema.
    assert night_hours(worker(Agreement.CINEMA, genre=Genre.OTHER), late, CINEMA) == expected


def test_3097_the_first_8_night_hours_are_plus_50_and_the_next_plus_100() -> None:
    # Wednesday 14 January 2026, 19:00 to 7:00 with a meal at midnight: 9 h 30 of night work
    # (20:00–6:00 less 30 minutes), 11 h 30 of work.
    wednesday = dt.date(2026, 1, 14)
    night_shoot = day(
        wednesday,
        (19, 0),
        (7, 0),
        wrap_next_day=True,
        meal=None,
        breaks=(meal(wednesday + dt.timedelta(days=1), (0, 0), (0, 30)),),
    )
    lines = premiums(worker(Agreement.CINEMA), [night_shoot], CINEMA)
    assert hours(lines, PremiumKind.NIGHT) == {
        ("night 0-8 h", Decimal("0.50")): Decimal(8),
        ("night 8+ h", Decimal("1.00")): Decimal("1.5"),
    }
    # Beyond the 10th shooting hour (from 5:30): +100 % (art. 38) …
    assert hours(lines, PremiumKind.LONG_DAY) == {("10+ h", Decimal("1.00")): Decimal("1.5")}
    # … and 5:30–6:00 carries both +100 % premiums: the cap of art. 36 takes 100 points off.
    assert hours(lines, PremiumKind.CAP) == {("cap +100 %", Decimal("-1.00")): Decimal("0.5")}
