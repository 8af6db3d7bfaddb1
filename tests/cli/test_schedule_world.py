# SPDX-License-Identifier: AGPL-3.0-or-later
"""A small production planned from the command line, shared by the schedule and board
tests: ``samples.PHARE`` imported, two locations (the lighthouse and the quay) with every
set mapped, Marthe and Antoine cast, a gaffer, and schedule version 1 of three days from
Monday 1 March 2027 at one page a day.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.cli.conftest import Folder

MONDAY = "2027-03-01"


@dataclass(frozen=True)
class World:
    folder: Folder
    marthe: int  # engagement numbers
    antoine: int
    gaffer: int
    phare: int  # location numbers
    jetee: int


def _id(folder: Folder, *args: str) -> int:
    data: dict[str, Any] = folder.json(*args)
    return int(data["id"])


def plan_phare(folder: Folder, *, jetee_open: str = "mon-fri") -> World:
    """The world of the module docstring on ``folder`` (``PHARE`` already imported)."""
    phare = _id(folder, "location", "add", "Phare", "--address", "Pointe du Raz")
    jetee = _id(folder, "location", "add", "Jetée", "--open", jetee_open)
    for set_name, place in (
        ("PHARE - SALLE DE LA LANTERNE", "Phare"),
        ("SOUS-SOL DU PHARE", "phare"),
        ("JETÉE", "Jetée"),
        ("CAMIONNETTE D'ANTOINE", str(jetee)),
    ):
        assert folder("location", "map", set_name, place).exit_code == 0
    assert folder("location", "travel", "Phare", "Jetée", "25").exit_code == 0
    marthe = _id(folder, "cast", "add", "Odile Marin", "--plays", "MARTHE", "--daily-cost", "900")
    antoine = _id(
        folder, "cast", "add", "Yann Le Goff", "--plays", "ANTOINE", "--daily-cost", "700"
    )
    gaffer = _id(
        folder, "crew", "add", "Paul Ortiz", "--position", "Chef électricien",
        "--department", "electric", "--job", "chef_electricien", "--daily-cost", "350",
    )  # fmt: skip
    created = folder("schedule", "new", "--start", MONDAY, "--days", "3", "--pace", "1")
    assert created.exit_code == 0, created.output
    return World(folder, marthe, antoine, gaffer, phare, jetee)


def test_the_world_is_planned(imported: Folder) -> None:
    world = plan_phare(imported)
    people = imported.json("people")
    assert [(p["name"], p["kind"], p["characters"]) for p in people] == [
        ("Odile Marin", "cast", ["MARTHE"]),
        ("Yann Le Goff", "cast", ["ANTOINE"]),
        ("Paul Ortiz", "crew", []),
    ]
    places = {p["name"]: p for p in imported.json("location")}
    assert places["Phare"]["sets"] == ["PHARE - SALLE DE LA LANTERNE", "SOUS-SOL DU PHARE"]
    assert places["Jetée"]["id"] == world.jetee
    assert places["Jetée"]["travel"] == [{"to": world.phare, "minutes": 25}]
    schedule = imported.json("schedule", "show")
    assert schedule["shoot_dates"] == ["2027-03-01", "2027-03-02", "2027-03-03"]
