# SPDX-License-Identifier: AGPL-3.0-or-later
"""What the engine hands back: violations of a rule and premium lines, each citing its rule.

Every result carries a :class:`RuleRef` — the pack value it came from (``pack:key``), the
agreement article, the citation of its sources, its status (verified, secondary…) and the
pack's note where regie had to interpret the text — so a page or a PDF can print where each
figure comes from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from regie.core.text import Text, t
from regie.rules.pack import RulePack, RuleValue, Status

MINUTES_PER_HOUR = Decimal(60)

STATUS_LABELS: dict[Status, Text] = {
    Status.VERIFIED: t("verified"),
    Status.SECONDARY: t("secondary source"),
    Status.ESTIMATED: t("estimated"),
    Status.CUSTOMARY: t("customary"),
    Status.UNVERIFIED: t("unverified"),
}


class Severity(StrEnum):
    ERROR = "error"  # illegal as planned
    WARNING = "warning"  # allowed only with a condition, a derogation or an uncertain rule
    INFO = "info"  # worth knowing (night hours, a holiday worked)


class PremiumKind(StrEnum):
    OVERTIME = "overtime"  # heures supplémentaires
    NIGHT = "night"
    SUNDAY = "sunday"
    HOLIDAY = "holiday"  # jour férié travaillé
    REST_INFRINGEMENT = "rest-infringement"  # heures anticipées / repos entamé
    LONG_DAY = "long-day"  # beyond the 10th shooting hour, daily overrun
    DAY_ENGAGEMENT = "day-engagement"  # IDCC 3097 art. 34
    SIXTH_DAY = "sixth-day"  # IDCC 3097 art. 39
    PAID_BREAK = "paid-break"  # base pay for a break that is not work (IDCC 3097 art. 28)
    CAP = "cap"  # reduction to the cap on cumulated premiums (IDCC 3097 art. 36)


@dataclass(frozen=True, slots=True)
class RuleRef:
    """Where a figure comes from: one value of a rule pack."""

    rule_id: str  # "worktime-idcc2642:daily_max.effective"
    article: str
    source: str  # "verified — Convention collective… (https://…)"
    status: Status
    pack: str  # "worktime-idcc2642@2026.1"
    note: str | None = None

    @property
    def key(self) -> str:
        return self.rule_id.split(":", 1)[1]

    @classmethod
    def of(cls, pack: RulePack, entry: RuleValue) -> RuleRef:
        raw = entry.value
        article = str(raw.get("article", "")) if isinstance(raw, dict) else ""
        return cls(
            rule_id=f"{pack.pack_id}:{entry.key}",
            article=article,
            source=entry.citation(),
            status=entry.status,
            pack=pack.ref,
            note=entry.note,
        )


@dataclass(frozen=True, slots=True)
class Violation:
    """A rule broken (or only allowed under a condition) by the plan of one worker.

    ``measured`` and ``limit`` are in ``unit`` (hours as Decimal, or a count).
    """

    rule: RuleRef
    severity: Severity
    worker_id: str
    dates: tuple[dt.date, ...]
    measured: Decimal
    limit: Decimal
    unit: str
    message: Text

    @property
    def rule_id(self) -> str:
        return self.rule.rule_id


@dataclass(frozen=True, slots=True)
class PremiumLine:
    """Hours of one worker carrying one premium at one rate (money comes with the budget).

    ``rate`` is the premium over the base hourly rate (``0.25`` = +25 %); a ``CAP`` line has
    a negative rate: the reduction the cap makes on those hours. ``date`` is set for daily
    premiums, ``week`` (ISO ``2026-W05``) for weekly ones.
    """

    worker_id: str
    kind: PremiumKind
    minutes: int
    rate: Decimal
    band: str
    rule: RuleRef
    date: dt.date | None = None
    week: str | None = None

    @property
    def hours(self) -> Decimal:
        return Decimal(self.minutes) / MINUTES_PER_HOUR

    @property
    def weighted_hours(self) -> Decimal:
        """Hours × rate: what the budget multiplies by the base hourly rate."""
        return Decimal(self.minutes) * self.rate / MINUTES_PER_HOUR

    @property
    def rule_id(self) -> str:
        return self.rule.rule_id


@dataclass(frozen=True, slots=True)
class WeekTotal:
    """One civil week of one worker: effective time and premium hours by kind."""

    worker_id: str
    week: str
    effective_minutes: int
    overtime_minutes: int
    weighted_hours: Decimal  # Σ hours × rate over the week's premium lines
    by_kind: tuple[tuple[PremiumKind, Decimal], ...]  # Σ hours × rate per kind

    @property
    def effective_hours(self) -> Decimal:
        return Decimal(self.effective_minutes) / MINUTES_PER_HOUR


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def hm(minutes: int) -> str:
    """``750`` → ``"12h30"`` (how call sheets write durations)."""
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours}h{rest:02d}"


def hours_of(minutes: int) -> Decimal:
    return Decimal(minutes) / MINUTES_PER_HOUR


_FIRM = frozenset({Status.VERIFIED, Status.SECONDARY})


def severity_for(rule: RuleRef, wanted: Severity) -> Severity:
    """An error only when the rule's value is verified or secondary: an estimated, customary
    or unverified value can warn, never declare a plan illegal."""
    if wanted is Severity.ERROR and rule.status not in _FIRM:
        return Severity.WARNING
    return wanted


def breach(
    rule: RuleRef,
    wanted: Severity,
    worker_id: str,
    dates: tuple[dt.date, ...],
    *,
    measured: Decimal,
    limit: Decimal,
    unit: str,
    message: Text,
) -> Violation:
    return Violation(
        rule=rule,
        severity=severity_for(rule, wanted),
        worker_id=worker_id,
        dates=tuple(sorted(set(dates))),
        measured=measured,
        limit=limit,
        unit=unit,
        message=message,
    )
