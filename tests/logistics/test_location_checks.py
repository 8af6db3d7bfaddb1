# SPDX-License-Identifier: AGPL-3.0-or-later
"""Permit deadlines and the conflicts between the locations office and a board (pure)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from regie.logistics.location_checks import (
    LocationUse,
    Severity,
    board_findings,
    days_with_findings,
    location_findings,
)
from regie.logistics.locations import (
    InsuranceFields,
    InsuranceRecord,
    LocationType,
    PermitFields,
    PermitRecord,
    PermitStatus,
)
from regie.logistics.permits import PACK_ID, deadline, first_covered, lead_time
from regie.rules.registry import shipped_pack
from regie.schedule.catalog import LocationRecord
from regie.schedule.model import DateRange

MONDAY = dt.date(2027, 5, 10)
DAYS = tuple(MONDAY + dt.timedelta(days=n) for n in range(5))  # Monday to Friday
PORT = LocationRecord(id=1, name="Port")
HOUSE = LocationRecord(
    id=2, name="Maison", booking=DateRange(MONDAY, MONDAY + dt.timedelta(days=2))
)


def _permit(
    status: PermitStatus,
    *,
    pid: int = 10,
    start: dt.date | None = None,
    end: dt.date | None = None,
    due: dt.date | None = None,
    authority: str = "town_hall",
) -> PermitRecord:
    fields = PermitFields(authority, "Mairie du Port", status=status, covers_start=start,
                          covers_end=end)  # fmt: skip
    return PermitRecord(pid, PORT.id, fields, deadline=due)


def _codes(found: list) -> list[tuple[str, tuple[dt.date, ...]]]:  # type: ignore[type-arg]
    return [(f.code, f.days) for f in found]


def test_calendar_and_working_day_deadlines() -> None:
    rules = shipped_pack(PACK_ID)
    town_hall = lead_time(rules, "town_hall")  # 15 calendar days
    assert deadline(MONDAY, town_hall) == dt.date(2027, 4, 25)
    drone = lead_time(rules, "drone")  # 5 working days; Ascension is Thursday 6 May 2027
    assert deadline(MONDAY, drone) == dt.date(2027, 4, 30)


def test_first_covered_shoot_day() -> None:
    assert first_covered(DAYS, None, None) == MONDAY
    assert first_covered(DAYS, DAYS[2], DAYS[4]) == DAYS[2]
    late = dt.date(2027, 6, 1)
    assert first_covered(DAYS, late, late) == late  # no board day inside: the period's start
    assert first_covered((), None, None) is None


def test_a_location_used_outside_its_booking() -> None:
    found = board_findings([LocationUse(HOUSE, DAYS[:4])], [])
    assert _codes(found) == [("location.booking", (DAYS[3],))]
    assert found[0].severity is Severity.ERROR
    assert "booked from 2027-05-10 to 2027-05-12, not on 2027-05-13" in str(found[0].message)


def test_a_permit_that_does_not_cover_every_shoot_day() -> None:
    permit = _permit(PermitStatus.GRANTED, start=DAYS[0], end=DAYS[1])
    found = board_findings([LocationUse(PORT, DAYS[:3])], [permit])
    assert _codes(found) == [("permit.uncovered", (DAYS[2],))]
    assert "no permit of Mairie du Port covers 2027-05-12 at 'Port'" in str(found[0].message)


def test_a_refused_permit_and_a_granted_one_for_the_same_days() -> None:
    refused = _permit(PermitStatus.REFUSED, start=DAYS[0], end=DAYS[2])
    granted = _permit(PermitStatus.GRANTED, pid=11, start=DAYS[1], end=DAYS[2])
    found = board_findings([LocationUse(PORT, DAYS[:3])], [refused, granted])
    assert _codes(found) == [("permit.refused", (DAYS[0],))]


def test_deadlines_are_checked_against_today() -> None:
    due = dt.date(2027, 4, 25)
    planned = _permit(PermitStatus.PLANNED, due=due)
    asked = _permit(PermitStatus.REQUESTED, pid=11, due=due, authority="police_road")
    use = [LocationUse(PORT, DAYS[:2])]
    assert board_findings(use, [planned, asked], today=due) == []
    late = board_findings(use, [planned, asked], today=due + dt.timedelta(days=1))
    assert _codes(late) == [("permit.late", DAYS[:2]), ("permit.pending", DAYS[:2])]
    assert [f.severity for f in late] == [Severity.ERROR, Severity.WARNING]
    assert board_findings(use, [planned], today=None) == []  # no clock, no deadline check


def test_a_public_road_without_any_permit() -> None:
    found = board_findings([LocationUse(PORT, DAYS[:1], LocationType.PUBLIC_ROAD)], [])
    assert _codes(found) == [("permit.missing", DAYS[:1])]
    assert board_findings([LocationUse(PORT, (), LocationType.PUBLIC_ROAD)], []) == []


def test_insurance_certificates_must_last_over_the_shoot_days() -> None:
    mine = InsuranceRecord(
        5,
        InsuranceFields("Hiscox", "RC-77", DAYS[1], DAYS[2], location_id=PORT.id,
                        amount=Decimal("1000000")),
    )  # fmt: skip
    vendor = InsuranceRecord(6, InsuranceFields("Axa", "LOC-1", MONDAY, DAYS[3], holder="Loueur"))
    found = board_findings([LocationUse(PORT, DAYS)], [], [mine, vendor])
    assert _codes(found) == [
        ("insurance.not_yet", DAYS[:1]),
        ("insurance.expires", DAYS[3:]),
        ("insurance.expires", DAYS[4:]),
    ]
    assert "of Loueur ends on 2027-05-13, before the last shoot day 2027-05-14" in str(
        found[2].message
    )
    assert found[2].location_id is None
    by_day = days_with_findings(found)
    assert len(by_day[DAYS[4]]) == 2
    assert DAYS[2] not in by_day


@pytest.mark.parametrize("status", [PermitStatus.PLANNED, PermitStatus.REQUESTED])
def test_the_call_sheet_check_of_one_day(status: PermitStatus) -> None:
    permit = _permit(status, start=DAYS[0], end=DAYS[1])
    other = PermitRecord(20, HOUSE.id, PermitFields("rail", status=PermitStatus.REFUSED))
    found = location_findings(PORT, [permit, other], DAYS[0])
    assert _codes(found) == [("permit.not_granted", DAYS[:1])]
    assert _codes(location_findings(PORT, [permit], DAYS[3])) == [("permit.uncovered", (DAYS[3],))]
    granted = _permit(PermitStatus.GRANTED)
    assert location_findings(PORT, [granted], DAYS[3]) == []
    assert _codes(location_findings(HOUSE, [], DAYS[4], booking=True)) == [
        ("location.booking", (DAYS[4],))
    ]
    assert location_findings(HOUSE, [], DAYS[4]) == []  # the call sheet checks the booking
