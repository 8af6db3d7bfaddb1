# SPDX-License-Identifier: AGPL-3.0-or-later
"""Call sheets: the sheet of one shoot day of a board, composed from the day plans
(:mod:`regie.services.dayplans`), the board's strips, the engagements and the locations
(:func:`regie.office.callsheet.build_call_sheet`).

The day is 1-based as printed on the sheet ("Jour 3/25"); the board defaults to the
primary board of the newest schedule. Birth dates are read to flag minors whoever asks;
the sheet itself carries no personal data beyond names.
"""

from __future__ import annotations

from regie.core.errors import NotFound
from regie.core.text import t
from regie.office.callsheet import CallSheet, CallSheetExtras, build_call_sheet
from regie.office.roles import Permission, User
from regie.schedule.people import EngagementKind
from regie.services.access import production_for
from regie.services.board_reports import board_context
from regie.services.database import Database
from regie.services.dayplans import day_plans
from regie.services.pay import default_board
from regie.storage.repos import locations


def call_sheet(
    db: Database,
    slug: str,
    day_number: int,
    *,
    actor: User | None,
    board_id: int | None = None,
    extras: CallSheetExtras | None = None,
) -> CallSheet:
    """The call sheet of shoot day ``day_number`` (1-based) of a board."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        board = board_id if board_id is not None else default_board(session, production)
        context = board_context(session, production, board)
        places = locations.list_locations(session, production.id)
    count = len(context.record.days)
    if not 1 <= day_number <= count:
        raise NotFound(
            t("no shoot day {day} on board #{board}", day=day_number, board=board),
            hint=t("The board has days 1 to {count}", count=count),
        )
    plans = day_plans(db, slug, board, actor=actor)
    day = next((d for d in plans.unit if d.index == day_number - 1), None)
    if day is None:
        raise NotFound(
            t(
                "nothing is planned on shoot day {day} of board #{board}",
                day=day_number,
                board=board,
            ),
            hint=t("Put scenes on that day of the stripboard first"),
        )
    engagements = [p.engagement for p in plans.people]
    todays = {
        p.engagement.id: plan
        for p in plans.people
        for plan in p.days
        if plan.board_day == day.index
    }
    minors = frozenset(
        int(c.key)
        for c in context.problem.cast
        if (age := c.age_on(day.date)) is not None and age < 18
    )
    return build_call_sheet(
        production=production.title,
        day=day,
        day_count=count,
        strips=context.problem.strips,
        engagements=[e for e in engagements if e.kind is EngagementKind.CAST or e.id in todays],
        plans=todays,
        locations=places,
        extras=extras or CallSheetExtras(),
        minors=minors,
    )
