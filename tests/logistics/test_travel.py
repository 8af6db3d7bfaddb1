# SPDX-License-Identifier: AGPL-3.0-or-later
"""Travel legs: distances (entered, great circle × detour), checks that name the field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from regie.core.errors import ValidationError
from regie.logistics.travel import (
    LegFields,
    Point,
    TravelMode,
    check_leg,
    great_circle_km,
    leg_distance,
    vehicles,
)
from regie.rules.pack import Status
from regie.rules.registry import shipped_pack

LOGISTICS = shipped_pack("logistics")
DAY = dt.date(2026, 11, 23)
PARIS = Point(Decimal("48.8566"), Decimal("2.3522"))
BAYEUX = Point(Decimal("49.2764"), Decimal("-0.7024"))


def fields(**kw: object) -> LegFields:
    base: dict[str, object] = {"mode": TravelMode.VAN, "origin": "Paris", "destination": "Bayeux",
                               "travel_date": DAY}  # fmt: skip
    return LegFields(**{**base, **kw})  # type: ignore[arg-type]


def test_great_circle_paris_bayeux() -> None:
    # Haversine on the IUGG mean radius; the spherical law of cosines on the same radius
    # gives 227.363 km (worked out apart), so 227.4 to the tenth.
    assert great_circle_km(PARIS, BAYEUX) == Decimal("227.4")
    assert great_circle_km(PARIS, PARIS) == 0


def test_road_and_rail_detours_come_from_the_pack() -> None:
    road = leg_distance(fields(origin_point=PARIS, destination_point=BAYEUX), LOGISTICS)
    assert road.detour == Decimal("1.3")
    assert road.km == Decimal("295.6")  # 227.4 × 1.3 = 295.62
    assert not road.entered
    assert road.detour_rule == "logistics@2026.1 distance.detour.road (customary)"
    assert LOGISTICS.value("distance.detour.road").status is Status.CUSTOMARY
    rail = leg_distance(
        fields(mode=TravelMode.TRAIN_TER, origin_point=PARIS, destination_point=BAYEUX,
               round_trip=True),
        LOGISTICS,
    )  # fmt: skip
    assert (rail.km, rail.total_km) == (Decimal("272.9"), Decimal("545.8"))  # 227.4 × 1.2


def test_an_entered_distance_is_never_multiplied() -> None:
    found = leg_distance(
        fields(distance_km=Decimal(270), origin_point=PARIS, destination_point=BAYEUX), LOGISTICS
    )
    assert (found.km, found.entered, found.detour) == (Decimal(270), True, None)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"distance_km": Decimal(-5)}, "distance_km"),
        ({"origin_point": Point(Decimal(91), Decimal(0)), "destination_point": BAYEUX},
         "origin_latitude"),
        ({"distance_km": Decimal(5), "destination_point": Point(Decimal(0), Decimal(181))},
         "destination_longitude"),
        ({}, "distance_km"),  # neither a distance nor coordinates
        ({"distance_km": Decimal(5), "people": 0}, "people"),
        ({"distance_km": Decimal(5), "cost": Decimal("-1")}, "cost"),
        ({"distance_km": Decimal(5), "origin": "  "}, "origin"),
    ],
)  # fmt: skip
def test_bad_legs_name_the_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check_leg(fields(**changes), starts_on=None)
    assert refused.value.field == field


def test_a_date_before_the_start_is_refused() -> None:
    with pytest.raises(ValidationError, match="before the production starts"):
        check_leg(fields(distance_km=Decimal(5)), starts_on=DAY + dt.timedelta(days=1))
    assert check_leg(fields(distance_km=Decimal(5)), starts_on=DAY).travel_date == DAY


def test_vehicles_are_for_road_modes_only() -> None:
    assert vehicles(fields(distance_km=Decimal(1))) == 1
    assert vehicles(fields(mode=TravelMode.CAR_PETROL, vehicles=3)) == 3
    train = check_leg(fields(mode=TravelMode.TRAIN_TGV, vehicles=2, distance_km=Decimal(1)),
                      starts_on=None)  # fmt: skip
    assert train.vehicles is None
    assert vehicles(train) == 0
