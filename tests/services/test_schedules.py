# SPDX-License-Identifier: AGPL-3.0-or-later
"""Schedule versions: creation from the script at the production's pace, settings, days
off, per-scene plans, precedences and same-day groups."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from regie.core.errors import NotFound, PermissionDenied, StaleEdit, ValidationError
from regie.core.production import ProductionKind
from regie.schedule.model import Weights
from regie.services import boards, productions, schedule_constraints, schedules, scripts
from regie.services.database import Database
from regie.services.demo import FIRST_SCRIPT, demo_script
from tests.services.conftest import Office

MONDAY = dt.date(2027, 3, 1)


def test_a_schedule_starts_from_the_current_script(database: Database, imported: Office) -> None:
    record = schedules.create_schedule(
        database, imported.slug, actor=imported.manager, start=MONDAY
    )
    assert (record.number, record.script_number, record.name) == (1, 1, "Plan de travail 1")
    # A feature film's customary pace is 2 to 5 pages a day: 3.5 by default.
    assert record.settings.pages_per_day == Decimal("3.50")
    assert record.settings.day_count == 1  # 6/8 of a page
    assert (record.settings.unit_call, record.settings.night_call) == (
        dt.time(8, 0),
        dt.time(18, 0),
    )
    second = schedules.create_schedule(
        database,
        imported.slug,
        actor=None,
        start=MONDAY,
        name="Version courte",
        pages_per_day=Decimal("5"),
        day_count=3,
        days_per_week=6,
    )
    assert (second.number, second.settings.day_count, second.settings.days_per_week) == (2, 3, 6)
    listed = schedules.list_schedules(database, imported.slug, actor=imported.crew)
    assert [s.name for s in listed] == ["Plan de travail 1", "Version courte"]
    with pytest.raises(PermissionDenied, match="see the schedule"):
        schedules.get_schedule(database, imported.slug, 1, actor=imported.guest)
    with pytest.raises(PermissionDenied, match="edit the schedule"):
        schedules.create_schedule(database, imported.slug, actor=imported.crew, start=MONDAY)
    with pytest.raises(NotFound, match="no schedule version 3"):
        schedules.get_schedule(database, imported.slug, 3, actor=None)


def test_the_demo_script_at_a_tv_pace(database: Database, office: Office) -> None:
    productions.update_production(
        database, office.slug, office.production.version, actor=None, kind=ProductionKind.TV_FICTION
    )
    scripts.import_script(
        database, office.slug, FIRST_SCRIPT, demo_script(FIRST_SCRIPT), actor=None
    )
    record = schedules.create_schedule(database, office.slug, actor=None, start=MONDAY)
    # TV fiction: 5 to 10 pages a day → 7.5; 101 eighths (12.6 pages) → 2 days.
    assert (record.settings.pages_per_day, record.settings.day_count) == (Decimal("7.50"), 2)
    plans = schedules.scene_plans(database, office.slug, 1, actor=None)
    assert len(plans) == 19
    assert all(p.version == 0 for p in plans)


def test_no_schedule_without_a_script_or_a_pace(database: Database, office: Office) -> None:
    with pytest.raises(NotFound, match="no script has been imported"):
        schedules.create_schedule(database, office.slug, actor=None, start=MONDAY)
    productions.update_production(
        database, office.slug, office.production.version, actor=None, kind="documentary"
    )
    scripts.import_script(
        database, office.slug, "clef.fountain", b"INT. CUISINE - JOUR\n\nx\n", actor=None
    )
    with pytest.raises(ValidationError, match="no customary pace in pages a day for a documentary"):
        schedules.create_schedule(database, office.slug, actor=None, start=MONDAY)
    made = schedules.create_schedule(
        database, office.slug, actor=None, start=MONDAY, pages_per_day=Decimal("2")
    )
    assert made.settings.pages_per_day == Decimal("2")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"days_per_week": 7}, "5 or 6 days, not 7"),
        ({"day_count": 0}, "day_count must be between 1 and 400"),
        ({"day_minutes": 30}, "day_minutes must be between 60 and 1440"),
        ({"pages_per_day": Decimal("0")}, "pace must be more than 0"),
        ({"pages_per_day": Decimal("3.333")}, "in hundredths"),
        ({"name": ""}, "name must have 1 to 200"),
        ({"weights": Weights(company_move=Decimal("-1"))}, "not an amount"),
    ],
)
def test_bad_settings_are_refused(
    database: Database, imported: Office, changes: dict[str, object], message: str
) -> None:
    record = schedules.create_schedule(database, imported.slug, actor=None, start=MONDAY)
    bad = dataclasses.replace(record.settings, **changes)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=message):
        schedules.update_schedule(database, imported.slug, 1, bad, record.version, actor=None)
    assert schedules.get_schedule(database, imported.slug, 1, actor=None) == record


def test_calendar_changes_move_the_boards(database: Database, imported: Office) -> None:
    slug = imported.slug
    record = schedules.create_schedule(database, slug, actor=None, start=MONDAY, day_count=3)
    board = boards.create_board(database, slug, 1, actor=None)
    assert [d.date for d in board.days] == [
        MONDAY,
        MONDAY + dt.timedelta(1),
        MONDAY + dt.timedelta(2),
    ]
    later = dataclasses.replace(record.settings, start=dt.date(2027, 3, 4), name="Décalé")
    moved = schedules.update_schedule(
        database, slug, 1, later, record.version, actor=imported.manager
    )
    assert moved.version == record.version + 1
    with pytest.raises(StaleEdit, match="schedule version 1"):
        schedules.update_schedule(database, slug, 1, later, record.version, actor=None)
    # Thursday 4, Friday 5, then Monday 8 March.
    again = boards.get_board(database, slug, board.id, actor=None)
    assert [d.date for d in again.days] == [
        dt.date(2027, 3, 4),
        dt.date(2027, 3, 5),
        dt.date(2027, 3, 8),
    ]
    assert again.version == board.version + 1
    off = schedules.set_days_off(
        database, slug, 1, [dt.date(2027, 3, 5)], moved.version, actor=None
    )
    assert off.days_off == frozenset({dt.date(2027, 3, 5)})
    assert [d.date for d in boards.get_board(database, slug, board.id, actor=None).days] == [
        dt.date(2027, 3, 4), dt.date(2027, 3, 8), dt.date(2027, 3, 9),
    ]  # fmt: skip
    with pytest.raises(StaleEdit):
        schedules.set_days_off(database, slug, 1, [], moved.version, actor=None)


def test_scene_plans(database: Database, imported: Office) -> None:
    slug = imported.slug
    schedules.create_schedule(database, slug, actor=None, start=MONDAY)
    plan = schedules.set_scene_plan(
        database, slug, 1, "2", actor=imported.manager, minutes=90, fixed_date=dt.date(2027, 3, 3)
    )
    assert (plan.label, plan.minutes, plan.fixed_date, plan.version) == (
        "2", 90, dt.date(2027, 3, 3), 1,
    )  # fmt: skip
    with pytest.raises(StaleEdit, match="the plan of scene 2"):
        schedules.set_scene_plan(database, slug, 1, "2", actor=None, minutes=60)
    changed = schedules.set_scene_plan(
        database, slug, 1, "2", actor=None, expected_version=1, needs_day=True
    )
    assert (changed.minutes, changed.needs_day, changed.version) == (None, True, 2)
    listed = schedules.scene_plans(database, slug, 1, actor=imported.crew)
    assert [(p.label, p.version) for p in listed] == [("1", 0), ("2", 2), ("3", 0)]
    with pytest.raises(ValidationError, match=r"before the shoot starts .2027-03-01."):
        schedules.set_scene_plan(
            database, slug, 1, "1", actor=None, fixed_date=dt.date(2027, 2, 26)
        )
    with pytest.raises(ValidationError, match="2027-03-06 is not a shoot day"):
        schedules.set_scene_plan(database, slug, 1, "1", actor=None, fixed_date=dt.date(2027, 3, 6))
    with pytest.raises(ValidationError, match="both a night day and daylight"):
        schedules.set_scene_plan(
            database, slug, 1, "1", actor=None, needs_day=True, needs_night=True
        )
    with pytest.raises(ValidationError, match="1 to 1440 minutes"):
        schedules.set_scene_plan(database, slug, 1, "1", actor=None, minutes=0)
    with pytest.raises(NotFound, match="no scene '9' in version 1 of the script"):
        schedules.set_scene_plan(database, slug, 1, "9", actor=None, minutes=10)


def test_precedences_and_same_day_groups(database: Database, imported: Office) -> None:
    slug = imported.slug
    schedules.create_schedule(database, slug, actor=None, start=MONDAY)
    assert schedule_constraints.add_precedence(database, slug, 1, "1", "2", actor=None) == [
        ("1", "2")
    ]
    schedule_constraints.add_precedence(database, slug, 1, "2", "3", actor=None)
    with pytest.raises(ValidationError, match="scene 1 must already be shot before scene 3"):
        schedule_constraints.add_precedence(database, slug, 1, "3", "1", actor=None)
    with pytest.raises(ValidationError, match="before itself"):
        schedule_constraints.add_precedence(database, slug, 1, "2", "2", actor=None)
    assert schedule_constraints.remove_precedence(database, slug, 1, "1", "2", actor=None) == [
        ("2", "3")
    ]
    assert schedule_constraints.precedences(database, slug, 1, actor=imported.crew) == [("2", "3")]
    assert schedule_constraints.set_same_day(database, slug, 1, ["1", "3"], actor=None) == [
        ("1", "3")
    ]
    merged = schedule_constraints.set_same_day(database, slug, 1, ["3", "2"], actor=None)
    assert merged == [("1", "2", "3")]
    assert schedule_constraints.remove_from_same_day(database, slug, 1, "2", actor=None) == [
        ("1", "3")
    ]
    assert schedule_constraints.remove_from_same_day(database, slug, 1, "1", actor=None) == []
    with pytest.raises(ValidationError, match="at least two scenes"):
        schedule_constraints.set_same_day(database, slug, 1, ["1", "1"], actor=None)
    with pytest.raises(PermissionDenied):
        schedule_constraints.add_precedence(database, slug, 1, "1", "2", actor=imported.accountant)
