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


def test_residence_and_nationality_condition_are_entered_shown_and_edited(
    database: Database, office: Office, browser_for: Browse
) -> None:
    manager = browser_for("manager")
    base = f"/p/{office.slug}/people"
    listing = manager.get(base)
    assert 'name="residence"' in listing.text
    assert 'name="european"' in listing.text
    made = manager.post(base, _crew_form(residence="be", european="yes"))
    assert made.status_code == 303, made.text
    (engaged,) = people.list_engagements(database, office.slug, actor=None)
    assert engaged.person.personal is not None
    assert (engaged.person.personal.residence, engaged.person.personal.european) == ("BE", True)
    page = manager.get(f"{base}/{engaged.id}")
    assert 'name="residence"' in page.text
    assert 'value="BE"' in page.text
    assert '<option value="yes" selected>' in page.text

    person = {"full_name": "Paul Ortiz", "residence": "fr", "european": "no",
              "version": str(engaged.person.version)}  # fmt: skip
    saved = manager.post(f"{base}/{engaged.id}/person", person)
    assert saved.status_code == 303, saved.text
    now = people.get_engagement(database, office.slug, engaged.id, actor=None)
    assert now.person.personal is not None
    assert (now.person.personal.residence, now.person.personal.european) == ("FR", False)
    cleared = manager.post(
        f"{base}/{engaged.id}/person",
        {"full_name": "Paul Ortiz", "residence": "", "european": "",
         "version": str(now.person.version)},
    )  # fmt: skip
    assert cleared.status_code == 303, cleared.text
    now = people.get_engagement(database, office.slug, engaged.id, actor=None)
    assert now.person.personal is not None
    assert (now.person.personal.residence, now.person.personal.european) == (None, None)


def test_residence_is_shown_to_the_allowed_roles_only(
    database: Database, office: Office, browser_for: Browse
) -> None:
    manager = browser_for("manager")
    base = f"/p/{office.slug}/people"
    assert manager.post(base, _crew_form(residence="BE", european="yes")).status_code == 303
    (engaged,) = people.list_engagements(database, office.slug, actor=None)
    accountant = _text(browser_for("accountant").get(f"{base}/{engaged.id}").text)
    assert "Pays de résidence BE" in accountant
    crew = browser_for("crew").get(f"{base}/{engaged.id}")
    assert crew.status_code == 200
    assert 'class="residence"' not in crew.text
    assert "BE" not in _text(crew.text)


def test_a_bad_residence_or_nationality_answer_is_refused(
    database: Database, office: Office, browser_for: Browse
) -> None:
    manager = browser_for("manager")
    base = f"/p/{office.slug}/people"
    for bad, message in (
        (_crew_form(residence="France"), "France"),
        (_crew_form(residence="F1"), "F1"),
        (_crew_form(european="peut-être"), ""),
    ):
        refused = manager.post(base, bad, htmx=True)
        assert refused.status_code == 400, (bad, refused.status_code)
        field = "Pays de résidence" if message else "Ressortissant français ou européen"
        assert f"\u00a0: {field}." in refused.text
        assert message in refused.text
    assert people.list_engagements(database, office.slug, actor=None) == []
    assert manager.post(base, _crew_form(residence="FR")).status_code == 303
    (engaged,) = people.list_engagements(database, office.slug, actor=None)
    person = {"full_name": "Paul Ortiz", "residence": "F1", "version": str(engaged.person.version)}
    assert manager.post(f"{base}/{engaged.id}/person", person, htmx=True).status_code == 400
    now = people.get_engagement(database, office.slug, engaged.id, actor=None)
    assert now.person == engaged.person  # unchanged
