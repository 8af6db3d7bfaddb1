# SPDX-License-Identifier: AGPL-3.0-or-later
"""Tax-credit documents as HTML and PDF:

* the **computation** (:func:`trace_pdf`): the figures, every step with its formula, the
  article it applies and the rule value with its status and sources, the flags, the
  coproducers' parts, and the eligible-spend summary when the case listed its lines;
* the **provisional-approval file** (:func:`agrement_pdf`): the checklist of pieces with
  their state, then the generated annexes — the credit's figures, the budget summary, the
  eligible spend by category and by place of spend, and the people paid.

Domain values carry numbers and :class:`~regie.core.text.Text`; this module words and
formats them in the document's locale (labels from the ``documents`` catalog, trace labels
and flags from the ``errors`` catalog).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from babel import numbers

from regie.core.text import Text
from regie.documents.i18n import error_messages, normalize_locale
from regie.documents.pdf import html_to_pdf
from regie.documents.templating import N_, gettext_for, render
from regie.finance.taxcredit.checklist import Checklist, PieceKind, PieceState
from regie.finance.taxcredit.eligibility import EligibleSpend, SpendCategory
from regie.finance.taxcredit.model import Credit, Genre, TaxCreditResult
from regie.rules.pack import Status

__all__ = ["agrement_html", "agrement_pdf", "taxcredit_view", "trace_html", "trace_pdf"]

CREDIT_LABELS: Final[dict[Credit, str]] = {
    Credit.CINEMA: N_("Film production tax credit (CGI art. 220 sexies)"),
    Credit.AUDIOVISUAL: N_("Audiovisual production tax credit (CGI art. 220 sexies)"),
    Credit.INTERNATIONAL: N_("International production tax credit (CGI art. 220 quaterdecies)"),
}
GENRE_LABELS: Final[dict[Genre, str]] = {
    Genre.FICTION: N_("Fiction"),
    Genre.DOCUMENTARY: N_("Documentary"),
    Genre.ANIMATION: N_("Animation"),
    Genre.LIVE_SHOW: N_("Live-show adaptation"),
}
FIGURE_LABELS: Final[dict[str, str]] = {
    "eligible": N_("Eligible"),
    "rate": N_("Rate"),
    "cost_per_minute_eur": N_("Production cost per minute"),
    "eligible_spend_per_minute_eur": N_("Eligible spend per minute"),
    "per_minute_cap_eur": N_("Ceiling per minute"),
    "work_cap_eur": N_("Ceiling per work"),
    "eligible_expenses_eur": N_("Eligible French expenses"),
    "base_cap_eur": N_("Cap on eligible expenses (share of the budget)"),
    "subsidies_deducted_eur": N_("Subsidies deducted"),
    "eligible_base_eur": N_("Base of the credit"),
    "credit_before_cap_eur": N_("Credit before the ceiling per work"),
    "cap_binding": N_("Ceiling per work reached"),
    "credit_after_cap_eur": N_("Credit within the ceiling per work"),
    "aid_ceiling_eur": N_("Public-aid ceiling"),
    "aid_excess_eur": N_("Excess over the public-aid ceiling"),
    "aid_intensity": N_("Public-aid intensity"),
    "credit_eur": N_("Tax credit"),
}
CATEGORY_LABELS: Final[dict[str, str]] = {
    SpendCategory.AUTHORS: N_("Authors"),
    SpendCategory.PERFORMERS: N_("Performers"),
    SpendCategory.CREW: N_("Crew"),
    SpendCategory.SOCIAL_CHARGES: N_("Social charges"),
    SpendCategory.PAYROLL_TAXES: N_("Payroll taxes"),
    SpendCategory.SETS_COSTUMES: N_("Sets, costumes, make-up"),
    SpendCategory.TRANSPORT_LODGING_CATERING: N_("Transport, lodging, catering"),
    SpendCategory.OFFICE: N_("Office"),
    SpendCategory.TECHNICAL_MEANS: N_("Technical means"),
    SpendCategory.POSTPRODUCTION: N_("Post-production"),
    SpendCategory.ARCHIVES: N_("Archive footage"),
    SpendCategory.DEPRECIATION: N_("Depreciation"),
    SpendCategory.INSURANCE_MISC: N_("Insurance and miscellaneous"),
    SpendCategory.FINANCIAL: N_("Financial costs"),
    SpendCategory.OVERHEADS: N_("Overheads"),
    SpendCategory.CONTINGENCY: N_("Contingency"),
    SpendCategory.PRODUCER_FEE: N_("Producer's fee"),
    SpendCategory.OTHER: N_("Other"),
}
STATUS_LABELS: Final[dict[Status, str]] = {
    Status.VERIFIED: N_("verified"),
    Status.SECONDARY: N_("secondary source"),
    Status.ESTIMATED: N_("estimate"),
    Status.CUSTOMARY: N_("customary"),
    Status.UNVERIFIED: N_("unverified"),
}
KIND_LABELS: Final[dict[PieceKind, str]] = {
    PieceKind.DOCUMENT: N_("document"),
    PieceKind.ANNEX: N_("annex"),
    PieceKind.CONDITION: N_("condition"),
}
STATE_LABELS: Final[dict[PieceState, str]] = {
    PieceState.TO_PROVIDE: N_("to provide"),
    PieceState.GENERATED: N_("generated below"),
    PieceState.MET: N_("met"),
    PieceState.NOT_MET: N_("not met"),
    PieceState.NOT_CHECKED: N_("not checked"),
}


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled figure (figures table, totals)."""

    label: str
    value: str
    extra: str = ""
    css: str = ""


@dataclass(frozen=True, slots=True)
class StepView:
    label: str
    value: str
    formula: str
    article: str
    rule: str
    status: str
    citation: str


@dataclass(frozen=True, slots=True)
class LineView:
    ref: str
    account: str
    description: str
    category: str
    place: str
    payee: str
    amount: str
    eligible: bool
    reason: str


@dataclass(frozen=True, slots=True)
class PieceView:
    title: str
    kind: str
    state: str
    state_key: str
    status: str
    citation: str


@dataclass(frozen=True, slots=True)
class TaxCreditView:
    """What the tax-credit templates print, already worded in the document's locale."""

    title: str  # the case: "H10 — TV fiction, 52 minutes…"
    credit: str
    genre: str
    date: str
    credit_amount: str
    inputs: tuple[Row, ...]  # the case's main inputs (cost, minutes, subsidies, aid)
    figures: tuple[Row, ...]
    steps: tuple[StepView, ...]
    flags: tuple[str, ...]
    packs: str
    shares: tuple[Row, ...]
    by_category: tuple[Row, ...]
    by_place: tuple[Row, ...]
    spend_total: Row | None
    lines: tuple[LineView, ...]
    pieces: tuple[PieceView, ...]
    spend_pack: str


@dataclass(frozen=True, slots=True)
class _Heading:
    """What ``base.html`` prints in the running header."""

    title: str


def _heading(result: TaxCreditResult) -> _Heading:
    case = result.case
    return _Heading(case.case_id or case.credit.value)


def _sources(citation: str) -> str:
    """``"verified — CNC …"`` → ``"CNC …"``: the status is printed in its own words."""
    status, sep, sources = citation.partition(" — ")
    return sources if sep and status in {s.value for s in Status} else citation


def _formatters(language: str) -> tuple[Callable[[Decimal], str], Callable[[object], str]]:
    _ = gettext_for(language).gettext

    def cash(value: Decimal) -> str:
        return numbers.format_currency(value, "EUR", locale=language)

    def figure(value: object) -> str:
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, Decimal):
            return numbers.format_decimal(value, locale=language, decimal_quantization=False)
        return "" if value is None else str(value)

    return cash, figure


_RATIOS: Final = ("rate", "aid_intensity")


def _figure_text(name: str, value: object, language: str) -> str:
    """A figure by its name: ``*_eur`` in euros, ratios in per cent, booleans yes/no."""
    cash, figure = _formatters(language)
    if isinstance(value, Decimal) and name.endswith("_eur"):
        return cash(value)
    if isinstance(value, Decimal) and name in _RATIOS:
        return numbers.format_percent(value, locale=language, decimal_quantization=False)
    return figure(value)


def _spend_rows(
    spend: EligibleSpend | None, language: str
) -> tuple[tuple[Row, ...], tuple[Row, ...], Row | None, tuple[LineView, ...]]:
    if spend is None:
        return (), (), None, ()
    _ = gettext_for(language).gettext
    cash, _figure = _formatters(language)
    errors = error_messages(language)
    categories = tuple(
        Row(_(CATEGORY_LABELS.get(x.key, x.key)), cash(x.eligible), cash(x.excluded))
        for x in spend.by_category
    )
    places = tuple(Row(x.key, cash(x.eligible), cash(x.excluded)) for x in spend.by_place)
    total = Row(_("Total"), cash(spend.eligible), cash(spend.excluded), "total")
    lines = tuple(
        LineView(
            ref=v.line.ref,
            account=v.line.account,
            description=v.line.description,
            category=_(CATEGORY_LABELS.get(v.category, v.category)),
            place=v.line.country + (f" / {v.line.region}" if v.line.region else ""),
            payee=v.line.payee_residence or "",
            amount=cash(v.line.amount),
            eligible=v.eligible,
            reason=v.reason.translate(errors),
        )
        for v in spend.verdicts
    )
    return categories, places, total, lines


def _inputs(result: TaxCreditResult, language: str) -> tuple[Row, ...]:
    _ = gettext_for(language).gettext
    cash, figure = _formatters(language)
    given = result.case.inputs
    rows = [
        (N_("Production cost"), given.production_cost, cash),
        (N_("Minutes produced and delivered"), given.minutes, figure),
        (N_("Subsidies stated"), given.subsidies or None, cash),
        (N_("Other public aid"), given.other_public_aid, cash),
    ]
    return tuple(Row(_(label), show(value)) for label, value, show in rows if value is not None)


def taxcredit_view(
    result: TaxCreditResult,
    *,
    locale: str = "fr",
    spend: EligibleSpend | None = None,
    checklist: Checklist | None = None,
) -> TaxCreditView:
    """The result (and optionally its spend and checklist) worded in ``locale``."""
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    errors = error_messages(language)
    cash, _figure = _formatters(language)
    case = result.case

    def said(text: Text) -> str:
        return text.translate(errors)

    def status(value: Status | None) -> str:
        return "" if value is None else _(STATUS_LABELS[value])

    steps = tuple(
        StepView(
            label=said(s.label),
            value=_figure_text(s.key if s.key in _RATIOS else f"{s.key}_eur", s.value, language),
            formula=s.formula,
            article=s.article,
            rule=s.rule or "",
            status=status(s.status),
            citation=_sources(s.citation),
        )
        for s in result.trace
    )
    categories, places, total, lines = _spend_rows(spend, language)
    pieces: tuple[PieceView, ...] = ()
    if checklist is not None:
        pieces = tuple(
            PieceView(
                title=item.title if language == "fr" else item.title_en,
                kind=_(KIND_LABELS[item.kind]),
                state=_(STATE_LABELS[item.state]),
                state_key=item.state.value,
                status=status(item.status),
                citation=_sources(item.citation),
            )
            for item in checklist.items
        )
    return TaxCreditView(
        title=" — ".join(x for x in (case.case_id, case.title) if x) or _("Tax credit"),
        credit=_(CREDIT_LABELS[case.credit]),
        genre=_(GENRE_LABELS[case.genre]),
        date=case.on.isoformat(),
        credit_amount=cash(result.credit),
        inputs=_inputs(result, language),
        figures=tuple(
            Row(_(FIGURE_LABELS.get(k, k)), _figure_text(k, v, language), css=k)
            for k, v in result.fields().items()
        ),
        steps=steps,
        flags=tuple(said(f) for f in result.flags),
        packs=", ".join(result.packs),
        shares=tuple(Row(s.name, cash(s.credit), cash(s.eligible_expenses)) for s in result.shares),
        by_category=categories,
        by_place=places,
        spend_total=total,
        lines=lines,
        pieces=pieces,
        spend_pack=spend.pack if spend else "",
    )


def trace_html(
    result: TaxCreditResult, *, locale: str = "fr", spend: EligibleSpend | None = None
) -> str:
    view = taxcredit_view(result, locale=locale, spend=spend)
    return render("taxcredit/trace.html", locale, view=view, production=_heading(result))


def trace_pdf(
    result: TaxCreditResult, *, locale: str = "fr", spend: EligibleSpend | None = None
) -> bytes:
    """The computation with its full trace, as PDF."""
    return html_to_pdf(trace_html(result, locale=locale, spend=spend))


def agrement_html(
    checklist: Checklist,
    result: TaxCreditResult,
    *,
    locale: str = "fr",
    spend: EligibleSpend | None = None,
) -> str:
    view = taxcredit_view(result, locale=locale, spend=spend, checklist=checklist)
    return render(
        "taxcredit/agrement.html",
        locale,
        view=view,
        production=_heading(result),
        checklist_pack=checklist.pack,
    )


def agrement_pdf(
    checklist: Checklist,
    result: TaxCreditResult,
    *,
    locale: str = "fr",
    spend: EligibleSpend | None = None,
) -> bytes:
    """The provisional-approval checklist and its generated annexes, as PDF."""
    return html_to_pdf(agrement_html(checklist, result, locale=locale, spend=spend))
