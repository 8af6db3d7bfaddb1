# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pay and globals: an engagement's contractual rate and unit (``pay_rate``,
``pay_unit``), and a budget line's quantity that follows the budget's globals
(``quantity_expr``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("engagements") as batch:
        batch.add_column(sa.Column("pay_rate", sa.Numeric(precision=12, scale=2), nullable=True))
        batch.add_column(
            sa.Column("pay_unit", sa.String(length=8), nullable=False, server_default="day")
        )
        batch.create_check_constraint("pay_rate_positive", "pay_rate IS NULL OR pay_rate >= 0")
        batch.create_check_constraint("pay_unit", "pay_unit IN ('day', 'week', 'hour', 'flat')")
    with op.batch_alter_table("budget_lines") as batch:
        batch.add_column(sa.Column("quantity_expr", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("budget_lines") as batch:
        batch.drop_column("quantity_expr")
    with op.batch_alter_table("engagements") as batch:
        batch.drop_constraint("pay_unit", type_="check")
        batch.drop_constraint("pay_rate_positive", type_="check")
        batch.drop_column("pay_unit")
        batch.drop_column("pay_rate")
