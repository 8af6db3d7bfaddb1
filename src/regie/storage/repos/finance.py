# SPDX-License-Identifier: AGPL-3.0-or-later
"""Actuals entered in regie: suppliers, commitments, invoices and their files, expense
reports with their lines and receipts. Functions over a session, handing back
:mod:`regie.finance.actuals` records. Imports (payroll, ledger), mapping rules and the cost
report's overrides and snapshots are :mod:`regie.storage.repos.costs`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from regie.core.errors import Conflict, NotFound, StaleEdit
from regie.core.text import Text, t
from regie.finance.actuals import (
    Attachment,
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    ExpenseLine,
    ExpenseReport,
    ExpenseStatus,
    Invoice,
)
from regie.storage.tables.finance import (
    CommitmentRow,
    ExpenseLineRow,
    ExpenseReceiptRow,
    ExpenseReportRow,
    InvoiceRow,
    SupplierRow,
)

ZERO = Decimal("0.00")


def stale(row_version: int, expected: int, what: Text) -> None:
    """Refuse an edit made on a version of the row that is no longer the stored one."""
    if row_version != expected:
        raise StaleEdit(what, expected=expected, actual=row_version)


# -- suppliers ----------------------------------------------------------------------------


def supplier_id(session: Session, production_id: int, name: str) -> int:
    """The supplier named ``name`` (created when new)."""
    row = session.scalar(
        select(SupplierRow).where(
            SupplierRow.production_id == production_id, SupplierRow.name == name
        )
    )
    if row is None:
        row = SupplierRow(production_id=production_id, name=name)
        session.add(row)
        session.flush()
    return row.id


def supplier_names(session: Session, production_id: int) -> list[str]:
    return list(
        session.scalars(
            select(SupplierRow.name)
            .where(SupplierRow.production_id == production_id)
            .order_by(SupplierRow.name)
        )
    )


def _suppliers(session: Session, production_id: int) -> dict[int, str]:
    rows = session.execute(
        select(SupplierRow.id, SupplierRow.name).where(SupplierRow.production_id == production_id)
    )
    return {row.id: row.name for row in rows}


# -- commitments --------------------------------------------------------------------------


def _commitment(row: CommitmentRow, supplier: str) -> Commitment:
    return Commitment(
        id=row.id,
        reference=row.reference,
        supplier=supplier,
        devis_account=row.devis_account,
        description=row.description,
        amount=Decimal(row.amount),
        date=row.date,
        kind=CommitmentKind(row.kind),
        status=CommitmentStatus(row.status),
        version=row.version,
    )


def commitments(session: Session, production_id: int) -> list[Commitment]:
    names = _suppliers(session, production_id)
    rows = session.scalars(
        select(CommitmentRow)
        .where(CommitmentRow.production_id == production_id)
        .order_by(CommitmentRow.date, CommitmentRow.id)
    )
    return [_commitment(row, names[row.supplier_id]) for row in rows]


def _commitment_row(session: Session, production_id: int, commitment_id: int) -> CommitmentRow:
    row = session.get(CommitmentRow, commitment_id)
    if row is None or row.production_id != production_id:
        raise NotFound(
            t("no commitment {id} in this production", id=commitment_id),
            hint=t("List the commitments with regie costs commitments"),
        )
    return row


def commitment(session: Session, production_id: int, commitment_id: int) -> Commitment:
    row = _commitment_row(session, production_id, commitment_id)
    return _commitment(row, _suppliers(session, production_id)[row.supplier_id])


def insert_commitment(session: Session, production_id: int, value: Commitment) -> Commitment:
    taken = session.scalar(
        select(func.count())
        .select_from(CommitmentRow)
        .where(
            CommitmentRow.production_id == production_id,
            CommitmentRow.reference == value.reference,
        )
    )
    if taken:
        raise Conflict(
            t("a commitment already has the reference {reference}", reference=value.reference),
            hint=t("Give each purchase order or quote its own reference"),
        )
    row = CommitmentRow(
        production_id=production_id,
        supplier_id=supplier_id(session, production_id, value.supplier),
        reference=value.reference,
        kind=value.kind.value,
        devis_account=value.devis_account,
        description=value.description,
        amount=value.amount,
        date=value.date,
        status=value.status.value,
    )
    session.add(row)
    session.flush()
    return _commitment(row, value.supplier)


def set_commitment_status(
    session: Session,
    production_id: int,
    commitment_id: int,
    status: CommitmentStatus,
    *,
    expected_version: int,
) -> Commitment:
    row = _commitment_row(session, production_id, commitment_id)
    stale(row.version, expected_version, t("commitment {reference}", reference=row.reference))
    row.status = status.value
    session.flush()
    return commitment(session, production_id, commitment_id)


# -- invoices -----------------------------------------------------------------------------


def _invoice(row: InvoiceRow, supplier: str) -> Invoice:
    attachment = None
    if row.file_sha256 and row.file_name and row.media_type:
        attachment = Attachment(
            row.file_name, row.media_type, row.file_sha256, len(row.file_data or b"")
        )
    return Invoice(
        id=row.id,
        supplier=supplier,
        number=row.number,
        date=row.date,
        devis_account=row.devis_account,
        description=row.description,
        net=Decimal(row.net),
        vat=Decimal(row.vat),
        commitment_id=row.commitment_id,
        attachment=attachment,
        version=row.version,
    )


def invoices(session: Session, production_id: int) -> list[Invoice]:
    names = _suppliers(session, production_id)
    rows = session.scalars(
        select(InvoiceRow)
        .where(InvoiceRow.production_id == production_id)
        .order_by(InvoiceRow.date, InvoiceRow.id)
    )
    return [_invoice(row, names[row.supplier_id]) for row in rows]


def insert_invoice(
    session: Session,
    production_id: int,
    value: Invoice,
    *,
    file: tuple[Attachment, bytes] | None = None,
) -> Invoice:
    supplier = supplier_id(session, production_id, value.supplier)
    taken = session.scalar(
        select(func.count())
        .select_from(InvoiceRow)
        .where(
            InvoiceRow.production_id == production_id,
            InvoiceRow.supplier_id == supplier,
            InvoiceRow.number == value.number,
        )
    )
    if taken:
        raise Conflict(
            t(
                "invoice {number} of {supplier} is already recorded",
                number=value.number,
                supplier=value.supplier,
            ),
            hint=t("An invoice is recorded once; a correction is a credit note"),
        )
    if value.commitment_id is not None:
        _commitment_row(session, production_id, value.commitment_id)
    row = InvoiceRow(
        production_id=production_id,
        supplier_id=supplier,
        commitment_id=value.commitment_id,
        number=value.number,
        date=value.date,
        devis_account=value.devis_account,
        description=value.description,
        net=value.net,
        vat=value.vat,
    )
    if file is not None:
        attachment, data = file
        row.file_name, row.media_type = attachment.file_name, attachment.media_type
        row.file_sha256, row.file_data = attachment.sha256, data
    session.add(row)
    session.flush()
    return _invoice(row, value.supplier)


def _invoice_row(session: Session, production_id: int, invoice_id: int) -> InvoiceRow:
    row = session.get(InvoiceRow, invoice_id)
    if row is None or row.production_id != production_id:
        raise NotFound(t("no invoice {id} in this production", id=invoice_id))
    return row


def invoice_file(session: Session, production_id: int, invoice_id: int) -> tuple[Attachment, bytes]:
    row = _invoice_row(session, production_id, invoice_id)
    if not row.file_data or not row.file_name or not row.media_type or not row.file_sha256:
        raise NotFound(t("invoice {number} has no file", number=row.number))
    data = row.file_data
    return Attachment(row.file_name, row.media_type, row.file_sha256, len(data)), data


def delete_invoice(
    session: Session, production_id: int, invoice_id: int, *, expected_version: int
) -> None:
    row = _invoice_row(session, production_id, invoice_id)
    stale(row.version, expected_version, t("invoice {number}", number=row.number))
    session.delete(row)
    session.flush()


# -- expense reports ----------------------------------------------------------------------


def _receipts(session: Session, line_ids: Sequence[int]) -> dict[int, list[Attachment]]:
    found: dict[int, list[Attachment]] = {}
    if not line_ids:
        return found
    rows = session.execute(
        select(
            ExpenseReceiptRow.line_id,
            ExpenseReceiptRow.file_name,
            ExpenseReceiptRow.media_type,
            ExpenseReceiptRow.sha256,
            func.length(ExpenseReceiptRow.data),
        )
        .where(ExpenseReceiptRow.line_id.in_(line_ids))
        .order_by(ExpenseReceiptRow.id)
    )
    for line_id, name, media_type, sha, size in rows:
        found.setdefault(line_id, []).append(Attachment(name, media_type, sha, int(size or 0)))
    return found


def _report(session: Session, row: ExpenseReportRow) -> ExpenseReport:
    line_rows = list(
        session.scalars(
            select(ExpenseLineRow)
            .where(ExpenseLineRow.report_id == row.id)
            .order_by(ExpenseLineRow.position, ExpenseLineRow.id)
        )
    )
    receipts = _receipts(session, [r.id for r in line_rows])
    lines = tuple(
        ExpenseLine(
            id=r.id,
            date=r.date,
            devis_account=r.devis_account,
            description=r.description,
            amount=Decimal(r.amount),
            vat=Decimal(r.vat),
            allowance_key=r.allowance_key,
            quantity=Decimal(r.quantity) if r.quantity is not None else None,
            allowance_ref=r.allowance_ref,
            receipts=tuple(receipts.get(r.id, ())),
            version=r.version,
        )
        for r in line_rows
    )
    return ExpenseReport(
        id=row.id,
        number=row.number,
        person=row.person,
        title=row.title,
        status=ExpenseStatus(row.status),
        lines=lines,
        owner_id=row.owner_id,
        submitted_on=row.submitted_on,
        decided_on=row.decided_on,
        decision_note=row.decision_note,
        paid_on=row.paid_on,
        version=row.version,
    )


def expense_reports(
    session: Session, production_id: int, *, owner_id: int | None = None
) -> list[ExpenseReport]:
    query = select(ExpenseReportRow).where(ExpenseReportRow.production_id == production_id)
    if owner_id is not None:
        query = query.where(ExpenseReportRow.owner_id == owner_id)
    rows = session.scalars(query.order_by(ExpenseReportRow.number))
    return [_report(session, row) for row in rows]


def _report_row(session: Session, production_id: int, number: int) -> ExpenseReportRow:
    row = session.scalar(
        select(ExpenseReportRow).where(
            ExpenseReportRow.production_id == production_id, ExpenseReportRow.number == number
        )
    )
    if row is None:
        raise NotFound(
            t("no expense report {number} in this production", number=number),
            hint=t("List the expense reports with regie costs expenses"),
        )
    return row


def expense_report(session: Session, production_id: int, number: int) -> ExpenseReport:
    return _report(session, _report_row(session, production_id, number))


def insert_report(
    session: Session, production_id: int, person: str, title: str, owner_id: int | None
) -> ExpenseReport:
    last = session.scalar(
        select(func.max(ExpenseReportRow.number)).where(
            ExpenseReportRow.production_id == production_id
        )
    )
    row = ExpenseReportRow(
        production_id=production_id,
        number=(last or 0) + 1,
        person=person,
        title=title,
        owner_id=owner_id,
        status=ExpenseStatus.DRAFT.value,
    )
    session.add(row)
    session.flush()
    return _report(session, row)


def touch_report(
    session: Session, production_id: int, number: int, *, expected_version: int
) -> ExpenseReportRow:
    """The report's row, refused when stale, its version counted for this edit."""
    row = _report_row(session, production_id, number)
    stale(row.version, expected_version, t("expense report {number}", number=number))
    row.version += 1
    return row


def add_expense_line(session: Session, report_id: int, line: ExpenseLine) -> int:
    last = session.scalar(
        select(func.max(ExpenseLineRow.position)).where(ExpenseLineRow.report_id == report_id)
    )
    row = ExpenseLineRow(
        report_id=report_id,
        position=(last or 0) + 1,
        date=line.date,
        devis_account=line.devis_account,
        description=line.description,
        amount=line.amount,
        vat=line.vat,
        allowance_key=line.allowance_key,
        quantity=line.quantity,
        allowance_ref=line.allowance_ref,
    )
    session.add(row)
    session.flush()
    return row.id


def _line_row(session: Session, report_id: int, line_id: int) -> ExpenseLineRow:
    row = session.get(ExpenseLineRow, line_id)
    if row is None or row.report_id != report_id:
        raise NotFound(t("no line {id} in this expense report", id=line_id))
    return row


def delete_expense_line(session: Session, report_id: int, line_id: int) -> None:
    session.delete(_line_row(session, report_id, line_id))
    session.flush()


def add_receipt(
    session: Session, report_id: int, line_id: int, attachment: Attachment, data: bytes
) -> None:
    _line_row(session, report_id, line_id)
    session.add(
        ExpenseReceiptRow(
            line_id=line_id,
            file_name=attachment.file_name,
            media_type=attachment.media_type,
            sha256=attachment.sha256,
            data=data,
        )
    )
    session.flush()


def receipt_file(
    session: Session, report_id: int, line_id: int, index: int
) -> tuple[Attachment, bytes]:
    _line_row(session, report_id, line_id)
    rows = list(
        session.scalars(
            select(ExpenseReceiptRow)
            .where(ExpenseReceiptRow.line_id == line_id)
            .order_by(ExpenseReceiptRow.id)
        )
    )
    if not 1 <= index <= len(rows):
        raise NotFound(t("no receipt {index} on this line", index=index))
    row = rows[index - 1]
    return Attachment(row.file_name, row.media_type, row.sha256, len(row.data)), row.data


def set_report_status(
    row: ExpenseReportRow,
    status: ExpenseStatus,
    *,
    on: dt.date,
    by: int | None = None,
    note: str | None = None,
) -> None:
    row.status = status.value
    if status is ExpenseStatus.SUBMITTED:
        row.submitted_on = on
        row.decided_on, row.decided_by = None, None
    elif status in (ExpenseStatus.APPROVED, ExpenseStatus.REJECTED):
        row.decided_on, row.decided_by = on, by
        row.decision_note = note or ""
    elif status is ExpenseStatus.PAID:
        row.paid_on = on
