# SPDX-License-Identifier: AGPL-3.0-or-later
"""A work day laid out in time: its spans of effective work, its amplitude and the pieces a
premium computation cuts it into.

Effective work (*temps de travail effectif*) is call → wrap minus the breaks (meals and
pauses are never work time in either agreement) and minus the transport legs the agreement
does not count as work (IDCC 3097 art. 26/32: up to 2 h a day between meeting point and
set; IDCC 2642 VI.1.2 counts transport during the day as work). The amplitude is call →
wrap, breaks included, plus the day's travel where the agreement puts it inside the
amplitude (IDCC 3097). Spans are in UTC; the calendar is read in Europe/Paris.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from regie.core.calendar import PARIS
from regie.schedule.worktime.model import WorkDay, local, minutes_between, to_utc
from regie.schedule.worktime.rules_model import AgreementRules


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """``start`` → ``end`` in UTC, ``start`` before ``end``."""

    start: dt.datetime
    end: dt.datetime

    @property
    def minutes(self) -> int:
        return minutes_between(self.start, self.end)

    def clip(self, start: dt.datetime, end: dt.datetime) -> Span | None:
        low, high = max(self.start, start), min(self.end, end)
        return Span(low, high) if low < high else None


def transport_free(day: WorkDay, rules: AgreementRules) -> tuple[int, int]:
    """Minutes of the outbound and return legs that are not effective work."""
    allowance = rules.transport_free.amount if rules.transport_free else 0
    out_free = min(day.transport_out_minutes, allowance)
    back_free = min(day.transport_back_minutes, allowance - out_free)
    return out_free, back_free


def work_spans(day: WorkDay, rules: AgreementRules) -> tuple[Span, ...]:
    """The spans of effective work of ``day``, in time order."""
    out_free, back_free = transport_free(day, rules)
    start = to_utc(day.call) + dt.timedelta(minutes=out_free)
    end = to_utc(day.wrap) - dt.timedelta(minutes=back_free)
    spans: list[Span] = []
    cursor = start
    for pause in sorted(day.breaks, key=lambda b: to_utc(b.start)):
        pause_start, pause_end = max(to_utc(pause.start), start), min(to_utc(pause.end), end)
        if pause_start >= pause_end:
            continue
        if cursor < pause_start:
            spans.append(Span(cursor, pause_start))
        cursor = max(cursor, pause_end)
    if cursor < end:
        spans.append(Span(cursor, end))
    return tuple(spans)


def total(spans: Iterable[Span]) -> int:
    return sum(span.minutes for span in spans)


def effective_minutes(day: WorkDay, rules: AgreementRules) -> int:
    return total(work_spans(day, rules))


def amplitude_minutes(day: WorkDay, rules: AgreementRules) -> int:
    """Call → wrap, breaks and transport included (+ travel where the agreement says so)."""
    return day.span_minutes + (day.travel_minutes if rules.amplitude else 0)


def stretches(day: WorkDay, rules: AgreementRules, min_break: int) -> tuple[tuple[Span, int], ...]:
    """Continuous stretches of work: spans joined across breaks shorter than ``min_break``.

    Each stretch is ``(Span(first start, last end), effective minutes)``.
    """
    result: list[tuple[Span, int]] = []
    for span in work_spans(day, rules):
        if result and minutes_between(result[-1][0].end, span.start) < min_break:
            joined, worked = result[-1]
            result[-1] = (Span(joined.start, span.end), worked + span.minutes)
        else:
            result.append((span, span.minutes))
    return tuple(result)


def at_local(day: dt.date, moment: dt.time) -> dt.datetime:
    """``day`` at ``moment`` in Europe/Paris, as UTC."""
    return to_utc(dt.datetime.combine(day, moment, tzinfo=PARIS))


def local_midnights(start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    """The local midnights strictly inside ``start`` → ``end`` (UTC)."""
    result = []
    day = local(start).date() + dt.timedelta(days=1)
    while (midnight := at_local(day, dt.time())) < end:
        if midnight > start:
            result.append(midnight)
        day += dt.timedelta(days=1)
    return result


def instant_after(spans: Sequence[Span], offset: int) -> dt.datetime | None:
    """The instant at which ``offset`` minutes of ``spans`` have passed (``None`` if never)."""
    if offset <= 0:
        return spans[0].start if spans else None
    left = offset
    for span in spans:
        if left < span.minutes:
            return span.start + dt.timedelta(minutes=left)
        left -= span.minutes
    return spans[-1].end if left == 0 and spans else None


def cut(spans: Iterable[Span], instants: Iterable[dt.datetime]) -> list[Span]:
    """``spans`` split at every instant that falls strictly inside one of them."""
    points = sorted(set(instants))
    pieces: list[Span] = []
    for span in spans:
        start = span.start
        for point in points:
            if start < point < span.end:
                pieces.append(Span(start, point))
                start = point
        pieces.append(Span(start, span.end))
    return pieces


def overlap(spans: Iterable[Span], start: dt.datetime, end: dt.datetime) -> int:
    """Minutes of ``spans`` inside ``start`` → ``end``."""
    return sum(clipped.minutes for span in spans if (clipped := span.clip(start, end)))


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def minutes_by_date(spans: Iterable[Span]) -> dict[dt.date, int]:
    """Effective minutes per local calendar date (a night shoot counts on both dates)."""
    spans = list(spans)
    result: dict[dt.date, int] = {}
    for span in spans:
        for piece in cut([span], local_midnights(span.start, span.end)):
            day = local(piece.start).date()
            result[day] = result.get(day, 0) + piece.minutes
    return result
