# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regie.core.errors import ValidationError
from regie.schedule.dood import DoodCode, day_out_of_days
from regie.schedule.evaluate import ViolationKind, evaluate
from regie.schedule.model import Board, Calendar, DayKind, ShootDay
from regie.schedule.timing import shoot_dates, strip_minutes
from tests.schedule.boards import DATES, board, problem

D, N = DayKind.DAY, DayKind.NIGHT


def test_shoot_dates_skip_weekends_and_holidays() -> None:
    # From Thursday 30 April 2026: 1 May (Friday) and 8 May (Friday) are public holidays.
    dates = shoot_dates(Calendar(dt.date(2026, 4, 30)), 5)
    assert dates == (
        dt.date(2026, 4, 30), dt.date(2026, 5, 4), dt.date(2026, 5, 5), dt.date(2026, 5, 6),
        dt.date(2026, 5, 7),
    )  # fmt: skip
    six = shoot_dates(Calendar(dt.date(2026, 4, 30), days_per_week=6, work_on_holidays=True), 3)
    assert six == (dt.date(2026, 4, 30), dt.date(2026, 5, 1), dt.date(2026, 5, 2))
    with pytest.raises(ValidationError, match="5, 6 or 7 days"):
        shoot_dates(Calendar(dt.date(2026, 4, 30), days_per_week=4), 3)


def test_strip_minutes() -> None:
    # 1 3/8 page at 5 pages a day of 600 min = 165 min.
    assert strip_minutes(11, pages_per_day=Decimal(5), day_minutes=600) == 165
    # 1/8 at 8 pages a day: 9.4 min, rounded up to 10.
    assert strip_minutes(1, pages_per_day=Decimal(8), day_minutes=600) == 10
    assert strip_minutes(1, pages_per_day=Decimal(8), day_minutes=600, override=45) == 45
    with pytest.raises(ValidationError):
        strip_minutes(8, pages_per_day=Decimal(0), day_minutes=600)


def test_a_good_board_and_its_cost() -> None:
    p = problem()
    b = board((D, ("1", "4")), (N, ("2",)), (D, ("3", "5")), (D, ()))
    ev = evaluate(p, b)
    assert ev.violations == ()
    # Jérôme works days 0, 1, 2: no hold. Hélène day 0 only. Lucie and Noé day 2.
    assert {h.cast: h.hold_days for h in ev.cost.holds} == {
        "helene": 0, "jerome": 0, "lucie": 0, "noe": 0,
    }  # fmt: skip
    assert ev.cost.switches == 2  # day → night → day
    assert ev.cost.switches_cost == Decimal(2000)
    assert ev.cost.company_moves == 0
    assert ev.cost.revisits == 0
    assert ev.cost.day_minutes[2] == 500
    assert ev.cost.total == Decimal(2000)


def test_holds_moves_overtime() -> None:
    p = problem()
    # Day 0 goes maison → quai → maison: two company moves; maison is returned to on day 0
    # and the quai on day 2: two revisits.
    b = board((D, ("1", "3", "4")), (N, ("2",)), (D, ("5",)), (D, ()))
    ev = evaluate(p, b)
    # Lucie is unavailable on day 0 (scene 3).
    assert [v.kind for v in ev.violations] == [ViolationKind.CAST_UNAVAILABLE]
    assert ev.cost.company_moves == 2
    assert ev.cost.revisits == 2
    # 240 + 200 + 120 shooting + 2 × 45 travel = 650: 50 min of overtime.
    assert ev.cost.day_minutes[0] == 650
    assert ev.cost.overtime_minutes == 50
    lucie = next(h for h in ev.cost.holds if h.cast == "lucie")
    assert (lucie.first_day, lucie.last_day, lucie.hold_days, lucie.cost) == (0, 2, 1, Decimal(700))
    jerome = next(h for h in ev.cost.holds if h.cast == "jerome")
    assert (jerome.hold_days, jerome.cost) == (0, Decimal(0))


@pytest.mark.parametrize(
    ("days", "kinds"),
    [
        (((D, ("1", "2", "4")), (D, ("3", "5")), (D, ()), (D, ())), {ViolationKind.NIGHT_ON_DAY}),
        (
            ((D, ("1", "4")), (N, ("2", "5")), (D, ("3",)), (D, ())),
            {
                ViolationKind.DAY_ON_NIGHT,
                ViolationKind.MINOR_AT_NIGHT,
            },
        ),
        (((D, ("1", "4")), (N, ("2",)), (D, ("3",)), (D, ())), {ViolationKind.NOT_SCHEDULED}),
        (((D, ("1", "4", "1")), (N, ("2",)), (D, ("3", "5")), (D, ())), {ViolationKind.TWICE}),
    ],
)
def test_hard_constraints(
    days: tuple[tuple[DayKind, tuple[str, ...]], ...], kinds: set[ViolationKind]
) -> None:
    assert {v.kind for v in evaluate(problem(), board(*days)).violations} == kinds


def test_location_closed_on_saturday_and_day_too_long() -> None:
    dates = (DATES[0], dt.date(2027, 3, 6))  # Monday, Saturday
    p = problem(dates=dates)
    b = board((D, ("1", "4", "3", "5")), (N, ("2",)), dates=dates)
    kinds = [v.kind for v in evaluate(p, b).violations]
    assert ViolationKind.DAY_TOO_LONG in kinds  # 860 min + travel > 720
    b2 = board((D, ("1", "4")), (D, ("3", "5", "2")), dates=dates)
    closed = [v for v in evaluate(p, b2).violations if v.kind is ViolationKind.LOCATION_CLOSED]
    assert {v.strips for v in closed} == {("3",), ("5",)}
    assert "Saturday" not in str(closed[0].message)  # dates are ISO, not weekday names
    assert "2027-03-06" in str(closed[0].message)


def test_minor_hours() -> None:
    p = problem(minor_max_minutes={"noe": 240})
    b = board((D, ("1", "4")), (N, ("2",)), (D, ("3", "5")), (D, ()))
    (violation,) = evaluate(p, b).violations
    assert violation.kind is ViolationKind.MINOR_HOURS
    assert violation.strips == ("5",)
    assert "300 min" in str(violation.message)


def test_precedence_same_day_fixed_date() -> None:
    p = problem(precedences=(("3", "1"),), same_day=(("1", "4"), ("2", "3")))
    b = board((D, ("1", "4")), (N, ("2",)), (D, ("3", "5")), (D, ()))
    kinds = sorted(v.kind.value for v in evaluate(p, b).violations)
    assert kinds == ["precedence", "same_day"]


def test_dood_codes() -> None:
    p = problem(dates=DATES)
    b = board(
        (D, ("1",)), (N, ("2",)), (D, ()), (D, ()), (D, ()), (D, ("4",)), (D, ("3", "5")),
    )  # fmt: skip
    rows = {r.cast: r for r in day_out_of_days(p, b)}
    assert [c.value for c in rows["helene"].codes] == ["SW", "H", "H", "H", "H", "WF", ""]
    assert [c.value for c in rows["jerome"].codes] == ["SW", "W", "H", "H", "H", "H", "WF"]
    assert [c.value for c in rows["lucie"].codes] == ["", "", "", "", "", "", "SWF"]
    dropped = {r.cast: r for r in day_out_of_days(p, b, drop_after=3)}
    assert [c.value for c in dropped["jerome"].codes] == ["SW", "W", "D", "D", "D", "D", "PW"]
    assert dropped["jerome"].paid_days == 3
    assert rows["jerome"].paid_days == 7


@given(st.lists(st.integers(min_value=0, max_value=6), min_size=5, max_size=5))
def test_dood_agrees_with_the_board(day_of_strip: list[int]) -> None:
    p = problem(dates=DATES)
    keys = [s.key for s in p.strips]
    days = tuple(
        ShootDay(
            i, DATES[i], D, tuple(k for k, d in zip(keys, day_of_strip, strict=True) if d == i)
        )
        for i in range(7)
    )
    b = Board(days)
    for row in day_out_of_days(p, b, drop_after=2):
        member_days = {d.index for d in days for k in d.strips if row.cast in p.strip(k).cast}
        assert {i for i, c in enumerate(row.codes) if c.works} == member_days
        first, last = min(member_days), max(member_days)
        for i, code in enumerate(row.codes):
            if i < first or i > last:
                assert code is DoodCode.NONE
            elif i not in member_days:
                assert code in (DoodCode.HOLD, DoodCode.DROP)
        held = next(h for h in evaluate(p, b).cost.holds if h.cast == row.cast)
        assert held.work_days == row.work_days
        assert held.hold_days == row.hold_days + row.drop_days
