# SPDX-License-Identifier: AGPL-3.0-or-later
"""The plain CP-SAT baseline agrees with brute force on small problems."""

from __future__ import annotations

import pytest

from regie.schedule.cpsat_baseline import solve_cpsat
from regie.schedule.sequencing_cost import order_cost
from tests.schedule.samples import brute_force, problem

pytest.importorskip("ortools")  # the baseline imports it only when called


def test_baseline_solves_a_talent_problem_to_optimality() -> None:
    p = problem(
        [2, 1, 3, 1, 2],
        {"A": (5, [1, 3, 5]), "B": (3, [2, 3]), "C": (4, [1, 4])},
    )
    result = solve_cpsat(p, time_limit_s=20, workers=1)
    assert result.optimal
    assert result.cost == brute_force(p) == order_cost(p, result.order).cost


def test_baseline_keeps_precedences_locks_and_counts_location_visits() -> None:
    p = problem(
        [1, 2, 1, 1],
        {"A": (2, [1, 4])},
        locations={"X": 6, "Y": 1},
        places=["X", "Y", "X", "Y"],
        precedences=[(2, 1)],
        locked=[(3, 3)],
    )
    result = solve_cpsat(p, time_limit_s=20, workers=1)
    assert result.optimal
    assert result.order[3] == "3"
    assert result.order.index("2") < result.order.index("1")
    assert result.cost == brute_force(p)
