# SPDX-License-Identifier: AGPL-3.0-or-later
"""Logistics rows round-trip as domain records; versions guard every edit; another
production's record is not found; the database refuses what the checks would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy.exc import IntegrityError

from regie.core.errors import NotFound, StaleEdit
from regie.finance.carbon import CarbonInputs, CarbonPacks, estimate
from regie.logistics.equipment import EcoCommitment, ItemFields, ListFields, QuoteFields
from regie.logistics.meals import Diet, MealFields
from regie.logistics.travel import LegFields, Point, TravelMode
from regie.rules.registry import shipped_pack
from regie.schedule.people import Department
from regie.storage.db import Database
from regie.storage.repos import logistics as repo
from regie.storage.tables.logistics import TravelLegRow
from tests.storage.factory import add_production

DAY = dt.date(2026, 11, 23)
LEG = LegFields(
    TravelMode.TRAIN_TGV, "Paris", "Bayeux", DAY, people=8,
    origin_point=Point(Decimal("48.856600"), Decimal("2.352200")),
    destination_point=Point(Decimal("49.276400"), Decimal("-0.702400")),
    round_trip=True, cost=Decimal("1234.50"), notes="Équipe technique",
)  # fmt: skip


def test_leg_round_trip_and_versions(database: Database) -> None:
    with database.session() as session:
        production = add_production(session)
        other = add_production(session, "autre")
        stored = repo.insert_leg(session, production.id, LEG)
    assert stored.fields == LEG
    with database.session() as session:
        changed = repo.update_leg(
            session, production.id, stored.id,
            LegFields(TravelMode.VAN, "Paris", "Bayeux", DAY, distance_km=Decimal("270.5")),
            expected_version=1,
        )  # fmt: skip
    assert (changed.version, changed.fields.distance_km) == (2, Decimal("270.5"))
    with database.session() as session, pytest.raises(StaleEdit):
        repo.update_leg(session, production.id, stored.id, LEG, expected_version=1)
    with database.session() as session, pytest.raises(NotFound):
        repo.delete_leg(session, other.id, stored.id, expected_version=2)
    with database.session() as session:
        repo.delete_leg(session, production.id, stored.id, expected_version=2)
        assert repo.legs(session, production.id) == []


def test_database_refuses_a_negative_distance(database: Database) -> None:
    with database.session() as session:
        production = add_production(session)
    with database.session() as session:
        session.add(TravelLegRow(production_id=production.id, mode="van", origin="a",
                                 destination="b", travel_date=DAY, people=1,
                                 distance_km=Decimal(-1)))  # fmt: skip
        with pytest.raises(IntegrityError):
            session.flush()
        session.rollback()


def test_one_meal_count_per_day_and_diet(database: Database) -> None:
    with database.session() as session:
        production = add_production(session)
        repo.insert_meal(session, production.id, MealFields(DAY, Diet.VEGAN, 4))
        assert repo.meal_on(session, production.id, DAY, Diet.VEGAN) is not None
    with pytest.raises(IntegrityError), database.session() as session:
        repo.insert_meal(session, production.id, MealFields(DAY, Diet.VEGAN, 5))


def test_equipment_quotes_one_chosen(database: Database) -> None:
    with database.session() as session:
        production = add_production(session)
        found = repo.insert_list(session, production.id, ListFields(Department.CAMERA, "Caméra"))
        repo.insert_item(session, production.id, found.id, ItemFields("Alexa Mini", 2))
        a = repo.insert_quote(session, production.id, found.id, QuoteFields(
            "Loc A", Decimal("3000.00"), eco=frozenset({EcoCommitment.LOCAL})))  # fmt: skip
        b = repo.insert_quote(session, production.id, found.id,
                              QuoteFields("Loc B", Decimal("2500.00")))  # fmt: skip
        repo.choose_quote(session, production.id, a.id, chosen=True, expected_version=1)
        repo.choose_quote(session, production.id, b.id, chosen=True, expected_version=1)
        lists = repo.equipment_lists(session, production.id)
    (stored,) = lists
    assert [i.fields.name for i in stored.items] == ["Alexa Mini"]
    assert stored.chosen is not None
    assert stored.chosen.fields.vendor == "Loc B"
    assert stored.quotes[0].fields.eco == frozenset({EcoCommitment.LOCAL})


def test_frozen_estimate_reads_back(database: Database) -> None:
    packs = CarbonPacks(shipped_pack("carbon-categories"), shipped_pack("emission-factors"),
                        shipped_pack("logistics"))  # fmt: skip
    with database.session() as session:
        production = add_production(session)
        leg = repo.insert_leg(session, production.id, LEG)
        found = estimate(CarbonInputs(legs=[leg], shoot_days=4), packs, on=DAY)
        first = repo.insert_carbon(session, production.id, found)
        second = repo.insert_carbon(session, production.id, found)
    with database.session() as session:
        (again, _) = repo.carbon_versions(session, production.id)
        assert repo.carbon_version(session, production.id, 2).number == second.number == 2
    assert first.number == 1
    assert again.estimate == found
    assert again.total_kg == found.total_kg
