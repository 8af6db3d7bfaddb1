# SPDX-License-Identifier: AGPL-3.0-or-later
"""The stripboard as a page shows it: a board, its schedule version, the planner's
problem it is read against and its evaluation (violations and cost), read in one
transaction so the strips, the figures and the board's version agree.

Birth dates are evaluated whoever asks (a minor's night ban is a constraint everyone
planning must see), but the problem handed back carries them only for the roles allowed
to see personal data, as :func:`regie.services.problems.build_problem` does.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from regie.core.production import Production
from regie.office.roles import Permission, User
from regie.schedule.catalog import BoardRecord, KeyMap, ScheduleRecord
from regie.schedule.evaluate import Evaluation, evaluate
from regie.schedule.model import ShootingProblem
from regie.services.access import production_for
from regie.services.board_reports import board_context
from regie.services.database import Database
from regie.services.people import may_see_private
from regie.storage.repos import schedules


@dataclass(frozen=True, slots=True)
class Stripboard:
    production: Production
    record: BoardRecord
    schedule: ScheduleRecord
    problem: ShootingProblem
    keys: KeyMap
    evaluation: Evaluation


def stripboard(db: Database, slug: str, board_id: int, *, actor: User | None) -> Stripboard:
    """Board ``board_id`` with everything its stripboard page shows (see the module
    docstring)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        context = board_context(session, production, board_id)
        schedule = schedules.schedule(session, production.id, context.record.schedule_number)
        private = may_see_private(session, production, actor)
    evaluation = evaluate(context.problem, context.record.board())
    problem = context.problem
    if not private:
        hidden = tuple(dataclasses.replace(c, birth_date=None) for c in problem.cast)
        problem = dataclasses.replace(problem, cast=hidden)
    return Stripboard(production, context.record, schedule, problem, context.keys, evaluation)
