# SPDX-License-Identifier: AGPL-3.0-or-later
"""``elements`` of the breakdown (dépouillement) and ``tags``, their occurrences in scenes."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from regie.storage.base import Base, version_column


class ElementRow(Base):
    __tablename__ = "elements"
    __table_args__ = (UniqueConstraint("production_id", "category", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(String(32))  # Category value
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text)  # regie.script.elements.element_key(name)
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class TagRow(Base):
    """An element occurring in a scene, suggested, accepted, rejected or tagged by hand."""

    __tablename__ = "tags"
    __table_args__ = (UniqueConstraint("scene_id", "element_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scene_id: Mapped[int] = mapped_column(ForeignKey("scenes.id", ondelete="CASCADE"))
    element_id: Mapped[int] = mapped_column(
        ForeignKey("elements.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16))  # TagStatus value
    quantity: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    excerpt: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form
