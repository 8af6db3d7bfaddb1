# SPDX-License-Identifier: AGPL-3.0-or-later
"""Who belongs to which production, with which role."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from regie.office.roles import Membership, Role, User
from regie.storage.repos import records
from regie.storage.tables import MembershipRow, UserRow


def _membership(row: MembershipRow) -> Membership:
    return Membership(production_id=row.production_id, user_id=row.user_id, role=Role(row.role))


def role_of(session: Session, user_id: int, production_id: int) -> Role | None:
    """The role of an *active* account in a production, ``None`` for outsiders."""
    role = session.scalar(
        select(MembershipRow.role)
        .join(UserRow, UserRow.id == MembershipRow.user_id)
        .where(
            MembershipRow.user_id == user_id,
            MembershipRow.production_id == production_id,
            UserRow.is_active.is_(True),
        )
    )
    return None if role is None else Role(role)


def put_membership(session: Session, production_id: int, user_id: int, role: Role) -> Membership:
    """Make ``user_id`` a member with ``role`` (changing the role of an existing member)."""
    row = session.scalar(
        select(MembershipRow).where(
            MembershipRow.production_id == production_id, MembershipRow.user_id == user_id
        )
    )
    if row is None:
        row = MembershipRow(production_id=production_id, user_id=user_id, role=role.value)
        session.add(row)
    else:
        row.role = role.value
    session.flush()
    return _membership(row)


def delete_membership(session: Session, production_id: int, user_id: int) -> bool:
    row = session.scalar(
        select(MembershipRow).where(
            MembershipRow.production_id == production_id, MembershipRow.user_id == user_id
        )
    )
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def members(session: Session, production_id: int) -> list[tuple[User, Role]]:
    """Members of a production with their roles, by display name."""
    rows = session.execute(
        select(UserRow, MembershipRow.role)
        .join(MembershipRow, MembershipRow.user_id == UserRow.id)
        .where(MembershipRow.production_id == production_id)
        .order_by(UserRow.display_name, UserRow.id)
    ).all()
    return [(records.user(user_row), Role(role)) for user_row, role in rows]


def count_with_role(session: Session, production_id: int, role: Role) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(MembershipRow)
            .join(UserRow, UserRow.id == MembershipRow.user_id)
            .where(
                MembershipRow.production_id == production_id,
                MembershipRow.role == role.value,
                UserRow.is_active.is_(True),
            )
        )
        or 0
    )
