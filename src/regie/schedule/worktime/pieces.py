# SPDX-License-Identifier: AGPL-3.0-or-later
"""The plan cut into homogeneous pieces of effective work, for the premium computation.

A piece never straddles a local midnight, a night-window edge, a daily threshold (the 10th
shooting hour, the 8th hour of a short contract…), a weekly threshold (the 35th hour and
each overtime band), the 8th hour of a night, or the end of a rest window: every premium is
either on or off for the whole piece, so a premium's hours are a sum of piece minutes. Each
piece knows how much work came before it in its day, its civil week and its night.

Weekly offsets follow time order ("overtime is the last hours of the week"); the hours of a
6th day in the Paris region (IDCC 3097 art. 39) stay out of the weekly count, since that
day's premium replaces the weekly ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from regie.schedule.worktime.checks_rest import RestWindow
from regie.schedule.worktime.model import WorkDay, Worker, local
from regie.schedule.worktime.nightwork import Night, night_of, nights
from regie.schedule.worktime.rules_model import AgreementRules
from regie.schedule.worktime.timeline import (
    Span,
    cut,
    instant_after,
    local_midnights,
    monday,
    work_spans,
)


@dataclass(frozen=True, slots=True)
class Piece:
    span: Span
    day: WorkDay
    date: dt.date  # local date of the piece
    day_offset: int  # effective minutes of the work day before the piece
    week_offset: int | None  # … of the civil week (None: a 6th day, outside the count)
    night: Night | None
    night_offset: int  # … of the same night window
    rest: RestWindow | None  # the rest window the piece cuts into (highest rate)
    sixth_day: bool

    @property
    def minutes(self) -> int:
        return self.span.minutes


def sixth_days(days: Sequence[WorkDay], rules: AgreementRules) -> frozenset[dt.date]:
    """IDCC 3097 art. 39: the 6th day of a civil week in the Paris region."""
    if rules.sixth_day is None:
        return frozenset()
    weeks: dict[dt.date, list[WorkDay]] = {}
    for day in days:
        weeks.setdefault(monday(day.date), []).append(day)
    return frozenset(
        in_week[5].date
        for in_week in weeks.values()
        if len(in_week) >= 6 and not all(d.away_from_home for d in in_week)
    )


def _daily_offsets(rules: AgreementRules) -> set[int]:
    offsets: set[int] = set()
    for banded in (rules.long_day, rules.daily_overrun, rules.day_engagement):
        if banded is not None:
            offsets |= {b.start for b in banded.bands} | {b.end for b in banded.bands if b.end}
    return offsets


def _weekly_offsets(rules: AgreementRules) -> set[int]:
    overtime = rules.overtime
    edges = {0} | {b.start for b in overtime.bands} | {b.end for b in overtime.bands if b.end}
    edges |= {b.start for b in overtime.legal_floor} | {
        b.end for b in overtime.legal_floor if b.end
    }
    if overtime.cddu_first and overtime.cddu_first.end:
        edges.add(overtime.cddu_first.end)
    if overtime.listed_from is not None:
        edges.add(overtime.listed_from)
    return {overtime.threshold + edge for edge in edges}


def _by_week(
    spans: list[tuple[Span, WorkDay]], excluded: frozenset[dt.date]
) -> dict[dt.date, list[Span]]:
    weeks: dict[dt.date, list[Span]] = {}
    for span, day in spans:
        if day.date in excluded:
            continue
        for piece in cut([span], local_midnights(span.start, span.end)):
            weeks.setdefault(monday(local(piece.start).date()), []).append(piece)
    return {week: sorted(found) for week, found in weeks.items()}


def cut_plan(
    worker: Worker, days: Sequence[WorkDay], rules: AgreementRules, windows: Sequence[RestWindow]
) -> list[Piece]:
    """The plan's effective work as pieces, in time order."""
    sixth = sixth_days(days, rules)
    per_day = [(day, work_spans(day, rules)) for day in days]
    day_nights = {day.date: nights(rules.night, worker.genre, day) for day in days}
    instants: set[dt.datetime] = set()
    night_spans: dict[dt.date, list[Span]] = {}
    daily = _daily_offsets(rules)
    for day, spans in per_day:
        if not spans:
            continue
        instants.update(local_midnights(spans[0].start, spans[-1].end))
        instants.update(i for o in daily if (i := instant_after(spans, o)) is not None)
        for night in day_nights[day.date]:
            instants.update((night.span.start, night.span.end))
            night_spans.setdefault(night.evening, []).extend(
                clipped for s in spans if (clipped := s.clip(night.span.start, night.span.end))
            )
    for window in windows:
        instants.update((window.start, window.end))
    all_spans = [(span, day) for day, spans in per_day for span in spans]
    weekly = _weekly_offsets(rules)
    for week_spans in _by_week(all_spans, sixth).values():
        instants.update(i for o in weekly if (i := instant_after(week_spans, o)) is not None)
    first_night = rules.night.first_minutes
    if first_night is not None:
        for found in night_spans.values():
            if (i := instant_after(sorted(found), first_night)) is not None:
                instants.add(i)
    return _attribute(per_day, sixth, day_nights, instants, windows)


def _attribute(
    per_day: list[tuple[WorkDay, tuple[Span, ...]]],
    sixth: frozenset[dt.date],
    day_nights: dict[dt.date, list[Night]],
    instants: set[dt.datetime],
    windows: Sequence[RestWindow],
) -> list[Piece]:
    pieces: list[Piece] = []
    week_done: dict[dt.date, int] = {}
    night_done: dict[dt.date, int] = {}
    for day, spans in per_day:
        day_done = 0
        for span in cut(spans, instants):
            date = local(span.start).date()
            week = monday(date)
            night = night_of(day_nights[day.date], span.start)
            inside = [w for w in windows if w.start <= span.start < w.end]
            rest = max(inside, key=lambda w: w.rate, default=None)
            is_sixth = day.date in sixth
            pieces.append(
                Piece(
                    span=span,
                    day=day,
                    date=date,
                    day_offset=day_done,
                    week_offset=None if is_sixth else week_done.get(week, 0),
                    night=night,
                    night_offset=night_done.get(night.evening, 0) if night else 0,
                    rest=rest,
                    sixth_day=is_sixth,
                )
            )
            day_done += span.minutes
            if not is_sixth:
                week_done[week] = week_done.get(week, 0) + span.minutes
            if night:
                night_done[night.evening] = night_done.get(night.evening, 0) + span.minutes
    return pieces
