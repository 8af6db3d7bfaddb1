# SPDX-License-Identifier: AGPL-3.0-or-later
"""Stored schedule records as the services hand them out: locations, schedule versions,
scene plans and boards, each editable one with its ``version`` (optimistic concurrency).

The pure computations work on :mod:`regie.schedule.model` values; :meth:`BoardRecord.board`
gives a board in that form (strip keys are scene ids as text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from regie.schedule.evaluate import Evaluation
from regie.schedule.model import Board, Calendar, DateRange, DayKind, ShootDay, Weights
from regie.schedule.people import Unavailability

ALL_WEEKDAYS = frozenset(range(7))


@dataclass(frozen=True, slots=True)
class LocationRecord:
    """A real place (décor naturel, studio) where sets are shot."""

    id: int
    name: str
    address: str = ""
    latitude: Decimal | None = None  # degrees, WGS 84
    longitude: Decimal | None = None
    open_weekdays: frozenset[int] = ALL_WEEKDAYS  # 0 = Monday … 6 = Sunday
    booking: DateRange | None = None  # when the place is booked; None: not limited
    notes: str = ""
    sets: tuple[str, ...] = ()  # names of the sets shot here
    unavailable: tuple[Unavailability, ...] = ()
    version: int = 1


@dataclass(frozen=True, slots=True)
class LocationFields:
    """What a user enters about a location (validated by ``regie.services.locations``)."""

    name: str
    address: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    open_weekdays: frozenset[int] = ALL_WEEKDAYS
    booking_start: dt.date | None = None
    booking_end: dt.date | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class TravelTime:
    """Minutes to move the unit between two locations (either way)."""

    location_a: int
    location_b: int
    minutes: int
    version: int = 1


@dataclass(frozen=True, slots=True)
class ScheduleSettings:
    """The editable settings of a schedule version: calendar, pace, day length, weights."""

    name: str
    start: dt.date  # first possible shoot day
    day_count: int  # shoot days of a new board
    pages_per_day: Decimal  # pace: script pages shot in a standard day
    days_per_week: int = 5  # 5 (Monday–Friday) or 6 (Monday–Saturday)
    work_on_holidays: bool = False
    day_minutes: int = 600  # standard shooting time of a day
    max_overtime_minutes: int = 120
    default_travel_minutes: int = 45  # between two locations with no entered time
    weights: Weights = field(default_factory=Weights)
    unit_call: dt.time = dt.time(8, 0)  # call of the unit on a day day
    night_call: dt.time = dt.time(18, 0)  # call of the unit on a night day


@dataclass(frozen=True, slots=True)
class ScheduleRecord:
    """A schedule version (plan de travail), built from one script version."""

    id: int
    number: int  # 1, 2, 3... per production
    script_number: int  # the script version its strips come from
    settings: ScheduleSettings
    days_off: frozenset[dt.date] = frozenset()
    created_at: dt.datetime | None = None
    version: int = 1

    @property
    def name(self) -> str:
        return self.settings.name

    @property
    def calendar(self) -> Calendar:
        return Calendar(
            start=self.settings.start,
            days_per_week=self.settings.days_per_week,
            days_off=self.days_off,
            work_on_holidays=self.settings.work_on_holidays,
        )


@dataclass(frozen=True, slots=True)
class ScenePlan:
    """What the planner set on one scene of a schedule (None: the default applies)."""

    scene_id: int
    label: str
    minutes: int | None = None  # overrides the time estimated from the eighths
    needs_night: bool | None = None
    needs_day: bool | None = None
    fixed_date: dt.date | None = None
    version: int = 1


@dataclass(frozen=True, slots=True)
class BoardStrip:
    scene_id: int
    label: str
    locked: bool = False

    @property
    def key(self) -> str:
        return str(self.scene_id)


@dataclass(frozen=True, slots=True)
class BoardDay:
    index: int  # 0-based
    date: dt.date
    kind: DayKind
    strips: tuple[BoardStrip, ...] = ()


@dataclass(frozen=True, slots=True)
class BoardRecord:
    """A scenario of a schedule version: strips on dated days, and those not placed yet."""

    id: int
    schedule_id: int
    schedule_number: int
    name: str
    primary: bool
    days: tuple[BoardDay, ...]
    unscheduled: tuple[BoardStrip, ...] = ()
    updated_at: dt.datetime | None = None
    version: int = 1

    def board(self) -> Board:
        """The board in the planner's model (unscheduled strips are left out)."""
        return Board(
            days=tuple(
                ShootDay(d.index, d.date, d.kind, tuple(s.key for s in d.strips)) for d in self.days
            ),
            locked=frozenset(s.key for d in self.days for s in d.strips if s.locked),
        )

    def strips(self) -> tuple[BoardStrip, ...]:
        return (*(s for d in self.days for s in d.strips), *self.unscheduled)


@dataclass(frozen=True, slots=True)
class KeyMap:
    """How the planner's keys (``regie.schedule.model``) map back to stored records."""

    scenes: Mapping[str, int]  # strip key → scene id
    cast: Mapping[str, int]  # cast key → engagement id
    locations: Mapping[str, int]  # location key → location id
    uncast: Mapping[str, tuple[str, ...]]  # strip key → its characters nobody plays yet
    unlocated: tuple[str, ...] = ()  # strip keys whose set has no location yet


@dataclass(frozen=True, slots=True)
class BoardComparison:
    """One board of a schedule version beside the others: its cost and its violations."""

    board: BoardRecord
    evaluation: Evaluation

    @property
    def total(self) -> Decimal:
        return self.evaluation.cost.total
