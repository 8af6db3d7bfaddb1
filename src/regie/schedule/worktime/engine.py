# SPDX-License-Identifier: AGPL-3.0-or-later
"""The engine's entry points: :func:`check` a worker's planned days against an agreement's
rule pack, compute their :func:`premiums`, or get both with the weekly totals as a
:func:`report` that can :func:`~regie.schedule.worktime.explain.explain` itself.

``on`` is the date whose rule values are used (default: the first planned day); the packs
come in as :class:`~regie.rules.pack.RulePack` values (``regie.rules.registry.pack``) — this
module reads no file and no clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from regie.core.errors import RuleError
from regie.core.text import t
from regie.rules.pack import RulePack
from regie.schedule.worktime.checks_day import day_checks
from regie.schedule.worktime.checks_rest import (
    consecutive_day_checks,
    daily_rest_checks,
    rest_windows,
    six_day_checks,
    weekly_rest_checks,
)
from regie.schedule.worktime.checks_week import (
    average_checks,
    minutes_per_date,
    minutes_per_week,
    sunday_count_checks,
    weekly_max_checks,
)
from regie.schedule.worktime.minors import ADULT, minor_checks
from regie.schedule.worktime.model import WorkDay, Worker, validate_days
from regie.schedule.worktime.pieces import cut_plan
from regie.schedule.worktime.premiums import paid_breaks, piece_lines, week_totals, weekly_overtime
from regie.schedule.worktime.results import (
    PremiumLine,
    Severity,
    Violation,
    WeekTotal,
    breach,
    hours_of,
)
from regie.schedule.worktime.rules import agreement_rules
from regie.schedule.worktime.rules_minors import MinorsRules, minors_rules
from regie.schedule.worktime.rules_model import AgreementRules


@dataclass(frozen=True, slots=True)
class WorktimeReport:
    """Everything the engine says about one worker's plan, with the pack versions used."""

    worker: Worker
    days: tuple[WorkDay, ...]
    violations: tuple[Violation, ...]
    premiums: tuple[PremiumLine, ...]
    weeks: tuple[WeekTotal, ...]
    packs: tuple[str, ...]


def _rules(worker: Worker, pack: RulePack, on: dt.date) -> AgreementRules:
    rules = agreement_rules(pack, on)
    if rules.agreement is not worker.agreement:
        raise RuleError(
            t(
                "{name} is under agreement {agreement} but the pack is {pack}",
                name=worker.name,
                agreement=worker.agreement.value,
                pack=pack.ref,
            ),
            hint=t("Check the worker's agreement, or load the pack of that agreement"),
        )
    return rules


def _is_minor(worker: Worker, days: Sequence[WorkDay]) -> bool:
    return any((age := worker.age_on(d.date)) is not None and age < ADULT for d in days)


def _minors(
    worker: Worker, days: Sequence[WorkDay], minors: RulePack | None, on: dt.date
) -> MinorsRules | None:
    if not _is_minor(worker, days):
        return None
    if minors is None:
        raise RuleError(
            t(
                "{name} is a minor: checking the plan needs the minors-worktime pack",
                name=worker.name,
            ),
            hint=t("Pass the minors-worktime rule pack"),
        )
    return minors_rules(minors, on)


def _scope(worker: Worker, rules: AgreementRules, days: Sequence[WorkDay]) -> list[Violation]:
    if worker.kind in rules.scope:
        return []
    return [
        breach(
            rules.scope_ref,
            Severity.INFO,
            worker.id,
            (days[0].date,),
            measured=hours_of(0),
            limit=hours_of(0),
            unit="h",
            message=t(
                "{name} is a performer: the limits are checked with {pack}, whose premiums cover "
                "crew only; performers' premiums are not computed",
                name=worker.name,
                pack=rules.pack,
            ),
        )
    ]


def check(
    worker: Worker,
    days: Sequence[WorkDay],
    pack: RulePack,
    *,
    minors: RulePack | None = None,
    on: dt.date | None = None,
) -> tuple[Violation, ...]:
    """Every violation of the agreement's working-time rules in ``days``, by date then rule.

    ``minors`` (the ``minors-worktime`` pack) is required when the worker is under 18 on
    one of the days.
    """
    ordered = validate_days(days)
    if not ordered:
        return ()
    when = on or ordered[0].date
    rules = _rules(worker, pack, when)
    young = _minors(worker, ordered, minors, when)
    found: list[Violation] = _scope(worker, rules, ordered)
    for day in ordered:
        found.extend(day_checks(worker, day, rules))
        if young is not None:
            found.extend(minor_checks(worker, day, rules, young))
    daily, reduced = daily_rest_checks(worker, ordered, rules)
    weekly, _windows = weekly_rest_checks(worker, ordered, rules, reduced)
    found += daily + weekly
    found.extend(consecutive_day_checks(worker, ordered, rules))
    found.extend(six_day_checks(worker, ordered, rules))
    found.extend(weekly_max_checks(worker, ordered, rules))
    found.extend(average_checks(worker, ordered, rules))
    found.extend(sunday_count_checks(worker, ordered, rules))
    return tuple(sorted(found, key=lambda v: (v.dates[:1], v.rule_id, v.severity.value)))


def _premium_lines(
    worker: Worker, days: tuple[WorkDay, ...], rules: AgreementRules
) -> tuple[PremiumLine, ...]:
    if worker.kind not in rules.scope or not days:
        return ()
    _, reduced = daily_rest_checks(worker, days, rules)
    _, weekly = weekly_rest_checks(worker, days, rules, reduced)
    pieces = cut_plan(worker, days, rules, rest_windows(days, rules, weekly))
    lines = [
        *weekly_overtime(worker, pieces, rules),
        *piece_lines(worker, pieces, rules),
        *paid_breaks(worker, days, rules),
    ]
    return tuple(
        sorted(
            lines,
            key=lambda line: (line.week or "", line.date or dt.date.min, line.kind, line.band),
        )
    )


def premiums(
    worker: Worker, days: Sequence[WorkDay], pack: RulePack, *, on: dt.date | None = None
) -> tuple[PremiumLine, ...]:
    """The premium lines of ``days`` (empty for workers outside the pack's scope)."""
    ordered = validate_days(days)
    if not ordered:
        return ()
    return _premium_lines(worker, ordered, _rules(worker, pack, on or ordered[0].date))


def report(
    worker: Worker,
    days: Sequence[WorkDay],
    pack: RulePack,
    *,
    minors: RulePack | None = None,
    on: dt.date | None = None,
) -> WorktimeReport:
    """Violations, premium lines and weekly totals of one worker's plan."""
    ordered = validate_days(days)
    violations = check(worker, ordered, pack, minors=minors, on=on)
    if not ordered:
        return WorktimeReport(worker, (), (), (), (), (pack.ref,))
    rules = _rules(worker, pack, on or ordered[0].date)
    lines = _premium_lines(worker, ordered, rules)
    effective = minutes_per_week(minutes_per_date(ordered, rules))
    packs = (
        pack.ref,
        *((minors.ref,) if minors is not None and _is_minor(worker, ordered) else ()),
    )
    return WorktimeReport(
        worker=worker,
        days=ordered,
        violations=violations,
        premiums=lines,
        weeks=week_totals(lines, effective, worker.id),
        packs=packs,
    )
