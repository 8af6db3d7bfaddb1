# SPDX-License-Identifier: AGPL-3.0-or-later
"""The shooting schedule as the planner sees it (plan de travail): strips to place on
dated shoot days, the people and places they need, the constraints, and the board.

Pure records. ``regie.schedule.evaluate`` checks a board against the hard constraints
and prices it; ``regie.schedule.optimize`` builds boards; ``regie.schedule.dood`` derives
the day-out-of-days. Keys are strings (stored ids as text) so the same code serves the
database, a JSON file and tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from regie.script.model import IntExt, Light


class DayKind(StrEnum):
    DAY = "day"  # jour
    NIGHT = "night"  # nuit (tournage de nuit)


@dataclass(frozen=True, slots=True)
class DateRange:
    """Inclusive range of calendar dates."""

    start: dt.date
    end: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def _available(day: dt.date, unavailable: tuple[DateRange, ...], within: DateRange | None) -> bool:
    if within is not None and day not in within:
        return False
    return not any(day in r for r in unavailable)


@dataclass(frozen=True, slots=True)
class LocationSpec:
    """A real place (décor naturel, studio) as the planner needs it."""

    key: str
    name: str
    open_weekdays: frozenset[int] = frozenset(range(7))  # 0 = Monday … 6 = Sunday
    unavailable: tuple[DateRange, ...] = ()
    available: DateRange | None = None  # booking window, when the place is booked

    def open_on(self, day: dt.date) -> bool:
        return day.weekday() in self.open_weekdays and _available(
            day, self.unavailable, self.available
        )


@dataclass(frozen=True, slots=True)
class CastSpec:
    """A cast member: the characters they play, their daily cost (weight of holding days,
    in euros) and when they cannot work."""

    key: str
    name: str
    characters: tuple[str, ...] = ()
    daily_cost: Decimal = Decimal(1)
    unavailable: tuple[DateRange, ...] = ()
    available: DateRange | None = None
    birth_date: dt.date | None = None  # minors: hour caps and night bans apply

    def free_on(self, day: dt.date) -> bool:
        return _available(day, self.unavailable, self.available)

    def age_on(self, day: dt.date) -> int | None:
        if self.birth_date is None:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


@dataclass(frozen=True, slots=True)
class StripSpec:
    """A scene on the board (bande du plan de travail)."""

    key: str
    label: str  # scene number as printed
    heading: str
    minutes: int  # estimated shooting time (see regie.schedule.timing)
    eighths: int = 0
    location: str | None = None  # LocationSpec.key
    cast: tuple[str, ...] = ()  # CastSpec.key
    int_ext: IntExt | None = None
    light: Light = Light.UNKNOWN
    needs_night: bool = False  # must be shot on a night day (real night exterior)
    needs_day: bool = False  # must be shot on a day day (daylight exterior)
    fixed_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Calendar:
    """Which dates are shoot days: from ``start``, ``days_per_week`` working days a week
    (5: Monday–Friday, 6: Monday–Saturday), skipping ``days_off`` and, unless allowed,
    French public holidays."""

    start: dt.date
    days_per_week: int = 5
    days_off: frozenset[dt.date] = frozenset()
    work_on_holidays: bool = False


@dataclass(frozen=True, slots=True)
class Weights:
    """Weights of the planner's cost, in euros. Defaults a production manager would pick;
    all editable per board."""

    holding_day: Decimal = Decimal(1)  # × the cast member's daily cost per day paid idle
    company_move: Decimal = Decimal(1500)  # each extra location in a day
    location_revisit: Decimal = Decimal(800)  # each return to a location left before
    day_night_switch: Decimal = Decimal(1000)  # each change between day and night work
    overtime_minute: Decimal = Decimal(10)  # each minute beyond the standard day


@dataclass(frozen=True, slots=True)
class ShootingProblem:
    strips: tuple[StripSpec, ...]
    cast: tuple[CastSpec, ...]
    locations: tuple[LocationSpec, ...]
    dates: tuple[dt.date, ...]  # the shoot days, in order (from Calendar, see timing)
    day_minutes: int = 600  # standard shooting time of a day (10 h)
    max_overtime_minutes: int = 120
    travel_minutes: Mapping[tuple[str, str], int] = field(default_factory=dict)
    default_travel_minutes: int = 45  # between two locations with no entered time
    precedences: tuple[tuple[str, str], ...] = ()  # (before, after) strip keys
    same_day: tuple[tuple[str, ...], ...] = ()
    weights: Weights = Weights()
    minor_max_minutes: Mapping[str, int] = field(default_factory=dict)  # cast key → cap

    def strip(self, key: str) -> StripSpec:
        for s in self.strips:
            if s.key == key:
                return s
        raise KeyError(key)

    def travel(self, a: str | None, b: str | None) -> int:
        if a is None or b is None or a == b:
            return 0
        return self.travel_minutes.get(
            (a, b), self.travel_minutes.get((b, a), self.default_travel_minutes)
        )


@dataclass(frozen=True, slots=True)
class ShootDay:
    index: int  # 0-based position on the board
    date: dt.date
    kind: DayKind
    strips: tuple[str, ...]  # strip keys in shooting order


@dataclass(frozen=True, slots=True)
class Board:
    """A scenario: every strip on one shoot day, in order; ``locked`` strips stay put when
    the optimiser improves the board."""

    days: tuple[ShootDay, ...]
    locked: frozenset[str] = frozenset()

    def day_of(self) -> dict[str, int]:
        return {key: day.index for day in self.days for key in day.strips}
