# SPDX-License-Identifier: AGPL-3.0-or-later
"""Accounts of a shared office and members of each production.

Passwords are hashed with argon2id (argon2-cffi's current parameters); a stored hash made
with older parameters is replaced at the next successful sign-in.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.orm import Session

from regie.core.errors import Conflict, InputError, NotFound, ValidationError
from regie.core.text import t
from regie.office.roles import Membership, Permission, Role, User
from regie.services.access import production_for, production_named
from regie.services.database import Database
from regie.storage.repos import accounts, members

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024  # argon2 hashes anything; this only stops absurd inputs
LOCALES = ("fr", "en")
# argon2id with argon2-cffi's defaults (RFC 9106 low-memory profile). Tests swap in a cheap
# one; a hash made with other parameters is redone at the next sign-in.
PASSWORD_HASHER = PasswordHasher()


@dataclass(frozen=True, slots=True)
class Member:
    """A member of a production as the members page lists them."""

    user: User
    role: Role


@cache
def _dummy_hash() -> str:
    # Verified against when the e-mail is unknown, so both answers take as long.
    return PASSWORD_HASHER.hash("not a password of anyone")


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            t(
                "the password has {length} characters, at least {minimum} are needed",
                length=len(password),
                minimum=MIN_PASSWORD_LENGTH,
            ),
            field="password",
            hint=t("A short sentence is easy to remember and hard to guess"),
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationError(
            t("the password is longer than {maximum} characters", maximum=MAX_PASSWORD_LENGTH),
            field="password",
        )


def _check_email(email: str) -> str:
    email = email.strip()
    local, _, domain = email.partition("@")
    if not local or "." not in domain or any(ch.isspace() for ch in email) or len(email) > 320:
        raise ValidationError(
            t("'{email}' is not an e-mail address", email=email),
            field="email",
            hint=t("Write it as name@domain"),
        )
    return email


def create_user(
    db: Database, email: str, password: str, display_name: str, locale: str = "fr"
) -> User:
    """A new account (e-mail unique whatever its case)."""
    email = _check_email(email)
    _check_password(password)
    display_name = " ".join(display_name.split())
    if not display_name or len(display_name) > 200:
        raise ValidationError(
            t("the name to display must have 1 to {maximum} characters", maximum=200),
            field="display_name",
        )
    if locale not in LOCALES:
        raise ValidationError(
            t("unknown language '{locale}'", locale=locale),
            field="locale",
            hint=t("Choose fr or en"),
        )
    password_hash = PASSWORD_HASHER.hash(password)
    with db.session() as session:
        return accounts.insert_user(
            session,
            email=email,
            display_name=display_name,
            password_hash=password_hash,
            locale=locale,
        )


def _wrong() -> InputError:
    # Never say which of the two was wrong, nor whether the account exists.
    return InputError(t("e-mail or password is wrong"), hint=t("Check both and try again"))


def authenticate(db: Database, email: str, password: str) -> User:
    """The active account with this e-mail and password, else a generic ``InputError``."""
    with db.session() as session:
        found = accounts.credentials(session, email)
        if found is None:
            with contextlib.suppress(VerificationError):
                PASSWORD_HASHER.verify(_dummy_hash(), password)
            raise _wrong()
        user, stored = found
        try:
            PASSWORD_HASHER.verify(stored, password)
        except (VerificationError, InvalidHashError):
            raise _wrong() from None
        if not user.is_active:
            raise _wrong()
        if PASSWORD_HASHER.check_needs_rehash(stored):
            user = accounts.set_password_hash(session, user.id, PASSWORD_HASHER.hash(password))
        return user


def set_password(db: Database, email: str, password: str) -> User:
    """Give the account a new password (the face checks who may do so)."""
    _check_password(password)
    password_hash = PASSWORD_HASHER.hash(password)
    with db.session() as session:
        user = accounts.user_by_email(session, email)
        return accounts.set_password_hash(session, user.id, password_hash)


def set_active(db: Database, email: str, active: bool, expected_version: int) -> User:
    """Deactivate an account (it can no longer sign in nor act) or reactivate it."""
    with db.session() as session:
        user = accounts.user_by_email(session, email)
        return accounts.set_active(session, user.id, active, expected_version=expected_version)


def get_user(db: Database, user_id: int) -> User:
    with db.session() as session:
        return accounts.user_by_id(session, user_id)


def add_member(
    db: Database, production_slug: str, email: str, role: Role | str, *, actor: User | None
) -> Membership:
    """Give the account ``email`` a role in the production (or change its role)."""
    role = _role(role)
    with db.session() as session:
        production = production_for(session, production_slug, actor, Permission.MANAGE_MEMBERS)
        user = accounts.user_by_email(session, email)
        current = members.role_of(session, user.id, production.id)
        if current is Role.PRODUCER and role is not Role.PRODUCER:
            _keep_a_producer(session, production.id, user.email)
        return members.put_membership(session, production.id, user.id, role)


def remove_member(db: Database, production_slug: str, email: str, *, actor: User | None) -> None:
    with db.session() as session:
        production = production_for(session, production_slug, actor, Permission.MANAGE_MEMBERS)
        user = accounts.user_by_email(session, email)
        if members.role_of(session, user.id, production.id) is Role.PRODUCER:
            _keep_a_producer(session, production.id, user.email)
        if not members.delete_membership(session, production.id, user.id):
            raise NotFound(
                t("{email} is not a member of this production", email=user.email),
                where=production_named(production_slug),
            )


def role_of(db: Database, user_id: int, production_slug: str) -> Role | None:
    """The role of an active account in a production (``None``: not a member, or none)."""
    with db.session() as session:
        try:
            production = production_for(session, production_slug, None, Permission.VIEW_PRODUCTION)
        except NotFound:
            return None
        return members.role_of(session, user_id, production.id)


def list_members(db: Database, production_slug: str, *, actor: User | None) -> list[Member]:
    """The team with their roles. Guests (partners, broadcasters) do not see it: it holds
    people's e-mail addresses; every working role does (same rule as seeing the script)."""
    with db.session() as session:
        production = production_for(session, production_slug, actor, Permission.VIEW_SCRIPT)
        return [Member(user, role) for user, role in members.members(session, production.id)]


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise ValidationError(
            t("unknown role '{role}'", role=role),
            field="role",
            hint=t("Choose one of: {roles}", roles=", ".join(r.value for r in Role)),
        ) from None


def _keep_a_producer(session: Session, production_id: int, email: str) -> None:
    if members.count_with_role(session, production_id, Role.PRODUCER) <= 1:
        raise Conflict(
            t("{email} is the only producer of this production", email=email),
            hint=t("Make someone else producer first"),
        )
