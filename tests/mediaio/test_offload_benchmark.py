# SPDX-License-Identifier: AGPL-3.0-or-later
"""benchmarks/offload.py runs end to end (tiny card) and says what it measured."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("ascmhl")

ROOT = Path(__file__).resolve().parents[2]


def test_the_offload_benchmark_measures_every_method(tmp_path: Path) -> None:
    command = [sys.executable, str(ROOT / "benchmarks/offload.py"), "--files", "2"]
    command += ["--size-mib", "1", "--runs", "2", "--dir", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120)  # noqa: S603
    report = json.loads(done.stdout)
    assert set(report["results"]) == {
        "plain_read",
        "plain_write",
        "cp_ascmhl",
        "cp_sync_ascmhl",
        "regie_offload",
        "regie_offload_cached_verify",
    }
    assert all(len(r["seconds_all"]) == 2 for r in report["results"].values())
    assert report["bytes"] == 2 * 1024 * 1024
    assert report["same_device"] is True
    assert report["ratios"]["regie_vs_plain_read"] > 0
    assert not list(tmp_path.iterdir())  # the card and the copies are removed
