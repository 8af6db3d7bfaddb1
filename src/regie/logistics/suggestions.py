# SPDX-License-Identifier: AGPL-3.0-or-later
"""Eco-responsible suggestions (éco-production) from the production's own logistics:

* **train rather than plane**: a flight shorter than the ``logistics`` pack's threshold
  (``eco.plane_to_train_max_km``, customary) — the saving is the flight's emissions less a
  high-speed train's over the same distance;
* **shared cars**: several cars driving the same way on the same day, or a leg with as
  many cars as people — the cars needed at the pack's seats per car
  (``eco.car_seats``), the saving the cars left at home;
* **vegetarian meals**: fewer plant-based meals than the pack's share
  (``eco.vegetarian_share``) — the saving of serving that share as vegetarian meals
  instead of standard ones.

Each suggestion names the records it is about, the rule it follows and the kilograms of
CO2e it would save (factors of ``emission-factors`` through ``carbon-categories``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Final

from regie.core.text import Text, t
from regie.logistics.factors import activity, factor, factor_key
from regie.logistics.meals import PLANT_BASED, Diet, MealCount
from regie.logistics.travel import CARS, TravelLeg, TravelMode, leg_distance, vehicles
from regie.rules.pack import RulePack

KG: Final = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Suggestion:
    kind: str  # "train" | "car_sharing" | "vegetarian"
    records: tuple[str, ...]  # "travel:3", "meal:2026-03-01:standard"…
    message: Text
    saving_kg: Decimal | None
    rule: str  # pack@version key (status)


@dataclass(frozen=True, slots=True)
class SuggestionPacks:
    logistics: RulePack
    categories: RulePack
    emissions: RulePack


def _rule(pack: RulePack, key: str, on: dt.date) -> tuple[Decimal, str]:
    entry = pack.value(key, on)
    return entry.decimal(), f"{pack.ref} {key} ({entry.status.value})"


def _per_unit(packs: SuggestionPacks, key: str, on: dt.date, km: Decimal | None = None) -> Decimal:
    found = activity(packs.categories, key, on)
    return factor(
        factor_key(found, packs.categories, km=km, on=on), packs.categories, packs.emissions, on
    ).value


def _train(legs: Sequence[TravelLeg], packs: SuggestionPacks) -> list[Suggestion]:
    found: list[Suggestion] = []
    for leg in legs:
        f = leg.fields
        if f.mode is not TravelMode.PLANE:
            continue
        limit, rule = _rule(packs.logistics, "eco.plane_to_train_max_km", f.travel_date)
        distance = leg_distance(f, packs.logistics)
        if distance.km > limit:
            continue
        passenger_km = distance.total_km * f.people
        plane = _per_unit(packs, "travel.plane", f.travel_date, distance.km)
        train = _per_unit(packs, "travel.train_tgv", f.travel_date)
        saving = (passenger_km * (plane - train)).quantize(KG, rounding=ROUND_HALF_UP)
        found.append(
            Suggestion(
                "train",
                (f"travel:{leg.id}",),
                t(
                    "{route}: {km} km by plane, under {limit} km: the train would save "
                    "{kg} kg CO2e",
                    route=leg.label,
                    km=distance.km,
                    limit=limit,
                    kg=saving,
                ),
                saving,
                rule,
            )
        )
    return found


def _sharing(legs: Sequence[TravelLeg], packs: SuggestionPacks) -> list[Suggestion]:
    groups: dict[tuple[dt.date, str, str, TravelMode], list[TravelLeg]] = defaultdict(list)
    for leg in legs:
        f = leg.fields
        if f.mode in CARS:
            key = (f.travel_date, f.origin.casefold(), f.destination.casefold(), f.mode)
            groups[key].append(leg)
    found: list[Suggestion] = []
    for (day, _o, _d, mode), group in sorted(groups.items(), key=lambda kv: kv[0][:3]):
        seats, rule = _rule(packs.logistics, "eco.car_seats", day)
        people = sum(g.fields.people for g in group)
        cars = sum(vehicles(g.fields) for g in group)
        needed = max(1, int((Decimal(people) / seats).to_integral_value(rounding=ROUND_CEILING)))
        if cars <= needed:
            continue
        km = max(leg_distance(g.fields, packs.logistics).total_km for g in group)
        per_km = _per_unit(packs, f"travel.{mode.value}", day)
        saving = ((cars - needed) * km * per_km).quantize(KG, rounding=ROUND_HALF_UP)
        found.append(
            Suggestion(
                "car_sharing",
                tuple(f"travel:{g.id}" for g in group),
                t(
                    "{route} on {day}: {people} people in {cars} cars; {needed} shared cars "
                    "would save {kg} kg CO2e",
                    route=group[0].label,
                    day=day,
                    people=people,
                    cars=cars,
                    needed=needed,
                    kg=saving,
                ),
                saving,
                rule,
            )
        )
    return found


def _vegetarian(meals: Sequence[MealCount], packs: SuggestionPacks) -> list[Suggestion]:
    if not meals:
        return []
    last = max(m.fields.meal_date for m in meals)
    target, rule = _rule(packs.logistics, "eco.vegetarian_share", last)
    total = sum(m.fields.count for m in meals)
    plant = sum(m.fields.count for m in meals if m.fields.diet in PLANT_BASED)
    standard = sum(m.fields.count for m in meals if m.fields.diet is Diet.STANDARD)
    wanted = int((target * total).to_integral_value(rounding=ROUND_CEILING))
    switch = min(standard, wanted - plant)
    if total == 0 or switch <= 0:
        return []
    per_meal = _per_unit(packs, "meal.standard", last) - _per_unit(packs, "meal.vegetarian", last)
    saving = (switch * per_meal).quantize(KG, rounding=ROUND_HALF_UP)
    share = (Decimal(plant * 100) / total).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return [
        Suggestion(
            "vegetarian",
            tuple(f"meal:{m.id}" for m in meals if m.fields.diet is Diet.STANDARD),
            t(
                "{share}% of the meals are vegetarian; serving {switch} more vegetarian "
                "meals instead of standard ones would save {kg} kg CO2e",
                share=share,
                switch=switch,
                kg=saving,
            ),
            saving,
            rule,
        )
    ]


def suggest(
    legs: Sequence[TravelLeg], meals: Sequence[MealCount], packs: SuggestionPacks
) -> list[Suggestion]:
    """Every suggestion, the largest saving first."""
    found = _train(legs, packs) + _sharing(legs, packs) + _vegetarian(meals, packs)
    return sorted(found, key=lambda s: -(s.saving_kg or Decimal(0)))
