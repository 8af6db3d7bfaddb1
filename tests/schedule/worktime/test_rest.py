# SPDX-License-Identifier: AGPL-3.0-or-later
"""Rests: daily rest of 11 h and the IDCC 2642 reduction to 9 h (VI.3.1.2), weekly rest
(IDCC 2642 VI.3.2.2; IDCC 3097 art. 25, 26), 6 consecutive days at most (IDCC 2642), the
IDCC 3097 six-day weeks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from regie.core.production import Agreement
from regie.schedule.worktime import PremiumKind, Severity, check, premiums
from tests.schedule.worktime.builders import CINEMA, TV, day, hours, only, rules_of, week, worker

MONDAY = dt.date(2026, 3, 2)
TUESDAY = MONDAY + dt.timedelta(days=1)


def _days(*spans: tuple[tuple[int, int], tuple[int, int]], **fields: object) -> list:  # type: ignore[type-arg]
    """Consecutive days from Monday, one per (call, wrap); lodged on site 30 km away."""
    fields = {"lodged_on_site": True, "distance_km": 30, **fields}
    return [
        day(MONDAY + dt.timedelta(days=i), call, wrap, **fields)  # type: ignore[arg-type]
        for i, (call, wrap) in enumerate(spans)
    ]


def test_a_10_hour_rest_breaks_the_3097_daily_rest() -> None:
    plan = _days(((10, 0), (22, 0)), ((8, 0), (18, 0)))
    violation = only(check(worker(Agreement.CINEMA), plan, CINEMA), "daily_rest.minimum")
    assert violation.severity is Severity.ERROR
    assert (violation.measured, violation.limit) == (Decimal(10), Decimal(11))
    assert violation.dates == (MONDAY, TUESDAY)
    assert str(violation.message) == (
        "Camille rests 10h00 between 2026-03-02 and 2026-03-03; the minimum is 11h00"
    )


def test_3097_hours_cutting_into_the_daily_rest_are_paid_plus_100_percent() -> None:
    plan = _days(((10, 0), (22, 0)), ((8, 0), (18, 0)))
    lines = premiums(worker(Agreement.CINEMA), plan, CINEMA)
    assert hours(lines, PremiumKind.REST_INFRINGEMENT) == {("rest", Decimal("1.00")): Decimal(1)}


def test_2642_a_10_hour_rest_is_refused_for_a_job_outside_the_list() -> None:
    plan = _days(((10, 0), (22, 0)), ((8, 0), (18, 0)))
    violation = only(check(worker(job="scripte"), plan, TV), "daily_rest.reduction")
    assert violation.severity is Severity.ERROR
    assert str(violation.message).endswith(
        "the reduction is not allowed: the job is not one of the listed jobs"
    )


def test_2642_9_hours_are_allowed_twice_a_week_for_a_listed_job_lodged_on_site() -> None:
    electrician = worker(job="electricien")
    plan = _days(
        ((8, 0), (22, 0 + 0)),  # Monday: wrap 22:00 (12 h of work with the meal: 13 h span)
        ((7, 30), (22, 30)),  # rest 9 h 30
        ((7, 30), (21, 0)),  # rest 9 h
        ((6, 0), (18, 0)),  # rest 9 h: the third reduction of the week
        meal=((13, 0), (14, 0)),
    )
    found = [v for v in check(electrician, plan, TV) if v.rule.key == "daily_rest.reduction"]
    assert [(v.severity, v.measured) for v in found] == [
        (Severity.WARNING, Decimal("9.5")),
        (Severity.WARNING, Decimal(9)),
        (Severity.ERROR, Decimal(9)),
    ]
    assert "reduction number 3 of the week; the limit is 2" in str(found[2].message)
    lines = premiums(electrician, plan, TV)
    # Each hour eating into the 11 h: compensatory rest +50 % (1 h 30 + 2 h + 2 h).
    assert hours(lines, PremiumKind.REST_INFRINGEMENT) == {
        ("rest", Decimal("0.50")): Decimal("5.5")
    }


def test_2642_reduction_needs_lodging_and_a_workplace_within_50_km() -> None:
    electrician = worker(job="electricien")
    spans = (((10, 0), (22, 0)), ((7, 30), (18, 0)))
    not_lodged = _days(*spans, lodged_on_site=False)
    assert "does not lodge" in str(
        only(check(electrician, not_lodged, TV), "daily_rest.reduction").message
    )
    far = _days(*spans, distance_km=80)
    assert "more than 50 km" in str(
        only(check(electrician, far, TV), "daily_rest.reduction").message
    )
    unknown = _days(*spans, distance_km=None)
    assert "not given" in str(only(check(electrician, unknown, TV), "daily_rest.reduction").message)


def test_2642_a_rest_under_9_hours_is_never_allowed() -> None:
    plan = _days(((10, 0), (23, 0)), ((7, 30), (18, 0)), meal=((14, 0), (15, 0)))
    violation = only(check(worker(job="electricien"), plan, TV), "daily_rest.minimum")
    assert violation.severity is Severity.ERROR
    assert (violation.measured, violation.limit) == (Decimal("8.5"), Decimal(9))


def test_2642_seven_consecutive_days_break_the_six_day_limit() -> None:
    seven = week(MONDAY, 7, call=(9, 0), wrap=(15, 0), meal=((12, 0), (12, 30)))
    violation = only(check(worker(), seven, TV), "weekly_rest.max_consecutive_days")
    assert violation.severity is Severity.ERROR
    assert (violation.measured, violation.limit) == (Decimal(7), Decimal(6))
    assert len(violation.dates) == 7
    assert "weekly_rest.max_consecutive_days" not in rules_of(check(worker(), seven[:6], TV))


def test_2642_the_labour_inspection_derogation_turns_it_into_a_warning() -> None:
    from regie.schedule.worktime import Derogation

    seven = week(MONDAY, 7, call=(9, 0), wrap=(15, 0), meal=((12, 0), (12, 30)))
    allowed = worker(derogations=[Derogation.IDCC2642_7_DAYS])
    assert only(check(allowed, seven, TV), "weekly_rest.max_consecutive_days").severity is (
        Severity.WARNING
    )


def test_2642_weekly_rest_of_35_hours() -> None:
    # Monday to Saturday, then Monday to Saturday again: Saturday 19:00 → Monday 8:00 is 37 h.
    plan = week(MONDAY, 6) + week(MONDAY + dt.timedelta(days=7), 6)
    assert "weekly_rest.minimum" not in rules_of(check(worker(), plan, TV))
    # The second Monday's call at 5:00 leaves 34 h.
    early = [*plan[:6], day(plan[6].date, (5, 0), (16, 0)), *plan[7:]]
    violation = only(check(worker(), early, TV), "weekly_rest.minimum")
    assert (violation.measured, violation.limit) == (Decimal(34), Decimal(35))


def test_3097_weekly_rest_is_48_hours_including_sunday() -> None:
    # Tuesday to Saturday, then Monday: Saturday 19:00 → Monday 8:00 is only 37 h.
    plan = [day(TUESDAY + dt.timedelta(days=i)) for i in range(5)]
    plan.append(day(MONDAY + dt.timedelta(days=7)))
    found = check(worker(Agreement.CINEMA), plan, CINEMA)
    violation = only(found, "weekly_rest.minimum")
    assert (violation.measured, violation.limit) == (Decimal(37), Decimal(48))
    assert "including Sunday" in str(violation.message)
    # Art. 35: the work inside the 48 h after Saturday's wrap is paid +100 % (Monday 8–19,
    # less the meal).
    lines = premiums(worker(Agreement.CINEMA), plan, CINEMA)
    assert hours(lines, PremiumKind.REST_INFRINGEMENT) == {("rest", Decimal("1.00")): Decimal(10)}
    # A normal Monday–Friday week has its 48 h.
    assert "weekly_rest.minimum" not in rules_of(
        check(worker(Agreement.CINEMA), week(MONDAY), CINEMA)
    )


def test_3097_a_sixth_day_in_the_paris_region_is_exceptional() -> None:
    six = week(MONDAY, 6)
    found = check(worker(Agreement.CINEMA), six, CINEMA)
    sixth = only(found, "sixth_day.paris_region")
    assert sixth.severity is Severity.WARNING
    assert sixth.dates == (MONDAY + dt.timedelta(days=5),)
    lines = premiums(worker(Agreement.CINEMA), six, CINEMA)
    # Saturday's 10 h get +100 % instead of the weekly overtime premiums: the week's
    # overtime is (60 h − 10 h) − 35 h = 15 h, not 25 h.
    assert hours(lines, PremiumKind.SIXTH_DAY) == {("6th day", Decimal("1.00")): Decimal(10)}
    assert sum(hours(lines, PremiumKind.OVERTIME).values()) == Decimal(15)


def test_3097_six_day_weeks_away_from_home_need_24_hours_and_at_most_4_in_a_row() -> None:
    away = [
        d
        for i in range(5)
        for d in week(MONDAY + dt.timedelta(days=7 * i), 6, wrap=(17, 0), away_from_home=True)
    ]
    found = check(worker(Agreement.CINEMA), away, CINEMA)
    assert "sixth_day.paris_region" not in rules_of(found)
    assert "weekly_rest.six_day_week" not in rules_of(found)
    violation = only(found, "six_day_weeks")
    assert (violation.measured, violation.limit) == (Decimal(5), Decimal(4))
    assert violation.dates[0] == MONDAY + dt.timedelta(days=28)
    assert "six_day_weeks" not in rules_of(check(worker(Agreement.CINEMA), away[:24], CINEMA))


def test_3097_seven_days_in_a_civil_week_leave_no_weekly_rest() -> None:
    seven = week(MONDAY, 7, call=(9, 0), wrap=(15, 0), meal=((12, 0), (12, 30)))
    found = check(worker(Agreement.CINEMA), seven, CINEMA)
    violation = only(found, "weekly_rest.minimum")
    assert (violation.measured, violation.limit) == (Decimal(18), Decimal(48))


def test_2642_weekly_rest_is_33_hours_in_a_week_with_an_allowed_reduction() -> None:
    # Monday 8:00–22:00, Tuesday from 7:30 (rest 9 h 30, an allowed reduction), Wednesday to
    # Saturday, then a Saturday 20:00 → Monday 5:30 rest of 33 h 30: enough after a
    # reduction (24 h + 9 h).
    electrician = worker(job="electricien")
    first = _days(((8, 0), (22, 0)), ((7, 30), (18, 0)), *[((8, 0), (18, 0))] * 3)
    saturday = day(MONDAY + dt.timedelta(days=5), (10, 0), (20, 0))
    monday = day(MONDAY + dt.timedelta(days=7), (5, 30), (15, 0))
    found = check(electrician, [*first, saturday, monday], TV)
    assert "weekly_rest.minimum" not in rules_of(found)
    # Without the reduction (a job outside the list: an error), the week needs 35 h.
    found = check(worker(job="scripte"), [*first, saturday, monday], TV)
    violation = only(found, "weekly_rest.minimum")
    assert (violation.measured, violation.limit) == (Decimal("33.5"), Decimal(35))
