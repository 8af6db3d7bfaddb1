# SPDX-License-Identifier: AGPL-3.0-or-later
"""Rows to frozen domain records (the only place that knows both shapes)."""

from __future__ import annotations

from typing import Any

from regie.core.production import Agreement, Production, ProductionKind
from regie.office.roles import User
from regie.script.catalog import ElementRecord, RevisionSummary, ScriptVersion, TagRecord
from regie.script.elements import Category, TagStatus
from regie.storage.tables import ElementRow, ProductionRow, ScriptRow, TagRow, UserRow


def user(row: UserRow) -> User:
    return User(
        id=row.id,
        email=row.email,
        display_name=row.display_name,
        locale=row.locale,
        is_active=row.is_active,
        version=row.version,
    )


def production(row: ProductionRow) -> Production:
    return Production(
        id=row.id,
        slug=row.slug,
        code=row.code,
        title=row.title,
        kind=ProductionKind(row.kind),
        agreement=Agreement(row.agreement),
        currency=row.currency,
        running_minutes=row.running_minutes,
        episodes=row.episodes,
        language=row.language,
        version=row.version,
        created_at=row.created_at,
    )


def revision_to_json(summary: RevisionSummary | None) -> dict[str, Any] | None:
    return None if summary is None else dict(summary.to_json())


def revision_from_json(data: dict[str, Any] | None) -> RevisionSummary | None:
    if data is None:
        return None
    return RevisionSummary(
        added=tuple(data.get("added", ())),
        removed=tuple(data.get("removed", ())),
        changed=tuple(data.get("changed", ())),
        unchanged=int(data.get("unchanged", 0)),
        tags_kept=int(data.get("tags_kept", 0)),
        notes_kept=int(data.get("notes_kept", 0)),
    )


def script_version(row: ScriptRow) -> ScriptVersion:
    return ScriptVersion(
        id=row.id,
        production_id=row.production_id,
        number=row.number,
        filename=row.filename,
        source_format=row.source_format,
        sha256=row.sha256,
        imported_at=row.imported_at,
        title=row.title,
        page_count=row.page_count,
        scene_count=row.scene_count,
        total_eighths=row.total_eighths,
        warnings=tuple(row.warnings or ()),
        revision=revision_from_json(row.revision),
    )


def element(row: ElementRow) -> ElementRecord:
    return ElementRecord(
        id=row.id,
        category=Category(row.category),
        name=row.name,
        notes=row.notes,
        version=row.version,
    )


def tag(row: TagRow, element_row: ElementRow) -> TagRecord:
    return TagRecord(
        id=row.id,
        scene_id=row.scene_id,
        element_id=row.element_id,
        category=Category(element_row.category),
        name=element_row.name,
        status=TagStatus(row.status),
        quantity=row.quantity,
        note=row.note,
        reason=row.reason,
        excerpt=row.excerpt,
        version=row.version,
    )
