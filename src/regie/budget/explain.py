# SPDX-License-Identifier: AGPL-3.0-or-later
"""Where each figure of a devis comes from, step by step.

:func:`explain_line`, :func:`explain_addon` and :func:`explain_total` return a list of
:class:`Step`: a translatable label (the operation, ``t(...)`` with the figures as
parameters), the result as the devis prints it, the exact ``Decimal`` behind it and, where
a rule gave a rate, the :class:`~regie.budget.model.Cited` of that rule. Rendered as
``label = value``::

    3 jours × 450,00 € × 1 = 1 350,00 €
    Frais généraux : 7 % (customary — SRF …) × 1 000 000,00 € = 70 000,00 €

Figures inside the labels are written the way the devis prints them (French: a narrow
no-break space between thousands, a decimal comma, ``€`` and ``%`` after a no-break
space); a face that wants another style reads :attr:`Step.amount` and the model.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Final

from regie.budget.compute import EXACT, charges_account
from regie.budget.model import (
    Account,
    AddOnBase,
    AddOnTotal,
    Cited,
    Devis,
    LineTotal,
)
from regie.core.errors import NotFound
from regie.core.text import Gettext, Text, english, t

NNBSP: Final = "\u202f"  # between thousands, before %
NBSP: Final = "\u00a0"  # before €


@dataclass(frozen=True, slots=True)
class Step:
    """One operation of an explanation: ``label = value``."""

    label: Text
    value: str  # the result as printed ("1 350,00 €")
    amount: Decimal  # the exact result
    cited: Cited | None = None  # the rule the rate comes from, where there is one

    def render(self, gettext: Gettext = english) -> str:
        return f"{self.label.translate(gettext)} = {self.value}"

    def __str__(self) -> str:
        return self.render()


# --- figures as the devis prints them ----------------------------------------------------


def format_number(value: Decimal) -> str:
    """``1350`` → ``1 350``, ``2.50`` → ``2,5``: every significant digit, no exponent."""
    with localcontext(EXACT):
        normal = value.normalize() if value else Decimal(0)
        grouped = f"{normal:,f}"
    return grouped.replace(",", NNBSP).replace(".", ",")


def format_amount(value: Decimal) -> str:
    """``1350`` → ``1 350,00 €``; more decimals are shown when the value has them."""
    with localcontext(EXACT):
        exponent = value.as_tuple().exponent
        places = max(2, -exponent) if isinstance(exponent, int) else 2
        grouped = f"{value:,.{places}f}"
    return grouped.replace(",", NNBSP).replace(".", ",") + NBSP + "€"


def format_rate(rate: Decimal) -> str:
    """``0.07`` → ``7 %``, ``0.0405`` → ``4,05 %``."""
    with localcontext(EXACT):
        percent = rate * 100
    return format_number(percent) + NNBSP + "%"


def plural_unit(unit: str, quantity: Decimal) -> str:
    """The unit as French writes it after ``quantity`` (``3 jours``, ``1,5 jour``): an
    ``s`` (or ``x`` after -au/-eu) on a one-word unit from 2 on; other units as written."""
    if quantity < 2 or not unit.isalpha() or unit[-1] in "sxz":
        return unit
    return unit + ("x" if unit.endswith(("au", "eu")) else "s")


# --- explanations -------------------------------------------------------------------------


def explain_line(devis: Devis, line_id: str) -> list[Step]:
    """How line ``line_id`` is computed: gross (and its rounding), each fringe, total."""
    found = _find_line(devis, line_id)
    if found is None:
        raise NotFound(
            t("no line {line} in this devis", line=line_id),
            hint=t("Check the line's id on the devis"),
        )
    account, total = found
    line = total.line
    with localcontext(EXACT):
        exact = line.quantity * line.rate * line.multiplier
    formula = t(
        "{quantity} {unit} × {rate} × {multiplier}",
        quantity=format_number(line.quantity),
        unit=plural_unit(line.unit, line.quantity),
        rate=format_amount(line.rate),
        multiplier=format_number(line.multiplier),
    )
    steps = _rounded(formula, exact, total.gross)
    if not total.fringes:
        return steps
    default = charges_account(devis.budget.chart)
    for fringe, amount in total.fringes:
        booked_on = fringe.account or (default.code if default else "")
        base = total.gross
        if fringe.ceiling is not None and total.gross > fringe.ceiling:
            base = fringe.ceiling
            label = t(
                "{fringe} (account {account}): {rate} ({citation}) × {base}, "
                "the ceiling, not the gross {gross}",
                fringe=fringe.title,
                account=booked_on,
                rate=format_rate(fringe.rate),
                citation=fringe.cited.citation,
                base=format_amount(base),
                gross=format_amount(total.gross),
            )
        else:
            label = t(
                "{fringe} (account {account}): {rate} ({citation}) × {base}",
                fringe=fringe.title,
                account=booked_on,
                rate=format_rate(fringe.rate),
                citation=fringe.cited.citation,
                base=format_amount(base),
            )
        steps.append(Step(label, format_amount(amount), amount, fringe.cited))
    with localcontext(EXACT):
        line_total = total.gross + total.fringe_total
    steps.append(
        Step(
            t(
                "line {line} on account {account}: gross {gross} + employer charges {charges}",
                line=line.id,
                account=account.code,
                gross=format_amount(total.gross),
                charges=format_amount(total.fringe_total),
            ),
            format_amount(line_total),
            line_total,
        )
    )
    return steps


def explain_addon(devis: Devis, key: str) -> list[Step]:
    """How add-on ``key`` is computed: its base, its rate (and rule), its rounding."""
    index = next((i for i, a in enumerate(devis.addons) if a.addon.key == key), None)
    if index is None:
        raise NotFound(
            t("no add-on '{key}' in this devis", key=key),
            hint=t("Check the add-on's key: {keys}", keys=", ".join(_addon_keys(devis)) or "—"),
        )
    total = devis.addons[index]
    addon = total.addon
    steps: list[Step] = []
    if addon.base == AddOnBase.CHAPTERS_AND_OVERHEADS and index:
        with localcontext(EXACT):
            before = sum((a.amount for a in devis.addons[:index]), Decimal(0))
        steps.append(
            Step(
                t(
                    "base: chapters 1 to 9 {chapters} + the add-ons before it {addons}",
                    chapters=format_amount(devis.chapters_total),
                    addons=format_amount(before),
                ),
                format_amount(total.base),
                total.base,
            )
        )
    else:
        steps.append(
            Step(
                t("base: total of chapters 1 to 9"),
                format_amount(total.base),
                total.base,
            )
        )
    with localcontext(EXACT):
        exact = total.base * total.rate
    steps.extend(_rounded(_addon_formula(total), exact, total.amount, addon.cited))
    return steps


def explain_total(devis: Devis) -> list[Step]:
    """How the devis's total is made: each chapter, chapters 1–9, each add-on, the total."""
    steps = [
        Step(
            t(
                "chapter {number} {title}",
                number=chapter.chapter.number,
                title=chapter.chapter.title,
            ),
            format_amount(chapter.total),
            chapter.total,
        )
        for chapter in devis.chapters
    ]
    steps.append(
        Step(
            t(
                "total of chapters 1 to 9: lines {lines} + employer charges {charges}",
                lines=format_amount(devis.lines_total),
                charges=format_amount(devis.fringes_total),
            ),
            format_amount(devis.chapters_total),
            devis.chapters_total,
        )
    )
    steps.extend(
        Step(_addon_formula(a), format_amount(a.amount), a.amount, a.addon.cited)
        for a in devis.addons
    )
    with localcontext(EXACT):
        addons = sum((a.amount for a in devis.addons), Decimal(0))
    steps.append(
        Step(
            t(
                "total: chapters {chapters} + add-ons {addons}",
                chapters=format_amount(devis.chapters_total),
                addons=format_amount(addons),
            ),
            format_amount(devis.total),
            devis.total,
        )
    )
    return steps


# --- helpers ------------------------------------------------------------------------------


def _rounded(
    formula: Text, exact: Decimal, rounded: Decimal, cited: Cited | None = None
) -> list[Step]:
    """``formula = rounded``, or ``formula = exact`` then the rounding when they differ."""
    if exact == rounded:
        return [Step(formula, format_amount(rounded), rounded, cited)]
    return [
        Step(formula, format_amount(exact), exact, cited),
        Step(t("rounded to the cent (half up)"), format_amount(rounded), rounded),
    ]


def _addon_formula(total: AddOnTotal) -> Text:
    addon = total.addon
    if total.rate != addon.rate:
        return t(
            "{addon}: {rate} (the budget's rate; the chart's is {chart_rate}, {citation}) × {base}",
            addon=addon.title,
            rate=format_rate(total.rate),
            chart_rate=format_rate(addon.rate),
            citation=addon.cited.citation,
            base=format_amount(total.base),
        )
    return t(
        "{addon}: {rate} ({citation}) × {base}",
        addon=addon.title,
        rate=format_rate(total.rate),
        citation=addon.cited.citation,
        base=format_amount(total.base),
    )


def _addon_keys(devis: Devis) -> Iterator[str]:
    return (a.addon.key for a in devis.addons)


def _find_line(devis: Devis, line_id: str) -> tuple[Account, LineTotal] | None:
    for chapter in devis.chapters:
        for account in chapter.accounts:
            for total in account.lines:
                if total.line.id == line_id:
                    return account.account, total
    return None
