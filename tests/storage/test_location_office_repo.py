# SPDX-License-Identifier: AGPL-3.0-or-later
"""The locations office's tables: records round-trip, rows go with their location, and
the database itself refuses what the services would never write."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from regie.logistics.locations import (
    Contact,
    InsuranceFields,
    LocationType,
    PermitFields,
    PermitStatus,
    PhotoRecord,
    ScoutingFields,
)
from regie.schedule.catalog import LocationFields
from regie.storage.db import Database
from regie.storage.repos import location_office as office
from regie.storage.repos import locations
from regie.storage.tables.location_office import (
    InsuranceCertificateRow,
    LocationPhotoRow,
    LocationScoutingRow,
    PermitRow,
)
from tests.storage.factory import add_production

DAY = dt.date(2027, 3, 1)


def test_records_round_trip_and_go_with_their_location(database: Database) -> None:
    with database.session() as session:
        production = add_production(session)
        place = locations.insert_location(session, production.id, LocationFields(name="Port"))
        fields = ScoutingFields(kind=LocationType.STUDIO, power_kva=Decimal("63.0"),
                                contacts=(Contact("Jo", "régie", "06", "jo@x.fr"),))  # fmt: skip
        saved = office.put_scouting(session, place, fields, expected_version=0)
        assert (saved.fields, saved.version) == (fields, 1)
        meta = PhotoRecord(0, place, "a.png", "", "image/png", 3, 1, 1)
        photo = office.insert_photo(session, place, meta, data=b"abc", thumbnail=b"t")
        assert office.thumbnails(session, [place]) == {photo.id: b"t"}
        permit = office.insert_permit(
            session, place, PermitFields("rail", status=PermitStatus.REQUESTED,
                                         covers_start=DAY, covers_end=DAY),
            DAY - dt.timedelta(days=60), "permit-lead-times@2026.1",
        )  # fmt: skip
        assert office.permits(session, production.id) == [permit]
        cert = office.insert_certificate(
            session, production.id, InsuranceFields("Axa", "P1", DAY, DAY, location_id=place)
        )
        assert office.certificates(session, production.id) == [cert]
        locations.delete_location(session, production.id, place, expected_version=1)
        for table in (LocationScoutingRow, LocationPhotoRow, PermitRow, InsuranceCertificateRow):
            assert session.scalar(select(func.count()).select_from(table)) == 0, table


@pytest.mark.parametrize(
    "row",
    [
        lambda place: PermitRow(location_id=place, authority="rail", status="lost"),
        lambda place: PermitRow(location_id=place, authority="rail", covers_start=DAY),
        lambda place: LocationScoutingRow(location_id=place, power_kva=Decimal(-1)),
        lambda place: LocationPhotoRow(location_id=place, file_name="x", content_type="image/png",
                                       size=0, width=1, height=1, data=b"", thumbnail=b""),
    ],
)  # fmt: skip
def test_the_database_refuses_impossible_rows(database: Database, row: object) -> None:
    with database.session() as session:
        production = add_production(session)
        place = locations.insert_location(session, production.id, LocationFields(name="Port"))
    with database.session() as session:
        session.add(row(place))  # type: ignore[operator]
        with pytest.raises(IntegrityError):
            session.flush()
        session.rollback()
