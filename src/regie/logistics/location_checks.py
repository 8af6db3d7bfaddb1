# SPDX-License-Identifier: AGPL-3.0-or-later
"""Conflicts between the locations office and the board: a location shot outside its
booking, a permit refused, not sent by its deadline or not covering a shoot day, a public
road shot with no permit at all, an insurance certificate that ends before (or starts
after) the shoot days it must cover.

Each conflict is a :class:`LocationFinding` with a severity, a stable code, a translatable
message and the shoot days it concerns (what the stripboard marks). :func:`board_findings`
reads a whole board; :func:`location_findings` one location on one day (what the call
sheet check adds). Pure: ``today`` comes in as an argument.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from regie.core.text import Text, on_day, t
from regie.logistics.locations import (
    InsuranceRecord,
    LocationType,
    PermitRecord,
    PermitStatus,
)
from regie.schedule.catalog import LocationRecord


class Severity(StrEnum):
    """Same values as the call sheet's :class:`regie.office.callsheet.Severity`."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class LocationFinding:
    severity: Severity
    code: str  # location.booking, permit.refused, permit.uncovered, permit.late...
    message: Text
    location_id: int | None  # None: a certificate of the whole production or a vendor
    days: tuple[dt.date, ...] = ()  # the shoot days concerned
    permit_id: int | None = None
    certificate_id: int | None = None


@dataclass(frozen=True, slots=True)
class LocationUse:
    """A location and the board's shoot dates there (sorted)."""

    location: LocationRecord
    dates: tuple[dt.date, ...]
    kind: LocationType | None = None  # from its scouting record


def _authority(permit: PermitRecord) -> str:
    return permit.fields.authority_name or permit.fields.authority


def _booking(use: LocationUse) -> list[LocationFinding]:
    booking, place = use.location.booking, use.location
    if booking is None:
        return []
    return [
        LocationFinding(
            Severity.ERROR,
            "location.booking",
            t(
                "location '{name}' is booked from {start} to {end}, not on {day}",
                name=place.name,
                start=on_day(booking.start),
                end=on_day(booking.end),
                day=on_day(day),
            ),
            place.id,
            (day,),
        )
        for day in use.dates
        if day not in booking
    ]


def _coverage(use: LocationUse, permits: Sequence[PermitRecord]) -> list[LocationFinding]:
    """Per authority kind: days no permit covers, and permits refused for days no other
    permit of that kind covers."""
    found: list[LocationFinding] = []
    place = use.location
    for kind in sorted({p.fields.authority for p in permits}):
        same = [p for p in permits if p.fields.authority == kind]
        alive = [p for p in same if p.fields.status is not PermitStatus.REFUSED]
        for permit in same:
            if permit.fields.status is not PermitStatus.REFUSED:
                continue
            lost = tuple(
                d
                for d in use.dates
                if permit.fields.covers(d) and not any(p.fields.covers(d) for p in alive)
            )
            if lost:
                found.append(
                    LocationFinding(
                        Severity.ERROR,
                        "permit.refused",
                        t(
                            "the permit of {authority} for '{name}' was refused",
                            authority=_authority(permit),
                            name=place.name,
                        ),
                        place.id,
                        lost,
                        permit_id=permit.id,
                    )
                )
        for day in use.dates:
            if not any(p.fields.covers(day) for p in same):
                found.append(
                    LocationFinding(
                        Severity.ERROR,
                        "permit.uncovered",
                        t(
                            "no permit of {authority} covers {day} at '{name}'",
                            authority=_authority(same[0]),
                            day=on_day(day),
                            name=place.name,
                        ),
                        place.id,
                        (day,),
                        permit_id=same[0].id,
                    )
                )
    return found


def _lateness(
    use: LocationUse, permits: Sequence[PermitRecord], today: dt.date
) -> list[LocationFinding]:
    """Permits not granted whose deadline has passed."""
    found: list[LocationFinding] = []
    place = use.location
    for permit in permits:
        fields = permit.fields
        if permit.deadline is None or today <= permit.deadline:
            continue
        days = tuple(d for d in use.dates if fields.covers(d))
        if fields.status is PermitStatus.PLANNED:
            found.append(
                LocationFinding(
                    Severity.ERROR,
                    "permit.late",
                    t(
                        "the request to {authority} for '{name}' was due on {deadline} "
                        "and has not been sent",
                        authority=_authority(permit),
                        name=place.name,
                        deadline=on_day(permit.deadline),
                    ),
                    place.id,
                    days,
                    permit_id=permit.id,
                )
            )
        elif fields.status is PermitStatus.REQUESTED:
            found.append(
                LocationFinding(
                    Severity.WARNING,
                    "permit.pending",
                    t(
                        "the permit of {authority} for '{name}' is not granted yet "
                        "(deadline {deadline})",
                        authority=_authority(permit),
                        name=place.name,
                        deadline=on_day(permit.deadline),
                    ),
                    place.id,
                    days,
                    permit_id=permit.id,
                )
            )
    return found


def _not_granted(use: LocationUse, permits: Sequence[PermitRecord]) -> list[LocationFinding]:
    """On a shoot day: permits covering it that are asked for but not granted."""
    return [
        LocationFinding(
            Severity.ERROR,
            "permit.not_granted",
            t(
                "the permit of {authority} for '{name}' is not granted for {day}",
                authority=_authority(permit),
                name=use.location.name,
                day=on_day(day),
            ),
            use.location.id,
            (day,),
            permit_id=permit.id,
        )
        for permit in permits
        if permit.fields.status in (PermitStatus.PLANNED, PermitStatus.REQUESTED)
        for day in use.dates
        if permit.fields.covers(day)
    ]


def _missing(use: LocationUse, permits: Sequence[PermitRecord]) -> list[LocationFinding]:
    if use.kind is not LocationType.PUBLIC_ROAD or permits or not use.dates:
        return []
    return [
        LocationFinding(
            Severity.WARNING,
            "permit.missing",
            t(
                "'{name}' is on a public road and has no permit entered",
                name=use.location.name,
            ),
            use.location.id,
            use.dates,
        )
    ]


def _insurance(
    dates: Sequence[dt.date], certificate: InsuranceRecord, location: LocationRecord | None
) -> list[LocationFinding]:
    fields = certificate.fields
    holder: Text | str = location.name if location is not None else fields.holder
    if not holder:
        holder = t("the production")
    found: list[LocationFinding] = []
    after = tuple(d for d in dates if d > fields.valid_to)
    if after:
        found.append(
            LocationFinding(
                Severity.ERROR,
                "insurance.expires",
                t(
                    "the insurance certificate {policy} ({insurer}) of {holder} ends on "
                    "{end}, before the last shoot day {last}",
                    policy=fields.policy_number,
                    insurer=fields.insurer,
                    holder=holder,
                    end=on_day(fields.valid_to),
                    last=on_day(after[-1]),
                ),
                fields.location_id,
                after,
                certificate_id=certificate.id,
            )
        )
    before = tuple(d for d in dates if d < fields.valid_from)
    if before:
        found.append(
            LocationFinding(
                Severity.ERROR,
                "insurance.not_yet",
                t(
                    "the insurance certificate {policy} ({insurer}) of {holder} starts on "
                    "{start}, after the shoot day {first}",
                    policy=fields.policy_number,
                    insurer=fields.insurer,
                    holder=holder,
                    start=on_day(fields.valid_from),
                    first=on_day(before[0]),
                ),
                fields.location_id,
                before,
                certificate_id=certificate.id,
            )
        )
    return found


def _order(findings: Iterable[LocationFinding]) -> list[LocationFinding]:
    rank = {Severity.ERROR: 0, Severity.WARNING: 1}
    return sorted(
        findings,
        key=lambda f: (rank[f.severity], f.days[0] if f.days else dt.date.max, f.code),
    )


def board_findings(
    uses: Sequence[LocationUse],
    permits: Sequence[PermitRecord],
    certificates: Sequence[InsuranceRecord] = (),
    *,
    today: dt.date | None = None,
) -> list[LocationFinding]:
    """Every conflict of the board's locations, errors first, then by first day.
    Without ``today`` the deadlines are not checked."""
    found: list[LocationFinding] = []
    all_days = sorted({d for use in uses for d in use.dates})
    for use in uses:
        mine = [p for p in permits if p.location_id == use.location.id]
        found += _booking(use) + _coverage(use, mine) + _missing(use, mine)
        if today is not None:
            found += _lateness(use, mine, today)
        for certificate in certificates:
            if certificate.fields.location_id == use.location.id:
                found += _insurance(use.dates, certificate, use.location)
    for certificate in certificates:
        if certificate.fields.location_id is None:
            found += _insurance(all_days, certificate, None)
    return _order(found)


def location_findings(
    location: LocationRecord,
    permits: Sequence[PermitRecord],
    day: dt.date,
    *,
    certificates: Sequence[InsuranceRecord] = (),
    kind: LocationType | None = None,
    booking: bool = False,
) -> list[LocationFinding]:
    """What the locations office says about shooting at ``location`` on ``day`` (the call
    sheet check): permits refused, not covering the day or not granted for it, a public
    road with no permit, the location's certificates not valid that day. ``booking=True``
    adds the booking window (the call sheet checks it itself). Permits and certificates
    of other locations are ignored."""
    use = LocationUse(location, (day,), kind)
    mine = [p for p in permits if p.location_id == location.id]
    found = _coverage(use, mine) + _not_granted(use, mine) + _missing(use, mine)
    if booking:
        found += _booking(use)
    for certificate in certificates:
        if certificate.fields.location_id == location.id:
            found += _insurance(use.dates, certificate, location)
    return _order(found)


def days_with_findings(findings: Iterable[LocationFinding]) -> dict[dt.date, list[LocationFinding]]:
    """The findings of each shoot day (a finding about several days is under each)."""
    by_day: dict[dt.date, list[LocationFinding]] = {}
    for finding in findings:
        for day in finding.days:
            by_day.setdefault(day, []).append(finding)
    return by_day
