# SPDX-License-Identifier: AGPL-3.0-or-later
"""The database handle for the faces, which may not import ``regie.storage`` themselves."""

from __future__ import annotations

from regie.storage.db import Database, SchemaError, sqlite_url

__all__ = ["Database", "SchemaError", "open_database", "sqlite_url"]


def open_database(url: str, *, check: bool = False) -> Database:
    """Open the database at ``url`` (``sqlite:///...`` or ``postgresql+psycopg://...``).

    With ``check`` the schema must be at this regie's head (:class:`SchemaError`, saying
    to run ``regie db upgrade``, otherwise). Call :meth:`Database.upgrade` to migrate.
    """
    database = Database(url)
    if check:
        database.check_schema()
    return database
