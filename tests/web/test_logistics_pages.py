# SPDX-License-Identifier: AGPL-3.0-or-later
"""The logistics and carbon pages through the test client: forms that add and remove,
refusals that store nothing, roles, the push to the devis, the carbon page with its chart
(no inline style), frozen versions and the PDF / CSV downloads."""

from __future__ import annotations

from typing import Any

from regie.services import budgets, logistics
from regie.services.database import Database
from tests.web.conftest import Office

LEG = {"mode": "train_tgv", "origin": "Paris", "destination": "Bayeux",
       "travel_date": "2026-11-23", "people": "8", "distance_km": "270", "round_trip": "on",
       "cost": "1800"}  # fmt: skip


def test_manager_adds_and_removes_records(browser_for: Any, office: Office,
                                          database: Database) -> None:  # fmt: skip
    manager = browser_for("manager")
    base = f"/p/{office.slug}/logistics"
    assert manager.post(f"{base}/travel", LEG).status_code == 303
    for path, form in (
        ("lodging", {"place": "Hôtel du Port", "kind": "hotel_3_star", "check_in": "2026-11-23",
                     "nights": "10", "people": "8", "rate": "85"}),
        ("meals", {"meal_date": "2026-11-23", "diet": "vegetarian", "count": "20",
                   "unit_cost": "14,50"}),
        ("energy", {"entry_date": "2026-11-23", "kind": "generator_fuel", "fuel": "diesel_non_road",
                    "quantity": "200"}),
        ("equipment", {"department": "camera", "name": "Caméra"}),
        ("sources", {"kind": "archive", "title": "Bac 1962 (INA)", "typology": "institutional",
                     "asking_price": "900"}),
    ):  # fmt: skip
        response = manager.post(f"{base}/{path}", form)
        assert response.status_code == 303, (path, response.text)
    (kit,) = logistics.list_equipment(database, office.slug, actor=None)
    list_id = kit.equipment.id
    quote = {"vendor": "Loc A", "amount": "4200", "eco": ["local", "reuse"]}
    assert manager.post(f"{base}/equipment/{list_id}/quotes", quote).status_code == 303
    page = manager.get(base).text
    for expected in ("Paris → Bayeux", "Hôtel du Port", "Bac 1962 (INA)", "Loc A", "Caméra"):
        assert expected in page
    (view,) = logistics.list_legs(database, office.slug, actor=None)
    removed = manager.post(f"{base}/travel/{view.leg.id}/remove", {"version": "1"})
    assert removed.status_code == 303
    assert logistics.list_legs(database, office.slug, actor=None) == []
    stale = manager.post(f"{base}/lodging/1/remove", {"version": "7"})
    assert stale.status_code == 409


def test_refused_values_store_nothing(browser_for: Any, office: Office,
                                      database: Database) -> None:  # fmt: skip
    manager = browser_for("manager")
    base = f"/p/{office.slug}/logistics"
    for bad in ({"distance_km": "-4"}, {"mode": "boat"}, {"travel_date": "23/11/2026"}):
        response = manager.post(f"{base}/travel", {**LEG, **bad})
        assert response.status_code == 400, bad
    assert logistics.list_legs(database, office.slug, actor=None) == []


def test_roles(browser_for: Any, office: Office) -> None:
    base = f"/p/{office.slug}"
    crew = browser_for("crew")
    assert crew.get(f"{base}/logistics").status_code == 200
    assert crew.post(f"{base}/logistics/travel", LEG).status_code == 403
    assert crew.get(f"{base}/carbon").status_code == 403
    assert browser_for("outsider").get(f"{base}/logistics").status_code == 404


def test_push_and_carbon_page(browser_for: Any, office: Office, database: Database) -> None:
    producer = browser_for("producer")
    base = f"/p/{office.slug}"
    producer.post(f"{base}/logistics/travel", LEG)
    record = budgets.create_budget(database, office.slug, actor=None)
    form = {"budget": str(record.number), "version": str(record.version)}
    pushed = producer.post(f"{base}/logistics/push", form)
    assert pushed.status_code == 303
    assert pushed.headers["location"].endswith(f"/budgets/{record.number}")
    (line,) = budgets.get_budget(database, office.slug, record.number, actor=None).lines
    assert line.line.origin is not None
    assert line.line.origin.startswith("logistique/trajet/")
    page = producer.get(f"{base}/carbon")
    assert page.status_code == 200
    assert "<svg" in page.text
    assert "style=" not in page.text.split('<div class="document-frame">')[1]
    assert "12,66" in page.text  # 4320 passenger-km × 0.00293
    frozen = producer.post(f"{base}/carbon/freeze", {"kind": "provisional"})
    assert frozen.status_code == 303
    assert frozen.headers["location"].endswith("/carbon?version=1")
    assert producer.get(f"{base}/carbon?version=1").status_code == 200
    pdf = producer.get(f"{base}/carbon.pdf?version=1")
    assert pdf.content.startswith(b"%PDF")
    assert "CARBONE" in pdf.headers["content-disposition"]
    csv = producer.get(f"{base}/carbon.csv")
    assert csv.content.startswith("\ufeff".encode())
    assert "transport.train_tgv" in csv.content.decode("utf-8-sig")
