# SPDX-License-Identifier: AGPL-3.0-or-later
"""Locations of a production, the set each one serves, and travel times between them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from regie.core.errors import Conflict, NotFound, StaleEdit
from regie.core.text import Text, t
from regie.schedule.catalog import LocationFields, LocationRecord, TravelTime
from regie.schedule.model import DateRange
from regie.script.heading import set_key
from regie.storage.guard import check_version, flush_edit, unique
from regie.storage.repos import availability
from regie.storage.tables import LocationRow, SetLocationRow, SetRow, TravelTimeRow


def weekday_mask(days: frozenset[int]) -> int:
    return sum(1 << day for day in days)


def weekdays(mask: int) -> frozenset[int]:
    return frozenset(day for day in range(7) if mask & (1 << day))


def _apply(row: LocationRow, fields: LocationFields) -> None:
    row.name = fields.name
    row.address = fields.address
    row.latitude = fields.latitude
    row.longitude = fields.longitude
    row.open_weekdays = weekday_mask(fields.open_weekdays)
    row.booking_start = fields.booking_start
    row.booking_end = fields.booking_end
    row.notes = fields.notes


def _duplicate(session: Session, production_id: int, name: str, ignore: int | None) -> None:
    found = session.scalar(
        select(LocationRow.id).where(
            LocationRow.production_id == production_id, LocationRow.name == name
        )
    )
    if found is not None and found != ignore:
        raise Conflict(
            t("a location named '{name}' already exists", name=name),
            hint=t("Choose another name, or edit the existing location"),
        )


def insert_location(session: Session, production_id: int, fields: LocationFields) -> int:
    _duplicate(session, production_id, fields.name, None)
    row = LocationRow(production_id=production_id)
    _apply(row, fields)
    session.add(row)
    with unique(
        t("a location named '{name}' already exists", name=fields.name),
        hint=t("Choose another name, or edit the existing location"),
    ):
        session.flush()
    return row.id


def location_row(session: Session, production_id: int, location_id: int) -> LocationRow:
    row = session.get(LocationRow, location_id)
    if row is None or row.production_id != production_id:
        raise NotFound(
            t("no location #{id} in this production", id=location_id),
            hint=t("Reload the list of locations"),
        )
    return row


def update_location(
    session: Session,
    production_id: int,
    location_id: int,
    fields: LocationFields,
    *,
    expected_version: int,
) -> None:
    row = location_row(session, production_id, location_id)
    record = t("location '{name}'", name=row.name)
    check_version(record, stored=row.version, expected=expected_version)
    _duplicate(session, production_id, fields.name, row.id)
    _apply(row, fields)
    with unique(
        t("a location named '{name}' already exists", name=fields.name),
        hint=t("Choose another name, or edit the existing location"),
    ):
        flush_edit(session, row, record, expected=expected_version)


def delete_location(
    session: Session, production_id: int, location_id: int, *, expected_version: int
) -> None:
    row = location_row(session, production_id, location_id)
    record = t("location '{name}'", name=row.name)
    check_version(record, stored=row.version, expected=expected_version)
    session.delete(row)
    flush_edit(session, row, record, expected=expected_version)


def list_locations(
    session: Session, production_id: int, *, ids: list[int] | None = None
) -> list[LocationRecord]:
    """Locations of the production by name, with their sets and unavailability."""
    query = select(LocationRow).where(LocationRow.production_id == production_id)
    if ids is not None:
        query = query.where(LocationRow.id.in_(ids))
    rows = list(session.scalars(query.order_by(LocationRow.name, LocationRow.id)))
    sets: dict[int, list[str]] = defaultdict(list)
    for location_id, name in session.execute(
        select(SetLocationRow.location_id, SetRow.name)
        .join(SetRow, SetRow.id == SetLocationRow.set_id)
        .where(SetRow.production_id == production_id)
        .order_by(SetRow.name)
    ):
        sets[location_id].append(name)
    windows = availability.windows_of_locations(session, [row.id for row in rows])
    return [
        LocationRecord(
            id=row.id,
            name=row.name,
            address=row.address,
            latitude=row.latitude,
            longitude=row.longitude,
            open_weekdays=weekdays(row.open_weekdays),
            booking=_booking(row),
            notes=row.notes,
            sets=tuple(sets[row.id]),
            unavailable=tuple(windows.get(row.id, ())),
            version=row.version,
        )
        for row in rows
    ]


def _booking(row: LocationRow) -> DateRange | None:
    """The booking window; an open end is the first or last representable date."""
    if row.booking_start is None and row.booking_end is None:
        return None
    return DateRange(row.booking_start or dt.date.min, row.booking_end or dt.date.max)


def set_location_ids(session: Session, production_id: int) -> dict[int, int]:
    """``{set id: location id}`` for every mapped set of the production."""
    rows = session.execute(
        select(SetLocationRow.set_id, SetLocationRow.location_id)
        .join(SetRow, SetRow.id == SetLocationRow.set_id)
        .where(SetRow.production_id == production_id)
    )
    return dict(rows.all())


def set_row(session: Session, production_id: int, set_name: str) -> SetRow:
    row = session.scalar(
        select(SetRow).where(SetRow.production_id == production_id, SetRow.key == set_key(set_name))
    )
    if row is None:
        raise NotFound(
            t("no set '{name}' in this production", name=set_name),
            hint=t("Use a set name from the list of sets"),
        )
    return row


def map_set(session: Session, set_id: int, location_id: int | None) -> None:
    """Shoot the set at ``location_id`` (``None``: at no location yet)."""
    session.execute(delete(SetLocationRow).where(SetLocationRow.set_id == set_id))
    if location_id is not None:
        session.add(SetLocationRow(set_id=set_id, location_id=location_id))
    session.flush()


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def put_travel_time(
    session: Session, a: int, b: int, minutes: int, *, expected_version: int | None = None
) -> TravelTime:
    """Set the minutes between two locations (either order). Changing an entered time
    with ``expected_version`` refuses a stale edit."""
    first, second = _pair(a, b)
    row = session.get(TravelTimeRow, (first, second))
    if row is None:
        row = TravelTimeRow(location_a_id=first, location_b_id=second, minutes=minutes)
        session.add(row)
        with unique(
            t("this travel time was entered by someone else at the same moment"),
            hint=t("Reload the page"),
        ):
            session.flush()
    else:
        record = t("travel time")
        if expected_version is not None:
            check_version(record, stored=row.version, expected=expected_version)
        row.minutes = minutes
        if expected_version is None:
            session.flush()
        else:
            _flush_pair(session, row, record, expected_version)
    return TravelTime(row.location_a_id, row.location_b_id, row.minutes, row.version)


def _flush_pair(session: Session, row: TravelTimeRow, record: Text, expected: int) -> None:
    """Flush an edit of a travel time; a concurrent change gives ``StaleEdit``."""
    pair = (row.location_a_id, row.location_b_id)
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        stored = session.scalar(
            select(TravelTimeRow.version).where(
                TravelTimeRow.location_a_id == pair[0], TravelTimeRow.location_b_id == pair[1]
            )
        )
        if stored is None:
            raise NotFound(
                t("{record} was deleted by someone else; your edit was not saved", record=record),
                hint=t("Reload the page"),
            ) from None
        raise StaleEdit(record, expected=expected, actual=stored) from None


def delete_travel_time(session: Session, a: int, b: int) -> bool:
    row = session.get(TravelTimeRow, _pair(a, b))
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def travel_times(session: Session, production_id: int) -> list[TravelTime]:
    rows = session.scalars(
        select(TravelTimeRow)
        .join(LocationRow, LocationRow.id == TravelTimeRow.location_a_id)
        .where(LocationRow.production_id == production_id)
        .order_by(TravelTimeRow.location_a_id, TravelTimeRow.location_b_id)
    )
    return [TravelTime(r.location_a_id, r.location_b_id, r.minutes, r.version) for r in rows]
