# SPDX-License-Identifier: AGPL-3.0-or-later
"""Actuals as data: what a production has committed, been invoiced, reimbursed and paid,
each booked on a devis account (``"52"`` Décors naturels…). Pure frozen dataclasses and
functions; amounts are ``Decimal`` euros excluding recoverable VAT where a ``vat`` is given.

* A :class:`Commitment` is an accepted quote or a purchase order (bon de commande): money
  promised to a supplier and not yet invoiced. It stays *open* until closed or cancelled;
  its remaining amount (:func:`remaining`) is what the invoices linked to it have not yet
  used up.
* An :class:`Invoice` is a supplier's invoice (facture fournisseur), optionally against a
  commitment, with the file it came as (PDF or image, kept by its SHA-256).
* An :class:`ExpenseReport` (note de frais) is one person's expenses: lines at actual cost
  (with their receipts) and flat allowances from the ``expenses`` rule pack
  (:func:`allowance`). Its status moves ``draft → submitted → approved → paid``, or
  ``submitted → rejected`` and back to ``submitted`` once fixed (:func:`transition`).
* A :class:`PayrollEntry` is one person's pay for one period as the payroll provider
  exports it: gross, employer charges, net, and the devis accounts of the gross and of the
  charges.

How these add up into a cost report without counting anything twice is
:mod:`regie.finance.costreport`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Final

from regie.budget.model import Cited
from regie.core.errors import ValidationError
from regie.core.text import Text, t
from regie.rules.pack import RulePack, Status

ZERO: Final = Decimal("0.00")
CENT: Final = Decimal("0.01")
EXPENSES_PACK: Final = "expenses"
ALLOWANCE_PREFIX: Final = "allowance."


def cents(value: Decimal) -> Decimal:
    """``value`` rounded to the cent, half up."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class CommitmentKind(StrEnum):
    QUOTE = "quote"  # devis fournisseur accepté
    PURCHASE_ORDER = "purchase_order"  # bon de commande


class CommitmentStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"  # nothing more will be invoiced
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Commitment:
    id: int
    reference: str  # "BC-2026-014", unique in the production
    supplier: str
    devis_account: str
    description: str
    amount: Decimal  # excluding VAT
    date: dt.date
    kind: CommitmentKind = CommitmentKind.PURCHASE_ORDER
    status: CommitmentStatus = CommitmentStatus.OPEN
    version: int = 1


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file kept with a record: an invoice, a receipt."""

    file_name: str
    media_type: str  # "application/pdf", "image/jpeg", "image/png"…
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class Invoice:
    id: int
    supplier: str
    number: str  # the supplier's invoice number
    date: dt.date
    devis_account: str
    description: str
    net: Decimal  # excluding VAT: what the cost report counts
    vat: Decimal = ZERO
    commitment_id: int | None = None
    attachment: Attachment | None = None
    version: int = 1

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


def remaining(commitment: Commitment, invoices: Iterable[Invoice]) -> Decimal:
    """What is still committed: an open commitment's amount less the net of the invoices
    against it, never below zero; a closed or cancelled one commits nothing."""
    if commitment.status is not CommitmentStatus.OPEN:
        return ZERO
    invoiced = sum((i.net for i in invoices if i.commitment_id == commitment.id), ZERO)
    return max(commitment.amount - invoiced, ZERO)


# -- expense reports ------------------------------------------------------------------------


class ExpenseStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    PAID = "paid"


class ExpenseAction(StrEnum):
    SUBMIT = "submit"  # the person (or for them, the office)
    APPROVE = "approve"  # the production manager
    REJECT = "reject"  # the production manager, with a reason
    PAY = "pay"  # the accountant


# action → (statuses it starts from, status it leads to)
FLOW: Final[dict[ExpenseAction, tuple[frozenset[ExpenseStatus], ExpenseStatus]]] = {
    ExpenseAction.SUBMIT: (
        frozenset({ExpenseStatus.DRAFT, ExpenseStatus.REJECTED}),
        ExpenseStatus.SUBMITTED,
    ),
    ExpenseAction.APPROVE: (frozenset({ExpenseStatus.SUBMITTED}), ExpenseStatus.APPROVED),
    ExpenseAction.REJECT: (frozenset({ExpenseStatus.SUBMITTED}), ExpenseStatus.REJECTED),
    ExpenseAction.PAY: (frozenset({ExpenseStatus.APPROVED}), ExpenseStatus.PAID),
}
# Statuses whose lines are spent money for the cost report.
COUNTED: Final = frozenset({ExpenseStatus.APPROVED, ExpenseStatus.PAID})
EDITABLE: Final = frozenset({ExpenseStatus.DRAFT, ExpenseStatus.REJECTED})


@dataclass(frozen=True, slots=True)
class ExpenseLine:
    id: int
    date: dt.date
    devis_account: str
    description: str
    amount: Decimal  # what is reimbursed (VAT included)
    vat: Decimal = ZERO  # recoverable VAT shown on the receipt
    allowance_key: str | None = None  # "meal_restaurant": a flat allowance, no receipt
    quantity: Decimal | None = None  # allowances: meals, nights, days
    allowance_ref: str | None = None  # "expenses@2026.1" the amount was computed with
    receipts: tuple[Attachment, ...] = ()
    version: int = 1

    @property
    def net(self) -> Decimal:
        """What the cost report counts: the amount less recoverable VAT."""
        return self.amount - self.vat


@dataclass(frozen=True, slots=True)
class ExpenseReport:
    id: int
    number: int  # per production
    person: str
    title: str
    status: ExpenseStatus = ExpenseStatus.DRAFT
    lines: tuple[ExpenseLine, ...] = ()
    owner_id: int | None = None  # the user who made it (crew see their own)
    submitted_on: dt.date | None = None
    decided_on: dt.date | None = None
    decision_note: str = ""
    paid_on: dt.date | None = None
    version: int = 1

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)

    @property
    def net(self) -> Decimal:
        return sum((line.net for line in self.lines), ZERO)

    @property
    def counted(self) -> bool:
        return self.status in COUNTED


def transition(
    report: ExpenseReport,
    action: ExpenseAction,
    *,
    receipts_from: Decimal | None = None,
) -> ExpenseStatus:
    """The status ``action`` leads ``report`` to, or a ``ValidationError`` saying why not:
    an action the status does not allow, a report with no line, or (to submit) a line at
    actual cost of ``receipts_from`` euros or more with no receipt."""
    starts, target = FLOW[action]
    if report.status not in starts:
        raise ValidationError(
            t(
                "expense report {number} is {status}: it cannot be {action}",
                number=report.number,
                status=STATUS_WORDS[report.status],
                action=ACTION_WORDS[action],
            ),
            field="status",
            hint=t("Reload the report: someone may have moved it on"),
        )
    if action is ExpenseAction.SUBMIT:
        if not report.lines:
            raise ValidationError(
                t("expense report {number} has no line", number=report.number),
                field="lines",
                hint=t("Add the expenses (with their receipts) or the allowances first"),
            )
        for n, line in enumerate(report.lines, start=1):
            if (
                receipts_from is not None
                and line.allowance_key is None
                and line.amount >= receipts_from
                and not line.receipts
            ):
                raise ValidationError(
                    t(
                        "line {n} of expense report {number} ({description}) has no receipt",
                        n=n,
                        number=report.number,
                        description=line.description,
                    ),
                    field=f"lines[{n}].receipts",
                    hint=t("Attach the receipt (PDF or photo) to the line, then submit"),
                )
    return target


STATUS_WORDS: Final[dict[ExpenseStatus, Text]] = {
    ExpenseStatus.DRAFT: t("a draft"),
    ExpenseStatus.SUBMITTED: t("submitted"),
    ExpenseStatus.APPROVED: t("approved"),
    ExpenseStatus.REJECTED: t("rejected"),
    ExpenseStatus.PAID: t("paid"),
}
ACTION_WORDS: Final[dict[ExpenseAction, Text]] = {
    ExpenseAction.SUBMIT: t("submitted"),
    ExpenseAction.APPROVE: t("approved"),
    ExpenseAction.REJECT: t("rejected"),
    ExpenseAction.PAY: t("paid"),
}


# -- allowances -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AllowanceRate:
    """One flat allowance of the ``expenses`` pack, valid on a day."""

    key: str  # "meal_restaurant"
    label: str
    label_en: str
    unit: str  # "meal", "night", "day", "snack"
    amount: Decimal  # euros per unit
    cited: Cited

    @property
    def unsure(self) -> bool:
        """Estimated or unverified: shown with a warning."""
        return self.cited.status in (Status.ESTIMATED, Status.UNVERIFIED)


@dataclass(frozen=True, slots=True)
class Allowance:
    rate: AllowanceRate
    quantity: Decimal
    amount: Decimal  # rate × quantity, to the cent


def allowance_keys(source: RulePack) -> tuple[str, ...]:
    """The allowances a pack defines (``meal_restaurant``…), in the pack's order."""
    seen: dict[str, None] = {}
    for entry in source:
        if entry.key.startswith(ALLOWANCE_PREFIX):
            seen[entry.key.removeprefix(ALLOWANCE_PREFIX)] = None
    return tuple(seen)


def allowance_rate(source: RulePack, key: str, on: dt.date) -> AllowanceRate:
    """The allowance ``key`` valid on ``on``; a ``ValidationError`` naming the known ones
    for an unknown key (a ``RuleError`` when the pack has no value for that day)."""
    if key not in allowance_keys(source):
        raise ValidationError(
            t("'{key}' is not an allowance of {pack}", key=key, pack=source.ref),
            field="allowance",
            hint=t("Use one of: {keys}", keys=", ".join(allowance_keys(source))),
        )
    entry = source.value(ALLOWANCE_PREFIX + key, on)
    return AllowanceRate(
        key=key,
        label=str(entry.value["label"]),
        label_en=str(entry.value.get("label_en") or entry.value["label"]),
        unit=str(entry.value["unit"]),
        amount=entry.decimal("amount"),
        cited=Cited(source.ref, entry.key, entry.status, entry.citation(), entry.note),
    )


def allowance(source: RulePack, key: str, quantity: Decimal, on: dt.date) -> Allowance:
    """``quantity`` units of the allowance ``key`` on ``on``: rate × quantity, to the cent."""
    if not quantity.is_finite() or quantity <= 0:
        raise ValidationError(
            t("the quantity of an allowance must be more than zero, not {value}", value=quantity),
            field="quantity",
            hint=t("Write the number of meals, nights or days, e.g. 3"),
        )
    rate = allowance_rate(source, key, on)
    return Allowance(rate, quantity, cents(rate.amount * quantity))


def receipts_threshold(source: RulePack) -> Decimal:
    """From which amount a line at actual cost needs a receipt (``receipts.required_from``)."""
    return source.value("receipts.required_from", dt.date.min).decimal()


# -- payroll ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PayrollEntry:
    """One person's pay for one period (one row of the payroll provider's export)."""

    person: str
    period_start: dt.date
    period_end: dt.date
    gross: Decimal  # salaire brut → the devis account
    employer_charges: Decimal  # charges patronales → the charges account (chapter 4)
    net: Decimal  # net paid: shown, not counted (it is inside the gross)
    devis_account: str
    charges_account: str | None = None  # None: chosen by the cost-report pack
    line: int = 0  # where it was read in its file
    id: int = 0

    @property
    def cost(self) -> Decimal:
        return self.gross + self.employer_charges


# -- imports and settings, as stored ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LedgerImport:
    """One FEC file imported: what it held."""

    id: int
    file_name: str
    sha256: str
    encoding: str
    format_ref: str  # "fec-format@2026.1"
    lines: int
    entries: int  # écritures
    total_debit: Decimal
    total_credit: Decimal
    first_date: dt.date
    last_date: dt.date
    imported_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class PayrollImport:
    id: int
    file_name: str
    sha256: str
    rows: int
    gross: Decimal
    employer_charges: Decimal
    imported_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class StoredRule:
    """A mapping rule as the production keeps it (ledger account / analytic → devis)."""

    id: int
    position: int
    account_prefix: str
    analytic: str
    devis_account: str
    version: int = 1


@dataclass(frozen=True, slots=True)
class EstimateOverride:
    """The estimate to complete a production manager set for one devis account."""

    devis_account: str
    estimate_to_complete: Decimal
    note: str = ""
    version: int = 1
