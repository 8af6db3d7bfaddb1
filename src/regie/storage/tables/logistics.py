# SPDX-License-Identifier: AGPL-3.0-or-later
"""Logistics and the carbon estimate: ``logistics_settings`` (the production's start),
``travel_legs``, ``lodging_stays``, ``meal_counts`` (one per day and diet),
``energy_entries`` (generator fuel, grid kWh, cloud storage), ``equipment_lists`` with
their ``equipment_items`` and ``vendor_quotes``, the ``external_sources`` register and the
frozen ``carbon_estimates`` (their figures as JSON text whose numbers are decimal strings).

Amounts are ``Numeric`` read back as ``Decimal``; enumerations are short strings checked
by the database.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from regie.storage.base import Base, UTCDateTime, utc_now, version_column

__all__ = [
    "CarbonEstimateRow",
    "EnergyEntryRow",
    "EquipmentItemRow",
    "EquipmentListRow",
    "ExternalSourceRow",
    "LodgingStayRow",
    "LogisticsSettingsRow",
    "MealCountRow",
    "TravelLegRow",
    "VendorQuoteRow",
]

MODES = ("train_tgv", "train_intercites", "train_ter", "plane", "car_petrol", "car_diesel",
         "car_electric", "van", "truck", "bus")  # fmt: skip
LODGING_KINDS = ("hotel", "hotel_unclassified", "hotel_2_star", "hotel_3_star", "hotel_4_star",
                 "hotel_5_star", "rental")  # fmt: skip
DIETS = ("standard", "beef", "chicken", "fish", "vegetarian", "vegan")
ENERGY_KINDS = ("generator_fuel", "grid", "cloud_storage")
FUELS = ("diesel_non_road", "diesel_road", "petrol")
PHASES = ("prep", "shoot", "post")
SOURCE_KINDS = ("music", "archive", "still")
TYPOLOGIES = ("commercial", "institutional", "circumstantial")
NEGOTIATIONS = ("to_contact", "contacted", "negotiating", "agreed", "signed", "dropped")
ESTIMATE_KINDS = ("provisional", "final")


def one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _production() -> Mapped[int]:
    return mapped_column(ForeignKey("productions.id", ondelete="CASCADE"), index=True)


class LogisticsSettingsRow(Base):
    __tablename__ = "logistics_settings"

    production_id: Mapped[int] = mapped_column(
        ForeignKey("productions.id", ondelete="CASCADE"), primary_key=True
    )
    starts_on: Mapped[dt.date | None] = mapped_column(Date)  # no logistics before this day
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class TravelLegRow(Base):
    __tablename__ = "travel_legs"
    __table_args__ = (
        CheckConstraint(one_of("mode", MODES), name="mode"),
        CheckConstraint("distance_km IS NULL OR distance_km >= 0", name="distance_km"),
        CheckConstraint("people >= 1", name="people"),
        CheckConstraint("vehicles IS NULL OR vehicles >= 1", name="vehicles"),
        CheckConstraint("fuel_litres IS NULL OR fuel_litres >= 0", name="fuel_litres"),
        CheckConstraint("cost IS NULL OR cost >= 0", name="cost"),
        CheckConstraint("origin_lat IS NULL OR origin_lat BETWEEN -90 AND 90", name="origin_lat"),
        CheckConstraint(
            "destination_lat IS NULL OR destination_lat BETWEEN -90 AND 90",
            name="destination_lat",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = _production()
    mode: Mapped[str] = mapped_column(String(24))
    origin: Mapped[str] = mapped_column(Text)
    destination: Mapped[str] = mapped_column(Text)
    origin_lat: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    origin_lon: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    destination_lat: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    destination_lon: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    travel_date: Mapped[dt.date] = mapped_column(Date)
    people: Mapped[int] = mapped_column(Integer, default=1)
    distance_km: Mapped[Decimal | None] = mapped_column(Numeric(10, 1))
    round_trip: Mapped[bool] = mapped_column(Boolean, default=False)
    vehicles: Mapped[int | None] = mapped_column(Integer)
    fuel_litres: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    cost: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    account: Mapped[str] = mapped_column(String(8), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class LodgingStayRow(Base):
    __tablename__ = "lodging_stays"
    __table_args__ = (
        CheckConstraint(one_of("kind", LODGING_KINDS), name="kind"),
        CheckConstraint("nights >= 1", name="nights"),
        CheckConstraint("people >= 1", name="people"),
        CheckConstraint("rate IS NULL OR rate >= 0", name="rate"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = _production()
    place: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(24))
    check_in: Mapped[dt.date] = mapped_column(Date)
    nights: Mapped[int] = mapped_column(Integer)
    people: Mapped[int] = mapped_column(Integer, default=1)
    rate: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    breakfast: Mapped[bool] = mapped_column(Boolean, default=True)
    account: Mapped[str] = mapped_column(String(8), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class MealCountRow(Base):
    __tablename__ = "meal_counts"
    __table_args__ = (
        UniqueConstraint("production_id", "meal_date", "diet"),
        CheckConstraint(one_of("diet", DIETS), name="diet"),
        CheckConstraint("count >= 0", name="count"),
        CheckConstraint("unit_cost IS NULL OR unit_cost >= 0", name="unit_cost"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = _production()
    meal_date: Mapped[dt.date] = mapped_column(Date)
    diet: Mapped[str] = mapped_column(String(16))
    count: Mapped[int] = mapped_column(Integer)
    unit_cost: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    account: Mapped[str] = mapped_column(String(8), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class EnergyEntryRow(Base):
    __tablename__ = "energy_entries"
    __table_args__ = (
        CheckConstraint(one_of("kind", ENERGY_KINDS), name="kind"),
        CheckConstraint(f"fuel IS NULL OR {one_of('fuel', FUELS)}", name="fuel"),
        CheckConstraint(one_of("phase", PHASES), name="phase"),
        CheckConstraint("quantity >= 0", name="quantity"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = _production()
    entry_date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(16))
    fuel: Mapped[str | None] = mapped_column(String(16))
    quantity: Mapped[Decimal] = mapped_column(Numeric(16, 3))
    phase: Mapped[str] = mapped_column(String(8), default="shoot")
    label: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class EquipmentListRow(Base):
    __tablename__ = "equipment_lists"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = _production()
    department: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)
    needed_from: Mapped[dt.date | None] = mapped_column(Date)
    needed_to: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class EquipmentItemRow(Base):
    __tablename__ = "equipment_items"
    __table_args__ = (CheckConstraint("quantity >= 1", name="quantity"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_id: Mapped[int] = mapped_column(
        ForeignKey("equipment_lists.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(Text)
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class VendorQuoteRow(Base):
    __tablename__ = "vendor_quotes"
    __table_args__ = (CheckConstraint("amount >= 0", name="amount"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_id: Mapped[int] = mapped_column(
        ForeignKey("equipment_lists.id", ondelete="CASCADE"), index=True
    )
    vendor: Mapped[str] = mapped_column(Text)
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    available_from: Mapped[dt.date | None] = mapped_column(Date)
    available_to: Mapped[dt.date | None] = mapped_column(Date)
    eco: Mapped[str] = mapped_column(Text, default="")  # commitments, comma-separated keys
    chosen: Mapped[bool] = mapped_column(Boolean, default=False)
    account: Mapped[str] = mapped_column(String(8), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class ExternalSourceRow(Base):
    __tablename__ = "external_sources"
    __table_args__ = (
        CheckConstraint(one_of("kind", SOURCE_KINDS), name="kind"),
        CheckConstraint(one_of("typology", TYPOLOGIES), name="typology"),
        CheckConstraint(one_of("status", NEGOTIATIONS), name="status"),
        CheckConstraint("asking_price IS NULL OR asking_price >= 0", name="asking_price"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = _production()
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    typology: Mapped[str] = mapped_column(String(16))
    holder: Mapped[str] = mapped_column(Text, default="")
    asking_price: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    status: Mapped[str] = mapped_column(String(16), default="to_contact")
    duration_seconds: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class CarbonEstimateRow(Base):
    __tablename__ = "carbon_estimates"
    __table_args__ = (
        UniqueConstraint("production_id", "number"),
        CheckConstraint(one_of("kind", ESTIMATE_KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = _production()
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    made_on: Mapped[dt.date] = mapped_column(Date)
    total_kg: Mapped[Decimal] = mapped_column(Numeric(16, 2))
    figures_json: Mapped[str] = mapped_column(Text)  # finance.carbon_record.estimate_dict
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utc_now)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form
