# SPDX-License-Identifier: AGPL-3.0-or-later
"""Locations (décors naturels, studios): create, edit, delete; which set is shot where;
travel times between locations (company moves). Unavailability windows are in
:mod:`regie.services.availability`.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from regie.core.errors import ValidationError
from regie.core.text import on_day, t
from regie.office.roles import Permission, User
from regie.schedule.catalog import LocationFields, LocationRecord, TravelTime
from regie.services.access import production_for
from regie.services.database import Database
from regie.storage.repos import locations

MAX_NAME = 200
MAX_ADDRESS = 1_000
MAX_NOTES = 20_000
MAX_TRAVEL = 24 * 60
MICRODEGREE = Decimal("0.000001")


def _coordinate(value: Decimal | None, limit: int, field: str) -> Decimal | None:
    if value is None:
        return None
    if not value.is_finite() or not -limit <= value <= limit:
        raise ValidationError(
            t("{field} must be between -{limit} and {limit} degrees, not {value}",
              field=field, limit=limit, value=value),
            field=field,
            hint=t("Give decimal degrees (WGS 84), as a map shows them"),
        )  # fmt: skip
    if value != value.quantize(MICRODEGREE):
        raise ValidationError(
            t("{field} has more than six decimals", field=field),
            field=field,
            hint=t("Six decimals place a point within about ten centimetres"),
        )
    return value


def clean_fields(fields: LocationFields) -> LocationFields:
    """The fields with spaces normalised, or a ``ValidationError`` naming the field."""
    name = " ".join(fields.name.split())
    if not name or len(name) > MAX_NAME:
        raise ValidationError(
            t("the name must have 1 to {max} characters", max=MAX_NAME), field="name"
        )
    if len(fields.address) > MAX_ADDRESS:
        raise ValidationError(
            t("the address is limited to {max} characters", max=MAX_ADDRESS), field="address"
        )
    if len(fields.notes) > MAX_NOTES:
        raise ValidationError(
            t("notes are limited to {max} characters", max=MAX_NOTES), field="notes"
        )
    if (fields.latitude is None) != (fields.longitude is None):
        raise ValidationError(
            t("give both the latitude and the longitude, or neither"), field="latitude"
        )
    if not fields.open_weekdays or not fields.open_weekdays <= frozenset(range(7)):
        raise ValidationError(
            t("a location is open on at least one day of the week (0 = Monday to 6 = Sunday)"),
            field="open_weekdays",
        )
    start, end = fields.booking_start, fields.booking_end
    if start is not None and end is not None and start > end:
        raise ValidationError(
            t("the booking ends ({end}) before it starts ({start})",
              end=on_day(end), start=on_day(start)),
            field="booking_end",
        )  # fmt: skip
    return dataclasses.replace(
        fields,
        name=name,
        address=fields.address.strip(),
        latitude=_coordinate(fields.latitude, 90, "latitude"),
        longitude=_coordinate(fields.longitude, 180, "longitude"),
    )


def list_locations(db: Database, slug: str, *, actor: User | None) -> list[LocationRecord]:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        return locations.list_locations(session, production.id)


def get_location(
    db: Database, slug: str, location_id: int, *, actor: User | None
) -> LocationRecord:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        locations.location_row(session, production.id, location_id)
        return locations.list_locations(session, production.id, ids=[location_id])[0]


def add_location(
    db: Database, slug: str, fields: LocationFields, *, actor: User | None
) -> LocationRecord:
    clean = clean_fields(fields)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        location_id = locations.insert_location(session, production.id, clean)
        return locations.list_locations(session, production.id, ids=[location_id])[0]


def update_location(
    db: Database,
    slug: str,
    location_id: int,
    fields: LocationFields,
    expected_version: int,
    *,
    actor: User | None,
) -> LocationRecord:
    clean = clean_fields(fields)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        locations.update_location(
            session, production.id, location_id, clean, expected_version=expected_version
        )
        return locations.list_locations(session, production.id, ids=[location_id])[0]


def delete_location(
    db: Database, slug: str, location_id: int, expected_version: int, *, actor: User | None
) -> None:
    """Delete a location; its sets are then shot nowhere yet, its travel times go."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        locations.delete_location(
            session, production.id, location_id, expected_version=expected_version
        )


def map_set(
    db: Database, slug: str, set_name: str, location_id: int | None, *, actor: User | None
) -> LocationRecord | None:
    """Shoot the set ``set_name`` (as written in the script) at a location (``None``: at
    no location). Returns the location with its sets."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        set_row = locations.set_row(session, production.id, set_name)
        if location_id is not None:
            locations.location_row(session, production.id, location_id)
        locations.map_set(session, set_row.id, location_id)
        if location_id is None:
            return None
        return locations.list_locations(session, production.id, ids=[location_id])[0]


def set_travel_time(
    db: Database,
    slug: str,
    location_a: int,
    location_b: int,
    minutes: int,
    *,
    actor: User | None,
    expected_version: int | None = None,
) -> TravelTime:
    """The minutes the unit needs to move between two locations (either way)."""
    if location_a == location_b:
        raise ValidationError(t("a travel time joins two different locations"), field="location_b")
    if not 0 <= minutes <= MAX_TRAVEL:
        raise ValidationError(
            t("a travel time must be 0 to {max} minutes, not {minutes}",
              max=MAX_TRAVEL, minutes=minutes),
            field="minutes",
        )  # fmt: skip
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        locations.location_row(session, production.id, location_a)
        locations.location_row(session, production.id, location_b)
        return locations.put_travel_time(
            session, location_a, location_b, minutes, expected_version=expected_version
        )


def remove_travel_time(
    db: Database, slug: str, location_a: int, location_b: int, *, actor: User | None
) -> bool:
    """Forget an entered travel time (the schedule's default applies again)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        locations.location_row(session, production.id, location_a)
        locations.location_row(session, production.id, location_b)
        return locations.delete_travel_time(session, location_a, location_b)


def travel_times(db: Database, slug: str, *, actor: User | None) -> list[TravelTime]:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        return locations.travel_times(session, production.id)
