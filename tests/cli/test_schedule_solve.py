# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie schedule solve INSTANCE.json``: a talent-scheduling file solved without a
production, its answer checked against every order of a small instance and against the
published optimum of a shared one."""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Invoke, as_json

REPO = Path(__file__).resolve().parents[2]

# Four scenes (durations in days), three actors; Ana and Bea share scene 2 only.
SMALL: dict[str, Any] = {
    "name": "petit",
    "objective_type": "total_span_cost",
    "scenes": [
        {"id": 1, "duration": 2},
        {"id": 2, "duration": 1},
        {"id": 3, "duration": 1},
        {"id": 4, "duration": 3},
    ],
    "actors": [
        {"id": 1, "cost_per_day": 5},
        {"id": 2, "cost_per_day": 3},
        {"id": 3, "cost_per_day": 1},
    ],
    "requires": {"1": [1, 2], "2": [2, 4], "3": [1, 3, 4]},
}


def span_cost(order: tuple[int, ...]) -> int:
    """What ``order`` costs by the file's definition: each actor is paid every day from
    the start of their first scene to the end of their last one."""
    duration = {s["id"]: s["duration"] for s in SMALL["scenes"]}
    rate = {a["id"]: a["cost_per_day"] for a in SMALL["actors"]}
    start: dict[int, int] = {}
    day = 0
    for scene in order:
        start[scene] = day
        day += duration[scene]
    total = 0
    for actor, scenes in SMALL["requires"].items():
        first = min(start[s] for s in scenes)
        last = max(start[s] + duration[s] for s in scenes)
        total += rate[int(actor)] * (last - first)
    return total


@pytest.fixture(scope="session")
def film105() -> Path:
    shared = os.environ.get("REGIE_SHARED_DIR")
    path = (
        Path(shared) if shared else REPO.parent / "shared"
    ) / "benchmarks/talent/json/film105.json"
    if not path.is_file():
        pytest.skip(f"talent benchmark instance not found at {path}")
    return path


def test_a_small_instance_is_solved_to_its_optimum(regie: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "petit.json"
    path.write_text(json.dumps(SMALL), encoding="utf-8")
    result = regie("schedule", "solve", str(path), "--json", "--time-limit", "5")
    assert result.exit_code == 0, result.output
    data = as_json(result)
    assert list(data) == ["objective", "order", "optimal", "lower_bound", "seconds"]
    best = min(span_cost(order) for order in itertools.permutations((1, 2, 3, 4)))
    assert data["objective"] == best == data["lower_bound"]
    assert data["optimal"] is True
    assert sorted(data["order"]) == [1, 2, 3, 4]
    assert span_cost(tuple(data["order"])) == best
    shown = regie("schedule", "solve", str(path))
    assert shown.exit_code == 0
    assert "petit" in shown.stdout
    assert f"Coût du meilleur ordre : {best}" in shown.stdout


def test_film105_reaches_the_published_optimum(regie: Invoke, film105: Path) -> None:
    result = regie("schedule", "solve", str(film105), "--json", "--time-limit", "30")
    assert result.exit_code == 0, result.output
    data = as_json(result)
    assert (data["objective"], data["optimal"], data["lower_bound"]) == (849, True, 849)
    assert len(data["order"]) == 18


def test_unreadable_or_malformed_files_exit_2_naming_the_file(
    regie: Invoke, tmp_path: Path
) -> None:
    broken = tmp_path / "cassé.json"
    broken.write_text('{"name": "x", "scenes": [', encoding="utf-8")
    result = regie("schedule", "solve", str(broken))
    assert result.exit_code == 2
    assert "cassé.json" in result.stderr
    assert "JSON" in result.stderr
    wrong = tmp_path / "faux.json"
    wrong.write_text(json.dumps({**SMALL, "objective_type": "fastest"}), encoding="utf-8")
    refused = regie("schedule", "solve", str(wrong), "--json")
    assert refused.exit_code == 2
    assert "faux.json" in as_json(refused)["message"]
    missing = regie("schedule", "solve", str(tmp_path / "absent.json"))
    assert missing.exit_code == 2
    assert "absent.json" in missing.stderr
    folder = regie("schedule", "solve", str(tmp_path))
    assert folder.exit_code == 2
    limit = regie("schedule", "solve", str(broken), "--time-limit", "0")
    assert limit.exit_code == 2
