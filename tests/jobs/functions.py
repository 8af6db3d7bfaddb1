# SPDX-License-Identifier: AGPL-3.0-or-later
"""Job functions for the queue tests, registered like a real module registers its own."""

from __future__ import annotations

import time
from typing import Any

from regie.core.errors import Conflict
from regie.core.jobs import ProgressReporter
from regie.jobs.registry import job_function
from regie.office.roles import User
from regie.services.database import Database


@job_function
def count_to(limit: int, *, step: int = 1, progress: ProgressReporter) -> dict[str, Any]:
    for done in range(step, limit + 1, step):
        progress(done, limit, "counting", last=done)
    return {"counted": limit, "step": step}


@job_function
def refuse(reason: str, *, progress: ProgressReporter) -> None:
    raise Conflict(reason)


@job_function
def crash(*, progress: ProgressReporter) -> None:
    raise RuntimeError("secret internals")


@job_function
def sleep_for(seconds: float, *, progress: ProgressReporter) -> dict[str, Any]:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        time.sleep(0.02)
    return {"slept": seconds}


@job_function
def who(
    db: Database, slug: str, *, actor: User | None, progress: ProgressReporter
) -> dict[str, Any]:
    return {
        "actor": None if actor is None else actor.id,
        "database": isinstance(db, Database),
        "slug": slug,
    }


def not_registered(*, progress: ProgressReporter) -> None:
    """Never allowed on the queue."""
