# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/p/{slug}/budgets``: the versions of a devis — two versions side by side with their
variances, a budget copied as a new version, a devis imported from an XLSX workbook.

* ``GET /compare?before=1&after=2``: the top sheet of both versions (chapters, add-ons,
  totals), then a table per chapter with its accounts; every row shows both amounts, the
  variance ``after − before`` and its percentage. An account with an amount in one version
  only is listed and marked. A missing ``before`` or ``after`` takes the neighbouring
  version, so "compare" from a budget page needs no choice when there are two versions.
* ``POST /{number}/copy``: a new version with the same lines, rates and globals.
* ``POST /import`` (multipart ``file``, optional ``name``): a new budget from a workbook,
  answered with the report — rows mapped, rows not imported and why, totals of the file
  that disagree with the sum of what was read. A file regie cannot read is refused with its
  message (4xx, naming the file and the cell) and nothing is stored.

Registered before :mod:`regie.web.routes.budgets`: ``/budgets/compare`` and
``/budgets/import`` must win over ``/budgets/{number}``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Final

from fastapi import APIRouter, File, Form, Request, UploadFile
from starlette.responses import Response

from regie.budget.catalog import BudgetRecord
from regie.budget.compare import Comparison, Variance
from regie.budget.model import Chart
from regie.core.errors import ValidationError
from regie.core.text import t
from regie.formats.devis_xlsx import MAX_DEVIS_BYTES, DevisImport, SkippedRow, SkipReason
from regie.office.roles import Permission
from regie.services import budgets
from regie.web.deps import Page, web_state
from regie.web.forms import optional_whole_number
from regie.web.i18n import N_, request_locale
from regie.web.routes.budgets import budget_url, budgets_url, cash_in, percent_in
from regie.web.templating import flash, go_to, render, translate

router = APIRouter()
HUNDRED: Final = Decimal(100)
ZERO: Final = Decimal(0)
# Rows of a workbook that are not lines by design: their amounts are recomputed by regie
# (and checked against the file in the report's totals).
ACCOUNTED: Final = frozenset({SkipReason.TOTAL, SkipReason.ADDON, SkipReason.FRINGES})


# --- Comparison -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figures:
    """A variance as the page shows it: amounts formatted, the trend as a class name."""

    before: str  # "—" when the version does not have it
    after: str
    amount: str  # signed: "+1 200,00 €", "-300,00 €", "0,00 €"
    percent: str  # signed, "" without a percentage (nothing before)
    trend: str  # "up" | "down" | "nil": the row's class is variance-{trend}
    only: int | None  # the version number when only that version has an amount


@dataclass(frozen=True, slots=True)
class Row:
    key: str
    title: str
    figures: Figures
    rates: str = ""  # add-ons: "7 %" or "7 % → 8 %"


@dataclass(frozen=True, slots=True)
class ChapterBlock:
    number: int
    title: str
    figures: Figures
    accounts: tuple[Row, ...]  # those with an amount in either version


class Presenter:
    """Formats a :class:`Comparison` in a locale and a currency."""

    def __init__(
        self, locale: str, currency: str, before: int, after: int, charts: Iterable[Chart]
    ) -> None:
        self.cash = cash_in(locale, currency)
        self.percent = percent_in(locale)
        self.before, self.after = before, after
        self.english = locale == "en"
        self.titles: dict[str, str] = {}
        for chart in charts:  # the later version's chart last: its titles win
            for chapter in chart.chapters:
                self.titles.setdefault(f"chapter:{chapter.number}", self._title(chapter))
                for account in chapter.accounts:
                    self.titles.setdefault(f"account:{account.code}", self._title(account))
            for addon in chart.addons:
                self.titles.setdefault(f"addon:{addon.key}", self._title(addon))

    def _title(self, item: Any) -> str:
        english = getattr(item, "title_en", None) if self.english else None
        return str(english or item.title)

    def title(self, key: str, fallback: str) -> str:
        return self.titles.get(key, fallback)

    def signed(self, amount: Decimal, text: str) -> str:
        return f"+{text}" if amount > 0 else text

    def figures(self, change: Variance) -> Figures:
        only = None
        if change.after and not change.before:
            only = self.after
        elif change.before and not change.after:
            only = self.before
        percent = ""
        if change.percent is not None:
            percent = self.signed(change.percent, self.percent(change.percent / HUNDRED))
        return Figures(
            before="—" if change.before is None else self.cash(change.before),
            after="—" if change.after is None else self.cash(change.after),
            amount=self.signed(change.amount, self.cash(change.amount)),
            percent=percent,
            trend="up" if change.amount > 0 else "down" if change.amount < 0 else "nil",
            only=only,
        )

    def chapters(self, comparison: Comparison) -> list[ChapterBlock]:
        blocks = []
        for chapter in comparison.chapters:
            accounts = tuple(
                Row(
                    a.code,
                    self.title(f"account:{a.code}", a.title),
                    self.figures(a.change),
                )
                for a in comparison.accounts
                if a.chapter == chapter.number and (a.change.before or a.change.after)
            )
            blocks.append(
                ChapterBlock(
                    chapter.number,
                    self.title(f"chapter:{chapter.number}", chapter.title),
                    self.figures(chapter.change),
                    accounts,
                )
            )
        return blocks

    def addons(self, comparison: Comparison) -> list[Row]:
        rows = []
        for addon in comparison.addons:
            both = (addon.rate_before, addon.rate_after)
            rates = [self.percent(rate) for rate in both if rate is not None]
            rows.append(
                Row(
                    addon.key,
                    self.title(f"addon:{addon.key}", addon.title),
                    self.figures(addon.change),
                    " → ".join(dict.fromkeys(rates)),  # one rate when it did not change
                )
            )
        return rows


def _neighbour(numbers: list[int], number: int) -> int | None:
    """The version to compare ``number`` with: the one before it, else the one after."""
    earlier = [n for n in numbers if n < number]
    later = [n for n in numbers if n > number]
    return max(earlier) if earlier else min(later) if later else None


def _pair(numbers: list[int], before: int | None, after: int | None) -> tuple[int, int] | None:
    """The versions to compare: those asked, a missing one the neighbour of the other,
    the last two when none is asked; ``None`` when there are not two versions."""
    if before is not None and after is not None:
        return before, after
    if after is not None:
        other = _neighbour(numbers, after)
        return None if other is None else (other, after)
    if before is not None:
        other = _neighbour(numbers, before)
        return None if other is None else (before, other)
    return (numbers[-2], numbers[-1]) if len(numbers) >= 2 else None


@router.get("/p/{slug}/budgets/compare")
def compare_page(request: Request, page: Page, before: str = "", after: str = "") -> Response:
    db = web_state(request).db
    records = {r.number: r for r in budgets.list_budgets(db, page.slug, actor=page.user)}
    pair = _pair(
        sorted(records),
        optional_whole_number(before, "before"),
        optional_whole_number(after, "after"),
    )
    context: dict[str, Any] = {
        "records": list(records.values()),
        "budgets_url": budgets_url(page.slug),
        "active_tab": "budgets",
        "comparison": None,
    }
    if pair is not None:
        old, new = pair
        comparison = budgets.compare_budgets(db, page.slug, old, new, actor=page.user)
        earlier = budgets.devis(db, page.slug, old, actor=page.user)
        later = budgets.devis(db, page.slug, new, actor=page.user)
        shown = Presenter(
            request_locale(request),
            later.budget.currency,
            old,
            new,
            (later.budget.chart, earlier.budget.chart),
        )
        context.update(
            comparison=comparison,
            before=records[old],
            after=records[new],
            chapters=shown.chapters(comparison),
            addons=shown.addons(comparison),
            totals={
                "lines": shown.figures(comparison.lines_total),
                "fringes": shown.figures(comparison.fringes_total),
                "chapters": shown.figures(comparison.chapters_total),
                "total": shown.figures(comparison.total),
            },
            swap_url=f"{budgets_url(page.slug)}/compare?before={new}&after={old}",
        )
    return render(request, "budgets/compare.html", **context)


# --- Copy -----------------------------------------------------------------------------


@router.post("/p/{slug}/budgets/{number}/copy")
def copy_budget(
    request: Request, page: Page, number: int, name: Annotated[str, Form()] = ""
) -> Response:
    record = budgets.copy_budget(
        web_state(request).db, page.slug, number, actor=page.user, name=name.strip() or None
    )
    message = N_("Budget %(number)s created as a copy of budget %(source)s: %(name)s.")
    flash(
        request,
        translate(request, message, number=record.number, source=number, name=record.name),
    )
    return go_to(request, budget_url(page.slug, record.number))


# --- Import ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SkippedView:
    row: SkippedRow
    amount: str  # "" without an amount


def _signed(amount: Decimal, cash: Callable[[Decimal], str]) -> str:
    return f"+{cash(amount)}" if amount > 0 else cash(amount)


@dataclass(frozen=True, slots=True)
class TotalView:
    sheet: str
    row: int
    label: str
    found: str
    recomputed: str
    difference: str  # the file's total − the sum recomputed, signed


@dataclass(frozen=True, slots=True)
class LineView:
    """A line whose amount in the file is not quantity × rate × multiplier."""

    sheet: str
    row: int
    line_id: str
    found: str
    computed: str


def report_context(report: DevisImport, cash: Callable[[Decimal], str]) -> dict[str, Any]:
    """What ``budgets/import_report.html`` shows of an import's report."""

    def skipped(rows: Iterable[SkippedRow]) -> list[SkippedView]:
        return [SkippedView(r, "" if r.amount is None else cash(r.amount)) for r in rows]

    return {
        "report": report,
        "refused": skipped(r for r in report.skipped if r.reason not in ACCOUNTED),
        "accounted": skipped(r for r in report.skipped if r.reason in ACCOUNTED),
        "mismatches": [
            TotalView(
                c.sheet,
                c.row,
                c.label,
                cash(c.found),
                cash(c.recomputed or ZERO),
                _signed(c.found - (c.recomputed or ZERO), cash),
            )
            for c in report.mismatches
        ],
        "totals_checked": sum(1 for c in report.totals if c.matches is not None),
        "amounts_differ": [
            LineView(m.sheet, m.row, m.line_id, cash(m.amount_found or ZERO), cash(m.amount))
            for m in report.mapped
            if not m.amount_matches
        ],
        "lines_total": cash(report.lines_total),
    }


@router.post("/p/{slug}/budgets/import")
def import_budget(
    request: Request,
    page: Page,
    file: Annotated[UploadFile | None, File()] = None,
    name: Annotated[str, Form()] = "",
) -> Response:
    """A new budget from a devis workbook, answered with the import's report. A file regie
    cannot read is refused with its message (4xx) and nothing is stored."""
    page.require(Permission.EDIT_BUDGET)
    if file is None or not file.filename:
        raise ValidationError(t("choose a devis workbook to import"), field="file")
    data = file.file.read(MAX_DEVIS_BYTES + 1)
    db = web_state(request).db
    record: BudgetRecord
    record, report = budgets.import_budget(
        db, page.slug, file.filename, data, actor=page.user, name=name.strip() or None
    )
    devis = budgets.devis(db, page.slug, record.number, actor=page.user)
    cash = cash_in(request_locale(request), devis.budget.currency)
    return render(
        request,
        "budgets/import_report.html",
        record=record,
        filename=file.filename,
        total=cash(devis.total),
        budget_url=budget_url(page.slug, record.number),
        budgets_url=budgets_url(page.slug),
        active_tab="budgets",
        **report_context(report, cash),
    )
