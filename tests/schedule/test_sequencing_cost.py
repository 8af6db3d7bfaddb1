# SPDX-License-Identifier: AGPL-3.0-or-later
"""The cost of an order, checked by hand on tiny boards."""

from __future__ import annotations

import pytest

from regie.core.errors import ValidationError
from regie.schedule.sequencing_cost import order_cost
from tests.schedule.samples import problem


def test_idle_cost_counts_the_strips_an_actor_waits_through() -> None:
    # A acts in 1 and 3 (rate 10), B in 2 only (rate 4); durations 1, 2, 3.
    p = problem([1, 2, 3], {"A": (10, [1, 3]), "B": (4, [2])})
    assert order_cost(p, ["1", "2", "3"]).idle_cost == 10 * 2  # A waits through strip 2
    assert order_cost(p, ["1", "3", "2"]).idle_cost == 0
    assert order_cost(p, ["2", "1", "3"]).idle_cost == 0
    assert p.fixed_cost == 10 * (1 + 3) + 4 * 2


def test_rehearsal_example_from_csplib_costs_49_in_the_given_order() -> None:
    # CSPLib prob039: nine pieces in numerical order make the players wait 49 units.
    players = {
        "P1": [1, 2, 4, 6, 7, 9],
        "P2": [1, 2, 4, 5, 6, 8],
        "P3": [1, 2, 7, 8],
        "P4": [1, 5, 6, 9],
        "P5": [3, 5, 6, 7, 8],
    }
    p = problem([2, 4, 1, 3, 3, 2, 5, 7, 6], {k: (1, v) for k, v in players.items()})
    assert order_cost(p, [str(k) for k in range(1, 10)]).idle_cost == 49


def test_location_cost_charges_every_visit_after_the_first() -> None:
    p = problem(
        [1, 1, 1, 1],
        {},
        locations={"X": 5, "Y": 7},
        places=["X", "Y", "X", None],
    )
    assert order_cost(p, ["1", "2", "3", "4"]).location_cost == 5  # X, Y, X: X twice
    assert order_cost(p, ["1", "3", "2", "4"]).location_cost == 0
    # a strip without a location still breaks the run of the strip before it
    assert order_cost(p, ["1", "4", "3", "2"]).location_cost == 5


def test_an_order_that_breaks_a_rule_is_refused() -> None:
    p = problem([1, 1, 1], {}, precedences=[(3, 1)], locked=[(2, 0)])
    assert order_cost(p, ["2", "3", "1"]).cost == 0
    with pytest.raises(ValidationError, match="must be shot before"):
        order_cost(p, ["2", "1", "3"])
    with pytest.raises(ValidationError, match="locked at position 0"):
        order_cost(p, ["3", "2", "1"])
    with pytest.raises(ValidationError, match="exactly once"):
        order_cost(p, ["2", "3", "3"])
