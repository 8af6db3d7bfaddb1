# SPDX-License-Identifier: AGPL-3.0-or-later
"""Working days as integers: the table the critical-path method counts on.

A :class:`WorkingDays` lists the working days of a :class:`~regie.office.planning.model.
WorkWeek` between two dates (French public holidays from :mod:`regie.core.calendar`);
a working day is then its position in the list, so "five working days later" is ``+ 5``.
"""

from __future__ import annotations

import bisect
import datetime as dt

from regie.core.calendar import french_public_holidays
from regie.core.errors import InputError
from regie.core.text import t
from regie.office.planning.model import WorkWeek


class WorkingDays:
    """The working days from ``first`` to ``last`` (both included), indexed from 0."""

    __slots__ = ("_days", "week")

    def __init__(self, week: WorkWeek, first: dt.date, last: dt.date) -> None:
        self.week = week
        off: set[dt.date] = set(week.days_off)
        if week.french_holidays:
            for year in range(first.year, last.year + 1):
                off.update(french_public_holidays(year))
        days: list[dt.date] = []
        day = first
        while day <= last:
            if day.weekday() in week.weekdays and day not in off:
                days.append(day)
            day += dt.timedelta(days=1)
        self._days = days

    def __len__(self) -> int:
        return len(self._days)

    def is_working(self, day: dt.date) -> bool:
        i = bisect.bisect_left(self._days, day)
        return i < len(self._days) and self._days[i] == day

    def on_or_after(self, day: dt.date) -> int:
        """The index of ``day``, or of the next working day when it is off."""
        return self._inside(bisect.bisect_left(self._days, day), day)

    def on_or_before(self, day: dt.date) -> int:
        """The index of ``day``, or of the working day before it when it is off."""
        return self._inside(bisect.bisect_right(self._days, day) - 1, day)

    def day(self, index: int) -> dt.date:
        return self._days[self._inside(index, None)]

    def between(self, after: dt.date, until: dt.date) -> int:
        """Working days in ``(after, until]`` (negative when ``until`` comes first)."""
        if until >= after:
            return bisect.bisect_right(self._days, until) - bisect.bisect_right(self._days, after)
        return -self.between(until, after)

    def _inside(self, index: int, day: dt.date | None) -> int:
        if 0 <= index < len(self._days):
            return index
        first, last = (self._days[0], self._days[-1]) if self._days else (None, None)
        raise InputError(
            t(
                "the plan reaches beyond the dates it can count ({first} to {last})",
                first=first.isoformat() if first else "—",
                last=last.isoformat() if last else "—",
            ),
            where=day.isoformat() if day else None,
            hint=t("Check the dates and durations of the plan: one of them is far off"),
        )
