# SPDX-License-Identifier: AGPL-3.0-or-later
"""Meals (repas, cantine) counted per day and diet.

A count is a day, a diet (standard, beef, chicken, fish, vegetarian, vegan) and a number
of meals served, with an optional price per meal (``Decimal``). One count per day and diet:
the count of a day is what the call sheet or the caterer's bill says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Final

from regie.logistics.travel import check_amount, check_count, check_date

CENT: Final = Decimal("0.01")
MAX_MEALS: Final = 100_000


class Diet(StrEnum):
    STANDARD = "standard"  # the usual menu, with meat
    BEEF = "beef"
    CHICKEN = "chicken"
    FISH = "fish"
    VEGETARIAN = "vegetarian"
    VEGAN = "vegan"


DIET_LABELS: Final[dict[Diet, tuple[str, str]]] = {
    Diet.STANDARD: ("Standard (viande)", "Standard (meat)"),
    Diet.BEEF: ("Bœuf", "Beef"),
    Diet.CHICKEN: ("Volaille", "Chicken"),
    Diet.FISH: ("Poisson", "Fish"),
    Diet.VEGETARIAN: ("Végétarien", "Vegetarian"),
    Diet.VEGAN: ("Végétalien", "Vegan"),
}
PLANT_BASED: Final = frozenset({Diet.VEGETARIAN, Diet.VEGAN})


@dataclass(frozen=True, slots=True)
class MealFields:
    meal_date: dt.date
    diet: Diet
    count: int
    unit_cost: Decimal | None = None  # per meal
    account: str = ""  # devis account; "" = the pack's default for meals
    notes: str = ""


@dataclass(frozen=True, slots=True)
class MealCount:
    id: int
    fields: MealFields
    version: int = 1

    @property
    def cost(self) -> Decimal | None:
        if self.fields.unit_cost is None:
            return None
        return (self.fields.unit_cost * self.fields.count).quantize(CENT, rounding=ROUND_HALF_UP)


def check_meals(fields: MealFields, *, starts_on: dt.date | None) -> MealFields:
    check_count(fields.count, "count", low=0, high=MAX_MEALS)
    check_amount(fields.unit_cost, "unit_cost")
    check_date(fields.meal_date, "meal_date", starts_on)
    return MealFields(
        meal_date=fields.meal_date,
        diet=fields.diet,
        count=fields.count,
        unit_cost=None if fields.unit_cost is None else fields.unit_cost.quantize(CENT),
        account=fields.account.strip(),
        notes=fields.notes.strip()[:2000],
    )


def plant_based_share(meals: Iterable[MealCount]) -> Decimal | None:
    """Share of vegetarian and vegan meals among all meals counted (``None``: none)."""
    total = plant = 0
    for meal in meals:
        total += meal.fields.count
        if meal.fields.diet in PLANT_BASED:
            plant += meal.fields.count
    return None if total == 0 else Decimal(plant) / Decimal(total)
