# SPDX-License-Identifier: AGPL-3.0-or-later
"""Declarative base, constraint naming and the column types shared by every table."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, MetaData
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# Named constraints so that migrations can drop or alter them on both databases
# (SQLite batch mode needs names to find them again).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC instant on both databases.

    PostgreSQL keeps the zone (``timestamptz``); SQLite stores text without it, so values
    are normalised to UTC on the way in and marked UTC on the way out.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; pass an aware datetime")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def version_column() -> Mapped[int]:
    """An integer ``version`` for optimistic concurrency on an editable row.

    Each table passes it as ``__mapper_args__ = {"version_id_col": version}``: SQLAlchemy
    then adds ``WHERE version = <loaded>`` to every UPDATE and DELETE of the row, bumps it,
    and raises ``StaleDataError`` when no row matched (someone changed it in between);
    repositories turn that into :class:`regie.core.errors.StaleEdit`.
    """
    return mapped_column(Integer, nullable=False, default=1)
