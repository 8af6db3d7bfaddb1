# SPDX-License-Identifier: AGPL-3.0-or-later
"""The locations office pages: the scouting form, photo upload, permits with deadlines,
the insurance register, the scouting report page and PDF, and the permit conflicts marked
on the stripboard. Refused input answers 4xx and stores nothing; crew members read only."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pdfplumber
from fastapi import FastAPI
from PIL import Image

from regie.services import location_conflicts, location_office
from regie.services.database import Database
from tests.web.conftest import Browser, Office
from tests.web.planning import MONDAY, Planned

Open = Callable[[str], Browser]
PORT = "Port de pêche"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (10, 120, 90)).save(out, "PNG")
    return out.getvalue()


def _upload(browser: Browser, path: str, name: str, data: bytes) -> object:
    return browser.client.post(
        path, data={"csrf_token": browser.token, "caption": "Le quai"},
        files={"file": (name, data, "image/png")},
    )  # fmt: skip


def test_the_scouting_form_saves_and_crew_reads_it(
    database: Database, planned: Planned, browser_for: Open
) -> None:
    port = planned.locations[PORT]
    page = f"/p/{planned.slug}/locations/{port}"
    manager = browser_for("manager")
    assert 'name="power_kva"' in manager.get(page).text
    form = {
        "kind": "transport", "access": "Quai est", "prm_access": "no", "power_kva": "36,5",
        "generator_needed": "1", "emergency_exits": "Deux sorties", "working_height_m": "4",
        "parking": "Parking du port", "noise": "noisy", "version": "0",
        "contacts": "Jeanne Le Goff ; capitainerie ; 02 98 00 00 00 ; j@port.fr\n\nYann ; gardien",
    }  # fmt: skip
    response = manager.post(f"{page}/scouting", form)
    assert response.status_code == 303, response.text
    saved = location_office.get_scouting(database, planned.slug, port, actor=None)
    assert saved.fields.power_kva is not None
    assert str(saved.fields.power_kva) == "36.5"
    assert [c.name for c in saved.fields.contacts] == ["Jeanne Le Goff", "Yann"]
    assert "Jeanne Le Goff ; capitainerie ; 02 98 00 00 00 ; j@port.fr" in manager.get(page).text
    stale = manager.post(f"{page}/scouting", {**form, "access": "autre"})
    assert stale.status_code == 409
    crew = browser_for("crew")
    shown = crew.get(page).text
    assert "Parking du port" in shown
    assert 'name="power_kva"' not in shown
    assert crew.post(f"{page}/scouting", {**form, "version": "1"}).status_code == 403


def test_a_bad_value_is_refused_and_nothing_saved(
    database: Database, planned: Planned, browser_for: Open
) -> None:
    port = planned.locations[PORT]
    manager = browser_for("manager")
    response = manager.post(
        f"/p/{planned.slug}/locations/{port}/scouting", {"power_kva": "-4", "version": "0"}
    )
    assert response.status_code == 400
    assert "power_kva" in response.text
    assert location_office.get_scouting(database, planned.slug, port, actor=None).version == 0


def test_photos_upload_show_and_refuse_what_is_not_an_image(
    database: Database, planned: Planned, browser_for: Open
) -> None:
    port = planned.locations[PORT]
    manager = browser_for("manager")
    path = f"/p/{planned.slug}/locations/{port}/photos"
    refused = _upload(manager, path, "quai.png", b"%PDF-1.4 not a photo")
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert "quai.png" in refused.text  # type: ignore[attr-defined]
    assert location_office.list_photos(database, planned.slug, port, actor=None) == []
    assert _upload(manager, path, "quai.png", _png()).status_code == 303  # type: ignore[attr-defined]
    (photo,) = location_office.list_photos(database, planned.slug, port, actor=None)
    crew = browser_for("crew")
    thumb = crew.get(f"/p/{planned.slug}/photos/{photo.id}?size=thumb")
    assert (thumb.status_code, thumb.headers["content-type"]) == (200, "image/jpeg")
    assert crew.get(f"/p/{planned.slug}/photos/{photo.id}").content == _png()
    assert f"/photos/{photo.id}?size=thumb" in crew.get(f"/p/{planned.slug}/locations/{port}").text
    assert browser_for("outsider").get(f"/p/{planned.slug}/photos/{photo.id}").status_code == 404
    removed = manager.post(
        f"/p/{planned.slug}/photos/{photo.id}/remove", {"version": "1", "location": str(port)}
    )
    assert removed.status_code == 303


def test_a_permit_conflict_is_on_the_stripboard_and_the_scouting_page(
    database: Database, planned: Planned, browser_for: Open, app: FastAPI
) -> None:
    port = planned.locations[PORT]
    slug = planned.slug
    app.state.regie.clock = lambda: dt.datetime(2027, 2, 1, 12, tzinfo=dt.UTC).timestamp()
    manager = browser_for("manager")
    before = manager.get(f"/p/{slug}/boards/{planned.board.id}").text
    assert "location-alert" not in before
    thursday = MONDAY + dt.timedelta(days=3)
    added = manager.post(
        f"/p/{slug}/locations/{port}/permits",
        {"authority": "town_hall", "authority_name": "Mairie de Test", "status": "requested",
         "covers_start": thursday.isoformat(), "covers_end": thursday.isoformat()},
    )  # fmt: skip
    assert added.status_code == 303, added.text
    (permit,) = location_office.list_permits(database, slug, actor=None)
    assert permit.deadline == thursday - dt.timedelta(days=15)  # no board day inside: its start
    found = location_conflicts.location_conflicts(database, slug, actor=None, today=None)
    days = [f.days[0] for f in found.findings if f.code == "permit.uncovered"]
    assert days, "the port is shot on the board"
    board = manager.get(f"/p/{slug}/boards/{planned.board.id}").text
    assert "location-alert" in board
    assert board.count("aucune autorisation de Mairie de Test ne couvre") >= 2  # day and strip
    scouting = manager.get(f"/p/{slug}/scouting").text
    assert "Mairie de Test" in scouting
    assert "severity-error" in scouting
    location_page = manager.get(f"/p/{slug}/locations/{port}").text
    assert "Mairie de Test" in location_page
    refused = manager.post(
        f"/p/{slug}/locations/{port}/permits",
        {"authority": "town_hall", "covers_start": "2027-02-01", "covers_end": "2027-02-02"},
    )
    assert refused.status_code == 400
    assert "covers_start" in refused.text
    assert len(location_office.list_permits(database, slug, actor=None)) == 1
    status = manager.post(
        f"/p/{slug}/permits/{permit.id}",
        {"location": str(port), "authority": "town_hall", "status": "granted",
         "version": str(permit.version)},
    )  # fmt: skip
    assert status.status_code == 303, status.text
    assert "location-alert" not in manager.get(f"/p/{slug}/boards/{planned.board.id}").text


def test_insurance_register_and_report_pdf(
    database: Database, planned: Planned, browser_for: Open, office: Office
) -> None:
    slug = planned.slug
    manager = browser_for("manager")
    response = manager.post(
        f"/p/{slug}/insurance",
        {"insurer": "Hiscox", "policy_number": "RC-1", "valid_from": "2027-01-01",
         "valid_to": "2027-03-01", "holder": "Loueur Lumière", "amount": "1 000 000"},
    )  # fmt: skip
    assert response.status_code == 303, response.text
    page = manager.get(f"/p/{slug}/scouting").text
    assert "Loueur Lumière" in page
    assert "RC-1" in page
    assert "RC-1 (Hiscox) de Loueur Lumière prend fin le 01/03/2027" in page  # days after
    bad = manager.post(
        f"/p/{slug}/insurance",
        {
            "insurer": "X",
            "policy_number": "2",
            "valid_from": "2027-03-01",
            "valid_to": "2027-01-01",
        },
    )
    assert bad.status_code == 400
    assert len(location_office.list_certificates(database, slug, actor=None)) == 1
    pdf = manager.get(f"/p/{slug}/scouting.pdf?every=1")
    assert pdf.headers["content-type"] == "application/pdf"
    with pdfplumber.open(io.BytesIO(pdf.content)) as document:
        text = "\n".join(p.extract_text() or "" for p in document.pages)
    assert PORT in text
    assert "Maison du gardien" in text
    assert browser_for("guest").get(f"/p/{slug}/scouting").status_code == 403
