# SPDX-License-Identifier: AGPL-3.0-or-later
"""Golden-file comparison: ``REGIE_UPDATE_GOLDENS=1`` rewrites the files instead."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

GOLDEN_DIR = Path(__file__).resolve().parent / "golden"


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN_DIR / name
    if os.environ.get("REGIE_UPDATE_GOLDENS") == "1":
        path.write_text(actual, encoding="utf-8", newline="")
        return
    if not path.is_file():
        raise AssertionError(
            f"golden file {path} is missing; create it with REGIE_UPDATE_GOLDENS=1 pytest "
            "tests/documents, then review it"
        )
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                f"golden/{name}",
                "rendered",
                n=2,
            )
        )
        raise AssertionError(
            f"{name} differs from its golden file (if the change is intended, rerun with "
            f"REGIE_UPDATE_GOLDENS=1 and review the diff):\n{diff[:6000]}"
        )
