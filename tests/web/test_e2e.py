# SPDX-License-Identifier: AGPL-3.0-or-later
"""End to end in a real headless Chromium (Playwright, the system's chromium): sign in,
import a script, open a scene, accept a suggestion, tag an element with the form, and see
both on the breakdown sheet. Screenshots go to tests/web/artifacts/ (not committed).

Skipped when no chromium is installed, unless REGIE_REQUIRE_E2E=1 (CI): then it fails.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from regie.services import accounts, productions
from regie.services.database import Database, sqlite_url
from regie.web.app import create_app
from tests.web.conftest import ARTIFACTS, DATA, PASSWORD, SECRET, free_port

pytestmark = pytest.mark.e2e


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A regie server on a free port (uvicorn in a thread), with one producer and an empty
    production; yields its base URL."""
    db = Database(sqlite_url(tmp_path / "regie.sqlite"))
    db.upgrade()
    producer = accounts.create_user(db, "yvonne@maree.fr", PASSWORD, "Yvonne Le Goff")
    productions.create_production(db, "Marée basse", "feature_film", owner=producer)
    app = create_app(db.url, secret_key=SECRET, secure_cookies=True)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    uvicorn_server = uvicorn.Server(config)
    thread = threading.Thread(target=uvicorn_server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not uvicorn_server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    # http://localhost is a secure context: Chromium keeps Secure cookies on it.
    yield f"http://localhost:{port}"
    uvicorn_server.should_exit = True
    thread.join(timeout=10)
    db.dispose()


def test_import_and_break_down_a_scene(page: Any, problems: list[str]) -> None:
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(exist_ok=True)
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login$"))
    page.fill("#email", "yvonne@maree.fr")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Mes productions")).to_be_visible()
    page.get_by_role("link", name="Marée basse").click()

    page.get_by_role("link", name="Scénario", exact=True).click()
    page.set_input_files("#file", str(DATA / "maree-basse.fountain"))
    page.get_by_role("button", name="Importer").click()
    expect(page.locator("#flash")).to_contain_text("La version 1 du scénario est importée")
    page.screenshot(path=str(ARTIFACTS / "script.png"), full_page=True)
    page.get_by_role("link", name="Vue d’ensemble").click()
    expect(page.locator(".number-card")).to_have_count(8)
    page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)

    page.get_by_role("link", name="Séquences", exact=True).click()
    expect(page.locator("tr.strip")).to_have_count(6)
    expect(page.locator("tr.strip-ext-night")).to_have_count(1)
    page.screenshot(path=str(ARTIFACTS / "scenes.png"), full_page=True)

    page.locator("tr.strip").nth(1).get_by_role("link").first.click()
    expect(page.locator(".sheet-header .number")).to_have_text("2")
    animals = page.locator(".breakdown-sheet .box-animals")
    expect(animals).not_to_contain_text("CHIEN")

    def suggestion(name: str) -> Any:
        exact = page.locator(".tag-name", has_text=re.compile(f"^{name}$"))
        return page.locator("#suggestions .tag-item").filter(has=exact)

    suggestion("CHIEN").get_by_role("button", name="Accepter").click()  # htmx swaps the panel
    expect(animals).to_contain_text("CHIEN")
    expect(suggestion("CHIEN")).to_have_count(0)

    form = page.locator("#tag-form")
    form.locator("select[name=category]").select_option("props")
    form.locator("input[name=name]").fill("Seau en zinc")
    form.locator("input[name=quantity]").fill("2")
    form.locator("button[type=submit]").click()
    props = page.locator(".breakdown-sheet .box-props")
    expect(props).to_contain_text("Seau en zinc")
    expect(props).to_contain_text("× 2")
    page.screenshot(path=str(ARTIFACTS / "scene.png"), full_page=True)

    # An error from the form lands in the message area, the page stays.
    form = page.locator("#tag-form")
    form.locator("select[name=category]").select_option("props")
    form.locator("input[name=name]").fill("Seau en zinc")
    form.locator("button[type=submit]").click()
    expect(page.locator("#flash")).to_contain_text(
        "figure déjà sur la feuille de dépouillement de la séquence 2"
    )

    page.reload()  # what was done is stored
    expect(page.locator(".breakdown-sheet .box-animals")).to_contain_text("CHIEN")
    expect(page.locator(".breakdown-sheet .box-props")).to_contain_text("Seau en zinc")

    page.get_by_role("link", name="Faisabilité").click()
    expect(page.get_by_role("heading", name="Diagnostic de faisabilité")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "feasibility.png"), full_page=True)
    page.get_by_role("link", name="Personnages").click()
    expect(page.locator("table.data tbody tr")).to_have_count(4)
    page.screenshot(path=str(ARTIFACTS / "characters.png"), full_page=True)
    page.get_by_role("link", name="Membres").click()
    expect(page.get_by_role("heading", name="Ajouter un membre")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "members.png"), full_page=True)
    page.go_back()
    page.go_back()
    page.go_back()

    page.get_by_role("button", name="EN", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Tag an element")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "scene-en.png"), full_page=True)
    # Only the refused tag (409) may show in the console: no CSP violation, no 404, no
    # request to another host.
    assert [p for p in problems if "409" not in p] == []
