# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regie.core.errors import ValidationError
from regie.documents.i18n import error_messages
from regie.schedule.evaluate import evaluate
from regie.schedule.model import (
    Board,
    CastSpec,
    DateRange,
    DayKind,
    LocationSpec,
    ShootDay,
    ShootingProblem,
    StripSpec,
    Weights,
)
from regie.schedule.optimize import (
    OptimizeProgress,
    OptimizeResult,
    OptimizeStatus,
    optimize,
)
from regie.schedule.optimize_rules import RuleKind
from regie.script.model import Light
from tests.schedule.boards import DATES, board, problem
from tests.schedule.test_optimize_brute import tiny

D, N = DayKind.DAY, DayKind.NIGHT


def _valid(result: OptimizeResult) -> Board:
    assert result.board is not None
    assert result.evaluation is not None
    assert result.evaluation.violations == ()
    return result.board


def test_the_sample_problem_is_solved_and_proven() -> None:
    seen: list[OptimizeProgress] = []
    result = optimize(problem(), time_limit_s=10, progress=seen.append)
    board = _valid(result)
    assert result.status is OptimizeStatus.OPTIMAL
    # Scene 2 needs a night; scene 5 daylight: one switch at least, and nothing else.
    assert result.cost == Decimal(1000) == result.lower_bound == result.objective
    assert result.gap == 0
    assert sorted(k for day in board.days for k in day.strips) == ["1", "2", "3", "4", "5"]
    assert [d.date for d in board.days] == list(DATES[:4])
    assert seen
    assert all(p.lower_bound <= p.cost for p in seen)
    assert [p.cost for p in seen] == sorted((p.cost for p in seen), reverse=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), locks=st.sets(st.integers(0, 4)))
def test_every_scene_once_and_locked_strips_stay(seed: int, locks: set[int]) -> None:
    problem_ = tiny(seed)
    first = optimize(problem_, time_limit_s=5)
    if first.board is None:
        assert first.status is OptimizeStatus.INFEASIBLE
        return
    keys = [s.key for s in problem_.strips]
    locked = frozenset(keys[i] for i in locks if i < len(keys))
    start = Board(first.board.days, locked)
    again = optimize(problem_, start=start, time_limit_s=5)
    board = _valid(again)
    placed = [k for day in board.days for k in day.strips]
    assert sorted(placed) == sorted(keys)  # every scene exactly once
    day_of = board.day_of()
    for day in start.days:
        kept = [k for k in day.strips if k in locked]
        assert all(day_of[k] == day.index for k in kept)  # locked strips never move
        order = [k for k in board.days[day.index].strips if k in locked]
        assert order == kept  # and keep their order
    assert board.locked == locked
    assert again.cost is not None
    assert first.cost is not None
    assert again.cost <= first.cost


def test_locks_hold_against_the_cost() -> None:
    """Hélène's only scenes, 4 and 1 (both in her house), locked on the first and the last
    day: she is held two days (2 × 900) and the company comes back to the house (800)
    whatever the rest, plus the one switch to the night scene."""
    start = board((D, ("4",)), (N, ("2",)), (D, ("3", "5")), (D, ("1",)), dates=DATES)
    locked = Board(start.days, frozenset({"4", "1"}))
    result = optimize(problem(), start=locked, time_limit_s=10)
    board_ = _valid(result)
    assert "4" in board_.days[0].strips
    assert "1" in board_.days[3].strips
    assert result.optimal
    assert result.cost == Decimal(1800 + 800 + 1000)


def test_improving_a_board_never_makes_it_worse() -> None:
    p = problem()
    start = board((D, ("1", "4")), (N, ("2",)), (D, ("3", "5")), (D, ()))
    before = evaluate(p, start).cost.total
    for limit in (0.01, 0.5, 10):
        result = optimize(p, start=start, time_limit_s=limit)
        _valid(result)
        assert result.cost is not None
        assert result.cost <= before
    # A start board that is already optimal comes back unchanged.
    same = optimize(p, start=start, time_limit_s=10)
    assert same.cost == before == Decimal(2000) or same.cost == Decimal(1000)


def test_an_actor_free_only_when_the_place_is_closed_is_explained() -> None:
    """Lucie is available 3–5 March only; the quay opens on weekends only (6–7 March)."""
    dates = tuple(dt.date(2027, 3, d) for d in range(1, 10))
    lucie = CastSpec(
        "lucie", "Lucie", available=DateRange(dt.date(2027, 3, 3), dt.date(2027, 3, 5))
    )
    quai = LocationSpec("quai", "Quai", open_weekdays=frozenset({5, 6}))
    strips = (
        StripSpec("12", "12", "EXT. QUAI - JOUR", 120, location="quai", cast=("lucie",)),
        StripSpec("13", "13", "INT. CAFÉ - JOUR", 120, location="cafe", cast=("lucie",)),
    )
    p = ShootingProblem(strips=strips, cast=(lucie,), locations=(quai,), dates=dates)
    result = optimize(p, time_limit_s=5)
    assert result.status is OptimizeStatus.INFEASIBLE
    assert result.board is None
    why = result.infeasibility
    assert why is not None
    assert {(c.kind, c.cast, c.locations) for c in why.conflicts} == {
        (RuleKind.CAST_AVAILABILITY, ("lucie",), ()),
        (RuleKind.LOCATION_OPENING, (), ("quai",)),
    }
    assert all(c.strips == ("12",) for c in why.conflicts)
    cast_item = next(c for c in why.conflicts if c.kind is RuleKind.CAST_AVAILABILITY)
    assert cast_item.dates == (dt.date(2027, 3, 3), dt.date(2027, 3, 4), dt.date(2027, 3, 5))
    assert str(why.message) == (
        "no shoot day suits scene 12: Lucie is available only from 2027-03-03 to 2027-03-05 "
        "and Quai is open only on Saturdays and on Sundays"
    )
    assert why.message.translate(error_messages("fr")) == (
        "aucun jour de tournage ne convient à la séquence 12\u00a0: Lucie n’est disponible "
        "que du 03/03/2027 au 05/03/2027 et Quai n’est ouvert que le samedi et le dimanche"
    )


def test_a_cycle_of_precedences_is_named() -> None:
    p = problem(precedences=(("1", "3"), ("3", "5"), ("5", "1"), ("2", "4")))
    result = optimize(p, time_limit_s=5)
    assert result.status is OptimizeStatus.INFEASIBLE
    why = result.infeasibility
    assert why is not None
    assert {c.strips for c in why.conflicts} == {("1", "3"), ("3", "5"), ("5", "1")}
    assert {c.kind for c in why.conflicts} == {RuleKind.PRECEDENCE}
    assert "go round in a circle" in str(why.message)


def test_a_fixed_date_that_is_no_shoot_day_is_named() -> None:
    saturday = dt.date(2027, 3, 6)
    p = problem()
    strips = tuple(replace(s, fixed_date=saturday) if s.key == "4" else s for s in p.strips)
    result = optimize(problem(strips=strips), time_limit_s=5)
    why = result.infeasibility
    assert why is not None
    (item,) = why.conflicts
    assert (item.kind, item.strips, item.dates) == (RuleKind.FIXED_DATE, ("4",), (saturday,))
    assert str(item.message) == "scene 4 is fixed on 2027-03-06, which is not a shoot day"


def test_a_night_scene_with_a_child_names_both_rules() -> None:
    p = problem()
    strips = tuple(replace(s, cast=("noe",)) if s.key == "2" else s for s in p.strips)
    why = optimize(problem(strips=strips), time_limit_s=5).infeasibility
    assert why is not None
    assert {(c.kind, c.strips, c.cast) for c in why.conflicts} == {
        (RuleKind.NIGHT_DAY, ("2",), ()),
        (RuleKind.MINOR_NIGHT, ("2",), ("noe",)),
    }


def test_a_conflict_between_scenes_is_found_by_the_solver() -> None:
    """Each scene has possible days, but not together: scenes 1 and 3 must share a day,
    Lucie (scene 3) is away on Monday and Hélène's kitchen (scene 1) is booked for Monday
    only. The explanation names those three rules, not the rest."""
    p = problem(
        same_day=(("1", "3"),),
        locations=(
            LocationSpec("maison", "Maison d'Hélène", available=DateRange(DATES[0], DATES[0])),
            LocationSpec("rue", "Rue du port"),
            LocationSpec("quai", "Quai", open_weekdays=frozenset({0, 1, 2, 3, 4})),
        ),
    )
    result = optimize(p, time_limit_s=10)
    assert result.status is OptimizeStatus.INFEASIBLE
    why = result.infeasibility
    assert why is not None
    assert {(c.kind, c.cast, c.locations) for c in why.conflicts} == {
        (RuleKind.SAME_DAY, (), ()),
        (RuleKind.CAST_AVAILABILITY, ("lucie",), ()),
        (RuleKind.LOCATION_OPENING, (), ("maison",)),
    }
    assert str(why.message).startswith("no board meets these constraints together: ")


def test_a_day_too_short_for_a_group_is_explained() -> None:
    p = problem(same_day=(("1", "3", "4"),), day_minutes=480, max_overtime_minutes=60)
    why = optimize(p, time_limit_s=10).infeasibility
    assert why is not None
    assert {c.kind for c in why.conflicts} == {RuleKind.SAME_DAY, RuleKind.DAY_LENGTH}


def test_the_light_keeps_its_customary_order_in_a_day() -> None:
    scenes = (
        StripSpec("1", "1", "EXT. PLAGE - JOUR", 120, location="plage", light=Light.DAY),
        StripSpec("2", "2", "EXT. PLAGE - CRÉPUSCULE", 60, location="plage", light=Light.DUSK),
        StripSpec("3", "3", "EXT. PLAGE - AUBE", 60, location="plage", light=Light.DAWN),
        StripSpec("4", "4", "EXT. PLAGE - NUIT", 90, location="plage", light=Light.NIGHT),
    )
    day = ShootingProblem(strips=scenes[:3], cast=(), locations=(), dates=DATES[:1])
    assert _valid(optimize(day, time_limit_s=5)).days[0].strips == ("3", "1", "2")
    night = ShootingProblem(
        strips=(replace(scenes[3], needs_night=True), scenes[1]),
        cast=(),
        locations=(),
        dates=DATES[:1],
    )
    result = optimize(night, time_limit_s=5)
    assert _valid(result).days[0] == ShootDay(0, DATES[0], N, ("2", "4"))  # dusk, then night


def test_an_empty_script_gets_empty_days() -> None:
    p = ShootingProblem(strips=(), cast=(), locations=(), dates=DATES[:2])
    result = optimize(p, time_limit_s=5)
    assert result.optimal
    assert [d.strips for d in _valid(result).days] == [(), ()]


def test_no_shoot_day_at_all() -> None:
    result = optimize(problem(dates=()), time_limit_s=5)
    assert result.infeasibility is not None
    assert str(result.infeasibility.message) == "the calendar has no shoot day"


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValidationError, match="time limit"):
        optimize(problem(), time_limit_s=0)
    with pytest.raises(ValidationError, match="worker"):
        optimize(problem(), workers=0)
    with pytest.raises(ValidationError, match="cost weight"):
        optimize(problem(weights=Weights(company_move=Decimal(-1))))


def test_one_worker_is_enough() -> None:
    result = optimize(problem(), time_limit_s=10, workers=1)
    assert result.optimal
    assert result.cost == Decimal(1000)
