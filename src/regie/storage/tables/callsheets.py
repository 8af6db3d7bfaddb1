# SPDX-License-Identifier: AGPL-3.0-or-later
"""Call sheets (feuilles de service): what the office enters per board day
(``call_sheet_days``), the issued, frozen versions (``call_sheets``) and the people each
version was sent to with their personal link (``call_sheet_recipients``).

A frozen sheet keeps its JSON, its HTML fragment and its PDF as issued: it is never
recomputed. The personal link's token is stored only as its SHA-256 (hex): whoever reads
the database cannot open someone else's link.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from regie.storage.base import Base, UTCDateTime, utc_now, version_column


class CallSheetDayRow(Base):
    """The entered part of a board day's sheet: weather, parking, hospital, meals…"""

    __tablename__ = "call_sheet_days"
    __table_args__ = (
        UniqueConstraint("board_id", "day_index"),
        CheckConstraint("day_index >= 0", name="day_index"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = mapped_column(
        ForeignKey("productions.id", ondelete="CASCADE"), index=True
    )
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    day_index: Mapped[int] = mapped_column(Integer)  # 0-based, as board_days
    weather: Mapped[str] = mapped_column(Text, default="")
    parking: Mapped[str] = mapped_column(Text, default="")
    hospital: Mapped[str] = mapped_column(Text, default="")
    safety_notes: Mapped[str] = mapped_column(Text, default="")
    harassment_contact: Mapped[str] = mapped_column(Text, default="")
    meal_counts_json: Mapped[str] = mapped_column(Text, default="{}")  # {"végétarien": 4}
    # A list of pick-ups: engagement id, time "06:15", place.
    pickups_json: Mapped[str] = mapped_column(Text, default="[]")
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utc_now)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class CallSheetRow(Base):
    """An issued version of a board day's sheet, frozen with what it was made from."""

    __tablename__ = "call_sheets"
    __table_args__ = (
        UniqueConstraint("board_id", "day_index", "number"),
        CheckConstraint("number > 0", name="number"),
        CheckConstraint("day_index >= 0", name="day_index"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = mapped_column(
        ForeignKey("productions.id", ondelete="CASCADE"), index=True
    )
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"))
    day_index: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)  # 1..n per board day
    shoot_date: Mapped[dt.date] = mapped_column(Date)
    # What the sheet was made from: a later edit of any of them makes it stale.
    schedule_number: Mapped[int] = mapped_column(Integer)
    schedule_version: Mapped[int] = mapped_column(Integer)
    board_version: Mapped[int] = mapped_column(Integer)
    extras_version: Mapped[int] = mapped_column(Integer)  # 0: nothing was entered
    error_count: Mapped[int] = mapped_column(Integer, default=0)  # findings frozen with it
    warning_count: Mapped[int] = mapped_column(Integer, default=0)
    locale: Mapped[str] = mapped_column(String(16), default="fr")
    sheet_json: Mapped[str] = mapped_column(Text)
    fragment_html: Mapped[str] = mapped_column(Text)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utc_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class CallSheetRecipientRow(Base):
    """A person an issued sheet is for: their address, link, and what they did with it."""

    __tablename__ = "call_sheet_recipients"
    __table_args__ = (UniqueConstraint("sheet_id", "engagement_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sheet_id: Mapped[int] = mapped_column(
        ForeignKey("call_sheets.id", ondelete="CASCADE"), index=True
    )
    # The engagement may end later; the record of who was sent what stays.
    engagement_id: Mapped[int | None] = mapped_column(
        ForeignKey("engagements.id", ondelete="SET NULL")
    )
    name: Mapped[str] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(String(320))  # None: not reachable by e-mail
    token_sha256: Mapped[str | None] = mapped_column(String(64), unique=True)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    opened_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    send_error: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form
