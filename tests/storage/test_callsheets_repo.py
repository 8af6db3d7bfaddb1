# SPDX-License-Identifier: AGPL-3.0-or-later
"""The call-sheet tables and repository: extras round-trip exactly with their version,
issued versions are numbered per board day and keep their documents, recipients keep the
first opening and confirmation, tokens are unique, and everything goes with its board."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from regie.core.errors import NotFound, StaleEdit
from regie.office.callsheet import CallSheetExtras, Pickup
from regie.schedule.catalog import BoardDay
from regie.schedule.model import DayKind
from regie.storage.db import Database
from regie.storage.repos import boards, callsheets
from regie.storage.tables import CallSheetDayRow, CallSheetRecipientRow, CallSheetRow, UserRow
from tests.storage.test_schedule_repo import MONDAY, _planned

EXTRAS = CallSheetExtras(
    weather="Bruine, 10 °C",
    parking="Quai nord",
    hospital="CHU de Brest",
    safety_notes="Gilets sur le quai",
    harassment_contact="Lise Moal 06 00 00 00 00",
    meal_counts={"végétarien": 3, "halal": 1},
    pickups=(Pickup(1, dt.time(6, 15), "Gare"),),
    notes="Marée haute à 11:02",
)


def _board(db: Database) -> tuple[int, int]:
    production_id, schedule_id, _ids = _planned(db)
    with db.session() as session:
        days = [BoardDay(0, MONDAY, DayKind.DAY), BoardDay(1, MONDAY, DayKind.NIGHT)]
        board_id = boards.insert_board(session, schedule_id, "B", primary=True, days=days)
    return production_id, board_id


def _issue(db: Database, production_id: int, board_id: int, day_index: int = 0) -> int:
    with db.session() as session:
        return callsheets.insert_sheet(
            session, production_id=production_id, board_id=board_id, day_index=day_index,
            shoot_date=MONDAY, schedule_number=1, schedule_version=1, board_version=1,
            extras_version=0, error_count=1, warning_count=2, locale="fr",
            sheet_json='{"date": "2027-03-01"}', fragment_html="<article></article>",
            pdf=b"%PDF-1.7 \x00\xff", created_by_id=None,
        ).id  # fmt: skip


def test_extras_round_trip_with_their_version(database: Database) -> None:
    production_id, board_id = _board(database)
    with database.session() as session:
        empty = callsheets.day_extras(session, board_id, 0)
        assert (empty.version, empty.extras) == (0, CallSheetExtras())
        saved = callsheets.put_day_extras(
            session, production_id, board_id, 0, EXTRAS, expected_version=0
        )
    assert saved.version == 1
    with database.session() as session:
        read = callsheets.day_extras(session, board_id, 0)
    assert read.extras == EXTRAS
    assert read.version == 1
    with database.session() as session, pytest.raises(StaleEdit):
        callsheets.put_day_extras(session, production_id, board_id, 0, EXTRAS, expected_version=0)
    with database.session() as session:
        again = callsheets.put_day_extras(
            session, production_id, board_id, 0, CallSheetExtras(weather="Soleil"),
            expected_version=1,
        )  # fmt: skip
    assert again.version == 2
    assert again.extras.meal_counts == {}


def test_versions_are_numbered_per_day_and_keep_their_documents(database: Database) -> None:
    production_id, board_id = _board(database)
    first = _issue(database, production_id, board_id)
    second = _issue(database, production_id, board_id)
    other_day = _issue(database, production_id, board_id, day_index=1)
    with database.session() as session:
        listed = callsheets.list_sheets(session, production_id, board_id, 0)
        assert [s.number for s in listed] == [2, 1]
        assert [s.id for s in listed] == [second, first]
        assert callsheets.sheet(session, production_id, other_day).number == 1
        frozen = callsheets.frozen(session, production_id, first)
        assert frozen.pdf == b"%PDF-1.7 \x00\xff"
        assert frozen.data == {"date": "2027-03-01"}
        assert (frozen.sheet.error_count, frozen.sheet.warning_count) == (1, 2)
        assert frozen.sheet.created_by is None
        assert callsheets.latest_number(session, board_id, 0) == 2
        with pytest.raises(NotFound):
            callsheets.sheet(session, production_id + 1, first)


def test_the_same_number_twice_is_refused_by_the_database(database: Database) -> None:
    production_id, board_id = _board(database)
    first = _issue(database, production_id, board_id)
    twin = CallSheetRow(
        production_id=production_id, board_id=board_id, day_index=0, number=1,
        shoot_date=MONDAY, schedule_number=1, schedule_version=1, board_version=1,
        extras_version=0, sheet_json="{}", fragment_html="", pdf=b"",
    )  # fmt: skip
    with database.session() as session:
        session.add(twin)
        with pytest.raises(IntegrityError):
            session.flush()
        session.rollback()
    with database.session() as session:
        assert callsheets.sheet(session, production_id, first).number == 1


def test_recipients_keep_the_first_opening_and_tokens_are_unique(database: Database) -> None:
    production_id, board_id = _board(database)
    sheet_id = _issue(database, production_id, board_id)
    with database.session() as session:
        callsheets.add_recipients(session, sheet_id, [(1, "Ana", "ana@clef.fr")])
        callsheets.add_recipients(session, sheet_id, [(1, "Ana", "ana@clef.fr")])  # no double
        (ana,) = callsheets.recipients(session, sheet_id)
        callsheets.set_token(session, ana.id, "a" * 64)
        first = dt.datetime(2027, 2, 26, 18, 0, tzinfo=dt.UTC)
        opened = callsheets.mark_opened(session, ana.id, first)
        later = callsheets.mark_opened(session, ana.id, first + dt.timedelta(hours=1))
        assert opened.opened_at == later.opened_at == first
        confirmed = callsheets.mark_confirmed(session, ana.id, first + dt.timedelta(hours=2))
        assert confirmed.confirmed_at == first + dt.timedelta(hours=2)
        assert callsheets.recipient_by_token(session, "a" * 64).id == ana.id
        with pytest.raises(NotFound):
            callsheets.recipient_by_token(session, "b" * 64)
    with database.session() as session:
        session.add(CallSheetRecipientRow(sheet_id=sheet_id, name="X", token_sha256="a" * 64))
        with pytest.raises(IntegrityError):
            session.flush()
        session.rollback()


def test_sheets_go_with_their_board_and_keep_their_author(database: Database) -> None:
    production_id, board_id = _board(database)
    with database.session() as session:
        user = UserRow(email="pm@clef.fr", display_name="Paule", password_hash="x")
        session.add(user)
        session.flush()
        made = callsheets.insert_sheet(
            session, production_id=production_id, board_id=board_id, day_index=0,
            shoot_date=MONDAY, schedule_number=1, schedule_version=1, board_version=1,
            extras_version=0, error_count=0, warning_count=0, locale="fr", sheet_json="{}",
            fragment_html="", pdf=b"", created_by_id=user.id,
        )  # fmt: skip
        assert made.created_by == "Paule"
        callsheets.add_recipients(session, made.id, [(1, "Ana", None)])
        callsheets.put_day_extras(session, production_id, board_id, 0, EXTRAS, expected_version=0)
    with database.session() as session:
        record = boards.board(session, production_id, board_id)
        boards.delete_board(session, production_id, board_id, expected_version=record.version)
    with database.session() as session:
        for table in (CallSheetRow, CallSheetRecipientRow, CallSheetDayRow):
            count = session.scalar(select(func.count()).select_from(table))
            assert count == 0, table.__tablename__
