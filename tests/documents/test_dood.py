# SPDX-License-Identifier: AGPL-3.0-or-later
"""The day-out-of-days report read back: the PDF's tables with pdfplumber, the workbook
with openpyxl, the HTML against golden files (``REGIE_UPDATE_GOLDENS=1`` rewrites them)."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from openpyxl import load_workbook

from regie.documents.dood import DAYS_PER_PAGE, FAMILY_FILLS, dood_html, dood_pdf, dood_xlsx
from regie.schedule.dood import DoodRow, day_out_of_days
from regie.schedule.model import (
    Board,
    CastSpec,
    DayKind,
    ShootDay,
    ShootingProblem,
    StripSpec,
)
from tests.documents.golden import assert_golden
from tests.documents.samples import PRODUCTION
from tests.schedule.boards import board, problem

D, N = DayKind.DAY, DayKind.NIGHT
CSS = Path(__file__).resolve().parents[2] / "src/regie/documents/templates/documents.css"

# The lead's sample: Lucie holds on the night day 2, Noé works one day.
SMALL_BOARD = board((D, ("1", "3", "4")), (N, ("2",)), (D, ("5",)), (D, ()))
SMALL_ROWS = day_out_of_days(problem(), SMALL_BOARD)


def long_board() -> tuple[ShootingProblem, Board]:
    """30 weekdays from Monday 1 March 2027, nights on days 5 and 20. Anna works every
    day; Bruno days 1 and 12 (a drop with drop_after=5); Chloé days 3 and 5 (one hold);
    Denis day 25 only."""
    dates: list[dt.date] = []
    day = dt.date(2027, 3, 1)
    while len(dates) < 30:
        if day.weekday() < 5:
            dates.append(day)
        day += dt.timedelta(days=1)
    cast_of = {1: ("anna", "bruno"), 3: ("anna", "chloe"), 5: ("anna", "chloe")}
    cast_of |= {12: ("anna", "bruno"), 25: ("anna", "denis")}
    strips = tuple(
        StripSpec(str(n), str(n), "INT. BUREAU - JOUR", 60, cast=cast_of.get(n, ("anna",)))
        for n in range(1, 31)
    )
    cast = tuple(CastSpec(k, k.capitalize()) for k in ("anna", "bruno", "chloe", "denis"))
    nights = {5, 20}
    days = tuple(
        ShootDay(n - 1, dates[n - 1], N if n in nights else D, (str(n),)) for n in range(1, 31)
    )
    return ShootingProblem(strips, cast, (), tuple(dates)), Board(days)


def pdf_tables(pdf: bytes) -> list[tuple[int, float, float, list[list[str | None]]]]:
    """(page number, width, height, table) for every table of every page."""
    out = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            for table in page.extract_tables():
                if len(table[0]) == 1:
                    continue  # the legend's code boxes, not a grid
                out.append((number, page.width, page.height, table))
    return out


def pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def test_pdf_grid_in_french() -> None:
    pdf = dood_pdf(SMALL_ROWS, SMALL_BOARD, PRODUCTION)
    tables = pdf_tables(pdf)
    _page, width, height, grid = tables[0]
    assert width > height  # A4 landscape
    assert grid == [
        ["Jour de tournage", None, "1", "2", "3", "4",
         "Travail", "Attente", "Libéré", "Jours payés", "Début", "Fin"],
        ["Jour de la semaine", None, "lun.", "mar.", "mer.", "jeu.", *[None] * 6],
        ["Date", None, "01/03", "02/03", "03/03", "04/03", *[None] * 6],
        ["Nuit", None, "", "N", "", "", *[None] * 6],
        ["1", "Hélène", "SWF", "", "", "", "1", "0", "0", "1", "01/03", "01/03"],
        ["2", "Jérôme", "SW", "WF", "", "", "2", "0", "0", "2", "01/03", "02/03"],
        ["3", "Lucie", "SW", "H", "WF", "", "2", "1", "0", "3", "01/03", "03/03"],
        ["4", "Noé", "", "", "SWF", "", "1", "0", "0", "1", "03/03", "03/03"],
    ]  # fmt: skip
    text = pdf_text(pdf)
    for expected in (
        "Présence des comédiens (DOOD)",
        "La Clef du Quai — Fiction télévisée",
        "Du lundi 1 mars 2027 au jeudi 4 mars 2027 — 4 jours de tournage, 4 comédiens",
        "Légende",
        "Début (start) : premier jour de travail",  # pdfplumber reads the no-break space
        "Attente (hold) : payé sans tourner",  # as a space
        "Jour de tournage de nuit",
        "page 1 / 1",
    ):
        assert expected in text, expected


def test_pdf_in_english() -> None:
    pdf = dood_pdf(SMALL_ROWS, SMALL_BOARD, PRODUCTION, locale="en")
    grid = pdf_tables(pdf)[0][3]
    assert grid[0][:6] == ["Shoot day", None, "1", "2", "3", "4"]
    assert grid[0][6:] == ["Work", "Hold", "Drop", "Paid days", "Start", "Finish"]
    assert grid[1][2:6] == ["Mon", "Tue", "Wed", "Thu"]
    assert grid[2][2:6] == ["3/1", "3/2", "3/3", "3/4"]
    assert grid[6] == ["3", "Lucie", "SW", "H", "WF", "", "2", "1", "0", "3", "3/1", "3/3"]
    text = pdf_text(pdf)
    for expected in (
        "Day out of days",
        "From Monday, March 1, 2027 to Thursday, March 4, 2027 — 4 shoot days, 4 cast members",
        "Start work: first working day",
        "Drop: released, not paid",
        "Night shoot day",
    ):
        assert expected in text, expected


def test_long_board_prints_groups_of_days_with_totals_on_the_last() -> None:
    shoot, plan = long_board()
    rows = day_out_of_days(shoot, plan, drop_after=5)
    tables = pdf_tables(dood_pdf(rows, plan, PRODUCTION))
    assert [(page, len(table[0])) for page, _w, _h, table in tables] == [
        (1, 2 + 20),  # days 1–20, no totals
        (2, 2 + 10 + 6),  # days 21–30 and the six totals
    ]
    first, second = tables[0][3], tables[1][3]
    assert first[0][2:] == [str(n) for n in range(1, 21)]
    assert second[0][2:12] == [str(n) for n in range(21, 31)]
    assert [row[1] for row in first[4:]] == ["Anna", "Bruno", "Chloe", "Denis"]
    assert [row[1] for row in second[4:]] == ["Anna", "Bruno", "Chloe", "Denis"]
    # night days 5 and 20 are marked
    assert [i + 1 for i, mark in enumerate(first[3][2:]) if mark == "N"] == [5, 20]
    bruno = first[5][2:]
    assert bruno[:13] == ["SW", *["D"] * 10, "PW", ""]
    assert second[5][12:] == ["2", "0", "10", "2", "01/03", "16/03"]
    chloe = first[6][2:7]
    assert chloe == ["", "", "SW", "H", "WF"]
    denis = second[7]
    assert denis[2:12] == ["", "", "", "", "SWF", "", "", "", "", ""]
    assert denis[12:] == ["1", "0", "0", "1", "02/04", "02/04"]  # day 25 is Friday 2 April
    anna = second[4][12:]
    assert anna == ["30", "0", "0", "30", "01/03", "09/04"]


def test_a_full_page_of_days_fits_a_long_name_and_the_totals() -> None:
    shoot, plan = long_board()
    long_name = "Marie-Christine de La Tour-Dupin d'Auvergne"
    shoot = replace(shoot, cast=(replace(shoot.cast[0], name=long_name), *shoot.cast[1:]))
    plan = Board(plan.days[:DAYS_PER_PAGE])
    pdf = dood_pdf(day_out_of_days(shoot, plan), plan, PRODUCTION)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) == 1
        page = document.pages[0]
        right_margin = 10 / 25.4 * 72  # 10 mm
        assert max(rect["x1"] for rect in page.rects) <= page.width - right_margin + 0.5
    grid = pdf_tables(pdf)[0][3]
    assert grid[4][1] == "Marie-Christine de La\nTour-Dupin d'Auvergne"
    assert grid[0][-6:] == ["Travail", "Attente", "Libéré", "Jours\npayés", "Début", "Fin"]


def test_fragment_holds_all_days_in_one_table() -> None:
    shoot, plan = long_board()
    html = dood_html(day_out_of_days(shoot, plan), plan, PRODUCTION, fragment=True)
    assert html.startswith('<article class="regie-document dood">')
    assert "<html" not in html
    assert html.count('<table class="dood-grid">') == 1
    assert html.count('<th class="day">') + html.count('<th class="day night">') == 30 * 4
    assert not re.search(r"\sstyle=", html)  # the web CSP refuses inline styles


def test_workbook_grid_fills_and_totals() -> None:
    shoot, plan = long_board()
    rows = day_out_of_days(shoot, plan, drop_after=5)
    book = load_workbook(io.BytesIO(dood_xlsx(rows, plan, PRODUCTION)))
    assert book.sheetnames == ["Présence des comédiens (DOOD)", "Légende"]
    grid = book["Présence des comédiens (DOOD)"]
    assert grid.freeze_panes == "C6"
    assert [grid.cell(row=r, column=2).value for r in range(1, 6)] == [
        "Jour de tournage", "Jour de la semaine", "Date", "Nuit", "Comédien",
    ]  # fmt: skip
    assert [grid.cell(row=1, column=c).value for c in range(3, 33)] == list(range(1, 31))
    assert grid.cell(row=2, column=3).value == "lun."
    assert grid.cell(row=3, column=3).value.date() == dt.date(2027, 3, 1)  # read as datetime
    assert grid.cell(row=3, column=3).number_format == "DD/MM"
    assert [c for c in range(3, 33) if grid.cell(row=4, column=c).value == "N"] == [7, 22]
    assert grid.cell(row=1, column=7).fill.start_color.rgb == "FF1F3864"  # night day 5
    totals = [grid.cell(row=5, column=c).value for c in range(33, 39)]
    assert totals == ["Travail", "Attente", "Libéré", "Jours payés", "Début", "Fin"]
    for offset, row in enumerate(rows):
        line = 6 + offset
        assert grid.cell(row=line, column=1).value == offset + 1
        assert grid.cell(row=line, column=2).value == row.name
        codes = tuple(grid.cell(row=line, column=c).value or "" for c in range(3, 33))
        assert codes == tuple(code.value for code in row.codes)
    bruno = [grid.cell(row=7, column=c) for c in range(3, 15)]
    assert [c.fill.start_color.rgb for c in bruno[:3]] == [
        FAMILY_FILLS["work"], FAMILY_FILLS["drop"], FAMILY_FILLS["drop"],
    ]  # fmt: skip
    assert bruno[11].value == "PW"
    assert bruno[11].fill.start_color.rgb == FAMILY_FILLS["work"]
    bruno_totals = [grid.cell(row=7, column=c).value for c in range(33, 39)]
    assert bruno_totals[:4] == [2, 0, 10, 2]
    assert [v.date() for v in bruno_totals[4:]] == [dt.date(2027, 3, 1), dt.date(2027, 3, 16)]
    chloe_hold = grid.cell(row=8, column=6)
    assert (chloe_hold.value, chloe_hold.fill.start_color.rgb) == ("H", FAMILY_FILLS["hold"])
    legend = book["Légende"]
    assert [legend.cell(row=r, column=1).value for r in range(1, 10)] == [
        "Code", "SW", "W", "WF", "SWF", "H", "D", "PW", "N",
    ]  # fmt: skip
    assert legend.cell(row=6, column=2).value == "Attente (hold)\u00a0: payé sans tourner"
    assert legend.cell(row=7, column=1).fill.start_color.rgb == FAMILY_FILLS["drop"]


def test_workbook_in_english() -> None:
    book = load_workbook(io.BytesIO(dood_xlsx(SMALL_ROWS, SMALL_BOARD, PRODUCTION, locale="en")))
    assert book.sheetnames == ["Day out of days", "Legend"]
    grid = book["Day out of days"]
    assert grid.cell(row=3, column=3).number_format == "M/D"
    lucie = [grid.cell(row=8, column=c).value for c in range(1, 7)]
    assert lucie == [3, "Lucie", "SW", "H", "WF", None]


def test_css_colours_match_the_workbook_fills() -> None:
    css = CSS.read_text(encoding="utf-8")
    for family, argb in FAMILY_FILLS.items():
        assert f".dood .code-{family} {{ background: #{argb[2:].lower()}; }}" in css


def test_names_are_escaped_and_empty_boards_print() -> None:
    rows = (DoodRow("x", "<b>Zoé</b>", SMALL_ROWS[0].codes),)
    html = dood_html(rows, SMALL_BOARD, PRODUCTION, fragment=True)
    assert "<b>Zoé" not in html
    assert "&lt;b&gt;Zoé&lt;/b&gt;" in html
    empty = dood_html((), Board(()), PRODUCTION, locale="en")
    assert "No cast member works on this board." in empty
    assert pdf_text(dood_pdf((), Board(()), PRODUCTION)).count("Aucun comédien") == 1


@pytest.mark.parametrize(
    ("name", "locale", "fragment"),
    [("dood.fr.html", "fr", False), ("dood.en.fragment.html", "en", True)],
)
def test_html_golden(name: str, locale: str, fragment: bool) -> None:
    html = dood_html(SMALL_ROWS, SMALL_BOARD, PRODUCTION, locale=locale, fragment=fragment)
    assert_golden(name, html)
