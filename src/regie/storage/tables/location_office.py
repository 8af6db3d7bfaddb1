# SPDX-License-Identifier: AGPL-3.0-or-later
"""The locations office: ``location_scouting`` (one scouting record per location, contacts
as JSON), ``location_photos`` (the image and its thumbnail stored in the database, so the
row and the bytes are written in one transaction), ``permits`` asked of the authorities
and the production's ``insurance_certificates``.
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
    LargeBinary,
    Numeric,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from regie.storage.base import Base, UTCDateTime, utc_now, version_column

__all__ = ["InsuranceCertificateRow", "LocationPhotoRow", "LocationScoutingRow", "PermitRow"]

LOCATION_TYPES = (
    "natural_set", "studio", "public_road", "private_house", "public_building", "business",
    "natural_site", "transport", "other",
)  # fmt: skip
NOISE_LEVELS = ("unknown", "quiet", "moderate", "noisy")
PERMIT_STATUSES = ("planned", "requested", "granted", "refused")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class LocationScoutingRow(Base):
    __tablename__ = "location_scouting"
    __table_args__ = (
        CheckConstraint(f"kind IS NULL OR {_one_of('kind', LOCATION_TYPES)}", name="kind"),
        CheckConstraint(_one_of("noise", NOISE_LEVELS), name="noise"),
        CheckConstraint("power_kva IS NULL OR power_kva >= 0", name="power_kva"),
        CheckConstraint(
            "working_height_m IS NULL OR working_height_m >= 0", name="working_height_m"
        ),
    )

    location_id: Mapped[int] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str | None] = mapped_column(String(32))
    access: Mapped[str] = mapped_column(Text, default="")
    prm_access: Mapped[bool | None] = mapped_column(Boolean)  # reduced mobility; NULL: not known
    prm_notes: Mapped[str] = mapped_column(Text, default="")
    power_kva: Mapped[Decimal | None] = mapped_column(Numeric(8, 1))
    generator_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    emergency_exits: Mapped[str] = mapped_column(Text, default="")
    working_height_m: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    water: Mapped[str] = mapped_column(Text, default="")
    parking: Mapped[str] = mapped_column(Text, default="")
    neighbours: Mapped[str] = mapped_column(Text, default="")
    noise: Mapped[str] = mapped_column(String(16), default="unknown")
    noise_notes: Mapped[str] = mapped_column(Text, default="")
    contacts_json: Mapped[str] = mapped_column(Text, default="[]")  # [{name, role, phone, email}]
    scouted_on: Mapped[dt.date | None] = mapped_column(Date)
    scouted_by: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class LocationPhotoRow(Base):
    __tablename__ = "location_photos"
    __table_args__ = (
        CheckConstraint("size > 0", name="size"),
        CheckConstraint("width > 0 AND height > 0", name="dimensions"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    location_id: Mapped[int] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(Text)
    caption: Mapped[str] = mapped_column(Text, default="")
    content_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    thumbnail: Mapped[bytes] = mapped_column(LargeBinary)  # JPEG, for pages and the report
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utc_now)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class PermitRow(Base):
    __tablename__ = "permits"
    __table_args__ = (
        CheckConstraint(_one_of("status", PERMIT_STATUSES), name="status"),
        CheckConstraint("(covers_start IS NULL) = (covers_end IS NULL)", name="covers_both"),
        CheckConstraint("covers_start IS NULL OR covers_start <= covers_end", name="covers_order"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    location_id: Mapped[int] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), index=True
    )
    authority: Mapped[str] = mapped_column(String(40))  # a kind of the permit-lead-times pack
    authority_name: Mapped[str] = mapped_column(Text, default="")
    reference: Mapped[str] = mapped_column(Text, default="")
    requested_on: Mapped[dt.date | None] = mapped_column(Date)
    deadline: Mapped[dt.date | None] = mapped_column(Date)  # computed when saved
    lead_rule: Mapped[str] = mapped_column(Text, default="")  # pack@version
    status: Mapped[str] = mapped_column(String(16), default="planned")
    covers_start: Mapped[dt.date | None] = mapped_column(Date)
    covers_end: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class InsuranceCertificateRow(Base):
    __tablename__ = "insurance_certificates"
    __table_args__ = (
        CheckConstraint("valid_from <= valid_to", name="validity"),
        CheckConstraint("amount IS NULL OR amount >= 0", name="amount"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = mapped_column(
        ForeignKey("productions.id", ondelete="CASCADE"), index=True
    )
    location_id: Mapped[int | None] = mapped_column(
        ForeignKey("locations.id", ondelete="CASCADE"), index=True
    )
    holder: Mapped[str] = mapped_column(Text, default="")
    insurer: Mapped[str] = mapped_column(Text)
    policy_number: Mapped[str] = mapped_column(Text)
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    file_name: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form
