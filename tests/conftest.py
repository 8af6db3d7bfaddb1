# SPDX-License-Identifier: AGPL-3.0-or-later
"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main
import typer.testing
from sqlalchemy import Connection, create_engine, make_url

from regie.storage.db import Database, sqlite_url

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


def _shared_dir() -> Path:
    env = os.environ.get("REGIE_SHARED_DIR")
    return Path(env) if env else REPO.parent / "shared"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The project's own test files (tests/data, sources in tests/data/README.md)."""
    return DATA


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """../shared/corpus when present (CI has it); tests using it skip cleanly otherwise."""
    corpus = _shared_dir() / "corpus"
    if not corpus.is_dir():
        pytest.skip(f"shared corpus not found at {corpus}")
    return corpus


# -- the command line -----------------------------------------------------------------
# ``CliRunner.invoke(app, …)`` turns the Typer app into a Click command tree on every
# call: about 0.3 s of reading 150 commands' signatures, for each of the suite's
# thousands of CLI calls. The tree depends only on the app, so it is built once per
# test process (a ``regie`` process builds it once too).


@pytest.fixture(scope="session", autouse=True)
def cli_tree_built_once() -> Iterator[None]:
    built: dict[int, tuple[typer.Typer, Any]] = {}

    def get_command(app: typer.Typer) -> Any:
        if id(app) not in built:
            built[id(app)] = (app, typer.main.get_command(app))
        return built[id(app)][1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", get_command)
        yield


# -- databases ------------------------------------------------------------------------
# Every test that asks for ``database`` runs on SQLite (a temp file) and, when
# REGIE_TEST_DATABASE_URL is set (CI: postgresql+psycopg://postgres@127.0.0.1:5432/test),
# on PostgreSQL too, each test in a database of its own so parallel runs never collide.
# The migrations run once per test process into a template (a SQLite file; a PostgreSQL
# database) that each test copies: running them per test cost 0.3–0.6 s on SQLite and
# over a second on PostgreSQL, for every one of about two thousand tests.
# ``empty_database`` (the migration tests) starts from nothing and runs them itself.

_PG_URL = os.environ.get("REGIE_TEST_DATABASE_URL", "").strip()
_BACKENDS = ["sqlite", *(["postgresql"] if _PG_URL else [])]


def _pg_database_url(name: str) -> str:
    return make_url(_PG_URL).set(database=name).render_as_string(hide_password=False)


@contextmanager
def _pg_admin() -> Iterator[Connection]:
    """A connection outside transactions, for CREATE and DROP DATABASE."""
    admin = create_engine(_PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            yield connection
    finally:
        admin.dispose()


@contextmanager
def _pg_database(template: str | None = None) -> Iterator[str]:
    """A new PostgreSQL database (a copy of ``template`` when given), dropped after."""
    name = f"t_{secrets.token_hex(6)}"
    with _pg_admin() as admin:
        copy = f' TEMPLATE "{template}"' if template else ""
        admin.exec_driver_sql(f'CREATE DATABASE "{name}"{copy}')
    try:
        yield name
    finally:
        with _pg_admin() as admin:
            admin.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def _fresh_database(backend: str, tmp_path: Path) -> Iterator[Database]:
    if backend == "sqlite":
        db = Database(sqlite_url(tmp_path / "regie.sqlite"))
        try:
            yield db
        finally:
            db.dispose()
        return
    with _pg_database() as name:
        db = Database(_pg_database_url(name))
        try:
            yield db
        finally:
            db.dispose()


@pytest.fixture(params=_BACKENDS)
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A database with no tables yet, on each backend."""
    with _fresh_database(request.param, tmp_path) as db:
        yield db


@pytest.fixture(scope="session")
def migrated_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Backend → a database migrated to head to copy: a SQLite file, a PostgreSQL database."""
    with ExitStack() as stack:
        sqlite_file = tmp_path_factory.mktemp("template") / "regie.sqlite"
        db = Database(sqlite_url(sqlite_file))
        db.upgrade()
        db.dispose()  # the last connection out checkpoints the WAL into the file
        templates = {"sqlite": str(sqlite_file)}
        if _PG_URL:
            name = stack.enter_context(_pg_database())
            db = Database(_pg_database_url(name))
            db.upgrade()
            db.dispose()  # a template database must have no connections to be copied
            templates["postgresql"] = name
        yield templates


@pytest.fixture(params=_BACKENDS)
def database(
    request: pytest.FixtureRequest, tmp_path: Path, migrated_templates: dict[str, str]
) -> Iterator[Database]:
    """A database migrated to head, on SQLite and (when configured) PostgreSQL."""
    template = migrated_templates[request.param]
    with ExitStack() as stack:
        if request.param == "sqlite":
            target = tmp_path / "regie.sqlite"
            shutil.copyfile(template, target)
            db = Database(sqlite_url(target))
        else:
            db = Database(_pg_database_url(stack.enter_context(_pg_database(template))))
        try:
            yield db
        finally:
            db.dispose()
