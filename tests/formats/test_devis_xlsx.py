# SPDX-License-Identifier: AGPL-3.0-or-later
"""A devis read back from XLSX: our own workbook round trip, a foreign CNC-like layout,
and the files that are refused (with the cell named)."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from regie.budget.model import Place
from regie.core.errors import ParseError
from regie.documents.devis import devis_xlsx
from regie.formats.devis_xlsx import SkipReason, read_devis_xlsx
from tests.documents import devis_samples as sample
from tests.documents.devis_samples import CHART, DEVIS
from tests.documents.samples import PRODUCTION


def xlsx(rows: list[list[Any]], *, title: str = "Devis") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_round_trip_gives_the_same_lines(locale: str) -> None:
    read = read_devis_xlsx(devis_xlsx(DEVIS, PRODUCTION, locale=locale), "devis.xlsx", CHART)
    assert read.lines == sample.LINES
    assert [line.id for line in read.lines] == [line.id for line in sample.LINES]
    assert read.lines_total == sample.LINES_TOTAL
    assert len(read.sheets) == 1  # the top sheet has no account column
    assert all(row.amount_matches and not row.inherited for row in read.mapped)
    assert read.totals  # accounts, chapters, chapters 1–9, the grand total
    assert not read.mismatches
    scopes = [check.scope for check in read.totals]
    assert scopes.count("chapter") == 9
    assert scopes[-2:] == ["chapters", "total"]
    grand = read.totals[-1]
    assert grand.found == grand.recomputed == sample.TOTAL
    reasons = {row.reason for row in read.skipped}
    assert reasons == {SkipReason.TOTAL, SkipReason.FRINGES, SkipReason.ADDON}


def test_the_amounts_found_are_compared() -> None:
    data = devis_xlsx(DEVIS, PRODUCTION)
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    line_row = next(r for r in sheet.iter_rows() if r[13].value == "L0007")
    line_row[6].value = 4400  # the file says 4 400 where 25 × 180 = 4 500
    total_row = next(r for r in sheet.iter_rows() if r[1].value == "TOTAL")
    total_row[6].value = 1
    out = io.BytesIO()
    book.save(out)
    read = read_devis_xlsx(out.getvalue(), "devis.xlsx", CHART)
    camion = next(row for row in read.mapped if row.line_id == "L0007")
    assert (camion.amount, camion.amount_found, camion.amount_matches) == (
        Decimal("4500.00"),
        Decimal("4400.00"),
        False,
    )
    assert [check.label for check in read.mismatches] == ["TOTAL"]


def test_a_foreign_cnc_layout_with_account_headings() -> None:
    data = xlsx(
        [
            ["DEVIS — Le Film"],
            [],
            ["N° compte", "Intitulé", "Nombre", "Unité", "Tarif (€)", "×", "Montant (€)"],
            [2, "PERSONNEL"],
            [21, "Producteurs"],
            [None, "Producteur délégué", 10, "semaine", "2 500,00", 1, 25000],
            [None, "Directeur de production", 0.1 + 0.2, "semaine", 1000.1, None, 300.03],
            ["99", "Compte inconnu", 1, "forfait", 100, 1, 100],
            [None, "Total 21", None, None, None, None, 25300.03],
            [31, "Rôles principaux"],
            ["31", "Forfait rôle", None, None, None, None, 5000],
            [None, "", 2, "jour", 10, 1, 20],
            ["Sous-total chapitre 3", None, None, None, None, None, 5000],
            [None, "Divers sans compte", 1, "forfait", 50, 1, 50],
            [None, "Frais généraux", None, None, None, None, 700],
            ["TOTAL GÉNÉRAL", None, None, None, None, None, 31000.03],
        ]
    )
    read = read_devis_xlsx(data, "autre.xlsx", CHART)
    assert [(line.account, line.description) for line in read.lines] == [
        ("21", "Producteur délégué"),
        ("21", "Directeur de production"),
        ("31", "Forfait rôle"),
    ]
    producer, manager, lump = read.lines
    assert (producer.quantity, producer.rate, producer.multiplier) == (
        Decimal(10),
        Decimal("2500"),
        Decimal(1),
    )
    assert manager.quantity == Decimal("0.3")  # 0.30000000000000004 from the float
    assert manager.rate == Decimal("1000.10")
    assert (lump.quantity, lump.rate, lump.multiplier) == (
        Decimal(1),
        Decimal("5000.00"),
        Decimal(1),
    )
    assert [line.id for line in read.lines] == ["L0001", "L0002", "L0003"]
    assert all(line.place is Place.FRANCE and line.tax_credit for line in read.lines)
    assert [row.inherited for row in read.mapped] == [True, True, False]
    skipped = {row.row: row for row in read.skipped}
    assert skipped[8].reason is SkipReason.UNKNOWN_ACCOUNT
    assert skipped[8].code == "99"
    assert str(skipped[8].why) == "account '99' is not in the chart"
    assert skipped[12].reason is SkipReason.NO_DESCRIPTION
    assert skipped[14].reason is SkipReason.NO_CODE
    assert skipped[15].reason is SkipReason.ADDON
    checks = {check.row: check for check in read.totals}
    assert (checks[9].scope, checks[9].key, checks[9].matches) == ("other", None, None)
    assert (checks[13].scope, checks[13].key, checks[13].found) == ("chapter", "3", Decimal(5000))
    assert checks[13].matches
    assert checks[16].scope == "total"
    assert checks[16].recomputed == Decimal("25300.03") + 5000 + 700
    assert checks[16].matches


def test_english_headers_place_and_tax_credit() -> None:
    data = xlsx(
        [
            ["Account", "Description", "Qty", "Unit", "Rate", "Multiplier", "Amount",
             "Place", "Tax credit"],
            ["71", "Camera", 5, "week", 4200, 1, 21000, "EU", "no"],
            ["51", "Set", 1, "lump", 8500.75, 1, 8500.75, "Région", "oui"],
        ]
    )  # fmt: skip
    camera, set_ = read_devis_xlsx(data, "budget.xlsx", CHART).lines
    assert (camera.place, camera.tax_credit) == (Place.EU, False)
    assert (set_.place, set_.tax_credit, set_.rate) == (Place.REGION, True, Decimal("8500.75"))


def test_a_bad_number_names_the_cell() -> None:
    data = xlsx(
        [
            ["Compte", "Libellé", "Quantité", "Unité", "Taux", "Multiplicateur", "Montant"],
            ["21", "Producteur", 10, "semaine", "abc", 1, 25000],
        ]
    )
    with pytest.raises(ParseError) as refused:
        read_devis_xlsx(data, "devis.xlsx", CHART)
    assert refused.value.line == 2
    assert str(refused.value) == (
        "devis.xlsx, line 2: Devis!E2: 'abc' is not a number. "
        "Write a number in this cell, or leave it empty."
    )


def test_a_bad_number_in_our_own_workbook() -> None:
    book = load_workbook(io.BytesIO(devis_xlsx(DEVIS, PRODUCTION)))
    sheet = book.worksheets[0]
    row = next(r for r in sheet.iter_rows() if r[13].value == "L0004")
    row[2].value = "vingt"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ParseError) as refused:
        read_devis_xlsx(out.getvalue(), "devis.xlsx", CHART)
    number = row[2].row
    assert f"{sheet.title}!C{number}: 'vingt' is not a number" in str(refused.value)
    assert refused.value.line == number


def test_a_bad_place_names_the_cell() -> None:
    data = xlsx(
        [
            ["Compte", "Libellé", "Quantité", "Taux", "Montant", "Lieu"],
            ["21", "Producteur", 1, 10, 10, "Mars"],
        ],
        title="Mon devis",
    )
    with pytest.raises(ParseError, match=r"'Mon devis'!F2: 'Mars' is not a place of spending"):
        read_devis_xlsx(data, "devis.xlsx", CHART)


def test_a_foreign_layout_is_refused_with_a_hint() -> None:
    data = xlsx([["Nom", "Jour", "Heure"], ["Hélène", "lundi", "8:00"]])
    with pytest.raises(ParseError) as refused:
        read_devis_xlsx(data, "planning.xlsx", CHART)
    message = str(refused.value)
    assert message.startswith("planning.xlsx: no sheet of this workbook has a devis header row.")
    assert "Compte, Libellé, Quantité" in message


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "the file is empty"),
        (b"Compte;Libell\xc3\xa9;Montant\r\n21;x;1\r\n", "this is not an XLSX workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "old Excel workbook (.xls)"),
    ],
)
def test_non_xlsx_bytes_are_refused(data: bytes, expected: str) -> None:
    with pytest.raises(ParseError, match=r"^devis\.xlsx: ") as refused:
        read_devis_xlsx(data, "devis.xlsx", CHART)
    assert expected in str(refused.value)


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(ParseError, match="this archive is not an XLSX workbook"):
        read_devis_xlsx(out.getvalue(), "devis.xlsx", CHART)
