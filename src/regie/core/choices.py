# SPDX-License-Identifier: AGPL-3.0-or-later
"""One of an enumeration's values, read from text a user typed or a form sent: a value
that is not one of them names its field and lists the accepted ones (``ValidationError``)."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from regie.core.errors import ValidationError
from regie.core.text import t

__all__ = ["choice"]

E = TypeVar("E", bound=StrEnum)


def choice(kind: type[E], raw: str, field: str) -> E:
    """The member of ``kind`` whose value is ``raw`` (surrounding spaces and letter case
    aside)."""
    cleaned = raw.strip()
    for candidate in (cleaned, cleaned.lower()):
        try:
            return kind(candidate)
        except ValueError:
            continue
    raise ValidationError(
        t("'{value}' is not one of {allowed}", value=raw,
          allowed=", ".join(k.value for k in kind)),
        field=field,
    )  # fmt: skip
