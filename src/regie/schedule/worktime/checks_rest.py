# SPDX-License-Identifier: AGPL-3.0-or-later
"""Rests between days: the daily rest (and the IDCC 2642 reduction to 9 h), the weekly rest,
consecutive days (IDCC 2642) and six-day weeks (IDCC 3097).

A rest runs from a wrap to the next call. The plan's edges are open: before its first call
and after its last wrap the worker is taken to rest (work elsewhere is not known here).
IDCC 2642 VI.3.1.2 reduction, as regie reads its conditions: the job is in the pack's list
(the VI.3.3 cross-reference is marked unverified there), the employer lodges the worker on
site the night after the earlier day, the later day's workplace is at most 50 km away, and
the civil week of the later day has had fewer than two reductions.

The rest windows that premiums need ("heures anticipées", IDCC 3097 art. 35; the hours
eating into the 11 h, IDCC 2642 VI.3.1.2) come from :func:`rest_windows`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from regie.core.text import Text, on_day, t
from regie.schedule.worktime.model import Derogation, WorkDay, Worker, minutes_between, to_utc
from regie.schedule.worktime.results import RuleRef, Severity, Violation, breach, hm, hours_of
from regie.schedule.worktime.rules_model import AgreementRules, RestReduction
from regie.schedule.worktime.timeline import at_local, monday

WEEK = dt.timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Rest:
    """From ``start`` (a wrap, or ``None`` before the plan) to ``end`` (a call, or ``None``)."""

    start: dt.datetime | None
    end: dt.datetime | None
    before: WorkDay | None
    after: WorkDay | None

    @property
    def minutes(self) -> int | None:
        if self.start is None or self.end is None:
            return None
        return minutes_between(self.start, self.end)

    def at_least(self, minutes: int) -> bool:
        length = self.minutes
        return length is None or length >= minutes

    def inside(self, start: dt.datetime, end: dt.datetime) -> int:
        """Minutes of the rest inside ``start`` → ``end`` (an open edge runs to it)."""
        low = start if self.start is None else max(self.start, start)
        high = end if self.end is None else min(self.end, end)
        return max(0, minutes_between(low, high))

    def covers(self, start: dt.datetime, end: dt.datetime) -> bool:
        return (self.start is None or self.start <= start) and (self.end is None or self.end >= end)


@dataclass(frozen=True, slots=True)
class RestWindow:
    """The rest that should have followed ``start``: work inside it carries a premium."""

    start: dt.datetime
    end: dt.datetime
    rate: Decimal
    rule: RuleRef


def rests(days: Sequence[WorkDay]) -> list[Rest]:
    """Every rest of the plan, the two open edges included (days are sorted)."""
    if not days:
        return []
    result = [Rest(None, to_utc(days[0].call), None, days[0])]
    for before, after in pairwise(days):
        result.append(Rest(to_utc(before.wrap), to_utc(after.call), before, after))
    result.append(Rest(to_utc(days[-1].wrap), None, days[-1], None))
    return result


def _reduction_refusal(
    worker: Worker,
    before: WorkDay,
    after: WorkDay,
    reduction: RestReduction,
    used: dict[dt.date, int],
) -> Text | None:
    """Why IDCC 2642 VI.3.1.2 does not allow this reduced rest (``None``: it does)."""
    if worker.job not in reduction.jobs:
        return t("the job is not one of the listed jobs")
    if not before.lodged_on_site:
        return t("the employer does not lodge the worker on site")
    if after.distance_km is None:
        return t("the distance of the workplace is not given")
    if after.distance_km > reduction.max_distance_km:
        return t("the workplace is more than {km} km away", km=reduction.max_distance_km)
    done = used.get(monday(after.date), 0)
    if done >= reduction.per_week:
        return t(
            "it would be reduction number {count} of the week; the limit is {limit}",
            count=done + 1,
            limit=reduction.per_week,
        )
    return None


def _short_rest(
    worker: Worker,
    before: WorkDay,
    after: WorkDay,
    rules: AgreementRules,
    used: dict[dt.date, int],
) -> Violation:
    """The verdict on a rest shorter than the daily minimum (``used`` counts reductions)."""
    length = minutes_between(before.wrap, after.call)
    minimum, reduction = rules.daily_rest, rules.rest_reduction
    params = {
        "name": worker.name,
        "rest": hm(length),
        "before": on_day(before.date),
        "after": on_day(after.date),
    }
    rule, severity, floor = minimum.ref, Severity.ERROR, minimum.amount
    if reduction is None or length < reduction.minimum:
        floor = reduction.minimum if reduction else minimum.amount
        message = t(
            "{name} rests {rest} between {before} and {after}; the minimum is {limit}",
            limit=hm(floor),
            **params,
        )
    elif (refusal := _reduction_refusal(worker, before, after, reduction, used)) is not None:
        rule = reduction.ref
        message = t(
            "{name} rests {rest} between {before} and {after}, under {limit}, and the "
            "reduction is not allowed: {reason}",
            limit=hm(minimum.amount),
            reason=refusal,
            **params,
        )
    else:
        week = monday(after.date)
        used[week] = used.get(week, 0) + 1
        rule, severity = reduction.ref, Severity.WARNING
        message = t(
            "{name} rests {rest} between {before} and {after}: a reduced rest, allowed "
            "twice a week for a listed job lodged on site, with compensatory rest",
            **params,
        )
    return breach(
        rule,
        severity,
        worker.id,
        (before.date, after.date),
        measured=hours_of(length),
        limit=hours_of(floor),
        unit="h",
        message=message,
    )


def daily_rest_checks(
    worker: Worker, days: Sequence[WorkDay], rules: AgreementRules
) -> tuple[list[Violation], set[dt.date]]:
    """Daily rest violations, and the Mondays of the weeks with an allowed reduction."""
    found: list[Violation] = []
    used: dict[dt.date, int] = {}
    for before, after in pairwise(days):
        if minutes_between(before.wrap, after.call) < rules.daily_rest.amount:
            found.append(_short_rest(worker, before, after, rules, used))
    return found, set(used)


def _week_days(days: Sequence[WorkDay]) -> dict[dt.date, list[WorkDay]]:
    weeks: dict[dt.date, list[WorkDay]] = {}
    for day in days:
        weeks.setdefault(monday(day.date), []).append(day)
    return weeks


@dataclass(frozen=True, slots=True)
class WeeklyNeed:
    minutes: int
    sunday: tuple[dt.datetime, dt.datetime] | None  # the Sunday the rest must cover
    rule: RuleRef


def weekly_need(
    week: dt.date, in_week: list[WorkDay], rules: AgreementRules, reduced: set[dt.date]
) -> WeeklyNeed | None:
    """The weekly rest a civil week asks (``None``: the week is judged by another rule)."""
    rest = rules.weekly_rest
    if rest.reduced_minutes is not None:  # IDCC 2642: 24 h + 11 h, or + 9 h after a reduction
        minutes = rest.reduced_minutes if week in reduced else rest.minutes
        return WeeklyNeed(minutes, None, rest.ref)
    if len(in_week) == 6:  # IDCC 3097 art. 26
        if rest.six_day_week and all(d.away_from_home for d in in_week):
            return WeeklyNeed(rest.six_day_week.amount, None, rest.six_day_week.ref)
        return None  # a 6th day in the Paris region: see six_day_checks
    sunday = week + dt.timedelta(days=6)
    window = (at_local(sunday, dt.time()), at_local(sunday + dt.timedelta(days=1), dt.time()))
    worked_sunday = any(d.date == sunday or to_utc(d.wrap) > window[0] for d in in_week)
    covered = window if rest.sunday_included and not worked_sunday else None
    return WeeklyNeed(rest.minutes, covered, rest.ref)


def weekly_rest_checks(
    worker: Worker, days: Sequence[WorkDay], rules: AgreementRules, reduced: set[dt.date]
) -> tuple[list[Violation], list[RestWindow]]:
    """Weekly rest violations, and the windows where work cuts into a weekly rest.

    A rest serves the civil week that holds at least its 24-hour weekly day (so a
    Saturday-evening-to-Monday rest serves the week of its Sunday); the plan's open edges
    serve the first and last weeks the same way, as far as they reach into them.
    """
    found: list[Violation] = []
    windows: list[RestWindow] = []
    all_rests = rests(days)
    for week, in_week in sorted(_week_days(days).items()):
        need = weekly_need(week, in_week, rules, reduced)
        if need is None:
            continue
        start, end = at_local(week, dt.time()), at_local(week + WEEK, dt.time())
        candidates = [r for r in all_rests if r.inside(start, end) >= rules.weekly_rest.day]
        if need.sunday:
            candidates = [r for r in candidates if r.covers(*need.sunday)]
        if any(r.at_least(need.minutes) for r in candidates):
            continue
        # Measured: the longest rest serving the week, else the longest stretch inside it.
        touching = [r for r in all_rests if r.inside(start, end) > 0]
        serving = [r for r in candidates if r.minutes is not None]
        longest = max(
            serving or touching,
            key=lambda r: (r.minutes or 0) if serving else r.inside(start, end),
            default=None,
        )
        best = 0
        if longest is not None:
            best = (longest.minutes or 0) if serving else longest.inside(start, end)
        params = {
            "name": worker.name,
            "limit": hm(need.minutes),
            "week": on_day(week),
            "rest": hm(best),
        }
        message = (
            t(
                "{name} has no rest of {limit} including Sunday in the week of {week}; "
                "the longest is {rest}",
                **params,
            )
            if need.sunday
            else t(
                "{name} has no rest of {limit} in the week of {week}; the longest is {rest}",
                **params,
            )
        )
        found.append(
            breach(
                need.rule,
                Severity.ERROR,
                worker.id,
                tuple(d.date for d in in_week),
                measured=hours_of(best),
                limit=hours_of(need.minutes),
                unit="h",
                message=message,
            )
        )
        if longest is not None and longest.start is not None and rules.weekly_rest_premium:
            end_of_rest = longest.start + dt.timedelta(minutes=need.minutes)
            windows.append(
                RestWindow(
                    longest.start,
                    end_of_rest,
                    rules.rest_infringement.rate,
                    rules.rest_infringement.ref,
                )
            )
    return found, windows


def consecutive_day_checks(
    worker: Worker, days: Sequence[WorkDay], rules: AgreementRules
) -> Iterator[Violation]:
    """IDCC 2642 VI.3.2.2: never more than 6 consecutive days of work."""
    limit = rules.max_consecutive_days
    if limit is None:
        return
    runs: list[list[dt.date]] = []
    for day in days:
        if runs and (day.date - runs[-1][-1]).days == 1:
            runs[-1].append(day.date)
        else:
            runs.append([day.date])
    allowed = Derogation.IDCC2642_7_DAYS in worker.derogations
    for run in runs:
        if len(run) > limit.amount:
            message = t(
                "{name} works {count} consecutive days from {first} to {last}; "
                "the maximum is {limit}",
                name=worker.name,
                count=len(run),
                first=on_day(run[0]),
                last=on_day(run[-1]),
                limit=limit.amount,
            )
            yield breach(
                limit.ref,
                Severity.WARNING if allowed else Severity.ERROR,
                worker.id,
                tuple(run),
                measured=Decimal(len(run)),
                limit=Decimal(limit.amount),
                unit="days",
                message=message,
            )


def six_day_checks(
    worker: Worker, days: Sequence[WorkDay], rules: AgreementRules
) -> Iterator[Violation]:
    """IDCC 3097 art. 26: a 6th day in the Paris region is exceptional; at most 4
    consecutive six-day weeks."""
    limit, sixth = rules.six_day_weeks, rules.sixth_day
    if limit is None or sixth is None:
        return
    streak: list[dt.date] = []
    for week, in_week in sorted(_week_days(days).items()):
        six = len(in_week) >= 6
        if len(in_week) == 6 and not all(d.away_from_home for d in in_week):
            date = in_week[5].date
            message = t(
                "{name} works a 6th day on {date} in the Paris region: exceptional, to be "
                "recovered on the next Monday or Friday",
                name=worker.name,
                date=on_day(date),
            )
            yield breach(
                sixth.ref,
                Severity.WARNING,
                worker.id,
                (date,),
                measured=Decimal(6),
                limit=Decimal(5),
                unit="days",
                message=message,
            )
        consecutive = bool(streak) and week - streak[-1] == WEEK
        streak = ([*streak, week] if consecutive else [week]) if six else []
        if len(streak) > limit.amount:
            message = t(
                "{name} works {count} consecutive six-day weeks up to the week of {week}; the "
                "maximum is {limit}",
                name=worker.name,
                count=len(streak),
                week=on_day(week),
                limit=limit.amount,
            )
            yield breach(
                limit.ref,
                Severity.ERROR,
                worker.id,
                tuple(d.date for d in in_week),
                measured=Decimal(len(streak)),
                limit=Decimal(limit.amount),
                unit="weeks",
                message=message,
            )


def rest_windows(
    days: Sequence[WorkDay], rules: AgreementRules, weekly: list[RestWindow]
) -> list[RestWindow]:
    """The daily-rest windows cut into by the next day, plus the weekly ones given."""
    windows = list(weekly)
    minimum = rules.daily_rest
    rate = rules.rest_infringement.rate
    for rest in rests(days)[1:-1]:
        if rest.start is not None and not rest.at_least(minimum.amount):
            end = rest.start + dt.timedelta(minutes=minimum.amount)
            windows.append(RestWindow(rest.start, end, rate, rules.rest_infringement.ref))
    return windows
