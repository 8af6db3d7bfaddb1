# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie fec check`` and ``regie financing check``: no production needed; a clean FEC
exits 0, a broken one 2 with every error on its line; a financing plan prints its balance,
public-aid intensity, territorial obligations and scenarios."""

from __future__ import annotations

from decimal import Decimal
from importlib import resources
from pathlib import Path

from tests.cli.conftest import Invoke, as_json

COLUMNS = (
    "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\t"
    "CompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\t"
    "ValidDate\tMontantdevise\tIdevise"
)


def demo_fec(tmp_path: Path) -> Path:
    path = tmp_path / "123456789FEC20261231.txt"
    path.write_bytes(resources.files("regie.demo").joinpath("demo.fec").read_bytes())
    return path


def test_fec_check_reads_the_demo(regie: Invoke, tmp_path: Path) -> None:
    path = demo_fec(tmp_path)
    shown = regie("fec", "check", str(path))
    assert shown.exit_code == 0, shown.output
    assert "FEC valide" in shown.stdout
    assert "ISO-8859-15" in shown.stdout
    report = as_json(regie("fec", "check", str(path), "--json"))
    assert report["valid"] is True
    assert report["balanced"] is True
    assert report["total_debit"] == report["total_credit"]
    assert report["errors"] == []
    assert report["warnings"] == []  # the legal file name
    by_analytic = report["by_analytic"]
    assert sum(Decimal(v) for v in by_analytic.values()) == 0  # a balanced ledger nets to 0
    assert Decimal(by_analytic["31"]) > 0  # cast pay on "Rôles principaux"


def test_fec_check_lists_every_error_with_its_line_and_exits_2(
    regie: Invoke, tmp_path: Path
) -> None:
    rows = [
        "AC\tAchats\tAC1\t20260309\t613500\tLocations\t\t\tP1\t20260309\tCaméra\t100,00\t0,00"
        "\t\t\t20260309\t\t",
        "AC\tAchats\tAC1\t20260309\t401000\tFournisseurs\t\t\tP1\t20260309\tCaméra\t0,00\t90,00"
        "\t\t\t20260309\t\t",
        "AC\tAchats\tAC2\t20260230\t606300\tPetit\t\t\tP2\t20260309\tPiles\t12.50\t0,00\t\t\t"
        "20260309\t\t",
        "AC\tAchats\tAC3\t20260309\t606300",
    ]
    path = tmp_path / "export.txt"
    path.write_text("\r\n".join([COLUMNS, *rows]) + "\r\n", encoding="utf-8")
    result = regie("fec", "check", str(path), "--json")
    assert result.exit_code == 2
    report = as_json(result)
    assert report["valid"] is False
    assert [(e["line"], e["column"]) for e in report["errors"]] == [
        (2, "EcritureNum"), (4, "EcritureDate"), (4, "Debit"), (5, None)
    ]  # fmt: skip
    assert all(e["message"] and e["message_en"] for e in report["errors"])
    assert report["by_analytic"] is None  # nothing imported
    assert "export.txt" in report["warnings"][0]["message_en"]
    shown = regie("fec", "check", str(path))
    assert shown.exit_code == 2
    assert "Ligne" in shown.stdout
    assert "AC1" in shown.stdout


def test_fec_check_on_a_missing_file(regie: Invoke, tmp_path: Path) -> None:
    result = regie("fec", "check", str(tmp_path / "absent.txt"))
    assert result.exit_code == 2
    assert "absent.txt" in result.stderr


PLAN = """\
title: Le Dernier Bac — plan de financement
budget_total: "1480000"
work: {kind: audiovisual, genre: fiction, minutes: 52}
sources:
  - {id: equity, kind: producer_equity, partner: Films du Passeur, amount: "80000", status: paid}
  - {id: ftv, kind: broadcaster_presale, partner: Chaîne, amount: "650000", status: granted}
  - {id: cnc, kind: cnc_automatic, partner: CNC, amount: "210000", status: requested}
  - {id: region, kind: region, partner: Région Normandie, region: Normandie, amount: "200000"}
  - {id: credit, kind: tax_credit, partner: Crédit d'impôt audiovisuel, amount: "340000"}
scenarios:
  - {id: region-refuses, title: Si la région refuse, remove: [region]}
spend:
  - {account: "52", amount: "120000", region: Normandie}
"""


def write_plan(tmp_path: Path, text: str = PLAN) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_financing_check_balance_intensity_and_scenario(regie: Invoke, tmp_path: Path) -> None:
    path = write_plan(tmp_path)
    result = regie("financing", "check", str(path), "--scenario", "region-refuses", "--json")
    assert result.exit_code == 0, result.output
    report = as_json(result)
    assert report["pack"].startswith("public-aid@")
    assert report["budget_total"] == "1480000"
    assert Decimal(report["balance"]["gap"]) == Decimal(1480000 - 1480000)
    intensity = report["intensity"]
    # public: CNC 210 000 + region 200 000 + credit 340 000 = 750 000 > 740 000 (50 %)
    assert Decimal(intensity["public_total"]) == 750000
    assert intensity["within"] is False
    assert Decimal(intensity["excess"]) == 10000
    assert Decimal(intensity["credit_refused"]) == 10000  # only the excess (CE 2023)
    assert any(s["rule"] == f"{report['pack']}:excess.refusal" for s in intensity["steps"])
    [normandie] = report["territorial"]
    assert Decimal(normandie["shortfall"]) == Decimal(200000 - 120000)
    [scenario] = report["scenarios"]
    assert scenario["id"] == "region-refuses"
    assert Decimal(scenario["balance"]["gap"]) == 200000
    assert scenario["intensity"]["within"] is True


def test_financing_check_prints_for_people(regie: Invoke, tmp_path: Path) -> None:
    path = write_plan(tmp_path)
    shown = regie("financing", "check", str(path), "--explain", "--scenario", "all")
    assert shown.exit_code == 0, shown.output
    assert "Intensité" in shown.stdout
    assert "public-aid@" in shown.stdout  # the trace names its rules
    assert "Si la région refuse" in shown.stdout
    english = regie("--lang", "en", "financing", "check", str(path), "--budget-total", "2000000")
    assert english.exit_code == 0, english.output
    assert "Within the ceiling" in english.stdout
    assert "2,000,000.00" in english.stdout


def test_financing_check_refusals_exit_2(regie: Invoke, tmp_path: Path) -> None:
    no_budget = write_plan(tmp_path, PLAN.replace('budget_total: "1480000"\n', ""))
    result = regie("financing", "check", str(no_budget))
    assert result.exit_code == 2
    assert "--budget-total" in result.stderr
    unknown = regie("financing", "check", str(write_plan(tmp_path)), "--scenario", "x", "--json")
    assert unknown.exit_code == 2
    assert "region-refuses" in as_json(unknown)["hint"]
    bad = write_plan(tmp_path, PLAN.replace("kind: region,", "kind: régional,"))
    refused = regie("financing", "check", str(bad))
    assert refused.exit_code == 2
    assert "plan.yaml" in refused.stderr
