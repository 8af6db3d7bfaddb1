# SPDX-License-Identifier: AGPL-3.0-or-later
"""How each figure of a working-time report came about: one :class:`Step` per violation and
per premium line, naming the rule (``pack:key``), the agreement article, the sources with
their status, the pack version and the pack's note where regie interpreted the text. The
web page and the PDFs print these steps as they are (``label`` is translatable).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from regie.core.text import Text, on_day, t
from regie.rules.pack import Status
from regie.schedule.worktime.engine import WorktimeReport
from regie.schedule.worktime.results import (
    PremiumKind,
    PremiumLine,
    RuleRef,
    Violation,
    WeekTotal,
)


@dataclass(frozen=True, slots=True)
class Step:
    label: Text
    value: str
    rule_id: str
    article: str
    source: str
    status: Status
    pack: str
    note: str | None = None

    @classmethod
    def of(cls, label: Text, value: str, rule: RuleRef) -> Step:
        return cls(
            label, value, rule.rule_id, rule.article, rule.source, rule.status, rule.pack, rule.note
        )


def _number(value: Decimal) -> str:
    """``Decimal("12.50")`` → ``"12.5"``, ``Decimal("10")`` → ``"10"``."""
    return f"{value.normalize():f}"


def _hours(value: Decimal) -> str:
    return _number(value.quantize(Decimal("0.01")))


def explain_violation(violation: Violation) -> Step:
    """``label``: the message; ``value``: measured against the limit."""
    value = (
        f"{violation.severity.value}: {_number(violation.measured)} {violation.unit}"
        f" (limit {_number(violation.limit)} {violation.unit})"
        if violation.limit
        else f"{violation.severity.value}: {_number(violation.measured)} {violation.unit}"
    )
    return Step.of(violation.message, value, violation.rule)


KIND_LABELS: Mapping[PremiumKind, Text] = {
    PremiumKind.OVERTIME: t("overtime premium"),
    PremiumKind.NIGHT: t("night premium"),
    PremiumKind.SUNDAY: t("Sunday premium"),
    PremiumKind.HOLIDAY: t("public holiday premium"),
    PremiumKind.REST_INFRINGEMENT: t("premium for hours cutting into a rest"),
    PremiumKind.LONG_DAY: t("long day premium"),
    PremiumKind.DAY_ENGAGEMENT: t("day engagement premium"),
    PremiumKind.SIXTH_DAY: t("sixth day premium"),
    PremiumKind.PAID_BREAK: t("paid break"),
    PremiumKind.CAP: t("cap on cumulated premiums"),
}


def explain_line(line: PremiumLine) -> Step:
    """``label``: kind, band and when; ``value``: hours × rate = weighted hours."""
    when: Text | str = on_day(line.date) if line.date else (line.week or "")
    label = t("{kind}, {band}, {when}", kind=KIND_LABELS[line.kind], band=line.band, when=when)
    value = f"{_hours(line.hours)} h × {_number(line.rate)} = {_hours(line.weighted_hours)} h"
    return Step.of(label, value, line.rule)


def explain_week(week: WeekTotal, overtime_rule: RuleRef) -> Step:
    label = t("week {week}: effective work and weighted premium hours", week=week.week)
    value = (
        f"{_hours(week.effective_hours)} h effective, "
        f"{_hours(Decimal(week.overtime_minutes) / 60)} h overtime, "
        f"{_hours(week.weighted_hours)} h × rate"
    )
    return Step.of(label, value, overtime_rule)


def explain(report: WorktimeReport) -> tuple[Step, ...]:
    """Every violation, then every premium line, then the weekly totals, as steps."""
    steps = [explain_violation(v) for v in report.violations]
    steps += [explain_line(line) for line in report.premiums]
    rules = [line.rule for line in report.premiums if line.kind is PremiumKind.OVERTIME]
    weekly = [rule for rule in rules if rule.key == "overtime.weekly"] or rules
    if weekly:
        steps += [explain_week(week, weekly[0]) for week in report.weeks]
    return tuple(steps)
