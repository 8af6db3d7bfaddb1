# SPDX-License-Identifier: AGPL-3.0-or-later
"""Call sheets: the entered extras of a board day, the issued (frozen) versions and their
recipients with the SHA-256 of their personal link's token.

Maps (meal counts) and lists (pick-ups) of the extras are JSON text; pick-up times are
``HH:MM`` strings.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from regie.core.errors import NotFound
from regie.core.production import Production
from regie.core.text import t
from regie.office.callsheet import CallSheetExtras, Pickup
from regie.office.callsheet_catalog import DayExtras, FrozenSheet, IssuedSheet, Recipient
from regie.storage.base import utc_now
from regie.storage.guard import check_version, flush_edit, unique
from regie.storage.repos import records
from regie.storage.tables import (
    CallSheetDayRow,
    CallSheetRecipientRow,
    CallSheetRow,
    ProductionRow,
    UserRow,
)


def _pickups_json(pickups: Sequence[Pickup]) -> str:
    return json.dumps(
        [
            {"engagement": p.engagement, "time": p.time.strftime("%H:%M"), "place": p.place}
            for p in pickups
        ],
        ensure_ascii=False,
    )


def _pickups(raw: str) -> tuple[Pickup, ...]:
    return tuple(
        Pickup(int(p["engagement"]), dt.time.fromisoformat(str(p["time"])), str(p["place"]))
        for p in json.loads(raw or "[]")
    )


def _extras(row: CallSheetDayRow) -> DayExtras:
    counts: dict[str, Any] = json.loads(row.meal_counts_json or "{}")
    return DayExtras(
        board_id=row.board_id,
        day_index=row.day_index,
        extras=CallSheetExtras(
            weather=row.weather,
            parking=row.parking,
            hospital=row.hospital,
            safety_notes=row.safety_notes,
            harassment_contact=row.harassment_contact,
            meal_counts={str(k): int(v) for k, v in counts.items()},
            pickups=_pickups(row.pickups_json),
            notes=row.notes,
        ),
        version=row.version,
    )


def _day_row(session: Session, board_id: int, day_index: int) -> CallSheetDayRow | None:
    return session.scalar(
        select(CallSheetDayRow).where(
            CallSheetDayRow.board_id == board_id, CallSheetDayRow.day_index == day_index
        )
    )


def day_extras(session: Session, board_id: int, day_index: int) -> DayExtras:
    """The extras entered for the day (empty, version 0, when none were)."""
    row = _day_row(session, board_id, day_index)
    return _extras(row) if row is not None else DayExtras(board_id, day_index, CallSheetExtras())


def put_day_extras(
    session: Session,
    production_id: int,
    board_id: int,
    day_index: int,
    extras: CallSheetExtras,
    *,
    expected_version: int,
) -> DayExtras:
    """Store the day's extras; ``expected_version`` 0 when nothing was entered yet."""
    record = t("the call sheet of day {day}", day=day_index + 1)
    row = _day_row(session, board_id, day_index)
    check_version(record, stored=0 if row is None else row.version, expected=expected_version)
    created = row is None
    if row is None:
        row = CallSheetDayRow(production_id=production_id, board_id=board_id, day_index=day_index)
        session.add(row)
    row.weather = extras.weather
    row.parking = extras.parking
    row.hospital = extras.hospital
    row.safety_notes = extras.safety_notes
    row.harassment_contact = extras.harassment_contact
    row.meal_counts_json = json.dumps(dict(sorted(extras.meal_counts.items())), ensure_ascii=False)
    row.pickups_json = _pickups_json(extras.pickups)
    row.notes = extras.notes
    row.updated_at = utc_now()
    if created:
        with unique(record, hint=t("Someone saved this day at the same moment: reload the page")):
            session.flush()
    else:
        flush_edit(session, row, record, expected=expected_version)
    return _extras(row)


def _sheet_query() -> Any:
    # Only the listing's columns: the documents (JSON, HTML, PDF) stay in the database.
    return select(
        CallSheetRow.id,
        CallSheetRow.board_id,
        CallSheetRow.day_index,
        CallSheetRow.number,
        CallSheetRow.shoot_date,
        CallSheetRow.schedule_number,
        CallSheetRow.schedule_version,
        CallSheetRow.board_version,
        CallSheetRow.extras_version,
        CallSheetRow.error_count,
        CallSheetRow.warning_count,
        CallSheetRow.locale,
        CallSheetRow.created_at,
        CallSheetRow.version,
        UserRow.display_name,
    ).outerjoin(UserRow, UserRow.id == CallSheetRow.created_by_id)


def _from_columns(row: Any) -> IssuedSheet:
    return IssuedSheet(
        id=row.id,
        board_id=row.board_id,
        day_index=row.day_index,
        number=row.number,
        date=row.shoot_date,
        schedule_number=row.schedule_number,
        schedule_version=row.schedule_version,
        board_version=row.board_version,
        extras_version=row.extras_version,
        error_count=row.error_count,
        warning_count=row.warning_count,
        locale=row.locale,
        created_at=row.created_at,
        created_by=row.display_name,
        version=row.version,
    )


def insert_sheet(
    session: Session,
    *,
    production_id: int,
    board_id: int,
    day_index: int,
    shoot_date: dt.date,
    schedule_number: int,
    schedule_version: int,
    board_version: int,
    extras_version: int,
    error_count: int,
    warning_count: int,
    locale: str,
    sheet_json: str,
    fragment_html: str,
    pdf: bytes,
    created_by_id: int | None,
) -> IssuedSheet:
    """Freeze a new version of the day's sheet, numbered after the last one."""
    last = session.scalar(
        select(func.max(CallSheetRow.number)).where(
            CallSheetRow.board_id == board_id, CallSheetRow.day_index == day_index
        )
    )
    row = CallSheetRow(
        production_id=production_id,
        board_id=board_id,
        day_index=day_index,
        number=(last or 0) + 1,
        shoot_date=shoot_date,
        schedule_number=schedule_number,
        schedule_version=schedule_version,
        board_version=board_version,
        extras_version=extras_version,
        error_count=error_count,
        warning_count=warning_count,
        locale=locale,
        sheet_json=sheet_json,
        fragment_html=fragment_html,
        pdf=pdf,
        created_by_id=created_by_id,
    )
    session.add(row)
    with unique(
        t("another version of this call sheet was issued at the same moment"),
        hint=t("Reload the page and issue it again if needed"),
    ):
        session.flush()
    return sheet(session, production_id, row.id)


def list_sheets(
    session: Session, production_id: int, board_id: int, day_index: int | None = None
) -> list[IssuedSheet]:
    """Issued versions of a board's sheets (of one day when given), newest first."""
    query = _sheet_query().where(
        CallSheetRow.production_id == production_id, CallSheetRow.board_id == board_id
    )
    if day_index is not None:
        query = query.where(CallSheetRow.day_index == day_index)
    query = query.order_by(CallSheetRow.day_index, CallSheetRow.number.desc())
    return [_from_columns(row) for row in session.execute(query)]


def latest_number(session: Session, board_id: int, day_index: int) -> int:
    found = session.scalar(
        select(func.max(CallSheetRow.number)).where(
            CallSheetRow.board_id == board_id, CallSheetRow.day_index == day_index
        )
    )
    return found or 0


def _no_sheet(sheet_id: int) -> NotFound:
    return NotFound(
        t("no issued call sheet #{id} in this production", id=sheet_id),
        hint=t("Open the day's call sheet page to see its versions"),
    )


def sheet(session: Session, production_id: int, sheet_id: int) -> IssuedSheet:
    row = session.execute(
        _sheet_query().where(
            CallSheetRow.id == sheet_id, CallSheetRow.production_id == production_id
        )
    ).one_or_none()
    if row is None:
        raise _no_sheet(sheet_id)
    return _from_columns(row)


def frozen(session: Session, production_id: int, sheet_id: int) -> FrozenSheet:
    """The issued sheet with its documents."""
    issued = sheet(session, production_id, sheet_id)
    row = session.get(CallSheetRow, sheet_id)
    assert row is not None  # noqa: S101 - read just above, in the same transaction
    return FrozenSheet(issued, json.loads(row.sheet_json), row.fragment_html, bytes(row.pdf))


def sheet_for_link(session: Session, sheet_id: int) -> tuple[Production, IssuedSheet, str]:
    """The production, the issued sheet and its HTML fragment, for a personal link
    (which carries no production name)."""
    row = session.get(CallSheetRow, sheet_id)
    if row is None:
        raise _no_sheet(sheet_id)
    production_row = session.get(ProductionRow, row.production_id)
    assert production_row is not None  # noqa: S101 - a foreign key with ON DELETE CASCADE
    return (
        records.production(production_row),
        sheet(session, row.production_id, sheet_id),
        row.fragment_html,
    )


def pdf(session: Session, sheet_id: int) -> bytes:
    found = session.scalar(select(CallSheetRow.pdf).where(CallSheetRow.id == sheet_id))
    if found is None:
        raise _no_sheet(sheet_id)
    return bytes(found)


def _recipient(row: CallSheetRecipientRow) -> Recipient:
    return Recipient(
        id=row.id,
        sheet_id=row.sheet_id,
        engagement_id=row.engagement_id,
        name=row.name,
        email=row.email,
        sent_at=row.sent_at,
        opened_at=row.opened_at,
        confirmed_at=row.confirmed_at,
        send_error=row.send_error,
        version=row.version,
    )


def recipients(session: Session, sheet_id: int) -> list[Recipient]:
    rows = session.scalars(
        select(CallSheetRecipientRow)
        .where(CallSheetRecipientRow.sheet_id == sheet_id)
        .order_by(CallSheetRecipientRow.id)
    )
    return [_recipient(row) for row in rows]


def add_recipients(
    session: Session, sheet_id: int, people: Sequence[tuple[int, str, str | None]]
) -> None:
    """Add ``(engagement id, name, e-mail or None)`` for those not on the sheet yet."""
    known = set(
        session.scalars(
            select(CallSheetRecipientRow.engagement_id).where(
                CallSheetRecipientRow.sheet_id == sheet_id
            )
        )
    )
    session.add_all(
        CallSheetRecipientRow(sheet_id=sheet_id, engagement_id=eid, name=name, email=email)
        for eid, name, email in people
        if eid not in known
    )
    with unique(
        t("this call sheet is being sent by someone else at the same moment"),
        hint=t("Reload the confirmation board"),
    ):
        session.flush()


def _recipient_row(session: Session, recipient_id: int) -> CallSheetRecipientRow:
    row = session.get(CallSheetRecipientRow, recipient_id)
    if row is None:
        raise NotFound(t("no recipient #{id}", id=recipient_id), hint=t("Reload the page"))
    return row


def set_token(session: Session, recipient_id: int, token_sha256: str) -> None:
    """Give the recipient a new personal link (the previous one stops working)."""
    row = _recipient_row(session, recipient_id)
    row.token_sha256 = token_sha256
    row.send_error = None
    session.flush()


def mark_sent(
    session: Session, recipient_id: int, *, at: dt.datetime | None, error: str | None
) -> Recipient:
    """Record a sending: its time, or the error that stopped it."""
    row = _recipient_row(session, recipient_id)
    row.sent_at = at
    row.send_error = error
    session.flush()
    return _recipient(row)


def recipient_by_token(session: Session, token_sha256: str) -> Recipient:
    row = session.scalar(
        select(CallSheetRecipientRow).where(CallSheetRecipientRow.token_sha256 == token_sha256)
    )
    if row is None:
        raise NotFound(
            t("this call sheet link is not valid"),
            hint=t("Open the latest e-mail you received, or ask the production office"),
        )
    return _recipient(row)


def mark_opened(session: Session, recipient_id: int, at: dt.datetime) -> Recipient:
    """The first opening of the link (later ones leave it as it is)."""
    row = _recipient_row(session, recipient_id)
    if row.opened_at is None:
        row.opened_at = at
        session.flush()
    return _recipient(row)


def mark_confirmed(session: Session, recipient_id: int, at: dt.datetime) -> Recipient:
    """The recipient confirmed they received the sheet (the first time counts)."""
    row = _recipient_row(session, recipient_id)
    if row.opened_at is None:
        row.opened_at = at
    if row.confirmed_at is None:
        row.confirmed_at = at
    session.flush()
    return _recipient(row)
