# SPDX-License-Identifier: AGPL-3.0-or-later
"""The locations office's rows as domain records: scouting records, photos (the bytes only
on request), permits and insurance certificates. Every lookup checks that the record
belongs to the production (through its location): another production's id is
``NotFound``."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from regie.core.errors import NotFound, StaleEdit
from regie.core.text import Text, t
from regie.logistics.locations import (
    Contact,
    InsuranceFields,
    InsuranceRecord,
    LocationType,
    NoiseLevel,
    PermitFields,
    PermitRecord,
    PermitStatus,
    PhotoRecord,
    ScoutingFields,
    ScoutingRecord,
)
from regie.storage.guard import check_version, flush_edit
from regie.storage.tables import LocationRow
from regie.storage.tables.location_office import (
    InsuranceCertificateRow,
    LocationPhotoRow,
    LocationScoutingRow,
    PermitRow,
)

# -- scouting -------------------------------------------------------------------------


def _scouting(row: LocationScoutingRow) -> ScoutingRecord:
    contacts = tuple(Contact(**c) for c in json.loads(row.contacts_json))
    return ScoutingRecord(
        location_id=row.location_id,
        fields=ScoutingFields(
            kind=LocationType(row.kind) if row.kind else None,
            access=row.access,
            prm_access=row.prm_access,
            prm_notes=row.prm_notes,
            power_kva=row.power_kva,
            generator_needed=row.generator_needed,
            emergency_exits=row.emergency_exits,
            working_height_m=row.working_height_m,
            water=row.water,
            parking=row.parking,
            neighbours=row.neighbours,
            noise=NoiseLevel(row.noise),
            noise_notes=row.noise_notes,
            contacts=contacts,
            scouted_on=row.scouted_on,
            scouted_by=row.scouted_by,
        ),
        version=row.version,
    )


def scouting(session: Session, location_id: int) -> ScoutingRecord:
    """The location's scouting record; an empty one (version 0) when never saved."""
    row = session.get(LocationScoutingRow, location_id)
    return ScoutingRecord(location_id, ScoutingFields()) if row is None else _scouting(row)


def scoutings(session: Session, location_ids: Sequence[int]) -> dict[int, ScoutingRecord]:
    rows = session.scalars(
        select(LocationScoutingRow).where(LocationScoutingRow.location_id.in_(location_ids))
    )
    return {row.location_id: _scouting(row) for row in rows}


def put_scouting(
    session: Session, location_id: int, fields: ScoutingFields, *, expected_version: int
) -> ScoutingRecord:
    """Save the record; ``expected_version`` 0 for the first save."""
    row = session.get(LocationScoutingRow, location_id)
    record = t("the scouting record of location #{id}", id=location_id)
    check_version(record, stored=0 if row is None else row.version, expected=expected_version)
    if row is None:
        row = LocationScoutingRow(location_id=location_id)
        session.add(row)
    row.kind = fields.kind.value if fields.kind else None
    row.access = fields.access
    row.prm_access = fields.prm_access
    row.prm_notes = fields.prm_notes
    row.power_kva = fields.power_kva
    row.generator_needed = fields.generator_needed
    row.emergency_exits = fields.emergency_exits
    row.working_height_m = fields.working_height_m
    row.water = fields.water
    row.parking = fields.parking
    row.neighbours = fields.neighbours
    row.noise = fields.noise.value
    row.noise_notes = fields.noise_notes
    row.scouted_on = fields.scouted_on
    row.scouted_by = fields.scouted_by
    row.contacts_json = json.dumps(
        [{"name": c.name, "role": c.role, "phone": c.phone, "email": c.email}
         for c in fields.contacts],
        ensure_ascii=False,
    )  # fmt: skip
    if expected_version == 0:
        session.flush()
    else:
        _flush_scouting(session, row, record, expected_version)
    return _scouting(row)


def _flush_scouting(
    session: Session, row: LocationScoutingRow, record: Text, expected: int
) -> None:
    """Flush an edit; a concurrent save that won the race gives ``StaleEdit``."""
    location_id = row.location_id
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        stored = session.scalar(
            select(LocationScoutingRow.version).where(
                LocationScoutingRow.location_id == location_id
            )
        )
        raise StaleEdit(
            record,
            expected=expected,
            actual=stored or 0,
        ) from None


# -- photos ---------------------------------------------------------------------------


def _photo(row: LocationPhotoRow) -> PhotoRecord:
    return PhotoRecord(
        id=row.id,
        location_id=row.location_id,
        file_name=row.file_name,
        caption=row.caption,
        content_type=row.content_type,
        size=row.size,
        width=row.width,
        height=row.height,
        version=row.version,
    )


def photos(session: Session, location_ids: Sequence[int]) -> list[PhotoRecord]:
    rows = session.scalars(
        select(LocationPhotoRow)
        .where(LocationPhotoRow.location_id.in_(location_ids))
        .order_by(LocationPhotoRow.location_id, LocationPhotoRow.id)
    )
    return [_photo(row) for row in rows]


def insert_photo(
    session: Session,
    location_id: int,
    photo: PhotoRecord,
    *,
    data: bytes,
    thumbnail: bytes,
) -> PhotoRecord:
    """Store the photo (its row and its bytes in the same flush)."""
    row = LocationPhotoRow(
        location_id=location_id,
        file_name=photo.file_name,
        caption=photo.caption,
        content_type=photo.content_type,
        size=photo.size,
        width=photo.width,
        height=photo.height,
        data=data,
        thumbnail=thumbnail,
    )
    session.add(row)
    session.flush()
    return _photo(row)


def photo_row(session: Session, production_id: int, photo_id: int) -> LocationPhotoRow:
    row = session.get(LocationPhotoRow, photo_id)
    place = None if row is None else session.get(LocationRow, row.location_id)
    if row is None or place is None or place.production_id != production_id:
        raise NotFound(
            t("no photo #{id} in this production", id=photo_id),
            hint=t("Reload the location's page"),
        )
    return row


def thumbnails(session: Session, location_ids: Sequence[int]) -> dict[int, bytes]:
    """``{photo id: JPEG thumbnail}`` of the locations' photos."""
    rows = session.execute(
        select(LocationPhotoRow.id, LocationPhotoRow.thumbnail).where(
            LocationPhotoRow.location_id.in_(location_ids)
        )
    )
    return {photo_id: bytes(data) for photo_id, data in rows}


def delete_photo(
    session: Session, production_id: int, photo_id: int, *, expected_version: int
) -> None:
    row = photo_row(session, production_id, photo_id)
    record = t("photo '{name}'", name=row.file_name)
    check_version(record, stored=row.version, expected=expected_version)
    session.delete(row)
    flush_edit(session, row, record, expected=expected_version)


# -- permits --------------------------------------------------------------------------


def _permit(row: PermitRow) -> PermitRecord:
    return PermitRecord(
        id=row.id,
        location_id=row.location_id,
        fields=PermitFields(
            authority=row.authority,
            authority_name=row.authority_name,
            reference=row.reference,
            requested_on=row.requested_on,
            status=PermitStatus(row.status),
            covers_start=row.covers_start,
            covers_end=row.covers_end,
            notes=row.notes,
        ),
        deadline=row.deadline,
        lead_rule=row.lead_rule,
        version=row.version,
    )


def _apply_permit(
    row: PermitRow, fields: PermitFields, deadline: dt.date | None, rule: str
) -> None:
    row.authority = fields.authority
    row.authority_name = fields.authority_name
    row.reference = fields.reference
    row.requested_on = fields.requested_on
    row.status = fields.status.value
    row.covers_start = fields.covers_start
    row.covers_end = fields.covers_end
    row.notes = fields.notes
    row.deadline = deadline
    row.lead_rule = rule


def permits(session: Session, production_id: int) -> list[PermitRecord]:
    rows = session.scalars(
        select(PermitRow)
        .join(LocationRow, LocationRow.id == PermitRow.location_id)
        .where(LocationRow.production_id == production_id)
        .order_by(LocationRow.name, PermitRow.id)
    )
    return [_permit(row) for row in rows]


def permit_row(session: Session, production_id: int, permit_id: int) -> PermitRow:
    row = session.get(PermitRow, permit_id)
    place = None if row is None else session.get(LocationRow, row.location_id)
    if row is None or place is None or place.production_id != production_id:
        raise NotFound(
            t("no permit #{id} in this production", id=permit_id),
            hint=t("`regie location permit list` gives their numbers"),
        )
    return row


def insert_permit(
    session: Session, location_id: int, fields: PermitFields, deadline: dt.date | None, rule: str
) -> PermitRecord:
    row = PermitRow(location_id=location_id)
    _apply_permit(row, fields, deadline, rule)
    session.add(row)
    session.flush()
    return _permit(row)


def update_permit(
    session: Session,
    production_id: int,
    permit_id: int,
    fields: PermitFields,
    *,
    deadline: dt.date | None,
    rule: str,
    expected_version: int,
) -> PermitRecord:
    row = permit_row(session, production_id, permit_id)
    record = t("permit #{id}", id=permit_id)
    check_version(record, stored=row.version, expected=expected_version)
    _apply_permit(row, fields, deadline, rule)
    flush_edit(session, row, record, expected=expected_version)
    return _permit(row)


def delete_permit(
    session: Session, production_id: int, permit_id: int, *, expected_version: int
) -> None:
    row = permit_row(session, production_id, permit_id)
    record = t("permit #{id}", id=permit_id)
    check_version(record, stored=row.version, expected=expected_version)
    session.delete(row)
    flush_edit(session, row, record, expected=expected_version)


# -- insurance certificates -----------------------------------------------------------


def _certificate(row: InsuranceCertificateRow) -> InsuranceRecord:
    return InsuranceRecord(
        id=row.id,
        fields=InsuranceFields(
            insurer=row.insurer,
            policy_number=row.policy_number,
            valid_from=row.valid_from,
            valid_to=row.valid_to,
            location_id=row.location_id,
            holder=row.holder,
            amount=row.amount,
            file_name=row.file_name,
            notes=row.notes,
        ),
        version=row.version,
    )


def _apply_certificate(row: InsuranceCertificateRow, fields: InsuranceFields) -> None:
    row.location_id = fields.location_id
    row.holder = fields.holder
    row.insurer = fields.insurer
    row.policy_number = fields.policy_number
    row.valid_from = fields.valid_from
    row.valid_to = fields.valid_to
    row.amount = fields.amount
    row.file_name = fields.file_name
    row.notes = fields.notes


def certificates(session: Session, production_id: int) -> list[InsuranceRecord]:
    rows = session.scalars(
        select(InsuranceCertificateRow)
        .where(InsuranceCertificateRow.production_id == production_id)
        .order_by(InsuranceCertificateRow.valid_to, InsuranceCertificateRow.id)
    )
    return [_certificate(row) for row in rows]


def certificate_row(
    session: Session, production_id: int, certificate_id: int
) -> InsuranceCertificateRow:
    row = session.get(InsuranceCertificateRow, certificate_id)
    if row is None or row.production_id != production_id:
        raise NotFound(
            t("no insurance certificate #{id} in this production", id=certificate_id),
            hint=t("Reload the insurance register"),
        )
    return row


def insert_certificate(
    session: Session, production_id: int, fields: InsuranceFields
) -> InsuranceRecord:
    row = InsuranceCertificateRow(production_id=production_id)
    _apply_certificate(row, fields)
    session.add(row)
    session.flush()
    return _certificate(row)


def update_certificate(
    session: Session,
    production_id: int,
    certificate_id: int,
    fields: InsuranceFields,
    *,
    expected_version: int,
) -> InsuranceRecord:
    row = certificate_row(session, production_id, certificate_id)
    record = t("insurance certificate #{id}", id=certificate_id)
    check_version(record, stored=row.version, expected=expected_version)
    _apply_certificate(row, fields)
    flush_edit(session, row, record, expected=expected_version)
    return _certificate(row)


def delete_certificate(
    session: Session, production_id: int, certificate_id: int, *, expected_version: int
) -> None:
    row = certificate_row(session, production_id, certificate_id)
    record = t("insurance certificate #{id}", id=certificate_id)
    check_version(record, stored=row.version, expected=expected_version)
    session.delete(row)
    flush_edit(session, row, record, expected=expected_version)
