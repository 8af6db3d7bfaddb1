# SPDX-License-Identifier: AGPL-3.0-or-later
"""Minors: night bans (under 16: 20:00–6:00; 16–18: 22:00–6:00; never 0:00–4:00), the
children's daily caps of secondary sources, Sundays (IDCC 2642 VI.9) and holidays."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from regie.core.errors import RuleError
from regie.core.production import Agreement
from regie.rules.pack import Status
from regie.schedule.worktime import Derogation, Severity, check, report
from tests.schedule.worktime.builders import (
    CINEMA,
    MINORS,
    TV,
    day,
    only,
    rules_of,
    worker,
)

WEDNESDAY = dt.date(2026, 3, 4)


def born(years: int, months: int = 0) -> dt.date:
    """A birth date giving that age on WEDNESDAY."""
    return dt.date(WEDNESDAY.year - years, WEDNESDAY.month, WEDNESDAY.day) - dt.timedelta(
        days=31 * months
    )


@pytest.mark.parametrize("agreement", [Agreement.AUDIOVISUAL, Agreement.CINEMA])
def test_a_14_year_old_working_at_21_00_breaks_the_night_ban(agreement: Agreement) -> None:
    child = worker(agreement, kind=worker().kind, birth_date=born(14))
    evening = day(WEDNESDAY, (18, 0), (21, 30), meal=None)
    pack = TV if agreement is Agreement.AUDIOVISUAL else CINEMA
    violation = only(check(child, [evening], pack, minors=MINORS), "night.under_16")
    assert violation.severity is Severity.ERROR
    assert violation.measured == Decimal("1.5")
    assert str(violation.message) == (
        "Camille, aged 14, works 1h30 between 20:00 and 06:00 on 2026-03-04: night work is "
        "forbidden at that age"
    )
    assert violation.rule.rule_id == "minors-worktime:night.under_16"


def test_a_17_year_old_working_at_23_00_breaks_the_night_ban() -> None:
    teenager = worker(birth_date=born(17))
    late = day(WEDNESDAY, (15, 0), (23, 30), meal=((19, 0), (19, 30)))
    violation = only(check(teenager, [late], TV, minors=MINORS), "night.under_18")
    assert (violation.severity, violation.measured) == (Severity.ERROR, Decimal("1.5"))
    # The same evening is fine for an adult, and 21:30 is fine at 17.
    assert not rules_of(check(worker(birth_date=born(18)), [late], TV), Severity.ERROR)
    earlier = day(WEDNESDAY, (12, 0), (21, 30), meal=((16, 0), (16, 30)))
    assert "night.under_18" not in rules_of(check(teenager, [earlier], TV, minors=MINORS))


def test_the_performance_derogation_never_opens_midnight_to_4() -> None:
    teenager = worker(birth_date=born(17), derogations=[Derogation.MINOR_NIGHT])
    late = day(WEDNESDAY, (16, 0), (1, 0), wrap_next_day=True, meal=((19, 0), (19, 30)))
    found = check(teenager, [late], TV, minors=MINORS)
    allowed = only(found, "night.under_18")
    assert (allowed.severity, allowed.measured) == (Severity.WARNING, Decimal(2))
    forbidden = only(found, "night.absolute")
    assert (forbidden.severity, forbidden.measured) == (Severity.ERROR, Decimal(1))


def test_childrens_daily_caps_warn_and_say_their_status() -> None:
    child = worker(birth_date=born(10))
    four_hours = day(WEDNESDAY, (9, 0), (13, 30), meal=((11, 0), (11, 30)))
    found = check(child, [four_hours], TV, minors=MINORS)
    cap = next(v for v in found if "daily cap" in str(v.message))
    assert cap.rule.key == "daily_cap.school"
    assert cap.severity is Severity.WARNING
    assert (cap.measured, cap.limit) == (Decimal(4), Decimal(3))
    assert cap.rule.status is Status.SECONDARY
    assert "(secondary source, verify against the authorisation)" in str(cap.message)
    # In school holidays the sources say 4 h or 6 h for 6–11 years: 5 h is between them.
    holidays = day(WEDNESDAY, (9, 0), (14, 30), meal=((11, 30), (12, 0)), school_holiday=True)
    disputed = only(check(child, [holidays], TV, minors=MINORS), "daily_cap.school_holidays")
    assert disputed.severity is Severity.WARNING
    assert disputed.rule.status is Status.UNVERIFIED
    assert "sources disagree" in str(disputed.message)


def test_a_break_is_due_after_90_minutes_for_a_ten_year_old() -> None:
    child = worker(birth_date=born(10))
    no_break = day(WEDNESDAY, (9, 0), (11, 0), meal=None)
    found = check(child, [no_break], TV, minors=MINORS)
    assert only(found, "daily_cap.school").limit == Decimal("1.5")


def test_no_sunday_under_18_in_2642_and_a_warning_for_children_in_3097() -> None:
    sunday = day(dt.date(2026, 3, 8), (9, 0), (11, 0), meal=None)
    teenager = worker(birth_date=born(17))
    violation = only(check(teenager, [sunday], TV, minors=MINORS), "sunday.minimum_age")
    assert violation.severity is Severity.ERROR
    assert violation.rule.article == "VI.9"
    child = worker(Agreement.CINEMA, birth_date=born(12))
    found = check(child, [sunday], CINEMA, minors=MINORS)
    assert only(found, "sundays_holidays.children").severity is Severity.WARNING
    holiday = day(dt.date(2026, 7, 14), (9, 0), (11, 0), meal=None)
    assert "sundays_holidays.children" in rules_of(check(child, [holiday], CINEMA, minors=MINORS))


def test_a_baby_under_3_months_is_flagged() -> None:
    baby = worker(birth_date=WEDNESDAY - dt.timedelta(days=40))
    short = day(WEDNESDAY, (10, 0), (10, 30), meal=None)
    assert only(check(baby, [short], TV, minors=MINORS), "minimum_age").severity is (
        Severity.WARNING
    )


def test_a_minor_needs_the_minors_pack() -> None:
    child = worker(birth_date=born(12))
    with pytest.raises(RuleError, match="minors-worktime"):
        check(child, [day(WEDNESDAY)], TV)
    assert report(child, [day(WEDNESDAY)], TV, minors=MINORS).packs == (
        "worktime-idcc2642@2026.1",
        "minors-worktime@2026.1",
    )
