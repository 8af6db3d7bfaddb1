# SPDX-License-Identifier: AGPL-3.0-or-later
"""Productions as stored: uniqueness, listing, and edits that never overwrite silently."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import event

from regie.core.errors import Conflict, NotFound, StaleEdit
from regie.core.production import Agreement, ProductionKind
from regie.office.roles import Role
from regie.storage.db import Database
from regie.storage.repos import accounts, members, productions
from tests.storage.factory import add_production


def test_round_trip(database: Database) -> None:
    with database.session() as session:
        stored = add_production(session)
    with database.session() as session:
        found = productions.production_by_slug(session, "la-clef")
    assert found == stored
    assert found.kind is ProductionKind.FEATURE_FILM
    assert found.agreement is Agreement.CINEMA
    assert found.version == 1
    assert found.created_at is not None


def test_duplicate_slug_is_a_clear_conflict_and_nothing_is_written(database: Database) -> None:
    with database.session() as session:
        add_production(session)
    with pytest.raises(Conflict, match="'la-clef' already exists"), database.session() as s:
        add_production(s)
    with database.session() as session:
        assert len(productions.list_productions(session)) == 1


def test_missing_production_is_not_found(database: Database) -> None:
    with database.session() as session, pytest.raises(NotFound, match="no production 'x'"):
        productions.production_by_slug(session, "x")


def test_listing_for_a_member_shows_only_their_productions(database: Database) -> None:
    with database.session() as session:
        a = add_production(session, "a")
        add_production(session, "b")
        user = accounts.insert_user(
            session, email="c@x.fr", display_name="C", password_hash="h", locale="fr"
        )
        members.put_membership(session, a.id, user.id, Role.CREW)
    with database.session() as session:
        assert [p.slug for p in productions.list_productions(session)] == ["a", "b"]
        assert [p.slug for p in productions.list_productions(session, member_id=user.id)] == ["a"]


def test_edit_bumps_the_version(database: Database) -> None:
    with database.session() as session:
        add_production(session)
    with database.session() as session:
        edited = productions.update_production(
            session, "la-clef", expected_version=1, changes={"title": "La Clé", "episodes": 2}
        )
    assert (edited.title, edited.episodes, edited.version) == ("La Clé", 2, 2)


def test_edit_on_an_old_version_is_refused_and_keeps_the_stored_values(
    database: Database,
) -> None:
    with database.session() as session:
        add_production(session)
    with database.session() as session:
        productions.update_production(
            session, "la-clef", expected_version=1, changes={"title": "First"}
        )
    with pytest.raises(StaleEdit) as caught, database.session() as session:
        productions.update_production(
            session, "la-clef", expected_version=1, changes={"title": "Second"}
        )
    assert (caught.value.expected, caught.value.actual) == (1, 2)
    assert "was not saved" in str(caught.value)
    with database.session() as session:
        assert productions.production_by_slug(session, "la-clef").title == "First"


def _edit_while(database: Database, rival: Callable[[], None]) -> None:
    """Edit the title at version 1, with ``rival`` run in its own transaction just before
    the edit reaches the database: the edit was checked, then another user saved first."""
    with database.session() as session:
        event.listen(session, "before_flush", lambda *_: rival(), once=True)
        productions.update_production(
            session, "la-clef", expected_version=1, changes={"title": "Second"}
        )


def test_two_sessions_racing_one_is_refused(database: Database) -> None:
    with database.session() as session:
        add_production(session)

    def rival() -> None:
        with database.session() as other:
            productions.update_production(
                other, "la-clef", expected_version=1, changes={"title": "First"}
            )

    with pytest.raises(StaleEdit) as caught:
        _edit_while(database, rival)
    assert (caught.value.expected, caught.value.actual) == (1, 2)
    with database.session() as session:
        stored = productions.production_by_slug(session, "la-clef")
    assert (stored.title, stored.version) == ("First", 2)


def test_an_edit_racing_a_deletion_says_so(database: Database) -> None:
    with database.session() as session:
        add_production(session)

    def rival() -> None:
        with database.session() as other:
            productions.delete_production(other, "la-clef", expected_version=1)

    with pytest.raises(NotFound, match="deleted by someone else"):
        _edit_while(database, rival)
    with database.session() as session:
        assert productions.list_productions(session) == []


def test_unknown_field_is_a_programming_error(database: Database) -> None:
    with database.session() as session:
        add_production(session)
    with pytest.raises(ValueError, match="slug"), database.session() as session:
        productions.update_production(session, "la-clef", expected_version=1, changes={"slug": "x"})
