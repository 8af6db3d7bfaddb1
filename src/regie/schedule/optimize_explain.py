# SPDX-License-Identifier: AGPL-3.0-or-later
"""Why no board exists: the few constraints that cannot hold together.

Three steps, cheapest first:

1. **strips with no possible day** — for a scene every shoot day of which some rule
   excludes (:func:`~regie.schedule.optimize_rules.blockers`), the smallest set of rules
   found that together exclude every day (a greedy cover, then each rule dropped in turn
   while the rest still covers): "no shoot day suits scene 12: Lucie is available only on
   2027-03-03 to 2027-03-05 and the quay is open only on Saturday and Sunday";
2. **cycles of order** — precedences (and the order of locked strips in a day) that come
   back to their start;
3. **global conflicts** — the model with every rule behind its own literal
   (:func:`~regie.schedule.optimize_model.build` with ``explain=True``), solved under the
   assumption that every rule holds; CP-SAT's sufficient assumptions for infeasibility
   give a conflicting set, which is then shrunk by dropping each rule in turn while the
   rest stays infeasible (each check under a share of the time left).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from regie.core.text import Text, t
from regie.schedule.optimize_model import Travel, build
from regie.schedule.optimize_rules import Instance, Rule, RuleKind, blockers
from regie.schedule.optimize_text import ConflictItem, describe, join, label

__all__ = ["ConflictItem", "Infeasibility", "explain", "precheck"]


@dataclass(frozen=True, slots=True)
class Infeasibility:
    """The constraints that conflict, and one message that says so."""

    conflicts: tuple[ConflictItem, ...]
    message: Text


def precheck(inst: Instance, domains: Mapping[str, Sequence[int]]) -> Infeasibility | None:
    """Scenes with no possible day and cycles of order, or None when there are none."""
    if inst.keys and not inst.problem.dates:
        item = describe(inst, Rule(RuleKind.CALENDAR), inst.keys)
        return Infeasibility((item,), item.message)
    items: list[ConflictItem] = []
    messages: list[Text] = []
    for key in inst.keys:
        if domains[key]:
            continue
        rules = _cover(inst, key)
        found = [describe(inst, rule, (key,)) for rule in rules]
        items += found
        messages.append(
            t(
                "no shoot day suits scene {scene}: {reasons}",
                scene=label(inst, key),
                reasons=join([i.message for i in found]),
            )
        )
    cycle = _cycle(inst)
    if cycle:
        found = [describe(inst, rule) for rule in cycle]
        items += found
        messages.append(
            t(
                "these order rules go round in a circle: {reasons}",
                reasons=join([i.message for i in found]),
            )
        )
    if not items:
        return None
    return Infeasibility(tuple(items), join(messages, last=";"))


def _cover(inst: Instance, key: str) -> list[Rule]:
    """A small set of rules that together exclude every day for strip ``key``."""
    ways = [blockers(inst, key, d) for d in range(inst.days)]
    chosen: set[Rule] = set()

    def covered(day_ways: tuple[frozenset[Rule], ...], rules: set[Rule]) -> bool:
        return any(way <= rules for way in day_ways)

    while not all(covered(w, chosen) for w in ways):  # greedy: the rule that closes most
        candidates = {r for w in ways if not covered(w, chosen) for way in w for r in way}
        chosen.add(
            max(
                sorted(candidates),
                key=lambda r: sum(
                    1 for w in ways if not covered(w, chosen) and covered(w, chosen | {r})
                ),
            )
        )
    for rule in sorted(chosen, reverse=True):
        if all(covered(w, chosen - {rule}) for w in ways):
            chosen.discard(rule)
    return sorted(chosen)


def _cycle(inst: Instance) -> list[Rule]:
    """The rules of one cycle among precedences and locked orders (empty: none)."""
    edges: dict[str, list[tuple[str, Rule]]] = {}
    for a, b in inst.precedences:
        edges.setdefault(a, []).append((b, Rule(RuleKind.PRECEDENCE, (a, b))))
    for a, b in inst.locked_order:
        edges.setdefault(a, []).append((b, Rule(RuleKind.LOCKED, (a, b))))
    colour: dict[str, int] = {}  # 1: on the current path, 2: explored
    nodes: list[str] = []  # the current path
    rules: list[Rule] = []  # rules[i] leads from nodes[i] to nodes[i + 1]

    def visit(node: str) -> list[Rule]:
        colour[node] = 1
        nodes.append(node)
        for nxt, rule in edges.get(node, ()):
            if colour.get(nxt) == 1:
                return [*rules[nodes.index(nxt) :], rule]
            if nxt not in colour:
                rules.append(rule)
                found = visit(nxt)
                if found:
                    return found
                rules.pop()
        nodes.pop()
        colour[node] = 2
        return []

    for key in inst.keys:
        if key not in colour:
            found = visit(key)
            if found:
                return found
    return []


def explain(inst: Instance, travel: Travel, seconds: float) -> Infeasibility:
    """A small set of rules that no board can meet together (the model is infeasible)."""
    deadline = time.perf_counter() + max(seconds, 0.5)
    built = build(inst, {k: tuple(range(inst.days)) for k in inst.keys}, travel, explain=True)
    literal = built.guards
    by_index = {lit.index: rule for rule, lit in literal.items()}

    def infeasible(rules: Sequence[Rule], share: float) -> list[Rule] | None:
        """The rules CP-SAT needed to prove ``rules`` cannot hold, None if it could not."""
        built.model.clear_assumptions()
        built.model.add_assumptions([literal[r] for r in rules])
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = max(0.05, share)
        if solver.solve(built.model) != cp_model.INFEASIBLE:
            return None
        core = {
            by_index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in by_index
        }
        return sorted(core & set(rules)) or list(rules)

    everything = sorted(literal)
    core = infeasible(everything, deadline - time.perf_counter())
    if core is None:
        return Infeasibility(
            (),
            t(
                "no board meets all the constraints, but the time ran out before the "
                "conflicting ones were found; allow more time"
            ),
        )
    if infeasible(core, (deadline - time.perf_counter()) / 2) is None:
        core = everything  # the solver's set was not enough on its own: shrink them all
    for rule in list(core):
        if rule not in core or len(core) == 1:
            continue
        left = deadline - time.perf_counter()
        if left <= 0:
            break
        rest = [r for r in core if r != rule]
        smaller = infeasible(rest, left / max(1, len(core)))
        if smaller is not None:
            core = smaller
    items = tuple(describe(inst, rule) for rule in core)
    message = t(
        "no board meets these constraints together: {reasons}",
        reasons=join([i.message for i in items]),
    )
    return Infeasibility(items, message)
