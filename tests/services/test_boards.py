# SPDX-License-Identifier: AGPL-3.0-or-later
"""Boards: the problem built from storage, packing, drag and drop with versions, locks,
days, evaluation, comparison of scenarios, DOOD and documents."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from regie.core.errors import Conflict, NotFound, PermissionDenied, StaleEdit, ValidationError
from regie.schedule.catalog import BoardRecord
from regie.schedule.dood import DoodCode
from regie.schedule.evaluate import ViolationKind
from regie.schedule.model import DayKind
from regie.services import (
    board_exports,
    board_reports,
    boards,
    people,
    problems,
    schedule_constraints,
    schedules,
)
from regie.services.database import Database
from tests.services.conftest import Office
from tests.services.test_boards_world import MONDAY, World, plan_world

TUESDAY = MONDAY + dt.timedelta(days=1)


@pytest.fixture
def world(database: Database, imported: Office) -> World:
    return plan_world(database, imported)


def _labels(board: BoardRecord) -> list[list[str]]:
    return [[s.label for s in day.strips] for day in board.days]


def test_the_problem_comes_from_storage(database: Database, world: World) -> None:
    slug = world.slug
    schedule_constraints.add_precedence(database, slug, 1, "1", "3", actor=None)
    schedule_constraints.set_same_day(database, slug, 1, ["2", "3"], actor=None)
    problem, keys = problems.build_problem(database, slug, 1, actor=world.office.crew)
    labels = {s.key: s.label for s in problem.strips}
    by_label = {s.label: s for s in problem.strips}
    helene, marc = str(world.helene.id), str(world.marc.id)
    # Cast from the breakdown, BOB counted as CYBER BOB, played by Marc.
    assert set(by_label["1"].cast) == {helene, marc}
    assert set(by_label["2"].cast) == {helene, marc}
    assert by_label["3"].cast == (marc,)
    assert keys.uncast == {}
    assert [by_label[x].location for x in "123"] == [
        str(world.house),
        str(world.port),
        str(world.port),
    ]
    assert keys.unlocated == ()
    assert [by_label[x].minutes for x in "123"] == [300, 400, 45]  # 2/8 at 3.5 pages a day → 45
    assert (by_label["2"].needs_night, by_label["1"].needs_day) == (True, False)
    assert problem.travel(str(world.house), str(world.port)) == 20
    assert problem.dates == (MONDAY, TUESDAY)
    assert [(labels[b], labels[a]) for b, a in problem.precedences] == [("1", "3")]
    assert [tuple(labels[k] for k in g) for g in problem.same_day] == [("2", "3")]
    assert {keys.scenes[s.key] for s in problem.strips} == {int(s.key) for s in problem.strips}
    assert keys.cast == {helene: world.helene.id, marc: world.marc.id}
    assert {c.name: c.daily_cost for c in problem.cast} == {
        "Hélène Marchal": Decimal("900"),
        "Marc Lenoir": Decimal("1200"),
    }


def test_uncast_characters_and_unmapped_sets_are_reported(database: Database, world: World) -> None:
    people.remove_engagement(database, world.slug, world.marc.id, world.marc.version, actor=None)
    from regie.services import locations

    locations.map_set(database, world.slug, "BUREAU DU PORT", None, actor=None)
    problem, keys = problems.build_problem(database, world.slug, 1, actor=None)
    key_of = {s.label: s.key for s in problem.strips}
    assert keys.uncast == {
        key_of["1"]: ("CYBER BOB",),
        key_of["2"]: ("CYBER BOB",),
        key_of["3"]: ("CYBER BOB",),
    }
    assert keys.unlocated == (key_of["3"],)


def test_birth_dates_stay_private_in_the_problem(database: Database, world: World) -> None:
    from regie.schedule.people import PersonFields

    person = people.get_engagement(database, world.slug, world.helene.id, actor=None).person
    people.update_person(
        database,
        world.slug,
        person.id,
        PersonFields("Hélène Marchal", dt.date(2012, 5, 1)),
        person.version,
        actor=None,
    )
    seen = {
        c.name: c.birth_date
        for c in problems.build_problem(database, world.slug, 1, actor=world.office.accountant)[
            0
        ].cast
    }
    assert seen["Hélène Marchal"] == dt.date(2012, 5, 1)
    hidden = {
        c.name: c.birth_date
        for c in problems.build_problem(database, world.slug, 1, actor=world.office.crew)[0].cast
    }
    assert hidden["Hélène Marchal"] is None
    # The evaluation still knows she is a minor: a night day is refused for her.
    board = boards.create_board(database, world.slug, 1, actor=None)
    evaluation = board_reports.evaluate_board(
        database, world.slug, board.id, actor=world.office.crew
    )
    assert ViolationKind.MINOR_AT_NIGHT in {v.kind for v in evaluation.violations}


def test_a_new_board_packs_the_script_order(database: Database, world: World) -> None:
    board = boards.create_board(database, world.slug, 1, actor=world.office.manager)
    # Day 1 takes scene 1 (300 min); scene 2 (400 min + 20 min of travel) does not fit,
    # so it opens day 2, a night day; scene 3 (45 min, same place) joins it.
    assert _labels(board) == [["1"], ["2", "3"]]
    assert [d.kind for d in board.days] == [DayKind.DAY, DayKind.NIGHT]
    assert [d.date for d in board.days] == [MONDAY, TUESDAY]
    assert (board.name, board.primary, board.unscheduled) == ("Scénario 1", True, ())
    evaluation = board_reports.evaluate_board(database, world.slug, board.id, actor=None)
    assert evaluation.feasible
    assert (evaluation.cost.switches, evaluation.cost.company_moves, evaluation.cost.total) == (
        1, 0, Decimal(1000),
    )  # fmt: skip


def test_a_board_without_enough_days_leaves_scenes_unscheduled(
    database: Database, world: World
) -> None:
    record = schedules.get_schedule(database, world.slug, 1, actor=None)
    import dataclasses

    one_day = dataclasses.replace(record.settings, day_count=1)
    schedules.update_schedule(database, world.slug, 1, one_day, record.version, actor=None)
    board = boards.create_board(database, world.slug, 1, actor=None, name="Serré")
    assert _labels(board) == [["1"]]
    assert [s.label for s in board.unscheduled] == ["2", "3"]
    evaluation = board_reports.evaluate_board(database, world.slug, board.id, actor=None)
    assert [v.kind for v in evaluation.violations].count(ViolationKind.NOT_SCHEDULED) == 2


def test_drag_and_drop_with_versions(database: Database, world: World) -> None:
    slug = world.slug
    board = boards.create_board(database, slug, 1, actor=None)
    three = boards.strip_scene(board, "3")
    moved = boards.move_strip(
        database,
        slug,
        board.id,
        three,
        day=0,
        position=0,
        expected_version=board.version,
        actor=world.office.manager,
    )
    assert _labels(moved) == [["3", "1"], ["2"]]
    assert moved.version == board.version + 1
    with pytest.raises(StaleEdit, match="board 'Scénario 1'"):
        boards.move_strip(
            database,
            slug,
            board.id,
            three,
            day=1,
            position=5,
            expected_version=board.version,
            actor=None,
        )
    evaluation = board_reports.evaluate_board(database, slug, board.id, actor=None)
    # Port → house on day 1 is a company move, and day 2 goes back to the port.
    assert (evaluation.cost.company_moves, evaluation.cost.revisits) == (1, 1)
    back = boards.move_strip(
        database,
        slug,
        board.id,
        three,
        day=1,
        position=99,
        expected_version=moved.version,
        actor=None,
    )
    assert _labels(back) == [["1"], ["2", "3"]]
    pooled = boards.move_strip(
        database,
        slug,
        board.id,
        three,
        day=None,
        position=0,
        expected_version=back.version,
        actor=None,
    )
    assert [s.label for s in pooled.unscheduled] == ["3"]
    with pytest.raises(ValidationError, match="days 1 to 2, not day 3"):
        boards.move_strip(
            database,
            slug,
            board.id,
            three,
            day=2,
            position=0,
            expected_version=pooled.version,
            actor=None,
        )
    with pytest.raises(NotFound, match="not on this board"):
        boards.move_strip(
            database,
            slug,
            board.id,
            999_999,
            day=0,
            position=0,
            expected_version=pooled.version,
            actor=None,
        )
    with pytest.raises(PermissionDenied):
        boards.move_strip(
            database,
            slug,
            board.id,
            three,
            day=0,
            position=0,
            expected_version=pooled.version,
            actor=world.office.crew,
        )
    assert boards.get_board(database, slug, board.id, actor=None) == pooled


def test_locks_and_days(database: Database, world: World) -> None:
    slug = world.slug
    board = boards.create_board(database, slug, 1, actor=None)
    one = boards.strip_scene(board, "1")
    locked = boards.lock_strips(
        database, slug, board.id, [one], locked=True, expected_version=board.version, actor=None
    )
    assert locked.days[0].strips[0].locked
    assert locked.board().locked == frozenset({str(one)})
    with pytest.raises(Conflict, match="scene 1 is locked"):
        boards.move_strip(
            database,
            slug,
            board.id,
            one,
            day=1,
            position=0,
            expected_version=locked.version,
            actor=None,
        )
    with pytest.raises(Conflict, match=r"day 1 holds locked scenes .1."):
        boards.remove_day(database, slug, board.id, 0, expected_version=locked.version, actor=None)
    added = boards.add_day(
        database, slug, board.id, at=0, expected_version=locked.version, actor=None
    )
    assert _labels(added) == [[], ["1"], ["2", "3"]]
    assert [d.date for d in added.days] == [MONDAY, TUESDAY, dt.date(2027, 3, 3)]
    night = boards.set_day_kind(
        database, slug, board.id, 0, "night", expected_version=added.version, actor=None
    )
    assert night.days[0].kind is DayKind.NIGHT
    with pytest.raises(ValidationError, match="a day or a night day, not 'dusk'"):
        boards.set_day_kind(
            database, slug, board.id, 0, "dusk", expected_version=night.version, actor=None
        )
    removed = boards.remove_day(
        database, slug, board.id, 2, expected_version=night.version, actor=None
    )
    assert _labels(removed) == [[], ["1"]]
    assert [s.label for s in removed.unscheduled] == ["2", "3"]
    unlocked = boards.lock_strips(
        database, slug, board.id, [one], locked=False, expected_version=removed.version, actor=None
    )
    assert not unlocked.days[1].strips[0].locked
    with pytest.raises(ValidationError, match="not on a day"):
        boards.lock_strips(
            database, slug, board.id, [boards.strip_scene(unlocked, "2")], locked=True,
            expected_version=unlocked.version, actor=None,
        )  # fmt: skip


def test_scenarios_are_compared(database: Database, world: World) -> None:
    slug = world.slug
    first = boards.create_board(database, slug, 1, actor=None)
    other = boards.duplicate_board(database, slug, first.id, "Port d'abord", actor=None)
    assert (other.primary, _labels(other)) == (False, _labels(first))
    three = boards.strip_scene(other, "3")
    boards.move_strip(
        database,
        slug,
        other.id,
        three,
        day=0,
        position=0,
        expected_version=other.version,
        actor=None,
    )
    compared = board_reports.compare_boards(database, slug, 1, actor=world.office.accountant)
    assert [(c.board.name, c.total) for c in compared] == [
        ("Scénario 1", Decimal(1000)),
        ("Port d'abord", Decimal(1000 + 1500 + 800)),
    ]
    with pytest.raises(Conflict, match="already has a board named"):
        boards.duplicate_board(database, slug, first.id, "Port d'abord", actor=None)
    primary = boards.make_primary(database, slug, other.id, other.version + 1, actor=None)
    assert primary.version == other.version + 2  # the move, then this edit
    assert primary.primary
    assert not boards.get_board(database, slug, first.id, actor=None).primary
    with pytest.raises(ValidationError, match="primary board cannot be deleted"):
        boards.delete_board(database, slug, other.id, primary.version, actor=None)
    renamed = boards.rename_board(database, slug, first.id, "Ancien", first.version + 1, actor=None)
    boards.delete_board(database, slug, first.id, renamed.version, actor=None)
    assert [b.name for b in boards.list_boards(database, slug, 1, actor=None)] == ["Port d'abord"]


def test_dood_of_a_board(database: Database, world: World) -> None:
    board = boards.create_board(database, world.slug, 1, actor=None)
    rows = board_reports.dood(database, world.slug, board.id, actor=world.office.crew)
    assert {r.name: r.codes for r in rows} == {
        "Hélène Marchal": (DoodCode.START, DoodCode.FINISH),
        "Marc Lenoir": (DoodCode.START, DoodCode.FINISH),
    }


def test_documents_of_a_board(database: Database, world: World) -> None:
    board = boards.create_board(database, world.slug, 1, actor=None)
    slug, actor = world.slug, world.office.crew
    assert board_exports.dood_xlsx(database, slug, board.id, actor=actor)[:2] == b"PK"
    assert board_exports.schedule_pdf(database, slug, board.id, actor=actor).startswith(b"%PDF")
    calendar = board_exports.shoot_days_ics(
        database,
        slug,
        board.id,
        actor=actor,
        uid_domain="clef.example",
        dtstamp=dt.datetime(2027, 2, 1, 9, 0, tzinfo=dt.UTC),
    ).decode()
    assert calendar.count("BEGIN:VEVENT") == 2
    assert "DTSTART;TZID=Europe/Paris:20270302T180000" in calendar  # the night call
    with pytest.raises(PermissionDenied):
        board_exports.dood_pdf(database, slug, board.id, actor=world.office.guest)


def test_a_board_file_becomes_a_scenario_and_a_bad_one_stores_nothing(
    database: Database, world: World
) -> None:
    from regie.core.errors import ParseError
    from regie.formats.board_file import read_board_file

    first = boards.create_board(database, world.slug, 1, actor=None)
    good = read_board_file(b"jour;sequence;verrouillee;type\n2;3;oui;nuit\n2;2;;\n", "p.csv")
    made = boards.import_board(database, world.slug, 1, good, actor=None, name="Du tableur")
    assert (made.name, made.primary) == ("Du tableur", False)
    assert _labels(made) == [[], ["3", "2"]]
    assert [d.kind for d in made.days] == [DayKind.DAY, DayKind.NIGHT]
    assert [s.label for s in made.days[1].strips if s.locked] == ["3"]
    assert [s.label for s in made.unscheduled] == ["1"]  # what the file leaves out
    bad = read_board_file(b"day;scene\n1;1\n2;1\n", "p.csv")
    with pytest.raises(ParseError, match="placed twice"):
        boards.import_board(database, world.slug, 1, bad, actor=None)
    with pytest.raises(PermissionDenied):
        boards.import_board(database, world.slug, 1, good, actor=world.office.crew)
    kept = boards.list_boards(database, world.slug, 1, actor=None)
    assert [b.id for b in kept] == [first.id, made.id]
