# SPDX-License-Identifier: AGPL-3.0-or-later
"""The ``minors-worktime`` rule pack read into typed rules: night bans by age, the daily hour
caps of children (secondary sources, conflicting for school holidays), Sundays and holidays,
the minimum age.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from regie.core.errors import RuleError
from regie.core.text import t
from regie.rules.pack import RulePack
from regie.schedule.worktime.results import RuleRef
from regie.schedule.worktime.rules import Reader

MINORS_PACK = "minors-worktime"


@dataclass(frozen=True, slots=True)
class NightBan:
    start: dt.time
    end: dt.time
    under_years: int | None  # None: every minor (the absolute window)
    ref: RuleRef


@dataclass(frozen=True, slots=True)
class DailyCap:
    """Caps in minutes for children younger than ``under_years``."""

    under_years: int
    low: int  # the cap (or the lower figure where sources disagree)
    high: int  # the higher figure (== low where sources agree)
    break_after: int | None  # minutes of work before a break is due (school periods)


@dataclass(frozen=True, slots=True)
class MinorsRules:
    pack: str
    night_bans: tuple[NightBan, ...]  # youngest first
    absolute_night: NightBan
    school_caps: tuple[DailyCap, ...]  # youngest first
    school_ref: RuleRef
    holiday_caps: tuple[DailyCap, ...]
    holiday_ref: RuleRef
    sundays_under_years: int
    sundays_ref: RuleRef
    minimum_age_months: int
    minimum_age_ref: RuleRef

    def night_ban(self, age: int) -> NightBan | None:
        return next((b for b in self.night_bans if b.under_years and age < b.under_years), None)

    def cap(self, age: int, *, school_holiday: bool) -> tuple[DailyCap, RuleRef] | None:
        caps, ref = (
            (self.holiday_caps, self.holiday_ref)
            if school_holiday
            else (self.school_caps, self.school_ref)
        )
        found = next((c for c in caps if age < c.under_years), None)
        return (found, ref) if found else None


def _ban(r: Reader, key: str) -> NightBan:
    raw, ref = r.entry(key)
    under = r.integer(raw["under_years"], key) if "under_years" in raw else None
    return NightBan(r.time(raw["start"], key), r.time(raw["end"], key), under, ref)


def _caps(r: Reader, key: str) -> tuple[tuple[DailyCap, ...], RuleRef]:
    raw, ref = r.entry(key)
    caps = []
    for band in raw["bands"]:
        low = r.minutes(band.get("low", band.get("hours")), key)
        high = r.minutes(band.get("high", band.get("hours")), key)
        after = band.get("break_after_hours")
        caps.append(
            DailyCap(
                under_years=r.integer(band["under_years"], key),
                low=low,
                high=high,
                break_after=r.minutes(after, key) if after is not None else None,
            )
        )
    return tuple(sorted(caps, key=lambda c: c.under_years)), ref


def minors_rules(pack: RulePack, on: dt.date) -> MinorsRules:
    """The typed rules of the ``minors-worktime`` pack, with the values valid on ``on``."""
    if pack.pack_id != MINORS_PACK:
        raise RuleError(
            t("pack {pack} is not the minors' working-time pack", pack=pack.ref),
            where=pack.path,
            hint=t("Use minors-worktime"),
        )
    r = Reader(pack, on)
    school, school_ref = _caps(r, "daily_cap.school")
    holidays, holiday_ref = _caps(r, "daily_cap.school_holidays")
    sundays, sundays_ref = r.entry("sundays_holidays.children")
    minimum = r.limit("minimum_age", "months", 1)
    bans = sorted(
        (_ban(r, "night.under_16"), _ban(r, "night.under_18")),
        key=lambda b: b.under_years or 0,
    )
    return MinorsRules(
        pack=pack.ref,
        night_bans=tuple(bans),
        absolute_night=_ban(r, "night.absolute"),
        school_caps=school,
        school_ref=school_ref,
        holiday_caps=holidays,
        holiday_ref=holiday_ref,
        sundays_under_years=r.integer(sundays["under_years"], "sundays_holidays.children"),
        sundays_ref=sundays_ref,
        minimum_age_months=minimum.amount,
        minimum_age_ref=minimum.ref,
    )
