# SPDX-License-Identifier: AGPL-3.0-or-later
"""The scouting report (rapport de repérages) for the heads of department, as HTML and PDF:
per location its address and map link (OpenStreetMap), type, shoot days, photos (the
stored JPEG thumbnails, embedded as ``data:`` URLs), access and accessibility for people
with reduced mobility, safety (power, emergency exits, working height, water), parking,
neighbours, noise, contacts, the permits with their deadline and status, and the
conflicts with the board.

The web page embeds the same fragment the PDF is printed from.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from regie.core.production import Production
from regie.documents.i18n import error_messages, normalize_locale
from regie.documents.pdf import html_to_pdf
from regie.documents.templating import N_, gettext_for, render
from regie.logistics.location_checks import LocationFinding
from regie.logistics.locations import (
    LOCATION_TYPE_LABELS,
    NOISE_LABELS,
    PERMIT_STATUS_LABELS,
    PermitRecord,
    PhotoRecord,
    ScoutingFields,
    ScoutingRecord,
)
from regie.logistics.permits import LeadTime
from regie.schedule.catalog import LocationRecord

__all__ = ["ScoutedLocation", "scouting_html", "scouting_pdf"]

PRM_LABELS = {True: N_("Accessible"), False: N_("Not accessible"), None: N_("Not assessed")}


@dataclass(frozen=True, slots=True)
class ScoutedLocation:
    """What the report prints about one location (the service gathers it)."""

    location: LocationRecord
    scouting: ScoutingRecord
    photos: tuple[tuple[PhotoRecord, bytes], ...] = ()  # with their JPEG thumbnails
    permits: tuple[PermitRecord, ...] = ()
    findings: tuple[LocationFinding, ...] = ()
    shoot_days: tuple[dt.date, ...] = ()


@dataclass(frozen=True, slots=True)
class PhotoView:
    caption: str
    file_name: str
    src: str  # data: URL of the thumbnail


@dataclass(frozen=True, slots=True)
class PermitView:
    authority: str  # the kind, worded
    name: str
    reference: str
    status: str
    status_key: str
    requested_on: dt.date | None
    deadline: dt.date | None
    covers: tuple[dt.date, dt.date] | None
    rule: str


@dataclass(frozen=True, slots=True)
class LocationView:
    entry: ScoutedLocation
    kind: str
    prm: str
    noise: str
    map_url: str | None
    photos: tuple[PhotoView, ...]
    permits: tuple[PermitView, ...]
    findings: tuple[tuple[str, str], ...]  # (severity, message)

    @property
    def location(self) -> LocationRecord:
        return self.entry.location

    @property
    def fields(self) -> ScoutingFields:
        return self.entry.scouting.fields


def map_url(location: LocationRecord) -> str | None:
    """An OpenStreetMap link to the place (no key, no tracking)."""
    if location.latitude is None or location.longitude is None:
        return None
    lat, lon = location.latitude, location.longitude
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


def _pair(labels: tuple[str, str], language: str) -> str:
    return labels[1] if language == "en" else labels[0]


def _view(
    entry: ScoutedLocation, authorities: Mapping[str, LeadTime], language: str
) -> LocationView:
    _ = gettext_for(language).gettext
    words = error_messages(language)
    fields = entry.scouting.fields
    permits = tuple(
        PermitView(
            authority=authorities[p.fields.authority].label(language)
            if p.fields.authority in authorities
            else p.fields.authority,
            name=p.fields.authority_name,
            reference=p.fields.reference,
            status=_pair(PERMIT_STATUS_LABELS[p.fields.status], language),
            status_key=p.fields.status.value,
            requested_on=p.fields.requested_on,
            deadline=p.deadline,
            covers=(p.fields.covers_start, p.fields.covers_end)
            if p.fields.covers_start is not None and p.fields.covers_end is not None
            else None,
            rule=p.lead_rule,
        )
        for p in entry.permits
    )
    return LocationView(
        entry=entry,
        kind=_pair(LOCATION_TYPE_LABELS[fields.kind], language) if fields.kind else "",
        prm=_(PRM_LABELS[fields.prm_access]),
        noise=_pair(NOISE_LABELS[fields.noise], language),
        map_url=map_url(entry.location),
        photos=tuple(
            PhotoView(
                photo.caption,
                photo.file_name,
                "data:image/jpeg;base64," + base64.b64encode(thumb).decode("ascii"),
            )
            for photo, thumb in entry.photos
        ),
        permits=permits,
        findings=tuple((f.severity.value, f.message.translate(words)) for f in entry.findings),
    )


def scouting_html(
    production: Production,
    entries: Sequence[ScoutedLocation],
    *,
    authorities: Mapping[str, LeadTime],
    locale: str = "fr",
    fragment: bool = False,
) -> str:
    """The report as HTML: ``fragment=True`` gives the ``<article>`` a web page embeds,
    else the standalone document :func:`scouting_pdf` prints."""
    language = normalize_locale(locale)
    template = "scouting/report.html" if fragment else "scouting/document.html"
    return render(
        template,
        language,
        production=production,
        views=[_view(e, authorities, language) for e in entries],
    )


def scouting_pdf(
    production: Production,
    entries: Sequence[ScoutedLocation],
    *,
    authorities: Mapping[str, LeadTime],
    locale: str = "fr",
) -> bytes:
    return html_to_pdf(scouting_html(production, entries, authorities=authorities, locale=locale))
