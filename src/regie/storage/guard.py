# SPDX-License-Identifier: AGPL-3.0-or-later
"""Turning database refusals into regie errors: stale versions into :class:`StaleEdit`,
constraint violations into :class:`Conflict`.

Uniqueness is checked with a query first (for a clear message) and the constraint stays
the final word when two sessions race; the use case's transaction is then rolled back
whole by :meth:`regie.storage.db.Database.session`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from regie.core.errors import Conflict, Message, NotFound, StaleEdit
from regie.core.text import t


def check_version(record: Message, *, stored: int, expected: int) -> None:
    """Refuse an edit made on a version of ``record`` other than the stored one."""
    if stored != expected:
        raise StaleEdit(record, expected=expected, actual=stored)


def flush_edit(session: Session, row: Any, record: Message, *, expected: int) -> None:
    """Flush an edit of ``row`` (a versioned table row); a concurrent change that won the
    race gives ``StaleEdit``, a concurrent deletion ``NotFound``.

    SQLAlchemy's ``UPDATE ... WHERE version = <loaded>`` matched no row: the transaction
    is rolled back and the version stored now is read for the message.
    """
    table = type(row)
    ident = row.id
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        stored = session.scalar(select(table.version).where(table.id == ident))
        if stored is None:
            raise NotFound(
                t("{record} was deleted by someone else; your edit was not saved", record=record),
                hint=t("Reload the page"),
            ) from None
        raise StaleEdit(record, expected=expected, actual=stored) from None


@contextmanager
def unique(what: Message, *, hint: Message) -> Iterator[None]:
    """Report a unique/foreign-key violation raised inside the block as a ``Conflict``."""
    try:
        yield
    except IntegrityError:
        raise Conflict(what, hint=hint) from None
