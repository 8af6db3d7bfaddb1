# SPDX-License-Identifier: AGPL-3.0-or-later
"""The day-out-of-days report (DOOD, présence des comédiens): HTML, PDF and XLSX.

A grid as production offices print it: one column per shoot day (day number, weekday
abbreviation and date in the document's locale, night days marked), one row per cast
member with the codes of :mod:`regie.schedule.dood` (SW, W, WF, SWF, H, D, PW), then the
row's totals: working, holding and dropped days, paid days (work + hold), first and last
working day. A legend of the codes closes the report.

The rows come from :func:`regie.schedule.dood.day_out_of_days` (this module only prints
them); cast members are numbered in row order, which is the numbering of the shooting
schedule (:func:`regie.documents.schedule.cast_numbers`) when the rows come from the same
board. Code cells are coloured by family (work, hold, drop) with classes in the HTML and
fills in the workbook. The PDF is A4 landscape and prints ``days_per_page`` day columns
per table, the totals beside the last one; the web fragment shows all the days in one
table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any, Final

from babel import dates
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from regie.core.production import Production
from regie.core.text import Gettext
from regie.documents.i18n import normalize_locale
from regie.documents.pdf import html_to_pdf
from regie.documents.templating import N_, gettext_for, kind_label, render
from regie.schedule.dood import DoodCode, DoodRow
from regie.schedule.model import Board, DayKind

__all__ = [
    "CODE_FAMILIES",
    "DAYS_PER_PAGE",
    "FAMILY_FILLS",
    "LEGEND",
    "DayColumn",
    "DoodLine",
    "DoodView",
    "dood_html",
    "dood_pdf",
    "dood_view",
    "dood_xlsx",
]

DAYS_PER_PAGE: Final = 20  # day columns that fit an A4 landscape page beside the totals

CODE_FAMILIES: Final[dict[DoodCode, str]] = {
    DoodCode.START: "work",
    DoodCode.WORK: "work",
    DoodCode.FINISH: "work",
    DoodCode.START_FINISH: "work",
    DoodCode.PICKUP: "work",
    DoodCode.HOLD: "hold",
    DoodCode.DROP: "drop",
    DoodCode.NONE: "",
}
# ARGB fills of the workbook; documents.css gives the same colours to .code-<family>.
FAMILY_FILLS: Final[dict[str, str]] = {
    "work": "FFC6E0B4",  # green: on set
    "hold": "FFFFE699",  # amber: paid, waiting
    "drop": "FFD9D9D9",  # grey: released
}
NIGHT_FILL: Final = "FF1F3864"  # header of a night day (white text)
HEADER_FILL: Final = "FFD9D9D9"

LEGEND: Final[tuple[tuple[DoodCode, str], ...]] = (
    (DoodCode.START, N_("Start work: first working day")),
    (DoodCode.WORK, N_("Work")),
    (DoodCode.FINISH, N_("Work finish: last working day")),
    (DoodCode.START_FINISH, N_("Start, work and finish on the same day")),
    (DoodCode.HOLD, N_("Hold: paid, not working")),
    (DoodCode.DROP, N_("Drop: released, not paid")),
    (DoodCode.PICKUP, N_("Pick-up work: back after a drop")),
)


@dataclass(frozen=True, slots=True)
class DayColumn:
    """A shoot day as the grid's header prints it."""

    index: int  # board position, 0-based
    number: int  # shoot day number, 1-based
    date: dt.date
    weekday: str  # "lun." / "Mon"
    short_date: str  # "01/03" / "3/1"
    night: bool


@dataclass(frozen=True, slots=True)
class CodeCell:
    code: str  # "" on a day the member is not engaged
    family: str  # "work", "hold", "drop" or ""


@dataclass(frozen=True, slots=True)
class DoodLine:
    """One cast member's row with its totals (dates already worded)."""

    number: int
    name: str
    cells: tuple[CodeCell, ...]  # one per shoot day
    work: int
    hold: int
    drop: int
    paid: int
    first: str  # short date of the first working day, "" if none
    last: str
    first_date: dt.date | None
    last_date: dt.date | None


@dataclass(frozen=True, slots=True)
class DoodPage:
    """The day columns printed in one table; ``start`` is their offset in ``cells``."""

    columns: tuple[DayColumn, ...]
    start: int
    last: bool


@dataclass(frozen=True, slots=True)
class DoodView:
    columns: tuple[DayColumn, ...]
    lines: tuple[DoodLine, ...]
    pages: tuple[DoodPage, ...]
    legend: tuple[tuple[str, str, str], ...]  # (code, family, meaning in the locale)
    kind: str  # the production's kind, worded
    first_date: dt.date | None
    last_date: dt.date | None


def day_columns(board: Board, locale: str) -> tuple[DayColumn, ...]:
    language = normalize_locale(locale)
    return tuple(
        DayColumn(
            index=day.index,
            number=day.index + 1,
            date=day.date,
            weekday=dates.format_date(day.date, "EEE", locale=language),
            short_date=dates.format_skeleton("dMM", day.date, locale=language),
            night=day.kind is DayKind.NIGHT,
        )
        for day in board.days
    )


def _line(number: int, row: DoodRow, columns: tuple[DayColumn, ...]) -> DoodLine:
    first, last = row.first_day, row.last_day
    first_column = columns[first] if first is not None and first < len(columns) else None
    last_column = columns[last] if last is not None and last < len(columns) else None
    return DoodLine(
        number=number,
        name=row.name,
        cells=tuple(CodeCell(c.value, CODE_FAMILIES[c]) for c in row.codes),
        work=row.work_days,
        hold=row.hold_days,
        drop=row.drop_days,
        paid=row.paid_days,
        first=first_column.short_date if first_column else "",
        last=last_column.short_date if last_column else "",
        first_date=first_column.date if first_column else None,
        last_date=last_column.date if last_column else None,
    )


def dood_view(
    rows: Sequence[DoodRow],
    board: Board,
    production: Production,
    *,
    locale: str = "fr",
    days_per_page: int | None = None,
) -> DoodView:
    """The grid in the locale; ``days_per_page=None`` puts every day in one table."""
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    columns = day_columns(board, language)
    size = len(columns) if days_per_page is None else max(1, days_per_page)
    starts = range(0, len(columns), size) if columns else range(1)
    pages = tuple(
        DoodPage(columns[start : start + size], start, start + size >= len(columns))
        for start in starts
    )
    return DoodView(
        columns=columns,
        lines=tuple(_line(n, row, columns) for n, row in enumerate(rows, start=1)),
        pages=pages,
        legend=tuple((code.value, CODE_FAMILIES[code], _(meaning)) for code, meaning in LEGEND),
        kind=kind_label(production, language),
        first_date=columns[0].date if columns else None,
        last_date=columns[-1].date if columns else None,
    )


def dood_html(
    rows: Sequence[DoodRow],
    board: Board,
    production: Production,
    *,
    locale: str = "fr",
    fragment: bool = False,
    days_per_page: int = DAYS_PER_PAGE,
) -> str:
    """The DOOD as HTML: ``fragment=True`` gives the ``<article>`` the web page embeds (all
    the days in one table), else the standalone document :func:`dood_pdf` prints (tables
    of ``days_per_page`` days)."""
    template = "dood/report.html" if fragment else "dood/document.html"
    view = dood_view(
        rows, board, production, locale=locale, days_per_page=None if fragment else days_per_page
    )
    return render(template, locale, view=view, production=production)


def dood_pdf(
    rows: Sequence[DoodRow],
    board: Board,
    production: Production,
    *,
    locale: str = "fr",
    days_per_page: int = DAYS_PER_PAGE,
) -> bytes:
    """The DOOD as an A4 landscape PDF."""
    return html_to_pdf(
        dood_html(rows, board, production, locale=locale, days_per_page=days_per_page)
    )


def _fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def _header(cell: Any, *, night: bool = False) -> None:
    cell.font = Font(bold=True, color="FFFFFFFF" if night else None)
    cell.fill = _fill(NIGHT_FILL if night else HEADER_FILL)
    cell.alignment = Alignment(horizontal="center", vertical="center")


FIRST_DAY_COLUMN: Final = 3  # columns A and B hold the cast number and name
FIRST_CAST_ROW: Final = 6


def _write_days(grid: Any, view: DoodView, date_format: str, _: Gettext) -> None:
    """Rows 1–4: shoot day number, weekday, date, night mark; row labels in column B."""
    labels = (_("Shoot day"), _("Day of week"), _("Date"), _("Night"))
    for row, label in enumerate(labels, start=1):
        _header(grid.cell(row=row, column=2, value=label))
    for offset, day in enumerate(view.columns):
        column = FIRST_DAY_COLUMN + offset
        values: tuple[object, ...] = (
            day.number,
            day.weekday,
            day.date,
            _("N") if day.night else None,
        )
        for row, value in enumerate(values, start=1):
            cell = grid.cell(row=row, column=column, value=value)
            _header(cell, night=day.night)
            if isinstance(value, dt.date):
                cell.number_format = date_format
        grid.column_dimensions[get_column_letter(column)].width = 6


def _write_lines(grid: Any, view: DoodView, date_format: str, _: Gettext) -> None:
    """Row 5: column titles; then one row per cast member, codes filled by family."""
    totals_column = FIRST_DAY_COLUMN + len(view.columns)
    titles = (
        _("No."),
        _("Cast member"),
        *([None] * len(view.columns)),
        _("Work"),
        _("Hold"),
        _("Drop"),
        _("Paid days"),
        _("Start"),
        _("Finish"),
    )
    for column, title in enumerate(titles, start=1):
        _header(grid.cell(row=FIRST_CAST_ROW - 1, column=column, value=title))
    for row, line in enumerate(view.lines, start=FIRST_CAST_ROW):
        grid.cell(row=row, column=1, value=line.number)
        grid.cell(row=row, column=2, value=line.name).font = Font(bold=True)
        for offset, code in enumerate(line.cells):
            cell = grid.cell(row=row, column=FIRST_DAY_COLUMN + offset, value=code.code or None)
            cell.alignment = Alignment(horizontal="center")
            if code.family:
                cell.fill = _fill(FAMILY_FILLS[code.family])
        totals: tuple[object, ...] = (
            line.work,
            line.hold,
            line.drop,
            line.paid,
            line.first_date,
            line.last_date,
        )
        for offset, value in enumerate(totals):
            cell = grid.cell(row=row, column=totals_column + offset, value=value)
            if isinstance(value, dt.date):
                cell.number_format = date_format
    for offset, width in enumerate((8, 8, 8, 10, 9, 9)):
        grid.column_dimensions[get_column_letter(totals_column + offset)].width = width


def _write_legend(legend: Any, view: DoodView, _: Gettext) -> None:
    for column, title in enumerate((_("Code"), _("Meaning")), start=1):
        _header(legend.cell(row=1, column=column, value=title))
    for row, (code, family, meaning) in enumerate(view.legend, start=2):
        legend.cell(row=row, column=1, value=code).fill = _fill(FAMILY_FILLS[family])
        legend.cell(row=row, column=2, value=meaning)
    night_row = len(view.legend) + 2
    _header(legend.cell(row=night_row, column=1, value=_("N")), night=True)
    legend.cell(row=night_row, column=2, value=_("Night shoot day"))
    legend.column_dimensions["A"].width = 8
    legend.column_dimensions["B"].width = 48


def dood_xlsx(
    rows: Sequence[DoodRow], board: Board, production: Production, *, locale: str = "fr"
) -> bytes:
    """The DOOD as an ``.xlsx`` workbook: the grid (sheet "Présence des comédiens (DOOD)" /
    "Day out of days") and a "Légende" / "Legend" sheet.

    Grid: rows 1–4 are the day headers (shoot day number, weekday, date as an Excel date,
    ``N`` on night days, dark fill), row 5 the column titles, one row per cast member from
    row 6; columns A–B hold the cast number and name, then one column per day, then the
    totals (work, hold, drop, paid days as numbers, start and finish as dates). Panes are
    frozen at C6. Code cells are filled by family (:data:`FAMILY_FILLS`).
    """
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    view = dood_view(rows, board, production, locale=language)
    date_format = "DD/MM" if language == "fr" else "M/D"
    book = Workbook()
    grid = book.active
    grid.title = _("Day out of days")
    _write_days(grid, view, date_format, _)
    _write_lines(grid, view, date_format, _)
    grid.column_dimensions["A"].width = 5
    grid.column_dimensions["B"].width = 26
    grid.freeze_panes = f"{get_column_letter(FIRST_DAY_COLUMN)}{FIRST_CAST_ROW}"
    grid.page_setup.orientation = "landscape"
    grid.page_setup.paperSize = grid.PAPERSIZE_A4
    _write_legend(book.create_sheet(_("Legend")), view, _)
    book.properties.title = f"{production.title} — {_('Day out of days')}"
    book.properties.creator = "regie"
    book.properties.language = language
    out = BytesIO()
    book.save(out)
    return out.getvalue()
