# SPDX-License-Identifier: AGPL-3.0-or-later
"""The day records: what a plan must respect to be checked, real durations across a
daylight-saving change, ages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from regie.core.calendar import PARIS
from regie.core.errors import RuleError, ValidationError
from regie.core.production import Agreement
from regie.schedule.worktime import Break, WorkDay, check, report
from tests.schedule.worktime.builders import CINEMA, TV, at, day, only, worker

WEDNESDAY = dt.date(2026, 3, 4)


@pytest.mark.parametrize(
    ("plan", "problem"),
    [
        # A naive time on purpose: the plan must refuse it.
        ([WorkDay(WEDNESDAY, dt.datetime(2026, 3, 4, 8), at(WEDNESDAY, 18))], "no time zone"),  # noqa: DTZ001
        ([WorkDay(WEDNESDAY, at(WEDNESDAY, 18), at(WEDNESDAY, 8))], "wrap is not after"),
        (
            [WorkDay(WEDNESDAY, at(WEDNESDAY, 8, 0) + dt.timedelta(seconds=30), at(WEDNESDAY, 18))],
            "whole minutes",
        ),
        (
            [
                WorkDay(
                    WEDNESDAY, at(WEDNESDAY, 0, 30, next_day=True), at(WEDNESDAY, 8, next_day=True)
                )
            ],
            "local date of its call",
        ),
        ([day(WEDNESDAY, meal=((7, 0), (8, 30)))], "inside the day"),
        ([day(WEDNESDAY, transport_out_minutes=400, transport_back_minutes=400)], "transport legs"),
        ([day(WEDNESDAY), day(WEDNESDAY, (20, 0), (22, 0), meal=None)], "same date"),
        (
            [
                day(WEDNESDAY, (14, 0), (2, 0), wrap_next_day=True, meal=None),
                day(WEDNESDAY + dt.timedelta(days=1), (1, 0), (9, 0), meal=None),
            ],
            "starts before the previous one ends",
        ),
    ],
)
def test_a_plan_that_cannot_be_right_is_refused_naming_the_day(
    plan: list[WorkDay], problem: str
) -> None:
    with pytest.raises(ValidationError, match=problem) as refused:
        check(worker(), plan, TV)
    assert "work day 2026-03-0" in str(refused.value)


def test_overlapping_breaks_are_refused() -> None:
    breaks = (
        Break(at(WEDNESDAY, 12), at(WEDNESDAY, 13)),
        Break(at(WEDNESDAY, 12, 30), at(WEDNESDAY, 13, 30)),
    )
    with pytest.raises(ValidationError, match="must not overlap"):
        check(worker(), [day(WEDNESDAY, meal=None, breaks=breaks)], TV)


def test_the_night_of_the_spring_change_lasts_one_hour_less() -> None:
    # Saturday 28 March 2026 20:00 → Sunday 29 March 6:00 (clocks go 2:00 → 3:00): 9 h.
    saturday = dt.date(2026, 3, 28)
    night = day(saturday, (20, 0), (6, 0), wrap_next_day=True, meal=None)
    assert night.span_minutes == 9 * 60
    weeks = report(worker(), [night], TV).weeks
    assert sum(w.effective_minutes for w in weeks) == 9 * 60


def test_days_may_come_in_any_order() -> None:
    plan = [day(WEDNESDAY + dt.timedelta(days=1)), day(WEDNESDAY)]
    assert check(worker(), plan, TV) == check(worker(), sorted(plan, key=lambda d: d.date), TV)


def test_ages() -> None:
    someone = worker(birth_date=dt.date(2010, 3, 5))
    assert someone.age_on(dt.date(2026, 3, 4)) == 15
    assert someone.age_on(dt.date(2026, 3, 5)) == 16
    assert worker().age_on(WEDNESDAY) is None
    assert worker(birth_date=dt.date(2026, 1, 10)).age_in_months_on(WEDNESDAY) == 1


def test_the_pack_must_be_the_workers_agreement() -> None:
    with pytest.raises(RuleError, match="under agreement 3097 but the pack is worktime-idcc2642"):
        check(worker(Agreement.CINEMA), [day(WEDNESDAY)], TV)
    assert check(worker(), [], TV) == ()
    assert report(worker(Agreement.CINEMA), [], CINEMA).premiums == ()


def test_paris_local_times_are_what_the_rules_read() -> None:
    # The same instant written in UTC gives the same verdict.
    paris = day(WEDNESDAY, (7, 0), (21, 0), meal=((12, 0), (12, 30)))
    in_utc = WorkDay(
        WEDNESDAY,
        paris.call.astimezone(dt.UTC),
        paris.wrap.astimezone(dt.UTC),
        tuple(Break(b.start.astimezone(dt.UTC), b.end.astimezone(dt.UTC)) for b in paris.breaks),
    )
    assert paris.call.tzinfo is PARIS
    assert only(check(worker(), [in_utc], TV), "daily_max.effective").measured == Decimal("13.5")
