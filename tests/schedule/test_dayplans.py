# SPDX-License-Identifier: AGPL-3.0-or-later
"""Day plans from a board, worked out by hand on the shared small problem.

Shipped ``day-plan`` pack: unit call 08:00 (night 18:00); meal stop of 60 min at the
last scene break 4 to 6 hours after the call; electricians 30 min before the call and
45 min after the end of shooting; cast 60 min of preparation and 15 min of release.
"""

from __future__ import annotations

import datetime as dt

import pytest

from regie.core.calendar import PARIS
from regie.core.errors import RuleError
from regie.rules.pack import parse_pack
from regie.rules.registry import shipped_pack
from regie.schedule.dayplans import (
    CrewMember,
    SegmentKind,
    cast_plans,
    crew_plans,
    day_plan_rules,
    day_plans,
    unit_days,
)
from regie.schedule.model import Board, DateRange, DayKind, ShootDay
from tests.schedule.boards import DATES, board, problem

D, N = DayKind.DAY, DayKind.NIGHT
RULES = day_plan_rules(shipped_pack("day-plan"))


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


def _times(segments: object) -> list[tuple[str, str, str, str | None]]:
    return [
        (s.kind.value, s.start.strftime("%H:%M"), s.end.strftime("%H:%M"), s.strip)
        for s in segments  # type: ignore[attr-defined]
    ]


def test_the_pack_is_read() -> None:
    assert (RULES.crew_call["makeup"], RULES.wrap["grip"], RULES.meal_latest) == (90, 45, 360)
    assert (RULES.day_call, RULES.night_call) == (dt.time(8), dt.time(18))
    assert RULES.crew_offsets("unknown department") == (30, 30)  # the "other" values
    assert RULES.pack.startswith("day-plan@")


def test_the_unit_day_with_a_move_and_a_meal_at_a_scene_break() -> None:
    # Scene 1 at the house (240 min), a move to the quay (45 min, the default), scene 3
    # (200 min): the break after the move (12:45) lies in the meal window (12:00–14:00).
    (day,) = unit_days(problem(), board((D, ("1", "3"))), RULES)
    assert _times(day.segments) == [
        ("shoot", "08:00", "12:00", "1"),
        ("travel", "12:00", "12:45", None),
        ("meal", "12:45", "13:45", None),
        ("shoot", "13:45", "17:05", "3"),
    ]
    assert day.end == at(DATES[0], 17, 5)


def test_the_meal_cuts_a_scene_when_no_break_fits() -> None:
    # Scene 3 ends at 11:20, before the window; scene 5 (300 min) is cut at 14:00.
    (day,) = unit_days(problem(), board((D, ("3", "5"))), RULES)
    assert _times(day.segments) == [
        ("shoot", "08:00", "11:20", "3"),
        ("shoot", "11:20", "14:00", "5"),
        ("meal", "14:00", "15:00", None),
        ("shoot", "15:00", "17:20", "5"),
    ]
    assert [s.minutes for s in day.segments] == [200, 160, 60, 140]


def test_meal_at_the_break_and_short_days_without() -> None:
    days = unit_days(problem(), board((D, ("1", "4")), (N, ("2",)), (D, ())), RULES)
    assert len(days) == 2  # the empty day has no plan
    # Six hours of shooting: the break after four hours takes the meal stop, even though
    # shooting would have ended at 14:00, the latest meal time (crew called earlier and
    # released later would otherwise work past six hours without a pause).
    assert _times(days[0].segments) == [
        ("shoot", "08:00", "12:00", "1"),
        ("meal", "12:00", "13:00", None),
        ("shoot", "13:00", "15:00", "4"),
    ]
    assert _times(days[1].segments) == [("shoot", "18:00", "21:00", "2")]  # 3 h: no meal
    assert days[1].meal is None
    custom = unit_days(problem(), board((N, ("2",))), RULES, night_call=dt.time(20, 30))
    assert custom[0].call == at(DATES[0], 20, 30)


def test_crew_and_cast_plans() -> None:
    p = problem()
    b = board((D, ("1",)), (N, ("2",)), (D, ("3", "5")))
    days = unit_days(p, b, RULES)
    gaffer = CrewMember("g", "Paul", "electric")
    plans = crew_plans(days, gaffer, RULES)
    assert [(x.call, x.wrap) for x in plans] == [
        (at(DATES[0], 7, 30), at(DATES[0], 12, 45)),
        (at(DATES[1], 17, 30), at(DATES[1], 21, 45)),
        (at(DATES[2], 7, 30), at(DATES[2], 18, 5)),
    ]
    assert plans[2].meal == (at(DATES[2], 14), at(DATES[2], 15))
    assert [x.night for x in plans] == [False, True, False]
    lucie = cast_plans(days, "lucie", p, RULES)
    assert [(x.board_day, x.call, x.wrap) for x in lucie] == [
        (2, at(DATES[2], 7), at(DATES[2], 17, 35))
    ]
    noe = cast_plans(days, "noe", p, RULES)
    # Noé is only in scene 5, which starts at 11:20: called at 10:20.
    assert (noe[0].call, noe[0].wrap, noe[0].strips) == (
        at(DATES[2], 10, 20),
        at(DATES[2], 17, 35),
        ("5",),
    )
    jerome = cast_plans(days, "jerome", p, RULES)
    assert [(x.call.time(), x.wrap.time(), x.meal) for x in jerome] == [
        (dt.time(7), dt.time(12, 15), None),
        (dt.time(17), dt.time(21, 15), None),
        (dt.time(7), dt.time(11, 35), None),  # released before the meal stop
    ]
    everyone = day_plans(p, b, [gaffer], RULES)
    assert set(everyone) == {"helene", "jerome", "lucie", "noe", "g"}
    assert everyone["helene"] == cast_plans(days, "helene", p, RULES)


def test_crew_work_only_inside_their_engagement() -> None:
    days = unit_days(problem(), board((D, ("1",)), (D, ("4",)), (D, ("3",))), RULES)
    member = CrewMember(
        "g", "Paul", "camera", available=DateRange(DATES[0], DATES[1]),
        unavailable=(DateRange(DATES[1], DATES[1]),),
    )  # fmt: skip
    assert [p.date for p in crew_plans(days, member, RULES)] == [DATES[0]]


def test_company_moves_count_for_whoever_is_there() -> None:
    p = problem()
    days = unit_days(p, board((D, ("1", "3", "4"))), RULES)
    jerome = cast_plans(days, "jerome", p, RULES)[0]
    helene = cast_plans(days, "helene", p, RULES)[0]
    # Jérôme shoots 1 then 3: one move (house → quay). Hélène shoots 1 and 4: both moves.
    assert (jerome.travel_minutes, helene.travel_minutes) == (45, 90)
    assert jerome.locations == ("maison", "quai")


def test_a_night_across_the_change_to_summer_time() -> None:
    # Saturday 27 March 2027: clocks go from 2:00 to 3:00. Five hours of shooting from
    # 22:00, cut by the meal four hours after the call (3:00, summer time), end at 5:00.
    saturday = dt.date(2027, 3, 27)
    night = Board((ShootDay(0, saturday, N, ("5",)),))
    (day,) = unit_days(problem(), night, RULES, night_call=dt.time(22))
    shots = [s for s in day.segments if s.kind is SegmentKind.SHOOT]
    assert sum(s.minutes for s in shots) == 300
    assert day.meal is not None
    assert day.meal.start == dt.datetime(2027, 3, 28, 3, 0, tzinfo=PARIS)
    assert day.end == dt.datetime(2027, 3, 28, 5, 0, tzinfo=PARIS)
    assert day.end.utcoffset() == dt.timedelta(hours=2)


def test_a_broken_pack_is_refused() -> None:
    raw = (
        "pack: day-plan\nversion: '1'\nvalues:\n"
        "  crew_call: {value: {camera: 'soon'}, status: customary}\n"
    )
    broken = parse_pack(raw, path="day-plan.yaml")
    with pytest.raises(RuleError, match="not a whole number of minutes"):
        day_plan_rules(broken)
