# SPDX-License-Identifier: AGPL-3.0-or-later
"""Deliverables of a production as stored: rows to and from
:class:`~regie.media.catalog.DeliverableRecord`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from regie.core.errors import NotFound
from regie.core.text import Text, t
from regie.media.catalog import DeliverableRecord, check_from_json, check_to_json
from regie.media.deliverables import Deliverable, DeliverableStatus, StatusChange
from regie.storage.guard import check_version, flush_edit, unique
from regie.storage.tables.media import DeliverableRow


def _history_to_json(history: tuple[StatusChange, ...]) -> list[dict[str, Any]]:
    return [{"status": c.status.value, "on": c.on.isoformat(), "note": c.note} for c in history]


def _history_from_json(raw: list[dict[str, Any]] | None) -> tuple[StatusChange, ...]:
    return tuple(
        StatusChange(
            DeliverableStatus(str(c["status"])),
            dt.date.fromisoformat(str(c["on"])),
            None if c.get("note") is None else str(c["note"]),
        )
        for c in raw or ()
    )


def record(row: DeliverableRow) -> DeliverableRecord:
    item = Deliverable(
        id=row.key,
        title_fr=row.title_fr,
        title_en=row.title_en,
        kind=row.category,
        origin=row.origin,
        spec=row.outlet,
        status=DeliverableStatus(row.status),
        history=_history_from_json(row.history),
    )
    return DeliverableRecord(
        id=row.id,
        production_id=row.production_id,
        item=item,
        template=row.template,
        due=row.due_date,
        note=row.note,
        master_path=row.master_path,
        check=None if row.last_check is None else check_from_json(row.last_check),
        version=row.version,
    )


def _named(key: str) -> Text:
    return t("deliverable '{key}'", key=key)


def _apply(row: DeliverableRow, found: DeliverableRecord) -> None:
    item = found.item
    row.key = item.id
    row.title_fr = item.title_fr
    row.title_en = item.title_en
    row.category = item.kind
    row.origin = item.origin
    row.outlet = item.spec
    row.status = item.status.value
    row.history = _history_to_json(item.history)
    row.template = found.template
    row.due_date = found.due
    row.note = found.note
    row.master_path = found.master_path
    row.last_check = None if found.check is None else check_to_json(found.check)


def keys(session: Session, production_id: int) -> set[str]:
    """The keys already used in the production's list."""
    query = select(DeliverableRow.key).where(DeliverableRow.production_id == production_id)
    return set(session.scalars(query))


def insert_deliverable(session: Session, found: DeliverableRecord) -> int:
    """Store a new deliverable (``found.id`` and ``found.version`` are ignored); its id."""
    row = DeliverableRow(production_id=found.production_id)
    _apply(row, found)
    session.add(row)
    with unique(
        t("a deliverable '{key}' is already in the list", key=found.key),
        hint=t("Give the new deliverable another title"),
    ):
        session.flush()
    return row.id


def _row(session: Session, production_id: int, deliverable_id: int) -> DeliverableRow:
    row = session.get(DeliverableRow, deliverable_id)
    if row is None or row.production_id != production_id:
        raise NotFound(
            t("no deliverable #{id} in this production", id=deliverable_id),
            hint=t("Reload the list of deliverables"),
        )
    return row


def get_deliverable(session: Session, production_id: int, deliverable_id: int) -> DeliverableRecord:
    return record(_row(session, production_id, deliverable_id))


def list_deliverables(session: Session, production_id: int) -> list[DeliverableRecord]:
    """The production's deliverables in the order they were added."""
    query = (
        select(DeliverableRow)
        .where(DeliverableRow.production_id == production_id)
        .order_by(DeliverableRow.id)
    )
    return [record(row) for row in session.scalars(query)]


def update_deliverable(session: Session, found: DeliverableRecord, *, expected_version: int) -> int:
    """Write ``found`` over the stored deliverable of the same id if its version is still
    ``expected_version`` (``StaleEdit`` otherwise); the new version."""
    row = _row(session, found.production_id, found.id)
    named = _named(row.key)
    check_version(named, stored=row.version, expected=expected_version)
    _apply(row, found)
    with unique(
        t("a deliverable '{key}' is already in the list", key=found.key),
        hint=t("Give the deliverable another title"),
    ):
        flush_edit(session, row, named, expected=expected_version)
    return row.version


def delete_deliverable(
    session: Session, production_id: int, deliverable_id: int, *, expected_version: int
) -> None:
    row = _row(session, production_id, deliverable_id)
    named = _named(row.key)
    check_version(named, stored=row.version, expected=expected_version)
    session.delete(row)
    flush_edit(session, row, named, expected=expected_version)
