# SPDX-License-Identifier: AGPL-3.0-or-later
"""``people`` of the company (personal data), their ``engagements`` in a production, the
characters a cast engagement plays, and ``unavailability`` windows of engagements and
locations.
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


class PersonRow(Base):
    """A person of the production company, across its productions. Personal data."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    full_name: Mapped[str] = mapped_column(Text)
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(40))
    # ISO 3166-1 alpha-2 country of residence; whether the person meets the tax credit's
    # nationality condition (French, EU, ECTT, European third state). NULL: not known.
    residence_country: Mapped[str | None] = mapped_column(String(2))
    european_national: Mapped[bool | None] = mapped_column(Boolean)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utc_now)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class EngagementRow(Base):
    """A person's contract in one production: cast or crew."""

    __tablename__ = "engagements"
    __table_args__ = (
        CheckConstraint("kind IN ('cast', 'crew')", name="kind"),
        CheckConstraint("daily_cost >= 0", name="daily_cost_positive"),
        CheckConstraint(
            "start_date IS NULL OR end_date IS NULL OR start_date <= end_date", name="dates"
        ),
        CheckConstraint(
            "max_daily_minutes IS NULL OR max_daily_minutes > 0", name="max_daily_minutes"
        ),
        CheckConstraint("pay_rate IS NULL OR pay_rate >= 0", name="pay_rate_positive"),
        CheckConstraint("pay_unit IN ('day', 'week', 'hour', 'flat')", name="pay_unit"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = mapped_column(
        ForeignKey("productions.id", ondelete="CASCADE"), index=True
    )
    # No ON DELETE: a person with engagements is not deleted.
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # EngagementKind value
    position: Mapped[str] = mapped_column(Text)
    department: Mapped[str] = mapped_column(String(32))  # Department value
    job_key: Mapped[str] = mapped_column(String(64), default="")
    daily_cost: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    max_daily_minutes: Mapped[int | None] = mapped_column(Integer)
    # The contract's gross rate and its unit; NULL: the daily cost, per day.
    pay_rate: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    pay_unit: Mapped[str] = mapped_column(String(8), default="day")
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class EngagementCharacterRow(Base):
    """A character played by a cast engagement; a character has one cast member."""

    __tablename__ = "engagement_characters"
    __table_args__ = (UniqueConstraint("character_id"),)

    engagement_id: Mapped[int] = mapped_column(
        ForeignKey("engagements.id", ondelete="CASCADE"), primary_key=True
    )
    character_id: Mapped[int] = mapped_column(
        ForeignKey("characters.id", ondelete="CASCADE"), primary_key=True
    )


class UnavailabilityRow(Base):
    """Dates (inclusive) when an engagement's person or a location cannot be used."""

    __tablename__ = "unavailability"
    __table_args__ = (
        CheckConstraint("start_date <= end_date", name="dates"),
        CheckConstraint("(engagement_id IS NULL) <> (location_id IS NULL)", name="one_owner"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    engagement_id: Mapped[int | None] = mapped_column(
        ForeignKey("engagements.id", ondelete="CASCADE"), index=True
    )
    location_id: Mapped[int | None] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), index=True
    )
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form
