# SPDX-License-Identifier: AGPL-3.0-or-later
"""Time on the board: which dates are shoot days, and how long a strip takes to shoot.

A strip's estimated time comes from its length: ``eighths / 8`` pages at the production's
pace of ``pages_per_day`` pages in a standard day of ``day_minutes`` minutes, rounded up to
five minutes (at least five); a per-scene override wins.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, Decimal

from regie.core.calendar import french_public_holidays
from regie.core.errors import ValidationError
from regie.core.text import t
from regie.schedule.model import Calendar

ROUNDING_MINUTES = 5


def is_shoot_date(calendar: Calendar, day: dt.date) -> bool:
    if day < calendar.start or day in calendar.days_off:
        return False
    if day.weekday() >= calendar.days_per_week:  # 5 → Mon–Fri, 6 → Mon–Sat, 7 → all
        return False
    return calendar.work_on_holidays or day not in french_public_holidays(day.year)


def shoot_dates(calendar: Calendar, count: int) -> tuple[dt.date, ...]:
    """The first ``count`` shoot dates of ``calendar``."""
    if not 5 <= calendar.days_per_week <= 7:
        raise ValidationError(
            t("a shooting week has 5, 6 or 7 days, not {days}", days=calendar.days_per_week),
            field="days_per_week",
        )
    if count < 0:
        raise ValidationError(t("the number of shoot days cannot be negative"), field="days")
    dates: list[dt.date] = []
    day = calendar.start
    limit = calendar.start + dt.timedelta(days=366 * 3)
    while len(dates) < count:
        if day > limit:
            raise ValidationError(
                t("the calendar has fewer than {count} shoot days in three years", count=count),
                field="calendar",
                hint=t("Remove days off or allow more working days a week"),
            )
        if is_shoot_date(calendar, day):
            dates.append(day)
        day += dt.timedelta(days=1)
    return tuple(dates)


def strip_minutes(
    eighths: int, *, pages_per_day: Decimal, day_minutes: int, override: int | None = None
) -> int:
    """Estimated shooting minutes of a scene (see the module docstring)."""
    if override is not None:
        if override <= 0:
            raise ValidationError(
                t("a scene's shooting time must be positive, not {minutes} min", minutes=override),
                field="minutes",
            )
        return override
    if pages_per_day <= 0:
        raise ValidationError(
            t("the pace must be a positive number of pages a day, not {pace}", pace=pages_per_day),
            field="pages_per_day",
        )
    raw = Decimal(eighths) / 8 / pages_per_day * day_minutes / ROUNDING_MINUTES
    return max(1, int(raw.to_integral_value(rounding=ROUND_CEILING))) * ROUNDING_MINUTES
