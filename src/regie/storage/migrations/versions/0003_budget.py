# SPDX-License-Identifier: AGPL-3.0-or-later
"""Budget: devis versions of a production (``budgets``) and their lines
(``budget_lines``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "budgets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("chart_kind", sa.Text(), nullable=False),
        sa.Column("chart_ref", sa.Text(), nullable=False),
        sa.Column("globals_json", sa.Text(), nullable=False),
        sa.Column("addon_rates_json", sa.Text(), nullable=False),
        sa.Column("fringe_rates_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "chart_kind IN ('cinema', 'audiovisual')", name=op.f("ck_budgets_chart_kind")
        ),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_budgets_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budgets")),
        sa.UniqueConstraint("production_id", "name", name=op.f("uq_budgets_production_id_name")),
        sa.UniqueConstraint(
            "production_id", "number", name=op.f("uq_budgets_production_id_number")
        ),
    )
    op.create_table(
        "budget_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("budget_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("account", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=14, scale=4), nullable=False),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("rate", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("multiplier", sa.Numeric(precision=10, scale=4), nullable=False),
        sa.Column("fringe_group", sa.Text(), nullable=True),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("tax_credit", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("multiplier >= 0", name=op.f("ck_budget_lines_multiplier")),
        sa.CheckConstraint(
            "place IN ('region', 'france', 'eu', 'elsewhere')", name=op.f("ck_budget_lines_place")
        ),
        sa.CheckConstraint("quantity >= 0", name=op.f("ck_budget_lines_quantity")),
        sa.CheckConstraint("rate >= 0", name=op.f("ck_budget_lines_rate")),
        sa.ForeignKeyConstraint(
            ["budget_id"],
            ["budgets.id"],
            name=op.f("fk_budget_lines_budget_id_budgets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_lines")),
        sa.UniqueConstraint("budget_id", "code", name=op.f("uq_budget_lines_budget_id_code")),
    )
    op.create_index(op.f("ix_budget_lines_budget_id"), "budget_lines", ["budget_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_budget_lines_budget_id"), table_name="budget_lines")
    op.drop_table("budget_lines")
    op.drop_table("budgets")
