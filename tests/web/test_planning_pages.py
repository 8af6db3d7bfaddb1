# SPDX-License-Identifier: AGPL-3.0-or-later
"""The backward plan (rétroplanning) pages: the list and a new plan from the template of
the production's kind with the board's shoot dates, the plan page with its Gantt chart,
a slip posted through htmx that puts the delivery at risk, the PDF and the calendar read
back, and the crew who may read but not edit."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable
from pathlib import Path

import pdfplumber
from icalendar import Calendar, Event

from regie.services import boards, plans
from regie.services.database import Database
from regie.services.demo import DEMO_PASSWORD, DEMO_PLAN_NAME, build_demo
from regie.web.app import create_app
from tests.web.conftest import SECRET, Browser, sign_in
from tests.web.planning import MONDAY, Planned

DELIVERY = "2027-10-29"
NAME = re.compile(
    r'attachment; filename="[A-Z0-9]+_\d{8}_RETROPLANNING_([a-z0-9-]+)_v(\d\d)\.(\w+)"'
)


def pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    return " ".join(text.split())


def _create(browser: Browser, planned: Planned, **fields: str) -> str:
    response = browser.post(f"/p/{planned.slug}/plans", {"delivery": DELIVERY, **fields})
    assert response.status_code == 303, response.text
    location: str = response.headers["location"]
    assert re.fullmatch(rf"/p/{planned.slug}/plans/\d+", location)
    return location


def _version(html: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', html)
    assert found is not None
    return found.group(1)


def test_the_list_offers_a_plan_from_the_board(
    planned: Planned, browser_for: Callable[[str], Browser]
) -> None:
    manager = browser_for("manager")
    listed = manager.get(f"/p/{planned.slug}/plans")
    assert listed.status_code == 200
    html = listed.text
    assert f'href="/p/{planned.slug}/plans" aria-current="page"' in html  # the tab
    assert 'class="stacked plan-new"' in html
    assert '<option value="feature_film" selected>' in html
    assert "Version de travail" in html  # the board the shoot dates come from
    assert 'name="shoot_start"' not in html  # the board gives them


def test_a_new_plan_shows_its_gantt_and_a_slip_puts_the_delivery_at_risk(
    planned: Planned, browser_for: Callable[[str], Browser], database: Database
) -> None:
    manager = browser_for("manager")
    url = _create(manager, planned)
    page = manager.get(url)
    assert page.status_code == 200
    html = page.text
    assert '<link rel="stylesheet" href="/assets/gantt.css">' in html
    assert '<svg class="gantt-chart"' in html
    assert 'class="notice notice-ok plan-held"' in html
    assert 'class="critical-path"' in html
    assert "gantt-post" in html  # the post-production plan table
    assert f'href="{url}.pdf"' in html
    assert f'href="{url}.ics"' in html
    assert " style=" not in html  # the content security policy refuses inline styles
    plan_id = int(url.rsplit("/", 1)[1])
    stored = plans.get_plan(database, planned.slug, plan_id, actor=None)
    assert stored.stored.plan.shoot_start == MONDAY
    margin = stored.schedule.of("delivery").total_float

    slipped = manager.post(
        f"{url}/slip",
        {"version": _version(html), "task": "edit", "days": str(margin + 3)},
        htmx=True,
    )
    assert slipped.status_code == 200, slipped.text
    fragment = slipped.text
    assert fragment.startswith('<section id="plan"')  # the section htmx swaps
    assert "plan-risks" in fragment
    assert '<tr class="at-risk">' in fragment  # the Gantt's table of dates at risk
    assert 'data-version="2"' in fragment
    assert "notice notice-ok" in fragment  # what was recorded

    again = manager.get(url).text
    assert "plan-risks" in again
    assert "plan-progress" in again  # the slip is listed, with a way to forget it
    after = plans.get_plan(database, planned.slug, plan_id, actor=None)
    risk = next(r for r in after.schedule.at_risk if r.task == "delivery")
    assert risk.working_days_late == 3

    stale = manager.post(f"{url}/slip", {"version": "1", "task": "vfx", "days": "2"}, htmx=True)
    assert stale.status_code == 409
    unknown = manager.post(
        f"{url}/slip", {"version": "2", "task": "montage", "days": "2"}, htmx=True
    )
    assert unknown.status_code == 400
    assert "montage" in unknown.text

    cleared = manager.post(f"{url}/clear", {"version": "2", "task": "edit"}, htmx=True)
    assert cleared.status_code == 200
    assert "plan-held" in cleared.text


def test_the_pdf_and_the_calendar(
    planned: Planned, browser_for: Callable[[str], Browser], database: Database
) -> None:
    manager = browser_for("manager")
    url = _create(manager, planned, name="Plan de livraison")
    plan_id = int(url.rsplit("/", 1)[1])
    view = plans.get_plan(database, planned.slug, plan_id, actor=None)

    pdf = manager.get(f"{url}.pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    named = NAME.match(pdf.headers["content-disposition"])
    assert named is not None
    assert named.groups() == ("plan-de-livraison", "01", "pdf")
    text = pdf_text(pdf.content)
    assert "Plan de livraison" in text
    for task in ("edit", "grading", "mix", "qc"):
        assert view.schedule.of(task).task.title in text

    ics = manager.get(f"{url}.ics")
    assert ics.status_code == 200
    assert ics.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(ics.content)
    events = [c for c in calendar.walk() if isinstance(c, Event)]
    uids = {str(e["uid"]) for e in events}
    deadlines = [s for s in view.schedule.tasks if s.task.deadline is not None]
    assert len(events) == len(view.schedule.tasks) + len(deadlines)
    assert f"{planned.slug}-plan-{plan_id}-shoot@regie.local" in uids
    shoot = next(e for e in events if str(e["uid"]).endswith("-shoot@regie.local"))
    assert shoot.decoded("dtstart") == MONDAY
    delivery = next(e for e in events if str(e["uid"]).endswith("-delivery-deadline@regie.local"))
    assert delivery.decoded("dtstart") == view.stored.plan.delivery


def test_the_crew_reads_and_cannot_edit(
    planned: Planned, browser_for: Callable[[str], Browser], database: Database
) -> None:
    made = plans.create_plan(database, planned.slug, actor=None, delivery=MONDAY.replace(year=2028))
    url = f"/p/{planned.slug}/plans/{made.id}"
    crew = browser_for("crew")
    listed = crew.get(f"/p/{planned.slug}/plans")
    assert listed.status_code == 200
    assert made.stored.name in listed.text
    assert "plan-new" not in listed.text
    page = crew.get(url)
    assert page.status_code == 200
    assert '<svg class="gantt-chart"' in page.text
    assert "plan-slip" not in page.text
    assert crew.get(f"{url}.pdf").status_code == 200
    refused = crew.post(f"{url}/slip", {"version": "1", "task": "edit", "days": "5"})
    assert refused.status_code == 403
    assert crew.post(f"/p/{planned.slug}/plans", {"delivery": DELIVERY}).status_code == 403
    assert crew.post(f"{url}/delete", {"version": "1"}).status_code == 403
    assert browser_for("guest").get(url).status_code == 403
    assert browser_for("outsider").get(url).status_code == 404
    assert plans.get_plan(database, planned.slug, made.id, actor=None).version == 1


def test_the_gantt_stylesheet_is_served(browser_for: Callable[[str], Browser]) -> None:
    response = browser_for("anonymous").get("/assets/gantt.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    assert ".gantt" in response.text


def test_a_plan_is_deleted(
    planned: Planned, browser_for: Callable[[str], Browser], database: Database
) -> None:
    manager = browser_for("manager")
    url = _create(manager, planned)
    deleted = manager.post(f"{url}/delete", {"version": "1"})
    assert deleted.status_code == 303
    assert deleted.headers["location"] == f"/p/{planned.slug}/plans"
    assert plans.list_plans(database, planned.slug, actor=None) == []
    assert manager.get(url).status_code == 404


def test_the_demo_has_a_backward_plan_as_a_page_and_a_pdf(tmp_path: Path) -> None:
    summary = build_demo(tmp_path / "demo")
    db = summary.config.database()
    try:
        slug = summary.production.slug
        listed = plans.list_plans(db, slug, actor=None)
        assert [p.name for p in listed] == [DEMO_PLAN_NAME]
        view = plans.get_plan(db, slug, listed[0].id, actor=None)
        plan = view.stored.plan
        primary = next(c.board for c in summary.boards if c.board.primary)
        board = boards.get_board(db, slug, primary.id, actor=None)
        worked = [day.date for day in board.days if day.strips]
        assert plan.kind == "tv_fiction"
        assert (plan.shoot_start, plan.shoot_end) == (min(worked), max(worked))
        assert plan.delivery == min(worked) + dt.timedelta(weeks=12, days=4)
        assert view.schedule.of("minors").finish < min(worked)  # NOÉ is 12
        assert view.schedule.at_risk == ()
        assert [s.task for s in view.post.units[0].steps][:3] == ["edit", "picture_lock", "vfx"]

        browser = sign_in(create_app(db, secret_key=SECRET), "production@demo.regie", DEMO_PASSWORD)
        page = browser.get(f"/p/{slug}/plans/{view.id}")
        assert page.status_code == 200
        assert '<svg class="gantt-chart"' in page.text
        assert "gantt-post" in page.text
        pdf = browser.get(f"/p/{slug}/plans/{view.id}.pdf")
        assert pdf.status_code == 200
        text = pdf_text(pdf.content)
        assert DEMO_PLAN_NAME in text
        assert "Étalonnage" in text  # the post-production plan's grading
        browser.client.close()
    finally:
        db.dispose()
