# SPDX-License-Identifier: AGPL-3.0-or-later
"""The objective of the schedule model (see :mod:`~regie.schedule.optimize_model` for the
variables): the cost of :func:`~regie.schedule.evaluate.evaluate` in whole units of
``Weights.scale``.

Every cost variable is defined exactly (equalities, not just the bounds the minimisation
would push tight), so that any solution the solver reports, not only the last one, is
priced as the board built from it will be.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

if TYPE_CHECKING:
    from regie.schedule.optimize_model import ModelBuilder

Var = cp_model.IntVar


def any_of(m: cp_model.CpModel, xs: Sequence[Var], name: str) -> Var:
    """A literal true exactly when one of ``xs`` is (``xs[0]`` itself when alone)."""
    if len(xs) == 1:
        return xs[0]
    lit = m.new_bool_var(name)
    for x in xs:
        m.add_implication(x, lit)
    m.add_bool_or([*xs, ~lit])
    return lit


def add_objective(b: ModelBuilder) -> cp_model.LinearExpr:
    """Add the cost variables to ``b``'s model, minimise their sum and return it."""
    terms: list[cp_model.LinearExpr] = []
    terms += _overtime(b)
    terms += _switches(b)
    terms += _holding(b)
    terms += _places(b)
    terms += _splits(b)
    expr = cp_model.LinearExpr.sum(terms)
    b.m.minimize(expr)
    return expr


def _overtime(b: ModelBuilder) -> list[cp_model.LinearExpr]:
    inst, m = b.inst, b.m
    rate = inst.weights.overtime
    standard = inst.problem.day_minutes
    out: list[cp_model.LinearExpr] = []
    for d in range(inst.days):
        places = list(b.out.used[d])
        longest = max((b.travel[p, q] for p in places for q in places), default=0)
        most = sum(mins for mins, _ in b.minutes[d]) + longest * max(0, len(places) - 1)
        if not rate or most <= standard:
            continue
        load = cp_model.LinearExpr.weighted_sum(
            [var for _, var in b.minutes[d]], [mins for mins, _ in b.minutes[d]]
        ) + b.out.travel.get(d, 0)
        over = m.new_int_var(0, max(0, inst.limit - standard), f"overtime[{d}]")
        m.add_max_equality(over, [load - standard, 0])
        out.append(rate * over)
    return out


def _switches(b: ModelBuilder) -> list[cp_model.LinearExpr]:
    m, night = b.m, b.out.night
    rate = b.inst.weights.switch
    out: list[cp_model.LinearExpr] = []
    for d in range(len(night) - 1) if rate else ():
        one, two = night[d], night[d + 1]
        switch = m.new_bool_var(f"switch[{d}]")
        m.add(switch >= one - two)
        m.add(switch >= two - one)
        m.add(switch <= one + two)
        m.add(switch <= 2 - one - two)
        out.append(rate * switch)
    return out


def _holding(b: ModelBuilder) -> list[cp_model.LinearExpr]:
    """Per cast member and day: ``held`` — paid but idle (``started`` and ``pending``:
    they worked on or before that day, and work on or after it, but not on it)."""
    inst, m = b.inst, b.m
    scenes: dict[str, list[str]] = {}
    for key in inst.keys:
        for member in inst.members[key]:
            scenes.setdefault(member, []).append(key)
    out: list[cp_model.LinearExpr] = []
    for member, keys in scenes.items():
        rate = inst.weights.hold.get(member, 0)
        days = sorted({d for key in keys for d in b.domains[key]})
        if not rate or len(keys) < 2 or days[-1] - days[0] < 2:  # nobody held on a span < 3
            continue
        works: dict[int, Var] = {}
        for d in days:
            xs = [b.out.x[key, d] for key in keys if (key, d) in b.out.x]
            works[d] = any_of(m, xs, f"works[{member},{d}]")
        span = range(days[0], days[-1] + 1)
        started = {d: m.new_bool_var(f"started[{member},{d}]") for d in span}
        pending = {d: m.new_bool_var(f"pending[{member},{d}]") for d in span}
        held: list[Var] = []
        for d in span:
            work = works.get(d)
            before = started.get(d - 1)
            after = pending.get(d + 1)
            # started: worked on this day or before; pending: on this day or after
            _or(m, started[d], [v for v in (before, work) if v is not None])
            _or(m, pending[d], [v for v in (after, work) if v is not None])
            if before is None or after is None:
                continue  # the first and last possible days are never held
            idle = m.new_bool_var(f"held[{member},{d}]")
            parts = [before, after] + ([~work] if work is not None else [])
            m.add_bool_and(parts).only_enforce_if(idle)
            m.add_bool_or([~before, ~after, *([work] if work is not None else []), idle])
            held.append(idle)
        # Redundant: a member needs at least as many days as their scenes fill.
        minutes = sum(inst.strips[key].minutes for key in keys)
        m.add(
            cp_model.LinearExpr.sum(list(works.values()))
            >= max(1, math.ceil(minutes / max(1, inst.limit)))
        )
        out += [rate * idle for idle in held]
    return out


def _or(m: cp_model.CpModel, target: Var, parts: list[Var]) -> None:
    """``target`` is true exactly when one of ``parts`` is."""
    for part in parts:
        m.add_implication(part, target)
    m.add_bool_or([*parts, ~target])


def _places(b: ModelBuilder) -> list[cp_model.LinearExpr]:
    """Company moves (each day: its places but one) and revisits (each place: its visits
    but the first; a day that starts where the company last stood goes on with a visit).
    Every term is a variable at least 0, which the core-based bound search needs."""
    inst, m = b.inst, b.m
    w = inst.weights
    out: list[cp_model.LinearExpr] = []
    for d, used in b.out.used.items():
        if len(used) > 1 and w.move:
            moves = m.new_int_var(0, len(used) - 1, f"moves[{d}]")
            m.add(moves == cp_model.LinearExpr.sum(list(used.values())) - b.out.has[d])
            out.append(w.move * moves)
    if not w.revisit:
        return out
    later: list[set[str]] = [set() for _ in range(inst.days + 1)]
    for d in range(inst.days - 1, -1, -1):
        later[d] = later[d + 1] | set(b.out.used[d])
    previous: dict[str, Var] = {}  # where the company stands after the last located day
    merges: dict[str, list[Var]] = {}
    for d in range(inst.days):
        used = b.out.used[d]
        if not used:
            continue
        for place in used:
            if place in previous:
                merge = m.new_bool_var(f"merge[{d},{place}]")
                start, stood = b.out.first[d][place], previous[place]
                m.add_implication(merge, start)
                m.add_implication(merge, stood)
                m.add_bool_or([~start, ~stood, merge])
                merges.setdefault(place, []).append(merge)
        has = b.out.has[d]
        current: dict[str, Var] = {}
        for place in sorted(later[d + 1]):
            end, before = b.out.last[d].get(place), previous.get(place)
            if end is None and before is None:
                continue
            cur = m.new_bool_var(f"cur[{d},{place}]")
            m.add(cur == (0 if end is None else end)).only_enforce_if(has)
            m.add(cur == (0 if before is None else before)).only_enforce_if(~has)
            current[place] = cur
        previous = current
    for place in inst.locations:
        days = [b.out.used[d][place] for d in range(inst.days) if place in b.out.used[d]]
        if len(days) < 2:
            continue
        extra = m.new_int_var(0, len(days) - 1, f"revisits[{place}]")
        going_on = cp_model.LinearExpr.sum(merges.get(place, []))
        m.add(extra == cp_model.LinearExpr.sum(days) - going_on - 1)
        out.append(w.revisit * extra)
    return out


def _splits(b: ModelBuilder) -> list[cp_model.LinearExpr]:
    """A precedence (or locked order) from a strip at A to one at B on the same day is
    broken by a day that starts at B or ends at A: that day must go back to a place, one
    more company move at least, charged here (the return itself is priced after ordering,
    so the bound stays a bound)."""
    inst, m = b.inst, b.m
    if not inst.weights.move:
        return []
    place = {key: inst.strips[key].location for key in inst.keys}
    pairs = [
        (a, c, pa, pc)
        for a, c in (*inst.precedences, *inst.locked_order)
        if (pa := place[a]) is not None and (pc := place[c]) is not None and pa != pc
    ]
    out: list[cp_model.LinearExpr] = []
    for d in b.out.travel:  # the days with two places or more
        here = [p for p in pairs if (p[0], d) in b.out.x and (p[1], d) in b.out.x]
        if not here:
            continue
        back = m.new_bool_var(f"back[{d}]")
        for a, c, pa, pc in here:
            both = [~b.out.x[a, d], ~b.out.x[c, d]]
            m.add_bool_or([*both, ~b.out.first[d][pc], back])
            m.add_bool_or([*both, ~b.out.last[d][pa], back])
        out.append(inst.weights.move * back)
    return out
