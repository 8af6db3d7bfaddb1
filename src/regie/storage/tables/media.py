# SPDX-License-Identifier: AGPL-3.0-or-later
"""``deliverables``: a production's list of deliverables (livrables), each with its status,
the history of its status changes, its due date, the delivered master's path and the
findings of its last check (JSON)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from regie.storage.base import Base, UTCDateTime, utc_now, version_column

__all__ = ["DeliverableRow"]

STATUSES = ("planned", "in_progress", "delivered", "accepted", "rejected", "waived")


class DeliverableRow(Base):
    __tablename__ = "deliverables"
    __table_args__ = (
        UniqueConstraint("production_id", "key"),
        CheckConstraint("status IN (" + ", ".join(f"'{s}'" for s in STATUSES) + ")", name="status"),
        CheckConstraint("origin IN ('template', 'contract')", name="origin"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = mapped_column(
        ForeignKey("productions.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(80))  # the template item's id, or contract-…
    title_fr: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(32))  # master, audio, subtitles, document…
    origin: Mapped[str] = mapped_column(String(16))  # template | contract
    template: Mapped[str | None] = mapped_column(String(80))  # deliverables-templates id
    outlet: Mapped[str | None] = mapped_column(String(80))  # delivery-specs outlet (masters)
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="planned")
    # [{"status", "on" (ISO date), "note"}], oldest first: every change, never rewritten.
    history: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    master_path: Mapped[str | None] = mapped_column(Text)
    last_check: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # MasterCheck as JSON
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utc_now)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form
