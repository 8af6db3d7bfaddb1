# SPDX-License-Identifier: AGPL-3.0-or-later
"""Actuals: ``suppliers``, ``commitments``, ``invoices`` (with their file), expense reports
(``expense_reports`` → ``expense_lines`` → ``expense_receipts``), payroll imports and their
entries, ledger (FEC) imports and their entries, the production's ledger → devis
``mapping_rules``, and per budget the cost report's ``cost_overrides`` (estimate to
complete) and weekly ``cost_snapshots``.

Amounts are ``Numeric`` columns read back as ``Decimal``. Files (invoices, receipts) are
kept in the database with their SHA-256, so a production folder or a PostgreSQL server
holds everything. An import (FEC, payroll) is one row with the file's name, hash and counts,
and its lines; the same file (same hash) cannot be imported twice.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    Numeric,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from regie.storage.base import Base, UTCDateTime, utc_now, version_column

__all__ = [
    "CommitmentRow",
    "CostOverrideRow",
    "CostSnapshotRow",
    "ExpenseLineRow",
    "ExpenseReceiptRow",
    "ExpenseReportRow",
    "InvoiceRow",
    "LedgerEntryRow",
    "LedgerImportRow",
    "MappingRuleRow",
    "PayrollEntryRow",
    "PayrollImportRow",
    "SupplierRow",
]

MONEY = Numeric(14, 2)


def _production() -> Mapped[int]:
    return mapped_column(ForeignKey("productions.id", ondelete="CASCADE"), index=True)


class SupplierRow(Base):
    __tablename__ = "suppliers"
    __table_args__ = (UniqueConstraint("production_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = _production()
    name: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class CommitmentRow(Base):
    __tablename__ = "commitments"
    __table_args__ = (
        UniqueConstraint("production_id", "reference"),
        CheckConstraint("amount >= 0", name="amount"),
        CheckConstraint("kind IN ('quote', 'purchase_order')", name="kind"),
        CheckConstraint("status IN ('open', 'closed', 'cancelled')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = _production()
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), index=True)
    reference: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(Text)
    devis_account: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    amount: Mapped[Decimal] = mapped_column(MONEY)
    date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(Text, default="open")
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class InvoiceRow(Base):
    __tablename__ = "invoices"
    __table_args__ = (
        UniqueConstraint("production_id", "supplier_id", "number"),
        CheckConstraint("vat >= 0", name="vat"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = _production()
    supplier_id: Mapped[int] = mapped_column(ForeignKey("suppliers.id"), index=True)
    commitment_id: Mapped[int | None] = mapped_column(
        ForeignKey("commitments.id", ondelete="SET NULL"), index=True
    )
    number: Mapped[str] = mapped_column(Text)
    date: Mapped[dt.date] = mapped_column(Date)
    devis_account: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    net: Mapped[Decimal] = mapped_column(MONEY)  # may be negative: a credit note
    vat: Mapped[Decimal] = mapped_column(MONEY, default=Decimal(0))
    file_name: Mapped[str | None] = mapped_column(Text)
    media_type: Mapped[str | None] = mapped_column(Text)
    file_sha256: Mapped[str | None] = mapped_column(Text)
    file_data: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utc_now)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class ExpenseReportRow(Base):
    __tablename__ = "expense_reports"
    __table_args__ = (
        UniqueConstraint("production_id", "number"),
        CheckConstraint(
            "status IN ('draft', 'submitted', 'approved', 'rejected', 'paid')", name="status"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = _production()
    number: Mapped[int] = mapped_column(Integer)
    person: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[str] = mapped_column(Text, default="draft")
    submitted_on: Mapped[dt.date | None] = mapped_column(Date)
    decided_on: Mapped[dt.date | None] = mapped_column(Date)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decision_note: Mapped[str] = mapped_column(Text, default="")
    paid_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utc_now)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class ExpenseLineRow(Base):
    __tablename__ = "expense_lines"
    __table_args__ = (
        CheckConstraint("amount >= 0", name="amount"),
        CheckConstraint("vat >= 0 AND vat <= amount", name="vat"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("expense_reports.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    date: Mapped[dt.date] = mapped_column(Date)
    devis_account: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    amount: Mapped[Decimal] = mapped_column(MONEY)
    vat: Mapped[Decimal] = mapped_column(MONEY, default=Decimal(0))
    allowance_key: Mapped[str | None] = mapped_column(Text)
    quantity: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    allowance_ref: Mapped[str | None] = mapped_column(Text)  # "expenses@2026.1"
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class ExpenseReceiptRow(Base):
    __tablename__ = "expense_receipts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    line_id: Mapped[int] = mapped_column(
        ForeignKey("expense_lines.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(Text)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utc_now)


class PayrollImportRow(Base):
    __tablename__ = "payroll_imports"
    __table_args__ = (UniqueConstraint("production_id", "sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = _production()
    file_name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(Text)
    rows: Mapped[int] = mapped_column(Integer)
    gross: Mapped[Decimal] = mapped_column(MONEY)
    employer_charges: Mapped[Decimal] = mapped_column(MONEY)
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utc_now)


class PayrollEntryRow(Base):
    __tablename__ = "payroll_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int] = mapped_column(
        ForeignKey("payroll_imports.id", ondelete="CASCADE"), index=True
    )
    line: Mapped[int] = mapped_column(Integer)
    person: Mapped[str] = mapped_column(Text)
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    gross: Mapped[Decimal] = mapped_column(MONEY)
    employer_charges: Mapped[Decimal] = mapped_column(MONEY)
    net: Mapped[Decimal] = mapped_column(MONEY)
    devis_account: Mapped[str] = mapped_column(Text)
    charges_account: Mapped[str | None] = mapped_column(Text)


class LedgerImportRow(Base):
    __tablename__ = "ledger_imports"
    __table_args__ = (UniqueConstraint("production_id", "sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = _production()
    file_name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(Text)
    encoding: Mapped[str] = mapped_column(Text)
    format_ref: Mapped[str] = mapped_column(Text)  # "fec-format@2026.1"
    lines: Mapped[int] = mapped_column(Integer)
    entries: Mapped[int] = mapped_column(Integer)
    total_debit: Mapped[Decimal] = mapped_column(MONEY)
    total_credit: Mapped[Decimal] = mapped_column(MONEY)
    first_date: Mapped[dt.date] = mapped_column(Date)
    last_date: Mapped[dt.date] = mapped_column(Date)
    imported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utc_now)


class LedgerEntryRow(Base):
    __tablename__ = "ledger_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    import_id: Mapped[int] = mapped_column(
        ForeignKey("ledger_imports.id", ondelete="CASCADE"), index=True
    )
    line: Mapped[int] = mapped_column(Integer)
    journal: Mapped[str] = mapped_column(Text)
    journal_label: Mapped[str] = mapped_column(Text, default="")
    number: Mapped[str] = mapped_column(Text)
    date: Mapped[dt.date] = mapped_column(Date)
    account: Mapped[str] = mapped_column(Text)
    account_label: Mapped[str] = mapped_column(Text, default="")
    aux_account: Mapped[str] = mapped_column(Text, default="")
    aux_label: Mapped[str] = mapped_column(Text, default="")
    piece_ref: Mapped[str] = mapped_column(Text, default="")
    piece_date: Mapped[dt.date | None] = mapped_column(Date)
    label: Mapped[str] = mapped_column(Text, default="")
    debit: Mapped[Decimal] = mapped_column(MONEY)
    credit: Mapped[Decimal] = mapped_column(MONEY)
    lettering: Mapped[str] = mapped_column(Text, default="")
    lettering_date: Mapped[dt.date | None] = mapped_column(Date)
    validation_date: Mapped[dt.date | None] = mapped_column(Date)
    currency_amount: Mapped[Decimal | None] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(Text, default="")
    analytic: Mapped[str] = mapped_column(Text, default="")


class MappingRuleRow(Base):
    __tablename__ = "mapping_rules"
    __table_args__ = (
        UniqueConstraint("production_id", "account_prefix", "analytic"),
        CheckConstraint("account_prefix <> '' OR analytic <> ''", name="condition"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    production_id: Mapped[int] = _production()
    position: Mapped[int] = mapped_column(Integer)
    account_prefix: Mapped[str] = mapped_column(Text, default="")
    analytic: Mapped[str] = mapped_column(Text, default="")
    devis_account: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class CostOverrideRow(Base):
    __tablename__ = "cost_overrides"
    __table_args__ = (
        UniqueConstraint("budget_id", "devis_account"),
        CheckConstraint("estimate_to_complete >= 0", name="estimate_to_complete"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    budget_id: Mapped[int] = mapped_column(ForeignKey("budgets.id", ondelete="CASCADE"), index=True)
    devis_account: Mapped[str] = mapped_column(Text)
    estimate_to_complete: Mapped[Decimal] = mapped_column(MONEY)
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form


class CostSnapshotRow(Base):
    __tablename__ = "cost_snapshots"
    __table_args__ = (UniqueConstraint("budget_id", "week"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    budget_id: Mapped[int] = mapped_column(ForeignKey("budgets.id", ondelete="CASCADE"), index=True)
    week: Mapped[dt.date] = mapped_column(Date)  # its Monday
    taken_on: Mapped[dt.date] = mapped_column(Date)
    budget: Mapped[Decimal] = mapped_column(MONEY)
    committed: Mapped[Decimal] = mapped_column(MONEY)
    actual: Mapped[Decimal] = mapped_column(MONEY)
    estimate_to_complete: Mapped[Decimal] = mapped_column(MONEY)
    final: Mapped[Decimal] = mapped_column(MONEY)
    accounts_json: Mapped[str] = mapped_column(Text)  # {account: [budget, committed, …]}
    version: Mapped[int] = version_column()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's own form
