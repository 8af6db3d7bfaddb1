# SPDX-License-Identifier: AGPL-3.0-or-later
"""The typed working-time rules (what :mod:`.rules` reads the packs into).

Durations are integer minutes, rates ``Decimal`` premiums over the base hourly rate; every
rule keeps the :class:`~regie.schedule.worktime.results.RuleRef` of the pack value it came
from. ``None`` in :class:`AgreementRules` means the agreement has no such rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from regie.core.production import Agreement
from regie.schedule.worktime.model import Genre, WorkerKind
from regie.schedule.worktime.results import RuleRef


@dataclass(frozen=True, slots=True)
class Limit:
    """A duration (minutes) or a count, with the rule it comes from."""

    amount: int
    ref: RuleRef


@dataclass(frozen=True, slots=True)
class Band:
    """From ``start`` to ``end`` minutes (``None``: no end), premium ``rate``."""

    start: int
    end: int | None
    rate: Decimal

    def label(self, unit: str = "h") -> str:
        low = f"{Decimal(self.start) / 60:g}"
        return f"{low}+ {unit}" if self.end is None else f"{low}-{Decimal(self.end) / 60:g} {unit}"


@dataclass(frozen=True, slots=True)
class Rate:
    rate: Decimal
    ref: RuleRef


@dataclass(frozen=True, slots=True)
class Banded:
    bands: tuple[Band, ...]
    ref: RuleRef
    max_contract_days: int | None = None  # only for contracts shorter than this + 1 day
    base_rate: Decimal | None = None  # on every hour of the day (IDCC 3097 art. 34)


@dataclass(frozen=True, slots=True)
class RestReduction:
    """IDCC 2642 VI.3.1.2: the daily rest reduced to ``minimum`` under conditions."""

    minimum: int
    per_week: int
    max_distance_km: int
    jobs: frozenset[str]
    ref: RuleRef
    jobs_ref: RuleRef


@dataclass(frozen=True, slots=True)
class WeeklyRest:
    minutes: int
    day: int  # the weekly rest day proper (24 h) that must fall in the civil week
    reduced_minutes: int | None  # after a reduced daily rest (IDCC 2642)
    sunday_included: bool  # IDCC 3097: the 48 h include the Sunday
    ref: RuleRef
    six_day_week: Limit | None = None  # IDCC 3097 art. 26, away from home


@dataclass(frozen=True, slots=True)
class WeeklyDerogation:
    minutes: int
    ref: RuleRef
    max_contract_days: int | None = None
    genres: frozenset[Genre] = frozenset()
    jobs: frozenset[str] = frozenset()
    days_per_week: int | None = None
    max_consecutive_weeks: int | None = None


@dataclass(frozen=True, slots=True)
class Season:
    """Night window of the evenings from ``first`` to ``last`` (month, day), wrapping the
    year when ``first`` is after ``last``."""

    first: tuple[int, int]
    last: tuple[int, int]
    start: dt.time
    end: dt.time
    studio_start: dt.time | None = None

    def holds(self, day: dt.date) -> bool:
        md = (day.month, day.day)
        if self.first <= self.last:
            return self.first <= md <= self.last
        return md >= self.first or md <= self.last


@dataclass(frozen=True, slots=True)
class NightRule:
    general: tuple[dt.time, dt.time]
    seasonal_genres: frozenset[Genre]
    seasons: tuple[Season, ...]
    ref: RuleRef
    rate: Decimal
    premium_ref: RuleRef
    listed_rate: Decimal | None = None  # IDCC 2642: construction/electricity/grip
    first_minutes: int | None = None  # IDCC 3097: the first 8 night hours…
    further_rate: Decimal | None = None  # …then this rate


@dataclass(frozen=True, slots=True)
class Overtime:
    threshold: int
    rounding: int
    bands: tuple[Band, ...]  # in overtime minutes
    ref: RuleRef
    cddu_first: Band | None = None
    day_contract_max_days: int | None = None
    cddu_ref: RuleRef | None = None
    listed_from: int | None = None
    listed_rate: Decimal | None = None
    listed_ref: RuleRef | None = None
    legal_floor: tuple[Band, ...] = ()
    legal_floor_ref: RuleRef | None = None


@dataclass(frozen=True, slots=True)
class ContinuousDay:
    start: dt.time
    end: dt.time
    break_minutes: int
    after_minutes: int
    paid_rate: Decimal
    ref: RuleRef


@dataclass(frozen=True, slots=True)
class Holidays:
    rates: Mapping[str, Decimal]
    studio_forbidden: bool
    ref: RuleRef


@dataclass(frozen=True, slots=True)
class Cap:
    rate: Decimal
    protected_holidays: frozenset[str]
    ref: RuleRef


@dataclass(frozen=True, slots=True)
class AgreementRules:
    """Every working-time rule of one agreement, valid on one date."""

    agreement: Agreement
    pack: str
    legal_week: Limit
    daily_max: Limit
    daily_normal: Limit | None
    amplitude: Limit | None
    daily_rest: Limit
    rest_reduction: RestReduction | None
    weekly_rest: WeeklyRest
    max_consecutive_days: Limit | None
    weekly_max: Limit
    weekly_average: Limit
    average_weeks: int
    derogation_54h: WeeklyDerogation | None
    derogation_60h: WeeklyDerogation | None
    six_day_weeks: Limit | None  # IDCC 3097: consecutive six-day weeks
    sixth_day: Rate | None
    transport_free: Limit | None
    pause: Limit  # amount = break minutes; pause_after = minutes of work
    pause_after: int
    continuous_day: ContinuousDay | None
    night: NightRule
    overtime: Overtime
    daily_overrun: Banded | None  # IDCC 2642 VI.8.4
    long_day: Banded | None  # IDCC 3097 art. 38
    day_engagement: Banded | None  # IDCC 3097 art. 34
    rest_infringement: Rate
    weekly_rest_premium: bool  # IDCC 3097 art. 35: the weekly rest too
    sunday: Rate
    sunday_studio_forbidden: bool
    sunday_minimum_age: Limit | None
    sundays_per_year: Limit | None
    holidays: Holidays
    cap: Cap | None
    listed_jobs: frozenset[str]
    scope: frozenset[WorkerKind]
    scope_ref: RuleRef
