# SPDX-License-Identifier: AGPL-3.0-or-later
"""Unavailability windows of engagements (a person cannot work) and of locations (a place
cannot be used), in date order."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from regie.core.errors import NotFound
from regie.core.text import t
from regie.schedule.people import Unavailability
from regie.storage.guard import check_version, flush_edit
from regie.storage.tables import EngagementRow, LocationRow, UnavailabilityRow


def _record(row: UnavailabilityRow) -> Unavailability:
    return Unavailability(row.id, row.start_date, row.end_date, row.reason, row.version)


def _grouped(
    rows: Sequence[tuple[int | None, UnavailabilityRow]],
) -> dict[int, list[Unavailability]]:
    found: dict[int, list[Unavailability]] = defaultdict(list)
    for owner, row in rows:
        if owner is not None:
            found[owner].append(_record(row))
    return dict(found)


def windows_of_engagements(
    session: Session, engagement_ids: Sequence[int]
) -> dict[int, list[Unavailability]]:
    if not engagement_ids:
        return {}
    rows = session.execute(
        select(UnavailabilityRow.engagement_id, UnavailabilityRow)
        .where(UnavailabilityRow.engagement_id.in_(engagement_ids))
        .order_by(UnavailabilityRow.start_date, UnavailabilityRow.id)
    )
    return _grouped(rows.all())


def windows_of_locations(
    session: Session, location_ids: Sequence[int]
) -> dict[int, list[Unavailability]]:
    if not location_ids:
        return {}
    rows = session.execute(
        select(UnavailabilityRow.location_id, UnavailabilityRow)
        .where(UnavailabilityRow.location_id.in_(location_ids))
        .order_by(UnavailabilityRow.start_date, UnavailabilityRow.id)
    )
    return _grouped(rows.all())


def insert_window(
    session: Session,
    *,
    engagement_id: int | None = None,
    location_id: int | None = None,
    start: dt.date,
    end: dt.date,
    reason: str = "",
) -> Unavailability:
    row = UnavailabilityRow(
        engagement_id=engagement_id,
        location_id=location_id,
        start_date=start,
        end_date=end,
        reason=reason,
    )
    session.add(row)
    session.flush()
    return _record(row)


def _row(session: Session, production_id: int, window_id: int) -> UnavailabilityRow:
    row = session.scalar(
        select(UnavailabilityRow)
        .outerjoin(EngagementRow, EngagementRow.id == UnavailabilityRow.engagement_id)
        .outerjoin(LocationRow, LocationRow.id == UnavailabilityRow.location_id)
        .where(
            UnavailabilityRow.id == window_id,
            (EngagementRow.production_id == production_id)
            | (LocationRow.production_id == production_id),
        )
    )
    if row is None:
        raise NotFound(
            t("no unavailability window #{id} in this production", id=window_id),
            hint=t("Reload the page"),
        )
    return row


def window_owner(session: Session, production_id: int, window_id: int) -> str:
    """``"engagement"`` or ``"location"``: what the window belongs to."""
    row = _row(session, production_id, window_id)
    return "engagement" if row.engagement_id is not None else "location"


def delete_window(
    session: Session, production_id: int, window_id: int, *, expected_version: int
) -> None:
    row = _row(session, production_id, window_id)
    record = t(
        "unavailability from {start} to {end}",
        start=row.start_date.isoformat(),
        end=row.end_date.isoformat(),
    )
    check_version(record, stored=row.version, expected=expected_version)
    session.delete(row)
    flush_edit(session, row, record, expected=expected_version)
