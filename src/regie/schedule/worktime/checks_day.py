# SPDX-License-Identifier: AGPL-3.0-or-later
"""Checks of one work day: daily maximum, amplitude, breaks (IDCC 2642 VI.1.4; the IDCC
3097 continuous day of art. 28), night hours, Sundays and public holidays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from regie.core.calendar import french_public_holidays
from regie.core.text import on_day, t
from regie.schedule.worktime.model import BreakKind, Derogation, WorkDay, Worker, to_utc
from regie.schedule.worktime.nightwork import agreement_window, nights
from regie.schedule.worktime.results import Severity, Violation, breach, hm, hours_of
from regie.schedule.worktime.rules_model import AgreementRules
from regie.schedule.worktime.timeline import (
    amplitude_minutes,
    at_local,
    minutes_by_date,
    overlap,
    stretches,
    work_spans,
)

SUNDAY = 6


def is_continuous_day(day: WorkDay, rules: AgreementRules) -> bool:
    """IDCC 3097 art. 28: a shooting day whose work runs over the whole continuous-day
    window (12:00–20:00) with no meal stop inside it."""
    rule = rules.continuous_day
    spans = work_spans(day, rules)
    if rule is None or not day.shooting or not spans:
        return False
    start, end = at_local(day.date, rule.start), at_local(day.date, rule.end)
    meal = any(
        b.kind is BreakKind.MEAL and to_utc(b.start) < end and to_utc(b.end) > start
        for b in day.breaks
    )
    return spans[0].start <= start and spans[-1].end >= end and not meal


def _daily_max(worker: Worker, day: WorkDay, rules: AgreementRules) -> Iterator[Violation]:
    worked = sum(span.minutes for span in work_spans(day, rules))
    limit = rules.daily_max
    if worked > limit.amount:
        yield breach(
            limit.ref,
            Severity.ERROR,
            worker.id,
            (day.date,),
            measured=hours_of(worked),
            limit=hours_of(limit.amount),
            unit="h",
            message=t(
                "{name} works {worked} of effective work on {date}; the maximum is {limit}",
                name=worker.name,
                worked=hm(worked),
                date=on_day(day.date),
                limit=hm(limit.amount),
            ),
        )
    elif rules.daily_normal and worked > rules.daily_normal.amount:
        normal = rules.daily_normal
        yield breach(
            normal.ref,
            Severity.WARNING,
            worker.id,
            (day.date,),
            measured=hours_of(worked),
            limit=hours_of(normal.amount),
            unit="h",
            message=t(
                "{name} works {worked} on {date}: beyond {limit} a day only in the exceptional "
                "cases of the agreement (finishing a shot or a set, an actor's availability)",
                name=worker.name,
                worked=hm(worked),
                date=on_day(day.date),
                limit=hm(normal.amount),
            ),
        )


def _amplitude(worker: Worker, day: WorkDay, rules: AgreementRules) -> Iterator[Violation]:
    if rules.amplitude and (span := amplitude_minutes(day, rules)) > rules.amplitude.amount:
        yield breach(
            rules.amplitude.ref,
            Severity.ERROR,
            worker.id,
            (day.date,),
            measured=hours_of(span),
            limit=hours_of(rules.amplitude.amount),
            unit="h",
            message=t(
                "{name}'s day on {date} spans {amplitude} from call to wrap; "
                "the maximum is {limit}",
                name=worker.name,
                date=on_day(day.date),
                amplitude=hm(span),
                limit=hm(rules.amplitude.amount),
            ),
        )


def _breaks(worker: Worker, day: WorkDay, rules: AgreementRules) -> Iterator[Violation]:
    longest = max((w for _, w in stretches(day, rules, rules.pause.amount)), default=0)
    if longest > rules.pause_after:
        yield breach(
            rules.pause.ref,
            Severity.ERROR,
            worker.id,
            (day.date,),
            measured=hours_of(longest),
            limit=hours_of(rules.pause_after),
            unit="h",
            message=t(
                "{name} works {worked} without a break of {pause} on {date}; a break is due "
                "before {limit} of work",
                name=worker.name,
                worked=hm(longest),
                pause=hm(rules.pause.amount),
                date=on_day(day.date),
                limit=hm(rules.pause_after),
            ),
        )
    rule = rules.continuous_day
    if rule and is_continuous_day(day, rules):
        longest = max((w for _, w in stretches(day, rules, rule.break_minutes)), default=0)
        if longest > rule.after_minutes:
            yield breach(
                rule.ref,
                Severity.ERROR,
                worker.id,
                (day.date,),
                measured=hours_of(longest),
                limit=hours_of(rule.after_minutes),
                unit="h",
                message=t(
                    "{name}'s continuous day on {date} has {worked} of work without the {pause} "
                    "break due after {limit}",
                    name=worker.name,
                    date=on_day(day.date),
                    worked=hm(longest),
                    pause=hm(rule.break_minutes),
                    limit=hm(rule.after_minutes),
                ),
            )


def _night(worker: Worker, day: WorkDay, rules: AgreementRules) -> Iterator[Violation]:
    spans = work_spans(day, rules)
    for night in nights(rules.night, worker.genre, day):
        worked = overlap(spans, night.span.start, night.span.end)
        if not worked:
            continue
        start, end = agreement_window(rules.night, worker.genre, night.evening, studio=day.studio)
        yield breach(
            rules.night.ref,
            Severity.INFO,
            worker.id,
            (day.date,),
            measured=hours_of(worked),
            limit=hours_of(0),
            unit="h",
            message=t(
                "{name} works {night} of night hours ({start}–{end}) on {date}",
                name=worker.name,
                night=hm(worked),
                start=start.strftime("%H:%M"),
                end=end.strftime("%H:%M"),
                date=on_day(day.date),
            ),
        )


def _sunday(worker: Worker, date: dt.date, day: WorkDay, rules: AgreementRules) -> Violation:
    age = worker.age_on(date)
    minimum = rules.sunday_minimum_age
    when = on_day(date)
    if minimum and age is not None and age < minimum.amount:
        return breach(
            minimum.ref,
            Severity.ERROR,
            worker.id,
            (date,),
            measured=hours_of(0),
            limit=hours_of(0),
            unit="h",
            message=t(
                "{name} is under {age} and may not work on Sunday {date}",
                name=worker.name,
                age=minimum.amount,
                date=when,
            ),
        )
    ref = rules.sunday.ref
    if rules.sunday_studio_forbidden and day.studio:
        message = t(
            "Sunday work in a studio is forbidden ({name}, {date})", name=worker.name, date=when
        )
        return breach(
            ref,
            Severity.ERROR,
            worker.id,
            (date,),
            measured=hours_of(0),
            limit=hours_of(0),
            unit="h",
            message=message,
        )
    if rules.sunday_studio_forbidden and Derogation.IDCC3097_SUNDAY not in worker.derogations:
        message = t(
            "{name} works on Sunday {date}: allowed only on an exceptional authorisation, with a "
            "rest day on the next Monday or Friday",
            name=worker.name,
            date=when,
        )
        return breach(
            ref,
            Severity.WARNING,
            worker.id,
            (date,),
            measured=hours_of(0),
            limit=hours_of(0),
            unit="h",
            message=message,
        )
    message = t("{name} works on Sunday {date}", name=worker.name, date=when)
    return breach(
        ref,
        Severity.INFO,
        worker.id,
        (date,),
        measured=hours_of(0),
        limit=hours_of(0),
        unit="h",
        message=message,
    )


def _calendar(worker: Worker, day: WorkDay, rules: AgreementRules) -> Iterator[Violation]:
    for date, worked in sorted(minutes_by_date(work_spans(day, rules)).items()):
        if date.weekday() == SUNDAY:
            yield _sunday(worker, date, day, rules)
        holiday = french_public_holidays(date.year).get(date)
        if holiday is None:
            continue
        forbidden = rules.holidays.studio_forbidden and day.studio
        message = (
            t(
                "studio work on a public holiday is forbidden ({name}, {holiday}, {date})",
                name=worker.name,
                holiday=holiday,
                date=on_day(date),
            )
            if forbidden
            else t(
                "{name} works on a public holiday, {holiday} ({date})",
                name=worker.name,
                holiday=holiday,
                date=on_day(date),
            )
        )
        yield breach(
            rules.holidays.ref,
            Severity.ERROR if forbidden else Severity.INFO,
            worker.id,
            (date,),
            measured=hours_of(worked),
            limit=hours_of(0),
            unit="h",
            message=message,
        )


def day_checks(worker: Worker, day: WorkDay, rules: AgreementRules) -> Iterator[Violation]:
    """Every check that one day decides alone."""
    yield from _daily_max(worker, day, rules)
    yield from _amplitude(worker, day, rules)
    yield from _breaks(worker, day, rules)
    yield from _night(worker, day, rules)
    yield from _calendar(worker, day, rules)
