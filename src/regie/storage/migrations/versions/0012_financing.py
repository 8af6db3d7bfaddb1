# SPDX-License-Identifier: AGPL-3.0-or-later
"""Financing: the plan of a production (``financing_plans``) with its sources and
scenarios, the place of spend of budget lines (``budget_line_places``) and the
production's tax-credit case (``taxcredit_cases``).

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KINDS = (
    "producer_equity", "broadcaster_presale", "public_broadcaster_presale", "coproduction",
    "sofica", "cnc_automatic", "cnc_selective", "region", "europe", "tax_credit",
    "distributor_mg", "sponsorship", "crowdfunding", "other_public", "other_private",
)  # fmt: skip
_STATUSES = ("planned", "requested", "granted", "paid", "refused")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _plans() -> None:
    op.create_table(
        "financing_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("budget_id", sa.Integer(), nullable=True),
        sa.Column("budget_total", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("region", sa.Text(), nullable=False),
        sa.Column("work_kind", sa.Text(), nullable=False),
        sa.Column("genre", sa.Text(), nullable=False),
        sa.Column("film_rank", sa.Integer(), nullable=True),
        sa.Column("difficult", sa.Boolean(), nullable=False),
        sa.Column("selective_documentary", sa.Boolean(), nullable=False),
        sa.Column("derogation_granted", sa.Boolean(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=True),
        sa.Column("french_share", sa.Numeric(precision=7, scale=6), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "work_kind IN ('cinema', 'audiovisual')", name=op.f("ck_financing_plans_work_kind")
        ),
        sa.CheckConstraint(
            "genre IN ('fiction', 'documentary', 'animation', 'other')",
            name=op.f("ck_financing_plans_genre"),
        ),
        sa.CheckConstraint(
            "french_share > 0 AND french_share <= 1",
            name=op.f("ck_financing_plans_french_share"),
        ),
        sa.ForeignKeyConstraint(
            ["budget_id"],
            ["budgets.id"],
            name=op.f("fk_financing_plans_budget_id_budgets"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_financing_plans_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_financing_plans")),
        sa.UniqueConstraint("production_id", name=op.f("uq_financing_plans_production_id")),
    )
    op.create_index(op.f("ix_financing_plans_budget_id"), "financing_plans", ["budget_id"])


def _sources() -> None:
    op.create_table(
        "financing_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("partner", sa.Text(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("public", sa.Boolean(), nullable=True),
        sa.Column("region", sa.Text(), nullable=False),
        sa.Column("spend_factor", sa.Numeric(precision=8, scale=4), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("from_tax_credit", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(_one_of("kind", _KINDS), name=op.f("ck_financing_sources_kind")),
        sa.CheckConstraint(_one_of("status", _STATUSES), name=op.f("ck_financing_sources_status")),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_financing_sources_amount")),
        sa.CheckConstraint(
            "spend_factor IS NULL OR spend_factor >= 0",
            name=op.f("ck_financing_sources_spend_factor"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["financing_plans.id"],
            name=op.f("fk_financing_sources_plan_id_financing_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_financing_sources")),
        sa.UniqueConstraint("plan_id", "code", name=op.f("uq_financing_sources_plan_id_code")),
    )
    op.create_index(op.f("ix_financing_sources_plan_id"), "financing_sources", ["plan_id"])
    op.create_table(
        "financing_scenarios",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("remove_json", sa.Text(), nullable=False),
        sa.Column("amounts_json", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["financing_plans.id"],
            name=op.f("fk_financing_scenarios_plan_id_financing_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_financing_scenarios")),
        sa.UniqueConstraint("plan_id", "code", name=op.f("uq_financing_scenarios_plan_id_code")),
    )
    op.create_index(op.f("ix_financing_scenarios_plan_id"), "financing_scenarios", ["plan_id"])


def _places_and_cases() -> None:
    op.create_table(
        "budget_line_places",
        sa.Column("budget_line_id", sa.Integer(), nullable=False),
        sa.Column("region", sa.Text(), nullable=False),
        sa.Column("country", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("length(country) = 2", name=op.f("ck_budget_line_places_country")),
        sa.ForeignKeyConstraint(
            ["budget_line_id"],
            ["budget_lines.id"],
            name=op.f("fk_budget_line_places_budget_line_id_budget_lines"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("budget_line_id", name=op.f("pk_budget_line_places")),
    )
    op.create_table(
        "taxcredit_cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("credit", sa.Text(), nullable=False),
        sa.Column("genre", sa.Text(), nullable=False),
        sa.Column("budget_id", sa.Integer(), nullable=True),
        sa.Column("rules_on", sa.Date(), nullable=True),
        sa.Column("inputs_json", sa.Text(), nullable=False),
        sa.Column("result_json", sa.Text(), nullable=True),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "credit IN ('cinema', 'audiovisual', 'international')",
            name=op.f("ck_taxcredit_cases_credit"),
        ),
        sa.CheckConstraint(
            "genre IN ('fiction', 'documentary', 'animation', 'live_show')",
            name=op.f("ck_taxcredit_cases_genre"),
        ),
        sa.ForeignKeyConstraint(
            ["budget_id"],
            ["budgets.id"],
            name=op.f("fk_taxcredit_cases_budget_id_budgets"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_taxcredit_cases_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_taxcredit_cases")),
        sa.UniqueConstraint("production_id", name=op.f("uq_taxcredit_cases_production_id")),
    )
    op.create_index(op.f("ix_taxcredit_cases_budget_id"), "taxcredit_cases", ["budget_id"])


def upgrade() -> None:
    _plans()
    _sources()
    _places_and_cases()


def downgrade() -> None:
    op.drop_index(op.f("ix_taxcredit_cases_budget_id"), table_name="taxcredit_cases")
    op.drop_table("taxcredit_cases")
    op.drop_table("budget_line_places")
    op.drop_index(op.f("ix_financing_scenarios_plan_id"), table_name="financing_scenarios")
    op.drop_table("financing_scenarios")
    op.drop_index(op.f("ix_financing_sources_plan_id"), table_name="financing_sources")
    op.drop_table("financing_sources")
    op.drop_index(op.f("ix_financing_plans_budget_id"), table_name="financing_plans")
    op.drop_table("financing_plans")
