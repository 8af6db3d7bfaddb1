# SPDX-License-Identifier: AGPL-3.0-or-later
"""Schedule versions of a production (numbered in creation order) with their settings and
days off, and what the planner set per scene: plans, precedences, same-day groups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from regie.core.errors import NotFound, StaleEdit
from regie.core.text import t
from regie.schedule.catalog import ScenePlan, ScheduleRecord, ScheduleSettings
from regie.schedule.model import Weights
from regie.storage.base import utc_now
from regie.storage.guard import check_version, flush_edit, unique
from regie.storage.tables import (
    PrecedenceRow,
    SameDayRow,
    ScenePlanRow,
    SceneRow,
    ScheduleDayOffRow,
    ScheduleRow,
    ScriptRow,
)


def _apply(row: ScheduleRow, settings: ScheduleSettings) -> None:
    row.name = settings.name
    row.start_date = settings.start
    row.days_per_week = settings.days_per_week
    row.work_on_holidays = settings.work_on_holidays
    row.day_count = settings.day_count
    row.day_minutes = settings.day_minutes
    row.max_overtime_minutes = settings.max_overtime_minutes
    row.pages_per_day = settings.pages_per_day
    row.default_travel_minutes = settings.default_travel_minutes
    row.weight_holding_day = settings.weights.holding_day
    row.weight_company_move = settings.weights.company_move
    row.weight_location_revisit = settings.weights.location_revisit
    row.weight_day_night_switch = settings.weights.day_night_switch
    row.weight_overtime_minute = settings.weights.overtime_minute
    row.unit_call = settings.unit_call
    row.night_call = settings.night_call


def _settings(row: ScheduleRow) -> ScheduleSettings:
    return ScheduleSettings(
        name=row.name,
        start=row.start_date,
        day_count=row.day_count,
        pages_per_day=row.pages_per_day,
        days_per_week=row.days_per_week,
        work_on_holidays=row.work_on_holidays,
        day_minutes=row.day_minutes,
        max_overtime_minutes=row.max_overtime_minutes,
        default_travel_minutes=row.default_travel_minutes,
        weights=Weights(
            holding_day=row.weight_holding_day,
            company_move=row.weight_company_move,
            location_revisit=row.weight_location_revisit,
            day_night_switch=row.weight_day_night_switch,
            overtime_minute=row.weight_overtime_minute,
        ),
        unit_call=row.unit_call,
        night_call=row.night_call,
    )


def _record(session: Session, row: ScheduleRow) -> ScheduleRecord:
    script_number = session.scalar(select(ScriptRow.number).where(ScriptRow.id == row.script_id))
    days_off = session.scalars(
        select(ScheduleDayOffRow.day).where(ScheduleDayOffRow.schedule_id == row.id)
    )
    return ScheduleRecord(
        id=row.id,
        number=row.number,
        script_number=script_number or 0,
        settings=_settings(row),
        days_off=frozenset(days_off),
        created_at=row.created_at,
        version=row.version,
    )


def insert_schedule(
    session: Session, production_id: int, script_id: int, settings: ScheduleSettings
) -> ScheduleRecord:
    """Add schedule version ``last + 1``."""
    last = session.scalar(
        select(func.max(ScheduleRow.number)).where(ScheduleRow.production_id == production_id)
    )
    row = ScheduleRow(production_id=production_id, number=(last or 0) + 1, script_id=script_id)
    _apply(row, settings)
    session.add(row)
    with unique(
        t("another schedule version was created at the same moment"),
        hint=t("Look at the list of schedule versions, then try again"),
    ):
        session.flush()
    return _record(session, row)


def schedule_row(session: Session, production_id: int, number: int) -> ScheduleRow:
    row = session.scalar(
        select(ScheduleRow).where(
            ScheduleRow.production_id == production_id, ScheduleRow.number == number
        )
    )
    if row is None:
        raise NotFound(
            t("no schedule version {number} in this production", number=number),
            hint=t("See the schedule versions in the list"),
        )
    return row


def schedule(session: Session, production_id: int, number: int) -> ScheduleRecord:
    return _record(session, schedule_row(session, production_id, number))


def schedule_by_id(session: Session, schedule_id: int) -> ScheduleRecord:
    row = session.get(ScheduleRow, schedule_id)
    if row is None:
        raise NotFound(t("no schedule #{id}", id=schedule_id))
    return _record(session, row)


def list_schedules(session: Session, production_id: int) -> list[ScheduleRecord]:
    rows = session.scalars(
        select(ScheduleRow)
        .where(ScheduleRow.production_id == production_id)
        .order_by(ScheduleRow.number)
    )
    return [_record(session, row) for row in rows]


def update_settings(
    session: Session,
    production_id: int,
    number: int,
    settings: ScheduleSettings,
    *,
    expected_version: int,
    days_off: Iterable[dt.date] | None = None,
) -> ScheduleRecord:
    """Replace the settings (and, when given, the days off) of a schedule version."""
    row = schedule_row(session, production_id, number)
    record = t("schedule version {number}", number=number)
    check_version(record, stored=row.version, expected=expected_version)
    _apply(row, settings)
    row.updated_at = utc_now()  # the days off live in their own table: always a new version
    if days_off is not None:
        session.execute(delete(ScheduleDayOffRow).where(ScheduleDayOffRow.schedule_id == row.id))
        session.add_all(ScheduleDayOffRow(schedule_id=row.id, day=day) for day in set(days_off))
    flush_edit(session, row, record, expected=expected_version)
    return _record(session, row)


# -- per scene --------------------------------------------------------------------------


def _plan(row: ScenePlanRow, label: str) -> ScenePlan:
    return ScenePlan(
        scene_id=row.scene_id,
        label=label,
        minutes=row.minutes,
        needs_night=row.needs_night,
        needs_day=row.needs_day,
        fixed_date=row.fixed_date,
        version=row.version,
    )


def scene_plans(session: Session, schedule_id: int) -> dict[int, ScenePlan]:
    """``{scene id: plan}`` for the scenes the planner set something on."""
    rows = session.execute(
        select(ScenePlanRow, SceneRow.number, SceneRow.ordinal)
        .join(SceneRow, SceneRow.id == ScenePlanRow.scene_id)
        .where(ScenePlanRow.schedule_id == schedule_id)
    )
    return {row.scene_id: _plan(row, number or str(ordinal)) for row, number, ordinal in rows}


def put_scene_plan(
    session: Session,
    schedule_id: int,
    scene_id: int,
    label: str,
    *,
    expected_version: int,
    minutes: int | None,
    needs_night: bool | None,
    needs_day: bool | None,
    fixed_date: dt.date | None,
) -> ScenePlan:
    """Store a scene's plan; ``expected_version`` 0 when nothing was set on it yet."""
    record = t("the plan of scene {scene}", scene=label)
    row = session.get(ScenePlanRow, (schedule_id, scene_id))
    check_version(record, stored=0 if row is None else row.version, expected=expected_version)
    if row is None:
        row = ScenePlanRow(schedule_id=schedule_id, scene_id=scene_id)
        session.add(row)
    row.minutes = minutes
    row.needs_night = needs_night
    row.needs_day = needs_day
    row.fixed_date = fixed_date
    if expected_version == 0:
        with unique(record, hint=t("Someone set this scene at the same moment: reload the page")):
            session.flush()
    else:
        try:
            session.flush()
        except StaleDataError:
            session.rollback()
            stored = session.scalar(
                select(ScenePlanRow.version).where(
                    ScenePlanRow.schedule_id == schedule_id, ScenePlanRow.scene_id == scene_id
                )
            )
            raise StaleEdit(record, expected=expected_version, actual=stored or 0) from None
    return _plan(row, label)


def precedences(session: Session, schedule_id: int) -> list[tuple[int, int]]:
    rows = session.execute(
        select(PrecedenceRow.before_id, PrecedenceRow.after_id)
        .where(PrecedenceRow.schedule_id == schedule_id)
        .order_by(PrecedenceRow.before_id, PrecedenceRow.after_id)
    )
    return list(rows.all())


def add_precedence(session: Session, schedule_id: int, before_id: int, after_id: int) -> None:
    if session.get(PrecedenceRow, (schedule_id, before_id, after_id)) is None:
        session.add(PrecedenceRow(schedule_id=schedule_id, before_id=before_id, after_id=after_id))
        session.flush()


def remove_precedence(session: Session, schedule_id: int, before_id: int, after_id: int) -> bool:
    row = session.get(PrecedenceRow, (schedule_id, before_id, after_id))
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def same_day_groups(session: Session, schedule_id: int) -> list[tuple[int, ...]]:
    """Groups of scene ids, in group-number order."""
    rows = session.execute(
        select(SameDayRow.group_number, SameDayRow.scene_id)
        .where(SameDayRow.schedule_id == schedule_id)
        .order_by(SameDayRow.group_number, SameDayRow.scene_id)
    )
    groups: dict[int, list[int]] = {}
    for group, scene_id in rows:
        groups.setdefault(group, []).append(scene_id)
    return [tuple(scenes) for scenes in groups.values()]


def put_same_day(session: Session, schedule_id: int, scene_ids: Sequence[int]) -> None:
    """Make ``scene_ids`` one group; groups they were in merge into it."""
    old = session.scalars(
        select(SameDayRow).where(
            SameDayRow.schedule_id == schedule_id, SameDayRow.scene_id.in_(scene_ids)
        )
    ).all()
    merged = {row.group_number for row in old}
    members = set(scene_ids)
    if merged:
        members |= set(
            session.scalars(
                select(SameDayRow.scene_id).where(
                    SameDayRow.schedule_id == schedule_id, SameDayRow.group_number.in_(merged)
                )
            )
        )
    session.execute(
        delete(SameDayRow).where(
            SameDayRow.schedule_id == schedule_id, SameDayRow.scene_id.in_(members)
        )
    )
    last = session.scalar(
        select(func.max(SameDayRow.group_number)).where(SameDayRow.schedule_id == schedule_id)
    )
    group = (last or 0) + 1
    session.add_all(
        SameDayRow(schedule_id=schedule_id, scene_id=scene_id, group_number=group)
        for scene_id in sorted(members)
    )
    session.flush()


def remove_from_same_day(session: Session, schedule_id: int, scene_id: int) -> bool:
    """Take a scene out of its group (a group left with one scene is dissolved)."""
    row = session.get(SameDayRow, (schedule_id, scene_id))
    if row is None:
        return False
    group = row.group_number
    session.delete(row)
    session.flush()
    rest = session.scalars(
        select(SameDayRow).where(
            SameDayRow.schedule_id == schedule_id, SameDayRow.group_number == group
        )
    ).all()
    if len(rest) == 1:
        session.delete(rest[0])
        session.flush()
    return True
