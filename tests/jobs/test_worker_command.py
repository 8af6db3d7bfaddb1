# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie worker`` up to the point where it hands over to Dramatiq (the end-to-end test
of test_redis_worker.py starts it for real)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from regie.cli.main import app
from regie.jobs.runner import BROKER_ENV


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")
    for name in (BROKER_ENV, "REGIE_LANG", "REGIE_PRODUCTION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def regie(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_help_is_in_french() -> None:
    result = regie("worker", "--help")
    assert result.exit_code == 0
    for words in ("Lancer un exécutant de tâches", "--processes", "--threads", "--queue"):
        assert words in result.output


def test_a_worker_needs_a_broker() -> None:
    result = regie("--lang", "en", "worker")
    assert result.exit_code == 2
    assert "no job queue is configured" in result.output
    result = regie("--lang", "en", "worker", "--broker", "amqp://127.0.0.1:5672")
    assert result.exit_code == 2
    assert "is not the URL of a Redis server" in result.output


def test_the_folder_names_the_broker(tmp_path: Path) -> None:
    (tmp_path / "regie.toml").write_text(
        '[production]\nslug = "la-clef"\ncode = "CLEF"\n\n'
        '[jobs]\nbroker_url = "redis://:pw@127.0.0.1:1/0"\n',
        encoding="utf-8",
    )
    result = regie("--lang", "en", "worker")
    assert result.exit_code == 1
    assert "redis://:***@127.0.0.1:1/0" in result.output
    assert "the job queue does not answer" in result.output
    assert ":pw@" not in result.output
