# SPDX-License-Identifier: AGPL-3.0-or-later
"""Lodging costs, meal shares, quote comparison, the sources register, suggestions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from regie.core.errors import ValidationError
from regie.logistics.energy import EnergyFields, EnergyKind, check_energy
from regie.logistics.equipment import (
    EcoCommitment,
    ListFields,
    QuoteFields,
    VendorQuote,
    check_list,
    check_quote,
    compare_quotes,
)
from regie.logistics.lodging import LodgingStay, StayFields, check_stay
from regie.logistics.meals import Diet, MealCount, MealFields, plant_based_share
from regie.logistics.sources import (
    ExternalSource,
    Negotiation,
    SourceFields,
    SourceKind,
    Typology,
    totals,
)
from regie.logistics.suggestions import SuggestionPacks, suggest
from regie.logistics.travel import LegFields, TravelLeg, TravelMode
from regie.rules.registry import shipped_pack
from regie.schedule.people import Department

DAY = dt.date(2026, 11, 23)
PACKS = SuggestionPacks(
    shipped_pack("logistics"), shipped_pack("carbon-categories"), shipped_pack("emission-factors")
)


def test_lodging_cost_is_nights_people_rate() -> None:
    stay = LodgingStay(1, check_stay(StayFields("Hôtel", DAY, 10, 8, rate=Decimal("89.5")),
                                     starts_on=None))  # fmt: skip
    assert stay.person_nights == 80
    assert stay.cost == Decimal("7160.00")
    assert stay.check_out == dt.date(2026, 12, 3)
    with pytest.raises(ValidationError) as refused:
        check_stay(StayFields("Hôtel", DAY, 0, 8), starts_on=None)
    assert refused.value.field == "nights"


def test_meal_share() -> None:
    meals = [MealCount(1, MealFields(DAY, Diet.STANDARD, 30)),
             MealCount(2, MealFields(DAY, Diet.VEGAN, 5)),
             MealCount(3, MealFields(DAY, Diet.VEGETARIAN, 15))]  # fmt: skip
    assert plant_based_share(meals) == Decimal("0.4")
    assert plant_based_share([]) is None


def test_generator_fuel_needs_its_type() -> None:
    with pytest.raises(ValidationError) as refused:
        check_energy(EnergyFields(DAY, EnergyKind.GENERATOR_FUEL, Decimal(10)), starts_on=None)
    assert refused.value.field == "fuel"


def quote(ident: int, vendor: str, amount: str, **kw: object) -> VendorQuote:
    return VendorQuote(ident, 1, check_quote(QuoteFields(vendor, Decimal(amount), **kw)))  # type: ignore[arg-type]


def test_quotes_ranked_by_dates_then_price_then_commitments() -> None:
    need = check_list(ListFields(Department.CAMERA, "Caméra", DAY, DAY + dt.timedelta(days=20)))
    cheap_late = quote(1, "Loc A", "3000", available_from=DAY + dt.timedelta(days=2))
    green = quote(2, "Loc B", "3500", eco=frozenset({EcoCommitment.LOCAL, EcoCommitment.REUSE}))
    plain = quote(3, "Loc C", "3500")
    ranked = compare_quotes(need, [cheap_late, green, plain])
    assert [r.quote.fields.vendor for r in ranked] == ["Loc B", "Loc C", "Loc A"]
    assert ranked[2].covers_need is False
    assert ranked[2].cheapest
    assert ranked[0].over_cheapest == Decimal("500.00")
    assert ranked[0].eco_score == 2
    with pytest.raises(ValidationError):
        check_list(ListFields(Department.CAMERA, "x", DAY, DAY - dt.timedelta(days=1)))


def test_sources_register_totals() -> None:
    def source(ident: int, price: str | None, status: Negotiation) -> ExternalSource:
        return ExternalSource(ident, SourceFields(
            SourceKind.MUSIC, f"Titre {ident}", Typology.COMMERCIAL,
            asking_price=None if price is None else Decimal(price), status=status))  # fmt: skip

    found = totals([
        source(1, "1200", Negotiation.NEGOTIATING), source(2, "800", Negotiation.SIGNED),
        source(3, None, Negotiation.TO_CONTACT), source(4, "5000", Negotiation.DROPPED),
    ])  # fmt: skip
    assert (found.asked, found.agreed, found.open_count, found.without_price) == (
        Decimal(2000), Decimal(800), 2, 1)  # fmt: skip


def leg(ident: int, mode: TravelMode, km: str, **kw: object) -> TravelLeg:
    return TravelLeg(ident, LegFields(mode, "Paris", "Bayeux", DAY, distance_km=Decimal(km), **kw))  # type: ignore[arg-type]


def test_suggestions_with_their_savings() -> None:
    flight = leg(1, TravelMode.PLANE, "600", people=2)
    far = leg(2, TravelMode.PLANE, "1200")
    cars = [leg(3, TravelMode.CAR_PETROL, "270", people=1), leg(4, TravelMode.CAR_PETROL, "270"),
            leg(5, TravelMode.CAR_PETROL, "270")]  # fmt: skip
    meals = [MealCount(1, MealFields(DAY, Diet.STANDARD, 90)),
             MealCount(2, MealFields(DAY, Diet.VEGETARIAN, 10))]  # fmt: skip
    found = {s.kind: s for s in suggest([flight, far, *cars], meals, PACKS)}
    # 600 km × 2 people × (0.224572 − 0.00293) = 265.9704
    assert found["train"].saving_kg == Decimal("265.97")
    assert found["train"].records == ("travel:1",)
    # 3 people in 3 cars, 4 seats: 1 car needed, 2 stay home: 2 × 270 × 0.169708 = 91.64232
    assert found["car_sharing"].saving_kg == Decimal("91.64")
    assert found["car_sharing"].rule == "logistics@2026.1 eco.car_seats (customary)"
    # half of 100 meals wanted vegetarian: 40 more, × (1.58 − 0.51) = 42.80
    assert found["vegetarian"].saving_kg == Decimal("42.80")
    assert "10%" in str(found["vegetarian"].message)
