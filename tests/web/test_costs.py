# SPDX-License-Identifier: AGPL-3.0-or-later
"""The cost pages: the cost report of a budget with its actuals from the FEC, its PDF and
XLSX; a bad FEC answered 400 with its errors' lines and nothing imported; the mapping
rules; invoices with their file; the expense flow by role; the final accounts; who may
see what."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import httpx2 as httpx
import pdfplumber
import pytest
from openpyxl import load_workbook

from regie.services import cost_reports
from regie.services.database import Database
from tests.services import costs_samples as samples
from tests.web.conftest import Browser, Office

Browse = Callable[[str], Browser]


def _upload(browser: Browser, path: str, name: str, data: bytes, **fields: str) -> httpx.Response:
    answer: httpx.Response = browser.client.post(
        path,
        data={"csrf_token": browser.token, **fields},
        files={"file": (name, data, "application/octet-stream")},
    )
    return answer


def _report_ready(database: Database, office: Office) -> int:
    number = samples.make_budget(database, office.slug)
    cost_reports.import_fec(database, office.slug, "demo.fec", samples.demo_fec(), actor=None)
    cost_reports.apply_suggested_rules(database, office.slug, actor=None)
    return number


def test_the_cost_report_page_and_its_documents(
    database: Database, office: Office, browser_for: Browse
) -> None:
    number = _report_ready(database, office)
    accountant = browser_for("accountant")
    page = accountant.get(f"/p/{office.slug}/costs")
    assert page.status_code == 200, page.text
    html = page.text
    assert 'id="chapter-9"' in html
    assert "<details" in html
    assert 'id="account-91"' in html
    assert "4\u202f850,00\u00a0€" in html  # the insurance, from the ledger
    assert 'class="burn-chart"' not in html  # no schedule yet: no plan
    assert " style=" not in html
    css = accountant.get("/assets/costs.css")
    assert css.status_code == 200
    assert "table.costs" in css.text

    pdf = accountant.get(f"/p/{office.slug}/costs/report.pdf?budget={number}")
    assert pdf.headers["content-type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = "\n".join(p.extract_text() or "" for p in document.pages)
    assert "4 850,00" in text.replace("\u202f", " ")
    xlsx = accountant.get(f"/p/{office.slug}/costs/report.xlsx?budget={number}")
    book = load_workbook(io.BytesIO(xlsx.content))
    rows = {r[0].value: r for r in book.worksheets[0].iter_rows(min_row=6) if r[0].value}
    assert float(rows["91"][4].value) == 4850.0

    # The estimate to complete of an account, set from the page.
    saved = accountant.post(
        f"/p/{office.slug}/costs/estimate",
        {"budget": str(number), "account": "91", "amount": "1 000", "version": ""},
    )
    assert saved.status_code == 303
    view = cost_reports.cost_report(database, office.slug, number, actor=None, as_of=samples.DAY)
    assert view.overrides["91"].estimate_to_complete == 1000
    assert (
        accountant.post(f"/p/{office.slug}/costs/snapshot", {"budget": str(number)}).status_code
        == 303
    )


def test_a_bad_fec_is_answered_with_its_lines_and_nothing_is_imported(
    database: Database, office: Office, browser_for: Browse
) -> None:
    accountant = browser_for("accountant")
    broken, line = samples.unbalanced_fec()
    answer = _upload(accountant, f"/p/{office.slug}/costs/ledger/fec", "demo.fec", broken)
    assert answer.status_code == 400
    html = answer.text
    assert 'id="fec-errors"' in html
    assert re.search(rf'<td class="number">{line}</td>', html)
    assert cost_reports.ledger_imports(database, office.slug, actor=None) == []
    wrong = _upload(
        accountant, f"/p/{office.slug}/costs/ledger/fec", "x.fec", samples.wrong_columns_fec()
    )
    assert wrong.status_code == 400
    assert '<td class="number">1</td>' in wrong.text
    good = _upload(accountant, f"/p/{office.slug}/costs/ledger/fec", "demo.fec", samples.demo_fec())
    assert good.status_code == 303
    again = _upload(
        accountant, f"/p/{office.slug}/costs/ledger/fec", "demo.fec", samples.demo_fec()
    )
    assert again.status_code == 409
    assert len(cost_reports.ledger_imports(database, office.slug, actor=None)) == 1
    payroll = _upload(
        accountant,
        f"/p/{office.slug}/costs/ledger/payroll",
        "paie.csv",
        samples.PAYROLL.replace(b"3250,00", b"trois"),
    )
    assert payroll.status_code == 400
    assert 'id="payroll-errors"' in payroll.text


def test_mapping_page(database: Database, office: Office, browser_for: Browse) -> None:
    cost_reports.import_fec(database, office.slug, "demo.fec", samples.demo_fec(), actor=None)
    manager = browser_for("manager")
    page = manager.get(f"/p/{office.slug}/costs/mapping")
    assert 'id="unmapped"' in page.text
    assert manager.post(f"/p/{office.slug}/costs/mapping/suggested").status_code == 303
    added = manager.post(f"/p/{office.slug}/costs/mapping", {"prefix": "6063", "account": "60"})
    assert added.status_code == 303
    rules = cost_reports.list_rules(database, office.slug, actor=None)
    assert ("6063", "60") in {(r.account_prefix, r.devis_account) for r in rules}
    refused = manager.post(f"/p/{office.slug}/costs/mapping", {"prefix": "6063", "account": "60"})
    assert refused.status_code == 409


def test_invoices_with_their_file(database: Database, office: Office, browser_for: Browse) -> None:
    accountant = browser_for("accountant")
    form = {
        "supplier": "Loueur",
        "number": "F-1",
        "date": "2026-04-01",
        "account": "71",
        "net": "1200,50",
    }
    made = accountant.client.post(
        f"/p/{office.slug}/costs/invoices",
        data={"csrf_token": accountant.token, **form},
        files={"file": ("f-1.pdf", samples.PDF, "application/pdf")},
    )
    assert made.status_code == 303, made.text
    page = accountant.get(f"/p/{office.slug}/costs/invoices")
    link = re.search(r'href="([^"]+/file)"', page.text)
    assert link is not None
    assert accountant.get(link.group(1)).content == samples.PDF
    refused = accountant.client.post(
        f"/p/{office.slug}/costs/invoices",
        data={"csrf_token": accountant.token, **form, "number": "F-2"},
        files={"file": ("f-2.pdf", b"GIF89a not a pdf", "application/pdf")},
    )
    assert refused.status_code == 400
    assert "F-2" not in accountant.get(f"/p/{office.slug}/costs/invoices").text


def test_the_expense_flow_in_the_browser(office: Office, browser_for: Browse) -> None:
    crew, manager, accountant = (
        browser_for("crew"),
        browser_for("manager"),
        browser_for("accountant"),
    )
    base = f"/p/{office.slug}/costs/expenses"
    assert crew.get(base).status_code == 200
    assert crew.get(f"/p/{office.slug}/costs").status_code == 403  # the report is not theirs
    assert (
        crew.post(base, {"person": "Crew", "title": "Repérages"}).headers["location"] == f"{base}/1"
    )
    page = crew.get(f"{base}/1")
    assert "meal_restaurant" in page.text
    line = {
        "date": "2026-03-10",
        "account": "60",
        "allowance": "meal_restaurant",
        "quantity": "2",
        "version": "1",
    }
    assert crew.post(f"{base}/1/lines", line).status_code == 303
    assert "42,80" in crew.get(f"{base}/1").text or "42.80" in crew.get(f"{base}/1").text
    assert crew.post(f"{base}/1/submit", {"version": "2"}).status_code == 303
    assert crew.post(f"{base}/1/approve", {"version": "3"}).status_code == 403
    assert 'action="' + f"{base}/1/approve" in manager.get(f"{base}/1").text
    assert manager.post(f"{base}/1/approve", {"version": "3"}).status_code == 303
    assert manager.post(f"{base}/1/pay", {"version": "4"}).status_code == 403
    assert accountant.post(f"{base}/1/pay", {"version": "4"}).status_code == 303
    assert "Paid" in accountant.get(f"{base}/1").text or "Payée" in accountant.get(f"{base}/1").text
    procedure = crew.get(f"{base}/procedure.pdf")
    assert procedure.content.startswith(b"%PDF")


@pytest.mark.parametrize(("persona", "status"), [("guest", 403), ("crew", 403), ("outsider", 404)])
def test_who_may_see_the_costs(
    database: Database, office: Office, browser_for: Browse, persona: str, status: int
) -> None:
    samples.make_budget(database, office.slug)
    browser = browser_for(persona)
    assert browser.get(f"/p/{office.slug}/costs").status_code == status
    assert browser.get(f"/p/{office.slug}/costs/final").status_code == status


def test_final_accounts_page(database: Database, office: Office, browser_for: Browse) -> None:
    number = _report_ready(database, office)
    producer = browser_for("producer")
    page = producer.get(f"/p/{office.slug}/costs/final")
    assert page.status_code == 200
    assert "final-accounts" in page.text
    xlsx = producer.get(f"/p/{office.slug}/costs/final.xlsx?budget={number}")
    assert len(load_workbook(io.BytesIO(xlsx.content)).sheetnames) == 4
    assert producer.get(f"/p/{office.slug}/costs/final.pdf").content.startswith(b"%PDF")
