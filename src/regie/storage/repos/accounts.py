# SPDX-License-Identifier: AGPL-3.0-or-later
"""User accounts. E-mail addresses are stored lower-case, so unique case-insensitively."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from regie.core.errors import Conflict, NotFound, field_named
from regie.core.text import t
from regie.office.roles import User
from regie.storage.guard import check_version, flush_edit, unique
from regie.storage.repos import records
from regie.storage.tables import UserRow


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _row_by_email(session: Session, email: str) -> UserRow | None:
    return session.scalar(select(UserRow).where(UserRow.email == normalise_email(email)))


def _row(session: Session, user_id: int) -> UserRow:
    row = session.get(UserRow, user_id)
    if row is None:
        raise NotFound(t("no user account #{id}", id=user_id), hint=t("It may have been deleted"))
    return row


def insert_user(
    session: Session, *, email: str, display_name: str, password_hash: str, locale: str
) -> User:
    email = normalise_email(email)
    duplicate = t("an account with the e-mail {email} already exists", email=email)
    hint = t("Sign in with it, or use another address")
    if _row_by_email(session, email) is not None:
        raise Conflict(duplicate, where=field_named("email"), hint=hint)
    row = UserRow(
        email=email, display_name=display_name, password_hash=password_hash, locale=locale
    )
    session.add(row)
    with unique(duplicate, hint=hint):
        session.flush()
    return records.user(row)


def user_by_id(session: Session, user_id: int) -> User:
    return records.user(_row(session, user_id))


def user_by_email(session: Session, email: str) -> User:
    row = _row_by_email(session, email)
    if row is None:
        raise NotFound(
            t("no account with the e-mail {email}", email=normalise_email(email)),
            hint=t("Check the address, or create the account first"),
        )
    return records.user(row)


def credentials(session: Session, email: str) -> tuple[User, str] | None:
    """The account and its password hash, or ``None`` when no account has this e-mail."""
    row = _row_by_email(session, email)
    return None if row is None else (records.user(row), row.password_hash)


def set_password_hash(
    session: Session, user_id: int, password_hash: str, *, expected_version: int | None = None
) -> User:
    """Store a new hash; with ``expected_version`` the edit is refused if the account changed."""
    row = _row(session, user_id)
    record = t("account {email}", email=row.email)
    expected = row.version if expected_version is None else expected_version
    check_version(record, stored=row.version, expected=expected)
    row.password_hash = password_hash
    flush_edit(session, row, record, expected=expected)
    return records.user(row)


def set_active(session: Session, user_id: int, active: bool, *, expected_version: int) -> User:
    row = _row(session, user_id)
    record = t("account {email}", email=row.email)
    check_version(record, stored=row.version, expected=expected_version)
    row.is_active = active
    flush_edit(session, row, record, expected=expected_version)
    return records.user(row)
