# SPDX-License-Identifier: AGPL-3.0-or-later
"""The backward plan end to end in a real headless Chromium: a production manager opens
the plans of ``Marée basse`` (planned with its board: tests/web/planning.py), creates a
plan from the template of the production's kind, sees the Gantt chart drawn under the
content security policy, records a slip on the editing through htmx and sees the
delivery date turn red without a reload; the slip is stored. A screenshot goes to
tests/web/artifacts/.

Skipped when no chromium is installed, unless REGIE_REQUIRE_E2E=1 (CI): then it fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from regie.services import plans
from regie.services.database import Database, sqlite_url
from tests.web.conftest import ARTIFACTS, PASSWORD, live_server, make_office
from tests.web.planning import plan

pytestmark = pytest.mark.e2e


class Site:
    url: str
    db: Database
    slug: str


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    """A server (uvicorn in a thread) over the planned production."""
    here = Site()
    here.db = Database(sqlite_url(tmp_path / "regie.sqlite"))
    here.db.upgrade()
    office = make_office(here.db)
    plan(here.db, office.slug)
    here.slug = office.slug
    with live_server(here.db) as url:
        here.url = url
        yield here
    here.db.dispose()


@pytest.fixture
def server(site: Site) -> str:
    """The base URL the ``page`` fixture (tests/web/conftest.py) opens."""
    return site.url


def test_create_a_plan_and_slip_the_editing(page: Any, site: Site, problems: list[str]) -> None:
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(exist_ok=True)
    page.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto("/login")
    page.fill("#email", "manager@maree.fr")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.goto(f"/p/{site.slug}/")
    page.locator(f'nav.tabs a[href="/p/{site.slug}/plans"]').click()
    page.fill("#plan-delivery", "2027-10-29")
    page.locator("form.plan-new button[type=submit]").click()
    expect(page.locator("svg.gantt-chart").first).to_be_visible()
    expect(page.locator(".plan-held")).to_be_visible()
    # The chart's bars are drawn from SVG attributes: they have a size on screen.
    box = page.locator("svg.gantt-chart rect.task-bar").first.bounding_box()
    assert box is not None
    assert box["width"] > 0

    plan_id = plans.list_plans(site.db, site.slug, actor=None)[0].id
    margin = plans.get_plan(site.db, site.slug, plan_id, actor=None).schedule
    days = margin.of("delivery").total_float + 4
    url_before = page.url
    page.select_option("#slip-task", "edit")
    page.fill("#slip-days", str(days))
    page.locator(".plan-slip button[type=submit]").click()
    expect(page.locator(".plan-risks")).to_be_visible()
    expect(page.locator("#plan")).to_have_attribute("data-version", "2")
    assert page.url == url_before  # swapped in place, no reload
    risky = page.locator(".gantt-risks tr.at-risk").first
    colour = risky.locator("td").first.evaluate("cell => getComputedStyle(cell).color")
    assert colour == "rgb(215, 25, 28)"  # #d7191c, the stylesheet's colour for a date at risk
    page.screenshot(path=str(ARTIFACTS / "planning-slip.png"), full_page=True)

    stored = plans.get_plan(site.db, site.slug, plan_id, actor=None)
    assert [(p.task, p.duration) for p in stored.stored.plan.progress] == [
        ("edit", stored.stored.plan.task("edit").duration + days)
    ]
    assert any(r.task == "delivery" for r in stored.schedule.at_risk)
    assert problems == []
