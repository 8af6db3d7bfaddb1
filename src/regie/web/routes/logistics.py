# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/p/{slug}/logistics``: travel legs, lodging, meals, energy, equipment lists with the
vendors' quotes compared, the external sources register, eco suggestions and the push of
the costs to a devis; ``/p/{slug}/carbon``: the carbon estimate (chart, breakdown by
Carbon'Clap post, each factor and source), its frozen versions, PDF and CSV downloads.

A form post answers with a redirect and a message (htmx: ``HX-Redirect``); a refused value
is answered 4xx naming the field, nothing saved; a stale edit 409.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from regie.core.choices import choice
from regie.core.errors import NotFound, ValidationError
from regie.core.text import t
from regie.documents.carbon import carbon_csv, carbon_html, carbon_pdf
from regie.finance.carbon import CarbonEstimate, EstimateKind
from regie.logistics.energy import (
    ENERGY_LABELS,
    FUEL_LABELS,
    PHASE_LABELS,
    EnergyFields,
    EnergyKind,
    Fuel,
    ProductionPhase,
)
from regie.logistics.equipment import ECO_LABELS, EcoCommitment, ItemFields, ListFields, QuoteFields
from regie.logistics.lodging import LODGING_LABELS, LodgingKind, StayFields
from regie.logistics.meals import DIET_LABELS, Diet, MealFields
from regie.logistics.sources import (
    NEGOTIATION_LABELS,
    SOURCE_KIND_LABELS,
    TYPOLOGY_LABELS,
    Negotiation,
    SourceFields,
    SourceKind,
    Typology,
)
from regie.logistics.travel import MODE_LABELS, LegFields, TravelMode
from regie.office.roles import Permission
from regie.schedule.people import Department
from regie.services import budgets, carbon, locations, logistics, logistics_devis
from regie.services.database import Database
from regie.web import views
from regie.web.deps import Page, web_state
from regie.web.forms import checked, optional_date, optional_decimal, required_date, whole_number
from regie.web.i18n import N_, request_locale
from regie.web.templating import flash, go_to, render, translate

router = APIRouter()
SAVED = N_("Saved.")
REMOVED = N_("Removed.")
PUSHED = N_("Devis %(number)s: %(added)s lines added, %(updated)s updated, %(removed)s removed.")
FROZEN = N_("Carbon estimate %(number)s frozen.")
Text = Annotated[str, Form()]


def _money(raw: str, field: str) -> Decimal | None:
    return optional_decimal(raw, field)


def _back(request: Request, page: Page, message: str = SAVED, anchor: str = "") -> Response:
    flash(request, translate(request, message))
    return go_to(request, f"/p/{page.slug}/logistics{anchor}")


def _labels(locale: str) -> dict[str, dict[str, str]]:
    """The French or English label of every enumerated value the page shows."""
    at = 1 if locale == "en" else 0
    tables: dict[str, Mapping[Any, tuple[str, str]]] = {
        "mode": MODE_LABELS, "lodging": LODGING_LABELS, "diet": DIET_LABELS,
        "energy": ENERGY_LABELS, "fuel": FUEL_LABELS, "phase": PHASE_LABELS,
        "source": SOURCE_KIND_LABELS, "typology": TYPOLOGY_LABELS,
        "negotiation": NEGOTIATION_LABELS, "eco": ECO_LABELS,
    }  # fmt: skip
    return {name: {k.value: v[at] for k, v in table.items()} for name, table in tables.items()}


@router.get("/p/{slug}/logistics")
def logistics_page(request: Request, page: Page) -> Response:
    state = web_state(request)
    db, dirs = state.db, state.rule_dirs
    sources, sums = logistics.list_sources(db, page.slug, actor=page.user)
    can_budget = page.can(Permission.EDIT_BUDGET)
    return render(
        request,
        "logistics/index.html",
        active_tab="logistics",
        settings=logistics.get_settings(db, page.slug, actor=page.user),
        legs=logistics.list_legs(db, page.slug, actor=page.user, rule_dirs=dirs),
        stays=logistics.list_stays(db, page.slug, actor=page.user),
        meals=logistics.list_meals(db, page.slug, actor=page.user),
        energy=logistics.list_energy(db, page.slug, actor=page.user),
        equipment=logistics.list_equipment(db, page.slug, actor=page.user),
        sources=sources,
        sums=sums,
        suggestions=logistics.suggestions(db, page.slug, actor=page.user, rule_dirs=dirs),
        locations=locations.list_locations(db, page.slug, actor=page.user),
        budgets=budgets.list_budgets(db, page.slug, actor=page.user) if can_budget else [],
        can_edit=page.can(Permission.EDIT_SCHEDULE),
        can_budget=can_budget,
        modes=list(TravelMode),
        lodging_kinds=list(LodgingKind),
        diets=list(Diet),
        energy_kinds=list(EnergyKind),
        fuels=list(Fuel),
        phases=list(ProductionPhase),
        departments=list(Department),
        source_kinds=list(SourceKind),
        typologies=list(Typology),
        negotiations=list(Negotiation),
        commitments=list(EcoCommitment),
        labels=_labels(request_locale(request)),
    )


@router.post("/p/{slug}/logistics/start")
def set_start(request: Request, page: Page, starts_on: Text = "", version: Text = "0") -> Response:
    day = optional_date(starts_on, "starts_on")
    logistics.set_start(web_state(request).db, page.slug, day, whole_number(version, "version"),
                        actor=page.user)  # fmt: skip
    return _back(request, page)


@router.post("/p/{slug}/logistics/travel")
def add_leg(
    request: Request, page: Page, *, mode: Text = "", origin: Text = "", destination: Text = "",
    travel_date: Text = "", people: Text = "1", distance_km: Text = "", round_trip: Text = "",
    vehicles: Text = "", fuel_litres: Text = "", cost: Text = "", account: Text = "",
    origin_location: Text = "", destination_location: Text = "",
) -> Response:  # fmt: skip
    fields = LegFields(
        mode=choice(TravelMode, mode, "mode"), origin=origin, destination=destination,
        travel_date=required_date(travel_date, "travel_date"),
        people=whole_number(people, "people"), distance_km=_money(distance_km, "distance_km"),
        round_trip=checked(round_trip),
        vehicles=whole_number(vehicles, "vehicles") if vehicles.strip() else None,
        fuel_litres=_money(fuel_litres, "fuel_litres"), cost=_money(cost, "cost"),
        account=account,
    )  # fmt: skip
    state = web_state(request)
    logistics.add_leg(
        state.db, page.slug, fields, actor=page.user, rule_dirs=state.rule_dirs,
        origin_location=whole_number(origin_location, "origin_location")
        if origin_location.strip() else None,
        destination_location=whole_number(destination_location, "destination_location")
        if destination_location.strip() else None,
    )  # fmt: skip
    return _back(request, page, anchor="#travel")


@router.post("/p/{slug}/logistics/lodging")
def add_stay(
    request: Request, page: Page, *, place: Text = "", kind: Text = "hotel", check_in: Text = "",
    nights: Text = "", people: Text = "1", rate: Text = "", no_breakfast: Text = "",
    account: Text = "",
) -> Response:  # fmt: skip
    fields = StayFields(
        place, required_date(check_in, "check_in"), whole_number(nights, "nights"),
        whole_number(people, "people"), choice(LodgingKind, kind, "kind"), _money(rate, "rate"),
        not checked(no_breakfast), account,
    )  # fmt: skip
    logistics.add_stay(web_state(request).db, page.slug, fields, actor=page.user)
    return _back(request, page, anchor="#lodging")


@router.post("/p/{slug}/logistics/meals")
def add_meals(
    request: Request, page: Page, *, meal_date: Text = "", diet: Text = "", count: Text = "",
    unit_cost: Text = "", account: Text = "",
) -> Response:  # fmt: skip
    fields = MealFields(
        required_date(meal_date, "meal_date"), choice(Diet, diet, "diet"),
        whole_number(count, "count"), _money(unit_cost, "unit_cost"), account,
    )  # fmt: skip
    logistics.add_meals(web_state(request).db, page.slug, fields, actor=page.user)
    return _back(request, page, anchor="#meals")


@router.post("/p/{slug}/logistics/energy")
def add_energy(
    request: Request, page: Page, *, entry_date: Text = "", kind: Text = "", quantity: Text = "",
    fuel: Text = "", phase: Text = "shoot", label: Text = "",
) -> Response:  # fmt: skip
    amount = _money(quantity, "quantity")
    if amount is None:
        raise ValidationError(t("a value is required"), field="quantity")
    fields = EnergyFields(
        required_date(entry_date, "entry_date"), choice(EnergyKind, kind, "kind"), amount,
        choice(Fuel, fuel, "fuel") if fuel else None, choice(ProductionPhase, phase, "phase"),
        label,
    )  # fmt: skip
    logistics.add_energy(web_state(request).db, page.slug, fields, actor=page.user)
    return _back(request, page, anchor="#energy")


@router.post("/p/{slug}/logistics/equipment")
def add_list(
    request: Request, page: Page, *, department: Text = "", name: Text = "",
    needed_from: Text = "", needed_to: Text = "",
) -> Response:  # fmt: skip
    fields = ListFields(
        choice(Department, department, "department"), name,
        optional_date(needed_from, "needed_from"), optional_date(needed_to, "needed_to"),
    )  # fmt: skip
    logistics.add_list(web_state(request).db, page.slug, fields, actor=page.user)
    return _back(request, page, anchor="#equipment")


@router.post("/p/{slug}/logistics/equipment/{list_id}/items")
def add_item(
    request: Request, page: Page, list_id: int, *, name: Text = "", quantity: Text = "1"
) -> Response:
    fields = ItemFields(name, whole_number(quantity, "quantity"))
    logistics.add_item(web_state(request).db, page.slug, list_id, fields, actor=page.user)
    return _back(request, page, anchor="#equipment")


@router.post("/p/{slug}/logistics/equipment/{list_id}/quotes")
def add_quote(
    request: Request, page: Page, list_id: int, *, vendor: Text = "", amount: Text = "",
    available_from: Text = "", available_to: Text = "",
    eco: Annotated[list[str] | None, Form()] = None, account: Text = "",
) -> Response:  # fmt: skip
    price = _money(amount, "amount")
    if price is None:
        raise ValidationError(t("a value is required"), field="amount")
    fields = QuoteFields(
        vendor, price, optional_date(available_from, "available_from"),
        optional_date(available_to, "available_to"),
        frozenset(choice(EcoCommitment, e, "eco") for e in eco or []), account,
    )  # fmt: skip
    logistics.add_quote(web_state(request).db, page.slug, list_id, fields, actor=page.user)
    return _back(request, page, anchor="#equipment")


@router.post("/p/{slug}/logistics/quotes/{quote_id}/choose")
def choose_quote(request: Request, page: Page, quote_id: int, version: Text = "") -> Response:
    logistics.choose_quote(web_state(request).db, page.slug, quote_id,
                           whole_number(version, "version"), actor=page.user)  # fmt: skip
    return _back(request, page, anchor="#equipment")


@router.post("/p/{slug}/logistics/sources")
def add_source(
    request: Request, page: Page, *, kind: Text = "", title: Text = "", typology: Text = "",
    holder: Text = "", asking_price: Text = "", status: Text = "to_contact",
) -> Response:  # fmt: skip
    fields = SourceFields(
        choice(SourceKind, kind, "kind"), title, choice(Typology, typology, "typology"),
        holder, _money(asking_price, "asking_price"), choice(Negotiation, status, "status"),
    )  # fmt: skip
    logistics.add_source(web_state(request).db, page.slug, fields, actor=page.user)
    return _back(request, page, anchor="#sources")


REMOVERS: dict[str, Callable[..., None]] = {
    "travel": logistics.remove_leg,
    "lodging": logistics.remove_stay,
    "meals": logistics.remove_meals,
    "energy": logistics.remove_energy,
    "equipment": logistics.remove_list,
    "items": logistics.remove_item,
    "quotes": logistics.remove_quote,
    "sources": logistics.remove_source,
}


@router.post("/p/{slug}/logistics/{kind}/{ident}/remove")
def remove(request: Request, page: Page, kind: str, ident: int, version: Text = "") -> Response:
    remover = REMOVERS.get(kind)
    if remover is None:
        raise NotFound(t("no such page"))
    db: Database = web_state(request).db
    remover(db, page.slug, ident, whole_number(version, "version"), actor=page.user)
    return _back(request, page, REMOVED)


@router.post("/p/{slug}/logistics/push")
def push(request: Request, page: Page, budget: Text = "", version: Text = "") -> Response:
    state = web_state(request)
    report = logistics_devis.push_to_devis(
        state.db, page.slug, whole_number(budget, "budget"),
        expected_version=whole_number(version, "version"), actor=page.user,
        rule_dirs=state.rule_dirs,
    )  # fmt: skip
    flash(request, translate(request, PUSHED, number=report.budget_number, added=report.added,
                             updated=report.updated, removed=report.removed))  # fmt: skip
    return go_to(request, f"/p/{page.slug}/budgets/{report.budget_number}")


# -- carbon ---------------------------------------------------------------------------


def _estimate(request: Request, page: Page, kind: str = "provisional") -> CarbonEstimate:
    state = web_state(request)
    return carbon.carbon_estimate(state.db, page.slug, actor=page.user,
                                  kind=choice(EstimateKind, kind, "kind"),
                                  rule_dirs=state.rule_dirs)  # fmt: skip


@router.get("/p/{slug}/carbon")
def carbon_page(request: Request, page: Page, version: int | None = None) -> Response:
    db = web_state(request).db
    found = carbon.versions(db, page.slug, actor=page.user)
    shown = next((v for v in found if v.number == version), None)
    if version is not None and shown is None:
        raise NotFound(t("no carbon estimate number {number} in this production", number=version))
    estimate = shown.estimate if shown else _estimate(request, page)
    html = carbon_html(estimate, page.production, locale=request_locale(request), fragment=True,
                       number=shown.number if shown else None)  # fmt: skip
    closed = any(v.kind is EstimateKind.FINAL for v in found)
    return render(request, "logistics/carbon.html", active_tab="carbon", report_html=html,
                  versions=found, shown=shown, closed=closed,
                  can_freeze=page.can(Permission.EDIT_BUDGET))  # fmt: skip


@router.post("/p/{slug}/carbon/freeze")
def freeze(request: Request, page: Page, kind: Text = "provisional") -> Response:
    state = web_state(request)
    chosen = choice(EstimateKind, kind, "kind")
    saved = carbon.freeze(state.db, page.slug, actor=page.user, kind=chosen,
                          rule_dirs=state.rule_dirs)  # fmt: skip
    flash(request, translate(request, FROZEN, number=saved.number))
    return go_to(request, f"/p/{page.slug}/carbon?version={saved.number}")


def _download(page: Page, data: bytes, ext: str, number: int, media: str) -> Response:
    name = views.export_name(page.production, "CARBONE", "bilan", number, ext)
    return Response(data, media_type=media,
                    headers={"content-disposition": f'attachment; filename="{name}"'})  # fmt: skip


def _chosen(request: Request, page: Page, version: int | None) -> tuple[CarbonEstimate, int]:
    if version is None:
        return _estimate(request, page), 0
    saved = carbon.version(web_state(request).db, page.slug, version, actor=page.user)
    return saved.estimate, saved.number


@router.get("/p/{slug}/carbon.pdf")
def carbon_as_pdf(request: Request, page: Page, version: int | None = None) -> Response:
    found, number = _chosen(request, page, version)
    pdf = carbon_pdf(found, page.production, locale=request_locale(request), number=number or None)
    return _download(page, pdf, "pdf", number, "application/pdf")


@router.get("/p/{slug}/carbon.csv")
def carbon_as_csv(request: Request, page: Page, version: int | None = None) -> Response:
    found, number = _chosen(request, page, version)
    data = carbon_csv(found, locale=request_locale(request))
    return _download(page, data, "csv", number, "text/csv; charset=utf-8")
