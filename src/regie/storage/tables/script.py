# SPDX-License-Identifier: AGPL-3.0-or-later
"""``scripts`` (one row per imported version), their ``scenes`` and who speaks in each."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from regie.storage.base import Base, UTCDateTime, utc_now, version_column


class ScriptRow(Base):
    """An imported version of the script; versions are never edited, only superseded."""

    __tablename__ = "scripts"
    __table_args__ = (UniqueConstraint("production_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, 3... per production
    filename: Mapped[str] = mapped_column(Text)
    source_format: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utc_now)
    imported_by: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str | None] = mapped_column(Text)
    page_count: Mapped[int] = mapped_column(Integer)
    scene_count: Mapped[int] = mapped_column(Integer)
    total_eighths: Mapped[int] = mapped_column(Integer)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    # RevisionSummary against the previous version, as a JSON object (None for the first).
    revision: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    is_current: Mapped[bool] = mapped_column(Boolean, default=False)


class SceneRow(Base):
    __tablename__ = "scenes"
    __table_args__ = (UniqueConstraint("script_id", "ordinal"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    script_id: Mapped[int] = mapped_column(ForeignKey("scripts.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)  # Scene.index, 1-based reading order
    number: Mapped[str | None] = mapped_column(String(32))
    heading: Mapped[str] = mapped_column(Text)
    int_ext: Mapped[str | None] = mapped_column(String(8))  # IntExt value
    # No ON DELETE: a set is deleted only with its production, which removes the scenes too.
    set_id: Mapped[int | None] = mapped_column(ForeignKey("sets.id"), index=True)
    time_of_day: Mapped[str | None] = mapped_column(Text)
    light: Mapped[str] = mapped_column(String(16))  # Light value
    eighths: Mapped[int] = mapped_column(Integer)
    length_source: Mapped[str] = mapped_column(String(16))  # LengthSource value
    first_page: Mapped[int] = mapped_column(Integer)
    last_page: Mapped[int] = mapped_column(Integer)
    line: Mapped[int | None] = mapped_column(Integer)
    synopsis: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    body_hash: Mapped[str] = mapped_column(String(64))  # sha256 of Scene.body_text()
    notes: Mapped[str] = mapped_column(Text, default="")
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class SceneCharacterRow(Base):
    """A character speaking in a scene; ``position`` keeps the order of first speech."""

    __tablename__ = "scene_characters"

    scene_id: Mapped[int] = mapped_column(
        ForeignKey("scenes.id", ondelete="CASCADE"), primary_key=True
    )
    character_id: Mapped[int] = mapped_column(
        ForeignKey("characters.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)
