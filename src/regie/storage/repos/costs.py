# SPDX-License-Identifier: AGPL-3.0-or-later
"""Imported actuals and the cost report's settings: payroll and ledger (FEC) imports with
their lines, the production's ledger → devis mapping rules, and per budget the overrides
of the estimate to complete and the weekly snapshots.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from regie.core.errors import Conflict, NotFound, StaleEdit
from regie.core.text import t
from regie.finance.actuals import (
    EstimateOverride,
    LedgerImport,
    PayrollEntry,
    PayrollImport,
    StoredRule,
)
from regie.finance.burn import Snapshot
from regie.finance.costreport import Figures
from regie.finance.ledger import Ledger, LedgerEntry
from regie.storage.repos.finance import stale
from regie.storage.tables.finance import (
    CostOverrideRow,
    CostSnapshotRow,
    LedgerEntryRow,
    LedgerImportRow,
    MappingRuleRow,
    PayrollEntryRow,
    PayrollImportRow,
)

ZERO = Decimal("0.00")


# -- payroll ------------------------------------------------------------------------------


def _refuse_same_file(
    session: Session,
    table: type[PayrollImportRow] | type[LedgerImportRow],
    production_id: int,
    sha256: str,
    file_name: str,
) -> None:
    found = session.scalar(
        select(table.file_name).where(table.production_id == production_id, table.sha256 == sha256)
    )
    if found is not None:
        raise Conflict(
            t(
                "this file was already imported (as {previous}); nothing was imported again",
                previous=found,
            ),
            where=file_name,
            hint=t("Import only new files; a corrected export is a new file"),
        )


def insert_payroll(
    session: Session,
    production_id: int,
    file_name: str,
    sha256: str,
    entries: Sequence[PayrollEntry],
) -> PayrollImport:
    _refuse_same_file(session, PayrollImportRow, production_id, sha256, file_name)
    batch = PayrollImportRow(
        production_id=production_id,
        file_name=file_name,
        sha256=sha256,
        rows=len(entries),
        gross=sum((e.gross for e in entries), ZERO),
        employer_charges=sum((e.employer_charges for e in entries), ZERO),
    )
    session.add(batch)
    session.flush()
    session.add_all(
        PayrollEntryRow(
            import_id=batch.id,
            line=e.line,
            person=e.person,
            period_start=e.period_start,
            period_end=e.period_end,
            gross=e.gross,
            employer_charges=e.employer_charges,
            net=e.net,
            devis_account=e.devis_account,
            charges_account=e.charges_account,
        )
        for e in entries
    )
    session.flush()
    return _payroll_import(batch)


def _payroll_import(row: PayrollImportRow) -> PayrollImport:
    return PayrollImport(
        row.id,
        row.file_name,
        row.sha256,
        row.rows,
        Decimal(row.gross),
        Decimal(row.employer_charges),
        row.imported_at,
    )


def payroll_imports(session: Session, production_id: int) -> list[PayrollImport]:
    rows = session.scalars(
        select(PayrollImportRow)
        .where(PayrollImportRow.production_id == production_id)
        .order_by(PayrollImportRow.id)
    )
    return [_payroll_import(row) for row in rows]


def payroll_entries(session: Session, production_id: int) -> list[PayrollEntry]:
    rows = session.scalars(
        select(PayrollEntryRow)
        .join(PayrollImportRow, PayrollImportRow.id == PayrollEntryRow.import_id)
        .where(PayrollImportRow.production_id == production_id)
        .order_by(PayrollEntryRow.period_end, PayrollEntryRow.person, PayrollEntryRow.id)
    )
    return [
        PayrollEntry(
            person=r.person,
            period_start=r.period_start,
            period_end=r.period_end,
            gross=Decimal(r.gross),
            employer_charges=Decimal(r.employer_charges),
            net=Decimal(r.net),
            devis_account=r.devis_account,
            charges_account=r.charges_account,
            line=r.line,
            id=r.id,
        )
        for r in rows
    ]


# -- ledger -------------------------------------------------------------------------------


def insert_ledger(
    session: Session,
    production_id: int,
    ledger: Ledger,
    *,
    file_name: str,
    sha256: str,
    encoding: str,
    format_ref: str,
) -> LedgerImport:
    _refuse_same_file(session, LedgerImportRow, production_id, sha256, file_name)
    dates = [e.date for e in ledger.entries]
    total = ledger.total
    batch = LedgerImportRow(
        production_id=production_id,
        file_name=file_name,
        sha256=sha256,
        encoding=encoding,
        format_ref=format_ref,
        lines=len(ledger.entries),
        entries=ledger.entry_count,
        total_debit=total.debit,
        total_credit=total.credit,
        first_date=min(dates),
        last_date=max(dates),
    )
    session.add(batch)
    session.flush()
    session.add_all(
        LedgerEntryRow(
            import_id=batch.id,
            line=e.line,
            journal=e.journal,
            journal_label=e.journal_label,
            number=e.number,
            date=e.date,
            account=e.account,
            account_label=e.account_label,
            aux_account=e.aux_account,
            aux_label=e.aux_label,
            piece_ref=e.piece_ref,
            piece_date=e.piece_date,
            label=e.label,
            debit=e.debit,
            credit=e.credit,
            lettering=e.lettering,
            lettering_date=e.lettering_date,
            validation_date=e.validation_date,
            currency_amount=e.currency_amount,
            currency=e.currency,
            analytic=e.analytic,
        )
        for e in ledger.entries
    )
    session.flush()
    return _ledger_import(batch)


def _ledger_import(row: LedgerImportRow) -> LedgerImport:
    return LedgerImport(
        row.id,
        row.file_name,
        row.sha256,
        row.encoding,
        row.format_ref,
        row.lines,
        row.entries,
        Decimal(row.total_debit),
        Decimal(row.total_credit),
        row.first_date,
        row.last_date,
        row.imported_at,
    )


def ledger_imports(session: Session, production_id: int) -> list[LedgerImport]:
    rows = session.scalars(
        select(LedgerImportRow)
        .where(LedgerImportRow.production_id == production_id)
        .order_by(LedgerImportRow.first_date, LedgerImportRow.id)
    )
    return [_ledger_import(row) for row in rows]


def delete_ledger_import(session: Session, production_id: int, import_id: int) -> None:
    row = session.get(LedgerImportRow, import_id)
    if row is None or row.production_id != production_id:
        raise NotFound(t("no ledger import {id} in this production", id=import_id))
    session.delete(row)
    session.flush()


def ledger(session: Session, production_id: int) -> Ledger | None:
    """Every imported ledger line of the production (``None`` when nothing was imported)."""
    rows = list(
        session.scalars(
            select(LedgerEntryRow)
            .join(LedgerImportRow, LedgerImportRow.id == LedgerEntryRow.import_id)
            .where(LedgerImportRow.production_id == production_id)
            .order_by(LedgerEntryRow.import_id, LedgerEntryRow.line)
        )
    )
    if not rows:
        return None
    return Ledger(
        tuple(
            LedgerEntry(
                journal=r.journal,
                number=r.number,
                date=r.date,
                account=r.account,
                account_label=r.account_label,
                label=r.label,
                debit=Decimal(r.debit),
                credit=Decimal(r.credit),
                journal_label=r.journal_label,
                aux_account=r.aux_account,
                aux_label=r.aux_label,
                piece_ref=r.piece_ref,
                piece_date=r.piece_date,
                lettering=r.lettering,
                lettering_date=r.lettering_date,
                validation_date=r.validation_date,
                currency_amount=Decimal(r.currency_amount)
                if r.currency_amount is not None
                else None,
                currency=r.currency,
                analytic=r.analytic,
                line=r.line,
            )
            for r in rows
        )
    )


# -- mapping rules ------------------------------------------------------------------------


def rules(session: Session, production_id: int) -> list[StoredRule]:
    rows = session.scalars(
        select(MappingRuleRow)
        .where(MappingRuleRow.production_id == production_id)
        .order_by(MappingRuleRow.position, MappingRuleRow.id)
    )
    return [
        StoredRule(r.id, r.position, r.account_prefix, r.analytic, r.devis_account, r.version)
        for r in rows
    ]


def insert_rule(
    session: Session, production_id: int, account_prefix: str, analytic: str, devis_account: str
) -> StoredRule:
    existing = session.scalar(
        select(MappingRuleRow).where(
            MappingRuleRow.production_id == production_id,
            MappingRuleRow.account_prefix == account_prefix,
            MappingRuleRow.analytic == analytic,
        )
    )
    if existing is not None:
        raise Conflict(
            t(
                "a rule already maps {condition} (to {account})",
                condition=f"{account_prefix or '*'}@{analytic or '*'}",
                account=existing.devis_account,
            ),
            hint=t("Delete that rule first, or change it"),
        )
    last = session.scalar(
        select(func.max(MappingRuleRow.position)).where(
            MappingRuleRow.production_id == production_id
        )
    )
    row = MappingRuleRow(
        production_id=production_id,
        position=(last or 0) + 1,
        account_prefix=account_prefix,
        analytic=analytic,
        devis_account=devis_account,
    )
    session.add(row)
    session.flush()
    return StoredRule(row.id, row.position, account_prefix, analytic, devis_account, row.version)


def delete_rule(
    session: Session, production_id: int, rule_id: int, *, expected_version: int
) -> None:
    row = session.get(MappingRuleRow, rule_id)
    if row is None or row.production_id != production_id:
        raise NotFound(t("no mapping rule {id} in this production", id=rule_id))
    stale(row.version, expected_version, t("mapping rule {id}", id=rule_id))
    session.delete(row)
    session.flush()


# -- cost report: overrides and snapshots -------------------------------------------------


def overrides(session: Session, budget_id: int) -> dict[str, EstimateOverride]:
    rows = session.scalars(select(CostOverrideRow).where(CostOverrideRow.budget_id == budget_id))
    return {
        r.devis_account: EstimateOverride(
            r.devis_account, Decimal(r.estimate_to_complete), r.note, r.version
        )
        for r in rows
    }


def set_override(
    session: Session,
    budget_id: int,
    devis_account: str,
    amount: Decimal | None,
    note: str,
    *,
    expected_version: int | None,
) -> None:
    """Set (or with ``amount=None`` remove) the estimate to complete of an account;
    ``expected_version``: the override's version as seen (``None``: there was none)."""
    row = session.scalar(
        select(CostOverrideRow).where(
            CostOverrideRow.budget_id == budget_id, CostOverrideRow.devis_account == devis_account
        )
    )
    what = t("estimate to complete of account {account}", account=devis_account)
    if row is None:
        if expected_version is not None:
            raise StaleEdit(what, expected=expected_version, actual=0)
        if amount is not None:
            session.add(
                CostOverrideRow(
                    budget_id=budget_id,
                    devis_account=devis_account,
                    estimate_to_complete=amount,
                    note=note,
                )
            )
    else:
        stale(row.version, expected_version if expected_version is not None else 0, what)
        if amount is None:
            session.delete(row)
        else:
            row.estimate_to_complete, row.note = amount, note
    session.flush()


def _figures(values: Sequence[str]) -> Figures:
    budget, committed, actual, etc, final = (Decimal(v) for v in values)
    return Figures(budget, committed, actual, etc, final)


def save_snapshot(session: Session, budget_id: int, snapshot: Snapshot) -> Snapshot:
    """Keep ``snapshot`` as its week's (replacing an earlier one of the same week)."""
    row = session.scalar(
        select(CostSnapshotRow).where(
            CostSnapshotRow.budget_id == budget_id, CostSnapshotRow.week == snapshot.week
        )
    )
    if row is None:
        row = CostSnapshotRow(budget_id=budget_id, week=snapshot.week)
        session.add(row)
    f = snapshot.figures
    row.taken_on = snapshot.taken_on
    row.budget, row.committed, row.actual = f.budget, f.committed, f.actual
    row.estimate_to_complete, row.final = f.estimate_to_complete, f.final
    row.accounts_json = json.dumps(
        {
            code: [
                str(x.budget),
                str(x.committed),
                str(x.actual),
                str(x.estimate_to_complete),
                str(x.final),
            ]
            for code, x in snapshot.accounts
        }
    )
    session.flush()
    return _snapshot(row)


def _snapshot(row: CostSnapshotRow) -> Snapshot:
    accounts = json.loads(row.accounts_json or "{}")
    return Snapshot(
        week=row.week,
        taken_on=row.taken_on,
        figures=Figures(
            Decimal(row.budget),
            Decimal(row.committed),
            Decimal(row.actual),
            Decimal(row.estimate_to_complete),
            Decimal(row.final),
        ),
        accounts=tuple((code, _figures(values)) for code, values in accounts.items()),
        version=row.version,
    )


def snapshots(session: Session, budget_id: int) -> list[Snapshot]:
    rows = session.scalars(
        select(CostSnapshotRow)
        .where(CostSnapshotRow.budget_id == budget_id)
        .order_by(CostSnapshotRow.week)
    )
    return [_snapshot(row) for row in rows]
