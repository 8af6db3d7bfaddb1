# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/p/{slug}/costs``: the cost report of a budget and the actuals behind it.

* ``GET /costs`` (``?budget=N``, the latest by default): chapters that open onto their
  accounts, the alerts, the burn chart (SVG, styled by ``/assets/costs.css``), the
  estimate-to-complete form per account, a snapshot button, downloads (PDF, XLSX);
* ``/costs/commitments``, ``/costs/invoices`` (with the file upload), ``/costs/expenses``
  (expense reports with their lines, receipts and the flow buttons; the crew's procedure as
  PDF), ``/costs/ledger`` (FEC and payroll imports: a file with errors is answered 400 with
  every error and its line on the page, and nothing is imported), ``/costs/mapping``
  (ledger account / analytic code → devis account), ``/costs/final`` (final accounts, PDF,
  XLSX).

The services check every permission; the pages only hide what the visitor cannot do.
"""

from __future__ import annotations

import functools
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from regie.core.choices import choice
from regie.documents.cost_report import (
    ALERT_LABELS,
    burn_html,
    cost_report_pdf,
    cost_report_stylesheet,
    cost_report_view,
    cost_report_xlsx,
)
from regie.documents.final_accounts import (
    final_accounts_html,
    final_accounts_pdf,
    final_accounts_view,
    final_accounts_xlsx,
)
from regie.finance.actuals import (
    CommitmentKind,
    CommitmentStatus,
    remaining,
)
from regie.services import actuals, budgets, cost_reports
from regie.services.actuals import CommitmentFields, InvoiceFields
from regie.web import views
from regie.web.deps import Page, ProductionPage, web_state
from regie.web.forms import optional_whole_number, required_date, whole_number
from regie.web.i18n import N_, request_locale
from regie.web.routes import costs_expenses
from regie.web.routes.costs_common import (
    XLSX,
    Text,
    Upload,
    context,
    costs_url,
    download,
    inline,
    read_upload,
    today,
)
from regie.web.templating import flash, go_to, render, translate

router = APIRouter()
router.include_router(costs_expenses.router)


@functools.cache
def _css() -> str:
    return cost_report_stylesheet()


@router.get("/assets/costs.css", include_in_schema=False)
def costs_stylesheet() -> Response:
    return Response(
        _css(),
        media_type="text/css; charset=utf-8",
        headers={"cache-control": "public, max-age=3600"},
    )


# -- the cost report ------------------------------------------------------------------------


def _view(request: Request, page: ProductionPage, budget: int | None) -> cost_reports.CostView:
    state = web_state(request)
    return cost_reports.cost_report(
        state.db, page.slug, budget, actor=page.user, as_of=today(), rule_dirs=state.rule_dirs
    )


@router.get("/p/{slug}/costs")
def report_page(request: Request, page: Page, budget: str = "") -> Response:
    view = _view(request, page, optional_whole_number(budget, "budget"))
    locale = request_locale(request)
    shown = cost_report_view(
        view.report,
        page.production,
        budget_name=view.record.name,
        burn=view.burn,
        locale=locale,
        currency=view.devis.budget.currency,
    )
    url = f"{costs_url(page.slug)}/report"
    query = f"?budget={view.record.number}"
    return render(
        request,
        "costs/report.html",
        view=shown,
        cost=view,
        burn_html=burn_html(shown.burn, locale=locale) if shown.burn else None,
        downloads=[("pdf", f"{url}.pdf{query}"), ("xlsx", f"{url}.xlsx{query}")],
        budgets=budgets.list_budgets(web_state(request).db, page.slug, actor=page.user),
        alert_labels=ALERT_LABELS,
        **context(request, page, "report"),
    )


@router.get("/p/{slug}/costs/report.pdf")
def report_pdf(request: Request, page: Page, budget: str = "") -> Response:
    view = _view(request, page, optional_whole_number(budget, "budget"))
    locale = request_locale(request)
    shown = cost_report_view(
        view.report,
        page.production,
        budget_name=view.record.name,
        burn=view.burn,
        locale=locale,
        currency=view.devis.budget.currency,
    )
    name = views.export_name(page.production, "COUTS", "etat-des-couts", view.record.number, "pdf")
    return download(cost_report_pdf(shown, page.production, locale=locale), "application/pdf", name)


@router.get("/p/{slug}/costs/report.xlsx")
def report_xlsx(request: Request, page: Page, budget: str = "") -> Response:
    view = _view(request, page, optional_whole_number(budget, "budget"))
    data = cost_report_xlsx(
        view.report,
        page.production,
        budget_name=view.record.name,
        burn=view.burn,
        locale=request_locale(request),
        currency=view.devis.budget.currency,
    )
    name = views.export_name(page.production, "COUTS", "etat-des-couts", view.record.number, "xlsx")
    return download(data, XLSX, name)


@router.post("/p/{slug}/costs/estimate")
def set_estimate(
    request: Request,
    page: Page,
    *,
    budget: Text = "",
    account: Text = "",
    amount: Text = "",
    note: Text = "",
    version: Text = "",
) -> Response:
    """The estimate to complete of one account; blank goes back to the default."""
    number = whole_number(budget, "budget")
    cost_reports.set_estimate(
        web_state(request).db,
        page.slug,
        number,
        account.strip(),
        "".join(amount.split()).replace(",", ".") or None,
        note=note,
        expected_version=optional_whole_number(version, "version"),
        actor=page.user,
    )
    flash(
        request,
        translate(request, N_("Estimate to complete of %(account)s saved."), account=account),
    )
    return go_to(request, f"{costs_url(page.slug)}?budget={number}#account-{account.strip()}")


@router.post("/p/{slug}/costs/snapshot")
def snapshot(request: Request, page: Page, budget: Text = "") -> Response:
    number = whole_number(budget, "budget")
    kept = cost_reports.take_snapshot(
        web_state(request).db,
        page.slug,
        number,
        actor=page.user,
        on=today(),
        rule_dirs=web_state(request).rule_dirs,
    )
    flash(
        request,
        translate(
            request, N_("Snapshot of the week of %(week)s kept."), week=kept.week.isoformat()
        ),
    )
    return go_to(request, f"{costs_url(page.slug)}?budget={number}")


# -- commitments and invoices ---------------------------------------------------------------


@router.get("/p/{slug}/costs/commitments")
def commitments_page(request: Request, page: Page) -> Response:
    db = web_state(request).db
    found = actuals.list_commitments(db, page.slug, actor=page.user)
    bills = actuals.list_invoices(db, page.slug, actor=page.user)
    left = {c.id: remaining(c, bills) for c in found}
    return render(
        request,
        "costs/commitments.html",
        commitments=found,
        left=left,
        kinds=list(CommitmentKind),
        statuses=list(CommitmentStatus),
        **context(request, page, "commitments"),
    )


@router.post("/p/{slug}/costs/commitments")
def add_commitment(
    request: Request,
    page: Page,
    *,
    reference: Text = "",
    supplier: Text = "",
    account: Text = "",
    description: Text = "",
    amount: Text = "",
    date: Text = "",
    kind: Text = "purchase_order",
) -> Response:
    chosen = choice(CommitmentKind, kind, "kind")
    made = actuals.add_commitment(
        web_state(request).db,
        page.slug,
        CommitmentFields(
            reference, supplier, account, description, amount, required_date(date, "date"), chosen
        ),
        actor=page.user,
    )
    flash(
        request,
        translate(request, N_("Commitment %(reference)s recorded."), reference=made.reference),
    )
    return go_to(request, f"{costs_url(page.slug)}/commitments")


@router.post("/p/{slug}/costs/commitments/{commitment_id}/status")
def commitment_status(
    request: Request, page: Page, commitment_id: int, *, status: Text = "", version: Text = ""
) -> Response:
    chosen = choice(CommitmentStatus, status, "status")
    actuals.set_commitment_status(
        web_state(request).db,
        page.slug,
        commitment_id,
        chosen,
        expected_version=whole_number(version, "version"),
        actor=page.user,
    )
    return go_to(request, f"{costs_url(page.slug)}/commitments")


@router.get("/p/{slug}/costs/invoices")
def invoices_page(request: Request, page: Page) -> Response:
    db = web_state(request).db
    return render(
        request,
        "costs/invoices.html",
        invoices=actuals.list_invoices(db, page.slug, actor=page.user),
        commitments=[
            c
            for c in actuals.list_commitments(db, page.slug, actor=page.user)
            if c.status is CommitmentStatus.OPEN
        ],
        **context(request, page, "invoices"),
    )


@router.post("/p/{slug}/costs/invoices")
def add_invoice(
    request: Request,
    page: Page,
    *,
    supplier: Text = "",
    number: Text = "",
    date: Text = "",
    account: Text = "",
    description: Text = "",
    net: Text = "",
    vat: Text = "0",
    commitment: Text = "",
    file: Upload = None,
) -> Response:
    upload = read_upload(file, "file") if file is not None and file.filename else None
    made = actuals.add_invoice(
        web_state(request).db,
        page.slug,
        InvoiceFields(
            supplier,
            number,
            required_date(date, "date"),
            account,
            description,
            net,
            vat or "0",
            optional_whole_number(commitment, "commitment"),
        ),
        actor=page.user,
        file=upload,
    )
    flash(request, translate(request, N_("Invoice %(number)s recorded."), number=made.number))
    return go_to(request, f"{costs_url(page.slug)}/invoices")


@router.get("/p/{slug}/costs/invoices/{invoice_id}/file")
def invoice_file(request: Request, page: Page, invoice_id: int) -> Response:
    kept, data = actuals.invoice_file(web_state(request).db, page.slug, invoice_id, actor=page.user)
    return inline(data, kept.media_type, kept.file_name)


# -- final accounts -------------------------------------------------------------------------


def _final(
    request: Request, page: ProductionPage, budget: str
) -> tuple[Any, cost_reports.CostView]:
    state = web_state(request)
    return cost_reports.final_accounts(
        state.db,
        page.slug,
        optional_whole_number(budget, "budget"),
        actor=page.user,
        as_of=today(),
        rule_dirs=state.rule_dirs,
    )


@router.get("/p/{slug}/costs/final")
def final_page(request: Request, page: Page, budget: str = "") -> Response:
    final, view = _final(request, page, budget)
    locale = request_locale(request)
    shown = final_accounts_view(final, page.production, budget_name=view.record.name, locale=locale)
    url, query = f"{costs_url(page.slug)}/final", f"?budget={view.record.number}"
    return render(
        request,
        "costs/final.html",
        final_html=final_accounts_html(shown, page.production, locale=locale, fragment=True),
        downloads=[("pdf", f"{url}.pdf{query}"), ("xlsx", f"{url}.xlsx{query}")],
        **context(request, page, "final"),
    )


@router.get("/p/{slug}/costs/final.pdf")
def final_pdf(request: Request, page: Page, budget: str = "") -> Response:
    final, view = _final(request, page, budget)
    locale = request_locale(request)
    shown = final_accounts_view(final, page.production, budget_name=view.record.name, locale=locale)
    name = views.export_name(
        page.production, "COUT-DEFINITIF", "cout-definitif", view.record.number, "pdf"
    )
    return download(
        final_accounts_pdf(shown, page.production, locale=locale), "application/pdf", name
    )


@router.get("/p/{slug}/costs/final.xlsx")
def final_xlsx(request: Request, page: Page, budget: str = "") -> Response:
    final, view = _final(request, page, budget)
    data = final_accounts_xlsx(
        final, page.production, budget_name=view.record.name, locale=request_locale(request)
    )
    name = views.export_name(
        page.production, "COUT-DEFINITIF", "cout-definitif", view.record.number, "xlsx"
    )
    return download(data, XLSX, name)
