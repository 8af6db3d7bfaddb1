# SPDX-License-Identifier: AGPL-3.0-or-later
"""Jobs: the in-process runner, progress written as the job goes, results and failures,
and the board optimisation run as a job."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from regie.core.errors import Conflict, NotFound, PermissionDenied, StaleEdit
from regie.core.jobs import JobStatus, ProgressReporter
from regie.jobs.runner import DatabaseReporter, InProcessRunner
from regie.jobs.schedule import submit_optimise
from regie.office.roles import Permission
from regie.schedule.optimize import OptimizeStatus
from regie.services import availability, board_reports, boards, jobs, optimise, schedules
from regie.services.database import Database
from tests.services.conftest import Office
from tests.services.test_boards_world import MONDAY, World, plan_world


@pytest.fixture
def runner() -> Iterator[InProcessRunner]:
    pool = InProcessRunner(workers=2, min_interval_s=0)
    yield pool
    pool.shutdown()


def count_to(limit: int, *, progress: ProgressReporter) -> dict[str, Any]:
    for done in range(1, limit + 1):
        progress(done, limit, "counting", last=done)
    return {"counted": limit}


def test_a_job_runs_and_records_its_progress(
    database: Database, office: Office, runner: InProcessRunner
) -> None:
    started, release = threading.Event(), threading.Event()

    def held(*, progress: ProgressReporter) -> dict[str, Any]:
        progress(1, 3, "first step")
        started.set()
        assert release.wait(10)
        progress(3, 3, "done")
        return {"answer": 42}

    job_id = runner.submit(database, "test", office.slug, held, actor=office.manager)
    assert started.wait(10)
    running = runner.status(database, job_id, actor=office.crew)
    assert running.status is JobStatus.RUNNING
    assert dict(running.progress) == {"done": 1, "total": 3, "message": "first step"}
    assert running.started_at is not None
    assert running.created_by == office.manager.id
    release.set()
    runner.wait(job_id, timeout=10)
    done = runner.status(database, job_id, actor=None)
    assert (done.status, done.result, done.error) == (JobStatus.DONE, {"answer": 42}, None)
    assert done.progress["message"] == "done"
    assert done.finished_at is not None
    assert [j.id for j in jobs.list_jobs(database, office.slug, actor=office.guest)] == [job_id]


def test_arguments_and_results(database: Database, office: Office, runner: InProcessRunner) -> None:
    job_id = runner.submit(database, "count", office.slug, count_to, 4)
    runner.wait(job_id, timeout=10)
    record = runner.status(database, job_id)
    assert record.result == {"counted": 4}
    assert dict(record.progress) == {"done": 4, "total": 4, "message": "counting", "last": 4}


def test_failures_are_recorded(database: Database, office: Office, runner: InProcessRunner) -> None:
    def refused(*, progress: ProgressReporter) -> None:
        raise Conflict("the board changed meanwhile")

    def broken(*, progress: ProgressReporter) -> None:
        raise RuntimeError("secret internals")

    def not_json(*, progress: ProgressReporter) -> dict[str, Any]:
        return {"when": dt.date(2027, 3, 1)}

    ids = [runner.submit(database, "x", office.slug, fn) for fn in (refused, broken, not_json)]
    for job_id in ids:
        runner.wait(job_id, timeout=10)
    records = [runner.status(database, job_id) for job_id in ids]
    assert all(r.status is JobStatus.FAILED and r.result is None for r in records)
    assert records[0].error is not None
    assert records[0].error["message_en"] == "the board changed meanwhile."
    assert records[1].error is not None
    assert records[1].error["error"] == "RuntimeError"
    assert "secret" not in str(records[1].error)
    assert records[2].error is not None
    assert records[2].error["error"] == "TypeError"


def test_who_may_queue_and_read_jobs(
    database: Database, office: Office, runner: InProcessRunner
) -> None:
    with pytest.raises(PermissionDenied):
        runner.submit(
            database, "x", office.slug, count_to, 1, actor=office.crew,
            permission=Permission.EDIT_SCHEDULE,
        )  # fmt: skip
    assert jobs.list_jobs(database, office.slug, actor=None) == []  # nothing was queued
    job_id = runner.submit(database, "x", office.slug, count_to, 1)
    runner.wait(job_id, timeout=10)
    with pytest.raises(NotFound, match=f"no job #{job_id}"):
        runner.status(database, job_id, actor=office.outsider)
    with pytest.raises(NotFound):
        runner.status(database, 999_999, actor=None)


def test_the_reporter_writes_at_most_so_often(database: Database, office: Office) -> None:
    record = jobs.create_job(database, "x", office.slug, actor=None)
    now = [0.0]
    reporter = DatabaseReporter(database, record.id, min_interval_s=1.0, clock=lambda: now[0])

    def stored() -> Any:
        return jobs.job_status(database, record.id, actor=None).progress["done"]

    reporter(1, 10)
    assert stored() == 1
    now[0] = 0.5
    reporter(2, 10)
    assert stored() == 1  # held back
    now[0] = 1.2
    reporter(3, 10)
    assert stored() == 3
    now[0] = 1.3
    reporter(4, 10)
    reporter.flush()
    assert stored() == 4


# -- optimisation -----------------------------------------------------------------------


@pytest.fixture
def world(database: Database, imported: Office) -> World:
    return plan_world(database, imported)


def test_optimise_a_board_as_a_job(
    database: Database, world: World, runner: InProcessRunner
) -> None:
    slug = world.slug
    board = boards.create_board(database, slug, 1, actor=None)
    three = boards.strip_scene(board, "3")
    worse = boards.move_strip(
        database,
        slug,
        board.id,
        three,
        day=0,
        position=0,
        expected_version=board.version,
        actor=None,
    )
    before = board_reports.evaluate_board(database, slug, board.id, actor=None).cost.total
    job_id = submit_optimise(
        database, slug, board.id, actor=world.office.manager, time_limit_s=20,
        save_as="Optimisé", runner=runner,
    )  # fmt: skip
    runner.wait(job_id, timeout=60)
    record = runner.status(database, job_id, actor=world.office.crew)
    assert record.status is JobStatus.DONE, record.error
    assert record.kind == "optimise-board"
    result = record.result
    assert result is not None
    assert result["status"] == "optimal"
    # Two night days (scene 1 is an interior: it can be lit as day at night) cost nothing.
    assert Decimal(result["cost"]) == 0 < before
    assert record.progress["total"] == 20
    saved = boards.get_board(database, slug, result["board_id"], actor=None)
    assert saved.name == "Optimisé"
    assert not saved.primary
    # The board it started from is untouched.
    assert boards.get_board(database, slug, board.id, actor=None) == worse
    with pytest.raises(PermissionDenied):
        submit_optimise(database, slug, board.id, actor=world.office.crew, runner=runner)


def test_optimise_in_place_keeps_locks_and_refuses_stale_boards(
    database: Database, world: World
) -> None:
    slug = world.slug
    board = boards.create_board(database, slug, 1, actor=None)
    three = boards.strip_scene(board, "3")
    moved = boards.move_strip(
        database,
        slug,
        board.id,
        three,
        day=0,
        position=0,
        expected_version=board.version,
        actor=None,
    )
    locked = boards.lock_strips(
        database, slug, board.id, [three], locked=True, expected_version=moved.version, actor=None
    )
    with pytest.raises(StaleEdit):
        optimise.optimise_board(
            database, slug, board.id, actor=None, time_limit_s=10, expected_version=moved.version
        )
    outcome = optimise.optimise_board(database, slug, board.id, actor=None, time_limit_s=10)
    assert outcome.status in (OptimizeStatus.OPTIMAL, OptimizeStatus.FEASIBLE)
    assert outcome.board is not None
    assert outcome.board.id == board.id
    assert outcome.board.version == locked.version + 1
    # Scene 3 stays locked on day 1.
    assert [s.label for s in outcome.board.days[0].strips if s.locked] == ["3"]
    evaluation = board_reports.evaluate_board(database, slug, board.id, actor=None)
    assert evaluation.feasible
    assert outcome.evaluation is not None
    assert evaluation.cost.total == outcome.evaluation.cost.total


def test_an_impossible_schedule_is_explained(database: Database, world: World) -> None:
    slug = world.slug
    board = boards.create_board(database, slug, 1, actor=None)
    # Scene 2 needs Hélène at night, but she is away on both shoot days.
    availability.add_engagement_window(
        database, slug, world.helene.id, MONDAY, MONDAY + dt.timedelta(days=1), actor=None
    )
    outcome = optimise.optimise_board(database, slug, board.id, actor=None, time_limit_s=10)
    assert outcome.status is OptimizeStatus.INFEASIBLE
    assert outcome.board is None
    assert outcome.conflicts is not None
    assert "Hélène Marchal" in str(outcome.conflicts)
    assert outcome.to_json()["board_id"] is None
    assert boards.get_board(database, slug, board.id, actor=None) == board
    assert schedules.get_schedule(database, slug, 1, actor=None).version == 1
