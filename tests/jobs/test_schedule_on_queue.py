# SPDX-License-Identifier: AGPL-3.0-or-later
"""The board optimisation, a real regie job, sent through the queue: the same call as
the in-process runner (``submit_optimise``, the stripboard's button), the same row."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from decimal import Decimal

import pytest

from regie.core.errors import PermissionDenied
from regie.core.jobs import JobStatus
from regie.jobs.schedule import OPTIMISE_BOARD, submit_optimise
from regie.office.roles import Permission
from regie.services import boards, optimise_jobs
from regie.services.database import Database
from tests.jobs.test_queue import Queue
from tests.services.conftest import Office
from tests.services.test_boards_world import World, plan_world


@pytest.fixture
def queue(database: Database) -> Iterator[Queue]:
    stub = Queue(database)
    yield stub
    stub.close()


@pytest.fixture
def world(database: Database, imported: Office) -> World:
    return plan_world(database, imported)


def test_submit_optimise_through_the_queue(queue: Queue, world: World) -> None:
    board = boards.create_board(queue.db, world.slug, 1, actor=None)
    job_id = submit_optimise(
        queue.db, world.slug, board.id, actor=world.office.manager, time_limit_s=20,
        save_as="Optimisé", runner=queue.runner,
    )  # fmt: skip
    queue.drain()
    record = queue.runner.status(queue.db, job_id, actor=world.office.crew)
    assert record.status is JobStatus.DONE, record.error
    assert record.kind == OPTIMISE_BOARD
    assert record.result is not None
    assert record.result["status"] == "optimal"
    assert Decimal(record.result["cost"]) == 0
    saved = boards.get_board(queue.db, world.slug, record.result["board_id"], actor=None)
    assert saved.name == "Optimisé"
    with pytest.raises(PermissionDenied):
        submit_optimise(
            queue.db, world.slug, board.id, actor=world.office.crew, runner=queue.runner
        )


def test_the_stripboard_job_through_the_queue(queue: Queue, world: World) -> None:
    # What web/routes/board_jobs.py submits, unchanged.
    board = boards.create_board(queue.db, world.slug, 1, actor=None)
    work = functools.partial(
        optimise_jobs.optimise_job, actor=world.office.manager, time_limit_s=20, save_as=None
    )
    job_id = queue.runner.submit(
        queue.db, OPTIMISE_BOARD, world.slug, work, queue.db, world.slug, board.id,
        actor=world.office.manager, permission=Permission.EDIT_SCHEDULE,
    )  # fmt: skip
    queue.drain()
    record = queue.runner.status(queue.db, job_id, actor=world.office.manager)
    assert record.status is JobStatus.DONE, record.error
    assert record.result is not None
    assert record.result["board_id"] == board.id  # optimised in place
    assert record.result["infeasibility_text"] is None
    assert record.progress["total"] == 20
