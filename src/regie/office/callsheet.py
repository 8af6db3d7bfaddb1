# SPDX-License-Identifier: AGPL-3.0-or-later
"""The call sheet (feuille de service) of one shoot day, built from the board's day plans.

:func:`build_call_sheet` takes what the schedule already knows — the unit's day
(:class:`~regie.schedule.dayplans.UnitDay`), each engaged person's day plan, the strips of
the day, the locations — plus what a production manager enters for the day
(:class:`CallSheetExtras`: weather, parking, nearest hospital, meals, pick-ups, safety
notes, the harassment-prevention contact) and lays out the sheet: scenes with eighths and
cast, cast calls (pick-up, hair/make-up/costume, on set), crew calls by department,
locations with a map link, sunrise and sunset (:mod:`regie.office.sun`), the meal stop
and its counts. :func:`check_call_sheet` lists what a sheet is missing or contradicts
(a location booked on other dates, no hospital, no harassment contact, a cast member
without a pick-up…), each as a translatable message.

Pure: the clock, the database and the files stay outside; times are aware datetimes
shown in the production's time zone (Europe/Paris).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from regie.core.calendar import PARIS
from regie.core.text import Text, on_day, t
from regie.office.sun import SunTimes, sun_times
from regie.schedule.catalog import LocationRecord
from regie.schedule.dayplans import DayPlan, SegmentKind, UnitDay
from regie.schedule.model import StripSpec
from regie.schedule.people import Engagement, EngagementKind

DEFAULT_PICKUP_LEAD = 30  # minutes between a cast pick-up and their call when none is entered


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Pickup:
    """A transport pick-up entered for a person (engagement id)."""

    engagement: int
    time: dt.time
    place: str = ""


@dataclass(frozen=True, slots=True)
class CallSheetExtras:
    """What the production office enters for the day (none of it comes from the board)."""

    weather: str = ""
    parking: str = ""
    hospital: str = ""  # nearest emergency department: name, address, phone
    safety_notes: str = ""
    harassment_contact: str = ""  # référent harcèlement: name and phone
    meal_counts: Mapping[str, int] = field(default_factory=dict)  # {"végétarien": 4, ...}
    pickups: tuple[Pickup, ...] = ()
    notes: str = ""


@dataclass(frozen=True, slots=True)
class SheetScene:
    label: str
    heading: str
    int_ext: str
    light: str
    eighths: int
    location: str
    cast: tuple[str, ...]  # names of the cast members in the scene
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True, slots=True)
class CastCall:
    engagement: int
    name: str
    characters: tuple[str, ...]
    pickup: dt.datetime | None
    pickup_place: str
    call: dt.datetime  # hair, make-up, costume (HMC)
    on_set: dt.datetime
    wrap: dt.datetime
    minor: bool = False


@dataclass(frozen=True, slots=True)
class CrewCall:
    engagement: int
    department: str
    name: str
    position: str
    call: dt.datetime
    wrap: dt.datetime


@dataclass(frozen=True, slots=True)
class SheetLocation:
    id: int
    name: str
    address: str
    latitude: Decimal | None
    longitude: Decimal | None

    @property
    def map_url(self) -> str | None:
        """An OpenStreetMap link to the place (no key, no tracking)."""
        if self.latitude is None or self.longitude is None:
            return None
        lat, lon = self.latitude, self.longitude
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


@dataclass(frozen=True, slots=True)
class Meal:
    start: dt.datetime
    end: dt.datetime
    total: int  # people called that day
    counts: Mapping[str, int]  # entered special meals


@dataclass(frozen=True, slots=True)
class Finding:
    severity: Severity
    code: str
    message: Text


@dataclass(frozen=True, slots=True)
class CallSheet:
    production: str
    date: dt.date
    day_number: int  # 1-based shoot day
    day_count: int
    night: bool
    unit_call: dt.datetime
    shooting_wrap: dt.datetime
    scenes: tuple[SheetScene, ...]
    cast: tuple[CastCall, ...]
    crew: tuple[CrewCall, ...]
    locations: tuple[SheetLocation, ...]
    sun: SunTimes | None
    meal: Meal | None
    extras: CallSheetExtras
    findings: tuple[Finding, ...] = ()

    @property
    def eighths(self) -> int:
        return sum(s.eighths for s in self.scenes)

    def crew_by_department(self) -> list[tuple[str, tuple[CrewCall, ...]]]:
        grouped: dict[str, list[CrewCall]] = {}
        for call in self.crew:
            grouped.setdefault(call.department, []).append(call)
        return [(d, tuple(calls)) for d, calls in grouped.items()]


def local(moment: dt.datetime) -> dt.datetime:
    """The moment in the production's time zone."""
    return moment.astimezone(PARIS)


def _scenes(
    day: UnitDay,
    strips: Mapping[str, StripSpec],
    cast_names: Mapping[str, str],
    places: Mapping[str, LocationRecord],
) -> tuple[SheetScene, ...]:
    found: dict[str, SheetScene] = {}
    for segment in day.segments:
        if segment.kind is not SegmentKind.SHOOT or segment.strip is None:
            continue
        strip = strips[segment.strip]
        if segment.strip in found:  # a strip cut by the meal: one scene, both halves
            first = found[segment.strip]
            found[segment.strip] = SheetScene(
                first.label, first.heading, first.int_ext, first.light, first.eighths,
                first.location, first.cast, first.start, segment.end,
            )  # fmt: skip
            continue
        place = places.get(strip.location or "")
        found[segment.strip] = SheetScene(
            label=strip.label,
            heading=strip.heading,
            int_ext=strip.int_ext.value if strip.int_ext is not None else "",
            light=strip.light.value,
            eighths=strip.eighths,
            location=place.name if place is not None else "",
            cast=tuple(cast_names[c] for c in strip.cast if c in cast_names),
            start=segment.start,
            end=segment.end,
        )
    return tuple(found.values())


def _meal(day: UnitDay, total: int, extras: CallSheetExtras) -> Meal | None:
    for segment in day.segments:
        if segment.kind is SegmentKind.MEAL:
            return Meal(segment.start, segment.end, total, dict(extras.meal_counts))
    return None


def build_call_sheet(
    *,
    production: str,
    day: UnitDay,
    day_count: int,
    strips: Sequence[StripSpec],
    engagements: Sequence[Engagement],
    plans: Mapping[int, DayPlan],
    locations: Sequence[LocationRecord],
    extras: CallSheetExtras = CallSheetExtras(),
    minors: frozenset[int] = frozenset(),
    pickup_lead: int = DEFAULT_PICKUP_LEAD,
) -> CallSheet:
    """The sheet of board day ``day``; ``plans`` holds each engagement's plan for that day
    (engagements not called that day are absent); ``minors`` the engagement ids of the
    cast members under 18 that day."""
    by_key = {s.key: s for s in strips}
    places = {str(loc.id): loc for loc in locations}
    cast_names = {str(e.id): e.name for e in engagements if e.kind is EngagementKind.CAST}
    scenes = _scenes(day, by_key, cast_names, places)
    pickups = {p.engagement: p for p in extras.pickups}
    cast: list[CastCall] = []
    crew: list[CrewCall] = []
    for engagement in engagements:
        plan = plans.get(engagement.id)
        if plan is None:
            continue
        if engagement.kind is EngagementKind.CAST:
            entered = pickups.get(engagement.id)
            pickup = (
                dt.datetime.combine(day.date, entered.time, PARIS)
                if entered is not None
                else plan.call - dt.timedelta(minutes=pickup_lead)
            )
            on_set = min((s.start for s in scenes if engagement.name in s.cast), default=plan.call)
            minor = engagement.id in minors
            cast.append(
                CastCall(
                    engagement.id,
                    engagement.name,
                    engagement.characters,
                    pickup,
                    entered.place if entered is not None else "",
                    plan.call,
                    on_set,
                    plan.wrap,
                    minor,
                )
            )
        else:
            crew.append(
                CrewCall(
                    engagement.id,
                    engagement.department.value,
                    engagement.name,
                    engagement.position,
                    plan.call,
                    plan.wrap,
                )
            )
    cast.sort(key=lambda c: (c.call, c.name))
    crew.sort(key=lambda c: (c.department, c.call, c.name))
    used = list(dict.fromkeys(s.location for s in by_key.values() if s.key in _strip_keys(day)))
    sheet_places = tuple(
        SheetLocation(p.id, p.name, p.address, p.latitude, p.longitude)
        for key in used
        if key is not None and (p := places.get(key)) is not None
    )
    sun = next(
        (
            sun_times(p.latitude, p.longitude, day.date)
            for p in sheet_places
            if p.latitude is not None and p.longitude is not None
        ),
        None,
    )
    shooting_wrap = max((s.end for s in day.segments), default=day.call)
    sheet = CallSheet(
        production=production,
        date=day.date,
        day_number=day.index + 1,
        day_count=day_count,
        night=day.kind.value == "night",
        unit_call=day.call,
        shooting_wrap=shooting_wrap,
        scenes=scenes,
        cast=tuple(cast),
        crew=tuple(crew),
        locations=sheet_places,
        sun=sun,
        meal=_meal(day, len(cast) + len(crew), extras),
        extras=extras,
    )
    return _with_findings(sheet, locations)


def _strip_keys(day: UnitDay) -> set[str]:
    return {s.strip for s in day.segments if s.strip is not None}


def _with_findings(sheet: CallSheet, locations: Sequence[LocationRecord]) -> CallSheet:
    return dataclasses.replace(sheet, findings=tuple(check_call_sheet(sheet, locations)))


def check_call_sheet(sheet: CallSheet, locations: Sequence[LocationRecord]) -> list[Finding]:
    """What the sheet lacks or contradicts, errors first."""
    found: list[Finding] = []
    records = {loc.id: loc for loc in locations}
    day = on_day(sheet.date)
    for place in sheet.locations:
        record = records.get(place.id)
        if record is None:
            continue
        if record.booking is not None and sheet.date not in record.booking:
            found.append(
                Finding(
                    Severity.ERROR,
                    "location.booking",
                    t(
                        "location '{name}' is booked from {start} to {end}, not on {day}",
                        name=place.name,
                        start=on_day(record.booking.start),
                        end=on_day(record.booking.end),
                        day=day,
                    ),
                )
            )
        if any(sheet.date in u.dates for u in record.unavailable):
            found.append(
                Finding(
                    Severity.ERROR,
                    "location.unavailable",
                    t("location '{name}' is unavailable on {day}", name=place.name, day=day),
                )
            )
        if sheet.date.weekday() not in record.open_weekdays:
            found.append(
                Finding(
                    Severity.ERROR,
                    "location.closed",
                    t("location '{name}' is closed on {day}", name=place.name, day=day),
                )
            )
        if place.latitude is None or place.longitude is None:
            found.append(
                Finding(
                    Severity.WARNING,
                    "location.coordinates",
                    t(
                        "location '{name}' has no coordinates: no map link, sunrise or sunset",
                        name=place.name,
                    ),
                )
            )
    if not sheet.scenes:
        found.append(Finding(Severity.WARNING, "day.empty", t("no scene is planned on this day")))
    extras = sheet.extras
    if not extras.hospital.strip():
        found.append(
            Finding(Severity.WARNING, "safety.hospital", t("the nearest hospital is not entered"))
        )
    if not extras.harassment_contact.strip():
        found.append(
            Finding(
                Severity.WARNING,
                "safety.harassment",
                t("the harassment-prevention contact is not entered"),
            )
        )
    for call in sheet.cast:
        if call.minor:
            found.append(
                Finding(
                    Severity.WARNING,
                    "cast.minor",
                    t(
                        "{name} is a minor: check the authorisation's hours and the "
                        "chaperone on the sheet",
                        name=call.name,
                    ),
                )
            )
    order = {Severity.ERROR: 0, Severity.WARNING: 1}
    return sorted(found, key=lambda f: order[f.severity])
