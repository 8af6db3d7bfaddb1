# SPDX-License-Identifier: AGPL-3.0-or-later
"""Financing: the plan of a production (``financing_plans``), its ``financing_sources``
and ``financing_scenarios``, where each budget line is spent (``budget_line_places``) and
the production's tax-credit case (``taxcredit_cases``).

Amounts are ``Numeric`` columns read back as ``Decimal``; maps (a scenario's amounts, a
case's inputs, the last result) are JSON text whose numbers are decimal strings.
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
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from regie.storage.base import Base, UTCDateTime, utc_now, version_column

__all__ = [
    "BudgetLinePlaceRow",
    "FinancingPlanRow",
    "FinancingScenarioRow",
    "FinancingSourceRow",
    "TaxCreditCaseRow",
]

_KINDS = (
    "producer_equity", "broadcaster_presale", "public_broadcaster_presale", "coproduction",
    "sofica", "cnc_automatic", "cnc_selective", "region", "europe", "tax_credit",
    "distributor_mg", "sponsorship", "crowdfunding", "other_public", "other_private",
)  # fmt: skip
_STATUSES = ("planned", "requested", "granted", "paid", "refused")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class FinancingPlanRow(Base):
    """One plan per production; the work profile is what the aid ceiling depends on."""

    __tablename__ = "financing_plans"
    __table_args__ = (
        UniqueConstraint("production_id"),
        CheckConstraint("work_kind IN ('cinema', 'audiovisual')", name="work_kind"),
        CheckConstraint("genre IN ('fiction', 'documentary', 'animation', 'other')", name="genre"),
        CheckConstraint("french_share > 0 AND french_share <= 1", name="french_share"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(Text, default="")
    # The devis the plan balances against (its computed total); else ``budget_total``.
    budget_id: Mapped[int | None] = mapped_column(
        ForeignKey("budgets.id", ondelete="SET NULL"), index=True
    )
    budget_total: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    region: Mapped[str] = mapped_column(Text, default="")  # where "region" lines are spent
    work_kind: Mapped[str] = mapped_column(Text, default="audiovisual")
    genre: Mapped[str] = mapped_column(Text, default="fiction")
    film_rank: Mapped[int | None] = mapped_column(Integer)
    difficult: Mapped[bool] = mapped_column(Boolean, default=False)
    selective_documentary: Mapped[bool] = mapped_column(Boolean, default=False)
    derogation_granted: Mapped[bool] = mapped_column(Boolean, default=False)
    minutes: Mapped[int | None] = mapped_column(Integer)
    french_share: Mapped[Decimal] = mapped_column(Numeric(7, 6), default=Decimal(1))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utc_now)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class FinancingSourceRow(Base):
    __tablename__ = "financing_sources"
    __table_args__ = (
        UniqueConstraint("plan_id", "code"),
        CheckConstraint(_one_of("kind", _KINDS), name="kind"),
        CheckConstraint(_one_of("status", _STATUSES), name="status"),
        CheckConstraint("amount >= 0", name="amount"),
        CheckConstraint("spend_factor IS NULL OR spend_factor >= 0", name="spend_factor"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("financing_plans.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(Text)  # the source's id in the plan ("region-normandie")
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(Text)
    partner: Mapped[str] = mapped_column(Text)
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    status: Mapped[str] = mapped_column(Text, default="planned")
    public: Mapped[bool | None] = mapped_column(Boolean)  # None: the pack's classification
    region: Mapped[str] = mapped_column(Text, default="")
    spend_factor: Mapped[Decimal | None] = mapped_column(Numeric(8, 4))
    note: Mapped[str] = mapped_column(Text, default="")
    # The amount is the production's computed tax credit (refreshed on demand).
    from_tax_credit: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class FinancingScenarioRow(Base):
    __tablename__ = "financing_scenarios"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("financing_plans.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text, default="")
    remove_json: Mapped[str] = mapped_column(Text, default="[]")  # source codes refused
    amounts_json: Mapped[str] = mapped_column(Text, default="{}")  # source code → "amount"
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class BudgetLinePlaceRow(Base):
    """Where a budget line is spent: a region (``Normandie``) and a country (ISO code).
    A line without a row is placed by its own ``place`` (region, France, EU, elsewhere)."""

    __tablename__ = "budget_line_places"
    __table_args__ = (CheckConstraint("length(country) = 2", name="country"),)

    budget_line_id: Mapped[int] = mapped_column(
        ForeignKey("budget_lines.id", ondelete="CASCADE"), primary_key=True
    )
    region: Mapped[str] = mapped_column(Text, default="")
    country: Mapped[str] = mapped_column(Text, default="FR")
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class TaxCreditCaseRow(Base):
    """The production's tax-credit case: the regime, what was entered, the devis its
    eligible spend comes from (``budget_id``; none: ``eligible_expenses`` entered) and the
    last result with its trace."""

    __tablename__ = "taxcredit_cases"
    __table_args__ = (
        UniqueConstraint("production_id"),
        CheckConstraint("credit IN ('cinema', 'audiovisual', 'international')", name="credit"),
        CheckConstraint(
            "genre IN ('fiction', 'documentary', 'animation', 'live_show')", name="genre"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = mapped_column(ForeignKey("productions.id", ondelete="CASCADE"))
    credit: Mapped[str] = mapped_column(Text)
    genre: Mapped[str] = mapped_column(Text)
    budget_id: Mapped[int | None] = mapped_column(
        ForeignKey("budgets.id", ondelete="SET NULL"), index=True
    )
    rules_on: Mapped[dt.date | None] = mapped_column(Date)  # None: the day of computation
    inputs_json: Mapped[str] = mapped_column(Text, default="{}")
    result_json: Mapped[str | None] = mapped_column(Text)
    computed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form
