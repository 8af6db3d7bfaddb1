# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/p/{slug}/financing``: the financing plan — sources edited in place, their status,
the totals and the balance against the linked devis, the public-aid intensity as a gauge
(an SVG whose sizes are attributes: no inline style under the CSP), the scenarios shown
one at a time, the regional funds' territorial obligations with the place of spend of
each devis line, and the PDF — and ``/p/{slug}/tax-credit``: the tax-credit case, its
result with the trace citing articles, the provisional-approval checklist and the PDFs.

A source is edited with htmx: the answer is its row as stored and, out of band, the
figures the edit moves. Each edit carries the version the page showed: a source changed
meanwhile is refused with 409, nothing saved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Final

from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from regie.core.errors import StaleEdit, ValidationError
from regie.core.text import t
from regie.documents.financing import STATUS_LABELS, financing_pdf
from regie.documents.taxcredit import agrement_pdf, taxcredit_view, trace_pdf
from regie.finance.aid import Genre, WorkKind
from regie.finance.financing import Publicness, SourceKind, SourceStatus
from regie.finance.taxcredit.model import Credit
from regie.finance.taxcredit.model import Genre as CreditGenre
from regie.office.roles import Permission
from regie.services import budgets, financing, taxcredits
from regie.services.financing import (
    FinancingReport,
    PlanFields,
    ScenarioFields,
    SourceFields,
)
from regie.services.taxcredits import CaseFields
from regie.web import errors, views
from regie.web.deps import Page, web_state
from regie.web.forms import checked, optional_date, optional_whole_number, whole_number
from regie.web.i18n import N_, PARIS, request_locale
from regie.web.routes.budgets import cash_in, entry, percent_in
from regie.web.templating import flash, go_to, is_htmx, render, translate

router = APIRouter()
PDF: Final = "application/pdf"
HUNDRED: Final = Decimal(100)
SOURCE_SAVED: Final = N_("Source %(code)s saved.")
PUBLIC_LABELS: Final[dict[str, str]] = {
    Publicness.PUBLIC.value: N_("public"),
    Publicness.PRIVATE.value: N_("private"),
    Publicness.UNCERTAIN.value: N_("not settled"),
}
WORK_LABELS: Final[dict[str, str]] = {
    WorkKind.CINEMA.value: N_("Cinema"),
    WorkKind.AUDIOVISUAL.value: N_("Audiovisual"),
}
GENRE_LABELS: Final[dict[str, str]] = {
    Genre.FICTION.value: N_("Fiction"),
    Genre.DOCUMENTARY.value: N_("Documentary"),
    Genre.ANIMATION.value: N_("Animation"),
    Genre.OTHER.value: N_("Other"),
    CreditGenre.LIVE_SHOW.value: N_("Live-show adaptation"),
}
INPUT_LABELS: Final[dict[str, str]] = {
    "eligible_expenses": N_("Eligible French expenses"),
    "minutes": N_("Minutes produced and delivered"),
    "production_cost": N_("Production cost"),
    "other_public_aid": N_("Other public aid"),
}
CREDIT_LABELS: Final[dict[str, str]] = {
    Credit.CINEMA.value: N_("Film tax credit"),
    Credit.AUDIOVISUAL.value: N_("Audiovisual tax credit"),
    Credit.INTERNATIONAL.value: N_("International tax credit (C2I)"),
}


def financing_url(slug: str) -> str:
    return f"/p/{slug}/financing"


def taxcredit_url(slug: str) -> str:
    return f"/p/{slug}/tax-credit"


def _today() -> dt.date:
    return dt.datetime.now(tz=PARIS).date()


@dataclass(frozen=True, slots=True)
class Gauge:
    """The intensity gauge: widths in hundredths of the drawing (0–100 % of the base)."""

    fill: str
    ceiling: str
    over: bool
    label: str


def _gauge(report: FinancingReport, percent: Any) -> Gauge | None:
    if report.figures is None:
        return None
    check = report.figures.intensity
    width = min(check.intensity, Decimal(1)) * HUNDRED
    mark = min(check.ceiling_rate, Decimal(1)) * HUNDRED
    label = (
        f"{percent(check.intensity.quantize(Decimal('0.0001')))} / {percent(check.ceiling_rate)}"
    )
    return Gauge(f"{width:.2f}", f"{mark:.2f}", not check.within, label)


def plan_context(request: Request, page: Page, scenario: str = "") -> dict[str, Any]:
    """What the financing templates show (``plan`` None while there is none)."""
    state = web_state(request)
    locale = request_locale(request)
    cash, percent = cash_in(locale, "EUR"), percent_in(locale)
    can_edit = page.can(Permission.EDIT_BUDGET)
    numbers = [(b.number, b.name) for b in budgets.list_budgets(state.db, page.slug,
                                                               actor=page.user)]  # fmt: skip
    base: dict[str, Any] = {
        "financing_url": financing_url(page.slug),
        "taxcredit_url": taxcredit_url(page.slug),
        "can_edit": can_edit,
        "cash": cash,
        "percent": percent,
        "budgets": numbers,
        "kinds": [k.value for k in SourceKind],
        "statuses": [(s.value, STATUS_LABELS[s]) for s in SourceStatus],
        "work_kinds": WORK_LABELS,
        "genres": {g.value: GENRE_LABELS[g.value] for g in Genre},
        "public_labels": PUBLIC_LABELS,
        "ratio": lambda value: percent(value.quantize(Decimal("0.0001"))),
        "entry": lambda value: entry(value, locale),
    }
    if financing.find_plan(state.db, page.slug, actor=page.user) is None:
        return {**base, "plan": None}
    report = financing.report(state.db, page.slug, actor=page.user, rule_dirs=state.rule_dirs)
    rules = report.rules.sources
    english = locale == "en"
    figures = report.figures
    chosen = None
    if figures is not None and scenario:
        chosen = next((x for x in figures.scenarios if x[0].scenario.id == scenario), None)
    return {
        **base,
        "plan": report.record,
        "report": report,
        "figures": figures,
        "gauge": _gauge(report, percent),
        "kind_title": lambda kind: (rules.kinds[SourceKind(kind)].title_en if english
                                    else rules.kinds[SourceKind(kind)].title),
        "publicness": lambda source: rules.publicness(source).value,
        "share": lambda amount: percent((amount / report.budget_total).quantize(
            Decimal("0.0001"))) if report.budget_total else "—",
        "scenario": chosen,
        "scenario_id": scenario,
        "versions": {s.source.id: s.version for s in report.record.sources},
        "linked": {s.source.id for s in report.record.sources if s.from_tax_credit},
    }  # fmt: skip


# --- Plan ---------------------------------------------------------------------------------


@router.get("/p/{slug}/financing")
def plan_page(request: Request, page: Page, scenario: str = "") -> Response:
    page.require(Permission.VIEW_BUDGET)
    context = plan_context(request, page, scenario.strip())
    return render(request, "financing/plan.html", active_tab="financing", **context)


@router.post("/p/{slug}/financing")
def create_plan(request: Request, page: Page) -> Response:
    financing.create_plan(web_state(request).db, page.slug, actor=page.user)
    flash(request, translate(request, N_("Financing plan created.")))
    return go_to(request, financing_url(page.slug))


@router.post("/p/{slug}/financing/settings")
def plan_settings(
    request: Request,
    page: Page,
    *,
    title: Annotated[str, Form()] = "",
    budget: Annotated[str, Form()] = "",
    budget_total: Annotated[str, Form()] = "",
    region: Annotated[str, Form()] = "",
    work_kind: Annotated[str, Form()] = "audiovisual",
    genre: Annotated[str, Form()] = "fiction",
    film_rank: Annotated[str, Form()] = "",
    minutes: Annotated[str, Form()] = "",
    french_share: Annotated[str, Form()] = "1",
    difficult: Annotated[str, Form()] = "",
    selective_documentary: Annotated[str, Form()] = "",
    derogation_granted: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "",
) -> Response:
    fields = PlanFields(
        title=title, budget=optional_whole_number(budget, "budget"), budget_total=budget_total,
        region=region, work_kind=work_kind, genre=genre, film_rank=film_rank, minutes=minutes,
        french_share=french_share, difficult=checked(difficult),
        selective_documentary=checked(selective_documentary),
        derogation_granted=checked(derogation_granted),
    )  # fmt: skip
    financing.update_plan(web_state(request).db, page.slug, fields,
                          expected_version=whole_number(version, "version"),
                          actor=page.user)  # fmt: skip
    flash(request, translate(request, N_("Plan settings saved.")))
    return go_to(request, financing_url(page.slug) + "#settings")


def _source_fields(form: dict[str, str], code: str = "") -> SourceFields:
    return SourceFields(
        code=form.get("code", "").strip() or code,
        kind=form.get("kind", ""),
        partner=form.get("partner", ""),
        amount="".join(form.get("amount", "").split()),
        status=form.get("status", "") or "planned",
        public=form.get("public", ""),
        region=form.get("region", ""),
        spend_factor=form.get("spend_factor", "").replace("%", "").strip() or None,
        note=form.get("note", ""),
        from_tax_credit=checked(form.get("from_tax_credit", "")),
    )


async def _form(request: Request) -> dict[str, str]:
    data = await request.form()
    return {k: v for k, v in data.items() if isinstance(v, str)}


@router.post("/p/{slug}/financing/sources")
async def add_source(request: Request, page: Page) -> Response:
    form = await _form(request)
    record = financing.add_source(web_state(request).db, page.slug, _source_fields(form),
                                  expected_version=whole_number(form.get("version", ""),
                                                                "version"),
                                  actor=page.user)  # fmt: skip
    code = record.sources[-1].source.id if record.sources else ""
    flash(request, translate(request, N_("Source %(code)s added."), code=code))
    return go_to(request, f"{financing_url(page.slug)}#source-{code}")


@router.post("/p/{slug}/financing/sources/{code}")
async def edit_source(request: Request, page: Page, code: str) -> Response:
    form = await _form(request)
    expected = whole_number(form.get("version", ""), "version")
    fields = _source_fields(form, code)
    page.require(Permission.EDIT_BUDGET)
    db = web_state(request).db
    try:
        financing.update_source(db, page.slug, code, fields, expected_version=expected,
                                actor=page.user)  # fmt: skip
    except StaleEdit as stale:
        if not is_htmx(request):
            raise
        return _source_answer(request, page, code, status=409, problem=stale)
    if not is_htmx(request) or fields.code != code:
        flash(request, translate(request, SOURCE_SAVED, code=fields.code))
        return go_to(request, f"{financing_url(page.slug)}#source-{fields.code}")
    return _source_answer(request, page, code)


def _source_answer(
    request: Request, page: Page, code: str, *, status: int = 200,
    problem: StaleEdit | None = None,
) -> Response:  # fmt: skip
    """The source's row as stored and, out of band, the figures and the message area."""
    context = plan_context(request, page)
    source = context["plan"].source(code)
    extra: dict[str, Any] = {}
    if problem is not None:
        extra = errors.error_context(request, problem, status)
    else:
        extra["saved"] = translate(request, SOURCE_SAVED, code=code)
    return render(request, "financing/_edited.html", status=status, item=source,
                  problem=problem, **context, **extra)  # fmt: skip


@router.post("/p/{slug}/financing/sources/{code}/delete")
def delete_source(
    request: Request, page: Page, code: str, version: Annotated[str, Form()] = ""
) -> Response:
    financing.delete_source(web_state(request).db, page.slug, code,
                            expected_version=whole_number(version, "version"),
                            actor=page.user)  # fmt: skip
    flash(request, translate(request, N_("Source %(code)s deleted."), code=code))
    return go_to(request, financing_url(page.slug))


@router.post("/p/{slug}/financing/scenarios")
async def add_scenario(request: Request, page: Page) -> Response:
    data = await request.form()
    removed = tuple(str(v) for v in data.getlist("remove"))
    amounts: dict[str, object] = {}
    for key, value in data.items():
        if key.startswith("amount-") and isinstance(value, str) and value.strip():
            amounts[key.removeprefix("amount-")] = "".join(value.split())
    fields = ScenarioFields(str(data.get("code", "")), str(data.get("title", "")), removed,
                            amounts)  # fmt: skip
    financing.add_scenario(web_state(request).db, page.slug, fields,
                           expected_version=whole_number(str(data.get("version", "")),
                                                         "version"),
                           actor=page.user)  # fmt: skip
    flash(request, translate(request, N_("Scenario %(code)s added."), code=fields.code))
    return go_to(request, f"{financing_url(page.slug)}?scenario={fields.code}#scenarios")


@router.post("/p/{slug}/financing/scenarios/{code}/delete")
def delete_scenario(
    request: Request, page: Page, code: str, version: Annotated[str, Form()] = ""
) -> Response:
    financing.delete_scenario(web_state(request).db, page.slug, code,
                              expected_version=whole_number(version, "version"),
                              actor=page.user)  # fmt: skip
    flash(request, translate(request, N_("Scenario %(code)s deleted."), code=code))
    return go_to(request, f"{financing_url(page.slug)}#scenarios")


@router.post("/p/{slug}/financing/places")
def set_place(
    request: Request,
    page: Page,
    *,
    line: Annotated[str, Form()] = "",
    region: Annotated[str, Form()] = "",
    country: Annotated[str, Form()] = "FR",
) -> Response:
    plan = financing.get_plan(web_state(request).db, page.slug, actor=page.user)
    if plan.budget_number is None:
        raise ValidationError(t("the plan is linked to no devis"), field="budget",
                              hint=t("Link a devis in the plan's settings"))  # fmt: skip
    financing.set_line_place(web_state(request).db, page.slug, plan.budget_number, line,
                             region=region, country=country, actor=page.user)  # fmt: skip
    flash(request, translate(request, N_("Place of line %(code)s saved."), code=line))
    return go_to(request, f"{financing_url(page.slug)}#places")


@router.post("/p/{slug}/financing/tax-credit")
def credit_into_plan(
    request: Request, page: Page, version: Annotated[str, Form()] = ""
) -> Response:
    state = web_state(request)
    taxcredits.apply_to_plan(state.db, page.slug, expected_version=whole_number(version, "version"),
                             actor=page.user, today=_today(),
                             rule_dirs=state.rule_dirs)  # fmt: skip
    flash(request, translate(request, N_("Tax credit written into the plan.")))
    return go_to(request, financing_url(page.slug))


@router.get("/p/{slug}/financing/plan.pdf")
def plan_pdf(request: Request, page: Page) -> Response:
    state = web_state(request)
    report = financing.report(state.db, page.slug, actor=page.user, rule_dirs=state.rule_dirs)
    facts = financing.plan_facts(report, _today())
    name = views.export_name(page.production, "FINANCEMENT", "plan", report.record.version,
                             "pdf")  # fmt: skip
    return _download(financing_pdf(facts, locale=request_locale(request)), name)


def _download(content: bytes, filename: str) -> Response:
    disposition = f'attachment; filename="{filename}"'
    return Response(content, media_type=PDF, headers={"content-disposition": disposition})


# --- Tax credit ---------------------------------------------------------------------------


def _case_fields(form: dict[str, str]) -> CaseFields:
    language = form.get("french_language", "")
    return CaseFields(
        credit=form.get("credit", ""), genre=form.get("genre", ""),
        budget=optional_whole_number(form.get("budget", ""), "budget"),
        spend_from=form.get("spend_from", "") or "devis",
        on=optional_date(form.get("on", ""), "on"),
        eligible_expenses=form.get("eligible_expenses"), minutes=form.get("minutes"),
        production_cost=form.get("production_cost"), subsidies=form.get("subsidies"),
        other_public_aid=form.get("other_public_aid"),
        french_share=form.get("french_share"),
        difficult_work=checked(form.get("difficult_work", "")),
        french_language=None if not language else language == "yes",
    )  # fmt: skip


@router.get("/p/{slug}/tax-credit")
def taxcredit_page(request: Request, page: Page) -> Response:
    page.require(Permission.VIEW_BUDGET)
    state = web_state(request)
    locale = request_locale(request)
    outcome, problem = None, None
    try:
        outcome = taxcredits.compute_case(state.db, page.slug, actor=page.user, today=_today(),
                                          rule_dirs=state.rule_dirs)  # fmt: skip
    except ValidationError as refused:
        problem = errors.localized(request, refused)
    view = (
        taxcredit_view(outcome.result, locale=locale, spend=outcome.spend,
                       checklist=outcome.checklist)
        if outcome is not None else None
    )  # fmt: skip
    record = taxcredits.get_case(state.db, page.slug, actor=page.user)
    plan = financing.find_plan(state.db, page.slug, actor=page.user)
    return render(
        request, "financing/taxcredit.html", active_tab="financing", outcome=outcome,
        view=view, problem=problem, record=record, plan=plan,
        fields=outcome.fields if outcome else (taxcredits.fields_of(record) if record else None),
        budgets=[(b.number, b.name) for b in budgets.list_budgets(state.db, page.slug,
                                                                  actor=page.user)],
        credits=CREDIT_LABELS, input_labels=INPUT_LABELS,
        genres={g.value: GENRE_LABELS[g.value] for g in CreditGenre},
        can_edit=page.can(Permission.EDIT_BUDGET), taxcredit_url=taxcredit_url(page.slug),
        financing_url=financing_url(page.slug), cash=cash_in(locale, "EUR"),
    )  # fmt: skip


@router.post("/p/{slug}/tax-credit")
async def save_case(request: Request, page: Page) -> Response:
    form = await _form(request)
    raw = form.get("version", "").strip()
    taxcredits.save_case(web_state(request).db, page.slug, _case_fields(form),
                         expected_version=whole_number(raw, "version") if raw else None,
                         actor=page.user)  # fmt: skip
    flash(request, translate(request, N_("Tax-credit case saved.")))
    return go_to(request, taxcredit_url(page.slug))


@router.post("/p/{slug}/tax-credit/compute")
def compute_case(request: Request, page: Page) -> Response:
    state = web_state(request)
    outcome = taxcredits.compute_and_store(state.db, page.slug, actor=page.user, today=_today(),
                                           rule_dirs=state.rule_dirs)  # fmt: skip
    cash = cash_in(request_locale(request), "EUR")
    flash(request, translate(request, N_("Tax credit computed and saved: %(amount)s."),
                             amount=cash(outcome.result.credit)))  # fmt: skip
    return go_to(request, taxcredit_url(page.slug) + "#result")


@router.get("/p/{slug}/tax-credit/trace.pdf")
def taxcredit_trace_pdf(request: Request, page: Page) -> Response:
    state = web_state(request)
    outcome = taxcredits.compute_case(state.db, page.slug, actor=page.user, today=_today(),
                                      rule_dirs=state.rule_dirs)  # fmt: skip
    name = views.export_name(page.production, "CREDIT-IMPOT", "trace", 1, "pdf")
    data = trace_pdf(outcome.result, locale=request_locale(request), spend=outcome.spend)
    return _download(data, name)


@router.get("/p/{slug}/tax-credit/agrement.pdf")
def taxcredit_agrement_pdf(request: Request, page: Page) -> Response:
    state = web_state(request)
    outcome = taxcredits.compute_case(state.db, page.slug, actor=page.user, today=_today(),
                                      rule_dirs=state.rule_dirs)  # fmt: skip
    name = views.export_name(page.production, "CREDIT-IMPOT", "agrement", 1, "pdf")
    data = agrement_pdf(outcome.checklist, outcome.result, locale=request_locale(request),
                        spend=outcome.spend)  # fmt: skip
    return _download(data, name)
