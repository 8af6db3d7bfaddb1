# SPDX-License-Identifier: AGPL-3.0-or-later
"""Budgets (devis versions) and their lines."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from regie.budget.catalog import BudgetRecord, LineRecord
from regie.budget.model import BudgetLine, ChartKind, Place
from regie.core.errors import Conflict, NotFound, StaleEdit
from regie.core.text import t
from regie.storage.tables import BudgetLineRow, BudgetRow


def _dump(values: Mapping[str, Decimal]) -> str:
    return json.dumps({k: str(v) for k, v in sorted(values.items())})


def _load(raw: str) -> dict[str, Decimal]:
    return {str(k): Decimal(str(v)) for k, v in json.loads(raw or "{}").items()}


def _plain(value: Decimal) -> Decimal:
    """``20.0000`` → ``20``, ``2.5000`` → ``2.5``: a stored quantity as it was typed."""
    value = Decimal(value)
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


def _line(row: BudgetLineRow) -> LineRecord:
    return LineRecord(
        row.id,
        BudgetLine(
            id=row.code,
            account=row.account,
            description=row.description,
            quantity=_plain(row.quantity),
            unit=row.unit,
            rate=Decimal(row.rate),
            multiplier=_plain(row.multiplier),
            fringe_group=row.fringe_group,
            place=Place(row.place),
            tax_credit=row.tax_credit,
            note=row.note,
            origin=row.origin,
            quantity_expr=row.quantity_expr,
        ),
        row.version,
    )


def _apply(row: BudgetLineRow, line: BudgetLine) -> None:
    row.account = line.account
    row.description = line.description
    row.quantity = line.quantity
    row.unit = line.unit
    row.rate = line.rate
    row.multiplier = line.multiplier
    row.fringe_group = line.fringe_group
    row.place = line.place.value
    row.tax_credit = line.tax_credit
    row.note = line.note
    row.origin = line.origin
    row.quantity_expr = line.quantity_expr


def _row(session: Session, production_id: int, number: int) -> BudgetRow:
    row = session.scalar(
        select(BudgetRow).where(
            BudgetRow.production_id == production_id, BudgetRow.number == number
        )
    )
    if row is None:
        raise NotFound(
            t("no budget number {number} in this production", number=number),
            hint=t("List the budgets with regie devis list"),
        )
    return row


def budget(session: Session, production_id: int, number: int) -> BudgetRecord:
    row = _row(session, production_id, number)
    lines = session.scalars(
        select(BudgetLineRow)
        .where(BudgetLineRow.budget_id == row.id)
        .order_by(BudgetLineRow.position, BudgetLineRow.id)
    )
    return BudgetRecord(
        id=row.id,
        number=row.number,
        name=row.name,
        kind=ChartKind(row.chart_kind),
        chart_ref=row.chart_ref,
        lines=tuple(_line(r) for r in lines),
        globals=_load(row.globals_json),
        addon_rates=_load(row.addon_rates_json),
        fringe_rates=_load(row.fringe_rates_json),
        created_at=row.created_at,
        version=row.version,
    )


def numbers(session: Session, production_id: int) -> list[int]:
    return list(
        session.scalars(
            select(BudgetRow.number)
            .where(BudgetRow.production_id == production_id)
            .order_by(BudgetRow.number)
        )
    )


def insert_budget(
    session: Session,
    production_id: int,
    name: str,
    kind: ChartKind,
    chart_ref: str,
    *,
    globals: Mapping[str, Decimal] | None = None,
) -> int:
    """A new budget with the next number; returns that number."""
    taken = session.scalar(
        select(func.count())
        .select_from(BudgetRow)
        .where(BudgetRow.production_id == production_id, BudgetRow.name == name)
    )
    if taken:
        raise Conflict(
            t("a budget is already named {name}", name=name), hint=t("Choose another name")
        )
    last = session.scalar(
        select(func.max(BudgetRow.number)).where(BudgetRow.production_id == production_id)
    )
    number = (last or 0) + 1
    session.add(
        BudgetRow(
            production_id=production_id,
            number=number,
            name=name,
            chart_kind=kind.value,
            chart_ref=chart_ref,
            globals_json=_dump(globals or {}),
            addon_rates_json="{}",
            fringe_rates_json="{}",
        )
    )
    session.flush()
    return number


def touch(session: Session, production_id: int, number: int, *, expected_version: int) -> None:
    """Refuse a stale edit of the budget, then count this edit on it."""
    row = _row(session, production_id, number)
    if row.version != expected_version:
        raise StaleEdit(
            t("budget {number}", number=number), expected=expected_version, actual=row.version
        )
    row.version += 1  # the version_id_col also guards against a race at flush


def set_settings(
    session: Session,
    production_id: int,
    number: int,
    *,
    globals: Mapping[str, Decimal],
    addon_rates: Mapping[str, Decimal],
    fringe_rates: Mapping[str, Decimal],
) -> None:
    row = _row(session, production_id, number)
    row.globals_json = _dump(globals)
    row.addon_rates_json = _dump(addon_rates)
    row.fringe_rates_json = _dump(fringe_rates)


def next_code(session: Session, budget_id: int) -> str:
    count = session.scalar(
        select(func.count()).select_from(BudgetLineRow).where(BudgetLineRow.budget_id == budget_id)
    )
    codes = set(
        session.scalars(select(BudgetLineRow.code).where(BudgetLineRow.budget_id == budget_id))
    )
    n = (count or 0) + 1
    while f"L{n:04d}" in codes:
        n += 1
    return f"L{n:04d}"


def insert_lines(session: Session, budget_id: int, lines: Sequence[BudgetLine]) -> None:
    """Append lines (their ``id`` is the code; position after the existing lines)."""
    last = session.scalar(
        select(func.max(BudgetLineRow.position)).where(BudgetLineRow.budget_id == budget_id)
    )
    position = (last or 0) + 1
    rows = []
    for offset, line in enumerate(lines):
        row = BudgetLineRow(budget_id=budget_id, code=line.id, position=position + offset)
        _apply(row, line)
        rows.append(row)
    session.add_all(rows)
    session.flush()


def _line_row(session: Session, budget_id: int, code: str) -> BudgetLineRow:
    row = session.scalar(
        select(BudgetLineRow).where(
            BudgetLineRow.budget_id == budget_id, BudgetLineRow.code == code
        )
    )
    if row is None:
        raise NotFound(t("no line {code} in this budget", code=code), hint=t("Reload the budget"))
    return row


def update_line(
    session: Session, budget_id: int, line: BudgetLine, *, expected_version: int
) -> None:
    row = _line_row(session, budget_id, line.id)
    if row.version != expected_version:
        raise StaleEdit(
            t("line {code}", code=line.id), expected=expected_version, actual=row.version
        )
    _apply(row, line)
    session.flush()


def delete_line(session: Session, budget_id: int, code: str, *, expected_version: int) -> None:
    row = _line_row(session, budget_id, code)
    if row.version != expected_version:
        raise StaleEdit(t("line {code}", code=code), expected=expected_version, actual=row.version)
    session.delete(row)
    session.flush()
