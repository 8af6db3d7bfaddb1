# SPDX-License-Identifier: AGPL-3.0-or-later
"""The locations office: a location's scouting record (fiche de repérage) and photos, the
permits asked of the authorities with their deadlines, and the production's insurance
certificates register.

Every edit takes the version the user saw (``StaleEdit`` otherwise); values are checked
before the transaction opens, and a photo is read and verified whole
(:func:`regie.formats.photo.read_photo`) before anything is written, its row and its bytes
then stored in one transaction. A permit's deadline is computed when it is saved and again
whenever permits are listed, from the first shoot day it covers on the current board
(:mod:`regie.services.location_conflicts`) and the lead time of its authority
(``permit-lead-times`` pack).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path, PurePath

from regie.core.errors import ValidationError
from regie.core.text import on_day, t
from regie.formats.photo import read_photo
from regie.logistics import permits as deadlines
from regie.logistics.locations import (
    Contact,
    InsuranceFields,
    InsuranceRecord,
    PermitFields,
    PermitRecord,
    PhotoRecord,
    ScoutingFields,
    ScoutingRecord,
)
from regie.office.roles import Permission, User
from regie.rules.registry import pack
from regie.services.access import production_for
from regie.services.database import Database
from regie.services.location_conflicts import (
    BoardUsage,
    board_usage,
    current_permits,
    permit_deadline,
)
from regie.storage.repos import location_office as office
from regie.storage.repos import locations

MAX_TEXT = 5_000
MAX_NAME = 200
MAX_CONTACTS = 20
MAX_PHOTOS = 60  # per location
MAX_KVA = Decimal(10_000)
MAX_HEIGHT = Decimal(500)


def _text(value: str, field: str, limit: int = MAX_TEXT) -> str:
    clean = value.replace("\r\n", "\n").strip()
    if len(clean) > limit:
        raise ValidationError(
            t("this field is limited to {max} characters", max=limit), field=field
        )
    return clean


def _measure(value: Decimal | None, field: str, limit: Decimal) -> Decimal | None:
    if value is not None and (not value.is_finite() or not 0 <= value <= limit):
        raise ValidationError(
            t("{field} must be between 0 and {limit}, not {value}",
              field=field, limit=limit, value=value),
            field=field,
        )  # fmt: skip
    return value


def _contact(contact: Contact, n: int) -> Contact:
    name = " ".join(contact.name.split())
    if not name or len(name) > MAX_NAME:
        raise ValidationError(
            t("contact {n} needs a name of 1 to {max} characters", n=n, max=MAX_NAME),
            field="contacts",
        )
    email = contact.email.strip()
    if email and ("@" not in email or " " in email or len(email) > MAX_NAME):
        raise ValidationError(
            t("'{email}' is not an e-mail address", email=email), field="contacts"
        )
    return Contact(name, _text(contact.role, "contacts", MAX_NAME),
                   _text(contact.phone, "contacts", 40), email)  # fmt: skip


def clean_scouting(fields: ScoutingFields) -> ScoutingFields:
    """The record with texts trimmed, or a ``ValidationError`` naming the field."""
    if len(fields.contacts) > MAX_CONTACTS:
        raise ValidationError(
            t("at most {max} contacts per location", max=MAX_CONTACTS), field="contacts"
        )
    texts = {
        name: _text(getattr(fields, name), name)
        for name in ("access", "prm_notes", "emergency_exits", "water", "parking",
                     "neighbours", "noise_notes")
    }  # fmt: skip
    return dataclasses.replace(
        fields,
        power_kva=_measure(fields.power_kva, "power_kva", MAX_KVA),
        working_height_m=_measure(fields.working_height_m, "working_height_m", MAX_HEIGHT),
        contacts=tuple(_contact(c, n) for n, c in enumerate(fields.contacts, start=1)),
        scouted_by=_text(fields.scouted_by, "scouted_by", MAX_NAME),
        **texts,  # type: ignore[arg-type]  # the seven text fields above, as str
    )


# -- scouting -------------------------------------------------------------------------


def get_scouting(
    db: Database, slug: str, location_id: int, *, actor: User | None
) -> ScoutingRecord:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        locations.location_row(session, production.id, location_id)
        return office.scouting(session, location_id)


def save_scouting(
    db: Database,
    slug: str,
    location_id: int,
    fields: ScoutingFields,
    expected_version: int,
    *,
    actor: User | None,
) -> ScoutingRecord:
    """Save the scouting record (``expected_version`` 0: the first save)."""
    clean = clean_scouting(fields)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        locations.location_row(session, production.id, location_id)
        return office.put_scouting(session, location_id, clean, expected_version=expected_version)


# -- photos ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PhotoFile:
    file_name: str
    content_type: str
    data: bytes


def _file_name(name: str) -> str:
    base = PurePath(name.replace("\\", "/")).name.strip()
    if not base or len(base) > MAX_NAME:
        raise ValidationError(
            t("a photo's file name has 1 to {max} characters", max=MAX_NAME), field="file"
        )
    return base


def list_photos(
    db: Database, slug: str, location_id: int, *, actor: User | None
) -> list[PhotoRecord]:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        locations.location_row(session, production.id, location_id)
        return office.photos(session, [location_id])


def add_photo(
    db: Database,
    slug: str,
    location_id: int,
    file_name: str,
    data: bytes,
    *,
    actor: User | None,
    caption: str = "",
) -> PhotoRecord:
    """Store a scouting photo. The bytes are verified and the thumbnail made before the
    transaction opens: an unreadable or over-size file stores nothing."""
    name = _file_name(file_name)
    note = _text(caption, "caption", 500)
    photo = read_photo(name, data)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        locations.location_row(session, production.id, location_id)
        if len(office.photos(session, [location_id])) >= MAX_PHOTOS:
            raise ValidationError(
                t("a location keeps at most {max} photos", max=MAX_PHOTOS),
                field="file",
                hint=t("Remove a photo first"),
            )
        meta = PhotoRecord(0, location_id, name, note, photo.content_type, len(data),
                           photo.width, photo.height)  # fmt: skip
        return office.insert_photo(session, location_id, meta, data=data, thumbnail=photo.thumbnail)


def photo_file(
    db: Database, slug: str, photo_id: int, *, actor: User | None, thumbnail: bool = False
) -> PhotoFile:
    """The photo's bytes (or its JPEG thumbnail) and its type."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        row = office.photo_row(session, production.id, photo_id)
        if thumbnail:
            return PhotoFile(row.file_name, "image/jpeg", bytes(row.thumbnail))
        return PhotoFile(row.file_name, row.content_type, bytes(row.data))


def remove_photo(
    db: Database, slug: str, photo_id: int, expected_version: int, *, actor: User | None
) -> None:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        office.delete_photo(session, production.id, photo_id, expected_version=expected_version)


# -- permits --------------------------------------------------------------------------


def authorities(rule_dirs: tuple[Path, ...] = ()) -> list[deadlines.LeadTime]:
    """The kinds of authority of the ``permit-lead-times`` pack with their lead times."""
    found = deadlines.lead_times(pack(deadlines.PACK_ID, extra_dirs=rule_dirs))
    return [found[k] for k in sorted(found)]


def _check_permit(
    fields: PermitFields, usage: BoardUsage, rule_dirs: tuple[Path, ...]
) -> PermitFields:
    deadlines.lead_time(pack(deadlines.PACK_ID, extra_dirs=rule_dirs), fields.authority)
    start, end = fields.covers_start, fields.covers_end
    if (start is None) != (end is None):
        raise ValidationError(
            t("give both the first and the last shoot day the permit covers, or neither"),
            field="covers_start",
        )
    if start is not None and end is not None and start > end:
        raise ValidationError(
            t("the permit ends ({end}) before it starts ({start})",
              end=on_day(end), start=on_day(start)),
            field="covers_end",
        )  # fmt: skip
    first = usage.first_shoot_day
    if start is not None and first is not None and start < first:
        raise ValidationError(
            t("the permit starts on {start}, before the production starts shooting on {first}",
              start=on_day(start), first=on_day(first)),
            field="covers_start",
            hint=t("Shoot days start on the schedule's first day; check the dates"),
        )  # fmt: skip
    return dataclasses.replace(
        fields,
        authority_name=_text(fields.authority_name, "authority_name", MAX_NAME),
        reference=_text(fields.reference, "reference", MAX_NAME),
        notes=_text(fields.notes, "notes"),
    )


def list_permits(
    db: Database,
    slug: str,
    *,
    actor: User | None,
    location_id: int | None = None,
    rule_dirs: tuple[Path, ...] = (),
) -> list[PermitRecord]:
    """The permits (of one location, or all), deadlines from the current board."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        if location_id is not None:
            locations.location_row(session, production.id, location_id)
        found = current_permits(session, production, board_usage(session, production), rule_dirs)
    return [p for p in found if location_id is None or p.location_id == location_id]


def add_permit(
    db: Database,
    slug: str,
    location_id: int,
    fields: PermitFields,
    *,
    actor: User | None,
    rule_dirs: tuple[Path, ...] = (),
) -> PermitRecord:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        locations.location_row(session, production.id, location_id)
        usage = board_usage(session, production)
        clean = _check_permit(fields, usage, rule_dirs)
        due, rule = permit_deadline(clean, usage.dates.get(location_id, ()), rule_dirs)
        return office.insert_permit(session, location_id, clean, due, rule)


def update_permit(
    db: Database,
    slug: str,
    permit_id: int,
    fields: PermitFields,
    expected_version: int,
    *,
    actor: User | None,
    rule_dirs: tuple[Path, ...] = (),
) -> PermitRecord:
    """Change a permit (its status, request date, dates covered...)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        row = office.permit_row(session, production.id, permit_id)
        usage = board_usage(session, production)
        clean = _check_permit(fields, usage, rule_dirs)
        due, rule = permit_deadline(clean, usage.dates.get(row.location_id, ()), rule_dirs)
        return office.update_permit(
            session, production.id, permit_id, clean,
            deadline=due, rule=rule, expected_version=expected_version,
        )  # fmt: skip


def remove_permit(
    db: Database, slug: str, permit_id: int, expected_version: int, *, actor: User | None
) -> None:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        office.delete_permit(session, production.id, permit_id, expected_version=expected_version)


# -- insurance certificates -----------------------------------------------------------


def _check_certificate(fields: InsuranceFields) -> InsuranceFields:
    insurer = " ".join(fields.insurer.split())
    policy = " ".join(fields.policy_number.split())
    if not insurer or len(insurer) > MAX_NAME:
        raise ValidationError(
            t("the insurer's name has 1 to {max} characters", max=MAX_NAME), field="insurer"
        )
    if not policy or len(policy) > MAX_NAME:
        raise ValidationError(
            t("the policy number has 1 to {max} characters", max=MAX_NAME),
            field="policy_number",
        )
    if fields.valid_from > fields.valid_to:
        raise ValidationError(
            t("the certificate ends ({end}) before it starts ({start})",
              end=on_day(fields.valid_to), start=on_day(fields.valid_from)),
            field="valid_to",
        )  # fmt: skip
    amount = fields.amount
    if amount is not None and (not amount.is_finite() or amount < 0):
        raise ValidationError(t("an amount cannot be negative"), field="amount")
    return dataclasses.replace(
        fields,
        insurer=insurer,
        policy_number=policy,
        holder=_text(fields.holder, "holder", MAX_NAME),
        amount=None if amount is None else amount.quantize(Decimal("0.01")),
        file_name=_text(fields.file_name, "file_name", 500),
        notes=_text(fields.notes, "notes"),
    )


def list_certificates(db: Database, slug: str, *, actor: User | None) -> list[InsuranceRecord]:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        return office.certificates(session, production.id)


def add_certificate(
    db: Database, slug: str, fields: InsuranceFields, *, actor: User | None
) -> InsuranceRecord:
    clean = _check_certificate(fields)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        if clean.location_id is not None:
            locations.location_row(session, production.id, clean.location_id)
        return office.insert_certificate(session, production.id, clean)


def update_certificate(
    db: Database,
    slug: str,
    certificate_id: int,
    fields: InsuranceFields,
    expected_version: int,
    *,
    actor: User | None,
) -> InsuranceRecord:
    clean = _check_certificate(fields)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        if clean.location_id is not None:
            locations.location_row(session, production.id, clean.location_id)
        return office.update_certificate(
            session, production.id, certificate_id, clean, expected_version=expected_version
        )


def remove_certificate(
    db: Database, slug: str, certificate_id: int, expected_version: int, *, actor: User | None
) -> None:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        office.delete_certificate(
            session, production.id, certificate_id, expected_version=expected_version
        )
