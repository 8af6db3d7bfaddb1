# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie devis draft`` in a production planned from the command line."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import regie.cli.devis_draft  # noqa: F401 - registers `regie devis draft` (main.py imports it too)
from tests.cli.conftest import Folder
from tests.cli.test_schedule_world import plan_phare


def test_draft_from_the_primary_board(imported: Folder) -> None:
    plan_phare(imported)
    board = imported.json("board", "new")
    data: dict[str, Any] = imported.json("devis", "draft", "--name", "Brouillon", "--json")
    assert data["name"] == "Brouillon"
    assert data["lines"] > 0
    assert Decimal(data["globals"]["shoot_days"]) > 0
    assert data["warnings"]  # employer.other at 0 %
    shown = imported.json("devis", "show", "--budget", str(data["number"]))
    assert Decimal(shown["total"]) == Decimal(data["total"])
    again = imported("devis", "draft", "--board", str(board["id"]))
    assert again.exit_code == 0, again.output
    names = [b["name"] for b in imported.json("devis", "list")]
    assert len(names) == 2
    assert names[0] == "Brouillon"
    assert names[1] != "Brouillon"  # a default name for the second draft


def test_an_unknown_board_is_refused(imported: Folder) -> None:
    plan_phare(imported)
    result = imported("devis", "draft", "--board", "999")
    assert result.exit_code != 0
