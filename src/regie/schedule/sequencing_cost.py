# SPDX-License-Identifier: AGPL-3.0-or-later
"""What one order of strips costs: idle (hold) cost and location cost, by definition.

The plain, obviously-correct evaluation used to check solvers and to price a board the
user edited by hand; the search engines use their own incremental arithmetic and are
tested against this.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from regie.core.errors import ValidationError
from regie.core.text import t
from regie.schedule.sequencing_model import SequencingProblem


@dataclass(frozen=True, slots=True)
class OrderCost:
    """Idle cost (actors waiting between their first and last strip) and location cost."""

    idle_cost: int
    location_cost: int

    @property
    def cost(self) -> int:
        return self.idle_cost + self.location_cost


def order_cost(problem: SequencingProblem, order: Sequence[str]) -> OrderCost:
    """Price ``order`` (every strip id exactly once) under ``problem``'s costs.

    Checks that the order is a permutation of the strips and keeps the precedences and
    locks; raises :class:`~regie.core.errors.ValidationError` otherwise.
    """
    check_order(problem, order)
    duration = {strip.id: strip.duration for strip in problem.strips}
    position = {scene: index for index, scene in enumerate(order)}
    starts = [0]
    for scene in order:
        starts.append(starts[-1] + duration[scene])
    idle = 0
    for member in problem.cast:
        if not member.strips:
            continue
        first = min(position[s] for s in member.strips)
        last = max(position[s] for s in member.strips)
        on_location = starts[last + 1] - starts[first]
        acting = sum(duration[s] for s in member.strips)
        idle += member.cost_per_day * (on_location - acting)
    return OrderCost(idle, location_cost(problem, order))


def location_cost(problem: SequencingProblem, order: Sequence[str]) -> int:
    """Every visit to a location after its first one costs the location's visit cost."""
    if not problem.locations:
        return 0
    location = {strip.id: strip.location for strip in problem.strips}
    price = {loc.id: loc.cost_per_extra_visit for loc in problem.locations}
    visits: dict[str, int] = {}
    previous: str | None = None
    for index, scene in enumerate(order):
        here = location[scene]
        if here is not None and (index == 0 or here != previous):
            visits[here] = visits.get(here, 0) + 1
        previous = here
    return sum(price[loc] * (count - 1) for loc, count in visits.items())


def check_order(problem: SequencingProblem, order: Sequence[str]) -> None:
    """Refuse an order that is not a permutation of the strips or breaks a constraint."""
    ids = problem.strip_ids
    if len(order) != len(ids) or set(order) != set(ids):
        missing = sorted(set(ids) - set(order))
        extra = sorted(set(order) - set(ids))
        raise ValidationError(
            t(
                "the order must hold every scene exactly once (missing: {missing}; "
                "unknown or repeated: {extra})",
                missing=", ".join(missing) or "none",
                extra=", ".join(extra) or ("repeated ids" if not missing else "none"),
            ),
            field="order",
        )
    position = {scene: index for index, scene in enumerate(order)}
    for before, after in problem.precedences:
        if position[before] > position[after]:
            raise ValidationError(
                t(
                    "scene {before} must be shot before scene {after}",
                    before=before,
                    after=after,
                ),
                field="order",
            )
    for lock in problem.locked:
        if position[lock.strip] != lock.position:
            raise ValidationError(
                t(
                    "scene {scene} is locked at position {position}",
                    scene=lock.strip,
                    position=lock.position,
                ),
                field="order",
            )
