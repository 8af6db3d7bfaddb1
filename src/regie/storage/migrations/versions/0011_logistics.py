# SPDX-License-Identifier: AGPL-3.0-or-later
"""Logistics and carbon: the production's start, travel legs, lodging stays, meal counts,
energy entries, equipment lists with items and vendor quotes, external sources, frozen
carbon estimates.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "carbon_estimates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("total_kg", sa.Numeric(precision=16, scale=2), nullable=False),
        sa.Column("figures_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('provisional', 'final')", name=op.f("ck_carbon_estimates_kind")
        ),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_carbon_estimates_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carbon_estimates")),
        sa.UniqueConstraint(
            "production_id", "number", name=op.f("uq_carbon_estimates_production_id_number")
        ),
    )
    op.create_index(
        op.f("ix_carbon_estimates_production_id"),
        "carbon_estimates",
        ["production_id"],
        unique=False,
    )
    op.create_table(
        "energy_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("fuel", sa.String(length=16), nullable=True),
        sa.Column("quantity", sa.Numeric(precision=16, scale=3), nullable=False),
        sa.Column("phase", sa.String(length=8), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "fuel IS NULL OR fuel IN ('diesel_non_road', 'diesel_road', 'petrol')",
            name=op.f("ck_energy_entries_fuel"),
        ),
        sa.CheckConstraint(
            "kind IN ('generator_fuel', 'grid', 'cloud_storage')",
            name=op.f("ck_energy_entries_kind"),
        ),
        sa.CheckConstraint(
            "phase IN ('prep', 'shoot', 'post')", name=op.f("ck_energy_entries_phase")
        ),
        sa.CheckConstraint("quantity >= 0", name=op.f("ck_energy_entries_quantity")),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_energy_entries_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_energy_entries")),
    )
    op.create_index(
        op.f("ix_energy_entries_production_id"), "energy_entries", ["production_id"], unique=False
    )
    op.create_table(
        "equipment_lists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("department", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("needed_from", sa.Date(), nullable=True),
        sa.Column("needed_to", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_equipment_lists_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_equipment_lists")),
    )
    op.create_index(
        op.f("ix_equipment_lists_production_id"), "equipment_lists", ["production_id"], unique=False
    )
    op.create_table(
        "external_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("typology", sa.String(length=16), nullable=False),
        sa.Column("holder", sa.Text(), nullable=False),
        sa.Column("asking_price", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("duration_seconds", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('music', 'archive', 'still')", name=op.f("ck_external_sources_kind")
        ),
        sa.CheckConstraint(
            "status IN ('to_contact', 'contacted', 'negotiating', 'agreed', 'signed', 'dropped')",
            name=op.f("ck_external_sources_status"),
        ),
        sa.CheckConstraint(
            "typology IN ('commercial', 'institutional', 'circumstantial')",
            name=op.f("ck_external_sources_typology"),
        ),
        sa.CheckConstraint(
            "asking_price IS NULL OR asking_price >= 0",
            name=op.f("ck_external_sources_asking_price"),
        ),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_external_sources_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_external_sources")),
    )
    op.create_index(
        op.f("ix_external_sources_production_id"),
        "external_sources",
        ["production_id"],
        unique=False,
    )
    op.create_table(
        "lodging_stays",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("place", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("check_in", sa.Date(), nullable=False),
        sa.Column("nights", sa.Integer(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("rate", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("breakfast", sa.Boolean(), nullable=False),
        sa.Column("account", sa.String(length=8), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('hotel', 'hotel_unclassified', 'hotel_2_star', 'hotel_3_star', "
            "'hotel_4_star', 'hotel_5_star', 'rental')",
            name=op.f("ck_lodging_stays_kind"),
        ),
        sa.CheckConstraint("nights >= 1", name=op.f("ck_lodging_stays_nights")),
        sa.CheckConstraint("people >= 1", name=op.f("ck_lodging_stays_people")),
        sa.CheckConstraint("rate IS NULL OR rate >= 0", name=op.f("ck_lodging_stays_rate")),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_lodging_stays_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lodging_stays")),
    )
    op.create_index(
        op.f("ix_lodging_stays_production_id"), "lodging_stays", ["production_id"], unique=False
    )
    op.create_table(
        "logistics_settings",
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_logistics_settings_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("production_id", name=op.f("pk_logistics_settings")),
    )
    op.create_table(
        "meal_counts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("meal_date", sa.Date(), nullable=False),
        sa.Column("diet", sa.String(length=16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("unit_cost", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("account", sa.String(length=8), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "diet IN ('standard', 'beef', 'chicken', 'fish', 'vegetarian', 'vegan')",
            name=op.f("ck_meal_counts_diet"),
        ),
        sa.CheckConstraint("count >= 0", name=op.f("ck_meal_counts_count")),
        sa.CheckConstraint(
            "unit_cost IS NULL OR unit_cost >= 0", name=op.f("ck_meal_counts_unit_cost")
        ),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_meal_counts_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meal_counts")),
        sa.UniqueConstraint(
            "production_id",
            "meal_date",
            "diet",
            name=op.f("uq_meal_counts_production_id_meal_date_diet"),
        ),
    )
    op.create_index(
        op.f("ix_meal_counts_production_id"), "meal_counts", ["production_id"], unique=False
    )
    op.create_table(
        "travel_legs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=24), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("destination", sa.Text(), nullable=False),
        sa.Column("origin_lat", sa.Numeric(precision=9, scale=6), nullable=True),
        sa.Column("origin_lon", sa.Numeric(precision=9, scale=6), nullable=True),
        sa.Column("destination_lat", sa.Numeric(precision=9, scale=6), nullable=True),
        sa.Column("destination_lon", sa.Numeric(precision=9, scale=6), nullable=True),
        sa.Column("travel_date", sa.Date(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("distance_km", sa.Numeric(precision=10, scale=1), nullable=True),
        sa.Column("round_trip", sa.Boolean(), nullable=False),
        sa.Column("vehicles", sa.Integer(), nullable=True),
        sa.Column("fuel_litres", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("cost", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("account", sa.String(length=8), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "mode IN ('train_tgv', 'train_intercites', 'train_ter', 'plane', 'car_petrol', "
            "'car_diesel', 'car_electric', 'van', 'truck', 'bus')",
            name=op.f("ck_travel_legs_mode"),
        ),
        sa.CheckConstraint("cost IS NULL OR cost >= 0", name=op.f("ck_travel_legs_cost")),
        sa.CheckConstraint(
            "destination_lat IS NULL OR destination_lat BETWEEN -90 AND 90",
            name=op.f("ck_travel_legs_destination_lat"),
        ),
        sa.CheckConstraint(
            "distance_km IS NULL OR distance_km >= 0", name=op.f("ck_travel_legs_distance_km")
        ),
        sa.CheckConstraint(
            "fuel_litres IS NULL OR fuel_litres >= 0", name=op.f("ck_travel_legs_fuel_litres")
        ),
        sa.CheckConstraint(
            "origin_lat IS NULL OR origin_lat BETWEEN -90 AND 90",
            name=op.f("ck_travel_legs_origin_lat"),
        ),
        sa.CheckConstraint("people >= 1", name=op.f("ck_travel_legs_people")),
        sa.CheckConstraint(
            "vehicles IS NULL OR vehicles >= 1", name=op.f("ck_travel_legs_vehicles")
        ),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_travel_legs_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_travel_legs")),
    )
    op.create_index(
        op.f("ix_travel_legs_production_id"), "travel_legs", ["production_id"], unique=False
    )
    op.create_table(
        "equipment_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("quantity >= 1", name=op.f("ck_equipment_items_quantity")),
        sa.ForeignKeyConstraint(
            ["list_id"],
            ["equipment_lists.id"],
            name=op.f("fk_equipment_items_list_id_equipment_lists"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_equipment_items")),
    )
    op.create_index(
        op.f("ix_equipment_items_list_id"), "equipment_items", ["list_id"], unique=False
    )
    op.create_table(
        "vendor_quotes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("vendor", sa.Text(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("available_from", sa.Date(), nullable=True),
        sa.Column("available_to", sa.Date(), nullable=True),
        sa.Column("eco", sa.Text(), nullable=False),
        sa.Column("chosen", sa.Boolean(), nullable=False),
        sa.Column("account", sa.String(length=8), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_vendor_quotes_amount")),
        sa.ForeignKeyConstraint(
            ["list_id"],
            ["equipment_lists.id"],
            name=op.f("fk_vendor_quotes_list_id_equipment_lists"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vendor_quotes")),
    )
    op.create_index(op.f("ix_vendor_quotes_list_id"), "vendor_quotes", ["list_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_vendor_quotes_list_id"), table_name="vendor_quotes")
    op.drop_table("vendor_quotes")
    op.drop_index(op.f("ix_equipment_items_list_id"), table_name="equipment_items")
    op.drop_table("equipment_items")
    op.drop_index(op.f("ix_travel_legs_production_id"), table_name="travel_legs")
    op.drop_table("travel_legs")
    op.drop_index(op.f("ix_meal_counts_production_id"), table_name="meal_counts")
    op.drop_table("meal_counts")
    op.drop_table("logistics_settings")
    op.drop_index(op.f("ix_lodging_stays_production_id"), table_name="lodging_stays")
    op.drop_table("lodging_stays")
    op.drop_index(op.f("ix_external_sources_production_id"), table_name="external_sources")
    op.drop_table("external_sources")
    op.drop_index(op.f("ix_equipment_lists_production_id"), table_name="equipment_lists")
    op.drop_table("equipment_lists")
    op.drop_index(op.f("ix_energy_entries_production_id"), table_name="energy_entries")
    op.drop_table("energy_entries")
    op.drop_index(op.f("ix_carbon_estimates_production_id"), table_name="carbon_estimates")
    op.drop_table("carbon_estimates")
