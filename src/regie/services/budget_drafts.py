# SPDX-License-Identifier: AGPL-3.0-or-later
"""The draft devis generated from the production (issue 4): one transaction reads the
primary board of the newest schedule version (or the board named), its day-out-of-days,
the engagements, the locations and the breakdown, builds
:class:`~regie.budget.draft.DraftInputs`, and stores a new budget with the lines of
:func:`regie.budget.draft.draft_lines` and its globals (shoot days, prep and wrap weeks,
episodes).

Without a schedule (or without a board), the shoot days are the high end of the
feasibility estimate (:func:`regie.script.feasibility.estimate_shoot_days`), cast days one
per scene, location days the location's share of the pages: the lines' ``origin`` and the
warnings say so.

Lines are checked like a typed line (:func:`regie.services.budgets.make_line`) and keep
their ``origin``; the draft is all or nothing.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy.orm import Session

from regie.budget.catalog import BudgetRecord, LineFields
from regie.budget.charges import fringe_groups
from regie.budget.chart import load_chart
from regie.budget.draft import (
    CastInput,
    CrewInput,
    DraftDefaults,
    DraftInputs,
    ElementInput,
    LocationInput,
    draft_defaults,
    draft_lines,
    grid_jobs,
)
from regie.budget.globals import Globals
from regie.budget.grids import GridRate, minimum
from regie.budget.pay import hourly_basis
from regie.core.errors import NotFound
from regie.core.production import Production, ProductionKind
from regie.core.text import Text, t
from regie.office.roles import Permission, User
from regie.rules.registry import pack
from regie.schedule.catalog import BoardRecord, ScheduleRecord
from regie.schedule.dood import day_out_of_days
from regie.schedule.people import EngagementKind, RateUnit
from regie.script.catalog import SceneRecord, TagRecord
from regie.script.elements import Category, element_key
from regie.script.feasibility import estimate_shoot_days
from regie.script.heading import set_key
from regie.services import budgets as budget_service
from regie.services.access import production_for
from regie.services.boards import board_in
from regie.services.database import Database
from regie.services.problems import problem_in
from regie.storage.repos import (
    boards,
    breakdown,
    budgets,
    catalog,
    locations,
    people,
    scenes,
    schedules,
    scripts,
)

DRAFT_CATEGORIES = frozenset(Category) - {
    Category.CAST,
    Category.NOTES,
    Category.MUSIC,
    Category.SOUND,
}


@dataclass(frozen=True, slots=True)
class DraftResult:
    """The stored draft and what its reader must know before trusting it."""

    record: BudgetRecord
    warnings: tuple[Text, ...] = ()


def draft_budget(
    db: Database,
    slug: str,
    *,
    actor: User | None,
    name: str | None = None,
    board_id: int | None = None,
) -> DraftResult:
    """A new budget drafted from the production (see the module docstring)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
        kind = budget_service.chart_kind(production)
        chart = load_chart(kind)
        defaults = draft_defaults(production.kind)
        existing = budgets.numbers(session, production.id)
        chosen = budget_service.budget_name(
            name if name is not None else f"Devis {len(existing) + 1}"
        )
        number = budgets.insert_budget(session, production.id, chosen, kind, chart.ref)
        record = budgets.budget(session, production.id, number)
        created = (record.created_at or dt.datetime.now(dt.UTC)).date()
        inputs, notes = _inputs(session, production, defaults, board_id)
        inputs = replace(
            inputs,
            minima=_minima(production, inputs, defaults, created),
            day_hours=_day_hours(production, inputs, created),
        )
        drafted = draft_lines(inputs, chart, defaults)
        groups = list(fringe_groups(created))
        lines = []
        for n, item in enumerate(drafted, 1):
            ln = item.line
            fields = LineFields(
                account=ln.account, description=ln.description[:500], quantity=ln.quantity,
                unit=ln.unit, rate=ln.rate, multiplier=ln.multiplier,
                fringe_group=ln.fringe_group, place=ln.place.value, tax_credit=ln.tax_credit,
                note=ln.note, origin=ln.origin,
            )  # fmt: skip
            lines.append(budget_service.make_line(fields, f"L{n:04d}", chart, groups))
        budgets.insert_lines(session, record.id, lines)
        budgets.set_settings(
            session, production.id, number,
            globals=inputs.globals.as_mapping(), addon_rates={}, fringe_rates={},
        )  # fmt: skip
        stored = budgets.budget(session, production.id, number)
    cautions = [*notes, *(w for item in drafted for w in item.warnings)]
    cautions += budget_service.warnings(budget_service.devis(db, slug, number, actor=actor))
    return DraftResult(stored, tuple(cautions))


# --- reading the production ------------------------------------------------------------


def _board(
    session: Session, production: Production, board_id: int | None
) -> tuple[BoardRecord, ScheduleRecord] | None:
    if board_id is not None:
        return board_in(session, production, board_id)
    found = schedules.list_schedules(session, production.id)
    if not found:
        return None
    newest = found[-1]
    primary = [b for b in boards.list_boards(session, newest.id) if b.primary]
    return (primary[0], newest) if primary else None


def _inputs(
    session: Session,
    production: Production,
    defaults: DraftDefaults,
    board_id: int | None,
) -> tuple[DraftInputs, list[Text]]:
    chosen = _board(session, production, board_id)
    if chosen is not None:
        return _from_board(session, production, defaults, *chosen), []
    return _from_breakdown(session, production, defaults)


def _globals(production: Production, defaults: DraftDefaults, shoot_days: int) -> Globals:
    return Globals(
        shoot_days=Decimal(shoot_days),
        prep_weeks=defaults.prep_weeks.get("production", Decimal(0)),
        wrap_weeks=defaults.wrap_weeks.get("production", Decimal(0)),
        episodes=Decimal(production.episodes),
    )


def _crew(session: Session, production: Production, days_per_week: int) -> tuple[CrewInput, ...]:
    found = people.list_engagements(session, production.id, private=False, kind=EngagementKind.CREW)
    return tuple(
        CrewInput(
            name=e.name,
            position=e.position,
            department=e.department.value,
            job_key=e.job_key,
            daily_cost=e.daily_cost,
            engaged_days=_working_days(e.start, e.end, days_per_week),
            rate=e.pay_rate,
            rate_unit=e.pay_unit,
            engaged_weeks=_working_weeks(e.start, e.end, days_per_week),
        )
        for e in found
    )


def _working_days(start: dt.date | None, end: dt.date | None, per_week: int) -> int | None:
    if start is None or end is None:
        return None
    span = (end - start).days + 1
    return sum(1 for i in range(span) if (start + dt.timedelta(days=i)).weekday() < per_week)


def _day_hours(production: Production, inputs: DraftInputs, on: dt.date) -> Decimal | None:
    """The agreement's paid hours of a day, when a crew member is paid by the hour."""
    if not any(c.rate is not None and c.rate_unit is RateUnit.HOUR for c in inputs.crew):
        return None
    return hourly_basis(production.agreement, on).day_hours


def _working_weeks(start: dt.date | None, end: dt.date | None, per_week: int) -> int | None:
    """Civil weeks (Monday to Sunday) of the dates holding a working day."""
    if start is None or end is None:
        return None
    days = (start + dt.timedelta(days=i) for i in range((end - start).days + 1))
    return len({d - dt.timedelta(days=d.weekday()) for d in days if d.weekday() < per_week})


def _from_board(
    session: Session,
    production: Production,
    defaults: DraftDefaults,
    record: BoardRecord,
    schedule: ScheduleRecord,
) -> DraftInputs:
    problem, _keys = problem_in(session, production, schedule, days=len(record.days))
    board = record.board()
    worked = [d for d in board.days if d.strips]
    shoot_days = len(worked)
    first = worked[0].date if worked else schedule.settings.start
    costs = {c.key: c for c in problem.cast}
    cast = []
    for row in day_out_of_days(problem, board):
        spec = costs[row.cast]
        age = spec.age_on(first)
        cast.append(
            CastInput(
                key=row.cast, name=row.name, daily_cost=spec.daily_cost,
                work_days=row.work_days, hold_days=row.hold_days,
                minor=age is not None and age < 18, characters=spec.characters,
            )
        )  # fmt: skip
    strips = {s.key: s for s in problem.strips}
    day_of = board.day_of()
    places = []
    for place in problem.locations:
        days = {day_of[k] for k in day_of if strips[k].location == place.key}
        if days:
            places.append(LocationInput(place.name, len(days)))
    script = scripts.version_by_number(session, production.id, schedule.script_number)
    found = scenes.scenes_of(session, script.id)
    tags = breakdown.tags_of_script(session, script.id)
    days_of_scene = {s.id: ({day_of[str(s.id)]} if str(s.id) in day_of else set()) for s in found}
    elements = _elements(
        found, tags, lambda ids: len(set().union(*(days_of_scene[i] for i in ids)))
    )
    per_week = schedule.settings.days_per_week
    return DraftInputs(
        kind=production.kind,
        agreement=production.agreement.value,
        globals=_globals(production, defaults, shoot_days),
        shoot_days_origin=(
            f"Plan de travail : {shoot_days} jours de tournage, tableau « {record.name} » "
            f"de la version {schedule.number}"
        ),
        days_per_week=per_week,
        cast=tuple(cast),
        crew=_crew(session, production, per_week),
        locations=tuple(places),
        elements=elements,
    )


def _from_breakdown(
    session: Session, production: Production, defaults: DraftDefaults
) -> tuple[DraftInputs, list[Text]]:
    current = scripts.current_version(session, production.id)
    if current is None:
        raise NotFound(
            t("no script has been imported in this production yet"),
            hint=t("Import a script first (`regie script import FILE`)"),
        )
    found = scenes.scenes_of(session, current.id)
    tags = breakdown.tags_of_script(session, current.id)
    total = sum(s.eighths for s in found)
    estimate = estimate_shoot_days(
        production.kind, total, production.running_minutes, pack("shoot-pace")
    )
    shoot_days = estimate.high or estimate.low or 0
    notes: list[Text] = [
        t(
            "no board to read: the draft takes {days} shoot days from the feasibility "
            "estimate ({low} to {high}), one day per scene for the cast and the elements",
            days=shoot_days,
            low=estimate.low if estimate.low is not None else "?",
            high=estimate.high if estimate.high is not None else "?",
        )
    ]
    # cast: one day per scene they play in, capped at the shoot days
    aliases = catalog.alias_map(session, production.id)
    played_by = people.cast_by_character(session, production.id)
    cast_scenes: dict[int, set[int]] = defaultdict(set)
    for scene in found:
        for tag in tags.get(scene.id, ()):
            if tag.category is Category.CAST and tag.status.counts:
                main = aliases.get(element_key(tag.name), tag.name)
                engagement = played_by.get(element_key(main))
                if engagement is not None:
                    cast_scenes[engagement].add(scene.id)
    cast = tuple(
        CastInput(
            key=str(e.id), name=e.name, daily_cost=e.daily_cost,
            work_days=min(len(cast_scenes[e.id]), shoot_days), characters=e.characters,
            from_board=False,
        )
        for e in people.list_engagements(
            session, production.id, private=False, kind=EngagementKind.CAST
        )
        if cast_scenes.get(e.id)
    )  # fmt: skip
    set_ids = catalog.set_ids(session, production.id)
    location_of_set = locations.set_location_ids(session, production.id)
    eighths: dict[int, int] = defaultdict(int)
    for scene in found:
        place = location_of_set.get(set_ids.get(set_key(scene.set_name), -1))
        if place is not None:
            eighths[place] += scene.eighths
    places = tuple(
        LocationInput(p.name, max(1, math.ceil(Decimal(shoot_days * eighths[p.id]) / total)), False)
        for p in locations.list_locations(session, production.id)
        if eighths.get(p.id) and total and shoot_days
    )
    elements = _elements(found, tags, lambda ids: len(set(ids)))
    inputs = DraftInputs(
        kind=production.kind,
        agreement=production.agreement.value,
        globals=_globals(production, defaults, shoot_days),
        shoot_days_origin=(
            f"Faisabilité : {estimate.low} à {estimate.high} jours ({estimate.rule}) — "
            f"le brouillon retient {shoot_days} jours, sans plan de travail"
        ),
        cast=cast,
        crew=_crew(session, production, 5),
        locations=places,
        elements=elements,
    )
    return inputs, notes


def _elements(
    found: list[SceneRecord],
    tags: Mapping[int, list[TagRecord]],
    days: Callable[[list[int]], int],
) -> tuple[ElementInput, ...]:
    """Breakdown elements of the categories the draft prices, with their scenes and days
    (``days``: scene ids → shoot days)."""
    label = {s.id: s.label for s in found}
    seen: dict[tuple[Category, int], tuple[str, list[int], int | None]] = {}
    for scene in found:
        for tag in tags.get(scene.id, ()):
            if tag.category not in DRAFT_CATEGORIES or not tag.status.counts:
                continue
            name, ids, quantity = seen.get((tag.category, tag.element_id), (tag.name, [], None))
            ids.append(scene.id)
            if tag.quantity is not None:
                quantity = max(quantity or 0, tag.quantity)
            seen[(tag.category, tag.element_id)] = (name, ids, quantity)
    order = {c: i for i, c in enumerate(Category)}
    return tuple(
        ElementInput(
            category=category.value,
            name=name,
            scenes=tuple(dict.fromkeys(label[i] for i in ids)),
            days=days(ids),
            quantity=quantity,
        )
        for (category, _id), (name, ids, quantity) in sorted(
            seen.items(), key=lambda kv: (order[kv[0][0]], kv[1][0].casefold())
        )
    )


def _minima(
    production: Production, inputs: DraftInputs, defaults: DraftDefaults, on: dt.date
) -> dict[tuple[str, str], GridRate]:
    genre = (
        "fiction"
        if production.kind in (ProductionKind.FEATURE_FILM, ProductionKind.TV_FICTION)
        else None
    )
    found: dict[tuple[str, str], GridRate] = {}
    for job, unit in sorted(grid_jobs(inputs.crew, defaults)):
        rate = minimum(production.agreement.value, job, on, unit=unit, genre=genre)
        if rate is not None:
            found[(job, unit)] = rate
    return found
