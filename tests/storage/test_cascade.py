# SPDX-License-Identifier: AGPL-3.0-or-later
"""What goes with what: a child row never outlives its parent."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from regie.office.roles import Role
from regie.script.elements import Category, TagStatus
from regie.storage.base import Base
from regie.storage.db import Database
from regie.storage.repos import accounts, breakdown, members, productions, scenes
from regie.storage.tables import MembershipRow, ScriptRow, UserRow
from tests.storage.factory import add_production, make_scene, make_screenplay, store_screenplay


def _counts(session: Session) -> dict[str, int]:
    return {
        name: session.scalar(select(func.count()).select_from(table)) or 0
        for name, table in Base.metadata.tables.items()
    }


def _fill(db: Database, slug: str) -> int:
    screenplay = make_screenplay(
        make_scene(1, "INT. CUISINE - JOUR", [("BOB", "Oui.")]),
        make_scene(2, "EXT. QUAI - NUIT", [("ANNE", "Non.")]),
    )
    with db.session() as session:
        production = add_production(session, slug)
        user = accounts.insert_user(
            session, email=f"{slug}@x.fr", display_name=slug, password_hash="h", locale="fr"
        )
        members.put_membership(session, production.id, user.id, Role.PRODUCER)
        script_id = store_screenplay(session, production.id, screenplay)
        scene_id = scenes.scenes_of(session, script_id)[0].id
        element = breakdown.add_element(session, production.id, Category.PROPS, "clef")
        breakdown.insert_tags(session, [breakdown.NewTag(scene_id, element, TagStatus.MANUAL)])
        session.get(ScriptRow, script_id).imported_by = user.id  # type: ignore[union-attr]
    return user.id


def test_deleting_a_production_deletes_everything_it_holds(database: Database) -> None:
    _fill(database, "kept")
    with database.session() as session:
        before = _counts(session)
    _fill(database, "gone")
    with database.session() as session:
        productions.delete_production(session, "gone", expected_version=1)
    with database.session() as session:
        after = _counts(session)
    # Only the account survives its production; everything else is back to the count
    # of the production that was kept.
    assert after == {**before, "users": before["users"] + 1}


def test_deleting_a_user_removes_memberships_and_keeps_the_scripts(database: Database) -> None:
    user_id = _fill(database, "kept")
    with database.session() as session:
        session.delete(session.get(UserRow, user_id))
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(MembershipRow)) == 0
        script = session.scalars(select(ScriptRow)).one()
        assert script.imported_by is None
