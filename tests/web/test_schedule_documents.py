# SPDX-License-Identifier: AGPL-3.0-or-later
"""A board's documents from the web, read back: the day-out-of-days page (the documents'
HTML), its PDF and workbook, the shooting schedule PDF, the shoot days as iCalendar, and
the working time of the board's day plans with rules, sources and premium hours."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pdfplumber
from icalendar import Calendar, Event
from openpyxl import load_workbook

from tests.web.conftest import Browser
from tests.web.planning import MONDAY, Planned

PARIS = ZoneInfo("Europe/Paris")
NAME = re.compile(
    r'attachment; filename="(MAREE|[A-Z0-9]+)_\d{8}_([A-Z-]+)_([a-z0-9-]+)_v01\.(\w+)"'
)


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    # Table cells wrap where the font's widths say: compare words, not lines.
    return " ".join(text.split())


def url(planned: Planned, rest: str = "") -> str:
    return f"/p/{planned.slug}/boards/{planned.board.id}{rest}"


def test_the_dood_page_and_its_downloads(
    planned: Planned, browser_for: Callable[[str], Browser]
) -> None:
    crew = browser_for("crew")
    page = crew.get(url(planned, "/dood"))
    assert page.status_code == 200
    html = page.text
    assert '<article class="regie-document dood' in html
    assert "Anne Kerlo" in html
    assert "Tom Riou" in html
    assert 'class="code code-work">SW<' in html or ">SW<" in html
    assert 'href="/p/maree-basse/boards/1/dood.pdf"' in html

    pdf = crew.get(url(planned, "/dood.pdf"))
    assert pdf.headers["content-type"] == "application/pdf"
    found = NAME.match(pdf.headers["content-disposition"])
    assert found is not None
    assert found.group(2, 3, 4) == ("DOOD", "version-de-travail", "pdf")
    text = pdf_text(pdf.content)
    assert "Anne Kerlo" in text
    assert "Jo Le Du" in text

    xlsx = crew.get(url(planned, "/dood.xlsx"))
    assert xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(xlsx.content))
    cells = {str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row}
    assert {"Anne Kerlo", "Tom Riou", "Jo Le Du"} <= cells
    assert {"SW", "WF"} & cells


def test_the_shooting_schedule_pdf(planned: Planned, browser_for: Callable[[str], Browser]) -> None:
    answer = browser_for("accountant").get(url(planned, "/schedule.pdf"))
    assert answer.status_code == 200
    assert answer.content.startswith(b"%PDF")
    found = NAME.match(answer.headers["content-disposition"])
    assert found is not None
    assert found.group(2) == "PLAN-DE-TRAVAIL"
    text = pdf_text(answer.content)
    assert "Plan de travail" in text
    assert "PLAGE DES GRANDS" in text  # the set's cell may wrap: "SABLES" on its next line
    assert "SABLES" in text
    assert "Anne Kerlo n’est pas disponible le 03/03/2027" in text


def test_the_shoot_days_as_icalendar(
    planned: Planned, browser_for: Callable[[str], Browser]
) -> None:
    answer = browser_for("crew").get(url(planned, ".ics"))
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/calendar")
    assert answer.headers["content-disposition"].endswith('.ics"')
    calendar = Calendar.from_ical(answer.content)
    events = [c for c in calendar.walk("VEVENT") if isinstance(c, Event)]
    starts = [e.decoded("dtstart") for e in events]
    assert starts[:3] == [
        dt.datetime(2027, 3, 1, 8, 0, tzinfo=PARIS),
        dt.datetime(2027, 3, 2, 18, 0, tzinfo=PARIS),  # the night day is called at 18:00
        dt.datetime(2027, 3, 3, 8, 0, tzinfo=PARIS),
    ]
    assert all(s.date() >= MONDAY for s in starts)
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert all(u.endswith("@regie.local") for u in uids)
    # The same UIDs on the next export: calendars update the events instead of doubling them.
    again = Calendar.from_ical(browser_for("manager").get(url(planned, ".ics")).content)
    assert [str(e["uid"]) for e in again.walk("VEVENT")] == uids


def test_working_time_per_person_with_rules_sources_and_premiums(
    planned: Planned, browser_for: Callable[[str], Browser]
) -> None:
    answer = browser_for("manager").get(url(planned, "/worktime"))
    assert answer.status_code == 200
    html = answer.text
    assert "worktime-idcc3097@2026.1" in html
    # The 11-hour daily rest, broken between days 2 and 3: rule, article, source, people.
    assert "<code>worktime-idcc3097:daily_rest.minimum</code> · Titre II art. 27" in html
    assert "Convention collective nationale de la production cinématographique" in html
    assert "Anne Kerlo se repose 9h25 entre le 02/03/2027 et le 03/03/2027" in html
    assert "Interdit tel que prévu" in html  # severity "error", as the page words it
    # Each person's days, and the gaffer's premium hours with their rule.
    assert f'id="person-{planned.gaffer.id}"' in html
    assert "Heures majorées" in html
    assert "Engagement à la journée" in html
    assert "Travail de nuit" in html
    assert "50\u00a0%" in html
