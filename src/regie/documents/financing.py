# SPDX-License-Identifier: AGPL-3.0-or-later
"""The financing plan as HTML and PDF, laid out the way French partners read one: the
sources grouped public / not settled / private with their status and share of the budget,
the totals and the balance against the budget, the public-aid intensity check with each
step and the rule it cites, the regional funds' territorial obligations, and the
scenarios ("si la région refuse").

Domain values carry numbers and :class:`~regie.core.text.Text`; this module words and
formats them in the document's locale (labels from the ``documents`` catalog, step labels
and warnings from the ``errors`` catalog).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from babel import dates, numbers

from regie.core.production import Production
from regie.core.text import Text
from regie.documents.i18n import error_messages, normalize_locale
from regie.documents.pdf import html_to_pdf
from regie.documents.templating import N_, gettext_for, render
from regie.finance.aid import AidStep, IntensityCheck, TerritorialObligation
from regie.finance.financing import (
    Balance,
    FinancingPlan,
    Publicness,
    ScenarioResult,
    SourceRules,
    SourceStatus,
)

__all__ = ["PlanFacts", "financing_html", "financing_pdf", "financing_view"]

STATUS_LABELS: Final[dict[SourceStatus, str]] = {
    SourceStatus.PLANNED: N_("planned"),
    SourceStatus.REQUESTED: N_("requested"),
    SourceStatus.GRANTED: N_("granted"),
    SourceStatus.PAID: N_("paid"),
    SourceStatus.REFUSED: N_("refused"),
}
GROUP_LABELS: Final[dict[Publicness, str]] = {
    Publicness.PUBLIC: N_("Public financing"),
    Publicness.UNCERTAIN: N_("Financing whose public nature is not settled"),
    Publicness.PRIVATE: N_("Private financing"),
}


@dataclass(frozen=True, slots=True)
class PlanFacts:
    """What the plan document prints (the service's report, in domain values)."""

    plan: FinancingPlan
    production: Production
    rules: SourceRules
    budget_total: Decimal
    budget_name: str  # "Devis 1 — brouillon"; "" when the total was stated
    balance: Balance
    intensity: IntensityCheck
    territorial: tuple[TerritorialObligation, ...] = ()
    scenarios: tuple[tuple[ScenarioResult, IntensityCheck], ...] = ()
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    value: str
    extra: str = ""
    css: str = ""


@dataclass(frozen=True, slots=True)
class SourceRow:
    code: str
    kind: str
    partner: str
    status: str
    status_key: str
    amount: str
    share: str
    note: str


@dataclass(frozen=True, slots=True)
class SourceGroup:
    title: str
    key: str
    rows: tuple[SourceRow, ...]
    total: str
    share: str


@dataclass(frozen=True, slots=True)
class StepRow:
    label: str
    value: str
    rule: str
    source: str


@dataclass(frozen=True, slots=True)
class ObligationView:
    region: str
    figures: tuple[Row, ...]
    met: bool
    steps: tuple[StepRow, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ScenarioView:
    title: str
    figures: tuple[Row, ...]
    balanced: bool
    within: bool


@dataclass(frozen=True, slots=True)
class FinancingView:
    title: str
    budget: str
    date: str
    groups: tuple[SourceGroup, ...]
    totals: tuple[Row, ...]
    by_status: tuple[Row, ...]
    intensity: tuple[Row, ...]
    within: bool
    steps: tuple[StepRow, ...]
    warnings: tuple[str, ...]
    pack: str
    territorial: tuple[ObligationView, ...]
    scenarios: tuple[ScenarioView, ...]


class _Words:
    """Money, shares and labels in one locale."""

    def __init__(self, locale: str) -> None:
        self.language = normalize_locale(locale)
        self.gettext = gettext_for(self.language).gettext
        self.errors = error_messages(self.language)

    def cash(self, value: Decimal) -> str:
        return numbers.format_currency(value.quantize(Decimal("0.01")), "EUR",
                                       locale=self.language)  # fmt: skip

    def share(self, value: Decimal) -> str:
        return numbers.format_percent(value, "#,##0.00 %", locale=self.language)

    def said(self, text: Text) -> str:
        return text.translate(self.errors)

    def steps(self, steps: Sequence[AidStep]) -> tuple[StepRow, ...]:
        return tuple(
            StepRow(
                label=self.said(s.label),
                value="" if s.amount is None else (self.share(s.amount) if s.rate
                                                   else self.cash(s.amount)),
                rule=f"{s.cited.pack} {s.cited.key} ({s.cited.status.value})" if s.cited else "",
                source=_sources(s.cited.citation) if s.cited else "",
            )
            for s in steps
        )  # fmt: skip


def _sources(citation: str) -> str:
    """``"verified — CNC …"`` → ``"CNC …"`` (the status is printed beside the rule)."""
    _status, sep, rest = citation.partition(" — ")
    return rest if sep else citation


def _groups(facts: PlanFacts, words: _Words) -> tuple[SourceGroup, ...]:
    _ = words.gettext
    total = facts.budget_total
    english = words.language == "en"
    out = []
    for kind in (Publicness.PUBLIC, Publicness.UNCERTAIN, Publicness.PRIVATE):
        members = [s for s in facts.plan.sources if facts.rules.publicness(s) is kind]
        if not members:
            continue
        counted = sum((s.amount for s in members if s.counted), Decimal(0))
        rows = tuple(
            SourceRow(
                code=s.id,
                kind=(facts.rules.kinds[s.kind].title_en if english
                      else facts.rules.kinds[s.kind].title),
                partner=s.partner,
                status=_(STATUS_LABELS[s.status]),
                status_key=s.status.value,
                amount=words.cash(s.amount),
                share=words.share(s.amount / total) if s.counted else "—",
                note=s.note,
            )
            for s in members
        )  # fmt: skip
        out.append(SourceGroup(_(GROUP_LABELS[kind]), kind.value, rows, words.cash(counted),
                               words.share(counted / total)))  # fmt: skip
    return tuple(out)


def _balance_rows(balance: Balance, words: _Words) -> tuple[Row, ...]:
    _ = words.gettext
    gap = balance.gap
    label = _("To find") if gap > 0 else _("Surplus") if gap < 0 else _("Balanced")
    return (
        Row(_("Budget"), words.cash(balance.budget_total)),
        Row(_("Total financing"), words.cash(balance.financing_total),
            words.share(balance.financing_total / balance.budget_total), "total"),
        Row(_("Of which secured (granted or paid)"), words.cash(balance.secured_total),
            words.share(balance.secured_total / balance.budget_total)),
        Row(_("Gap"), words.cash(abs(gap)), label, "balanced" if gap == 0 else "gap"),
        Row(_("Gap on secured financing"), words.cash(balance.secured_gap)),
    )  # fmt: skip


def _intensity_rows(check: IntensityCheck, words: _Words) -> tuple[Row, ...]:
    _ = words.gettext
    rows = [
        Row(_("Base (budget × French share)"), words.cash(check.base)),
        Row(_("Ceiling"), words.cash(check.ceiling_amount), words.share(check.ceiling_rate)),
        Row(_("Public aid, tax credit included"), words.cash(check.public_total),
            words.share(check.intensity), "total"),
        Row(_("Of which tax credit"), words.cash(check.tax_credit)),
    ]  # fmt: skip
    if check.uncertain_total:
        rows.append(Row(_("With the sources not settled"),
                        words.cash(check.public_total + check.uncertain_total),
                        words.share(check.intensity_with_uncertain)))  # fmt: skip
    if check.excess:
        rows.append(Row(_("Excess over the ceiling"), words.cash(check.excess), css="gap"))
        rows.append(Row(_("Tax credit refused"), words.cash(check.credit_refused), css="gap"))
        rows.append(Row(_("Tax credit kept"), words.cash(check.credit_kept)))
    return tuple(rows)


def _obligation(obligation: TerritorialObligation, words: _Words) -> ObligationView:
    _ = words.gettext
    return ObligationView(
        region=obligation.region,
        figures=(
            Row(_("Regional aid"), words.cash(obligation.aid)),
            Row(_("Local spend required"), words.cash(obligation.required)),
            Row(_("Local spend in the budget"), words.cash(obligation.spend)),
            Row(
                _("Shortfall"),
                words.cash(obligation.shortfall),
                css="balanced" if obligation.met else "gap",
            ),
        ),
        met=obligation.met,
        steps=words.steps(obligation.steps),
        warnings=tuple(words.said(w) for w in obligation.warnings),
    )


def _scenario(result: ScenarioResult, check: IntensityCheck, words: _Words) -> ScenarioView:
    _ = words.gettext
    gap = result.balance.gap
    return ScenarioView(
        title=result.scenario.title or result.scenario.id,
        figures=(
            Row(_("Financing lost"), words.cash(result.lost)),
            Row(_("Total financing"), words.cash(result.balance.financing_total)),
            Row(
                _("Gap"),
                words.cash(abs(gap)),
                _("To find") if gap > 0 else _("Surplus") if gap < 0 else _("Balanced"),
                "balanced" if gap == 0 else "gap",
            ),
            Row(
                _("Aid intensity"),
                words.share(check.intensity),
                _("within the ceiling") if check.within else _("above the ceiling"),
            ),
            Row(_("Tax credit refused"), words.cash(check.credit_refused)),
        ),
        balanced=result.balance.balanced,
        within=check.within,
    )


def financing_view(facts: PlanFacts, *, locale: str = "fr") -> FinancingView:
    """The plan worded in ``locale``."""
    words = _Words(locale)
    _ = words.gettext
    by_status = tuple(
        Row(_(STATUS_LABELS[status]), words.cash(amount), css=status.value)
        for status, amount in facts.balance.by_status.items()
    )
    when = facts.date
    return FinancingView(
        title=facts.plan.title or facts.production.title,
        budget=facts.budget_name,
        date=dates.format_date(when, "long", locale=words.language) if when else "",
        groups=_groups(facts, words),
        totals=_balance_rows(facts.balance, words),
        by_status=by_status,
        intensity=_intensity_rows(facts.intensity, words),
        within=facts.intensity.within,
        steps=words.steps(facts.intensity.steps),
        warnings=tuple(words.said(w) for w in facts.intensity.warnings),
        pack=facts.intensity.pack_ref,
        territorial=tuple(_obligation(o, words) for o in facts.territorial),
        scenarios=tuple(_scenario(r, c, words) for r, c in facts.scenarios),
    )


def financing_html(facts: PlanFacts, *, locale: str = "fr") -> str:
    view = financing_view(facts, locale=locale)
    return render("financing/plan.html", locale, view=view, production=facts.production)


def financing_pdf(facts: PlanFacts, *, locale: str = "fr") -> bytes:
    """The financing plan, as PDF."""
    return html_to_pdf(financing_html(facts, locale=locale))
