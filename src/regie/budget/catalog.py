# SPDX-License-Identifier: AGPL-3.0-or-later
"""Stored budgets (devis versions) as the services hand them out: each editable record
carries its ``version`` (a stale edit is refused)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from regie.budget.model import BudgetLine, ChartKind


@dataclass(frozen=True, slots=True)
class LineRecord:
    id: int  # storage id (edits name it)
    line: BudgetLine
    version: int = 1


@dataclass(frozen=True, slots=True)
class BudgetRecord:
    id: int
    number: int
    name: str
    kind: ChartKind
    chart_ref: str  # the chart pack the budget was created on
    lines: tuple[LineRecord, ...] = ()
    globals: Mapping[str, Decimal] = field(default_factory=dict)
    addon_rates: Mapping[str, Decimal] = field(default_factory=dict)
    fringe_rates: Mapping[str, Decimal] = field(default_factory=dict)
    created_at: dt.datetime | None = None
    version: int = 1

    def line(self, code: str) -> LineRecord | None:
        return next((r for r in self.lines if r.line.id == code), None)


@dataclass(frozen=True, slots=True)
class LineFields:
    """What a user enters for a line (validated by :mod:`regie.services.budgets`):
    numbers as they were typed (``"2,5"``), checked and read as ``Decimal`` there."""

    account: str
    description: str
    quantity: object
    unit: str
    rate: object
    multiplier: object = "1"
    fringe_group: str | None = None
    place: str = "france"
    tax_credit: bool = True
    note: str = ""
    origin: str | None = None  # what produced a generated line (kept as given)
