# SPDX-License-Identifier: AGPL-3.0-or-later
"""Invariants over random plans: premium hours are never negative; a week's overtime is
``max(0, effective − 35 h)`` (rounded as the agreement says) whatever the bands; moving a
plan by whole weeks keeps its violations when no holiday or season change is crossed."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from regie.core.production import Agreement
from regie.schedule.worktime import (
    Break,
    Contract,
    Genre,
    PremiumKind,
    Violation,
    WorkDay,
    Worker,
    check,
    premiums,
)
from tests.schedule.worktime.builders import PACKS, day, worker

# 12 January to 1 February 2026, moved by up to 6 weeks: no public holiday, still the winter
# night windows of both agreements (IDCC 2642 until 20 March, IDCC 3097 until 31 March),
# no daylight-saving change.
FIRST_MONDAY = dt.date(2026, 1, 12)
PLAN_DAYS = 21
JOBS = ("scripte", "electricien", "chef_machiniste", "maquilleur")

agreements = st.sampled_from([Agreement.AUDIOVISUAL, Agreement.CINEMA])


@st.composite
def plans(draw: st.DrawFn, *, same_day: bool = False) -> list[WorkDay]:
    """Random work days: calls from 5:00 to 14:45 (whole quarters), 3 to 14 hours long
    (up to 13 h when ``same_day``, so no day crosses midnight), an optional meal."""
    days = []
    for offset in range(PLAN_DAYS):
        if not draw(st.booleans()):
            continue
        date = FIRST_MONDAY + dt.timedelta(days=offset)
        call = draw(st.integers(5 * 4, 14 * 4 + 3)) * 15
        length = draw(st.integers(3 * 4, (13 if same_day else 14) * 4)) * 15
        if same_day:
            length = min(length, 23 * 60 - call)
        end = call + length
        meal = None
        if draw(st.booleans()) and length >= 5 * 60:
            start = call + length // 2 // 15 * 15
            meal = ((start // 60 % 24, start % 60), ((start + 45) // 60 % 24, (start + 45) % 60))
        days.append(
            day(
                date,
                (call // 60, call % 60),
                (end // 60 % 24, end % 60),
                wrap_next_day=end >= 24 * 60,
                meal=meal,
                away_from_home=draw(st.booleans()),
                studio=draw(st.booleans()),
            )
        )
    return days


@st.composite
def workers(draw: st.DrawFn, agreement: Agreement) -> Worker:
    return worker(
        agreement,
        job=draw(st.sampled_from(JOBS)),
        genre=draw(st.sampled_from(list(Genre))),
        contract=draw(st.sampled_from(list(Contract))),
        contract_days=draw(st.sampled_from([2, 4, 10, 60])),
    )


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_premium_hours_are_never_negative(data: st.DataObject) -> None:
    agreement = data.draw(agreements)
    who = data.draw(workers(agreement))
    for line in premiums(who, data.draw(plans()), PACKS[agreement]):
        assert line.minutes > 0
        assert line.hours >= 0
        assert (line.rate < 0) == (line.kind is PremiumKind.CAP)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_weekly_overtime_is_what_exceeds_35_hours(data: st.DataObject) -> None:
    agreement = data.draw(agreements)
    # Away from home every day (no Paris-region 6th day) and a contract of 60 days (no day
    # engagement): every hour of the week is in the weekly count.
    who = worker(agreement, job=data.draw(st.sampled_from(JOBS)), contract_days=60)
    plan = [replace(d, away_from_home=True) for d in data.draw(plans(same_day=True))]
    lines = premiums(who, plan, PACKS[agreement])
    rounding = 30 if agreement is Agreement.AUDIOVISUAL else 1
    for monday in (FIRST_MONDAY + dt.timedelta(days=7 * i) for i in range(3)):
        worked = sum(
            d.span_minutes - sum(b.minutes for b in d.breaks)
            for d in plan
            if monday <= d.date < monday + dt.timedelta(days=7)
        )
        rounded = -(-worked // rounding) * rounding
        week = f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}"
        overtime = sum(
            line.minutes
            for line in lines
            if line.kind is PremiumKind.OVERTIME and line.week == week
        )
        assert overtime == max(0, rounded - 35 * 60)


def _shifted(found: tuple[Violation, ...], weeks: int) -> list[tuple[object, ...]]:
    back = dt.timedelta(days=7 * weeks)
    return sorted(
        (
            v.rule_id,
            v.severity,
            v.measured,
            v.limit,
            tuple(d - back for d in v.dates),
        )
        for v in found
    )


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_moving_a_plan_by_whole_weeks_keeps_its_violations(data: st.DataObject) -> None:
    agreement = data.draw(agreements)
    who = data.draw(workers(agreement))
    plan = data.draw(plans())
    weeks = data.draw(st.integers(1, 6))
    shift = dt.timedelta(days=7 * weeks)
    moved = [
        replace(
            d,
            date=d.date + shift,
            call=d.call + shift,
            wrap=d.wrap + shift,
            breaks=tuple(Break(b.start + shift, b.end + shift, b.kind) for b in d.breaks),
        )
        for d in plan
    ]
    pack = PACKS[agreement]
    before, after = check(who, plan, pack), check(who, moved, pack)
    assert _shifted(after, weeks) == _shifted(before, 0)
    weighted = [
        sum((x.weighted_hours for x in premiums(who, p, pack)), Decimal(0)) for p in (plan, moved)
    ]
    assert weighted[0] == weighted[1]
