# SPDX-License-Identifier: AGPL-3.0-or-later
"""Logistics through the services: legs from locations, checks that store nothing,
stale edits, roles, the push of the costs to the devis (idempotent) and the carbon
estimate with its frozen versions."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from regie.budget.catalog import LineFields
from regie.budget.model import Devis, LineTotal
from regie.core.errors import Conflict, PermissionDenied, StaleEdit, ValidationError
from regie.finance.carbon import EstimateKind
from regie.logistics.energy import EnergyFields, EnergyKind, Fuel
from regie.logistics.equipment import ListFields, QuoteFields
from regie.logistics.lodging import StayFields
from regie.logistics.meals import Diet, MealFields
from regie.logistics.travel import LegFields, Point, TravelMode
from regie.media.archive import cold_storage_plan
from regie.rules.registry import shipped_pack
from regie.schedule.catalog import LocationFields
from regie.schedule.people import Department
from regie.services import budgets, carbon, locations, logistics, logistics_devis
from regie.services.database import Database
from tests.services.conftest import Office

DAY = dt.date(2026, 11, 23)
TRAIN = LegFields(
    TravelMode.TRAIN_TGV,
    "Paris",
    "Bayeux",
    DAY,
    people=8,
    distance_km=Decimal(270),
    round_trip=True,
    cost=Decimal("1800"),
)


def test_a_leg_takes_its_ends_from_locations(database: Database, office: Office) -> None:
    place = locations.add_location(
        database,
        office.slug,
        LocationFields("Port de Bayeux", latitude=Decimal("49.2764"), longitude=Decimal("-0.7024")),
        actor=office.manager,
    )
    van = LegFields(
        TravelMode.VAN, "Paris", "", DAY, origin_point=Point(Decimal("48.8566"), Decimal("2.3522"))
    )
    stored = logistics.add_leg(
        database, office.slug, van, actor=office.manager, destination_location=place.id
    )
    assert stored.fields.destination == "Port de Bayeux"
    (view,) = logistics.list_legs(database, office.slug, actor=office.crew)
    assert view.distance.km == Decimal("295.6")  # 227.4 km × 1.3 (road, customary)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"distance_km": Decimal(-1)}, "distance_km"),
        (
            {
                "distance_km": None,
                "origin_point": Point(Decimal(95), Decimal(0)),
                "destination_point": Point(Decimal(0), Decimal(0)),
            },
            "origin_latitude",
        ),
        ({"travel_date": DAY - dt.timedelta(days=30)}, "travel_date"),
    ],
)
def test_bad_input_stores_nothing(
    database: Database, office: Office, changes: dict[str, object], field: str
) -> None:
    logistics.set_start(database, office.slug, DAY - dt.timedelta(days=7), 0, actor=office.manager)
    with pytest.raises(ValidationError) as refused:
        logistics.add_leg(
            database,
            office.slug,
            dataclasses.replace(TRAIN, **changes),  # type: ignore[arg-type]
            actor=office.manager,
        )
    assert refused.value.field == field
    assert logistics.list_legs(database, office.slug, actor=office.manager) == []


def test_the_start_cannot_move_after_a_dated_record(database: Database, office: Office) -> None:
    logistics.add_leg(database, office.slug, TRAIN, actor=office.manager)
    with pytest.raises(ValidationError, match="before"):
        logistics.set_start(
            database, office.slug, DAY + dt.timedelta(days=1), 0, actor=office.manager
        )
    assert logistics.get_settings(database, office.slug, actor=office.crew).starts_on is None


def test_stale_edit_and_roles(database: Database, office: Office) -> None:
    leg = logistics.add_leg(database, office.slug, TRAIN, actor=office.manager)
    logistics.update_leg(
        database, office.slug, leg.id, dataclasses.replace(TRAIN, people=9), 1, actor=office.manager
    )
    with pytest.raises(StaleEdit):
        logistics.update_leg(database, office.slug, leg.id, TRAIN, 1, actor=office.producer)
    with pytest.raises(PermissionDenied):
        logistics.add_leg(database, office.slug, TRAIN, actor=office.crew)
    vegan = MealFields(DAY, Diet.VEGAN, 3)
    logistics.add_meals(database, office.slug, vegan, actor=office.manager)
    with pytest.raises(Conflict):
        logistics.add_meals(database, office.slug, vegan, actor=office.manager)


def _stock(database: Database, office: Office) -> tuple[int, int]:
    leg = logistics.add_leg(database, office.slug, TRAIN, actor=office.manager)
    logistics.add_leg(
        database, office.slug, dataclasses.replace(TRAIN, cost=None), actor=office.manager
    )  # no cost: skipped
    logistics.add_stay(
        database,
        office.slug,
        StayFields("Hôtel du Port", DAY, 10, 8, rate=Decimal("85")),
        actor=office.manager,
    )
    logistics.add_meals(
        database,
        office.slug,
        MealFields(DAY, Diet.VEGETARIAN, 20, unit_cost=Decimal("14.5")),
        actor=office.manager,
    )
    kit = logistics.add_list(
        database, office.slug, ListFields(Department.CAMERA, "Caméra"), actor=office.manager
    )
    quote = logistics.add_quote(
        database,
        office.slug,
        kit.id,
        QuoteFields("Loc A", Decimal("4200"), account="71"),
        actor=office.manager,
    )
    logistics.choose_quote(database, office.slug, quote.id, 1, actor=office.manager)
    record = budgets.create_budget(database, office.slug, actor=office.producer)
    return leg.id, record.number


def test_push_to_devis_is_idempotent(database: Database, office: Office) -> None:
    leg_id, number = _stock(database, office)
    record = budgets.get_budget(database, office.slug, number, actor=office.accountant)
    record = budgets.add_lines(
        database,
        office.slug,
        number,
        [LineFields("69", "Café du plateau", "1", "forfait", "300")],
        expected_version=record.version,
        actor=office.accountant,
    )
    first = logistics_devis.push_to_devis(
        database, office.slug, number, expected_version=record.version, actor=office.accountant
    )
    assert (first.added, first.updated, first.unchanged, first.removed) == (4, 0, 0, 0)
    assert first.skipped == (f"logistique/trajet/{leg_id + 1}",)
    devis = budgets.devis(database, office.slug, number, actor=office.accountant)
    amounts = sorted(i.line.rate * i.line.quantity for i in _lines(devis))
    assert amounts == sorted(
        [Decimal(300), Decimal(1800), Decimal(6800), Decimal(290), Decimal(4200)]
    )
    again = logistics_devis.push_to_devis(
        database,
        office.slug,
        number,
        expected_version=first.budget_version,
        actor=office.accountant,
    )
    assert (again.added, again.updated, again.unchanged, again.removed) == (0, 0, 4, 0)
    logistics.update_leg(
        database,
        office.slug,
        leg_id,
        dataclasses.replace(TRAIN, cost=Decimal("2000")),
        1,
        actor=office.manager,
    )
    (other,) = [
        v
        for v in logistics.list_legs(database, office.slug, actor=office.manager)
        if v.leg.id != leg_id
    ]
    logistics.remove_leg(database, office.slug, other.leg.id, 1, actor=office.manager)
    third = logistics_devis.push_to_devis(
        database,
        office.slug,
        number,
        expected_version=again.budget_version,
        actor=office.accountant,
    )
    assert (third.added, third.updated, third.unchanged) == (0, 1, 3)
    devis = budgets.devis(database, office.slug, number, actor=office.accountant)
    assert len(list(_lines(devis))) == 5  # no duplicate, the hand-typed line kept
    with pytest.raises(StaleEdit):
        logistics_devis.push_to_devis(
            database,
            office.slug,
            number,
            expected_version=first.budget_version,
            actor=office.accountant,
        )
    with pytest.raises(PermissionDenied):
        logistics_devis.push_to_devis(
            database, office.slug, number, expected_version=third.budget_version, actor=office.crew
        )


def _lines(devis: Devis) -> list[LineTotal]:
    return [
        item for chapter in devis.chapters for account in chapter.accounts for item in account.lines
    ]


def test_removed_record_removes_its_line(database: Database, office: Office) -> None:
    leg_id, number = _stock(database, office)
    record = budgets.get_budget(database, office.slug, number, actor=office.accountant)
    first = logistics_devis.push_to_devis(
        database, office.slug, number, expected_version=record.version, actor=office.accountant
    )
    logistics.remove_leg(database, office.slug, leg_id, 1, actor=office.manager)
    second = logistics_devis.push_to_devis(
        database,
        office.slug,
        number,
        expected_version=first.budget_version,
        actor=office.accountant,
    )
    assert second.removed == 1


def test_carbon_estimate_and_versions(database: Database, office: Office) -> None:
    logistics.add_leg(database, office.slug, TRAIN, actor=office.manager)
    logistics.add_energy(
        database,
        office.slug,
        EnergyFields(DAY, EnergyKind.GENERATOR_FUEL, Decimal(100), Fuel.DIESEL_NON_ROAD),
        actor=office.manager,
    )
    found = carbon.carbon_estimate(database, office.slug, actor=office.accountant, on=DAY)
    assert found.total_kg == Decimal("12.66") + Decimal("317.00")  # 4320 × 0.00293; 100 × 3.17
    assert found.shoot_days is None
    with pytest.raises(PermissionDenied):
        carbon.carbon_estimate(database, office.slug, actor=office.crew, on=DAY)
    one = carbon.freeze(
        database, office.slug, actor=office.producer, on=DAY, kind=EstimateKind.PROVISIONAL
    )
    two = carbon.freeze(
        database, office.slug, actor=office.producer, on=DAY, kind=EstimateKind.FINAL
    )
    assert (one.number, two.number, two.kind) == (1, 2, EstimateKind.FINAL)
    with pytest.raises(Conflict):
        carbon.freeze(
            database, office.slug, actor=office.producer, on=DAY, kind=EstimateKind.PROVISIONAL
        )
    assert carbon.version(database, office.slug, 1, actor=office.accountant).estimate == found


def test_archive_storage_from_a_media_plan(database: Database, office: Office) -> None:
    plan = cold_storage_plan(
        4 * 10**12,
        shipped_pack("storage-media"),
        shipped_pack("emission-factors"),
        tier="cloud-deep-archive",
        copies=2,
        years=Decimal(5),
        on=DAY,
    )
    entry = carbon.add_archive_storage(database, office.slug, plan, actor=office.manager, on=DAY)
    assert entry.fields.quantity == Decimal(40)  # 4 TB × 2 copies × 5 years
    tapes = cold_storage_plan(
        10**12,
        shipped_pack("storage-media"),
        shipped_pack("emission-factors"),
        tier="lto-9",
        on=DAY,
    )
    with pytest.raises(ValidationError):
        carbon.add_archive_storage(database, office.slug, tapes, actor=office.manager, on=DAY)
    (line,) = carbon.carbon_estimate(database, office.slug, actor=office.producer, on=DAY).lines
    assert line.kg == Decimal("9.41")  # 40 TB-years × 0.235334 = 9.41336


def test_the_chosen_quote_becomes_a_commitment_once(database: Database, office: Office) -> None:
    from regie.core.errors import Conflict
    from regie.finance.actuals import CommitmentKind
    from regie.services import actuals
    from regie.services.quote_commitments import commit_chosen_quote

    _stock(database, office)
    (view,) = logistics.list_equipment(database, office.slug, actor=office.manager)
    (quote,) = view.equipment.quotes
    made = commit_chosen_quote(database, office.slug, quote.id, on=DAY, actor=office.manager)
    assert (made.reference, made.supplier, made.devis_account) == ("DEVIS-1", "Loc A", "71")
    assert (made.amount, made.kind, made.date) == (Decimal("4200.00"), CommitmentKind.QUOTE, DAY)
    again = commit_chosen_quote(database, office.slug, quote.id, on=DAY, actor=office.manager)
    assert again.id == made.id
    assert len(actuals.list_commitments(database, office.slug, actor=office.manager)) == 1
    other = logistics.add_quote(
        database, office.slug, view.equipment.id, QuoteFields("Loc B", Decimal("3900")),
        actor=office.manager,
    )  # fmt: skip
    with pytest.raises(Conflict, match="not the chosen quote"):
        commit_chosen_quote(database, office.slug, other.id, on=DAY, actor=office.manager)
