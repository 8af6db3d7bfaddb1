# SPDX-License-Identifier: AGPL-3.0-or-later
"""Night windows (*travail de nuit*): which hours of a day are night hours, by agreement,
genre, season, studio — and the stricter windows of minors.

A window is a local start and end time. One that crosses midnight (20:00–6:00) runs from
the evening of a date to the next morning; one that does not (0:00–7:00) is the morning
part of the night that began the evening before. Either way a night belongs to the date of
its evening, and that date picks the season (IDCC 2642 VI.10: winter is 21 December to
20 March; IDCC 3097 art. 40: 1 October to 31 March).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from regie.schedule.worktime.model import Genre, WorkDay, local, to_utc
from regie.schedule.worktime.rules_model import NightRule
from regie.schedule.worktime.timeline import Span, at_local

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Night:
    """The night window that began on the evening of ``evening``, in UTC."""

    evening: dt.date
    span: Span


def window_on(evening: dt.date, start: dt.time, end: dt.time) -> Span:
    """The window ``start`` → ``end`` of the night that begins on the evening ``evening``."""
    if start > end:
        return Span(at_local(evening, start), at_local(evening + ONE_DAY, end))
    return Span(at_local(evening + ONE_DAY, start), at_local(evening + ONE_DAY, end))


def agreement_window(
    rule: NightRule, genre: Genre, evening: dt.date, *, studio: bool
) -> tuple[dt.time, dt.time]:
    """The night window of the agreement for a genre on the night of ``evening``."""
    if genre in rule.seasonal_genres:
        for season in rule.seasons:
            if season.holds(evening):
                start = season.studio_start if studio and season.studio_start else season.start
                return start, season.end
    return rule.general


def evenings_around(day: WorkDay) -> list[dt.date]:
    """The evenings whose night may touch ``day`` (the day before to the wrap's date)."""
    first = day.date - ONE_DAY
    last = local(day.wrap).date()
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def nights(rule: NightRule, genre: Genre, day: WorkDay) -> list[Night]:
    """The agreement's night windows that may touch ``day``."""
    result = []
    for evening in evenings_around(day):
        start, end = agreement_window(rule, genre, evening, studio=day.studio)
        result.append(Night(evening, window_on(evening, start, end)))
    return result


def fixed_windows(day: WorkDay, start: dt.time, end: dt.time) -> list[Night]:
    """A fixed local window (a minors' ban) for the nights that may touch ``day``."""
    return [Night(e, window_on(e, start, end)) for e in evenings_around(day)]


def night_of(nights_: list[Night], moment: dt.datetime) -> Night | None:
    """The night whose window holds ``moment`` (UTC), if any."""
    moment = to_utc(moment)
    return next((n for n in nights_ if n.span.start <= moment < n.span.end), None)
