# SPDX-License-Identifier: AGPL-3.0-or-later
"""Lists of the current script version (characters, sets, elements) and character merges.

Re-exported by :mod:`regie.services.breakdown`, where the faces look for them.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from regie.core.errors import NotFound, ValidationError
from regie.core.production import Production
from regie.core.text import t
from regie.office.roles import Permission, User
from regie.script.catalog import CharacterRecord, ElementRecord, ScriptVersion, SetRecord
from regie.script.elements import Category, TagStatus
from regie.services.access import production_for, production_named
from regie.services.database import Database
from regie.storage.repos import breakdown, catalog, scripts


def current_version(session: Session, production: Production) -> ScriptVersion:
    version = scripts.current_version(session, production.id)
    if version is None:
        raise NotFound(
            t("no script has been imported in this production yet"),
            where=production_named(production.slug),
            hint=t("Import the script first (Fountain, Final Draft or PDF)"),
        )
    return version


def category_of(category: Category | str) -> Category:
    try:
        return Category(category)
    except ValueError:
        raise ValidationError(
            t("unknown breakdown category '{category}'", category=category),
            field="category",
            hint=t("Choose one of: {categories}", categories=", ".join(c.value for c in Category)),
        ) from None


def list_characters(db: Database, slug: str, *, actor: User | None) -> list[CharacterRecord]:
    """Speaking characters of the current version; each main one followed by its aliases,
    whose scenes count for it."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCRIPT)
        version = scripts.current_version(session, production.id)
        return catalog.list_characters(session, production.id, version.id) if version else []


def list_sets(db: Database, slug: str, *, actor: User | None) -> list[SetRecord]:
    """Sets of the current version, most scenes first."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCRIPT)
        version = scripts.current_version(session, production.id)
        return catalog.list_sets(session, version.id) if version else []


def list_elements(
    db: Database,
    slug: str,
    category: Category | str | None = None,
    *,
    actor: User | None,
    include_suggested: bool = False,
) -> list[ElementRecord]:
    """Elements of the current version's breakdown (accepted and manual tags; with
    ``include_suggested`` also those only suggested so far), in breakdown-sheet order."""
    wanted = None if category is None else category_of(category)
    statuses = {TagStatus.ACCEPTED, TagStatus.MANUAL}
    if include_suggested:
        statuses.add(TagStatus.SUGGESTED)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCRIPT)
        version = scripts.current_version(session, production.id)
        if version is None:
            return []
        return breakdown.list_elements(
            session, version.id, category=wanted, statuses=frozenset(statuses)
        )


def merge_characters(
    db: Database, slug: str, alias: str, into: str, *, actor: User | None
) -> list[CharacterRecord]:
    """Make ``alias`` another name of ``into`` (BOB into CYBER BOB, or the reverse: merging
    a main character into its own alias swaps them). Returns the new character list."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BREAKDOWN)
        catalog.merge_characters(session, production.id, alias, into)
        version = current_version(session, production)
        return catalog.list_characters(session, production.id, version.id)


def unmerge_character(
    db: Database, slug: str, alias: str, *, actor: User | None
) -> list[CharacterRecord]:
    """Undo :func:`merge_characters` for ``alias``. Returns the new character list."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BREAKDOWN)
        catalog.unmerge_character(session, production.id, alias)
        version = current_version(session, production)
        return catalog.list_characters(session, production.id, version.id)
