# SPDX-License-Identifier: AGPL-3.0-or-later
"""``productions``: the root of the spine (see :class:`regie.core.production.Production`)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from regie.storage.base import Base, UTCDateTime, utc_now, version_column


class ProductionRow(Base):
    __tablename__ = "productions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)  # URLs and folder names
    code: Mapped[str] = mapped_column(String(16))  # start of every file name
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))  # ProductionKind value
    agreement: Mapped[str] = mapped_column(String(8))  # Agreement value (IDCC number)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    running_minutes: Mapped[int | None] = mapped_column(Integer)
    episodes: Mapped[int] = mapped_column(Integer, default=1)
    language: Mapped[str] = mapped_column(String(16), default="fr")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utc_now)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form
