# SPDX-License-Identifier: AGPL-3.0-or-later
"""The offload end to end in a real headless Chromium: a production manager opens the
Médias section from the production's tabs, starts an offload of a card to two disks from
the form, watches the progress box (polled by htmx under the strict CSP, no inline script)
until it says the offload is verified, and sees every file verified on both destinations.
Screenshots go to tests/web/artifacts/.

Skipped when no chromium is installed, unless REGIE_REQUIRE_E2E=1 (CI): then it fails.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from regie.services.database import Database, sqlite_url
from regie.services.media_paths import ROOTS_ENV
from tests.web.conftest import ARTIFACTS, PASSWORD, live_server, make_office

pytestmark = pytest.mark.e2e


@pytest.fixture
def card(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A card of four clips (48 MB in all) under the server's only media root, and two
    empty destination disks."""
    root = tmp_path / "media"
    clips = root / "cards" / "A001" / "CLIPS"
    clips.mkdir(parents=True)
    for number in range(1, 5):
        (clips / f"A001C00{number}_250101_R1AB.mov").write_bytes(os.urandom(12_000_000))
    for disk in ("raid", "shuttle"):
        (root / disk).mkdir()
    monkeypatch.setenv(ROOTS_ENV, str(root))
    return root / "cards" / "A001"


@pytest.fixture
def server(tmp_path: Path, card: Path) -> Iterator[str]:
    db = Database(sqlite_url(tmp_path / "regie.sqlite"))
    db.upgrade()
    make_office(db, imported=False)
    with live_server(db) as url:
        yield url
    db.dispose()


def test_an_offload_started_from_the_page_ends_verified(
    page: Any, card: Path, problems: list[str]
) -> None:
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(exist_ok=True)
    page.goto("/login")
    page.fill("#email", "manager@maree.fr")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.goto("/p/maree-basse/")
    # By address, not by label: the labels follow the catalogs.
    page.locator('nav.tabs a[href="/p/maree-basse/media"]').click()
    page.locator('nav.links a[href="/p/maree-basse/media/offload"]').click()
    raid, shuttle = card.parents[1] / "raid", card.parents[1] / "shuttle"
    page.fill("#source", str(card))
    page.fill("#destinations", f"{raid}\n{shuttle}")
    page.locator("#offload-form button[type=submit]").click()
    status = page.locator("#job-status")
    expect(status).to_be_visible()
    expect(page.locator("#job-status.job-status")).to_be_attached()
    page.screenshot(path=str(ARTIFACTS / "offload-running.png"), full_page=True)
    expect(page.locator("#job-status .job-verified")).to_be_visible(timeout=60_000)
    expect(page.locator(".offload-files tbody tr")).to_have_count(4)
    expect(page.locator(".offload-files td.cell-ok")).to_have_count(8)
    expect(page.locator(".offload-files td.cell-failed")).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / "offload-verified.png"), full_page=True)
    for disk in (raid, shuttle):
        copies = sorted(p.name for p in (disk / "A001" / "CLIPS").iterdir())
        assert copies == sorted(p.name for p in (card / "CLIPS").iterdir())
    assert problems == []
