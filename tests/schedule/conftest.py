# SPDX-License-Identifier: AGPL-3.0-or-later
"""Fixtures of the schedule tests: the shared talent-scheduling benchmark instances."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def talent_dir() -> Path:
    """../shared/benchmarks/talent/json when present; tests using it skip otherwise."""
    shared = os.environ.get("REGIE_SHARED_DIR")
    folder = (Path(shared) if shared else REPO.parent / "shared") / "benchmarks/talent/json"
    if not folder.is_dir():
        pytest.skip(f"talent benchmark instances not found at {folder}")
    return folder
