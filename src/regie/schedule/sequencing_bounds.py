# SPDX-License-Identifier: AGPL-3.0-or-later
"""Transition costs and admissible lower bounds over sets of scheduled jobs.

A state of the search is the set ``S`` of jobs already shot (from the start of the board)
and, with location costs, the location class of the last one. Shooting job *j* next costs

* idle: ``d_j × cost(held − cast_j)``, where the *held* actors are those who already acted
  (in ``S``) and still have a job to come — they wait through *j* unless they act in it;
* location: the class's visit cost when *j* changes place to a class already visited.

That cost depends on ``S`` only, not on the order inside it, which is what makes the
subset dynamic program (and A* over subsets) exact.

The lower bound on what the remaining jobs must still cost is the held-actor bound of
Garcia de la Banda, Stuckey and Chu (2011): split every remaining job among its held
actors in proportion to their rates, order the held actors by the time their share needs
per unit of rate (Smith's rule for weighted completion times), and subtract what each
job's own cast is paid while acting. Plus one extra visit for every location class that
was left and still has jobs. Both parts only relax the problem, so the sum is admissible.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from regie.schedule.sequencing_compile import Compiled

_FULL_TABLE_BITS = 14
_EPSILON = 1e-7  # floating-point slack before rounding a bound up to the next integer


def mask_sum(weights: Sequence[int]) -> Callable[[int], int]:
    """A function summing ``weights[a]`` over the bits *a* of a mask, by table look-up."""
    count = len(weights)
    if count <= _FULL_TABLE_BITS:
        table = [0] * (1 << count)
        for mask in range(1, 1 << count):
            low = mask & -mask
            table[mask] = table[mask ^ low] + weights[low.bit_length() - 1]
        return table.__getitem__
    chunks = []
    for start in range(0, count, 8):
        part = weights[start : start + 8]
        table = [0] * 256
        for mask in range(1, 1 << len(part)):
            low = mask & -mask
            table[mask] = table[mask ^ low] + part[low.bit_length() - 1]
        chunks.append(table)

    def total(mask: int) -> int:
        result = 0
        for table in chunks:
            result += table[mask & 255]
            mask >>= 8
            if not mask:
                break
        return result

    return total


def actor_lists(count: int) -> Callable[[int], Sequence[int]]:
    """A function giving the set bits of a mask below ``1 << count`` (tabled when small)."""
    if count > _FULL_TABLE_BITS:
        return bits
    table: list[tuple[int, ...]] = [()] * (1 << count)
    for mask in range(1, 1 << count):
        low = mask & -mask
        table[mask] = (*table[mask ^ low], low.bit_length() - 1)
    return table.__getitem__


def bits(mask: int) -> list[int]:
    """Indices of the set bits of ``mask``, lowest first."""
    found = []
    while mask:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return found


class Bounds:
    """Costs and bounds of one compiled problem (tables built once)."""

    def __init__(self, compiled: Compiled) -> None:
        self.c = compiled
        self.cost_of = mask_sum(compiled.actor_costs)
        self.square_of = mask_sum([cost * cost for cost in compiled.actor_costs])
        self.job_table = [
            (1 << j, cast, duration)
            for j, (cast, duration) in enumerate(
                zip(compiled.casts, compiled.durations, strict=True)
            )
        ]
        self.actor_count = len(compiled.actor_costs)
        self.actors_of = actor_lists(self.actor_count)
        self.share_terms: Callable[[int], tuple[float, float]] = self._share_terms
        if self.actor_count <= _FULL_TABLE_BITS:
            table = [(0.0, 0.0)] + [self._share_terms(m) for m in range(1, 1 << self.actor_count)]
            self.share_terms = table.__getitem__

    def started(self, scheduled: int) -> int:
        """Actors with a job in ``scheduled``."""
        found = 0
        for a, jobs in enumerate(self.c.actor_jobs):
            if jobs & scheduled:
                found |= 1 << a
        return found

    def transition(self, scheduled: int, location: int, held: int, job: int) -> int:
        """Cost of shooting ``job`` next (idle of the held actors + location visit)."""
        c = self.c
        cost = c.durations[job] * self.cost_of(held & ~c.casts[job])
        if c.location_costs:
            here = c.locations[job]
            if here != location and c.location_jobs[here] & scheduled:
                cost += c.location_costs[here]
        return cost

    def held_bound(self, remaining: int, held: int) -> float:
        """Lower bound on the idle cost the ``held`` actors still incur (not rounded)."""
        if held & (held - 1) == 0:
            return 0.0  # a single held actor can do all their jobs first
        by_share: dict[int, int] = {}
        for bit, cast, duration in self.job_table:
            if remaining & bit:
                share = cast & held
                if share:
                    by_share[share] = by_share.get(share, 0) + duration
        ratio = [0.0] * self.actor_count
        actors_of = self.actors_of
        share_terms = self.share_terms
        bound = 0.0
        for share, duration in by_share.items():
            half, inverse = share_terms(share)
            bound -= duration * half
            step = duration * inverse
            for actor in actors_of(share):
                ratio[actor] += step
        costs = self.c.actor_costs
        cumulative = 0.0
        for actor in sorted(actors_of(held), key=ratio.__getitem__):
            cost = costs[actor]
            cumulative += ratio[actor] * cost
            bound += cost * cumulative
        return bound

    def _share_terms(self, share: int) -> tuple[float, float]:
        """For a set of actors splitting a job: (½(C + ΣC²/C), 1/C) with C their total rate."""
        total = self.cost_of(share)
        return (total + self.square_of(share) / total) / 2, 1 / total

    def location_bound(self, scheduled: int, remaining: int, location: int) -> int:
        """One more visit for each costly class that was left and still has jobs."""
        c = self.c
        bound = 0
        for here, jobs in enumerate(c.location_jobs):
            if here != location and jobs & remaining and jobs & scheduled:
                bound += c.location_costs[here]
        return bound

    def lower_bound(self, scheduled: int, location: int, held: int) -> int:
        """Admissible bound on the cost of shooting every job not in ``scheduled``."""
        remaining = self.c.full & ~scheduled
        bound = math.ceil(self.held_bound(remaining, held) - _EPSILON)
        if self.c.location_costs:
            bound += self.location_bound(scheduled, remaining, location)
        return max(bound, 0)

    def held_after(self, scheduled: int) -> int:
        """Held actors once ``scheduled`` is shot: started and with a job still to come."""
        remaining = self.c.full & ~scheduled
        found = 0
        for a, jobs in enumerate(self.c.actor_jobs):
            if jobs & scheduled and jobs & remaining:
                found |= 1 << a
        return found
