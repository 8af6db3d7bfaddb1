# SPDX-License-Identifier: AGPL-3.0-or-later
"""The carbon estimate against figures worked out by hand from the packs' factors."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from regie.finance.carbon import CarbonInputs, CarbonPacks, EstimateKind, estimate
from regie.finance.carbon_record import estimate_dict, estimate_of
from regie.logistics.energy import EnergyEntry, EnergyFields, EnergyKind, Fuel
from regie.logistics.lodging import LodgingKind, LodgingStay, StayFields
from regie.logistics.meals import Diet, MealCount, MealFields
from regie.logistics.travel import LegFields, Point, TravelLeg, TravelMode
from regie.rules.pack import Status
from regie.rules.registry import shipped_pack

DAY = dt.date(2026, 11, 23)
PACKS = CarbonPacks(
    shipped_pack("carbon-categories"), shipped_pack("emission-factors"), shipped_pack("logistics")
)


def factor(key: str, on: dt.date = DAY) -> Decimal:
    return shipped_pack("emission-factors").value(key, on).decimal("factor")


def leg(ident: int, mode: TravelMode, **kw: object) -> TravelLeg:
    fields = LegFields(mode, "Paris", "Bayeux", DAY, **kw)  # type: ignore[arg-type]
    return TravelLeg(ident, fields)


def test_train_round_trip_counts_passenger_km() -> None:
    # 270 km × 2 (return) × 8 people = 4320 passenger-km × 0.00293 = 12.6576 → 12.66 kg
    assert factor("transport.train_tgv") == Decimal("0.00293")
    train = leg(1, TravelMode.TRAIN_TGV, people=8, distance_km=Decimal(270), round_trip=True)
    found = estimate(CarbonInputs(legs=[train]), PACKS, on=DAY)
    (line,) = found.lines
    assert (line.quantity, line.unit, line.kg) == (Decimal(4320), "passenger.km", Decimal("12.66"))
    assert line.category == "transport"
    assert line.factor.status is Status.SECONDARY
    assert "4320 passenger-km" in str(line.steps[-2])


def test_cars_count_vehicle_km_and_vans_their_fuel() -> None:
    # 3 diesel cars × 270 km = 810 vehicle-km × 0.142253 = 115.224930 → 115.22
    cars = leg(1, TravelMode.CAR_DIESEL, people=3, vehicles=3, distance_km=Decimal(270))
    # van: 60 litres of road diesel × 3.07 (estimated) = 184.20
    van = leg(2, TravelMode.VAN, distance_km=Decimal(270), fuel_litres=Decimal(60))
    truck = leg(3, TravelMode.TRUCK, distance_km=Decimal(270))  # no litres: a gap
    found = estimate(CarbonInputs(legs=[cars, van, truck]), PACKS, on=DAY)
    assert [line.kg for line in found.lines] == [Decimal("115.22"), Decimal("184.20")]
    assert found.lines[1].factor.status is Status.ESTIMATED  # estimated stays estimated
    (gap,) = found.gaps
    assert gap.record == "travel:3"
    assert "litres" in str(gap.reason)


def test_flight_from_coordinates_takes_its_distance_band() -> None:
    # Paris (48.8566, 2.3522) → Nice (43.7102, 7.262): great circle 685.1 km, air detour 1
    # → short-haul band (≤ 1000 km) with contrails 0.224572; 2 people → 1370.2 pkm
    # × 0.224572 = 307.7085… → 307.71
    flight = TravelLeg(
        1,
        LegFields(
            TravelMode.PLANE, "Paris", "Nice", DAY, people=2,
            origin_point=Point(Decimal("48.8566"), Decimal("2.3522")),
            destination_point=Point(Decimal("43.7102"), Decimal("7.2620")),
        ),
    )  # fmt: skip
    (line,) = estimate(CarbonInputs(legs=[flight]), PACKS, on=DAY).lines
    assert line.factor.key == "transport.plane_short_haul_with_contrails"
    assert line.quantity == Decimal("1370.2")
    assert line.kg == Decimal("307.71")
    assert "great circle 685.1 km" in str(line.steps[0])


def test_lodging_meals_and_energy() -> None:
    # 10 nights × 8 people = 80 × 9.91 = 792.80; without breakfast 80 × 6.93 = 554.40
    stays = [
        LodgingStay(1, StayFields("Hôtel du Port", DAY, 10, 8)),
        LodgingStay(2, StayFields("Hôtel B", DAY, 10, 8, breakfast=False)),
        LodgingStay(3, StayFields("Gîte", DAY, 5, 2, kind=LodgingKind.RENTAL)),
    ]
    # standard meals count as chicken (customary): 100 × 1.58 = 158; vegetarian 20 × 0.51
    # = 10.20; fish (white, factor of the categories pack) 10 × 1.98 = 19.80
    meals = [
        MealCount(1, MealFields(DAY, Diet.STANDARD, 100)),
        MealCount(2, MealFields(DAY, Diet.VEGETARIAN, 20)),
        MealCount(3, MealFields(DAY, Diet.FISH, 10)),
    ]
    # generator: 200 l of non-road diesel × 3.17 (verified) = 634; grid 1000 kWh in 2026
    # × 0.0461 (the 2025 value, still valid) = 46.10; cloud 2 TB-years × 0.235334 = 0.47
    energy = [
        EnergyEntry(1, EnergyFields(DAY, EnergyKind.GENERATOR_FUEL, Decimal(200),
                                    Fuel.DIESEL_NON_ROAD)),
        EnergyEntry(2, EnergyFields(DAY, EnergyKind.GRID, Decimal(1000))),
        EnergyEntry(3, EnergyFields(DAY, EnergyKind.CLOUD_STORAGE, Decimal(2))),
    ]  # fmt: skip
    found = estimate(CarbonInputs(stays=stays, meals=meals, energy=energy, shoot_days=10),
                     PACKS, on=DAY, kind=EstimateKind.FINAL)  # fmt: skip
    kg = [line.kg for line in found.lines]
    expected = ("792.80", "554.40", "158.00", "10.20", "19.80", "634.00", "46.10", "0.47")
    assert kg == [Decimal(x) for x in expected]
    assert [g.record for g in found.gaps] == ["lodging:3"]
    posts = {c.key: c for c in found.categories}
    assert posts["accommodation"].kg == Decimal("1347.20")
    assert posts["catering"].kg == Decimal("188.00")
    assert posts["energy"].kg == Decimal("680.10")
    assert posts["digital"].kg == Decimal("0.47")
    assert not posts["equipment"].estimated
    assert found.total_kg == sum(c.kg for c in found.categories) == Decimal("2215.77")
    assert found.per_shoot_day_kg == Decimal("221.58")
    assert found.total_tonnes == Decimal("2.216")
    assert found.kind is EstimateKind.FINAL


def test_grid_factor_follows_the_year_of_use() -> None:
    entry = EnergyEntry(1, EnergyFields(dt.date(2023, 5, 1), EnergyKind.GRID, Decimal(1000)))
    (line,) = estimate(CarbonInputs(energy=[entry]), PACKS, on=DAY).lines
    assert line.kg == Decimal("58.00")  # 2023: 0.058


def test_estimate_survives_its_json() -> None:
    train = leg(1, TravelMode.TRAIN_TER, people=2, distance_km=Decimal("42.5"))
    truck = leg(2, TravelMode.TRUCK, distance_km=Decimal(10))
    found = estimate(CarbonInputs(legs=[train, truck], shoot_days=3), PACKS, on=DAY)
    data = json.loads(json.dumps(estimate_dict(found)))
    assert data["total_kg"] == "2.35"  # 85 pkm × 0.02769 = 2.35365
    again = estimate_of(data)
    assert estimate_dict(again) == data
    assert again.lines[0].steps == found.lines[0].steps
    assert again.gaps == found.gaps


def test_no_data_gives_zero_and_says_so() -> None:
    found = estimate(CarbonInputs(), PACKS, on=DAY)
    assert found.total_kg == 0
    assert found.per_shoot_day_kg is None
    assert found.notes
    assert found.uncertainty_kg is None


BANDS = [("999", "short"), ("1500", "medium_haul"), ("4000", "medium_long"), ("9000", "long")]


@pytest.mark.parametrize(("km", "band"), BANDS)
def test_plane_bands(km: str, band: str) -> None:
    flight = leg(1, TravelMode.PLANE, distance_km=Decimal(km))
    (line,) = estimate(CarbonInputs(legs=[flight]), PACKS, on=DAY).lines
    assert band in line.factor.key
    assert line.factor.key.endswith("_with_contrails")
