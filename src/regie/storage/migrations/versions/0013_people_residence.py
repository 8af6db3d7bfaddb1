# SPDX-License-Identifier: AGPL-3.0-or-later
"""People's residence: the country a person lives in (``residence_country``, ISO 3166-1
alpha-2) and whether they meet the tax credit's nationality condition
(``european_national``), both personal data, NULL when not known.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("residence_country", sa.String(length=2), nullable=True))
        batch.add_column(sa.Column("european_national", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.drop_column("european_national")
        batch.drop_column("residence_country")
