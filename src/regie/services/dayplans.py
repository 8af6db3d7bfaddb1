# SPDX-License-Identifier: AGPL-3.0-or-later
"""Day plans and working time of a board.

:func:`day_plans` derives every engagement's days from the board
(:mod:`regie.schedule.dayplans`, with the schedule version's unit calls and the
``day-plan`` pack). :func:`working_time` then checks each person's days with the
working-time engine (:mod:`regie.schedule.worktime`) under the production's collective
agreement (pack ``worktime-idcc<IDCC>``, and ``minors-worktime`` for minors) and genre,
and returns, per person, the violations and the premium lines for the budget; grouped by
rule, each violation names the rule, its source, the people and the days.

Birth dates are used for the minors' rules whoever asks; the records returned carry
personal data only for roles allowed to see it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from regie.core.production import Production, ProductionKind
from regie.core.text import Text
from regie.office.roles import Permission, User
from regie.rules.registry import pack
from regie.schedule.catalog import BoardRecord
from regie.schedule.dayplans import (
    CrewMember,
    DayPlan,
    UnitDay,
    cast_plans,
    crew_plans,
    day_plan_rules,
    unit_days,
    work_day,
)
from regie.schedule.model import DateRange
from regie.schedule.people import Engagement, EngagementKind
from regie.schedule.worktime import (
    Derogation,
    Genre,
    PremiumLine,
    RuleRef,
    Severity,
    Violation,
    WeekTotal,
    Worker,
    WorkerKind,
    report,
)
from regie.services.access import production_for
from regie.services.board_reports import board_context
from regie.services.database import Database
from regie.services.people import may_see_private
from regie.storage.repos import people, schedules

GENRES = {
    ProductionKind.FEATURE_FILM: Genre.FICTION,
    ProductionKind.TV_FICTION: Genre.FICTION,
    ProductionKind.DOCUMENTARY: Genre.DOCUMENTARY,
}


@dataclass(frozen=True, slots=True)
class PersonDays:
    engagement: Engagement
    days: tuple[DayPlan, ...]


@dataclass(frozen=True, slots=True)
class BoardDayPlans:
    board: BoardRecord
    unit: tuple[UnitDay, ...]  # the unit's shooting days
    people: tuple[PersonDays, ...]  # engagements in list order, with their days
    pack: str  # the day-plan pack used


@dataclass(frozen=True, slots=True)
class WorkerTime:
    """One person's plan as the working-time engine sees it."""

    engagement: Engagement
    days: tuple[DayPlan, ...]
    violations: tuple[Violation, ...]
    premiums: tuple[PremiumLine, ...]
    weeks: tuple[WeekTotal, ...]


@dataclass(frozen=True, slots=True)
class WorktimeIssue:
    """A rule broken (or only allowed on a condition), with everyone and every day."""

    rule: RuleRef
    severity: Severity
    people: tuple[str, ...]  # names
    dates: tuple[dt.date, ...]
    messages: tuple[Text, ...]


@dataclass(frozen=True, slots=True)
class WorkingTime:
    board: BoardRecord
    workers: tuple[WorkerTime, ...]
    packs: tuple[str, ...]  # rule packs used (pack@version)

    @property
    def issues(self) -> tuple[WorktimeIssue, ...]:
        """Violations grouped by rule and severity, errors first."""
        grouped: dict[tuple[str, Severity], list[tuple[str, Violation]]] = {}
        for worker in self.workers:
            for violation in worker.violations:
                key = (violation.rule_id, violation.severity)
                grouped.setdefault(key, []).append((worker.engagement.name, violation))
        order = {severity: rank for rank, severity in enumerate(Severity)}
        issues = [
            WorktimeIssue(
                rule=found[0][1].rule,
                severity=severity,
                people=tuple(dict.fromkeys(name for name, _v in found)),
                dates=tuple(sorted({d for _n, v in found for d in v.dates})),
                messages=tuple(v.message for _n, v in found),
            )
            for (_rule, severity), found in grouped.items()
        ]
        return tuple(sorted(issues, key=lambda i: (order[i.severity], i.rule.rule_id)))

    @property
    def premiums(self) -> tuple[PremiumLine, ...]:
        return tuple(line for worker in self.workers for line in worker.premiums)


def _window(engagement: Engagement) -> DateRange | None:
    start, end = engagement.start, engagement.end
    if start is None and end is None:
        return None
    return DateRange(start or dt.date.min, end or dt.date.max)


def _plans(
    db: Database, slug: str, board_id: int, actor: User | None
) -> tuple[BoardDayPlans, list[Engagement], Production]:
    """The board's day plans, the engagements with personal data (for the engine) and
    the production."""
    rules = day_plan_rules(pack("day-plan"))
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        context = board_context(session, production, board_id)
        settings = schedules.schedule(
            session, production.id, context.record.schedule_number
        ).settings
        engaged = people.list_engagements(session, production.id, private=True)
        private = may_see_private(session, production, actor)
        shown = {e.id: e for e in people.list_engagements(session, production.id, private=private)}
    days = unit_days(
        context.problem, context.record.board(), rules,
        day_call=settings.unit_call, night_call=settings.night_call,
    )  # fmt: skip
    found: list[PersonDays] = []
    for engagement in engaged:
        key = str(engagement.id)
        if engagement.kind is EngagementKind.CAST:
            plans = cast_plans(days, key, context.problem, rules)
        else:
            member = CrewMember(
                key, engagement.name, engagement.department.value, _window(engagement),
                tuple(w.dates for w in engagement.unavailable),
            )  # fmt: skip
            plans = crew_plans(days, member, rules)
        found.append(PersonDays(shown[engagement.id], plans))
    return BoardDayPlans(context.record, days, tuple(found), rules.pack), engaged, production


def day_plans(db: Database, slug: str, board_id: int, *, actor: User | None) -> BoardDayPlans:
    """Every engagement's day plans on a board (see :mod:`regie.schedule.dayplans`)."""
    return _plans(db, slug, board_id, actor)[0]


def _contract_days(engagement: Engagement, days: Sequence[DayPlan]) -> int:
    if engagement.start is not None and engagement.end is not None:
        return (engagement.end - engagement.start).days + 1
    return (days[-1].date - days[0].date).days + 1


def working_time(
    db: Database,
    slug: str,
    board_id: int,
    *,
    actor: User | None,
    derogations: frozenset[Derogation] = frozenset(),
) -> WorkingTime:
    """Each person's day plans checked against the production's agreement (see the
    module docstring). ``derogations``: those the production declares it holds."""
    plans, engaged, production = _plans(db, slug, board_id, actor)
    agreement_pack = pack(f"worktime-idcc{production.agreement.value}")
    minors_pack = pack("minors-worktime")
    genre = GENRES.get(production.kind, Genre.OTHER)
    workers: list[WorkerTime] = []
    for person, full in zip(plans.people, engaged, strict=True):
        if not person.days:
            continue
        personal = full.person.personal
        worker = Worker(
            id=str(full.id),
            name=full.name,
            kind=WorkerKind.CAST if full.kind is EngagementKind.CAST else WorkerKind.CREW,
            agreement=production.agreement,
            job=full.job_key,
            contract_days=_contract_days(full, person.days),
            genre=genre,
            birth_date=personal.birth_date if personal else None,
            derogations=derogations,
        )
        found = report(
            worker, [work_day(d) for d in person.days], agreement_pack, minors=minors_pack
        )
        workers.append(
            WorkerTime(
                person.engagement, person.days, found.violations, found.premiums, found.weeks
            )
        )
    packs = (plans.pack, agreement_pack.ref, minors_pack.ref)
    return WorkingTime(plans.board, tuple(workers), packs)
