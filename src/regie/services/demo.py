# SPDX-License-Identifier: AGPL-3.0-or-later
"""The demo production: a folder with a real breakdown, a revised script and one account
per role, built from the screenplay shipped in ``regie/demo`` (``regie demo``; the web
tests reuse :func:`build_demo`).

Steps, the way a production manager would go: create the folder (TV fiction, 52 min,
IDCC 2642), import version 1, accept the obvious suggestions (the cast, and the vehicles,
animals, extras and special effects the text names), tag two elements by hand, write a
scene note, import version 2 (the revision report shows what changed and that the work
was kept), create the team, and diagnose feasibility.

Then the schedule (:func:`_plan`): three locations with their sets, opening days, a
booking and one unavailability; the cast engaged for every character (daily costs, and
NOÉ, 12, with a birth date and the daily cap of his authorisation) and a few crew members
with their job keys; a schedule version starting on the first Monday three weeks after
``today`` (given by the caller: services read no clock); NOÉ's night exteriors shot
day-for-night (a minor may not work a night day); a board in script order and an
optimised one, made primary, so the stripboard and the day-out-of-days show real work.

The first shoot day's call sheet gets what the office enters (:data:`DEMO_CALL_SHEET`:
weather, parking, nearest hospital, meals with a vegetarian count, safety notes, the
harassment-prevention contact); the locations have coordinates (real public places on
the Seine in the Eure, near where the fictional Sainte-Aude would be) for the map links,
sunrise and sunset; cast and crew have demo e-mail addresses (NOÉ, a minor, has none: he
is reached through his parents, and the sheet lists him as not reachable).

Last, the draft devis (``Devis 1 — brouillon``, :mod:`regie.services.budget_drafts`) from
that primary board. The general-regime employer contributions (``employer.other``) stay at
0 % — no sourced rate — and the devis warns about it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, replace
from decimal import Decimal
from importlib import resources
from pathlib import Path

from regie.budget.catalog import BudgetRecord
from regie.core.errors import Conflict, NotFound, RegieError
from regie.core.ids import slugify
from regie.core.production import Production
from regie.core.text import Text, t
from regie.finance.actuals import CommitmentKind, ExpenseAction
from regie.finance.carbon import EstimateKind
from regie.logistics.energy import EnergyFields, EnergyKind, Fuel
from regie.logistics.lodging import LodgingKind, StayFields
from regie.logistics.meals import Diet, MealFields
from regie.logistics.travel import LegFields, Point, TravelMode
from regie.office.callsheet import CallSheetExtras
from regie.office.folder import CONFIG_FILE
from regie.office.roles import Role
from regie.schedule.catalog import BoardComparison, LocationFields, ScheduleRecord
from regie.schedule.people import (
    Department,
    EngagementFields,
    EngagementKind,
    PersonFields,
)
from regie.script.catalog import RevisionSummary, ScriptVersion
from regie.script.elements import Category, TagStatus
from regie.script.feasibility import Feasibility
from regie.script.model import IntExt
from regie.services import (
    accounts,
    actuals,
    availability,
    board_reports,
    boards,
    breakdown,
    budget_drafts,
    budgets,
    callsheets,
    carbon,
    cost_reports,
    financing,
    folders,
    locations,
    logistics,
    optimise,
    people,
    problems,
    schedules,
    scripts,
    taxcredits,
)
from regie.services import plans as backward_plans
from regie.services.database import Database
from regie.services.feasibility import feasibility
from regie.services.financing import ScenarioFields, SourceFields
from regie.services.folders import FolderConfig

DEMO_TITLE = "Le Dernier Bac"
FIRST_SCRIPT = "le-dernier-bac.fountain"
SECOND_SCRIPT = "le-dernier-bac-v2.fountain"
DEMO_FEC = "demo.fec"  # the production company's ledger (FEC), regie/demo
# Printed by `regie demo` and on the README: a demo folder is a local showcase.
DEMO_PASSWORD = "demo-regie-2026"  # noqa: S105 — the documented password of the demo accounts
DEMO_USERS: tuple[tuple[str, str, Role], ...] = (
    ("producteur@demo.regie", "Claire Producteur", Role.PRODUCER),
    ("production@demo.regie", "Malik Chargé de production", Role.PRODUCTION_MANAGER),
    ("compta@demo.regie", "Sophie Comptable", Role.ACCOUNTANT),
    ("equipe@demo.regie", "Yann Équipe", Role.CREW),
    ("invite@demo.regie", "Inès Invitée", Role.GUEST),
)
# Suggestions the text makes plain: accepted in the demo; the rest stay to review.
OBVIOUS = frozenset(
    {Category.CAST, Category.VEHICLES, Category.ANIMALS, Category.EXTRAS, Category.SFX}
)
# The schedule: where each set is shot (name, address, opening weekdays, sets).
DEMO_LOCATIONS: tuple[tuple[str, str, frozenset[int], tuple[str, ...]], ...] = (
    (
        "Bac de Sainte-Aude",
        "Cale du bac, rive gauche, 27500 Sainte-Aude",
        frozenset(range(7)),
        (
            "BOUCLE DE LA SEINE - BAC DE SAINTE-AUDE", "VOITURE DE CÉLINE - ROUTE DÉPARTEMENTALE",
            "CALE DU BAC - RIVE GAUCHE", "CABINE DU BAC", "MARAIS DE LA BOUCLE", "CALE DU BAC",
            "LA SEINE - AU PIED DE LA CALE", "LA SEINE - BAC EN DÉRIVE", "PARKING DE LA CALE",
        ),
    ),
    (
        "Village de Sainte-Aude",
        "Place de la Mairie, 27500 Sainte-Aude",
        frozenset({0, 1, 3, 4, 5}),  # the Wednesday market takes the square
        (
            "MAIRIE DE SAINTE-AUDE - SALLE DU CONSEIL", "PLACE DU VILLAGE", "PONT DE MESNIL-AMBRE",
            "CAFÉ « LE PASSAGE »", "PLACE DU VILLAGE - FÊTE DU BAC",
        ),
    ),
    (
        "Maison d'André",
        "12 chemin du Halage, 27500 Sainte-Aude",
        frozenset(range(7)),
        ("MAISON D'ANDRÉ - CUISINE", "GRENIER D'ANDRÉ", "CHAMBRE DE NOÉ"),
    ),
)  # fmt: skip
# Approximate WGS 84 coordinates of public places on the Seine in the Eure (the demo
# village is fictional): the ferry slip at Quillebeuf-sur-Seine, the town-hall square of
# Pont-Audemer (postcode 27500), the riverside village of Vieux-Port.
DEMO_COORDINATES: dict[str, tuple[Decimal, Decimal]] = {
    "Bac de Sainte-Aude": (Decimal("49.4727"), Decimal("0.5270")),
    "Village de Sainte-Aude": (Decimal("49.3555"), Decimal("0.5150")),
    "Maison d'André": (Decimal("49.4280"), Decimal("0.6050")),
}
DEMO_TRAVEL = ((0, 1, 10), (0, 2, 20), (1, 2, 15))  # minutes between locations (by rank)
# (performer, character, daily cost in euros); NOÉ is the child performer.
DEMO_CAST = (
    ("Bernard Lhermitte", "ANDRÉ", "1400"),
    ("Sophie Marchal", "CÉLINE", "1600"),
    ("Hugo Lefèvre", "NOÉ", "450"),
    ("Karim Benali", "BASTIEN", "900"),
    ("Fatou Diallo", "L'ADJUDANTE N'DIAYE", "700"),
    ("Claire Dubois", "ANIMATRICE RADIO", "350"),
    ("Martine Roux", "GÉRALDINE", "500"),
    ("Odile Martin", "MADELEINE", "500"),
)
CHILD = "NOÉ"
CHILD_DAILY_MINUTES = 360  # 6 h: the cap of a 12-year-old's authorisation in school holidays
# (name, position, department, job key, daily cost)
DEMO_CREW = (
    ("Anne Ferrand", "Cheffe opératrice", Department.CAMERA, "chef_operateur", "650"),
    ("Paul Ortiz", "Chef électricien", Department.ELECTRIC, "chef_electricien", "380"),
    ("Léa Morin", "Scripte", Department.DIRECTION, "scripte", "330"),
    ("Yves Caron", "Chef machiniste", Department.GRIP, "chef_machiniste", "370"),
)
# Where people live and whether they meet the tax credit's nationality condition (French,
# EU, ECTT, European third state): resident in France and French unless listed here;
# CÉLINE's actress lives in Brussels, the radio voice's details are not yet collected.
DEMO_RESIDENCE: dict[str, tuple[str | None, bool | None]] = {
    "Sophie Marchal": ("BE", True),
    "Claire Dubois": (None, None),
}
DEMO_PACE = Decimal("3")  # pages a day: exteriors on the water and a child performer
DEMO_DAYS = 7
DEMO_OPTIMISE_SECONDS = 5
DEMO_DEVIS = "Devis 1 — brouillon"
DEMO_TODAY = dt.date(2026, 11, 2)
DEMO_EMAIL_DOMAIN = "demo.regie"  # never delivered: a demo folder has no SMTP server
# What the office enters on the first shoot day's call sheet.
DEMO_CALL_SHEET = CallSheetExtras(
    weather="Couvert, 7 °C, vent d’ouest 20 km/h (prévision saisie par la régie)",
    parking="Parking de la salle des fêtes, derrière la mairie ; aucun véhicule sur la place",
    hospital="Centre hospitalier de Pont-Audemer, urgences — en cas d’urgence : 15 ou 112",
    safety_notes=(
        "Tournage près de l’eau : gilet de sauvetage obligatoire sur le bac et sur la cale. "
        "De nuit, gilet réfléchissant pour toute l’équipe hors champ."
    ),
    harassment_contact="Claire Producteur, référente VHSS — 06 00 00 00 00",
    meal_counts={"végétarien": 2, "sans porc": 1},
)  # used when the caller gives no date (reproducible builds)


@dataclass(frozen=True, slots=True)
class DemoSummary:
    config: FolderConfig
    production: Production
    versions: tuple[ScriptVersion, ...]
    users: tuple[tuple[str, Role], ...]
    password: str
    report: Feasibility
    accepted: int  # suggestions accepted by the demo
    schedule: ScheduleRecord
    boards: tuple[BoardComparison, ...]  # script order, then the optimised board
    budget: BudgetRecord  # the draft devis, from the primary board (Devis 1 — brouillon)
    devis_total: Decimal  # its total, add-ons included
    devis_warnings: tuple[Text, ...] = ()  # employer.other at 0 % until the production sets it

    @property
    def revision(self) -> RevisionSummary | None:
        return self.versions[-1].revision


def demo_script(name: str) -> bytes:
    """A screenplay shipped in ``regie/demo``."""
    try:
        return resources.files("regie").joinpath("demo", name).read_bytes()
    except OSError:
        raise NotFound(
            t("the demo screenplay {name} is not installed", name=name),
            where="regie/demo",
            hint=t("Reinstall regie (pip install -e .)"),
        ) from None


def _clear(target: Path) -> None:
    """Remove a previous demo folder (and only that: its regie.toml names the demo)."""
    config_path = target / CONFIG_FILE
    if not config_path.is_file() or folders.read_config(config_path).title != DEMO_TITLE:
        raise Conflict(
            t("this is not a demo folder; --force only replaces a previous demo"),
            where=str(target),
            hint=t("Choose another folder for the demo"),
        )
    shutil.rmtree(target)


def _accept_obvious(db: Database, slug: str) -> int:
    accepted = 0
    for sheet in breakdown.sheets(db, slug, actor=None):
        for tag in sheet.tags:
            if tag.status is TagStatus.SUGGESTED and tag.category in OBVIOUS:
                breakdown.set_tag_status(
                    db, slug, tag.id, TagStatus.ACCEPTED, tag.version, actor=None
                )
                accepted += 1
    return accepted


def _hand_work(db: Database, slug: str) -> None:
    """Two manual tags and a note, on scenes the revision keeps (so they carry over)."""
    scenes = scripts.current_scenes(db, slug, actor=None)
    exterior = next((s for s in scenes if s.int_ext is IntExt.EXT), scenes[0])
    breakdown.add_tag(
        db,
        slug,
        exterior.id,
        Category.SECURITY,
        "Sauveteur aquatique",
        actor=None,
        note="Présent à chaque prise au bord de l'eau",
    )
    breakdown.add_tag(
        db, slug, exterior.id, Category.SPECIAL_EQUIPMENT, "Bateau caméra", actor=None
    )
    first = scenes[0]
    breakdown.update_scene_notes(
        db,
        slug,
        first.id,
        "Traversée réelle : arrêté de navigation et autorisation de vol du drone à "
        "demander ; tourner à l'aube pour garder la brume.",
        first.version,
        actor=None,
    )


def _team(db: Database, slug: str, password: str) -> tuple[tuple[str, Role], ...]:
    for email, name, role in DEMO_USERS:
        accounts.create_user(db, email, password, name)
        accounts.add_member(db, slug, email, role, actor=None)
    return tuple((email, role) for email, _name, role in DEMO_USERS)


def first_monday(today: dt.date) -> dt.date:
    """The first Monday at least three weeks after ``today``: the demo's first shoot day."""
    day = today + dt.timedelta(weeks=3)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def _places(db: Database, slug: str, start: dt.date) -> None:
    """The locations, their sets and travel times; the house is booked for four weeks and
    the ferry is out of service on the first Tuesday."""
    ids: list[int] = []
    for name, address, weekdays, sets in DEMO_LOCATIONS:
        house = name.startswith("Maison")
        fields = LocationFields(
            name=name,
            address=address,
            latitude=DEMO_COORDINATES[name][0],
            longitude=DEMO_COORDINATES[name][1],
            open_weekdays=weekdays,
            booking_start=start - dt.timedelta(days=3) if house else None,
            booking_end=start + dt.timedelta(weeks=4) if house else None,
        )
        place = locations.add_location(db, slug, fields, actor=None)
        ids.append(place.id)
        for set_name in sets:
            locations.map_set(db, slug, set_name, place.id, actor=None)
    for a, b, minutes in DEMO_TRAVEL:
        locations.set_travel_time(db, slug, ids[a], ids[b], minutes, actor=None)
    tuesday = start + dt.timedelta(days=1)
    availability.add_location_window(
        db, slug, ids[0], tuesday, tuesday, reason="Bac en révision (service fluvial)", actor=None
    )


def _cast_and_crew(db: Database, slug: str, start: dt.date) -> None:
    """Everyone who plays a character, NOÉ aged 12 on the shoot, and a few crew members."""
    for name, character, cost in DEMO_CAST:
        child = character == CHILD
        born = dt.date(start.year - 12, 1, 1) if child else None
        fields = EngagementFields(
            kind=EngagementKind.CAST,
            position=f"Rôle : {character.title()}",
            department=Department.CAST,
            daily_cost=Decimal(cost),
            characters=(character,),
            max_daily_minutes=CHILD_DAILY_MINUTES if child else None,
        )
        email = None if child else demo_email(name)  # a minor is reached through his parents
        people.engage(db, slug, _demo_person(name, born, email), fields, actor=None)
    for name, position, department, job, cost in DEMO_CREW:
        fields = EngagementFields(
            kind=EngagementKind.CREW,
            position=position,
            department=department,
            daily_cost=Decimal(cost),
            job_key=job,
        )
        person = _demo_person(name, None, demo_email(name))
        people.engage(db, slug, person, fields, actor=None)


def _demo_person(name: str, born: dt.date | None, email: str | None) -> PersonFields:
    residence, european = DEMO_RESIDENCE.get(name, ("FR", True))
    return PersonFields(name, born, email, residence=residence, european=european)


def demo_email(name: str) -> str:
    """``Léa Morin`` → ``lea.morin@demo.regie``."""
    return f"{slugify(name).replace('-', '.')}@{DEMO_EMAIL_DOMAIN}"


def _day_for_night(db: Database, slug: str, number: int) -> None:
    """The child's night exteriors are shot day-for-night (nuit américaine): a minor may
    not work a night day."""
    problem, _keys = problems.build_problem(db, slug, number, actor=None)
    child = {c.key for c in problem.cast if CHILD in c.characters}
    for strip in problem.strips:
        if strip.needs_night and child & set(strip.cast):
            schedules.set_scene_plan(
                db, slug, number, strip.label, actor=None, needs_night=False, needs_day=True
            )


def _scouting(db: Database, slug: str, start: dt.date) -> None:
    """The locations office of the demo (scouting records, photos, permits, insurance
    certificates): :func:`regie.services.demo_scouting.add_scouting`, once the primary
    board exists (the permits' deadlines and conflicts are read against it)."""
    from regie.services.demo_scouting import add_scouting  # noqa: PLC0415 - edits kept here

    add_scouting(db, slug, start)


def _plan(
    db: Database, slug: str, today: dt.date
) -> tuple[ScheduleRecord, tuple[BoardComparison, ...]]:
    """The schedule of the demo: see the module docstring."""
    start = first_monday(today)
    _places(db, slug, start)
    _cast_and_crew(db, slug, start)
    record = schedules.create_schedule(
        db, slug, actor=None, start=start, name="Tournage", pages_per_day=DEMO_PACE,
        day_count=DEMO_DAYS,
    )  # fmt: skip
    _day_for_night(db, slug, record.number)
    script_order = boards.create_board(
        db, slug, record.number, actor=None, name="Ordre du scénario"
    )
    outcome = optimise.optimise_board(
        db, slug, script_order.id, actor=None, time_limit_s=DEMO_OPTIMISE_SECONDS,
        save_as="Optimisé",
    )  # fmt: skip
    if outcome.board is not None:
        boards.make_primary(db, slug, outcome.board.id, outcome.board.version, actor=None)
    callsheets.update_day_extras(db, slug, 1, DEMO_CALL_SHEET, 0, actor=None)
    _scouting(db, slug, start)
    compared = board_reports.compare_boards(db, slug, record.number, actor=None)
    return record, tuple(sorted(compared, key=lambda c: c.board.id))


DEMO_PLAN_NAME = "Rétroplanning — livraison diffuseur"
DEMO_DELIVERY_WEEKS = 12  # the contractual delivery: a Friday twelve weeks after the shoot starts


def _plans(db: Database, slug: str, start: dt.date) -> None:
    """The demo's backward plan: the TV-fiction template with the shoot dates of the
    primary board (NOÉ, 12, adds the children's authorisation), delivered to the
    broadcaster on the Friday twelve weeks after the first shoot day."""
    delivery = start + dt.timedelta(weeks=DEMO_DELIVERY_WEEKS, days=4)
    backward_plans.create_plan(db, slug, actor=None, delivery=delivery, name=DEMO_PLAN_NAME)


# -- financing (regie.services.financing, regie.services.taxcredits) ------------------------
# The shoot's chapters (crew, cast, sets and transport, technical means) are spent in
# Normandie, where Sainte-Aude lies; the rest (rights, post-production, office…) in Paris.
DEMO_REGION = "Normandie"
DEMO_SHOOT_CHAPTERS = frozenset("2356")
# (id, kind, partner, amount, status, region); the tax credit and the producer's equity
# are added after: the credit computed from the devis, the equity balancing the plan.
DEMO_SOURCES = (
    ("region-normandie", "region", "Région Normandie — fonds d'aide", "40000", "requested",
     DEMO_REGION),
    ("cnc-cosip", "cnc_automatic", "CNC — soutien automatique (COSIP)", "25000", "granted", ""),
    ("prevente", "broadcaster_presale", "Télé Normandie — préachat", "80000", "granted", ""),
    ("sofica", "sofica", "Cinéventure 12 (SOFICA)", "15000", "planned", ""),
)  # fmt: skip


def _financing(db: Database, slug: str, number: int, total: Decimal, today: dt.date) -> None:
    """A balanced financing plan against the draft devis: the places of spend of its lines,
    the region, the CNC, a pre-sale, a SOFICA, the tax credit computed from the devis,
    the producer's equity for the rest, and the scenario "si la région refuse"."""
    devis = budgets.devis(db, slug, number, actor=None)
    for chapter in devis.chapters:
        for account in chapter.accounts:
            for item in account.lines:
                shoot = str(chapter.chapter.number) in DEMO_SHOOT_CHAPTERS
                region = DEMO_REGION if shoot else "Île-de-France"
                financing.set_line_place(db, slug, number, item.line.id, region=region,
                                         actor=None)  # fmt: skip
    plan = financing.create_plan(db, slug, actor=None)
    fields = replace(financing.plan_fields(plan), region=DEMO_REGION,
                     title=f"{DEMO_TITLE} — plan de financement")  # fmt: skip
    plan = financing.update_plan(db, slug, fields, expected_version=plan.version, actor=None)
    for code, kind, partner, amount, status, region in DEMO_SOURCES:
        plan = financing.add_source(db, slug, SourceFields(code, kind, partner, amount, status,
                                                           region=region),
                                    expected_version=plan.version, actor=None)  # fmt: skip
    taxcredits.compute_and_store(db, slug, actor=None, today=today)
    plan = taxcredits.apply_to_plan(db, slug, expected_version=plan.version, actor=None,
                                    today=today)  # fmt: skip
    raised = sum((s.source.amount for s in plan.sources), Decimal(0))
    plan = financing.add_source(db, slug, SourceFields("apport", "producer_equity",
                                                       "Sycomore Films — apport producteur",
                                                       total - raised, "paid"),
                                expected_version=plan.version, actor=None)  # fmt: skip
    financing.add_scenario(db, slug, ScenarioFields("si-la-region-refuse", "Si la région refuse",
                                                    remove=("region-normandie",)),
                           expected_version=plan.version, actor=None)  # fmt: skip


# -- logistics and carbon (regie.services.logistics, regie.services.carbon) ---------------
# The crew comes from Paris by train to Rouen and on by car; the equipment by van; the unit
# sleeps at the hotel of the loop for the shoot; the caterer counts vegetarian meals; the
# generator burns non-road diesel. Then a provisional carbon estimate is frozen.
DEMO_PARIS = (Decimal("48.8566"), Decimal("2.3522"))  # where the van leaves from
DEMO_CREW_TRAVELLING = 12
DEMO_NIGHTS = 9  # the eve of the first shoot day to the night before the last (7 days, 5 a week)


def _logistics(db: Database, slug: str, start: dt.date, today: dt.date) -> None:
    """Travel, lodging, meals and fuel of the demo, then a provisional carbon estimate."""
    logistics.set_start(db, slug, start - dt.timedelta(weeks=4), 0, actor=None)
    ids = {place.name: place.id for place in locations.list_locations(db, slug, actor=None)}
    eve = start - dt.timedelta(days=1)
    cars = tuple(
        (LegFields(TravelMode.CAR_DIESEL, "Gare de Rouen", "Village de Sainte-Aude", eve,
                   distance_km=Decimal(38), cost=Decimal("45")), None)
        for _ in range(3)
    )  # fmt: skip
    legs = (
        (LegFields(TravelMode.TRAIN_INTERCITES, "Paris Saint-Lazare", "Rouen", eve,
                   people=DEMO_CREW_TRAVELLING, distance_km=Decimal(140), round_trip=True,
                   cost=Decimal("806.40")), None),
        (LegFields(TravelMode.VAN, "Paris (loueur)", "", eve, origin_point=Point(*DEMO_PARIS),
                   round_trip=True, fuel_litres=Decimal(48), cost=Decimal("520")),
         ids.get("Bac de Sainte-Aude")),
        *cars,
    )  # fmt: skip
    for fields, destination in legs:
        logistics.add_leg(db, slug, fields, actor=None, destination_location=destination)
    logistics.add_stay(db, slug, StayFields(
        "Hôtel de la Boucle", eve, DEMO_NIGHTS, DEMO_CREW_TRAVELLING,
        LodgingKind.HOTEL_3_STAR, Decimal("79")), actor=None)  # fmt: skip
    newest = schedules.list_schedules(db, slug, actor=None)[-1]
    found = boards.list_boards(db, slug, newest.number, actor=None)
    main = next((b for b in found if b.primary), found[0])
    for day in (d.date for d in main.days):
        for diet, count in ((Diet.STANDARD, 24), (Diet.VEGETARIAN, 8), (Diet.VEGAN, 2)):
            logistics.add_meals(db, slug, MealFields(day, diet, count, Decimal("16.50")),
                                actor=None)  # fmt: skip
    logistics.add_energy(db, slug, EnergyFields(start, EnergyKind.GENERATOR_FUEL, Decimal(180),
                                                Fuel.DIESEL_NON_ROAD, label="Groupe 60 kVA"),
                         actor=None)  # fmt: skip
    carbon.freeze(db, slug, actor=None, kind=EstimateKind.PROVISIONAL, on=today)


def _actuals(db: Database, slug: str, number: int, today: dt.date) -> None:
    """The money spent so far (cost report, issue 6): the ledger of the shipped FEC
    (``regie/demo/demo.fec``, mapped by its analytic codes, which are devis accounts), two
    commitments and an invoice dated after the ledger's cut-off, one approved expense
    report of flat allowances, and this week's snapshot."""
    cost_reports.import_fec(db, slug, DEMO_FEC, demo_script(DEMO_FEC), actor=None)
    cost_reports.apply_suggested_rules(db, slug, actor=None)
    camera = actuals.add_commitment(db, slug, actuals.CommitmentFields(
        "BC-2026-014", "Loueur Caméra Normandie", "71", "Caméra et optiques, 4 semaines",
        "12000", today, CommitmentKind.QUOTE), actor=None)  # fmt: skip
    actuals.add_commitment(db, slug, actuals.CommitmentFields(
        "BC-2026-015", "Cantine du Bac", "69", "Repas de l'équipe pendant le tournage", "6500",
        today), actor=None)  # fmt: skip
    actuals.add_invoice(db, slug, actuals.InvoiceFields(
        "Loueur Caméra Normandie", "LCN-2026-311", today, "", "Acompte location caméra",
        "4800", "960", camera.id), actor=None)  # fmt: skip
    note = actuals.create_expense_report(
        db, slug, person="Yann Équipe", title="Repérages à Sainte-Aude", actor=None
    )
    for key, quantity in (("meal_restaurant", "4"), ("travel_lodging_other", "2")):
        note = actuals.add_expense_line(db, slug, note.number, actuals.ExpenseLineFields(
            today, "60", "", allowance_key=key, quantity=quantity),
            expected_version=note.version, actor=None)  # fmt: skip
    for action in (ExpenseAction.SUBMIT, ExpenseAction.APPROVE):
        note = actuals.act_on_expense(
            db, slug, note.number, action, on=today, expected_version=note.version, actor=None
        )
    cost_reports.take_snapshot(db, slug, number, actor=None, on=today)


def build_demo(
    target: Path,
    *,
    force: bool = False,
    password: str = DEMO_PASSWORD,
    today: dt.date = DEMO_TODAY,
) -> DemoSummary:
    """Build the demo production folder at ``target``; its shoot starts three weeks after
    ``today`` (the faces pass the date of the day).

    ``target`` must not exist or be empty (``Conflict`` otherwise), unless ``force`` and it
    holds a previous demo, which is replaced. On any failure the folder is removed.
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        if not force:
            raise Conflict(
                t("this folder already exists and is not empty"),
                where=str(target),
                hint=t("Rebuild a previous demo with --force, or choose another folder"),
            )
        _clear(target)
    first, second = demo_script(FIRST_SCRIPT), demo_script(SECOND_SCRIPT)
    existed = target.exists()
    config, production = folders.create_folder(
        target, DEMO_TITLE, "tv_fiction", "2642", running_minutes=52
    )
    db = config.database()
    try:
        slug = production.slug
        scripts.import_script(db, slug, FIRST_SCRIPT, first, actor=None)
        accepted = _accept_obvious(db, slug)
        _hand_work(db, slug)
        scripts.import_script(db, slug, SECOND_SCRIPT, second, actor=None)
        users = _team(db, slug, password)
        report = feasibility(db, slug, actor=None)
        versions = tuple(scripts.list_versions(db, slug, actor=None))
        schedule, compared = _plan(db, slug, today)
        drafted = budget_drafts.draft_budget(db, slug, actor=None, name=DEMO_DEVIS)
        total = budgets.devis(db, slug, drafted.record.number, actor=None).total
        _plans(db, slug, first_monday(today))
        _financing(db, slug, drafted.record.number, total, today)
        _logistics(db, slug, first_monday(today), today)
        _actuals(db, slug, drafted.record.number, today)
    except (RegieError, OSError):
        db.dispose()
        shutil.rmtree(target, ignore_errors=True)
        if existed:
            target.mkdir()
        raise
    db.dispose()
    return DemoSummary(
        config, production, versions, users, password, report, accepted, schedule, compared,
        drafted.record, total, drafted.warnings,
    )  # fmt: skip
