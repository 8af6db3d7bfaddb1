# SPDX-License-Identifier: AGPL-3.0-or-later
"""The CP-SAT model of the shooting schedule: which strip on which day, day or night.

Variables (``d`` a shoot day, ``s`` a strip, ``l`` a location, ``c`` a cast member):

* ``x[s, d]`` — strip ``s`` is shot on day ``d``, created only for the days of its domain
  (:func:`~regie.schedule.optimize_rules.domains`); exactly one per strip, and
  ``day[s] = Σ d·x[s, d]``;
* ``night[d]`` — day ``d`` is a night day; night scenes force it, daylight scenes and
  minors forbid it;
* ``u[d, l]`` — the company works at ``l`` on ``d``; ``first[d, l]``/``last[d, l]`` —
  the day starts/ends there (the same place only on a one-place day). Strips are grouped
  by location within a day (``regie.schedule.optimize_order``), so the day's company
  moves are ``Σ_l u[d, l] − 1``;
* ``travel[d]`` — the day's travel minutes, at least the time between its first and last
  place, and at least the shortest hop for each extra place: exact on days with one or
  two places (nearly all good boards); for more, :meth:`Built.cut` adds the length of the
  shortest route through a set of places once a solution uses them (cuts valid for every
  board, as the times are shortest routes);
* ``cur[d, l]`` — ``l`` is where the company last worked at the end of day ``d``;
  ``merge[d, l]`` — day ``d`` starts where the company last stood, so that visit goes on;
* ``w[c, d]`` — ``c`` works on ``d``; ``first[c]``/``last[c]`` — their first and last day.

Costs, exactly as :func:`~regie.schedule.evaluate.evaluate` prices a board whose days
visit each location once, in euros × ``Weights.scale``:

* holding: ``Σ_c hold_c · (last[c] − first[c] + 1 − Σ_d w[c, d])``;
* company moves: ``move · Σ_d (Σ_l u[d, l] − has[d])``;
* revisits: ``revisit · (Σ_{d,l} u[d, l] − Σ merge − #locations)`` (every visit of a
  location but its first: runs of the whole board minus the distinct places);
* switches: ``switch · Σ_d |night[d] − night[d+1]|``;
* overtime: ``overtime · Σ_d max(0, minutes[d] + travel[d] − day_minutes)``, with
  ``minutes[d] + travel[d] ≤ day_minutes + max_overtime_minutes``.

With ``explain=True`` the domains are every day and each rule is enforced only under
its own literal (``guards``), so that CP-SAT can name a small set of rules that cannot
hold together; that model has no objective.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from regie.schedule.model import DayKind
from regie.schedule.optimize_cost import add_objective, any_of
from regie.schedule.optimize_rules import Instance, Rule, RuleKind, blockers

Var = cp_model.IntVar
Value = Callable[[Var], int]
Travel = Mapping[tuple[str, str], int]


@dataclass(frozen=True, slots=True)
class Solution:
    """A model solution: the day of every strip, the night days, the planned order of
    each day's places (first, the others, last) and the travel the model counted."""

    day_of: Mapping[str, int]
    night: tuple[bool, ...]
    paths: Mapping[int, tuple[str, ...]]
    travel: Mapping[int, int]
    objective: int


@dataclass
class Built:
    """The model and the handles needed to hint it, cut it and read solutions back."""

    model: cp_model.CpModel
    x: dict[tuple[str, int], Var] = field(default_factory=dict)
    day: dict[str, Var] = field(default_factory=dict)
    night: list[Var] = field(default_factory=list)
    used: dict[int, dict[str, Var]] = field(default_factory=dict)  # u[d, l]
    first: dict[int, dict[str, Var]] = field(default_factory=dict)
    last: dict[int, dict[str, Var]] = field(default_factory=dict)
    has: dict[int, Var] = field(default_factory=dict)  # the day has a place
    travel: dict[int, Var] = field(default_factory=dict)  # days with two places or more
    guards: dict[Rule, Var] = field(default_factory=dict)
    objective: cp_model.LinearExpr | None = None

    def solution(self, value: Value, objective: int) -> Solution:
        day_of = {key: d for (key, d), var in self.x.items() if value(var)}
        paths: dict[int, tuple[str, ...]] = {}
        for d, used in self.used.items():
            places = [place for place, var in used.items() if value(var)]
            if len(places) <= 1:
                paths[d] = tuple(places)
                continue
            first = next(p for p in places if value(self.first[d][p]))
            last = next(p for p in places if value(self.last[d][p]))
            paths[d] = (first, *(p for p in places if p not in (first, last)), last)
        night = tuple(bool(value(n)) for n in self.night)
        travel = {d: value(var) for d, var in self.travel.items()}
        return Solution(day_of, night, paths, travel, objective)

    def hint(
        self,
        day_of: Mapping[str, int],
        kinds: Sequence[DayKind],
        paths: Mapping[int, Sequence[str]] | None = None,
    ) -> None:
        """Hint the strips' days, the day kinds and the days' first and last places."""
        self.model.clear_hints()  # type: ignore[no-untyped-call]  # untyped in OR-Tools
        for (key, d), var in self.x.items():
            self.model.add_hint(var, day_of.get(key) == d)
        for d, var in enumerate(self.night):
            if d < len(kinds):
                self.model.add_hint(var, kinds[d] is DayKind.NIGHT)
        for d, path in (paths or {}).items():
            if len(self.used.get(d, ())) > 1 and path:
                for place, var in self.first[d].items():
                    self.model.add_hint(var, place == path[0])
                for place, var in self.last[d].items():
                    self.model.add_hint(var, place == path[-1])

    def cut(self, d: int, places: Sequence[str], route: int, ends: tuple[str, str, int]) -> None:
        """On day ``d``, using all of ``places`` takes at least ``route`` minutes of
        travel, and ``ends[2]`` when the day starts at ``ends[0]`` and ends at ``ends[1]``."""
        var = self.travel.get(d)
        if var is None:
            return
        used = [self.used[d][p] for p in places]
        self.model.add(var >= route * (sum(used) - len(used) + 1))
        start, end, length = ends
        if start != end:
            both = sum(used) + self.first[d][start] + self.last[d][end] - len(used) - 1
            self.model.add(var >= length * both)


def build(
    inst: Instance,
    domains: Mapping[str, Sequence[int]],
    travel: Travel,
    *,
    explain: bool = False,
) -> Built:
    """The model over ``domains`` with ``travel`` minutes between locations."""
    return ModelBuilder(inst, domains, travel, explain).run()


class ModelBuilder:
    def __init__(
        self, inst: Instance, domains: Mapping[str, Sequence[int]], travel: Travel, explain: bool
    ) -> None:
        self.inst = inst
        self.domains = domains
        self.travel = travel
        self.explain = explain
        self.m = cp_model.CpModel()
        self.out = Built(self.m)
        self.minutes: list[list[tuple[int, Var]]] = [[] for _ in range(inst.days)]

    def guarded(self, constraint: cp_model.Constraint, rule: Rule) -> None:
        """Enforce ``constraint`` always, or (explaining) only under ``rule``'s literal."""
        if self.explain:
            lit = self.out.guards.get(rule)
            if lit is None:
                lit = self.m.new_bool_var(f"{rule.kind}:{'|'.join(rule.subject)}")
                self.out.guards[rule] = lit
            constraint.only_enforce_if(lit)

    def x(self, key: str, d: int) -> Var | int:
        return self.out.x.get((key, d), 0)

    def run(self) -> Built:
        self.strips()
        self.kinds()
        self.minors()
        self.places()
        self.order_rules()
        if not self.explain:
            self.symmetry()
            self.objective()
        return self.out

    def strips(self) -> None:
        inst, m = self.inst, self.m
        for key in inst.keys:
            strip = inst.strips[key]
            days = list(self.domains[key])
            xs = [m.new_bool_var(f"x[{key},{d}]") for d in days]
            for d, var in zip(days, xs, strict=True):
                self.out.x[key, d] = var
                self.minutes[d].append((strip.minutes, var))
                if self.explain:
                    self.exclusions(key, d, var)
            m.add_exactly_one(xs)
            day = m.new_int_var_from_domain(cp_model.Domain.from_values(days or [0]), f"day[{key}]")
            m.add(day == sum(d * v for d, v in zip(days, xs, strict=True)))
            self.out.day[key] = day

    def exclusions(self, key: str, d: int, var: Var) -> None:
        for alternative in blockers(self.inst, key, d):
            if len(alternative) == 1:  # pairs (night scene × minor) are natural constraints
                (rule,) = alternative
                self.guarded(self.m.add(var == 0), rule)

    def kinds(self) -> None:
        inst, m = self.inst, self.m
        self.out.night = [m.new_bool_var(f"night[{d}]") for d in range(inst.days)]
        for (key, d), var in self.out.x.items():
            strip = inst.strips[key]
            night = self.out.night[d]
            if strip.needs_night:
                self.guarded(m.add_implication(var, night), Rule(RuleKind.NIGHT_DAY, (key,)))
            if strip.needs_day:
                self.guarded(m.add_implication(var, ~night), Rule(RuleKind.NIGHT_DAY, (key,)))
            for member in inst.members[key]:
                if inst.minor(member, d):
                    rule = Rule(RuleKind.MINOR_NIGHT, (member,))
                    self.guarded(m.add_implication(var, ~night), rule)

    def minors(self) -> None:
        inst = self.inst
        for member in sorted(inst.problem.minor_max_minutes):
            for d in range(inst.days):
                cap = inst.capped(member, d)
                terms = [
                    (inst.strips[key].minutes, var)
                    for (key, day), var in self.out.x.items()
                    if day == d and member in inst.members[key]
                ]
                if cap is None or sum(mins for mins, _ in terms) <= cap:
                    continue
                load = sum(mins * var for mins, var in terms)
                self.guarded(self.m.add(load <= cap), Rule(RuleKind.MINOR_HOURS, (member,)))

    def places(self) -> None:
        inst, m = self.inst, self.m
        at: list[dict[str, list[Var]]] = [{} for _ in range(inst.days)]
        for (key, d), var in self.out.x.items():
            place = inst.strips[key].location
            if place is not None:
                at[d].setdefault(place, []).append(var)
        for d in range(inst.days):
            used = {place: any_of(m, xs, f"u[{d},{place}]") for place, xs in at[d].items()}
            self.out.used[d] = used
            if used:
                self.out.has[d] = any_of(m, list(used.values()), f"has[{d}]")
            self.ends(d, used)
            load = sum(mins * var for mins, var in self.minutes[d]) + self.out.travel.get(d, 0)
            if self.minutes[d]:
                self.guarded(m.add(load <= inst.limit), Rule(RuleKind.DAY_LENGTH))

    def ends(self, d: int, used: Mapping[str, Var]) -> None:
        """First and last place of the day, and its travel (see the module docstring)."""
        out, m = self.out, self.m
        if len(used) <= 1:
            out.first[d], out.last[d] = dict(used), dict(used)
            return
        places = list(used)
        first = {p: m.new_bool_var(f"first[{d},{p}]") for p in places}
        last = {p: m.new_bool_var(f"last[{d},{p}]") for p in places}
        out.first[d], out.last[d] = first, last
        has, count = out.has[d], cp_model.LinearExpr.sum(list(used.values()))
        m.add(cp_model.LinearExpr.sum(list(first.values())) == has)
        m.add(cp_model.LinearExpr.sum(list(last.values())) == has)
        for p in places:
            m.add_implication(first[p], used[p])
            m.add_implication(last[p], used[p])
            # the same place starts and ends the day only when it is the day's only one
            m.add(count <= 1).only_enforce_if(first[p], last[p])
        hop = {p: max(self.travel[p, q] for q in places if q != p) for p in places}
        shortest = min(self.travel[p, q] for p in places for q in places if q != p)
        longest = sum(sorted(hop.values())[-len(places) + 1 :])
        travel = m.new_int_var(0, max(longest, self.inst.limit), f"travel[{d}]")
        out.travel[d] = travel
        for p in places:  # from the first place to the last one, at least
            reach = cp_model.LinearExpr.weighted_sum(
                [last[q] for q in places if q != p], [self.travel[p, q] for q in places if q != p]
            )
            m.add(travel >= reach - hop[p] * (1 - first[p]))
        m.add(travel >= shortest * (count - has))  # each extra place: one hop at least

    def order_rules(self) -> None:
        inst, m, day = self.inst, self.m, self.out.day
        for a, b in inst.precedences:
            self.guarded(m.add(day[a] <= day[b]), Rule(RuleKind.PRECEDENCE, (a, b)))
        for group in inst.same_day:
            rule = Rule(RuleKind.SAME_DAY, group)
            for other in group[1:]:
                for d in range(inst.days):
                    one, two = self.x(group[0], d), self.x(other, d)
                    if not (isinstance(one, int) and isinstance(two, int)):
                        self.guarded(m.add(one == two), rule)

    def symmetry(self) -> None:
        """Interchangeable strips (same place, cast, length, needs and days, in no
        order rule) are put on the board in script order."""
        inst = self.inst
        bound = {k for pair in inst.precedences for k in pair}
        bound |= {k for group in inst.same_day for k in group} | set(inst.locked)
        classes: dict[tuple[object, ...], list[str]] = {}
        for key in inst.keys:
            s = inst.strips[key]
            if key not in bound:
                signature = (
                    s.location, frozenset(inst.members[key]), s.minutes, s.needs_night,
                    s.needs_day, tuple(self.domains[key]),
                )  # fmt: skip
                classes.setdefault(signature, []).append(key)
        for keys in classes.values():
            for a, b in itertools.pairwise(keys):
                self.m.add(self.out.day[a] <= self.out.day[b])

    def objective(self) -> None:
        self.out.objective = add_objective(self)
