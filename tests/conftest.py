# SPDX-License-Identifier: AGPL-3.0-or-later
"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine

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


# -- databases ------------------------------------------------------------------------
# Every test that asks for ``database`` runs on SQLite (a temp file) and, when
# REGIE_TEST_DATABASE_URL is set (CI: postgresql+psycopg://postgres@127.0.0.1:5432/test),
# on PostgreSQL too, each test in a schema of its own so parallel runs never collide.

_PG_URL = os.environ.get("REGIE_TEST_DATABASE_URL", "").strip()
_BACKENDS = ["sqlite", *(["postgresql"] if _PG_URL else [])]


@contextmanager
def _fresh_database(backend: str, tmp_path: Path) -> Iterator[Database]:
    if backend == "sqlite":
        db = Database(sqlite_url(tmp_path / "regie.sqlite"))
        try:
            yield db
        finally:
            db.dispose()
        return
    schema = f"t_{secrets.token_hex(6)}"
    admin = create_engine(_PG_URL)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    db = Database(_PG_URL, connect_args={"options": f"-csearch_path={schema}"})
    try:
        yield db
    finally:
        db.dispose()
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@pytest.fixture(params=_BACKENDS)
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A database with no tables yet, on each backend."""
    with _fresh_database(request.param, tmp_path) as db:
        yield db


@pytest.fixture
def database(empty_database: Database) -> Database:
    """A database migrated to head, on SQLite and (when configured) PostgreSQL."""
    empty_database.upgrade()
    return empty_database
