# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie cast add``, ``regie crew add``, ``regie people list|unavailable|remove``."""

from __future__ import annotations

from tests.cli.conftest import Folder, as_json


def test_cast_and_crew_are_engaged_listed_and_released(imported: Folder) -> None:
    child = imported.json(
        "cast", "add", "Lou Kerhervé", "--plays", "MARTHE", "--plays", "ANTOINE",
        "--daily-cost", "450", "--birth-date", "2015-06-01", "--max-daily-minutes", "240",
    )  # fmt: skip
    assert child["kind"] == "cast"
    assert child["department"] == "cast"
    assert sorted(child["characters"]) == ["ANTOINE", "MARTHE"]
    assert child["daily_cost"] == "450.00"
    assert child["birth_date"] == "2015-06-01"
    assert child["max_daily_minutes"] == 240
    assert child["position"] == "Rôle : MARTHE, ANTOINE"
    gaffer = imported.json(
        "crew", "add", "Paul Ortiz", "--position", "Chef électricien", "--department",
        "electric", "--job", "chef_electricien", "--daily-cost", "350,50", "--from", "2027-03-01",
        "--to", "2027-03-31",
    )  # fmt: skip
    assert (gaffer["job_key"], gaffer["daily_cost"], gaffer["start"], gaffer["end"]) == (
        "chef_electricien",
        "350.50",
        "2027-03-01",
        "2027-03-31",
    )

    listed = imported.json("people")
    assert [p["name"] for p in listed] == ["Lou Kerhervé", "Paul Ortiz"]
    assert [p["name"] for p in imported.json("cast")] == ["Lou Kerhervé"]
    assert [p["name"] for p in imported.json("crew")] == ["Paul Ortiz"]
    assert [p["name"] for p in imported.json("people", "list", "--kind", "crew")] == ["Paul Ortiz"]
    shown = imported("people")
    assert "Lou Kerhervé" in shown.stdout
    assert "chef_electricien" in shown.stdout

    away = imported.json(
        "people", "unavailable", str(child["id"]), "2027-03-02", "2027-03-04", "--reason", "École"
    )
    assert away["unavailable"] == [
        {"id": away["unavailable"][0]["id"], "start": "2027-03-02", "end": "2027-03-04",
         "reason": "École"}
    ]  # fmt: skip
    said = imported("people", "unavailable", str(gaffer["id"]), "2027-03-10", "2027-03-10")
    assert said.exit_code == 0
    assert "Paul Ortiz" in said.stdout
    overlap = imported("people", "unavailable", str(child["id"]), "2027-03-04", "2027-03-05")
    assert overlap.exit_code == 2
    assert "02/03/2027" in overlap.stderr

    assert imported("people", "remove", str(gaffer["id"])).exit_code == 0
    assert [p["name"] for p in imported.json("people")] == ["Lou Kerhervé"]


def test_bad_engagements_are_refused(imported: Folder) -> None:
    nobody = imported("cast", "add", "Jean Personne", "--plays", "CAPITAINE", "--json")
    assert nobody.exit_code == 2
    assert "CAPITAINE" in as_json(nobody)["message"]
    cost = imported("cast", "add", "Jean Personne", "--plays", "MARTHE", "--daily-cost", "beaucoup")
    assert cost.exit_code == 2
    assert "«\u00a0beaucoup\u00a0» n’est pas un nombre" in cost.stderr
    born = imported("cast", "add", "Jean Personne", "--plays", "MARTHE", "--birth-date", "hier")
    assert born.exit_code == 2
    crew_as_cast = imported(
        "crew", "add", "Paul Ortiz", "--position", "Électricien", "--department", "cast"
    )
    assert crew_as_cast.exit_code == 2
    assert "regie cast add" in crew_as_cast.stderr
    assert imported.json("people") == []  # nothing half-written
    assert imported("cast", "add", "Odile Marin", "--plays", "MARTHE").exit_code == 0
    twice = imported("cast", "add", "Lou Kerhervé", "--plays", "marthe")
    assert twice.exit_code == 1
    assert "Odile Marin" in twice.stderr
    missing = imported("people", "unavailable", "99", "2027-03-01", "2027-03-02")
    assert missing.exit_code == 1


def test_a_contractual_rate_and_its_unit(imported: Folder) -> None:
    weekly = imported.json(
        "crew", "add", "Paul Ortiz", "--position", "Chef électricien", "--department",
        "electric", "--job", "chef_electricien", "--daily-cost", "350", "--rate", "1450,50",
        "--rate-unit", "week",
    )  # fmt: skip
    assert (weekly["pay_rate"], weekly["pay_unit"], weekly["daily_cost"]) == (
        "1450.50", "week", "350.00",
    )  # fmt: skip
    fee = imported.json(
        "cast", "add", "Lou Kerhervé", "--plays", "MARTHE", "--rate", "5000", "--rate-unit", "flat"
    )
    assert (fee["pay_rate"], fee["pay_unit"]) == ("5000.00", "flat")
    plain = imported.json("cast", "add", "Odile Marin", "--plays", "ANTOINE", "--daily-cost", "400")
    assert (plain["pay_rate"], plain["pay_unit"]) == (None, "day")
    listed = {p["name"]: p for p in imported.json("people")}
    assert listed["Paul Ortiz"]["pay_rate"] == "1450.50"
    shown = imported("people", "list", "--kind", "crew")
    assert "1450.50" in shown.stdout
    bad_unit = imported("crew", "add", "X", "--position", "P", "--department", "sound",
                        "--rate", "10", "--rate-unit", "month")  # fmt: skip
    assert bad_unit.exit_code == 2
    negative = imported("crew", "add", "X", "--position", "P", "--department", "sound",
                        "--rate", "-10", "--json")  # fmt: skip
    assert negative.exit_code == 2
    assert "-10" in as_json(negative)["message"]
    no_rate = imported("crew", "add", "X", "--position", "P", "--department", "sound",
                       "--rate-unit", "hour")  # fmt: skip
    assert no_rate.exit_code == 2
    assert [p["name"] for p in imported.json("people")] == [
        "Lou Kerhervé", "Odile Marin", "Paul Ortiz",
    ]  # fmt: skip


def test_residence_and_nationality_condition(imported: Folder) -> None:
    actress = imported.json(
        "cast", "add", "Lou Kerhervé", "--plays", "MARTHE", "--residence", "be", "--european",
    )  # fmt: skip
    assert (actress["residence"], actress["european"]) == ("BE", True)
    gaffer = imported.json(
        "crew", "add", "Paul Ortiz", "--position", "Chef électricien", "--department",
        "electric", "--residence", "US", "--not-european",
    )  # fmt: skip
    assert (gaffer["residence"], gaffer["european"]) == ("US", False)
    plain = imported.json("cast", "add", "Odile Marin", "--plays", "ANTOINE")
    assert (plain["residence"], plain["european"]) == (None, None)
    listed = {p["name"]: (p["residence"], p["european"]) for p in imported.json("people")}
    assert listed == {
        "Lou Kerhervé": ("BE", True), "Paul Ortiz": ("US", False), "Odile Marin": (None, None),
    }  # fmt: skip
    shown = imported("people", "list", "--kind", "crew")
    assert "US" in shown.stdout
    for bad in ("France", "F1"):
        refused = imported(
            "crew", "add", "X", "--position", "P", "--department", "sound", "--residence", bad,
            "--json",
        )  # fmt: skip
        assert refused.exit_code == 2
        error = as_json(refused)
        assert bad in error["message"]
        assert "residence" in error["where"]
    assert len(imported.json("people")) == 3
