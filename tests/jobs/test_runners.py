# SPDX-License-Identifier: AGPL-3.0-or-later
"""Which runner: in-process without a broker URL, the queue with one; where the URL is
read (the environment first, then the production folder's regie.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from regie.core.errors import InputError, ValidationError
from regie.jobs import broker_url_setting, default_runner, runner_for
from regie.jobs.queue import QueueRunner
from regie.jobs.runner import BROKER_ENV, InProcessRunner, in_process_runner
from regie.jobs.worker import DEFAULT_TIME_LIMIT_S, QUEUES_ENV, TIME_LIMIT_ENV, dramatiq_command


def _folder(root: Path, jobs: str = "") -> Path:
    root.mkdir()
    (root / "regie.toml").write_text(
        '[production]\nslug = "la-clef"\ncode = "CLEF"\n\n'
        '[database]\nurl = "sqlite:///.regie/regie.sqlite"\n' + jobs,
        encoding="utf-8",
    )
    (root / "01_PREPARATION").mkdir()
    return root


@pytest.fixture(autouse=True)
def no_broker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BROKER_ENV, raising=False)


def test_no_broker_means_in_process() -> None:
    assert runner_for(None) is in_process_runner()
    assert runner_for("") is in_process_runner()
    assert isinstance(default_runner(), InProcessRunner)


def test_a_broker_url_means_the_queue(monkeypatch: pytest.MonkeyPatch) -> None:
    runner = runner_for("redis://127.0.0.1:6379/13")
    assert isinstance(runner, QueueRunner)
    assert runner_for("redis://127.0.0.1:6379/13") is runner  # one per URL
    assert runner_for("redis://127.0.0.1:6379/13", queue_name="media") is not runner
    monkeypatch.setenv(BROKER_ENV, "redis://127.0.0.1:6379/13")
    assert default_runner() is runner
    with pytest.raises(ValidationError, match="is not the URL of a Redis server"):
        runner_for("amqp://127.0.0.1")


def test_the_folder_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = _folder(tmp_path / "plain")
    assert broker_url_setting(plain) is None
    queued = _folder(tmp_path / "queued", '\n[jobs]\nbroker_url = "redis://cache.lan:6379/2"\n')
    assert broker_url_setting(queued / "01_PREPARATION") == "redis://cache.lan:6379/2"
    assert broker_url_setting(tmp_path) is None  # not a production folder
    monkeypatch.setenv(BROKER_ENV, "redis://127.0.0.1:6379/4")
    assert broker_url_setting(queued) == "redis://127.0.0.1:6379/4"  # the environment wins
    assert broker_url_setting() == "redis://127.0.0.1:6379/4"
    monkeypatch.setenv(BROKER_ENV, "")
    assert broker_url_setting(queued) == "redis://cache.lan:6379/2"
    wrong = _folder(tmp_path / "wrong", "\n[jobs]\nbroker_url = 6379\n")
    with pytest.raises(InputError, match="broker_url must be text"):
        broker_url_setting(wrong)


def test_the_worker_command() -> None:
    argv, environment = dramatiq_command(
        "redis://127.0.0.1:6379/3", processes=2, threads=3, queues=("regie", "media")
    )
    assert argv[1:] == [
        "-m", "dramatiq", "regie.jobs.worker:setup",
        "--processes", "2", "--threads", "3", "--queues", "regie", "media",
    ]  # fmt: skip
    assert environment[BROKER_ENV] == "redis://127.0.0.1:6379/3"
    assert environment[QUEUES_ENV] == "regie,media"
    assert float(environment[TIME_LIMIT_ENV]) == DEFAULT_TIME_LIMIT_S


def test_the_worker_needs_its_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from regie.jobs.worker import setup

    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="no job queue is configured"):
        setup()
    monkeypatch.setenv(TIME_LIMIT_ENV, "soon")
    with pytest.raises(ValidationError, match="must be a number of seconds above 0"):
        setup("redis://127.0.0.1:6379/13")
