# SPDX-License-Identifier: AGPL-3.0-or-later
"""The versions of a devis on the web: two versions side by side with their variances, a
budget copied as a new version, a devis imported from a workbook with its report (our own
export reads back to the same lines; a file regie cannot read is refused naming the file or
the cell, and nothing is stored); crew and guests are refused."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

import pytest
from openpyxl import Workbook

from regie.budget.catalog import LineFields
from regie.documents.devis import devis_xlsx
from regie.services import budgets
from regie.services.database import Database
from tests.web.conftest import Browser, Office

GAFFER = LineFields("20", "Chef électricien", "20", "jour", "350", fringe_group="cddu_technician")
STUDIO = LineFields("51", "Plateau 2, Bry-sur-Marne", "5", "jour", "1800.50")
TRUCK = LineFields("60", "Camion loge", "3", "jour", "250")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Browse = Callable[[str], Browser]


def _budget(database: Database, office: Office) -> int:
    """Budget 1 with the gaffer (L0001) and the studio (L0002), made through the service."""
    made = budgets.create_budget(database, office.slug, actor=None)
    budgets.add_lines(
        database, office.slug, made.number, [GAFFER, STUDIO],
        expected_version=made.version, actor=None,
    )  # fmt: skip
    return made.number


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _row(html: str, first_cell: str) -> list[str]:
    """The cells' texts of the first table row whose first cell is ``first_cell``."""
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S):
        cells = [_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        if cells and cells[0] == first_cell:
            return cells
    raise AssertionError(f"no row starting with {first_cell!r}")


def _amount(text: str) -> Decimal:
    """``+1 800,50 €`` or ``-300,00 €`` (French, narrow no-break spaces) as a Decimal."""
    digits = re.sub(r"[^\d,+-]", "", text).replace(",", ".")
    return Decimal(digits)


def _same_lines(database: Database, office: Office, one: int, two: int) -> None:
    def lines(number: int) -> list[object]:
        record = budgets.get_budget(database, office.slug, number, actor=None)
        return [replace(r.line, id="") for r in record.lines]

    assert lines(one) == lines(two)


def _workbook(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Devis"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_two_versions_side_by_side(database: Database, office: Office, browser_for: Browse) -> None:
    number = _budget(database, office)
    copy = budgets.copy_budget(database, office.slug, number, actor=None, name="Devis révisé")
    studio = copy.line("L0002")
    assert studio is not None
    updated = budgets.update_line(
        database, office.slug, copy.number, "L0002", replace(STUDIO, quantity="6"),
        expected_version=studio.version, actor=None,
    )  # fmt: skip
    budgets.add_lines(
        database, office.slug, copy.number, [TRUCK],
        expected_version=updated.version, actor=None,
    )  # fmt: skip
    accountant = browser_for("accountant")

    page = accountant.get(f"/p/{office.slug}/budgets/compare?before=1&after=2")
    assert page.status_code == 200
    html = page.text
    assert "style=" not in html  # the CSP forbids inline styles

    # Account 51: 5 × 1 800,50 = 9 002,50 → 6 × 1 800,50 = 10 803,00: +1 800,50, +20 %.
    before, after, variance, percent = _row(html, "51")[2:6]
    assert (_amount(before), _amount(after)) == (Decimal("9002.50"), Decimal("10803.00"))
    assert variance.startswith("+")
    assert _amount(variance) == Decimal("1800.50")
    assert re.fullmatch(r"\+20\s?%", percent)
    assert '<tr class="variance-up"><td class="col-code">51</td>' in html

    # Account 60 has a line in version 2 only: 0 → 750,00, no percentage, marked.
    cells = _row(html, "60")
    assert _amount(cells[3]) == Decimal("750.00")
    assert _amount(cells[4]) == Decimal("750.00")
    assert cells[5] == "—"
    only = r'<td class="col-code">60</td><td>[^<]+<span class="badge variance-only">'
    assert re.search(only, html)

    # Account 20 did not move.
    assert _amount(_row(html, "20")[4]) == 0
    assert '<tr class="variance-nil"><td class="col-code">20</td>' in html

    # The grand total moves by the lines (1 800,50 + 750) and the add-ons on them.
    one = budgets.devis(database, office.slug, 1, actor=None)
    two = budgets.devis(database, office.slug, 2, actor=None)
    total = _row(html, "")  # the first row without a number: total chapters 1 to 9
    assert "Total chapitres 1 à 9" in total[1]
    assert _amount(total[4]) == two.chapters_total - one.chapters_total == Decimal("2550.50")
    grand = re.search(r'<tr class="compare-total[^"]*">(.*?)</tr>', html, re.S)
    assert grand
    cells = [_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", grand.group(1), re.S)]
    assert cells[1] == "TOTAL"
    assert [_amount(c) for c in cells[2:5]] == [one.total, two.total, two.total - one.total]
    # 21 982,58 → 25 094,18: +3 111,60 (the add-ons, 22 %, rounded one by one), +14,15 %.
    assert two.total - one.total == Decimal("3111.60")
    assert re.fullmatch(r"\+14,15\s?%", cells[5])
    assert "Frais généraux" in html  # the add-ons

    # Without "before", the neighbouring version; the index offers the comparison.
    near = accountant.get(f"/p/{office.slug}/budgets/compare?after=2")
    assert near.status_code == 200
    assert _row(near.text, "51")[2:6] == [before, after, variance, percent]
    listing = accountant.get(f"/p/{office.slug}/budgets").text
    assert f'action="/p/{office.slug}/budgets/compare"' in listing
    assert accountant.get(f"/p/{office.slug}/budgets/compare?before=1&after=9").status_code == 404


def test_the_accountant_copies_a_budget_as_a_new_version(
    database: Database, office: Office, browser_for: Browse
) -> None:
    number = _budget(database, office)
    budgets.set_rate(
        database, office.slug, number, "overheads", Decimal("0.08"),
        expected_version=budgets.get_budget(database, office.slug, number, actor=None).version,
        actor=None,
    )  # fmt: skip
    accountant = browser_for("accountant")
    page = accountant.get(f"/p/{office.slug}/budgets/{number}")
    assert f'action="/p/{office.slug}/budgets/{number}/copy"' in page.text

    copied = accountant.post(f"/p/{office.slug}/budgets/{number}/copy", {"name": "Version 2"})
    assert copied.status_code == 303
    assert copied.headers["location"] == f"/p/{office.slug}/budgets/2"
    shown = accountant.get(copied.headers["location"]).text
    assert re.search(r"Devis 2 créé, copie du devis 1.*Version 2", _text(shown))  # the flash
    record = budgets.get_budget(database, office.slug, 2, actor=None)
    assert record.name == "Version 2"
    assert record.addon_rates == {"overheads": Decimal("0.08")}
    _same_lines(database, office, 1, 2)
    assert budgets.devis(database, office.slug, 2, actor=None).total == (
        budgets.devis(database, office.slug, 1, actor=None).total
    )


def test_our_own_export_imports_back_to_the_same_lines(
    database: Database, office: Office, browser_for: Browse
) -> None:
    number = _budget(database, office)
    data = devis_xlsx(budgets.devis(database, office.slug, number, actor=None), office.production)
    accountant = browser_for("accountant")
    listing = accountant.get(f"/p/{office.slug}/budgets").text
    assert f'action="/p/{office.slug}/budgets/import"' in listing
    assert 'enctype="multipart/form-data"' in listing

    answer = accountant.client.post(
        f"/p/{office.slug}/budgets/import",
        data={"csrf_token": accountant.token, "name": "Devis relu"},
        files={"file": ("devis.xlsx", data, XLSX)},
    )
    assert answer.status_code == 200, answer.text
    html = answer.text
    assert "style=" not in html
    assert f'href="/p/{office.slug}/budgets/2"' in html
    assert "<details" in html  # totals, add-ons and contributions, folded away
    assert 'class="data import-skipped"' in html  # inside it
    assert 'class="data import-totals"' not in html  # every total agrees
    assert "import-differs" not in html
    record = budgets.get_budget(database, office.slug, 2, actor=None)
    assert record.name == "Devis relu"
    _same_lines(database, office, 1, 2)
    assert budgets.devis(database, office.slug, 2, actor=None).total == (
        budgets.devis(database, office.slug, 1, actor=None).total
    )

    english = accountant.client.post(
        f"/p/{office.slug}/budgets/import",
        data={"csrf_token": accountant.token},
        files={"file": ("devis.xlsx", data, XLSX)},
        headers={"accept-language": "en"},
    )
    assert english.status_code == 200
    text = _text(english.text)
    assert "Budget 3 created from devis.xlsx: Devis 3" in text
    assert "2 rows became lines of the budget" in text
    assert "Every row with figures was imported." in text
    assert re.search(r"The file's \d+ totals agree with the rows read\.", text)


def test_the_report_lists_what_was_not_imported(
    database: Database, office: Office, browser_for: Browse
) -> None:
    data = _workbook(
        [
            ["Compte", "Libellé", "Quantité", "Unité", "Taux", "Montant"],
            [51, "Plateau", 5, "jour", 1800.5, 9002.5],
            [99, "Compte inconnu", 1, "forfait", 100, 100],
            ["TOTAL GÉNÉRAL", None, None, None, None, 9500],
        ]
    )
    accountant = browser_for("accountant")
    answer = accountant.upload(f"/p/{office.slug}/budgets/import", "autre.xlsx", data)
    assert answer.status_code == 200, answer.text
    html = answer.text
    cells = _row(html, "Devis")
    assert cells[1:4] == ["3", "99", "Compte inconnu"]
    assert "99" in cells[5]
    assert "plan de comptes" in cells[5]
    totals = re.search(r'<table class="data import-totals">(.*?)</table>', html, re.S)
    assert totals
    assert "TOTAL GÉNÉRAL" in totals.group(1)
    assert "9\u202f500,00" in totals.group(1)  # the file's
    assert "9\u202f002,50" in totals.group(1)  # the sum of the lines read
    assert "+497,50" in totals.group(1)  # the file says more than its lines
    record = budgets.get_budget(database, office.slug, 1, actor=None)
    assert [(r.line.account, r.line.description) for r in record.lines] == [("51", "Plateau")]


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("devis.xlsx", b"Compte;Libell\xc3\xa9;Montant\r\n", "devis.xlsx"),
        ("planning.xlsx", _workbook([["Nom", "Jour"], ["Hélène", "lundi"]]), "planning.xlsx"),
        (
            "lieu.xlsx",
            _workbook(
                [
                    ["Compte", "Libellé", "Quantité", "Unité", "Taux", "Lieu"],
                    [51, "Plateau", 5, "jour", 1800.5, "Mars"],
                ]
            ),
            "Devis!F2",
        ),
    ],
)
def test_a_file_regie_cannot_read_is_refused_and_nothing_stored(
    database: Database,
    office: Office,
    browser_for: Browse,
    *,
    filename: str,
    data: bytes,
    expected: str,
) -> None:
    number = _budget(database, office)
    accountant = browser_for("accountant")
    answer = accountant.upload(f"/p/{office.slug}/budgets/import", filename, data)
    assert answer.status_code == 400
    assert expected in answer.text
    assert [r.number for r in budgets.list_budgets(database, office.slug, actor=None)] == [number]

    missing = accountant.post(f"/p/{office.slug}/budgets/import")
    assert missing.status_code == 400
    assert len(budgets.list_budgets(database, office.slug, actor=None)) == 1


@pytest.mark.parametrize("persona", ["crew", "guest"])
def test_crew_and_guests_are_refused(
    database: Database, office: Office, browser_for: Browse, persona: str
) -> None:
    number = _budget(database, office)
    budgets.copy_budget(database, office.slug, number, actor=None)
    data = devis_xlsx(budgets.devis(database, office.slug, number, actor=None), office.production)
    browser = browser_for(persona)
    base = f"/p/{office.slug}/budgets"
    assert browser.get(f"{base}/compare?before=1&after=2").status_code == 403
    assert browser.post(f"{base}/{number}/copy").status_code == 403
    assert browser.upload(f"{base}/import", "devis.xlsx", data).status_code == 403
    assert len(budgets.list_budgets(database, office.slug, actor=None)) == 2
    assert browser_for("outsider").get(f"{base}/compare?before=1&after=2").status_code == 404
