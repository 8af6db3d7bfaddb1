# SPDX-License-Identifier: AGPL-3.0-or-later
"""An engagement's pay: the grid check, the gross pay of its planned days with the premium
hours of the working-time engine, and the employer charges on it.

:func:`gross_pay` is pure and exact (``Decimal``); every figure is a :class:`PayStep`
naming the rule it comes from. The computation, in order:

1. **Base hourly rate** (*taux horaire de base*): the rate divided by the paid hours of its
   unit (:class:`HourlyBasis`) — not rounded (it is a factor, never printed as owed money).
   IDCC 3097 defines the conversions (pack ``paygrid-idcc3097``, ``conversions.hour``: a
   39 h week is 40 paid hours; ``conversions.day``: a day is 8.75 paid hours); IDCC 2642
   defines none, and :func:`hourly_basis` then uses the 35 h week over five days (7 h a
   day), marked ``estimated``.
2. **Base pay**: day rate × days worked; week rate × civil weeks with a worked day (a week
   begun is paid in full: no pro-rata rule in regie's sources); hour rate × effective hours;
   a flat fee (*forfait*) once. Rounded to the cent, half up. A flat fee has no base hourly
   rate: its premium hours are listed in a warning, not priced (the sources give no rule to
   divide a fee into hours).
3. **Premiums**: each :class:`~regie.schedule.worktime.PremiumLine` of the engine is
   ``weighted_hours × base hourly rate``, where ``weighted_hours = hours × rate`` and the
   rate is the premium *over* the base (``0.25`` = +25 %, a ``CAP`` line negative, a paid
   break at the base) — the engine's definition
   (:attr:`~regie.schedule.worktime.PremiumLine.weighted_hours`; "toujours calculées sur la
   base du tarif horaire simple", IDCC 2642 VI.8; IDCC 3097 T.II art. 36). The hours
   themselves are inside the base pay: a premium line adds only the premium. Each line is
   rounded to the cent, half up.
4. **Gross** = base pay + Σ premium lines (sums of rounded figures: the statement adds up
   as printed).
5. **Employer charges**: per fringe of the group, ``rate × min(gross, ceiling)`` (no
   ceiling: the whole gross), each rounded to the cent, half up; total cost = gross + Σ
   charges.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from regie.budget import grids
from regie.budget.model import Cited, Fringe, FringeGroup
from regie.core.errors import RuleError, ValidationError
from regie.core.production import Agreement
from regie.core.text import Text, t
from regie.rules.pack import Status
from regie.schedule.people import RATE_UNIT_LABELS, RateUnit
from regie.schedule.worktime.explain import KIND_LABELS
from regie.schedule.worktime.results import MINUTES_PER_HOUR, PremiumKind, PremiumLine, RuleRef

CENT = Decimal("0.01")
ZERO = Decimal(0)
WEEK_DAYS = Decimal(5)
ENGINE_RULE = "regie.schedule.worktime.PremiumLine.weighted_hours"


def cent(value: Decimal) -> Decimal:
    """Rounded to the cent, half up (the French payroll habit, ``Rounding.CENT_HALF_UP``)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# The engagement's unit of pay (regie.schedule.people): day, week, hour or flat fee.
PayUnit = RateUnit
UNIT_LABELS: dict[PayUnit, Text] = RATE_UNIT_LABELS


@dataclass(frozen=True, slots=True)
class Rate:
    """What the engagement pays per unit, in euros, gross."""

    amount: Decimal
    unit: PayUnit = PayUnit.DAY

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal) or not self.amount.is_finite() or self.amount < 0:
            raise ValidationError(
                t("the rate {rate} is not an amount of euros", rate=self.amount),
                field="rate",
                hint=t("Give the rate as a decimal number of euros, e.g. 350"),
            )


@dataclass(frozen=True, slots=True)
class WorkedDay:
    """One planned day: its date and its effective work in minutes (meals excluded)."""

    date: dt.date
    minutes: int = 0


@dataclass(frozen=True, slots=True)
class HourlyBasis:
    """Paid hours in a day and in a week: the divisors from a rate to the base hourly rate."""

    day_hours: Decimal
    week_hours: Decimal
    cited: Cited | None = None  # where the divisors come from; None: given by the user

    def hours_per(self, unit: PayUnit) -> Decimal:
        if unit is PayUnit.DAY:
            return self.day_hours
        if unit is PayUnit.WEEK:
            return self.week_hours
        return Decimal(1)


@dataclass(frozen=True, slots=True)
class PayStep:
    """One figure of a statement: what was done (``label``, figures as parameters), the
    result, and the rule it comes from (a pack value or a working-time rule)."""

    label: Text
    amount: Decimal
    cited: Cited | None = None
    rule: RuleRef | None = None

    @property
    def source(self) -> str:
        if self.cited is not None:
            return f"{self.cited.pack}:{self.cited.key} — {self.cited.citation}"
        if self.rule is not None:
            article = f" ({self.rule.article})" if self.rule.article else ""
            return f"{self.rule.rule_id}{article} — {self.rule.source}"
        return ""


@dataclass(frozen=True, slots=True)
class PremiumPay:
    line: PremiumLine
    amount: Decimal  # weighted hours × base hourly rate, rounded to the cent


@dataclass(frozen=True, slots=True)
class ChargePay:
    fringe: Fringe
    base: Decimal  # min(gross, ceiling)
    amount: Decimal  # rate × base, rounded to the cent


@dataclass(frozen=True, slots=True)
class PayStatement:
    rate: Rate
    units: Decimal  # days, weeks or hours paid at the rate
    days: int  # planned days
    hourly: Decimal  # base hourly rate (exact, not rounded)
    basis: HourlyBasis
    base: Decimal
    premiums: tuple[PremiumPay, ...]
    premium_total: Decimal
    gross: Decimal
    group: FringeGroup | None
    charges: tuple[ChargePay, ...]
    charges_total: Decimal
    total_cost: Decimal  # gross + charges: what the engagement costs the production
    steps: tuple[PayStep, ...]
    warnings: tuple[Text, ...]


def _decimal_text(value: Decimal) -> str:
    return f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"


def _hourly_text(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.0001'), rounding=ROUND_HALF_UP).normalize():f}"


def _units(rate: Rate, days: Sequence[WorkedDay]) -> Decimal:
    if rate.unit is PayUnit.DAY:
        return Decimal(len(days))
    if rate.unit is PayUnit.WEEK:
        weeks = {d.date - dt.timedelta(days=d.date.weekday()) for d in days}
        return Decimal(len(weeks))
    if rate.unit is PayUnit.FLAT:
        return Decimal(1)
    return sum((Decimal(d.minutes) for d in days), ZERO) / MINUTES_PER_HOUR


def gross_pay(
    engagement_rate: Rate,
    days: Sequence[WorkedDay],
    premiums: Sequence[PremiumLine],
    *,
    hourly_basis: HourlyBasis,
    group: FringeGroup | None = None,
) -> PayStatement:
    """The statement of the module docstring: base pay, premiums, gross, charges."""
    rate = engagement_rate
    if rate.unit is PayUnit.FLAT:
        return _flat_pay(rate, days, premiums, hourly_basis=hourly_basis, group=group)
    hours = hourly_basis.hours_per(rate.unit)
    if hours <= 0:
        raise RuleError(
            t("the hourly basis of a rate per {unit} must be positive", unit=rate.unit.value),
            hint=t("Give the paid hours of a day and of a week"),
        )
    steps: list[PayStep] = []
    hourly = rate.amount / hours
    steps.append(
        PayStep(
            t(
                "base hourly rate: {rate} € {per_unit} ÷ {hours} paid hours = {hourly} €",
                rate=rate.amount,
                per_unit=UNIT_LABELS[rate.unit],
                hours=_decimal_text(hours),
                hourly=_hourly_text(hourly),
            ),
            hourly,
            cited=hourly_basis.cited,
        )
    )
    units = _units(rate, days)
    base = cent(rate.amount * units)
    unit_label = {
        PayUnit.DAY: t("{count} days × {rate} € = {amount} €", count=units, rate=rate.amount,
                       amount=base),
        PayUnit.WEEK: t("{count} civil weeks × {rate} € = {amount} €", count=units,
                        rate=rate.amount, amount=base),
        PayUnit.HOUR: t("{count} hours × {rate} € = {amount} €", count=_decimal_text(units),
                        rate=rate.amount, amount=base),
    }[rate.unit]  # fmt: skip
    steps.append(PayStep(t("base pay: {detail}", detail=unit_label), base))
    return _statement(
        rate, units=units, days=days, premiums=premiums, hourly=hourly,
        hourly_basis=hourly_basis, base=base, steps=steps, group=group, priced=True,
    )  # fmt: skip


def _flat_pay(
    rate: Rate,
    days: Sequence[WorkedDay],
    premiums: Sequence[PremiumLine],
    *,
    hourly_basis: HourlyBasis,
    group: FringeGroup | None,
) -> PayStatement:
    """A flat fee: paid once, no base hourly rate, premium hours not priced."""
    base = cent(rate.amount)
    steps = [
        PayStep(
            t("base pay: flat fee for the engagement = {amount} €", amount=base),
            base,
        )
    ]
    return _statement(
        rate, units=Decimal(1), days=days, premiums=premiums, hourly=ZERO,
        hourly_basis=hourly_basis, base=base, steps=steps, group=group, priced=False,
    )  # fmt: skip


def _statement(
    rate: Rate,
    *,
    units: Decimal,
    days: Sequence[WorkedDay],
    premiums: Sequence[PremiumLine],
    hourly: Decimal,
    hourly_basis: HourlyBasis,
    base: Decimal,
    steps: list[PayStep],
    group: FringeGroup | None,
    priced: bool,
) -> PayStatement:
    """Premiums (when ``priced``), gross, charges and warnings after the base pay."""
    paid: list[PremiumPay] = []
    for line in premiums if priced else ():
        amount = cent(line.weighted_hours * hourly)
        paid.append(PremiumPay(line, amount))
        steps.append(
            PayStep(
                t(
                    "{kind} ({band}): {hours} h × {rate} × {hourly} € = {amount} €",
                    kind=KIND_LABELS[line.kind],
                    band=line.band,
                    hours=_decimal_text(line.hours),
                    rate=_decimal_text(line.rate),
                    hourly=_hourly_text(hourly),
                    amount=amount,
                ),
                amount,
                rule=line.rule,
            )
        )
    premium_total = sum((p.amount for p in paid), ZERO)
    gross = base + premium_total
    steps.append(
        PayStep(
            t(
                "gross pay: {base} € + {premiums} € of premiums = {gross} €",
                base=base,
                premiums=premium_total,
                gross=gross,
            ),
            gross,
        )
    )
    charges: list[ChargePay] = []
    warnings: list[Text] = []
    for fringe in group.fringes if group else ():
        on = gross if fringe.ceiling is None else min(gross, fringe.ceiling)
        amount = cent(fringe.rate * on)
        charges.append(ChargePay(fringe, on, amount))
        steps.append(
            PayStep(
                t(
                    "{title}: {rate} × {base} € = {amount} €",
                    title=fringe.title,
                    rate=_decimal_text(fringe.rate),
                    base=on,
                    amount=amount,
                ),
                amount,
                cited=fringe.cited,
            )
        )
        if fringe.rate == 0 and fringe.cited.status is Status.UNVERIFIED:
            warnings.append(
                t(
                    "the employer contribution '{title}' is at 0 % until the production "
                    "sets it: the charges are understated",
                    title=fringe.title,
                )
            )
    charges_total = sum((c.amount for c in charges), ZERO)
    total = gross + charges_total
    steps.append(
        PayStep(
            t(
                "total cost: {gross} € gross + {charges} € employer charges = {total} €",
                gross=gross,
                charges=charges_total,
                total=total,
            ),
            total,
        )
    )
    if rate.unit is PayUnit.DAY and any(p.kind is PremiumKind.DAY_ENGAGEMENT for p in premiums):
        warnings.append(
            t(
                "the day-engagement premium (IDCC 3097 T.II art. 34) is added to the day "
                "rate: check that the rate does not already include it"
            )
        )
    if any(line.kind is PremiumKind.CAP for line in premiums) and priced:
        warnings.append(t("the cap on cumulated premiums reduced some premium hours"))
    if premiums and not priced:
        warnings.append(
            t(
                "the rate is a flat fee: the {count} premium lines of the working-time "
                "rules are not priced; check that the fee covers them",
                count=sum(1 for p in premiums if p.kind is not PremiumKind.CAP),
            )
        )
    return PayStatement(
        rate=rate,
        units=units,
        days=len(days),
        hourly=hourly,
        basis=hourly_basis,
        base=base,
        premiums=tuple(paid),
        premium_total=premium_total,
        gross=gross,
        group=group,
        charges=tuple(charges),
        charges_total=charges_total,
        total_cost=total,
        steps=tuple(steps),
        warnings=tuple(warnings),
    )


# --- The agreement's conversions ---------------------------------------------------------

GROUPS: dict[tuple[Agreement, bool], str] = {
    (Agreement.CINEMA, False): "cddu_technician",
    (Agreement.AUDIOVISUAL, False): "cddu_technician_audiovisual",
    (Agreement.CINEMA, True): "cddu_performer",
    (Agreement.AUDIOVISUAL, True): "cddu_performer",
}


def fringe_group_key(agreement: Agreement, *, performer: bool) -> str:
    """The ``cddu-contributions`` group of a crew member or a performer under ``agreement``."""
    return GROUPS[(agreement, performer)]


def hourly_basis(
    agreement: Agreement, on: dt.date, *, extra_dirs: tuple[Path, ...] = ()
) -> HourlyBasis:
    """The paid hours of a day and a week under ``agreement`` (see the module docstring):
    from the grid pack's ``conversions.hour`` / ``conversions.day`` where it has them,
    otherwise the reference week (``reference_basis``, e.g. 35 h) over five days."""
    grid = grids.agreement_pack(agreement.value, extra_dirs=extra_dirs)
    keys = {e.key for e in grid if e.valid_on(on)}
    if "conversions.hour" in keys and "conversions.day" in keys:
        hour, day = grid.value("conversions.hour", on), grid.value("conversions.day", on)
        week_hours = hour.decimal("divide_by") / hour.decimal("multiply_by")
        day_hours = week_hours * day.decimal("multiply_by") / day.decimal("divide_by")
        weaker = day.status if day.status is not Status.VERIFIED else hour.status
        return HourlyBasis(
            day_hours,
            week_hours,
            Cited(
                pack=grid.ref,
                key="conversions.hour, conversions.day",
                status=weaker,
                citation=f"{hour.citation()}; {day.citation()}",
                note=day.note,
            ),
        )
    reference = grid.value("reference_basis", on)
    digits = "".join(c for c in str(reference.value) if c.isdigit())
    if not digits:
        raise RuleError(
            t("the reference week '{basis}' of {pack} gives no hours", basis=reference.value,
              pack=grid.ref),
            hint=t("Fix the rule pack file"),
        )  # fmt: skip
    week_hours = Decimal(digits)
    return HourlyBasis(
        week_hours / WEEK_DAYS,
        week_hours,
        Cited(
            pack=grid.ref,
            key="reference_basis",
            status=Status.ESTIMATED,
            citation=reference.citation(),
            note=(
                "the agreement defines no hour or day conversion in regie's sources: regie "
                f"divides the {week_hours} h reference week by 5 days (estimated)"
            ),
        ),
    )


# --- The grid check ---------------------------------------------------------------------


def engagement_warning(
    agreement: Agreement | str,
    job_key: str,
    unit: PayUnit | str,
    rate: Decimal,
    on: dt.date,
    *,
    genre: str | None = None,
    low_budget: bool = False,
    extra_dirs: tuple[Path, ...] = (),
) -> grids.GridWarning | None:
    """:func:`regie.budget.grids.check_rate` for an engagement's rate in its own unit
    (``None``: at or above the minimum); a flat fee, or an engagement without a job key, is
    not comparable."""
    number = agreement.value if isinstance(agreement, Agreement) else agreement
    if str(unit) == PayUnit.FLAT:
        return grids.GridWarning(
            kind=grids.GridWarningKind.NOT_COMPARABLE,
            message=t(
                "a flat fee is not comparable with the minima of IDCC {agreement}, which are "
                "per day, week or hour",
                agreement=number,
            ),
            agreement=number,
            job=job_key,
            unit=str(unit),
            rate=rate,
        )
    if not job_key:
        return grids.GridWarning(
            kind=grids.GridWarningKind.NOT_COMPARABLE,
            message=t(
                "no job key: the rate cannot be compared with the minima of IDCC {agreement}",
                agreement=number,
            ),
            agreement=number,
            job="",
            unit=str(unit),
            rate=rate,
        )
    return grids.check_rate(
        number,
        job_key,
        str(unit),
        rate,
        on,
        genre=genre,
        low_budget=low_budget,
        extra_dirs=extra_dirs,
    )


def check_engagement(
    agreement: Agreement | str,
    job_key: str,
    unit: PayUnit | str,
    rate: Decimal,
    on: dt.date,
    *,
    genre: str | None = None,
    low_budget: bool = False,
    extra_dirs: tuple[Path, ...] = (),
) -> Text | None:
    """The warning to show beside an engagement's rate (with the grid's source and year),
    or ``None`` when the rate is at or above the minimum."""
    found = engagement_warning(
        agreement, job_key, unit, rate, on,
        genre=genre, low_budget=low_budget, extra_dirs=extra_dirs,
    )  # fmt: skip
    if found is None:
        return None
    return t("Pay grid: {message}", message=found.message)
