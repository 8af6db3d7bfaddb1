# SPDX-License-Identifier: AGPL-3.0-or-later
"""Unavailability windows: dates a cast or crew member cannot work (another shoot, a
holiday) and dates a location cannot be used (a market day, works). Windows of one
person or place never overlap: extend a window rather than add a second one over it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from regie.core.errors import ValidationError
from regie.core.text import on_day, t
from regie.office.roles import Permission, User
from regie.schedule.people import Unavailability
from regie.services.access import production_for
from regie.services.database import Database
from regie.storage.repos import availability, locations, people

MAX_REASON = 500


def _check(start: dt.date, end: dt.date, reason: str, existing: Sequence[Unavailability]) -> None:
    if start > end:
        raise ValidationError(
            t("the window ends ({end}) before it starts ({start})",
              end=on_day(end), start=on_day(start)),
            field="end",
        )  # fmt: skip
    if len(reason) > MAX_REASON:
        raise ValidationError(
            t("the reason is limited to {max} characters", max=MAX_REASON), field="reason"
        )
    for window in existing:
        if start <= window.end and window.start <= end:
            raise ValidationError(
                t("these dates overlap the window from {start} to {end}",
                  start=on_day(window.start), end=on_day(window.end)),
                field="start",
                hint=t("Change that window instead of adding another one over it"),
            )  # fmt: skip


def add_engagement_window(
    db: Database,
    slug: str,
    engagement_id: int,
    start: dt.date,
    end: dt.date,
    *,
    reason: str = "",
    actor: User | None,
) -> Unavailability:
    """Dates (inclusive) when the engaged person cannot work."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_PEOPLE)
        people.engagement_row(session, production.id, engagement_id)
        existing = availability.windows_of_engagements(session, [engagement_id])
        _check(start, end, reason, existing.get(engagement_id, []))
        return availability.insert_window(
            session, engagement_id=engagement_id, start=start, end=end, reason=reason.strip()
        )


def add_location_window(
    db: Database,
    slug: str,
    location_id: int,
    start: dt.date,
    end: dt.date,
    *,
    reason: str = "",
    actor: User | None,
) -> Unavailability:
    """Dates (inclusive) when the location cannot be used."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        locations.location_row(session, production.id, location_id)
        existing = availability.windows_of_locations(session, [location_id])
        _check(start, end, reason, existing.get(location_id, []))
        return availability.insert_window(
            session, location_id=location_id, start=start, end=end, reason=reason.strip()
        )


def remove_window(
    db: Database, slug: str, window_id: int, expected_version: int, *, actor: User | None
) -> None:
    """Remove a window of a person (needs the right to edit the cast and crew) or of a
    location (the right to edit the schedule)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        owner = availability.window_owner(session, production.id, window_id)
        needed = Permission.EDIT_PEOPLE if owner == "engagement" else Permission.EDIT_SCHEDULE
        production_for(session, slug, actor, needed)
        availability.delete_window(
            session, production.id, window_id, expected_version=expected_version
        )
