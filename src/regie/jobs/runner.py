# SPDX-License-Identifier: AGPL-3.0-or-later
"""Runners: run a job's function in the background and keep its record up to date.

A **job function** is any callable ``fn(*args, progress=reporter)`` that returns a JSON
object (a mapping of JSON values) or ``None``; it reports with
:class:`~regie.core.jobs.ProgressReporter` calls and raises a ``RegieError`` to fail
with a message the user can read. Keyword arguments go in with ``functools.partial``.

:class:`JobRunner` is what the faces use; two calls make it:

* ``submit(db, kind, production_slug, fn, *args, actor=…, permission=…) -> job id``
  checks the actor's permission and queues the job (a ``jobs`` row, status ``queued``);
* ``status(db, job_id, actor=…) -> JobRecord`` reads it (status, progress, result or
  error) for a page that polls.

:class:`InProcessRunner` (the default) runs jobs on a small thread pool inside the
process that submitted them: right for one production manager's laptop and for short
jobs such as an optimisation. Its reporter writes progress at most every
``min_interval_s`` seconds (the last call of a job is always written).

:class:`regie.jobs.queue.QueueRunner` is the distributed runner (media jobs on the
machines that see the storage, over Redis with Dramatiq): ``submit`` creates the row
with :func:`regie.services.jobs.create_job` and sends ``(database URL, job id, function
path, args, kwargs)`` as a JSON message; a worker process (:mod:`regie.jobs.worker`,
``regie worker``) calls :func:`run_job` with a :class:`DatabaseReporter`, exactly as
the thread pool does here; ``status`` reads the same row. A queued job function is named
by its path in :mod:`regie.jobs.registry` and takes ids and JSON values.

Which runner: :func:`runner_for` (``None`` → in-process, a broker URL → the queue);
:func:`default_runner` is ``runner_for(`` :func:`broker_url_setting` ``())``, the one
choice the web app and the services make. The broker URL comes from the environment
(``REGIE_BROKER_URL``), else from ``[jobs] broker_url`` in the production's
``regie.toml``.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import tomllib
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol

from regie.core.errors import InputError, NotFound, RegieError
from regie.core.jobs import JobRecord, ProgressReporter
from regie.core.text import t
from regie.office.folder import CONFIG_FILE
from regie.office.roles import Permission, User
from regie.services import jobs
from regie.services.database import Database
from regie.services.folders import find_folder

JobFunction = Callable[..., Mapping[str, Any] | None]
LOG = logging.getLogger(__name__)
BROKER_ENV = "REGIE_BROKER_URL"
DEFAULT_QUEUE = "regie"


class JobRunner(Protocol):
    def submit(
        self,
        db: Database,
        kind: str,
        production_slug: str,
        fn: JobFunction,
        /,
        *args: Any,
        actor: User | None = None,
        permission: Permission = Permission.VIEW_PRODUCTION,
    ) -> int:
        """Queue ``fn(*args, progress=…)`` as a job of ``kind``; its id."""

    def status(self, db: Database, job_id: int, *, actor: User | None = None) -> JobRecord:
        """The job as stored now."""


class DatabaseReporter:
    """A :class:`ProgressReporter` that writes to the job's row, at most every
    ``min_interval_s`` seconds; :meth:`flush` writes the last call if it was held back."""

    def __init__(
        self,
        db: Database,
        job_id: int,
        *,
        min_interval_s: float = 0.5,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db, self.job_id = db, job_id
        self.min_interval_s, self.clock = min_interval_s, clock
        self._written_at: float | None = None
        self._pending: dict[str, Any] | None = None

    def __call__(self, done: float, total: float, message: str = "", **details: Any) -> None:
        progress = {"done": done, "total": total, "message": message, **details}
        now = self.clock()
        if self._written_at is not None and now - self._written_at < self.min_interval_s:
            self._pending = progress
            return
        self._write(progress, now)

    def flush(self) -> None:
        if self._pending is not None:
            self._write(self._pending, self.clock())

    def _write(self, progress: dict[str, Any], now: float) -> None:
        self._pending = None
        self._written_at = now
        try:
            jobs.report_progress(self.db, self.job_id, progress)
        except Exception:  # progress is best effort: the job goes on
            LOG.exception("could not record the progress of job %s", self.job_id)


def _json_object(result: Mapping[str, Any] | None) -> dict[str, Any]:
    value = dict(result or {})
    json.dumps(value)  # TypeError / ValueError: not JSON, the job fails
    return value


def run_job(
    db: Database,
    job_id: int,
    fn: JobFunction,
    args: tuple[Any, ...],
    reporter: DatabaseReporter,
) -> None:
    """Run one queued job to its end and record the outcome (never raises)."""
    try:
        jobs.start_job(db, job_id)
        result = _json_object(fn(*args, progress=reporter))
        reporter.flush()
        jobs.finish_job(db, job_id, result)
    except Exception as exc:  # recorded on the job: the runner thread must survive
        if not isinstance(exc, RegieError):
            LOG.exception("job %s failed", job_id)
        try:
            reporter.flush()
            jobs.fail_job(db, job_id, exc)
        except Exception:
            LOG.exception("could not record the failure of job %s", job_id)


class InProcessRunner:
    """Jobs on a thread pool of this process (see the module docstring)."""

    def __init__(self, *, workers: int = 2, min_interval_s: float = 0.5) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="regie-job")
        self._futures: dict[int, Future[None]] = {}
        self._lock = threading.Lock()
        self.min_interval_s = min_interval_s

    def submit(
        self,
        db: Database,
        kind: str,
        production_slug: str,
        fn: JobFunction,
        /,
        *args: Any,
        actor: User | None = None,
        permission: Permission = Permission.VIEW_PRODUCTION,
    ) -> int:
        record = jobs.create_job(db, kind, production_slug, actor=actor, permission=permission)
        reporter = DatabaseReporter(db, record.id, min_interval_s=self.min_interval_s)
        future = self._pool.submit(run_job, db, record.id, fn, args, reporter)
        with self._lock:
            self._futures[record.id] = future
        future.add_done_callback(lambda _f: self._forget(record.id))
        return record.id

    def _forget(self, job_id: int) -> None:
        with self._lock:
            self._futures.pop(job_id, None)

    def status(self, db: Database, job_id: int, *, actor: User | None = None) -> JobRecord:
        return jobs.job_status(db, job_id, actor=actor)

    def wait(self, job_id: int, timeout: float | None = None) -> None:
        """Block until a job of this runner has ended (at once if it already has)."""
        with self._lock:
            future = self._futures.get(job_id)
        if future is not None:
            future.result(timeout)

    def shutdown(self, *, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait)


_in_process: InProcessRunner | None = None
_queues: dict[tuple[str, str], JobRunner] = {}
_default_lock = threading.Lock()


def in_process_runner() -> InProcessRunner:
    """The process's in-process runner, made on first use."""
    global _in_process  # noqa: PLW0603 - one pool per process, made lazily
    with _default_lock:
        if _in_process is None:
            _in_process = InProcessRunner()
        return _in_process


def runner_for(broker_url: str | None, *, queue_name: str = DEFAULT_QUEUE) -> JobRunner:
    """The in-process runner when ``broker_url`` is empty, else the queue runner over that
    broker (one per URL and queue in a process)."""
    if not broker_url:
        return in_process_runner()
    # Dramatiq and redis load only when a broker is configured.
    from regie.jobs.queue import QueueRunner  # noqa: PLC0415

    with _default_lock:
        key = (broker_url, queue_name)
        if key not in _queues:
            _queues[key] = QueueRunner(broker_url, queue_name=queue_name)
        return _queues[key]


def _folder_setting(folder: Path) -> str | None:
    try:
        config = find_folder(folder)
    except NotFound:
        return None
    path = config.root / CONFIG_FILE
    try:
        section = tomllib.loads(path.read_text(encoding="utf-8")).get("jobs", {})
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
        raise InputError(
            t(
                "the folder's {config} cannot be read ({problem})",
                config=CONFIG_FILE,
                problem=f"{type(exc).__name__}: {exc}",
            ),
            where=str(path),
        ) from None
    value = section.get("broker_url") if isinstance(section, dict) else None
    if value is not None and not isinstance(value, str):
        raise InputError(
            t("broker_url must be text, such as redis://127.0.0.1:6379/0"),
            where=t("{file}, section [jobs]", file=str(path)),
        )
    return value or None


def broker_url_setting(folder: Path | None = None) -> str | None:
    """The configured broker URL: ``REGIE_BROKER_URL`` when set and not empty, else
    ``[jobs] broker_url`` of the ``regie.toml`` of ``folder`` (or of a folder above it),
    else ``None`` (jobs run in-process)."""
    from_env = os.environ.get(BROKER_ENV, "").strip()
    if from_env:
        return from_env
    return _folder_setting(folder) if folder is not None else None


def default_runner() -> JobRunner:
    """The runner the faces use when given none: the queue when ``REGIE_BROKER_URL`` is
    set, else the in-process runner. (``regie serve`` passes
    ``runner_for(broker_url_setting(folder))`` to read the folder's regie.toml too.)"""
    return runner_for(broker_url_setting())


def submit(
    db: Database,
    kind: str,
    production_slug: str,
    fn: JobFunction,
    /,
    *args: Any,
    actor: User | None = None,
    permission: Permission = Permission.VIEW_PRODUCTION,
) -> int:
    """Queue a job on the default runner (see :meth:`JobRunner.submit`)."""
    return default_runner().submit(
        db, kind, production_slug, fn, *args, actor=actor, permission=permission
    )


def status(db: Database, job_id: int, *, actor: User | None = None) -> JobRecord:
    return default_runner().status(db, job_id, actor=actor)


__all__ = [
    "BROKER_ENV",
    "DEFAULT_QUEUE",
    "DatabaseReporter",
    "InProcessRunner",
    "JobFunction",
    "JobRunner",
    "ProgressReporter",
    "broker_url_setting",
    "default_runner",
    "in_process_runner",
    "run_job",
    "runner_for",
    "status",
    "submit",
]
