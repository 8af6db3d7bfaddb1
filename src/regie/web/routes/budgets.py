# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/p/{slug}/budgets``: the budgets (devis versions) of a production, and the budget
grid — chapters that open onto their accounts and lines, each line edited in place, the
add-on rates, the warnings, a chart of the chapters' shares and the downloads (XLSX, PDF,
CSV, JSON).

A line is edited with htmx: the answer is the line's row as stored and, out of band, every
total the edit can move (account and chapter totals, the top sheet, the chart). Each edit
carries the line's version as the page showed it: a line changed meanwhile is refused
with 409, its message in the page's message area and the row shown as stored — concurrent
edits never overwrite each other. A refused value is answered 4xx naming the field,
nothing saved. A plain form post answers with a redirect and a message.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any, Final

from babel import numbers
from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from regie.budget.catalog import BudgetRecord, LineFields
from regie.budget.grids import GridWarningKind
from regie.budget.model import AccountTotal, Devis, Place
from regie.core.errors import StaleEdit, ValidationError
from regie.core.text import t
from regie.documents.devis import devis_csv, devis_json, devis_pdf, devis_xlsx
from regie.office.roles import Permission
from regie.services import budgets, pay
from regie.web import errors, views
from regie.web.deps import Page, web_state
from regie.web.forms import checked, optional_decimal, whole_number
from regie.web.i18n import N_, PARIS, request_locale
from regie.web.templating import flash, go_to, is_htmx, render, translate

router = APIRouter()
XLSX: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CENT: Final = Decimal("0.01")
HUNDRED: Final = Decimal(100)
PLACE_LABELS: Final[dict[Place, str]] = {
    Place.REGION: N_("Region"),
    Place.FRANCE: N_("France"),
    Place.EU: N_("European Union"),
    Place.ELSEWHERE: N_("Outside the EU"),
}
LINE_SAVED: Final = N_("Line %(code)s saved.")


def budgets_url(slug: str) -> str:
    return f"/p/{slug}/budgets"


def budget_url(slug: str, number: int) -> str:
    return f"/p/{slug}/budgets/{number}"


# --- Presentation ---------------------------------------------------------------------


def entry(value: Decimal, locale: str) -> str:
    """A number as an input shows it: no grouping, French decimal comma (``2,5``)."""
    text = format(value.normalize(), "f")
    return text.replace(".", ",") if locale == "fr" else text


def cash_in(locale: str, currency: str) -> Callable[[Decimal], str]:
    def cash(value: Decimal) -> str:
        rounded = value.quantize(CENT, rounding=ROUND_HALF_UP)
        return numbers.format_currency(rounded, currency, locale=locale)

    return cash


def percent_in(locale: str) -> Callable[[Decimal], str]:
    def percent(share: Decimal) -> str:
        return numbers.format_percent(share, locale=locale, decimal_quantization=False)

    return percent


def titled_in(locale: str) -> Callable[[Any], str]:
    """A chart title (chapter, account, add-on) in ``locale``: the English title where
    the chart has one, else the French."""

    def titled(item: Any) -> str:
        english = getattr(item, "title_en", None) if locale == "en" else None
        return str(english or item.title)

    return titled


@dataclass(frozen=True, slots=True)
class Bar:
    """A chapter in the chart of shares: ``width`` in hundredths of the largest chapter."""

    number: int
    title: str
    amount: str
    share: str
    width: str


@dataclass(frozen=True, slots=True)
class RateRow:
    """An overridable rate: an add-on or an employer contribution."""

    key: str
    title: str
    rate: Decimal  # the rate in force (share)
    overridden: bool
    unverified: bool


def _bars(
    devis: Devis,
    titled: Callable[[Any], str],
    cash: Callable[[Decimal], str],
    percent: Callable[[Decimal], str],
) -> list[Bar]:
    largest = max((c.total for c in devis.chapters), default=Decimal(0))
    bars = []
    for chapter in devis.chapters:
        share = chapter.total / devis.chapters_total if devis.chapters_total else Decimal(0)
        width = chapter.total * HUNDRED / largest if largest > 0 else Decimal(0)
        bars.append(
            Bar(
                number=chapter.chapter.number,
                title=titled(chapter.chapter),
                amount=cash(chapter.total),
                share=percent(share.quantize(Decimal("0.001"))),
                width=str(width.quantize(CENT, rounding=ROUND_HALF_UP)),
            )
        )
    return bars


def _rates(record: BudgetRecord, devis: Devis) -> list[RateRow]:
    rows = [
        RateRow(a.addon.key, a.addon.title, a.rate, a.addon.key in record.addon_rates, False)
        for a in devis.addons
    ]
    seen: set[str] = set()
    for group in devis.budget.fringe_groups.values():
        for fringe in group.fringes:
            if fringe.key in seen:
                continue
            seen.add(fringe.key)
            rows.append(
                RateRow(
                    fringe.key,
                    fringe.title,
                    fringe.rate,
                    fringe.key in record.fringe_rates,
                    fringe.cited.status.value == "unverified",
                )
            )
    return rows


def visible_accounts(devis: Devis) -> frozenset[str]:
    """The accounts the grid shows: those with a line or with charges."""
    return frozenset(
        a.account.code for c in devis.chapters for a in c.accounts if a.lines or a.charges
    )


def _shown(account: AccountTotal) -> bool:
    return bool(account.lines or account.charges)


def grid_context(request: Request, page: Page, number: int) -> dict[str, Any]:
    """What the budget templates show."""
    db = web_state(request).db
    locale = request_locale(request)
    record = budgets.get_budget(db, page.slug, number, actor=page.user)
    devis = budgets.devis(db, page.slug, number, actor=page.user)
    titled = titled_in(locale)
    cash = cash_in(locale, devis.budget.currency)
    percent = percent_in(locale)
    url = budget_url(page.slug, number)
    return {
        "record": record,
        "devis": devis,
        "versions": {r.line.id: r.version for r in record.lines},
        # Unsourced contributions at 0 %, and engagements paid under their grid minimum.
        "warnings": [
            *budgets.warnings(devis),
            *(
                t("{name}: {message}", name=w.engagement.name, message=w.message)
                for w in pay.rate_warnings(db, page.slug, actor=page.user)
                if w.warning.kind is GridWarningKind.BELOW_MINIMUM
            ),
        ],
        "can_edit": page.can(Permission.EDIT_BUDGET),
        "budget_url": url,
        "budgets_url": budgets_url(page.slug),
        "titled": titled,
        "cash": cash,
        "percent": percent,
        "entry": lambda value: entry(value, locale),
        "bars": _bars(devis, titled, cash, percent),
        "rates": _rates(record, devis),
        "groups": sorted(devis.budget.fringe_groups.values(), key=lambda g: g.key),
        "places": [(place.value, PLACE_LABELS[place]) for place in Place],
        "chart": devis.budget.chart,
        "shown": _shown,
        "shown_by_chapter": {
            c.chapter.number: [a for a in c.accounts if _shown(a)] for c in devis.chapters
        },
        "groups_by_key": dict(devis.budget.fringe_groups),
        "downloads": [(ext, f"{url}/devis.{ext}") for ext in ("xlsx", "pdf", "csv", "json")],
    }


# --- Pages ----------------------------------------------------------------------------


@router.get("/p/{slug}/budgets")
def budget_list(request: Request, page: Page) -> Response:
    db = web_state(request).db
    locale = request_locale(request)
    rows = []
    for record in budgets.list_budgets(db, page.slug, actor=page.user):
        devis = budgets.devis(db, page.slug, record.number, actor=page.user)
        cash = cash_in(locale, devis.budget.currency)
        rows.append((record, devis.budget.chart.title, cash(devis.total)))
    return render(
        request,
        "budgets/index.html",
        rows=rows,
        can_edit=page.can(Permission.EDIT_BUDGET),
        budgets_url=budgets_url(page.slug),
        active_tab="budgets",
    )


@router.post("/p/{slug}/budgets")
def create_budget(request: Request, page: Page, name: Annotated[str, Form()] = "") -> Response:
    record = budgets.create_budget(
        web_state(request).db, page.slug, name=name.strip() or None, actor=page.user
    )
    message = N_("Budget %(number)s created: %(name)s.")
    flash(request, translate(request, message, number=record.number, name=record.name))
    return go_to(request, budget_url(page.slug, record.number))


@router.get("/p/{slug}/budgets/{number}")
def budget_page(request: Request, page: Page, number: int) -> Response:
    return render(
        request, "budgets/budget.html", active_tab="budgets", **grid_context(request, page, number)
    )


# --- Lines ----------------------------------------------------------------------------


def _number_text(text: str) -> str:
    """A number as typed, spaces between thousands taken out (the service reads it)."""
    return "".join(text.split())


def line_fields(
    *,
    account: str,
    description: str,
    quantity: str,
    unit: str,
    rate: str,
    multiplier: str,
    fringe_group: str,
    place: str,
    tax_credit: str,
    note: str,
) -> LineFields:
    return LineFields(
        account=account.strip(),
        description=description,
        quantity=_number_text(quantity),
        unit=unit,
        rate=_number_text(rate),
        multiplier=_number_text(multiplier) or "1",
        fringe_group=fringe_group.strip() or None,
        place=place.strip() or Place.FRANCE.value,
        tax_credit=checked(tax_credit),
        note=note,
    )


@router.post("/p/{slug}/budgets/{number}/lines")
def add_line(
    request: Request,
    page: Page,
    number: int,
    *,
    account: Annotated[str, Form()] = "",
    description: Annotated[str, Form()] = "",
    quantity: Annotated[str, Form()] = "",
    unit: Annotated[str, Form()] = "",
    rate: Annotated[str, Form()] = "",
    multiplier: Annotated[str, Form()] = "1",
    fringe_group: Annotated[str, Form()] = "",
    place: Annotated[str, Form()] = "",
    tax_credit: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "",
) -> Response:
    fields = line_fields(
        account=account, description=description, quantity=quantity, unit=unit, rate=rate,
        multiplier=multiplier, fringe_group=fringe_group, place=place,
        tax_credit=tax_credit, note=note,
    )  # fmt: skip
    record = budgets.add_lines(
        web_state(request).db,
        page.slug,
        number,
        [fields],
        expected_version=whole_number(version, "version"),
        actor=page.user,
    )
    added = record.lines[-1].line if record.lines else None
    code = added.id if added else ""
    flash(request, translate(request, N_("Line %(code)s added."), code=code))
    return go_to(request, f"{budget_url(page.slug, number)}#line-{code}")


def _line_answer(
    request: Request,
    page: Page,
    number: int,
    code: str,
    *,
    status: int = 200,
    problem: StaleEdit | None = None,
) -> Response:
    """The line's row as stored, and out of band the totals and the message area."""
    context = grid_context(request, page, number)
    devis: Devis = context["devis"]
    item = next(
        (lt for c in devis.chapters for a in c.accounts for lt in a.lines if lt.line.id == code),
        None,
    )
    extra: dict[str, Any] = {}
    if problem is not None:
        extra = errors.error_context(request, problem, status)
    else:
        extra["saved"] = translate(request, LINE_SAVED, code=code)
    return render(
        request, "budgets/_edited.html", status=status, item=item, problem=problem,
        **context, **extra,
    )  # fmt: skip


@router.post("/p/{slug}/budgets/{number}/lines/{code}")
def edit_line(
    request: Request,
    page: Page,
    number: int,
    code: str,
    *,
    account: Annotated[str, Form()] = "",
    description: Annotated[str, Form()] = "",
    quantity: Annotated[str, Form()] = "",
    unit: Annotated[str, Form()] = "",
    rate: Annotated[str, Form()] = "",
    multiplier: Annotated[str, Form()] = "1",
    fringe_group: Annotated[str, Form()] = "",
    place: Annotated[str, Form()] = "",
    tax_credit: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "",
) -> Response:
    db = web_state(request).db
    fields = line_fields(
        account=account, description=description, quantity=quantity, unit=unit, rate=rate,
        multiplier=multiplier, fringe_group=fringe_group, place=place,
        tax_credit=tax_credit, note=note,
    )  # fmt: skip
    expected = whole_number(version, "version")
    page.require(Permission.EDIT_BUDGET)
    before = visible_accounts(budgets.devis(db, page.slug, number, actor=page.user))
    try:
        budgets.update_line(
            db, page.slug, number, code, fields, expected_version=expected, actor=page.user
        )
    except StaleEdit as stale:
        if not is_htmx(request):
            raise
        return _line_answer(request, page, number, code, status=409, problem=stale)
    url = budget_url(page.slug, number)
    after = visible_accounts(budgets.devis(db, page.slug, number, actor=page.user))
    if not is_htmx(request) or after != before:  # the grid's shape changed: the whole page
        flash(request, translate(request, LINE_SAVED, code=code))
        return go_to(request, f"{url}#line-{code}")
    return _line_answer(request, page, number, code)


@router.post("/p/{slug}/budgets/{number}/lines/{code}/delete")
def delete_line(
    request: Request, page: Page, number: int, code: str, version: Annotated[str, Form()] = ""
) -> Response:
    budgets.delete_line(
        web_state(request).db,
        page.slug,
        number,
        code,
        expected_version=whole_number(version, "version"),
        actor=page.user,
    )
    flash(request, translate(request, N_("Line %(code)s deleted."), code=code))
    return go_to(request, budget_url(page.slug, number))


@router.post("/p/{slug}/budgets/{number}/rates")
def set_rate(
    request: Request,
    page: Page,
    number: int,
    *,
    key: Annotated[str, Form()] = "",
    rate: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "",
) -> Response:
    """A rate as a percentage (``7`` or ``7,5``); blank goes back to the rule pack's."""
    value = optional_decimal(rate.replace("%", ""), "rate")
    if value is not None and not Decimal(0) <= value <= HUNDRED:
        raise ValidationError(
            t(
                "{field} must be between {low} and {high}, not {value}",
                field="rate", low=0, high=100, value=rate.strip(),
            ),
            field="rate",
        )  # fmt: skip
    budgets.set_rate(
        web_state(request).db,
        page.slug,
        number,
        key.strip(),
        "" if value is None else value / HUNDRED,
        expected_version=whole_number(version, "version"),
        actor=page.user,
    )
    flash(request, translate(request, N_("Rate %(key)s saved."), key=key.strip()))
    return go_to(request, f"{budget_url(page.slug, number)}#rates")


# --- Downloads ------------------------------------------------------------------------


def _download(content: bytes, media_type: str, filename: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )


def _describe(name: str) -> str:
    """A budget's name as the description part of a file name (``devis-1``)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-").lower() or "devis"


def _document(
    request: Request, page: Page, number: int, ext: str
) -> tuple[Devis, BudgetRecord, str]:
    db = web_state(request).db
    record = budgets.get_budget(db, page.slug, number, actor=page.user)
    devis = budgets.devis(db, page.slug, number, actor=page.user)
    name = views.export_name(page.production, "DEVIS", _describe(record.name), number, ext)
    return devis, record, name


def _stamp(record: BudgetRecord) -> dict[str, Any]:
    return {"version": f"{record.number} — {record.name}", "date": dt.datetime.now(tz=PARIS).date()}


@router.get("/p/{slug}/budgets/{number}/devis.xlsx")
def budget_xlsx(request: Request, page: Page, number: int) -> Response:
    devis, record, name = _document(request, page, number, "xlsx")
    locale = request_locale(request)
    data = devis_xlsx(devis, page.production, locale=locale, **_stamp(record))
    return _download(data, XLSX, name)


@router.get("/p/{slug}/budgets/{number}/devis.pdf")
def budget_pdf(request: Request, page: Page, number: int) -> Response:
    devis, record, name = _document(request, page, number, "pdf")
    locale = request_locale(request)
    data = devis_pdf(devis, page.production, locale=locale, **_stamp(record))
    return _download(data, "application/pdf", name)


@router.get("/p/{slug}/budgets/{number}/devis.csv")
def budget_csv(request: Request, page: Page, number: int) -> Response:
    devis, _record, name = _document(request, page, number, "csv")
    data = devis_csv(devis, locale=request_locale(request))
    return _download(data, "text/csv; charset=utf-8", name)


@router.get("/p/{slug}/budgets/{number}/devis.json")
def budget_json(request: Request, page: Page, number: int) -> Response:
    devis, _record, name = _document(request, page, number, "json")
    data = json.dumps(devis_json(devis), ensure_ascii=False, indent=2).encode("utf-8")
    return _download(data, "application/json", name)
