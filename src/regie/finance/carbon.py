# SPDX-License-Identifier: AGPL-3.0-or-later
"""The carbon footprint estimate (bilan carbone prévisionnel ou définitif) of a production,
from its own data: travel legs, lodging nights, meals by diet, generator fuel, grid
electricity and stored data, counted with the ADEME factors of the ``emission-factors``
pack and filed in Carbon'Clap's posts (``carbon-categories`` pack).

Each activity becomes an :class:`EmissionLine`: its quantity in the factor's unit (with
the steps that gave it: distance, great circle × detour, people, vehicles, nights…), the
factor with its unit, status and sources, and the kilograms of CO2e, rounded half up to
the hundredth of a kilogram; a post's total is the sum of its printed lines, the estimate's
total the sum of the posts. What cannot be counted (a van without its fuel, a rental with
no sourced factor) is a :class:`Gap`, never a guess. Posts the production has no data or
no factor for (equipment, purchases, waste) show as not estimated.

The CNC asks for a *provisional* estimate at the devis stage and a *final* one with the
final costs (notes §4.1); both are computed the same way from the data at hand, the kind
is what the production files it as.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import partial
from typing import Final

from regie.core.errors import RuleError
from regie.core.text import Text, t
from regie.logistics.energy import EnergyEntry, EnergyKind
from regie.logistics.factors import Factor, activity, category_titles, factor, factor_key
from regie.logistics.lodging import LodgingKind, LodgingStay
from regie.logistics.meals import MealCount
from regie.logistics.travel import TravelLeg, leg_distance, vehicles
from regie.rules.pack import RulePack, Status

KG: Final = Decimal("0.01")
SHARE: Final = Decimal("0.0001")
ZERO: Final = Decimal(0)


class EstimateKind(StrEnum):
    PROVISIONAL = "provisional"  # prévisionnel (devis stage)
    FINAL = "final"  # définitif (final costs)


@dataclass(frozen=True, slots=True)
class CarbonPacks:
    categories: RulePack  # carbon-categories
    emissions: RulePack  # emission-factors
    logistics: RulePack  # logistics (detour factors)

    @property
    def refs(self) -> tuple[str, ...]:
        return (self.categories.ref, self.emissions.ref, self.logistics.ref)


@dataclass(frozen=True, slots=True)
class CarbonInputs:
    legs: Sequence[TravelLeg] = ()
    stays: Sequence[LodgingStay] = ()
    meals: Sequence[MealCount] = ()
    energy: Sequence[EnergyEntry] = ()
    shoot_days: int | None = None  # of the main board, when there is one


@dataclass(frozen=True, slots=True)
class EmissionLine:
    category: str  # Carbon'Clap post key
    activity: str  # "travel.train_tgv"
    record: str  # "travel:3"
    label: str  # the record as the user named it
    day: dt.date
    quantity: Decimal
    unit: str  # the factor's unit without "kgCO2e/": "passenger.km", "meal"…
    factor: Factor
    kg: Decimal
    steps: tuple[Text, ...]
    rule: str  # the activity mapping used

    @property
    def uncertainty_kg(self) -> Decimal | None:
        u = self.factor.uncertainty
        return None if u is None else (self.kg * u).quantize(KG, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Gap:
    """A record that could not be counted, and why."""

    record: str
    label: str
    reason: Text


@dataclass(frozen=True, slots=True)
class CategoryTotal:
    key: str
    title_fr: str
    title_en: str
    kg: Decimal
    share: Decimal  # of the total, 0..1
    lines: int
    status: Status  # of the post itself in the categories pack
    note: str | None = None

    @property
    def estimated(self) -> bool:
        return self.lines > 0


@dataclass(frozen=True, slots=True)
class CarbonEstimate:
    kind: EstimateKind
    on: dt.date
    lines: tuple[EmissionLine, ...]
    categories: tuple[CategoryTotal, ...]
    total_kg: Decimal
    gaps: tuple[Gap, ...]
    shoot_days: int | None
    packs: tuple[str, ...]
    notes: tuple[Text, ...] = field(default=())

    @property
    def total_tonnes(self) -> Decimal:
        return (self.total_kg / 1000).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)

    @property
    def per_shoot_day_kg(self) -> Decimal | None:
        if not self.shoot_days:
            return None
        return (self.total_kg / self.shoot_days).quantize(KG, rounding=ROUND_HALF_UP)

    @property
    def uncertainty_kg(self) -> Decimal | None:
        """Sum of the lines' uncertainties (a bound, not a statistical combination);
        ``None`` when no factor used has one."""
        found = [u for u in (line.uncertainty_kg for line in self.lines) if u is not None]
        return sum(found, ZERO) if found else None


def _unit(found: Factor) -> str:
    return found.unit.removeprefix("kgCO2e/")


@dataclass(frozen=True, slots=True)
class _Subject:
    record: str  # "travel:3"
    label: str
    day: dt.date


def _line(
    packs: CarbonPacks, activity_key: str, subject: _Subject, quantity: Decimal,
    steps: list[Text], *, km: Decimal | None = None, breakfast: bool = True,
) -> EmissionLine:  # fmt: skip
    record, label, day = subject.record, subject.label, subject.day
    found = activity(packs.categories, activity_key, day)
    key = factor_key(found, packs.categories, km=km, on=day, breakfast=breakfast)
    used = factor(key, packs.categories, packs.emissions, day)
    kg = (quantity * used.value).quantize(KG, rounding=ROUND_HALF_UP)
    steps.append(
        t("{quantity} {unit} × {factor} kgCO2e = {kg} kgCO2e ({key}, {status})",
          quantity=quantity, unit=_unit(used), factor=used.value, kg=kg, key=used.key,
          status=used.status.value)
    )  # fmt: skip
    return EmissionLine(
        found.category, activity_key, record, label, day, quantity, _unit(used), used, kg,
        tuple(steps), found.rule,
    )  # fmt: skip


def _leg(leg: TravelLeg, packs: CarbonPacks) -> EmissionLine | Gap:
    f = leg.fields
    key = f"travel.{f.mode.value}"
    distance = leg_distance(f, packs.logistics)
    steps: list[Text] = []
    if distance.entered:
        steps.append(t("distance entered: {km} km", km=distance.km))
    else:
        steps.append(
            t("great circle {straight} km × detour {detour} ({rule}) = {km} km",
              straight=distance.great_circle_km, detour=distance.detour,
              rule=distance.detour_rule, km=distance.km)
        )  # fmt: skip
    if f.round_trip:
        steps.append(t("return trip: {km} km × 2 = {total} km", km=distance.km,
                       total=distance.total_km))  # fmt: skip
    basis = activity(packs.categories, key, f.travel_date).basis
    if basis == "passenger_km":
        quantity = distance.total_km * f.people
        steps.append(t("{km} km × {people} people = {quantity} passenger-km",
                       km=distance.total_km, people=f.people, quantity=quantity))  # fmt: skip
    elif basis == "vehicle_km":
        count = vehicles(f)
        quantity = distance.total_km * count
        steps.append(t("{km} km × {vehicles} vehicles = {quantity} vehicle-km",
                       km=distance.total_km, vehicles=count, quantity=quantity))  # fmt: skip
    elif f.fuel_litres is not None:
        quantity = f.fuel_litres
        steps.append(t("fuel burnt: {litres} litres", litres=f.fuel_litres))
    else:
        return Gap(
            f"travel:{leg.id}", leg.label,
            t("no per-km factor is sourced for this vehicle: enter the litres of fuel burnt"),
        )  # fmt: skip
    subject = _Subject(f"travel:{leg.id}", leg.label, f.travel_date)
    return _line(packs, key, subject, quantity, steps, km=distance.km)


def _stay(stay: LodgingStay, packs: CarbonPacks) -> EmissionLine | Gap:
    f = stay.fields
    if f.kind is LodgingKind.RENTAL:
        return Gap(
            f"lodging:{stay.id}",
            f.place,
            t("no emission factor is sourced for rentals; the nights are not counted"),
        )
    steps = [t("{nights} nights × {people} people = {quantity} nights",
               nights=f.nights, people=f.people, quantity=stay.person_nights)]  # fmt: skip
    subject = _Subject(f"lodging:{stay.id}", f.place, f.check_in)
    key = f"lodging.{f.kind.value}"
    return _line(packs, key, subject, Decimal(stay.person_nights), steps, breakfast=f.breakfast)


def _meal(meal: MealCount, packs: CarbonPacks) -> EmissionLine:
    f = meal.fields
    steps = [t("{count} meals served", count=f.count)]
    subject = _Subject(f"meal:{meal.id}", f.diet.value, f.meal_date)
    return _line(packs, f"meal.{f.diet.value}", subject, Decimal(f.count), steps)


def _energy(entry: EnergyEntry, packs: CarbonPacks) -> EmissionLine:
    f = entry.fields
    if f.kind is EnergyKind.GENERATOR_FUEL and f.fuel is not None:
        key = f"energy.{f.fuel.value}"
    elif f.kind is EnergyKind.GRID:
        key = "energy.grid"
    else:
        key = "storage.cloud"
    steps = [t("{quantity} {unit} entered ({phase})", quantity=f.quantity, unit=entry.unit,
               phase=f.phase.value)]  # fmt: skip
    label = f.label or f.kind.value
    return _line(packs, key, _Subject(f"energy:{entry.id}", label, f.entry_date), f.quantity, steps)


def _safe(make: Callable[[], EmissionLine | Gap], record: str, label: str) -> EmissionLine | Gap:
    """The record's line, or a gap naming the rule that is missing for it."""
    try:
        return make()
    except RuleError as missing:
        return Gap(record, label, t("no factor applies: {problem}", problem=str(missing)))


def estimate(
    inputs: CarbonInputs, packs: CarbonPacks, *, on: dt.date,
    kind: EstimateKind = EstimateKind.PROVISIONAL,
) -> CarbonEstimate:  # fmt: skip
    """The estimate of ``inputs`` made on ``on`` (the date the posts are read at)."""
    counted: list[EmissionLine | Gap] = []
    for leg in inputs.legs:
        counted.append(_safe(partial(_leg, leg, packs), f"travel:{leg.id}", leg.label))
    for stay in inputs.stays:
        counted.append(_safe(partial(_stay, stay, packs), f"lodging:{stay.id}", stay.fields.place))
    for meal in inputs.meals:
        counted.append(_safe(partial(_meal, meal, packs), f"meal:{meal.id}", meal.fields.diet))
    for entry in inputs.energy:
        counted.append(
            _safe(partial(_energy, entry, packs), f"energy:{entry.id}", entry.fields.label)
        )
    lines = [c for c in counted if isinstance(c, EmissionLine)]
    gaps = [c for c in counted if isinstance(c, Gap)]
    total = sum((line.kg for line in lines), ZERO)
    categories: list[CategoryTotal] = []
    for key, fr, en, post in category_titles(packs.categories):
        mine = [line for line in lines if line.category == key]
        kg = sum((line.kg for line in mine), ZERO)
        share = (kg / total).quantize(SHARE, rounding=ROUND_HALF_UP) if total else ZERO
        categories.append(CategoryTotal(key, fr, en, kg, share, len(mine), post.status,
                                        post.note))  # fmt: skip
    notes: list[Text] = []
    if not inputs.shoot_days:
        notes.append(t("no shoot days: the main board has none, or there is no board yet"))
    return CarbonEstimate(
        kind=kind, on=on, lines=tuple(lines), categories=tuple(categories), total_kg=total,
        gaps=tuple(gaps), shoot_days=inputs.shoot_days, packs=packs.refs, notes=tuple(notes),
    )  # fmt: skip
