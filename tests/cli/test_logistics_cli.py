# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie logistics`` and ``regie carbon`` on a production folder: legs, lodging, meals,
energy, quotes, sources, suggestions, the push to the devis, the estimate as JSON, PDF
and CSV, frozen versions; bad input exits non-zero and stores nothing."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest

from regie.cli.carbon import carbon_app
from regie.cli.logistics import logistics_app
from regie.cli.main import app
from tests.cli.conftest import Folder

if not any(g.name == "logistics" for g in app.registered_groups):  # wired in main.py later
    app.add_typer(logistics_app, name="logistics")
    app.add_typer(carbon_app, name="carbon")

DAY = "2026-11-23"


@pytest.fixture
def stocked(folder: Folder) -> Folder:
    for args in (
        ("travel", "add", "train_tgv", "Paris", "Bayeux", "--date", DAY, "--people", "8",
         "--km", "270", "--return", "--cost", "1800"),
        ("travel", "add", "plane", "Paris", "Nice", "--date", DAY, "--km", "690"),
        ("travel", "add", "van", "Paris", "Bayeux", "--date", DAY, "--km", "270",
         "--fuel", "60", "--cost", "350"),
        ("lodging", "add", "Hôtel du Port", "--check-in", DAY, "--nights", "10",
         "--people", "8", "--rate", "85"),
        ("meals", "add", DAY, "vegetarian", "20", "--price", "14,50"),
        ("meals", "add", DAY, "standard", "80"),
        ("energy", "add", "generator_fuel", "200", "--date", DAY, "--fuel", "diesel_non_road"),
        ("equipment", "add", "camera", "Caméra", "--item", "2x Alexa Mini"),
        ("quotes", "add", "1", "Loc A", "4200", "--eco", "local,reuse"),
        ("quotes", "add", "1", "Loc B", "3900"),
        ("sources", "add", "music", "La Mer", "commercial", "--price", "1500"),
    ):  # fmt: skip
        result = folder("logistics", *args)
        assert result.exit_code == 0, result.output
    return folder


def test_lists_and_suggestions(stocked: Folder) -> None:
    legs = stocked.json("logistics", "travel", "list")
    assert [leg["fields"]["mode"] for leg in legs] == ["train_tgv", "plane", "van"]
    assert legs[0]["distance"]["total_km"] == "540"
    (kit,) = stocked.json("logistics", "equipment", "list")
    assert [r["quote"]["fields"]["vendor"] for r in kit["comparison"]] == ["Loc B", "Loc A"]
    kinds = {s["kind"] for s in stocked.json("logistics", "suggest")}
    assert kinds == {"train", "vegetarian"}
    sources = stocked.json("logistics", "sources", "list")
    assert sources["totals"]["asked"] == "1500.00"


def test_push_to_devis_twice(stocked: Folder) -> None:
    assert stocked("logistics", "quotes", "choose", "2").exit_code == 0
    assert stocked("devis", "new").exit_code == 0
    first = stocked.json("logistics", "push", "1")
    assert first["added"] == 5  # train, van, hotel, priced meals, chosen quote
    assert first["skipped"] == ["logistique/trajet/2", "logistique/repas/2"]
    again = stocked.json("logistics", "push", "1")
    assert (again["added"], again["unchanged"]) == (0, 5)


def test_bad_input_exits_and_stores_nothing(stocked: Folder) -> None:
    result = stocked("logistics", "travel", "add", "van", "A", "B", "--date", DAY, "--km", "-3")
    assert result.exit_code != 0
    assert "distance_km" in result.output
    result = stocked("logistics", "travel", "add", "boat", "A", "B", "--date", DAY)
    assert result.exit_code != 0
    assert len(stocked.json("logistics", "travel", "list")) == 3


def test_carbon_estimate_json_pdf_csv_and_versions(stocked: Folder, tmp_path: object) -> None:
    data = stocked.json("carbon", "estimate")
    # train 12.66 + plane 690 × 0.224572 = 154.95 + van 60 × 3.07 = 184.20 + hotel 80 × 9.91
    # = 792.80 + meals 20 × 0.51 + 80 × 1.58 = 136.60 + generator 200 × 3.17 = 634.00
    assert Decimal(data["total_kg"]) == Decimal("1915.21")
    assert data["kind"] == "provisional"
    pdf = stocked.path.parent / "bilan.pdf"
    assert stocked("carbon", "estimate", "--final", "-o", str(pdf)).exit_code == 0
    assert pdf.read_bytes().startswith(b"%PDF")
    table = stocked.path.parent / "bilan.csv"
    assert stocked("carbon", "estimate", "-o", str(table)).exit_code == 0
    rows = list(csv.reader(io.StringIO(table.read_text("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + 7
    assert stocked("carbon", "estimate", "-o", "bilan.txt").exit_code != 0
    frozen = stocked.json("carbon", "freeze")
    assert frozen["number"] == 1
    assert stocked("carbon", "freeze", "--final").exit_code == 0
    assert stocked("carbon", "freeze").exit_code != 0  # nothing after the final one
    assert [v["kind"] for v in stocked.json("carbon", "versions")] == ["provisional", "final"]
    assert stocked.json("carbon", "show", "1")["total_kg"] == data["total_kg"]
