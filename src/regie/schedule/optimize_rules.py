# SPDX-License-Identifier: AGPL-3.0-or-later
"""The optimiser's view of a shooting problem: the hard constraints as named rules, the
shoot days each strip may take, the travel matrix and the integer weights.

A :class:`Rule` is one constraint *group* the planner can recognise and relax: one cast
member's availability, one place's opening days, one scene's fixed date, one precedence…
The model enforces every rule; when no board exists, the explanation
(:mod:`~regie.schedule.optimize_explain`) names the few rules that conflict.

A strip's **domain** is the set of shoot days (indices into ``problem.dates``) that no rule
excludes on its own; :func:`blockers` says which rules exclude a day, so the pre-check can
say why a domain is empty. Unknown keys (a precedence naming a deleted scene, a cast member
missing from ``problem.cast``) are ignored exactly as :func:`~regie.schedule.evaluate.evaluate`
ignores them.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from regie.core.errors import ValidationError
from regie.core.text import t
from regie.schedule.model import Board, CastSpec, LocationSpec, ShootingProblem, StripSpec


class RuleKind(StrEnum):
    CALENDAR = "calendar"  # there are shoot days at all
    CAST_AVAILABILITY = "cast_availability"  # subject: (cast key,)
    LOCATION_OPENING = "location_opening"  # subject: (location key,)
    FIXED_DATE = "fixed_date"  # subject: (strip,)
    NIGHT_DAY = "night_day"  # subject: (strip,) — needs a night (or a day) day
    MINOR_NIGHT = "minor_night"  # subject: (cast key,) — no night day for a minor
    MINOR_HOURS = "minor_hours"  # subject: (cast key,) — daily cap of a minor
    DAY_LENGTH = "day_length"  # subject: () — standard day + overtime, travel included
    PRECEDENCE = "precedence"  # subject: (before, after)
    SAME_DAY = "same_day"  # subject: the group's strips
    LOCKED = "locked"  # subject: (strip,) — kept on its day of the start board


@dataclass(frozen=True, slots=True, order=True)
class Rule:
    kind: RuleKind
    subject: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Weights:
    """The cost weights as integers: euros × ``scale`` (``scale`` a power of ten)."""

    scale: int
    hold: Mapping[str, int]  # cast key → per holding day
    move: int
    revisit: int
    switch: int
    overtime: int  # per minute


@dataclass(frozen=True, slots=True)
class Instance:
    """A :class:`ShootingProblem` compiled for the model (keys in script order)."""

    problem: ShootingProblem
    keys: tuple[str, ...]
    strips: Mapping[str, StripSpec]
    members: Mapping[str, tuple[str, ...]]  # strip → distinct cast keys, as listed
    cast: Mapping[str, CastSpec]
    places: Mapping[str, LocationSpec]
    locations: tuple[str, ...]  # every location a strip uses, first use first
    locked: Mapping[str, int]  # strip → day index it is locked on (valid locks)
    bad_locks: Mapping[str, dt.date]  # strip → date of a lock that is no shoot day
    locked_order: tuple[tuple[str, str], ...]  # consecutive locked strips of a start day
    precedences: tuple[tuple[str, str], ...]
    same_day: tuple[tuple[str, ...], ...]
    limit: int  # minutes a day may last, overtime included
    weights: Weights

    @property
    def days(self) -> int:
        return len(self.problem.dates)

    def minor(self, member: str, day: int) -> bool:
        spec = self.cast.get(member)
        if spec is None:
            return False
        age = spec.age_on(self.problem.dates[day])
        return age is not None and age < 18

    def capped(self, member: str, day: int) -> int | None:
        """The daily cap of ``member`` on ``day`` when a minor with a cap, else None."""
        cap = self.problem.minor_max_minutes.get(member)
        return cap if cap is not None and self.minor(member, day) else None


def compile_instance(problem: ShootingProblem, start: Board | None = None) -> Instance:
    """Check the weights and compile ``problem`` (with ``start``'s locks, if any)."""
    strips: dict[str, StripSpec] = {}
    for strip in problem.strips:
        strips.setdefault(strip.key, strip)
    keys = tuple(strips)
    locations = tuple(dict.fromkeys(s.location for s in strips.values() if s.location))
    locked, bad, order = _locks(problem, start, strips)
    precedences = tuple(
        dict.fromkeys(
            (a, b) for a, b in problem.precedences if a in strips and b in strips and a != b
        )
    )
    groups = tuple(
        g
        for g in (
            tuple(dict.fromkeys(k for k in group if k in strips)) for group in problem.same_day
        )
        if len(g) > 1
    )
    members = {k: tuple(dict.fromkeys(s.cast)) for k, s in strips.items()}
    cast = {c.key: c for c in problem.cast}
    return Instance(
        problem=problem,
        keys=keys,
        strips=strips,
        members=members,
        cast=cast,
        places={p.key: p for p in problem.locations},
        locations=locations,
        locked=locked,
        bad_locks=bad,
        locked_order=order,
        precedences=precedences,
        same_day=groups,
        limit=problem.day_minutes + problem.max_overtime_minutes,
        weights=integer_weights(problem, {m for ms in members.values() for m in ms}),
    )


def _locks(
    problem: ShootingProblem, start: Board | None, strips: Mapping[str, StripSpec]
) -> tuple[dict[str, int], dict[str, dt.date], tuple[tuple[str, str], ...]]:
    if start is None:
        return {}, {}, ()
    index = {date: i for i, date in enumerate(problem.dates)}
    locked: dict[str, int] = {}
    bad: dict[str, dt.date] = {}
    order: list[tuple[str, str]] = []
    for day in start.days:
        kept = [k for k in dict.fromkeys(day.strips) if k in start.locked and k in strips]
        for key in kept:
            if key in locked or key in bad:
                continue
            if day.date in index:
                locked[key] = index[day.date]
            else:
                bad[key] = day.date
        order.extend(itertools.pairwise(kept))
    return locked, bad, tuple(dict.fromkeys((a, b) for a, b in order if a != b))


def integer_weights(problem: ShootingProblem, members: set[str]) -> Weights:
    """The weights scaled by the smallest power of ten that makes every one whole."""
    w = problem.weights
    daily = {c.key: c.daily_cost for c in problem.cast}
    hold = {m: daily.get(m, Decimal(1)) * w.holding_day for m in sorted(members)}
    named = {
        "holding_day": w.holding_day,
        "company_move": w.company_move,
        "location_revisit": w.location_revisit,
        "day_night_switch": w.day_night_switch,
        "overtime_minute": w.overtime_minute,
    }
    for name, value in [*named.items(), *((f"daily_cost ({m})", v) for m, v in hold.items())]:
        if not value.is_finite() or value < 0:
            raise ValidationError(
                t("a cost weight must be a positive amount or zero, not {value}", value=value),
                field=name,
            )
    values = [*named.values(), *hold.values()]
    digits = max((-int(v.normalize().as_tuple().exponent) for v in values if v), default=0)
    scale = 10 ** max(0, digits)

    def whole(value: Decimal) -> int:
        return int(value * scale)

    return Weights(
        scale=scale,
        hold={m: whole(v) for m, v in hold.items()},
        move=whole(w.company_move),
        revisit=whole(w.location_revisit),
        switch=whole(w.day_night_switch),
        overtime=whole(w.overtime_minute),
    )


def blockers(inst: Instance, key: str, day: int) -> tuple[frozenset[Rule], ...]:
    """The ways rules exclude ``day`` for strip ``key``: each item is a set of rules that
    together forbid it (most are single rules; a night scene with a minor needs two)."""
    strip = inst.strips[key]
    date = inst.problem.dates[day]
    out: list[frozenset[Rule]] = []
    if strip.fixed_date is not None and strip.fixed_date != date:
        out.append(frozenset({Rule(RuleKind.FIXED_DATE, (key,))}))
    if key in inst.bad_locks or (key in inst.locked and inst.locked[key] != day):
        out.append(frozenset({Rule(RuleKind.LOCKED, (key,))}))
    if strip.minutes > inst.limit:
        out.append(frozenset({Rule(RuleKind.DAY_LENGTH)}))
    if strip.needs_night and strip.needs_day:
        out.append(frozenset({Rule(RuleKind.NIGHT_DAY, (key,))}))
    for member in inst.members[key]:
        spec = inst.cast.get(member)
        if spec is not None and not spec.free_on(date):
            out.append(frozenset({Rule(RuleKind.CAST_AVAILABILITY, (member,))}))
        cap = inst.capped(member, day)
        if cap is not None and strip.minutes > cap:
            out.append(frozenset({Rule(RuleKind.MINOR_HOURS, (member,))}))
        if strip.needs_night and inst.minor(member, day):
            out.append(
                frozenset({Rule(RuleKind.NIGHT_DAY, (key,)), Rule(RuleKind.MINOR_NIGHT, (member,))})
            )
    place = inst.places.get(strip.location) if strip.location else None
    if place is not None and not place.open_on(date):
        out.append(frozenset({Rule(RuleKind.LOCATION_OPENING, (place.key,))}))
    return tuple(out)


def domains(inst: Instance) -> dict[str, tuple[int, ...]]:
    """Every strip's possible shoot days (no rule excludes them)."""
    return {
        key: tuple(d for d in range(inst.days) if not blockers(inst, key, d)) for key in inst.keys
    }


def travel_matrix(inst: Instance) -> tuple[dict[tuple[str, str], int], bool]:
    """The shortest travel times between the strips' locations (Floyd–Warshall over the
    entered times), and whether they equal the entered times (the times are metric)."""
    places = inst.locations
    direct = {(a, b): inst.problem.travel(a, b) for a in places for b in places}
    best = dict(direct)
    for via in places:
        for a in places:
            for b in places:
                best[a, b] = min(best[a, b], best[a, via] + best[via, b])
    return best, best == direct
