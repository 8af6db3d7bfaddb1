# SPDX-License-Identifier: AGPL-3.0-or-later
"""``locations`` (real places) of a production, ``set_locations`` (which set is shot where)
and ``travel_times`` between two locations.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from regie.storage.base import Base, version_column


class LocationRow(Base):
    __tablename__ = "locations"
    __table_args__ = (
        UniqueConstraint("production_id", "name"),
        CheckConstraint("latitude BETWEEN -90 AND 90", name="latitude"),
        CheckConstraint("longitude BETWEEN -180 AND 180", name="longitude"),
        CheckConstraint("open_weekdays BETWEEN 1 AND 127", name="open_weekdays"),
        CheckConstraint(
            "booking_start IS NULL OR booking_end IS NULL OR booking_start <= booking_end",
            name="booking",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)
    address: Mapped[str] = mapped_column(Text, default="")
    latitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))  # degrees, WGS 84
    longitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    # Bit d set: open on weekday d (0 = Monday); 127 = every day.
    open_weekdays: Mapped[int] = mapped_column(Integer, default=127)
    booking_start: Mapped[dt.date | None] = mapped_column(Date)
    booking_end: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class SetLocationRow(Base):
    """The location a set (as written) is shot at; one per set."""

    __tablename__ = "set_locations"

    set_id: Mapped[int] = mapped_column(ForeignKey("sets.id", ondelete="CASCADE"), primary_key=True)
    location_id: Mapped[int] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), index=True
    )


class TravelTimeRow(Base):
    """Minutes between two locations, stored once per pair (``location_a < location_b``)."""

    __tablename__ = "travel_times"
    __table_args__ = (
        CheckConstraint("location_a_id < location_b_id", name="ordered_pair"),
        CheckConstraint("minutes >= 0", name="minutes"),
    )

    location_a_id: Mapped[int] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), primary_key=True
    )
    location_b_id: Mapped[int] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    minutes: Mapped[int] = mapped_column(Integer)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form
