# SPDX-License-Identifier: AGPL-3.0-or-later
"""Schedule versions (plan de travail): create one from the current script version, edit
its calendar, pace, day length and weights, and what the planner sets per scene (time,
day or night, fixed date), precedences and same-day groups.

A new version takes the production's customary pace when none is given: the midpoint of
the ``shoot-pace`` pack's range for the kind of programme (feature film 2–5 pages a day →
3.5). Its day count is the script's pages at that pace, rounded up. The default unit calls
come from the ``day-plan`` pack.

Changing the calendar moves every board of the version onto the new shoot dates (a
board's day ``i`` is always the calendar's ``i``-th shoot date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import ROUND_CEILING, Decimal

from sqlalchemy.orm import Session

from regie.core.errors import NotFound, ValidationError
from regie.core.production import Production, ProductionKind
from regie.core.text import on_day, t
from regie.office.roles import Permission, User
from regie.rules.pack import RulePack
from regie.rules.registry import pack
from regie.schedule import board_edit
from regie.schedule.catalog import ScenePlan, ScheduleRecord, ScheduleSettings
from regie.schedule.timing import is_shoot_date, shoot_dates
from regie.script.catalog import SceneRecord
from regie.services.access import production_for
from regie.services.catalog import current_version
from regie.services.database import Database
from regie.services.schedule_checks import check_settings, clock_time
from regie.storage.repos import boards, scenes, schedules, scripts


def default_pace(kind: ProductionKind, pace: RulePack | None = None) -> Decimal:
    """The midpoint of the customary pages-a-day range for ``kind``."""
    rules = pace or pack("shoot-pace")
    key = f"{kind.value}.pages_per_day"
    known = rules.keys()  # a list of keys (iterating a pack gives its entries)
    if key not in known:
        raise ValidationError(
            t("there is no customary pace in pages a day for a {kind}", kind=kind.value),
            field="pages_per_day",
            hint=t("Give the number of script pages the unit shoots in a day"),
        )
    value = rules.value(key)
    return ((value.decimal("low") + value.decimal("high")) / 2).quantize(Decimal("0.01"))


def _day_count(total_eighths: int, pages_per_day: Decimal) -> int:
    days = (Decimal(total_eighths) / 8 / pages_per_day).to_integral_value(rounding=ROUND_CEILING)
    return max(1, int(days))


def create_schedule(
    db: Database,
    slug: str,
    *,
    actor: User | None,
    start: dt.date,
    name: str | None = None,
    pages_per_day: Decimal | None = None,
    day_count: int | None = None,
    days_per_week: int = 5,
    work_on_holidays: bool = False,
) -> ScheduleRecord:
    """A new schedule version on the current script version (see the module docstring)."""
    day_plan = pack("day-plan")
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        version = current_version(session, production)
        pace = pages_per_day if pages_per_day is not None else default_pace(production.kind)
        number = len(schedules.list_schedules(session, production.id)) + 1
        settings = ScheduleSettings(
            name=name if name is not None else f"Plan de travail {number}",
            start=start,
            day_count=day_count
            if day_count is not None
            else _day_count(version.total_eighths, pace if pace > 0 else Decimal(1)),
            pages_per_day=pace,
            days_per_week=days_per_week,
            work_on_holidays=work_on_holidays,
            unit_call=clock_time(day_plan.value("unit.day_call").value, "unit_call"),
            night_call=clock_time(day_plan.value("unit.night_call").value, "night_call"),
        )
        check_settings(settings, frozenset())
        return schedules.insert_schedule(session, production.id, version.id, settings)


def list_schedules(db: Database, slug: str, *, actor: User | None) -> list[ScheduleRecord]:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        return schedules.list_schedules(session, production.id)


def get_schedule(db: Database, slug: str, number: int, *, actor: User | None) -> ScheduleRecord:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        return schedules.schedule(session, production.id, number)


def _redate_boards(session: Session, production: Production, record: ScheduleRecord) -> None:
    """Put every board of the version on the calendar's shoot dates."""
    for board_id in boards.board_ids(session, record.id):
        board = boards.board(session, production.id, board_id)
        dates = shoot_dates(record.calendar, len(board.days))
        if tuple(d.date for d in board.days) == dates:
            continue
        boards.touch(session, production.id, board_id, expected_version=board.version)
        layout = board_edit.redate(board, dates)
        boards.write_layout(session, board_id, layout.days, layout.unscheduled)


def update_schedule(
    db: Database,
    slug: str,
    number: int,
    settings: ScheduleSettings,
    expected_version: int,
    *,
    actor: User | None,
) -> ScheduleRecord:
    """Replace the settings of a schedule version (its boards follow the new calendar)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        current = schedules.schedule(session, production.id, number)
        check_settings(settings, current.days_off)
        record = schedules.update_settings(
            session, production.id, number, settings, expected_version=expected_version
        )
        _redate_boards(session, production, record)
        return record


def set_days_off(
    db: Database,
    slug: str,
    number: int,
    days_off: Iterable[dt.date],
    expected_version: int,
    *,
    actor: User | None,
) -> ScheduleRecord:
    """The dates the unit does not shoot besides weekends and public holidays."""
    wanted = frozenset(days_off)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        current = schedules.schedule(session, production.id, number)
        check_settings(current.settings, wanted)
        record = schedules.update_settings(
            session,
            production.id,
            number,
            current.settings,
            expected_version=expected_version,
            days_off=wanted,
        )
        _redate_boards(session, production, record)
        return record


# -- per scene --------------------------------------------------------------------------


def schedule_scenes(
    session: Session, production: Production, number: int
) -> tuple[ScheduleRecord, list[SceneRecord]]:
    """A schedule version and the scenes of the script version it was built from."""
    record = schedules.schedule(session, production.id, number)
    script = scripts.version_by_number(session, production.id, record.script_number)
    return record, scenes.scenes_of(session, script.id)


def scene_named(records: Sequence[SceneRecord], label: str, script_number: int) -> SceneRecord:
    wanted = label.strip().upper()
    for record in records:
        if record.label.upper() == wanted:
            return record
    raise NotFound(
        t(
            "no scene '{label}' in version {number} of the script",
            label=label,
            number=script_number,
        ),
        hint=t("Use a scene number from the schedule's strips"),
    )


def scene_plans(db: Database, slug: str, number: int, *, actor: User | None) -> list[ScenePlan]:
    """Every scene of the version in reading order with what the planner set on it
    (``version`` 0: nothing set yet)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        record, found = schedule_scenes(session, production, number)
        plans = schedules.scene_plans(session, record.id)
        return [plans.get(scene.id, ScenePlan(scene.id, scene.label, version=0)) for scene in found]


def set_scene_plan(
    db: Database,
    slug: str,
    number: int,
    scene_label: str,
    *,
    actor: User | None,
    expected_version: int = 0,
    minutes: int | None = None,
    needs_night: bool | None = None,
    needs_day: bool | None = None,
    fixed_date: dt.date | None = None,
) -> ScenePlan:
    """Set a scene's time override, day/night need and fixed date (``None``: default).
    ``expected_version`` is the plan's version as read (0 when nothing was set)."""
    if minutes is not None and not 0 < minutes <= 24 * 60:
        raise ValidationError(
            t("a scene's shooting time must be 1 to 1440 minutes, not {minutes}", minutes=minutes),
            field="minutes",
        )
    if needs_night and needs_day:
        raise ValidationError(
            t("a scene cannot need both a night day and daylight"), field="needs_night"
        )
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        record, found = schedule_scenes(session, production, number)
        scene = scene_named(found, scene_label, record.script_number)
        if fixed_date is not None:
            _check_fixed_date(record, fixed_date)
        return schedules.put_scene_plan(
            session,
            record.id,
            scene.id,
            scene.label,
            expected_version=expected_version,
            minutes=minutes,
            needs_night=needs_night,
            needs_day=needs_day,
            fixed_date=fixed_date,
        )


def _check_fixed_date(record: ScheduleRecord, day: dt.date) -> None:
    if day < record.settings.start:
        raise ValidationError(
            t(
                "{date} is before the shoot starts ({start})",
                date=on_day(day),
                start=on_day(record.settings.start),
            ),
            field="fixed_date",
            hint=t("Choose a shoot day of the schedule's calendar"),
        )
    if not is_shoot_date(record.calendar, day):
        raise ValidationError(
            t("{date} is not a shoot day of the schedule's calendar", date=on_day(day)),
            field="fixed_date",
            hint=t("Choose a working day that is not a day off or a public holiday"),
        )
