# SPDX-License-Identifier: AGPL-3.0-or-later
"""Job records: the use cases a runner (:mod:`regie.jobs`) calls to queue a job, move it
along and record its end, and that the faces call to show its progress.

Queuing checks the actor's permission for the work (the job's own function checks again
when it runs); reading a job needs to see its production. The runner's own calls
(:func:`start_job`, :func:`report_progress`, :func:`finish_job`, :func:`fail_job`) take
no actor: they act for a job already allowed. Each is one short transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from regie.core.errors import NotFound, RegieError
from regie.core.jobs import JobRecord
from regie.core.text import t
from regie.office.roles import Permission, User
from regie.services.access import production_for
from regie.services.database import Database
from regie.storage.repos import jobs


def create_job(
    db: Database,
    kind: str,
    slug: str,
    *,
    actor: User | None,
    permission: Permission = Permission.VIEW_PRODUCTION,
) -> JobRecord:
    """A queued job of ``kind`` for production ``slug``, if ``actor`` may ``permission``."""
    with db.session() as session:
        production = production_for(session, slug, actor, permission)
        return jobs.insert_job(
            session, kind, production.id, created_by=actor.id if actor is not None else None
        )


def start_job(db: Database, job_id: int) -> None:
    with db.session() as session:
        jobs.set_running(session, job_id)


def report_progress(db: Database, job_id: int, progress: Mapping[str, Any]) -> None:
    with db.session() as session:
        jobs.set_progress(session, job_id, progress)


def finish_job(db: Database, job_id: int, result: Mapping[str, Any] | None) -> None:
    with db.session() as session:
        jobs.finish(session, job_id, result=result or {})


def fail_job(db: Database, job_id: int, error: BaseException) -> None:
    """Record why the job failed: a regie error's own message (English, as ``to_dict``
    gives it), or only the class of an unexpected exception (details go to the log)."""
    if isinstance(error, RegieError):
        details: dict[str, Any] = dict(error.to_dict())
    else:
        details = {
            "error": type(error).__name__,
            "message_en": "the job stopped on an unexpected error; see the server log",
        }
    with db.session() as session:
        jobs.finish(session, job_id, error=details)


def job_status(db: Database, job_id: int, *, actor: User | None) -> JobRecord:
    """A job of a production the actor can see (``NotFound`` otherwise, like an outsider)."""
    with db.session() as session:
        record = jobs.job(session, job_id)
        slug = jobs.production_slug(session, record)
        if slug is None:
            if actor is not None:
                raise NotFound(t("no job #{id}", id=job_id), hint=t("It may have been deleted"))
            return record
        try:
            production_for(session, slug, actor, Permission.VIEW_PRODUCTION)
        except NotFound:
            raise NotFound(
                t("no job #{id}", id=job_id), hint=t("It may have been deleted")
            ) from None
        return record


def list_jobs(
    db: Database, slug: str, *, actor: User | None, kind: str | None = None, limit: int = 20
) -> list[JobRecord]:
    """The production's newest jobs first."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_PRODUCTION)
        return jobs.list_jobs(session, production.id, kind=kind, limit=limit)
