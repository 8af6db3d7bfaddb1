# SPDX-License-Identifier: AGPL-3.0-or-later
"""The scouting report (rapport de repérages) of a production, read in one transaction:
the scouted locations (or all of them) with their scouting record, photo thumbnails,
permits (deadlines from the current board), shoot days and conflicts, rendered by
:mod:`regie.documents.scouting` as the web page's fragment or as a PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from regie.core.production import Production
from regie.documents.scouting import ScoutedLocation, scouting_html, scouting_pdf
from regie.logistics import permits as deadlines
from regie.logistics.locations import ScoutingFields, ScoutingRecord
from regie.office.roles import Permission, User
from regie.rules.registry import pack
from regie.services.access import production_for
from regie.services.database import Database
from regie.services.location_conflicts import board_usage, conflicts_in, current_permits
from regie.storage.repos import location_office as office


def scouted_locations(
    db: Database,
    slug: str,
    *,
    actor: User | None,
    today: dt.date | None,
    every_location: bool = False,
    rule_dirs: tuple[Path, ...] = (),
) -> tuple[Production, list[ScoutedLocation]]:
    """The locations the report prints: those with a saved scouting record, or every
    location with ``every_location``; by name."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        usage = board_usage(session, production)
        conflicts = conflicts_in(session, production, today=today, rule_dirs=rule_dirs)
        places = conflicts.locations
        ids = [p.id for p in places]
        records = office.scoutings(session, ids)
        photos = office.photos(session, ids)
        thumbs = office.thumbnails(session, ids)
        permits = current_permits(session, production, usage, rule_dirs)
    entries = [
        ScoutedLocation(
            location=place,
            scouting=records.get(place.id) or ScoutingRecord(place.id, ScoutingFields()),
            photos=tuple((p, thumbs[p.id]) for p in photos if p.location_id == place.id),
            permits=tuple(p for p in permits if p.location_id == place.id),
            findings=tuple(f for f in conflicts.findings if f.location_id == place.id),
            shoot_days=usage.dates.get(place.id, ()),
        )
        for place in places
        if place.id in records or every_location
    ]
    return production, entries


def report_html(
    db: Database,
    slug: str,
    *,
    actor: User | None,
    today: dt.date | None,
    locale: str = "fr",
    every_location: bool = False,
    rule_dirs: tuple[Path, ...] = (),
) -> str:
    """The report's ``<article>`` for a web page."""
    production, entries = scouted_locations(
        db, slug, actor=actor, today=today, every_location=every_location, rule_dirs=rule_dirs
    )
    authorities = deadlines.lead_times(pack(deadlines.PACK_ID, extra_dirs=rule_dirs))
    return scouting_html(production, entries, authorities=authorities, locale=locale, fragment=True)


def report_pdf(
    db: Database,
    slug: str,
    *,
    actor: User | None,
    today: dt.date | None,
    locale: str = "fr",
    every_location: bool = False,
    rule_dirs: tuple[Path, ...] = (),
) -> bytes:
    """The report as PDF for the heads of department."""
    production, entries = scouted_locations(
        db, slug, actor=actor, today=today, every_location=every_location, rule_dirs=rule_dirs
    )
    authorities = deadlines.lead_times(pack(deadlines.PACK_ID, extra_dirs=rule_dirs))
    return scouting_pdf(production, entries, authorities=authorities, locale=locale)
