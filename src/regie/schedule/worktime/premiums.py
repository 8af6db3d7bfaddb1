# SPDX-License-Identifier: AGPL-3.0-or-later
"""Premium hours (*majorations*) for the budget: overtime, night, Sunday, holiday, rest
infringement, long days, day engagements, the 6th day, the paid continuous-day break, and
the IDCC 3097 cap on cumulated premiums.

Every premium is a rate on the base hourly rate, computed independently and cumulated
(IDCC 2642 VI.8: "toujours calculées sur la base du tarif horaire simple, même lorsqu'elles
se cumulent"; IDCC 3097 art. 36). Money is not computed here: a line gives hours and rate,
and ``hours × rate`` (``weighted_hours``) is what the budget multiplies by the pay rate.

Overtime is weekly (civil week): the effective time of the week, rounded up where the pack
says so (IDCC 2642: to the half-hour), minus the threshold, split into the pack's bands —
with the IDCC 2642 CDDU first band (+25 % instead of +10 %, not for contracts under 5 days)
and the +100 % from the 13th overtime hour for the construction/electricity/grip jobs.
IDCC 3097 day engagements (art. 34) get daily bands instead of weekly overtime.

Readings of the texts (each also in its pack value's note):

* IDCC 2642 VI.8.3 gives +25 % "from the 5th up to the 9th" overtime hour and +50 % "from
  the 9th": the 9th is in both; regie pays the 5th–8th at +25 % and +50 % from the 9th
  (the 44th worked hour).
* IDCC 3097 art. 37 writes "de la 36e à la 43e heure supplémentaire" under a title about
  the hours beyond 35: regie reads worked hours 36–43 (+25 %), 44–48 (+50 %), beyond (+75 %).
* IDCC 2642 VII.2.3 pays a worked 1 May "300 % of a non-holiday day": a +200 % premium on
  the hours worked that day (200 % → +100 %, 150 % → +50 %); Whit Monday, the solidarity
  day, gets a line at +0 %.
* IDCC 3097 art. 34 (day engagement) is applied to contracts shorter than 5 days; its +25 %
  is on every hour, its +50 % / +100 % beyond 7 h / 10 h come on top.
* Hours cutting into a rest are the effective minutes worked inside the rest that should
  have followed the previous wrap (11 h; for IDCC 3097 also the weekly rest).

The IDCC 3097 cap (art. 36) applies per piece of work: the cumulated rates are brought down
to +100 %, never below the legal overtime rate nor the 1 May premium (extension reserve);
the reduction is a ``CAP`` line with a negative rate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from regie.core.calendar import french_public_holidays
from regie.core.errors import RuleError
from regie.core.text import t
from regie.schedule.worktime.checks_day import SUNDAY, is_continuous_day
from regie.schedule.worktime.model import BreakKind, Contract, WorkDay, Worker
from regie.schedule.worktime.pieces import Piece
from regie.schedule.worktime.results import (
    PremiumKind,
    PremiumLine,
    RuleRef,
    WeekTotal,
    iso_week,
)
from regie.schedule.worktime.rules_model import AgreementRules, Band, Banded

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Part:
    """One premium on one piece."""

    kind: PremiumKind
    rate: Decimal
    band: str
    rule: RuleRef
    protected: Decimal = ZERO  # the share of the rate the cap may not remove


def overtime_bands(worker: Worker, rules: AgreementRules) -> list[tuple[Band, RuleRef]]:
    """The worker's overtime bands in overtime minutes, each with the rule that sets it."""
    overtime = rules.overtime
    bands = [(band, overtime.ref) for band in overtime.bands]
    first = overtime.cddu_first
    day_paid = (
        overtime.day_contract_max_days is not None
        and worker.contract_days <= overtime.day_contract_max_days
    )
    if first and overtime.cddu_ref and worker.contract is Contract.CDDU and not day_paid:
        bands = [
            (
                (Band(b.start, b.end, first.rate), overtime.cddu_ref)
                if b.start == first.start
                else (b, ref)
            )
            for b, ref in bands
        ]
    split = overtime.listed_from
    if (
        split is not None
        and overtime.listed_rate
        and overtime.listed_ref
        and worker.job in rules.listed_jobs
    ):
        result: list[tuple[Band, RuleRef]] = []
        for band, ref in bands:
            if band.start < split and (band.end is None or band.end > split):
                result.append((Band(band.start, split, band.rate), ref))
                result.append((Band(split, band.end, overtime.listed_rate), overtime.listed_ref))
            elif band.start >= split:
                result.append(
                    (Band(band.start, band.end, overtime.listed_rate), overtime.listed_ref)
                )
            else:
                result.append((band, ref))
        bands = result
    return bands


def _in_band(offset: int, band: Band) -> bool:
    return band.start <= offset and (band.end is None or offset < band.end)


def _share(minutes: int, band: Band) -> int:
    """Minutes of ``0 → minutes`` that fall in ``band``."""
    high = minutes if band.end is None else min(minutes, band.end)
    return max(0, high - band.start)


def _label(band: Band, shift: int = 0) -> str:
    return Band(
        band.start + shift, None if band.end is None else band.end + shift, band.rate
    ).label()


def day_engagement(worker: Worker, rules: AgreementRules) -> Banded | None:
    rule = rules.day_engagement
    limit = rule.max_contract_days if rule else None
    return rule if rule and limit is not None and worker.contract_days <= limit else None


def _banded_parts(piece: Piece, banded: Banded, kind: PremiumKind) -> list[Part]:
    parts = [
        Part(kind, band.rate, _label(band), banded.ref)
        for band in banded.bands
        if _in_band(piece.day_offset, band)
    ]
    if banded.base_rate is not None:
        parts.append(Part(kind, banded.base_rate, "base", banded.ref))
    return parts


def piece_parts(worker: Worker, piece: Piece, rules: AgreementRules) -> list[Part]:
    """Every premium the piece carries (overtime included, for the cap)."""
    parts: list[Part] = []
    night = rules.night
    if piece.night is not None:
        if night.first_minutes is not None and night.further_rate is not None:
            first = piece.night_offset < night.first_minutes
            rate, band = (
                (night.rate, "night 0-8 h") if first else (night.further_rate, "night 8+ h")
            )
            parts.append(Part(PremiumKind.NIGHT, rate, band, night.premium_ref))
        else:
            listed = night.listed_rate is not None and worker.job in rules.listed_jobs
            rate = night.listed_rate if listed and night.listed_rate else night.rate
            parts.append(Part(PremiumKind.NIGHT, rate, "night", night.premium_ref))
    if piece.date.weekday() == SUNDAY:
        parts.append(Part(PremiumKind.SUNDAY, rules.sunday.rate, "Sunday", rules.sunday.ref))
    holiday = french_public_holidays(piece.date.year).get(piece.date)
    if holiday is not None:
        if holiday not in rules.holidays.rates:
            raise RuleError(
                t(
                    "the holiday {holiday} has no premium rate in {pack}",
                    holiday=holiday,
                    pack=rules.pack,
                ),
                hint=t("Fix the rule pack file"),
            )
        rate = rules.holidays.rates[holiday]
        protected = rate if rules.cap and holiday in rules.cap.protected_holidays else ZERO
        parts.append(Part(PremiumKind.HOLIDAY, rate, holiday, rules.holidays.ref, protected))
    if piece.rest is not None:
        parts.append(Part(PremiumKind.REST_INFRINGEMENT, piece.rest.rate, "rest", piece.rest.rule))
    if piece.sixth_day and rules.sixth_day:
        parts.append(
            Part(PremiumKind.SIXTH_DAY, rules.sixth_day.rate, "6th day", rules.sixth_day.ref)
        )
    if rules.long_day and piece.day.shooting:
        parts += _banded_parts(piece, rules.long_day, PremiumKind.LONG_DAY)
    overrun = rules.daily_overrun
    if (
        overrun
        and overrun.max_contract_days is not None
        and worker.contract_days <= overrun.max_contract_days
    ):
        parts += _banded_parts(piece, overrun, PremiumKind.LONG_DAY)
    engagement = day_engagement(worker, rules)
    if engagement:
        parts += _banded_parts(piece, engagement, PremiumKind.DAY_ENGAGEMENT)
    elif piece.week_offset is not None:
        parts += _overtime_parts(worker, piece.week_offset, rules)
    return parts


def _overtime_parts(worker: Worker, week_offset: int, rules: AgreementRules) -> list[Part]:
    offset = week_offset - rules.overtime.threshold
    if offset < 0:
        return []
    floor = next((b.rate for b in rules.overtime.legal_floor if _in_band(offset, b)), ZERO)
    return [
        Part(
            PremiumKind.OVERTIME,
            band.rate,
            _label(band, rules.overtime.threshold),
            ref,
            min(floor, band.rate),
        )
        for band, ref in overtime_bands(worker, rules)
        if _in_band(offset, band)
    ]


def cap_part(parts: Sequence[Part], rules: AgreementRules) -> Part | None:
    """The reduction the cap on cumulated premiums makes on one piece (``None``: none)."""
    if rules.cap is None:
        return None
    total = sum((p.rate for p in parts), ZERO)
    protected = sum((p.protected for p in parts), ZERO)
    kept = max(min(total, rules.cap.rate), protected)
    if kept >= total:
        return None
    return Part(
        PremiumKind.CAP,
        kept - total,
        f"cap +{(rules.cap.rate * 100).normalize():f} %",
        rules.cap.ref,
    )


def weekly_overtime(
    worker: Worker, pieces: Iterable[Piece], rules: AgreementRules
) -> list[PremiumLine]:
    """Overtime lines per civil week (rounded as the pack says, split into bands)."""
    if day_engagement(worker, rules):
        return []
    per_week: dict[dt.date, int] = {}
    for piece in pieces:
        if piece.week_offset is not None:
            week = piece.date - dt.timedelta(days=piece.date.weekday())
            per_week[week] = per_week.get(week, 0) + piece.minutes
    overtime = rules.overtime
    lines = []
    for week, worked in sorted(per_week.items()):
        step = overtime.rounding
        rounded = -(-worked // step) * step if step else worked
        extra = max(0, rounded - overtime.threshold)
        for band, ref in overtime_bands(worker, rules):
            if minutes := _share(extra, band):
                lines.append(
                    PremiumLine(
                        worker.id,
                        PremiumKind.OVERTIME,
                        minutes,
                        band.rate,
                        _label(band, overtime.threshold),
                        ref,
                        week=iso_week(week),
                    )
                )
    return lines


def paid_breaks(
    worker: Worker, days: Iterable[WorkDay], rules: AgreementRules
) -> list[PremiumLine]:
    """IDCC 3097 art. 28: the continuous-day break, paid at base though not work time."""
    rule = rules.continuous_day
    if rule is None:
        return []
    lines = []
    for day in days:
        pauses = sum(b.minutes for b in day.breaks if b.kind is BreakKind.PAUSE)
        if pauses and is_continuous_day(day, rules):
            lines.append(
                PremiumLine(
                    worker.id,
                    PremiumKind.PAID_BREAK,
                    min(pauses, rule.break_minutes),
                    rule.paid_rate,
                    "continuous day",
                    rule.ref,
                    date=day.date,
                )
            )
    return lines


def piece_lines(
    worker: Worker, pieces: Iterable[Piece], rules: AgreementRules
) -> list[PremiumLine]:
    """Daily premium lines (overtime excepted: it is weekly) and cap reductions."""
    totals: dict[tuple[PremiumKind, dt.date, str, Decimal, RuleRef], int] = {}
    for piece in pieces:
        parts = piece_parts(worker, piece, rules)
        reduction = cap_part(parts, rules)
        for part in [*parts, *([reduction] if reduction else [])]:
            if part.kind is PremiumKind.OVERTIME:
                continue
            key = (part.kind, piece.date, part.band, part.rate, part.rule)
            totals[key] = totals.get(key, 0) + piece.minutes
    return [
        PremiumLine(worker.id, kind, minutes, rate, band, rule, date=date)
        for (kind, date, band, rate, rule), minutes in totals.items()
        if minutes
    ]


def week_totals(
    lines: Iterable[PremiumLine], effective: dict[dt.date, int], worker_id: str
) -> tuple[WeekTotal, ...]:
    """Per civil week: effective minutes (keyed by Monday) and Σ hours × rate by kind."""
    weighted: dict[str, dict[PremiumKind, Decimal]] = {}
    overtime: dict[str, int] = {}
    for line in lines:
        week = line.week or iso_week(line.date or dt.date.min)
        kinds = weighted.setdefault(week, {})
        kinds[line.kind] = kinds.get(line.kind, ZERO) + line.weighted_hours
        if line.kind is PremiumKind.OVERTIME:
            overtime[week] = overtime.get(week, 0) + line.minutes
    weeks = {iso_week(monday): minutes for monday, minutes in effective.items()}
    return tuple(
        WeekTotal(
            worker_id=worker_id,
            week=week,
            effective_minutes=weeks.get(week, 0),
            overtime_minutes=overtime.get(week, 0),
            weighted_hours=sum(weighted.get(week, {}).values(), ZERO),
            by_kind=tuple(sorted(weighted.get(week, {}).items())),
        )
        for week in sorted(set(weeks) | set(weighted))
    )
