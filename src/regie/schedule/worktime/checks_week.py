# SPDX-License-Identifier: AGPL-3.0-or-later
"""Checks over civil weeks (Monday 0:00 to Sunday 24:00): the weekly maximum and the
derogations a production declares, the average over 12 consecutive weeks, the number of
Sundays worked in a year (IDCC 2642).

Minutes count in the week (and on the date) when they are worked: a Sunday-night shoot
that ends on Monday puts its last hours in the next week.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal

from regie.core.text import on_day, t
from regie.schedule.worktime.model import Derogation, WorkDay, Worker
from regie.schedule.worktime.results import Severity, Violation, breach, hm, hours_of
from regie.schedule.worktime.rules_model import AgreementRules, WeeklyDerogation
from regie.schedule.worktime.timeline import minutes_by_date, monday, work_spans

WEEK = dt.timedelta(days=7)
SUNDAY = 6


def minutes_per_date(days: Sequence[WorkDay], rules: AgreementRules) -> dict[dt.date, int]:
    result: dict[dt.date, int] = {}
    for day in days:
        for date, minutes in minutes_by_date(work_spans(day, rules)).items():
            result[date] = result.get(date, 0) + minutes
    return result


def minutes_per_week(per_date: dict[dt.date, int]) -> dict[dt.date, int]:
    """Effective minutes per civil week, keyed by the week's Monday."""
    result: dict[dt.date, int] = {}
    for date, minutes in per_date.items():
        result[monday(date)] = result.get(monday(date), 0) + minutes
    return result


def _54h_applies(worker: Worker, rule: WeeklyDerogation | None) -> bool:
    return (
        rule is not None
        and Derogation.IDCC2642_54H in worker.derogations
        and worker.genre in rule.genres
        and worker.job in rule.jobs
        and (rule.max_contract_days is None or worker.contract_days < rule.max_contract_days)
    )


def _allowed(worker: Worker, rules: AgreementRules, days_in_week: int) -> WeeklyDerogation | None:
    """The widest declared derogation that this week may use."""
    options: list[WeeklyDerogation] = []
    if _54h_applies(worker, rules.derogation_54h) and rules.derogation_54h:
        options.append(rules.derogation_54h)
    sixty = rules.derogation_60h
    declared_60 = {Derogation.IDCC2642_60H, Derogation.IDCC3097_60H} & worker.derogations
    if sixty and declared_60 and days_in_week >= (sixty.days_per_week or 0):
        options.append(sixty)
    return max(options, key=lambda d: d.minutes, default=None)


def weekly_max_checks(
    worker: Worker, days: Sequence[WorkDay], rules: AgreementRules
) -> Iterator[Violation]:
    per_date = minutes_per_date(days, rules)
    base = rules.weekly_max
    streak: list[dt.date] = []  # consecutive weeks over the base under a limited derogation
    for week, worked in sorted(minutes_per_week(per_date).items()):
        in_week = [d for d in per_date if monday(d) == week and per_date[d]]
        days_in_week = len({d.date for d in days if monday(d.date) == week})
        if worked <= base.amount:
            streak = []
            continue
        derogation = _allowed(worker, rules, days_in_week)
        dates = tuple(sorted(in_week))
        if derogation is None or worked > derogation.minutes:
            limit = derogation.minutes if derogation else base.amount
            yield breach(
                derogation.ref if derogation else base.ref,
                Severity.ERROR,
                worker.id,
                dates,
                measured=hours_of(worked),
                limit=hours_of(limit),
                unit="h",
                message=t(
                    "{name} works {worked} in the week of {week}; the maximum is {limit}",
                    name=worker.name,
                    worked=hm(worked),
                    week=on_day(week),
                    limit=hm(limit),
                ),
            )
            streak = []
            continue
        yield breach(
            derogation.ref,
            Severity.WARNING,
            worker.id,
            dates,
            measured=hours_of(worked),
            limit=hours_of(base.amount),
            unit="h",
            message=t(
                "{name} works {worked} in the week of {week}: over {base}, allowed only under "
                "the derogation declared ({limit} at most)",
                name=worker.name,
                worked=hm(worked),
                week=on_day(week),
                base=hm(base.amount),
                limit=hm(derogation.minutes),
            ),
        )
        cap = derogation.max_consecutive_weeks
        streak = [*streak, week] if streak and week - streak[-1] == WEEK else [week]
        if cap is not None and len(streak) > cap:
            yield breach(
                derogation.ref,
                Severity.ERROR,
                worker.id,
                dates,
                measured=Decimal(len(streak)),
                limit=Decimal(cap),
                unit="weeks",
                message=t(
                    "{name} has {count} consecutive weeks over {base} under the derogation; "
                    "the maximum is {limit}",
                    name=worker.name,
                    count=len(streak),
                    base=hm(base.amount),
                    limit=cap,
                ),
            )


def average_checks(
    worker: Worker, days: Sequence[WorkDay], rules: AgreementRules
) -> Iterator[Violation]:
    """Every window of ``average_weeks`` consecutive civil weeks inside the plan (one
    window, padded with empty weeks, when the plan is shorter)."""
    per_date = minutes_per_date(days, rules)
    per_week = minutes_per_week(per_date)
    if not per_week:
        return
    count = rules.average_weeks
    first, last = min(per_week), max(per_week)
    span = (last - first).days // 7 + 1
    starts = [first + WEEK * i for i in range(max(1, span - count + 1))]
    limit = rules.weekly_average
    for start in starts:
        weeks = [start + WEEK * i for i in range(count)]
        worked = sum(per_week.get(w, 0) for w in weeks)
        if worked <= limit.amount * count:
            continue
        average = (Decimal(worked) / count / 60).quantize(Decimal("0.01"), ROUND_HALF_UP)
        yield breach(
            limit.ref,
            Severity.ERROR,
            worker.id,
            tuple(d for d in per_date if monday(d) in weeks and per_date[d]),
            measured=average,
            limit=hours_of(limit.amount),
            unit="h",
            message=t(
                "{name} averages {average} h a week over the {weeks} weeks from {first}; the "
                "maximum is {limit}",
                name=worker.name,
                average=average,
                weeks=count,
                first=on_day(start),
                limit=hm(limit.amount),
            ),
        )


def sunday_count_checks(
    worker: Worker, days: Sequence[WorkDay], rules: AgreementRules
) -> Iterator[Violation]:
    """IDCC 2642 VI.3.2.2: at most 25 Sundays a year for the same employer."""
    limit = rules.sundays_per_year
    if limit is None:
        return
    per_year: dict[int, list[dt.date]] = {}
    for date, minutes in sorted(minutes_per_date(days, rules).items()):
        if minutes and date.weekday() == SUNDAY:
            per_year.setdefault(date.year, []).append(date)
    for year, sundays in sorted(per_year.items()):
        if len(sundays) > limit.amount:
            yield breach(
                limit.ref,
                Severity.ERROR,
                worker.id,
                tuple(sundays[limit.amount :]),
                measured=Decimal(len(sundays)),
                limit=Decimal(limit.amount),
                unit="Sundays",
                message=t(
                    "{name} works {count} Sundays in {year}; the maximum for one employer is "
                    "{limit}",
                    name=worker.name,
                    count=len(sundays),
                    year=year,
                    limit=limit.amount,
                ),
            )
