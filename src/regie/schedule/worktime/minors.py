# SPDX-License-Identifier: AGPL-3.0-or-later
"""Checks for workers under 18: night bans by age (and the window no derogation opens),
children's daily hour caps, breaks, Sundays and holidays, the minimum age.

The caps and the Sunday/holiday rule come from secondary sources only (minors-worktime
pack): they warn, and the message names their status, since the préfet's individual
authorisation sets the real hours. The night bans are errors, or warnings outside
0:00–4:00 when the production declares the derogation for performance.
"""

from __future__ import annotations

from collections.abc import Iterator

from regie.core.calendar import french_public_holidays
from regie.core.text import Text, on_day, t
from regie.schedule.worktime.checks_day import SUNDAY
from regie.schedule.worktime.model import Derogation, WorkDay, Worker
from regie.schedule.worktime.nightwork import fixed_windows
from regie.schedule.worktime.results import STATUS_LABELS, Severity, Violation, breach, hm, hours_of
from regie.schedule.worktime.rules_minors import MinorsRules
from regie.schedule.worktime.rules_model import AgreementRules
from regie.schedule.worktime.timeline import minutes_by_date, overlap, stretches, work_spans

ADULT = 18


def _night(
    worker: Worker, day: WorkDay, age: int, rules: AgreementRules, minors: MinorsRules
) -> Iterator[Violation]:
    spans = work_spans(day, rules)
    absolute = minors.absolute_night
    forbidden = sum(
        overlap(spans, n.span.start, n.span.end)
        for n in fixed_windows(day, absolute.start, absolute.end)
    )
    ban = minors.night_ban(age)
    banned = (
        sum(
            overlap(spans, n.span.start, n.span.end) for n in fixed_windows(day, ban.start, ban.end)
        )
        if ban
        else 0
    )
    derogation = Derogation.MINOR_NIGHT in worker.derogations
    params = {"name": worker.name, "age": age, "date": on_day(day.date)}
    if forbidden and (derogation or ban is None):
        yield breach(
            absolute.ref,
            Severity.ERROR,
            worker.id,
            (day.date,),
            measured=hours_of(forbidden),
            limit=hours_of(0),
            unit="h",
            message=t(
                "{name}, aged {age}, works {worked} between {start} and {end} on {date}: "
                "forbidden even with a derogation",
                worked=hm(forbidden),
                start=absolute.start.strftime("%H:%M"),
                end=absolute.end.strftime("%H:%M"),
                **params,
            ),
        )
    if ban is None or not banned:
        return
    window = {"start": ban.start.strftime("%H:%M"), "end": ban.end.strftime("%H:%M")}
    if derogation:
        outside = banned - forbidden
        if outside > 0:
            yield breach(
                ban.ref,
                Severity.WARNING,
                worker.id,
                (day.date,),
                measured=hours_of(outside),
                limit=hours_of(0),
                unit="h",
                message=t(
                    "{name}, aged {age}, works {worked} between {start} and {end} on {date}: "
                    "allowed only under the declared derogation for performance",
                    worked=hm(outside),
                    **window,
                    **params,
                ),
            )
        return
    yield breach(
        ban.ref,
        Severity.ERROR,
        worker.id,
        (day.date,),
        measured=hours_of(banned),
        limit=hours_of(0),
        unit="h",
        message=t(
            "{name}, aged {age}, works {worked} between {start} and {end} on {date}: night "
            "work is forbidden at that age",
            worked=hm(banned),
            **window,
            **params,
        ),
    )


def _caps(
    worker: Worker, day: WorkDay, age: int, rules: AgreementRules, minors: MinorsRules
) -> Iterator[Violation]:
    found = minors.cap(age, school_holiday=day.school_holiday)
    if found is None:
        return
    cap, ref = found
    spans = work_spans(day, rules)
    worked = sum(s.minutes for s in spans)
    params = {
        "name": worker.name,
        "age": age,
        "date": on_day(day.date),
        "status": STATUS_LABELS[ref.status],
    }
    if worked > cap.high:
        yield breach(
            ref,
            Severity.WARNING,
            worker.id,
            (day.date,),
            measured=hours_of(worked),
            limit=hours_of(cap.high),
            unit="h",
            message=t(
                "{name}, aged {age}, works {worked} on {date}; the daily cap is {limit} "
                "({status}, verify against the authorisation)",
                worked=hm(worked),
                limit=hm(cap.high),
                **params,
            ),
        )
    elif worked > cap.low:
        yield breach(
            ref,
            Severity.WARNING,
            worker.id,
            (day.date,),
            measured=hours_of(worked),
            limit=hours_of(cap.low),
            unit="h",
            message=t(
                "{name}, aged {age}, works {worked} on {date}: over {low}, within {high}; sources "
                "disagree for school holidays ({status}, verify against the authorisation)",
                worked=hm(worked),
                low=hm(cap.low),
                high=hm(cap.high),
                **params,
            ),
        )
    if cap.break_after is not None:
        longest = max((w for _, w in stretches(day, rules, 1)), default=0)
        if longest > cap.break_after:
            yield breach(
                ref,
                Severity.WARNING,
                worker.id,
                (day.date,),
                measured=hours_of(longest),
                limit=hours_of(cap.break_after),
                unit="h",
                message=t(
                    "{name}, aged {age}, works {worked} without a break on {date}; a break is due "
                    "after {limit} ({status}, verify against the authorisation)",
                    worked=hm(longest),
                    limit=hm(cap.break_after),
                    **params,
                ),
            )


def _calendar(
    worker: Worker, day: WorkDay, rules: AgreementRules, minors: MinorsRules
) -> Iterator[Violation]:
    for date, _worked in sorted(minutes_by_date(work_spans(day, rules)).items()):
        age = worker.age_on(date)
        if age is None or age >= minors.sundays_under_years:
            continue
        holiday = french_public_holidays(date.year).get(date)
        agreement_forbids = (
            rules.sunday_minimum_age is not None and age < rules.sunday_minimum_age.amount
        )
        what: Text | str | None = None
        if date.weekday() == SUNDAY and not agreement_forbids:
            what = t("Sunday")
        elif holiday:
            what = holiday
        if what is None:
            continue
        ref = minors.sundays_ref
        yield breach(
            ref,
            Severity.WARNING,
            worker.id,
            (date,),
            measured=hours_of(0),
            limit=hours_of(0),
            unit="h",
            message=t(
                "{name}, aged {age}, works on {day} ({date}): children do not work on Sundays and "
                "public holidays in recorded media ({status}, verify)",
                name=worker.name,
                age=age,
                day=what,
                date=on_day(date),
                status=STATUS_LABELS[ref.status],
            ),
        )


def minor_checks(
    worker: Worker, day: WorkDay, rules: AgreementRules, minors: MinorsRules
) -> Iterator[Violation]:
    """The checks of one day of a worker who is under 18 on that day."""
    age = worker.age_on(day.date)
    if age is None or age >= ADULT:
        return
    months = worker.age_in_months_on(day.date)
    if months is not None and months < minors.minimum_age_months:
        ref = minors.minimum_age_ref
        yield breach(
            ref,
            Severity.WARNING,
            worker.id,
            (day.date,),
            measured=hours_of(0),
            limit=hours_of(0),
            unit="h",
            message=t(
                "{name} is {months} months old on {date}; children under {limit} months are not "
                "engaged ({status}, verify)",
                name=worker.name,
                months=months,
                date=on_day(day.date),
                limit=minors.minimum_age_months,
                status=STATUS_LABELS[ref.status],
            ),
        )
    yield from _night(worker, day, age, rules, minors)
    yield from _caps(worker, day, age, rules, minors)
    yield from _calendar(worker, day, rules, minors)
