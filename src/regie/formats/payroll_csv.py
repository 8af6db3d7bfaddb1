# SPDX-License-Identifier: AGPL-3.0-or-later
"""A payroll provider's export (CSV) read into :class:`~regie.finance.actuals.PayrollEntry`
values: one row per person and pay period.

The header names the columns, in French or English, in any order, case and accents aside
(:data:`HEADERS`): person, period start and end, gross, employer charges, net, devis
account, and optionally the devis account of the charges. The separator is ``;`` or ``,``,
read off the header (``;`` when the header has one: the French spreadsheet habit, which
lets amounts keep their decimal comma). Amounts take a decimal comma or point and spaces
between thousands (``1 234,56``), never both marks; dates are ``AAAA-MM-JJ`` or
``JJ/MM/AAAA``. The file is UTF-8 (with or without byte-order mark) or, failing that,
Windows-1252 (what a French spreadsheet saves).

:func:`read_payroll_csv` checks every row and raises :class:`PayrollCsvError` listing
*every* problem with its line number (the header is line 1) — a missing column, an empty
field, an amount or date that does not read, a period that ends before it starts, a net
above the gross, a devis account the chart does not have — so that nothing is imported
from a file with any error.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final, Protocol

from regie.core.errors import ParseError
from regie.core.text import Text, t
from regie.finance.actuals import PayrollEntry

MAX_ERRORS: Final = 100
# field → the header names that mean it (compared without case, accents, spaces, _ and -)
HEADERS: Final[dict[str, tuple[str, ...]]] = {
    "person": ("nom", "salarie", "personne", "person", "name", "employee", "salarienom"),
    "period_start": (
        "debut",
        "periodedebut",
        "datedebut",
        "debutperiode",
        "periodstart",
        "start",
        "from",
    ),
    "period_end": ("fin", "periodefin", "datefin", "finperiode", "periodend", "end", "to"),
    "gross": ("brut", "salairebrut", "gross", "grosspay"),
    "employer_charges": (
        "chargespatronales",
        "charges",
        "employercharges",
        "employercontributions",
        "cotisationspatronales",
    ),
    "net": ("net", "netapayer", "netpaye", "netpay"),
    "devis_account": ("comptedevis", "poste", "postedevis", "compte", "devisaccount", "account"),
    "charges_account": ("comptecharges", "postecharges", "chargesaccount"),
}
REQUIRED: Final = (
    "person",
    "period_start",
    "period_end",
    "gross",
    "employer_charges",
    "net",
    "devis_account",
)
_DATE_FR: Final = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


class _Problem(Protocol):
    """Records one problem of a row."""

    def __call__(self, line: int, message: Text, column: str | None = None) -> None: ...


@dataclass(frozen=True, slots=True)
class PayrollIssue:
    line: int
    message: Text
    column: str | None = None


@dataclass(frozen=True, slots=True)
class PayrollFile:
    file: str
    encoding: str  # "UTF-8" or "Windows-1252"
    separator: str
    entries: tuple[PayrollEntry, ...]

    @property
    def gross(self) -> Decimal:
        return sum((e.gross for e in self.entries), Decimal("0.00"))

    @property
    def employer_charges(self) -> Decimal:
        return sum((e.employer_charges for e in self.entries), Decimal("0.00"))

    @property
    def net(self) -> Decimal:
        return sum((e.net for e in self.entries), Decimal("0.00"))


class PayrollCsvError(ParseError):
    """A payroll file that cannot be imported; ``issues`` holds its problems in line order."""

    def __init__(self, file: str, issues: tuple[PayrollIssue, ...], count: int) -> None:
        self.issues = issues
        self.count = count
        first = issues[0]
        super().__init__(
            t(
                "the payroll file has {count} error(s), the first: {first}; nothing was imported",
                count=count,
                first=first.message,
            ),
            file=file,
            line=first.line,
            hint=t("Fix the lines listed (the header is line 1) and import the file again"),
        )


def _key(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[\s_\-'’.()]+", "", plain)


def _decode(data: bytes, file: str) -> tuple[str, str]:
    if not data.strip():
        raise ParseError(t("the file is empty"), file=file, hint=t("Export the payroll again"))
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ParseError(
            t(
                "byte {byte} at offset {offset} is not text",
                byte=f"0x{data[exc.start]:02X}",
                offset=exc.start,
            ),
            file=file,
            line=line,
            hint=t("Save the file as CSV UTF-8 from the spreadsheet"),
        ) from None


def amount(raw: str) -> Decimal:
    """``"1 234,56"``, ``"1234.56"``, ``"-12"`` as a Decimal; ``ValueError`` otherwise."""
    text = raw.strip().replace("€", "").replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not text or ("," in text and "." in text) or text.count(",") > 1:
        raise ValueError(raw)
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise ValueError(raw) from None
    if not value.is_finite():
        raise ValueError(raw)
    return value


def day(raw: str) -> dt.date:
    """``AAAA-MM-JJ`` or ``JJ/MM/AAAA``; ``ValueError`` otherwise."""
    text = raw.strip()
    match = _DATE_FR.fullmatch(text)
    if match:
        return dt.date(int(match[3]), int(match[2]), int(match[1]))
    return dt.date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else _bad(raw)


def _bad(raw: str) -> dt.date:
    raise ValueError(raw)


def _columns(header: list[str], file: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _key(name)
        for field, names in HEADERS.items():
            if key in names and field not in found:
                found[field] = index
                break
    missing = [f for f in REQUIRED if f not in found]
    if missing:
        raise ParseError(
            t("the header has no column for {fields}", fields=", ".join(missing)),
            file=file,
            line=1,
            hint=t(
                "Name the columns, e.g. {example}",
                example="Nom;Début;Fin;Brut;Charges patronales;Net;Compte devis",
            ),
        )
    return found


def read_payroll_csv(
    data: bytes, *, filename: str, accounts: Iterable[str] | None = None
) -> PayrollFile:
    """The entries of a clean payroll file; :class:`PayrollCsvError` listing every problem
    (or a ``ParseError`` for an unreadable file or header) otherwise. ``accounts``: the devis
    accounts a row may name (all, when ``None``)."""
    text, encoding = _decode(data, filename)
    first_line = text.splitlines()[0] if text.splitlines() else ""
    separator = ";" if ";" in first_line else ","
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        header = next(rows)
    except StopIteration:
        raise ParseError(t("the file is empty"), file=filename) from None
    columns = _columns(header, filename)
    known = frozenset(accounts) if accounts is not None else None
    issues: list[PayrollIssue] = []
    count = 0
    entries: list[PayrollEntry] = []

    def problem(line: int, message: Text, column: str | None = None) -> None:
        nonlocal count
        count += 1
        if len(issues) < MAX_ERRORS:
            issues.append(PayrollIssue(line, message, column))

    for row in rows:
        line = rows.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            problem(
                line,
                t(
                    "the row has {found} fields, the header {expected}",
                    found=len(row),
                    expected=len(header),
                ),
            )
            continue
        values = {field: row[index].strip() for field, index in columns.items()}
        entry = _entry(values, line, known, problem)
        if entry is not None:
            entries.append(entry)
    if count:
        raise PayrollCsvError(filename, tuple(issues), count)
    if not entries:
        raise ParseError(
            t("the payroll file has no row"), file=filename, hint=t("Export the pay period again")
        )
    return PayrollFile(filename, encoding, separator, tuple(entries))


def _entry(
    values: dict[str, str],
    line: int,
    known: frozenset[str] | None,
    problem: _Problem,
) -> PayrollEntry | None:
    failed = False
    for field in REQUIRED:
        if not values.get(field):
            problem(line, t("{column} is empty", column=field), field)
            failed = True
    if failed:
        return None
    numbers: dict[str, Decimal] = {}
    for field in ("gross", "employer_charges", "net"):
        try:
            numbers[field] = amount(values[field])
        except ValueError:
            problem(line, t("'{value}' is not an amount", value=values[field]), field)
            failed = True
            continue
        if numbers[field] < 0:
            problem(
                line, t("{column} is negative ({value})", column=field, value=values[field]), field
            )
            failed = True
    dates: dict[str, dt.date] = {}
    for field in ("period_start", "period_end"):
        try:
            dates[field] = day(values[field])
        except ValueError:
            problem(
                line,
                t("'{value}' is not a date (AAAA-MM-JJ or JJ/MM/AAAA)", value=values[field]),
                field,
            )
            failed = True
    if len(dates) == 2 and dates["period_end"] < dates["period_start"]:
        problem(line, t("the period ends before it starts"), "period_end")
        failed = True
    if len(numbers) == 3 and numbers["net"] > numbers["gross"]:
        problem(
            line,
            t(
                "the net ({net}) is above the gross ({gross})",
                net=values["net"],
                gross=values["gross"],
            ),
            "net",
        )
        failed = True
    charges_account = values.get("charges_account") or None
    for field, code in (
        ("devis_account", values["devis_account"]),
        ("charges_account", charges_account),
    ):
        if code is not None and known is not None and code not in known:
            problem(line, t("'{account}' is not an account of the devis", account=code), field)
            failed = True
    if failed:
        return None
    return PayrollEntry(
        person=" ".join(values["person"].split()),
        period_start=dates["period_start"],
        period_end=dates["period_end"],
        gross=numbers["gross"],
        employer_charges=numbers["employer_charges"],
        net=numbers["net"],
        devis_account=values["devis_account"],
        charges_account=charges_account,
        line=line,
    )
