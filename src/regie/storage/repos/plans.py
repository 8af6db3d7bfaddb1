# SPDX-License-Identifier: AGPL-3.0-or-later
"""Backward plans (rétroplannings) of a production, stored as their JSON document.

The repository knows the document only as text: reading and writing its shape belongs to
:mod:`regie.formats.plan_file`, which the services call on either side.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from regie.core.errors import Conflict, NotFound
from regie.core.text import Text, t
from regie.storage.base import utc_now
from regie.storage.guard import check_version, flush_edit, unique
from regie.storage.tables.plans import PlanRow


@dataclass(frozen=True, slots=True)
class StoredPlanRow:
    """A stored plan: its name, kind, delivery date and document (JSON text)."""

    id: int
    production_id: int
    name: str
    kind: str | None
    delivery: dt.date
    document: str
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int


def plan_named(plan_id: int) -> Text:
    """``plan 3``: the record an edit or a refusal names."""
    return t("backward plan {number}", number=plan_id)


def _record(row: PlanRow) -> StoredPlanRow:
    return StoredPlanRow(
        id=row.id,
        production_id=row.production_id,
        name=row.name,
        kind=row.kind,
        delivery=row.delivery,
        document=row.document_json,
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.version,
    )


def _row(session: Session, production_id: int, plan_id: int) -> PlanRow:
    row = session.get(PlanRow, plan_id)
    if row is None or row.production_id != production_id:
        raise NotFound(
            t("no backward plan {number} in this production", number=plan_id),
            hint=t("List the plans with `regie plan list`"),
        )
    return row


def _name_taken(session: Session, production_id: int, name: str) -> None:
    taken = session.scalar(
        select(func.count())
        .select_from(PlanRow)
        .where(PlanRow.production_id == production_id, PlanRow.name == name)
    )
    if taken:
        raise Conflict(
            t("a backward plan is already named {name}", name=name),
            hint=t("Choose another name"),
        )


def names(session: Session, production_id: int) -> set[str]:
    return set(session.scalars(select(PlanRow.name).where(PlanRow.production_id == production_id)))


def insert_plan(
    session: Session,
    production_id: int,
    *,
    name: str,
    kind: str | None,
    delivery: dt.date,
    document: str,
) -> StoredPlanRow:
    _name_taken(session, production_id, name)
    row = PlanRow(
        production_id=production_id,
        name=name,
        kind=kind,
        delivery=delivery,
        document_json=document,
    )
    with unique(
        t("a backward plan is already named {name}", name=name), hint=t("Choose another name")
    ):
        session.add(row)
        session.flush()
    return _record(row)


def plan(session: Session, production_id: int, plan_id: int) -> StoredPlanRow:
    return _record(_row(session, production_id, plan_id))


def list_plans(session: Session, production_id: int) -> list[StoredPlanRow]:
    """The production's plans, oldest first."""
    rows = session.scalars(
        select(PlanRow).where(PlanRow.production_id == production_id).order_by(PlanRow.id)
    )
    return [_record(row) for row in rows]


def update_document(
    session: Session,
    production_id: int,
    plan_id: int,
    *,
    document: str,
    delivery: dt.date,
    expected_version: int,
) -> StoredPlanRow:
    """Replace the plan's document, refusing an edit made on another version."""
    row = _row(session, production_id, plan_id)
    check_version(plan_named(plan_id), stored=row.version, expected=expected_version)
    row.document_json = document
    row.delivery = delivery
    row.updated_at = utc_now()
    flush_edit(session, row, plan_named(plan_id), expected=expected_version)
    return _record(row)


def delete_plan(
    session: Session, production_id: int, plan_id: int, *, expected_version: int
) -> None:
    row = _row(session, production_id, plan_id)
    check_version(plan_named(plan_id), stored=row.version, expected=expected_version)
    session.delete(row)
    flush_edit(session, row, plan_named(plan_id), expected=expected_version)
