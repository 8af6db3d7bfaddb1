# SPDX-License-Identifier: AGPL-3.0-or-later
"""Checks of what a user enters for a schedule version, made before any transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from regie.core.errors import ValidationError
from regie.core.text import t
from regie.schedule.catalog import ScheduleSettings
from regie.schedule.model import Calendar, Weights
from regie.schedule.timing import shoot_dates

MAX_NAME = 200
MAX_DAYS = 400
CENT = Decimal("0.01")


def clock_time(raw: object, field: str) -> dt.time:
    """``"08:00"`` (a rule pack value or a form field) as a time of day."""
    if isinstance(raw, dt.time):
        return raw
    try:
        return dt.time.fromisoformat(str(raw))
    except ValueError:
        raise ValidationError(
            t("'{value}' is not a time of day (HH:MM)", value=raw), field=field
        ) from None


def money_like(value: Decimal, field: str) -> Decimal:
    """A non-negative amount with at most two decimals (euros and cents)."""
    if not value.is_finite() or value < 0 or value != value.quantize(CENT):
        raise ValidationError(
            t("{value} is not an amount in euros and cents", value=value),
            field=field,
            hint=t("Write a positive number with at most two decimals"),
        )
    return value


def _range(value: int, low: int, high: int, field: str) -> None:
    if not low <= value <= high:
        raise ValidationError(
            t("{field} must be between {low} and {high}, not {value}",
              field=field, low=low, high=high, value=value),
            field=field,
        )  # fmt: skip


def check_weights(weights: Weights) -> None:
    for name in (
        "holding_day",
        "company_move",
        "location_revisit",
        "day_night_switch",
        "overtime_minute",
    ):
        money_like(getattr(weights, name), f"weights.{name}")


def check_settings(settings: ScheduleSettings, days_off: frozenset[dt.date]) -> None:
    """Refuse settings a schedule cannot work with, naming the field."""
    name = settings.name.strip()
    if not name or len(name) > MAX_NAME:
        raise ValidationError(
            t("the name must have 1 to {max} characters", max=MAX_NAME), field="name"
        )
    if settings.days_per_week not in (5, 6):
        raise ValidationError(
            t("a shooting week has 5 or 6 days, not {days}", days=settings.days_per_week),
            field="days_per_week",
            hint=t("French law gives every worker a weekly rest day"),
        )
    _range(settings.day_count, 1, MAX_DAYS, "day_count")
    _range(settings.day_minutes, 60, 24 * 60, "day_minutes")
    _range(settings.max_overtime_minutes, 0, 12 * 60, "max_overtime_minutes")
    _range(settings.default_travel_minutes, 0, 12 * 60, "default_travel_minutes")
    pace = settings.pages_per_day
    if not pace.is_finite() or not Decimal(0) < pace <= 100 or pace != pace.quantize(CENT):
        raise ValidationError(
            t("the pace must be more than 0 and at most 100 pages a day, in hundredths"),
            field="pages_per_day",
        )
    check_weights(settings.weights)
    calendar = Calendar(settings.start, settings.days_per_week, days_off, settings.work_on_holidays)
    shoot_dates(calendar, settings.day_count)  # refuses a calendar without enough days
