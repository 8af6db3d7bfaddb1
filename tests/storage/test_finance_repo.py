# SPDX-License-Identifier: AGPL-3.0-or-later
"""The actuals tables through their repositories, on SQLite and PostgreSQL: exact amounts
back, files kept byte for byte, one import per file, and nothing outliving its production."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from regie.budget.model import ChartKind
from regie.core.errors import Conflict, StaleEdit
from regie.finance.actuals import (
    Attachment,
    Commitment,
    ExpenseLine,
    ExpenseStatus,
    Invoice,
    PayrollEntry,
)
from regie.finance.burn import Snapshot
from regie.finance.costreport import Figures
from regie.finance.ledger import Ledger, LedgerEntry
from regie.storage.base import Base
from regie.storage.db import Database
from regie.storage.repos import budgets, costs, finance, productions
from tests.storage.factory import add_production

D = Decimal
DAY = dt.date(2026, 3, 9)
PDF = b"%PDF-1.4\n%%EOF\n"


def _fill(db: Database, slug: str) -> int:
    with db.session() as session:
        production = add_production(session, slug)
        pid = production.id
        order = finance.insert_commitment(
            session, pid, Commitment(0, "BC-1", "Loueur", "71", "Caméra", D("1234.56"), DAY)
        )
        kept = Attachment("f.pdf", "application/pdf", hashlib.sha256(PDF).hexdigest(), len(PDF))
        finance.insert_invoice(
            session,
            pid,
            Invoice(0, "Loueur", "F1", DAY, "71", "x", D("-10.01"), D("0"), order.id),
            file=(kept, PDF),
        )
        report = finance.insert_report(session, pid, "Léa", "Repérages", None)
        line_id = finance.add_expense_line(
            session, report.id, ExpenseLine(0, DAY, "60", "Taxi", D("35.20"), D("3.20"))
        )
        finance.add_receipt(session, report.id, line_id, kept, PDF)
        costs.insert_payroll(
            session,
            pid,
            "paie.csv",
            "a" * 64,
            [PayrollEntry("Ana", DAY, DAY, D("100.10"), D("40.04"), D("78.00"), "20", line=2)],
        )
        ledger = Ledger(
            (
                LedgerEntry(
                    "AC",
                    "AC1",
                    DAY,
                    "613500",
                    "Locations",
                    "Loc",
                    D("99.99"),
                    D("0"),
                    analytic="71",
                    line=2,
                ),
                LedgerEntry(
                    "AC", "AC1", DAY, "401000", "Fourn.", "Loc", D("0"), D("99.99"), line=3
                ),
            )
        )
        costs.insert_ledger(
            session,
            pid,
            ledger,
            file_name="x.fec",
            sha256="b" * 64,
            encoding="UTF-8",
            format_ref="fec-format@2026.1",
        )
        costs.insert_rule(session, pid, "", "71", "71")
        budget_id = _budget(session, pid)
        costs.set_override(session, budget_id, "71", D("500"), "", expected_version=None)
        costs.save_snapshot(
            session,
            budget_id,
            Snapshot(
                DAY,
                DAY,
                Figures(D(1), D(2), D(3), D(4), D(5)),
                (("71", Figures(D(1), D(2), D(3), D(4), D(5))),),
            ),
        )
        return pid


def _budget(session: Session, production_id: int) -> int:
    number = budgets.insert_budget(session, production_id, "Devis", ChartKind.CINEMA, "c@1")
    return budgets.budget(session, production_id, number).id


def test_records_come_back_exact(database: Database) -> None:
    pid = _fill(database, "la-clef")
    with database.session() as session:
        (invoice,) = finance.invoices(session, pid)
        assert (invoice.net, invoice.supplier, invoice.commitment_id) == (D("-10.01"), "Loueur", 1)
        kept, data = finance.invoice_file(session, pid, invoice.id)
        assert data == PDF
        assert kept.sha256 == hashlib.sha256(PDF).hexdigest()
        (report,) = finance.expense_reports(session, pid)
        assert report.status is ExpenseStatus.DRAFT
        assert report.lines[0].net == D("32.00")
        assert report.lines[0].receipts[0].size == len(PDF)
        (pay,) = costs.payroll_entries(session, pid)
        assert (pay.gross, pay.employer_charges, pay.line) == (D("100.10"), D("40.04"), 2)
        ledger = costs.ledger(session, pid)
        assert ledger is not None
        assert [e.debit for e in ledger.entries] == [D("99.99"), D("0")]
        assert ledger.entries[0].analytic == "71"
        (batch,) = costs.ledger_imports(session, pid)
        assert (batch.lines, batch.entries, batch.first_date) == (2, 1, DAY)
        with pytest.raises(Conflict, match="already imported"):
            costs.insert_ledger(
                session,
                pid,
                ledger,
                file_name="y.fec",
                sha256="b" * 64,
                encoding="UTF-8",
                format_ref="fec-format@2026.1",
            )


def test_overrides_and_snapshots(database: Database) -> None:
    pid = _fill(database, "la-clef")
    with database.session() as session:
        budget_id = _budget_id(session, pid)
        override = costs.overrides(session, budget_id)["71"]
        assert (override.estimate_to_complete, override.version) == (D("500.00"), 1)
        with pytest.raises(StaleEdit):
            costs.set_override(session, budget_id, "71", D("1"), "", expected_version=None)
        costs.set_override(session, budget_id, "71", None, "", expected_version=1)
        assert costs.overrides(session, budget_id) == {}
        (snap,) = costs.snapshots(session, budget_id)
        assert snap.figures.final == D("5.00")
        assert dict(snap.accounts)["71"].actual == D(3)


def _budget_id(session: Session, production_id: int) -> int:
    return budgets.budget(session, production_id, 1).id


def test_nothing_outlives_its_production(database: Database) -> None:
    _fill(database, "kept")
    with database.session() as session:
        before = _counts(session)
    _fill(database, "gone")
    with database.session() as session:
        productions.delete_production(session, "gone", expected_version=1)
    with database.session() as session:
        assert _counts(session) == before


def _counts(session: Session) -> dict[str, int]:
    return {
        name: session.scalar(select(func.count()).select_from(table)) or 0
        for name, table in Base.metadata.tables.items()
    }
