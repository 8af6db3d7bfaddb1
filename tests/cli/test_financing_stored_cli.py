# SPDX-License-Identifier: AGPL-3.0-or-later
"""The stored financing plan and tax credit from the command line, in a production
folder: sources added and changed, a scenario, a line placed in Normandie, the plan
checked (JSON and PDF), the tax credit computed from the devis and written into the
plan; bad input exits 2 and changes nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pdfplumber

from tests.cli.conftest import Folder


def _devis(folder: Folder) -> Decimal:
    folder.json("devis", "new")
    folder.json("devis", "add", "20", "Chef électricien", "20", "jour", "350",
                "--fringes", "cddu_technician_audiovisual")  # fmt: skip
    folder.json("devis", "add", "51", "Location lumière", "5", "jour", "1800,50")
    return Decimal(folder.json("devis", "show")["total"])


def test_a_plan_is_built_checked_and_printed(folder: Folder) -> None:
    total = _devis(folder)
    added = folder.json("financing", "add", "Région Normandie", "5 000", "--kind", "region",
                        "--status", "requested", "--region", "Normandie")  # fmt: skip
    assert added["source"] == {"id": "region-normandie", "kind": "region",
                               "amount": "5000.00", "status": "requested"}  # fmt: skip
    rest = total - 5000
    folder.json("financing", "add", "Production", str(rest).replace(".", ","),
                "--kind", "producer_equity", "--id", "apport", "--status", "paid")  # fmt: skip
    folder.json("financing", "scenario", "sans-region", "--title", "Si la région refuse",
                "--refuse", "region-normandie")  # fmt: skip
    folder.json("financing", "place", "L0001", "--region", "Normandie")

    shown = folder.json("financing", "show")
    assert shown["budget"]["number"] == 1
    assert Decimal(shown["budget_total"]) == total
    assert shown["balance"]["balanced"] is True
    assert [s["id"] for s in shown["sources"]] == ["region-normandie", "apport"]
    (scenario,) = shown["scenarios"]
    assert Decimal(scenario["balance"]["gap"]) == Decimal("5000.00")
    (territorial,) = shown["territorial"]
    assert territorial["region"] == "Normandie"
    placed = next(x for x in shown["places"] if x["line"] == "L0001")
    assert placed["stored"]
    assert Decimal(territorial["spend"]) == Decimal(placed["amount"])
    checked = folder.json("financing", "check")  # no file: the stored plan
    assert checked["balance"] == shown["balance"]
    assert checked["scenarios"] == []

    changed = folder.json("financing", "set", "region-normandie", "--amount", "4000",
                          "--status", "granted")  # fmt: skip
    assert changed["source"]["amount"] == "4000.00"
    assert Decimal(folder.json("financing", "show")["balance"]["gap"]) == Decimal("1000.00")

    pdf = folder.path / "plan.pdf"
    printed = folder("financing", "show", "-o", str(pdf))
    assert printed.exit_code == 0, printed.output
    assert "Région Normandie" in printed.stdout
    with pdfplumber.open(io.BytesIO(pdf.read_bytes())) as document:
        text = " ".join(page.extract_text() or "" for page in document.pages)
    assert "Région Normandie" in text
    assert "Si la région refuse" in text


def test_bad_input_exits_2_and_changes_nothing(folder: Folder) -> None:
    _devis(folder)
    folder.json("financing", "add", "CNC", "3000", "--kind", "cnc_automatic", "--id", "cnc")
    before = folder.json("financing", "show")
    for args in (
        ("financing", "add", "X", "trois", "--kind", "region"),
        ("financing", "add", "X", "10", "--kind", "loterie"),
        ("financing", "set", "cnc", "--status", "promis"),
        ("financing", "scenario", "s", "--refuse", "inconnue"),
        ("financing", "place", "L0001", "--country", "France"),
    ):
        result = folder(*args)
        assert result.exit_code == 2, (args, result.output)
    assert folder("financing", "rm", "absente").exit_code == 1
    assert folder.json("financing", "show") == before


def test_the_tax_credit_from_the_devis(folder: Folder) -> None:
    total = _devis(folder)
    computed = folder.json("taxcredit", "devis")
    assert computed["regime"] == {"credit": "audiovisual", "genre": "fiction"}
    assert computed["budget"] == 1
    eligible = Decimal(str(computed["eligible_expenses_eur"]))
    assert 0 < eligible <= total
    assert Decimal(str(computed["eligible_spend"]["eligible_eur"])) == eligible
    assert computed["inputs_from"]["minutes"]
    assert any(step["article"] for step in computed["trace"])
    credit = Decimal(str(computed["credit_eur"]))
    assert credit > 0

    trace = folder.path / "trace.pdf"
    saved = folder("taxcredit", "devis", "--save", "-o", str(trace))
    assert saved.exit_code == 0, saved.output
    assert trace.read_bytes().startswith(b"%PDF")
    into = folder.json("financing", "credit")
    assert into["source"]["id"] == "credit-impot"
    assert Decimal(into["source"]["amount"]) == credit
    # the compute command on a case file is unchanged
    assert folder("taxcredit", "compute", "--help").exit_code == 0
