# SPDX-License-Identifier: AGPL-3.0-or-later
"""Optimising a board (:func:`regie.schedule.optimize.optimize`): the cheapest valid
board within a time limit, starting from the board as it is, its locked strips kept.

The board and its problem are read in one transaction, the solver runs outside any,
and the result is stored in a second one: as a **new board** (``save_as``: a scenario to
compare) or in place of the board's strips. Replacing refuses a board edited meanwhile
(``StaleEdit`` against the version read at the start, or ``expected_version`` when
given). No board is stored when the solver found none that meets every hard constraint:
the outcome says why (``infeasibility``) or that the time ran out.

Run it as a job (:mod:`regie.jobs`) with ``progress``: each better board found reports
the seconds spent of the limit, its cost and the proven lower bound.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from regie.core.jobs import ProgressReporter
from regie.core.text import Text
from regie.office.roles import Permission, User
from regie.schedule.catalog import BoardDay, BoardRecord, BoardStrip
from regie.schedule.evaluate import Evaluation
from regie.schedule.model import Board
from regie.schedule.optimize import OptimizeProgress, OptimizeStatus, optimize
from regie.services.access import production_for
from regie.services.board_reports import board_context
from regie.services.boards import board_name
from regie.services.database import Database
from regie.storage.repos import boards

MAX_SECONDS = 600


@dataclass(frozen=True, slots=True)
class OptimiseOutcome:
    status: OptimizeStatus
    board: BoardRecord | None  # the stored board (None: nothing stored)
    evaluation: Evaluation | None
    lower_bound: Decimal
    optimal: bool
    seconds: float
    conflicts: Text | None = None  # why no valid board exists (INFEASIBLE)

    def to_json(self) -> dict[str, Any]:
        """The outcome as a job result (English text; amounts as strings)."""
        cost = None if self.evaluation is None else self.evaluation.cost.total
        return {
            "status": self.status.value,
            "board_id": None if self.board is None else self.board.id,
            "board_version": None if self.board is None else self.board.version,
            "cost": None if cost is None else str(cost),
            "lower_bound": str(self.lower_bound),
            "optimal": self.optimal,
            "seconds": round(self.seconds, 3),
            "infeasibility": None if self.conflicts is None else str(self.conflicts),
        }


def _layout(result: Board, labels: dict[str, str], locked: frozenset[str]) -> tuple[BoardDay, ...]:
    return tuple(
        BoardDay(
            day.index,
            day.date,
            day.kind,
            tuple(BoardStrip(int(key), labels[key], key in locked) for key in day.strips),
        )
        for day in result.days
    )


def optimise_board(
    db: Database,
    slug: str,
    board_id: int,
    *,
    actor: User | None,
    time_limit_s: float = 30,
    save_as: str | None = None,
    expected_version: int | None = None,
    workers: int = 2,
    progress: ProgressReporter | None = None,
) -> OptimiseOutcome:
    """Optimise a board (see the module docstring)."""
    name = None if save_as is None else board_name(save_as)
    limit = min(float(time_limit_s), MAX_SECONDS)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        context = board_context(session, production, board_id)
    record = context.record
    version = record.version if expected_version is None else expected_version

    def report(found: OptimizeProgress) -> None:
        if progress is not None:
            progress(
                round(found.seconds, 1),
                limit,
                "better board",
                cost=str(found.cost),
                lower_bound=str(found.lower_bound),
            )

    start = record.board()
    result = optimize(
        context.problem, start=start, time_limit_s=limit, progress=report, workers=workers
    )
    conflicts = None if result.infeasibility is None else result.infeasibility.message
    saved = None
    if result.board is not None and result.status in (
        OptimizeStatus.OPTIMAL,
        OptimizeStatus.FEASIBLE,
    ):
        labels = {s.key: s.label for s in context.problem.strips}
        days = _layout(result.board, labels, start.locked)
        with db.session() as session:
            production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
            if name is not None:
                new_id = boards.insert_board(
                    session, record.schedule_id, name, primary=False, days=days
                )
                saved = boards.board(session, production.id, new_id)
            else:
                boards.touch(session, production.id, board_id, expected_version=version)
                boards.write_layout(session, board_id, days)
                saved = boards.board(session, production.id, board_id)
    return OptimiseOutcome(
        status=result.status,
        board=saved,
        evaluation=result.evaluation if saved is not None else None,
        lower_bound=result.lower_bound,
        optimal=result.optimal,
        seconds=result.seconds,
        conflicts=conflicts,
    )


def optimise_job(
    db: Database,
    slug: str,
    board_id: int,
    *,
    actor: User | None,
    time_limit_s: float = 30,
    save_as: str | None = None,
    progress: ProgressReporter,
) -> dict[str, Any]:
    """:func:`optimise_board` as a job function: its outcome as a JSON object."""
    return optimise_board(
        db,
        slug,
        board_id,
        actor=actor,
        time_limit_s=time_limit_s,
        save_as=save_as,
        progress=progress,
    ).to_json()
