# SPDX-License-Identifier: AGPL-3.0-or-later
"""Entered extras, issued (frozen) versions and their stale flag, on the planned world
of tests/services/test_boards_world.py (Monday: scene 1 at the house; Tuesday night:
scenes 2 and 3 at the port)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pdfplumber
import pytest

from regie.core.errors import NotFound, PermissionDenied, StaleEdit, ValidationError
from regie.office.callsheet import CallSheetExtras, Pickup
from regie.services import boards, callsheets
from regie.services.database import Database
from tests.services.conftest import Office
from tests.services.test_boards_world import MONDAY, World, plan_world
from tests.services.test_callsheets import _place

EXTRAS = CallSheetExtras(
    weather="Couvert, 9 °C",
    parking="Parking du quai, badge à l’accueil",
    hospital="CH de La Rochelle, rue du Dr Schweitzer",
    harassment_contact="Claire Dubois 06 00 00 00 00",
    meal_counts={"végétarien": 2, "sans gluten": 1},
)


@pytest.fixture
def world(database: Database, imported: Office) -> World:
    return plan_world(database, imported)


@pytest.fixture
def board_id(database: Database, world: World) -> int:
    return boards.create_board(database, world.slug, 1, actor=None).id


def _pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def test_extras_are_stored_and_used_by_the_sheet(
    database: Database, world: World, board_id: int
) -> None:
    assert callsheets.day_extras(database, world.slug, 1, actor=None).version == 0
    pickup = Pickup(world.helene.id, dt.time(6, 15), "Hôtel de la Plage")
    saved = callsheets.update_day_extras(
        database, world.slug, 1, dataclasses.replace(EXTRAS, pickups=(pickup,)),
        0, actor=world.office.manager,
    )  # fmt: skip
    assert saved.version == 1
    assert saved.extras.meal_counts == {"végétarien": 2, "sans gluten": 1}
    assert saved.extras.pickups == (pickup,)
    sheet = callsheets.call_sheet(database, world.slug, 1, actor=world.office.crew)
    assert sheet.extras.weather == "Couvert, 9 °C"
    assert sheet.meal is not None
    assert sheet.meal.counts["végétarien"] == 2
    helene = next(c for c in sheet.cast if c.name == "Hélène Marchal")
    assert helene.pickup_place == "Hôtel de la Plage"
    codes = {f.code for f in sheet.findings}
    assert not {"safety.hospital", "safety.harassment"} & codes
    # The other days keep their own extras.
    assert callsheets.day_extras(database, world.slug, 2, actor=None).version == 0


def test_a_stale_edit_of_the_extras_is_refused(
    database: Database, world: World, board_id: int
) -> None:
    callsheets.update_day_extras(database, world.slug, 1, EXTRAS, 0, actor=None)
    with pytest.raises(StaleEdit, match="call sheet of day 1"):
        callsheets.update_day_extras(
            database, world.slug, 1, CallSheetExtras(weather="Pluie"), 0, actor=None
        )
    stored = callsheets.day_extras(database, world.slug, 1, actor=None)
    assert stored.extras.weather == "Couvert, 9 °C"
    assert stored.version == 1
    again = callsheets.update_day_extras(
        database, world.slug, 1, CallSheetExtras(weather="Pluie"), 1, actor=None
    )
    assert again.version == 2
    assert again.extras.weather == "Pluie"


def test_bad_extras_are_refused_with_their_field(
    database: Database, world: World, board_id: int
) -> None:
    with pytest.raises(ValidationError, match="meal_counts"):
        callsheets.update_day_extras(
            database, world.slug, 1, CallSheetExtras(meal_counts={"végétarien": -1}), 0,
            actor=None,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="no engagement #9999"):
        callsheets.update_day_extras(
            database, world.slug, 1,
            CallSheetExtras(pickups=(Pickup(9999, dt.time(6, 0)),)), 0, actor=None,
        )  # fmt: skip
    assert callsheets.day_extras(database, world.slug, 1, actor=None).version == 0


def test_meal_counts_as_typed() -> None:
    assert callsheets.parse_meal_counts("végétarien : 4\nsans  gluten=1; halal: 0") == {
        "végétarien": 4,
        "sans gluten": 1,
        "halal": 0,
    }
    with pytest.raises(ValidationError, match="not a meal count"):
        callsheets.parse_meal_counts("végétarien quatre")


def test_issue_freezes_the_sheet_and_later_edits_make_it_stale(
    database: Database, world: World, board_id: int
) -> None:
    callsheets.update_day_extras(database, world.slug, 1, EXTRAS, 0, actor=None)
    first = callsheets.issue_call_sheet(database, world.slug, 1, actor=world.office.manager)
    assert (first.number, first.day_number, first.date) == (1, 1, MONDAY)
    assert first.created_by == "Manager"
    assert first.error_count == 0
    frozen = callsheets.issued_sheet(database, world.slug, first.id, actor=world.office.crew)
    assert not frozen.sheet.stale
    assert frozen.data["date"] == "2027-03-01"
    assert frozen.data["weather"] == "Couvert, 9 °C"
    assert [s["scene"] for s in frozen.data["scenes"]] == ["1"]
    assert "Couvert, 9 °C" in frozen.fragment
    text = _pdf_text(frozen.pdf)
    assert "Hélène Marchal" in text
    assert "Couvert" in text

    # New weather: the frozen version keeps the old one and says it is stale.
    callsheets.update_day_extras(
        database, world.slug, 1, dataclasses.replace(EXTRAS, weather="Pluie"), 1,
        actor=None,
    )  # fmt: skip
    (listed,) = callsheets.issued_sheets(database, world.slug, actor=None, day_number=1)
    assert listed.stale
    again = callsheets.issued_sheet(database, world.slug, first.id, actor=None)
    assert again.data["weather"] == "Couvert, 9 °C"
    assert again.pdf == frozen.pdf

    second = callsheets.issue_call_sheet(database, world.slug, 1, actor=None)
    assert second.number == 2
    assert second.created_by is None
    newest, oldest = callsheets.issued_sheets(database, world.slug, actor=None, day_number=1)
    assert (newest.number, newest.stale, oldest.number, oldest.stale) == (2, False, 1, True)
    data = callsheets.issued_sheet(database, world.slug, second.id, actor=None).data
    assert data["weather"] == "Pluie"

    # Moving a scene on the board makes the newest stale too.
    record = boards.get_board(database, world.slug, board_id, actor=None)
    scene = record.days[0].strips[0].scene_id
    boards.move_strip(
        database, world.slug, board_id, scene, day=1, position=0,
        expected_version=record.version, actor=None,
    )  # fmt: skip
    assert all(s.stale for s in callsheets.issued_sheets(database, world.slug, actor=None))


def test_a_sheet_with_errors_is_issued_with_its_findings(
    database: Database, world: World, board_id: int
) -> None:
    # The port is booked on Monday only; the sheet of Tuesday is an error.
    _place(database, world, world.port, booking_start=MONDAY, booking_end=MONDAY)
    issued = callsheets.issue_call_sheet(database, world.slug, 2, actor=None)
    assert issued.error_count == 1
    frozen = callsheets.issued_sheet(database, world.slug, issued.id, actor=None)
    booking = [f for f in frozen.data["findings"] if f["code"] == "location.booking"]
    assert booking
    assert booking[0]["severity"] == "error"
    assert "Port" in booking[0]["message"]
    assert "réservé" in frozen.fragment  # the check, in French, printed on the sheet


def test_the_pdf_download_is_named_by_the_folder_rule(
    database: Database, world: World, board_id: int
) -> None:
    issued = callsheets.issue_call_sheet(database, world.slug, 1, actor=None)
    name, pdf = callsheets.issued_pdf(database, world.slug, issued.id, actor=None)
    code = world.office.production.code
    assert name == f"{code}_20270301_FDS_jour-1_v01.pdf"
    assert pdf.startswith(b"%PDF")


def test_who_may_do_what(database: Database, world: World, board_id: int) -> None:
    office = world.office
    issued = callsheets.issue_call_sheet(database, world.slug, 1, actor=office.producer)
    assert callsheets.issued_sheets(database, world.slug, actor=office.crew)
    for persona in (office.crew, office.accountant):
        with pytest.raises(PermissionDenied):
            callsheets.issue_call_sheet(database, world.slug, 1, actor=persona)
        with pytest.raises(PermissionDenied):
            callsheets.update_day_extras(database, world.slug, 1, EXTRAS, 0, actor=persona)
        with pytest.raises(PermissionDenied):
            callsheets.confirmation_board(database, world.slug, issued.id, actor=persona)
    with pytest.raises(PermissionDenied):
        callsheets.call_sheet(database, world.slug, 1, actor=office.guest)
    with pytest.raises(NotFound):
        callsheets.issued_sheet(database, world.slug, issued.id, actor=office.outsider)


def test_an_issued_sheet_of_another_production_is_not_found(
    database: Database, world: World, board_id: int
) -> None:
    with pytest.raises(NotFound, match="no issued call sheet #999"):
        callsheets.issued_sheet(database, world.slug, 999, actor=None)
    assert callsheets.issued_sheets(database, world.slug, actor=None, day_number=2) == []
