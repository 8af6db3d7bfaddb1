# SPDX-License-Identifier: AGPL-3.0-or-later
"""`regie devis`: a devis made, filled, shown and exported from the command line; the
workbook and the JSON read back agree with the lines; bad input exits 2 and stores
nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pdfplumber

from tests.cli.conftest import Folder


def test_a_devis_is_made_filled_and_exported(folder: Folder) -> None:
    made = folder.json("devis", "new", "--name", "Devis initial")
    assert made["chart"].startswith("devis-cnc-audiovisual@")  # a TV fiction
    added = folder.json(
        "devis", "add", "20", "Chef électricien", "20", "jour", "350",
        "--fringes", "cddu_technician_audiovisual",
    )  # fmt: skip
    assert added["code"] == "L0001"
    folder.json("devis", "add", "51", "Plateau 2", "2,5", "jour", "1800,50", "-x", "2")
    shown = folder.json("devis", "show")
    lines = [line for c in shown["chapters"] for a in c["accounts"] for line in a["lines"]]
    assert [x["id"] for x in lines] == ["L0001", "L0002"]
    # 20 × 350 = 7 000,00 ; 2,5 × 1 800,50 × 2 = 9 002,50
    assert Decimal(shown["lines_total"]) == Decimal("16002.50")
    assert Decimal(shown["chapters_total"]) == Decimal(shown["lines_total"]) + Decimal(
        shown["fringes_total"]
    )
    addons = sum(Decimal(a["amount"]) for a in shown["addons"])
    assert Decimal(shown["total"]) == Decimal(shown["chapters_total"]) + addons
    assert [c["number"] for c in shown["chapters"]] == list(range(1, 10))

    workbook = folder.path / "devis.xlsx"
    assert folder("devis", "export", "-o", str(workbook)).exit_code == 0
    sheet = openpyxl.load_workbook(workbook).worksheets[0]
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert sum(1 for c in cells if c.startswith("Total chapitre ")) == 9
    numbers = [c for row in sheet.iter_rows(values_only=True) for c in row]
    assert float(shown["total"]) in [float(n) for n in numbers if isinstance(n, int | float)]
    pdf = folder.path / "devis.pdf"
    assert folder("devis", "export", "--format", "pdf", "-o", str(pdf)).exit_code == 0
    with pdfplumber.open(io.BytesIO(pdf.read_bytes())) as document:
        text = " ".join(page.extract_text() or "" for page in document.pages)
    assert "Chef électricien" in text
    csv_text = folder("devis", "export", "--format", "csv").stdout
    assert "Plateau 2" in csv_text
    assert ";" in csv_text.splitlines()[0]  # French: semicolons, decimal commas

    changed = folder.json(
        "devis", "set", "L0002", "51", "Plateau 2", "3", "jour", "1800,50", "-x", "2"
    )
    assert Decimal(changed["total"]) > Decimal(shown["total"])
    assert folder("devis", "rm", "L0001").exit_code == 0
    listed = folder.json("devis", "list")
    assert [(b["number"], b["lines"]) for b in listed] == [(1, 1)]


def test_bad_lines_exit_2_naming_the_field_and_store_nothing(folder: Folder) -> None:
    folder.json("devis", "new")
    unknown = folder("devis", "add", "99", "Rien", "1", "jour", "1")
    assert unknown.exit_code == 2
    assert "account" in unknown.stderr
    assert "99" in unknown.stderr
    negative = folder("devis", "add", "51", "Studio", "--", "-1", "jour", "1")
    assert negative.exit_code == 2
    assert "négatif" in negative.stderr
    word = folder("devis", "add", "51", "Studio", "deux", "jour", "1")
    assert word.exit_code == 2
    assert "deux" in word.stderr
    assert folder.json("devis", "list")[0]["lines"] == 0
    assert folder("devis", "export", "--format", "pdf").exit_code == 2  # no -o for a PDF
    assert folder("devis", "show", "-b", "4").exit_code == 1  # no such budget


def test_unsourced_charges_warn_until_the_production_sets_them(folder: Folder) -> None:
    folder.json("devis", "new")
    folder.json(
        "devis", "add", "20", "Chef opérateur", "10", "jour", "600",
        "--fringes", "cddu_technician_audiovisual",
    )  # fmt: skip
    before = folder.json("devis", "show")
    assert any("Autres cotisations patronales" in w for w in before["warnings"])  # not silent
    assert folder("devis", "rate", "employer.other", "0,35").exit_code == 0
    after = folder.json("devis", "show")
    assert after["warnings"] == []
    # 10 × 600 = 6 000,00 gross: the override adds 35 % of it to the charges
    assert Decimal(after["fringes_total"]) - Decimal(before["fringes_total"]) == Decimal("2100.00")
    assert folder("devis", "rate", "overheads", "0,08").exit_code == 0
    overheads = next(a for a in folder.json("devis", "show")["addons"] if a["key"] == "overheads")
    assert Decimal(overheads["rate"]) == Decimal("0.08")
    assert folder("devis", "rate", "overheads", "7").exit_code == 2  # 7 is not a share
    assert folder("devis", "rate", "nope", "0.1").exit_code == 2


def test_versions_are_copied_compared_and_a_workbook_comes_back(folder: Folder) -> None:
    folder.json("devis", "new")
    folder.json("devis", "add", "51", "Plateau 2", "5", "jour", "1800,50")
    copied = folder.json("devis", "copy", "--name", "Devis v2")
    assert (copied["number"], copied["lines"]) == (2, 1)
    folder.json("devis", "set", "L0001", "51", "Plateau 2", "8", "jour", "1800,50", "-b", "2")
    compared = folder.json("devis", "compare", "1", "2")
    studio = next(a for a in compared["accounts"] if a["code"] == "51")
    # 8 × 1 800,50 − 5 × 1 800,50 = 5 401,50, i.e. +60 %
    assert Decimal(studio["change"]["amount"]) == Decimal("5401.50")
    assert Decimal(studio["change"]["percent"]) == Decimal("60.00")
    text = folder("devis", "compare", "1", "2").stdout
    assert "60\u202f%" in text  # French: narrow no-break space before %

    workbook = folder.path / "v2.xlsx"
    assert folder("devis", "export", "-b", "2", "-o", str(workbook)).exit_code == 0
    back = folder.json("devis", "import", str(workbook), "--name", "Retour")
    assert (back["number"], back["lines"]) == (3, 1)
    assert back["total_mismatches"] == []
    shown = folder.json("devis", "show", "-b", "3")
    assert Decimal(shown["lines_total"]) == Decimal("14404.00")  # 8 × 1 800,50
    not_a_workbook = folder.write("devis.xlsx", "day;scene\n1;1\n")
    refused = folder("devis", "import", str(not_a_workbook))
    assert refused.exit_code == 2
    assert "XLSX" in refused.stderr
    assert len(folder.json("devis", "list")) == 3  # nothing stored
