# SPDX-License-Identifier: AGPL-3.0-or-later
"""The budget grid end to end in a real headless Chromium: the accountant opens a devis
of ``Marée basse`` whose lines were made through the service, changes a quantity in place
and sees the row, the account and chapter totals and the grand total change without the
page being reloaded; the change is stored. A screenshot goes to tests/web/artifacts/.

Skipped when no chromium is installed, unless REGIE_REQUIRE_E2E=1 (CI): then it fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from regie.budget.catalog import LineFields
from regie.services import budgets
from regie.services.database import Database, sqlite_url
from tests.web.conftest import ARTIFACTS, PASSWORD, live_server, make_office

pytestmark = pytest.mark.e2e

LINES = [
    LineFields("20", "Chef électricien", "20", "jour", "350", fringe_group="cddu_technician"),
    LineFields("31", "Rôle de Anne Kerlo", "12", "jour", "650", fringe_group="cddu_performer"),
    LineFields("51", "Plateau 2, Bry-sur-Marne", "5", "jour", "1800.50"),
    LineFields("60", "Location caméra", "6", "semaine", "2400"),
]


class Site:
    url: str
    db: Database
    slug: str
    number: int


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    """A server (uvicorn in a thread) over a production with a four-line budget."""
    here = Site()
    here.db = Database(sqlite_url(tmp_path / "regie.sqlite"))
    here.db.upgrade()
    office = make_office(here.db, imported=False)
    here.slug = office.slug
    made = budgets.create_budget(here.db, office.slug, actor=None, name="Devis de travail")
    budgets.add_lines(
        here.db, office.slug, made.number, LINES, expected_version=made.version, actor=None
    )
    here.number = made.number
    with live_server(here.db) as url:
        here.url = url
        yield here
    here.db.dispose()


@pytest.fixture
def server(site: Site) -> str:
    """The base URL the ``page`` fixture (tests/web/conftest.py) opens."""
    return site.url


def test_edit_a_quantity_in_place_and_see_the_totals(
    page: Any, site: Site, problems: list[str]
) -> None:
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(exist_ok=True)
    page.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto("/login")
    page.fill("#email", "accountant@maree.fr")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Mes productions")).to_be_visible()
    page.goto(f"/p/{site.slug}/budgets/{site.number}")
    expect(page.get_by_role("heading", name="Devis de travail")).to_be_visible()

    grand = page.locator("#grand-total")
    before = grand.inner_text()
    studio = page.locator("#line-L0003")
    expect(studio.locator(".line-gross")).to_contain_text("9\u202f002,50")
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))

    quantity = studio.locator('input[name="quantity"]')
    quantity.fill("4")
    quantity.press("Enter")
    expect(page.locator("#line-L0003 .line-gross")).to_contain_text("7\u202f202,00")
    expect(grand).not_to_have_text(before)
    expect(page.locator("#account-total-51")).to_have_text("7\u202f202,00\u00a0€")
    expect(page.locator("#flash .notice-ok")).to_be_visible()
    assert navigations == []  # the totals came with the row, out of band: no reload

    devis = budgets.devis(site.db, site.slug, site.number, actor=None)
    stored = budgets.get_budget(site.db, site.slug, site.number, actor=None).line("L0003")
    assert stored is not None
    assert stored.line.quantity == Decimal(4)
    assert stored.version == 2
    expect(grand).to_have_text(_french_euros(devis.total))
    expect(page.locator("#lf-L0003 input[name=version]")).to_have_value("2")
    expect(page.locator("svg.bar")).to_have_count(9)
    page.screenshot(path=str(ARTIFACTS / "budget.png"), full_page=True)
    assert problems == []


def _french_euros(amount: Decimal) -> str:
    from babel import numbers

    return numbers.format_currency(amount, "EUR", locale="fr")
