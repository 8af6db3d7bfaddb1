# SPDX-License-Identifier: AGPL-3.0-or-later
"""The burn chart: money spent week by week against the plan, and the weekly snapshots of
the cost report that show how the estimated final cost moved.

**The plan** spreads the budget over the production's weeks in three phases —
preparation, shoot, post-production (:class:`Phases`: the shoot's first day and its number
of weeks, the preparation weeks before it, the post-production weeks after it). Each
chapter's budget is split between the phases by ``burn.shares`` of the ``cost-report``
pack (customary: rights in preparation, crew and cast mostly while shooting,
post-production after), and *inside a phase evenly per week*. A phase of no weeks spends
its share in the first week of the plan (preparation) or the last week of the shoot
(post-production). The add-ons follow the chapters: the plan's total at each week is the
chapters' plan × (devis total ÷ chapters' total). The plan is cumulative and rounded to
the cent at each week, so its last week equals the devis total exactly.

**The actual curve** adds up the cost report's items (:class:`~regie.finance.costreport.
ActualItem`, the same ones its figures are made of) by the week of their date; items
dated before the plan starts count in its first week. Weeks after ``as_of`` have no
actual figure. Committed money is not spent and is not on the curve.

**Snapshots** (:class:`Snapshot`) keep a report's figures per account for a week (its
Monday); the chart shows their estimated final cost as a third series.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from enum import StrEnum
from typing import Final

from regie.budget.model import Devis
from regie.core.errors import ValidationError
from regie.core.text import t
from regie.finance.actuals import ZERO, cents
from regie.finance.costreport import ActualItem, CostReport, CostSettings, Figures

WEEK: Final = dt.timedelta(days=7)


class Phase(StrEnum):
    PREP = "prep"
    SHOOT = "shoot"
    POST = "post"


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class Phases:
    shoot_start: dt.date
    shoot_weeks: int
    prep_weeks: int = 0
    post_weeks: int = 0

    def __post_init__(self) -> None:
        for name in ("shoot_weeks", "prep_weeks", "post_weeks"):
            if getattr(self, name) < 0:
                raise ValidationError(
                    t("{field} cannot be negative", field=name),
                    field=name,
                    hint=t("Give a number of weeks of zero or more"),
                )

    @property
    def first_week(self) -> dt.date:
        return monday(self.shoot_start) - self.prep_weeks * WEEK

    @property
    def weeks(self) -> tuple[dt.date, ...]:
        """Every week of the plan (its Monday), preparation to the end of post."""
        count = self.prep_weeks + max(self.shoot_weeks, 1) + self.post_weeks
        return tuple(self.first_week + n * WEEK for n in range(count))

    def phase_of(self, week_index: int) -> Phase:
        if week_index < self.prep_weeks:
            return Phase.PREP
        if week_index < self.prep_weeks + max(self.shoot_weeks, 1):
            return Phase.SHOOT
        return Phase.POST

    def done(self, phase: Phase, week_index: int) -> Decimal:
        """The share of ``phase`` spent by the end of week ``week_index`` (0-based)."""
        shoot = max(self.shoot_weeks, 1)
        start, length = {
            Phase.PREP: (0, self.prep_weeks),
            Phase.SHOOT: (self.prep_weeks, shoot),
            Phase.POST: (self.prep_weeks + shoot, self.post_weeks),
        }[phase]
        if length == 0:  # a phase of no weeks: spent at the start (prep) / end of shoot
            at = 0 if phase is Phase.PREP else self.prep_weeks + shoot - 1
            return Decimal(1) if week_index >= at else Decimal(0)
        elapsed = min(max(week_index + 1 - start, 0), length)
        return Decimal(elapsed) / Decimal(length)


def phases_for(
    shoot_start: dt.date,
    shoot_days: Decimal,
    *,
    days_per_week: int = 5,
    prep_weeks: Decimal = ZERO,
    post_weeks: int,
) -> Phases:
    """The phases of a devis: the shoot's weeks are its shoot days over the working days
    of a week, rounded up; the preparation weeks are the devis's, rounded up."""
    per_week = Decimal(max(days_per_week, 1))
    shoot = int((shoot_days / per_week).to_integral_value(ROUND_CEILING)) if shoot_days > 0 else 1
    prep = int(prep_weeks.to_integral_value(ROUND_CEILING)) if prep_weeks > 0 else 0
    return Phases(shoot_start, shoot, prep, post_weeks)


@dataclass(frozen=True, slots=True)
class BurnWeek:
    week: dt.date  # Monday
    phase: Phase
    planned: Decimal  # cumulative, to the cent
    actual: Decimal | None  # cumulative; None after ``as_of``
    forecast: Decimal | None = None  # EFC of the week's snapshot, when one was taken


@dataclass(frozen=True, slots=True)
class Burn:
    phases: Phases
    weeks: tuple[BurnWeek, ...]
    total: Decimal  # the devis total the plan reaches
    settings_ref: str

    @property
    def latest(self) -> BurnWeek | None:
        """The last week with an actual figure."""
        return next((w for w in reversed(self.weeks) if w.actual is not None), None)


def burn(
    devis: Devis,
    items: Iterable[ActualItem],
    phases: Phases,
    settings: CostSettings,
    *,
    as_of: dt.date,
    snapshots: Sequence[Snapshot] = (),
) -> Burn:
    """The plan and the actual curve, week by week (see the module docstring)."""
    weeks = phases.weeks
    scale = devis.total / devis.chapters_total if devis.chapters_total else Decimal(1)
    spent_by_week = [ZERO] * len(weeks)
    for item in items:
        index = (monday(item.date) - weeks[0]).days // 7
        if index < len(weeks):
            spent_by_week[max(index, 0)] += item.amount
        # spend after the plan's last week: on the curve's last point, never dropped
        else:
            spent_by_week[-1] += item.amount
    forecasts = {s.week: s.figures.final for s in snapshots}
    rows: list[BurnWeek] = []
    running = ZERO
    for index, week in enumerate(weeks):
        planned = ZERO
        for chapter in devis.chapters:
            shares = settings.shares.get(chapter.chapter.number, {})
            for phase in Phase:
                share = shares.get(phase.value, ZERO)
                if share:
                    planned += chapter.total * share * phases.done(phase, index)
        running += spent_by_week[index]
        rows.append(
            BurnWeek(
                week,
                phases.phase_of(index),
                cents(planned * scale),
                running if week <= as_of else None,
                forecasts.get(week),
            )
        )
    return Burn(phases, tuple(rows), devis.total, settings.ref)


# -- snapshots --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The cost report's figures as they stood in one week."""

    week: dt.date  # Monday
    taken_on: dt.date
    figures: Figures  # the whole report (add-ons included)
    accounts: tuple[tuple[str, Figures], ...]  # per devis account with any figure
    version: int = 1


def snapshot_of(report: CostReport, taken_on: dt.date) -> Snapshot:
    """A snapshot of ``report`` for the week of ``taken_on``."""
    accounts = tuple(
        (line.code, line.figures)
        for chapter in report.chapters
        for line in chapter.lines
        if line.figures != Figures(ZERO, ZERO, ZERO, ZERO, ZERO)
    )
    return Snapshot(monday(taken_on), taken_on, report.figures, accounts)
