# SPDX-License-Identifier: AGPL-3.0-or-later
"""The database handle: engine, one-transaction sessions, migrations to head, schema check.

SQLite (a single file, the default) gets foreign keys switched on and WAL journaling on
every connection; PostgreSQL is reached through psycopg 3 (``postgresql+psycopg://``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from regie.core.errors import RegieError, ValidationError
from regie.core.text import t

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The newest migration. A command checks the schema against it without loading Alembic
# (a third of a second of imports for every ``regie`` command); Alembic's scripts are read
# only to migrate or to explain a mismatch. tests/storage/test_schema.py checks that this
# is Alembic's head.
SCHEMA_HEAD: Final = "0013"
_SQLITE_BUSY_MS = 15_000  # a writer waits this long for another one before giving up


class SchemaError(RegieError):
    """The database schema is older (or newer) than this version of regie expects."""

    http_status = 503


def sqlite_url(path: Path) -> str:
    """``sqlite:////abs/path/regie.sqlite`` for a database file."""
    return f"sqlite:///{path.resolve()}"


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {_SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
    finally:
        cursor.close()


class Database:
    """A regie database at ``url``.

    ``connect_args`` go to the driver (tests use ``{"options": "-csearch_path=t_x"}`` to
    put each PostgreSQL test in its own schema).
    """

    def __init__(
        self, url: str, *, connect_args: Mapping[str, Any] | None = None, echo: bool = False
    ) -> None:
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise ValidationError(
                t("'{url}' is not a database URL", url=url),
                field="database",
                hint=t(
                    "Use sqlite:///path/to/regie.sqlite or postgresql+psycopg://user@host/dbname"
                ),
            ) from None
        if parsed.get_backend_name() not in ("sqlite", "postgresql"):
            raise ValidationError(
                t(
                    "regie runs on SQLite or PostgreSQL, not on {backend}",
                    backend=parsed.get_backend_name(),
                ),
                field="database",
                hint=t(
                    "Use sqlite:///path/to/regie.sqlite or postgresql+psycopg://user@host/dbname"
                ),
            )
        self.url = url
        self.engine: Engine = create_engine(
            parsed, connect_args=dict(connect_args or {}), echo=echo
        )
        if self.is_sqlite:
            event.listen(self.engine, "connect", _on_sqlite_connect)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def __repr__(self) -> str:
        return f"Database({self.engine.url.render_as_string(hide_password=True)!r})"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back on any exception."""
        with self._sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    # -- migrations -------------------------------------------------------------------

    def alembic_config(self) -> Config:
        """Alembic's configuration, built in code: the packaged migrations, no alembic.ini."""
        from alembic.config import Config  # noqa: PLC0415 - only to migrate

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        return config

    def upgrade(self, revision: str = "head") -> None:
        """Bring the schema to ``revision`` (the newest by default) with Alembic."""
        from alembic import command  # noqa: PLC0415 - only to migrate

        config = self.alembic_config()
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)

    def downgrade(self, revision: str) -> None:
        """Take the schema back to ``revision`` (``"base"``: no tables). Data is lost."""
        from alembic import command  # noqa: PLC0415 - only to migrate

        config = self.alembic_config()
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, revision)

    def head_revision(self) -> str | None:
        """The newest revision of the packaged migrations, read by Alembic."""
        from alembic.script import ScriptDirectory  # noqa: PLC0415 - only to migrate

        return ScriptDirectory.from_config(self.alembic_config()).get_current_head()

    def current_revision(self) -> str | None:
        """The revision the database is at, ``None`` for an empty database (read from
        Alembic's ``alembic_version`` table, as Alembic reads it)."""
        try:
            with self.engine.connect() as connection:
                if not inspect(connection).has_table("alembic_version"):
                    return None
                versions = connection.execute(text("SELECT version_num FROM alembic_version"))
                found = list(versions.scalars())
        except SQLAlchemyError as exc:
            reason = (str(getattr(exc, "orig", None) or exc).strip().splitlines() or ["?"])[0]
            raise SchemaError(
                t("cannot open the database ({problem})", problem=reason),
                where=repr(self),
                hint=t("Check the database URL and that the server is running"),
            ) from None
        if len(found) > 1:
            raise SchemaError(
                t("the database records several schema versions: {versions}", versions=found),
                where=repr(self),
                hint=t("Restore the database from a backup"),
            )
        return str(found[0]) if found else None

    def check_schema(self) -> None:
        """Refuse to work on a database whose schema is not at this regie's head."""
        current = self.current_revision()
        if current == SCHEMA_HEAD:
            return
        from alembic.script import ScriptDirectory  # noqa: PLC0415 - only to migrate

        head = self.head_revision()
        if current == head:
            return
        if current is None:
            raise SchemaError(
                t("the database has no regie tables yet"),
                where=repr(self),
                hint=t("Run `regie db upgrade` to create them"),
            )
        scripts = ScriptDirectory.from_config(self.alembic_config())
        known = {rev.revision for rev in scripts.walk_revisions()}
        if current not in known:
            raise SchemaError(
                t(
                    "the database schema ({current}) is newer than this version of regie ({head})",
                    current=current,
                    head=head,
                ),
                where=repr(self),
                hint=t("Upgrade regie to the version that last migrated this database"),
            )
        raise SchemaError(
            t(
                "the database schema ({current}) is behind this version of regie ({head})",
                current=current,
                head=head,
            ),
            where=repr(self),
            hint=t("Back up the database, then run `regie db upgrade`"),
        )

    def dispose(self) -> None:
        self.engine.dispose()
