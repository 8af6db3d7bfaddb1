# SPDX-License-Identifier: AGPL-3.0-or-later
"""What a rule of the schedule says, in the planner's words, for an explanation.

Dates are ISO (as in the board's violations); a run of consecutive shoot days reads
"2027-03-03 to 2027-03-05". People and places go by their names, scenes by their labels.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

from regie.core.text import Text, on_day, t
from regie.schedule.optimize_rules import Instance, Rule, RuleKind

_WEEKDAYS = (
    t("on Mondays"), t("on Tuesdays"), t("on Wednesdays"), t("on Thursdays"), t("on Fridays"),
    t("on Saturdays"), t("on Sundays"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ConflictItem:
    """One constraint taking part in a conflict: its kind, whom and what it concerns,
    the dates it allows (for availability, opening days, fixed dates and locks), and
    what it says."""

    kind: RuleKind
    strips: tuple[str, ...]
    cast: tuple[str, ...]
    locations: tuple[str, ...]
    dates: tuple[dt.date, ...]
    message: Text


@overload
def join(items: Sequence[Text], *, last: str = "and") -> Text: ...
@overload
def join(items: Sequence[Text | str], *, last: str = "and") -> Text | str: ...
def join(items: Sequence[Text | str], *, last: str = "and") -> Text | str:
    """``a, b and c`` (``last=";"``: ``a; b; c``)."""
    if len(items) == 1:
        return items[0]
    if last == ";":
        return t("{first}; {rest}", first=items[0], rest=join(items[1:], last=last))
    if len(items) > 2:
        return t("{first}, {rest}", first=items[0], rest=join(items[1:], last=last))
    return t("{first} and {second}", first=items[0], second=items[1])


def date_ranges(inst: Instance, days: Sequence[int]) -> Text:
    """Shoot days as runs of consecutive shoot days: ``from 2027-03-01 to 2027-03-03 and
    on 2027-03-08``."""
    dates = inst.problem.dates
    runs: list[list[int]] = []
    for d in sorted(days):
        if runs and runs[-1][-1] == d - 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    parts = [
        t("on {date}", date=on_day(dates[r[0]]))
        if len(r) == 1
        else t("from {start} to {end}", start=on_day(dates[r[0]]), end=on_day(dates[r[-1]]))
        for r in runs
    ]
    return join(parts)


def label(inst: Instance, key: str) -> str:
    strip = inst.strips.get(key)
    return strip.label if strip is not None else key


def describe(inst: Instance, rule: Rule, strips: tuple[str, ...] = ()) -> ConflictItem:
    """The rule as a conflict item; ``strips``: the scenes it concerns here (by default
    the rule's own scenes, or every scene of its cast member or place)."""
    kind, subject = rule.kind, rule.subject
    item = _describers[kind](inst, subject)
    own = item.strips or _scenes_of(inst, item)
    return ConflictItem(kind, strips or own, item.cast, item.locations, item.dates, item.message)


def _scenes_of(inst: Instance, item: ConflictItem) -> tuple[str, ...]:
    return tuple(
        key
        for key in inst.keys
        if set(item.cast) & set(inst.members[key]) or inst.strips[key].location in item.locations
    )


def _calendar(inst: Instance, subject: tuple[str, ...]) -> ConflictItem:
    return ConflictItem(RuleKind.CALENDAR, (), (), (), (), t("the calendar has no shoot day"))


def _cast(inst: Instance, subject: tuple[str, ...]) -> ConflictItem:
    (member,) = subject
    spec = inst.cast[member]
    free = [d for d, date in enumerate(inst.problem.dates) if spec.free_on(date)]
    message = (
        t("{name} is available only {dates}", name=spec.name, dates=date_ranges(inst, free))
        if free
        else t("{name} is available on no shoot day", name=spec.name)
    )
    dates = tuple(inst.problem.dates[d] for d in free)
    return ConflictItem(RuleKind.CAST_AVAILABILITY, (), (member,), (), dates, message)


def _place(inst: Instance, subject: tuple[str, ...]) -> ConflictItem:
    (key,) = subject
    place = inst.places[key]
    all_dates = inst.problem.dates
    open_days = [d for d, date in enumerate(all_dates) if place.open_on(date)]
    by_weekday = [d for d, date in enumerate(all_dates) if date.weekday() in place.open_weekdays]
    weekdays = [_WEEKDAYS[i] for i in sorted(place.open_weekdays)]
    if len(weekdays) < 7 and open_days == by_weekday:  # the opening days say it all
        message = t("{place} is open only {weekdays}", place=place.name, weekdays=join(weekdays))
    elif open_days:
        message = t(
            "{place} is available only {dates}",
            place=place.name,
            dates=date_ranges(inst, open_days),
        )
    else:
        message = t("{place} is open on no shoot day", place=place.name)
    dates = tuple(all_dates[d] for d in open_days)
    return ConflictItem(RuleKind.LOCATION_OPENING, (), (), (key,), dates, message)


def _fixed(inst: Instance, subject: tuple[str, ...]) -> ConflictItem:
    (key,) = subject
    date = inst.strips[key].fixed_date
    if date is None:  # pragma: no cover - only a fixed strip carries this rule
        raise ValueError(key)
    scene, iso = label(inst, key), on_day(date)
    message = (
        t("scene {scene} is fixed on {date}", scene=scene, date=iso)
        if date in inst.problem.dates
        else t("scene {scene} is fixed on {date}, which is not a shoot day", scene=scene, date=iso)
    )
    return ConflictItem(RuleKind.FIXED_DATE, (key,), (), (), (date,), message)


def _light(inst: Instance, subject: tuple[str, ...]) -> ConflictItem:
    (key,) = subject
    strip, scene = inst.strips[key], label(inst, key)
    if strip.needs_night and strip.needs_day:
        message = t("scene {scene} needs both a night day and daylight", scene=scene)
    elif strip.needs_night:
        message = t("scene {scene} needs a night day", scene=scene)
    else:
        message = t("scene {scene} needs daylight", scene=scene)
    return ConflictItem(RuleKind.NIGHT_DAY, (key,), (), (), (), message)


def _minor_night(inst: Instance, subject: tuple[str, ...]) -> ConflictItem:
    (member,) = subject
    name = inst.cast[member].name
    message = t("{name} is a minor and may not work a night day", name=name)
    return ConflictItem(RuleKind.MINOR_NIGHT, (), (member,), (), (), message)


def _minor_hours(inst: Instance, subject: tuple[str, ...]) -> ConflictItem:
    (member,) = subject
    name = inst.cast[member].name
    cap = inst.problem.minor_max_minutes[member]
    message = t("{name} is a minor and may work at most {cap} min a day", name=name, cap=cap)
    return ConflictItem(RuleKind.MINOR_HOURS, (), (member,), (), (), message)


def _day_length(inst: Instance, subject: tuple[str, ...]) -> ConflictItem:
    message = t(
        "a shoot day lasts at most {limit} min, overtime and travel included", limit=inst.limit
    )
    return ConflictItem(RuleKind.DAY_LENGTH, (), (), (), (), message)


def _precedence(inst: Instance, subject: tuple[str, ...]) -> ConflictItem:
    before, after = subject
    message = t(
        "scene {before} must be shot before scene {after}",
        before=label(inst, before),
        after=label(inst, after),
    )
    return ConflictItem(RuleKind.PRECEDENCE, subject, (), (), (), message)


def _same_day(inst: Instance, subject: tuple[str, ...]) -> ConflictItem:
    scenes = ", ".join(label(inst, k) for k in subject)
    message = t("scenes {scenes} must be shot the same day", scenes=scenes)
    return ConflictItem(RuleKind.SAME_DAY, subject, (), (), (), message)


def _locked(inst: Instance, subject: tuple[str, ...]) -> ConflictItem:
    if len(subject) == 2:  # two locked strips of a day, in their order
        before, after = subject
        message = t(
            "scene {before} is locked before scene {after}",
            before=label(inst, before),
            after=label(inst, after),
        )
        return ConflictItem(RuleKind.LOCKED, subject, (), (), (), message)
    (key,) = subject
    scene = label(inst, key)
    if key in inst.bad_locks:
        date = inst.bad_locks[key]
        message = t(
            "scene {scene} is locked on {date}, which is not a shoot day",
            scene=scene,
            date=on_day(date),
        )
    else:
        day = inst.locked[key]
        date = inst.problem.dates[day]
        message = t(
            "scene {scene} is locked on day {day} ({date})",
            scene=scene,
            day=day + 1,
            date=on_day(date),
        )
    return ConflictItem(RuleKind.LOCKED, subject, (), (), (date,), message)


_describers = {
    RuleKind.CALENDAR: _calendar,
    RuleKind.CAST_AVAILABILITY: _cast,
    RuleKind.LOCATION_OPENING: _place,
    RuleKind.FIXED_DATE: _fixed,
    RuleKind.NIGHT_DAY: _light,
    RuleKind.MINOR_NIGHT: _minor_night,
    RuleKind.MINOR_HOURS: _minor_hours,
    RuleKind.DAY_LENGTH: _day_length,
    RuleKind.PRECEDENCE: _precedence,
    RuleKind.SAME_DAY: _same_day,
    RuleKind.LOCKED: _locked,
}
