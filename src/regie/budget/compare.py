# SPDX-License-Identifier: AGPL-3.0-or-later
"""Two versions of a devis side by side: per account, per chapter, per add-on and in total.

Each row holds both amounts and the variance ``after − before`` with its percentage of
``before`` (rounded to a hundredth of a percent, half up; ``None`` when ``before`` is 0 or
absent: a growth from nothing has no percentage). An account, chapter or add-on found in
one version only is still listed, its missing side ``None`` and counted as 0 in the
variance — a line moved to a new account, or a chart that changed between versions,
shows up instead of vanishing.

Order: the later version's chart order; what only the earlier version has comes after,
accounts at the end of their chapter.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, DivisionByZero, InvalidOperation, Overflow
from typing import Final

from regie.budget.model import AccountTotal, AddOnTotal, Devis

_PERCENT_PLACES: Final = Decimal("0.01")
_DIVIDE: Final = Context(prec=34, traps=[InvalidOperation, DivisionByZero, Overflow])
_ZERO: Final = Decimal(0)


@dataclass(frozen=True, slots=True)
class Variance:
    before: Decimal | None  # None: not in the earlier version
    after: Decimal | None  # None: not in the later version
    amount: Decimal  # after − before, a missing side counting 0
    percent: Decimal | None  # amount / before × 100 (0.01 half up); None when before is 0/absent


@dataclass(frozen=True, slots=True)
class AccountComparison:
    code: str
    title: str
    chapter: int
    change: Variance


@dataclass(frozen=True, slots=True)
class ChapterComparison:
    number: int
    title: str
    change: Variance


@dataclass(frozen=True, slots=True)
class AddOnComparison:
    key: str
    title: str
    rate_before: Decimal | None
    rate_after: Decimal | None
    change: Variance


@dataclass(frozen=True, slots=True)
class Comparison:
    accounts: tuple[AccountComparison, ...]
    chapters: tuple[ChapterComparison, ...]
    addons: tuple[AddOnComparison, ...]
    lines_total: Variance
    fringes_total: Variance
    chapters_total: Variance
    total: Variance


def variance(before: Decimal | None, after: Decimal | None) -> Variance:
    """``after − before`` and its percentage of ``before`` (see the module's docstring)."""
    amount = _DIVIDE.subtract(after or _ZERO, before or _ZERO)
    percent = None
    if before:
        ratio = _DIVIDE.divide(_DIVIDE.multiply(amount, Decimal(100)), before)
        percent = ratio.quantize(_PERCENT_PLACES, rounding=ROUND_HALF_UP, context=_DIVIDE)
    return Variance(before, after, amount, percent)


def compare(before: Devis, after: Devis) -> Comparison:
    """``after`` against ``before`` (the earlier version first)."""
    return Comparison(
        accounts=_accounts(before, after),
        chapters=_chapters(before, after),
        addons=_addons(before, after),
        lines_total=variance(before.lines_total, after.lines_total),
        fringes_total=variance(before.fringes_total, after.fringes_total),
        chapters_total=variance(before.chapters_total, after.chapters_total),
        total=variance(before.total, after.total),
    )


def _account_totals(devis: Devis) -> dict[str, AccountTotal]:
    return {a.account.code: a for chapter in devis.chapters for a in chapter.accounts}


def _accounts(before: Devis, after: Devis) -> tuple[AccountComparison, ...]:
    old, new = _account_totals(before), _account_totals(after)
    accounts = {code: total.account for code, total in new.items()}
    for code, total in old.items():
        accounts.setdefault(code, total.account)
    rows: list[AccountComparison] = []
    for code, account in accounts.items():
        was, now = old.get(code), new.get(code)
        rows.append(
            AccountComparison(
                code=code,
                title=account.title,
                chapter=account.chapter,
                change=variance(was.total if was else None, now.total if now else None),
            )
        )
    # Stable: the later chart's order inside each chapter, earlier-only accounts last.
    rows.sort(key=lambda row: row.chapter)
    return tuple(rows)


def _chapters(before: Devis, after: Devis) -> tuple[ChapterComparison, ...]:
    old = {c.chapter.number: c for c in before.chapters}
    new = {c.chapter.number: c for c in after.chapters}
    rows = []
    for number in sorted(old.keys() | new.keys()):
        was, now = old.get(number), new.get(number)
        title = now.chapter.title if now else was.chapter.title if was else ""
        rows.append(
            ChapterComparison(
                number=number,
                title=title,
                change=variance(was.total if was else None, now.total if now else None),
            )
        )
    return tuple(rows)


def _addons(before: Devis, after: Devis) -> tuple[AddOnComparison, ...]:
    old = {a.addon.key: a for a in before.addons}
    new = {a.addon.key: a for a in after.addons}
    rows = []
    for key in [*new, *(key for key in old if key not in new)]:
        was: AddOnTotal | None = old.get(key)
        now: AddOnTotal | None = new.get(key)
        title = now.addon.title if now else was.addon.title if was else key
        rows.append(
            AddOnComparison(
                key=key,
                title=title,
                rate_before=was.rate if was else None,
                rate_after=now.rate if now else None,
                change=variance(was.amount if was else None, now.amount if now else None),
            )
        )
    return tuple(rows)
