# SPDX-License-Identifier: AGPL-3.0-or-later
"""Stored backward plans: made from the template of the production's kind with the shoot
dates of its main board, slipped (successors pushed, contractual dates at risk), edited
with versions, read by the crew and edited by the production manager only."""

from __future__ import annotations

import datetime as dt

import pytest

from regie.core.errors import Conflict, NotFound, PermissionDenied, StaleEdit, ValidationError
from regie.core.production import ProductionKind
from regie.office.planning.cpm import RiskKind
from regie.schedule.people import PersonFields
from regie.services import boards, people, plans, productions
from regie.services.database import Database
from tests.services.conftest import Office
from tests.services.test_boards_world import MONDAY, World, plan_world

DELIVERY = dt.date(2027, 9, 30)


@pytest.fixture
def world(database: Database, imported: Office) -> World:
    found = plan_world(database, imported)
    boards.create_board(database, found.slug, 1, actor=None, name="Ordre du scénario")
    return found


def test_a_plan_takes_the_kind_and_the_shoot_dates_of_the_main_board(
    database: Database, world: World
) -> None:
    board = boards.list_boards(database, world.slug, 1, actor=None)[0]
    worked = [day.date for day in board.days if day.strips]
    made = plans.create_plan(database, world.slug, actor=world.office.manager, delivery=DELIVERY)
    plan = made.stored.plan
    assert made.stored.name == "La Clef du Quai"
    assert plan.kind is ProductionKind.FEATURE_FILM
    assert plan.template == "retroplanning-templates@2026.1:feature_film"
    assert (plan.shoot_start, plan.shoot_end) == (min(worked), max(worked))
    assert plan.shoot_start == MONDAY
    shoot = made.schedule.of("shoot")
    assert shoot.start == MONDAY
    assert shoot.finish == max(worked)
    assert shoot.duration == len(worked)  # two weekdays
    assert "minors" not in {t.id for t in plan.tasks}  # nobody on the board is a minor
    # The start is kept at creation: the latest day that still holds every date.
    assert plan.start == made.schedule.start == made.schedule.latest_start
    assert made.schedule.at_risk == ()
    assert made.post.units[0].contractual == DELIVERY
    assert made.schedule.of("delivery").task.deadline == DELIVERY
    listed = plans.list_plans(database, world.slug, actor=world.office.crew)
    assert [(p.id, p.name) for p in listed] == [(made.id, "La Clef du Quai")]
    again = plans.get_plan(database, world.slug, made.id, actor=world.office.crew)
    assert again.schedule.tasks == made.schedule.tasks  # recomputed, the same dates


def test_given_shoot_dates_and_names(database: Database, world: World) -> None:
    first = plans.create_plan(database, world.slug, actor=None, delivery=DELIVERY)
    second = plans.create_plan(
        database,
        world.slug,
        actor=None,
        delivery=DELIVERY,
        kind=ProductionKind.DOCUMENTARY,
        shoot_start=dt.date(2027, 4, 5),
        shoot_end=dt.date(2027, 4, 16),
    )
    assert second.stored.name == "La Clef du Quai (2)"
    assert second.schedule.of("shoot").start == dt.date(2027, 4, 5)
    assert second.schedule.of("shoot").duration == 10
    assert second.stored.plan.kind is ProductionKind.DOCUMENTARY
    with pytest.raises(ValidationError, match="name"):
        plans.create_plan(database, world.slug, actor=None, delivery=DELIVERY, name="  ")
    with pytest.raises(Conflict, match="already named"):
        plans.create_plan(
            database, world.slug, actor=None, delivery=DELIVERY, name=first.stored.name
        )


def test_a_minor_on_the_board_adds_the_authorisation(database: Database, world: World) -> None:
    person = world.helene.person
    people.update_person(
        database,
        world.slug,
        person.id,
        PersonFields(person.full_name, dt.date(2015, 6, 1)),
        person.version,
        actor=None,
    )
    found = plans.shoot_dates(database, world.slug, actor=None)
    assert found is not None
    assert found.minors
    made = plans.create_plan(database, world.slug, actor=None, delivery=DELIVERY)
    minors = made.schedule.of("minors")
    assert minors.finish < made.schedule.of("shoot").start
    assert "secondary" in minors.task.note


def test_a_slip_pushes_the_successors_and_puts_the_delivery_at_risk(
    database: Database, world: World
) -> None:
    made = plans.create_plan(database, world.slug, actor=None, delivery=DELIVERY)
    margin = made.schedule.of("delivery").total_float
    assert margin > 0
    slipped = plans.slip_task(
        database,
        world.slug,
        made.id,
        made.version,
        "edit",
        actor=world.office.manager,
        days=margin + 5,
    )
    assert slipped.version == made.version + 1
    before = {s.task.id: s for s in made.schedule.tasks}
    after = {s.task.id: s for s in slipped.schedule.tasks}
    assert after["edit"].duration == before["edit"].duration + margin + 5
    assert after["edit"].start == before["edit"].start
    for pushed in ("picture_lock", "vfx", "grading", "qc", "delivery"):
        assert after[pushed].finish > before[pushed].finish, pushed
    assert after["shoot"].start == before["shoot"].start  # predecessors stay
    risks = {(r.task, r.kind): r for r in slipped.schedule.at_risk}
    late = risks["delivery", RiskKind.CONTRACTUAL]
    assert late.due == DELIVERY
    assert late.working_days_late == 5
    assert slipped.post.units[0].late
    # Stored: a fresh read gives the same risks.
    read = plans.get_plan(database, world.slug, made.id, actor=None)
    assert read.schedule.at_risk == slipped.schedule.at_risk
    assert [(p.task, p.duration) for p in read.stored.plan.progress] == [
        ("edit", before["edit"].duration + margin + 5)
    ]
    # Actual dates, then forgetting what was recorded.
    dated = plans.slip_task(
        database, world.slug, made.id, read.version, "assembly", actor=None,
        actual_start=dt.date(2027, 3, 3), actual_finish=dt.date(2027, 4, 2),
    )  # fmt: skip
    assert dated.schedule.of("assembly").status.value == "done"
    cleared = plans.clear_progress(database, world.slug, made.id, dated.version, "edit", actor=None)
    assert [p.task for p in cleared.stored.plan.progress] == ["assembly"]
    assert cleared.schedule.of("edit").duration == before["edit"].duration
    assert cleared.schedule.at_risk == ()  # the assembly finished early: margin regained


def test_an_edit_on_an_old_version_is_refused(database: Database, world: World) -> None:
    made = plans.create_plan(database, world.slug, actor=None, delivery=DELIVERY)
    plans.slip_task(database, world.slug, made.id, made.version, "edit", actor=None, days=3)
    with pytest.raises(StaleEdit):
        plans.slip_task(database, world.slug, made.id, made.version, "vfx", actor=None, days=2)
    with pytest.raises(StaleEdit):
        plans.delete_plan(database, world.slug, made.id, made.version, actor=None)
    stored = plans.get_plan(database, world.slug, made.id, actor=None)
    assert [p.task for p in stored.stored.plan.progress] == ["edit"]
    plans.delete_plan(database, world.slug, made.id, stored.version, actor=None)
    with pytest.raises(NotFound):
        plans.get_plan(database, world.slug, made.id, actor=None)


def test_bad_slips_are_refused_and_change_nothing(database: Database, world: World) -> None:
    made = plans.create_plan(database, world.slug, actor=None, delivery=DELIVERY)
    with pytest.raises(ValidationError, match="nothing to record"):
        plans.slip_task(database, world.slug, made.id, made.version, "edit", actor=None)
    with pytest.raises(ValidationError, match="no task 'montage'"):
        plans.slip_task(database, world.slug, made.id, made.version, "montage", actor=None, days=2)
    with pytest.raises(ValidationError, match="would last"):
        plans.slip_task(database, world.slug, made.id, made.version, "edit", actor=None, days=-80)
    assert plans.get_plan(database, world.slug, made.id, actor=None).version == made.version


def test_the_crew_reads_and_the_production_manager_edits(database: Database, world: World) -> None:
    office = world.office
    made = plans.create_plan(database, world.slug, actor=office.manager, delivery=DELIVERY)
    assert plans.get_plan(database, world.slug, made.id, actor=office.accountant).id == made.id
    with pytest.raises(PermissionDenied):
        plans.create_plan(database, world.slug, actor=office.crew, delivery=DELIVERY)
    with pytest.raises(PermissionDenied):
        plans.slip_task(
            database, world.slug, made.id, made.version, "edit", actor=office.crew, days=1
        )
    with pytest.raises(PermissionDenied):
        plans.delete_plan(database, world.slug, made.id, made.version, actor=office.crew)
    with pytest.raises(PermissionDenied):
        plans.list_plans(database, world.slug, actor=office.guest)
    with pytest.raises(NotFound):
        plans.get_plan(database, world.slug, made.id, actor=office.outsider)


def test_a_plan_of_another_production_is_not_found(database: Database, world: World) -> None:
    made = plans.create_plan(database, world.slug, actor=None, delivery=DELIVERY)
    other = productions.create_production(
        database, "Autre", "documentary", owner=world.office.producer
    )
    with pytest.raises(NotFound):
        plans.get_plan(database, other.slug, made.id, actor=world.office.producer)
