# SPDX-License-Identifier: AGPL-3.0-or-later
"""``budgets`` (devis versions of a production) and their ``budget_lines``.

Settings that are maps (globals, add-on rate and fringe overrides) are JSON text whose
numbers are decimal strings, never floats; amounts are ``Numeric`` columns read back as
``Decimal``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    Numeric,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from regie.storage.base import Base, UTCDateTime, utc_now, version_column


class BudgetRow(Base):
    __tablename__ = "budgets"
    __table_args__ = (
        UniqueConstraint("production_id", "number"),
        UniqueConstraint("production_id", "name"),
        CheckConstraint("chart_kind IN ('cinema', 'audiovisual')", name="chart_kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    chart_kind: Mapped[str] = mapped_column(Text)
    chart_ref: Mapped[str] = mapped_column(Text)  # "devis-cnc-cinema@2026.1" at creation
    globals_json: Mapped[str] = mapped_column(Text, default="{}")
    addon_rates_json: Mapped[str] = mapped_column(Text, default="{}")
    fringe_rates_json: Mapped[str] = mapped_column(Text, default="{}")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utc_now)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class BudgetLineRow(Base):
    __tablename__ = "budget_lines"
    __table_args__ = (
        UniqueConstraint("budget_id", "code"),
        CheckConstraint("quantity >= 0", name="quantity"),
        CheckConstraint("rate >= 0", name="rate"),
        CheckConstraint("multiplier >= 0", name="multiplier"),
        CheckConstraint("place IN ('region', 'france', 'eu', 'elsewhere')", name="place"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    budget_id: Mapped[int] = mapped_column(ForeignKey("budgets.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(Text)  # "L0001": the line's id within the budget
    position: Mapped[int] = mapped_column(Integer)
    account: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    quantity: Mapped[Decimal] = mapped_column(Numeric(14, 4))
    # "shoot_days", "2*prep_weeks": the quantity follows the budget's globals when set.
    quantity_expr: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(Text)
    rate: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    multiplier: Mapped[Decimal] = mapped_column(Numeric(10, 4), default=Decimal(1))
    fringe_group: Mapped[str | None] = mapped_column(Text)
    place: Mapped[str] = mapped_column(Text, default="france")
    tax_credit: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form
