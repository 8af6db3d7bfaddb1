# SPDX-License-Identifier: AGPL-3.0-or-later
"""End to end on a real Redis: ``regie worker`` started as a real process (Dramatiq's
worker command), jobs sent by :class:`QueueRunner`, their rows followed in a SQLite file.

Redis is ``REGIE_TEST_REDIS_URL`` (default ``redis://127.0.0.1:6379/11``, a database of
these tests, flushed at the start). The test skips when Redis does not answer, unless
``REGIE_REQUIRE_REDIS=1`` (CI), where it fails.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dramatiq
import pytest
import redis
import xxhash

from regie.core.jobs import JobRecord, JobStatus
from regie.jobs.media import CHUNK_BYTES, hash_files
from regie.jobs.queue import ACTOR_NAME, QueueRunner
from regie.services import jobs, productions
from regie.services.database import Database, sqlite_url

REDIS_URL = os.environ.get("REGIE_TEST_REDIS_URL", "redis://127.0.0.1:6379/11")
QUEUE = "regie-test"
START_S = 120  # a cold start of the worker on a busy CI machine
RUN_S = 60


def _require_redis() -> None:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        if os.environ.get("REGIE_REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis at {REDIS_URL} does not answer ({error}); REGIE_REQUIRE_REDIS=1")
        pytest.skip(f"Redis at {REDIS_URL} does not answer ({error})")
    client.flushdb()
    client.close()


@dataclass
class Office:
    db: Database
    slug: str
    runner: QueueRunner
    log: Path

    def wait(self, job_id: int, timeout_s: float) -> JobRecord:
        deadline = time.monotonic() + timeout_s
        while True:
            record = self.runner.status(self.db, job_id)
            if record.status.finished or time.monotonic() > deadline:
                return record
            time.sleep(0.2)

    def worker_log(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    _require_redis()
    db = Database(sqlite_url(tmp_path / "regie.sqlite"))
    db.upgrade()
    production = productions.create_production(db, "Marée basse", "feature_film")
    log = tmp_path / "worker.log"
    command = [
        sys.executable, "-c", "from regie.cli.main import app; app()",
        "worker", "--broker", REDIS_URL, "--processes", "1", "--threads", "2",
        "--queue", QUEUE, "--time-limit", "120",
    ]  # fmt: skip
    with log.open("wb") as out:
        worker = subprocess.Popen(  # noqa: S603 - our own interpreter and command
            command, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        yield Office(db, production.slug, QueueRunner(REDIS_URL, queue_name=QUEUE), log)
    finally:
        worker.send_signal(signal.SIGTERM)  # Dramatiq stops its workers and exits
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        db.dispose()


def test_jobs_run_on_a_real_worker(office: Office, tmp_path: Path) -> None:
    clips = tmp_path / "A001"
    clips.mkdir()
    files = []
    for number, size in ((1, 3 * CHUNK_BYTES + 7), (2, 1000)):
        clip = clips / f"A001C00{number}.mov"
        clip.write_bytes(os.urandom(size))
        files.append(str(clip))

    job_id = office.runner.submit(office.db, "hash-files", office.slug, hash_files, files)
    record = office.wait(job_id, START_S)
    assert record.status is JobStatus.DONE, (record, office.worker_log())
    assert record.result == {
        "algorithm": "xxh64",
        "files": {name: xxhash.xxh64(Path(name).read_bytes()).hexdigest() for name in files},
        "bytes": 3 * CHUNK_BYTES + 7 + 1000,
    }
    assert record.progress["done"] == record.progress["total"] == 3 * CHUNK_BYTES + 1007
    assert record.progress["files_done"] == 2
    assert record.started_at is not None
    assert record.finished_at is not None

    missing = str(clips / "A001C009.mov")
    failing = office.runner.submit(office.db, "hash-files", office.slug, hash_files, [missing])
    failed = office.wait(failing, RUN_S)
    assert failed.status is JobStatus.FAILED, (failed, office.worker_log())
    assert failed.error is not None
    assert failed.error["error"] == "InputError"
    assert failed.error["message_en"].startswith(f"{missing}: no file at {missing}.")

    # A message naming a function outside the registry is refused, and the refusal kept.
    row = jobs.create_job(office.db, "x", office.slug, actor=None)
    office.runner.broker.enqueue(
        dramatiq.Message(
            queue_name=QUEUE,
            actor_name=ACTOR_NAME,
            args=(office.db.url, row.id, "os.system", ["touch owned"], {}),
            kwargs={},
            options={},
        )
    )
    refused = office.wait(row.id, RUN_S)
    assert refused.status is JobStatus.FAILED, (refused, office.worker_log())
    assert refused.error is not None
    assert "no job function 'os.system' is allowed" in refused.error["message_en"]
    assert not (tmp_path / "owned").exists()
