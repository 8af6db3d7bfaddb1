# SPDX-License-Identifier: AGPL-3.0-or-later
"""Actuals of a production: commitments, supplier invoices (with their file), expense
reports (notes de frais) and their flow, payroll imports. Each use case is one transaction,
everything checked before anything is written.

Who may do what (:mod:`regie.office.roles`): the producer, the production manager and the
accountant enter commitments and invoices and import payroll (``EDIT_ACTUALS``); every
member but a guest keeps their *own* expense reports (``SUBMIT_EXPENSES``: a crew member
sees and edits only theirs) and submits them; the production manager (or producer)
approves or rejects them — never their own (``APPROVE_EXPENSES``); the accountant (or
producer) marks them paid (``PAY_EXPENSES``). ``actor=None`` is the local owner (CLI).

Files (invoices, receipts) must be PDF, JPEG, PNG, WebP or HEIC, read from their first
bytes, whatever their name says; anything else is refused naming the file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Final

from sqlalchemy.orm import Session

from regie.budget.chart import load_chart
from regie.budget.model import Chart
from regie.core.errors import InputError, NotFound, PermissionDenied, ValidationError
from regie.core.money import to_decimal
from regie.core.production import Production
from regie.core.text import Text, t
from regie.finance.actuals import (
    EDITABLE,
    EXPENSES_PACK,
    Attachment,
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    ExpenseAction,
    ExpenseLine,
    ExpenseReport,
    Invoice,
    PayrollEntry,
    PayrollImport,
    allowance,
    cents,
    receipts_threshold,
    transition,
)
from regie.formats.payroll_csv import read_payroll_csv
from regie.office.roles import Permission, Role, User, can
from regie.rules.registry import pack
from regie.services.access import production_for, production_named
from regie.services.budgets import chart_kind
from regie.services.database import Database
from regie.storage.repos import costs, finance, members

MAX_FILE_BYTES: Final = 20 * 1024 * 1024
MAX_TEXT: Final = 500
# First bytes → media type: what an invoice or a receipt may be.
SIGNATURES: Final[tuple[tuple[bytes, int, str], ...]] = (
    (b"%PDF-", 0, "application/pdf"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"WEBP", 8, "image/webp"),
    (b"ftypheic", 4, "image/heic"),
    (b"ftypheix", 4, "image/heic"),
    (b"ftypmif1", 4, "image/heic"),
)
_ROLES: Final[dict[Role, Text]] = {
    Role.PRODUCER: t("producer"),
    Role.PRODUCTION_MANAGER: t("production manager"),
    Role.ACCOUNTANT: t("accountant"),
    Role.CREW: t("crew member"),
    Role.GUEST: t("guest"),
}
_ACTIONS: Final[dict[Permission, Text]] = {
    Permission.VIEW_COSTS: t("see the cost report and the actuals"),
    Permission.EDIT_ACTUALS: t("enter commitments, invoices and imports"),
    Permission.SUBMIT_EXPENSES: t("keep expense reports"),
    Permission.APPROVE_EXPENSES: t("approve or reject expense reports"),
    Permission.PAY_EXPENSES: t("mark expense reports paid"),
}


# -- access ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Access:
    production: Production
    role: Role | None  # None: the local owner (actor None)

    def can(self, permission: Permission) -> bool:
        return self.role is None or can(self.role, permission)


def access(session: Session, slug: str, actor: User | None) -> Access:
    """The production and the actor's role (outsiders get the usual ``NotFound``)."""
    production = production_for(session, slug, actor, Permission.VIEW_PRODUCTION)
    role = None if actor is None else members.role_of(session, actor.id, production.id)
    return Access(production, role)


def denied(slug: str, role: Role | None, permission: Permission) -> PermissionDenied:
    return PermissionDenied(
        t(
            "your role in this production ({role}) does not allow you to {action}",
            role=_ROLES[role] if role is not None else t("guest"),
            action=_ACTIONS[permission],
        ),
        where=production_named(slug),
        hint=t("Ask the producer for a role that allows it"),
    )


def require(session: Session, slug: str, actor: User | None, permission: Permission) -> Access:
    """The production if ``actor`` may do ``permission`` in it."""
    found = access(session, slug, actor)
    if not found.can(permission):
        raise denied(slug, found.role, permission)
    return found


def may(db: Database, slug: str, actor: User | None, permission: Permission) -> bool:
    """Whether ``actor`` may do ``permission`` (the faces show or hide their buttons)."""
    with db.session() as session:
        return access(session, slug, actor).can(permission)


def production_chart(production: Production, rule_dirs: tuple[Path, ...] = ()) -> Chart:
    return load_chart(chart_kind(production), extra_dirs=rule_dirs)


def devis_account(chart: Chart, raw: str, field: str = "devis_account") -> str:
    code = raw.strip()
    if chart.account(code) is None:
        raise ValidationError(
            t("'{account}' is not an account of the devis", account=code),
            field=field,
            hint=t(
                "Use an account of the devis chart {chart} (regie devis accounts)", chart=chart.ref
            ),
        )
    return code


def text(raw: str, field: str, *, required: bool = True) -> str:
    clean = " ".join(raw.split())
    if required and not clean:
        raise ValidationError(t("{field} is empty", field=field), field=field)
    if len(clean) > MAX_TEXT:
        raise ValidationError(
            t("{field} is limited to {max} characters", field=field, max=MAX_TEXT), field=field
        )
    return clean


def money(raw: object, field: str, *, negative: bool = False) -> Decimal:
    value = to_decimal(raw, field=field)
    if not value.is_finite() or (value < 0 and not negative):
        raise ValidationError(
            t("{field} cannot be negative", field=field),
            field=field,
            hint=t("Enter 0 or more; a credit note is an invoice with a negative amount"),
        )
    return cents(value)


def attachment(filename: str, data: bytes) -> Attachment:
    """``data`` as a kept file: PDF or image by its first bytes, at most 20 MB."""
    name = Path(filename or "").name or "document"
    if not data:
        raise InputError(
            t("the attached file is empty"), where=name, hint=t("Choose the file again")
        )
    if len(data) > MAX_FILE_BYTES:
        raise InputError(
            t("the file is larger than {mb} MB", mb=MAX_FILE_BYTES // (1024 * 1024)),
            where=name,
            hint=t("Scan it at a lower resolution, or as a PDF"),
        )
    for signature, offset, media_type in SIGNATURES:
        if data[offset : offset + len(signature)] == signature:
            return Attachment(name, media_type, hashlib.sha256(data).hexdigest(), len(data))
    raise InputError(
        t("the file is neither a PDF nor an image (JPEG, PNG, WebP, HEIC)"),
        where=name,
        hint=t("Attach the invoice or receipt as a PDF or a photo"),
    )


# -- commitments ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CommitmentFields:
    reference: str
    supplier: str
    devis_account: str
    description: str
    amount: object  # excluding VAT, as typed ("1 800,50")
    date: dt.date
    kind: CommitmentKind = CommitmentKind.PURCHASE_ORDER


def add_commitment(
    db: Database, slug: str, fields: CommitmentFields, *, actor: User | None
) -> Commitment:
    with db.session() as session:
        production = require(session, slug, actor, Permission.EDIT_ACTUALS).production
        chart = production_chart(production)
        value = Commitment(
            id=0,
            reference=text(fields.reference, "reference"),
            supplier=text(fields.supplier, "supplier"),
            devis_account=devis_account(chart, fields.devis_account),
            description=text(fields.description, "description"),
            amount=money(fields.amount, "amount"),
            date=fields.date,
            kind=fields.kind,
        )
        return finance.insert_commitment(session, production.id, value)


def set_commitment_status(
    db: Database,
    slug: str,
    commitment_id: int,
    status: CommitmentStatus,
    *,
    expected_version: int,
    actor: User | None,
) -> Commitment:
    """Close (nothing more will be invoiced), cancel, or reopen a commitment."""
    with db.session() as session:
        production = require(session, slug, actor, Permission.EDIT_ACTUALS).production
        return finance.set_commitment_status(
            session, production.id, commitment_id, status, expected_version=expected_version
        )


def list_commitments(db: Database, slug: str, *, actor: User | None) -> list[Commitment]:
    with db.session() as session:
        production = require(session, slug, actor, Permission.VIEW_COSTS).production
        return finance.commitments(session, production.id)


# -- invoices ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InvoiceFields:
    supplier: str
    number: str
    date: dt.date
    devis_account: str  # "" with a commitment: the commitment's
    description: str
    net: object  # excluding VAT; negative for a credit note
    vat: object = "0"
    commitment_id: int | None = None


def add_invoice(
    db: Database,
    slug: str,
    fields: InvoiceFields,
    *,
    actor: User | None,
    file: tuple[str, bytes] | None = None,
) -> Invoice:
    """Record a supplier invoice, with its file (PDF or image) when given."""
    kept = attachment(*file) if file is not None else None
    with db.session() as session:
        production = require(session, slug, actor, Permission.EDIT_ACTUALS).production
        chart = production_chart(production)
        account = fields.devis_account.strip()
        if not account and fields.commitment_id is not None:
            account = finance.commitment(session, production.id, fields.commitment_id).devis_account
        value = Invoice(
            id=0,
            supplier=text(fields.supplier, "supplier"),
            number=text(fields.number, "number"),
            date=fields.date,
            devis_account=devis_account(chart, account),
            description=text(fields.description, "description", required=False),
            net=money(fields.net, "net", negative=True),
            vat=money(fields.vat, "vat"),
            commitment_id=fields.commitment_id,
        )
        return finance.insert_invoice(
            session, production.id, value, file=(kept, file[1]) if kept and file else None
        )


def list_invoices(db: Database, slug: str, *, actor: User | None) -> list[Invoice]:
    with db.session() as session:
        production = require(session, slug, actor, Permission.VIEW_COSTS).production
        return finance.invoices(session, production.id)


def invoice_file(
    db: Database, slug: str, invoice_id: int, *, actor: User | None
) -> tuple[Attachment, bytes]:
    with db.session() as session:
        production = require(session, slug, actor, Permission.VIEW_COSTS).production
        return finance.invoice_file(session, production.id, invoice_id)


def delete_invoice(
    db: Database, slug: str, invoice_id: int, *, expected_version: int, actor: User | None
) -> None:
    with db.session() as session:
        production = require(session, slug, actor, Permission.EDIT_ACTUALS).production
        finance.delete_invoice(
            session, production.id, invoice_id, expected_version=expected_version
        )


# -- expense reports --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExpenseLineFields:
    date: dt.date
    devis_account: str
    description: str
    amount: object = "0"  # at actual cost, VAT included; ignored for an allowance
    vat: object = "0"
    allowance_key: str | None = None  # "meal_restaurant": computed from the pack
    quantity: object | None = None  # meals, nights, days of the allowance


def _sees_all(found: Access) -> bool:
    return found.can(Permission.VIEW_COSTS)


def _own(report: ExpenseReport, actor: User | None) -> bool:
    return actor is None or report.owner_id == actor.id


def _report_for(
    session: Session, slug: str, number: int, actor: User | None, *, edit: bool = False
) -> tuple[Access, ExpenseReport]:
    """The report if ``actor`` may see it (``edit``: may change its lines). Someone else's
    report, for a member who sees only their own, is as if absent."""
    found = access(session, slug, actor)
    report = finance.expense_report(session, found.production.id, number)
    mine = _own(report, actor) and found.can(Permission.SUBMIT_EXPENSES)
    wider = Permission.EDIT_ACTUALS if edit else Permission.VIEW_COSTS
    if not (mine or found.can(wider)):
        raise report_not_found(number)
    return found, report


def report_not_found(number: int) -> NotFound:
    return NotFound(
        t("no expense report {number} in this production", number=number),
        hint=t("List the expense reports with regie costs expenses"),
    )


def create_expense_report(
    db: Database, slug: str, *, person: str, title: str, actor: User | None
) -> ExpenseReport:
    """A new draft report of ``person``, owned by ``actor``."""
    with db.session() as session:
        production = require(session, slug, actor, Permission.SUBMIT_EXPENSES).production
        return finance.insert_report(
            session,
            production.id,
            text(person, "person"),
            text(title, "title"),
            actor.id if actor else None,
        )


def list_expense_reports(db: Database, slug: str, *, actor: User | None) -> list[ExpenseReport]:
    """Every report for those who see the costs; one's own for the others."""
    with db.session() as session:
        found = access(session, slug, actor)
        if _sees_all(found):
            return finance.expense_reports(session, found.production.id)
        if not found.can(Permission.SUBMIT_EXPENSES) or actor is None:
            raise denied(slug, found.role, Permission.SUBMIT_EXPENSES)
        return finance.expense_reports(session, found.production.id, owner_id=actor.id)


def get_expense_report(
    db: Database, slug: str, number: int, *, actor: User | None
) -> ExpenseReport:
    with db.session() as session:
        return _report_for(session, slug, number, actor)[1]


def _editable(report: ExpenseReport) -> None:
    if report.status not in EDITABLE:
        raise ValidationError(
            t(
                "expense report {number} is no longer a draft: its lines are fixed",
                number=report.number,
            ),
            field="status",
            hint=t("Ask the production manager to reject it if a line must change"),
        )


def add_expense_line(
    db: Database,
    slug: str,
    number: int,
    fields: ExpenseLineFields,
    *,
    expected_version: int,
    actor: User | None,
    rule_dirs: tuple[Path, ...] = (),
) -> ExpenseReport:
    """Add a line at actual cost, or an allowance whose amount the ``expenses`` pack gives
    (rate on the line's date × quantity)."""
    with db.session() as session:
        found, report = _report_for(session, slug, number, actor, edit=True)
        _editable(report)
        chart = production_chart(found.production, rule_dirs)
        account = devis_account(chart, fields.devis_account)
        key = (fields.allowance_key or "").strip() or None
        if key is not None:
            source = pack(EXPENSES_PACK, extra_dirs=rule_dirs)
            quantity = to_decimal(
                fields.quantity if fields.quantity is not None else "1", field="quantity"
            )
            granted = allowance(source, key, quantity, fields.date)
            line = ExpenseLine(
                id=0,
                date=fields.date,
                devis_account=account,
                description=text(fields.description, "description", required=False)
                or granted.rate.label,
                amount=granted.amount,
                allowance_key=key,
                quantity=quantity,
                allowance_ref=source.ref,
            )
        else:
            amount = money(fields.amount, "amount")
            vat = money(fields.vat, "vat")
            if vat > amount:
                raise ValidationError(
                    t("the VAT ({vat}) is more than the amount ({amount})", vat=vat, amount=amount),
                    field="vat",
                    hint=t("Write the amount paid, VAT included, and the VAT shown on the receipt"),
                )
            line = ExpenseLine(
                id=0,
                date=fields.date,
                devis_account=account,
                description=text(fields.description, "description"),
                amount=amount,
                vat=vat,
            )
        row = finance.touch_report(
            session, found.production.id, number, expected_version=expected_version
        )
        finance.add_expense_line(session, row.id, line)
        return finance.expense_report(session, found.production.id, number)


def delete_expense_line(
    db: Database,
    slug: str,
    number: int,
    line_id: int,
    *,
    expected_version: int,
    actor: User | None,
) -> ExpenseReport:
    with db.session() as session:
        found, report = _report_for(session, slug, number, actor, edit=True)
        _editable(report)
        row = finance.touch_report(
            session, found.production.id, number, expected_version=expected_version
        )
        finance.delete_expense_line(session, row.id, line_id)
        return finance.expense_report(session, found.production.id, number)


def add_receipt(
    db: Database,
    slug: str,
    number: int,
    line_id: int,
    file: tuple[str, bytes],
    *,
    expected_version: int,
    actor: User | None,
) -> ExpenseReport:
    """Attach a receipt (PDF or photo; ``file``: its name and bytes) to a line of a draft
    or rejected report."""
    filename, data = file
    kept = attachment(filename, data)
    with db.session() as session:
        found, report = _report_for(session, slug, number, actor, edit=True)
        _editable(report)
        row = finance.touch_report(
            session, found.production.id, number, expected_version=expected_version
        )
        finance.add_receipt(session, row.id, line_id, kept, data)
        return finance.expense_report(session, found.production.id, number)


def receipt_file(
    db: Database, slug: str, number: int, line_id: int, index: int, *, actor: User | None
) -> tuple[Attachment, bytes]:
    with db.session() as session:
        _found, report = _report_for(session, slug, number, actor)
        return finance.receipt_file(session, report.id, line_id, index)


_NEEDS: Final[dict[ExpenseAction, Permission]] = {
    ExpenseAction.SUBMIT: Permission.SUBMIT_EXPENSES,
    ExpenseAction.APPROVE: Permission.APPROVE_EXPENSES,
    ExpenseAction.REJECT: Permission.APPROVE_EXPENSES,
    ExpenseAction.PAY: Permission.PAY_EXPENSES,
}


def act_on_expense(
    db: Database,
    slug: str,
    number: int,
    action: ExpenseAction,
    *,
    on: dt.date,
    expected_version: int,
    actor: User | None,
    note: str = "",
    rule_dirs: tuple[Path, ...] = (),
) -> ExpenseReport:
    """Move a report along its flow (submitted on / decided on / paid on ``on``): the
    owner submits; the production manager approves or rejects (with a reason) — not their
    own report; the accountant pays."""
    with db.session() as session:
        found = require(session, slug, actor, _NEEDS[action])
        report = finance.expense_report(session, found.production.id, number)
        own = _own(report, actor)
        if action is ExpenseAction.SUBMIT and not own and not found.can(Permission.EDIT_ACTUALS):
            raise report_not_found(number)
        if action in (ExpenseAction.APPROVE, ExpenseAction.REJECT) and actor is not None and own:
            raise PermissionDenied(
                t("you cannot approve or reject your own expense report"),
                where=production_named(slug),
                hint=t("Another production manager or the producer decides on it"),
            )
        reason = text(note, "note", required=action is ExpenseAction.REJECT)
        threshold = receipts_threshold(pack(EXPENSES_PACK, extra_dirs=rule_dirs))
        target = transition(report, action, receipts_from=threshold)
        row = finance.touch_report(
            session, found.production.id, number, expected_version=expected_version
        )
        finance.set_report_status(row, target, on=on, by=actor.id if actor else None, note=reason)
        session.flush()
        return finance.expense_report(session, found.production.id, number)


# -- payroll ----------------------------------------------------------------------------------


def import_payroll(
    db: Database, slug: str, filename: str, data: bytes, *, actor: User | None
) -> PayrollImport:
    """Import a payroll export (:mod:`regie.formats.payroll_csv`): the whole file is read
    and checked first — any error, nothing stored; the same file twice is refused."""
    with db.session() as session:
        production = require(session, slug, actor, Permission.EDIT_ACTUALS).production
    chart = production_chart(production)
    accounts = [a.code for c in chart.chapters for a in c.accounts]
    parsed = read_payroll_csv(data, filename=Path(filename).name, accounts=accounts)
    digest = hashlib.sha256(data).hexdigest()
    with db.session() as session:
        production = require(session, slug, actor, Permission.EDIT_ACTUALS).production
        return costs.insert_payroll(session, production.id, parsed.file, digest, parsed.entries)


def payroll(
    db: Database, slug: str, *, actor: User | None
) -> tuple[list[PayrollImport], list[PayrollEntry]]:
    with db.session() as session:
        production = require(session, slug, actor, Permission.VIEW_COSTS).production
        return costs.payroll_imports(session, production.id), costs.payroll_entries(
            session, production.id
        )
