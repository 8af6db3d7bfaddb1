# SPDX-License-Identifier: AGPL-3.0-or-later
"""Minimum pay grids kept as CSV files beside a rule pack (``paygrid-idcc3097`` …).

A grid is too long for one YAML value per position, so the pack names a CSV file
(``value: {file: grids/idcc3097-2024.csv}``) and gives the file's sources, status and
validity; each row keeps its own status and source. A pack may also write the rows inline
(``value: {rows: [{job: …, amount: "…"}, …]}``). Reading the file is the edge of the rules
layer: the phases receive :class:`GridRow` values.

Columns: ``job, title_fr, title_en, category, unit, basis, amount, hours_basis, scope,
valid_from, status, source`` — ``unit`` is day, week, hour or month; ``basis`` names the
variant of the unit (``39h``, ``shooting_5d``, ``cddu_day``…); ``scope`` is ``all`` or a
genre (``fiction``); ``valid_from`` is empty when the file's validity applies; ``amount`` is
euros, written with a dot and never read through a float.

A file named by a pack a production keeps in its ``rules/`` folder is read beside that pack
file, and among the shipped grids when it is not there.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from pathlib import Path, PurePosixPath

from regie.core.errors import Message, RuleError
from regie.core.text import t
from regie.rules.pack import RulePack, RuleValue, Status

COLUMNS = (
    "job",
    "title_fr",
    "title_en",
    "category",
    "unit",
    "basis",
    "amount",
    "hours_basis",
    "scope",
    "valid_from",
    "status",
    "source",
)
REQUIRED = ("job", "title_fr", "unit", "basis", "amount", "status")
UNITS = ("day", "week", "hour", "month")
SHIPPED_PREFIX = "regie/rules/packs/"  # RulePack.path of a shipped pack (registry.shipped_pack)


@dataclass(frozen=True, slots=True)
class GridRow:
    """One position of a pay grid, as written in its file."""

    job: str
    title_fr: str
    title_en: str
    category: str
    unit: str  # day | week | hour | month
    basis: str
    amount: Decimal
    hours_basis: str
    scope: str  # "all" or a genre
    valid_from: dt.date | None
    status: Status
    source: str


def grid_rows(pack: RulePack, entry: RuleValue) -> tuple[GridRow, ...]:
    """The rows of the grid that ``entry`` (a ``grids.*`` value of ``pack``) names."""
    value = entry.value
    if isinstance(value, Mapping) and "rows" in value:
        rows = value["rows"]
        if not isinstance(rows, list):
            raise RuleError(
                t("'rows' of grid '{key}' must be a list", key=entry.key),
                where=pack.path,
                hint=t("Write one mapping per position, with the grid's columns as keys"),
            )
        where = f"{pack.path}: {entry.key}"
        return tuple(_row(raw, f"{where}[{i}]") for i, raw in enumerate(rows))
    if not isinstance(value, Mapping) or not isinstance(value.get("file"), str):
        raise RuleError(
            t("grid '{key}' names neither a 'file' nor 'rows'", key=entry.key),
            where=pack.path,
            hint=t("Write `value: {{file: grids/<name>.csv}}` or `value: {{rows: [...]}}`"),
        )
    name = str(value["file"])
    parts = PurePosixPath(name).parts
    if not parts or PurePosixPath(name).is_absolute() or ".." in parts:
        raise RuleError(
            t("grid file '{file}' must be a relative path inside the rules folder", file=name),
            where=pack.path,
        )
    if not pack.path.startswith(SHIPPED_PREFIX):
        beside = Path(pack.path).parent.joinpath(*parts)
        if beside.is_file():
            return _read_file(beside)
    return _shipped_grid(name)


def parse_grid_csv(text: str, *, path: str) -> tuple[GridRow, ...]:
    """Read a grid from CSV text; ``path`` is only used in messages."""
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise RuleError(
            t("the grid lacks the column(s) {columns}", columns=", ".join(missing)),
            where=path,
            hint=t("The columns are: {columns}", columns=", ".join(COLUMNS)),
        )
    rows = tuple(
        _row(raw, t("{file}, line {line}", file=path, line=reader.line_num)) for raw in reader
    )
    if not rows:
        raise RuleError(t("the grid has no rows"), where=path)
    return rows


@cache
def _shipped_grid(name: str) -> tuple[GridRow, ...]:
    ref = resources.files("regie.rules").joinpath("packs", *PurePosixPath(name).parts)
    if not ref.is_file():
        raise RuleError(
            t("no grid file '{file}' beside the pack or among the shipped grids", file=name),
            hint=t("Put the CSV file in the same folder as the pack that names it"),
        )
    return parse_grid_csv(ref.read_text(encoding="utf-8"), path=f"{SHIPPED_PREFIX}{name}")


def _read_file(path: Path) -> tuple[GridRow, ...]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(
            t("cannot read the grid file ({problem})", problem=exc), where=str(path)
        ) from None
    return parse_grid_csv(text, path=str(path))


def _row(raw: object, where: Message) -> GridRow:
    if not isinstance(raw, Mapping):
        raise RuleError(t("a grid row must be a mapping of the grid's columns"), where=where)

    def cell(name: str) -> str:
        value = raw.get(name)
        if isinstance(value, float):
            raise RuleError(
                t(
                    "{raw} is written as a bare number; write numbers as quoted strings",
                    raw=repr(value),
                ),
                where=where,
            )
        return "" if value is None else str(value).strip()

    for name in REQUIRED:
        if not cell(name):
            raise RuleError(t("the column '{column}' is empty", column=name), where=where)
    unit = cell("unit")
    if unit not in UNITS:
        raise RuleError(
            t("unknown unit '{unit}'", unit=unit),
            where=where,
            hint=t("Use one of: {units}", units=", ".join(UNITS)),
        )
    try:
        amount = Decimal(cell("amount"))
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite() or amount <= 0:
        raise RuleError(
            t("the amount '{amount}' is not a positive number", amount=cell("amount")),
            where=where,
            hint=t("Write euros with a dot for decimals, e.g. 1479.49"),
        )
    try:
        status = Status(cell("status"))
    except ValueError:
        raise RuleError(
            t("unknown status '{status}'", status=cell("status")),
            where=where,
            hint=t("Use one of: {statuses}", statuses=", ".join(s.value for s in Status)),
        ) from None
    since = cell("valid_from")
    try:
        valid_from = dt.date.fromisoformat(since) if since else None
    except ValueError:
        raise RuleError(t("'{raw}' is not a date (YYYY-MM-DD)", raw=since), where=where) from None
    return GridRow(
        job=cell("job"),
        title_fr=cell("title_fr"),
        title_en=cell("title_en"),
        category=cell("category"),
        unit=unit,
        basis=cell("basis"),
        amount=amount,
        hours_basis=cell("hours_basis"),
        scope=cell("scope") or "all",
        valid_from=valid_from,
        status=status,
        source=cell("source"),
    )
