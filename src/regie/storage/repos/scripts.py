# SPDX-License-Identifier: AGPL-3.0-or-later
"""Script versions of a production: numbered in import order, the newest is current."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from regie.core.errors import NotFound
from regie.core.text import t
from regie.script.catalog import RevisionSummary, ScriptVersion
from regie.script.model import Screenplay
from regie.storage.guard import unique
from regie.storage.repos import records
from regie.storage.tables import ScriptRow


def insert_version(
    session: Session,
    production_id: int,
    screenplay: Screenplay,
    *,
    filename: str,
    sha256: str,
    imported_by: int | None,
) -> ScriptVersion:
    """Add version ``last + 1`` and make it the current one."""
    last = session.scalar(
        select(func.max(ScriptRow.number)).where(ScriptRow.production_id == production_id)
    )
    session.execute(
        update(ScriptRow)
        .where(ScriptRow.production_id == production_id, ScriptRow.is_current.is_(True))
        .values(is_current=False)
    )
    row = ScriptRow(
        production_id=production_id,
        number=(last or 0) + 1,
        filename=filename,
        source_format=screenplay.source_format,
        sha256=sha256,
        imported_by=imported_by,
        title=screenplay.title,
        page_count=screenplay.pages,
        scene_count=len(screenplay.scenes),
        total_eighths=screenplay.total_eighths,
        warnings=list(screenplay.warnings),
        revision=None,
        is_current=True,
    )
    session.add(row)
    # Two imports of the same production at the same moment pick the same number.
    with unique(
        t("another version of this script was imported at the same moment"),
        hint=t("Look at the list of versions, then import again if needed"),
    ):
        session.flush()
    return records.script_version(row)


def set_revision(session: Session, script_id: int, summary: RevisionSummary) -> ScriptVersion:
    row = session.get(ScriptRow, script_id)
    if row is None:
        raise NotFound(t("no script version #{id}", id=script_id))
    row.revision = records.revision_to_json(summary)
    session.flush()
    return records.script_version(row)


def versions(session: Session, production_id: int) -> list[ScriptVersion]:
    """Every imported version, oldest first."""
    rows = session.scalars(
        select(ScriptRow).where(ScriptRow.production_id == production_id).order_by(ScriptRow.number)
    )
    return [records.script_version(row) for row in rows]


def current_version(session: Session, production_id: int) -> ScriptVersion | None:
    row = session.scalar(
        select(ScriptRow).where(
            ScriptRow.production_id == production_id, ScriptRow.is_current.is_(True)
        )
    )
    return None if row is None else records.script_version(row)


def version_by_number(session: Session, production_id: int, number: int) -> ScriptVersion:
    row = session.scalar(
        select(ScriptRow).where(
            ScriptRow.production_id == production_id, ScriptRow.number == number
        )
    )
    if row is None:
        raise NotFound(
            t("no script version {number}", number=number),
            hint=t("See the imported versions in the script list"),
        )
    return records.script_version(row)
