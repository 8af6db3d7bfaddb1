# SPDX-License-Identifier: AGPL-3.0-or-later
"""The minimum pay grids of the collective agreements (IDCC 3097 cinema, IDCC 2642
audiovisual), read from the ``paygrid-idcc<n>`` rule packs, and the check that a budgeted
rate is not under the minimum.

A position is one job at one unit and basis (``week``/``39h``, ``week``/``shooting_5d``,
``day``/``cddu_day``…) with its amount, status and source. Rates are compared like with
like: a unit is converted only where the pack says the agreement defines the conversion
(IDCC 3097: hour = 39 h week ÷ 40, day = 39 h week ÷ 40 × 8.75 — T.II art. 9 and 34);
anything else is reported as not comparable. Low-budget films (Annexe III of IDCC 3097)
get the pack's formula on the 39 h minimum.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from pathlib import Path

from regie.budget.model import Cited
from regie.core.errors import RuleError
from regie.core.text import Text, t
from regie.rules.grid_csv import GridRow, grid_rows
from regie.rules.pack import RulePack, RuleValue, Status
from regie.rules.registry import pack
from regie.schedule.worktime.results import STATUS_LABELS

CENT = Decimal("0.01")
ALL_SCOPES = "all"


class GridUnit(StrEnum):
    DAY = "day"
    WEEK = "week"
    HOUR = "hour"
    MONTH = "month"


PER_UNIT: dict[GridUnit, Text] = {
    GridUnit.DAY: t("a day"),
    GridUnit.WEEK: t("a week"),
    GridUnit.HOUR: t("an hour"),
    GridUnit.MONTH: t("a month"),
}


@dataclass(frozen=True, slots=True)
class GridRate:
    """One minimum of a grid: a job's pay at one unit and basis, from one date."""

    agreement: str  # "3097"
    job: str  # "first_assistant_director"
    title: str  # French title as the grid prints it
    category: str  # "Titre II Annexe I", "Cat. B CDDU, niveau II"…
    unit: GridUnit
    basis: str  # "39h", "shooting_5d", "35h", "cddu_day"…
    amount: Decimal  # euros, gross
    valid_from: dt.date | None
    status: Status  # the row's status (derived rows are estimated)
    source: str  # the row's source, as written in the grid
    cited: Cited  # the pack value that holds the grid
    title_en: str | None = None
    scope: str = ALL_SCOPES  # "all" genres or one ("fiction")
    low_budget: bool = False
    note: str | None = None  # how a converted or low-budget amount was computed


class GridWarningKind(StrEnum):
    BELOW_MINIMUM = "below-minimum"
    NOT_COMPARABLE = "not-comparable"  # no minimum in that unit, no defined conversion
    NO_MINIMUM = "no-minimum"  # the job is not in the grid valid on that date


@dataclass(frozen=True, slots=True)
class GridWarning:
    kind: GridWarningKind
    message: Text
    agreement: str
    job: str
    unit: str
    rate: Decimal
    minimum: GridRate | None = None
    shortfall: Decimal | None = None  # minimum − rate, when below


def agreement_pack(agreement: str, *, extra_dirs: tuple[Path, ...] = ()) -> RulePack:
    """The ``paygrid-idcc<n>`` pack of ``agreement`` ("3097", "IDCC 3097", "idcc3097")."""
    digits = "".join(c for c in agreement if c.isdigit())
    if not digits:
        raise RuleError(
            t("'{agreement}' is not a collective agreement number", agreement=agreement),
            hint=t("Give its IDCC number, e.g. 3097 or 2642"),
        )
    return pack(f"paygrid-idcc{digits}", extra_dirs=extra_dirs)


def positions(
    agreement: str,
    on: dt.date,
    *,
    genre: str | None = None,
    extra_dirs: tuple[Path, ...] = (),
) -> tuple[GridRate, ...]:
    """Every minimum in force on ``on``: for each job, unit and basis, the newest row valid
    that day (a row scoped to ``genre`` wins over an ``all`` row of the same date)."""
    grid = agreement_pack(agreement, extra_dirs=extra_dirs)
    best: dict[tuple[str, str, str], GridRate] = {}
    for rate in _rates(grid, on, genre):
        key = (rate.job, rate.unit.value, rate.basis)
        held = best.get(key)
        if held is None or _rank(rate) > _rank(held):
            best[key] = rate
    return tuple(best.values())


def minimum(
    agreement: str,
    job: str,
    on: dt.date,
    *,
    low_budget: bool = False,
    unit: GridUnit | str | None = None,
    basis: str | None = None,
    genre: str | None = None,
    extra_dirs: tuple[Path, ...] = (),
) -> GridRate | None:
    """The minimum of ``job`` on ``on``: by default the agreement's reference (IDCC 3097: the
    39 h week; IDCC 2642: the 35 h week); ``unit``/``basis`` pick another position, and a
    unit the grid lacks is converted only where the pack defines it. ``None`` when the grid
    has no such minimum. ``genre`` ("fiction"…) selects genre-specific steps (IDCC 2642)."""
    grid = agreement_pack(agreement, extra_dirs=extra_dirs)
    reference = str(grid.value("reference_basis", on).value)
    mine = [r for r in positions(agreement, on, genre=genre, extra_dirs=extra_dirs) if r.job == job]
    wanted = GridUnit(unit) if unit is not None else GridUnit.WEEK
    pick = basis or (reference if wanted is GridUnit.WEEK else None)
    found = [r for r in mine if r.unit is wanted and (pick is None or r.basis == pick)]
    rate = found[0] if len(found) == 1 else None
    if rate is None and basis is None and wanted is not GridUnit.WEEK:
        rate = _converted(grid, mine, reference, wanted, on, low_budget=low_budget)
        if rate is not None:
            return rate
    if rate is None or not low_budget:
        return rate
    return _low_budget(grid, rate, reference, on)


def check_rate(
    agreement: str,
    job: str,
    unit: GridUnit | str,
    rate: Decimal,
    on: dt.date,
    *,
    basis: str | None = None,
    low_budget: bool = False,
    genre: str | None = None,
    extra_dirs: tuple[Path, ...] = (),
) -> GridWarning | None:
    """``None`` when ``rate`` (euros per ``unit``) is at or above the minimum; otherwise a
    warning to show: under the minimum, not comparable (no minimum in that unit), or no
    minimum known for the job on that date."""
    known = [
        r for r in positions(agreement, on, genre=genre, extra_dirs=extra_dirs) if r.job == job
    ]
    if not known:
        return GridWarning(
            kind=GridWarningKind.NO_MINIMUM,
            message=t(
                "no minimum of IDCC {agreement} for the job '{job}' on {day}",
                agreement=agreement,
                job=job,
                day=on,
            ),
            agreement=agreement,
            job=job,
            unit=str(unit),
            rate=rate,
        )
    floor = None
    if str(unit) in GridUnit.__members__.values():
        floor = minimum(
            agreement,
            job,
            on,
            low_budget=low_budget,
            unit=unit,
            basis=basis,
            genre=genre,
            extra_dirs=extra_dirs,
        )
    if floor is None:
        return GridWarning(
            kind=GridWarningKind.NOT_COMPARABLE,
            message=t(
                "a rate per '{unit}' for {job} is not comparable with the minima of "
                "IDCC {agreement}, which are per {units}",
                unit=str(unit),
                job=known[0].title,
                agreement=agreement,
                units=", ".join(sorted({f"{r.unit.value} ({r.basis})" for r in known})),
            ),
            agreement=agreement,
            job=job,
            unit=str(unit),
            rate=rate,
        )
    if rate >= floor.amount:
        return None
    return GridWarning(
        kind=GridWarningKind.BELOW_MINIMUM,
        message=t(
            "{rate} € {per_unit} for {job} is under the minimum of {minimum} € of "
            "IDCC {agreement} ({category}, {year} grid, {status}; {source})",
            rate=rate,
            per_unit=PER_UNIT[floor.unit],
            job=floor.title,
            minimum=floor.amount,
            agreement=floor.agreement,
            category=floor.category,
            year=floor.valid_from.year if floor.valid_from else "?",
            status=STATUS_LABELS[floor.status],
            source=floor.cited.pack,
        ),
        agreement=agreement,
        job=job,
        unit=str(unit),
        rate=rate,
        minimum=floor,
        shortfall=floor.amount - rate,
    )


# --- internals ------------------------------------------------------------------------


def _agreement_id(grid: RulePack) -> str:
    value = grid.value("agreement").value
    return str(value["idcc"]) if isinstance(value, Mapping) else str(value)


def _rates(grid: RulePack, on: dt.date, genre: str | None) -> list[GridRate]:
    agreement = _agreement_id(grid)
    rates: list[GridRate] = []
    for entry in grid:
        if not entry.key.startswith("grids.") or not entry.valid_on(on):
            continue
        cited = Cited(
            pack=grid.ref,
            key=entry.key,
            status=entry.status,
            citation=entry.citation(),
            note=entry.note,
        )
        for row in grid_rows(grid, entry):
            since = row.valid_from or entry.valid_from
            if since is not None and since > on:
                continue
            if row.scope not in (ALL_SCOPES, genre):
                continue
            rates.append(_rate(row, agreement, since, cited))
    return rates


def _rate(row: GridRow, agreement: str, since: dt.date | None, cited: Cited) -> GridRate:
    return GridRate(
        agreement=agreement,
        job=row.job,
        title=row.title_fr,
        title_en=row.title_en or None,
        category=row.category,
        unit=GridUnit(row.unit),
        basis=row.basis,
        amount=row.amount,
        valid_from=since,
        status=row.status,
        source=row.source,
        cited=cited,
        scope=row.scope,
    )


def _rank(rate: GridRate) -> tuple[dt.date, bool]:
    return (rate.valid_from or dt.date.min, rate.scope != ALL_SCOPES)


def _converted(
    grid: RulePack,
    mine: list[GridRate],
    reference: str,
    unit: GridUnit,
    on: dt.date,
    *,
    low_budget: bool,
) -> GridRate | None:
    key = f"conversions.{unit.value}"
    entries = [e for e in grid if e.key == key and e.valid_on(on)]
    if not entries:
        return None
    conversion = grid.value(key, on)
    source_basis = str(conversion.value["from_basis"])
    base = next((r for r in mine if r.unit is GridUnit.WEEK and r.basis == source_basis), None)
    if base is None:
        return None
    if low_budget:
        base = _low_budget(grid, base, reference, on)
    amount = base.amount / conversion.decimal("divide_by") * conversion.decimal("multiply_by")
    return replace(
        base,
        unit=unit,
        basis=f"{source_basis}→{unit.value}",
        amount=amount.quantize(CENT, rounding=ROUND_HALF_UP),
        status=_weaker(base.status, conversion.status),
        note=_join(base.note, f"{conversion.key}: {conversion.citation()}"),
    )


def _low_budget(grid: RulePack, rate: GridRate, reference: str, on: dt.date) -> GridRate:
    """Annexe III: ``floor + share × (minimum − floor)``, never above the general minimum."""
    entries = [e for e in grid if e.key == "low_budget.formula" and e.valid_on(on)]
    if not entries:
        return replace(rate, note=_join(rate.note, "no low-budget annex in this grid"))
    if rate.unit is not GridUnit.WEEK or rate.basis != reference:
        return replace(
            rate, note=_join(rate.note, "low-budget formula applies to the reference week only")
        )
    formula: RuleValue = grid.value("low_budget.formula", on)
    floor, share = formula.decimal("floor"), formula.decimal("share")
    amount = min(rate.amount, floor + share * (rate.amount - floor))
    return replace(
        rate,
        amount=amount.quantize(CENT, rounding=ROUND_HALF_UP),
        category=f"{rate.category}, Annexe III",
        low_budget=True,
        status=_weaker(rate.status, formula.status),
        note=_join(rate.note, f"{formula.key}: {formula.citation()}"),
    )


_ORDER = (Status.VERIFIED, Status.SECONDARY, Status.CUSTOMARY, Status.ESTIMATED, Status.UNVERIFIED)


def _weaker(a: Status, b: Status) -> Status:
    return max(a, b, key=_ORDER.index)


def _join(note: str | None, more: str) -> str:
    return f"{note}; {more}" if note else more
