# SPDX-License-Identifier: AGPL-3.0-or-later
"""The production's expense procedure (procédure des notes de frais), printable for the
crew: how to claim (one report per person, a receipt for every expense paid at actual
cost, the flat allowances and their amounts on a given day), who approves and who pays,
and where each allowance comes from (``expenses`` pack, status and source).

:func:`procedure_pdf` prints it (A4 portrait); :func:`procedure_view` is what the template
shows. Amounts are the pack's for ``on`` (the day the procedure is printed for).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from babel import numbers

from regie.core.errors import RuleError
from regie.core.production import Production
from regie.documents.i18n import format_date, normalize_locale
from regie.documents.pdf import html_to_pdf
from regie.documents.templating import N_, gettext_for, render
from regie.finance.actuals import allowance_keys, allowance_rate, receipts_threshold
from regie.rules.pack import RulePack, Status

__all__ = ["ProcedureView", "procedure_html", "procedure_pdf", "procedure_view"]

UNIT_LABELS = {
    "meal": N_("per meal"),
    "night": N_("per night"),
    "day": N_("per day"),
    "snack": N_("per snack"),
}
STATUS_LABELS = {
    Status.VERIFIED: N_("verified"),
    Status.SECONDARY: N_("secondary source"),
    Status.ESTIMATED: N_("estimated"),
    Status.CUSTOMARY: N_("customary"),
    Status.UNVERIFIED: N_("unverified"),
}


@dataclass(frozen=True, slots=True)
class AllowanceRow:
    key: str
    label: str
    amount: str
    unit: str
    status: str
    unsure: bool
    source: str
    note: str


@dataclass(frozen=True, slots=True)
class ProcedureView:
    on: str
    pack_ref: str
    allowances: tuple[AllowanceRow, ...]
    receipts_from: str
    reduction: str | None  # the grand-déplacement reduction after three months


def procedure_view(source: RulePack, *, on: dt.date, locale: str = "fr") -> ProcedureView:
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    rows = []
    for key in allowance_keys(source):
        try:
            rate = allowance_rate(source, key, on)
        except RuleError:
            continue  # no amount valid on that day: not offered
        rows.append(
            AllowanceRow(
                key=key,
                label=rate.label_en if language == "en" else rate.label,
                amount=numbers.format_currency(rate.amount, "EUR", locale=language),
                unit=_(UNIT_LABELS.get(rate.unit, rate.unit)),
                status=_(STATUS_LABELS[rate.cited.status]),
                unsure=rate.unsure,
                source=rate.cited.citation,
                note=rate.cited.note or "",
            )
        )
    try:
        share = source.value("travel.reduction_after_3_months", on).decimal()
        reduction: str | None = numbers.format_percent(share, locale=language)
    except RuleError:
        reduction = None
    threshold = receipts_threshold(source)
    return ProcedureView(
        on=format_date(on, language),
        pack_ref=source.ref,
        allowances=tuple(rows),
        receipts_from=numbers.format_currency(threshold.max(Decimal(0)), "EUR", locale=language),
        reduction=reduction,
    )


def procedure_html(
    source: RulePack, production: Production, *, on: dt.date, locale: str = "fr"
) -> str:
    view = procedure_view(source, on=on, locale=locale)
    return render("expense_procedure/document.html", locale, view=view, production=production)


def procedure_pdf(
    source: RulePack, production: Production, *, on: dt.date, locale: str = "fr"
) -> bytes:
    return html_to_pdf(procedure_html(source, production, on=on, locale=locale))
