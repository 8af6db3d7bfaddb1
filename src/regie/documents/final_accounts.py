# SPDX-License-Identifier: AGPL-3.0-or-later
"""The final accounts (coût définitif): HTML/PDF and XLSX of
:class:`~regie.finance.final_accounts.FinalAccounts`.

The statement in the devis layout (chapter, account, budget, final cost, difference; the
add-ons with their base; the total), then the reconciliation with the ledger (every
discrepancy per devis account, the payroll totals, the invoices the ledger does not have,
the ledger charges no rule maps), the staff list and the invoice list. The XLSX has one
sheet each: "Coût définitif", "Rapprochement", "Personnel", "Factures" — values, no
formulas.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from regie.core.production import Production
from regie.documents.cost_report import cash_in, header_row, money_format
from regie.documents.i18n import format_date, normalize_locale
from regie.documents.pdf import html_to_pdf
from regie.documents.templating import gettext_for, kind_label, render
from regie.finance.final_accounts import FinalAccounts

__all__ = [
    "FinalView",
    "final_accounts_html",
    "final_accounts_pdf",
    "final_accounts_view",
    "final_accounts_xlsx",
]


@dataclass(frozen=True, slots=True)
class FinalView:
    kind: str
    budget_name: str
    as_of: str
    cutoff: str | None
    chapters: tuple[
        tuple[str, str, str, str, str, tuple[tuple[str, str, str, str, str, bool], ...]], ...
    ]
    chapters_budget: str
    chapters_final: str
    addons: tuple[tuple[str, str, str, str, str], ...]  # title, rate, base, budget, final
    budget: str
    final: str
    difference: str
    over: bool
    discrepancies: tuple[tuple[str, str, str, str], ...]  # account, documents, ledger, diff
    payroll: tuple[str, str, str]
    payroll_matches: bool
    staff: tuple[tuple[str, str, str, str, str, str, str], ...]
    invoices: tuple[tuple[str, str, str, str, str, str, str], ...]
    unmapped: tuple[tuple[str, str, str], ...]
    tolerance: str
    balanced: bool
    settings_ref: str


def final_accounts_view(
    final: FinalAccounts,
    production: Production,
    *,
    budget_name: str,
    locale: str = "fr",
    currency: str = "EUR",
) -> FinalView:
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    cash = cash_in(language, currency)

    def day(value: Any) -> str:
        return format_date(value, language, form="short") if value else ""

    def percent(rate: Decimal) -> str:
        text = f"{(rate * 100).normalize():f}"
        return (text.replace(".", ",") + "\u202f%") if language == "fr" else text + "%"

    in_ledger = {True: _("yes"), False: _("no"), None: _("after the cut-off")}
    return FinalView(
        kind=kind_label(production, language),
        budget_name=budget_name,
        as_of=format_date(final.as_of, language),
        cutoff=format_date(final.cutoff, language) if final.cutoff else None,
        chapters=tuple(
            (
                str(c.number),
                c.title,
                cash(c.budget),
                cash(c.final),
                cash(c.final - c.budget),
                tuple(
                    (
                        ln.code,
                        ln.title,
                        cash(ln.budget),
                        cash(ln.final),
                        cash(ln.difference),
                        ln.difference > 0,
                    )
                    for ln in c.lines
                    if ln.budget or ln.final
                ),
            )
            for c in final.chapters
        ),
        chapters_budget=cash(final.chapters_budget),
        chapters_final=cash(final.chapters_final),
        addons=tuple(
            (a.title, percent(a.rate), cash(a.base), cash(a.budget), cash(a.final))
            for a in final.addons
        ),
        budget=cash(final.budget),
        final=cash(final.final),
        difference=cash(final.final - final.budget),
        over=final.final > final.budget,
        discrepancies=tuple(
            (d.devis_account, cash(d.documents), cash(d.ledger), cash(d.difference))
            for d in final.discrepancies
        ),
        payroll=(
            cash(final.payroll.documents),
            cash(final.payroll.ledger),
            cash(final.payroll.difference),
        ),
        payroll_matches=final.payroll_matches,
        staff=tuple(
            (
                s.person,
                day(s.first_day),
                day(s.last_day),
                cash(s.gross),
                cash(s.employer_charges),
                cash(s.net),
                ", ".join(s.accounts),
            )
            for s in final.staff
        ),
        invoices=tuple(
            (
                r.invoice.supplier,
                r.invoice.number,
                day(r.invoice.date),
                r.invoice.devis_account,
                cash(r.invoice.net),
                cash(r.invoice.vat),
                in_ledger[r.in_ledger],
            )
            for r in final.invoices
        ),
        unmapped=tuple((u.account, u.label, cash(u.amount)) for u in final.unmapped),
        tolerance=cash(final.tolerance),
        balanced=final.balanced,
        settings_ref=final.settings_ref,
    )


def final_accounts_html(
    view: FinalView, production: Production, *, locale: str = "fr", fragment: bool = False
) -> str:
    template = "cost_report/final.html" if fragment else "cost_report/final_document.html"
    return render(template, locale, view=view, production=production)


def final_accounts_pdf(view: FinalView, production: Production, *, locale: str = "fr") -> bytes:
    return html_to_pdf(final_accounts_html(view, production, locale=locale))


def final_accounts_xlsx(
    final: FinalAccounts,
    production: Production,
    *,
    budget_name: str,
    locale: str = "fr",
    currency: str = "EUR",
) -> bytes:
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    money = money_format(language, currency)
    book = Workbook()

    def rows(sheet: Any, start: int, values: list[list[object]], money_columns: set[int]) -> None:
        for n, row in enumerate(values, start=start):
            for column, value in enumerate(row, start=1):
                cell = sheet.cell(row=n, column=column, value=value)
                if column in money_columns and isinstance(value, Decimal):
                    cell.number_format = money

    statement = book.active
    statement.title = _("Final accounts")[:31]
    statement.cell(row=1, column=1, value=production.title).font = Font(bold=True, size=14)
    statement.cell(row=2, column=1, value=f"{_('Final accounts')} — {budget_name}").font = Font(
        bold=True
    )
    header_row(
        statement,
        4,
        [_("Account"), _("Title"), _("Budget"), _("Final cost"), _("Difference")],
        [9, 40, 15, 15, 15],
    )
    body: list[list[object]] = []
    for chapter in final.chapters:
        body += [
            [ln.code, ln.title, ln.budget, ln.final, ln.difference]
            for ln in chapter.lines
            if ln.budget or ln.final
        ]
        body.append(
            [
                str(chapter.number),
                f"{_('Total')} {chapter.title}",
                chapter.budget,
                chapter.final,
                chapter.final - chapter.budget,
            ]
        )
    body.append(
        [
            "",
            _("Total chapters 1 to 9"),
            final.chapters_budget,
            final.chapters_final,
            final.chapters_final - final.chapters_budget,
        ]
    )
    body += [["", a.title, a.budget, a.final, a.final - a.budget] for a in final.addons]
    body.append(["", _("Total"), final.budget, final.final, final.final - final.budget])
    rows(statement, 5, body, {3, 4, 5})

    check = book.create_sheet(_("Reconciliation")[:31])
    header_row(
        check,
        1,
        [_("Account"), _("regie documents"), _("Ledger"), _("Difference")],
        [10, 18, 18, 18],
    )
    found = [[d.devis_account, d.documents, d.ledger, d.difference] for d in final.reconciled]
    found.append(
        [_("Payroll"), final.payroll.documents, final.payroll.ledger, final.payroll.difference]
    )
    rows(check, 2, found, {2, 3, 4})

    staff = book.create_sheet(_("Staff")[:31])
    header_row(
        staff,
        1,
        [
            _("Person"),
            _("First day"),
            _("Last day"),
            _("Gross"),
            _("Employer charges"),
            _("Net"),
            _("Accounts"),
        ],
        [28, 12, 12, 15, 15, 15, 12],
    )
    rows(
        staff,
        2,
        [
            [
                s.person,
                s.first_day,
                s.last_day,
                s.gross,
                s.employer_charges,
                s.net,
                ", ".join(s.accounts),
            ]
            for s in final.staff
        ],
        {4, 5, 6},
    )

    bills = book.create_sheet(_("Invoices")[:31])
    header_row(
        bills,
        1,
        [
            _("Supplier"),
            _("Number"),
            _("Date"),
            _("Account"),
            _("Net"),
            _("VAT"),
            _("In the ledger"),
        ],
        [28, 14, 12, 9, 15, 12, 14],
    )
    answer = {True: _("yes"), False: _("no"), None: ""}
    rows(
        bills,
        2,
        [
            [
                r.invoice.supplier,
                r.invoice.number,
                r.invoice.date,
                r.invoice.devis_account,
                r.invoice.net,
                r.invoice.vat,
                answer[r.in_ledger],
            ]
            for r in final.invoices
        ],
        {5, 6},
    )
    for sheet, column in ((staff, "B"), (staff, "C"), (bills, "C")):
        for cell in sheet[column][1:]:
            cell.number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
