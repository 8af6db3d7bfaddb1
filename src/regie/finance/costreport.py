# SPDX-License-Identifier: AGPL-3.0-or-later
"""The cost report (état des coûts): per devis account and chapter, the budget, what is
committed, what is spent, what is left to spend and the estimated final cost.

A *line* of the cost report is a devis account (``"52"`` Décors naturels): the level the
CNC statement, the ledger mapping and every actual document use; the budget lines inside
an account only make up its budget.

For each account:

* **budget** — the account's total in the computed devis (lines' gross plus the employer
  charges booked on it), :class:`~regie.budget.model.Devis`;
* **committed** — the open commitments on the account less what was already invoiced
  against each (:func:`regie.finance.actuals.remaining`): money promised, not yet spent;
* **actual** — money spent, from one source per period so that nothing counts twice:

  1. the **ledger** (FEC) is the book of record. Its charge lines (accounts with a prefix
     of ``ledger.expense_prefixes`` in the ``fec-format`` pack: class 6) count on the devis
     account their mapping rule names (:func:`regie.finance.ledger.rule_for`); the other
     classes (suppliers 401, VAT 445, bank 512…) are the counterparts of the same money and
     never count. The ledger's **cut-off** is the latest ``EcritureDate`` imported.
  2. regie's own documents count **only when dated after the cut-off** (all of them when
     no ledger was imported): supplier invoices by invoice date (their net, excluding VAT);
     the lines of approved or paid expense reports by line date (amount less recoverable
     VAT; drafts, submitted and rejected reports count nothing); payroll entries by period
     end (gross on the entry's account, employer charges on its charges account — the
     entry's own, else ``payroll.charges_accounts`` of the ``cost-report`` pack by the
     chapter of the gross). A document dated on or before the cut-off is taken to be in
     the ledger already; :mod:`regie.finance.final_accounts` checks that it is.
  3. ledger charge lines no rule maps are **not** guessed onto an account: they are listed
     (``unmapped``) with an alert, until the production adds a rule.

* **estimate to complete** (ETC, reste à engager) — by default ``max(budget − actual −
  committed, 0)``; a production manager may set it per account (an override, kept with its
  note);
* **estimated final cost** (EFC, coût final estimé) — ``actual + committed + ETC``;
* **variance** — ``EFC − budget``: positive is an overrun, negative a saving.

Alerts (thresholds from the ``cost-report`` pack, customary): *watch* when actual plus
committed reach ``alerts.watch_ratio`` of the budget; *overrun* when the variance is above
``alerts.overrun_ratio`` of the budget and at least ``alerts.min_amount``; *severe* above
``alerts.severe_ratio``; *unbudgeted* for spend on an account with no budget; *unmapped*
for ledger charges no rule maps. Chapters get the same levels on their sums.

The add-ons of the devis (frais généraux, imprévus, rémunération du producteur) are carried
at their budget: they are not spent through suppliers, payroll or expense reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Final

from regie.budget.model import Account, Chapter, Cited, Devis
from regie.finance.actuals import (
    ZERO,
    Commitment,
    ExpenseReport,
    Invoice,
    PayrollEntry,
    remaining,
)
from regie.finance.ledger import Ledger, MappingRule, UnmappedAccount, map_to_devis, rule_for
from regie.rules.pack import RulePack

PACK_ID: Final = "cost-report"


class Source(StrEnum):
    """Where an actual amount comes from."""

    LEDGER = "ledger"
    INVOICE = "invoice"
    EXPENSE = "expense"
    PAYROLL = "payroll"


class AlertLevel(StrEnum):
    WATCH = "watch"  # à surveiller: nearly all of the budget is spent or committed
    OVERRUN = "overrun"  # dépassement
    SEVERE = "severe"  # dépassement important
    UNBUDGETED = "unbudgeted"  # spend on an account with no budget
    UNMAPPED = "unmapped"  # ledger charges no rule maps to the devis


@dataclass(frozen=True, slots=True)
class CostSettings:
    """The ``cost-report`` pack's values (each citable)."""

    ref: str
    watch_ratio: Decimal
    overrun_ratio: Decimal
    severe_ratio: Decimal
    min_amount: Decimal
    charges_accounts: Mapping[str, str]  # chapter number (or "default") → devis account
    payroll_prefixes: tuple[str, ...]
    tolerance: Decimal
    post_weeks: int
    shares: Mapping[int, Mapping[str, Decimal]]  # chapter → phase → share
    addons_excluded: tuple[str, ...] = ()  # add-ons the final statement leaves out
    cited: Mapping[str, Cited] = field(default_factory=dict)


def cost_settings(source: RulePack) -> CostSettings:
    """The settings of a ``cost-report`` pack (values read as exact decimals)."""
    cited: dict[str, Cited] = {}

    def entry(key: str) -> object:
        value = source.value(key, dt.date.min)
        cited[key] = Cited(source.ref, key, value.status, value.citation(), value.note)
        return value.value

    def number(key: str) -> Decimal:
        return Decimal(str(entry(key)))

    def mapping(key: str) -> dict[str, object]:
        return mapping_of(entry(key))

    shares = {
        int(chapter): {str(phase): Decimal(str(v)) for phase, v in mapping_of(row).items()}
        for chapter, row in mapping("burn.shares").items()
    }
    prefixes = entry("ledger.payroll_prefixes")
    excluded = entry("final.addons_excluded")
    return CostSettings(
        ref=source.ref,
        watch_ratio=number("alerts.watch_ratio"),
        overrun_ratio=number("alerts.overrun_ratio"),
        severe_ratio=number("alerts.severe_ratio"),
        min_amount=number("alerts.min_amount"),
        charges_accounts={k: str(v) for k, v in mapping("payroll.charges_accounts").items()},
        payroll_prefixes=tuple(str(p) for p in (prefixes if isinstance(prefixes, list) else [])),
        tolerance=number("final.tolerance"),
        post_weeks=int(number("burn.post_weeks")),
        shares=shares,
        addons_excluded=tuple(str(k) for k in (excluded if isinstance(excluded, list) else [])),
        cited=cited,
    )


def mapping_of(raw: object) -> dict[str, object]:
    return {str(k): v for k, v in raw.items()} if isinstance(raw, Mapping) else {}


@dataclass(frozen=True, slots=True)
class Actuals:
    """Everything the cost report reads, as stored for one production."""

    commitments: tuple[Commitment, ...] = ()
    invoices: tuple[Invoice, ...] = ()
    expenses: tuple[ExpenseReport, ...] = ()
    payroll: tuple[PayrollEntry, ...] = ()
    ledger: Ledger | None = None  # every imported ledger line
    rules: tuple[MappingRule, ...] = ()  # account / analytic → devis account
    expense_prefixes: tuple[str, ...] = ("6",)  # charge accounts of the ledger

    @property
    def cutoff(self) -> dt.date | None:
        """The last date the ledger covers: regie's documents up to it are in it."""
        if self.ledger is None or not self.ledger.entries:
            return None
        return max(e.date for e in self.ledger.entries)


@dataclass(frozen=True, slots=True)
class ActualItem:
    """One amount spent on a devis account, with where it comes from."""

    source: Source
    devis_account: str
    date: dt.date
    amount: Decimal
    label: str  # "AC0002 Location maison", "FAC-118 Loueur"…
    reference: str = ""


def charges_account_for(
    entry: PayrollEntry, chart_chapter: int | None, settings: CostSettings
) -> str:
    """The devis account of a payroll entry's employer charges."""
    if entry.charges_account:
        return entry.charges_account
    key = str(chart_chapter) if chart_chapter is not None else "default"
    return settings.charges_accounts.get(key, settings.charges_accounts["default"])


def _after(day: dt.date, cutoff: dt.date | None) -> bool:
    return cutoff is None or day > cutoff


def ledger_items(actuals: Actuals) -> tuple[list[ActualItem], list[ActualItem]]:
    """The ledger's charge lines as items: (mapped, unmapped — devis account ``""``)."""
    mapped: list[ActualItem] = []
    unmapped: list[ActualItem] = []
    if actuals.ledger is None:
        return mapped, unmapped
    prefixes = tuple(actuals.expense_prefixes)
    for entry in actuals.ledger.entries:
        if not entry.account.startswith(prefixes):
            continue
        rule = rule_for(entry, actuals.rules)
        item = ActualItem(
            Source.LEDGER,
            rule.devis_account if rule else "",
            entry.date,
            entry.net,
            f"{entry.journal} {entry.number} — {entry.label}",
            f"{entry.account}",
        )
        (mapped if rule else unmapped).append(item)
    return mapped, unmapped


def document_items(
    actuals: Actuals, chapters: Mapping[str, int], settings: CostSettings, *, after: dt.date | None
) -> list[ActualItem]:
    """regie's documents dated after ``after`` (all when ``None``), as items."""
    items: list[ActualItem] = []
    for invoice in actuals.invoices:
        if _after(invoice.date, after):
            items.append(
                ActualItem(
                    Source.INVOICE, invoice.devis_account, invoice.date, invoice.net,
                    f"{invoice.supplier} — {invoice.description}", invoice.number,
                )
            )  # fmt: skip
    for report in actuals.expenses:
        if not report.counted:
            continue
        for line in report.lines:
            if _after(line.date, after):
                items.append(
                    ActualItem(
                        Source.EXPENSE, line.devis_account, line.date, line.net,
                        f"{report.person} — {line.description}", f"NDF {report.number}",
                    )
                )  # fmt: skip
    for pay in actuals.payroll:
        if not _after(pay.period_end, after):
            continue
        label = f"{pay.person} {pay.period_start.isoformat()} → {pay.period_end.isoformat()}"
        items.append(
            ActualItem(Source.PAYROLL, pay.devis_account, pay.period_end, pay.gross, label)
        )
        if pay.employer_charges:
            account = charges_account_for(pay, chapters.get(pay.devis_account), settings)
            items.append(
                ActualItem(Source.PAYROLL, account, pay.period_end, pay.employer_charges, label)
            )
    return items


def actual_items(
    actuals: Actuals, chapters: Mapping[str, int], settings: CostSettings
) -> tuple[tuple[ActualItem, ...], tuple[ActualItem, ...]]:
    """Every amount spent, by the rule of the module docstring: (counted, unmapped)."""
    mapped, unmapped = ledger_items(actuals)
    documents = document_items(actuals, chapters, settings, after=actuals.cutoff)
    return tuple(mapped + documents), tuple(unmapped)


# -- the report -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figures:
    budget: Decimal
    committed: Decimal
    actual: Decimal
    estimate_to_complete: Decimal
    final: Decimal  # EFC = actual + committed + ETC

    @property
    def variance(self) -> Decimal:
        """``final − budget``: positive is an overrun."""
        return self.final - self.budget

    @property
    def spent_or_committed(self) -> Decimal:
        return self.actual + self.committed

    def plus(self, other: Figures) -> Figures:
        return Figures(
            self.budget + other.budget,
            self.committed + other.committed,
            self.actual + other.actual,
            self.estimate_to_complete + other.estimate_to_complete,
            self.final + other.final,
        )


NONE_SPENT: Final = Figures(ZERO, ZERO, ZERO, ZERO, ZERO)


@dataclass(frozen=True, slots=True)
class CostLine:
    account: Account
    figures: Figures
    by_source: Mapping[Source, Decimal]
    etc_overridden: bool = False
    alert: AlertLevel | None = None

    @property
    def code(self) -> str:
        return self.account.code


@dataclass(frozen=True, slots=True)
class CostChapter:
    chapter: Chapter
    lines: tuple[CostLine, ...]
    figures: Figures
    alert: AlertLevel | None = None


@dataclass(frozen=True, slots=True)
class AddOnLine:
    key: str
    title: str
    title_en: str | None
    budget: Decimal  # carried as its own estimated final cost


@dataclass(frozen=True, slots=True)
class Alert:
    level: AlertLevel
    account: str | None  # a devis account; None for a chapter alert or the ledger
    chapter: int | None
    budget: Decimal
    amount: Decimal  # the variance, the spend (unbudgeted) or the unmapped total
    ratio: Decimal | None = None  # variance / budget; consumed share for WATCH


@dataclass(frozen=True, slots=True)
class CostReport:
    chart_ref: str
    settings_ref: str
    as_of: dt.date
    cutoff: dt.date | None  # the ledger's last date (None: no ledger imported)
    chapters: tuple[CostChapter, ...]
    chapters_figures: Figures
    addons: tuple[AddOnLine, ...]
    figures: Figures  # chapters + add-ons
    alerts: tuple[Alert, ...]
    items: tuple[ActualItem, ...]  # what makes up the actuals, by date
    unmapped: tuple[UnmappedAccount, ...]
    unknown_accounts: Mapping[str, Decimal]  # spend on accounts the chart does not have

    def line(self, code: str) -> CostLine | None:
        return next((ln for c in self.chapters for ln in c.lines if ln.code == code), None)


def _alert(figures: Figures, settings: CostSettings) -> tuple[AlertLevel, Decimal | None] | None:
    budget, variance = figures.budget, figures.variance
    if budget <= 0:
        if figures.spent_or_committed > 0:
            return AlertLevel.UNBUDGETED, None
        return None
    ratio = variance / budget
    if variance >= settings.min_amount and ratio > settings.overrun_ratio:
        level = AlertLevel.SEVERE if ratio > settings.severe_ratio else AlertLevel.OVERRUN
        return level, ratio
    consumed = figures.spent_or_committed / budget
    if consumed >= settings.watch_ratio:
        return AlertLevel.WATCH, consumed
    return None


def cost_report(
    devis: Devis,
    actuals: Actuals,
    settings: CostSettings,
    *,
    as_of: dt.date,
    overrides: Mapping[str, Decimal] | None = None,
) -> CostReport:
    """The cost report of ``devis`` with ``actuals`` (see the module docstring);
    ``overrides`` sets the estimate to complete of some accounts."""
    overrides = overrides or {}
    chart = devis.budget.chart
    chapter_of = {a.code: c.number for c in chart.chapters for a in c.accounts}
    counted, unmapped_items = actual_items(actuals, chapter_of, settings)
    spent: dict[str, dict[Source, Decimal]] = {}
    for item in counted:
        by_source = spent.setdefault(item.devis_account, {})
        by_source[item.source] = by_source.get(item.source, ZERO) + item.amount
    committed: dict[str, Decimal] = {}
    for commitment in actuals.commitments:
        rest = remaining(commitment, actuals.invoices)
        if rest:
            committed[commitment.devis_account] = (
                committed.get(commitment.devis_account, ZERO) + rest
            )

    chapters: list[CostChapter] = []
    alerts: list[Alert] = []
    for chapter_total in devis.chapters:
        lines: list[CostLine] = []
        for account_total in chapter_total.accounts:
            code = account_total.account.code
            sources = spent.get(code, {})
            actual = sum(sources.values(), ZERO)
            budget = account_total.total
            owed = committed.get(code, ZERO)
            override = overrides.get(code)
            etc = override if override is not None else max(budget - actual - owed, ZERO)
            figures = Figures(budget, owed, actual, etc, actual + owed + etc)
            found = _alert(figures, settings)
            line = CostLine(
                account_total.account, figures, dict(sources), override is not None,
                found[0] if found else None,
            )  # fmt: skip
            lines.append(line)
            if found:
                amount = (
                    figures.spent_or_committed
                    if found[0] is AlertLevel.UNBUDGETED
                    else figures.variance
                )
                alerts.append(
                    Alert(found[0], code, chapter_total.chapter.number, budget, amount, found[1])
                )
        sums = NONE_SPENT
        for line in lines:
            sums = sums.plus(line.figures)
        found = _alert(sums, settings)
        if found and found[0] in (AlertLevel.OVERRUN, AlertLevel.SEVERE):
            alerts.append(
                Alert(
                    found[0],
                    None,
                    chapter_total.chapter.number,
                    sums.budget,
                    sums.variance,
                    found[1],
                )
            )
        chapters.append(
            CostChapter(chapter_total.chapter, tuple(lines), sums, found[0] if found else None)
        )

    chapters_figures = NONE_SPENT
    for chapter in chapters:
        chapters_figures = chapters_figures.plus(chapter.figures)
    addons = tuple(
        AddOnLine(a.addon.key, a.addon.title, a.addon.title_en, a.amount) for a in devis.addons
    )
    carried = sum((a.budget for a in addons), ZERO)
    figures = chapters_figures.plus(Figures(carried, ZERO, ZERO, carried, carried))
    unmapped = _unmapped(actuals)
    if unmapped:
        total = sum((u.amount for u in unmapped), ZERO)
        alerts.append(Alert(AlertLevel.UNMAPPED, None, None, ZERO, total))
    unknown = {
        code: sum(v.values(), ZERO) for code, v in sorted(spent.items()) if code not in chapter_of
    }
    unknown.update(
        {
            code: amount
            for code, amount in sorted(committed.items())
            if code not in chapter_of and code not in unknown
        }
    )
    del unmapped_items  # listed per ledger account by _unmapped, with their labels
    return CostReport(
        chart_ref=chart.ref,
        settings_ref=settings.ref,
        as_of=as_of,
        cutoff=actuals.cutoff,
        chapters=tuple(chapters),
        chapters_figures=chapters_figures,
        addons=addons,
        figures=figures,
        alerts=tuple(alerts),
        items=tuple(sorted(counted, key=lambda i: (i.date, i.devis_account, i.reference))),
        unmapped=unmapped,
        unknown_accounts=unknown,
    )  # fmt: skip


def _unmapped(actuals: Actuals) -> tuple[UnmappedAccount, ...]:
    if actuals.ledger is None:
        return ()
    return map_to_devis(actuals.ledger, actuals.rules, prefixes=actuals.expense_prefixes).unmapped


def suggest_rules(
    ledger: Ledger, accounts: Iterable[str], existing: Sequence[MappingRule]
) -> tuple[MappingRule, ...]:
    """Rules ``@code → code`` for each analytic code of the ledger's charge lines that is
    also a devis account (many productions' accountants code the devis account as the
    analytic code), leaving out codes an existing rule already names."""
    known = frozenset(accounts)
    taken = {r.analytic for r in existing if r.analytic and not r.account_prefix}
    codes = sorted({e.analytic for e in ledger.entries if e.analytic in known} - taken)
    return tuple(MappingRule(code, "", code) for code in codes)
