# SPDX-License-Identifier: AGPL-3.0-or-later
"""The devis documents read back: the workbook with openpyxl, the PDF with pdfplumber, the
CSV with the csv module, the JSON as data.

French labels are compared through the ``documents`` catalog (``fr(msgid)``) so the tests
hold before and after the new strings are translated; English labels are literal.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from openpyxl import load_workbook

from regie.budget.model import Devis
from regie.documents.devis import (
    COLUMNS,
    HEADER_ROW,
    devis_csv,
    devis_html,
    devis_json,
    devis_pdf,
    devis_xlsx,
)
from regie.documents.templating import gettext_for
from tests.documents import devis_samples as sample
from tests.documents.devis_samples import DEVIS
from tests.documents.samples import PRODUCTION

DATE = dt.date(2027, 2, 1)


def fr(msgid: str) -> str:
    return gettext_for("fr").gettext(msgid)


def spaces(text: str) -> str:
    """pdfplumber and Babel: no-break and narrow no-break spaces read as spaces."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


# --- The sample itself -------------------------------------------------------------------


def test_the_sample_adds_up() -> None:
    lines = [item for c in DEVIS.chapters for a in c.accounts for item in a.lines]
    assert len(lines) == 10
    assert sum((i.gross for i in lines), Decimal(0)) == DEVIS.lines_total
    assert sum((i.fringe_total for i in lines), Decimal(0)) == DEVIS.fringes_total
    assert sum((a.charges for c in DEVIS.chapters for a in c.accounts), Decimal(0)) == (
        DEVIS.fringes_total
    )
    for chapter in DEVIS.chapters:
        assert sum((a.total for a in chapter.accounts), Decimal(0)) == chapter.total
    assert sum((c.total for c in DEVIS.chapters), Decimal(0)) == DEVIS.chapters_total
    assert DEVIS.chapters_total == DEVIS.lines_total + DEVIS.fringes_total
    assert DEVIS.total == DEVIS.chapters_total + sum((a.amount for a in DEVIS.addons), Decimal(0))


def test_the_sample_is_what_compute_gives() -> None:
    compute = pytest.importorskip("regie.budget.compute")
    computed: Devis = compute.compute(sample.BUDGET)
    assert computed.lines_total == DEVIS.lines_total
    assert computed.fringes_total == DEVIS.fringes_total
    assert [c.total for c in computed.chapters] == [c.total for c in DEVIS.chapters]
    assert [a.amount for a in computed.addons] == [a.amount for a in DEVIS.addons]
    assert computed.total == DEVIS.total


# --- XLSX --------------------------------------------------------------------------------


def workbook(locale: str = "fr", *, data_only: bool = True) -> Any:
    data = devis_xlsx(DEVIS, PRODUCTION, locale=locale, version="3", date=DATE)
    return load_workbook(io.BytesIO(data), data_only=data_only)


def rows_by_label(sheet: Any) -> dict[str, tuple[Any, ...]]:
    """Column B's text → the row's values, for the rows below the header."""
    out = {}
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        if isinstance(row[1], str):
            out[row[1]] = row
    return out


@pytest.mark.parametrize("data_only", [True, False])
def test_xlsx_chapters_subtotals_and_total(data_only: bool) -> None:
    book = workbook(data_only=data_only)
    assert book.sheetnames == [fr("Budget"), fr("Top sheet")]
    sheet = book[fr("Budget")]
    rows = rows_by_label(sheet)
    amount = [key for key, _title, _width in COLUMNS].index("amount")
    chapter_rows = [
        rows[fr("Total chapter %(number)s — %(title)s") % {"number": c.number, "title": c.title}]
        for c in sample.CHART.chapters
    ]
    assert len(chapter_rows) == 9
    assert [Decimal(str(r[amount])) for r in chapter_rows] == list(sample.CHAPTER_TOTALS.values())
    chapters_total = Decimal(str(rows[fr("Total chapters 1 to 9")][amount]))
    assert chapters_total == sample.CHAPTERS_TOTAL
    overheads = rows["Frais généraux"]
    assert Decimal(str(overheads[amount])) == sample.OVERHEADS
    assert Decimal(str(overheads[4])) == Decimal("0.07")  # rate column
    assert Decimal(str(overheads[2])) == sample.CHAPTERS_TOTAL  # base, in the quantity column
    total = Decimal(str(rows[fr("Total").upper()][amount]))
    addons = sample.OVERHEADS + sample.CONTINGENCY
    assert total == sample.LINES_TOTAL + sample.FRINGES_TOTAL + addons == sample.TOTAL
    account = rows[
        fr("Total account %(code)s — %(title)s") % {"code": "41", "title": "Charges sur personnel"}
    ]
    assert Decimal(str(account[amount])) == Decimal("21026.68")


def test_xlsx_cells_are_numbers_with_euro_formats_and_no_formula() -> None:
    sheet = workbook(data_only=False)[fr("Budget")]
    header = [cell.value for cell in sheet[HEADER_ROW]]
    assert header == [fr(title) for _key, title, _width in COLUMNS]
    line = next(r for r in sheet.iter_rows(min_row=HEADER_ROW + 1) if r[13].value == "L0005")
    assert [c.value for c in line[:7]] == ["32", "Silhouettes; quai", 3, "jour", 120, 4, 1440]
    assert Decimal(str(line[7].value)) == Decimal("604.80")
    assert line[8].value == fr("Region")
    assert line[10].value == "cddu_performer"
    for cell in (line[4], line[6], line[7]):
        assert "€" in cell.number_format
    for row in sheet.iter_rows():
        for cell in row:
            assert not (isinstance(cell.value, str) and cell.value.startswith("="))
            assert cell.data_type != "f"
    assert sheet.freeze_panes == f"C{HEADER_ROW + 1}"
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4 == "9"
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.column_dimensions["B"].width > 40
    assert sheet["A1"].value == "La Clef du Quai"
    assert fr("Version %(version)s") % {"version": "3"} in sheet["A3"].value
    assert "1 février 2027" in sheet["A3"].value


def test_xlsx_subtotals_are_bold() -> None:
    sheet = workbook()[fr("Budget")]
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1):
        label = row[1].value
        if isinstance(label, str) and label.lower().startswith("total"):
            assert row[1].font.b, label
            assert row[6].font.b, label


def test_xlsx_top_sheet() -> None:
    sheet = workbook()[fr("Top sheet")]
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in values[:9]] == list(range(1, 10))
    assert [Decimal(str(row[4])) for row in values[:9]] == list(sample.CHAPTER_TOTALS.values())
    assert Decimal(str(values[9][4])) == sample.CHAPTERS_TOTAL
    assert values[10][1] == "Frais généraux"
    assert Decimal(str(values[10][3])) == Decimal("0.07")
    assert Decimal(str(values[11][2])) == sample.CHAPTERS_TOTAL + sample.OVERHEADS
    assert Decimal(str(values[12][4])) == sample.TOTAL


def test_xlsx_in_english() -> None:
    book = workbook("en")
    assert book.sheetnames == ["Budget", "Top sheet"]
    sheet = book["Budget"]
    assert [c.value for c in sheet[HEADER_ROW]][:7] == [
        "Account",
        "Description",
        "Quantity",
        "Unit",
        "Rate",
        "Multiplier",
        "Amount",
    ]
    rows = rows_by_label(sheet)
    assert "Total chapters 1 to 9" in rows
    assert "Total chapter 2 — Staff" in rows
    assert "Total account 21 — Producers" in rows
    assert "Overheads" in rows
    assert "TOTAL" in rows
    assert sheet["A2"].value == "Budget — TV fiction"
    assert sheet["A4"].value == "Amounts in EUR, excluding taxes"
    assert sheet["G9"].number_format.startswith('"€"')


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_xlsx_opens_in_libreoffice(tmp_path: Path) -> None:
    source = tmp_path / "devis.xlsx"
    source.write_bytes(devis_xlsx(DEVIS, PRODUCTION, locale="en"))
    office = shutil.which("libreoffice") or "libreoffice"
    command = [office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)  # noqa: S603
    text = pdf_text((tmp_path / "devis.pdf").read_bytes(), landscape=False)
    assert "Total chapters 1 to 9" in text
    assert "TOTAL €188,459.63" in text


# --- PDF ---------------------------------------------------------------------------------


def pdf_text(pdf: bytes, *, landscape: bool = True) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        if landscape:
            assert all(page.width > page.height for page in document.pages)  # A4 landscape
        return spaces("\n".join(page.extract_text() or "" for page in document.pages))


def test_pdf_in_french() -> None:
    text = pdf_text(devis_pdf(DEVIS, PRODUCTION, version="3", date=DATE))
    for expected in (
        "La Clef du Quai — Fiction télévisée",
        "Devis cinéma (CNC)",
        "1 février 2027",
        "Frais généraux 167 743,33 € 7 % 11 742,03 €",
        "Imprévus 179 485,36 € 5 % 8 974,27 €",
        "188 459,63 €",
        "Producteur délégué 10 semaine 2 500,00 € 1 25 000,00 € 10 512,50 €",
        "Silhouettes; quai 3 jour 120,00 € 4 1 440,00 € 604,80 €",
        spaces(fr("Total chapters 1 to 9")) + " 167 743,33 €",
        spaces(
            fr("Total chapter %(number)s — %(title)s") % {"number": 4, "title": "Charges sociales"}
        )
        + " 27 093,58 €",
        "DOOD: 1 Hélène (20 jours)",
        "page 1 / ",
    ):
        assert expected in text, expected
    for number in sample.CHAPTER_TOTALS:
        assert f"{number} {sample.CHART.chapters[number - 1].title}" in text


def test_pdf_in_english() -> None:
    text = pdf_text(devis_pdf(DEVIS, PRODUCTION, locale="en", date=DATE))
    for expected in (
        "Budget",
        "La Clef du Quai — TV fiction",
        "February 1, 2027",
        "Top sheet",
        "Total chapters 1 to 9 €167,743.33",
        "Overheads €167,743.33 7% €11,742.03",
        "TOTAL €188,459.63",
        "Total chapter 2 — Staff €50,004.00",
        "Total account 41 — On staff €21,026.68",
        "Employer contributions €21,026.68",
        "Account Description Quantity Unit Rate × Amount Fringes Place Tax credit",
        "European Union no",  # the camera: spent elsewhere in the EU, no tax credit
    ):
        assert expected in text, expected


def test_html_uses_classes_not_inline_styles() -> None:
    for fragment in (True, False):
        html = devis_html(DEVIS, PRODUCTION, fragment=fragment)
        assert "style=" not in html
    fragment_html = devis_html(DEVIS, PRODUCTION, fragment=True)
    assert fragment_html.startswith('<article class="regie-document devis">')
    assert "<style" not in fragment_html


# --- CSV ---------------------------------------------------------------------------------


def test_csv_in_french_semicolons_decimal_commas_bom() -> None:
    data = devis_csv(DEVIS)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        fr(m)
        for m in (
            "Chapter",
            "Account",
            "Description",
            "Quantity",
            "Unit",
            "Rate",
            "Multiplier",
            "Amount",
            "Fringes",
            "Place",
            "Tax credit",
            "Origin",
        )
    ]
    assert len(rows) == 1 + 10
    silhouettes = rows[5]
    assert silhouettes == [
        "3", "32", "Silhouettes; quai", "3", "jour", "120,00", "4", "1440,00", "604,80",
        fr("Region"), fr("yes"), "",
    ]  # fmt: skip
    assert rows[8][10] == fr("no")  # the camera: no tax credit
    amounts = [Decimal(r[7].replace(",", ".")) for r in rows[1:]]
    assert sum(amounts, Decimal(0)) == sample.LINES_TOTAL
    fringes = [Decimal(r[8].replace(",", ".")) for r in rows[1:]]
    assert sum(fringes, Decimal(0)) == sample.FRINGES_TOTAL


def test_csv_in_english() -> None:
    text = devis_csv(DEVIS, locale="en").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Chapter", "Account", "Description"]
    assert rows[4] == [
        "3", "31", "Rôle principal — Hélène", "20", "jour", "650.25", "1", "13005.00", "5462.10",
        "France", "yes", "DOOD: 1 Hélène (20 jours)",
    ]  # fmt: skip
    assert "\r\n" in text


# --- JSON --------------------------------------------------------------------------------


def no_floats(value: object) -> None:
    assert not isinstance(value, float)
    if isinstance(value, dict):
        for item in value.values():
            no_floats(item)
    elif isinstance(value, list):
        for item in value:
            no_floats(item)


def test_json_keys_and_values() -> None:
    data = devis_json(DEVIS)
    no_floats(data)
    json.dumps(data)  # serialisable as is
    assert set(data) >= {
        "chart",
        "chapters",
        "lines_total",
        "fringes_total",
        "chapters_total",
        "addons",
        "total",
    }
    assert data["chart"] == "devis-cnc-cinema@test"
    assert data["lines_total"] == "140649.75"
    assert data["fringes_total"] == "27093.58"
    assert data["chapters_total"] == "167743.33"
    assert data["total"] == "188459.63"
    chapters: list[dict[str, Any]] = data["chapters"]  # type: ignore[assignment]
    assert [c["number"] for c in chapters] == list(range(1, 10))
    assert [c["total"] for c in chapters] == [str(v) for v in sample.CHAPTER_TOTALS.values()]
    staff = chapters[1]
    assert staff["title"] == "Personnel"
    assert set(staff["accounts"][0]) >= {"code", "title", "total", "lines"}
    line = staff["accounts"][1]["lines"][0]
    assert line["id"] == "L0003"
    assert line["amount"] == "25004.00"
    assert line["rate"] == "3125.50"
    assert line["fringes"] == "10514.18"
    assert [f["amount"] for f in line["fringe_details"]] == ["9501.52", "1012.66"]
    assert line["place"] == "france"
    assert line["tax_credit"] is True
    assert chapters[3]["accounts"][0]["total"] == "21026.68"
    assert data["addons"] == [
        {
            "key": "overheads",
            "title": "Frais généraux",
            "rate": "0.07",
            "base": "167743.33",
            "amount": "11742.03",
        },
        {
            "key": "contingency",
            "title": "Imprévus",
            "rate": "0.05",
            "base": "179485.36",
            "amount": "8974.27",
        },
    ]
