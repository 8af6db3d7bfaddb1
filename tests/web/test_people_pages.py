# SPDX-License-Identifier: AGPL-3.0-or-later
"""The cast and crew pages: an engagement's contractual rate and its unit are entered on
the forms, shown in the lists and on the engagement page, edited with the version seen
(a stale edit is refused and changes nothing), and a bad rate or unit is refused naming
its field."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from regie.schedule.people import RateUnit
from regie.services import people
from regie.services.database import Database
from tests.web.conftest import Browser, Office

Browse = Callable[[str], Browser]


def _crew_form(**changes: str) -> dict[str, str]:
    form = {
        "full_name": "Paul Ortiz",
        "kind": "crew",
        "position": "Chef électricien",
        "department": "electric",
        "job_key": "chef_electricien",
        "daily_cost": "350",
        "pay_rate": "1450,50",
        "pay_unit": "week",
        "start": "",
        "end": "",
        "max_daily_minutes": "",
    }
    return {**form, **changes}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.replace("&nbsp;", " "))).strip()


def test_a_rate_and_its_unit_are_entered_shown_and_edited(
    database: Database, office: Office, browser_for: Browse
) -> None:
    manager = browser_for("manager")
    base = f"/p/{office.slug}/people"
    listing = manager.get(base)
    assert listing.status_code == 200
    assert 'name="pay_rate"' in listing.text
    assert 'name="pay_unit"' in listing.text
    assert '<option value="flat"' in listing.text
    made = manager.post(base, _crew_form())
    assert made.status_code == 303, made.text
    (engaged,) = people.list_engagements(database, office.slug, actor=None)
    assert (engaged.pay_rate, engaged.pay_unit) == (Decimal("1450.50"), RateUnit.WEEK)
    assert engaged.daily_cost == Decimal(350)
    shown = _text(manager.get(base).text)
    assert "Chef électricien chef_electricien 350 € 1 450,5 €" in shown  # daily cost, rate
    page = manager.get(f"{base}/{engaged.id}")
    assert page.status_code == 200
    assert 'value="1450.50"' in page.text
    assert re.search(r'<option value="week" selected>', page.text)

    edit = _crew_form(pay_rate="6000", pay_unit="flat", version=str(engaged.version))
    saved = manager.post(f"{base}/{engaged.id}", edit)
    assert saved.status_code == 303, saved.text
    now = people.get_engagement(database, office.slug, engaged.id, actor=None)
    assert (now.pay_rate, now.pay_unit, now.version) == (Decimal(6000), RateUnit.FLAT, 2)
    stale = manager.post(f"{base}/{engaged.id}", _crew_form(pay_rate="1", version="1"))
    assert stale.status_code == 409
    cleared = manager.post(
        f"{base}/{engaged.id}", _crew_form(pay_rate="", pay_unit="day", version="2")
    )
    assert cleared.status_code == 303
    now = people.get_engagement(database, office.slug, engaged.id, actor=None)
    assert (now.pay_rate, now.pay_unit, now.version) == (None, RateUnit.DAY, 3)


def test_the_rate_is_shown_read_only(
    database: Database, office: Office, browser_for: Browse
) -> None:
    manager = browser_for("manager")
    base = f"/p/{office.slug}/people"
    assert manager.post(base, _crew_form(pay_rate="300", pay_unit="day")).status_code == 303
    (engaged,) = people.list_engagements(database, office.slug, actor=None)
    crew = browser_for("crew")
    page = crew.get(f"{base}/{engaged.id}")
    assert page.status_code == 200
    assert 'name="pay_rate"' not in page.text
    assert 'class="contract-rate"' in page.text
    assert "300" in _text(page.text)


def test_a_bad_rate_or_unit_is_refused(
    database: Database, office: Office, browser_for: Browse
) -> None:
    manager = browser_for("manager")
    base = f"/p/{office.slug}/people"
    for bad, field in (
        (_crew_form(pay_rate="-3"), "pay_rate"),
        (_crew_form(pay_rate="beaucoup"), "pay_rate"),
        (_crew_form(pay_unit="month"), "pay_unit"),
        (_crew_form(pay_rate="", pay_unit="hour"), "pay_rate"),
    ):
        refused = manager.post(base, bad, htmx=True)
        assert refused.status_code == 400, (bad, refused.status_code)
        assert f"\u00a0: {field}." in refused.text
    assert people.list_engagements(database, office.slug, actor=None) == []
