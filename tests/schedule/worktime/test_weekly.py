# SPDX-License-Identifier: AGPL-3.0-or-later
"""Civil weeks: 48 h maximum and the declared derogations (IDCC 2642 VI.3.2.1: 54 h, 60 h;
IDCC 3097 art. 24: 60 h), the 46 h average over 12 weeks, 25 Sundays a year (IDCC 2642)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from regie.core.production import Agreement
from regie.schedule.worktime import Derogation, Genre, Severity, check
from tests.schedule.worktime.builders import CINEMA, PACKS, TV, day, only, rules_of, week, worker

MONDAY = dt.date(2026, 3, 2)


@pytest.mark.parametrize("agreement", [Agreement.AUDIOVISUAL, Agreement.CINEMA])
def test_a_49_hour_week_breaks_the_48_hour_maximum(agreement: Agreement) -> None:
    # 5 × 9 h 48 (8:00–18:48 with a 1 h meal) = 49 h.
    plan = week(MONDAY, wrap=(18, 48))
    violation = only(check(worker(agreement), plan, PACKS[agreement]), "weekly_max.hours")
    assert violation.severity is Severity.ERROR
    assert (violation.measured, violation.limit) == (Decimal(49), Decimal(48))
    assert len(violation.dates) == 5
    assert "weekly_max.hours" not in rules_of(
        check(worker(agreement), week(MONDAY, wrap=(18, 36)), PACKS[agreement])
    )


def test_2642_the_54_hour_derogation_needs_fiction_a_listed_job_and_a_short_contract() -> None:
    fifty = week(MONDAY, wrap=(19, 0))  # 5 × 10 h
    declared = worker(job="electricien", contract_days=60, derogations=[Derogation.IDCC2642_54H])
    violation = only(check(declared, fifty, TV), "derogation.weekly_54h")
    assert violation.severity is Severity.WARNING
    assert "allowed only under the derogation declared (54h00 at most)" in str(violation.message)
    # Over 54 h, or a job outside the list, or a contract of 20 weeks or more: an error.
    fifty_five = week(MONDAY, wrap=(20, 0))
    assert only(check(declared, fifty_five, TV), "derogation.weekly_54h").severity is Severity.ERROR
    for refused in (
        worker(job="chef_decorateur", contract_days=60, derogations=[Derogation.IDCC2642_54H]),
        worker(job="electricien", contract_days=140, derogations=[Derogation.IDCC2642_54H]),
        worker(
            job="electricien",
            contract_days=60,
            genre=Genre.OTHER,
            derogations=[Derogation.IDCC2642_54H],
        ),
        worker(job="electricien", contract_days=60),
    ):
        assert only(check(refused, fifty, TV), "weekly_max.hours").severity is Severity.ERROR


def test_2642_the_60_hour_derogation_is_for_six_day_weeks_three_in_a_row() -> None:
    declared = worker(derogations=[Derogation.IDCC2642_60H])
    # 6 × 9 h 30 = 57 h a week, four weeks running.
    plan = [d for i in range(4) for d in week(MONDAY + dt.timedelta(days=7 * i), 6, wrap=(18, 30))]
    found = [v for v in check(declared, plan, TV) if v.rule.key == "derogation.weekly_60h"]
    assert [v.severity for v in found].count(Severity.WARNING) == 4
    streak = only([v for v in found if v.severity is Severity.ERROR], "derogation.weekly_60h")
    assert (streak.measured, streak.limit, streak.unit) == (Decimal(4), Decimal(3), "weeks")
    assert streak.dates[0] == MONDAY + dt.timedelta(days=21)
    # A five-day week cannot use it.
    five = week(MONDAY, 5, call=(7, 0), wrap=(19, 0))  # 5 × 11 h = 55 h
    assert only(check(declared, five, TV), "weekly_max.hours").severity is Severity.ERROR


def test_3097_exceptional_60_hour_weeks_when_declared() -> None:
    fifty = week(MONDAY, wrap=(19, 0))
    assert only(check(worker(Agreement.CINEMA), fifty, CINEMA), "weekly_max.hours")
    declared = worker(Agreement.CINEMA, derogations=[Derogation.IDCC3097_60H])
    assert only(check(declared, fifty, CINEMA), "derogation.weekly_60h").severity is (
        Severity.WARNING
    )


@pytest.mark.parametrize("agreement", [Agreement.AUDIOVISUAL, Agreement.CINEMA])
def test_47_hours_a_week_for_12_weeks_breaks_the_46_hour_average(agreement: Agreement) -> None:
    # 5 × 9 h 24 (8:00–18:24 with a 1 h meal) = 47 h, every week for 12 weeks.
    plan = [d for i in range(12) for d in week(MONDAY + dt.timedelta(days=7 * i), wrap=(18, 24))]
    found = check(worker(agreement), plan, PACKS[agreement])
    assert rules_of(found, Severity.ERROR) == {"weekly_average"}
    violation = only(found, "weekly_average")
    assert (violation.measured, violation.limit) == (Decimal("47.00"), Decimal(46))
    assert len(violation.dates) == 60
    # Eleven such weeks and a 35-hour one average 45.83 h.
    lighter = plan[:55] + week(MONDAY + dt.timedelta(days=77), call=(9, 0), wrap=(17, 0))
    assert "weekly_average" not in rules_of(check(worker(agreement), lighter, PACKS[agreement]))


def test_a_short_plan_averages_over_12_weeks_with_empty_weeks() -> None:
    # Two 48 h weeks: 96 h / 12 weeks, far under 46 h.
    plan = week(MONDAY, wrap=(18, 36)) + week(MONDAY + dt.timedelta(days=7), wrap=(18, 36))
    assert "weekly_average" not in rules_of(check(worker(), plan, TV))


def test_2642_at_most_25_sundays_a_year_for_one_employer() -> None:
    first = dt.date(2026, 1, 4)
    sundays = [day(first + dt.timedelta(days=7 * i), (9, 0), (17, 0)) for i in range(26)]
    violation = only(check(worker(), sundays, TV), "sunday.max_per_year")
    assert violation.severity is Severity.ERROR
    assert (violation.measured, violation.limit) == (Decimal(26), Decimal(25))
    assert violation.dates == (sundays[-1].date,)
    assert "sunday.max_per_year" not in rules_of(check(worker(), sundays[:25], TV))
    # IDCC 3097 has no such count.
    assert "sunday.max_per_year" not in rules_of(check(worker(Agreement.CINEMA), sundays, CINEMA))
