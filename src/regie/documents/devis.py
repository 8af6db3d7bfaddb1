# SPDX-License-Identifier: AGPL-3.0-or-later
"""The devis (production budget in the CNC layout): XLSX, HTML/PDF, CSV and JSON.

Every format prints a computed :class:`~regie.budget.model.Devis` (the figures come from
:mod:`regie.budget.compute`; nothing is added up here except what the layout needs to
show): the nine chapters, each with its accounts, each account with its lines, an account
sub-total and a chapter sub-total; then "Total chapitres 1 à 9", the add-ons (frais
généraux, imprévus…) with their rate and base, and the grand total.

* **XLSX** (:func:`devis_xlsx`): sheet "Devis" with a title block (rows 1–4), the header
  row (row 6, :data:`COLUMNS`) and the body; figures are numeric cells with euro formats,
  written as *values*, never formulas, so any reader (openpyxl with or without
  ``data_only``, a script, a viewer that does not compute) sees them. Line rows repeat
  their account code in column A, which is what :mod:`regie.formats.devis_xlsx` reads
  back; heading rows carry no figure, sub-total rows start with "Total". A second sheet,
  "Synthèse", is the top sheet (chapters and add-ons).
* **PDF** (:func:`devis_pdf`): the template ``devis/document.html`` (A4 landscape): the
  top sheet, then the detail chapter by chapter; ``devis/report.html`` is the fragment a
  web page can embed.
* **CSV** (:func:`devis_csv`): one row per line, for a spreadsheet.
* **JSON** (:func:`devis_json`): the whole devis with money as decimal strings.

Chapter, account and add-on titles are the chart's (French); in English the chart's
``title_en`` is used where it has one.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

from babel import numbers
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from regie.budget.model import (
    AccountTotal,
    AddOnTotal,
    ChapterTotal,
    Devis,
    LineTotal,
    Place,
)
from regie.core.production import Production
from regie.core.text import Gettext
from regie.documents.i18n import format_date, format_number, normalize_locale
from regie.documents.pdf import html_to_pdf
from regie.documents.templating import N_, gettext_for, kind_label, render

__all__ = [
    "COLUMNS",
    "PLACE_LABELS",
    "DevisView",
    "devis_csv",
    "devis_html",
    "devis_json",
    "devis_pdf",
    "devis_view",
    "devis_xlsx",
]

CENT: Final = Decimal("0.01")

PLACE_LABELS: Final[dict[Place, str]] = {
    Place.REGION: N_("Region"),
    Place.FRANCE: N_("France"),
    Place.EU: N_("European Union"),
    Place.ELSEWHERE: N_("Outside the EU"),
}

# The columns of the "Devis" sheet: (key, header msgid, width). The header names are the
# ones regie.formats.devis_xlsx recognises (French and English).
COLUMNS: Final[tuple[tuple[str, str, float], ...]] = (
    ("account", N_("Account"), 9),
    ("description", N_("Description"), 46),
    ("quantity", N_("Quantity"), 10),
    ("unit", N_("Unit"), 11),
    ("rate", N_("Rate"), 14),
    ("multiplier", N_("Multiplier"), 13),
    ("amount", N_("Amount"), 16),
    ("fringes", N_("Fringes"), 14),
    ("place", N_("Place"), 15),
    ("tax_credit", N_("Tax credit"), 10),
    ("fringe_group", N_("Fringe group"), 18),
    ("note", N_("Note"), 28),
    ("origin", N_("Origin"), 28),
    ("id", N_("Ref."), 8),
)
COLUMN: Final = {key: index for index, (key, _title, _width) in enumerate(COLUMNS, start=1)}
HEADER_ROW: Final = 6

HEADER_FILL: Final = "FFD9D9D9"
CHAPTER_FILL: Final = "FFDDEBF7"  # chapter heading and sub-total (light blue)
TOTAL_FILL: Final = "FFFFE699"  # chapters 1–9 and the grand total (amber)


def money(value: Decimal) -> Decimal:
    """A euro amount to the cent, half up (the rounding of regie.budget.compute)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _money_str(value: Decimal) -> str:
    return str(money(value))


def _chapter_title(chapter: ChapterTotal, language: str) -> str:
    english = chapter.chapter.title_en if language == "en" else None
    return english or chapter.chapter.title


def _account_title(account: AccountTotal, language: str) -> str:
    english = account.account.title_en if language == "en" else None
    return english or account.account.title


def _addon_title(addon: AddOnTotal, language: str) -> str:
    english = addon.addon.title_en if language == "en" else None
    return english or addon.addon.title


# --- The view the templates print -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LineView:
    code: str
    description: str
    quantity: str
    unit: str
    rate: str
    multiplier: str
    amount: str
    fringes: str  # "" when the line pays none
    place: str
    tax_credit: bool
    note: str
    origin: str


@dataclass(frozen=True, slots=True)
class AccountView:
    code: str
    title: str
    lines: tuple[LineView, ...]
    charges: str  # employer contributions booked on this account, "" when none
    total: str
    empty: bool  # no line and no charges: printed as one row


@dataclass(frozen=True, slots=True)
class ChapterView:
    number: int
    title: str
    accounts: tuple[AccountView, ...]
    total: str
    share: str  # of chapters 1–9


@dataclass(frozen=True, slots=True)
class AddOnView:
    title: str
    rate: str
    base: str
    amount: str


@dataclass(frozen=True, slots=True)
class DevisView:
    kind: str  # the production's kind, worded
    chart_title: str
    chart_ref: str
    version: str | None
    date: str | None
    chapters: tuple[ChapterView, ...]
    lines_total: str
    fringes_total: str
    chapters_total: str
    addons: tuple[AddOnView, ...]
    total: str
    currency: str


def _formatters(language: str, currency: str) -> tuple[Callable[[Decimal], str], ...]:
    def cash(value: Decimal) -> str:
        return numbers.format_currency(money(value), currency, locale=language)

    def plain(value: Decimal) -> str:
        return format_number(value, language)

    def percent(value: Decimal) -> str:
        return numbers.format_percent(value, locale=language, decimal_quantization=False)

    return cash, plain, percent


def devis_view(
    devis: Devis,
    production: Production,
    *,
    locale: str = "fr",
    version: str | None = None,
    date: dt.date | None = None,
) -> DevisView:
    """The devis worded and formatted in ``locale`` for the templates."""
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    cash, plain, percent = _formatters(language, devis.budget.currency)

    def line_view(item: LineTotal) -> LineView:
        line = item.line
        return LineView(
            code=line.account,
            description=line.description,
            quantity=plain(line.quantity),
            unit=line.unit,
            rate=cash(line.rate),
            multiplier=plain(line.multiplier),
            amount=cash(item.gross),
            fringes=cash(item.fringe_total) if item.fringe_total else "",
            place=_(PLACE_LABELS[line.place]),
            tax_credit=line.tax_credit,
            note=line.note,
            origin=line.origin or "",
        )

    def account_view(account: AccountTotal) -> AccountView:
        return AccountView(
            code=account.account.code,
            title=_account_title(account, language),
            lines=tuple(line_view(item) for item in account.lines),
            charges=cash(account.charges) if account.charges else "",
            total=cash(account.total),
            empty=not account.lines and not account.charges,
        )

    share = percent if devis.chapters_total else (lambda _value: "")
    return DevisView(
        kind=kind_label(production, language),
        chart_title=devis.budget.chart.title,
        chart_ref=devis.budget.chart.ref,
        version=version,
        date=format_date(date, language) if date else None,
        chapters=tuple(
            ChapterView(
                number=chapter.chapter.number,
                title=_chapter_title(chapter, language),
                accounts=tuple(account_view(a) for a in chapter.accounts),
                total=cash(chapter.total),
                share=share(
                    (chapter.total / devis.chapters_total).quantize(Decimal("0.0001"))
                    if devis.chapters_total
                    else Decimal(0)
                ),
            )
            for chapter in devis.chapters
        ),
        lines_total=cash(devis.lines_total),
        fringes_total=cash(devis.fringes_total),
        chapters_total=cash(devis.chapters_total),
        addons=tuple(
            AddOnView(_addon_title(a, language), percent(a.rate), cash(a.base), cash(a.amount))
            for a in devis.addons
        ),
        total=cash(devis.total),
        currency=devis.budget.currency,
    )


def devis_html(
    devis: Devis,
    production: Production,
    *,
    locale: str = "fr",
    fragment: bool = False,
    version: str | None = None,
    date: dt.date | None = None,
) -> str:
    """The devis as HTML: ``fragment=True`` gives the ``<article>`` a web page embeds,
    else the standalone document :func:`devis_pdf` prints."""
    template = "devis/report.html" if fragment else "devis/document.html"
    view = devis_view(devis, production, locale=locale, version=version, date=date)
    return render(template, locale, view=view, production=production)


def devis_pdf(
    devis: Devis,
    production: Production,
    *,
    locale: str = "fr",
    version: str | None = None,
    date: dt.date | None = None,
) -> bytes:
    """The devis as an A4 landscape PDF: top sheet, then the detail by chapter."""
    return html_to_pdf(devis_html(devis, production, locale=locale, version=version, date=date))


# --- XLSX --------------------------------------------------------------------------------


def _fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


@dataclass(frozen=True, slots=True)
class _Formats:
    money: str
    percent: str


def _formats(language: str, currency: str) -> _Formats:
    symbol = "€" if currency == "EUR" else currency
    if language == "fr":
        return _Formats(f'#,##0.00 "{symbol}";-#,##0.00 "{symbol}"', "0.00 %")
    return _Formats(f'"{symbol}"#,##0.00;-"{symbol}"#,##0.00', "0.00%")


class _Sheet:
    """Writes the "Devis" sheet row by row."""

    def __init__(self, sheet: Any, formats: _Formats, _: Gettext, language: str) -> None:
        self.sheet = sheet
        self.formats = formats
        self._ = _
        self.language = language
        self.row = HEADER_ROW

    def cell(self, key: str, value: object, *, money_format: bool = False) -> Any:
        cell = self.sheet.cell(row=self.row, column=COLUMN[key], value=value)
        if money_format:
            cell.number_format = self.formats.money
        return cell

    def style_row(
        self,
        *,
        bold: bool = False,
        italic: bool = False,
        fill: str | None = None,
        top_border: bool = False,
    ) -> None:
        side = Side(style="thin", color="FF000000")
        for column in range(1, len(COLUMNS) + 1):
            cell = self.sheet.cell(row=self.row, column=column)
            if bold or italic:
                cell.font = Font(bold=bold, italic=italic)
            if fill:
                cell.fill = _fill(fill)
            if top_border:
                cell.border = Border(top=side)

    def header(self) -> None:
        for column, (_key, title, width) in enumerate(COLUMNS, start=1):
            cell = self.sheet.cell(row=HEADER_ROW, column=column, value=self._(title))
            cell.font = Font(bold=True)
            cell.fill = _fill(HEADER_FILL)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            self.sheet.column_dimensions[get_column_letter(column)].width = width

    def line(self, item: LineTotal) -> None:
        self.row += 1
        line = item.line
        self.cell("account", line.account)
        self.cell("description", line.description)
        self.cell("quantity", line.quantity)
        self.cell("unit", line.unit)
        self.cell("rate", line.rate, money_format=True)
        self.cell("multiplier", line.multiplier)
        self.cell("amount", item.gross, money_format=True)
        if item.fringe_total or line.fringe_group:
            self.cell("fringes", item.fringe_total, money_format=True)
        self.cell("place", self._(PLACE_LABELS[line.place]))
        self.cell("tax_credit", self._("yes") if line.tax_credit else self._("no"))
        self.cell("fringe_group", line.fringe_group)
        self.cell("note", line.note or None)
        self.cell("origin", line.origin)
        self.cell("id", line.id)

    def account(self, account: AccountTotal) -> None:
        code, title = account.account.code, _account_title(account, self.language)
        self.row += 1
        self.cell("account", code)
        self.cell("description", title)
        self.style_row(bold=True)
        for item in account.lines:
            self.line(item)
        if account.charges:
            self.row += 1
            self.cell("account", code)
            self.cell("description", self._("Employer contributions"))
            self.cell("amount", account.charges, money_format=True)
            self.style_row(italic=True)
        self.row += 1
        label = self._("Total account %(code)s — %(title)s") % {"code": code, "title": title}
        self.cell("description", label)
        self.cell("amount", account.total, money_format=True)
        self.style_row(bold=True)

    def chapter(self, chapter: ChapterTotal) -> None:
        title = _chapter_title(chapter, self.language)
        self.row += 1
        self.cell("account", str(chapter.chapter.number))
        self.cell("description", title.upper())
        self.style_row(bold=True, fill=CHAPTER_FILL)
        for account in chapter.accounts:
            self.account(account)
        self.row += 1
        number = chapter.chapter.number
        label = self._("Total chapter %(number)s — %(title)s") % {"number": number, "title": title}
        self.cell("description", label)
        self.cell("amount", chapter.total, money_format=True)
        self.style_row(bold=True, fill=CHAPTER_FILL, top_border=True)

    def totals(self, devis: Devis) -> None:
        self.row += 2
        self.cell("description", self._("Total chapters 1 to 9"))
        self.cell("amount", devis.chapters_total, money_format=True)
        self.style_row(bold=True, fill=TOTAL_FILL, top_border=True)
        for addon in devis.addons:
            self.row += 1
            self.cell("description", _addon_title(addon, self.language))
            self.cell("quantity", addon.base, money_format=True)
            self.cell("rate", addon.rate).number_format = self.formats.percent
            self.cell("amount", addon.amount, money_format=True)
        self.row += 1
        self.cell("description", self._("Total").upper())
        self.cell("amount", devis.total, money_format=True)
        self.style_row(bold=True, fill=TOTAL_FILL, top_border=True)


def _title_block(
    sheet: Any,
    devis: Devis,
    production: Production,
    _: Gettext,
    *,
    language: str,
    version: str | None,
    date: dt.date | None,
) -> None:
    sheet.cell(row=1, column=1, value=production.title).font = Font(bold=True, size=14)
    subtitle = f"{_('Budget')} — {kind_label(production, language)}"
    sheet.cell(row=2, column=1, value=subtitle).font = Font(bold=True)
    stamp = [devis.budget.chart.title, devis.budget.chart.ref]
    if version:
        stamp.append(_("Version %(version)s") % {"version": version})
    if date:
        stamp.append(format_date(date, language))
    sheet.cell(row=3, column=1, value=" — ".join(stamp))
    currency = devis.budget.currency
    note = _("Amounts in %(currency)s, excluding taxes") % {"currency": currency}
    sheet.cell(row=4, column=1, value=note).font = Font(italic=True)


def _summary(book: Any, devis: Devis, formats: _Formats, language: str, _: Gettext) -> None:
    """The "Synthèse" sheet: chapters, chapters 1–9, add-ons (base, rate), total."""
    sheet = book.create_sheet(_("Top sheet"))
    titles = (_("Chapter"), _("Title"), _("Base"), _("Rate"), _("Amount"))
    for column, (title, width) in enumerate(zip(titles, (10, 44, 16, 10, 16), strict=True), 1):
        cell = sheet.cell(row=1, column=column, value=title)
        cell.font = Font(bold=True)
        cell.fill = _fill(HEADER_FILL)
        sheet.column_dimensions[get_column_letter(column)].width = width
    row = 1
    for chapter in devis.chapters:
        row += 1
        sheet.cell(row=row, column=1, value=chapter.chapter.number)
        sheet.cell(row=row, column=2, value=_chapter_title(chapter, language))
        sheet.cell(row=row, column=5, value=chapter.total).number_format = formats.money
    row += 1
    sheet.cell(row=row, column=2, value=_("Total chapters 1 to 9")).font = Font(bold=True)
    cell = sheet.cell(row=row, column=5, value=devis.chapters_total)
    cell.number_format, cell.font = formats.money, Font(bold=True)
    for addon in devis.addons:
        row += 1
        sheet.cell(row=row, column=2, value=_addon_title(addon, language))
        sheet.cell(row=row, column=3, value=addon.base).number_format = formats.money
        sheet.cell(row=row, column=4, value=addon.rate).number_format = formats.percent
        sheet.cell(row=row, column=5, value=addon.amount).number_format = formats.money
    row += 1
    sheet.cell(row=row, column=2, value=_("Total").upper()).font = Font(bold=True)
    cell = sheet.cell(row=row, column=5, value=devis.total)
    cell.number_format, cell.font = formats.money, Font(bold=True)
    sheet.freeze_panes = "A2"
    _print_setup(sheet, portrait=True)


def _print_setup(sheet: Any, *, portrait: bool = False) -> None:
    sheet.page_setup.orientation = "portrait" if portrait else "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as needed
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True


def devis_xlsx(
    devis: Devis,
    production: Production,
    *,
    locale: str = "fr",
    version: str | None = None,
    date: dt.date | None = None,
) -> bytes:
    """The devis as an ``.xlsx`` workbook in the CNC layout.

    Sheet "Devis" / "Budget": rows 1–4 the title block (production, kind, chart and
    version, currency), row 6 the column titles (:data:`COLUMNS`), then per chapter a
    heading row (number, title), per account a heading row (code, title), its lines (code
    repeated in column A), the employer contributions booked on it (chapter 4), an account
    sub-total, and a chapter sub-total; then "Total chapitres 1 à 9", one row per add-on
    (base in the quantity column, rate as a percentage in the rate column, amount) and the
    grand total. Every figure is a numeric cell (``Decimal`` written as is) with a euro or
    percent format; no formula. Panes are frozen below the header, right of the
    description; A4 landscape, fitted to the page width, header row repeated on every
    page. Sheet "Synthèse" / "Top sheet": the chapters and add-ons.
    """
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    formats = _formats(language, devis.budget.currency)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Budget")
    _title_block(sheet, devis, production, _, language=language, version=version, date=date)
    writer = _Sheet(sheet, formats, _, language)
    writer.header()
    for chapter in devis.chapters:
        writer.chapter(chapter)
    writer.totals(devis)
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _print_setup(sheet)
    _summary(book, devis, formats, language, _)
    book.properties.title = f"{production.title} — {_('Budget')}"
    book.properties.creator = "regie"
    book.properties.language = language
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- CSV and JSON ------------------------------------------------------------------------


def devis_csv(devis: Devis, *, locale: str = "fr") -> bytes:
    """One row per line, UTF-8 with a byte-order mark, headers in the locale.

    French: semicolon-separated with decimal commas, which is what Excel and LibreOffice
    expect on a French system (the comma is the decimal separator there, so the list
    separator is ";"); English: comma-separated with decimal points (RFC 4180). The BOM
    makes Excel read the file as UTF-8 (without it, Excel uses the legacy code page and
    breaks the accents); LibreOffice and Python's ``utf-8-sig`` skip it. Numbers carry no
    thousands separator so spreadsheets read them as numbers. CRLF line ends; fields with
    the separator, quotes or line breaks are quoted.

    Columns: chapter, account, description, quantity, unit, rate, multiplier, amount (gross),
    fringes (employer contributions of the line), place, tax credit (yes/no), origin.
    """
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    french = language == "fr"

    def number(value: Decimal) -> str:
        text = str(value)
        return text.replace(".", ",") if french else text

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if french else ",", lineterminator="\r\n")
    writer.writerow(
        [
            _("Chapter"),
            _("Account"),
            _("Description"),
            _("Quantity"),
            _("Unit"),
            _("Rate"),
            _("Multiplier"),
            _("Amount"),
            _("Fringes"),
            _("Place"),
            _("Tax credit"),
            _("Origin"),
        ]
    )
    for chapter in devis.chapters:
        for account in chapter.accounts:
            for item in account.lines:
                line = item.line
                writer.writerow(
                    [
                        chapter.chapter.number,
                        line.account,
                        line.description,
                        number(line.quantity),
                        line.unit,
                        number(money(line.rate)),
                        number(line.multiplier),
                        number(money(item.gross)),
                        number(money(item.fringe_total)),
                        _(PLACE_LABELS[line.place]),
                        _("yes") if line.tax_credit else _("no"),
                        line.origin or "",
                    ]
                )
    return buffer.getvalue().encode("utf-8-sig")


def _line_json(item: LineTotal) -> dict[str, object]:
    line = item.line
    return {
        "id": line.id,
        "account": line.account,
        "description": line.description,
        "quantity": str(line.quantity),
        "unit": line.unit,
        "rate": str(line.rate),
        "multiplier": str(line.multiplier),
        "amount": _money_str(item.gross),
        "fringes": _money_str(item.fringe_total),
        "fringe_details": [
            {"key": fringe.key, "rate": str(fringe.rate), "amount": _money_str(amount)}
            for fringe, amount in item.fringes
        ],
        "fringe_group": line.fringe_group,
        "place": line.place.value,
        "tax_credit": line.tax_credit,
        "note": line.note,
        "origin": line.origin,
    }


def devis_json(devis: Devis) -> dict[str, object]:
    """The devis as JSON-ready data; money as decimal strings to the cent (``"1234.50"``),
    rates and quantities as the decimal strings they are (``"0.07"``, ``"2.5"``), never
    floats. Titles are the chart's (French)."""
    return {
        "chart": devis.budget.chart.ref,
        "currency": devis.budget.currency,
        "chapters": [
            {
                "number": chapter.chapter.number,
                "title": chapter.chapter.title,
                "total": _money_str(chapter.total),
                "accounts": [
                    {
                        "code": account.account.code,
                        "title": account.account.title,
                        "gross": _money_str(account.gross),
                        "charges": _money_str(account.charges),
                        "total": _money_str(account.total),
                        "lines": [_line_json(item) for item in account.lines],
                    }
                    for account in chapter.accounts
                ],
            }
            for chapter in devis.chapters
        ],
        "lines_total": _money_str(devis.lines_total),
        "fringes_total": _money_str(devis.fringes_total),
        "chapters_total": _money_str(devis.chapters_total),
        "addons": [
            {
                "key": addon.addon.key,
                "title": addon.addon.title,
                "rate": str(addon.rate),
                "base": _money_str(addon.base),
                "amount": _money_str(addon.amount),
            }
            for addon in devis.addons
        ],
        "total": _money_str(devis.total),
    }
