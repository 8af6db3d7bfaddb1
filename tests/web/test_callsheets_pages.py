# SPDX-License-Identifier: AGPL-3.0-or-later
"""Call sheets on the web, on ``Marée basse`` planned (tests/web/planning.py: day 1,
Monday 1 March 2027, scenes 1–3 calling Anne Kerlo, Tom Riou and the gaffer Paul Ortiz):
the day's page, the details saved through htmx, issuing, the PDF as issued, the e-mail
round trip through a real SMTP server on 127.0.0.1 (send, open the personal link,
confirm, the confirmation board), and who may do what."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pdfplumber
import pytest

from regie.schedule.people import Engagement, PersonFields
from regie.services import mail, people
from regie.services.database import Database
from regie.services.mail import Mailer
from tests.services.smtp import Inbox, personal_link, smtp_server
from tests.web.conftest import CSRF, Browser
from tests.web.planning import Planned

SHEET = re.compile(r'href="/p/maree-basse/callsheets/(\d+)"')


def day_url(planned: Planned, day: int = 1, rest: str = "") -> str:
    return f"/p/{planned.slug}/boards/{planned.board.id}/days/{day}/callsheet{rest}"


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return " ".join(" ".join(page.extract_text() or "" for page in pdf.pages).split())


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Inbox, Mailer]]:
    with smtp_server() as (inbox, mailer):
        monkeypatch.setenv(
            mail.SMTP_URL_ENV, f"smtp://127.0.0.1:{mailer.settings.port}?from=fds@maree.fr"
        )
        monkeypatch.delenv(mail.BASE_URL_ENV, raising=False)
        yield inbox, mailer


def _email(database: Database, planned: Planned, engagement: Engagement, address: str) -> None:
    person = people.get_engagement(database, planned.slug, engagement.id, actor=None).person
    people.update_person(
        database, planned.slug, person.id, PersonFields(person.full_name, email=address),
        person.version, actor=None,
    )  # fmt: skip


def _issue(manager: Browser, planned: Planned) -> int:
    response = manager.post(day_url(planned, rest="/issue"))
    assert response.status_code == 303, response.text
    found = re.fullmatch(r"/p/maree-basse/callsheets/(\d+)", response.headers["location"])
    assert found is not None
    return int(found.group(1))


def test_the_day_page_is_linked_from_the_stripboard_and_shows_the_sheet(
    planned: Planned, browser_for: Callable[[str], Browser]
) -> None:
    crew = browser_for("crew")
    board = crew.get(f"/p/{planned.slug}/boards/{planned.board.id}")
    assert f'href="{day_url(planned)}"' in board.text
    page = crew.get(day_url(planned))
    assert page.status_code == 200
    html = page.text
    assert '<article class="regie-document callsheet">' in html
    assert '<link rel="stylesheet" href="/assets/callsheet.css">' in html
    assert "Anne Kerlo" in html
    assert "Paul Ortiz" in html
    assert 'name="weather"' not in html  # crew reads, does not edit
    assert "/issue" not in html
    css = crew.get("/assets/callsheet.css")
    assert css.status_code == 200
    assert ".callsheet .band" in css.text
    assert crew.get(day_url(planned, day=9)).status_code == 404


def test_details_saved_through_htmx_then_a_stale_save_refused(
    planned: Planned, browser_for: Callable[[str], Browser]
) -> None:
    manager = browser_for("manager")
    page = manager.get(day_url(planned))
    assert 'name="weather"' in page.text
    assert 'name="version" value="0"' in page.text
    yvonne = planned.yvonne.id
    form = {
        "version": "0",
        "weather": "Vent d’ouest, 11 °C",
        "hospital": "CH de Vannes, urgences",
        "harassment_contact": "Référente VHSS : Lise Moal 06 00 00 00 00",
        "meals": "végétarien : 3\nsans gluten : 1",
        f"pickup_time_{yvonne}": "06:10",
        f"pickup_place_{yvonne}": "Gare d’Auray",
    }
    saved = manager.post(day_url(planned, rest="/extras"), form, htmx=True)
    assert saved.status_code == 200, saved.text
    assert saved.text.startswith('<section id="callsheet-current"')
    assert "Vent d’ouest, 11 °C" in saved.text
    assert "Gare d’Auray" in saved.text
    assert 'name="version" value="1"' in saved.text
    assert "végétarien" in saved.text

    stale = manager.post(day_url(planned, rest="/extras"), {**form, "weather": "Pluie"}, htmx=True)
    assert stale.status_code == 409
    bad = manager.post(day_url(planned, rest="/extras"), {**form, "version": "1", "meals": "x"})
    assert bad.status_code == 400
    assert "Vent d’ouest" in manager.get(day_url(planned)).text


def test_issue_then_the_pdf_as_issued(
    planned: Planned, browser_for: Callable[[str], Browser]
) -> None:
    manager = browser_for("manager")
    sheet_id = _issue(manager, planned)
    page = manager.get(f"/p/{planned.slug}/callsheets/{sheet_id}")
    assert page.status_code == 200
    assert '<article class="regie-document callsheet">' in page.text
    day = manager.get(day_url(planned))
    assert SHEET.search(day.text) is not None
    pdf = manager.get(f"/p/{planned.slug}/callsheets/{sheet_id}.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert re.fullmatch(
        r'attachment; filename="[A-Z0-9]+_20270301_FDS_jour-1_v01\.pdf"',
        pdf.headers["content-disposition"],
    )
    text = pdf_text(pdf.content)
    assert "Anne Kerlo" in text
    assert "Paul Ortiz" in text
    preview = manager.get(day_url(planned, rest=".pdf"))
    assert preview.headers["content-type"] == "application/pdf"


def test_crew_reads_issued_sheets_but_cannot_issue_save_or_send(
    planned: Planned, browser_for: Callable[[str], Browser]
) -> None:
    sheet_id = _issue(browser_for("manager"), planned)
    crew = browser_for("crew")
    assert crew.post(day_url(planned, rest="/issue")).status_code == 403
    assert crew.post(day_url(planned, rest="/extras"), {"version": "0"}).status_code == 403
    assert crew.post(f"/p/{planned.slug}/callsheets/{sheet_id}/send").status_code == 403
    page = crew.get(f"/p/{planned.slug}/callsheets/{sheet_id}")
    assert page.status_code == 200
    assert "confirmations" not in page.text
    assert browser_for("guest").get(day_url(planned)).status_code == 403
    assert (
        browser_for("outsider").get(f"/p/{planned.slug}/callsheets/{sheet_id}").status_code == 404
    )


def test_unknown_personal_links_are_not_found(
    app: object, browser_for: Callable[[str], Browser]
) -> None:
    visitor = browser_for("anonymous")
    assert visitor.get("/c/" + "A" * 43).status_code == 404
    assert visitor.get("/c/nope.pdf").status_code == 404
    assert visitor.post("/c/" + "A" * 43).status_code == 404


def test_send_open_and_confirm_round_trip(
    database: Database,
    planned: Planned,
    browser_for: Callable[[str], Browser],
    smtp: tuple[Inbox, Mailer],
) -> None:
    inbox, _mailer = smtp
    _email(database, planned, planned.yvonne, "anne.kerlo@maree.fr")
    _email(database, planned, planned.gaffer, "paul.ortiz@maree.fr")
    manager = browser_for("manager")
    sheet_id = _issue(manager, planned)
    board_url = f"/p/{planned.slug}/callsheets/{sheet_id}"
    assert f'action="{board_url}/send"' in manager.get(board_url).text
    sent = manager.post(f"{board_url}/send")
    assert sent.status_code == 303
    assert sorted(m["To"] for m in inbox.messages) == ["anne.kerlo@maree.fr", "paul.ortiz@maree.fr"]

    link = personal_link(inbox.to("anne.kerlo@maree.fr"))
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}" == "https://testserver"  # the server's own URL
    visitor = browser_for("anonymous")
    opened = visitor.get(parts.path)
    assert opened.status_code == 200
    assert opened.headers["x-robots-tag"] == "noindex, nofollow"
    assert "Anne Kerlo" in opened.text
    assert f'action="{parts.path}"' in opened.text
    assert visitor.get(parts.path + ".pdf").headers["content-type"] == "application/pdf"

    # Without the page's CSRF token the confirmation is refused and not recorded.
    forged = visitor.client.post(parts.path, data={})
    assert forged.status_code == 403
    token = CSRF.search(opened.text)
    assert token is not None
    visitor.token = token.group(1)
    confirmed = visitor.post(parts.path)
    assert confirmed.status_code == 303
    assert confirmed.headers["location"] == parts.path
    after = visitor.get(parts.path)
    assert f'action="{parts.path}"' not in after.text  # nothing left to confirm

    board = manager.get(board_url).text
    rows = re.findall(r'<tr class="recipient-(\w+)">\s*<td>([^<]+)</td>', board)
    assert sorted(rows) == [
        ("confirmed", "Anne Kerlo"),
        ("sent", "Paul Ortiz"),
        ("unreachable", "Tom Riou"),  # no e-mail address: listed, to be given the sheet
    ]
