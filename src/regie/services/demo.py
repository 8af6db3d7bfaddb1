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

Last, the draft devis (``Devis 1 — brouillon``, :mod:`regie.services.budget_drafts`) from
that primary board. The general-regime employer contributions (``employer.other``) stay at
0 % — no sourced rate — and the devis warns about it.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from pathlib import Path

from regie.budget.catalog import BudgetRecord
from regie.core.errors import Conflict, NotFound, RegieError
from regie.core.production import Production
from regie.core.text import Text, t
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
    availability,
    board_reports,
    boards,
    breakdown,
    budget_drafts,
    budgets,
    folders,
    locations,
    optimise,
    people,
    problems,
    schedules,
    scripts,
)
from regie.services.database import Database
from regie.services.feasibility import feasibility
from regie.services.folders import FolderConfig

DEMO_TITLE = "Le Dernier Bac"
FIRST_SCRIPT = "le-dernier-bac.fountain"
SECOND_SCRIPT = "le-dernier-bac-v2.fountain"
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
DEMO_PACE = Decimal("3")  # pages a day: exteriors on the water and a child performer
DEMO_DAYS = 7
DEMO_OPTIMISE_SECONDS = 5
DEMO_DEVIS = "Devis 1 — brouillon"
DEMO_TODAY = dt.date(2026, 11, 2)  # used when the caller gives no date (reproducible builds)


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
        people.engage(db, slug, PersonFields(name, born), fields, actor=None)
    for name, position, department, job, cost in DEMO_CREW:
        fields = EngagementFields(
            kind=EngagementKind.CREW,
            position=position,
            department=department,
            daily_cost=Decimal(cost),
            job_key=job,
        )
        people.engage(db, slug, PersonFields(name), fields, actor=None)


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
    compared = board_reports.compare_boards(db, slug, record.number, actor=None)
    return record, tuple(sorted(compared, key=lambda c: c.board.id))


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
