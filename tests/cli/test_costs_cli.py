# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie costs``: import the demo FEC (a broken one exits 2 with its lines and imports
nothing), map the ledger, record a commitment and an invoice, import payroll, print the
cost report and the final accounts as JSON, PDF and XLSX."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from regie.cli.costs import costs_app
from regie.cli.main import app
from tests.cli.conftest import Folder
from tests.services import costs_samples as samples


@pytest.fixture(autouse=True)
def costs_registered() -> None:
    """``regie costs`` until cli/main.py registers it."""
    if not any(g.typer_instance is costs_app for g in app.registered_groups):
        app.add_typer(costs_app, name="costs")


@pytest.fixture
def budgeted(folder: Folder) -> Folder:
    for fields in samples.LINES:
        if not folder.json("devis", "list"):
            assert folder("devis", "new").exit_code == 0
        added = folder(
            "devis",
            "add",
            fields.account,
            fields.description,
            str(fields.quantity),
            fields.unit,
            str(fields.rate),
        )
        assert added.exit_code == 0, added.output
    return folder


def test_fec_import_mapping_and_the_report(budgeted: Folder, tmp_path: Path) -> None:
    broken, line = samples.unbalanced_fec()
    refused = budgeted("costs", "import-fec", str(budgeted.write("bad.fec", broken)))
    assert refused.exit_code == 2
    assert f"ligne {line}" in refused.stderr
    assert budgeted.json("costs", "rules")["rules"] == []
    assert budgeted.json("costs", "report")["cutoff"] is None  # nothing was imported

    fec = budgeted.write("123456789FEC20261231.txt", samples.demo_fec())
    imported = budgeted.json("costs", "import-fec", str(fec))
    assert imported["lines"] == 142
    assert budgeted("costs", "import-fec", str(fec)).exit_code == 1  # the same file twice
    rules = budgeted.json("costs", "rules", "--add-suggested")
    assert {r["analytic"] for r in rules["rules"]} >= {"20", "52", "91"}
    assert rules["unmapped"] == []
    assert budgeted("costs", "map", "6063", "60").exit_code == 0

    report = budgeted.json("costs", "report", "--as-of", "2026-04-08")
    accounts = {a["code"]: a for c in report["chapters"] for a in c["accounts"]}
    assert accounts["91"]["actual"] == "4850.00"
    assert accounts["91"]["by_source"] == {"ledger": "4850.00"}
    assert report["cutoff"] is not None
    assert Decimal(report["total"]["actual"]) == sum(
        Decimal(a["actual"]) for a in accounts.values()
    )

    pdf = tmp_path / "etat.pdf"
    assert budgeted("costs", "report", "-o", str(pdf)).exit_code == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    xlsx = tmp_path / "etat.xlsx"
    assert budgeted("costs", "report", "-o", str(xlsx)).exit_code == 0
    assert load_workbook(io.BytesIO(xlsx.read_bytes())).worksheets[0].max_row > 6
    assert budgeted("costs", "report", "-o", str(tmp_path / "etat.doc")).exit_code == 2
    shown = budgeted("costs", "report")
    assert shown.exit_code == 0
    assert "4 850,00" in shown.stdout.replace("\u202f", " ").replace("\u00a0", " ")


def test_commitments_invoices_payroll_and_final_accounts(budgeted: Folder, tmp_path: Path) -> None:
    made = budgeted.json(
        "costs", "commit", "BC-1", "Loueur", "71", "20 000", "--date", "2026-04-01"
    )
    invoice_file = budgeted.write("f.pdf", samples.PDF)
    bill = budgeted.json(
        "costs",
        "invoice",
        "Loueur",
        "F-1",
        "5000",
        "--commitment",
        str(made["id"]),
        "--date",
        "2026-04-02",
        "--file",
        str(invoice_file),
    )
    assert bill["account"] == "71"
    (left,) = budgeted.json("costs", "commitments")
    assert left["remaining"] == "15000.00"
    payroll = budgeted.write("paie.csv", samples.PAYROLL)
    assert budgeted.json("costs", "import-payroll", str(payroll))["rows"] == 2
    bad = budgeted.write(
        "paie2.csv", samples.PAYROLL.replace(b"Anne", b"Anna").replace(b"3250,00", b"x")
    )
    refused = budgeted("costs", "import-payroll", str(bad))
    assert refused.exit_code == 2
    assert "ligne 2" in refused.stderr

    report = budgeted.json("costs", "report", "--as-of", "2026-04-20")
    accounts = {a["code"]: a for c in report["chapters"] for a in c["accounts"]}
    assert (accounts["71"]["committed"], accounts["71"]["actual"]) == ("15000.00", "5000.00")
    assert accounts["41"]["actual"] == "1365.50"  # the crew's charges
    final = budgeted.json("costs", "final", "--as-of", "2026-04-20")
    assert [s["person"] for s in final["staff"]] == ["Anne Ferrand", "Sophie Marchal"]
    assert final["invoices"][0]["in_ledger"] is None  # no ledger yet
    out = tmp_path / "final.xlsx"
    assert budgeted("costs", "final", "-o", str(out)).exit_code == 0
    assert len(load_workbook(io.BytesIO(out.read_bytes())).sheetnames) == 4
    snap = budgeted.json("costs", "snapshot", "--as-of", "2026-04-20")
    assert snap["week"] == "2026-04-20"
    assert budgeted.json("costs", "expenses") == []
    procedure = tmp_path / "procedure.pdf"
    assert budgeted("costs", "procedure", "-o", str(procedure)).exit_code == 0
    assert procedure.read_bytes().startswith(b"%PDF")


def test_the_tax_credit_from_the_actuals_names_who_is_excluded(budgeted: Folder) -> None:
    payroll = budgeted.write("paie.csv", samples.PAYROLL)
    assert budgeted("costs", "import-payroll", str(payroll)).exit_code == 0
    engaged = budgeted(
        "crew", "add", "Anne Ferrand", "--position", "Cheffe opératrice", "--department",
        "camera", "--residence", "FR",
    )  # fmt: skip
    assert engaged.exit_code == 0, engaged.output
    found = budgeted.json("taxcredit", "devis", "--from", "actuals")
    assert found["spend_from"] == "actuals"
    spend = found["eligible_spend"]
    # Anne Ferrand, resident of France: 3 250 + 1 365,50; Sophie Marchal, unknown: excluded
    assert Decimal(str(spend["eligible_eur"])) == Decimal("4615.50")
    assert Decimal(str(spend["excluded_eur"])) == Decimal("10400.00")
    excluded = spend["excluded_lines"]
    assert {line["description"].split(" 2026")[0] for line in excluded} == {"Sophie Marchal"}
    assert all("nationalité" in line["reason"] for line in excluded)
    assert found["inputs_from"]["eligible_expenses"]
    refused = budgeted("taxcredit", "devis", "--from", "réalisé")
    assert refused.exit_code == 2
