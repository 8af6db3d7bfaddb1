# SPDX-License-Identifier: AGPL-3.0-or-later
"""The call sheet (feuille de service) of one shoot day: HTML fragment (embedded by the
web page), standalone PDF, and JSON.

The layout is the one production people expect on one or two A4 pages: a header band
(production, day N/M, date, unit call, sunrise and sunset, weather), the locations with
their address, map link, parking and nearest hospital, the scenes with eighths and cast,
the cast calls (pick-up, HMC, on set), the crew calls by department, the meal stop and its
counts, safety notes and the harassment-prevention contact, then the sheet's findings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import resources
from typing import Any

from regie.core.eighths import format_eighths
from regie.core.text import render as render_text
from regie.documents.i18n import error_messages, format_date, normalize_locale
from regie.documents.pdf import html_to_pdf
from regie.documents.templating import render
from regie.office.callsheet import CallSheet, local

__all__ = [
    "call_sheet_css",
    "call_sheet_fragment",
    "call_sheet_html",
    "call_sheet_json",
    "call_sheet_pdf",
]


def hhmm(moment: dt.datetime | None) -> str:
    return local(moment).strftime("%H:%M") if moment is not None else "—"


@dataclass(frozen=True, slots=True)
class SheetView:
    sheet: CallSheet
    date: str
    eighths: str
    findings: tuple[tuple[str, str], ...]  # (severity, message)


def _view(sheet: CallSheet, locale: str) -> SheetView:
    language = normalize_locale(locale)
    messages = error_messages(language)
    return SheetView(
        sheet=sheet,
        date=format_date(sheet.date, language, form="full"),
        eighths=format_eighths(sheet.eighths),
        findings=tuple(
            (f.severity.value, render_text(f.message, messages)) for f in sheet.findings
        ),
    )


def call_sheet_fragment(sheet: CallSheet, *, locale: str = "fr") -> str:
    """The sheet as an HTML fragment (the web page embeds it; the PDF prints it)."""
    return render(
        "callsheet/callsheet.html", locale, view=_view(sheet, locale), hhmm=hhmm,
        eighths=format_eighths,
    )  # fmt: skip


def call_sheet_css() -> str:
    """The sheet's styles, for a web page that embeds the fragment (strict CSP: no inline
    style)."""
    return (
        resources.files("regie.documents")
        .joinpath("templates", "callsheet", "callsheet.css")
        .read_text(encoding="utf-8")
    )


def call_sheet_html(sheet: CallSheet, *, locale: str = "fr") -> str:
    return render(
        "callsheet/document.html", locale, view=_view(sheet, locale), hhmm=hhmm,
        eighths=format_eighths, production={"title": sheet.production},
    )  # fmt: skip


def call_sheet_pdf(sheet: CallSheet, *, locale: str = "fr") -> bytes:
    return html_to_pdf(call_sheet_html(sheet, locale=locale))


def _time(moment: dt.datetime | None) -> str | None:
    return local(moment).isoformat(timespec="minutes") if moment is not None else None


def call_sheet_json(sheet: CallSheet, *, locale: str = "fr") -> dict[str, Any]:
    """The sheet as JSON values: the day's date, locations, scenes, cast and crew calls,
    sunrise and sunset (local times, ISO 8601 with offset)."""
    messages = error_messages(normalize_locale(locale))
    sun = sheet.sun
    return {
        "production": sheet.production,
        "date": sheet.date.isoformat(),
        "day": sheet.day_number,
        "days": sheet.day_count,
        "night": sheet.night,
        "unit_call": _time(sheet.unit_call),
        "shooting_wrap": _time(sheet.shooting_wrap),
        "sunrise": _time(sun.sunrise) if sun else None,
        "sunset": _time(sun.sunset) if sun else None,
        "dawn": _time(sun.dawn) if sun else None,
        "dusk": _time(sun.dusk) if sun else None,
        "weather": sheet.extras.weather,
        "locations": [
            {
                "id": p.id,
                "name": p.name,
                "address": p.address,
                "latitude": str(p.latitude) if p.latitude is not None else None,
                "longitude": str(p.longitude) if p.longitude is not None else None,
                "map": p.map_url,
            }
            for p in sheet.locations
        ],
        "parking": sheet.extras.parking,
        "hospital": sheet.extras.hospital,
        "scenes": [
            {
                "scene": s.label,
                "heading": s.heading,
                "int_ext": s.int_ext,
                "light": s.light,
                "eighths": s.eighths,
                "pages": format_eighths(s.eighths),
                "location": s.location,
                "cast": list(s.cast),
                "start": _time(s.start),
                "end": _time(s.end),
            }
            for s in sheet.scenes
        ],
        "eighths": sheet.eighths,
        "cast": [
            {
                "engagement": c.engagement,
                "name": c.name,
                "characters": list(c.characters),
                "pickup": _time(c.pickup),
                "pickup_place": c.pickup_place,
                "call": _time(c.call),
                "on_set": _time(c.on_set),
                "wrap": _time(c.wrap),
                "minor": c.minor,
            }
            for c in sheet.cast
        ],
        "crew": [
            {
                "engagement": c.engagement,
                "department": c.department,
                "name": c.name,
                "position": c.position,
                "call": _time(c.call),
                "wrap": _time(c.wrap),
            }
            for c in sheet.crew
        ],
        "meal": (
            {
                "start": _time(sheet.meal.start),
                "end": _time(sheet.meal.end),
                "total": sheet.meal.total,
                "special": dict(sheet.meal.counts),
            }
            if sheet.meal
            else None
        ),
        "safety_notes": sheet.extras.safety_notes,
        "harassment_contact": sheet.extras.harassment_contact,
        "notes": sheet.extras.notes,
        "findings": [
            {
                "severity": f.severity.value,
                "code": f.code,
                "message": render_text(f.message, messages),
            }
            for f in sheet.findings
        ],
    }
