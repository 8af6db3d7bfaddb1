# SPDX-License-Identifier: AGPL-3.0-or-later
"""Accounts and memberships as stored."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from regie.core.errors import Conflict, NotFound, StaleEdit
from regie.office.roles import Role
from regie.storage.db import Database
from regie.storage.repos import accounts, members
from regie.storage.tables import UserRow
from tests.storage.factory import add_production


def _add(db: Database, email: str = "Helene@Example.FR") -> int:
    with db.session() as session:
        return accounts.insert_user(
            session, email=email, display_name="Hélène", password_hash="h", locale="fr"
        ).id


def test_email_is_stored_lower_case_and_found_in_any_case(database: Database) -> None:
    user_id = _add(database)
    with database.session() as session:
        user = accounts.user_by_email(session, "HELENE@example.fr")
        assert user.id == user_id
        assert user.email == "helene@example.fr"
        found = accounts.credentials(session, " helene@EXAMPLE.fr ")
        assert found is not None
        assert found[1] == "h"


def test_same_email_in_another_case_is_a_conflict(database: Database) -> None:
    _add(database)
    with pytest.raises(Conflict, match="already exists"):
        _add(database, "HELENE@EXAMPLE.FR")
    with database.session() as session:
        assert len(session.scalars(select(UserRow)).all()) == 1


def test_upper_case_email_is_refused_by_the_database_itself(database: Database) -> None:
    def insert() -> None:
        with database.session() as session:
            session.add(UserRow(email="Bob@x.fr", display_name="Bob", password_hash="h"))

    with pytest.raises(IntegrityError, match=r"email_lower_case|CHECK constraint"):
        insert()


def test_created_at_comes_back_as_utc(database: Database) -> None:
    user_id = _add(database)
    with database.session() as session:
        created = session.get(UserRow, user_id).created_at  # type: ignore[union-attr]
    assert created.tzinfo is not None
    assert created.utcoffset() == dt.timedelta(0)
    assert abs(dt.datetime.now(dt.UTC) - created) < dt.timedelta(minutes=5)


def test_unknown_user_is_not_found(database: Database) -> None:
    with database.session() as session:
        with pytest.raises(NotFound):
            accounts.user_by_id(session, 999)
        with pytest.raises(NotFound, match=r"nobody@x\.fr"):
            accounts.user_by_email(session, "Nobody@x.fr")
        assert accounts.credentials(session, "nobody@x.fr") is None


def test_password_change_on_an_old_version_is_refused(database: Database) -> None:
    user_id = _add(database)
    with database.session() as session:
        changed = accounts.set_password_hash(session, user_id, "h2", expected_version=1)
    assert changed.version == 2
    with pytest.raises(StaleEdit), database.session() as session:
        accounts.set_password_hash(session, user_id, "h3", expected_version=1)
    with database.session() as session:
        assert accounts.credentials(session, "helene@example.fr") == (changed, "h2")


def test_membership_role_is_per_production_and_inactive_users_have_none(
    database: Database,
) -> None:
    user_id = _add(database)
    with database.session() as session:
        first = add_production(session, "one")
        second = add_production(session, "two")
        members.put_membership(session, first.id, user_id, Role.CREW)
        members.put_membership(session, first.id, user_id, Role.PRODUCER)  # role changed
    with database.session() as session:
        assert members.role_of(session, user_id, first.id) is Role.PRODUCER
        assert members.role_of(session, user_id, second.id) is None
        assert members.count_with_role(session, first.id, Role.PRODUCER) == 1
        listed = members.members(session, first.id)
        assert [(u.id, r) for u, r in listed] == [(user_id, Role.PRODUCER)]
        accounts.set_active(session, user_id, False, expected_version=1)
    with database.session() as session:
        assert members.role_of(session, user_id, first.id) is None
        assert members.count_with_role(session, first.id, Role.PRODUCER) == 0
        assert members.delete_membership(session, first.id, user_id)
        assert not members.delete_membership(session, first.id, user_id)
