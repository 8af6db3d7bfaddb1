# SPDX-License-Identifier: AGPL-3.0-or-later
"""The planner's problem (:class:`~regie.schedule.model.ShootingProblem`) built from what
is stored for a schedule version.

* **Strips**: the scenes of the script version the schedule was built from, in reading
  order. Minutes from the eighths at the schedule's pace
  (:func:`regie.schedule.timing.strip_minutes`) unless the scene's plan overrides them.
  By default a scene **needs a night day** when it is an exterior (EXT or INT/EXT) at
  night, and **needs daylight** when it is an EXT by day; interiors can be lit either way,
  dawn and dusk are left to the planner. A scene plan overrides both, and fixes a date.
* **Cast per scene**: the cast tags that count on its breakdown sheet (accepted or
  manual), aliases resolved to their main character, then the cast member who plays it.
  Characters nobody plays yet are listed in :attr:`KeyMap.uncast`.
* **Locations**: the set of each scene → the location it is shot at
  (:attr:`KeyMap.unlocated` lists the strips whose set has none), with opening days,
  booking window and unavailability; travel times as entered, the schedule's default
  otherwise.
* **Cast**: daily cost, engagement dates as the availability window, unavailability,
  birth date (minors), and the daily cap of a child performer's authorisation.

Keys are stored ids as text: scene ids for strips, engagement ids for cast, location ids
for locations (:class:`~regie.schedule.catalog.KeyMap` maps them back).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy.orm import Session

from regie.core.production import Production
from regie.office.roles import Permission, User
from regie.schedule.catalog import KeyMap, ScheduleRecord
from regie.schedule.model import CastSpec, DateRange, LocationSpec, ShootingProblem, StripSpec
from regie.schedule.people import Engagement, EngagementKind
from regie.schedule.timing import shoot_dates, strip_minutes
from regie.script.catalog import SceneRecord
from regie.script.elements import Category, element_key
from regie.script.heading import set_key
from regie.script.model import IntExt, Light
from regie.services.access import production_for
from regie.services.database import Database
from regie.services.people import may_see_private
from regie.storage.repos import breakdown, catalog, locations, people, scenes, schedules, scripts


def default_needs(scene: SceneRecord) -> tuple[bool, bool]:
    """``(needs_night, needs_day)`` of a scene with no plan (see the module docstring)."""
    exterior = scene.int_ext in (IntExt.EXT, IntExt.INT_EXT)
    return (
        exterior and scene.light is Light.NIGHT,
        scene.int_ext is IntExt.EXT and scene.light is Light.DAY,
    )


def _cast_spec(engagement: Engagement) -> CastSpec:
    start, end = engagement.start, engagement.end
    window = (
        None
        if start is None and end is None
        else DateRange(start or dt.date.min, end or dt.date.max)
    )
    personal = engagement.person.personal
    return CastSpec(
        key=str(engagement.id),
        name=engagement.name,
        characters=engagement.characters,
        daily_cost=engagement.daily_cost,
        unavailable=tuple(w.dates for w in engagement.unavailable),
        available=window,
        birth_date=personal.birth_date if personal else None,
    )


def problem_in(
    session: Session, production: Production, record: ScheduleRecord, *, days: int | None = None
) -> tuple[ShootingProblem, KeyMap]:
    """The problem of schedule ``record`` with ``days`` shoot dates (default: its count)."""
    settings = record.settings
    script = scripts.version_by_number(session, production.id, record.script_number)
    found = scenes.scenes_of(session, script.id)
    tags = breakdown.tags_of_script(session, script.id)
    aliases = catalog.alias_map(session, production.id)
    played_by = people.cast_by_character(session, production.id)
    set_ids = catalog.set_ids(session, production.id)
    location_of_set = locations.set_location_ids(session, production.id)
    plans = schedules.scene_plans(session, record.id)
    cast = people.list_engagements(session, production.id, private=True, kind=EngagementKind.CAST)
    places = locations.list_locations(session, production.id)
    strips: list[StripSpec] = []
    uncast: dict[str, tuple[str, ...]] = {}
    unlocated: list[str] = []
    for scene in found:
        key = str(scene.id)
        members: list[str] = []
        missing: list[str] = []
        for tag in tags.get(scene.id, ()):
            if tag.category is not Category.CAST or not tag.status.counts:
                continue
            name = aliases.get(element_key(tag.name), tag.name)
            engagement = played_by.get(element_key(name))
            if engagement is None:
                missing.append(name)
            elif str(engagement) not in members:
                members.append(str(engagement))
        if missing:
            uncast[key] = tuple(dict.fromkeys(missing))
        location = location_of_set.get(set_ids.get(set_key(scene.set_name), -1))
        if location is None:
            unlocated.append(key)
        plan = plans.get(scene.id)
        night, day = default_needs(scene)
        if plan is not None:
            night = plan.needs_night if plan.needs_night is not None else night
            day = plan.needs_day if plan.needs_day is not None else day
        strips.append(
            StripSpec(
                key=key,
                label=scene.label,
                heading=scene.heading,
                minutes=strip_minutes(
                    scene.eighths,
                    pages_per_day=settings.pages_per_day,
                    day_minutes=settings.day_minutes,
                    override=plan.minutes if plan else None,
                ),
                eighths=scene.eighths,
                location=None if location is None else str(location),
                cast=tuple(members),
                int_ext=scene.int_ext,
                light=scene.light,
                needs_night=night,
                needs_day=day and not night,
                fixed_date=plan.fixed_date if plan else None,
            )
        )
    by_id = {scene.id: str(scene.id) for scene in found}
    problem = ShootingProblem(
        strips=tuple(strips),
        cast=tuple(_cast_spec(e) for e in cast),
        locations=tuple(
            LocationSpec(
                key=str(place.id),
                name=place.name,
                open_weekdays=place.open_weekdays,
                unavailable=tuple(w.dates for w in place.unavailable),
                available=place.booking,
            )
            for place in places
        ),
        dates=shoot_dates(record.calendar, settings.day_count if days is None else days),
        day_minutes=settings.day_minutes,
        max_overtime_minutes=settings.max_overtime_minutes,
        travel_minutes={
            (str(tt.location_a), str(tt.location_b)): tt.minutes
            for tt in locations.travel_times(session, production.id)
        },
        default_travel_minutes=settings.default_travel_minutes,
        precedences=tuple(
            (by_id[b], by_id[a]) for b, a in schedules.precedences(session, record.id)
        ),
        same_day=tuple(
            tuple(by_id[i] for i in group)
            for group in schedules.same_day_groups(session, record.id)
        ),
        weights=settings.weights,
        minor_max_minutes={
            str(e.id): e.max_daily_minutes for e in cast if e.max_daily_minutes is not None
        },
    )
    keys = KeyMap(
        scenes={str(scene.id): scene.id for scene in found},
        cast={str(e.id): e.id for e in cast},
        locations={str(place.id): place.id for place in places},
        uncast=uncast,
        unlocated=tuple(unlocated),
    )
    return problem, keys


def build_problem(
    db: Database, slug: str, schedule_number: int, *, actor: User | None, days: int | None = None
) -> tuple[ShootingProblem, KeyMap]:
    """The planner's problem for a schedule version (see the module docstring). Birth
    dates are left out for roles that may not see personal data."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        record = schedules.schedule(session, production.id, schedule_number)
        problem, keys = problem_in(session, production, record, days=days)
        if not may_see_private(session, production, actor):
            hidden = tuple(dataclasses.replace(c, birth_date=None) for c in problem.cast)
            problem = dataclasses.replace(problem, cast=hidden)
        return problem, keys
