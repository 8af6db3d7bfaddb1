# SPDX-License-Identifier: AGPL-3.0-or-later
"""Energy and data (énergie, numérique) a production uses: generator fuel in litres by
type, grid electricity in kWh, data kept in the cloud in terabyte-years, each dated and
placed in a phase (preparation, shoot, post-production)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Final

from regie.core.errors import ValidationError
from regie.core.text import t
from regie.logistics.travel import check_amount, check_date

MAX_QUANTITY: Final = Decimal("1e9")


class EnergyKind(StrEnum):
    GENERATOR_FUEL = "generator_fuel"  # groupe électrogène: litres
    GRID = "grid"  # raccordement au réseau: kWh
    CLOUD_STORAGE = "cloud_storage"  # données stockées: TB × years


class Fuel(StrEnum):
    DIESEL_NON_ROAD = "diesel_non_road"  # gazole non routier (GNR)
    DIESEL_ROAD = "diesel_road"
    PETROL = "petrol"


class ProductionPhase(StrEnum):
    PREP = "prep"
    SHOOT = "shoot"
    POST = "post"


ENERGY_UNITS: Final[dict[EnergyKind, str]] = {
    EnergyKind.GENERATOR_FUEL: "litre",
    EnergyKind.GRID: "kWh",
    EnergyKind.CLOUD_STORAGE: "TB.year",
}
ENERGY_LABELS: Final[dict[EnergyKind, tuple[str, str]]] = {
    EnergyKind.GENERATOR_FUEL: ("Carburant groupe électrogène", "Generator fuel"),
    EnergyKind.GRID: ("Électricité du réseau", "Grid electricity"),
    EnergyKind.CLOUD_STORAGE: ("Stockage de données (cloud)", "Cloud data storage"),
}
FUEL_LABELS: Final[dict[Fuel, tuple[str, str]]] = {
    Fuel.DIESEL_NON_ROAD: ("Gazole non routier", "Non-road diesel"),
    Fuel.DIESEL_ROAD: ("Gazole routier", "Road diesel"),
    Fuel.PETROL: ("Essence", "Petrol"),
}
PHASE_LABELS: Final[dict[ProductionPhase, tuple[str, str]]] = {
    ProductionPhase.PREP: ("Préparation", "Preparation"),
    ProductionPhase.SHOOT: ("Tournage", "Shoot"),
    ProductionPhase.POST: ("Postproduction", "Post-production"),
}


@dataclass(frozen=True, slots=True)
class EnergyFields:
    entry_date: dt.date
    kind: EnergyKind
    quantity: Decimal  # in ENERGY_UNITS[kind]
    fuel: Fuel | None = None  # generator fuel only
    phase: ProductionPhase = ProductionPhase.SHOOT
    label: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class EnergyEntry:
    id: int
    fields: EnergyFields
    version: int = 1

    @property
    def unit(self) -> str:
        return ENERGY_UNITS[self.fields.kind]


def check_energy(fields: EnergyFields, *, starts_on: dt.date | None) -> EnergyFields:
    check_amount(fields.quantity, "quantity", limit=MAX_QUANTITY)
    check_date(fields.entry_date, "entry_date", starts_on)
    fuel = fields.fuel
    if fields.kind is EnergyKind.GENERATOR_FUEL and fuel is None:
        raise ValidationError(
            t("generator fuel needs its type"),
            field="fuel",
            hint=t("Use one of: {values}", values=", ".join(f.value for f in Fuel)),
        )
    return EnergyFields(
        entry_date=fields.entry_date,
        kind=fields.kind,
        quantity=fields.quantity,
        fuel=fuel if fields.kind is EnergyKind.GENERATOR_FUEL else None,
        phase=fields.phase,
        label=" ".join(fields.label.split())[:200],
        notes=fields.notes.strip()[:2000],
    )
