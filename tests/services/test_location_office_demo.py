# SPDX-License-Identifier: AGPL-3.0-or-later
"""The demo production's locations office: two scouted locations with coordinates, a
photo each, permits and certificates, a scouting report, and conflicts with the board that
the stripboard and the call sheet check show."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pdfplumber

from regie.logistics.location_checks import location_findings
from regie.services import location_conflicts, location_office, location_report, locations
from regie.services.demo import build_demo
from regie.services.demo_scouting import FERRY, VILLAGE


def test_the_demo_has_two_scouted_locations_a_report_and_conflicts(tmp_path: Path) -> None:
    summary = build_demo(tmp_path / "demo")
    db = summary.config.database()
    try:
        slug = summary.production.slug
        places = {p.name: p for p in locations.list_locations(db, slug, actor=None)}
        scouted = [
            name for name, place in places.items()
            if location_office.get_scouting(db, slug, place.id, actor=None).version
        ]  # fmt: skip
        assert sorted(scouted) == sorted([FERRY, VILLAGE])
        for name in scouted:
            assert places[name].latitude is not None
            assert len(location_office.list_photos(db, slug, places[name].id, actor=None)) == 1
        start = summary.schedule.settings.start
        found = location_conflicts.location_conflicts(
            db, slug, actor=None, today=start - dt.timedelta(weeks=3)
        )
        codes = {f.code for f in found.findings}
        assert "insurance.expires" in codes  # the ferry's certificate ends on the 2nd day
        pdf = location_report.report_pdf(db, slug, actor=None, today=None)
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            text = "\n".join(p.extract_text() or "" for p in document.pages)
            assert len(document.pages) == 2
        assert FERRY in text
        assert VILLAGE in text
        assert "Mairie de Sainte-Aude" in text
        days = location_conflicts.shoot_days(db, slug, actor=None)
        village = places[VILLAGE]
        permits = location_office.list_permits(db, slug, actor=None)
        on_first = location_findings(village, permits, days[village.id][0])
        assert [f.code for f in on_first] == ["permit.not_granted"]  # requested, not granted
    finally:
        db.dispose()
