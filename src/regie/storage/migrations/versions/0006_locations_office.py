# SPDX-License-Identifier: AGPL-3.0-or-later
"""Locations office: scouting records, photos, contacts, permits, insurance certificates.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TYPES = (
    "'natural_set', 'studio', 'public_road', 'private_house', 'public_building', 'business', "
    "'natural_site', 'transport', 'other'"
)


def _location_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["location_id"],
        ["locations.id"],
        name=op.f(f"fk_{table}_location_id_locations"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "location_scouting",
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=True),
        sa.Column("access", sa.Text(), nullable=False),
        sa.Column("prm_access", sa.Boolean(), nullable=True),
        sa.Column("prm_notes", sa.Text(), nullable=False),
        sa.Column("power_kva", sa.Numeric(precision=8, scale=1), nullable=True),
        sa.Column("generator_needed", sa.Boolean(), nullable=False),
        sa.Column("emergency_exits", sa.Text(), nullable=False),
        sa.Column("working_height_m", sa.Numeric(precision=6, scale=2), nullable=True),
        sa.Column("water", sa.Text(), nullable=False),
        sa.Column("parking", sa.Text(), nullable=False),
        sa.Column("neighbours", sa.Text(), nullable=False),
        sa.Column("noise", sa.String(length=16), nullable=False),
        sa.Column("noise_notes", sa.Text(), nullable=False),
        sa.Column("contacts_json", sa.Text(), nullable=False),
        sa.Column("scouted_on", sa.Date(), nullable=True),
        sa.Column("scouted_by", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            f"kind IS NULL OR kind IN ({_TYPES})", name=op.f("ck_location_scouting_kind")
        ),
        sa.CheckConstraint(
            "noise IN ('unknown', 'quiet', 'moderate', 'noisy')",
            name=op.f("ck_location_scouting_noise"),
        ),
        sa.CheckConstraint(
            "power_kva IS NULL OR power_kva >= 0", name=op.f("ck_location_scouting_power_kva")
        ),
        sa.CheckConstraint(
            "working_height_m IS NULL OR working_height_m >= 0",
            name=op.f("ck_location_scouting_working_height_m"),
        ),
        _location_fk("location_scouting"),
        sa.PrimaryKeyConstraint("location_id", name=op.f("pk_location_scouting")),
    )
    op.create_table(
        "location_photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("content_type", sa.String(length=32), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("thumbnail", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("size > 0", name=op.f("ck_location_photos_size")),
        sa.CheckConstraint("width > 0 AND height > 0", name=op.f("ck_location_photos_dimensions")),
        _location_fk("location_photos"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_location_photos")),
    )
    op.create_index(
        op.f("ix_location_photos_location_id"), "location_photos", ["location_id"], unique=False
    )
    op.create_table(
        "permits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("authority", sa.String(length=40), nullable=False),
        sa.Column("authority_name", sa.Text(), nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("lead_rule", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("covers_start", sa.Date(), nullable=True),
        sa.Column("covers_end", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('planned', 'requested', 'granted', 'refused')",
            name=op.f("ck_permits_status"),
        ),
        sa.CheckConstraint(
            "(covers_start IS NULL) = (covers_end IS NULL)", name=op.f("ck_permits_covers_both")
        ),
        sa.CheckConstraint(
            "covers_start IS NULL OR covers_start <= covers_end",
            name=op.f("ck_permits_covers_order"),
        ),
        _location_fk("permits"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_permits")),
    )
    op.create_index(op.f("ix_permits_location_id"), "permits", ["location_id"], unique=False)
    op.create_table(
        "insurance_certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=True),
        sa.Column("holder", sa.Text(), nullable=False),
        sa.Column("insurer", sa.Text(), nullable=False),
        sa.Column("policy_number", sa.Text(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "valid_from <= valid_to", name=op.f("ck_insurance_certificates_validity")
        ),
        sa.CheckConstraint(
            "amount IS NULL OR amount >= 0", name=op.f("ck_insurance_certificates_amount")
        ),
        _location_fk("insurance_certificates"),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_insurance_certificates_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insurance_certificates")),
    )
    op.create_index(
        op.f("ix_insurance_certificates_location_id"),
        "insurance_certificates",
        ["location_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_insurance_certificates_production_id"),
        "insurance_certificates",
        ["production_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_insurance_certificates_production_id"), table_name="insurance_certificates"
    )
    op.drop_index(
        op.f("ix_insurance_certificates_location_id"), table_name="insurance_certificates"
    )
    op.drop_table("insurance_certificates")
    op.drop_index(op.f("ix_permits_location_id"), table_name="permits")
    op.drop_table("permits")
    op.drop_index(op.f("ix_location_photos_location_id"), table_name="location_photos")
    op.drop_table("location_photos")
    op.drop_table("location_scouting")
