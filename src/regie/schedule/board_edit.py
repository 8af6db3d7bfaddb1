# SPDX-License-Identifier: AGPL-3.0-or-later
"""Editing a stored board as the stripboard does: pack the script order into the days,
drag a strip to a day and a position, lock strips, change a day's kind, add or remove a
day. Pure functions from a :class:`~regie.schedule.catalog.BoardRecord` to the new days
and unscheduled strips; the services store the result.

* A **locked** strip stays on its day: it cannot be dragged, and its day cannot be removed.
* Removing a day puts its strips at the end of the **unscheduled** pool; the days after it
  move up one rank and take the calendar's dates of their new ranks (the caller passes
  the dates: a board's day ``i`` is always the calendar's ``i``-th shoot date).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from regie.core.errors import Conflict, NotFound, ValidationError
from regie.core.text import t
from regie.schedule.catalog import BoardDay, BoardRecord, BoardStrip
from regie.schedule.model import DayKind, ShootingProblem, StripSpec


@dataclass(frozen=True, slots=True)
class Layout:
    days: tuple[BoardDay, ...]
    unscheduled: tuple[BoardStrip, ...] = ()


def _fits(
    problem: ShootingProblem, strip: StripSpec, used: int, last: str | None, kinds: set[DayKind]
) -> bool:
    if strip.needs_night and DayKind.DAY in kinds:
        return False
    if strip.needs_day and DayKind.NIGHT in kinds:
        return False
    return used + problem.travel(last, strip.location) + strip.minutes <= problem.day_minutes


def pack(problem: ShootingProblem, labels: dict[str, str]) -> Layout:
    """Strips in the problem's (script) order, day after day: a day takes the next strip
    while its shooting and travel time stays within the standard day and its light fits
    (night exteriors on a night day, daylight exteriors on a day day); an empty day takes
    any strip. From the first strip that does not fit in the problem's dates, the rest
    stay unscheduled (in script order).

    Strip keys are scene ids as text; ``labels`` gives each key's scene label.
    """
    placed: list[list[str]] = []
    kinds: list[set[DayKind]] = []
    used = 0
    last: str | None = None
    leftover: list[str] = []
    for strip in problem.strips:
        if leftover:
            leftover.append(strip.key)
            continue
        if placed and _fits(problem, strip, used, last, kinds[-1]):
            used += problem.travel(last, strip.location) + strip.minutes
        elif len(placed) < len(problem.dates):
            placed.append([])
            kinds.append(set())
            used, last = strip.minutes, None
        else:
            leftover.append(strip.key)
            continue
        placed[-1].append(strip.key)
        last = strip.location or last
        if strip.needs_night:
            kinds[-1].add(DayKind.NIGHT)
        if strip.needs_day:
            kinds[-1].add(DayKind.DAY)
    days = [
        BoardDay(
            index,
            problem.dates[index],
            DayKind.NIGHT if index < len(kinds) and DayKind.NIGHT in kinds[index] else DayKind.DAY,
            tuple(BoardStrip(int(key), labels[key]) for key in placed[index])
            if index < len(placed)
            else (),
        )
        for index in range(len(problem.dates))
    ]
    return Layout(tuple(days), tuple(BoardStrip(int(k), labels[k]) for k in leftover))


def _find(record: BoardRecord, scene_id: int) -> BoardStrip:
    for strip in record.strips():
        if strip.scene_id == scene_id:
            return strip
    raise NotFound(t("scene #{id} is not on this board", id=scene_id), hint=t("Reload the board"))


def _day(record: BoardRecord, index: int) -> BoardDay:
    if not 0 <= index < len(record.days):
        raise ValidationError(
            t(
                "the board has days 1 to {count}, not day {day}",
                count=len(record.days),
                day=index + 1,
            ),
            field="day",
        )
    return record.days[index]


def move(record: BoardRecord, scene_id: int, day: int | None, position: int) -> Layout:
    """Put a strip on day ``day`` (0-based; ``None``: back to the unscheduled pool) at
    ``position`` among that day's strips (clamped to the day's end)."""
    strip = _find(record, scene_id)
    if strip.locked:
        raise Conflict(
            t("scene {scene} is locked on its day", scene=strip.label),
            hint=t("Unlock it before moving it"),
        )
    if day is not None:
        _day(record, day)
    if position < 0:
        raise ValidationError(t("a position on a day cannot be negative"), field="position")
    days = [
        dataclasses.replace(d, strips=tuple(s for s in d.strips if s.scene_id != scene_id))
        for d in record.days
    ]
    pool = [s for s in record.unscheduled if s.scene_id != scene_id]
    if day is None:
        pool.insert(min(position, len(pool)), strip)
    else:
        strips = list(days[day].strips)
        strips.insert(min(position, len(strips)), strip)
        days[day] = dataclasses.replace(days[day], strips=tuple(strips))
    return Layout(tuple(days), tuple(pool))


def set_locked(record: BoardRecord, scene_ids: Sequence[int], locked: bool) -> Layout:
    """Lock (or unlock) strips on their days; a strip not on a day cannot be locked."""
    wanted = set(scene_ids)
    for scene_id in wanted:
        _find(record, scene_id)
    for strip in record.unscheduled:
        if strip.scene_id in wanted and locked:
            raise ValidationError(
                t(
                    "scene {scene} is not on a day: put it on one before locking it",
                    scene=strip.label,
                ),
                field="scenes",
            )
    days = tuple(
        dataclasses.replace(
            d,
            strips=tuple(
                dataclasses.replace(s, locked=locked) if s.scene_id in wanted else s
                for s in d.strips
            ),
        )
        for d in record.days
    )
    return Layout(days, record.unscheduled)


def set_kind(record: BoardRecord, day: int, kind: DayKind) -> Layout:
    _day(record, day)
    days = list(record.days)
    days[day] = dataclasses.replace(days[day], kind=kind)
    return Layout(tuple(days), record.unscheduled)


def add_day(
    record: BoardRecord, at: int | None, dates: Sequence[dt.date], kind: DayKind = DayKind.DAY
) -> Layout:
    """An empty day inserted at rank ``at`` (``None``: after the last day); ``dates`` are
    the calendar's first ``len(days) + 1`` shoot dates."""
    index = len(record.days) if at is None else at
    if not 0 <= index <= len(record.days):
        raise ValidationError(
            t("a day can be added at ranks 1 to {count}", count=len(record.days) + 1),
            field="day",
        )
    days = list(record.days)
    days.insert(index, BoardDay(index, dates[index], kind))
    return Layout(_renumber(days, dates), record.unscheduled)


def remove_day(record: BoardRecord, day: int, dates: Sequence[dt.date]) -> Layout:
    """Remove a day; its strips go to the end of the unscheduled pool."""
    removed = _day(record, day)
    locked = [s.label for s in removed.strips if s.locked]
    if locked:
        raise Conflict(
            t("day {day} holds locked scenes ({scenes})", day=day + 1, scenes=", ".join(locked)),
            hint=t("Unlock them or move them to another day first"),
        )
    if len(record.days) == 1:
        raise ValidationError(t("a board keeps at least one day"), field="day")
    days = [d for d in record.days if d.index != day]
    return Layout(_renumber(days, dates), (*record.unscheduled, *removed.strips))


def redate(record: BoardRecord, dates: Sequence[dt.date]) -> Layout:
    """The same days on the calendar's dates (after the calendar changed)."""
    return Layout(_renumber(list(record.days), dates), record.unscheduled)


def _renumber(days: Sequence[BoardDay], dates: Sequence[dt.date]) -> tuple[BoardDay, ...]:
    return tuple(
        dataclasses.replace(day, index=index, date=dates[index]) for index, day in enumerate(days)
    )
