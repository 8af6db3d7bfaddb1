# SPDX-License-Identifier: AGPL-3.0-or-later
"""Engagements' pay: the statement of one engagement on a board (gross pay of its planned
days with the premium hours of the working-time engine, and the employer charges), and the
engagements whose rate is under the pay grid's minimum or cannot be compared with it.

The rate is the engagement's contractual rate in its unit (day, week, hour or flat fee),
or its daily cost per day when it has none; it is compared with the grid minimum of the
same unit (a flat fee is not comparable). The job key of an engagement is mapped to the
grid's job by the ``draft-defaults`` pack (``jobs.grid``). The date whose grids, conversions
and contribution rates apply is the engagement's start, else its first planned day, else
the first day of the newest schedule version. Needs ``VIEW_BUDGET`` (the day plans also
``VIEW_SCHEDULE``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from regie.budget.charges import fringe_groups
from regie.budget.draft import draft_defaults
from regie.budget.grids import GridWarning
from regie.budget.pay import (
    PayStatement,
    Rate,
    WorkedDay,
    engagement_warning,
    fringe_group_key,
    gross_pay,
    hourly_basis,
)
from regie.core.calendar import PARIS
from regie.core.errors import NotFound
from regie.core.production import Production
from regie.core.text import Text, t
from regie.office.roles import Permission, User
from regie.schedule.catalog import BoardRecord
from regie.schedule.dayplans import DayPlan
from regie.schedule.people import Engagement, EngagementKind
from regie.services.access import production_for
from regie.services.database import Database
from regie.services.dayplans import GENRES, working_time
from regie.services.people import may_see_private
from regie.storage.repos import boards, people, schedules


@dataclass(frozen=True, slots=True)
class EngagementPay:
    """One engagement's pay on a board, with what a contract prints beside it."""

    production: Production
    engagement: Engagement
    board: BoardRecord
    days: tuple[DayPlan, ...]  # the planned days on the board
    on: dt.date  # the date whose grids and rates apply
    statement: PayStatement
    grid_warning: GridWarning | None  # None: the rate is at or above the minimum
    packs: tuple[str, ...]  # rule packs used (pack@version)


@dataclass(frozen=True, slots=True)
class RateWarning:
    engagement: Engagement
    on: dt.date
    warning: GridWarning

    @property
    def message(self) -> Text:
        return self.warning.message


def _today() -> dt.date:
    """The civil date in Paris (the last resort when nothing is dated)."""
    return dt.datetime.now(tz=PARIS).date()


def _newest_start(session: Session, production: Production) -> dt.date | None:
    found = schedules.list_schedules(session, production.id)
    return found[-1].settings.start if found else None


def default_board(session: Session, production: Production) -> int:
    found = schedules.list_schedules(session, production.id)
    if not found:
        raise NotFound(
            t("this production has no schedule yet"),
            hint=t("Create one with `regie schedule new`"),
        )
    listed = boards.list_boards(session, found[-1].id)
    if not listed:
        raise NotFound(
            t("this schedule has no board yet"), hint=t("Create one with `regie board new`")
        )
    return listed[0].id


def _genre(production: Production) -> str | None:
    genre = GENRES.get(production.kind)
    return genre.value if genre is not None else None


def contract_rate(engagement: Engagement) -> Rate:
    """The engagement's contractual rate, or its daily cost per day."""
    amount, unit = engagement.contract_rate
    return Rate(amount, unit)


def _grid_warning(
    production: Production,
    engagement: Engagement,
    job_grid: Mapping[str, str],
    on: dt.date,
    extra_dirs: tuple[Path, ...],
) -> GridWarning | None:
    rate = contract_rate(engagement)
    job = job_grid.get(engagement.job_key, engagement.job_key)
    return engagement_warning(
        production.agreement, job, rate.unit, rate.amount, on,
        genre=_genre(production), extra_dirs=extra_dirs,
    )  # fmt: skip


def _effective_minutes(day: DayPlan) -> int:
    meal = 0 if day.meal is None else int((day.meal[1] - day.meal[0]).total_seconds() // 60)
    return day.span_minutes - meal


def pay_statement(
    db: Database,
    slug: str,
    engagement_id: int,
    *,
    board_id: int | None = None,
    actor: User | None,
    extra_dirs: tuple[Path, ...] = (),
) -> EngagementPay:
    """The pay of one engagement on ``board_id`` (default: the primary board of the newest
    schedule version): see the module docstring and :mod:`regie.budget.pay`."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_BUDGET)
        private = may_see_private(session, production, actor)
        engagement = people.engagement(session, production.id, engagement_id, private=private)
        board = board_id if board_id is not None else default_board(session, production)
        start = _newest_start(session, production)
    checked = working_time(db, slug, board, actor=actor)
    worker = next((w for w in checked.workers if w.engagement.id == engagement_id), None)
    days = worker.days if worker else ()
    premiums = worker.premiums if worker else ()
    on = engagement.start or (days[0].date if days else None) or start or _today()
    group = fringe_groups(on, extra_dirs=extra_dirs)[
        fringe_group_key(production.agreement, performer=engagement.kind is EngagementKind.CAST)
    ]
    statement = gross_pay(
        contract_rate(engagement),
        [WorkedDay(d.date, _effective_minutes(d)) for d in days],
        premiums,
        hourly_basis=hourly_basis(production.agreement, on, extra_dirs=extra_dirs),
        group=group,
    )
    job_grid = draft_defaults(production.kind, extra_dirs=extra_dirs).job_grid
    warning = _grid_warning(production, engagement, job_grid, on, extra_dirs)
    fringe_pack = group.fringes[0].cited.pack if group.fringes else ""
    packs = tuple(p for p in (*checked.packs, fringe_pack) if p)
    return EngagementPay(production, engagement, checked.board, days, on, statement, warning, packs)


def rate_warnings(
    db: Database,
    slug: str,
    *,
    actor: User | None,
    on: dt.date | None = None,
    extra_dirs: tuple[Path, ...] = (),
) -> list[RateWarning]:
    """Every engagement whose rate (see the module docstring) is under the grid minimum
    (with the grid's source and year), not comparable with it, or whose job has no minimum;
    in list order.
    ``on``: the date to check (default: each engagement's start, else the first day of the
    newest schedule version, else today)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_BUDGET)
        private = may_see_private(session, production, actor)
        engaged = people.list_engagements(session, production.id, private=private)
        start = _newest_start(session, production)
    found: list[RateWarning] = []
    # Engagements carry the job keys of the working-time packs (chef_electricien…); the
    # pay grids name jobs in English (gaffer…): the draft-defaults pack maps one to the other.
    job_grid = draft_defaults(production.kind, extra_dirs=extra_dirs).job_grid
    for engagement in engaged:
        day = on or engagement.start or start or _today()
        warning = _grid_warning(production, engagement, job_grid, day, extra_dirs)
        if warning is not None:
            found.append(RateWarning(engagement, day, warning))
    return found
