# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie pay show|check|contract`` on the planned CLI world (IDCC 3097)."""

from __future__ import annotations

import io
from decimal import Decimal

import pdfplumber
import pytest

from regie.cli import pay
from regie.cli.main import app
from tests.cli.conftest import Folder
from tests.cli.test_schedule_world import World, plan_phare

if not any(g.name == "pay" for g in app.registered_groups):  # until main.py registers it
    app.add_typer(pay.pay_app, name="pay")


@pytest.fixture
def world(imported: Folder) -> World:
    found = plan_phare(imported)
    created = imported("board", "new")
    assert created.exit_code == 0, created.output
    return found


def test_pay_show(world: World) -> None:
    data = world.folder.json("pay", "show", str(world.gaffer))
    assert data["rate"] == {"amount": "350.00", "unit": "day"}
    assert Decimal(data["hourly"]) > 0  # the rate over the agreement's paid hours a day
    assert Decimal(data["base"]) == 350 * len(data["days"])
    premiums = sum(Decimal(p["amount"]) for p in data["premiums"])
    assert Decimal(data["gross"]) == Decimal(data["base"]) + premiums
    assert data["fringe_group"].startswith("cddu_technician")
    assert Decimal(data["total_cost"]) == Decimal(data["gross"]) + Decimal(data["charges_total"])
    shown = world.folder("pay", "show", str(world.gaffer))
    assert shown.exit_code == 0, shown.output
    assert "Paul Ortiz" in shown.output


def test_pay_check(world: World) -> None:
    cheap = world.folder.json(
        "crew", "add", "Lise Aubry", "--position", "Cheffe électricienne",
        "--department", "electric", "--job", "gaffer", "--daily-cost", "200",
    )  # fmt: skip
    found = {w["engagement"]: w for w in world.folder.json("pay", "check")}
    assert found[cheap["id"]]["kind"] == "below-minimum"
    assert Decimal(found[cheap["id"]]["minimum"]) > 200
    assert world.gaffer not in found  # chef_electricien → the grid's gaffer, paid enough
    assert world.folder("pay", "check").exit_code == 0


def test_pay_contract(world: World) -> None:
    target = world.folder.path.parent / "contrat.pdf"
    written = world.folder("pay", "contract", str(world.gaffer), "-o", str(target))
    assert written.exit_code == 0, written.output
    with pdfplumber.open(io.BytesIO(target.read_bytes())) as document:
        text = " ".join(page.extract_text() or "" for page in document.pages)
    assert "Paul Ortiz" in text
    assert "source non trouvée" in text
