# SPDX-License-Identifier: AGPL-3.0-or-later
"""What a production's front page shows, and the list of one's productions with one's role.

A production's headline numbers are a summary every member may read, guests included
(``Permission.VIEW_PRODUCTION``): the scenes, sets and elements themselves stay behind
``VIEW_SCRIPT``. One read transaction each.
"""

from __future__ import annotations

from dataclasses import dataclass

from regie.core.production import Production
from regie.office.roles import Permission, Role, User
from regie.script.catalog import ScriptVersion
from regie.script.elements import TagStatus
from regie.script.model import IntExt, Light
from regie.services.access import production_for
from regie.services.database import Database
from regie.storage.repos import accounts, breakdown, catalog, members, productions, scenes, scripts


@dataclass(frozen=True, slots=True)
class Overview:
    """A production, the actor's role in it (``None`` for the local user) and its numbers.

    Every count is of the current script version; all are 0 before the first import.
    """

    production: Production
    role: Role | None
    version: ScriptVersion | None
    versions: int = 0
    characters: int = 0  # main speaking characters (aliases count for their main one)
    sets: int = 0
    elements: int = 0  # distinct elements on the breakdown (accepted and manual tags)
    to_review: int = 0  # suggestions not yet accepted or rejected
    scenes_changed: int = 0  # scenes flagged by the last revision, not yet reviewed
    exterior_eighths: int = 0
    night_eighths: int = 0


@dataclass(frozen=True, slots=True)
class MyProduction:
    production: Production
    role: Role | None


def overview(db: Database, slug: str, *, actor: User | None) -> Overview:
    """The front page of production ``slug`` (``NotFound`` for outsiders)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_PRODUCTION)
        role = None if actor is None else members.role_of(session, actor.id, production.id)
        all_versions = scripts.versions(session, production.id)
        if not all_versions:
            return Overview(production, role, None)
        current = all_versions[-1]
        records = scenes.scenes_of(session, current.id)
        tags = [
            t for group in breakdown.tags_of_script(session, current.id).values() for t in group
        ]
        characters = catalog.list_characters(session, production.id, current.id)
        return Overview(
            production,
            role,
            current,
            versions=len(all_versions),
            characters=sum(1 for c in characters if c.alias_of is None),
            sets=len(catalog.list_sets(session, current.id)),
            elements=len({t.element_id for t in tags if t.status.counts}),
            to_review=sum(1 for t in tags if t.status is TagStatus.SUGGESTED),
            scenes_changed=sum(1 for s in records if s.needs_review),
            exterior_eighths=sum(
                s.eighths for s in records if s.int_ext in (IntExt.EXT, IntExt.INT_EXT)
            ),
            night_eighths=sum(s.eighths for s in records if s.light is Light.NIGHT),
        )


def my_productions(db: Database, actor: User | None) -> list[MyProduction]:
    """The productions ``actor`` is a member of, with their role (all, for the local user)."""
    with db.session() as session:
        if actor is None:
            return [MyProduction(p, None) for p in productions.list_productions(session)]
        if not accounts.user_by_id(session, actor.id).is_active:
            return []
        return [
            MyProduction(p, members.role_of(session, actor.id, p.id))
            for p in productions.list_productions(session, member_id=actor.id)
        ]
