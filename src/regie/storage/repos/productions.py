# SPDX-License-Identifier: AGPL-3.0-or-later
"""Productions: insert, look up by slug, list (all or a user's), edit with a version."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from regie.core.errors import NotFound
from regie.core.production import Production
from regie.core.text import t
from regie.storage.guard import check_version, flush_edit, unique
from regie.storage.repos import records
from regie.storage.tables import MembershipRow, ProductionRow

EDITABLE = frozenset(
    {"title", "kind", "agreement", "currency", "running_minutes", "episodes", "language"}
)


def _row(session: Session, slug: str) -> ProductionRow:
    row = session.scalar(select(ProductionRow).where(ProductionRow.slug == slug))
    if row is None:
        raise NotFound(
            t("no production '{slug}'", slug=slug),
            hint=t("Check the production's short name (as in its address)"),
        )
    return row


def insert_production(session: Session, production: Production) -> Production:
    """Store ``production`` (its ``id``, ``version`` and ``created_at`` are ignored)."""
    row = ProductionRow(
        slug=production.slug,
        code=production.code,
        title=production.title,
        kind=production.kind.value,
        agreement=production.agreement.value,
        currency=production.currency,
        running_minutes=production.running_minutes,
        episodes=production.episodes,
        language=production.language,
    )
    session.add(row)
    with unique(
        t("a production with the short name '{slug}' already exists", slug=production.slug),
        hint=t("Choose another title, or open the existing production"),
    ):
        session.flush()
    return records.production(row)


def slug_taken(session: Session, slug: str) -> bool:
    return session.scalar(select(ProductionRow.id).where(ProductionRow.slug == slug)) is not None


def production_by_slug(session: Session, slug: str) -> Production:
    return records.production(_row(session, slug))


def list_productions(session: Session, *, member_id: int | None = None) -> list[Production]:
    """All productions, or those ``member_id`` is a member of; by title."""
    query = select(ProductionRow).order_by(ProductionRow.title, ProductionRow.id)
    if member_id is not None:
        query = query.join(MembershipRow, MembershipRow.production_id == ProductionRow.id).where(
            MembershipRow.user_id == member_id
        )
    return [records.production(row) for row in session.scalars(query)]


def update_production(
    session: Session, slug: str, *, expected_version: int, changes: Mapping[str, object]
) -> Production:
    """Apply ``changes`` (fields of :data:`EDITABLE`, domain values) to the stored row."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    row = _row(session, slug)
    record = t("production '{slug}'", slug=slug)
    check_version(record, stored=row.version, expected=expected_version)
    for name, value in changes.items():
        setattr(row, name, value)
    flush_edit(session, row, record, expected=expected_version)
    return records.production(row)


def delete_production(session: Session, slug: str, *, expected_version: int) -> None:
    """Delete a production with everything it holds (the database cascades)."""
    row = _row(session, slug)
    record = t("production '{slug}'", slug=slug)
    check_version(record, stored=row.version, expected=expected_version)
    session.delete(row)
    flush_edit(session, row, record, expected=expected_version)
