# SPDX-License-Identifier: AGPL-3.0-or-later
"""The queue runner and its worker actor, in-process: Dramatiq's StubBroker and a real
Dramatiq Worker (threads), on every test database."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import dramatiq
import pytest
from dramatiq.brokers.stub import StubBroker

from regie.core.errors import PermissionDenied, ValidationError
from regie.core.jobs import JobRecord, JobStatus
from regie.jobs import registry
from regie.jobs.queue import (
    ACTOR_NAME,
    QueueRunner,
    QueueUnavailable,
    decode_call,
    encode_call,
    redacted,
)
from regie.jobs.worker import DatabaseCache, declare
from regie.office.roles import Permission
from regie.services import jobs
from regie.services.database import Database, open_database
from tests.jobs import functions
from tests.services.conftest import Office

QUEUE = "regie"


class Queue:
    """A stub broker with the regie actor declared and a worker consuming it."""

    def __init__(self, database: Database, *, time_limit_s: float = 60) -> None:
        self.broker = StubBroker()
        self.broker.emit_after("process_boot")  # starts the time-limit watcher
        self.databases = DatabaseCache()
        self.databases.adopt(database)  # a PostgreSQL test schema is not in the URL
        declare(self.broker, queue_name=QUEUE, time_limit_s=time_limit_s, databases=self.databases)
        self.worker = dramatiq.Worker(self.broker, worker_timeout=50, worker_threads=2)
        self.worker.start()
        self.runner = QueueRunner(self.broker, queue_name=QUEUE)
        self.db = database

    def drain(self) -> None:
        self.broker.join(QUEUE, timeout=60_000)
        self.worker.join()

    def record(self, job_id: int) -> JobRecord:
        return self.runner.status(self.db, job_id)

    def close(self) -> None:
        self.worker.stop()
        self.broker.emit_before("process_stop")
        self.broker.close()


@pytest.fixture
def queue(database: Database) -> Iterator[Queue]:
    stub = Queue(database)
    yield stub
    stub.close()


def test_a_job_runs_on_the_worker(queue: Queue, office: Office) -> None:
    job_id = queue.runner.submit(
        queue.db, "count", office.slug, functions.count_to, 6, actor=office.manager
    )
    assert queue.record(job_id).status is JobStatus.QUEUED
    queue.drain()
    record = queue.runner.status(queue.db, job_id, actor=office.crew)
    assert (record.status, record.result, record.error) == (
        JobStatus.DONE,
        {"counted": 6, "step": 1},
        None,
    )
    assert dict(record.progress) == {"done": 6, "total": 6, "message": "counting", "last": 6}
    assert record.created_by == office.manager.id
    assert record.started_at is not None
    assert record.finished_at is not None


def test_the_message_is_json_of_ids_and_values(queue: Queue, office: Office) -> None:
    sent: list[dramatiq.Message[Any]] = []

    def keep(message: dramatiq.Message[Any], *, delay: int | None = None) -> dramatiq.Message[Any]:
        sent.append(message)
        return message

    queue.broker.enqueue = keep  # type: ignore[method-assign]  # keep the message
    work = functools.partial(functions.who, actor=office.manager)
    job_id = queue.runner.submit(queue.db, "who", office.slug, work, queue.db, office.slug)
    (message,) = sent
    assert (message.queue_name, message.actor_name, message.kwargs) == (QUEUE, ACTOR_NAME, {})
    assert json.loads(json.dumps(message.args)) == [
        queue.db.url,
        job_id,
        "tests.jobs.functions.who",
        [{"$regie": "database"}, office.slug],
        {"actor": {"$regie": "user", "id": office.manager.id}},
    ]


def test_references_are_read_again_on_the_worker(queue: Queue, office: Office) -> None:
    work = functools.partial(functions.who, actor=office.manager)
    job_id = queue.runner.submit(queue.db, "who", office.slug, work, queue.db, office.slug)
    queue.drain()
    assert queue.record(job_id).result == {
        "actor": office.manager.id,
        "database": True,
        "slug": office.slug,
    }


def test_failures_are_recorded_not_retried(queue: Queue, office: Office) -> None:
    refused = queue.runner.submit(
        queue.db, "x", office.slug, functions.refuse, "the board changed meanwhile"
    )
    crashed = queue.runner.submit(queue.db, "x", office.slug, functions.crash)
    queue.drain()
    first, second = queue.record(refused), queue.record(crashed)
    assert first.status is JobStatus.FAILED
    assert first.error is not None
    assert first.error["message_en"] == "the board changed meanwhile."
    assert second.status is JobStatus.FAILED
    assert second.error is not None
    assert second.error["error"] == "RuntimeError"
    assert "secret" not in str(second.error)
    assert queue.broker.dead_letters == []  # recorded on the row, the message is done


def _send(queue: Queue, job_id: int, path: str, args: list[Any]) -> None:
    queue.broker.enqueue(
        dramatiq.Message(
            queue_name=QUEUE,
            actor_name=ACTOR_NAME,
            args=(queue.db.url, job_id, path, args, {}),
            kwargs={},
            options={},
        )
    )


def test_a_function_outside_the_registry_is_refused(queue: Queue, office: Office) -> None:
    record = jobs.create_job(queue.db, "x", office.slug, actor=None)
    _send(queue, record.id, "os.system", ["echo owned"])
    queue.drain()
    failed = queue.record(record.id)
    assert failed.status is JobStatus.FAILED
    assert failed.error is not None
    assert failed.error["error"] == "NotFound"
    assert "no job function 'os.system' is allowed" in failed.error["message_en"]


def test_a_message_runs_its_job_once(queue: Queue, office: Office) -> None:
    job_id = queue.runner.submit(queue.db, "count", office.slug, functions.count_to, 3)
    queue.drain()
    done = queue.record(job_id)
    _send(queue, job_id, "tests.jobs.functions.count_to", [99])  # delivered again
    queue.drain()
    assert queue.record(job_id) == done


def test_a_redelivered_running_job_is_recorded_interrupted(queue: Queue, office: Office) -> None:
    # Redis hands a message on when the worker running it died: its row says running.
    record = jobs.create_job(queue.db, "count", office.slug, actor=None)
    jobs.start_job(queue.db, record.id)
    _send(queue, record.id, "tests.jobs.functions.count_to", [3])
    queue.drain()
    failed = queue.record(record.id)
    assert failed.status is JobStatus.FAILED
    assert failed.error is not None
    assert failed.error["message_en"].startswith("the worker stopped before the job ended.")


def test_the_time_limit_fails_the_job(database: Database, office: Office) -> None:
    stub = Queue(database, time_limit_s=0.5)
    try:
        job_id = stub.runner.submit(database, "sleep", office.slug, functions.sleep_for, 20)
        stub.drain()
        record = stub.record(job_id)
    finally:
        stub.close()
    assert record.status is JobStatus.FAILED
    assert record.error is not None
    assert "ran past the worker's time limit of 0.5 s" in record.error["message_en"]


def test_the_registered_media_job_runs(queue: Queue, office: Office, tmp_path: Path) -> None:
    from regie.jobs.media import hash_files

    clip = tmp_path / "A001C001.mov"
    clip.write_bytes(b"rushes" * 1000)
    job_id = queue.runner.submit(queue.db, "hash", office.slug, hash_files, [str(clip)], "md5")
    queue.drain()
    record = queue.record(job_id)
    assert record.status is JobStatus.DONE, record.error
    assert record.result is not None
    assert record.result["files"] == {str(clip): hashlib.md5(clip.read_bytes()).hexdigest()}  # noqa: S324


# -- submit refuses what cannot travel, before any row is written ------------------------


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((Decimal("12.50"),), "1"),
        ((dt.date(2027, 3, 1),), "1"),
        ((float("nan"),), "1"),
        (([1, {"at": object()}],), "1"),
        (({"$regie": "database"},), "1"),
        (({1: "x"},), "1"),
    ],
)
def test_arguments_must_be_json(
    queue: Queue, office: Office, args: tuple[Any, ...], name: str
) -> None:
    with pytest.raises(ValidationError, match="is not a JSON value") as caught:
        queue.runner.submit(queue.db, "count", office.slug, functions.count_to, *args)
    assert caught.value.field == name
    assert jobs.list_jobs(queue.db, office.slug, actor=None) == []


def test_keywords_must_be_json_too(queue: Queue, office: Office) -> None:
    work = functools.partial(functions.count_to, step=Decimal(1))  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="argument step of the job function"):
        queue.runner.submit(queue.db, "count", office.slug, work, 3)
    assert jobs.list_jobs(queue.db, office.slug, actor=None) == []


def test_only_registered_functions_travel(queue: Queue, office: Office) -> None:
    with pytest.raises(ValidationError, match="is not a registered job function"):
        queue.runner.submit(queue.db, "x", office.slug, functions.not_registered)
    with pytest.raises(ValidationError, match="is not a registered job function"):
        queue.runner.submit(queue.db, "x", office.slug, lambda *, progress: None)
    assert jobs.list_jobs(queue.db, office.slug, actor=None) == []


def test_permission_is_checked_at_submit(queue: Queue, office: Office) -> None:
    with pytest.raises(PermissionDenied):
        queue.runner.submit(
            queue.db, "x", office.slug, functions.count_to, 1, actor=office.crew,
            permission=Permission.EDIT_SCHEDULE,
        )  # fmt: skip
    assert jobs.list_jobs(queue.db, office.slug, actor=None) == []


def test_partials_are_unwrapped(database: Database, office: Office) -> None:
    inner = functools.partial(functions.count_to, 5, step=1)
    outer = functools.partial(inner, step=5)
    path, args, keywords = encode_call(database, outer, ())
    assert (path, args, keywords) == ("tests.jobs.functions.count_to", [5], {"step": 5})
    assert decode_call(database, args, keywords) == ((5,), {"step": 5})
    given = functools.partial(functions.count_to, progress=print)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="do not pass one"):
        encode_call(database, given, (1,))


def test_a_job_needs_a_database_a_worker_can_open(
    office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    relative = open_database("sqlite:///relative.sqlite")
    try:
        runner = QueueRunner(StubBroker(), queue_name=QUEUE)
        with pytest.raises(ValidationError, match="a queue worker cannot open this database"):
            runner.submit(relative, "count", office.slug, functions.count_to, 1)
    finally:
        relative.dispose()


def test_an_unreachable_queue_fails_the_job_at_once(database: Database, office: Office) -> None:
    runner = QueueRunner("redis://:hunter2@127.0.0.1:1/0", queue_name=QUEUE)
    with pytest.raises(QueueUnavailable) as caught:
        runner.submit(database, "count", office.slug, functions.count_to, 1)
    assert "hunter2" not in str(caught.value)
    (record,) = jobs.list_jobs(database, office.slug, actor=None)
    assert record.status is JobStatus.FAILED
    assert record.error is not None
    assert record.error["error"] == "QueueUnavailable"


def test_passwords_are_kept_out_of_messages() -> None:
    assert redacted("redis://:s3cret@cache.lan:6380/2") == "redis://:***@cache.lan:6380/2"
    assert redacted("rediss://app:s3cret@cache.lan/0") == "rediss://app:***@cache.lan/0"
    assert redacted("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/0"


def test_the_registry_imports_nothing_outside_its_list() -> None:
    assert "regie.jobs.media.hash_files" in registry.allowed()
    assert "tests.jobs.functions.count_to" in registry.allowed()
    with pytest.raises(ValidationError, match="not the dotted path"):
        registry.register("not a path")
    assert registry.resolve("tests.jobs.functions.count_to") is functions.count_to
    assert registry.path_of(functions.count_to) == "tests.jobs.functions.count_to"
