# SPDX-License-Identifier: AGPL-3.0-or-later
"""Backward plans (rétroplannings) stored in a production: made from the template of its
programme kind, read back with their dates, slipped, deleted.

* **Create** (:func:`create_plan`): the template of the production's kind (or the one
  asked) from the ``retroplanning-templates`` pack, the contractual delivery date, the
  production's episode count and running time, and the shoot dates of the production's
  main board when there is one — the primary board of the newest schedule version, from
  its first to its last day with scenes; a cast member under 18 on the first shoot day
  adds the minors' authorisation task. The plan's start is fixed at creation (the latest
  start that holds every date), so a later slip pushes the successors instead of moving
  the whole plan earlier.
* **Read** (:func:`get_plan`): the stored inputs, their critical-path schedule
  (:func:`regie.office.planning.cpm.schedule`) and the post-production plan per episode
  (:func:`regie.office.planning.postplan.post_plan`), recomputed on every read.
* **Edit** (:func:`slip_task`, :func:`clear_progress`): a slip in working days, actual
  dates or a new duration, each with the version the user saw (``StaleEdit`` otherwise).

The production manager edits (``edit_schedule``); the crew and the accountant read
(``view_schedule``). Services read no clock: dates come from the caller.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from sqlalchemy.orm import Session

from regie.core.errors import ValidationError
from regie.core.production import Production, ProductionKind
from regie.core.text import t
from regie.formats.plan_file import read_plan, write_plan
from regie.office.planning.cpm import PlanSchedule, schedule, slip
from regie.office.planning.model import Plan
from regie.office.planning.postplan import PostPlan, post_plan
from regie.office.planning.templates import PACK_ID, PlanRequest, PlanTemplate, instantiate
from regie.office.planning.templates import load_templates as _load_templates
from regie.office.roles import Permission, User
from regie.rules.registry import pack
from regie.schedule.catalog import BoardRecord
from regie.services.access import production_for
from regie.services.board_reports import board_context
from regie.services.database import Database
from regie.storage.repos import boards, schedules
from regie.storage.repos import plans as repo
from regie.storage.repos.plans import StoredPlanRow

MAX_NAME: Final = 200
MAX_SLIP_DAYS: Final = 1000  # working days: four years, past any plan regie draws
ADULT_AGE: Final = 18  # as the schedule's minors rules count (regie.schedule.evaluate)


@dataclass(frozen=True, slots=True)
class StoredPlan:
    """A plan as stored: its inputs (tasks, links, progress) and its row's version."""

    id: int
    name: str
    plan: Plan
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int


@dataclass(frozen=True, slots=True)
class PlanView:
    """A stored plan with its dates: the critical-path schedule and the post plan."""

    stored: StoredPlan
    schedule: PlanSchedule
    post: PostPlan

    @property
    def id(self) -> int:
        return self.stored.id

    @property
    def version(self) -> int:
        return self.stored.version


@dataclass(frozen=True, slots=True)
class ShootDates:
    """The shoot as the production's main board has it."""

    board_id: int
    board_name: str
    schedule_number: int
    start: dt.date
    end: dt.date
    minors: bool  # a cast member on the board is under 18 on the first day


def plan_templates(rule_dirs: Sequence[Path] = ()) -> dict[ProductionKind, PlanTemplate]:
    """The backward-plan templates in effect, by programme kind (a production's newer
    pack in its ``rules/`` folder wins)."""
    return _load_templates(pack(PACK_ID, extra_dirs=tuple(rule_dirs)))


def plan_name(name: str) -> str:
    """A plan's name, spaces tidied: 1 to 200 characters."""
    clean = " ".join(name.split())
    if not clean or len(clean) > MAX_NAME:
        raise ValidationError(
            t("the name must have 1 to {max} characters", max=MAX_NAME), field="name"
        )
    return clean


# -- reading ------------------------------------------------------------------------------


def _stored(row: StoredPlanRow) -> StoredPlan:
    plan = read_plan(row.document.encode("utf-8"), f"plan-{row.id}.json")
    return StoredPlan(row.id, row.name, plan, row.created_at, row.updated_at, row.version)


def _view(stored: StoredPlan, as_of: dt.date | None = None) -> PlanView:
    computed = schedule(stored.plan, as_of=as_of)
    return PlanView(stored, computed, post_plan(computed))


def list_plans(db: Database, slug: str, *, actor: User | None) -> list[StoredPlan]:
    """The production's plans, oldest first (inputs only; :func:`get_plan` for dates)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        return [_stored(row) for row in repo.list_plans(session, production.id)]


def get_plan(
    db: Database, slug: str, plan_id: int, *, actor: User | None, as_of: dt.date | None = None
) -> PlanView:
    """The plan with its dates; ``as_of`` (date d'avancement): no task that has not
    started is put before that day."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        stored = _stored(repo.plan(session, production.id, plan_id))
    return _view(stored, as_of)


# -- the shoot, from the board -------------------------------------------------------------


def _main_board(session: Session, production: Production) -> BoardRecord | None:
    found = schedules.list_schedules(session, production.id)
    if not found:
        return None
    listed = boards.list_boards(session, found[-1].id)  # the primary board first
    return listed[0] if listed else None


def _shoot_dates(session: Session, production: Production) -> ShootDates | None:
    record = _main_board(session, production)
    if record is None or not record.days:
        return None
    worked = [day for day in record.days if day.strips] or list(record.days)
    first, last = min(d.date for d in worked), max(d.date for d in worked)
    context = board_context(session, production, record.id)
    on_board = {strip.key for day in worked for strip in day.strips}
    playing = {key for s in context.problem.strips if s.key in on_board for key in s.cast}
    minors = False
    for member in context.problem.cast:
        age = member.age_on(first)
        if member.key in playing and age is not None and age < ADULT_AGE:
            minors = True
    return ShootDates(record.id, record.name, record.schedule_number, first, last, minors)


def shoot_dates(db: Database, slug: str, *, actor: User | None) -> ShootDates | None:
    """The shoot dates a new plan takes from the main board (``None``: no board yet)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        return _shoot_dates(session, production)


# -- creating -------------------------------------------------------------------------------


def _default_name(production: Production, taken: set[str]) -> str:
    if production.title not in taken:
        return production.title
    number = 2
    while f"{production.title} ({number})" in taken:
        number += 1
    return f"{production.title} ({number})"


def _template(kind: ProductionKind, rule_dirs: Sequence[Path]) -> PlanTemplate:
    template = plan_templates(rule_dirs).get(kind)
    if template is None:
        raise ValidationError(
            t("there is no backward-plan template for '{kind}'", kind=kind.value),
            field="kind",
            hint=t("`regie plan template list` shows the templates"),
        )
    return template


def create_plan(
    db: Database,
    slug: str,
    *,
    actor: User | None,
    delivery: dt.date,
    kind: ProductionKind | None = None,
    name: str | None = None,
    episodes: int | None = None,
    running_minutes: int | None = None,
    shoot_start: dt.date | None = None,
    shoot_end: dt.date | None = None,
    episode_deliveries: tuple[dt.date, ...] = (),
    minors: bool | None = None,
    rule_dirs: Sequence[Path] = (),
) -> PlanView:
    """A new plan from the template of ``kind`` (default: the production's kind).

    Shoot dates not given come from the main board; ``minors`` ``None``: from the board's
    cast. Episodes and running time default to the production's."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        chosen = kind or production.kind
        template = _template(chosen, rule_dirs)
        board = None
        if shoot_start is None and shoot_end is None:
            board = _shoot_dates(session, production)
        taken = repo.names(session, production.id)
        title = plan_name(name) if name is not None else _default_name(production, taken)
        wants_minors = minors if minors is not None else board is not None and board.minors
        request = PlanRequest(
            delivery=delivery,
            title=title,
            episodes=episodes if episodes is not None else production.episodes,
            running_minutes=running_minutes or production.running_minutes,
            shoot_start=board.start if board is not None else shoot_start,
            shoot_end=board.end if board is not None else shoot_end,
            episode_deliveries=episode_deliveries,
            options=frozenset({"minors"} if wants_minors else ()),
        )
        plan = instantiate(template, request)
        computed = schedule(plan)
        plan = dataclasses.replace(plan, start=computed.start)  # a slip keeps this start
        row = repo.insert_plan(
            session,
            production.id,
            name=title,
            kind=chosen.value,
            delivery=plan.delivery,
            document=write_plan(plan).decode("utf-8"),
        )
        stored = _stored(row)
    return _view(stored)


# -- editing --------------------------------------------------------------------------------


def _save(
    session: Session, production: Production, stored: StoredPlan, plan: Plan, version: int
) -> StoredPlan:
    row = repo.update_document(
        session,
        production.id,
        stored.id,
        document=write_plan(plan).decode("utf-8"),
        delivery=plan.delivery,
        expected_version=version,
    )
    return _stored(row)


def slip_task(
    db: Database,
    slug: str,
    plan_id: int,
    version: int,
    task: str,
    *,
    actor: User | None,
    days: int = 0,
    actual_start: dt.date | None = None,
    actual_finish: dt.date | None = None,
    duration: int | None = None,
) -> PlanView:
    """Record that ``task`` slipped ``days`` working days (a milestone: reached later),
    and/or its actual start or finish, and/or its new duration; the successors are pushed
    and the view says which contractual dates are now at risk."""
    if not (days or actual_start or actual_finish or duration is not None):
        raise ValidationError(
            t("nothing to record for '{task}'", task=task),
            field="days",
            hint=t("Give --days, --start, --finish or --duration"),
        )
    if abs(days) > MAX_SLIP_DAYS:
        raise ValidationError(
            t("a slip is limited to {max} working days", max=MAX_SLIP_DAYS), field="days"
        )
    if duration is not None and not 0 <= duration <= MAX_SLIP_DAYS:
        raise ValidationError(
            t("a duration is 0 to {max} working days", max=MAX_SLIP_DAYS), field="duration"
        )
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        stored = _stored(repo.plan(session, production.id, plan_id))
        slipped = slip(
            stored.plan,
            task,
            days=days,
            actual_start=actual_start,
            actual_finish=actual_finish,
            duration=duration,
        )
        saved = _save(session, production, stored, slipped, version)
    return _view(saved)


def clear_progress(
    db: Database, slug: str, plan_id: int, version: int, task: str, *, actor: User | None
) -> PlanView:
    """Forget what was recorded for ``task`` (slip, actual dates, new duration)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        stored = _stored(repo.plan(session, production.id, plan_id))
        stored.plan.task(task)  # an unknown task is refused by name
        kept = tuple(p for p in stored.plan.progress if p.task != task)
        cleared = dataclasses.replace(stored.plan, progress=kept)
        saved = _save(session, production, stored, cleared, version)
    return _view(saved)


def delete_plan(db: Database, slug: str, plan_id: int, version: int, *, actor: User | None) -> None:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        repo.delete_plan(session, production.id, plan_id, expected_version=version)
