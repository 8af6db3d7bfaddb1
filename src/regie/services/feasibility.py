# SPDX-License-Identifier: AGPL-3.0-or-later
"""The feasibility diagnosis of the current script version (one read transaction)."""

from __future__ import annotations

from pathlib import Path

from regie.core.errors import NotFound
from regie.core.text import t
from regie.office.roles import Permission, User
from regie.rules.registry import pack
from regie.script.feasibility import Feasibility, diagnose
from regie.services.access import production_for, production_named
from regie.services.database import Database
from regie.storage.repos import breakdown, catalog, scenes, scripts


def feasibility(
    db: Database, slug: str, *, actor: User | None, rule_dirs: tuple[Path, ...] = ()
) -> Feasibility:
    """Diagnose the current version; ``rule_dirs`` may hold newer shoot-pace or
    feasibility-drivers packs (a production's own ``rules/`` folder)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_FEASIBILITY)
        current = scripts.current_version(session, production.id)
        if current is None:
            raise NotFound(
                t("no script has been imported in this production yet"),
                where=production_named(slug),
                hint=t("Import a script first (`regie script import FILE`)"),
            )
        scene_records = scenes.scenes_of(session, current.id)
        tags = [
            tag for group in breakdown.tags_of_script(session, current.id).values() for tag in group
        ]
        characters = catalog.list_characters(session, production.id, current.id)
    return diagnose(
        title=production.title,
        kind=production.kind,
        running_minutes=production.running_minutes,
        pages=current.page_count,
        scenes=scene_records,
        tags=tags,
        characters=characters,
        pace=pack("shoot-pace", extra_dirs=rule_dirs),
        drivers=pack("feasibility-drivers", extra_dirs=rule_dirs),
    )
