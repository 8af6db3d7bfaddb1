# SPDX-License-Identifier: AGPL-3.0-or-later
"""A small planned production shared by the board, day-plan and job tests: the sample
script with BOB merged into CYBER BOB, two cast members, a gaffer, two locations twenty
minutes apart, and schedule version 1 of two days from Monday 1 March 2027 with scene
times set by hand (scene 1: 300 min, scene 2: 400 min, scene 3: 45 min from its length).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from regie.schedule.catalog import LocationFields
from regie.schedule.people import (
    Department,
    Engagement,
    EngagementFields,
    EngagementKind,
    PersonFields,
)
from regie.services import breakdown, locations, people, schedules
from regie.services.database import Database
from tests.services.conftest import Office

MONDAY = dt.date(2027, 3, 1)


@dataclass(frozen=True)
class World:
    office: Office
    helene: Engagement
    marc: Engagement
    gaffer: Engagement
    house: int  # location ids
    port: int

    @property
    def slug(self) -> str:
        return self.office.slug


def cast(
    name: str, character: str, cost: str, born: dt.date | None = None
) -> tuple[PersonFields, EngagementFields]:
    return (
        PersonFields(name, born),
        EngagementFields(
            kind=EngagementKind.CAST,
            position=f"Rôle : {character.title()}",
            department=Department.CAST,
            daily_cost=Decimal(cost),
            characters=(character,),
        ),
    )


def plan_world(database: Database, office: Office) -> World:
    """The world of the module docstring (``office`` has the sample script imported)."""
    slug = office.slug
    breakdown.merge_characters(database, slug, "BOB", "CYBER BOB", actor=None)
    helene = people.engage(database, slug, *cast("Hélène Marchal", "HÉLÈNE", "900"), actor=None)
    marc = people.engage(database, slug, *cast("Marc Lenoir", "BOB", "1200"), actor=None)
    gaffer = people.engage(
        database,
        slug,
        PersonFields("Paul Ortiz"),
        EngagementFields(
            kind=EngagementKind.CREW,
            position="Chef électricien",
            department=Department.ELECTRIC,
            job_key="chef_electricien",
            daily_cost=Decimal("350"),
        ),
        actor=None,
    )
    house = locations.add_location(database, slug, LocationFields(name="Maison"), actor=None)
    port = locations.add_location(database, slug, LocationFields(name="Port"), actor=None)
    locations.map_set(database, slug, "CUISINE", house.id, actor=None)
    locations.map_set(database, slug, "QUAI", port.id, actor=None)
    locations.map_set(database, slug, "BUREAU DU PORT", port.id, actor=None)
    locations.set_travel_time(database, slug, house.id, port.id, 20, actor=None)
    schedules.create_schedule(database, slug, actor=None, start=MONDAY, day_count=2)
    schedules.set_scene_plan(database, slug, 1, "1", actor=None, minutes=300)
    schedules.set_scene_plan(database, slug, 1, "2", actor=None, minutes=400)
    return World(office, helene, marc, gaffer, house.id, port.id)


def test_the_world_is_planned(database: Database, imported: Office) -> None:
    world = plan_world(database, imported)
    assert [e.name for e in people.list_engagements(database, world.slug, actor=None)] == [
        "Hélène Marchal",
        "Marc Lenoir",
        "Paul Ortiz",
    ]
