# SPDX-License-Identifier: AGPL-3.0-or-later
"""Background jobs: queued by a use case, moved along by a runner, read by the faces."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from regie.core.errors import NotFound
from regie.core.jobs import JobRecord, JobStatus
from regie.core.text import t
from regie.storage.base import utc_now
from regie.storage.tables import JobRow, ProductionRow


def _record(row: JobRow) -> JobRecord:
    return JobRecord(
        id=row.id,
        kind=row.kind,
        production_id=row.production_id,
        status=JobStatus(row.status),
        progress=dict(row.progress or {}),
        result=None if row.result is None else dict(row.result),
        error=None if row.error is None else dict(row.error),
        created_at=row.created_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        created_by=row.created_by,
    )


def insert_job(
    session: Session, kind: str, production_id: int | None, *, created_by: int | None
) -> JobRecord:
    row = JobRow(
        kind=kind,
        production_id=production_id,
        status=JobStatus.QUEUED.value,
        progress={"done": 0, "total": 0, "message": ""},
        created_by=created_by,
    )
    session.add(row)
    session.flush()
    return _record(row)


def _row(session: Session, job_id: int) -> JobRow:
    row = session.get(JobRow, job_id)
    if row is None:
        raise NotFound(t("no job #{id}", id=job_id), hint=t("It may have been deleted"))
    return row


def job(session: Session, job_id: int) -> JobRecord:
    return _record(_row(session, job_id))


def production_slug(session: Session, job: JobRecord) -> str | None:
    """The slug of the job's production (``None`` for a job of no production)."""
    if job.production_id is None:
        return None
    return session.scalar(select(ProductionRow.slug).where(ProductionRow.id == job.production_id))


def set_running(session: Session, job_id: int) -> None:
    row = _row(session, job_id)
    row.status = JobStatus.RUNNING.value
    row.started_at = utc_now()
    session.flush()


def set_progress(session: Session, job_id: int, progress: Mapping[str, Any]) -> None:
    row = _row(session, job_id)
    row.progress = dict(progress)  # a new object: JSON columns do not track changes inside
    session.flush()


def finish(
    session: Session,
    job_id: int,
    *,
    result: Mapping[str, Any] | None = None,
    error: Mapping[str, Any] | None = None,
) -> None:
    row = _row(session, job_id)
    row.status = (JobStatus.FAILED if error is not None else JobStatus.DONE).value
    row.result = None if result is None else dict(result)
    row.error = None if error is None else dict(error)
    row.finished_at = utc_now()
    session.flush()


def list_jobs(
    session: Session, production_id: int, *, kind: str | None = None, limit: int = 20
) -> list[JobRecord]:
    """The production's newest jobs first."""
    query = select(JobRow).where(JobRow.production_id == production_id)
    if kind is not None:
        query = query.where(JobRow.kind == kind)
    rows = session.scalars(query.order_by(JobRow.id.desc()).limit(limit))
    return [_record(row) for row in rows]
