# SPDX-License-Identifier: AGPL-3.0-or-later
"""The queue worker: the Dramatiq actor that runs the jobs :class:`~regie.jobs.queue.
QueueRunner` sends, and its broker.

Start it with ``regie worker`` (which runs ``dramatiq regie.jobs.worker:setup``), or with
Dramatiq's own command: ``REGIE_BROKER_URL=redis://… dramatiq regie.jobs.worker``
(importing this module sets the broker up when that variable is set). Settings, from the
environment (``regie worker`` sets them from its options): ``REGIE_BROKER_URL`` (else
``[jobs] broker_url`` of the ``regie.toml`` of the working folder), ``REGIE_JOB_QUEUES``
(comma-separated, ``regie`` by default), ``REGIE_JOB_TIME_LIMIT_S`` (24 hours by default:
an offload of a day's rushes takes hours; Dramatiq's own default is 10 minutes).

For each message the actor opens the message's database (one :class:`Database` per URL
and process, kept open), reads the job's row and:

* runs it only when it is still ``queued`` — a message for a job that is done or failed
  is skipped, so a message delivered twice runs its job once;
* when the row is ``running``, the message is a redelivery after the worker that ran it
  died (Redis hands unacknowledged messages on when a worker stops beating): the job is
  recorded failed (``interrupted``) rather than left running for ever or run twice;
* resolves the function in :mod:`regie.jobs.registry` (an unknown path fails the job,
  nothing else is imported), reads the references back (database, user) and calls
  :func:`~regie.jobs.runner.run_job` with a :class:`~regie.jobs.runner.DatabaseReporter`
  exactly like the in-process runner: progress on the row, the result or the error
  recorded, never lost;
* a job past the time limit, or stopped by a worker shutdown, is recorded failed.

**No retries** (``max_retries=0``): a media job that failed half-way (an offload to a
full disk) must not silently run again; the user sees the failure and starts it again.
A message whose database cannot be opened at all is logged and dead-lettered by Dramatiq.

**Why Dramatiq, not Celery**: a smaller library with its Redis broker built in, messages
in JSON by default (our jobs take ids and values; no pickle to turn a queue into remote
code execution), per-actor retries and time limits as plain options, and a worker command
that forks processes for us. Celery would add kombu, billiard and a result backend we do
not need: results live in the ``jobs`` table.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import threading
from pathlib import Path
from typing import Any

import dramatiq
from dramatiq.middleware.time_limit import TimeLimitExceeded
from dramatiq.threading import Interrupt

from regie.core.errors import InputError, NotFound, RegieError, ValidationError
from regie.core.jobs import JobStatus
from regie.core.text import t
from regie.jobs import registry
from regie.jobs.queue import ACTOR_NAME, check_broker_url, decode_call, redacted, redis_broker
from regie.jobs.runner import (
    BROKER_ENV,
    DEFAULT_QUEUE,
    DatabaseReporter,
    broker_url_setting,
    run_job,
)
from regie.services import jobs
from regie.services.database import Database, SchemaError, open_database

QUEUES_ENV = "REGIE_JOB_QUEUES"
TIME_LIMIT_ENV = "REGIE_JOB_TIME_LIMIT_S"
DEFAULT_TIME_LIMIT_S = 24 * 3600
LOG = logging.getLogger(__name__)


class DatabaseCache:
    """One open :class:`Database` per URL for the life of the worker process."""

    def __init__(self) -> None:
        self._open: dict[str, Database] = {}
        self._lock = threading.Lock()

    def get(self, url: str) -> Database:
        with self._lock:
            if url not in self._open:
                self._open[url] = open_database(url, check=True)
            return self._open[url]

    def adopt(self, db: Database) -> None:
        """Use ``db`` for its URL (tests: a database opened with its own options)."""
        with self._lock:
            self._open[db.url] = db

    def forget(self, url: str) -> None:
        with self._lock:
            self._open.pop(url, None)


DATABASES = DatabaseCache()


def _interrupted(interrupt: BaseException | None, time_limit_s: float | None) -> RegieError:
    if isinstance(interrupt, TimeLimitExceeded):
        return RegieError(
            t("the job ran past the worker's time limit of {seconds} s", seconds=time_limit_s),
            hint=t("Start the worker with a longer --time-limit, then run the job again"),
        )
    return RegieError(
        t("the worker stopped before the job ended"),
        hint=t("Check the worker's log, then run the job again"),
    )


def _fail_quietly(db: Database, job_id: int, error: BaseException) -> None:
    try:
        jobs.fail_job(db, job_id, error)
    except Exception:
        LOG.exception("could not record the failure of job %s", job_id)


def _fail_on_old_schema(url: str, job_id: int, error: SchemaError) -> None:
    """The database is at another schema than this worker's regie: say so on the row."""
    LOG.error("job %s: %s", job_id, error)
    db = open_database(url)
    try:
        _fail_quietly(db, job_id, error)
    finally:
        db.dispose()


def perform(
    database_url: str,
    job_id: int,
    function_path: str,
    args: list[Any],
    kwargs: dict[str, Any],
    *,
    databases: DatabaseCache = DATABASES,
    min_interval_s: float = 0.5,
    time_limit_s: float | None = None,
) -> None:
    """Run the job of one message (see the module docstring)."""
    try:
        db = databases.get(database_url)
    except SchemaError as error:
        _fail_on_old_schema(database_url, job_id, error)
        return
    try:
        record = jobs.job_status(db, job_id, actor=None)
    except NotFound:
        LOG.warning("job %s is not in %s: message skipped", job_id, redacted(database_url))
        return
    if record.status is JobStatus.RUNNING:
        _fail_quietly(db, job_id, _interrupted(None, time_limit_s))
        return
    if record.status is not JobStatus.QUEUED:
        LOG.info("job %s is already %s: message skipped", job_id, record.status.value)
        return
    try:
        fn = registry.resolve(function_path)
        call_args, keywords = decode_call(db, args, kwargs)
    except RegieError as error:
        _fail_quietly(db, job_id, error)
        return
    reporter = DatabaseReporter(db, job_id, min_interval_s=min_interval_s)
    try:
        run_job(db, job_id, functools.partial(fn, **keywords), call_args, reporter)
    except Interrupt as interrupt:  # raised into this thread by Dramatiq
        LOG.warning("job %s interrupted: %s", job_id, type(interrupt).__name__)
        _fail_quietly(db, job_id, _interrupted(interrupt, time_limit_s))


def declare(
    broker: dramatiq.Broker,
    *,
    queue_name: str = DEFAULT_QUEUE,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    databases: DatabaseCache = DATABASES,
) -> dramatiq.Actor[Any, None]:
    """Declare the ``regie_job`` actor on ``broker``, consuming ``queue_name``."""

    def regie_job(
        database_url: str, job_id: int, function_path: str, args: list[Any], kwargs: dict[str, Any]
    ) -> None:
        perform(
            database_url, job_id, function_path, args, kwargs,
            databases=databases, time_limit_s=time_limit_s,
        )  # fmt: skip

    decorate = dramatiq.actor(
        actor_name=ACTOR_NAME,
        queue_name=queue_name,
        broker=broker,
        max_retries=0,
        time_limit=int(time_limit_s * 1000),
    )
    return decorate(regie_job)


def _positive(text: str, variable: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise ValidationError(
            t("{field} must be a number of seconds above 0, not '{value}'",
              field=variable, value=text),
            field=variable,
        )  # fmt: skip
    return value


_configured: tuple[tuple[str, tuple[str, ...], float], dramatiq.Broker] | None = None
_setup_lock = threading.Lock()


def setup(
    broker_url: str | None = None,
    *,
    queues: tuple[str, ...] | None = None,
    time_limit_s: float | None = None,
) -> dramatiq.Broker:
    """Make the Redis broker, declare the actor and its queues, and make it Dramatiq's
    global broker (what ``dramatiq regie.jobs.worker:setup`` calls). Settings left out
    come from the environment (module docstring); calling again with the same settings
    returns the same broker."""
    global _configured  # noqa: PLW0603 - Dramatiq's broker is per process by design
    url = broker_url or broker_url_setting(Path.cwd())
    if not url:
        raise InputError(
            t("no job queue is configured"),
            where=t("{variable} or [jobs] broker_url in regie.toml", variable=BROKER_ENV),
            hint=t("Give regie worker --broker redis://host:6379/0"),
        )
    names = queues or tuple(
        name.strip() for name in os.environ.get(QUEUES_ENV, DEFAULT_QUEUE).split(",") if name
    )
    limit = time_limit_s or _positive(
        os.environ.get(TIME_LIMIT_ENV, str(DEFAULT_TIME_LIMIT_S)), TIME_LIMIT_ENV
    )
    settings = (check_broker_url(url), names or (DEFAULT_QUEUE,), limit)
    with _setup_lock:
        if _configured is not None and _configured[0] == settings:
            return _configured[1]
        broker = redis_broker(url)
        declare(broker, queue_name=settings[1][0], time_limit_s=limit)
        for name in settings[1][1:]:
            broker.declare_queue(name)
        dramatiq.set_broker(broker)
        _configured = (settings, broker)
        LOG.info("regie jobs from %s, queues %s", redacted(url), ", ".join(settings[1]))
        return broker


def dramatiq_command(
    broker_url: str,
    *,
    processes: int = 1,
    threads: int = 4,
    queues: tuple[str, ...] = (DEFAULT_QUEUE,),
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that start Dramatiq's own worker command on
    this module (``python -m dramatiq regie.jobs.worker:setup``): what ``regie worker``
    runs in its place."""
    argv = [
        sys.executable, "-m", "dramatiq", "regie.jobs.worker:setup",
        "--processes", str(processes), "--threads", str(threads), "--queues", *queues,
    ]  # fmt: skip
    environment = dict(os.environ)
    environment[BROKER_ENV] = check_broker_url(broker_url)
    environment[QUEUES_ENV] = ",".join(queues)
    environment[TIME_LIMIT_ENV] = f"{time_limit_s:g}"
    return argv, environment


__all__ = ["DATABASES", "DatabaseCache", "declare", "dramatiq_command", "perform", "setup"]

if os.environ.get(BROKER_ENV, "").strip():
    setup()  # ``dramatiq regie.jobs.worker``: the broker is this module's import
