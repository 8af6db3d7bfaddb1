# SPDX-License-Identifier: AGPL-3.0-or-later
"""Day plans of a stored board and their working-time check (IDCC 3097: the sample
production is a feature film).

The packed board of the planned world: Monday 1 March 2027, scene 1 (300 min) from the
08:00 unit call to 13:00, no meal stop (the day ends before 14:00); Tuesday night, scene
2 (400 min) from 18:00, cut by the meal stop at midnight (six hours after the call, no
scene break in the window), then scene 3 (45 min, same place) until 02:25.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from regie.core.calendar import PARIS
from regie.core.errors import PermissionDenied
from regie.schedule.people import PersonFields
from regie.schedule.worktime import PremiumKind, Severity
from regie.services import boards, dayplans, people, schedules
from regie.services.database import Database
from tests.services.conftest import Office
from tests.services.test_boards_world import MONDAY, World, plan_world

TUESDAY, WEDNESDAY = MONDAY + dt.timedelta(days=1), MONDAY + dt.timedelta(days=2)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


@pytest.fixture
def world(database: Database, imported: Office) -> World:
    return plan_world(database, imported)


def test_day_plans_of_a_board(database: Database, world: World) -> None:
    board = boards.create_board(database, world.slug, 1, actor=None)
    plans = dayplans.day_plans(database, world.slug, board.id, actor=world.office.crew)
    assert [(u.call, u.end) for u in plans.unit] == [
        (at(MONDAY, 8), at(MONDAY, 14)),  # 5 h of shooting and the meal stop at 12:00
        (at(TUESDAY, 18), at(WEDNESDAY, 2, 25)),
    ]
    times = {p.engagement.name: [(d.call, d.wrap, d.meal) for d in p.days] for p in plans.people}
    noon, midnight = (at(MONDAY, 12), at(MONDAY, 13)), (at(WEDNESDAY, 0), at(WEDNESDAY, 1))
    assert times == {
        # Cast: called 60 min before their first scene, released 15 min after their last.
        "Hélène Marchal": [
            (at(MONDAY, 7), at(MONDAY, 14, 15), noon),
            (at(TUESDAY, 17), at(WEDNESDAY, 1, 55), midnight),  # scene 2 ends at 01:40
        ],
        "Marc Lenoir": [
            (at(MONDAY, 7), at(MONDAY, 14, 15), noon),
            (at(TUESDAY, 17), at(WEDNESDAY, 2, 40), midnight),
        ],
        # The electrician: 30 min before the unit call, 45 min after the end of shooting.
        "Paul Ortiz": [
            (at(MONDAY, 7, 30), at(MONDAY, 14, 45), noon),
            (at(TUESDAY, 17, 30), at(WEDNESDAY, 3, 10), midnight),
        ],
    }
    assert plans.pack.startswith("day-plan@")
    assert all(p.engagement.person.personal is None for p in plans.people)  # crew's view


def test_the_schedule_calls_are_used(database: Database, world: World) -> None:
    record = schedules.get_schedule(database, world.slug, 1, actor=None)
    later = dataclasses.replace(record.settings, unit_call=dt.time(9, 30))
    schedules.update_schedule(database, world.slug, 1, later, record.version, actor=None)
    board = boards.create_board(database, world.slug, 1, actor=None)
    plans = dayplans.day_plans(database, world.slug, board.id, actor=None)
    assert plans.unit[0].call == at(MONDAY, 9, 30)


def test_working_time_of_a_board(database: Database, world: World) -> None:
    board = boards.create_board(database, world.slug, 1, actor=None)
    checked = dayplans.working_time(database, world.slug, board.id, actor=world.office.accountant)
    assert [p.split("@")[0] for p in checked.packs] == [
        "day-plan", "worktime-idcc3097", "minors-worktime",
    ]  # fmt: skip
    issues = {(i.rule.rule_id, i.severity): i for i in checked.issues}
    # Tuesday night: called at 17:00 (17:30), the meal stop at midnight comes after more
    # than six hours of work. Monday's meal stop at noon keeps everyone under six.
    pause = issues["worktime-idcc3097:breaks.pause", Severity.WARNING]
    assert pause.people == ("Hélène Marchal", "Marc Lenoir", "Paul Ortiz")
    assert TUESDAY in pause.dates
    assert MONDAY not in pause.dates
    assert pause.rule.source  # each rule cites where it comes from
    assert pause.rule.article
    night = issues["worktime-idcc3097:night.windows", Severity.INFO]
    assert night.dates == (TUESDAY,)
    # The cinema agreement's premiums cover the crew: the electrician's night hours.
    gaffer = next(w for w in checked.workers if w.engagement.id == world.gaffer.id)
    assert {line.kind for line in gaffer.premiums} >= {PremiumKind.NIGHT}
    assert all(line.worker_id == str(world.gaffer.id) for line in gaffer.premiums)
    cast = [w for w in checked.workers if w.engagement.id != world.gaffer.id]
    assert all(w.premiums == () for w in cast)
    assert checked.premiums == gaffer.premiums


def test_a_minor_at_night_is_an_error(database: Database, world: World) -> None:
    person = world.helene.person
    people.update_person(
        database,
        world.slug,
        person.id,
        PersonFields("Hélène Marchal", dt.date(2014, 6, 1)),
        person.version,
        actor=None,
    )
    board = boards.create_board(database, world.slug, 1, actor=None)
    checked = dayplans.working_time(database, world.slug, board.id, actor=world.office.crew)
    errors = [i for i in checked.issues if i.severity is Severity.ERROR]
    assert errors
    assert all(i.people == ("Hélène Marchal",) for i in errors)
    assert any(i.rule.rule_id.startswith("minors-worktime:") for i in errors)
    helene = next(w for w in checked.workers if w.engagement.id == world.helene.id)
    assert helene.engagement.person.personal is None  # the crew member does not see her age


def test_who_may_see_day_plans(database: Database, world: World) -> None:
    board = boards.create_board(database, world.slug, 1, actor=None)
    with pytest.raises(PermissionDenied):
        dayplans.day_plans(database, world.slug, board.id, actor=world.office.guest)
    with pytest.raises(PermissionDenied):
        dayplans.working_time(database, world.slug, board.id, actor=world.office.guest)
