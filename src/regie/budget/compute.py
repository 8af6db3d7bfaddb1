# SPDX-License-Identifier: AGPL-3.0-or-later
"""The devis computed: line amounts, employer charges, chapters, add-ons and the total.

The arithmetic, in the order it is done (every rounding is to the cent, half up —
:attr:`regie.core.money.Rounding.CENT_HALF_UP`, the French payroll and accounting habit):

1. a line's gross is ``quantity × rate × multiplier``, rounded **per line**;
2. each fringe of the line's group is ``min(gross, ceiling) × rate``, rounded **per line
   and per fringe**, and booked as ``charges`` on the fringe's chapter-4 account
   (``Fringe.account``; the chart's first chapter-4 account when the fringe names none);
3. an account's total is the sum of its lines' gross plus the charges booked on it; a
   chapter's total the sum of its accounts' totals (every account of the chart is there,
   an empty one at 0) — nothing is rounded again, so
   ``chapters_total == lines_total + fringes_total`` exactly;
4. the add-ons, in chart order: ``base × rate`` rounded once, where the rate is the
   budget's override (refused above the add-on's ``cap_rate``) or the chart's, and the base
   the chapters' total (``CHAPTERS``) or the chapters plus the add-ons before it
   (``CHAPTERS_AND_OVERHEADS``);
5. ``total = chapters_total + Σ add-ons``.

Sums and products run in a context wide enough to be exact (no silent rounding of a
product before its explicit rounding); only ``quantize`` rounds. A 3,000-line budget
recomputes in a few milliseconds (``benchmarks/budget.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from typing import Final, NoReturn

from regie.budget.model import (
    Account,
    AccountTotal,
    AddOnBase,
    AddOnTotal,
    Budget,
    BudgetLine,
    ChapterTotal,
    Chart,
    Devis,
    Fringe,
    FringeGroup,
    LineTotal,
)
from regie.core.errors import ValidationError
from regie.core.money import Rounding
from regie.core.text import t

ROUNDING: Final = Rounding.CENT_HALF_UP
_CENT: Final = ROUNDING.quantum
_MODE: Final = ROUNDING.mode
_ZERO: Final = Decimal("0.00")  # sums start at 0.00: empty figures print as amounts

# Additions and multiplications of finite decimals are exact in this context; rounding
# happens only where :data:`ROUNDING` is applied explicitly.
EXACT: Final = Context(
    prec=MAX_PREC,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)

# A fringe group ready to apply: its fringes, the account code each is booked on, and each
# one's (ceiling, rate).
_Plan = tuple[tuple[Fringe, ...], tuple[str, ...], tuple[tuple[Decimal | None, Decimal], ...]]


def round_cent(value: Decimal) -> Decimal:
    """``value`` rounded to the cent, half up (the one rounding of the devis)."""
    with localcontext(EXACT):
        return value.quantize(_CENT, rounding=_MODE)


def line_gross(line: BudgetLine) -> Decimal:
    """``quantity × rate × multiplier`` rounded to the cent, half up (no validation)."""
    with localcontext(EXACT):
        return (line.quantity * line.rate * line.multiplier).quantize(_CENT, rounding=_MODE)


def chart_accounts(chart: Chart) -> dict[str, Account]:
    """The chart's accounts by code, in chart order; a code used twice is refused."""
    accounts: dict[str, Account] = {}
    for chapter in chart.chapters:
        for account in chapter.accounts:
            if account.code in accounts:
                raise ValidationError(
                    t(
                        "account {account} appears twice in the chart {chart}",
                        account=account.code,
                        chart=chart.ref,
                    ),
                    field="chart",
                    hint=t("Fix the chart of accounts: each account code once"),
                )
            accounts[account.code] = account
    return accounts


def charges_account(chart: Chart) -> Account | None:
    """The chapter-4 account fringes are booked on when they name none: the first one."""
    for chapter in chart.chapters:
        if chapter.number == 4 and chapter.accounts:
            return chapter.accounts[0]
    return None


def compute(budget: Budget) -> Devis:
    """The devis of ``budget``: every line, account, chapter, add-on and the total.

    Raises :class:`~regie.core.errors.ValidationError` (naming the line and the field) for
    a negative or non-finite quantity, rate or multiplier, an account not in the chart, a
    fringe group not in the budget, a line id used twice, and an add-on rate override that
    is unknown, negative or above the add-on's cap.
    """
    chart = budget.chart
    accounts = chart_accounts(chart)
    default_charges = charges_account(chart)
    plans: dict[str, _Plan] = {}
    rows: dict[str, list[list[Decimal]]] = {}  # each fringed line's amounts, by group
    lines_by_account: dict[str, list[LineTotal]] = {code: [] for code in accounts}
    gross_by_account = dict.fromkeys(accounts, _ZERO)
    charges_by_account = dict.fromkeys(accounts, _ZERO)
    seen: set[str] = set()
    lines_total = fringes_total = _ZERO
    cent, mode = _CENT, _MODE

    with localcontext(EXACT):
        for line in budget.lines:
            quantity, rate, multiplier, code = (
                line.quantity,
                line.rate,
                line.multiplier,
                line.account,
            )
            if not (  # the usual case in one test; the details only when it fails
                quantity.is_finite()
                and rate.is_finite()
                and multiplier.is_finite()
                and quantity >= 0
                and rate >= 0
                and multiplier >= 0
                and code in accounts
                and line.id not in seen
            ):
                _refuse_line(line, accounts, chart, seen)
            seen.add(line.id)
            gross = (quantity * rate * multiplier).quantize(cent, rounding=mode)
            lines_total += gross
            gross_by_account[code] += gross
            group = line.fringe_group
            if group is None:
                line_total = LineTotal(line, gross, (), _ZERO)
            else:
                plan = plans.get(group)
                if plan is None:
                    plan = plans[group] = _plan(line, budget, accounts, default_charges)
                    rows[group] = []
                fringes, _, terms = plan
                amounts = [
                    ((gross if ceiling is None or gross <= ceiling else ceiling) * share).quantize(
                        cent, rounding=mode
                    )
                    for ceiling, share in terms
                ]
                rows[group].append(amounts)
                fringe_total = sum(amounts, _ZERO)
                fringes_total += fringe_total
                line_total = LineTotal(
                    line, gross, tuple(zip(fringes, amounts, strict=True)), fringe_total
                )
            lines_by_account[code].append(line_total)

        # Charges, booked per fringe: the column sums of each group's amounts.
        for group, amounts_rows in rows.items():
            booked_on = plans[group][1]
            for account_code, amount in zip(
                booked_on, map(sum, zip(*amounts_rows, strict=True)), strict=True
            ):
                charges_by_account[account_code] += amount

        chapters: list[ChapterTotal] = []
        chapters_total = _ZERO
        for chapter in chart.chapters:
            totals = tuple(
                AccountTotal(
                    account,
                    tuple(lines_by_account[account.code]),
                    gross_by_account[account.code],
                    charges_by_account[account.code],
                )
                for account in chapter.accounts
            )
            chapter_total = sum((a.gross + a.charges for a in totals), _ZERO)
            chapters_total += chapter_total
            chapters.append(ChapterTotal(chapter, totals, chapter_total))

        addons = _addons(chart, budget.addon_rates, chapters_total)
        total = chapters_total + sum((a.amount for a in addons), _ZERO)

    return Devis(
        budget=budget,
        chapters=tuple(chapters),
        lines_total=lines_total,
        fringes_total=fringes_total,
        chapters_total=chapters_total,
        addons=addons,
        total=total,
    )


def _refuse_line(
    line: BudgetLine, accounts: Mapping[str, Account], chart: Chart, seen: set[str]
) -> NoReturn:
    """Raise the error that says what is wrong with ``line`` (called when something is)."""
    for name, value in (
        ("quantity", line.quantity),
        ("rate", line.rate),
        ("multiplier", line.multiplier),
    ):
        if not value.is_finite():
            raise ValidationError(
                t("line {line}: {value} is not a finite number", line=line.id, value=value),
                field=name,
                hint=t("Write a number, e.g. '450.00'"),
            )
        if value < 0:
            raise ValidationError(
                t("line {line} has a negative value ({value})", line=line.id, value=value),
                field=name,
                hint=t("Write zero or more; a saving is a lower quantity or rate, not a minus"),
            )
    if line.account not in accounts:
        raise ValidationError(
            t(
                "line {line}: account {account} is not in the chart {chart}",
                line=line.id,
                account=line.account,
                chart=chart.ref,
            ),
            field="account",
            hint=t("Choose an account of the chart, or load the chart that has it"),
        )
    if line.id in seen:
        raise ValidationError(
            t("line id {line} is used twice in the budget", line=line.id),
            field="id",
            hint=t("Give each line of the budget its own id"),
        )
    raise AssertionError(line.id)  # only called for a line that fails a check above


def _plan(
    line: BudgetLine,
    budget: Budget,
    accounts: Mapping[str, Account],
    default_charges: Account | None,
) -> _Plan:
    """The fringes of ``line``'s group, checked once, with the account each is booked on."""
    key = line.fringe_group
    group: FringeGroup | None = budget.fringe_groups.get(key) if key is not None else None
    if group is None:
        raise ValidationError(
            t(
                "line {line}: fringe group '{group}' is not in the budget",
                line=line.id,
                group=key,
            ),
            field="fringe_group",
            hint=t(
                "Add the fringe group to the budget, or choose one it has: {groups}",
                groups=", ".join(sorted(budget.fringe_groups)) or "—",
            ),
        )
    booked: list[str] = []
    for fringe in group.fringes:
        for name, label, value in (
            ("rate", t("rate"), fringe.rate),
            ("ceiling", t("ceiling"), fringe.ceiling),
        ):
            if value is not None and (not value.is_finite() or value < 0):
                raise ValidationError(
                    t(
                        "fringe {fringe} of group '{group}' has an invalid {name} ({value})",
                        fringe=fringe.key,
                        group=group.key,
                        name=label,
                        value=value,
                    ),
                    field=name,
                    hint=t("Fix the fringe group: rates and ceilings are numbers of zero or more"),
                )
        if fringe.account is None:
            if default_charges is None:
                raise ValidationError(
                    t(
                        "the chart {chart} has no chapter 4 account for the charges of {fringe}",
                        chart=budget.chart.ref,
                        fringe=fringe.key,
                    ),
                    field="account",
                    hint=t("Use a chart with a chapter 4, or name the fringe's account"),
                )
            booked_on = default_charges.code
        else:
            account = accounts.get(fringe.account)
            if account is None or account.chapter != 4:
                raise ValidationError(
                    t(
                        "fringe {fringe} of group '{group}' is booked on account {account}, "
                        "which is not a chapter 4 account of the chart {chart}",
                        fringe=fringe.key,
                        group=group.key,
                        account=fringe.account,
                        chart=budget.chart.ref,
                    ),
                    field="account",
                    hint=t("Book employer charges on an account of chapter 4"),
                )
            booked_on = account.code
        booked.append(booked_on)
    return (
        group.fringes,
        tuple(booked),
        tuple((fringe.ceiling, fringe.rate) for fringe in group.fringes),
    )


def addon_rate(chart: Chart, overrides: Mapping[str, Decimal], key: str) -> Decimal:
    """The rate the add-on ``key`` is computed at: the budget's override or the chart's."""
    for addon in chart.addons:
        if addon.key == key:
            return overrides.get(key, addon.rate)
    raise ValidationError(
        t("no add-on '{key}' in the chart {chart}", key=key, chart=chart.ref),
        field="addon_rates",
        hint=t("Override one of: {keys}", keys=", ".join(a.key for a in chart.addons) or "—"),
    )


def _addons(
    chart: Chart, overrides: Mapping[str, Decimal], chapters_total: Decimal
) -> tuple[AddOnTotal, ...]:
    for key in overrides:
        addon_rate(chart, overrides, key)  # an override of an unknown add-on is refused
    totals: list[AddOnTotal] = []
    previous = _ZERO
    for addon in chart.addons:
        rate = overrides.get(addon.key, addon.rate)
        if addon.key in overrides:
            if not rate.is_finite() or rate < 0:
                raise ValidationError(
                    t(
                        "add-on '{key}': the rate {rate} is not a number of zero or more",
                        key=addon.key,
                        rate=rate,
                    ),
                    field="addon_rates",
                    hint=t("Write a rate such as 0.07 for 7 %"),
                )
            if addon.cap_rate is not None and rate > addon.cap_rate:
                raise ValidationError(
                    t(
                        "add-on '{key}': the rate {rate} is above its ceiling of {cap}",
                        key=addon.key,
                        rate=rate,
                        cap=addon.cap_rate,
                    ),
                    field="addon_rates",
                    hint=t(
                        "Use a rate of {cap} or less ({citation})",
                        cap=addon.cap_rate,
                        citation=addon.cited.citation,
                    ),
                )
        base = chapters_total
        if addon.base == AddOnBase.CHAPTERS_AND_OVERHEADS:
            base = chapters_total + previous
        amount = (base * rate).quantize(_CENT, rounding=_MODE)
        previous += amount
        totals.append(AddOnTotal(addon, rate, base, amount))
    return tuple(totals)
