# SPDX-License-Identifier: AGPL-3.0-or-later
"""Personas of a production office for the service tests (on every test database)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from argon2 import PasswordHasher

from regie.core.production import Production
from regie.office.roles import Role, User
from regie.services import accounts, productions, scripts
from regie.services.database import Database
from tests.services import samples

PASSWORD = "une phrase assez longue"


@dataclass(frozen=True)
class Office:
    """A production with one member per role, plus an outsider."""

    production: Production
    producer: User
    manager: User
    accountant: User
    crew: User
    guest: User
    outsider: User

    @property
    def slug(self) -> str:
        return self.production.slug


def _user(db: Database, name: str) -> User:
    return accounts.create_user(db, f"{name}@clef.fr", PASSWORD, name.title())


# Cheap argon2 parameters: the real ones cost a quarter of a second per hash.
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "PASSWORD_HASHER", FAST_HASHER)


@pytest.fixture
def office(database: Database) -> Office:
    producer = _user(database, "producer")
    production = productions.create_production(
        database, "La Clef du Quai", "feature_film", owner=producer
    )
    people = {}
    for name, role in [
        ("manager", Role.PRODUCTION_MANAGER),
        ("accountant", Role.ACCOUNTANT),
        ("crew", Role.CREW),
        ("guest", Role.GUEST),
    ]:
        people[name] = _user(database, name)
        accounts.add_member(database, production.slug, f"{name}@clef.fr", role, actor=producer)
    return Office(
        production=production,
        producer=producer,
        outsider=_user(database, "outsider"),
        **people,
    )


@pytest.fixture
def imported(database: Database, office: Office) -> Office:
    """The office with version 1 of the sample script imported by its producer."""
    scripts.import_script(database, office.slug, "clef.fountain", samples.first(), actor=None)
    return office
