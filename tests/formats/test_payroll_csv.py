# SPDX-License-Identifier: AGPL-3.0-or-later
"""Payroll exports read into entries: French or English headers, ``;`` or ``,``, decimal
commas, Windows-1252; every problem with its line, and nothing read from a bad file."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from regie.core.errors import ParseError
from regie.formats.payroll_csv import PayrollCsvError, amount, read_payroll_csv

FRENCH = (
    "Nom;Début;Fin;Salaire brut;Charges patronales;Net à payer;Compte devis\n"
    "Anne Ferrand;16/03/2026;20/03/2026;3 250,00;1 365,50;2 535,00;20\n"
    "Sophie Marchal;2026-03-16;2026-03-20;8000;2400,10;6240;31\n"
)


def test_french_export_with_decimal_commas() -> None:
    read = read_payroll_csv(FRENCH.encode(), filename="paie-s1.csv", accounts=["20", "31"])
    assert (read.separator, read.encoding) == (";", "UTF-8")
    first, second = read.entries
    assert first.person == "Anne Ferrand"
    assert (first.period_start, first.period_end) == (dt.date(2026, 3, 16), dt.date(2026, 3, 20))
    assert (first.gross, first.employer_charges, first.net) == (
        Decimal("3250.00"),
        Decimal("1365.50"),
        Decimal("2535.00"),
    )
    assert (first.devis_account, first.charges_account, first.line) == ("20", None, 2)
    assert second.line == 3
    assert read.gross == Decimal("11250.00")
    assert read.employer_charges == Decimal("3765.60")


def test_english_headers_commas_windows_1252_and_a_charges_column() -> None:
    text = (
        "employee,period_start,period_end,gross,employer_charges,net,account,charges account\n"
        '"Hélène Côté",2026-03-16,2026-03-20,"1200,50",300,900,20,41\n'
    )
    read = read_payroll_csv(text.encode("cp1252"), filename="payroll.csv")
    (entry,) = read.entries
    assert read.encoding == "Windows-1252"
    assert entry.person == "Hélène Côté"
    assert entry.gross == Decimal("1200.50")
    assert entry.charges_account == "41"


def test_every_error_is_listed_with_its_line_and_nothing_is_read() -> None:
    text = (
        "Nom;Début;Fin;Brut;Charges;Net;Poste\n"
        "A;16/03/2026;20/03/2026;1000;300;800;20\n"  # fine
        "B;16/03/2026;13/03/2026;1000;300;800;20\n"  # ends before it starts
        "C;16/03/2026;20/03/2026;mille;300;800;20\n"  # not an amount
        "D;16/03/2026;20/03/2026;1000;300;1200;20\n"  # net above gross
        "E;16/03/2026;20/03/2026;1000;300;800;99\n"  # not a devis account
        ";16/03/2026;20/03/2026;1000;300;800;20\n"  # no name
        "F;32/03/2026;20/03/2026;1.000,00;300;800\n"  # too few fields
    )
    with pytest.raises(PayrollCsvError) as refused:
        read_payroll_csv(text.encode(), filename="paie.csv", accounts=["20", "41"])
    error = refused.value
    assert [issue.line for issue in error.issues] == [3, 4, 5, 6, 7, 8]
    assert [issue.column for issue in error.issues] == [
        "period_end", "gross", "net", "devis_account", "person", None,
    ]  # fmt: skip
    assert error.count == 6
    assert error.line == 3
    assert "paie.csv, line 3" in str(error)
    assert "nothing was imported" in str(error)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"Nom;Brut\nA;12\n", "no column for period_start"),
        (b"Nom;D\xe9but;Fin;Brut;Charges;Net;Poste\n", "no row"),
        (b"\x81\x8d\x8f", "is not text"),
    ],
)
def test_unreadable_files(data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        read_payroll_csv(data, filename="paie.csv")


def test_amounts() -> None:
    assert amount("1 234,56") == Decimal("1234.56")
    assert amount("1\u202f234.5 €") == Decimal("1234.5")
    for bad in ("1.234,56", "1,2,3", "", "abc", "NaN"):
        with pytest.raises(ValueError, match=f"^{re.escape(bad)}$"):
            amount(bad)
