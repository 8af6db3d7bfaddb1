# SPDX-License-Identifier: AGPL-3.0-or-later
"""The schedule optimiser (optimisation du plan de travail): the board that costs least.

``optimize(problem, start=…, time_limit_s=…)`` plans every strip on a shoot day, in
order, so that the board meets every hard constraint and its cost — exactly
``evaluate(problem, board).cost.total`` — is as low as the time allows; it returns the
board, its evaluation, a proven lower bound on the cost of any valid board, and, when no
board exists, an :class:`~regie.schedule.optimize_explain.Infeasibility` naming the
constraints that conflict.

How:

1. :mod:`~regie.schedule.optimize_rules` compiles the problem: each strip's possible
   days (availability, opening days, fixed dates, locks, night needs of minors…), the
   shortest-route travel times, the weights as whole numbers (cents…);
2. :mod:`~regie.schedule.optimize_explain` refuses at once a scene with no possible day
   or a cycle of precedences, naming the rules;
3. without a valid start board, :mod:`~regie.schedule.optimize_greedy` builds a first
   board day by day and :mod:`~regie.schedule.optimize_local` reorders its days: a valid
   board within a second, kept if nothing better comes;
4. :mod:`~regie.schedule.optimize_model` (with :mod:`~regie.schedule.optimize_cost`)
   is the CP-SAT model of days, day kinds, places per day, first and last place of each
   day; :mod:`~regie.schedule.optimize_solve` solves it from the start (or first) board
   as a complete hint, one thread searching, the other proving the bound by cores; each
   better solution is reported to ``progress``;
5. :mod:`~regie.schedule.optimize_order` orders each day's strips; where a day needs
   more travel than the model counted (three places or more), the shortest route through
   them is added as a cut and the model solved again while time is left.

The model is a relaxation of the real problem wherever it is not exact: travel by the
shortest routes (a board could take a detour), one visit per place a day (a precedence
inside a day could force a return, of which it charges only the company move). Its bound
is thus a lower bound on every board; its objective equals the evaluated cost of the
board built from it in all other cases (``objective`` in the result, to check), and
``optimal`` is claimed only when the evaluated cost meets the bound. A valid start
board is kept unless something cheaper is found, so improving a board never makes it
worse; locked strips stay on their day and in their order.

The only clock read is the time limit's.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from ortools.sat.python import cp_model

from regie.core.errors import ValidationError
from regie.core.text import t
from regie.schedule.evaluate import Evaluation, evaluate
from regie.schedule.model import Board, DayKind, ShootingProblem
from regie.schedule.optimize_explain import ConflictItem, Infeasibility, explain, precheck
from regie.schedule.optimize_greedy import first_board
from regie.schedule.optimize_local import improve_days
from regie.schedule.optimize_order import realize
from regie.schedule.optimize_rules import compile_instance, domains, travel_matrix
from regie.schedule.optimize_solve import Report, Solver

__all__ = [
    "ConflictItem",
    "Infeasibility",
    "OptimizeProgress",
    "OptimizeResult",
    "OptimizeStatus",
    "optimize",
]


class OptimizeStatus(StrEnum):
    OPTIMAL = "optimal"  # the board's cost meets the lower bound
    FEASIBLE = "feasible"  # a valid board, maybe not the cheapest
    INFEASIBLE = "infeasible"  # no valid board: see ``infeasibility``
    UNKNOWN = "unknown"  # the time ran out before any board was found


@dataclass(frozen=True, slots=True)
class OptimizeProgress:
    """A better board was found: its cost as the model prices it, the bound so far."""

    cost: Decimal
    lower_bound: Decimal
    seconds: float


@dataclass(frozen=True, slots=True)
class OptimizeResult:
    board: Board | None
    evaluation: Evaluation | None
    lower_bound: Decimal  # no valid board costs less (0 when none exists)
    optimal: bool
    status: OptimizeStatus
    seconds: float
    infeasibility: Infeasibility | None
    objective: Decimal | None = None  # the model's price of the board (None: start board)

    @property
    def cost(self) -> Decimal | None:
        return None if self.evaluation is None else self.evaluation.cost.total

    @property
    def gap(self) -> Decimal | None:
        """(cost − lower bound) / cost, 0 when proven optimal."""
        cost = self.cost
        if cost is None:
            return None
        return Decimal(0) if cost <= self.lower_bound else (cost - self.lower_bound) / cost


Progress = Callable[[OptimizeProgress], None]


def optimize(
    problem: ShootingProblem,
    *,
    start: Board | None = None,
    time_limit_s: float = 30,
    progress: Progress | None = None,
    workers: int = 2,
) -> OptimizeResult:
    """The cheapest valid board found within ``time_limit_s`` seconds (see the module)."""
    _check(time_limit_s, workers)
    began = time.perf_counter()
    inst = compile_instance(problem, start)
    allowed = domains(inst)
    refused = precheck(inst, allowed)
    if refused is not None:
        return _infeasible(refused, began)
    travel, _ = travel_matrix(inst)
    locked = start.locked if start is not None else frozenset()
    found = _Found(start, problem)
    first = None
    if found.best is None:  # no valid start board: build a first one to start from
        first = first_board(inst, allowed)
        if first is not None:
            budget = min(FIRST_BOARD_S, time_limit_s * FIRST_BOARD_SHARE)
            first = improve_days(inst, allowed, *first, seconds=budget)
            night = [k is DayKind.NIGHT for k in first[1]]
            found.offer(realize(inst, first[0], night, {}, locked), None)
    solver = Solver(
        inst, allowed, travel, deadline=began + time_limit_s, workers=workers,
        report=_reporter(progress, began, inst.weights.scale, lambda: solver.bound),
    )  # fmt: skip
    if first is not None:
        solver.hint(first[0], [k is DayKind.NIGHT for k in first[1]])
    elif start is not None:
        solver.hint_board(start)
    solver.complete_hint()
    status, solution = solver.solve()
    if status == cp_model.INFEASIBLE:
        return _infeasible(explain(inst, travel, solver.left()), began)
    while solution is not None:
        board = realize(inst, solution.day_of, solution.night, solution.paths, locked)
        exact = found.offer(board, solution.objective / Decimal(inst.weights.scale))
        if exact or solver.left() < RESOLVE_S or not solver.cut(solution, board):
            break
        solver.hint(solution.day_of, solution.night, solution.paths)
        solver.complete_hint()
        _, solution = solver.solve()
    scale = inst.weights.scale
    bound = None if solver.bound is None else Decimal(solver.bound) / scale
    return found.result(bound, time.perf_counter() - began)


FIRST_BOARD_S = 1.0  # at most this long reordering the days of the first board
FIRST_BOARD_SHARE = 0.05  # … nor more than this share of the time limit
RESOLVE_S = 0.5  # solve again after travel cuts only with this much time left


def _check(time_limit_s: float, workers: int) -> None:
    if not time_limit_s > 0:
        raise ValidationError(
            t(
                "the time limit must be a positive number of seconds, not {value}",
                value=time_limit_s,
            ),
            field="time_limit_s",
        )
    if workers < 1:
        raise ValidationError(
            t("the solver needs at least one worker, not {value}", value=workers), field="workers"
        )


def _reporter(
    progress: Progress | None, began: float, scale: int, known: Callable[[], int | None]
) -> Report | None:
    if progress is None:
        return None

    def report(cost: Decimal, bound: Decimal, now: float) -> None:
        best = known()
        if best is not None:
            bound = max(bound, Decimal(best) / scale)
        progress(OptimizeProgress(cost, min(bound, cost), now - began))

    return report


class _Found:
    """The valid boards found so far (the start board, the first board, the solver's),
    and the cheapest of them; ties go to the start board, then to the latest."""

    def __init__(self, start: Board | None, problem: ShootingProblem) -> None:
        self.problem = problem
        self.best: tuple[Board, Evaluation, Decimal | None] | None = None
        if start is not None:
            evaluation = evaluate(problem, start)
            if evaluation.feasible:
                self.best = (start, evaluation, None)
        self.start = start

    def offer(self, board: Board, objective: Decimal | None) -> bool:
        """Keep ``board`` if valid and cheaper; True when it costs what the model said."""
        evaluation = evaluate(self.problem, board)
        if not evaluation.feasible:
            return False
        cost = evaluation.cost.total
        if (
            self.best is None
            or cost < self.best[1].cost.total
            or (cost == self.best[1].cost.total and self.best[0] is not self.start)
        ):
            self.best = (board, evaluation, objective)
        return cost == objective

    def result(self, bound: Decimal | None, seconds: float) -> OptimizeResult:
        if self.best is None:
            return OptimizeResult(
                None, None, bound or Decimal(0), False, OptimizeStatus.UNKNOWN, seconds, None
            )
        board, evaluation, objective = self.best
        cost = evaluation.cost.total
        lower = Decimal(0) if bound is None else min(cost, bound)
        optimal = lower >= cost
        status = OptimizeStatus.OPTIMAL if optimal else OptimizeStatus.FEASIBLE
        return OptimizeResult(board, evaluation, lower, optimal, status, seconds, None, objective)


def _infeasible(why: Infeasibility, began: float) -> OptimizeResult:
    return OptimizeResult(
        None,
        None,
        Decimal(0),
        False,
        OptimizeStatus.INFEASIBLE,
        time.perf_counter() - began,
        why,
    )
