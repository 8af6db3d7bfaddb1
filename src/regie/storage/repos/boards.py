# SPDX-License-Identifier: AGPL-3.0-or-later
"""Boards (scenarios) of a schedule version: their dated days and the strips on them.

A board is read and written whole: the services compute the new layout with the pure
functions of ``regie.schedule.board_edit`` and :func:`write_layout` stores the difference.
Every edit goes through :func:`touch` first, which bumps the board's ``version`` (and
locks its row on PostgreSQL until the transaction ends), so two people dragging strips on
the same board never overwrite each other.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from regie.core.errors import Conflict, NotFound
from regie.core.text import t
from regie.schedule.catalog import BoardDay, BoardRecord, BoardStrip
from regie.schedule.model import DayKind
from regie.storage.base import utc_now
from regie.storage.guard import check_version, flush_edit, unique
from regie.storage.tables import BoardDayRow, BoardRow, BoardStripRow, SceneRow, ScheduleRow


def _label(row: SceneRow) -> str:
    return row.number or str(row.ordinal)


def _row(session: Session, production_id: int, board_id: int) -> BoardRow:
    row = session.scalar(
        select(BoardRow)
        .join(ScheduleRow, ScheduleRow.id == BoardRow.schedule_id)
        .where(BoardRow.id == board_id, ScheduleRow.production_id == production_id)
    )
    if row is None:
        raise NotFound(
            t("no board #{id} in this production", id=board_id),
            hint=t("Reload the list of boards"),
        )
    return row


def _name_taken(session: Session, schedule_id: int, name: str, ignore: int | None) -> None:
    found = session.scalar(
        select(BoardRow.id).where(BoardRow.schedule_id == schedule_id, BoardRow.name == name)
    )
    if found is not None and found != ignore:
        raise Conflict(
            t("this schedule version already has a board named '{name}'", name=name),
            hint=t("Choose another name"),
        )


def insert_board(
    session: Session,
    schedule_id: int,
    name: str,
    *,
    primary: bool,
    days: Sequence[BoardDay],
    unscheduled: Sequence[BoardStrip] = (),
) -> int:
    _name_taken(session, schedule_id, name, None)
    if primary:
        _clear_primary(session, schedule_id)
    row = BoardRow(schedule_id=schedule_id, name=name, is_primary=primary)
    session.add(row)
    with unique(
        t("this schedule version already has a board named '{name}'", name=name),
        hint=t("Choose another name"),
    ):
        session.flush()
    write_layout(session, row.id, days, unscheduled)
    return row.id


def _clear_primary(session: Session, schedule_id: int, keep: int | None = None) -> None:
    """No board of the schedule version but ``keep`` is primary any more."""
    others = session.scalars(
        select(BoardRow).where(
            BoardRow.schedule_id == schedule_id,
            BoardRow.is_primary.is_(True),
            BoardRow.id != (keep or 0),
        )
    ).all()
    for other in others:
        other.is_primary = False
        other.updated_at = utc_now()


def board(session: Session, production_id: int, board_id: int) -> BoardRecord:
    """A board of the production (``NotFound`` for another production's)."""
    return _record(session, _row(session, production_id, board_id))


def _record(session: Session, row: BoardRow) -> BoardRecord:
    schedule_number = session.scalar(
        select(ScheduleRow.number).where(ScheduleRow.id == row.schedule_id)
    )
    day_rows = session.scalars(
        select(BoardDayRow).where(BoardDayRow.board_id == row.id).order_by(BoardDayRow.day_index)
    ).all()
    strips = session.execute(
        select(BoardStripRow, SceneRow)
        .join(SceneRow, SceneRow.id == BoardStripRow.scene_id)
        .where(BoardStripRow.board_id == row.id)
        .order_by(BoardStripRow.position, SceneRow.ordinal)
    )
    on_day: dict[int | None, list[BoardStrip]] = {}
    for strip, scene in strips:
        on_day.setdefault(strip.day_id, []).append(
            BoardStrip(scene.id, _label(scene), strip.locked)
        )
    days = tuple(
        BoardDay(d.day_index, d.day, DayKind(d.kind), tuple(on_day.get(d.id, ()))) for d in day_rows
    )
    return BoardRecord(
        id=row.id,
        schedule_id=row.schedule_id,
        schedule_number=schedule_number or 0,
        name=row.name,
        primary=row.is_primary,
        days=days,
        unscheduled=tuple(on_day.get(None, ())),
        updated_at=row.updated_at,
        version=row.version,
    )


def list_boards(session: Session, schedule_id: int) -> list[BoardRecord]:
    """Boards of a schedule version, the primary one first, then by name."""
    rows = session.scalars(
        select(BoardRow)
        .where(BoardRow.schedule_id == schedule_id)
        .order_by(BoardRow.is_primary.desc(), BoardRow.name, BoardRow.id)
    )
    return [_record(session, row) for row in rows]


def board_ids(session: Session, schedule_id: int) -> list[int]:
    return list(session.scalars(select(BoardRow.id).where(BoardRow.schedule_id == schedule_id)))


def touch(session: Session, production_id: int, board_id: int, *, expected_version: int) -> None:
    """Start an edit of the board: refuse a stale version, then take the next one."""
    row = _row(session, production_id, board_id)
    record = t("board '{name}'", name=row.name)
    check_version(record, stored=row.version, expected=expected_version)
    row.updated_at = utc_now()
    flush_edit(session, row, record, expected=expected_version)


def rename(
    session: Session, production_id: int, board_id: int, name: str, *, expected_version: int
) -> None:
    row = _row(session, production_id, board_id)
    record = t("board '{name}'", name=row.name)
    check_version(record, stored=row.version, expected=expected_version)
    _name_taken(session, row.schedule_id, name, row.id)
    row.name = name
    row.updated_at = utc_now()
    with unique(
        t("this schedule version already has a board named '{name}'", name=name),
        hint=t("Choose another name"),
    ):
        flush_edit(session, row, record, expected=expected_version)


def make_primary(
    session: Session, production_id: int, board_id: int, *, expected_version: int
) -> None:
    """The board becomes the schedule version's primary one (the others stop being)."""
    row = _row(session, production_id, board_id)
    record = t("board '{name}'", name=row.name)
    check_version(record, stored=row.version, expected=expected_version)
    _clear_primary(session, row.schedule_id, keep=row.id)
    row.is_primary = True
    row.updated_at = utc_now()
    flush_edit(session, row, record, expected=expected_version)


def delete_board(
    session: Session, production_id: int, board_id: int, *, expected_version: int
) -> None:
    row = _row(session, production_id, board_id)
    record = t("board '{name}'", name=row.name)
    check_version(record, stored=row.version, expected=expected_version)
    session.delete(row)
    flush_edit(session, row, record, expected=expected_version)


def write_layout(
    session: Session,
    board_id: int,
    days: Sequence[BoardDay],
    unscheduled: Sequence[BoardStrip] = (),
) -> None:
    """Store the board's days and strips as given (only what changed is written)."""
    day_rows = {
        row.day_index: row
        for row in session.scalars(select(BoardDayRow).where(BoardDayRow.board_id == board_id))
    }
    wanted = {day.index for day in days}
    extra = [row for index, row in day_rows.items() if index not in wanted]
    for day in days:
        row = day_rows.get(day.index)
        if row is None:
            row = BoardDayRow(board_id=board_id, day_index=day.index)
            session.add(row)
            day_rows[day.index] = row
        row.day = day.date
        row.kind = day.kind.value
    session.flush()
    strip_rows = {
        row.scene_id: row
        for row in session.scalars(select(BoardStripRow).where(BoardStripRow.board_id == board_id))
    }
    placed: list[tuple[int | None, Sequence[BoardStrip]]] = [
        (day_rows[day.index].id, day.strips) for day in days
    ]
    placed.append((None, unscheduled))
    kept: set[int] = set()
    for day_id, strips in placed:
        for position, strip in enumerate(strips):
            strip_row = strip_rows.get(strip.scene_id)
            if strip_row is None:
                strip_row = BoardStripRow(board_id=board_id, scene_id=strip.scene_id)
                session.add(strip_row)
            strip_row.day_id = day_id
            strip_row.position = position
            strip_row.locked = strip.locked
            kept.add(strip.scene_id)
    for scene_id, strip_row in strip_rows.items():
        if scene_id not in kept:
            session.delete(strip_row)
    session.flush()
    for day_row in extra:
        session.delete(day_row)
    session.flush()
