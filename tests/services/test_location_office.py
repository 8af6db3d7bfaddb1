# SPDX-License-Identifier: AGPL-3.0-or-later
"""The locations office through the services: scouting records with versions, photos
(verified before anything is stored), permits with deadlines from the board, the
insurance register and the conflicts with the board. Bad input stores nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from decimal import Decimal

import pytest
from PIL import Image

from regie.core.errors import InputError, NotFound, PermissionDenied, StaleEdit, ValidationError
from regie.logistics.locations import (
    Contact,
    InsuranceFields,
    LocationType,
    NoiseLevel,
    PermitFields,
    PermitStatus,
    ScoutingFields,
)
from regie.schedule.catalog import LocationFields
from regie.services import boards, location_conflicts, location_office, locations
from regie.services.board_reports import board_context  # noqa: F401 - the board is read
from regie.services.database import Database
from tests.services.conftest import Office
from tests.services.test_boards_world import MONDAY, World, plan_world

SCOUTED = ScoutingFields(
    kind=LocationType.TRANSPORT,
    access="Quai est, portail de 4 m",
    prm_access=True,
    power_kva=Decimal("36"),
    generator_needed=True,
    emergency_exits="Deux sorties sur le quai",
    working_height_m=Decimal("3.20"),
    water="Robinet à la capitainerie",
    parking="Parking du port, 10 camions",
    neighbours="Pêcheurs à 5 h",
    noise=NoiseLevel.MODERATE,
    noise_notes="Mouettes, moteurs de bateaux",
    contacts=(Contact("Jeanne Le Goff", "Capitainerie", "02 98 00 00 00", "capitainerie@port.fr"),),
    scouted_on=dt.date(2027, 1, 15),
    scouted_by="Malik",
)


def png(width: int = 64, height: int = 48) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def world(database: Database, imported: Office) -> World:
    found = plan_world(database, imported)
    boards.create_board(database, found.slug, 1, actor=None)
    return found


def _port_days(database: Database, world: World) -> tuple[dt.date, ...]:
    with database.session() as session:
        from regie.storage.repos import productions

        production = productions.production_by_slug(session, world.slug)
        return location_conflicts.board_usage(session, production).dates[world.port]


def test_scouting_record_saved_with_versions(database: Database, world: World) -> None:
    slug = world.slug
    empty = location_office.get_scouting(database, slug, world.port, actor=world.office.crew)
    assert (empty.version, empty.fields) == (0, ScoutingFields())
    saved = location_office.save_scouting(database, slug, world.port, SCOUTED, 0, actor=None)
    assert saved.version == 1
    assert saved.fields == SCOUTED
    again = dataclasses.replace(SCOUTED, noise=NoiseLevel.NOISY)
    assert (
        location_office.save_scouting(database, slug, world.port, again, 1, actor=None).version == 2
    )
    with pytest.raises(StaleEdit, match="your version 1, stored version 2"):
        location_office.save_scouting(database, slug, world.port, SCOUTED, 1, actor=None)
    with pytest.raises(PermissionDenied):
        location_office.save_scouting(
            database, slug, world.port, SCOUTED, 2, actor=world.office.crew
        )
    record = location_office.get_scouting(database, slug, world.port, actor=None)
    assert record.fields.noise is NoiseLevel.NOISY


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"power_kva": Decimal("-3")}, "power_kva must be between 0 and"),
        ({"working_height_m": Decimal("NaN")}, "working_height_m must be between"),
        ({"contacts": (Contact("  "),)}, "contact 1 needs a name"),
        ({"contacts": (Contact("Jo", email="pas une adresse"),)}, "not an e-mail address"),
        ({"access": "x" * 5001}, "limited to 5000 characters"),
    ],
)
def test_bad_scouting_values_store_nothing(
    database: Database, world: World, changes: dict[str, object], message: str
) -> None:
    bad = dataclasses.replace(SCOUTED, **changes)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=message):
        location_office.save_scouting(database, world.slug, world.port, bad, 0, actor=None)
    assert location_office.get_scouting(database, world.slug, world.port, actor=None).version == 0


def test_coordinates_out_of_range_are_refused_and_the_location_unchanged(
    database: Database, world: World
) -> None:
    before = locations.get_location(database, world.slug, world.port, actor=None)
    bad = LocationFields(name="Port", latitude=Decimal("95"), longitude=Decimal("2"))
    with pytest.raises(ValidationError, match="latitude must be between -90 and 90"):
        locations.update_location(database, world.slug, world.port, bad, before.version, actor=None)
    assert locations.get_location(database, world.slug, world.port, actor=None) == before


def test_photos_are_verified_stored_whole_and_removed(database: Database, world: World) -> None:
    slug = world.slug
    photo = location_office.add_photo(
        database, slug, world.port, "C:\\repérages\\quai.png", png(1200, 800), actor=None,
        caption="Le quai au matin",
    )  # fmt: skip
    assert (photo.file_name, photo.content_type, photo.width, photo.height) == (
        "quai.png", "image/png", 1200, 800,
    )  # fmt: skip
    original = location_office.photo_file(database, slug, photo.id, actor=world.office.crew)
    assert original.data == png(1200, 800)
    thumb = location_office.photo_file(database, slug, photo.id, actor=None, thumbnail=True)
    with Image.open(io.BytesIO(thumb.data)) as image:
        assert (image.format, max(image.size)) == ("JPEG", 640)
    location_office.remove_photo(database, slug, photo.id, photo.version, actor=None)
    assert location_office.list_photos(database, slug, world.port, actor=None) == []
    with pytest.raises(NotFound):
        location_office.photo_file(database, slug, photo.id, actor=None)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GIF89a not really", "is not a photo regie can read"),
        (b"%PDF-1.7\n", "is not a photo regie can read"),
        (png()[:60], "is not a photo regie can read"),  # truncated
        (b"", "is empty"),
        (b"\xff" * (10 * 1024 * 1024 + 1), "larger than 10 MB"),
    ],
)
def test_an_unreadable_photo_stores_nothing(
    database: Database, world: World, data: bytes, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        location_office.add_photo(database, world.slug, world.port, "x.jpg", data, actor=None)
    assert location_office.list_photos(database, world.slug, world.port, actor=None) == []


def test_a_gif_is_refused_by_its_content_not_its_name(database: Database, world: World) -> None:
    out = io.BytesIO()
    Image.new("P", (8, 8)).save(out, "GIF")
    with pytest.raises(InputError, match=r"\(GIF\)"):
        location_office.add_photo(
            database, world.slug, world.port, "x.png", out.getvalue(), actor=None
        )


def test_permit_deadline_comes_from_the_first_shoot_day_there(
    database: Database, world: World
) -> None:
    slug = world.slug
    first = _port_days(database, world)[0]
    permit = location_office.add_permit(
        database, slug, world.port, PermitFields("town_hall", "Mairie du Port"), actor=None
    )
    assert permit.deadline == first - dt.timedelta(days=15)
    assert permit.lead_rule == "permit-lead-times@2026.1"
    drone = location_office.add_permit(
        database, slug, world.port, PermitFields("drone"), actor=None
    )
    assert drone.deadline is not None
    assert drone.deadline.weekday() < 5
    asked = dataclasses.replace(
        permit.fields, status=PermitStatus.REQUESTED, requested_on=dt.date(2027, 2, 1)
    )
    changed = location_office.update_permit(
        database, slug, permit.id, asked, permit.version, actor=None
    )
    assert (changed.fields.status, changed.version) == (PermitStatus.REQUESTED, 2)
    with pytest.raises(StaleEdit):
        location_office.update_permit(database, slug, permit.id, asked, permit.version, actor=None)
    listed = location_office.list_permits(database, slug, actor=world.office.crew)
    assert [p.id for p in listed] == [permit.id, drone.id]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (PermitFields("ministry"), "not an authority of permit-lead-times"),
        (
            PermitFields("town_hall", covers_start=MONDAY - dt.timedelta(days=1),
                         covers_end=MONDAY),
            "before the production starts shooting on 2027-03-01",
        ),
        (PermitFields("town_hall", covers_start=MONDAY), "or neither"),
        (
            PermitFields("town_hall", covers_start=MONDAY + dt.timedelta(days=1),
                         covers_end=MONDAY),
            r"ends .2027-03-01. before it starts",
        ),
    ],
)  # fmt: skip
def test_bad_permits_store_nothing(
    database: Database, world: World, fields: PermitFields, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        location_office.add_permit(database, world.slug, world.port, fields, actor=None)
    assert location_office.list_permits(database, world.slug, actor=None) == []


def test_insurance_register_and_its_checks(database: Database, world: World) -> None:
    slug = world.slug
    cert = location_office.add_certificate(
        database, slug,
        InsuranceFields("Hiscox", " RC  2027-44 ", MONDAY, MONDAY, location_id=world.port,
                        amount=Decimal("2000000")),
        actor=None,
    )  # fmt: skip
    assert (cert.fields.policy_number, cert.fields.amount) == ("RC 2027-44", Decimal("2000000.00"))
    with pytest.raises(ValidationError, match=r"ends .2027-02-28. before it starts"):
        location_office.add_certificate(
            database,
            slug,
            InsuranceFields("Axa", "1", MONDAY, MONDAY - dt.timedelta(days=1)),
            actor=None,
        )
    with pytest.raises(NotFound):
        location_office.add_certificate(
            database,
            slug,
            InsuranceFields("Axa", "1", MONDAY, MONDAY, location_id=9999),
            actor=None,
        )
    assert [c.id for c in location_office.list_certificates(database, slug, actor=None)] == [
        cert.id
    ]
    last = _port_days(database, world)[-1]
    found = location_conflicts.location_conflicts(database, slug, actor=None, today=MONDAY)
    codes = [(f.code, f.days) for f in found.findings]
    assert last > MONDAY  # the port is shot after the certificate's last day
    assert (
        "insurance.expires",
        tuple(d for d in _port_days(database, world) if d > MONDAY),
    ) in codes
    longer = dataclasses.replace(cert.fields, valid_to=last)
    location_office.update_certificate(database, slug, cert.id, longer, cert.version, actor=None)
    found = location_conflicts.location_conflicts(database, slug, actor=None, today=MONDAY)
    assert [f for f in found.findings if f.code.startswith("insurance")] == []


def test_conflicts_of_the_board(database: Database, world: World) -> None:
    slug = world.slug
    days = _port_days(database, world)
    early = MONDAY - dt.timedelta(days=40)
    assert (
        location_conflicts.location_conflicts(database, slug, actor=None, today=early).findings
        == ()
    )
    location_office.add_permit(
        database, slug, world.port,
        PermitFields("town_hall", "Mairie du Port", covers_start=days[0], covers_end=days[0]),
        actor=None,
    )  # fmt: skip
    found = location_conflicts.location_conflicts(
        database, slug, actor=world.office.crew, today=MONDAY
    )
    codes = [f.code for f in found.findings]
    assert codes[0] == "permit.late"  # planned, deadline 15 days before: not sent
    assert found.names()[world.port] == "Port"
    assert found.board_id is not None
    uncovered = [f.days for f in found.findings if f.code == "permit.uncovered"]
    assert uncovered == [(d,) for d in days[1:]]
    with pytest.raises(NotFound):
        location_conflicts.location_conflicts(
            database, slug, actor=world.office.outsider, today=MONDAY
        )
