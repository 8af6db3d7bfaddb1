# SPDX-License-Identifier: AGPL-3.0-or-later
"""The stripboard end to end in a real headless Chromium: a production manager opens the
board of ``Marée basse`` (tests/web/planning.py: one violation, Anne Kerlo's scene on
the Wednesday she is away), drags that strip to Thursday with the mouse (SortableJS, then
htmx), sees the violation go and the move stored, locks a strip, and runs the optimiser
in place of the board: the progress box reports, the locked strip stays on its day, every
scene is still on the board once. Screenshots go to tests/web/artifacts/.

Skipped when no chromium is installed, unless REGIE_REQUIRE_E2E=1 (CI): then it fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from regie.services import boards
from regie.services.database import Database, sqlite_url
from tests.web.conftest import ARTIFACTS, PASSWORD, live_server, make_office
from tests.web.planning import Planned, plan

pytestmark = pytest.mark.e2e


class Site:
    url: str
    db: Database
    planned: Planned


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    """A server (uvicorn in a thread, with its job runner) over the planned production."""
    here = Site()
    here.db = Database(sqlite_url(tmp_path / "regie.sqlite"))
    here.db.upgrade()
    office = make_office(here.db)
    here.planned = plan(here.db, office.slug)
    with live_server(here.db) as url:
        here.url = url
        yield here
    here.db.dispose()


@pytest.fixture
def server(site: Site) -> str:
    """The base URL the ``page`` fixture (tests/web/conftest.py) opens."""
    return site.url


def _drag(page: Any, source: Any, target: Any) -> None:
    """A mouse drag as a person makes it: press on the strip, move in steps, release over
    the target list (SortableJS listens to the browser's drag events)."""
    start = source.bounding_box()
    end = target.bounding_box()
    assert start is not None
    assert end is not None
    page.mouse.move(start["x"] + 12, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(start["x"] + 20, start["y"] + start["height"] / 2 + 10, steps=5)
    page.mouse.move(end["x"] + 40, end["y"] + end["height"] / 2, steps=20)
    page.mouse.up()


def test_drag_lock_and_optimise_on_the_stripboard(
    page: Any, site: Site, problems: list[str]
) -> None:
    from playwright.sync_api import expect

    planned = site.planned
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto("/login")
    page.fill("#email", "manager@maree.fr")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Mes productions")).to_be_visible()
    page.goto(f"/p/{planned.slug}/boards/{planned.board.id}")

    six, one = planned.scene_id("6"), planned.scene_id("1")
    strip_six = page.locator(f"#strip-{six}")
    expect(page.locator(".board-status")).to_contain_text("1 contrainte non respectée")
    expect(strip_six).to_have_class(_has("has-violation"))
    expect(page.locator('ol.strip-list[data-day="3"]').locator(f"#strip-{six}")).to_have_count(1)
    page.screenshot(path=str(ARTIFACTS / "board-before.png"), full_page=True)

    # Drag scene 6 to Thursday: the board comes back from the server, the violation gone.
    thursday = page.locator('ol.strip-list[data-day="4"]')
    _drag(page, strip_six, thursday)
    expect(thursday.locator(f"#strip-{six}")).to_have_count(1)
    expect(page.locator(".board-status")).to_contain_text("Toutes les contraintes")
    expect(page.locator(f"#strip-{six}")).not_to_have_class(_has("has-violation"))
    stored = boards.get_board(site.db, planned.slug, planned.board.id, actor=None)
    assert [s.scene_id for s in stored.days[3].strips] == [six]
    page.reload()  # what was dropped is stored
    expect(thursday.locator(f"#strip-{six}")).to_have_count(1)
    page.screenshot(path=str(ARTIFACTS / "board-after-drag.png"), full_page=True)

    # Lock scene 1 on Monday: its strip shows the lock and can no longer be dragged.
    strip_one = page.locator(f"#strip-{one}")
    strip_one.get_by_role("button", name="Verrouiller").click()
    expect(page.locator(f"#strip-{one}")).to_have_class(_has("locked"))
    _drag(page, page.locator(f"#strip-{one}"), thursday)
    expect(page.locator('ol.strip-list[data-day="1"]').locator(f"#strip-{one}")).to_have_count(1)

    # Optimise in place of the board: progress, then the board holds the optimised order.
    page.locator("#time-limit").select_option("10")
    page.locator('input[name=mode][value="replace"]').check()
    page.get_by_role("button", name="Optimiser").click()
    expect(page.locator("#optimise-status")).to_be_visible()
    expect(page.locator("#optimise-status .job-done")).to_be_visible(timeout=60_000)
    expect(page.locator(".job-bound")).not_to_have_text("—")
    expect(page.locator('ol.strip-list[data-day="1"]').locator(f"#strip-{one}")).to_have_count(1)
    page.screenshot(path=str(ARTIFACTS / "board-optimised.png"), full_page=True)

    final = boards.get_board(site.db, planned.slug, planned.board.id, actor=None)
    placed = [s.scene_id for day in final.days for s in day.strips]
    assert sorted(placed) == sorted(s.scene_id for s in planned.board.strips())
    assert one in [s.scene_id for s in final.days[0].strips]
    assert problems == []


def _has(name: str) -> Any:
    import re

    return re.compile(rf"(^|\s){re.escape(name)}(\s|$)")
