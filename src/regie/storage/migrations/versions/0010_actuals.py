# SPDX-License-Identifier: AGPL-3.0-or-later
"""Actuals: suppliers, commitments, invoices (with their files), expense reports with their
lines and receipts, payroll imports and entries, ledger (FEC) imports and entries, the
ledger → devis mapping rules, and the cost report's overrides and weekly snapshots.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "expense_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("person", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'submitted', 'approved', 'rejected', 'paid')",
            name=op.f("ck_expense_reports_status"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"],
            ["users.id"],
            name=op.f("fk_expense_reports_decided_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_expense_reports_owner_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_expense_reports_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expense_reports")),
        sa.UniqueConstraint(
            "production_id", "number", name=op.f("uq_expense_reports_production_id_number")
        ),
    )
    op.create_index(
        op.f("ix_expense_reports_owner_id"), "expense_reports", ["owner_id"], unique=False
    )
    op.create_index(
        op.f("ix_expense_reports_production_id"), "expense_reports", ["production_id"], unique=False
    )
    op.create_table(
        "ledger_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("encoding", sa.Text(), nullable=False),
        sa.Column("format_ref", sa.Text(), nullable=False),
        sa.Column("lines", sa.Integer(), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("total_debit", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("total_credit", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("first_date", sa.Date(), nullable=False),
        sa.Column("last_date", sa.Date(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_ledger_imports_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_imports")),
        sa.UniqueConstraint(
            "production_id", "sha256", name=op.f("uq_ledger_imports_production_id_sha256")
        ),
    )
    op.create_index(
        op.f("ix_ledger_imports_production_id"), "ledger_imports", ["production_id"], unique=False
    )
    op.create_table(
        "mapping_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("account_prefix", sa.Text(), nullable=False),
        sa.Column("analytic", sa.Text(), nullable=False),
        sa.Column("devis_account", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "account_prefix <> '' OR analytic <> ''", name=op.f("ck_mapping_rules_condition")
        ),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_mapping_rules_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mapping_rules")),
        sa.UniqueConstraint(
            "production_id",
            "account_prefix",
            "analytic",
            name=op.f("uq_mapping_rules_production_id_account_prefix_analytic"),
        ),
    )
    op.create_index(
        op.f("ix_mapping_rules_production_id"), "mapping_rules", ["production_id"], unique=False
    )
    op.create_table(
        "payroll_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("gross", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("employer_charges", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_payroll_imports_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payroll_imports")),
        sa.UniqueConstraint(
            "production_id", "sha256", name=op.f("uq_payroll_imports_production_id_sha256")
        ),
    )
    op.create_index(
        op.f("ix_payroll_imports_production_id"), "payroll_imports", ["production_id"], unique=False
    )
    op.create_table(
        "suppliers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_suppliers_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suppliers")),
        sa.UniqueConstraint("production_id", "name", name=op.f("uq_suppliers_production_id_name")),
    )
    op.create_index(
        op.f("ix_suppliers_production_id"), "suppliers", ["production_id"], unique=False
    )
    op.create_table(
        "commitments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("devis_account", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("kind IN ('quote', 'purchase_order')", name=op.f("ck_commitments_kind")),
        sa.CheckConstraint(
            "status IN ('open', 'closed', 'cancelled')", name=op.f("ck_commitments_status")
        ),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_commitments_amount")),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_commitments_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["suppliers.id"], name=op.f("fk_commitments_supplier_id_suppliers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commitments")),
        sa.UniqueConstraint(
            "production_id", "reference", name=op.f("uq_commitments_production_id_reference")
        ),
    )
    op.create_index(
        op.f("ix_commitments_production_id"), "commitments", ["production_id"], unique=False
    )
    op.create_index(
        op.f("ix_commitments_supplier_id"), "commitments", ["supplier_id"], unique=False
    )
    op.create_table(
        "cost_overrides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("budget_id", sa.Integer(), nullable=False),
        sa.Column("devis_account", sa.Text(), nullable=False),
        sa.Column("estimate_to_complete", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "estimate_to_complete >= 0", name=op.f("ck_cost_overrides_estimate_to_complete")
        ),
        sa.ForeignKeyConstraint(
            ["budget_id"],
            ["budgets.id"],
            name=op.f("fk_cost_overrides_budget_id_budgets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cost_overrides")),
        sa.UniqueConstraint(
            "budget_id", "devis_account", name=op.f("uq_cost_overrides_budget_id_devis_account")
        ),
    )
    op.create_index(
        op.f("ix_cost_overrides_budget_id"), "cost_overrides", ["budget_id"], unique=False
    )
    op.create_table(
        "cost_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("budget_id", sa.Integer(), nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.Column("budget", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("committed", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("actual", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("estimate_to_complete", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("final", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("accounts_json", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["budget_id"],
            ["budgets.id"],
            name=op.f("fk_cost_snapshots_budget_id_budgets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cost_snapshots")),
        sa.UniqueConstraint("budget_id", "week", name=op.f("uq_cost_snapshots_budget_id_week")),
    )
    op.create_index(
        op.f("ix_cost_snapshots_budget_id"), "cost_snapshots", ["budget_id"], unique=False
    )
    op.create_table(
        "expense_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("devis_account", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("vat", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("allowance_key", sa.Text(), nullable=True),
        sa.Column("quantity", sa.Numeric(precision=10, scale=2), nullable=True),
        sa.Column("allowance_ref", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_expense_lines_amount")),
        sa.CheckConstraint("vat >= 0 AND vat <= amount", name=op.f("ck_expense_lines_vat")),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["expense_reports.id"],
            name=op.f("fk_expense_lines_report_id_expense_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expense_lines")),
    )
    op.create_index(
        op.f("ix_expense_lines_report_id"), "expense_lines", ["report_id"], unique=False
    )
    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("journal", sa.Text(), nullable=False),
        sa.Column("journal_label", sa.Text(), nullable=False),
        sa.Column("number", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("account", sa.Text(), nullable=False),
        sa.Column("account_label", sa.Text(), nullable=False),
        sa.Column("aux_account", sa.Text(), nullable=False),
        sa.Column("aux_label", sa.Text(), nullable=False),
        sa.Column("piece_ref", sa.Text(), nullable=False),
        sa.Column("piece_date", sa.Date(), nullable=True),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("debit", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("credit", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("lettering", sa.Text(), nullable=False),
        sa.Column("lettering_date", sa.Date(), nullable=True),
        sa.Column("validation_date", sa.Date(), nullable=True),
        sa.Column("currency_amount", sa.Numeric(precision=14, scale=2), nullable=True),
        sa.Column("currency", sa.Text(), nullable=False),
        sa.Column("analytic", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["ledger_imports.id"],
            name=op.f("fk_ledger_entries_import_id_ledger_imports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_entries")),
    )
    op.create_index(
        op.f("ix_ledger_entries_import_id"), "ledger_entries", ["import_id"], unique=False
    )
    op.create_table(
        "payroll_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("person", sa.Text(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("gross", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("employer_charges", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("net", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("devis_account", sa.Text(), nullable=False),
        sa.Column("charges_account", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["payroll_imports.id"],
            name=op.f("fk_payroll_entries_import_id_payroll_imports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payroll_entries")),
    )
    op.create_index(
        op.f("ix_payroll_entries_import_id"), "payroll_entries", ["import_id"], unique=False
    )
    op.create_table(
        "expense_receipts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("line_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("media_type", sa.Text(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["line_id"],
            ["expense_lines.id"],
            name=op.f("fk_expense_receipts_line_id_expense_lines"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expense_receipts")),
    )
    op.create_index(
        op.f("ix_expense_receipts_line_id"), "expense_receipts", ["line_id"], unique=False
    )
    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("production_id", sa.Integer(), nullable=False),
        sa.Column("supplier_id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.Integer(), nullable=True),
        sa.Column("number", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("devis_account", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("net", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("vat", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=True),
        sa.Column("media_type", sa.Text(), nullable=True),
        sa.Column("file_sha256", sa.Text(), nullable=True),
        sa.Column("file_data", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("vat >= 0", name=op.f("ck_invoices_vat")),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitments.id"],
            name=op.f("fk_invoices_commitment_id_commitments"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["production_id"],
            ["productions.id"],
            name=op.f("fk_invoices_production_id_productions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["supplier_id"], ["suppliers.id"], name=op.f("fk_invoices_supplier_id_suppliers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoices")),
        sa.UniqueConstraint(
            "production_id",
            "supplier_id",
            "number",
            name=op.f("uq_invoices_production_id_supplier_id_number"),
        ),
    )
    op.create_index(op.f("ix_invoices_commitment_id"), "invoices", ["commitment_id"], unique=False)
    op.create_index(op.f("ix_invoices_production_id"), "invoices", ["production_id"], unique=False)
    op.create_index(op.f("ix_invoices_supplier_id"), "invoices", ["supplier_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_invoices_supplier_id"), table_name="invoices")
    op.drop_index(op.f("ix_invoices_production_id"), table_name="invoices")
    op.drop_index(op.f("ix_invoices_commitment_id"), table_name="invoices")
    op.drop_table("invoices")
    op.drop_index(op.f("ix_expense_receipts_line_id"), table_name="expense_receipts")
    op.drop_table("expense_receipts")
    op.drop_index(op.f("ix_payroll_entries_import_id"), table_name="payroll_entries")
    op.drop_table("payroll_entries")
    op.drop_index(op.f("ix_ledger_entries_import_id"), table_name="ledger_entries")
    op.drop_table("ledger_entries")
    op.drop_index(op.f("ix_expense_lines_report_id"), table_name="expense_lines")
    op.drop_table("expense_lines")
    op.drop_index(op.f("ix_cost_snapshots_budget_id"), table_name="cost_snapshots")
    op.drop_table("cost_snapshots")
    op.drop_index(op.f("ix_cost_overrides_budget_id"), table_name="cost_overrides")
    op.drop_table("cost_overrides")
    op.drop_index(op.f("ix_commitments_supplier_id"), table_name="commitments")
    op.drop_index(op.f("ix_commitments_production_id"), table_name="commitments")
    op.drop_table("commitments")
    op.drop_index(op.f("ix_suppliers_production_id"), table_name="suppliers")
    op.drop_table("suppliers")
    op.drop_index(op.f("ix_payroll_imports_production_id"), table_name="payroll_imports")
    op.drop_table("payroll_imports")
    op.drop_index(op.f("ix_mapping_rules_production_id"), table_name="mapping_rules")
    op.drop_table("mapping_rules")
    op.drop_index(op.f("ix_ledger_imports_production_id"), table_name="ledger_imports")
    op.drop_table("ledger_imports")
    op.drop_index(op.f("ix_expense_reports_production_id"), table_name="expense_reports")
    op.drop_index(op.f("ix_expense_reports_owner_id"), table_name="expense_reports")
    op.drop_table("expense_reports")
