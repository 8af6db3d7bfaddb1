# SPDX-License-Identifier: AGPL-3.0-or-later
"""Call sheets: frozen versions per shoot day, recipients with personal links and confirmations.

``call_sheet_days`` (what the office enters per board day), ``call_sheets`` (issued
versions, frozen JSON / HTML / PDF with the schedule and board versions they were made
from) and ``call_sheet_recipients`` (who each version was sent to, the SHA-256 of their
personal link's token, sent / opened / confirmed times).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "call_sheet_days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("board_id", sa.Integer(), nullable=False),
        sa.Column("day_index", sa.Integer(), nullable=False),
        sa.Column("weather", sa.Text(), nullable=False),
        sa.Column("parking", sa.Text(), nullable=False),
        sa.Column("hospital", sa.Text(), nullable=False),
        sa.Column("safety_notes", sa.Text(), nullable=False),
        sa.Column("harassment_contact", sa.Text(), nullable=False),
        sa.Column("meal_counts_json", sa.Text(), nullable=False),
        sa.Column("pickups_json", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        _when("updated_at"),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("day_index >= 0", name=op.f("ck_call_sheet_days_day_index")),
        sa.ForeignKeyConstraint(
            ["board_id"],
            ["boards.id"],
            name=op.f("fk_call_sheet_days_board_id_boards"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_call_sheet_days_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_sheet_days")),
        sa.UniqueConstraint(
            "board_id", "day_index", name=op.f("uq_call_sheet_days_board_id_day_index")
        ),
    )
    op.create_index(op.f("ix_call_sheet_days_production_id"), "call_sheet_days", ["production_id"])
    op.create_table(
        "call_sheets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("board_id", sa.Integer(), nullable=False),
        sa.Column("day_index", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("shoot_date", sa.Date(), nullable=False),
        sa.Column("schedule_number", sa.Integer(), nullable=False),
        sa.Column("schedule_version", sa.Integer(), nullable=False),
        sa.Column("board_version", sa.Integer(), nullable=False),
        sa.Column("extras_version", sa.Integer(), nullable=False),
        sa.Column("error_count", sa.Integer(), nullable=False),
        sa.Column("warning_count", sa.Integer(), nullable=False),
        sa.Column("locale", sa.String(length=16), nullable=False),
        sa.Column("sheet_json", sa.Text(), nullable=False),
        sa.Column("fragment_html", sa.Text(), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        _when("created_at"),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("day_index >= 0", name=op.f("ck_call_sheets_day_index")),
        sa.CheckConstraint("number > 0", name=op.f("ck_call_sheets_number")),
        sa.ForeignKeyConstraint(
            ["board_id"],
            ["boards.id"],
            name=op.f("fk_call_sheets_board_id_boards"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_call_sheets_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_call_sheets_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_sheets")),
        sa.UniqueConstraint(
            "board_id",
            "day_index",
            "number",
            name=op.f("uq_call_sheets_board_id_day_index_number"),
        ),
    )
    op.create_index(op.f("ix_call_sheets_production_id"), "call_sheets", ["production_id"])
    op.create_table(
        "call_sheet_recipients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sheet_id", sa.Integer(), nullable=False),
        sa.Column("engagement_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("token_sha256", sa.String(length=64), nullable=True),
        _when("sent_at", nullable=True),
        _when("opened_at", nullable=True),
        _when("confirmed_at", nullable=True),
        sa.Column("send_error", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["engagement_id"],
            ["engagements.id"],
            name=op.f("fk_call_sheet_recipients_engagement_id_engagements"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["sheet_id"],
            ["call_sheets.id"],
            name=op.f("fk_call_sheet_recipients_sheet_id_call_sheets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_sheet_recipients")),
        sa.UniqueConstraint(
            "sheet_id",
            "engagement_id",
            name=op.f("uq_call_sheet_recipients_sheet_id_engagement_id"),
        ),
        sa.UniqueConstraint("token_sha256", name=op.f("uq_call_sheet_recipients_token_sha256")),
    )
    op.create_index(
        op.f("ix_call_sheet_recipients_sheet_id"), "call_sheet_recipients", ["sheet_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_call_sheet_recipients_sheet_id"), table_name="call_sheet_recipients")
    op.drop_table("call_sheet_recipients")
    op.drop_index(op.f("ix_call_sheets_production_id"), table_name="call_sheets")
    op.drop_table("call_sheets")
    op.drop_index(op.f("ix_call_sheet_days_production_id"), table_name="call_sheet_days")
    op.drop_table("call_sheet_days")
