# SPDX-License-Identifier: AGPL-3.0-or-later
"""Travel legs (déplacements): who goes where, how, how far and at what cost.

A leg has a mode (train, plane, car, van, truck, bus), its two ends (names, and optionally
coordinates), the number of people and, for road vehicles, of vehicles; its distance is
the one entered, or the great circle between the two ends' coordinates times the detour
factor of the ``logistics`` pack (road, rail or air; ``customary``). A return trip counts
the distance twice. Costs are the leg's total in the production's currency (``Decimal``).

The great circle is computed in floating point (trigonometry), then kept as a Decimal to
the tenth of a kilometre: a distance, not money.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Final

from regie.core.errors import ValidationError
from regie.core.text import on_day, t
from regie.rules.pack import RulePack

PACK_ID: Final = "logistics"
EARTH_RADIUS_KM: Final = 6371.0088  # IUGG mean radius: a physical constant, not a rule
TENTH: Final = Decimal("0.1")
MAX_KM: Final = Decimal(40_000)  # further than any journey on Earth
MAX_PEOPLE: Final = 10_000
MAX_MONEY: Final = Decimal("1e12")


class TravelMode(StrEnum):
    TRAIN_TGV = "train_tgv"  # TGV, high-speed train
    TRAIN_INTERCITES = "train_intercites"
    TRAIN_TER = "train_ter"  # regional train
    PLANE = "plane"
    CAR_PETROL = "car_petrol"
    CAR_DIESEL = "car_diesel"
    CAR_ELECTRIC = "car_electric"
    VAN = "van"  # utilitaire (equipment, set dressing)
    TRUCK = "truck"  # camion (camion technique, groupe)
    BUS = "bus"  # hired bus or coach (navette, autocar)


MODE_LABELS: Final[dict[TravelMode, tuple[str, str]]] = {
    TravelMode.TRAIN_TGV: ("Train (TGV)", "Train (high speed)"),
    TravelMode.TRAIN_INTERCITES: ("Train (Intercités)", "Train (intercity)"),
    TravelMode.TRAIN_TER: ("Train (TER)", "Train (regional)"),
    TravelMode.PLANE: ("Avion", "Plane"),
    TravelMode.CAR_PETROL: ("Voiture essence", "Petrol car"),
    TravelMode.CAR_DIESEL: ("Voiture diesel", "Diesel car"),
    TravelMode.CAR_ELECTRIC: ("Voiture électrique", "Electric car"),
    TravelMode.VAN: ("Utilitaire", "Van"),
    TravelMode.TRUCK: ("Camion", "Truck"),
    TravelMode.BUS: ("Car / navette", "Bus / coach"),
}
CARS: Final = frozenset({TravelMode.CAR_PETROL, TravelMode.CAR_DIESEL, TravelMode.CAR_ELECTRIC})
ROAD_VEHICLES: Final = CARS | {TravelMode.VAN, TravelMode.TRUCK}
RAIL: Final = frozenset({TravelMode.TRAIN_TGV, TravelMode.TRAIN_INTERCITES, TravelMode.TRAIN_TER})


@dataclass(frozen=True, slots=True)
class Point:
    """A place on the map, decimal degrees (WGS 84)."""

    latitude: Decimal
    longitude: Decimal


@dataclass(frozen=True, slots=True)
class LegFields:
    """What a user enters for a leg (checked by :func:`check_leg`)."""

    mode: TravelMode
    origin: str
    destination: str
    travel_date: dt.date
    people: int = 1
    distance_km: Decimal | None = None  # one way; None: from the coordinates
    origin_point: Point | None = None
    destination_point: Point | None = None
    round_trip: bool = False
    vehicles: int | None = None  # road vehicles driving the leg (None: one)
    fuel_litres: Decimal | None = None  # vans and trucks: the fuel burnt (carbon estimate)
    cost: Decimal | None = None  # the leg's total cost
    account: str = ""  # devis account; "" = the pack's default for travel
    notes: str = ""


@dataclass(frozen=True, slots=True)
class TravelLeg:
    id: int
    fields: LegFields
    version: int = 1

    @property
    def label(self) -> str:
        return f"{self.fields.origin} → {self.fields.destination}"


@dataclass(frozen=True, slots=True)
class Distance:
    """How far a leg goes: ``km`` one way, ``total_km`` with the return."""

    km: Decimal
    total_km: Decimal
    entered: bool
    great_circle_km: Decimal | None = None
    detour: Decimal | None = None
    detour_rule: str | None = None  # "logistics@2026.1 distance.detour.road (customary)"


def vehicles(fields: LegFields) -> int:
    """Road vehicles on the leg (one when not said); 0 for trains, planes and buses."""
    if fields.mode not in ROAD_VEHICLES:
        return 0
    return fields.vehicles or 1


def great_circle_km(a: Point, b: Point) -> Decimal:
    """The haversine distance between two points, to the tenth of a kilometre."""
    lat1, lon1 = math.radians(float(a.latitude)), math.radians(float(a.longitude))
    lat2, lon2 = math.radians(float(b.latitude)), math.radians(float(b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    km = 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
    return Decimal(repr(km)).quantize(TENTH, rounding=ROUND_HALF_UP)


def detour_key(mode: TravelMode) -> str:
    if mode in RAIL:
        return "distance.detour.rail"
    if mode is TravelMode.PLANE:
        return "distance.detour.air"
    return "distance.detour.road"


def leg_distance(fields: LegFields, logistics: RulePack) -> Distance:
    """The leg's distance: entered, else great circle × the mode's detour factor."""
    factor = 2 if fields.round_trip else 1
    if fields.distance_km is not None:
        return Distance(fields.distance_km, fields.distance_km * factor, entered=True)
    if fields.origin_point is None or fields.destination_point is None:
        raise ValidationError(
            t("the leg has neither a distance nor the coordinates of both ends"),
            field="distance_km",
            hint=t("Enter the distance in km, or the coordinates of both places"),
        )
    straight = great_circle_km(fields.origin_point, fields.destination_point)
    key = detour_key(fields.mode)
    entry = logistics.value(key, fields.travel_date)
    detour = entry.decimal()
    km = (straight * detour).quantize(TENTH, rounding=ROUND_HALF_UP)
    return Distance(
        km, km * factor, entered=False, great_circle_km=straight, detour=detour,
        detour_rule=f"{logistics.ref} {key} ({entry.status.value})",
    )  # fmt: skip


def _point(point: Point | None, field: str) -> None:
    if point is None:
        return
    for value, limit, name in (
        (point.latitude, 90, f"{field}_latitude"),
        (point.longitude, 180, f"{field}_longitude"),
    ):
        if not value.is_finite() or not -limit <= value <= limit:
            raise ValidationError(
                t("{field} must be between -{limit} and {limit} degrees, not {value}",
                  field=name, limit=limit, value=value),
                field=name,
                hint=t("Give decimal degrees (WGS 84), as a map shows them"),
            )  # fmt: skip


def check_amount(value: Decimal | None, field: str, *, limit: Decimal = MAX_MONEY) -> None:
    """A quantity or an amount: finite, not negative, under ``limit``."""
    if value is None:
        return
    if not value.is_finite() or value < 0:
        raise ValidationError(
            t("{field} cannot be negative", field=field),
            field=field,
            hint=t("Enter 0 or more"),
        )
    if value > limit:
        raise ValidationError(t("{field} is over {limit}", field=field, limit=limit), field=field)


def check_count(value: int, field: str, *, low: int = 1, high: int = MAX_PEOPLE) -> None:
    if not low <= value <= high:
        raise ValidationError(
            t("{field} must be between {low} and {high}, not {value}",
              field=field, low=low, high=high, value=value),
            field=field,
        )  # fmt: skip


def check_date(day: dt.date, field: str, starts_on: dt.date | None) -> None:
    """A logistics date may not fall before the production's start (when it is set)."""
    if starts_on is not None and day < starts_on:
        raise ValidationError(
            t("{day} is before the production starts ({start})",
              day=on_day(day), start=on_day(starts_on)),
            field=field,
            hint=t("Check the date, or move the production's start (regie logistics start)"),
        )  # fmt: skip


def check_name(value: str, field: str, *, limit: int = 200) -> str:
    clean = " ".join(value.split())
    if not clean or len(clean) > limit:
        raise ValidationError(
            t("{field} needs 1 to {max} characters", field=field, max=limit), field=field
        )
    return clean


def check_leg(fields: LegFields, *, starts_on: dt.date | None) -> LegFields:
    """The fields tidied, or a ``ValidationError`` naming the field."""
    check_amount(fields.distance_km, "distance_km", limit=MAX_KM)
    _point(fields.origin_point, "origin")
    _point(fields.destination_point, "destination")
    check_count(fields.people, "people")
    if fields.vehicles is not None:
        check_count(fields.vehicles, "vehicles")
    check_amount(fields.fuel_litres, "fuel_litres")
    check_amount(fields.cost, "cost")
    check_date(fields.travel_date, "travel_date", starts_on)
    if fields.distance_km is None and (
        fields.origin_point is None or fields.destination_point is None
    ):
        raise ValidationError(
            t("the leg has neither a distance nor the coordinates of both ends"),
            field="distance_km",
            hint=t("Enter the distance in km, or the coordinates of both places"),
        )
    return LegFields(
        mode=fields.mode,
        origin=check_name(fields.origin, "origin"),
        destination=check_name(fields.destination, "destination"),
        travel_date=fields.travel_date,
        people=fields.people,
        distance_km=fields.distance_km,
        origin_point=fields.origin_point,
        destination_point=fields.destination_point,
        round_trip=fields.round_trip,
        vehicles=fields.vehicles if fields.mode in ROAD_VEHICLES else None,
        fuel_litres=fields.fuel_litres,
        cost=None if fields.cost is None else fields.cost.quantize(Decimal("0.01")),
        account=fields.account.strip(),
        notes=fields.notes.strip()[:2000],
    )


@dataclass(frozen=True, slots=True)
class LogisticsSettings:
    """The production's logistics settings: ``starts_on``, the first day a leg, a stay, a
    meal or an energy entry may be dated (the start of preparation); ``None``: not set.
    ``version`` 0: never saved."""

    starts_on: dt.date | None = None
    version: int = 0
