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

Adding a distributed runner (the rushes issue: media jobs on the machines that see the
storage, over Redis): implement the same two calls — ``submit`` creates the row with
:func:`regie.services.jobs.create_job` and pushes ``(job id, function path, args)`` to
the queue instead of the thread pool; a worker process pops it and calls
:func:`run_job` with a :class:`DatabaseReporter`, exactly as the thread pool does here;
``status`` reads the same row. Job functions and the ``jobs`` table do not change, so a
job function must take picklable arguments (ids and values, never open sessions).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol

from regie.core.errors import RegieError
from regie.core.jobs import JobRecord, ProgressReporter
from regie.office.roles import Permission, User
from regie.services import jobs
from regie.services.database import Database

JobFunction = Callable[..., Mapping[str, Any] | None]
LOG = logging.getLogger(__name__)


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


_default: InProcessRunner | None = None
_default_lock = threading.Lock()


def default_runner() -> InProcessRunner:
    """The process's in-process runner, made on first use."""
    global _default  # noqa: PLW0603 - one pool per process, made lazily
    with _default_lock:
        if _default is None:
            _default = InProcessRunner()
        return _default


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
    "DatabaseReporter",
    "InProcessRunner",
    "JobFunction",
    "JobRunner",
    "ProgressReporter",
    "default_runner",
    "run_job",
    "status",
    "submit",
]
