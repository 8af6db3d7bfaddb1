# SPDX-License-Identifier: AGPL-3.0-or-later
"""The migrations build exactly the models' schema, and an outdated database is refused."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

from regie.core.errors import RegieError, ValidationError
from regie.storage.base import Base
from regie.storage.db import SCHEMA_HEAD, Database, SchemaError
from regie.storage.tables import UserRow


def test_migrations_produce_the_models_schema(database: Database) -> None:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_every_table_is_created(database: Database) -> None:
    names = set(inspect(database.engine).get_table_names())
    assert set(Base.metadata.tables) <= names
    assert "alembic_version" in names


def test_upgrade_twice_is_harmless(database: Database) -> None:
    database.upgrade()
    database.check_schema()
    assert database.current_revision() == database.head_revision()


def test_the_schema_head_commands_check_against_is_alembics(database: Database) -> None:
    """Commands compare the database with ``SCHEMA_HEAD`` without loading Alembic: a new
    migration must move it."""
    assert database.head_revision() == SCHEMA_HEAD, "set SCHEMA_HEAD in regie/storage/db.py"


def test_several_recorded_versions_are_refused(database: Database) -> None:
    with database.engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO alembic_version (version_num) VALUES ('0001')")
    with pytest.raises(SchemaError, match="several schema versions"):
        database.check_schema()


def test_empty_database_is_refused_with_the_command_to_run(empty_database: Database) -> None:
    with pytest.raises(SchemaError, match="regie db upgrade"):
        empty_database.check_schema()


def test_database_from_a_newer_regie_is_refused(empty_database: Database) -> None:
    empty_database.upgrade()
    with empty_database.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0000'")
    with pytest.raises(SchemaError, match="newer than this version"):
        empty_database.check_schema()


def test_downgrade_to_base_removes_every_table(empty_database: Database) -> None:
    empty_database.upgrade()
    empty_database.downgrade("base")
    assert set(inspect(empty_database.engine).get_table_names()) == {"alembic_version"}
    with pytest.raises(SchemaError, match="no regie tables"):
        empty_database.check_schema()


def test_session_rolls_back_on_error(database: Database) -> None:
    def fail_after_a_write() -> None:
        with database.session() as session:
            session.add(UserRow(email="a@b.fr", display_name="A", password_hash="x"))
            session.flush()
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        fail_after_a_write()
    with database.session() as session:
        assert session.scalars(select(UserRow)).all() == []


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ValidationError, match="SQLite or PostgreSQL"):
        Database("mysql://localhost/regie")


def test_garbage_url_is_refused() -> None:
    with pytest.raises(ValidationError, match="not a database URL"):
        Database("not a url")


def test_unreachable_database_says_so() -> None:
    db = Database("postgresql+psycopg://nobody@127.0.0.1:1/none")
    with pytest.raises(RegieError, match="cannot open the database"):
        db.check_schema()
