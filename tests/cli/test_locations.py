# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie location``: add, list, map sets, travel times, unavailability, remove."""

from __future__ import annotations

from tests.cli.conftest import Folder, as_json


def test_add_list_map_travel_unavailable_remove(imported: Folder) -> None:
    added = imported.json(
        "location", "add", "Phare de la Pointe", "--address", "Pointe du Raz, 29770 Plogoff",
        "--lat", "48.039", "--lon", "-4.7386", "--open", "lun-ven,dim", "--booked",
        "2027-03-01:2027-03-31", "--notes", "Accès par la digue",
    )  # fmt: skip
    assert added["name"] == "Phare de la Pointe"
    assert (added["latitude"], added["longitude"]) == ("48.039000", "-4.738600")
    assert added["open_weekdays"] == [0, 1, 2, 3, 4, 6]
    assert added["booking"] == {"start": "2027-03-01", "end": "2027-03-31"}
    quay = imported.json("location", "add", "Jetée", "--open", "fri-mon")
    assert quay["open_weekdays"] == [0, 4, 5, 6]

    mapped = imported.json("location", "map", "JETÉE", "jetée")
    assert mapped["sets"] == ["JETÉE"]
    assert (
        imported("location", "map", "PHARE - SALLE DE LA LANTERNE", str(added["id"])).exit_code == 0
    )
    travel = imported.json("location", "travel", "Jetée", "Phare de la Pointe", "25")
    assert travel == {"location_a": quay["id"], "location_b": added["id"], "minutes": 25}
    window = imported.json(
        "location", "unavailable", "Jetée", "2027-03-10", "2027-03-11", "--reason", "Marché"
    )
    assert (window["start"], window["end"], window["reason"]) == (
        "2027-03-10",
        "2027-03-11",
        "Marché",
    )

    listed = {p["name"]: p for p in imported.json("location")}
    assert listed["Jetée"]["sets"] == ["JETÉE"]
    assert listed["Jetée"]["unavailable"][0]["reason"] == "Marché"
    assert listed["Jetée"]["travel"] == [{"to": added["id"], "minutes": 25}]
    assert listed["Phare de la Pointe"]["sets"] == ["PHARE - SALLE DE LA LANTERNE"]
    shown = imported("location", "list")
    assert "Phare de la Pointe" in shown.stdout
    assert "lun., mar., mer., jeu., ven., dim." in shown.stdout
    assert "Marché" in shown.stdout

    assert imported("location", "travel", "Jetée", "Phare de la Pointe", "--remove").exit_code == 0
    assert imported.json("location")[0]["travel"] == []
    assert imported("location", "unmap", "JETÉE").exit_code == 0
    assert imported("location", "remove", "Phare de la Pointe").exit_code == 0
    remaining = imported.json("location")
    assert [(p["name"], p["sets"]) for p in remaining] == [("Jetée", [])]


def test_bad_input_is_refused_in_french_with_exit_2(imported: Folder) -> None:
    day = imported("location", "add", "Phare", "--open", "lun,funday")
    assert day.exit_code == 2
    assert "«\u00a0funday\u00a0» n’est pas un jour de la semaine" in day.stderr
    booked = imported("location", "add", "Phare", "--booked", "2027-03-01")
    assert booked.exit_code == 2
    assert "--booked" in booked.stderr
    date = imported("location", "add", "Phare", "--booked", "2027-03-01:le 5 mars")
    assert date.exit_code == 2
    assert "«\u00a0le 5 mars\u00a0» n’est pas une date" in date.stderr
    half = imported("location", "add", "Phare", "--lat", "48.1")
    assert half.exit_code == 2
    assert imported.json("location") == []  # nothing half-written
    assert imported("location", "add", "Phare").exit_code == 0
    unknown = imported("location", "map", "JETÉE", "Mont-Blanc", "--json")
    assert unknown.exit_code == 1
    assert as_json(unknown)["error"] == "NotFound"
    assert "Mont-Blanc" in as_json(unknown)["message"]
    no_set = imported("location", "map", "CHÂTEAU", "Phare")
    assert no_set.exit_code != 0
    assert "CHÂTEAU" in no_set.stderr
    backwards = imported("location", "unavailable", "Phare", "2027-03-05", "2027-03-01")
    assert backwards.exit_code == 2
