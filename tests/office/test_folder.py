# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

import datetime as dt

import pytest

from regie.office.folder import check_name, suggest_name

TODAY = dt.date(2026, 11, 26)


@pytest.mark.parametrize(
    "path",
    [
        "02_SCENARIO/LDB_20261126_SCENARIO_episode-1_v02.pdf",
        "06_BUDGET_FINANCEMENT/LDB_20260101_DEVIS-CNC_version-tournage_v010.xlsx",
        "regie.toml",
        ".regie/regie.sqlite",
        "02_SCENARIO/LISEZMOI.md",
        "02_SCENARIO/.DS_Store",
        "rules/shoot-pace.yaml",
    ],
)
def test_good_or_exempt(path: str) -> None:
    assert check_name(path, "LDB", today=TODAY) is None


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("02_SCENARIO/scénario final V2.pdf", "does not follow"),
        ("02_SCENARIO/XYZ_20261126_SCENARIO_ep1_v01.pdf", "code XYZ"),
        ("02_SCENARIO/LDB_20261331_SCENARIO_ep1_v01.pdf", "not a real date"),
        ("02_SCENARIO/LDB_20261126_scenario_ep1_v01.pdf", "does not follow"),
        ("02_SCENARIO/LDB_20261126_SCENARIO_ep 1_v01.pdf", "does not follow"),
        ("02_SCENARIO/LDB_20261126_SCENARIO_ep1_v1.pdf", "does not follow"),
    ],
)
def test_bad_names(path: str, reason: str) -> None:
    problem = check_name(path, "LDB", today=TODAY)
    assert problem is not None
    assert reason in problem.reason
    assert (
        check_name(problem.path.rsplit("/", 1)[0] + "/" + problem.suggestion, "LDB", today=TODAY)
        is None
    )


def test_suggestion() -> None:
    assert (
        suggest_name("Scénario final V2.PDF", "LDB", TODAY)
        == "LDB_20261126_DOC_scenario-final-v2_v01.pdf"
    )
