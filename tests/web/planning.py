# SPDX-License-Identifier: AGPL-3.0-or-later
"""``Marée basse`` planned with the services, as a production manager would: MATT merged
into MATHIS, three cast members (Anne Kerlo plays YVONNE and cannot work on Wednesday
3 March 2027), a gaffer, four locations for five of the six sets (the car has none),
travel times, schedule version 1 from Monday 1 March 2027 (four days at 1.5 pages a day)
and its first board, packed in script order:

    day 1 (day)   scenes 1, 2, 3       day 3 (day)  scene 6 — Anne Kerlo is away
    day 2 (night) scenes 4, 5          day 4 (day)  empty

so the board starts with one violation, which the optimiser removes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from regie.schedule.catalog import BoardRecord, LocationFields
from regie.schedule.people import (
    Department,
    Engagement,
    EngagementFields,
    EngagementKind,
    PersonFields,
)
from regie.services import (
    availability,
    boards,
    breakdown,
    locations,
    people,
    schedules,
)
from regie.services.database import Database

MONDAY = dt.date(2027, 3, 1)
WEDNESDAY = MONDAY + dt.timedelta(days=2)
SETS = {
    "Maison du gardien": ("CUISINE DE LA MAISON DU GARDIEN",),
    "Plage des Grands Sables": ("PLAGE DES GRANDS SABLES",),
    "Phare du Grand Sable": ("PHARE - ESCALIER", "FALAISE DU GRAND PHARE"),
    "Port de pêche": ("PORT DE PÊCHE",),
}


@dataclass(frozen=True)
class Planned:
    slug: str
    yvonne: Engagement
    mathis: Engagement
    docker: Engagement
    gaffer: Engagement
    locations: dict[str, int]
    board: BoardRecord

    def scene_id(self, label: str) -> int:
        return next(s.scene_id for s in self.board.strips() if s.label == label)


def _cast(
    db: Database, slug: str, name: str, character: str, cost: str, *, born: dt.date | None = None
) -> Engagement:
    return people.engage(
        db,
        slug,
        PersonFields(name, born),
        EngagementFields(
            kind=EngagementKind.CAST,
            position=f"Rôle : {character.title()}",
            department=Department.CAST,
            daily_cost=Decimal(cost),
            characters=(character,),
        ),
        actor=None,
    )


def plan(db: Database, slug: str, *, days: int = 4) -> Planned:
    """The planned production of the module docstring (the script must be imported)."""
    breakdown.merge_characters(db, slug, "MATT", "MATHIS", actor=None)
    yvonne = _cast(db, slug, "Anne Kerlo", "YVONNE", "1100", born=dt.date(1961, 4, 2))
    mathis = _cast(db, slug, "Tom Riou", "MATHIS", "700", born=dt.date(2004, 9, 12))
    docker = _cast(db, slug, "Jo Le Du", "LE CHEF DES DOCKERS", "400")
    availability.add_engagement_window(
        db, slug, yvonne.id, WEDNESDAY, WEDNESDAY, reason="Théâtre", actor=None
    )
    gaffer = people.engage(
        db,
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
    ids: dict[str, int] = {}
    for name, sets in SETS.items():
        ids[name] = locations.add_location(db, slug, LocationFields(name=name), actor=None).id
        for set_name in sets:
            locations.map_set(db, slug, set_name, ids[name], actor=None)
    house, beach = ids["Maison du gardien"], ids["Plage des Grands Sables"]
    locations.set_travel_time(db, slug, house, beach, 15, actor=None)
    locations.set_travel_time(db, slug, beach, ids["Phare du Grand Sable"], 20, actor=None)
    schedules.create_schedule(
        db, slug, actor=None, start=MONDAY, day_count=days, pages_per_day=Decimal("1.5")
    )
    board = boards.create_board(db, slug, 1, actor=None, name="Version de travail")
    return Planned(slug, yvonne, mathis, docker, gaffer, ids, board)
