# SPDX-License-Identifier: AGPL-3.0-or-later
"""Breakdown elements (one per production, category and key) and their tags on scenes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from regie.core.errors import NotFound
from regie.core.text import t
from regie.script.catalog import ElementRecord, TagRecord
from regie.script.elements import Category, TagStatus, element_key
from regie.storage.guard import check_version, flush_edit, unique
from regie.storage.repos import records
from regie.storage.tables import ElementRow, SceneRow, TagRow

_CATEGORY_ORDER = {category.value: rank for rank, category in enumerate(Category)}


@dataclass(frozen=True, slots=True)
class NewTag:
    scene_id: int
    element_id: int
    status: TagStatus
    quantity: int | None = None
    note: str = ""
    reason: str = ""
    excerpt: str = ""


def element_ids(session: Session, production_id: int) -> dict[tuple[Category, str], int]:
    """``{(category, element_key): id}`` for every element of the production."""
    rows = session.execute(
        select(ElementRow.category, ElementRow.key, ElementRow.id).where(
            ElementRow.production_id == production_id
        )
    )
    return {(Category(category), key): ident for category, key, ident in rows}


def add_elements(
    session: Session, production_id: int, elements: Iterable[tuple[Category, str]]
) -> dict[tuple[Category, str], int]:
    """Store new elements (one flush for all); ``{(category, element_key): id}`` of those."""
    rows = {
        (category, element_key(name)): ElementRow(
            production_id=production_id,
            category=category.value,
            name=name,
            key=element_key(name),
        )
        for category, name in elements
    }
    session.add_all(rows.values())
    with unique(t("an element was added by someone else at the same moment"), hint=t("Try again")):
        session.flush()
    return {key: row.id for key, row in rows.items()}


def add_element(session: Session, production_id: int, category: Category, name: str) -> int:
    return add_elements(session, production_id, [(category, name)])[category, element_key(name)]


def insert_tags(session: Session, tags: Iterable[NewTag]) -> int:
    """Store tags (one flush for all); returns how many."""
    rows = [
        TagRow(
            scene_id=new.scene_id,
            element_id=new.element_id,
            status=new.status.value,
            quantity=new.quantity,
            note=new.note,
            reason=new.reason,
            excerpt=new.excerpt,
        )
        for new in tags
    ]
    session.add_all(rows)
    with unique(
        t("this element is already tagged in the scene"), hint=t("Reload the breakdown sheet")
    ):
        session.flush()
    return len(rows)


def _sort_key(tag: TagRecord) -> tuple[int, str, int]:
    return (_CATEGORY_ORDER[tag.category.value], element_key(tag.name), tag.id)


def tags_of_scenes(session: Session, scene_ids: Sequence[int]) -> dict[int, list[TagRecord]]:
    """Tags of each scene, in breakdown-sheet order (category, then name)."""
    found: dict[int, list[TagRecord]] = {scene_id: [] for scene_id in scene_ids}
    if not scene_ids:
        return found
    rows = session.execute(
        select(TagRow, ElementRow)
        .join(ElementRow, ElementRow.id == TagRow.element_id)
        .where(TagRow.scene_id.in_(scene_ids))
    ).all()
    for tag_row, element_row in rows:
        found[tag_row.scene_id].append(records.tag(tag_row, element_row))
    for tags in found.values():
        tags.sort(key=_sort_key)
    return found


def tags_of_script(session: Session, script_id: int) -> dict[int, list[TagRecord]]:
    scene_ids = list(session.scalars(select(SceneRow.id).where(SceneRow.script_id == script_id)))
    return tags_of_scenes(session, scene_ids)


def _tag_row(session: Session, production_id: int, tag_id: int) -> tuple[TagRow, ElementRow]:
    found = session.execute(
        select(TagRow, ElementRow)
        .join(ElementRow, ElementRow.id == TagRow.element_id)
        .where(TagRow.id == tag_id, ElementRow.production_id == production_id)
    ).first()
    if found is None:
        raise NotFound(
            t("no tag #{id} in this production", id=tag_id),
            hint=t("Reload the breakdown sheet"),
        )
    return found[0], found[1]


def tag_by_id(session: Session, production_id: int, tag_id: int) -> TagRecord:
    return records.tag(*_tag_row(session, production_id, tag_id))


def update_tag(
    session: Session,
    production_id: int,
    tag_id: int,
    *,
    expected_version: int,
    status: TagStatus | None = None,
    quantity: int | None = None,
    note: str | None = None,
) -> TagRecord:
    tag_row, element_row = _tag_row(session, production_id, tag_id)
    record = t("tag '{name}'", name=element_row.name)
    check_version(record, stored=tag_row.version, expected=expected_version)
    if status is not None:
        tag_row.status = status.value
    if quantity is not None:
        tag_row.quantity = quantity
    if note is not None:
        tag_row.note = note
    flush_edit(session, tag_row, record, expected=expected_version)
    return records.tag(tag_row, element_row)


def delete_tag(session: Session, production_id: int, tag_id: int, *, expected_version: int) -> None:
    tag_row, element_row = _tag_row(session, production_id, tag_id)
    record = t("tag '{name}'", name=element_row.name)
    check_version(record, stored=tag_row.version, expected=expected_version)
    session.delete(tag_row)
    flush_edit(session, tag_row, record, expected=expected_version)


def list_elements(
    session: Session,
    script_id: int,
    *,
    category: Category | None = None,
    statuses: frozenset[TagStatus] = frozenset({TagStatus.ACCEPTED, TagStatus.MANUAL}),
) -> list[ElementRecord]:
    """Elements tagged in a script version with one of ``statuses``, in sheet order."""
    query = (
        select(ElementRow)
        .distinct()
        .join(TagRow, TagRow.element_id == ElementRow.id)
        .join(SceneRow, SceneRow.id == TagRow.scene_id)
        .where(SceneRow.script_id == script_id, TagRow.status.in_([s.value for s in statuses]))
    )
    if category is not None:
        query = query.where(ElementRow.category == category.value)
    found = [records.element(row) for row in session.scalars(query)]
    return sorted(found, key=lambda e: (_CATEGORY_ORDER[e.category.value], e.name.upper(), e.id))
