# SPDX-License-Identifier: AGPL-3.0-or-later
"""Running CP-SAT on the schedule model: parameters, progress, bound, travel cuts.

The model counts a day's travel from its first and last places only (exact for days
with one or two places). When a solution's day turns out to need more travel once its
strips are ordered, :meth:`Solver.cut` adds the shortest route through that day's places
and the model is solved again from the same solution. Those routes are computed on the
shortest-route times, so each cut holds for every board and the bound stays a bound;
only if the entered times are not shortest routes (a detour is quicker than the direct
road) and a cut on the entered times is needed is the bound frozen at its last sound
value.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

from ortools.sat.python import cp_model

from regie.schedule.model import Board, DayKind
from regie.schedule.optimize_model import Solution, Travel, build
from regie.schedule.optimize_order import day_travel
from regie.schedule.optimize_rules import Instance

HINT_S = 2.0  # at most this long completing a hint
MAX_ROUTE = 8  # places of a day up to which a cut's route is computed (8! orders)

Report = Callable[[Decimal, Decimal, float], None]  # cost, bound, seconds


class Solver:
    """One model, solved again after cuts, keeping the best sound bound."""

    def __init__(
        self,
        inst: Instance,
        allowed: Mapping[str, Sequence[int]],
        travel: Travel,
        *,
        deadline: float,
        workers: int,
        report: Report | None,
    ) -> None:
        self.inst, self.travel = inst, travel
        self.deadline, self.workers, self.report = deadline, workers, report
        self.built = build(inst, allowed, travel)
        self.bound: int | None = None  # scaled units, valid for every board
        self.sound = True  # every cut so far holds for every board

    def left(self) -> float:
        return self.deadline - time.perf_counter()

    def hint(
        self,
        day_of: Mapping[str, int],
        night: Sequence[bool],
        paths: Mapping[int, Sequence[str]] | None = None,
    ) -> None:
        kinds = [DayKind.NIGHT if n else DayKind.DAY for n in night]
        self.built.hint(day_of, kinds, paths)

    def hint_board(self, board: Board) -> None:
        index = {date: i for i, date in enumerate(self.inst.problem.dates)}
        day_of: dict[str, int] = {}
        night = [False] * self.inst.days
        paths: dict[int, tuple[str, ...]] = {}
        for day in board.days:
            if day.date in index:
                d = index[day.date]
                night[d] = day.kind is DayKind.NIGHT
                paths[d] = day_travel(self.inst, day.strips)[0]
                for key in day.strips:
                    day_of.setdefault(key, d)
        self.hint(day_of, night, paths)

    def complete_hint(self) -> None:
        """Turn the hint (days and kinds) into a full solution, every variable included,
        by a quick solve with the hinted variables fixed: CP-SAT then starts from it at
        once, where an incomplete hint is only a search preference."""
        clone = self.built.model.clone()
        solver = cp_model.CpSolver()
        solver.parameters.fix_variables_to_their_hinted_value = True
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = max(0.1, min(HINT_S, self.left() / 4))
        if solver.solve(clone) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return
        model = self.built.model
        model.clear_hints()  # type: ignore[no-untyped-call]  # untyped in OR-Tools
        for i, value in enumerate(solver.response_proto.solution):
            model.add_hint(model.get_int_var_from_proto_index(i), value)

    def solve(self) -> tuple[cp_model.CpSolverStatus, Solution | None]:
        """CP-SAT's status and its best solution (None when it found none)."""
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.1, self.left())
        solver.parameters.num_workers = self.workers
        if 2 <= self.workers <= 3:
            # One thread proves the bound by unsatisfiable cores (far stronger here than
            # the LP's); the other searches (feasibility jump, then neighbourhoods).
            solver.parameters.subsolvers.extend(["core", "default_lp"][: self.workers - 1])
        watch = _Watch(self.inst.weights.scale, self.report)
        status = solver.solve(self.built.model, watch)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return status, None
        objective = round(solver.objective_value)
        bound = objective if status == cp_model.OPTIMAL else _whole(solver.best_objective_bound)
        if self.sound:
            self.bound = max(self.bound or 0, min(bound, objective))
        return status, self.built.solution(solver.value, objective)

    def cut(self, solution: Solution, board: Board) -> bool:
        """Add the travel the model missed on ``board``'s days; True when it did."""
        added = False
        for day in board.days:
            visits, real = day_travel(self.inst, day.strips)
            modeled = solution.travel.get(day.index, 0)
            places = sorted(set(visits))
            if real <= modeled or not 1 < len(places) <= MAX_ROUTE:
                continue
            start, end = visits[0], visits[-1]
            times: Mapping[tuple[str, str], int] = self.travel
            route, ends = _route(places, times), _route(places, times, start, end)
            if max(route, ends) <= modeled:  # the entered times are no shortest routes
                times = {(a, b): self.inst.problem.travel(a, b) for a in places for b in places}
                route, ends = _route(places, times), _route(places, times, start, end)
                if max(route, ends) <= modeled:
                    continue  # a return forced by precedences, not a route: no cut
                self.sound = False
            self.built.cut(day.index, places, route, (start, end, ends))
            added = True
        return added


def _route(
    places: Sequence[str],
    times: Mapping[tuple[str, str], int],
    start: str | None = None,
    end: str | None = None,
) -> int:
    """The shortest path through every place (from ``start``, to ``end`` when given)."""
    best: int | None = None
    for order in itertools.permutations(places):
        if (start is not None and order[0] != start) or (end is not None and order[-1] != end):
            continue
        length = sum(times[a, b] for a, b in itertools.pairwise(order))
        best = length if best is None else min(best, length)
    return best or 0


def _whole(bound: float) -> int:
    """The bound as a whole number of scaled units: the objective is whole, so rounding
    the bound up is sound (less a hair for floating point)."""
    return max(0, math.ceil(bound - 1e-6))


class _Watch(cp_model.CpSolverSolutionCallback):
    def __init__(self, scale: int, report: Report | None) -> None:
        super().__init__()
        self.scale, self.report = scale, report

    def on_solution_callback(self) -> None:
        if self.report is None:
            return
        cost = Decimal(round(self.objective_value)) / self.scale
        bound = Decimal(_whole(self.best_objective_bound)) / self.scale
        self.report(cost, min(bound, cost), time.perf_counter())
