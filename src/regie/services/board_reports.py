# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reading boards as the planner does: check and price one
(:func:`regie.schedule.evaluate.evaluate`), compare the scenarios of a schedule version
side by side, and the day-out-of-days of a board. The documents (PDF, XLSX, ICS) are in
:mod:`regie.services.board_exports`.

A board is evaluated against the problem of its schedule version with as many shoot
dates as the board has days; strips not placed on a day are reported as not scheduled.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from regie.core.production import Production
from regie.office.roles import Permission, User
from regie.schedule.catalog import BoardComparison, BoardRecord, KeyMap
from regie.schedule.dood import DoodRow, day_out_of_days
from regie.schedule.evaluate import Evaluation, evaluate
from regie.schedule.model import ShootingProblem
from regie.services.access import production_for
from regie.services.boards import board_in
from regie.services.database import Database
from regie.services.problems import problem_in
from regie.storage.repos import boards, schedules


@dataclass(frozen=True, slots=True)
class BoardContext:
    """A board with the problem it is read against."""

    production: Production
    record: BoardRecord
    problem: ShootingProblem
    keys: KeyMap


def board_context(session: Session, production: Production, board_id: int) -> BoardContext:
    record, schedule = board_in(session, production, board_id)
    problem, keys = problem_in(session, production, schedule, days=len(record.days))
    return BoardContext(production, record, problem, keys)


def evaluate_board(db: Database, slug: str, board_id: int, *, actor: User | None) -> Evaluation:
    """The board's violations of the hard constraints and its cost, term by term."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        context = board_context(session, production, board_id)
        return evaluate(context.problem, context.record.board())


def compare_boards(
    db: Database, slug: str, schedule_number: int, *, actor: User | None
) -> list[BoardComparison]:
    """Every board of a schedule version with its evaluation, the primary one first."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        schedule = schedules.schedule(session, production.id, schedule_number)
        found: list[BoardComparison] = []
        for record in boards.list_boards(session, schedule.id):
            problem, _keys = problem_in(session, production, schedule, days=len(record.days))
            found.append(BoardComparison(record, evaluate(problem, record.board())))
        return found


def dood(
    db: Database, slug: str, board_id: int, *, actor: User | None, drop_after: int | None = None
) -> tuple[DoodRow, ...]:
    """The day-out-of-days of the board: one row per cast member who works, one code per
    shoot day (see :mod:`regie.schedule.dood`)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        context = board_context(session, production, board_id)
        return day_out_of_days(context.problem, context.record.board(), drop_after=drop_after)
