# SPDX-License-Identifier: AGPL-3.0-or-later
"""The records of the working-time engine: who works (:class:`Worker`) and each planned day
(:class:`WorkDay`, the *journée de travail* of a call sheet — *feuille de service*).

Times are timezone-aware datetimes, read in Europe/Paris for the calendar (civil weeks,
Sundays, holidays, night windows) and compared in UTC for durations, so a day across a
daylight-saving change lasts what it really lasts. A day may end after midnight: its
``date`` is the local date of its call. Durations of work are integer minutes; every time
is on a whole minute.

Invariants checked by :func:`validate_days`: call before wrap, breaks inside the day and
apart, transport legs inside the day and clear of the breaks, one day per date, days apart
and in order. Bad input raises :class:`~regie.core.errors.ValidationError` naming the day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise

from regie.core.calendar import PARIS
from regie.core.errors import ValidationError
from regie.core.production import Agreement
from regie.core.text import Text, on_day, t


class WorkerKind(StrEnum):
    CAST = "cast"  # artiste-interprète
    CREW = "crew"  # technicien


class Genre(StrEnum):
    """The programme's genre where a rule depends on it (IDCC 2642 night windows)."""

    FICTION = "fiction"
    DOCUMENTARY = "documentary"
    OTHER = "other"


class Contract(StrEnum):
    CDDU = "cddu"  # contrat à durée déterminée d'usage (intermittent)
    CDD = "cdd"
    CDI = "cdi"


class Derogation(StrEnum):
    """Derogations a production declares it holds (it is their paperwork, not regie's)."""

    IDCC2642_54H = "idcc2642-54h"  # VI.3.2.1: 54 h weeks (administrative derogation)
    IDCC2642_60H = "idcc2642-60h"  # VI.3.2.1: 60 h six-day weeks, 3 consecutive at most
    IDCC2642_7_DAYS = "idcc2642-7-days"  # VI.3.2.2: labour inspection allows > 6 days
    IDCC3097_60H = "idcc3097-60h"  # Titre II art. 24: exceptional 60 h weeks
    IDCC3097_SUNDAY = "idcc3097-sunday"  # Titre II art. 41: exceptional authorisation
    MINOR_NIGHT = "minor-night"  # L. 3163-2 derogation for performance (never 0:00–4:00)


class BreakKind(StrEnum):
    MEAL = "meal"  # repas
    PAUSE = "pause"


@dataclass(frozen=True, slots=True)
class Worker:
    """A cast or crew member as the working-time rules see them.

    ``job`` is a job key of the rule packs (``electricien``, ``scripte``…);
    ``contract_days`` the length of the contract in calendar days (the agreements treat
    contracts shorter than 5 days apart); ``birth_date`` is ``None`` for an adult whose date
    is not recorded.
    """

    id: str
    name: str
    kind: WorkerKind
    agreement: Agreement
    job: str
    contract_days: int
    genre: Genre
    birth_date: dt.date | None = None
    contract: Contract = Contract.CDDU
    derogations: frozenset[Derogation] = field(default_factory=frozenset)

    def age_on(self, day: dt.date) -> int | None:
        """Age in whole years on ``day`` (``None`` when the birth date is unknown)."""
        if self.birth_date is None:
            return None
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def age_in_months_on(self, day: dt.date) -> int | None:
        if self.birth_date is None:
            return None
        born = self.birth_date
        return (day.year - born.year) * 12 + day.month - born.month - (day.day < born.day)


@dataclass(frozen=True, slots=True)
class Break:
    """A meal or a pause: neither is effective work (both count in the amplitude)."""

    start: dt.datetime
    end: dt.datetime
    kind: BreakKind = BreakKind.MEAL

    @property
    def minutes(self) -> int:
        return minutes_between(self.start, self.end)


@dataclass(frozen=True, slots=True)
class WorkDay:
    """One planned work day of one person.

    ``call`` / ``wrap``: start and end of the work day (IDCC 3097: at the meeting point).
    ``transport_out_minutes`` / ``transport_back_minutes``: legs between meeting point and set
    right after the call and right before the wrap (IDCC 3097 counts them as work only
    beyond 2 h a day; IDCC 2642 always counts transport as work).
    ``travel_minutes``: *voyage* on that day outside call→wrap (never effective work).
    ``lodged_on_site``: the employer lodges the worker on site for the night after this day.
    ``distance_km``: workplace from the nearest Porte de Paris (regions: the local office).
    ``away_from_home``: outside the Paris region, not back home at night.
    ``studio``: an approved studio. ``school_holiday``: for a child's daily cap.
    """

    date: dt.date
    call: dt.datetime
    wrap: dt.datetime
    breaks: tuple[Break, ...] = ()
    transport_out_minutes: int = 0
    transport_back_minutes: int = 0
    travel_minutes: int = 0
    shooting: bool = True
    lodged_on_site: bool = False
    distance_km: int | None = None
    away_from_home: bool = False
    studio: bool = False
    school_holiday: bool = False

    @property
    def span_minutes(self) -> int:
        """Call to wrap, in minutes."""
        return minutes_between(self.call, self.wrap)


def to_utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def minutes_between(start: dt.datetime, end: dt.datetime) -> int:
    """Real minutes from ``start`` to ``end`` (in UTC, so a DST change is counted right)."""
    return int((to_utc(end) - to_utc(start)).total_seconds()) // 60


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(PARIS)


def _refuse(message: Text, day: dt.date, hint: Text | None = None) -> ValidationError:
    return ValidationError(
        t("{problem} (work day {date})", problem=message, date=on_day(day)),
        field="days",
        hint=hint if hint is not None else t("Fix the call sheet times of that day"),
    )


def _check_moment(moment: dt.datetime, day: dt.date) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise _refuse(t("a time has no time zone"), day, t("Give times in Europe/Paris"))
    if moment.second or moment.microsecond:
        raise _refuse(t("times must be on whole minutes"), day)


def _validate_day(day: WorkDay) -> None:
    for moment in (day.call, day.wrap):
        _check_moment(moment, day.date)
    if local(day.call).date() != day.date:
        raise _refuse(t("the date of a day is the local date of its call"), day.date)
    if minutes_between(day.call, day.wrap) <= 0:
        raise _refuse(t("the wrap is not after the call"), day.date)
    if min(day.transport_out_minutes, day.transport_back_minutes, day.travel_minutes) < 0:
        raise _refuse(t("a transport or travel duration is negative"), day.date)
    previous_end = to_utc(day.call)
    for pause in sorted(day.breaks, key=lambda b: to_utc(b.start)):
        for moment in (pause.start, pause.end):
            _check_moment(moment, day.date)
        if to_utc(pause.start) < previous_end or to_utc(pause.end) > to_utc(day.wrap):
            raise _refuse(t("breaks must lie inside the day and must not overlap"), day.date)
        if pause.minutes <= 0:
            raise _refuse(t("a break ends before it starts"), day.date)
        previous_end = to_utc(pause.end)
    out_end = to_utc(day.call) + dt.timedelta(minutes=day.transport_out_minutes)
    back_start = to_utc(day.wrap) - dt.timedelta(minutes=day.transport_back_minutes)
    if out_end > back_start or any(
        to_utc(b.start) < out_end or to_utc(b.end) > back_start for b in day.breaks
    ):
        raise _refuse(t("transport legs must not overlap each other or a break"), day.date)


def validate_days(days: Sequence[WorkDay]) -> tuple[WorkDay, ...]:
    """The days sorted by call, after checking every invariant of the module docstring."""
    ordered = tuple(sorted(days, key=lambda d: to_utc(d.call)))
    for day in ordered:
        _validate_day(day)
    for before, after in pairwise(ordered):
        if before.date == after.date:
            raise _refuse(t("two work days on the same date"), after.date)
        if to_utc(after.call) < to_utc(before.wrap):
            raise _refuse(t("this day starts before the previous one ends"), after.date)
    return ordered
