# SPDX-License-Identifier: AGPL-3.0-or-later
"""The financing pages: the accountant makes the plan, adds sources and edits one in
place (the figures come back out of band), a stale edit is refused with 409, scenarios
are shown one at a time, the place of a devis line feeds the territorial obligation, the
PDF reads back; the tax-credit page shows the trace and checklist and saves; crew and
guests are refused, outsiders get 404."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from decimal import Decimal

import pdfplumber

from regie.budget.catalog import LineFields
from regie.services import actuals, budgets, financing, taxcredits
from regie.services.database import Database
from regie.services.financing import SourceFields
from tests.services import costs_samples
from tests.web.conftest import Browser, Office

Browse = Callable[[str], Browser]
LINES = [
    LineFields("20", "Chef électricien", "20", "jour", "350", fringe_group="cddu_technician"),
    LineFields("51", "Plateau 2, Bry-sur-Marne", "5", "jour", "1800.50"),
]


def _devis(database: Database, office: Office) -> Decimal:
    made = budgets.create_budget(database, office.slug, actor=None)
    budgets.add_lines(database, office.slug, made.number, LINES, expected_version=made.version,
                      actor=None)  # fmt: skip
    return budgets.devis(database, office.slug, made.number, actor=None).total


def _plan(database: Database, office: Office, total: Decimal) -> financing.PlanRecord:
    record = financing.create_plan(database, office.slug, actor=None)
    for fields in (
        SourceFields("region", "region", "Région Normandie", "5000", region="Normandie"),
        SourceFields("apport", "producer_equity", "Production", total - 5000, status="paid"),
    ):
        record = financing.add_source(database, office.slug, fields,
                                      expected_version=record.version, actor=None)  # fmt: skip
    return record


def _oob(html: str, element_id: str) -> str:
    found = re.search(
        rf'<(\w+) id="{re.escape(element_id)}"[^>]*hx-swap-oob="true"[^>]*>(.*)</\1>', html, re.S
    )
    assert found, f"no out-of-band #{element_id}"
    return found.group(2)


def _row_form(record: financing.SourceRecord, **changes: str) -> dict[str, str]:
    source = record.source
    form = {
        "code": source.id, "kind": source.kind.value, "partner": source.partner,
        "amount": str(source.amount), "status": source.status.value, "public": "",
        "region": source.region, "note": source.note, "spend_factor": "",
        "version": str(record.version),
    }  # fmt: skip
    return {**form, **changes}


def test_the_accountant_builds_a_balanced_plan(
    database: Database, office: Office, browser_for: Browse
) -> None:
    total = _devis(database, office)
    accountant = browser_for("accountant")
    empty = accountant.get(f"/p/{office.slug}/financing")
    assert empty.status_code == 200
    assert f'href="/p/{office.slug}/financing"' in empty.text  # the tab
    made = accountant.post(f"/p/{office.slug}/financing")
    assert made.status_code == 303
    plan = financing.get_plan(database, office.slug, actor=None)
    assert plan.budget_number == 1
    for form in (
        {"partner": "Région Normandie", "kind": "region", "amount": "5 000",
         "status": "requested", "region": "Normandie"},
        {"partner": "Production", "kind": "producer_equity", "amount": str(total - 5000),
         "status": "paid", "code": "apport"},
    ):  # fmt: skip
        plan = financing.get_plan(database, office.slug, actor=None)
        added = accountant.post(f"/p/{office.slug}/financing/sources",
                                {**form, "version": str(plan.version)})  # fmt: skip
        assert added.status_code == 303, added.text
    page = accountant.get(f"/p/{office.slug}/financing")
    assert page.status_code == 200
    html = page.text
    assert 'id="source-region-normandie"' in html
    assert 'id="source-apport"' in html
    assert '<svg class="gauge"' in html
    assert 'id="gauge-fill"' in html
    assert "style=" not in html  # the CSP forbids inline styles
    assert 'id="financing-gap"' in html
    stored = financing.report(database, office.slug, actor=None)
    assert stored.figures is not None
    assert stored.figures.balance.balanced


def test_an_edit_answers_the_row_and_the_figures_and_a_stale_one_is_refused(
    database: Database, office: Office, browser_for: Browse
) -> None:
    total = _devis(database, office)
    record = _plan(database, office, total)
    region = record.source("region")
    assert region is not None
    manager = browser_for("manager")
    answer = manager.post(f"/p/{office.slug}/financing/sources/region",
                          _row_form(region, amount="4000", status="granted"),
                          htmx=True)  # fmt: skip
    assert answer.status_code == 200, answer.text
    assert answer.text.lstrip().startswith('<template><tr id="source-region"')
    figures = _oob(answer.text, "financing-figures")
    gap = re.search(r'id="financing-gap">([^<]+)<', figures)
    assert gap is not None
    assert "1" in gap.group(1)
    after = financing.get_plan(database, office.slug, actor=None).source("region")
    assert after is not None
    assert after.source.amount == Decimal("4000.00")

    stale = manager.post(f"/p/{office.slug}/financing/sources/region",
                         _row_form(region, amount="1"), htmx=True)  # fmt: skip
    assert stale.status_code == 409
    kept = financing.get_plan(database, office.slug, actor=None).source("region")
    assert kept is not None
    assert kept.source.amount == Decimal("4000.00")
    bad = manager.post(f"/p/{office.slug}/financing/sources/region",
                       _row_form(after, amount="beaucoup"), htmx=True)  # fmt: skip
    assert bad.status_code == 400
    assert "amount" in bad.text


def test_scenarios_places_and_the_pdf(
    database: Database, office: Office, browser_for: Browse
) -> None:
    total = _devis(database, office)
    record = _plan(database, office, total)
    producer = browser_for("producer")
    added = producer.post(f"/p/{office.slug}/financing/scenarios",
                          {"code": "sans-region", "title": "Si la région refuse",
                           "remove": "region", "version": str(record.version)})  # fmt: skip
    assert added.status_code == 303
    shown = producer.get(f"/p/{office.slug}/financing?scenario=sans-region")
    assert 'id="scenario-result"' in shown.text
    assert "Si la région refuse" in shown.text
    assert 'aria-pressed="true">Si la région refuse' in shown.text

    placed = producer.post(f"/p/{office.slug}/financing/places",
                           {"line": "L0001", "region": "Normandie", "country": "FR"})  # fmt: skip
    assert placed.status_code == 303
    report = financing.report(database, office.slug, actor=None)
    assert report.figures is not None
    (obligation,) = report.figures.territorial
    assert obligation.spend > 0
    assert 'id="territorial"' in producer.get(f"/p/{office.slug}/financing").text

    pdf = producer.get(f"/p/{office.slug}/financing/plan.pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert "_FINANCEMENT_plan_v" in pdf.headers["content-disposition"]
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = "\n".join(p.extract_text() or "" for p in document.pages)
    assert "Région Normandie" in text
    assert "Si la région refuse" in text


def test_the_tax_credit_page(database: Database, office: Office, browser_for: Browse) -> None:
    total = _devis(database, office)
    _plan(database, office, total)
    accountant = browser_for("accountant")
    saved = accountant.post(f"/p/{office.slug}/tax-credit",
                            {"credit": "cinema", "genre": "fiction", "budget": "1",
                             "french_language": "yes", "version": ""})  # fmt: skip
    assert saved.status_code == 303, saved.text
    page = accountant.get(f"/p/{office.slug}/tax-credit")
    assert page.status_code == 200
    assert 'id="credit-amount"' in page.text
    assert "CGI" in page.text  # the trace cites its articles
    assert 'id="checklist"' in page.text
    assert "style=" not in page.text
    computed = accountant.post(f"/p/{office.slug}/tax-credit/compute")
    assert computed.status_code == 303
    case = taxcredits.get_case(database, office.slug, actor=None)
    assert case is not None
    assert case.result is not None
    for name in ("trace.pdf", "agrement.pdf"):
        document = accountant.get(f"/p/{office.slug}/tax-credit/{name}")
        assert document.status_code == 200
        assert document.content.startswith(b"%PDF")
    plan = financing.get_plan(database, office.slug, actor=None)
    into = accountant.post(f"/p/{office.slug}/financing/tax-credit",
                           {"version": str(plan.version)})  # fmt: skip
    assert into.status_code == 303
    credit = financing.get_plan(database, office.slug, actor=None).source("credit-impot")
    assert credit is not None
    assert credit.from_tax_credit


def test_crew_and_guests_are_refused_outsiders_see_nothing(
    database: Database, office: Office, browser_for: Browse
) -> None:
    total = _devis(database, office)
    record = _plan(database, office, total)
    region = record.source("region")
    assert region is not None
    for persona in ("crew", "guest"):
        browser = browser_for(persona)
        assert browser.get(f"/p/{office.slug}/financing").status_code == 403
        assert browser.get(f"/p/{office.slug}/tax-credit").status_code == 403
        edit = browser.post(f"/p/{office.slug}/financing/sources/region",
                            _row_form(region, amount="1"))  # fmt: skip
        assert edit.status_code == 403
        assert f'href="/p/{office.slug}/financing"' not in browser.get(f"/p/{office.slug}/").text
    outsider = browser_for("outsider")
    assert outsider.get(f"/p/{office.slug}/financing").status_code == 404
    kept = financing.get_plan(database, office.slug, actor=None).source("region")
    assert kept is not None
    assert kept.source.amount == Decimal("5000.00")


def test_the_tax_credit_from_the_actuals_lists_the_pay_it_leaves_out(
    database: Database, office: Office, browser_for: Browse
) -> None:
    _devis(database, office)
    actuals.import_payroll(database, office.slug, "paie.csv", costs_samples.PAYROLL, actor=None)
    accountant = browser_for("accountant")
    saved = accountant.post(f"/p/{office.slug}/tax-credit",
                            {"credit": "audiovisual", "genre": "fiction", "budget": "1",
                             "spend_from": "actuals", "version": ""})  # fmt: skip
    assert saved.status_code == 303, saved.text
    case = taxcredits.get_case(database, office.slug, actor=None)
    assert case is not None
    assert case.inputs["spend_from"] == "actuals"
    page = accountant.get(f"/p/{office.slug}/tax-credit")
    assert page.status_code == 200
    assert '<option value="actuals" selected>' in page.text
    table = page.text.split('id="excluded-spend"', 1)[1].split("</table>", 1)[0]
    # nobody in the registry: both payees' pay is left out, each with its reason
    assert "Anne Ferrand" in table
    assert "Sophie Marchal" in table
    assert "nationalité" in table
