# SPDX-License-Identifier: AGPL-3.0-or-later
"""Actuals as values: what is left of a commitment, the expense-report flow and the flat
allowances of the ``expenses`` pack (rates by date, status shown)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from regie.core.errors import ValidationError
from regie.finance.actuals import (
    Attachment,
    Commitment,
    CommitmentStatus,
    ExpenseAction,
    ExpenseLine,
    ExpenseReport,
    ExpenseStatus,
    Invoice,
    allowance,
    allowance_keys,
    receipts_threshold,
    remaining,
    transition,
)
from regie.rules.pack import Status
from regie.rules.registry import shipped_pack

D = Decimal
EXPENSES = shipped_pack("expenses")
DAY = dt.date(2026, 3, 10)


def test_remaining_commitment() -> None:
    order = Commitment(1, "BC-1", "Loueur", "71", "Caméra", D("5000"), DAY)
    bills = [
        Invoice(1, "Loueur", "F1", DAY, "71", "", D("3000"), commitment_id=1),
        Invoice(2, "Loueur", "F2", DAY, "71", "", D("2500"), commitment_id=1),
        Invoice(3, "Autre", "F3", DAY, "71", "", D("100")),
    ]
    assert remaining(order, bills[:1]) == D("2000")
    assert remaining(order, bills) == 0  # invoiced beyond the order: nothing left, not less
    closed = Commitment(
        1, "BC-1", "Loueur", "71", "", D("5000"), DAY, status=CommitmentStatus.CLOSED
    )
    assert remaining(closed, []) == 0


def test_allowances_come_from_the_pack_by_date() -> None:
    meal = allowance(EXPENSES, "meal_restaurant", D(3), DAY)
    assert (meal.rate.amount, meal.amount) == (D("21.40"), D("64.20"))  # URSSAF 2026
    assert meal.rate.cited.pack == EXPENSES.ref
    assert not meal.rate.unsure
    older = allowance(EXPENSES, "meal_restaurant", D(1), dt.date(2025, 6, 1))
    assert older.amount == D("21.10")  # URSSAF 2025
    travel = allowance(EXPENSES, "travel_meal", D(2), DAY)
    assert travel.rate.cited.status is Status.UNVERIFIED  # the 2026 figure is not known
    assert travel.rate.unsure
    per_diem = allowance(EXPENSES, "per_diem_other", D("1.5"), DAY)
    assert per_diem.rate.cited.status is Status.ESTIMATED
    assert per_diem.amount == D("147.45")  # 98,30 × 1,5
    assert "meal_on_site" in allowance_keys(EXPENSES)
    with pytest.raises(ValidationError, match="not an allowance"):
        allowance(EXPENSES, "champagne", D(1), DAY)
    with pytest.raises(ValidationError, match="more than zero"):
        allowance(EXPENSES, "meal_restaurant", D(0), DAY)


def test_the_flow_of_an_expense_report() -> None:
    receipt = Attachment("ticket.pdf", "application/pdf", "0" * 64, 10)
    meal = ExpenseLine(1, DAY, "62", "Repas", D("21.40"), allowance_key="meal_restaurant")
    taxi = ExpenseLine(2, DAY, "62", "Taxi", D("35"))
    threshold = receipts_threshold(EXPENSES)
    empty = ExpenseReport(1, 1, "Léa", "Repérages")
    with pytest.raises(ValidationError, match="no line"):
        transition(empty, ExpenseAction.SUBMIT, receipts_from=threshold)
    missing = ExpenseReport(1, 1, "Léa", "Repérages", lines=(meal, taxi))
    with pytest.raises(ValidationError, match=r"line 2 .* has no receipt") as refused:
        transition(missing, ExpenseAction.SUBMIT, receipts_from=threshold)
    assert refused.value.field == "lines[2].receipts"
    ready = ExpenseReport(
        1,
        1,
        "Léa",
        "Repérages",
        lines=(meal, ExpenseLine(2, DAY, "62", "Taxi", D("35"), receipts=(receipt,))),
    )
    assert (
        transition(ready, ExpenseAction.SUBMIT, receipts_from=threshold) is ExpenseStatus.SUBMITTED
    )
    with pytest.raises(ValidationError, match="is a draft: it cannot be paid"):
        transition(ready, ExpenseAction.PAY)
    steps = {
        ExpenseStatus.SUBMITTED: [
            (ExpenseAction.APPROVE, ExpenseStatus.APPROVED),
            (ExpenseAction.REJECT, ExpenseStatus.REJECTED),
        ],
        ExpenseStatus.APPROVED: [(ExpenseAction.PAY, ExpenseStatus.PAID)],
        ExpenseStatus.REJECTED: [(ExpenseAction.SUBMIT, ExpenseStatus.SUBMITTED)],
    }
    for status, moves in steps.items():
        for action, target in moves:
            moved = ExpenseReport(1, 1, "Léa", "R", status, ready.lines)
            assert transition(moved, action, receipts_from=threshold) is target
    paid = ExpenseReport(1, 1, "Léa", "R", ExpenseStatus.PAID, ready.lines)
    for action in ExpenseAction:
        with pytest.raises(ValidationError):
            transition(paid, action)
    assert ready.total == D("56.40")
