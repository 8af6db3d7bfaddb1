# SPDX-License-Identifier: AGPL-3.0-or-later
"""Script length in eighths of a page (the stripboard's unit).

A length is a plain ``int`` of eighths; these helpers read and write the customary
"1 3/8" notation (whole pages, a space, then n/8; "3/8" when under a page; "1" when whole).
"""

from __future__ import annotations

import re

from regie.core.errors import ValidationError
from regie.core.text import t

EIGHTHS_PER_PAGE = 8

_EIGHTHS = re.compile(r"^\s*(?:(\d+)(?:\s+|$))?(?:(\d+)\s*/\s*8)?\s*$")


def format_eighths(eighths: int) -> str:
    """``11`` → ``"1 3/8"``; ``3`` → ``"3/8"``; ``16`` → ``"2"``; ``0`` → ``"0"``."""
    if eighths < 0:
        raise ValidationError(
            t("a length cannot be negative ({eighths} eighths)", eighths=eighths),
            field="eighths",
        )
    pages, rest = divmod(eighths, EIGHTHS_PER_PAGE)
    if rest == 0:
        return str(pages)
    if pages == 0:
        return f"{rest}/8"
    return f"{pages} {rest}/8"


def parse_eighths(text: str) -> int:
    """Inverse of :func:`format_eighths`; accepts ``"1 3/8"``, ``"3/8"``, ``"2"``, ``"1 8/8"``."""
    match = _EIGHTHS.match(text)
    if not match or (match.group(1) is None and match.group(2) is None):
        raise ValidationError(
            t("'{text}' is not a page length in eighths", text=text),
            field="eighths",
            hint=t("Write whole pages and eighths, e.g. '1 3/8' or '5/8'"),
        )
    pages = int(match.group(1) or 0)
    rest = int(match.group(2) or 0)
    return pages * EIGHTHS_PER_PAGE + rest


def eighths_to_pages(eighths: int) -> float:
    """For display and statistics only (never stored)."""
    return eighths / EIGHTHS_PER_PAGE
