# SPDX-License-Identifier: AGPL-3.0-or-later
"""The cost report, the final accounts and the expense procedure as documents: the HTML a
page embeds (no inline style, the burn chart as SVG attributes), real PDFs whose text reads
back, and workbooks whose cells are the report's figures."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pdfplumber
from openpyxl import load_workbook

from regie.core.production import Agreement, Production, ProductionKind
from regie.documents.cost_report import (
    cost_report_html,
    cost_report_pdf,
    cost_report_view,
    cost_report_xlsx,
)
from regie.documents.expense_procedure import procedure_pdf, procedure_view
from regie.documents.final_accounts import (
    final_accounts_html,
    final_accounts_pdf,
    final_accounts_view,
    final_accounts_xlsx,
)
from regie.documents.templating import gettext_for
from regie.finance.burn import Phases, burn
from regie.finance.costreport import cost_report
from regie.finance.final_accounts import final_accounts
from regie.rules.registry import shipped_pack
from tests.finance.test_costreport import ACTUALS, AS_OF, DEVIS, SETTINGS

PRODUCTION = Production(
    id=1,
    slug="la-clef",
    code="CLEF",
    title="La Clef du Quai",
    kind=ProductionKind.FEATURE_FILM,
    agreement=Agreement.CINEMA,
)
REPORT = cost_report(DEVIS, ACTUALS, SETTINGS, as_of=AS_OF, overrides={"71": Decimal("7000")})
# French where the catalogs have it (the msgids until they do).
_ = gettext_for("fr").gettext
BURN = burn(DEVIS, REPORT.items, Phases(dt.date(2026, 3, 16), 2, 2, 1), SETTINGS, as_of=AS_OF)


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_the_page_fragment_has_the_figures_and_no_inline_style() -> None:
    view = cost_report_view(REPORT, PRODUCTION, budget_name="Devis 1", burn=BURN)
    html = cost_report_html(view, PRODUCTION, fragment=True)
    assert "style=" not in html
    assert "<script" not in html
    assert _("Cost report") in html
    assert "12\u202f000,00\u00a0€" in html  # the camera's estimated final cost
    assert _("Severe overrun") in html
    assert 'class="plan"' in html
    assert 'class="actual"' in html
    # The plan ends at the devis total: the last point is the top of its scale.
    plan = re.search(r'class="plan" points="([^"]+)"', html)
    assert plan is not None
    assert len(plan.group(1).split()) == len(BURN.weeks) + 1
    english = cost_report_html(
        cost_report_view(REPORT, PRODUCTION, budget_name="Devis 1", locale="en"),
        PRODUCTION,
        locale="en",
        fragment=True,
    )
    assert "Cost report" in english
    assert "Severe overrun" in english


def test_pdf_reads_back() -> None:
    view = cost_report_view(REPORT, PRODUCTION, budget_name="Devis 1", burn=BURN)
    data = cost_report_pdf(view, PRODUCTION)
    assert data.startswith(b"%PDF")
    text = _pdf_text(data)
    assert "La Clef du Quai" in text
    assert _("Cost report") in text
    assert "606300" in text  # the unmapped ledger account


def test_xlsx_cells_are_the_report_figures() -> None:
    data = cost_report_xlsx(REPORT, PRODUCTION, budget_name="Devis 1", burn=BURN)
    book = load_workbook(io.BytesIO(data))
    sheet = book[_("Cost report")[:31]]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=6) if row[0].value}
    camera = rows["71"]
    assert [Decimal(str(c.value)) for c in camera[2:8]] == [
        Decimal("10000"),
        Decimal("1000"),
        Decimal("4000"),
        Decimal("7000"),
        Decimal("12000"),
        Decimal("2000"),
    ]
    assert camera[8].value == _("Severe overrun")
    total = next(r for r in sheet.iter_rows(min_row=6) if r[1].value == _("Total"))
    assert Decimal(str(total[6].value)) == REPORT.figures.final
    alerts = book[_("Alerts")]
    assert alerts.max_row == 1 + len(REPORT.alerts)
    curve = book[_("Burn")]
    assert [Decimal(str(r[2].value)) for r in curve.iter_rows(min_row=2)][-1] == DEVIS.total


def test_final_accounts_documents() -> None:
    final = final_accounts(DEVIS, ACTUALS, REPORT, SETTINGS)
    view = final_accounts_view(final, PRODUCTION, budget_name="Devis 1")
    html = final_accounts_html(view, PRODUCTION, fragment=True)
    assert "style=" not in html
    assert _("Final accounts") in html
    assert "Ana Bel" in html
    text = _pdf_text(final_accounts_pdf(view, PRODUCTION))
    assert _("Reconciliation with the ledger") in text
    assert "FA-1" in text
    book = load_workbook(io.BytesIO(final_accounts_xlsx(final, PRODUCTION, budget_name="Devis 1")))
    assert book.sheetnames == [
        _(n) for n in ("Final accounts", "Reconciliation", "Staff", "Invoices")
    ]
    check = {r[0].value: r for r in book[_("Reconciliation")].iter_rows(min_row=2)}
    assert Decimal(str(check["91"][3].value)) == Decimal("-4800")
    staff = list(book[_("Staff")].iter_rows(min_row=2, values_only=True))
    assert staff[0][0] == "Ana Bel"
    assert Decimal(str(staff[0][3])) == Decimal("6000")


def test_the_expense_procedure() -> None:
    source = shipped_pack("expenses")
    view = procedure_view(source, on=dt.date(2026, 3, 10))
    meal = next(r for r in view.allowances if r.key == "meal_restaurant")
    assert meal.amount == "21,40\u00a0€"
    assert next(r for r in view.allowances if r.key == "travel_meal").unsure
    assert "meal_on_site" not in {
        r.key for r in procedure_view(source, on=dt.date(2025, 6, 1)).allowances
    }
    text = _pdf_text(procedure_pdf(source, PRODUCTION, on=dt.date(2026, 3, 10)))
    assert _("Expense procedure") in text
    assert "21,40" in text
