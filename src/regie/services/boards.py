# SPDX-License-Identifier: AGPL-3.0-or-later
"""Boards (stripboards, scenarios) of a schedule version: create one from the script
order, duplicate it as another scenario, and edit it as on the stripboard — drag a strip
to a day and position, lock strips, make a day a night day, add or remove days.

Every edit takes the board's version as the user saw it and refuses a stale one
(``StaleEdit``): two people dragging strips on the same board never overwrite each
other. Reading and pricing boards is in :mod:`regie.services.board_reports`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy.orm import Session

from regie.core.errors import NotFound, ParseError, ValidationError
from regie.core.production import Production
from regie.core.text import Text, t
from regie.formats.board_file import BoardFile, FileStrip, read_board_file
from regie.office.roles import Permission, User
from regie.schedule import board_edit
from regie.schedule.catalog import BoardDay, BoardRecord, BoardStrip, ScheduleRecord
from regie.schedule.model import DayKind, ShootingProblem
from regie.schedule.timing import shoot_dates
from regie.services.access import production_for
from regie.services.database import Database
from regie.services.problems import problem_in
from regie.storage.repos import boards, schedules

MAX_NAME = 200


def board_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean or len(clean) > MAX_NAME:
        raise ValidationError(
            t("the name must have 1 to {max} characters", max=MAX_NAME), field="name"
        )
    return clean


def board_in(
    session: Session, production: Production, board_id: int
) -> tuple[BoardRecord, ScheduleRecord]:
    """A board of the production and its schedule version."""
    record = boards.board(session, production.id, board_id)
    return record, schedules.schedule(session, production.id, record.schedule_number)


def _kind(kind: DayKind | str) -> DayKind:
    try:
        return DayKind(kind)
    except ValueError:
        raise ValidationError(
            t("a shoot day is a day or a night day, not '{kind}'", kind=kind), field="kind"
        ) from None


def _new_board(
    db: Database,
    slug: str,
    schedule_number: int,
    lay_out: Callable[[ShootingProblem, ScheduleRecord], board_edit.Layout],
    *,
    actor: User | None,
    name: str | None,
) -> BoardRecord:
    """A new board of the version, laid out by ``lay_out``; the first one is primary."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        schedule = schedules.schedule(session, production.id, schedule_number)
        existing = boards.board_ids(session, schedule.id)
        chosen = board_name(name if name is not None else f"Scénario {len(existing) + 1}")
        problem, _keys = problem_in(session, production, schedule)
        layout = lay_out(problem, schedule)
        board_id = boards.insert_board(
            session,
            schedule.id,
            chosen,
            primary=not existing,
            days=layout.days,
            unscheduled=layout.unscheduled,
        )
        return boards.board(session, production.id, board_id)


def create_board(
    db: Database,
    slug: str,
    schedule_number: int,
    *,
    actor: User | None,
    name: str | None = None,
) -> BoardRecord:
    """A board with the scenes in script order packed into the version's shoot days
    (:func:`regie.schedule.board_edit.pack`); the first board of a version is primary."""

    def packed(problem: ShootingProblem, _schedule: ScheduleRecord) -> board_edit.Layout:
        return board_edit.pack(problem, {s.key: s.label for s in problem.strips})

    return _new_board(db, slug, schedule_number, packed, actor=actor, name=name)


def import_board(
    db: Database,
    slug: str,
    schedule_number: int,
    found: BoardFile,
    *,
    actor: User | None,
    name: str | None = None,
) -> BoardRecord:
    """A new board of the version laid out as the file says
    (:mod:`regie.formats.board_file`): its days in number order with their kind (day by
    default), its strips in file order, locked where marked; scenes of the version the
    file does not place stay unscheduled. Every scene must be a scene of the version's
    script, at most once; a refused file stores nothing."""

    def from_file(problem: ShootingProblem, schedule: ScheduleRecord) -> board_edit.Layout:
        return _file_layout(found, problem, schedule)

    return _new_board(db, slug, schedule_number, from_file, actor=actor, name=name)


def import_board_file(
    db: Database,
    slug: str,
    schedule_number: int,
    filename: str,
    data: bytes,
    *,
    actor: User | None,
    name: str | None = None,
) -> BoardRecord:
    """:func:`import_board` of the bytes of a board file (CSV or JSON); the role is
    checked before the file is read."""
    with db.session() as session:
        production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
    found = read_board_file(data, filename)
    return import_board(db, slug, schedule_number, found, actor=actor, name=name)


def _file_layout(
    found: BoardFile, problem: ShootingProblem, schedule: ScheduleRecord
) -> board_edit.Layout:
    by_label = {s.label.upper(): int(s.key) for s in problem.strips}
    labels = {int(s.key): s.label for s in problem.strips}
    seen: dict[int, Text] = {}

    def strip(item: FileStrip, where: Text) -> BoardStrip:
        scene = by_label.get(item.scene.upper())
        if scene is None:
            raise ParseError(
                t(
                    "scene '{label}' is not in version {version} of the script",
                    label=item.scene,
                    version=schedule.script_number,
                ),
                file=found.source,
                line=item.line,
                hint=t("Check the scene numbers against regie script scenes"),
            )
        if scene in seen:
            raise ParseError(
                t(
                    "scene '{label}' is placed twice ({first} and {second})",
                    label=item.scene,
                    first=seen[scene],
                    second=where,
                ),
                file=found.source,
                line=item.line,
                hint=t("Keep one row for each scene"),
            )
        seen[scene] = where
        return BoardStrip(scene, labels[scene], item.locked)

    count = max((d.number for d in found.days), default=0)
    dates = shoot_dates(schedule.calendar, max(count, 1))
    given = {d.number: d for d in found.days}
    days: list[BoardDay] = []
    for number in range(1, count + 1):
        day = given.get(number)
        days.append(
            BoardDay(
                number - 1,
                dates[number - 1],
                _kind(day.kind) if day is not None and day.kind else DayKind.DAY,
                tuple(strip(s, t("day {number}", number=number)) for s in day.strips)
                if day is not None
                else (),
            )
        )
    pool = [strip(s, t("not scheduled")) for s in found.unscheduled]
    pool += [BoardStrip(int(s.key), s.label) for s in problem.strips if int(s.key) not in seen]
    return board_edit.Layout(tuple(days), tuple(pool))


def list_boards(
    db: Database, slug: str, schedule_number: int, *, actor: User | None
) -> list[BoardRecord]:
    """The version's boards, the primary one first."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        schedule = schedules.schedule(session, production.id, schedule_number)
        return boards.list_boards(session, schedule.id)


def get_board(db: Database, slug: str, board_id: int, *, actor: User | None) -> BoardRecord:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        return board_in(session, production, board_id)[0]


def duplicate_board(
    db: Database, slug: str, board_id: int, name: str, *, actor: User | None
) -> BoardRecord:
    """Another scenario starting from this board (same days, strips and locks)."""
    chosen = board_name(name)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        record, schedule = board_in(session, production, board_id)
        new_id = boards.insert_board(
            session,
            schedule.id,
            chosen,
            primary=False,
            days=record.days,
            unscheduled=record.unscheduled,
        )
        return boards.board(session, production.id, new_id)


def rename_board(
    db: Database, slug: str, board_id: int, name: str, expected_version: int, *, actor: User | None
) -> BoardRecord:
    chosen = board_name(name)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        boards.rename(session, production.id, board_id, chosen, expected_version=expected_version)
        return boards.board(session, production.id, board_id)


def make_primary(
    db: Database, slug: str, board_id: int, expected_version: int, *, actor: User | None
) -> BoardRecord:
    """The board becomes the version's primary scenario (the one printed and shared)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        boards.make_primary(session, production.id, board_id, expected_version=expected_version)
        return boards.board(session, production.id, board_id)


def delete_board(
    db: Database, slug: str, board_id: int, expected_version: int, *, actor: User | None
) -> None:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        record = boards.board(session, production.id, board_id)
        if record.primary and len(boards.board_ids(session, record.schedule_id)) > 1:
            raise ValidationError(
                t("the primary board cannot be deleted while other boards remain"),
                field="board",
                hint=t("Make another board primary first"),
            )
        boards.delete_board(session, production.id, board_id, expected_version=expected_version)


Change = Callable[[BoardRecord, ScheduleRecord], board_edit.Layout]


def _edit(
    db: Database,
    slug: str,
    board_id: int,
    change: Change,
    *,
    expected_version: int,
    actor: User | None,
) -> BoardRecord:
    """Apply ``change`` to the board in one transaction, after the version check."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        record, schedule = board_in(session, production, board_id)
        boards.touch(session, production.id, board_id, expected_version=expected_version)
        layout = change(record, schedule)
        boards.write_layout(session, board_id, layout.days, layout.unscheduled)
        return boards.board(session, production.id, board_id)


def move_strip(
    db: Database,
    slug: str,
    board_id: int,
    scene_id: int,
    *,
    day: int | None,
    position: int,
    expected_version: int,
    actor: User | None,
) -> BoardRecord:
    """Drag a strip to day ``day`` (0-based; ``None``: unscheduled) at ``position``."""
    return _edit(
        db,
        slug,
        board_id,
        lambda record, _s: board_edit.move(record, scene_id, day, position),
        expected_version=expected_version,
        actor=actor,
    )


def lock_strips(
    db: Database,
    slug: str,
    board_id: int,
    scene_ids: Sequence[int],
    *,
    locked: bool,
    expected_version: int,
    actor: User | None,
) -> BoardRecord:
    """Lock strips on their days (the optimiser keeps them there), or unlock them."""
    return _edit(
        db,
        slug,
        board_id,
        lambda record, _s: board_edit.set_locked(record, scene_ids, locked),
        expected_version=expected_version,
        actor=actor,
    )


def set_day_kind(
    db: Database,
    slug: str,
    board_id: int,
    day: int,
    kind: DayKind | str,
    *,
    expected_version: int,
    actor: User | None,
) -> BoardRecord:
    wanted = _kind(kind)
    return _edit(
        db,
        slug,
        board_id,
        lambda record, _s: board_edit.set_kind(record, day, wanted),
        expected_version=expected_version,
        actor=actor,
    )


def add_day(
    db: Database,
    slug: str,
    board_id: int,
    *,
    expected_version: int,
    actor: User | None,
    at: int | None = None,
    kind: DayKind | str = DayKind.DAY,
) -> BoardRecord:
    """An empty shoot day at rank ``at`` (0-based; ``None``: at the end); the days after
    it move to the next shoot dates of the calendar."""
    wanted = _kind(kind)

    def change(record: BoardRecord, schedule: ScheduleRecord) -> board_edit.Layout:
        dates = shoot_dates(schedule.calendar, len(record.days) + 1)
        return board_edit.add_day(record, at, dates, wanted)

    return _edit(db, slug, board_id, change, expected_version=expected_version, actor=actor)


def remove_day(
    db: Database,
    slug: str,
    board_id: int,
    day: int,
    *,
    expected_version: int,
    actor: User | None,
) -> BoardRecord:
    """Remove a shoot day; its strips go back to the unscheduled ones."""

    def change(record: BoardRecord, schedule: ScheduleRecord) -> board_edit.Layout:
        dates = shoot_dates(schedule.calendar, max(1, len(record.days) - 1))
        return board_edit.remove_day(record, day, dates)

    return _edit(db, slug, board_id, change, expected_version=expected_version, actor=actor)


def strip_scene(record: BoardRecord, label: str) -> int:
    """The scene id of the strip labelled ``label`` on a board."""
    for strip in record.strips():
        if strip.label.upper() == label.strip().upper():
            return strip.scene_id
    raise NotFound(t("no scene '{label}' on this board", label=label), hint=t("Reload the board"))
