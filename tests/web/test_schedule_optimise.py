# SPDX-License-Identifier: AGPL-3.0-or-later
""" "Optimiser" on the stripboard: the job runs in the background (the app's runner), the
status fragment shows its progress — elapsed time, cost, lower bound, gap — while it runs
and polls every second, then the optimised board; an infeasible board is explained in
French, naming the constraints."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from regie.jobs.runner import InProcessRunner
from regie.services import board_reports, boards, optimise, optimise_jobs
from regie.services.database import Database
from tests.web.conftest import Browser, Office
from tests.web.planning import Planned, plan


def start(browser: Browser, url: str, **fields: str) -> int:
    answer = browser.post(f"{url}/optimise", {"time_limit": "10", **fields})
    assert answer.status_code == 303, answer.text
    return int(answer.headers["location"].split("?job=")[1])


def status(browser: Browser, url: str, job: int) -> str:
    answer = browser.get(f"{url}/optimise/{job}", headers={"HX-Request": "true"})
    assert answer.status_code == 200
    return answer.text


def test_progress_then_the_optimised_board(
    database: Database,
    planned: Planned,
    runner: InProcessRunner,
    browser_for: Callable[[str], Browser],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started, release = threading.Event(), threading.Event()
    real = optimise.optimise_board

    def held(*args: Any, progress: Any, **kwargs: Any) -> Any:
        # What the optimiser reports on finding a better board; then wait for the test.
        progress(1.5, 10, "better board", cost="5800.0000", lower_bound="2900.0000")
        started.set()
        assert release.wait(30)
        return real(*args, progress=progress, **kwargs)

    monkeypatch.setattr(optimise_jobs, "optimise_board", held)
    browser = browser_for("manager")
    url = f"/p/{planned.slug}/boards/{planned.board.id}"
    job = start(browser, url)
    assert started.wait(30)
    running = status(browser, url, job)
    assert f'hx-get="{url}/optimise/{job}" hx-trigger="every 1s"' in running
    assert "Optimisation en cours…" in running
    assert '<progress max="10.0" value="1.5">' in running
    assert '<dd class="job-cost">5\u202f800,00\u00a0€</dd>' in running
    assert '<dd class="job-bound">2\u202f900,00\u00a0€</dd>' in running
    assert '<dd class="job-gap">50\u00a0%</dd>' in running
    assert 'class="job-elapsed"' in running
    release.set()
    runner.wait(job, timeout=60)
    done = status(browser, url, job)
    assert "hx-trigger" not in done  # polling stops
    assert "Tableau optimal trouvé." in done
    assert '<dd class="job-cost">3\u202f600,00\u00a0€</dd>' in done
    assert '<dd class="job-gap">0\u00a0%</dd>' in done
    made = [b for b in boards.list_boards(database, planned.slug, 1, actor=None) if not b.primary]
    assert [b.name for b in made] == ["Version de travail (optimisé)"]
    assert f'href="/p/{planned.slug}/boards/{made[0].id}"' in done
    evaluation = board_reports.evaluate_board(database, planned.slug, made[0].id, actor=None)
    assert evaluation.feasible
    assert evaluation.cost.total == 3600
    # The board page itself shows the job when asked (no JavaScript).
    page = browser.get(f"{url}?job={job}").text
    assert "Tableau optimal trouvé." in page


def test_optimising_in_place_keeps_locks_and_refreshes_the_board(
    database: Database,
    planned: Planned,
    runner: InProcessRunner,
    browser_for: Callable[[str], Browser],
) -> None:
    browser = browser_for("producer")
    url = f"/p/{planned.slug}/boards/{planned.board.id}"
    three = planned.scene_id("3")
    browser.post(f"{url}/lock", {"scene": three, "locked": "1", "version": 1})
    answer = browser.post(f"{url}/optimise", {"time_limit": "10", "mode": "replace"}, htmx=True)
    assert answer.status_code == 200
    assert answer.text.startswith('<div id="optimise-status"')
    job = int(answer.text.split(f"{url}/optimise/")[1].split('"')[0])
    runner.wait(job, timeout=60)
    done = status(browser, url, job)
    assert "Le tableau ci-contre suit désormais l’ordre optimisé." in done
    assert f'hx-get="{url}" hx-trigger="load" hx-target="#board"' in done
    record = boards.get_board(database, planned.slug, planned.board.id, actor=None)
    assert record.version == 3
    day_one = list(record.days[0].strips)
    assert any(s.scene_id == three and s.locked for s in day_one)
    assert board_reports.evaluate_board(database, planned.slug, record.id, actor=None).feasible
    assert len(boards.list_boards(database, planned.slug, 1, actor=None)) == 1


def test_an_infeasible_board_is_explained_in_french(
    database: Database,
    office: Office,
    runner: InProcessRunner,
    browser_for: Callable[[str], Browser],
) -> None:
    tight = plan(database, office.slug, days=3)  # scenes 2 and 6 cannot share Monday
    browser = browser_for("producer")
    url = f"/p/{tight.slug}/boards/{tight.board.id}"
    job = start(browser, url)
    runner.wait(job, timeout=60)
    done = status(browser, url, job)
    assert "Aucun tableau ne peut respecter toutes les contraintes." in done
    assert "aucun plan de travail ne respecte ensemble ces contraintes" in done
    assert "Anne Kerlo" in done
    assert "séquence 4" in done
    assert "is available only" not in done  # not the English of the job's record
    assert len(boards.list_boards(database, tight.slug, 1, actor=None)) == 1


def test_refused_optimisations(
    database: Database,
    planned: Planned,
    office: Office,
    runner: InProcessRunner,
    browser_for: Callable[[str], Browser],
) -> None:
    url = f"/p/{planned.slug}/boards/{planned.board.id}"
    manager = browser_for("manager")
    too_long = manager.post(f"{url}/optimise", {"time_limit": "9000"})
    assert too_long.status_code == 400
    assert "Champ\u00a0: Temps accordé." in too_long.text
    assert browser_for("crew").post(f"{url}/optimise", {"time_limit": "10"}).status_code == 403
    job = start(manager, url)
    runner.wait(job, timeout=60)
    assert browser_for("guest").get(f"{url}/optimise/{job}").status_code == 403
    assert browser_for("outsider").get(f"{url}/optimise/{job}").status_code == 404
    # A job id of another production's page is not found either.
    other = f"/p/{office.other.slug}/boards/{planned.board.id}/optimise/{job}"
    assert browser_for("outsider").get(other).status_code == 404
