# SPDX-License-Identifier: AGPL-3.0-or-later
"""The optimiser against brute force, its bounds, its limits and its refusals."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regie.core.errors import ValidationError
from regie.schedule.sequencing import SearchProgress, solve
from regie.schedule.sequencing_bounds import Bounds
from regie.schedule.sequencing_compile import compile_problem
from regie.schedule.sequencing_cost import order_cost
from regie.schedule.sequencing_local import job_order_cost
from regie.schedule.sequencing_model import SequencingProblem
from tests.schedule.samples import brute_force, problem, problems


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_solver_finds_the_brute_force_optimum(p: SequencingProblem) -> None:
    result = solve(p, time_limit_s=30)
    assert sorted(result.order) == sorted(p.strip_ids)  # every scene exactly once
    position = {scene: k for k, scene in enumerate(result.order)}
    for before, after in p.precedences:
        assert position[before] < position[after]
    for lock in p.locked:
        assert position[lock.strip] == lock.position
    assert result.optimal
    assert result.cost == brute_force(p)
    assert result.lower_bound == result.cost
    assert (result.idle_cost, result.location_cost) == (
        order_cost(p, result.order).idle_cost,
        order_cost(p, result.order).location_cost,
    )


@settings(max_examples=80, deadline=None)
@given(problems(max_strips=6), st.data())
def test_lower_bound_never_exceeds_the_best_completion(
    p: SequencingProblem, data: st.DataObject
) -> None:
    c = compile_problem(p)
    if c.n == 0 or c.lock_at or c.has_precedences:
        return
    b = Bounds(c)
    jobs = list(range(c.n))
    prefix = list(data.draw(st.permutations(jobs)))[: data.draw(st.integers(0, c.n - 1))]
    scheduled = sum(1 << j for j in prefix)
    location = c.locations[prefix[-1]] if prefix and c.location_costs else -1
    rest = [j for j in jobs if not scheduled >> j & 1]
    # cost so far: each prefix job's transition cost depends only on the jobs before it
    spent, done, last = 0, 0, -1
    for job in prefix:
        spent += b.transition(done, last, b.held_after(done), job)
        done |= 1 << job
        last = c.locations[job] if c.location_costs else -1
    best = min(job_order_cost(c, [*prefix, *tail]) for tail in itertools.permutations(rest))
    assert spent + b.lower_bound(scheduled, location, b.held_after(scheduled)) <= best


def test_rehearsal_problem_is_proven_optimal_with_progress_reports() -> None:
    # Smith's rehearsal (CSPLib prob039): optimum 17 units of waiting.
    players = {
        "P1": [1, 2, 4, 6, 7, 9],
        "P2": [1, 2, 4, 5, 6, 8],
        "P3": [1, 2, 7, 8],
        "P4": [1, 5, 6, 9],
        "P5": [3, 5, 6, 7, 8],
    }
    p = problem([2, 4, 1, 3, 3, 2, 5, 7, 6], {k: (1, v) for k, v in players.items()})
    seen: list[SearchProgress] = []
    result = solve(p, time_limit_s=10, progress=seen.append)
    assert (result.idle_cost, result.optimal, result.lower_bound) == (17, True, 17)
    assert seen
    assert all(report.lower_bound <= report.best_cost for report in seen)


def test_locked_strips_stay_where_they_are() -> None:
    players = {"A": (3, [1, 4]), "B": (2, [2, 3]), "C": (5, [1, 5])}
    p = problem([1, 2, 1, 3, 2], players, locked=[(4, 1), (2, 4)])
    result = solve(p, time_limit_s=10)
    assert result.order[1] == "4"
    assert result.order[4] == "2"
    assert result.cost == brute_force(p)


def test_stopping_early_returns_a_valid_order_and_a_proven_bound() -> None:
    ticks = itertools.count()

    def clock() -> float:  # every reading is one second later: the limit passes at once
        return float(next(ticks))

    players = {
        f"A{a}": (a + 1, [s for s in range(1, 13) if (s * (a + 3)) % 5 < 2]) for a in range(6)
    }
    p = problem([1 + s % 3 for s in range(12)], players)
    result = solve(p, time_limit_s=2.5, clock=clock)
    assert sorted(result.order) == sorted(p.strip_ids)
    assert result.lower_bound <= result.cost
    assert result.cost == order_cost(p, result.order).cost
    exact = solve(p, time_limit_s=60)
    assert exact.optimal
    assert result.lower_bound <= exact.cost <= result.cost


def test_cyclic_precedences_are_refused_naming_the_cycle() -> None:
    with pytest.raises(ValidationError, match="cycle") as error:
        problem([1, 1, 1, 1], {}, precedences=[(1, 2), (2, 3), (3, 1), (4, 1)])
    assert "1 → 2 → 3 → 1" in str(error.value)
    assert error.value.field == "precedences"


def test_locks_that_contradict_precedences_are_refused() -> None:
    with pytest.raises(ValidationError, match="wrong side of locked scene"):
        problem([1, 1, 1], {}, precedences=[(1, 2)], locked=[(1, 2), (2, 0)])
    with pytest.raises(ValidationError, match="must come before it"):
        problem([1, 1, 1], {}, precedences=[(1, 3), (2, 3)], locked=[(3, 1)])


def test_a_lock_and_precedence_puzzle_without_solution_is_explained() -> None:
    # 2 must precede 3 and 3 is locked at 1; 1 is locked at 0 and 2 must follow 4:
    # position 0 would need both 1 (lock) and 4 (before 2, before 3).
    p = problem([1, 1, 1, 1], {}, precedences=[(2, 3), (4, 2)], locked=[(1, 0)])
    result = solve(p, time_limit_s=5)
    assert result.order[0] == "1"
    with pytest.raises(ValidationError, match="no order keeps both"):
        solve(
            problem([1, 1, 1, 1], {}, precedences=[(2, 3), (4, 2)], locked=[(1, 0), (3, 2)]),
            time_limit_s=5,
        )


def test_a_board_the_greedy_cannot_finish_is_found_by_backtracking() -> None:
    # 3 is locked at position 1 and needs 4 before it: only 4 may open the board.
    p = problem([1, 1, 1, 1], {}, precedences=[(4, 3)], locked=[(3, 1)])
    result = solve(p, time_limit_s=5)
    assert result.order[:2] == ("4", "3")
    assert result.optimal


def test_invalid_problems_name_the_field() -> None:
    with pytest.raises(ValidationError, match="negative duration") as error:
        problem([1, -2], {})
    assert error.value.field == "strips[1].duration"
    with pytest.raises(ValidationError, match="unknown scenes: 9"):
        problem([1, 2], {"A": (1, [1, 9])})


def test_empty_problem_and_single_strip() -> None:
    assert solve(SequencingProblem(strips=()), time_limit_s=1).order == ()
    single = solve(problem([3], {"A": (2, [1])}), time_limit_s=1)
    assert (single.order, single.cost, single.optimal) == (("1",), 0, True)
