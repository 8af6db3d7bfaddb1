# SPDX-License-Identifier: AGPL-3.0-or-later
"""Where each location is shot on a board, and the locations office's conflicts with it
(:func:`regie.logistics.location_checks.board_findings`): bookings, permits, insurance.

The board defaults to the primary board of the newest schedule version; a production with
no schedule or no board yet has no shoot dates (no conflicts, no deadlines). ``today``
comes from the face: services read no clock.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from regie.core.production import Production
from regie.logistics import permits as deadlines
from regie.logistics.location_checks import LocationFinding, LocationUse, board_findings
from regie.logistics.locations import (
    InsuranceRecord,
    LocationType,
    PermitFields,
    PermitRecord,
    ScoutingRecord,
)
from regie.office.roles import Permission, User
from regie.rules.registry import pack
from regie.schedule.catalog import LocationRecord
from regie.services.access import production_for
from regie.services.board_reports import board_context
from regie.services.database import Database
from regie.storage.repos import boards, locations, schedules
from regie.storage.repos import location_office as office


@dataclass(frozen=True, slots=True)
class BoardUsage:
    """The shoot dates of each location (id) on a board; ``board_id`` ``None``: no board."""

    board_id: int | None
    dates: dict[int, tuple[dt.date, ...]] = field(default_factory=dict)
    first_shoot_day: dt.date | None = None  # the newest schedule's first possible day


@dataclass(frozen=True, slots=True)
class LocationConflicts:
    board_id: int | None
    findings: tuple[LocationFinding, ...]
    locations: tuple[LocationRecord, ...]

    def names(self) -> dict[int, str]:
        return {place.id: place.name for place in self.locations}


def default_board_id(session: Session, production: Production) -> int | None:
    """The primary board of the newest schedule version, if there is one."""
    found = schedules.list_schedules(session, production.id)
    if not found:
        return None
    listed = boards.list_boards(session, found[-1].id)
    return listed[0].id if listed else None


def board_usage(
    session: Session, production: Production, board_id: int | None = None
) -> BoardUsage:
    """Shoot dates per location on ``board_id`` (default: :func:`default_board_id`)."""
    found = schedules.list_schedules(session, production.id)
    first = found[-1].settings.start if found else None
    chosen = board_id if board_id is not None else default_board_id(session, production)
    if chosen is None:
        return BoardUsage(None, {}, first)
    context = board_context(session, production, chosen)
    where = {s.key: s.location for s in context.problem.strips}
    dates: dict[int, set[dt.date]] = defaultdict(set)
    for day in context.record.days:
        for strip in day.strips:
            key = where.get(strip.key)
            if key is not None and key in context.keys.locations:
                dates[context.keys.locations[key]].add(day.date)
    return BoardUsage(chosen, {k: tuple(sorted(v)) for k, v in dates.items()}, first)


def permit_deadline(
    fields: PermitFields, dates: Sequence[dt.date], rule_dirs: tuple[Path, ...] = ()
) -> tuple[dt.date | None, str]:
    """The deadline of a permit from the shoot dates at its location, and the pack
    reference; ``(None, "")`` when no shoot day is known."""
    first = deadlines.first_covered(dates, fields.covers_start, fields.covers_end)
    if first is None:
        return None, ""
    rules = pack(deadlines.PACK_ID, extra_dirs=rule_dirs)
    lead = deadlines.lead_time(rules, fields.authority, first)
    return deadlines.deadline(first, lead), lead.rule


def current_permits(
    session: Session, production: Production, usage: BoardUsage, rule_dirs: tuple[Path, ...] = ()
) -> list[PermitRecord]:
    """The production's permits, each deadline computed from ``usage`` (the stored one is
    the deadline when the permit was last saved)."""
    found: list[PermitRecord] = []
    for permit in office.permits(session, production.id):
        due, rule = permit_deadline(
            permit.fields, usage.dates.get(permit.location_id, ()), rule_dirs
        )
        found.append(dataclasses.replace(permit, deadline=due, lead_rule=rule or permit.lead_rule))
    return found


@dataclass(frozen=True, slots=True)
class OfficeRecords:
    """What the call sheet check needs of the locations office (see
    :func:`regie.logistics.location_checks.location_findings`)."""

    permits: tuple[PermitRecord, ...]
    certificates: tuple[InsuranceRecord, ...]
    kinds: dict[int, LocationType | None]  # location id → its type, from scouting


def office_records(
    session: Session, production: Production, rule_dirs: tuple[Path, ...] = ()
) -> OfficeRecords:
    """The production's permits (deadlines from the default board), insurance certificates
    and location types, read in the caller's transaction (e.g. the call sheet's)."""
    usage = board_usage(session, production)
    places = [p.id for p in locations.list_locations(session, production.id)]
    return OfficeRecords(
        tuple(current_permits(session, production, usage, rule_dirs)),
        tuple(office.certificates(session, production.id)),
        {k: v.fields.kind for k, v in office.scoutings(session, places).items()},
    )


def conflicts_in(
    session: Session,
    production: Production,
    *,
    today: dt.date | None,
    board_id: int | None = None,
    rule_dirs: tuple[Path, ...] = (),
) -> LocationConflicts:
    """The conflicts of a board, read in the caller's transaction."""
    usage = board_usage(session, production, board_id)
    places = locations.list_locations(session, production.id)
    kinds: dict[int, ScoutingRecord] = office.scoutings(session, [p.id for p in places])
    permits = current_permits(session, production, usage, rule_dirs)
    certificates: list[InsuranceRecord] = office.certificates(session, production.id)
    uses = [
        LocationUse(
            place,
            usage.dates.get(place.id, ()),
            kinds[place.id].fields.kind if place.id in kinds else None,
        )
        for place in places
    ]
    found = board_findings(uses, permits, certificates, today=today)
    return LocationConflicts(usage.board_id, tuple(found), tuple(places))


def location_conflicts(
    db: Database,
    slug: str,
    *,
    actor: User | None,
    today: dt.date | None,
    board_id: int | None = None,
    rule_dirs: tuple[Path, ...] = (),
) -> LocationConflicts:
    """Every conflict between the locations office and the board (errors first)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        return conflicts_in(
            session, production, today=today, board_id=board_id, rule_dirs=rule_dirs
        )


def shoot_days(
    db: Database, slug: str, *, actor: User | None, board_id: int | None = None
) -> dict[int, tuple[dt.date, ...]]:
    """``{location id: its shoot dates}`` on a board (default: :func:`default_board_id`)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        return board_usage(session, production, board_id).dates
