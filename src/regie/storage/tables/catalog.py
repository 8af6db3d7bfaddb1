# SPDX-License-Identifier: AGPL-3.0-or-later
"""``sets`` (décors as written) and ``characters`` of a production, shared by all its
script versions so that aliases and notes survive a re-import.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from regie.storage.base import Base, version_column


class SetRow(Base):
    __tablename__ = "sets"
    __table_args__ = (UniqueConstraint("production_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)  # first spelling met
    key: Mapped[str] = mapped_column(Text)  # regie.script.heading.set_key(name)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class CharacterRow(Base):
    __tablename__ = "characters"
    __table_args__ = (UniqueConstraint("production_id", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)  # the cue as written, extension stripped
    key: Mapped[str] = mapped_column(Text)  # regie.script.elements.element_key(name)
    # Set when this cue was merged into another character (BOB → CYBER BOB); unmerging
    # clears it. Deleting the main character releases its aliases.
    alias_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("characters.id", ondelete="SET NULL"), index=True
    )
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form
