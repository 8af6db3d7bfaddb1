# SPDX-License-Identifier: AGPL-3.0-or-later
"""The schedule's tables and repositories: exact values, constraints the database itself
enforces, board layouts, concurrent edits, and what goes with a deleted production."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from regie.core.errors import StaleEdit
from regie.schedule.catalog import BoardDay, BoardStrip, LocationFields, ScheduleSettings
from regie.schedule.model import DayKind
from regie.schedule.people import Department, EngagementFields, EngagementKind, PersonFields
from regie.storage.db import Database
from regie.storage.repos import (
    availability,
    boards,
    jobs,
    locations,
    people,
    productions,
    scenes,
    schedules,
)
from regie.storage.tables import (
    BoardDayRow,
    EngagementRow,
    LocationRow,
    PersonRow,
    ScheduleRow,
    TravelTimeRow,
    UnavailabilityRow,
)
from tests.storage.factory import add_production, make_scene, make_screenplay, store_screenplay

MONDAY = dt.date(2027, 3, 1)
CREW = EngagementFields(
    kind=EngagementKind.CREW, position="Cheffe opératrice", department=Department.CAMERA,
    daily_cost=Decimal("1234.56"),
)  # fmt: skip


def _planned(db: Database, slug: str = "la-clef") -> tuple[int, int, list[int]]:
    """A production with a script of three scenes, a schedule, a location, a person
    engaged: (production id, schedule id, scene ids)."""
    screenplay = make_screenplay(
        make_scene(1, "INT. CUISINE - JOUR", [("BOB", "Oui.")]),
        make_scene(2, "EXT. QUAI - NUIT", [("ANNE", "Non.")]),
        make_scene(3, "EXT. QUAI - JOUR"),
    )
    with db.session() as session:
        production = add_production(session, slug)
        script_id = store_screenplay(session, production.id, screenplay)
        ids = [s.id for s in scenes.scenes_of(session, script_id)]
        record = schedules.insert_schedule(
            session, production.id, script_id,
            ScheduleSettings("PDT", MONDAY, day_count=2, pages_per_day=Decimal("3.5")),
        )  # fmt: skip
        place = locations.insert_location(
            session,
            production.id,
            LocationFields("Quai", latitude=Decimal("49.419373"), longitude=Decimal("-0.5")),
        )
        person = people.insert_person(session, PersonFields("Ana", dt.date(1990, 1, 2)))
        engagement = people.insert_engagement(session, production.id, person, CREW)
        availability.insert_window(session, engagement_id=engagement, start=MONDAY, end=MONDAY)
        availability.insert_window(session, location_id=place, start=MONDAY, end=MONDAY)
        jobs.insert_job(session, "optimise-board", production.id, created_by=None)
        return production.id, record.id, ids


def test_exact_values_come_back(database: Database) -> None:
    production_id, schedule_id, _ids = _planned(database)
    with database.session() as session:
        (engagement,) = people.list_engagements(session, production_id, private=True)
        (place,) = locations.list_locations(session, production_id)
        record = schedules.schedule_by_id(session, schedule_id)
    assert engagement.daily_cost == Decimal("1234.56")
    assert engagement.person.personal is not None
    assert engagement.person.personal.birth_date == dt.date(1990, 1, 2)
    assert (place.latitude, place.longitude) == (Decimal("49.419373"), Decimal("-0.500000"))
    assert record.settings.pages_per_day == Decimal("3.50")
    assert record.settings.weights.company_move == Decimal(1500)
    assert record.settings.unit_call == dt.time(8, 0)


def test_residence_and_payee_facts(database: Database) -> None:
    production_id, _schedule, _ids = _planned(database)
    other_id, _other_schedule, _other_ids = _planned(database, "autre")
    with database.session() as session:
        belgian = people.insert_person(
            session, PersonFields("Éric Van Damme", residence="BE", european=True)
        )
        people.insert_engagement(session, production_id, belgian, CREW)
        people.insert_engagement(session, production_id, belgian, CREW)  # engaged twice
        outsider = people.insert_person(
            session, PersonFields("Zoé Ailleurs", residence="US", european=False)
        )
        people.insert_engagement(session, other_id, outsider, CREW)
    with database.session() as session:
        listed = people.list_engagements(session, production_id, private=True)
        hidden = people.list_engagements(session, production_id, private=False)
        facts = people.payee_facts(session, production_id)
        other = people.payee_facts(session, other_id)
        nobody = people.payee_facts(session, other_id + 1)
    found = {e.name: e.person.personal for e in listed}
    assert found["Éric Van Damme"] is not None
    assert (found["Éric Van Damme"].residence, found["Éric Van Damme"].european) == ("BE", True)
    assert found["Ana"] is not None
    assert (found["Ana"].residence, found["Ana"].european) == (None, None)
    assert all(e.person.personal is None for e in hidden)
    assert facts == {"ana": (None, None), "éric van damme": ("BE", True)}
    assert other == {"ana": (None, None), "zoé ailleurs": ("US", False)}
    assert nobody == {}


@pytest.mark.parametrize(
    "bad_row",
    [
        lambda p, e, loc: LocationRow(production_id=p, name="X", latitude=Decimal(91)),
        lambda p, e, loc: LocationRow(production_id=p, name="Y", open_weekdays=0),
        lambda p, e, loc: UnavailabilityRow(
            engagement_id=e, location_id=loc, start_date=MONDAY, end_date=MONDAY
        ),
        lambda p, e, loc: UnavailabilityRow(
            engagement_id=e, start_date=MONDAY, end_date=MONDAY - dt.timedelta(days=1)
        ),
        lambda p, e, loc: TravelTimeRow(location_a_id=loc, location_b_id=loc, minutes=5),
        lambda p, e, loc: EngagementRow(
            production_id=p,
            person_id=1,
            kind="extra",
            position="x",
            department="camera",
            daily_cost=Decimal(0),
        ),
    ],
    ids=["latitude", "closed-every-day", "two-owners", "inverted", "same-place", "kind"],
)
def test_the_database_refuses_what_the_services_refuse(database: Database, bad_row: object) -> None:
    production_id, _schedule, _ids = _planned(database)
    with database.session() as session:
        engagement = session.scalar(select(EngagementRow.id))
        place = session.scalar(select(LocationRow.id))
    with database.session() as session:
        session.add(bad_row(production_id, engagement, place))  # type: ignore[operator]
        with pytest.raises(IntegrityError):
            session.flush()
        session.rollback()


def test_board_layouts_round_trip(database: Database) -> None:
    production_id, schedule_id, (one, two, three) = _planned(database)
    days = (
        BoardDay(0, MONDAY, DayKind.DAY, (BoardStrip(three, "3", True), BoardStrip(one, "1"))),
        BoardDay(1, MONDAY + dt.timedelta(days=1), DayKind.NIGHT, ()),
    )
    with database.session() as session:
        board_id = boards.insert_board(
            session, schedule_id, "A", primary=True, days=days, unscheduled=(BoardStrip(two, "2"),)
        )
    with database.session() as session:
        record = boards.board(session, production_id, board_id)
    assert record.days == days
    assert record.unscheduled == (BoardStrip(two, "2"),)
    assert record.board().locked == frozenset({str(three)})
    # Drop day 2, move scene 2 onto day 1 between the others.
    shorter = (
        BoardDay(
            0,
            MONDAY,
            DayKind.DAY,
            (BoardStrip(three, "3", True), BoardStrip(two, "2"), BoardStrip(one, "1")),
        ),
    )
    with database.session() as session:
        boards.touch(session, production_id, board_id, expected_version=record.version)
        boards.write_layout(session, board_id, shorter)
    with database.session() as session:
        again = boards.board(session, production_id, board_id)
        assert session.scalar(select(func.count()).select_from(BoardDayRow)) == 1
    assert (again.days, again.unscheduled, again.version) == (shorter, (), record.version + 1)


def test_two_sessions_editing_one_board(database: Database) -> None:
    production_id, schedule_id, _ids = _planned(database)
    with database.session() as session:
        board_id = boards.insert_board(
            session, schedule_id, "A", primary=True, days=(BoardDay(0, MONDAY, DayKind.DAY),)
        )
    with database.session() as first, database.session() as second:
        boards.touch(first, production_id, board_id, expected_version=1)
        first.commit()
        with pytest.raises(StaleEdit, match="your version 1, stored version 2"):
            boards.touch(second, production_id, board_id, expected_version=1)


def test_a_deleted_production_takes_its_schedule_along(database: Database) -> None:
    _planned(database, "gone")
    kept_id, _schedule, _ids = _planned(database, "kept")
    with database.session() as session:
        productions.delete_production(session, "gone", expected_version=1)
    with database.session() as session:
        for table in (ScheduleRow, LocationRow, EngagementRow):
            owners = set(session.scalars(select(table.production_id)))
            assert owners == {kept_id}, table.__tablename__
        assert session.scalar(select(func.count()).select_from(UnavailabilityRow)) == 2
        assert len(jobs.list_jobs(session, kept_id)) == 1
        # People belong to the company: they outlive the production.
        assert session.scalar(select(func.count()).select_from(PersonRow)) == 2
