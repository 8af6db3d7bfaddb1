# SPDX-License-Identifier: AGPL-3.0-or-later
"""The plain CP-SAT model the benchmark measures our solver against.

A straightforward position model of the same objective, with none of our preprocessing,
bounds or dominance rules, as described in ``shared/benchmarks/talent/README.md``: one
position per strip, all different; first and last position per actor; one reified
"strictly between" literal per actor and strip the actor is not in; objective = rate ×
duration over those literals. With location costs: the strip at each position (inverse
channelling), its location, and one "a visit starts here" literal per position and costly
location. Precedences as position inequalities; locks as fixed positions. Without
precedences the first strip is put before the last one (reversal symmetry).

It is a yardstick, not an engine: ``regie.schedule.sequencing`` is what the product uses.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from regie.core.errors import RegieError
from regie.core.text import t
from regie.schedule.sequencing_cost import order_cost
from regie.schedule.sequencing_model import SequencingProblem

if TYPE_CHECKING:
    from ortools.sat.python import cp_model


@dataclass(frozen=True, slots=True)
class BaselineResult:
    """Best order CP-SAT found (empty when none), its costs, bound and status."""

    order: tuple[str, ...]
    idle_cost: int | None
    location_cost: int | None
    optimal: bool
    lower_bound: int
    seconds: float
    status: str

    @property
    def cost(self) -> int | None:
        if self.idle_cost is None or self.location_cost is None:
            return None
        return self.idle_cost + self.location_cost


def solve_cpsat(
    problem: SequencingProblem, *, time_limit_s: float = 60.0, workers: int = 2
) -> BaselineResult:
    """Solve ``problem`` with the plain position model under a time limit."""
    try:
        from ortools.sat.python import cp_model  # noqa: PLC0415 - optional heavy dependency
    except ImportError as error:  # pragma: no cover - ortools is a declared dependency
        raise RegieError(
            t("the CP-SAT baseline needs OR-Tools, which is not installed"),
            hint=t("Install it with: pip install ortools"),
        ) from error

    started = time.perf_counter()
    model = cp_model.CpModel()
    strips = problem.strips
    count = len(strips)
    index = {strip.id: i for i, strip in enumerate(strips)}
    position = [model.new_int_var(0, count - 1, f"pos_{s.id}") for s in strips]
    model.add_all_different(position)
    terms: list[tuple[int, cp_model.IntVar]] = []  # (rate × duration, "between" literal)
    for member in problem.cast:
        own = sorted(index[s] for s in member.strips)
        if len(own) < 2 or member.cost_per_day == 0:
            continue
        first = model.new_int_var(0, count - 1, f"first_{member.id}")
        last = model.new_int_var(0, count - 1, f"last_{member.id}")
        model.add_min_equality(first, [position[i] for i in own])
        model.add_max_equality(last, [position[i] for i in own])
        for i in sorted(set(range(count)) - set(own)):
            inside = model.new_bool_var(f"between_{member.id}_{strips[i].id}")
            after_first = model.new_bool_var("")
            before_last = model.new_bool_var("")
            model.add(position[i] > first).only_enforce_if(after_first)
            model.add(position[i] < first).only_enforce_if(~after_first)
            model.add(position[i] < last).only_enforce_if(before_last)
            model.add(position[i] > last).only_enforce_if(~before_last)
            model.add_bool_and([after_first, before_last]).only_enforce_if(inside)
            model.add_bool_or([~after_first, ~before_last]).only_enforce_if(~inside)
            terms.append((member.cost_per_day * strips[i].duration, inside))
    location_terms = _location_terms(model, problem, position)
    for before, after in problem.precedences:
        model.add(position[index[before]] < position[index[after]])
    for lock in problem.locked:
        model.add(position[index[lock.strip]] == lock.position)
    if not problem.precedences and not problem.locked and count >= 2:
        model.add(position[0] < position[count - 1])
    model.minimize(sum(w * v for w, v in terms) + sum(w * v for w, v in location_terms))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit_s
    solver.parameters.num_workers = workers
    status = solver.solve(model)
    seconds = time.perf_counter() - started
    name = solver.status_name(status)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return BaselineResult((), None, None, False, 0, seconds, name)
    order = tuple(
        strip.id
        for _, strip in sorted((solver.value(position[i]), s) for i, s in enumerate(strips))
    )
    cost = order_cost(problem, order)
    bound = int(solver.best_objective_bound + 1e-6) if status == cp_model.FEASIBLE else cost.cost
    return BaselineResult(
        order, cost.idle_cost, cost.location_cost, status == cp_model.OPTIMAL,
        min(bound, cost.cost), seconds, name,
    )  # fmt: skip


def _location_terms(
    model: cp_model.CpModel, problem: SequencingProblem, position: Sequence[cp_model.IntVar]
) -> list[tuple[int, cp_model.IntVar]]:
    """Per costly location: ``visits - 1`` from "a visit starts at position p" literals."""
    costly = {
        loc.id: loc.cost_per_extra_visit for loc in problem.locations if loc.cost_per_extra_visit
    }
    if not costly:
        return []
    count = len(problem.strips)
    at = [model.new_int_var(0, count - 1, f"at_{p}") for p in range(count)]
    model.add_inverse(position, at)  # the strip at each position
    places = sorted({s.location or "" for s in problem.strips})
    code = {place: k for k, place in enumerate(places)}
    strip_place = [code[s.location or ""] for s in problem.strips]
    place_at = [model.new_int_var(0, len(places) - 1, f"loc_{p}") for p in range(count)]
    for p in range(count):
        model.add_element(at[p], strip_place, place_at[p])
    terms: list[tuple[int, cp_model.IntVar]] = []
    for place, price in costly.items():
        if not any(s.location == place for s in problem.strips):
            continue
        here = []
        for p in range(count):
            lit = model.new_bool_var(f"is_{place}_{p}")
            model.add(place_at[p] == code[place]).only_enforce_if(lit)
            model.add(place_at[p] != code[place]).only_enforce_if(~lit)
            here.append(lit)
        starts = [here[0]]
        for p in range(1, count):
            start = model.new_bool_var(f"start_{place}_{p}")
            model.add_bool_and([here[p], ~here[p - 1]]).only_enforce_if(start)
            model.add_bool_or([~here[p], here[p - 1]]).only_enforce_if(~start)
            starts.append(start)
        extra = model.new_int_var(0, count, f"extra_{place}")
        model.add(extra == sum(starts) - 1)
        terms.append((price, extra))
    return terms
