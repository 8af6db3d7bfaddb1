# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reading form fields that are numbers: a bad value names its field (``ValidationError``)."""

from __future__ import annotations

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
