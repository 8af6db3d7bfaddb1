# SPDX-License-Identifier: AGPL-3.0-or-later
"""Schedule jobs: optimising a board in the background (the page polls its progress)."""

from __future__ import annotations

import functools

from regie.jobs.runner import JobRunner, default_runner
from regie.office.roles import Permission, User
from regie.services import optimise
from regie.services.database import Database

OPTIMISE_BOARD = "optimise-board"


def submit_optimise(
    db: Database,
    slug: str,
    board_id: int,
    *,
    actor: User | None,
    time_limit_s: float = 30,
    save_as: str | None = None,
    runner: JobRunner | None = None,
) -> int:
    """Queue :func:`regie.services.optimise.optimise_board` as a job; its id. The job's
    result is :meth:`~regie.services.optimise.OptimiseOutcome.to_json`."""
    work = functools.partial(
        optimise.optimise_job, actor=actor, time_limit_s=time_limit_s, save_as=save_as
    )
    return (runner or default_runner()).submit(
        db, OPTIMISE_BOARD, slug, work, db, slug, board_id,
        actor=actor, permission=Permission.EDIT_SCHEDULE,
    )  # fmt: skip
