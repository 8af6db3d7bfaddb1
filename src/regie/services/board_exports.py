# SPDX-License-Identifier: AGPL-3.0-or-later
"""A board's documents through :mod:`regie.documents`: the day-out-of-days (PDF, XLSX),
the shooting schedule (PDF) and the shoot days as an iCalendar file.

Each reads the board and its problem in one transaction, then renders outside it.
"""

from __future__ import annotations

import datetime as dt

from regie.documents import dood as dood_documents
from regie.documents import ics, schedule
from regie.formats.board_file import write_board_csv
from regie.office.roles import Permission, User
from regie.schedule.dood import day_out_of_days
from regie.schedule.evaluate import evaluate
from regie.services.access import production_for
from regie.services.board_reports import BoardContext, board_context
from regie.services.database import Database
from regie.storage.repos import boards, schedules


def _context(db: Database, slug: str, board_id: int, actor: User | None) -> BoardContext:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        return board_context(session, production, board_id)


def board_csv(db: Database, slug: str, board_id: int, *, actor: User | None) -> bytes:
    """The board as the CSV that ``regie board import`` reads back
    (:mod:`regie.formats.board_file`)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        record = boards.board(session, production.id, board_id)
    days = [
        (
            day.index + 1,
            day.date.isoformat(),
            day.kind.value,
            [(s.label, s.locked) for s in day.strips],
        )
        for day in record.days
    ]
    return write_board_csv(days, [s.label for s in record.unscheduled])


def dood_pdf(
    db: Database, slug: str, board_id: int, *, actor: User | None, locale: str = "fr"
) -> bytes:
    c = _context(db, slug, board_id, actor)
    board = c.record.board()
    rows = day_out_of_days(c.problem, board)
    return dood_documents.dood_pdf(rows, board, c.production, locale=locale)


def dood_xlsx(
    db: Database, slug: str, board_id: int, *, actor: User | None, locale: str = "fr"
) -> bytes:
    c = _context(db, slug, board_id, actor)
    board = c.record.board()
    rows = day_out_of_days(c.problem, board)
    return dood_documents.dood_xlsx(rows, board, c.production, locale=locale)


def schedule_pdf(
    db: Database, slug: str, board_id: int, *, actor: User | None, locale: str = "fr"
) -> bytes:
    """The shooting schedule (plan de travail) of the board, days then summary."""
    c = _context(db, slug, board_id, actor)
    board = c.record.board()
    return schedule.schedule_pdf(
        c.problem, board, evaluate(c.problem, board), c.production, locale=locale
    )


def shoot_days_ics(
    db: Database,
    slug: str,
    board_id: int,
    *,
    actor: User | None,
    uid_domain: str,
    dtstamp: dt.datetime,
    locale: str = "fr",
) -> bytes:
    """The board's shoot days as timed events from the schedule version's unit calls."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        c = board_context(session, production, board_id)
        settings = schedules.schedule(session, production.id, c.record.schedule_number).settings
    return ics.shoot_days_ics(
        c.problem,
        c.record.board(),
        c.production,
        locale=locale,
        call_time=settings.unit_call,
        night_call_time=settings.night_call,
        uid_domain=uid_domain,
        board_id=str(c.record.id),
        dtstamp=dtstamp,
        sequence=c.record.version,
    )
