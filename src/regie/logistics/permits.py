# SPDX-License-Identifier: AGPL-3.0-or-later
"""Permit deadlines: the last day to send a request to an authority, counted back from the
first shoot day the permit covers with the lead time of the ``permit-lead-times`` pack.

A lead time counts calendar days, or working days (Monday to Friday, French public
holidays skipped: :func:`regie.core.calendar.french_public_holidays`). Every deadline
names the pack value it came from (``pack@version``, status, sources).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from regie.core.calendar import french_public_holidays
from regie.core.errors import RuleError, ValidationError
from regie.core.text import t
from regie.rules.pack import RulePack, Status

PACK_ID = "permit-lead-times"
PREFIX = "authority."
BASES = ("calendar", "working")


@dataclass(frozen=True, slots=True)
class LeadTime:
    """How long before the first shoot day an authority wants the request."""

    authority: str  # the kind: town_hall, rail...
    days: int
    working_days: bool  # True: Monday–Friday, public holidays skipped
    label_fr: str
    label_en: str
    status: Status
    citation: str  # "customary — Film France..." (RuleValue.citation)
    note: str
    rule: str  # "permit-lead-times@2026.1"

    def label(self, locale: str) -> str:
        return self.label_en if locale.startswith("en") else self.label_fr


def lead_times(pack: RulePack, on: dt.date | None = None) -> dict[str, LeadTime]:
    """Every authority kind of the pack with its lead time valid on ``on``."""
    found: dict[str, LeadTime] = {}
    for key in sorted({entry.key for entry in pack}):
        if key.startswith(PREFIX):
            kind = key.removeprefix(PREFIX)
            found[kind] = _lead_time(pack, kind, on)
    return found


def _lead_time(pack: RulePack, kind: str, on: dt.date | None) -> LeadTime:
    entry = pack.value(PREFIX + kind, on)
    raw = entry.value
    where = t("rule {key}", key=entry.key)
    if not isinstance(raw, dict) or not {"days", "basis"} <= set(raw):
        raise RuleError(
            t("a lead time needs 'days' and 'basis'"), where=where, hint=t("Fix the rule pack file")
        )
    days = entry.decimal("days")
    if days != days.to_integral_value() or days < 0:
        raise RuleError(
            t("a lead time is a whole number of days, not {days}", days=days), where=where
        )
    basis = str(raw["basis"])
    if basis not in BASES:
        raise RuleError(
            t("unknown basis '{basis}'", basis=basis),
            where=where,
            hint=t("Use calendar or working"),
        )
    return LeadTime(
        authority=kind,
        days=int(days),
        working_days=basis == "working",
        label_fr=str(raw.get("label_fr") or kind),
        label_en=str(raw.get("label_en") or kind),
        status=entry.status,
        citation=entry.citation(),
        note=entry.note or "",
        rule=pack.ref,
    )


def lead_time(pack: RulePack, authority: str, on: dt.date | None = None) -> LeadTime:
    """The lead time of ``authority``, or a ``ValidationError`` listing the known kinds."""
    known = lead_times(pack, on)
    if authority not in known:
        raise ValidationError(
            t(
                "'{authority}' is not an authority of {pack} ({known})",
                authority=authority,
                pack=pack.ref,
                known=", ".join(sorted(known)),
            ),
            field="authority",
            hint=t("Choose one of the listed kinds, or load a pack that defines it"),
        )
    return known[authority]


def _is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in french_public_holidays(day.year)


def deadline(first_shoot_day: dt.date, lead: LeadTime) -> dt.date:
    """The last day the request may be sent: ``lead.days`` days before
    ``first_shoot_day`` (working days: that many working days strictly before it)."""
    if not lead.working_days:
        return first_shoot_day - dt.timedelta(days=lead.days)
    day, left = first_shoot_day, lead.days
    while left > 0:
        day -= dt.timedelta(days=1)
        if _is_working_day(day):
            left -= 1
    return day


def first_covered(
    dates: Iterable[dt.date], start: dt.date | None, end: dt.date | None
) -> dt.date | None:
    """The first of ``dates`` in ``start``..``end`` (every date when the period is open);
    else ``start`` itself, else ``None``."""
    inside = sorted(d for d in dates if start is None or end is None or start <= d <= end)
    if inside:
        return inside[0]
    return start
