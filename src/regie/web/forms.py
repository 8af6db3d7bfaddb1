# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reading form fields that are numbers, dates or checkboxes: a bad value names its field
(``ValidationError``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from regie.core.errors import ValidationError
from regie.core.text import t

MAX_INT = 2**31 - 1


def whole_number(text: str, field: str) -> int:
    """``text`` as a whole number (record ids and versions sent back by our own forms)."""
    cleaned = text.strip()
    if not cleaned.isdigit() or int(cleaned) > MAX_INT:
        raise ValidationError(t("'{text}' is not a whole number", text=text), field=field)
    return int(cleaned)


def optional_quantity(text: str) -> int | None:
    """An element's quantity: blank for none, else a whole number (the service checks ≥ 1)."""
    cleaned = text.strip()
    if not cleaned:
        return None
    sign = -1 if cleaned.startswith("-") else 1
    digits = cleaned.removeprefix("-").strip()
    if not digits.isdigit() or int(digits) > MAX_INT:
        raise ValidationError(
            t("'{text}' is not a quantity", text=text),
            field="quantity",
            hint=t("Write a whole number, or nothing"),
        )
    return sign * int(digits)


def optional_whole_number(text: str, field: str) -> int | None:
    """A whole number, or ``None`` for a blank field."""
    return whole_number(text, field) if text.strip() else None


def optional_date(text: str, field: str) -> dt.date | None:
    """A date as ``<input type="date">`` sends it (``2027-03-01``), ``None`` when blank."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        return dt.date.fromisoformat(cleaned)
    except ValueError:
        raise ValidationError(
            t("'{raw}' is not a date (YYYY-MM-DD)", raw=text), field=field
        ) from None


def required_date(text: str, field: str) -> dt.date:
    found = optional_date(text, field)
    if found is None:
        raise ValidationError(t("a value is required"), field=field)
    return found


def optional_decimal(text: str, field: str) -> Decimal | None:
    """A decimal number (``48.39``, or ``48,39`` as French keyboards write it; spaces
    between thousands allowed), ``None`` when blank."""
    cleaned = "".join(text.split()).replace("\u202f", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(t("'{value}' is not a number", value=text), field=field) from None
    if not value.is_finite():
        raise ValidationError(t("'{value}' is not a number", value=text), field=field)
    return value


def required_decimal(text: str, field: str) -> Decimal:
    found = optional_decimal(text, field)
    if found is None:
        raise ValidationError(t("a value is required"), field=field)
    return found


def checked(text: str) -> bool:
    """A checkbox: sent (``on``, ``1``, ``true``) or not."""
    return text.strip().lower() in ("on", "1", "true", "yes")
