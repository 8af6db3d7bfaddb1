# SPDX-License-Identifier: AGPL-3.0-or-later
"""Day plans (the times of a feuille de service) derived from a board.

**The unit's day.** Shooting starts at the unit call (the schedule's day call, or its
night call on a night day) at the first location; strips follow in board order, each for
its estimated minutes, with a company move (the travel time between the two places)
whenever the location changes. The **meal stop** (``meal.minutes`` long) comes at the
last scene break between ``meal.earliest_after_call`` and ``meal.latest_after_call``
after the unit call; when there is none, it interrupts the scene under way at the
latest time (at the earliest time when shooting ends inside the window). A day whose
shooting ends before the earliest time has no meal stop: with the departments called
before the unit and released after it, a longer day without one would break the
agreements' pause after six hours of work. The
end of shooting is when the last strip ends. A day without strips has no plan.

**Crew.** Called ``crew_call.<department>`` minutes before the unit call, released
``wrap.<department>`` minutes after the end of shooting; they move with the unit, so the
day's company moves are theirs. A crew member works the days inside their engagement
dates and outside their unavailability.

**Cast.** Called ``cast.preparation`` minutes (hair, make-up, costume) before their first
scene of the day starts, released ``cast.release`` minutes after their last scene ends;
they have the unit's meal stop when it falls inside that span, and the company moves
between their first and last scene. Cast members work only the days they shoot.

Every figure comes from the ``day-plan`` pack (customary values). Times are aware
datetimes in Europe/Paris, computed in UTC so a night across a daylight-saving change
lasts what it really lasts; a plan's ``date`` is the local date of its call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from regie.core.calendar import PARIS
from regie.core.errors import RuleError
from regie.core.text import t
from regie.rules.pack import RulePack
from regie.schedule.model import Board, DateRange, DayKind, ShootDay, ShootingProblem
from regie.schedule.worktime.model import Break, BreakKind, WorkDay


def minutes_between(start: dt.datetime, end: dt.datetime) -> int:
    """Real minutes between two aware datetimes (in UTC: Python subtracts two times of
    the same zone by their wall clocks)."""
    return int((end.astimezone(dt.UTC) - start.astimezone(dt.UTC)).total_seconds()) // 60


class SegmentKind(StrEnum):
    SHOOT = "shoot"
    TRAVEL = "travel"  # company move (déplacement de l'équipe entre deux décors)
    MEAL = "meal"  # repas


@dataclass(frozen=True, slots=True)
class Segment:
    kind: SegmentKind
    start: dt.datetime
    end: dt.datetime
    strip: str | None = None  # strip key (SHOOT; a strip cut by the meal has two)
    location: str | None = None  # where it happens (TRAVEL: the destination)

    @property
    def minutes(self) -> int:
        return minutes_between(self.start, self.end)


@dataclass(frozen=True, slots=True)
class UnitDay:
    """The unit's shooting day: from the unit call to the end of shooting."""

    index: int  # board day
    date: dt.date
    kind: DayKind
    call: dt.datetime
    segments: tuple[Segment, ...]

    @property
    def end(self) -> dt.datetime:
        return self.segments[-1].end if self.segments else self.call

    @property
    def meal(self) -> Segment | None:
        return next((s for s in self.segments if s.kind is SegmentKind.MEAL), None)


@dataclass(frozen=True, slots=True)
class DayPlan:
    """One person's day: call, wrap, meal stop, company moves, what they shoot."""

    person: str  # cast key or crew key
    board_day: int
    date: dt.date  # local date of the call
    call: dt.datetime
    wrap: dt.datetime
    meal: tuple[dt.datetime, dt.datetime] | None
    travel_minutes: int  # company moves inside the day
    strips: tuple[str, ...]
    locations: tuple[str, ...]
    night: bool

    @property
    def span_minutes(self) -> int:
        return minutes_between(self.call, self.wrap)


@dataclass(frozen=True, slots=True)
class CrewMember:
    key: str
    name: str
    department: str  # a key of the pack's crew_call and wrap tables
    available: DateRange | None = None  # engagement dates
    unavailable: tuple[DateRange, ...] = ()

    def works_on(self, day: dt.date) -> bool:
        if self.available is not None and day not in self.available:
            return False
        return not any(day in window for window in self.unavailable)


@dataclass(frozen=True, slots=True)
class DayPlanRules:
    """The ``day-plan`` pack read into minutes (see the module docstring)."""

    crew_call: Mapping[str, int]
    wrap: Mapping[str, int]
    cast_preparation: int
    cast_release: int
    meal_earliest: int
    meal_latest: int
    meal_minutes: int
    day_call: dt.time
    night_call: dt.time
    pack: str  # "day-plan@2026.1"

    def crew_offsets(self, department: str) -> tuple[int, int]:
        """(minutes before the unit call, minutes after the end of shooting)."""
        return (
            self.crew_call.get(department, self.crew_call.get("other", 0)),
            self.wrap.get(department, self.wrap.get("other", 0)),
        )


def _minutes(pack: RulePack, key: str, raw: object) -> int:
    try:
        value = int(str(raw))
    except ValueError:
        raise RuleError(
            t("value {raw} of '{key}' is not a whole number of minutes", raw=raw, key=key),
            where=pack.path,
            hint=t("Fix the rule pack file"),
        ) from None
    if value < 0:
        raise RuleError(t("value {raw} of '{key}' is negative", raw=raw, key=key), where=pack.path)
    return value


def _table(pack: RulePack, key: str, on: dt.date | None) -> dict[str, int]:
    raw = pack.value(key, on).value
    if not isinstance(raw, Mapping):
        raise RuleError(t("'{key}' must be a table of departments", key=key), where=pack.path)
    return {str(k): _minutes(pack, f"{key}.{k}", v) for k, v in raw.items()}


def _time(pack: RulePack, key: str, on: dt.date | None) -> dt.time:
    raw = pack.value(key, on).value
    try:
        return dt.time.fromisoformat(str(raw))
    except ValueError:
        raise RuleError(
            t("value {raw} of '{key}' is not a time of day (HH:MM)", raw=raw, key=key),
            where=pack.path,
        ) from None


def day_plan_rules(pack: RulePack, on: dt.date | None = None) -> DayPlanRules:
    """The values of a ``day-plan`` pack valid on ``on``."""

    def minutes(key: str) -> int:
        return _minutes(pack, key, pack.value(key, on).value)

    return DayPlanRules(
        crew_call=_table(pack, "crew_call", on),
        wrap=_table(pack, "wrap", on),
        cast_preparation=minutes("cast.preparation"),
        cast_release=minutes("cast.release"),
        meal_earliest=minutes("meal.earliest_after_call"),
        meal_latest=minutes("meal.latest_after_call"),
        meal_minutes=minutes("meal.minutes"),
        day_call=_time(pack, "unit.day_call", on),
        night_call=_time(pack, "unit.night_call", on),
        pack=pack.ref,
    )


def _utc(day: dt.date, moment: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, moment, PARIS).astimezone(dt.UTC)


def _paris(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(PARIS)


def _plan_segments(
    problem: ShootingProblem, strips: Sequence[str]
) -> list[tuple[SegmentKind, int, str | None, str | None]]:
    """``(kind, minutes, strip, location)`` of the day's shooting and moves, in order."""
    specs = {s.key: s for s in problem.strips}
    planned: list[tuple[SegmentKind, int, str | None, str | None]] = []
    here: str | None = None
    for key in strips:
        strip = specs[key]
        if strip.location is not None:
            if here is not None and strip.location != here:
                move = problem.travel(here, strip.location)
                if move:
                    planned.append((SegmentKind.TRAVEL, move, None, strip.location))
            here = strip.location
        planned.append((SegmentKind.SHOOT, strip.minutes, key, strip.location or here))
    return planned


def _meal_minute(
    planned: Sequence[tuple[SegmentKind, int, str | None, str | None]],
    total: int,
    rules: DayPlanRules,
) -> int | None:
    """Minutes after the unit call at which the meal stop starts, ``None`` for none: the
    last scene break inside the meal window (before the end of shooting), otherwise the
    scene under way is cut at the window's latest time, or at its earliest when shooting
    ends inside the window."""
    if rules.meal_minutes <= 0 or total <= rules.meal_earliest:
        return None
    breaks, elapsed = [], 0
    for _what, minutes, _key, _place in planned[:-1]:
        elapsed += minutes
        breaks.append(elapsed)
    inside = [b for b in breaks if rules.meal_earliest <= b <= rules.meal_latest and b < total]
    if inside:
        return inside[-1]
    return rules.meal_latest if total > rules.meal_latest else rules.meal_earliest


def unit_day(
    problem: ShootingProblem,
    day: ShootDay,
    rules: DayPlanRules,
    *,
    day_call: dt.time,
    night_call: dt.time,
) -> UnitDay:
    """The unit's timeline of one board day (see the module docstring)."""
    start = _utc(day.date, night_call if day.kind is DayKind.NIGHT else day_call)
    planned = _plan_segments(problem, day.strips)
    total = sum(minutes for _k, minutes, _s, _l in planned)
    meal_at = _meal_minute(planned, total, rules)
    meal = dt.timedelta(minutes=rules.meal_minutes)
    segments: list[Segment] = []

    def add(
        what: SegmentKind, begin: dt.datetime, end: dt.datetime, key: str | None, place: str | None
    ) -> None:
        segments.append(Segment(what, _paris(begin), _paris(end), key, place))

    cursor, elapsed = start, 0  # elapsed: minutes of shooting and moves so far
    for what, length, key, place in planned:
        minutes = length
        if meal_at is not None and elapsed <= meal_at < elapsed + minutes:
            before = meal_at - elapsed  # 0: the meal falls on the break before this one
            if before:
                add(what, cursor, cursor + dt.timedelta(minutes=before), key, place)
            cursor += dt.timedelta(minutes=before)
            add(SegmentKind.MEAL, cursor, cursor + meal, None, None)
            cursor += meal
            minutes, elapsed, meal_at = minutes - before, elapsed + before, None
        add(what, cursor, cursor + dt.timedelta(minutes=minutes), key, place)
        cursor += dt.timedelta(minutes=minutes)
        elapsed += minutes
    return UnitDay(day.index, day.date, day.kind, _paris(start), tuple(segments))


def unit_days(
    problem: ShootingProblem,
    board: Board,
    rules: DayPlanRules,
    *,
    day_call: dt.time | None = None,
    night_call: dt.time | None = None,
) -> tuple[UnitDay, ...]:
    """The unit's timeline of every board day that has strips; the calls default to the
    pack's (a schedule version keeps its own)."""
    day_at, night_at = day_call or rules.day_call, night_call or rules.night_call
    return tuple(
        unit_day(problem, day, rules, day_call=day_at, night_call=night_at)
        for day in board.days
        if day.strips
    )


def _shift(moment: dt.datetime, minutes: int) -> dt.datetime:
    return _paris(moment.astimezone(dt.UTC) + dt.timedelta(minutes=minutes))


def _plan(
    person: str, day: UnitDay, call: dt.datetime, wrap: dt.datetime, inside: Sequence[Segment]
) -> DayPlan:
    meal = next((s for s in inside if s.kind is SegmentKind.MEAL), None)
    return DayPlan(
        person=person,
        board_day=day.index,
        date=call.date(),
        call=call,
        wrap=wrap,
        meal=None if meal is None else (meal.start, meal.end),
        travel_minutes=sum(s.minutes for s in inside if s.kind is SegmentKind.TRAVEL),
        strips=tuple(dict.fromkeys(s.strip for s in inside if s.strip is not None)),
        locations=tuple(dict.fromkeys(s.location for s in inside if s.location is not None)),
        night=day.kind is DayKind.NIGHT,
    )


def crew_plans(
    days: Sequence[UnitDay], member: CrewMember, rules: DayPlanRules
) -> tuple[DayPlan, ...]:
    """A crew member's days: every shooting day they are engaged and available."""
    before, after = rules.crew_offsets(member.department)
    return tuple(
        _plan(member.key, day, _shift(day.call, -before), _shift(day.end, after), day.segments)
        for day in days
        if member.works_on(day.date)
    )


def cast_plans(
    days: Sequence[UnitDay], cast: str, problem: ShootingProblem, rules: DayPlanRules
) -> tuple[DayPlan, ...]:
    """A cast member's days: those on which they shoot a scene."""
    plays = {s.key for s in problem.strips if cast in s.cast}
    plans: list[DayPlan] = []
    for day in days:
        shots = [i for i, s in enumerate(day.segments) if s.strip in plays]
        if not shots:
            continue
        inside = day.segments[shots[0] : shots[-1] + 1]
        call = _shift(inside[0].start, -rules.cast_preparation)
        wrap = _shift(inside[-1].end, rules.cast_release)
        plans.append(_plan(cast, day, call, wrap, inside))
    return tuple(plans)


def day_plans(
    problem: ShootingProblem,
    board: Board,
    crew: Sequence[CrewMember],
    rules: DayPlanRules,
    *,
    day_call: dt.time | None = None,
    night_call: dt.time | None = None,
) -> dict[str, tuple[DayPlan, ...]]:
    """Every cast member's (by cast key) and crew member's (by crew key) day plans."""
    days = unit_days(problem, board, rules, day_call=day_call, night_call=night_call)
    plans = {c.key: cast_plans(days, c.key, problem, rules) for c in problem.cast}
    plans.update({m.key: crew_plans(days, m, rules) for m in crew})
    return plans


def work_day(plan: DayPlan) -> WorkDay:
    """The plan as the working-time engine reads it: company moves stay inside the day
    (the unit travels during working hours), the meal stop is a break."""
    meal = () if plan.meal is None else (Break(plan.meal[0], plan.meal[1], BreakKind.MEAL),)
    return WorkDay(date=plan.date, call=plan.call, wrap=plan.wrap, breaks=meal)
