# SPDX-License-Identifier: AGPL-3.0-or-later
"""The shoot days as iCalendar, read back with icalendar: one timed event per day, stable
UIDs, the time stamp given, the time zone, the description in the locale."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event

from regie.core.errors import ValidationError
from regie.documents.ics import shoot_days_ics
from regie.schedule.model import Board, DayKind, ShootDay
from tests.documents.samples import PRODUCTION
from tests.documents.test_schedule_document import BOARD, PROBLEM

PARIS = ZoneInfo("Europe/Paris")
STAMP = dt.datetime(2027, 2, 1, 9, 30, tzinfo=dt.UTC)


def export(board: Board = BOARD, **options: object) -> bytes:
    arguments: dict[str, object] = {
        "uid_domain": "regie.example.org",
        "board_id": "12",
        "dtstamp": STAMP,
        **options,
    }
    return shoot_days_ics(PROBLEM, board, PRODUCTION, **arguments)  # type: ignore[arg-type]


def events(data: bytes) -> list[Event]:
    calendar = Calendar.from_ical(data)
    return [c for c in calendar.walk("VEVENT") if isinstance(c, Event)]


def test_one_timed_event_per_shoot_day() -> None:
    found = events(export())
    assert len(found) == len(BOARD.days) == 4
    starts = [e.decoded("dtstart") for e in found]
    ends = [e.decoded("dtend") for e in found]
    assert starts == [
        dt.datetime(2027, 3, 1, 8, 0, tzinfo=PARIS),
        dt.datetime(2027, 3, 2, 18, 0, tzinfo=PARIS),  # night day: called at 18:00
        dt.datetime(2027, 3, 3, 8, 0, tzinfo=PARIS),
        dt.datetime(2027, 3, 4, 8, 0, tzinfo=PARIS),
    ]
    assert all(str(s.tzinfo) == "Europe/Paris" for s in starts)
    # wrap = call + shooting and travel: 650 min, 180 min, 300 min; the empty day lasts
    # the standard 600 min
    minutes = [(e.astimezone(dt.UTC) - s.astimezone(dt.UTC)) // dt.timedelta(minutes=1)
               for s, e in zip(starts, ends, strict=True)]  # fmt: skip
    assert minutes == [
        650, 180, 300, 600,
    ]  # fmt: skip
    assert [e["summary"] for e in found] == [
        "La Clef du Quai — jour de tournage 1",
        "La Clef du Quai — jour de tournage 2 (nuit)",
        "La Clef du Quai — jour de tournage 3",
        "La Clef du Quai — jour de tournage 4",
    ]


def test_uids_are_stable_and_the_stamp_is_given() -> None:
    first = export()
    later = export(dtstamp=dt.datetime(2027, 2, 20, 18, 0, tzinfo=PARIS), sequence=3)
    uids = [str(e["uid"]) for e in events(first)]
    assert uids == [f"la-clef-du-quai-12-day{n}@regie.example.org" for n in range(1, 5)]
    assert [str(e["uid"]) for e in events(later)] == uids
    assert [e.decoded("dtstamp") for e in events(first)] == [STAMP] * 4
    assert [e.decoded("dtstamp") for e in events(later)] == [
        dt.datetime(2027, 2, 20, 17, 0, tzinfo=dt.UTC)
    ] * 4
    assert [e["sequence"] for e in events(later)] == [3] * 4
    assert b"DTSTAMP:20270201T093000Z" in first
    other_board = [str(e["uid"]) for e in events(export(board_id="13"))]
    assert not set(other_board) & set(uids)
    assert export() == first  # no clock, no randomness: byte-identical


def test_timezone_is_included() -> None:
    calendar = Calendar.from_ical(export())
    zones = calendar.walk("VTIMEZONE")
    assert [str(z["tzid"]) for z in zones] == ["Europe/Paris"]
    assert calendar.get_missing_tzids() == set()
    assert str(calendar["x-wr-timezone"]) == "Europe/Paris"
    assert b"DTSTART;TZID=Europe/Paris:20270301T080000" in export()


def test_description_and_location_in_french() -> None:
    first, night = events(export())[:2]
    assert str(first["location"]) == "Maison d'Hélène, Quai"
    description = str(first["description"])
    assert description.splitlines()[:6] == [
        "Jour de tournage 1 — lundi 1 mars 2027",
        "Jour",
        "Pages\u00a0: 4 6/8",
        "Durée estimée\u00a0: 10\u00a0h\u00a050 (tournage et trajets, hors pause repas)",
        "Fin estimée\u00a0: 18:50",
        "Lieux\u00a0: Maison d'Hélène → Quai → Maison d'Hélène",
    ]
    assert "1 — INT CUISINE — JOUR (2 3/8)" in description
    assert "3 — EXT QUAI — AUBE (1 5/8)" in description
    assert "Comédiens\u00a0: 1. Hélène, 2. Jérôme, 3. Lucie" in description
    assert str(night["description"]).splitlines()[1] == "Nuit"
    assert str(night["location"]) == "Rue du port"


def test_english_and_other_call_times() -> None:
    found = events(export(locale="en", call_time=dt.time(7, 30), night_call_time=dt.time(20, 0)))
    assert found[0].decoded("dtstart") == dt.datetime(2027, 3, 1, 7, 30, tzinfo=PARIS)
    assert found[1].decoded("dtstart") == dt.datetime(2027, 3, 2, 20, 0, tzinfo=PARIS)
    assert found[1]["summary"] == "La Clef du Quai — shoot day 2 (night)"
    description = str(found[0]["description"]).splitlines()
    assert description[0] == "Shoot day 1 — Monday, March 1, 2027"
    assert "Estimated wrap: 6:20\u202fPM" in description
    assert "Cast: 1. Hélène, 2. Jérôme, 3. Lucie" in description


def test_a_night_across_the_change_to_summer_time_lasts_its_minutes() -> None:
    # Saturday 27 March 2027, 22:00: clocks go from 2:00 to 3:00 during the night.
    saturday = dt.date(2027, 3, 27)
    problem = replace(PROBLEM, dates=(saturday,))
    night = Board((ShootDay(0, saturday, DayKind.NIGHT, ("2", "4")),))
    data = shoot_days_ics(
        problem, night, PRODUCTION, night_call_time=dt.time(22, 0),
        uid_domain="regie.example.org", board_id="1", dtstamp=STAMP,
    )  # fmt: skip
    (event,) = events(data)
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    # 180 + 120 min of shooting and one move of 45 min, counted in real time (aware
    # datetimes of one zone subtract as wall clocks, hence UTC)
    assert end.astimezone(dt.UTC) - start.astimezone(dt.UTC) == dt.timedelta(minutes=345)
    assert (end.date(), end.hour, end.minute) == (dt.date(2027, 3, 28), 4, 45)  # CEST
    assert end.utcoffset() == dt.timedelta(hours=2)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValidationError, match="has no time zone"):
        export(dtstamp=dt.datetime(2027, 2, 1, 9, 30))  # noqa: DTZ001  # naive on purpose
    with pytest.raises(ValidationError, match="'Mars/Olympus' is not a known time zone"):
        export(tz="Mars/Olympus")


def test_an_empty_board_is_an_empty_calendar() -> None:
    calendar = Calendar.from_ical(export(Board(())))
    assert calendar.walk("VEVENT") == []
    assert calendar.walk("VTIMEZONE") == []
