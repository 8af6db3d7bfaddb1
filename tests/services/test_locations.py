# SPDX-License-Identifier: AGPL-3.0-or-later
"""Locations, the sets shot there, travel times and unavailability, through the services."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from regie.core.errors import Conflict, NotFound, PermissionDenied, StaleEdit, ValidationError
from regie.schedule.catalog import LocationFields
from regie.services import availability, locations
from regie.services.database import Database
from tests.services.conftest import Office

PORT = LocationFields(
    name="Port de Honfleur",
    address="Quai Sainte-Catherine, 14600 Honfleur",
    latitude=Decimal("49.419373"),
    longitude=Decimal("0.233232"),
    open_weekdays=frozenset({0, 1, 2, 3, 4}),
    notes="Accès camions par le quai est.",
)


def test_add_edit_and_delete_a_location(database: Database, office: Office) -> None:
    slug = office.slug
    added = locations.add_location(database, slug, PORT, actor=office.manager)
    assert (added.name, added.latitude, added.open_weekdays) == (
        "Port de Honfleur",
        Decimal("49.419373"),
        frozenset({0, 1, 2, 3, 4}),
    )
    assert locations.list_locations(database, slug, actor=office.crew) == [added]
    moved = dataclasses.replace(
        PORT, name="  Port   de Honfleur (quai est) ", booking_start=dt.date(2027, 3, 1)
    )
    edited = locations.update_location(database, slug, added.id, moved, added.version, actor=None)
    assert edited.name == "Port de Honfleur (quai est)"
    assert edited.booking is not None
    assert edited.booking.start == dt.date(2027, 3, 1)
    assert edited.version == added.version + 1
    with pytest.raises(StaleEdit, match="your version 1, stored version 2"):
        locations.update_location(database, slug, added.id, PORT, added.version, actor=None)
    with pytest.raises(StaleEdit):
        locations.delete_location(database, slug, added.id, added.version, actor=None)
    locations.delete_location(database, slug, added.id, edited.version, actor=None)
    assert locations.list_locations(database, slug, actor=None) == []
    with pytest.raises(NotFound, match="no location"):
        locations.get_location(database, slug, added.id, actor=None)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"latitude": Decimal("91"), "longitude": Decimal("0")}, "between -90 and 90"),
        ({"latitude": Decimal("48"), "longitude": Decimal("-180.5")}, "between -180 and 180"),
        ({"latitude": Decimal("48.1234567")}, "more than six decimals"),
        ({"longitude": None}, "both the latitude and the longitude"),
        ({"name": "   "}, "1 to 200 characters"),
        ({"open_weekdays": frozenset()}, "at least one day of the week"),
        ({"open_weekdays": frozenset({7})}, "at least one day of the week"),
        (
            {"booking_start": dt.date(2027, 3, 10), "booking_end": dt.date(2027, 3, 1)},
            "ends .2027-03-01. before it starts",
        ),
    ],
)
def test_bad_locations_are_refused(
    database: Database, office: Office, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        locations.add_location(
            database,
            office.slug,
            dataclasses.replace(PORT, **changes),  # type: ignore[arg-type]
            actor=None,
        )
    assert locations.list_locations(database, office.slug, actor=None) == []


def test_names_are_unique_and_rights_are_checked(database: Database, office: Office) -> None:
    locations.add_location(database, office.slug, PORT, actor=None)
    with pytest.raises(Conflict, match="already exists"):
        locations.add_location(database, office.slug, PORT, actor=None)
    with pytest.raises(PermissionDenied, match="edit the schedule and the locations"):
        locations.add_location(database, office.slug, PORT, actor=office.accountant)
    with pytest.raises(PermissionDenied, match="see the schedule"):
        locations.list_locations(database, office.slug, actor=office.guest)
    with pytest.raises(NotFound, match="no production"):
        locations.list_locations(database, office.slug, actor=office.outsider)


def test_sets_are_mapped_to_locations(database: Database, imported: Office) -> None:
    slug = imported.slug
    port = locations.add_location(database, slug, PORT, actor=None)
    mapped = locations.map_set(database, slug, "quai", port.id, actor=imported.manager)
    assert mapped is not None
    assert mapped.sets == ("QUAI",)
    locations.map_set(database, slug, "BUREAU DU PORT", port.id, actor=None)
    assert locations.get_location(database, slug, port.id, actor=None).sets == (
        "BUREAU DU PORT",
        "QUAI",
    )
    assert locations.map_set(database, slug, "QUAI", None, actor=None) is None
    assert locations.get_location(database, slug, port.id, actor=None).sets == ("BUREAU DU PORT",)
    with pytest.raises(NotFound, match="no set 'GARE'"):
        locations.map_set(database, slug, "GARE", port.id, actor=None)
    with pytest.raises(NotFound, match="no location #999"):
        locations.map_set(database, slug, "QUAI", 999, actor=None)


def test_travel_times_either_way(database: Database, office: Office) -> None:
    slug = office.slug
    port = locations.add_location(database, slug, PORT, actor=None)
    house = locations.add_location(
        database, slug, LocationFields(name="Maison d'Hélène"), actor=None
    )
    entered = locations.set_travel_time(database, slug, house.id, port.id, 25, actor=None)
    assert (entered.location_a, entered.location_b, entered.minutes) == (port.id, house.id, 25)
    changed = locations.set_travel_time(
        database, slug, port.id, house.id, 30, actor=None, expected_version=entered.version
    )
    assert changed.minutes == 30
    with pytest.raises(StaleEdit):
        locations.set_travel_time(
            database, slug, port.id, house.id, 35, actor=None, expected_version=entered.version
        )
    assert [tt.minutes for tt in locations.travel_times(database, slug, actor=office.crew)] == [30]
    with pytest.raises(ValidationError, match="two different locations"):
        locations.set_travel_time(database, slug, port.id, port.id, 5, actor=None)
    with pytest.raises(ValidationError, match="0 to 1440 minutes"):
        locations.set_travel_time(database, slug, port.id, house.id, -5, actor=None)
    assert locations.remove_travel_time(database, slug, house.id, port.id, actor=None)
    assert locations.travel_times(database, slug, actor=None) == []


def test_location_unavailability(database: Database, office: Office) -> None:
    slug = office.slug
    port = locations.add_location(database, slug, PORT, actor=None)
    market = availability.add_location_window(
        database,
        slug,
        port.id,
        dt.date(2027, 3, 6),
        dt.date(2027, 3, 7),
        reason="Marché",
        actor=None,
    )
    assert locations.get_location(database, slug, port.id, actor=None).unavailable == (market,)
    with pytest.raises(ValidationError, match="overlap the window from 2027-03-06 to 2027-03-07"):
        availability.add_location_window(
            database, slug, port.id, dt.date(2027, 3, 7), dt.date(2027, 3, 9), actor=None
        )
    with pytest.raises(ValidationError, match=r"ends .2027-03-01. before it starts"):
        availability.add_location_window(
            database, slug, port.id, dt.date(2027, 3, 9), dt.date(2027, 3, 1), actor=None
        )
    with pytest.raises(PermissionDenied):
        availability.remove_window(database, slug, market.id, market.version, actor=office.crew)
    availability.remove_window(database, slug, market.id, market.version, actor=office.manager)
    assert locations.get_location(database, slug, port.id, actor=None).unavailable == ()
    with pytest.raises(NotFound, match="no unavailability window"):
        availability.remove_window(database, slug, market.id, market.version, actor=None)
