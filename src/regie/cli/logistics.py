# SPDX-License-Identifier: AGPL-3.0-or-later
"""Logistics (régie): ``regie logistics start|travel|lodging|meals|energy|equipment|
quotes|sources|suggest|push``. Records are named by their number; removing one acts on
its current version."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer

from regie.cli import output
from regie.cli.context import JsonOption, ListGroup, command, group, production, rule_dirs
from regie.cli.schedule import parse_date, parse_decimal, tr
from regie.core.errors import NotFound, ValidationError
from regie.core.text import Text, t

E = TypeVar("E", bound=StrEnum)

logistics_app = group(
    "Logistique : déplacements, hébergement, repas, énergie, matériel, devis des loueurs, "
    "sources externes, suggestions éco-responsables, report au devis."
)
travel_app = group("Les déplacements : `regie logistics travel` les liste.", cls=ListGroup)
lodging_app = group("L'hébergement : `regie logistics lodging` le liste.", cls=ListGroup)
meals_app = group("Les repas par jour et régime.", cls=ListGroup)
energy_app = group("Carburant des groupes, électricité du réseau, stockage.", cls=ListGroup)
equipment_app = group("Les listes de matériel par département.", cls=ListGroup)
quotes_app = group("Les devis des loueurs, comparés.", cls=ListGroup)
sources_app = group("Le registre des sources externes (musique, archives).", cls=ListGroup)
for _sub, _name in (
    (travel_app, "travel"),
    (lodging_app, "lodging"),
    (meals_app, "meals"),
    (energy_app, "energy"),
    (equipment_app, "equipment"),
    (quotes_app, "quotes"),
    (sources_app, "sources"),
):
    logistics_app.add_typer(_sub, name=_name)

DateOption = Annotated[str, typer.Option("--date", help="Date (AAAA-MM-JJ).")]
Account = Annotated[str, typer.Option("--account", help="Compte du devis (défaut : le pack).")]
Notes = Annotated[str, typer.Option("--notes", help="Notes.")]
MODES_HELP = (
    "train_tgv, train_ter, train_intercites, plane, car_petrol, car_diesel, car_electric, "
    "van, truck, bus."
)
Number = Annotated[int, typer.Argument(metavar="NUMBER", help="Numéro de l'enregistrement.")]


def choice(kind: type[E], raw: str, field: str) -> E:
    try:
        return kind(raw.strip().lower())
    except ValueError:
        raise ValidationError(
            t("'{value}' is not one of the accepted values", value=raw),
            field=field,
            hint=t("Use one of: {values}", values=", ".join(k.value for k in kind)),
        ) from None


def _money(raw: str | None, field: str) -> Decimal | None:
    return None if raw is None else parse_decimal(raw, field)


def _find(found: list[Any], number: int, what: Text) -> Any:
    for record in found:
        if getattr(record, "id", None) == number:
            return record
    raise NotFound(
        t("no {what} #{id} in this production", what=what, id=number), hint=t("List them first")
    )


def _done(data: Any, json_output: bool, message: str) -> None:
    if json_output:
        output.print_json(data)
    else:
        output.success(message)


@command(logistics_app, "start", "Fixer le début de la production (aucune date logistique avant).")
def start(
    day: Annotated[
        str | None, typer.Argument(metavar="DATE", help="AAAA-MM-JJ ; vide : aucun.")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    from regie.services import logistics

    starts = None if not day else parse_date(day, "DATE")
    with production() as (config, db):
        current = logistics.get_settings(db, config.slug, actor=None)
        saved = logistics.set_start(db, config.slug, starts, current.version, actor=None)
    _done(saved, json_output, tr(t("Production start: {day}.", day=saved.starts_on or "—")))


# -- travel ---------------------------------------------------------------------------


@command(travel_app, "add", "Ajouter un déplacement.")
def travel_add(
    mode: Annotated[
        str,
        typer.Argument(
            metavar="MODE",
            help=MODES_HELP,
        ),
    ],
    origin: Annotated[
        str, typer.Argument(metavar="FROM", help="Départ (ou vide avec --from-location).")
    ],
    destination: Annotated[str, typer.Argument(metavar="TO", help="Arrivée.")],
    *,
    day: DateOption,
    people: Annotated[int, typer.Option("--people", help="Personnes.")] = 1,
    km: Annotated[str | None, typer.Option("--km", help="Distance aller en km.")] = None,
    from_location: Annotated[
        int | None, typer.Option("--from-location", help="Lieu de départ (numéro).")
    ] = None,
    to_location: Annotated[
        int | None, typer.Option("--to-location", help="Lieu d'arrivée (numéro).")
    ] = None,
    round_trip: Annotated[bool, typer.Option("--return", help="Aller-retour.")] = False,
    vehicles: Annotated[int | None, typer.Option("--vehicles", help="Véhicules (route).")] = None,
    fuel: Annotated[
        str | None, typer.Option("--fuel", help="Litres de carburant (utilitaire, camion).")
    ] = None,
    cost: Annotated[str | None, typer.Option("--cost", help="Coût total.")] = None,
    account: Account = "",
    notes: Notes = "",
    json_output: JsonOption = False,
) -> None:
    from regie.logistics.travel import LegFields, TravelMode
    from regie.services import logistics

    fields = LegFields(
        mode=choice(TravelMode, mode, "MODE"),
        origin=origin,
        destination=destination,
        travel_date=parse_date(day, "--date"),
        people=people,
        distance_km=_money(km, "--km"),
        round_trip=round_trip,
        vehicles=vehicles,
        fuel_litres=_money(fuel, "--fuel"),
        cost=_money(cost, "--cost"),
        account=account,
        notes=notes,
    )
    with production() as (config, db):
        leg = logistics.add_leg(
            db,
            config.slug,
            fields,
            actor=None,
            origin_location=from_location,
            destination_location=to_location,
            rule_dirs=rule_dirs(config),
        )
    _done(leg, json_output, tr(t("Travel leg {id} added: {route}.", id=leg.id, route=leg.label)))


@command(travel_app, "list", "Lister les déplacements.")
def travel_list(json_output: JsonOption = False) -> None:
    from regie.services import logistics

    with production() as (config, db):
        found = logistics.list_legs(db, config.slug, actor=None, rule_dirs=rule_dirs(config))
    if json_output:
        output.print_json([{**output.jsonable(v.leg), "distance": v.distance} for v in found])
        return
    output.table(
        tr(t("Travel legs")),
        [
            tr(t("No.")),
            tr(t("Date")),
            tr(t("Mode")),
            tr(t("Route")),
            tr(t("People")),
            tr(t("km")),
            tr(t("Cost")),
        ],
        [
            (
                v.leg.id,
                v.leg.fields.travel_date,
                v.leg.fields.mode.value,
                v.leg.label,
                v.leg.fields.people,
                v.distance.total_km,
                v.leg.fields.cost,
            )
            for v in found
        ],
    )


@command(travel_app, "remove", "Supprimer un déplacement.")
def travel_remove(number: Number) -> None:
    from regie.services import logistics

    with production() as (config, db):
        views = logistics.list_legs(db, config.slug, actor=None, rule_dirs=rule_dirs(config))
        leg = _find([v.leg for v in views], number, t("travel leg"))
        logistics.remove_leg(db, config.slug, leg.id, leg.version, actor=None)
    output.success(tr(t("Travel leg {id} removed.", id=number)))


# -- lodging, meals, energy -----------------------------------------------------------


@command(lodging_app, "add", "Ajouter un hébergement.")
def lodging_add(
    place: Annotated[str, typer.Argument(metavar="PLACE", help="Hôtel, gîte…")],
    *,
    check_in: Annotated[str, typer.Option("--check-in", help="Première nuit (AAAA-MM-JJ).")],
    nights: Annotated[int, typer.Option("--nights", help="Nuits.")],
    people: Annotated[int, typer.Option("--people", help="Personnes.")] = 1,
    kind: Annotated[str, typer.Option("--kind", help="hotel, hotel_3_star… rental.")] = "hotel",
    rate: Annotated[
        str | None, typer.Option("--rate", help="Prix par personne et par nuit.")
    ] = None,
    no_breakfast: Annotated[
        bool, typer.Option("--no-breakfast", help="Sans petit-déjeuner.")
    ] = False,
    account: Account = "",
    json_output: JsonOption = False,
) -> None:
    from regie.logistics.lodging import LodgingKind, StayFields
    from regie.services import logistics

    fields = StayFields(
        place,
        parse_date(check_in, "--check-in"),
        nights,
        people,
        choice(LodgingKind, kind, "--kind"),
        _money(rate, "--rate"),
        not no_breakfast,
        account,
    )
    with production() as (config, db):
        stay = logistics.add_stay(db, config.slug, fields, actor=None)
    _done(stay, json_output, tr(t("Lodging {id} added: {place}.", id=stay.id, place=place)))


@command(lodging_app, "list", "Lister les hébergements.")
def lodging_list(json_output: JsonOption = False) -> None:
    from regie.services import logistics

    with production() as (config, db):
        found = logistics.list_stays(db, config.slug, actor=None)
    if json_output:
        output.print_json([{**output.jsonable(s), "cost": s.cost} for s in found])
        return
    output.table(
        tr(t("Lodging")),
        [
            tr(t("No.")),
            tr(t("Place")),
            tr(t("First night")),
            tr(t("Nights")),
            tr(t("People")),
            tr(t("Cost")),
        ],
        [
            (s.id, s.fields.place, s.fields.check_in, s.fields.nights, s.fields.people, s.cost)
            for s in found
        ],
    )


@command(meals_app, "add", "Compter les repas d'un jour pour un régime.")
def meals_add(
    day: Annotated[str, typer.Argument(metavar="DATE", help="AAAA-MM-JJ.")],
    diet: Annotated[
        str,
        typer.Argument(metavar="DIET", help="standard, beef, chicken, fish, vegetarian, vegan."),
    ],
    count: Annotated[int, typer.Argument(metavar="COUNT", help="Nombre de repas.")],
    *,
    price: Annotated[str | None, typer.Option("--price", help="Prix par repas.")] = None,
    account: Account = "",
    json_output: JsonOption = False,
) -> None:
    from regie.logistics.meals import Diet, MealFields
    from regie.services import logistics

    fields = MealFields(
        parse_date(day, "DATE"),
        choice(Diet, diet, "DIET"),
        count,
        _money(price, "--price"),
        account,
    )
    with production() as (config, db):
        meal = logistics.add_meals(db, config.slug, fields, actor=None)
    _done(meal, json_output, tr(t("Meal count {id} added.", id=meal.id)))


@command(meals_app, "list", "Lister les repas.")
def meals_list(json_output: JsonOption = False) -> None:
    from regie.services import logistics

    with production() as (config, db):
        found = logistics.list_meals(db, config.slug, actor=None)
    if json_output:
        output.print_json([{**output.jsonable(m), "cost": m.cost} for m in found])
        return
    output.table(
        tr(t("Meals")),
        [tr(t("No.")), tr(t("Date")), tr(t("Diet")), tr(t("Count")), tr(t("Cost"))],
        [(m.id, m.fields.meal_date, m.fields.diet.value, m.fields.count, m.cost) for m in found],
    )


@command(energy_app, "add", "Ajouter du carburant, de l'électricité ou du stockage.")
def energy_add(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND", help="generator_fuel (litres), grid (kWh), cloud_storage (To·an)."
        ),
    ],
    quantity: Annotated[str, typer.Argument(metavar="QUANTITY", help="Quantité.")],
    *,
    day: DateOption,
    fuel: Annotated[
        str | None, typer.Option("--fuel", help="diesel_non_road, diesel_road, petrol.")
    ] = None,
    phase: Annotated[str, typer.Option("--phase", help="prep, shoot, post.")] = "shoot",
    label: Annotated[str, typer.Option("--label", help="Libellé.")] = "",
    json_output: JsonOption = False,
) -> None:
    from regie.logistics.energy import EnergyFields, EnergyKind, Fuel, ProductionPhase
    from regie.services import logistics

    fields = EnergyFields(
        parse_date(day, "--date"),
        choice(EnergyKind, kind, "KIND"),
        parse_decimal(quantity, "QUANTITY"),
        None if fuel is None else choice(Fuel, fuel, "--fuel"),
        choice(ProductionPhase, phase, "--phase"),
        label,
    )
    with production() as (config, db):
        entry = logistics.add_energy(db, config.slug, fields, actor=None)
    _done(entry, json_output, tr(t("Energy entry {id} added.", id=entry.id)))


@command(energy_app, "list", "Lister l'énergie et le stockage.")
def energy_list(json_output: JsonOption = False) -> None:
    from regie.services import logistics

    with production() as (config, db):
        found = logistics.list_energy(db, config.slug, actor=None)
    if json_output:
        output.print_json(found)
        return
    output.table(
        tr(t("Energy")),
        [tr(t("No.")), tr(t("Date")), tr(t("Kind")), tr(t("Quantity")), tr(t("Phase"))],
        [
            (
                e.id,
                e.fields.entry_date,
                e.fields.kind.value,
                f"{e.fields.quantity} {e.unit}",
                e.fields.phase.value,
            )
            for e in found
        ],
    )


# -- equipment and quotes -------------------------------------------------------------


@command(equipment_app, "add", "Créer une liste de matériel.")
def equipment_add(
    department: Annotated[
        str, typer.Argument(metavar="DEPARTMENT", help="camera, grip, electric, sound…")
    ],
    name: Annotated[str, typer.Argument(metavar="NAME", help="Nom de la liste.")],
    *,
    needed_from: Annotated[
        str | None, typer.Option("--from", help="Besoin du (AAAA-MM-JJ).")
    ] = None,
    needed_to: Annotated[str | None, typer.Option("--to", help="Besoin au (AAAA-MM-JJ).")] = None,
    item: Annotated[
        list[str] | None, typer.Option("--item", help="Article (répétable), « 2x Alexa Mini ».")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    from regie.logistics.equipment import ItemFields, ListFields
    from regie.schedule.people import Department
    from regie.services import logistics

    fields = ListFields(
        choice(Department, department, "DEPARTMENT"),
        name,
        None if needed_from is None else parse_date(needed_from, "--from"),
        None if needed_to is None else parse_date(needed_to, "--to"),
    )
    items = []
    for raw in item or []:
        count, x, rest = raw.partition("x ")
        items.append(
            ItemFields(rest, int(count)) if x and count.strip().isdigit() else ItemFields(raw)
        )
    with production() as (config, db):
        made = logistics.add_list(db, config.slug, fields, actor=None)
        for entry in items:
            made = logistics.add_item(db, config.slug, made.id, entry, actor=None)
    _done(made, json_output, tr(t("Equipment list {id} added: {name}.", id=made.id, name=name)))


@command(equipment_app, "list", "Lister les listes de matériel et leurs devis.")
def equipment_list(json_output: JsonOption = False) -> None:
    from regie.services import logistics

    with production() as (config, db):
        found = logistics.list_equipment(db, config.slug, actor=None)
    if json_output:
        output.print_json(found)
        return
    for view in found:
        e = view.equipment
        output.line(
            f"{e.id}. {e.fields.department.value} — {e.fields.name}: "
            + ", ".join(f"{i.fields.quantity}× {i.fields.name}" for i in e.items)
        )
        _quote_table(view.comparison)


def _quote_table(ranked: Any) -> None:
    output.table(
        None,
        [
            tr(t("Rank")),
            tr(t("Quote")),
            tr(t("Vendor")),
            tr(t("Amount")),
            tr(t("Dates covered")),
            tr(t("Eco commitments")),
            tr(t("Chosen")),
        ],
        [
            (
                r.rank,
                r.quote.id,
                r.quote.fields.vendor,
                r.quote.fields.amount,
                None if r.covers_need is None else tr(t("yes") if r.covers_need else t("no")),
                ", ".join(sorted(e.value for e in r.quote.fields.eco)) or None,
                r.quote.chosen,
            )
            for r in ranked
        ],
    )


@command(quotes_app, "add", "Ajouter le devis d'un loueur à une liste.")
def quotes_add(
    list_id: Annotated[int, typer.Argument(metavar="LIST", help="Numéro de la liste.")],
    vendor: Annotated[str, typer.Argument(metavar="VENDOR", help="Loueur.")],
    amount: Annotated[str, typer.Argument(metavar="AMOUNT", help="Montant HT.")],
    *,
    available_from: Annotated[str | None, typer.Option("--from", help="Disponible du.")] = None,
    available_to: Annotated[str | None, typer.Option("--to", help="Disponible au.")] = None,
    eco: Annotated[
        str, typer.Option("--eco", help="Engagements : ecoprod_charter,local,reuse…")
    ] = "",
    account: Account = "",
    json_output: JsonOption = False,
) -> None:
    from regie.logistics.equipment import EcoCommitment, QuoteFields
    from regie.services import logistics

    fields = QuoteFields(
        vendor,
        parse_decimal(amount, "AMOUNT"),
        None if available_from is None else parse_date(available_from, "--from"),
        None if available_to is None else parse_date(available_to, "--to"),
        frozenset(choice(EcoCommitment, e, "--eco") for e in eco.split(",") if e.strip()),
        account,
    )
    with production() as (config, db):
        quote = logistics.add_quote(db, config.slug, list_id, fields, actor=None)
    _done(quote, json_output, tr(t("Quote {id} added.", id=quote.id)))


@command(quotes_app, "list", "Comparer les devis (prix, disponibilité, engagements).")
def quotes_list(json_output: JsonOption = False) -> None:
    equipment_list(json_output)


@command(quotes_app, "choose", "Choisir un devis pour sa liste (et l'engager avec --commit).")
def quotes_choose(
    number: Number,
    commit: Annotated[
        bool,
        typer.Option(
            "--commit", help="Inscrire aussi le devis choisi dans les engagements (regie costs)."
        ),
    ] = False,
    json_output: JsonOption = False,
) -> None:
    from regie.core.calendar import now_paris
    from regie.services import logistics
    from regie.services.quote_commitments import commit_chosen_quote

    with production() as (config, db):
        found = logistics.list_equipment(db, config.slug, actor=None)
        quote = _find([q for v in found for q in v.equipment.quotes], number, t("quote"))
        chosen = logistics.choose_quote(db, config.slug, quote.id, quote.version, actor=None)
        if commit:
            made = commit_chosen_quote(
                db,
                config.slug,
                quote.id,
                on=now_paris().date(),
                actor=None,
                rule_dirs=rule_dirs(config),
            )
            output.success(tr(t("Commitment {reference} recorded.", reference=made.reference)))
    _done(chosen, json_output, tr(t("Quote {id} chosen.", id=number)))


# -- sources, suggestions, devis ------------------------------------------------------


@command(sources_app, "add", "Inscrire une source externe (musique, archives).")
def sources_add(
    kind: Annotated[str, typer.Argument(metavar="KIND", help="music, archive, still.")],
    title: Annotated[str, typer.Argument(metavar="TITLE", help="Titre.")],
    typology: Annotated[
        str, typer.Argument(metavar="TYPOLOGY", help="commercial, institutional, circumstantial.")
    ],
    *,
    holder: Annotated[str, typer.Option("--holder", help="Ayant droit.")] = "",
    price: Annotated[str | None, typer.Option("--price", help="Prix demandé.")] = None,
    status: Annotated[
        str,
        typer.Option(
            "--status", help="to_contact, contacted, negotiating, agreed, signed, dropped."
        ),
    ] = "to_contact",
    json_output: JsonOption = False,
) -> None:
    from regie.logistics.sources import Negotiation, SourceFields, SourceKind, Typology
    from regie.services import logistics

    fields = SourceFields(
        choice(SourceKind, kind, "KIND"),
        title,
        choice(Typology, typology, "TYPOLOGY"),
        holder,
        _money(price, "--price"),
        choice(Negotiation, status, "--status"),
    )
    with production() as (config, db):
        source = logistics.add_source(db, config.slug, fields, actor=None)
    _done(source, json_output, tr(t("Source {id} added: {title}.", id=source.id, title=title)))


@command(sources_app, "list", "Lister le registre des sources externes.")
def sources_list(json_output: JsonOption = False) -> None:
    from regie.services import logistics

    with production() as (config, db):
        found, sums = logistics.list_sources(db, config.slug, actor=None)
    if json_output:
        output.print_json({"sources": found, "totals": sums})
        return
    output.table(
        tr(t("External sources")),
        [
            tr(t("No.")),
            tr(t("Kind")),
            tr(t("Title")),
            tr(t("Typology")),
            tr(t("Holder")),
            tr(t("Asking price")),
            tr(t("Status")),
        ],
        [
            (
                s.id,
                s.fields.kind.value,
                s.fields.title,
                s.fields.typology.value,
                s.fields.holder or None,
                s.fields.asking_price,
                s.fields.status.value,
            )
            for s in found
        ],
    )
    output.line(tr(t("Asked: {asked}; agreed: {agreed}.", asked=sums.asked, agreed=sums.agreed)))


@command(logistics_app, "suggest", "Suggestions éco-responsables (train, covoiturage, repas).")
def suggest(json_output: JsonOption = False) -> None:
    from regie.services import logistics

    with production() as (config, db):
        found = logistics.suggestions(db, config.slug, actor=None, rule_dirs=rule_dirs(config))
    if json_output:
        output.print_json(
            [
                {
                    "kind": s.kind,
                    "records": s.records,
                    "message": tr(s.message),
                    "saving_kg": s.saving_kg,
                    "rule": s.rule,
                }
                for s in found
            ]
        )
        return
    if not found:
        output.line(tr(t("No suggestion.")))
    for item in found:
        output.line(f"• {tr(item.message)} ({item.rule})")


@command(logistics_app, "push", "Reporter les coûts logistiques sur un devis.")
def push(
    number: Annotated[int, typer.Argument(metavar="BUDGET", help="Numéro du devis.")],
    json_output: JsonOption = False,
) -> None:
    from regie.services import budgets, logistics_devis

    with production() as (config, db):
        record = budgets.get_budget(db, config.slug, number, actor=None)
        report = logistics_devis.push_to_devis(
            db,
            config.slug,
            number,
            expected_version=record.version,
            actor=None,
            rule_dirs=rule_dirs(config),
        )
    _done(
        report,
        json_output,
        tr(
            t(
                "Devis {number}: {added} lines added, {updated} updated, {unchanged} unchanged, "
                "{removed} removed.",
                number=number,
                added=report.added,
                updated=report.updated,
                unchanged=report.unchanged,
                removed=report.removed,
            )
        ),
    )
