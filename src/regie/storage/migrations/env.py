# SPDX-License-Identifier: AGPL-3.0-or-later
"""Alembic environment of regie.

:meth:`regie.storage.db.Database.upgrade` passes its own connection in
``config.attributes["connection"]`` (so the engine's settings — SQLite pragmas, a
PostgreSQL ``search_path`` — apply). Run from the command line (developers generating a
migration), the URL comes from ``-x url=...`` or ``REGIE_DATABASE_URL``.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection, create_engine

from regie.storage import tables  # noqa: F401 - registers every table on the metadata
from regie.storage.base import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    given = config.attributes.get("connection")
    if isinstance(given, Connection):
        _run(given)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or os.environ.get(
        "REGIE_DATABASE_URL"
    )
    if not url:
        raise SystemExit("give the database with -x url=... or REGIE_DATABASE_URL")
    engine = create_engine(url)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("regie migrations run online only (they need a connection)")
run_migrations_online()
