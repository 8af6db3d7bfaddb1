# SPDX-License-Identifier: AGPL-3.0-or-later
"""The working-time rule packs read into typed rules (``worktime-idcc2642``,
``worktime-idcc3097``; the minors' pack is read by :mod:`.rules_minors`).

A value missing from a pack means the agreement has no such rule (IDCC 2642 has no
amplitude limit, IDCC 3097 no reduced daily rest): the field is ``None``. Durations become
integer minutes, rates stay ``Decimal``; each typed rule keeps the :class:`RuleRef` of the
pack value it came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from itertools import pairwise
from typing import Any

from regie.core.errors import RuleError
from regie.core.production import Agreement
from regie.core.text import Text, t
from regie.rules.pack import RulePack, RuleValue
from regie.schedule.worktime.model import Genre, WorkerKind
from regie.schedule.worktime.results import RuleRef
from regie.schedule.worktime.rules_model import (
    AgreementRules,
    Band,
    Banded,
    Cap,
    ContinuousDay,
    Holidays,
    Limit,
    NightRule,
    Overtime,
    Rate,
    RestReduction,
    Season,
    WeeklyDerogation,
    WeeklyRest,
)

PACK_AGREEMENTS: Mapping[str, Agreement] = {
    "worktime-idcc2642": Agreement.AUDIOVISUAL,
    "worktime-idcc3097": Agreement.CINEMA,
}


def refuse(pack: RulePack, key: str, problem: Text) -> RuleError:
    return RuleError(
        t("rule '{key}' of pack {pack}: {problem}", key=key, pack=pack.ref, problem=problem),
        where=pack.path,
        hint=t("Fix the rule pack file"),
    )


class Reader:
    """Reads the values of one pack valid on one date, keeping each one's reference."""

    def __init__(self, pack: RulePack, on: dt.date) -> None:
        self.pack = pack
        self.on = on
        self._keys = frozenset(pack.keys())

    def has(self, key: str) -> bool:
        return key in self._keys

    def entry(self, key: str) -> tuple[dict[str, Any], RuleRef]:
        value: RuleValue = self.pack.value(key, self.on)
        if not isinstance(value.value, dict):
            raise refuse(self.pack, key, t("the value must be a mapping with an 'article'"))
        return value.value, RuleRef.of(self.pack, value)

    def decimal(self, raw: object, key: str) -> Decimal:
        try:
            return Decimal(str(raw))
        except ArithmeticError:
            raise refuse(self.pack, key, t("{raw} is not a number", raw=repr(raw))) from None

    def minutes(self, raw: object, key: str, per: int = 60) -> int:
        """Hours (or another unit: ``per`` minutes each) as whole minutes."""
        amount = self.decimal(raw, key) * per
        if amount != amount.to_integral_value():
            raise refuse(self.pack, key, t("{raw} is not a whole number of minutes", raw=repr(raw)))
        return int(amount)

    def integer(self, raw: object, key: str) -> int:
        return self.minutes(raw, key, per=1)

    def time(self, raw: object, key: str) -> dt.time:
        try:
            return dt.time.fromisoformat(str(raw))
        except ValueError:
            raise refuse(self.pack, key, t("{raw} is not a time (HH:MM)", raw=repr(raw))) from None

    def month_day(self, raw: object, key: str) -> tuple[int, int]:
        try:
            month, day = (int(part) for part in str(raw).split("-"))
            dt.date(2024, month, day)  # a leap year accepts 02-29
        except ValueError:
            raise refuse(
                self.pack, key, t("{raw} is not a month-day (MM-DD)", raw=repr(raw))
            ) from None
        return month, day

    def bands(self, raw: object, key: str) -> tuple[Band, ...]:
        if not isinstance(raw, list) or not raw:
            raise refuse(self.pack, key, t("'bands' must be a non-empty list"))
        bands = tuple(
            Band(
                start=self.minutes(b["from"], key),
                end=self.minutes(b["to"], key) if b.get("to") is not None else None,
                rate=self.decimal(b["rate"], key),
            )
            for b in raw
        )
        for before, after in pairwise(bands):
            if before.end != after.start:
                raise refuse(self.pack, key, t("bands must follow each other without gaps"))
        return bands

    def limit(self, key: str, part: str = "hours", per: int = 60) -> Limit:
        raw, ref = self.entry(key)
        return Limit(self.minutes(raw[part], key, per), ref)

    def rate(self, key: str, part: str = "rate") -> Rate:
        raw, ref = self.entry(key)
        return Rate(self.decimal(raw[part], key), ref)


def _night(r: Reader) -> NightRule:
    raw, ref = r.entry("night.windows")
    premium, premium_ref = r.entry("night.premium")
    key = "night.windows"
    seasons = tuple(
        Season(
            first=r.month_day(s["from"], key),
            last=r.month_day(s["to"], key),
            start=r.time(s["start"], key),
            end=r.time(s["end"], key),
            studio_start=r.time(s["studio_start"], key) if s.get("studio_start") else None,
        )
        for s in raw.get("seasons") or []
    )
    return NightRule(
        general=(r.time(raw["general"]["start"], key), r.time(raw["general"]["end"], key)),
        seasonal_genres=frozenset(Genre(g) for g in raw.get("seasonal_genres") or []),
        seasons=seasons,
        ref=ref,
        rate=r.decimal(premium["rate"], "night.premium"),
        premium_ref=premium_ref,
        listed_rate=(
            r.decimal(premium["listed_jobs_rate"], "night.premium")
            if "listed_jobs_rate" in premium
            else None
        ),
        first_minutes=(
            r.minutes(premium["first_hours"], "night.premium") if "first_hours" in premium else None
        ),
        further_rate=(
            r.decimal(premium["further_rate"], "night.premium")
            if "further_rate" in premium
            else None
        ),
    )


def _overtime(r: Reader) -> Overtime:
    raw, ref = r.entry("overtime.weekly")
    key = "overtime.weekly"
    overtime = Overtime(
        threshold=r.minutes(raw["threshold_hours"], key),
        rounding=r.integer(raw.get("rounding_minutes", "0"), key),
        bands=r.bands(raw["bands"], key),
        ref=ref,
    )
    fields: dict[str, Any] = {}
    if r.has("overtime.cddu_first_band"):
        cddu, cddu_ref = r.entry("overtime.cddu_first_band")
        span = r.minutes(cddu["band_hours"], "overtime.cddu_first_band")
        fields |= {
            "cddu_first": Band(0, span, r.decimal(cddu["rate"], "overtime.cddu_first_band")),
            "day_contract_max_days": r.integer(cddu["day_contract_max_days"], "cddu"),
            "cddu_ref": cddu_ref,
        }
    if r.has("overtime.listed_jobs"):
        listed, listed_ref = r.entry("overtime.listed_jobs")
        fields |= {
            "listed_from": r.minutes(listed["from_hours"], "overtime.listed_jobs"),
            "listed_rate": r.decimal(listed["rate"], "overtime.listed_jobs"),
            "listed_ref": listed_ref,
        }
    if r.has("overtime.legal_floor"):
        floor, floor_ref = r.entry("overtime.legal_floor")
        fields |= {
            "legal_floor": r.bands(floor["bands"], "overtime.legal_floor"),
            "legal_floor_ref": floor_ref,
        }
    return replace(overtime, **fields)


def _banded(r: Reader, key: str) -> Banded | None:
    if not r.has(key):
        return None
    raw, ref = r.entry(key)
    if "after_hours" in raw:  # a single band: beyond N hours
        bands: tuple[Band, ...] = (
            Band(r.minutes(raw["after_hours"], key), None, r.decimal(raw["rate"], key)),
        )
    else:
        bands = r.bands(raw["bands"], key)
    return Banded(
        bands=bands,
        ref=ref,
        max_contract_days=(
            r.integer(raw["max_contract_days"], key) if "max_contract_days" in raw else None
        ),
        base_rate=r.decimal(raw["base_rate"], key) if "base_rate" in raw else None,
    )


def _derogation(r: Reader, key: str) -> WeeklyDerogation | None:
    if not r.has(key):
        return None
    raw, ref = r.entry(key)
    return WeeklyDerogation(
        minutes=r.minutes(raw["hours"], key),
        ref=ref,
        max_contract_days=(
            r.integer(raw["max_contract_weeks"], key) * 7 if "max_contract_weeks" in raw else None
        ),
        genres=frozenset(Genre(g) for g in raw.get("genres") or []),
        jobs=frozenset(str(j) for j in raw.get("jobs") or []),
        days_per_week=r.integer(raw["days_per_week"], key) if "days_per_week" in raw else None,
        max_consecutive_weeks=(
            r.integer(raw["max_consecutive_weeks"], key) if "max_consecutive_weeks" in raw else None
        ),
    )


def _rest_reduction(r: Reader) -> RestReduction | None:
    if not r.has("daily_rest.reduction"):
        return None
    key = "daily_rest.reduction"
    raw, ref = r.entry(key)
    jobs, jobs_ref = r.entry("daily_rest.reduction_jobs")
    return RestReduction(
        minimum=r.minutes(raw["hours"], key),
        per_week=r.integer(raw["per_week"], key),
        max_distance_km=r.integer(raw["max_distance_km"], key),
        jobs=frozenset(str(j) for j in jobs["jobs"]),
        ref=ref,
        jobs_ref=jobs_ref,
    )


def _weekly_rest(r: Reader) -> WeeklyRest:
    key = "weekly_rest.minimum"
    raw, ref = r.entry(key)
    return WeeklyRest(
        minutes=r.minutes(raw["hours"], key),
        day=r.minutes(raw["day_hours"], key),
        reduced_minutes=r.minutes(raw["reduced_hours"], key) if "reduced_hours" in raw else None,
        sunday_included=raw.get("sunday") == "included",
        ref=ref,
        six_day_week=(
            r.limit("weekly_rest.six_day_week") if r.has("weekly_rest.six_day_week") else None
        ),
    )


def _optional_limit(r: Reader, key: str, part: str = "hours", per: int = 60) -> Limit | None:
    return r.limit(key, part, per) if r.has(key) else None


def agreement_rules(pack: RulePack, on: dt.date) -> AgreementRules:
    """The typed rules of a ``worktime-idcc…`` pack, with the values valid on ``on``."""
    if pack.pack_id not in PACK_AGREEMENTS:
        raise RuleError(
            t("pack {pack} is not a working-time pack", pack=pack.ref),
            where=pack.path,
            hint=t("Use worktime-idcc2642 or worktime-idcc3097"),
        )
    r = Reader(pack, on)
    average, average_ref = r.entry("weekly_average")
    holidays, holidays_ref = r.entry("holidays.premium")
    sunday, sunday_ref = r.entry("sunday.premium")
    pause, pause_ref = r.entry("breaks.pause")
    scope, scope_ref = r.entry("premiums.scope")
    listed_key = "jobs.construction_electric_grip"
    listed = r.entry(listed_key)[0]["jobs"] if r.has(listed_key) else {}
    continuous = None
    if r.has("continuous_day"):
        raw, ref = r.entry("continuous_day")
        continuous = ContinuousDay(
            start=r.time(raw["start"], "continuous_day"),
            end=r.time(raw["end"], "continuous_day"),
            break_minutes=r.integer(raw["break_minutes"], "continuous_day"),
            after_minutes=r.minutes(raw["after_hours"], "continuous_day"),
            paid_rate=r.decimal(raw["paid_rate"], "continuous_day"),
            ref=ref,
        )
    cap = None
    if r.has("premium_cap"):
        raw, ref = r.entry("premium_cap")
        cap = Cap(
            rate=r.decimal(raw["rate"], "premium_cap"),
            protected_holidays=frozenset(str(h) for h in raw.get("protected_holidays") or []),
            ref=ref,
        )
    return AgreementRules(
        agreement=PACK_AGREEMENTS[pack.pack_id],
        pack=pack.ref,
        legal_week=r.limit("week.legal"),
        daily_max=r.limit("daily_max.effective"),
        daily_normal=_optional_limit(r, "daily_max.normal"),
        amplitude=_optional_limit(r, "amplitude.maximum"),
        daily_rest=r.limit("daily_rest.minimum"),
        rest_reduction=_rest_reduction(r),
        weekly_rest=_weekly_rest(r),
        max_consecutive_days=_optional_limit(r, "weekly_rest.max_consecutive_days", "days", 1),
        weekly_max=r.limit("weekly_max.hours"),
        weekly_average=Limit(r.minutes(average["hours"], "weekly_average"), average_ref),
        average_weeks=r.integer(average["weeks"], "weekly_average"),
        derogation_54h=_derogation(r, "derogation.weekly_54h"),
        derogation_60h=_derogation(r, "derogation.weekly_60h"),
        six_day_weeks=_optional_limit(r, "six_day_weeks", "max_consecutive", 1),
        sixth_day=r.rate("sixth_day.paris_region") if r.has("sixth_day.paris_region") else None,
        transport_free=_optional_limit(r, "transport.not_work", "minutes", 1),
        pause=Limit(r.integer(pause["minutes"], "breaks.pause"), pause_ref),
        pause_after=r.minutes(pause["after_hours"], "breaks.pause"),
        continuous_day=continuous,
        night=_night(r),
        overtime=_overtime(r),
        daily_overrun=_banded(r, "overtime.short_contract_daily"),
        long_day=_banded(r, "long_day.after_tenth_hour"),
        day_engagement=_banded(r, "day_engagement"),
        rest_infringement=r.rate("rest_infringement.premium"),
        weekly_rest_premium=r.entry("rest_infringement.premium")[0].get("weekly") == "yes",
        sunday=Rate(r.decimal(sunday["rate"], "sunday.premium"), sunday_ref),
        sunday_studio_forbidden=sunday.get("studio_forbidden") == "yes",
        sunday_minimum_age=_optional_limit(r, "sunday.minimum_age", "years", 1),
        sundays_per_year=_optional_limit(r, "sunday.max_per_year", "count", 1),
        holidays=Holidays(
            rates={str(k): r.decimal(v, "holidays.premium") for k, v in holidays["rates"].items()},
            studio_forbidden=holidays.get("studio_forbidden") == "yes",
            ref=holidays_ref,
        ),
        cap=cap,
        listed_jobs=frozenset(str(j) for j in listed),
        scope=frozenset(WorkerKind(k) for k in scope["kinds"]),
        scope_ref=scope_ref,
    )
