# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/p/{slug}/costs/expenses``, ``/costs/ledger`` and ``/costs/mapping``: expense reports
(lines, receipts, the flow buttons, the crew's procedure as PDF), FEC and payroll imports
(a file with errors is answered 400 with every error and its line, nothing imported), and
the mapping of ledger accounts and analytic codes onto the devis. Included by
:mod:`regie.web.routes.costs`."""

from __future__ import annotations

from typing import Any, Final

from fastapi import APIRouter, Request
from starlette.responses import Response

from regie.core.choices import choice
from regie.core.errors import RuleError
from regie.documents.expense_procedure import procedure_pdf
from regie.finance.actuals import (
    EDITABLE,
    EXPENSES_PACK,
    ExpenseAction,
    allowance_keys,
    allowance_rate,
)
from regie.formats.fec import FecError
from regie.formats.payroll_csv import PayrollCsvError
from regie.rules.registry import pack
from regie.services import actuals, cost_reports
from regie.services.actuals import ExpenseLineFields
from regie.web import errors, views
from regie.web.deps import Page, ProductionPage, web_state
from regie.web.forms import required_date, whole_number
from regie.web.i18n import N_, request_locale, text_in
from regie.web.routes.costs_common import (
    ACTION_LABELS,
    STATUS_LABELS,
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


# -- expense reports ------------------------------------------------------------------------


@router.get("/p/{slug}/costs/expenses")
def expenses_page(request: Request, page: Page) -> Response:
    reports = actuals.list_expense_reports(web_state(request).db, page.slug, actor=page.user)
    return render(
        request,
        "costs/expenses.html",
        reports=reports,
        person=page.user.display_name,
        **context(request, page, "expenses"),
    )


@router.get("/p/{slug}/costs/expenses/procedure.pdf")
def expense_procedure(request: Request, page: Page) -> Response:
    source = pack(EXPENSES_PACK, extra_dirs=web_state(request).rule_dirs)
    data = procedure_pdf(source, page.production, on=today(), locale=request_locale(request))
    name = views.export_name(page.production, "PROCEDURE", "notes-de-frais", 1, "pdf")
    return download(data, "application/pdf", name)


@router.post("/p/{slug}/costs/expenses")
def create_report(request: Request, page: Page, *, person: Text = "", title: Text = "") -> Response:
    made = actuals.create_expense_report(
        web_state(request).db,
        page.slug,
        person=person or page.user.display_name,
        title=title,
        actor=page.user,
    )
    return go_to(request, f"{costs_url(page.slug)}/expenses/{made.number}")


@router.get("/p/{slug}/costs/expenses/{number}")
def expense_page(request: Request, page: Page, number: int) -> Response:
    state = web_state(request)
    report = actuals.get_expense_report(state.db, page.slug, number, actor=page.user)
    source = pack(EXPENSES_PACK, extra_dirs=state.rule_dirs)
    locale = request_locale(request)
    rates = []
    for key in allowance_keys(source):
        try:
            rate = allowance_rate(source, key, today())
        except RuleError:  # no amount valid today: not offered
            continue
        rates.append(
            (key, rate.label_en if locale == "en" else rate.label, rate.amount, rate.unsure)
        )
    shared = context(request, page, "expenses")
    own = report.owner_id == page.user.id
    can = shared["can"]
    actions = [
        (a, ACTION_LABELS[a])
        for a, allowed in (
            (ExpenseAction.SUBMIT, (own and can["submit_expenses"]) or can["edit_actuals"]),
            (ExpenseAction.APPROVE, can["approve_expenses"] and not own),
            (ExpenseAction.REJECT, can["approve_expenses"] and not own),
            (ExpenseAction.PAY, can["pay_expenses"]),
        )
        if allowed and report.status in _STARTS[a]
    ]
    return render(
        request,
        "costs/expense.html",
        report=report,
        rates=rates,
        actions=actions,
        editable=report.status in EDITABLE
        and ((own and can["submit_expenses"]) or can["edit_actuals"]),
        today=today().isoformat(),
        **shared,
    )


_STARTS: Final = {
    ExpenseAction.SUBMIT: ("draft", "rejected"),
    ExpenseAction.APPROVE: ("submitted",),
    ExpenseAction.REJECT: ("submitted",),
    ExpenseAction.PAY: ("approved",),
}


@router.post("/p/{slug}/costs/expenses/{number}/lines")
def add_line(
    request: Request,
    page: Page,
    number: int,
    *,
    date: Text = "",
    account: Text = "",
    description: Text = "",
    amount: Text = "0",
    vat: Text = "0",
    allowance: Text = "",
    quantity: Text = "",
    version: Text = "",
) -> Response:
    state = web_state(request)
    actuals.add_expense_line(
        state.db,
        page.slug,
        number,
        ExpenseLineFields(
            required_date(date, "date"),
            account,
            description,
            amount or "0",
            vat or "0",
            allowance.strip() or None,
            quantity.strip() or None,
        ),
        expected_version=whole_number(version, "version"),
        actor=page.user,
        rule_dirs=state.rule_dirs,
    )
    return go_to(request, f"{costs_url(page.slug)}/expenses/{number}")


@router.post("/p/{slug}/costs/expenses/{number}/lines/{line_id}/delete")
def delete_line(
    request: Request, page: Page, number: int, line_id: int, version: Text = ""
) -> Response:
    actuals.delete_expense_line(
        web_state(request).db,
        page.slug,
        number,
        line_id,
        expected_version=whole_number(version, "version"),
        actor=page.user,
    )
    return go_to(request, f"{costs_url(page.slug)}/expenses/{number}")


@router.post("/p/{slug}/costs/expenses/{number}/lines/{line_id}/receipts")
def add_receipt(
    request: Request,
    page: Page,
    number: int,
    line_id: int,
    *,
    version: Text = "",
    file: Upload = None,
) -> Response:
    actuals.add_receipt(
        web_state(request).db,
        page.slug,
        number,
        line_id,
        read_upload(file, "file"),
        expected_version=whole_number(version, "version"),
        actor=page.user,
    )
    return go_to(request, f"{costs_url(page.slug)}/expenses/{number}")


@router.get("/p/{slug}/costs/expenses/{number}/lines/{line_id}/receipts/{index}")
def receipt(request: Request, page: Page, number: int, line_id: int, index: int) -> Response:
    kept, data = actuals.receipt_file(
        web_state(request).db, page.slug, number, line_id, index, actor=page.user
    )
    return inline(data, kept.media_type, kept.file_name)


@router.post("/p/{slug}/costs/expenses/{number}/{action}")
def act(
    request: Request, page: Page, number: int, action: str, *, version: Text = "", note: Text = ""
) -> Response:
    chosen = choice(ExpenseAction, action, "action")
    state = web_state(request)
    done = actuals.act_on_expense(
        state.db,
        page.slug,
        number,
        chosen,
        on=today(),
        expected_version=whole_number(version, "version"),
        actor=page.user,
        note=note,
        rule_dirs=state.rule_dirs,
    )
    flash(
        request,
        translate(
            request,
            N_("Expense report %(number)s: %(status)s."),
            number=number,
            status=translate(request, STATUS_LABELS[done.status.value]),
        ),
    )
    return go_to(request, f"{costs_url(page.slug)}/expenses/{number}")


# -- ledger, payroll and mapping ------------------------------------------------------------


def _ledger_page(
    request: Request,
    page: ProductionPage,
    *,
    status: int = 200,
    problems: dict[str, Any] | None = None,
) -> Response:
    db = web_state(request).db
    imports, entries = actuals.payroll(db, page.slug, actor=page.user)
    return render(
        request,
        "costs/ledger.html",
        status=status,
        ledger_imports=cost_reports.ledger_imports(db, page.slug, actor=page.user),
        payroll_imports=imports,
        payroll_entries=entries,
        **{
            "fec_error": None,
            "fec_issues": [],
            "fec_count": 0,
            "payroll_error": None,
            "payroll_issues": [],
            **(problems or {}),
        },
        **context(request, page, "ledger"),
    )


@router.get("/p/{slug}/costs/ledger")
def ledger_page(request: Request, page: Page) -> Response:
    return _ledger_page(request, page)


@router.post("/p/{slug}/costs/ledger/fec")
def import_fec(
    request: Request, page: Page, *, replace: Text = "", file: Upload = None
) -> Response:
    state = web_state(request)
    locale = request_locale(request)
    try:
        name, data = read_upload(file, "file")
        done = cost_reports.import_fec(
            state.db,
            page.slug,
            name,
            data,
            actor=page.user,
            replace=replace == "on",
            rule_dirs=state.rule_dirs,
        )
    except FecError as refused:
        issues = [(i.line, i.column or "", text_in(i.message, locale)) for i in refused.issues]
        problems = {
            "fec_error": errors.localized(request, refused),
            "fec_issues": issues,
            "fec_count": refused.report.issue_count,
        }
        return _ledger_page(request, page, status=400, problems=problems)
    flash(
        request,
        translate(
            request,
            N_("FEC %(file)s imported: %(lines)s lines, %(entries)s entries."),
            file=done.batch.file_name,
            lines=done.batch.lines,
            entries=done.batch.entries,
        ),
    )
    return go_to(request, f"{costs_url(page.slug)}/ledger")


@router.post("/p/{slug}/costs/ledger/payroll")
def import_payroll(request: Request, page: Page, file: Upload = None) -> Response:
    locale = request_locale(request)
    try:
        name, data = read_upload(file, "file")
        done = actuals.import_payroll(web_state(request).db, page.slug, name, data, actor=page.user)
    except PayrollCsvError as refused:
        issues = [(i.line, i.column or "", text_in(i.message, locale)) for i in refused.issues]
        problems = {"payroll_error": errors.localized(request, refused), "payroll_issues": issues}
        return _ledger_page(request, page, status=400, problems=problems)
    flash(
        request,
        translate(
            request,
            N_("Payroll %(file)s imported: %(rows)s rows."),
            file=done.file_name,
            rows=done.rows,
        ),
    )
    return go_to(request, f"{costs_url(page.slug)}/ledger")


@router.get("/p/{slug}/costs/mapping")
def mapping_page(request: Request, page: Page) -> Response:
    state = web_state(request)
    return render(
        request,
        "costs/mapping.html",
        rules=cost_reports.list_rules(state.db, page.slug, actor=page.user),
        suggested=cost_reports.suggested_rules(state.db, page.slug, actor=page.user),
        mapping=cost_reports.mapping(
            state.db, page.slug, actor=page.user, rule_dirs=state.rule_dirs
        ),
        **context(request, page, "mapping"),
    )


@router.post("/p/{slug}/costs/mapping")
def add_rule(
    request: Request, page: Page, *, prefix: Text = "", analytic: Text = "", account: Text = ""
) -> Response:
    cost_reports.add_rule(
        web_state(request).db,
        page.slug,
        devis_account=account,
        account_prefix=prefix,
        analytic=analytic,
        actor=page.user,
    )
    return go_to(request, f"{costs_url(page.slug)}/mapping")


@router.post("/p/{slug}/costs/mapping/suggested")
def apply_suggested(request: Request, page: Page) -> Response:
    added = cost_reports.apply_suggested_rules(web_state(request).db, page.slug, actor=page.user)
    flash(request, translate(request, N_("%(count)s rules added."), count=len(added)))
    return go_to(request, f"{costs_url(page.slug)}/mapping")


@router.post("/p/{slug}/costs/mapping/{rule_id}/delete")
def delete_rule(request: Request, page: Page, rule_id: int, version: Text = "") -> Response:
    cost_reports.delete_rule(
        web_state(request).db,
        page.slug,
        rule_id,
        expected_version=whole_number(version, "version"),
        actor=page.user,
    )
    return go_to(request, f"{costs_url(page.slug)}/mapping")
