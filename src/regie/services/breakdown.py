# SPDX-License-Identifier: AGPL-3.0-or-later
"""The breakdown (dépouillement) of the current script version: sheets, tags, scene notes.

On a sheet, a cast tag of a merged character shows the main character's name, and when
both names are tagged in the same scene only one line is shown (the one that counts, the
main name's first).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from regie.core.errors import Conflict, ValidationError
from regie.core.text import t
from regie.office.roles import Permission, User
from regie.script.catalog import BreakdownSheet, SceneRecord, TagRecord
from regie.script.elements import Category, TagStatus, element_key
from regie.services.access import production_for
from regie.services.catalog import (
    category_of,
    current_version,
    list_characters,
    list_elements,
    list_sets,
    merge_characters,
    unmerge_character,
)
from regie.services.database import Database
from regie.services.scripts import find_scene
from regie.storage.repos import breakdown, catalog, scenes

__all__ = [
    "add_tag",
    "list_characters",
    "list_elements",
    "list_sets",
    "mark_scene_reviewed",
    "merge_characters",
    "remove_tag",
    "set_tag_status",
    "sheet",
    "sheets",
    "unmerge_character",
    "update_scene_notes",
]

MAX_NAME = 200
MAX_NOTES = 20_000
_REVIEW_STATUSES = (TagStatus.SUGGESTED, TagStatus.ACCEPTED, TagStatus.REJECTED)


def _resolve_aliases(
    tags: Sequence[TagRecord], aliases: Mapping[str, str]
) -> tuple[TagRecord, ...]:
    """Cast tags under the main character's name, one line per character."""
    cast: dict[str, tuple[tuple[bool, bool], TagRecord]] = {}
    others: list[TagRecord] = []
    for tag in tags:
        if tag.category is not Category.CAST:
            others.append(tag)
            continue
        main = aliases.get(element_key(tag.name))
        shown = dataclasses.replace(tag, name=main) if main else tag
        rank = (tag.status.counts, main is None)  # what counts first, then the main name
        key = element_key(shown.name)
        if key not in cast or rank > cast[key][0]:
            cast[key] = (rank, shown)
    ordered = sorted(
        (shown for _rank, shown in cast.values()), key=lambda tag: element_key(tag.name)
    )
    return (*ordered, *others)


def sheet(db: Database, slug: str, scene_label: str, *, actor: User | None) -> BreakdownSheet:
    """The breakdown sheet of one scene of the current version, by its label."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCRIPT)
        version = current_version(session, production)
        scene = find_scene(scenes.scenes_of(session, version.id), scene_label)
        tags = breakdown.tags_of_scenes(session, [scene.id])[scene.id]
        aliases = catalog.alias_map(session, production.id)
        return BreakdownSheet(scene, _resolve_aliases(tags, aliases))


def sheets(db: Database, slug: str, *, actor: User | None) -> list[BreakdownSheet]:
    """Every sheet of the current version, in reading order (none before an import)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCRIPT)
        version = current_version(session, production)
        records = scenes.scenes_of(session, version.id)
        tags = breakdown.tags_of_script(session, version.id)
        aliases = catalog.alias_map(session, production.id)
        return [BreakdownSheet(s, _resolve_aliases(tags[s.id], aliases)) for s in records]


def add_tag(
    db: Database,
    slug: str,
    scene_id: int,
    category: Category | str,
    name: str,
    *,
    actor: User | None,
    quantity: int | None = None,
    note: str = "",
) -> TagRecord:
    """Tag ``name`` in a scene by hand (the element is created when new).

    An element already suggested (or rejected) in the scene becomes a manual tag; one
    already on the sheet is a ``Conflict``.
    """
    wanted = category_of(category)
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME:
        raise ValidationError(
            t("the element name must have 1 to {max} characters", max=MAX_NAME), field="name"
        )
    if quantity is not None and quantity < 1:
        raise ValidationError(
            t("the quantity must be 1 or more"),
            field="quantity",
            hint=t("Leave the quantity blank when it does not matter"),
        )
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BREAKDOWN)
        scene = scenes.scene_by_id(session, production.id, scene_id)
        key = (wanted, element_key(name))
        element_id = breakdown.element_ids(session, production.id).get(key)
        if element_id is None:
            element_id = breakdown.add_element(session, production.id, wanted, name)
        for tag in breakdown.tags_of_scenes(session, [scene.id])[scene.id]:
            if tag.element_id != element_id:
                continue
            if tag.status.counts:
                raise Conflict(
                    t(
                        "'{name}' is already on the sheet of scene {scene}",
                        name=tag.name,
                        scene=scene.label,
                    ),
                    hint=t("Change its quantity or note instead"),
                )
            return breakdown.update_tag(
                session,
                production.id,
                tag.id,
                expected_version=tag.version,
                status=TagStatus.MANUAL,
                quantity=quantity,
                note=note,
            )
        breakdown.insert_tags(
            session,
            [breakdown.NewTag(scene.id, element_id, TagStatus.MANUAL, quantity, note)],
        )
        tags = breakdown.tags_of_scenes(session, [scene.id])[scene.id]
        return next(tag for tag in tags if tag.element_id == element_id)


def set_tag_status(
    db: Database,
    slug: str,
    tag_id: int,
    status: TagStatus | str,
    expected_version: int,
    *,
    actor: User | None,
) -> TagRecord:
    """Accept or reject a suggestion (or put it back to review)."""
    try:
        wanted = TagStatus(status)
    except ValueError:
        wanted = None
    if wanted not in _REVIEW_STATUSES:
        raise ValidationError(
            t(
                "a suggestion can be accepted, rejected or suggested again, not '{status}'",
                status=status,
            ),
            field="status",
        )
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BREAKDOWN)
        tag = breakdown.tag_by_id(session, production.id, tag_id)
        if tag.status is TagStatus.MANUAL:
            raise ValidationError(
                t(
                    "'{name}' was tagged by hand: it is not a suggestion to accept or reject",
                    name=tag.name,
                ),
                field="status",
                hint=t("Remove the tag instead"),
            )
        return breakdown.update_tag(
            session, production.id, tag_id, expected_version=expected_version, status=wanted
        )


def remove_tag(
    db: Database, slug: str, tag_id: int, expected_version: int, *, actor: User | None
) -> None:
    """Remove a tag made by hand. Suggestions are rejected instead, so that the next import
    of the script does not suggest them again."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BREAKDOWN)
        tag = breakdown.tag_by_id(session, production.id, tag_id)
        if tag.status is not TagStatus.MANUAL:
            raise ValidationError(
                t(
                    "'{name}' was suggested by regie; reject it rather than remove it",
                    name=tag.name,
                ),
                field="tag",
                hint=t("A rejected suggestion is not suggested again after a re-import"),
            )
        breakdown.delete_tag(session, production.id, tag_id, expected_version=expected_version)


def update_scene_notes(
    db: Database,
    slug: str,
    scene_id: int,
    notes: str,
    expected_version: int,
    *,
    actor: User | None,
) -> SceneRecord:
    """The production's notes on a scene (kept across revisions of the script)."""
    if len(notes) > MAX_NOTES:
        raise ValidationError(
            t("notes are limited to {max} characters", max=MAX_NOTES),
            field="notes",
            hint=t("Shorten the notes, or keep the long text in a document of the folder"),
        )
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BREAKDOWN)
        return scenes.update_scene(
            session, production.id, scene_id, expected_version=expected_version, notes=notes
        )


def mark_scene_reviewed(
    db: Database, slug: str, scene_id: int, expected_version: int, *, actor: User | None
) -> SceneRecord:
    """Clear the ``needs_review`` flag a revision put on a changed scene."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BREAKDOWN)
        return scenes.update_scene(
            session,
            production.id,
            scene_id,
            expected_version=expected_version,
            needs_review=False,
        )
