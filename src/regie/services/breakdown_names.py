# SPDX-License-Identifier: AGPL-3.0-or-later
"""Breakdown edits addressed the way a person types them: a scene label and element
names (``regie breakdown accept 12 VIEILLE VALISE``), each one transaction.

:mod:`regie.services.breakdown` works on tag ids and versions (what a web form holds);
here the tags are looked up by name inside the same transaction that changes them, so
several names are accepted or rejected together or not at all. A name may be the main
name of a merged character: it then stands for the tags of its aliases too.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from regie.core.errors import NotFound, ValidationError
from regie.core.production import Production
from regie.core.text import t
from regie.office.roles import Permission, User
from regie.script.catalog import SceneRecord, TagRecord
from regie.script.elements import Category, TagStatus, element_key
from regie.services.access import production_for
from regie.services.catalog import category_of, current_version
from regie.services.database import Database
from regie.services.scripts import find_scene
from regie.storage.repos import breakdown, catalog, scenes

_DECISIONS = (TagStatus.ACCEPTED, TagStatus.REJECTED)


def _scene_tags(
    session: Session, production: Production, scene_label: str
) -> tuple[SceneRecord, list[TagRecord]]:
    version = current_version(session, production)
    scene = find_scene(scenes.scenes_of(session, version.id), scene_label)
    return scene, breakdown.tags_of_scenes(session, [scene.id])[scene.id]


def _named(
    session: Session,
    production: Production,
    scene: SceneRecord,
    tags: Sequence[TagRecord],
    names: Sequence[str],
) -> list[TagRecord]:
    """The tags called ``names`` (or whose character was merged into one of them)."""
    aliases = catalog.alias_map(session, production.id)
    found: dict[int, TagRecord] = {}
    missing: list[str] = []
    for name in names:
        key = element_key(name)
        matches = [
            tag
            for tag in tags
            if element_key(tag.name) == key
            or (
                tag.category is Category.CAST
                and element_key(aliases.get(element_key(tag.name), "")) == key
            )
        ]
        if not matches:
            missing.append(name)
        found.update((tag.id, tag) for tag in matches)
    if missing:
        raise NotFound(
            t(
                "no element {names} on the sheet of scene {scene}; nothing was changed",
                names=", ".join(repr(m) for m in missing),
                scene=scene.label,
            ),
            hint=t(
                "Use a name as the breakdown sheet shows it (`regie breakdown SCENE --suggested`)"
            ),
        )
    return list(found.values())


def review_tags(
    db: Database,
    slug: str,
    scene_label: str,
    status: TagStatus | str,
    names: Sequence[str] | None = None,
    *,
    actor: User | None,
) -> list[TagRecord]:
    """Accept or reject the suggestions ``names`` of a scene, all or none.

    ``names=None`` (accept only): every suggestion of the scene still awaiting review.
    A tag already in the wanted status is left as it is; a manual tag cannot be accepted
    or rejected (remove it instead). Returns the tags changed.
    """
    try:
        wanted = TagStatus(status)
    except ValueError:
        wanted = None
    if wanted not in _DECISIONS:
        raise ValidationError(
            t("a suggestion is accepted or rejected, not '{status}'", status=status),
            field="status",
        )
    if names is not None and not names:
        names = None
    if names is None and wanted is TagStatus.REJECTED:
        raise ValidationError(
            t("name the elements to reject"),
            field="names",
            hint=t("Suggestions are rejected one by one, by name"),
        )
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BREAKDOWN)
        scene, tags = _scene_tags(session, production, scene_label)
        if names is None:
            chosen = [tag for tag in tags if tag.status is TagStatus.SUGGESTED]
        else:
            chosen = _named(session, production, scene, tags, names)
        manual = [tag.name for tag in chosen if tag.status is TagStatus.MANUAL]
        if manual:
            raise ValidationError(
                t(
                    "{names} tagged by hand: not a suggestion to accept or reject; "
                    "nothing was changed",
                    names=", ".join(repr(n) for n in manual),
                ),
                field="names",
                hint=t("Remove a manual tag with `regie breakdown untag` instead"),
            )
        return [
            breakdown.update_tag(
                session, production.id, tag.id, expected_version=tag.version, status=wanted
            )
            for tag in chosen
            if tag.status is not wanted
        ]


def untag(
    db: Database,
    slug: str,
    scene_label: str,
    category: Category | str,
    name: str,
    *,
    actor: User | None,
) -> TagRecord:
    """Remove the manual tag ``name`` of ``category`` from a scene. A suggestion is
    rejected rather than removed (so a re-import does not suggest it again)."""
    wanted = category_of(category)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BREAKDOWN)
        scene, tags = _scene_tags(session, production, scene_label)
        key = element_key(name)
        tag = next(
            (one for one in tags if one.category is wanted and element_key(one.name) == key), None
        )
        if tag is None:
            raise NotFound(
                t(
                    "no '{name}' in category {category} on the sheet of scene {scene}",
                    name=name,
                    category=wanted.value,
                    scene=scene.label,
                ),
                hint=t("Use a name and category as the breakdown sheet shows them"),
            )
        if tag.status is not TagStatus.MANUAL:
            raise ValidationError(
                t(
                    "'{name}' was suggested by regie; reject it rather than remove it",
                    name=tag.name,
                ),
                field="tag",
                hint=t(
                    "Reject it: `regie breakdown reject {scene} '{name}'`",
                    scene=scene.label,
                    name=tag.name,
                ),
            )
        breakdown.delete_tag(session, production.id, tag.id, expected_version=tag.version)
        return tag
