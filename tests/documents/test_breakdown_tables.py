# SPDX-License-Identifier: AGPL-3.0-or-later
"""Breakdown exports read back: CSV with the csv module, XLSX with openpyxl."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from regie.documents.breakdown import breakdown_csv, breakdown_xlsx
from tests.documents.samples import PRODUCTION, SHEETS

CSV_COLUMNS_FR = [
    "Séquence", "Intitulé", "INT/EXT", "Décor", "Effet", "Longueur", "Huitièmes",
    "Code catégorie", "Catégorie", "Élément", "Quantité", "Statut", "Note",
]  # fmt: skip


def read_csv(text: str) -> list[list[str]]:
    data = text.encode("utf-8")  # what a caller writes to disk
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark, for Excel
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_rows_per_scene_and_element() -> None:
    text = breakdown_csv(SHEETS)
    assert "\r\n" in text
    assert "\n" not in text.replace("\r\n", "")  # RFC 4180 line ends
    rows = read_csv(text)
    assert rows[0] == CSV_COLUMNS_FR
    body = rows[1:]
    assert all(len(r) == len(CSV_COLUMNS_FR) for r in body)
    quai = [r for r in body if r[0] == "12"]
    # accepted and manual tags only, in category order
    assert [r[9] for r in quai] == [
        "HÉLÈNE", "JÉRÔME", "DOCKERS", "<script>alert(1)</script>", 'CHAISE, "LOUIS XV"',
        "pluie artificielle",
    ]  # fmt: skip
    dockers = quai[2]
    assert dockers[:7] == [
        "12", "EXT. QUAI DES BRUMES - NUIT", "EXT", "QUAI DES BRUMES", "NUIT", "1 3/8", "11",
    ]  # fmt: skip
    assert dockers[7:] == ["extras", "Figuration", "DOCKERS", "3", "accepté", "en bleu de travail"]
    # a scene without elements keeps one row
    assert [r[:7] for r in body if r[0] == "15"] == [
        ["15", "INT. CHAMBRE - NUIT", "INT", "CHAMBRE", "NUIT", "3/8", "3"]
    ]
    assert next(r for r in body if r[0] == "15")[7:] == [""] * 6


def test_csv_quotes_commas_and_quotes() -> None:
    text = breakdown_csv(SHEETS)
    assert '"CHAISE, ""LOUIS XV"""' in text


def test_csv_with_suggestions_in_english() -> None:
    rows = read_csv(breakdown_csv(SHEETS[:1], locale="en", include_suggested=True))
    assert rows[0][:3] == ["Scene", "Heading", "INT/EXT"]
    chien = next(r for r in rows if r[9] == "CHIEN")
    assert chien[7:9] == ["animals", "Animals"]
    assert chien[11] == "to confirm"
    assert not any(r[9] == "CAMIONNETTE" for r in rows)


def test_xlsx_breakdown_sheet() -> None:
    book = load_workbook(io.BytesIO(breakdown_xlsx(SHEETS, PRODUCTION)))
    assert book.sheetnames == ["Dépouillement", "Éléments"]
    assert book.properties.title == "La Clef du Quai — Dépouillement"
    board = book["Dépouillement"]
    header = [c.value for c in board[1]]
    assert header[:8] == [
        "Séquence", "Intitulé", "INT/EXT", "Décor", "Effet", "Longueur", "Huitièmes", "Pages",
    ]  # fmt: skip
    assert header[8:11] == ["Comédiens", "Figuration", "Cascades"]
    assert len(header) == 8 + 16
    assert board.freeze_panes == "B2"
    assert board.max_row == 1 + len(SHEETS)
    row = {h: c.value for h, c in zip(header, board[2], strict=True)}
    assert row["Séquence"] == "12"
    assert row["Longueur"] == "1 3/8"
    assert row["Huitièmes"] == 11
    assert row["Pages"] == "3–4"
    assert row["Comédiens"] == "HÉLÈNE, JÉRÔME"
    assert row["Figuration"] == "DOCKERS × 3"
    assert row["Accessoires"] == '<script>alert(1)</script>, CHAISE, "LOUIS XV"'
    assert row["Animaux"] is None or row["Animaux"] == ""  # suggestion left out
    # a script's text is never turned into a formula
    cuisine = board.cell(row=3, column=header.index("Accessoires") + 1)
    assert cuisine.value == "=SOMME(A1:A9)"
    assert cuisine.data_type == "s"
    assert board.column_dimensions["B"].width == 42


def test_xlsx_strip_colours() -> None:
    board = load_workbook(io.BytesIO(breakdown_xlsx(SHEETS, PRODUCTION))).worksheets[0]
    fills = {
        board.cell(row=r, column=1).value: board.cell(row=r, column=5).fill for r in range(2, 6)
    }
    colours = {scene: fill.fgColor.rgb for scene, fill in fills.items()}
    assert colours == {
        "12": "FFB6D7A8",  # EXT night: green
        "13": "FFFFFFFF",  # INT day: white
        "14": "FFFFF59D",  # EXT day: yellow
        "15": "FF9FC5E8",  # INT night: blue
    }
    assert all(fill.fill_type == "solid" for fill in fills.values())
    assert board["A1"].font.bold


def test_xlsx_elements_sheet() -> None:
    listing = load_workbook(io.BytesIO(breakdown_xlsx(SHEETS, PRODUCTION)))["Éléments"]
    rows = [[c.value for c in row] for row in listing.iter_rows()]
    assert rows[0] == ["Catégorie", "Élément", "Séquences", "Nombre de séquences", "Quantité max."]
    by_name = {r[1]: r for r in rows[1:]}
    assert by_name["HÉLÈNE"] == ["Comédiens", "HÉLÈNE", "12, 13", 2, None]
    # "DOCKERS" and "dockers" are one element; the largest quantity asked is kept
    assert by_name["DOCKERS"] == ["Figuration", "DOCKERS", "12, 14", 2, 8]
    assert "CHIEN" not in by_name
    assert len(rows) == 1 + 8
    assert listing.freeze_panes == "B2"


def test_xlsx_in_english_with_suggestions() -> None:
    book = load_workbook(
        io.BytesIO(breakdown_xlsx(SHEETS[:1], PRODUCTION, locale="en", include_suggested=True))
    )
    assert book.sheetnames == ["Breakdown", "Elements"]
    board = book["Breakdown"]
    header = [c.value for c in board[1]]
    assert header[8] == "Cast"
    assert board.cell(row=2, column=header.index("Animals") + 1).value == "CHIEN (to confirm)"
