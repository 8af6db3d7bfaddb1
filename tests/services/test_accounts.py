# SPDX-License-Identifier: AGPL-3.0-or-later
"""Accounts, sign-in and members."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from regie.core.errors import Conflict, InputError, NotFound, PermissionDenied, ValidationError
from regie.office.roles import Role
from regie.services import accounts
from regie.services.database import Database
from regie.storage.repos import accounts as account_rows
from tests.services.conftest import PASSWORD, Office


def test_create_and_authenticate_in_any_case(database: Database) -> None:
    created = accounts.create_user(database, " Hélène@Clef.FR ", PASSWORD, " Hélène  Roux ")
    assert (created.email, created.display_name, created.locale) == (
        "hélène@clef.fr",
        "Hélène Roux",
        "fr",
    )
    assert accounts.authenticate(database, "HÉLÈNE@clef.fr", PASSWORD) == created


def test_password_is_stored_hashed_with_the_real_parameters(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(accounts, "PASSWORD_HASHER", PasswordHasher())
    accounts.create_user(database, "a@clef.fr", PASSWORD, "A")
    with database.session() as session:
        found = account_rows.credentials(session, "a@clef.fr")
    assert found is not None
    assert found[1].startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert PASSWORD not in found[1]


def test_short_password_is_refused_with_the_rule(database: Database) -> None:
    with pytest.raises(ValidationError, match="at least 10") as caught:
        accounts.create_user(database, "a@clef.fr", "court", "A")
    assert caught.value.field == "password"


@pytest.mark.parametrize("email", ["", "sans-arobase", "a@b", "a b@c.fr", "@clef.fr"])
def test_bad_email_is_refused(database: Database, email: str) -> None:
    with pytest.raises(ValidationError, match="e-mail address"):
        accounts.create_user(database, email, PASSWORD, "A")


def test_bad_name_and_locale_are_refused(database: Database) -> None:
    with pytest.raises(ValidationError, match="display"):
        accounts.create_user(database, "a@clef.fr", PASSWORD, "   ")
    with pytest.raises(ValidationError, match="fr or en"):
        accounts.create_user(database, "a@clef.fr", PASSWORD, "A", locale="de")


def test_duplicate_email_is_a_conflict(database: Database) -> None:
    accounts.create_user(database, "a@clef.fr", PASSWORD, "A")
    with pytest.raises(Conflict, match="already exists"):
        accounts.create_user(database, "A@CLEF.FR", PASSWORD, "Other")


def test_wrong_password_and_unknown_email_get_the_same_answer(database: Database) -> None:
    accounts.create_user(database, "a@clef.fr", PASSWORD, "A")
    with pytest.raises(InputError) as wrong_password:
        accounts.authenticate(database, "a@clef.fr", "pas le bon mot de passe")
    with pytest.raises(InputError) as unknown:
        accounts.authenticate(database, "b@clef.fr", PASSWORD)
    assert str(wrong_password.value) == str(unknown.value)
    assert "e-mail or password is wrong" in str(unknown.value)


def test_inactive_account_cannot_sign_in(database: Database) -> None:
    user = accounts.create_user(database, "a@clef.fr", PASSWORD, "A")
    accounts.set_active(database, "a@clef.fr", False, user.version)
    with pytest.raises(InputError, match="e-mail or password is wrong"):
        accounts.authenticate(database, "a@clef.fr", PASSWORD)


def test_old_hash_parameters_are_upgraded_at_sign_in(database: Database) -> None:
    user = accounts.create_user(database, "a@clef.fr", PASSWORD, "A")
    weak = PasswordHasher(time_cost=1, memory_cost=512, parallelism=1).hash(PASSWORD)
    with database.session() as session:
        account_rows.set_password_hash(session, user.id, weak)
    signed_in = accounts.authenticate(database, "a@clef.fr", PASSWORD)
    with database.session() as session:
        found = account_rows.credentials(session, "a@clef.fr")
    assert found is not None
    assert found[1] != weak
    assert not accounts.PASSWORD_HASHER.check_needs_rehash(found[1])
    assert signed_in.version == found[0].version
    # Signing in again changes nothing more.
    assert accounts.authenticate(database, "a@clef.fr", PASSWORD).version == signed_in.version


def test_set_password(database: Database) -> None:
    accounts.create_user(database, "a@clef.fr", PASSWORD, "A")
    accounts.set_password(database, "a@clef.fr", "un tout autre secret")
    with pytest.raises(InputError):
        accounts.authenticate(database, "a@clef.fr", PASSWORD)
    assert accounts.authenticate(database, "a@clef.fr", "un tout autre secret").email == "a@clef.fr"
    with pytest.raises(ValidationError):
        accounts.set_password(database, "a@clef.fr", "court")


def test_members_and_roles(database: Database, office: Office) -> None:
    assert accounts.role_of(database, office.producer.id, office.slug) is Role.PRODUCER
    assert accounts.role_of(database, office.crew.id, office.slug) is Role.CREW
    assert accounts.role_of(database, office.outsider.id, office.slug) is None
    assert accounts.role_of(database, office.crew.id, "nowhere") is None
    listed = accounts.list_members(database, office.slug, actor=office.crew)
    assert {(m.user.email, m.role) for m in listed} == {
        ("producer@clef.fr", Role.PRODUCER),
        ("manager@clef.fr", Role.PRODUCTION_MANAGER),
        ("accountant@clef.fr", Role.ACCOUNTANT),
        ("crew@clef.fr", Role.CREW),
        ("guest@clef.fr", Role.GUEST),
    }


def test_only_members_managers_manage_members(database: Database, office: Office) -> None:
    with pytest.raises(PermissionDenied, match="manage the members"):
        accounts.add_member(database, office.slug, "outsider@clef.fr", "crew", actor=office.manager)
    with pytest.raises(NotFound, match="no production"):
        accounts.add_member(
            database, office.slug, "outsider@clef.fr", "crew", actor=office.outsider
        )
    with pytest.raises(PermissionDenied):
        accounts.list_members(database, office.slug, actor=office.guest)
    accounts.add_member(database, office.slug, "outsider@clef.fr", "guest", actor=None)
    assert accounts.role_of(database, office.outsider.id, office.slug) is Role.GUEST


def test_role_change_and_removal(database: Database, office: Office) -> None:
    changed = accounts.add_member(
        database, office.slug, "crew@clef.fr", Role.PRODUCTION_MANAGER, actor=office.producer
    )
    assert changed.role is Role.PRODUCTION_MANAGER
    accounts.remove_member(database, office.slug, "crew@clef.fr", actor=office.producer)
    assert accounts.role_of(database, office.crew.id, office.slug) is None
    with pytest.raises(NotFound, match="not a member"):
        accounts.remove_member(database, office.slug, "crew@clef.fr", actor=office.producer)
    with pytest.raises(ValidationError, match="unknown role"):
        accounts.add_member(database, office.slug, "crew@clef.fr", "boss", actor=None)
    with pytest.raises(NotFound, match="no account"):
        accounts.add_member(database, office.slug, "nobody@clef.fr", "crew", actor=None)


def test_the_last_producer_stays(database: Database, office: Office) -> None:
    with pytest.raises(Conflict, match="only producer"):
        accounts.remove_member(database, office.slug, "producer@clef.fr", actor=office.producer)
    with pytest.raises(Conflict, match="only producer"):
        accounts.add_member(database, office.slug, "producer@clef.fr", "crew", actor=None)
    accounts.add_member(database, office.slug, "manager@clef.fr", "producer", actor=None)
    accounts.remove_member(database, office.slug, "producer@clef.fr", actor=office.manager)
    assert accounts.role_of(database, office.producer.id, office.slug) is None


def test_a_deactivated_member_loses_access(database: Database, office: Office) -> None:
    accounts.set_active(database, "crew@clef.fr", False, office.crew.version)
    with pytest.raises(NotFound):
        accounts.list_members(database, office.slug, actor=office.crew)
