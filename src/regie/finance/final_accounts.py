# SPDX-License-Identifier: AGPL-3.0-or-later
"""The final accounts (coût définitif): what the production really cost, in the devis
layout, reconciled with the company's ledger (FEC) and the payroll totals.

* **Statement** — per devis account and chapter: the budget, the final cost (the cost
  report's *actual*: ledger where it covers, regie's documents after its cut-off, see
  :mod:`regie.finance.costreport`) and the difference; then the add-ons at the devis's
  rates on the final cost of the chapters, except those ``final.addons_excluded`` of the
  ``cost-report`` pack leaves out (the contingency, consumed in the lines), each with the
  base it was applied to; and the total.
* **Reconciliation** — for every devis account, regie's documents dated on or before the
  ledger's cut-off (supplier invoices' net, approved or paid expense lines' net, payroll
  gross and charges) against the ledger's mapped charges: a *discrepancy* where they differ
  by more than ``final.tolerance``. The payroll entries' total cost against the ledger's
  payroll accounts (``ledger.payroll_prefixes``: class 64), likewise. Invoices are looked
  up in the ledger by their number in ``PieceRef``; those dated on or before the cut-off
  and not found are listed. Unmapped ledger charges are listed as they are in the report.
* **Staff list** — one row per person paid through payroll: first and last day, gross,
  employer charges, net.
* **Invoice list** — every supplier invoice, with whether the ledger has it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from regie.budget.model import AddOnBase, Devis
from regie.finance.actuals import ZERO, Invoice, cents
from regie.finance.costreport import (
    Actuals,
    CostChapter,
    CostReport,
    CostSettings,
    Source,
    document_items,
    ledger_items,
)
from regie.finance.ledger import UnmappedAccount


@dataclass(frozen=True, slots=True)
class StatementLine:
    code: str
    title: str
    budget: Decimal
    final: Decimal

    @property
    def difference(self) -> Decimal:
        return self.final - self.budget


@dataclass(frozen=True, slots=True)
class StatementChapter:
    number: int
    title: str
    lines: tuple[StatementLine, ...]
    budget: Decimal
    final: Decimal


@dataclass(frozen=True, slots=True)
class StatementAddOn:
    key: str
    title: str
    rate: Decimal
    base: Decimal
    budget: Decimal
    final: Decimal


@dataclass(frozen=True, slots=True)
class Discrepancy:
    devis_account: str  # "" for the payroll totals
    documents: Decimal  # regie's invoices, expenses and payroll up to the cut-off
    ledger: Decimal
    label: str = ""

    @property
    def difference(self) -> Decimal:
        return self.documents - self.ledger


@dataclass(frozen=True, slots=True)
class StaffRow:
    person: str
    first_day: dt.date
    last_day: dt.date
    gross: Decimal
    employer_charges: Decimal
    net: Decimal
    accounts: tuple[str, ...]

    @property
    def cost(self) -> Decimal:
        return self.gross + self.employer_charges


@dataclass(frozen=True, slots=True)
class InvoiceRow:
    invoice: Invoice
    in_ledger: bool | None  # None: dated after the cut-off (not expected yet)


@dataclass(frozen=True, slots=True)
class FinalAccounts:
    as_of: dt.date
    cutoff: dt.date | None
    chapters: tuple[StatementChapter, ...]
    chapters_budget: Decimal
    chapters_final: Decimal
    addons: tuple[StatementAddOn, ...]
    budget: Decimal  # the devis total
    final: Decimal  # chapters + add-ons as applied
    discrepancies: tuple[Discrepancy, ...]  # beyond the tolerance only
    reconciled: tuple[Discrepancy, ...]  # every account compared (for the detail)
    payroll: Discrepancy  # payroll entries against the ledger's payroll accounts
    payroll_matches: bool
    staff: tuple[StaffRow, ...]
    invoices: tuple[InvoiceRow, ...]
    unmapped: tuple[UnmappedAccount, ...]
    tolerance: Decimal
    settings_ref: str

    @property
    def balanced(self) -> bool:
        """No discrepancy, payroll agrees, nothing unmapped, every invoice found."""
        return (
            not self.discrepancies
            and self.payroll_matches
            and not self.unmapped
            and all(row.in_ledger is not False for row in self.invoices)
        )


def _statement(chapters: Iterable[CostChapter]) -> tuple[StatementChapter, ...]:
    out = []
    for chapter in chapters:
        lines = tuple(
            StatementLine(ln.code, ln.account.title, ln.figures.budget, ln.figures.actual)
            for ln in chapter.lines
        )
        out.append(
            StatementChapter(
                chapter.chapter.number,
                chapter.chapter.title,
                lines,
                chapter.figures.budget,
                chapter.figures.actual,
            )
        )
    return tuple(out)


def _addons(devis: Devis, final: Decimal, settings: CostSettings) -> tuple[StatementAddOn, ...]:
    rows: list[StatementAddOn] = []
    previous = ZERO
    for addon in devis.addons:
        key, title = addon.addon.key, addon.addon.title
        if key in settings.addons_excluded:
            rows.append(StatementAddOn(key, title, addon.rate, ZERO, addon.amount, ZERO))
            continue
        base = final + previous if addon.addon.base is AddOnBase.CHAPTERS_AND_OVERHEADS else final
        amount = cents(base * addon.rate)
        previous += amount
        rows.append(StatementAddOn(key, title, addon.rate, base, addon.amount, amount))
    return tuple(rows)


def _staff(actuals: Actuals) -> tuple[StaffRow, ...]:
    rows: dict[str, StaffRow] = {}
    for entry in actuals.payroll:
        known = rows.get(entry.person)
        accounts = {entry.devis_account} | (set(known.accounts) if known else set())
        rows[entry.person] = StaffRow(
            entry.person,
            min(entry.period_start, known.first_day) if known else entry.period_start,
            max(entry.period_end, known.last_day) if known else entry.period_end,
            entry.gross + (known.gross if known else ZERO),
            entry.employer_charges + (known.employer_charges if known else ZERO),
            entry.net + (known.net if known else ZERO),
            tuple(sorted(accounts)),
        )
    return tuple(rows[name] for name in sorted(rows, key=str.casefold))


def final_accounts(
    devis: Devis, actuals: Actuals, report: CostReport, settings: CostSettings
) -> FinalAccounts:
    """The final accounts of ``devis`` from ``report`` (the cost report of the same
    actuals) and the reconciliation of ``actuals`` with their ledger."""
    cutoff = actuals.cutoff
    chapters = _statement(report.chapters)
    chapters_final = sum((c.final for c in chapters), ZERO)
    addons = _addons(devis, chapters_final, settings)
    chapter_of = {a.code: c.number for c in devis.budget.chart.chapters for a in c.accounts}

    reconciled: list[Discrepancy] = []
    payroll = Discrepancy("", ZERO, ZERO, "payroll")
    if cutoff is not None:
        mapped, _unmapped = ledger_items(actuals)
        booked: dict[str, Decimal] = {}
        for item in mapped:
            booked[item.devis_account] = booked.get(item.devis_account, ZERO) + item.amount
        documents: dict[str, Decimal] = {}
        before = Actuals(
            invoices=tuple(i for i in actuals.invoices if i.date <= cutoff),
            expenses=actuals.expenses,
            payroll=tuple(p for p in actuals.payroll if p.period_end <= cutoff),
        )
        for item in document_items(before, chapter_of, settings, after=None):
            if item.source is Source.EXPENSE and item.date > cutoff:
                continue
            documents[item.devis_account] = documents.get(item.devis_account, ZERO) + item.amount
        for code in sorted(set(booked) | set(documents), key=_order):
            reconciled.append(Discrepancy(code, documents.get(code, ZERO), booked.get(code, ZERO)))
        ledger = actuals.ledger
        payroll_ledger = sum(
            (
                e.net
                for e in (ledger.entries if ledger else ())
                if e.account.startswith(settings.payroll_prefixes)
            ),
            ZERO,
        )
        payroll_documents = sum((p.cost for p in before.payroll), ZERO)
        payroll = Discrepancy("", payroll_documents, payroll_ledger, "payroll")
    tolerance = settings.tolerance
    pieces = {
        e.piece_ref.strip().casefold()
        for e in (actuals.ledger.entries if actuals.ledger else ())
        if e.piece_ref.strip()
    }
    invoices = tuple(
        InvoiceRow(
            invoice,
            None
            if cutoff is None or invoice.date > cutoff
            else invoice.number.strip().casefold() in pieces,
        )
        for invoice in sorted(actuals.invoices, key=lambda i: (i.date, i.supplier, i.number))
    )
    final_addons = sum((a.final for a in addons), ZERO)
    return FinalAccounts(
        as_of=report.as_of,
        cutoff=cutoff,
        chapters=chapters,
        chapters_budget=sum((c.budget for c in chapters), ZERO),
        chapters_final=chapters_final,
        addons=addons,
        budget=devis.total,
        final=chapters_final + final_addons,
        discrepancies=tuple(d for d in reconciled if abs(d.difference) > tolerance),
        reconciled=tuple(reconciled),
        payroll=payroll,
        payroll_matches=abs(payroll.difference) <= tolerance,
        staff=_staff(actuals),
        invoices=invoices,
        unmapped=report.unmapped,
        tolerance=tolerance,
        settings_ref=settings.ref,
    )


def _order(code: str) -> tuple[int, str]:
    return (int(code) if code.isdigit() else 10**9, code)
