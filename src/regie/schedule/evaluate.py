# SPDX-License-Identifier: AGPL-3.0-or-later
"""Check a board against the hard constraints and price it.

Every violation names its kind, the strips and the day concerned and says what is wrong
(shown on the stripboard strips). The cost splits into the planner's terms: holding days
of the cast (paid from their first to their last working day), company moves within a
day, returns to a location already left, day/night switches and overtime.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from regie.core.text import Text, on_day, t
from regie.schedule.model import Board, DayKind, ShootingProblem


class ViolationKind(StrEnum):
    NOT_SCHEDULED = "not_scheduled"
    TWICE = "twice"
    UNKNOWN_STRIP = "unknown_strip"
    FIXED_DATE = "fixed_date"
    CAST_UNAVAILABLE = "cast_unavailable"
    LOCATION_CLOSED = "location_closed"
    NIGHT_ON_DAY = "night_on_day"
    DAY_ON_NIGHT = "day_on_night"
    MINOR_AT_NIGHT = "minor_at_night"
    MINOR_HOURS = "minor_hours"
    PRECEDENCE = "precedence"
    SAME_DAY = "same_day"
    DAY_TOO_LONG = "day_too_long"
    WRONG_DATE = "wrong_date"


@dataclass(frozen=True, slots=True)
class BoardViolation:
    kind: ViolationKind
    strips: tuple[str, ...]
    day: int | None  # board day index
    message: Text


@dataclass(frozen=True, slots=True)
class CastHold:
    cast: str
    first_day: int
    last_day: int
    work_days: int
    hold_days: int
    cost: Decimal


@dataclass(frozen=True, slots=True)
class CostBreakdown:
    holds: tuple[CastHold, ...]
    holding: Decimal
    company_moves: int
    company_moves_cost: Decimal
    revisits: int
    revisits_cost: Decimal
    switches: int
    switches_cost: Decimal
    overtime_minutes: int
    overtime_cost: Decimal
    day_minutes: tuple[int, ...]  # shooting + travel per day

    @property
    def total(self) -> Decimal:
        return (
            self.holding
            + self.company_moves_cost
            + self.revisits_cost
            + self.switches_cost
            + self.overtime_cost
        )


@dataclass(frozen=True, slots=True)
class Evaluation:
    cost: CostBreakdown
    violations: tuple[BoardViolation, ...]

    @property
    def feasible(self) -> bool:
        return not self.violations

    def for_strip(self, key: str) -> tuple[BoardViolation, ...]:
        return tuple(v for v in self.violations if key in v.strips)


def _v(
    kind: ViolationKind, strips: tuple[str, ...], day: int | None, message: Text
) -> BoardViolation:
    return BoardViolation(kind, strips, day, message)


def _structure(problem: ShootingProblem, board: Board) -> list[BoardViolation]:
    out: list[BoardViolation] = []
    known = {s.key for s in problem.strips}
    seen: dict[str, int] = {}
    for day in board.days:
        if day.index >= len(problem.dates) or problem.dates[day.index] != day.date:
            out.append(
                _v(
                    ViolationKind.WRONG_DATE,
                    day.strips,
                    day.index,
                    t("day {day} is not the calendar's shoot day of that rank", day=day.index + 1),
                )
            )
        for key in day.strips:
            if key not in known:
                out.append(
                    _v(
                        ViolationKind.UNKNOWN_STRIP,
                        (key,),
                        day.index,
                        t("strip {strip} is not a scene of this script", strip=key),
                    )
                )
            elif key in seen:
                out.append(
                    _v(
                        ViolationKind.TWICE,
                        (key,),
                        day.index,
                        t("scene {scene} is on the board twice", scene=key),
                    )
                )
            seen.setdefault(key, day.index)
    for strip in problem.strips:
        if strip.key not in seen:
            out.append(
                _v(
                    ViolationKind.NOT_SCHEDULED,
                    (strip.key,),
                    None,
                    t("scene {scene} is not on any shoot day", scene=strip.label),
                )
            )
    return out


def _day_rules(problem: ShootingProblem, board: Board) -> list[BoardViolation]:
    out: list[BoardViolation] = []
    cast = {c.key: c for c in problem.cast}
    places = {p.key: p for p in problem.locations}
    strips = {s.key: s for s in problem.strips}
    for day in board.days:
        minor_minutes: dict[str, int] = {}
        for key in day.strips:
            strip = strips.get(key)
            if strip is None:
                continue
            if strip.fixed_date is not None and strip.fixed_date != day.date:
                out.append(
                    _v(
                        ViolationKind.FIXED_DATE,
                        (key,),
                        day.index,
                        t(
                            "scene {scene} is fixed on {date}",
                            scene=strip.label,
                            date=on_day(strip.fixed_date),
                        ),
                    )
                )
            for member in strip.cast:
                spec = cast.get(member)
                if spec is None:
                    continue
                if not spec.free_on(day.date):
                    out.append(
                        _v(
                            ViolationKind.CAST_UNAVAILABLE,
                            (key,),
                            day.index,
                            t(
                                "{name} is not available on {date}",
                                name=spec.name,
                                date=on_day(day.date),
                            ),
                        )
                    )
                age = spec.age_on(day.date)
                if age is not None and age < 18:
                    minor_minutes[member] = minor_minutes.get(member, 0) + strip.minutes
                    if day.kind is DayKind.NIGHT:
                        out.append(
                            _v(
                                ViolationKind.MINOR_AT_NIGHT,
                                (key,),
                                day.index,
                                t(
                                    "{name} is {age} and may not work a night day",
                                    name=spec.name,
                                    age=age,
                                ),
                            )
                        )
            if strip.location is not None:
                place = places.get(strip.location)
                if place is not None and not place.open_on(day.date):
                    out.append(
                        _v(
                            ViolationKind.LOCATION_CLOSED,
                            (key,),
                            day.index,
                            t(
                                "{place} is not available on {date}",
                                place=place.name,
                                date=on_day(day.date),
                            ),
                        )
                    )
            if strip.needs_night and day.kind is not DayKind.NIGHT:
                out.append(
                    _v(
                        ViolationKind.NIGHT_ON_DAY,
                        (key,),
                        day.index,
                        t("scene {scene} needs a night day", scene=strip.label),
                    )
                )
            if strip.needs_day and day.kind is DayKind.NIGHT:
                out.append(
                    _v(
                        ViolationKind.DAY_ON_NIGHT,
                        (key,),
                        day.index,
                        t(
                            "scene {scene} needs daylight but day {day} is a night day",
                            scene=strip.label,
                            day=day.index + 1,
                        ),
                    )
                )
        for member, minutes in minor_minutes.items():
            cap = problem.minor_max_minutes.get(member)
            if cap is not None and minutes > cap:
                scenes = tuple(k for k in day.strips if member in strips[k].cast)
                out.append(
                    _v(
                        ViolationKind.MINOR_HOURS,
                        scenes,
                        day.index,
                        t(
                            "{name} would work {minutes} min on day {day}, "
                            "over the {cap} min allowed",
                            name=cast[member].name,
                            minutes=minutes,
                            day=day.index + 1,
                            cap=cap,
                        ),
                    )
                )
    return out


def _order_rules(problem: ShootingProblem, board: Board) -> list[BoardViolation]:
    out: list[BoardViolation] = []
    position = {key: (day.index, i) for day in board.days for i, key in enumerate(day.strips)}
    label = {s.key: s.label for s in problem.strips}
    for before, after in problem.precedences:
        if before in position and after in position and position[before] > position[after]:
            out.append(
                _v(
                    ViolationKind.PRECEDENCE,
                    (before, after),
                    position[after][0],
                    t(
                        "scene {before} must be shot before scene {after}",
                        before=label.get(before, before),
                        after=label.get(after, after),
                    ),
                )
            )
    for group in problem.same_day:
        days = {position[k][0] for k in group if k in position}
        if len(days) > 1:
            out.append(
                _v(
                    ViolationKind.SAME_DAY,
                    tuple(group),
                    None,
                    t(
                        "scenes {scenes} must be shot the same day",
                        scenes=", ".join(label.get(k, k) for k in group),
                    ),
                )
            )
    return out


def _cost(problem: ShootingProblem, board: Board) -> tuple[CostBreakdown, list[BoardViolation]]:
    w = problem.weights
    strips = {s.key: s for s in problem.strips}
    worked: dict[str, list[int]] = {}
    day_used: list[int] = []
    too_long: list[BoardViolation] = []
    company_moves = 0
    sequence: list[str] = []  # location of every strip, board order
    for day in board.days:
        used, previous = 0, None
        runs = 0
        for key in day.strips:
            strip = strips.get(key)
            if strip is None:
                continue
            used += strip.minutes
            if strip.location is not None:
                if strip.location != previous:
                    used += problem.travel(previous, strip.location)
                    runs += 1
                    sequence.append(strip.location)
                previous = strip.location
            for member in strip.cast:
                days = worked.setdefault(member, [])
                if not days or days[-1] != day.index:
                    days.append(day.index)
        company_moves += max(0, runs - 1)
        day_used.append(used)
        if used > problem.day_minutes + problem.max_overtime_minutes:
            too_long.append(
                BoardViolation(
                    ViolationKind.DAY_TOO_LONG,
                    day.strips,
                    day.index,
                    t(
                        "day {day} needs {minutes} min, more than the {limit} min a day allows "
                        "with overtime",
                        day=day.index + 1,
                        minutes=used,
                        limit=problem.day_minutes + problem.max_overtime_minutes,
                    ),
                )
            )
    revisits = _revisits(sequence)
    holds: list[CastHold] = []
    daily = {c.key: c.daily_cost for c in problem.cast}
    for member, days in sorted(worked.items()):
        first, last = min(days), max(days)
        hold = (last - first + 1) - len(days)
        paid = Decimal(hold) * daily.get(member, Decimal(1)) * w.holding_day
        holds.append(CastHold(member, first, last, len(days), hold, paid))
    kinds = [d.kind for d in board.days]
    switches = sum(1 for a, b in itertools.pairwise(kinds) if a is not b)
    overtime = sum(max(0, used - problem.day_minutes) for used in day_used)
    cost = CostBreakdown(
        holds=tuple(holds),
        holding=sum((h.cost for h in holds), Decimal(0)),
        company_moves=company_moves,
        company_moves_cost=w.company_move * company_moves,
        revisits=revisits,
        revisits_cost=w.location_revisit * revisits,
        switches=switches,
        switches_cost=w.day_night_switch * switches,
        overtime_minutes=overtime,
        overtime_cost=w.overtime_minute * overtime,
        day_minutes=tuple(day_used),
    )
    return cost, too_long


def _revisits(sequence: Sequence[str]) -> int:
    """Returns to a location after leaving it (every visit after the first)."""
    visits: dict[str, int] = {}
    previous = None
    for place in sequence:
        if place != previous:
            visits[place] = visits.get(place, 0) + 1
        previous = place
    return sum(n - 1 for n in visits.values())


def evaluate(problem: ShootingProblem, board: Board) -> Evaluation:
    cost, too_long = _cost(problem, board)
    violations = (
        _structure(problem, board)
        + _day_rules(problem, board)
        + _order_rules(problem, board)
        + too_long
    )
    return Evaluation(cost, tuple(violations))
