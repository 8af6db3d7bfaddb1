# SPDX-License-Identifier: AGPL-3.0-or-later
"""Media: the deliverables of a production, their status and history, the delivered
master's path and its last check.

Offloads and QC runs are jobs (the ``jobs`` table keeps their reports); the folders a
web form may name come from the production folder's ``regie.toml`` and the server's
environment, never from the database (a user who could edit them could reach any path).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATUSES = "'planned', 'in_progress', 'delivered', 'accepted', 'rejected', 'waived'"


def upgrade() -> None:
    op.create_table(
        "deliverables",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("title_fr", sa.Text(), nullable=False),
        sa.Column("title_en", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("template", sa.String(length=80), nullable=True),
        sa.Column("outlet", sa.String(length=80), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("history", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("master_path", sa.Text(), nullable=True),
        sa.Column("last_check", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(f"status IN ({_STATUSES})", name=op.f("ck_deliverables_status")),
        sa.CheckConstraint(
            "origin IN ('template', 'contract')", name=op.f("ck_deliverables_origin")
        ),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_deliverables_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliverables")),
        sa.UniqueConstraint("production_id", "key", name=op.f("uq_deliverables_production_id_key")),
    )
    op.create_index(
        op.f("ix_deliverables_production_id"), "deliverables", ["production_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_deliverables_production_id"), table_name="deliverables")
    op.drop_table("deliverables")
