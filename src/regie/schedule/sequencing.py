# SPDX-License-Identifier: AGPL-3.0-or-later
"""Shooting order optimiser (ordre de tournage): exact where it can, anytime where not.

``solve(problem, time_limit_s=…)`` returns the best order found, its idle and location
costs, and a proven lower bound. The engine, in three steps:

1. **preprocessing** (:mod:`~regie.schedule.sequencing_compile`): drop actors who can
   never wait, merge strips with the same cast, put cost-free strips first;
2. **incumbent** (:mod:`~regie.schedule.sequencing_local`): look-ahead greedy, then
   iterated best-insertion local search — so the exact search prunes from its first node;
3. **proof** (:mod:`~regie.schedule.sequencing_search`): A* over sets of scheduled jobs
   (the subset dynamic program of Garcia de la Banda, Stuckey and Chu 2011) with their
   held-actor lower bound and dominance rules. When it exhausts the states that could
   beat the incumbent, the order is optimal; when the time or memory runs out, the
   smallest priority left is the lower bound reported.

Large problems (more than ``EXACT_JOB_LIMIT`` jobs after merging) spend their time in the
local search and use a short best-first search from both ends of the board for the bound.
The solver reads a clock only to honour the time limit; tests pass their own ``clock``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from regie.core.errors import ValidationError
from regie.core.text import t
from regie.schedule.sequencing_bounds import Bounds
from regie.schedule.sequencing_compile import Compiled, compile_problem, reversed_problem
from regie.schedule.sequencing_cost import OrderCost, order_cost
from regie.schedule.sequencing_local import greedy, iterated_local_search, job_order_cost
from regie.schedule.sequencing_model import (
    CastMember,
    LockedStrip,
    SearchProgress,
    SequencingProblem,
    SequencingResult,
    ShootLocation,
    Strip,
)
from regie.schedule.sequencing_search import astar, feasible_order

__all__ = [
    "EXACT_JOB_LIMIT",
    "CastMember",
    "LockedStrip",
    "OrderCost",
    "SearchProgress",
    "SequencingProblem",
    "SequencingResult",
    "ShootLocation",
    "Strip",
    "order_cost",
    "solve",
]

Clock = Callable[[], float]
Progress = Callable[[SearchProgress], None]

EXACT_JOB_LIMIT = 48  # past this many jobs, A* only sharpens the bound
_MAX_STATES = 2_000_000  # about 0.5 GB of Python dictionaries and heap
_PATIENCE = 200  # perturbations without progress before the exact search takes over


class _Tracker:
    """The incumbent, the bound and the effort, reported to ``progress`` as they move."""

    def __init__(self, clock: Clock, start: float, progress: Progress | None) -> None:
        self.clock = clock
        self.start = start
        self.progress = progress
        self.order: list[int] = []
        self.cost = -1
        self.lower = 0
        self.nodes = 0

    def offer(self, order: list[int] | tuple[int, ...], cost: int) -> None:
        if self.cost < 0 or cost < self.cost:
            self.order, self.cost = list(order), cost
            self.report()

    def bound(self, lower: int, nodes: int = 0) -> None:
        del nodes  # the search reports its running count; the total is added once at its end
        if lower > self.lower:
            self.lower = lower
            self.report()

    def report(self) -> None:
        if self.progress is not None:
            seconds = self.clock() - self.start
            self.progress(
                SearchProgress(self.cost, min(self.lower, self.cost), seconds, self.nodes)
            )


def solve(
    problem: SequencingProblem,
    *,
    time_limit_s: float = 10.0,
    progress: Progress | None = None,
    clock: Clock = time.perf_counter,
    node_limit: int | None = None,
    seed: int = 0,
) -> SequencingResult:
    """The cheapest order found within ``time_limit_s`` seconds, with a proven bound.

    Raises :class:`~regie.core.errors.ValidationError` when the locks and precedences
    leave no possible order (the problem's own validation already names cycles and
    clashing pairs).
    """
    start = clock()
    deadline = start + time_limit_s
    compiled = compile_problem(problem)
    tracker = _Tracker(clock, start, progress)
    rng = random.Random(seed)  # noqa: S311 - search diversification, not security
    notes: list[str] = []
    if compiled.n == 0:
        tracker.offer([], 0)
        return _result(problem, compiled, tracker, "exact", notes)
    bounds = Bounds(compiled)
    first = greedy(bounds)
    if first is None:
        found = feasible_order(bounds)
        if found is None:
            raise _no_order(problem)
        first = list(found)
    tracker.offer(first, job_order_cost(compiled, first))
    exact = compiled.n <= EXACT_JOB_LIMIT
    budget = time_limit_s * (0.1 if exact else 0.9)
    if exact and not compiled.location_costs:
        budget = min(budget, 0.01 + 0.0001 * compiled.n**2)
    iterated_local_search(
        compiled,
        tracker.order,
        deadline=min(deadline, start + budget),
        clock=clock,
        rng=rng,
        patience=_PATIENCE if exact else None,
        on_improve=tracker.offer,
    )
    method = "local-search"
    if exact:
        outcome = astar(
            bounds,
            tracker.cost,
            deadline=deadline - min(1.0, 0.02 * time_limit_s),  # freeing the states takes time
            clock=clock,
            max_states=_MAX_STATES,
            node_limit=node_limit,
            report=tracker.bound,
        )
        tracker.nodes += outcome.nodes
        if outcome.order is not None and outcome.cost is not None:
            tracker.offer(outcome.order, job_order_cost(compiled, outcome.order))
        tracker.bound(tracker.cost if outcome.complete else outcome.lower_bound)
        method = "exact" if outcome.complete else "exact (stopped early)"
        if not outcome.complete and clock() < deadline:
            notes.append("the exact search stopped at its state or node cap; local search went on")
            iterated_local_search(
                compiled, tracker.order, deadline=deadline, clock=clock, rng=rng,
                target=tracker.lower, on_improve=tracker.offer,
            )  # fmt: skip
    else:
        _bound_from_both_ends(
            compiled=compiled, bounds=bounds, tracker=tracker, deadline=deadline,
            clock=clock, node_limit=node_limit,
        )  # fmt: skip
    return _result(problem, compiled, tracker, method, notes)


def _bound_from_both_ends(
    *,
    compiled: Compiled,
    bounds: Bounds,
    tracker: _Tracker,
    deadline: float,
    clock: Clock,
    node_limit: int | None,
) -> None:
    """A short best-first search from the front and from the back, for the bound only."""
    for engine in (bounds, Bounds(reversed_problem(compiled))):
        remaining = deadline - clock()
        outcome = astar(
            engine,
            tracker.cost,
            deadline=clock() + max(remaining / 2, 0.0),
            clock=clock,
            max_states=_MAX_STATES // 4,
            node_limit=node_limit if node_limit is not None else 10_000,
        )
        tracker.nodes += outcome.nodes
        if outcome.order is not None:
            ordered = list(outcome.order)
            if engine is not bounds:
                ordered.reverse()
            tracker.offer(ordered, job_order_cost(compiled, ordered))
        tracker.bound(tracker.cost if outcome.complete else outcome.lower_bound)


def _result(
    problem: SequencingProblem,
    compiled: Compiled,
    tracker: _Tracker,
    method: str,
    notes: list[str],
) -> SequencingResult:
    strip_ids = problem.strip_ids
    order = tuple(strip_ids[i] for i in compiled.strip_order(tracker.order))
    cost = order_cost(problem, order)
    return SequencingResult(
        order=order,
        idle_cost=cost.idle_cost,
        location_cost=cost.location_cost,
        optimal=tracker.lower >= cost.cost,
        lower_bound=min(tracker.lower, cost.cost),
        seconds=tracker.clock() - tracker.start,
        nodes=tracker.nodes,
        method=method,
        notes=tuple(notes),
    )


def _no_order(problem: SequencingProblem) -> ValidationError:
    locked = ", ".join(f"{lock.strip}@{lock.position}" for lock in problem.locked)
    return ValidationError(
        t(
            "no order keeps both the locked scenes ({locked}) and the precedences",
            locked=locked or "none",
        ),
        field="locked",
        hint=t("Unlock a scene or drop a precedence that ties it"),
    )
