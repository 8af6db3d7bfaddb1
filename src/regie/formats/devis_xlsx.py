# SPDX-License-Identifier: AGPL-3.0-or-later
"""A devis read back from an ``.xlsx`` workbook: the lines, and a report of what was read.

The workbook may be one regie wrote (:func:`regie.documents.devis.devis_xlsx`) or a
spreadsheet in a similar layout: a **header row** (within the first 50 rows of a sheet)
naming at least the account, the description and the amount or rate columns, in French or
English (``Compte``/``Account``, ``Libellé``/``Intitulé``/``Description``,
``Quantité``/``Nombre``/``Quantity``, ``Unité``/``Unit``, ``Taux``/``Tarif``/``Rate``,
``Multiplicateur``/``×``/``Multiplier``, ``Montant``/``Amount``… see :data:`HEADERS`).
Every sheet with such a header is read, below it:

* a **line** is a row with a figure (quantity, rate or amount), an account code of the
  chart (the row's own, or the one of the account heading row above it: a code and a
  title and no figure, as the CNC form prints accounts) and a description;
* a row whose description or code starts with "Total" / "Sous-total" is a **total**: its
  amount is compared with the sum recomputed from the lines read (account, chapter,
  chapters 1–9, grand total);
* a row titled like one of the chart's add-ons (frais généraux…) is an **add-on** and one
  titled "Charges patronales" / "Employer contributions" on a chart account holds the
  employer contributions booked there: both are reported and counted in the totals;
* any other row with a figure is **not mapped** and the report says why (no code, an
  account code the chart does not have, no description); rows without a figure are
  headings or blank and are passed over.

Errors that make the file unusable raise :class:`~regie.core.errors.ParseError` naming the
file, the row and the cell (``Devis!E12``): not an XLSX, no header row, a text where a
number must be, an unknown place or tax-credit value.

Money is never a float here. openpyxl returns numeric cells as ``float`` (or ``int``):
each is turned into a ``Decimal`` through ``repr`` (the shortest text that reads back as
the same float, ``0.1`` → ``"0.1"``, never ``0.1000000000000000055…``), then money (rates,
amounts) is quantized to the cent, half up, which also removes the noise of a computed
cell (``0.30000000000000004`` → ``0.30``); quantities and multipliers are kept to six
decimals. Text cells holding numbers (``"1 234,50 €"``, ``"1,234.50"``) are read too.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from io import BytesIO
from typing import Any, Final

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from regie.budget.model import BudgetLine, Chart, Place
from regie.core.errors import ParseError
from regie.core.text import Text, t

__all__ = [
    "HEADERS",
    "DevisImport",
    "MappedRow",
    "SkipReason",
    "SkippedRow",
    "TotalCheck",
    "read_devis_xlsx",
]

MAX_DEVIS_BYTES: Final = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES: Final = 200 * 1024 * 1024  # refuses a zip bomb before openpyxl
HEADER_SCAN_ROWS: Final = 50
CENT: Final = Decimal("0.01")
SIX_PLACES: Final = Decimal("0.000001")

# Normalised header names (lower case, no accents, no punctuation; see _key) → field.
HEADERS: Final[dict[str, str]] = {
    **dict.fromkeys(
        (
            "compte",
            "n compte",
            "no compte",
            "n de compte",
            "numero de compte",
            "code",
            "code compte",
            "poste",
            "account",
            "account code",
            "acct",
        ),
        "account",
    ),
    **dict.fromkeys(
        ("libelle", "intitule", "designation", "description", "detail", "item"),
        "description",
    ),
    **dict.fromkeys(("quantite", "qte", "nombre", "nb", "quantity", "qty"), "quantity"),
    **dict.fromkeys(("unite", "unit", "units"), "unit"),
    **dict.fromkeys(
        (
            "taux",
            "tarif",
            "prix unitaire",
            "pu",
            "cout unitaire",
            "rate",
            "unit rate",
            "unit price",
            "unit cost",
        ),
        "rate",
    ),
    **dict.fromkeys(
        ("multiplicateur", "x", "×", "coef", "coefficient", "multiplier", "mult"), "multiplier"
    ),
    **dict.fromkeys(
        ("montant", "montant brut", "total", "total ht", "montant ht", "amount", "gross"),
        "amount",
    ),
    **dict.fromkeys(
        (
            "charges",
            "charges sociales",
            "charges patronales",
            "fringes",
            "fringe",
            "employer contributions",
        ),
        "fringes",
    ),
    **dict.fromkeys(("lieu", "lieu de depense", "territoire", "place", "location"), "place"),
    **dict.fromkeys(
        ("credit d impot", "credit impot", "ci", "eligible ci", "tax credit"), "tax_credit"
    ),
    **dict.fromkeys(
        ("regime de charges", "groupe de charges", "fringe group", "contract"), "fringe_group"
    ),
    **dict.fromkeys(("note", "notes", "commentaire", "commentaires", "comment"), "note"),
    **dict.fromkeys(("origine", "origin", "source"), "origin"),
    **dict.fromkeys(("ref", "reference", "id", "line", "ligne"), "id"),
}
NUMERIC: Final = ("quantity", "rate", "multiplier", "amount", "fringes")
PLACES: Final[dict[str, Place]] = {
    **dict.fromkeys(("region", "regional", "en region"), Place.REGION),
    **dict.fromkeys(("france", "fr", "national"), Place.FRANCE),
    **dict.fromkeys(
        ("eu", "ue", "union europeenne", "european union", "europe", "eee", "eea"), Place.EU
    ),
    **dict.fromkeys(
        ("elsewhere", "hors ue", "outside the eu", "etranger", "abroad", "monde"),
        Place.ELSEWHERE,
    ),
}
YES: Final = frozenset({"yes", "oui", "y", "o", "x", "1", "true", "vrai"})
NO: Final = frozenset({"no", "non", "n", "0", "false", "faux", "-"})
CHARGES_LABELS: Final = ("charges patronales", "charges sociales", "employer contributions")

_TOTAL: Final = re.compile(r"^(sous ?total|sub ?total|total)\b")
_ACCOUNT_TOTAL: Final = re.compile(r"\btotal (?:du |de |d )?(?:compte|account|cpte) (\d+)")
_CHAPTER_TOTAL: Final = re.compile(r"\btotal (?:du |de |d )?(?:chapitre|chapter|chap) (\d)\b")
_CHAPTERS_TOTAL: Final = re.compile(r"\btotal (?:des )?(?:chapitres|chapters)\b")
_GRAND_TOTAL: Final = frozenset(
    {
        "total",
        "total general",
        "grand total",
        "total du devis",
        "total devis",
        "total budget",
        "budget total",
        "total ht",
        "total general ht",
        "total du budget",
    }
)


def _key(value: object) -> str:
    """``"Crédit d’impôt"`` → ``"credit d impot"``: lower case, accents and punctuation
    removed, parenthesised units dropped (``"Montant (€)"`` → ``"montant"``)."""
    text = re.sub(r"\(.*?\)", " ", str(value))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^\w×]+", " ", text)
    return " ".join(text.split())


class SkipReason(StrEnum):
    NO_CODE = "no_code"  # figures and a description but no account code
    UNKNOWN_ACCOUNT = "unknown_account"  # a code the chart does not have
    NO_DESCRIPTION = "no_description"  # an account code and figures, no description
    TOTAL = "total"  # a sub-total or total row (checked in DevisImport.totals)
    ADDON = "addon"  # an add-on of the chart (frais généraux…), in the totals
    FRINGES = "fringes"  # employer contributions booked on an account, in the totals


@dataclass(frozen=True, slots=True)
class MappedRow:
    """A row read as a line: where it was and what it became."""

    sheet: str
    row: int
    account: str
    line_id: str
    amount: Decimal  # quantity × rate × multiplier, to the cent (half up)
    amount_found: Decimal | None  # the file's amount cell, when it has one
    inherited: bool = False  # the account code came from the heading row above

    @property
    def amount_matches(self) -> bool:
        return self.amount_found is None or self.amount_found == self.amount


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row with figures that is not a line, and why."""

    sheet: str
    row: int
    reason: SkipReason
    code: str | None
    description: str
    amount: Decimal | None

    @property
    def why(self) -> Text:
        match self.reason:
            case SkipReason.NO_CODE:
                return t("no account code")
            case SkipReason.UNKNOWN_ACCOUNT:
                return t("account '{code}' is not in the chart", code=self.code or "")
            case SkipReason.NO_DESCRIPTION:
                return t("no description")
            case SkipReason.ADDON:
                return t("an add-on, computed on top of the chapters")
            case SkipReason.FRINGES:
                return t("employer contributions, computed from the lines")
            case _:
                return t("a total row")


@dataclass(frozen=True, slots=True)
class TotalCheck:
    """A total found in the file beside the sum of what was read under it.

    ``scope``: ``"account"`` (``key`` = code), ``"chapter"`` (``key`` = number),
    ``"chapters"`` (1 to 9), ``"total"`` (chapters + add-ons read) or ``"other"`` (a total
    regie cannot place; ``recomputed`` is ``None``)."""

    sheet: str
    row: int
    label: str
    scope: str
    key: str | None
    found: Decimal
    recomputed: Decimal | None

    @property
    def matches(self) -> bool | None:
        return None if self.recomputed is None else self.found == self.recomputed


@dataclass(frozen=True, slots=True)
class DevisImport:
    source: str
    chart: str  # the chart's ref
    lines: tuple[BudgetLine, ...]
    mapped: tuple[MappedRow, ...]
    skipped: tuple[SkippedRow, ...]
    totals: tuple[TotalCheck, ...]
    sheets: tuple[str, ...]  # the sheets read (those with a header row)

    @property
    def lines_total(self) -> Decimal:
        return sum((row.amount for row in self.mapped), Decimal(0))

    @property
    def mismatches(self) -> tuple[TotalCheck, ...]:
        return tuple(check for check in self.totals if check.matches is False)


# --- Cells -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Cells:
    """One row of a sheet, by field, with what is needed to name a cell."""

    sheet: str
    row: int
    values: dict[str, object]
    columns: dict[str, int]
    filename: str

    def text(self, field: str) -> str:
        value = self.values.get(field)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()

    def where(self, field: str) -> str:
        return f"{_sheet_ref(self.sheet)}!{get_column_letter(self.columns[field])}{self.row}"

    def number(self, field: str) -> Decimal | None:
        value = self.values.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        number = _to_decimal(value)
        if number is None:
            raise ParseError(
                t("{cell}: '{value}' is not a number", cell=self.where(field), value=value),
                file=self.filename,
                line=self.row,
                hint=t("Write a number in this cell, or leave it empty"),
            )
        return number


def _sheet_ref(name: str) -> str:
    """A sheet's name as a formula writes it: ``Devis``, ``'Mon devis'``, ``'L''an 2'``."""
    if re.fullmatch(r"[^\W\d]\w*", name):
        return name
    return "'" + name.replace("'", "''") + "'"


def _to_decimal(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None
    if isinstance(value, str):
        return _text_number(value)
    return None


def _text_number(text: str) -> Decimal | None:
    """``"1 234,50 €"``, ``"1,234.50"``, ``"12.5"``, ``"-3"`` → Decimal; else ``None``."""
    cleaned = re.sub(r"[\s\u00a0\u202f€$£]|EUR", "", text.strip())
    if "," in cleaned and "." in cleaned:
        if cleaned.rfind(",") > cleaned.rfind("."):  # 1.234,50
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:  # 1,234.50
            cleaned = cleaned.replace(",", "")
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"[-+]?\d+(\.\d+)?", cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern above only lets numbers in
        return None


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _count(value: Decimal) -> Decimal:
    return value.quantize(SIX_PLACES, rounding=ROUND_HALF_UP).normalize()


# --- The workbook ------------------------------------------------------------------------


def _open(data: bytes, filename: str) -> Any:
    hint = t("Export the devis as an Excel workbook (.xlsx) and import that file")
    if not data:
        raise ParseError(t("the file is empty"), file=filename, hint=hint)
    if len(data) > MAX_DEVIS_BYTES:
        raise ParseError(
            t(
                "the file is {size} MB, more than the {limit} MB a devis workbook can be",
                size=round(len(data) / 1048576, 1),
                limit=MAX_DEVIS_BYTES // 1048576,
            ),
            file=filename,
            hint=hint,
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ParseError(
            t("this is an old Excel workbook (.xls), not an .xlsx one"),
            file=filename,
            hint=t("Open it in Excel or LibreOffice and save it as .xlsx"),
        )
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            size = sum(info.file_size for info in archive.infolist())
            is_workbook = "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        raise ParseError(t("this is not an XLSX workbook"), file=filename, hint=hint) from None
    if not is_workbook:
        raise ParseError(t("this archive is not an XLSX workbook"), file=filename, hint=hint)
    if size > MAX_UNCOMPRESSED_BYTES:
        raise ParseError(
            t(
                "the workbook unpacks to more than {limit} MB",
                limit=MAX_UNCOMPRESSED_BYTES // 1048576,
            ),
            file=filename,
            hint=hint,
        )
    try:
        return load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        raise ParseError(
            t("the workbook cannot be read: {reason}", reason=str(exc) or type(exc).__name__),
            file=filename,
            hint=hint,
        ) from None


def _find_header(rows: Sequence[tuple[object, ...]]) -> tuple[int, dict[str, int]] | None:
    """(row index in ``rows``, {field: 1-based column}) of the first header row."""
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns: dict[str, int] = {}
        for column, value in enumerate(row, start=1):
            if isinstance(value, str) and value.strip():
                field = HEADERS.get(_key(value))
                if field and field not in columns:
                    columns[field] = column
        if {"account", "description"} <= columns.keys() and (
            "amount" in columns or "rate" in columns
        ):
            return index, columns
    return None


def _sheet_rows(sheet: Any) -> list[tuple[object, ...]]:
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def read_devis_xlsx(data: bytes, filename: str, chart: Chart) -> DevisImport:
    """The lines of the devis workbook ``data`` on ``chart``, with the report of what was
    mapped, skipped and totalled. Raises :class:`ParseError` when the file is not an XLSX,
    has no devis header row, or holds a value that cannot be read (naming the cell)."""
    book = _open(data, filename)
    reader = _Reader(filename, chart)
    try:
        for sheet in book.worksheets:
            rows = _sheet_rows(sheet)
            header = _find_header(rows)
            if header is None:
                continue
            start, columns = header
            reader.sheets.append(sheet.title)
            reader.read_sheet(sheet.title, rows, start, columns)
    finally:
        book.close()
    if not reader.sheets:
        raise ParseError(
            t("no sheet of this workbook has a devis header row"),
            file=filename,
            hint=t(
                "Name the columns of the header row: Compte, Libellé, Quantité, Unité, "
                "Taux, Multiplicateur, Montant (or Account, Description, Quantity, Unit, "
                "Rate, Multiplier, Amount), or export the devis from regie"
            ),
        )
    return reader.result()


# --- Rows --------------------------------------------------------------------------------


class _Reader:
    def __init__(self, filename: str, chart: Chart) -> None:
        self.filename = filename
        self.chart = chart
        self.sheets: list[str] = []
        self.lines: list[BudgetLine] = []
        self.mapped: list[MappedRow] = []
        self.skipped: list[SkippedRow] = []
        self.totals: list[tuple[_Cells, str, str, str | None, Decimal]] = []
        self.charges: dict[str, Decimal] = {}
        self.addons = Decimal(0)
        self.addon_titles = {
            _key(title): addon.key
            for addon in chart.addons
            for title in (addon.title, addon.title_en)
            if title
        }
        self.ids: set[str] = set()

    def read_sheet(
        self, sheet: str, rows: Sequence[tuple[object, ...]], start: int, columns: dict[str, int]
    ) -> None:
        heading: str | None = None  # the account of the last account heading row
        for index in range(start + 1, len(rows)):
            row = rows[index]
            values = {f: row[c - 1] if c - 1 < len(row) else None for f, c in columns.items()}
            cells = _Cells(sheet, index + 1, values, columns, self.filename)
            heading = self.read_row(cells, heading)

    def _code(self, text: str) -> str | None:
        """The chart's account for a code cell (``"21"``, ``21``, ``"21.0"``, ``"2 1"``)."""
        if not text:
            return None
        for candidate in (text, re.sub(r"[\s.\-]", "", text)):
            if self.chart.account(candidate) is not None:
                return candidate
        return None

    def read_row(self, cells: _Cells, heading: str | None) -> str | None:
        """Reads one row; returns the account a following row without code falls under."""
        code_text, description = cells.text("account"), cells.text("description")
        if HEADERS.get(_key(description)) == "description":
            return None  # the header row repeated (a printed page's titles)
        figures: dict[str, Decimal | None] = {
            f: cells.number(f) for f in NUMERIC if f in cells.columns
        }
        label = _key(description or code_text)
        if _TOTAL.match(label):
            amount = figures.get("amount")
            if amount is not None:
                self.total(cells, description or code_text, label, _money(amount))
            return None
        if all(value is None for value in figures.values()):
            code = self._code(code_text)  # an account heading (code, title) or a layout row
            return code if code is not None else (heading if not code_text else None)
        code = self._code(code_text)
        amount = figures.get("amount")
        if code is not None and label.startswith(CHARGES_LABELS):
            self.skip(cells, SkipReason.FRINGES, code, description, amount)
            self.charges[code] = self.charges.get(code, Decimal(0)) + _money(amount or Decimal(0))
            return heading
        if not code_text and label in self.addon_titles:
            self.skip(cells, SkipReason.ADDON, None, description, amount)
            self.addons += _money(amount or Decimal(0))
            return None
        if code_text and code is None:
            self.skip(cells, SkipReason.UNKNOWN_ACCOUNT, code_text, description, amount)
            return heading
        inherited = code is None
        code = code or heading
        if code is None:
            self.skip(cells, SkipReason.NO_CODE, None, description, amount)
        elif not description:
            self.skip(cells, SkipReason.NO_DESCRIPTION, code, description, amount)
        else:
            self.line(cells, code, description, figures, inherited=inherited)
        return heading

    def skip(
        self,
        cells: _Cells,
        reason: SkipReason,
        code: str | None,
        description: str,
        amount: Decimal | None,
    ) -> None:
        found = _money(amount) if amount is not None else None
        self.skipped.append(SkippedRow(cells.sheet, cells.row, reason, code, description, found))

    def total(self, cells: _Cells, text: str, label: str, amount: Decimal) -> None:
        scope, key = "other", None
        if match := _ACCOUNT_TOTAL.search(label):
            scope, key = "account", self._code(match.group(1)) or match.group(1)
        elif match := _CHAPTER_TOTAL.search(label):
            scope, key = "chapter", match.group(1)
        elif _CHAPTERS_TOTAL.search(label):
            scope = "chapters"
        elif label in _GRAND_TOTAL:
            scope = "total"
        self.totals.append((cells, text, scope, key, amount))
        self.skipped.append(
            SkippedRow(cells.sheet, cells.row, SkipReason.TOTAL, None, text, amount)
        )

    def line(
        self,
        cells: _Cells,
        code: str,
        description: str,
        figures: dict[str, Decimal | None],
        *,
        inherited: bool,
    ) -> None:
        quantity, rate = figures.get("quantity"), figures.get("rate")
        multiplier, amount = figures.get("multiplier"), figures.get("amount")
        if rate is None:  # a lump sum: the amount is the rate of one unit
            count = (quantity or Decimal(1)) * (multiplier or Decimal(1))
            rate = (amount or Decimal(0)) / count if count else Decimal(0)
        line_id = self._line_id(cells.text("id"))
        line = BudgetLine(
            id=line_id,
            account=code,
            description=description,
            quantity=_count(quantity if quantity is not None else Decimal(1)),
            unit=cells.text("unit"),
            rate=_money(rate),
            multiplier=_count(multiplier if multiplier is not None else Decimal(1)),
            fringe_group=cells.text("fringe_group") or None,
            place=self._place(cells),
            tax_credit=self._tax_credit(cells),
            note=cells.text("note"),
            origin=cells.text("origin") or None,
        )
        gross = _money(line.quantity * line.rate * line.multiplier)
        found = _money(amount) if amount is not None else None
        self.lines.append(line)
        self.mapped.append(
            MappedRow(cells.sheet, cells.row, code, line_id, gross, found, inherited)
        )

    def _line_id(self, given: str) -> str:
        line_id = given
        number = len(self.lines) + 1
        while not line_id or line_id in self.ids:
            line_id, number = f"L{number:04d}", number + 1
        self.ids.add(line_id)
        return line_id

    def _place(self, cells: _Cells) -> Place:
        text = cells.text("place")
        if not text:
            return Place.FRANCE
        place = PLACES.get(_key(text))
        if place is None:
            try:
                place = Place(text)
            except ValueError:
                raise ParseError(
                    t(
                        "{cell}: '{value}' is not a place of spending",
                        cell=cells.where("place"),
                        value=text,
                    ),
                    file=self.filename,
                    line=cells.row,
                    hint=t(
                        "Write Région, France, UE or Hors UE (Region, France, EU, Outside the EU)"
                    ),
                ) from None
        return place

    def _tax_credit(self, cells: _Cells) -> bool:
        value = cells.values.get("tax_credit")
        if value is None or value == "":
            return True
        if isinstance(value, bool):
            return value
        text = _key(cells.text("tax_credit"))
        if text in YES:
            return True
        if text in NO:
            return False
        raise ParseError(
            t(
                "{cell}: '{value}' is neither yes nor no",
                cell=cells.where("tax_credit"),
                value=value,
            ),
            file=self.filename,
            line=cells.row,
            hint=t("Write oui or non (yes or no)"),
        )

    def _under(self, scope: str, key: str | None) -> Decimal:
        """The sum read (lines' amounts and booked contributions) under a total."""

        def belongs(code: str) -> bool:
            if scope == "account":
                return code == key
            if scope == "chapter":
                account = self.chart.account(code)
                return account is not None and str(account.chapter) == key
            return True

        lines = sum((r.amount for r in self.mapped if belongs(r.account)), Decimal(0))
        charges = sum((v for c, v in self.charges.items() if belongs(c)), Decimal(0))
        return lines + charges

    def _checks(self) -> Iterator[TotalCheck]:
        for cells, text, scope, key, found in self.totals:
            recomputed: Decimal | None = None
            if scope in ("account", "chapter", "chapters"):
                recomputed = self._under(scope, key)
            elif scope == "total":
                recomputed = self._under(scope, key) + self.addons
            yield TotalCheck(cells.sheet, cells.row, text, scope, key, found, recomputed)

    def result(self) -> DevisImport:
        return DevisImport(
            source=self.filename,
            chart=self.chart.ref,
            lines=tuple(self.lines),
            mapped=tuple(self.mapped),
            skipped=tuple(self.skipped),
            totals=tuple(self._checks()),
            sheets=tuple(self.sheets),
        )
