# SPDX-License-Identifier: AGPL-3.0-or-later
"""Importing a script version and reading its scenes.

An import parses, assembles and runs the breakdown suggestions *before* the transaction
opens, then stores in one transaction: the version (numbered last + 1, now current), its
scenes, the sets and characters met (found again by key, so merges and notes survive), the
elements and their tags. Speaking characters are stored as ACCEPTED cast tags (a speaking
part is cast by definition; the user can still reject one); every other suggestion is
SUGGESTED, awaiting review.

A re-import pairs new scenes with the current version's (``regie.script.revision``): a
paired scene keeps its notes and all its tags, whatever their status (a rejected suggestion
stays rejected); a changed one is flagged ``needs_review``. New suggestions are added only
for elements not already tagged in the scene.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Container, Iterable, Sequence

from sqlalchemy.orm import Session

from regie.core.errors import Conflict, NotFound
from regie.core.text import t
from regie.office.roles import Permission, User
from regie.rules.pack import RulePack
from regie.rules.registry import pack
from regie.script.catalog import SceneRecord, ScriptVersion
from regie.script.elements import Category, Suggestion, TagStatus, element_key
from regie.script.heading import set_key
from regie.script.model import Screenplay
from regie.script.revision import MatchStatus, RevisionPlan, plan_revision
from regie.script.suggest import suggest
from regie.services.access import production_for
from regie.services.database import Database
from regie.services.script_files import base_name, detect_format, parse_script
from regie.storage.repos import breakdown, catalog, scenes, scripts

__all__ = [
    "current_scenes",
    "detect_format",
    "find_scene",
    "get_scene",
    "import_script",
    "list_versions",
    "parse_script",
    "version_scenes",
]


def import_script(
    db: Database,
    slug: str,
    filename: str,
    data: bytes,
    *,
    actor: User | None,
    lexicon: RulePack | None = None,
) -> ScriptVersion:
    """Store ``data`` (the file ``filename``) as the next version of the production's script.

    ``lexicon``: the breakdown-lexicon pack to suggest with (default: the newest shipped).
    A file that cannot be read raises ``ParseError`` and the database is not touched.
    """
    filename = base_name(filename)
    with db.session() as session:  # refuse before spending time on someone else's file
        production_for(session, slug, actor, Permission.IMPORT_SCRIPT)
    screenplay = parse_script(filename, data)
    suggestions = suggest(screenplay, lexicon or pack("breakdown-lexicon"))
    digest = hashlib.sha256(data).hexdigest()
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.IMPORT_SCRIPT)
        previous = scripts.current_version(session, production.id)
        if previous is not None and previous.sha256 == digest:
            raise Conflict(
                t(
                    "this file is already version {number} of the script ({filename})",
                    number=previous.number,
                    filename=previous.filename,
                ),
                where=filename,
                hint=t("Nothing changed: there is nothing to import"),
            )
        old = scenes.scenes_of(session, previous.id) if previous else []
        plan = plan_revision(old, screenplay.scenes) if previous else None
        version = scripts.insert_version(
            session,
            production.id,
            screenplay,
            filename=filename,
            sha256=digest,
            imported_by=actor.id if actor else None,
        )
        ids, notes_kept = _store_scenes(
            session, production.id, version.id, screenplay=screenplay, old=old, plan=plan
        )
        tags_kept = _store_tags(
            session,
            production.id,
            screenplay=screenplay,
            scene_ids=ids,
            suggestions=suggestions,
            plan=plan,
        )
        if plan is None:
            return version
        summary = dataclasses.replace(plan.summary, tags_kept=tags_kept, notes_kept=notes_kept)
        return scripts.set_revision(session, version.id, summary)


def _first_spellings(pairs: Iterable[tuple[str, str]], known: Container[str]) -> list[str]:
    """Names to add: the first spelling of each key not ``known`` (empty keys skipped)."""
    first: dict[str, str] = {}
    for key, name in pairs:
        if key and key not in known:
            first.setdefault(key, name)
    return list(first.values())


def _store_scenes(
    session: Session,
    production_id: int,
    script_id: int,
    *,
    screenplay: Screenplay,
    old: Sequence[SceneRecord],
    plan: RevisionPlan | None,
) -> tuple[dict[int, int], int]:
    """Store the scenes; ``({Scene.index: new id}, notes kept)``."""
    old_by_id = {s.id: s for s in old}
    set_ids = catalog.set_ids(session, production_id)
    new_sets = _first_spellings(
        ((set_key(s.heading.set_name), s.heading.set_name) for s in screenplay.scenes), set_ids
    )
    set_ids.update(catalog.add_sets(session, production_id, new_sets))
    character_ids = catalog.character_ids(session, production_id)
    new_names = _first_spellings(
        ((element_key(n), n) for s in screenplay.scenes for n in s.speakers), character_ids
    )
    character_ids.update(catalog.add_characters(session, production_id, new_names))
    new: list[scenes.NewScene] = []
    notes_kept = 0
    for scene in screenplay.scenes:
        key = set_key(scene.heading.set_name)
        speakers = tuple(character_ids[k] for k in map(element_key, scene.speakers) if k)
        notes, review = "", False
        match = plan.matches[scene.index - 1] if plan else None
        if match is not None and match.old_id is not None:
            before = old_by_id[match.old_id]
            notes = before.notes
            notes_kept += bool(notes)
            # A change not yet reviewed stays flagged through an unchanged re-import.
            review = match.status is MatchStatus.CHANGED or before.needs_review
        new.append(
            scenes.NewScene(scene, set_ids.get(key), speakers, notes=notes, needs_review=review)
        )
    stored = scenes.insert_scenes(session, script_id, new)
    return {s.index: ident for s, ident in zip(screenplay.scenes, stored, strict=True)}, notes_kept


def _store_tags(
    session: Session,
    production_id: int,
    *,
    screenplay: Screenplay,
    scene_ids: dict[int, int],
    suggestions: Sequence[Suggestion],
    plan: RevisionPlan | None,
) -> int:
    """Carry the paired scenes' tags over, add the new suggestions; returns tags kept."""
    tags: list[breakdown.NewTag] = []
    tagged: set[tuple[int, int]] = set()
    if plan is not None:
        pairs = {m.old_id: scene_ids[m.new_index] for m in plan.matches if m.old_id is not None}
        for old_id, old_tags in breakdown.tags_of_scenes(session, list(pairs)).items():
            for tag in old_tags:
                tags.append(
                    breakdown.NewTag(
                        pairs[old_id],
                        tag.element_id,
                        tag.status,
                        tag.quantity,
                        tag.note,
                        tag.reason,
                        tag.excerpt,
                    )
                )
                tagged.add((pairs[old_id], tag.element_id))
    kept = len(tags)
    element_ids = breakdown.element_ids(session, production_id)
    missing: dict[tuple[Category, str], str] = {}
    for g in suggestions:
        ident = (g.category, element_key(g.name))
        if ident[1] and ident not in element_ids:
            missing.setdefault(ident, g.name)  # the first spelling met names the element
    element_ids.update(
        breakdown.add_elements(session, production_id, [(c, n) for (c, _k), n in missing.items()])
    )
    speakers = {s.index: {element_key(n) for n in s.speakers} for s in screenplay.scenes}
    for suggestion in suggestions:
        key = element_key(suggestion.name)
        scene_id = scene_ids.get(suggestion.scene_index)
        if not key or scene_id is None:
            continue
        element_id = element_ids[suggestion.category, key]
        if (scene_id, element_id) in tagged:
            continue
        tagged.add((scene_id, element_id))
        speaking = suggestion.category is Category.CAST and key in speakers.get(
            suggestion.scene_index, set()
        )
        tags.append(
            breakdown.NewTag(
                scene_id,
                element_id,
                TagStatus.ACCEPTED if speaking else TagStatus.SUGGESTED,
                suggestion.quantity,
                reason=suggestion.reason,
                excerpt=suggestion.excerpt,
            )
        )
    breakdown.insert_tags(session, tags)
    return kept


def list_versions(db: Database, slug: str, *, actor: User | None) -> list[ScriptVersion]:
    """Every imported version, oldest first (the last one is current)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCRIPT)
        return scripts.versions(session, production.id)


def current_scenes(db: Database, slug: str, *, actor: User | None) -> list[SceneRecord]:
    """The scenes of the current version in reading order (none before the first import)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCRIPT)
        current = scripts.current_version(session, production.id)
        return scenes.scenes_of(session, current.id) if current else []


def version_scenes(
    db: Database, slug: str, number: int, *, actor: User | None
) -> list[SceneRecord]:
    """The scenes of version ``number`` (older versions stay readable)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCRIPT)
        version = scripts.version_by_number(session, production.id, number)
        return scenes.scenes_of(session, version.id)


def find_scene(records: Sequence[SceneRecord], label: str) -> SceneRecord:
    """The scene labelled ``label`` (its printed number, else its reading-order index)."""
    wanted = label.strip().upper()
    for record in records:
        if record.label.upper() == wanted:
            return record
    raise NotFound(
        t("no scene '{label}' in the current version of the script", label=label),
        hint=t("Use a scene number from the scene list"),
    )


def get_scene(db: Database, slug: str, label: str, *, actor: User | None) -> SceneRecord:
    return find_scene(current_scenes(db, slug, actor=actor), label)
