# SPDX-License-Identifier: AGPL-3.0-or-later
"""Call sheets of the planned world (see tests/services/test_boards_world.py and
test_dayplans.py): Monday 1 March 2027, scene 1 at the house from the 08:00 unit call
to 13:00; Tuesday night, scenes 2 and 3 at the port from 18:00.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from regie.core.errors import NotFound
from regie.office.callsheet import CallSheetExtras, Pickup, Severity
from regie.schedule.catalog import LocationFields
from regie.services import boards, callsheets, locations
from regie.services.database import Database
from tests.services.conftest import Office
from tests.services.test_boards_world import MONDAY, World, plan_world
from tests.services.test_dayplans import TUESDAY, at


@pytest.fixture
def world(database: Database, imported: Office) -> World:
    return plan_world(database, imported)


def _place(database: Database, world: World, location_id: int, **changes: Any) -> None:
    record = locations.get_location(database, world.slug, location_id, actor=None)
    fields = LocationFields(
        name=record.name,
        address=record.address,
        latitude=record.latitude,
        longitude=record.longitude,
        open_weekdays=record.open_weekdays,
        booking_start=record.booking.start if record.booking else None,
        booking_end=record.booking.end if record.booking else None,
        notes=record.notes,
    )
    locations.update_location(
        database, world.slug, location_id, dataclasses.replace(fields, **changes),
        record.version, actor=None,
    )  # fmt: skip


def test_first_day_sheet(database: Database, world: World) -> None:
    board = boards.create_board(database, world.slug, 1, actor=None)
    # La Rochelle, old port: 46.1591 N, 1.1520 W.
    _place(database, world, world.house, address="2 quai Duperré, La Rochelle",
           latitude=Decimal("46.1591"), longitude=Decimal("-1.1520"))  # fmt: skip
    extras = CallSheetExtras(
        weather="Couvert, 9 °C",
        hospital="CH de La Rochelle, rue du Dr Schweitzer",
        harassment_contact="Claire Dubois 06 00 00 00 00",
        meal_counts={"végétarien": 1},
        pickups=(Pickup(world.helene.id, dt.time(6, 15), "Hôtel de la Plage"),),
    )
    sheet = callsheets.call_sheet(
        database, world.slug, 1, actor=world.office.crew, board_id=board.id, extras=extras
    )
    assert (sheet.date, sheet.day_number, sheet.day_count) == (MONDAY, 1, 2)
    assert sheet.unit_call == at(MONDAY, 8)
    assert [s.label for s in sheet.scenes] == ["1"]
    assert sheet.scenes[0].location == "Maison"
    calls = {c.name: (c.pickup, c.call, c.on_set, c.wrap) for c in sheet.cast}
    assert calls == {
        # Entered pick-up; HMC 60 min before the first scene; on set at the unit call.
        "Hélène Marchal": (at(MONDAY, 6, 15), at(MONDAY, 7), at(MONDAY, 8), at(MONDAY, 14, 15)),
        # No pick-up entered: 30 min before the call.
        "Marc Lenoir": (at(MONDAY, 6, 30), at(MONDAY, 7), at(MONDAY, 8), at(MONDAY, 14, 15)),
    }
    assert [(c.department, c.name, c.call) for c in sheet.crew] == [
        ("electric", "Paul Ortiz", at(MONDAY, 7, 30))
    ]
    assert sheet.meal is not None
    assert sheet.meal.total == 3
    assert [p.name for p in sheet.locations] == ["Maison"]
    assert sheet.locations[0].map_url is not None
    assert "46.1591" in sheet.locations[0].map_url
    # Sunrise at La Rochelle on 1 March: about 07:48, sunset about 18:45 (CET).
    assert sheet.sun is not None
    assert sheet.sun.sunrise is not None
    assert sheet.sun.sunset
    assert dt.time(7, 40) < sheet.sun.sunrise.timetz().replace(tzinfo=None) < dt.time(7, 55)
    assert dt.time(18, 35) < sheet.sun.sunset.timetz().replace(tzinfo=None) < dt.time(18, 55)
    assert sheet.findings == ()


def test_night_day_and_missing_entries(database: Database, world: World) -> None:
    board = boards.create_board(database, world.slug, 1, actor=None)
    sheet = callsheets.call_sheet(database, world.slug, 2, actor=None, board_id=board.id)
    assert sheet.night
    assert sheet.date == TUESDAY
    assert [s.label for s in sheet.scenes] == ["2", "3"]
    codes = {f.code for f in sheet.findings}
    assert {"safety.hospital", "safety.harassment", "location.coordinates"} <= codes
    assert sheet.sun is None  # the port has no coordinates


def test_a_booking_that_misses_the_day_is_an_error(database: Database, world: World) -> None:
    board = boards.create_board(database, world.slug, 1, actor=None)
    _place(database, world, world.port, booking_start=MONDAY, booking_end=MONDAY)
    sheet = callsheets.call_sheet(database, world.slug, 2, actor=None, board_id=board.id)
    errors = [f for f in sheet.findings if f.severity is Severity.ERROR]
    assert [f.code for f in errors] == ["location.booking"]
    assert "Port" in str(errors[0].message)
    assert sheet.findings[0] is errors[0]  # errors first


def test_a_day_outside_the_board(database: Database, world: World) -> None:
    board = boards.create_board(database, world.slug, 1, actor=None)
    with pytest.raises(NotFound, match="no shoot day 3"):
        callsheets.call_sheet(database, world.slug, 3, actor=None, board_id=board.id)


def test_a_permit_not_granted_is_in_the_call_sheet_check(database: Database, world: World) -> None:
    from regie.logistics.locations import PermitFields, PermitStatus
    from regie.services import location_office

    board = boards.create_board(database, world.slug, 1, actor=None)
    location_office.add_permit(
        database, world.slug, world.port,
        PermitFields(authority="town_hall", status=PermitStatus.REQUESTED), actor=None,
    )  # fmt: skip
    sheet = callsheets.call_sheet(database, world.slug, 2, actor=None, board_id=board.id)
    permit = [f for f in sheet.findings if f.code.startswith("permit.")]
    assert [f.code for f in permit] == ["permit.not_granted"]
    assert "Port" in str(permit[0].message)
    # The house (day 1) has no permit asked: nothing about permits there.
    first = callsheets.call_sheet(database, world.slug, 1, actor=None, board_id=board.id)
    assert not [f for f in first.findings if f.code.startswith("permit.")]
