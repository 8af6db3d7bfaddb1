# SPDX-License-Identifier: AGPL-3.0-or-later
"""The call-sheet e-mail round trip end to end: ``Marée basse`` planned, day 1 issued and
sent through a real SMTP server on 127.0.0.1 (aiosmtpd) with links to a live regie
server; a real headless Chromium opens Anne Kerlo's personal link from the e-mail (no
sign-in), sees the frozen sheet, clicks "confirm" and sees her confirmation; the
confirmation board says so. Nothing breaks the strict CSP. A screenshot goes to
tests/web/artifacts/.

Skipped when no chromium is installed, unless REGIE_REQUIRE_E2E=1 (CI): then it fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from regie.office.callsheet_catalog import RecipientStatus
from regie.schedule.people import PersonFields
from regie.services import callsheet_mail, callsheets, people
from regie.services.database import Database, sqlite_url
from tests.services.smtp import personal_link, smtp_server
from tests.web.conftest import ARTIFACTS, live_server, make_office
from tests.web.planning import plan

pytestmark = pytest.mark.e2e


class Site:
    url: str
    db: Database
    slug: str
    sheet: int
    link: str


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    here = Site()
    here.db = Database(sqlite_url(tmp_path / "regie.sqlite"))
    here.db.upgrade()
    office = make_office(here.db)
    planned = plan(here.db, office.slug)
    here.slug = office.slug
    person = people.get_engagement(here.db, office.slug, planned.yvonne.id, actor=None).person
    people.update_person(
        here.db, office.slug, person.id, PersonFields(person.full_name, email="anne@maree.fr"),
        person.version, actor=None,
    )  # fmt: skip
    here.sheet = callsheets.issue_call_sheet(here.db, office.slug, 1, actor=None).id
    with live_server(here.db) as url, smtp_server() as (inbox, mailer):
        here.url = url
        callsheet_mail.send_call_sheet(here.db, office.slug, here.sheet, mailer, url, actor=None)
        here.link = personal_link(inbox.to("anne@maree.fr"))
        yield here
    here.db.dispose()


@pytest.fixture
def server(site: Site) -> str:
    return site.url


def test_open_the_personal_link_and_confirm(page: Any, site: Site, problems: list[str]) -> None:
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(exist_ok=True)
    page.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    assert site.link.startswith(site.url)
    page.goto(site.link)
    expect(page.locator("article.callsheet")).to_be_visible()
    expect(page.locator("article.callsheet")).to_contain_text("Anne Kerlo")
    confirm = page.locator(".confirm-box button[type=submit]")
    expect(confirm).to_be_visible()
    confirm.click()
    expect(page.locator(".confirm-box .notice-ok")).to_be_visible()
    expect(page.locator(".confirm-box button[type=submit]")).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / "callsheet-confirmed.png"), full_page=True)
    board = callsheets.confirmation_board(site.db, site.slug, site.sheet, actor=None)
    anne = next(r for r in board.recipients if r.name == "Anne Kerlo")
    assert anne.status is RecipientStatus.CONFIRMED
    assert problems == []
