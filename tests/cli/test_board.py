# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie board``: new, list, show (the stripboard), move, lock, night, optimise, dood,
export and worktime, on the planned sample production of ``test_schedule_world``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import icalendar
import openpyxl
import pdfplumber

from tests.cli.conftest import Folder, as_json
from tests.cli.test_schedule_world import World, plan_phare


def _strips(board: dict[str, Any]) -> list[list[str]]:
    """Each day's scenes, from `board show --json` (strips) or the short form (scenes)."""
    return [
        day["scenes"] if "scenes" in day else [s["scene"] for s in day["strips"]]
        for day in board["days"]
    ]


def _locked(board: dict[str, Any]) -> list[list[str]]:
    return [
        day["locked"] if "scenes" in day else [s["scene"] for s in day["strips"] if s["locked"]]
        for day in board["days"]
    ]


def test_a_board_is_made_shown_and_edited(imported: Folder) -> None:
    plan_phare(imported)
    made = imported.json("board", "new")
    assert (made["id"], made["name"], made["primary"]) == (1, "Scénario 1", True)
    assert sorted(label for day in made["days"] for label in day["scenes"]) == ["1", "2", "3", "4"]
    assert made["unscheduled"] == []
    listed = imported.json("board", "list")
    assert [(b["id"], b["cost"]["total"]) for b in listed] == [(1, made["cost"]["total"])]

    shown = imported.json("board", "show")  # the primary board of the newest schedule
    colours = {s["scene"]: s["colour"] for day in shown["days"] for s in day["strips"]}
    assert colours == {"1": "int-night", "2": "ext-day", "3": "ext-day", "4": "int-day"}
    heading = next(s for day in shown["days"] for s in day["strips"] if s["scene"] == "2")
    assert [c["name"] for c in heading["cast"]] == ["Odile Marin", "Yann Le Goff"]
    assert heading["location"] == "Jetée"
    assert {c["name"] for c in shown["cast"]} == {"Odile Marin", "Yann Le Goff"}
    text = imported("board", "show", "1")
    assert text.exit_code == 0
    assert "Jour 1" in text.stdout
    assert "EXT JETÉE · JOUR" in text.stdout
    assert "Rôles" in text.stdout
    assert "Total" in text.stdout

    moved = imported.json("board", "move", "1", "2", "3", "1")
    assert moved["days"][2]["scenes"][0] == "2"
    locked = imported.json("board", "lock", "1", "2")
    assert locked["days"][2]["locked"] == ["2"]
    refused = imported("board", "move", "1", "2", "1")
    assert refused.exit_code == 1
    assert "verrouillée" in refused.stderr
    assert imported.json("board", "lock", "1", "2", "--unlock")["days"][2]["locked"] == []
    out = imported.json("board", "move", "1", "4", "0")
    assert out["unscheduled"] == ["4"]
    assert imported.json("board", "move", "1", "4", "1")["unscheduled"] == []
    night = imported.json("board", "night", "1", "3")
    assert night["days"][2]["kind"] == "night"
    assert night["feasible"] is False  # scene 2 is a daylight exterior
    problems = imported("board", "show", "1")
    assert "Problèmes" in problems.stdout
    assert imported.json("board", "night", "1", "3", "--day")["feasible"] is True
    bad_day = imported("board", "night", "1", "9")
    assert bad_day.exit_code == 2
    assert "jour 9" in bad_day.stderr


def test_optimise_saves_a_board_no_dearer_than_script_order(imported: Folder) -> None:
    plan_phare(imported)
    # Script order with scene 3 moved to the last day: a second trip to the quay.
    assert imported("board", "new", "--name", "Ordre du scénario").exit_code == 0
    imported.json("board", "move", "1", "3", "3")
    start = imported.json("board", "list")[0]["cost"]["total"]
    result = imported(
        "board", "optimise", "1", "--time-limit", "10", "--save-as", "Optimisé", "--json"
    )
    assert result.exit_code == 0, result.output
    outcome = as_json(result)
    assert outcome["status"] in ("optimal", "feasible")
    assert outcome["board_id"] == 2
    assert outcome["start_cost"] == start
    assert float(outcome["cost"]) <= float(start)
    assert float(outcome["lower_bound"]) <= float(outcome["cost"])
    assert outcome["cost_breakdown"]["total"] == outcome["cost"]
    boards = {b["name"]: b for b in imported.json("board", "list")}
    assert boards["Optimisé"]["cost"]["total"] == outcome["cost"]
    assert boards["Optimisé"]["feasible"] is True
    compared = imported("board", "list")
    assert "Optimisé" in compared.stdout
    assert "Coûts comparés" in compared.stdout
    again = imported("board", "optimise", "2", "--time-limit", "5")
    assert again.exit_code == 0, again.output
    assert "Borne inférieure" in again.stdout
    assert "Écart" in again.stdout


def test_dood_exports_and_working_time(imported: Folder, tmp_path: Path) -> None:
    plan_phare(imported)
    assert imported("board", "new").exit_code == 0
    board = imported.json("board", "show", "1")
    dood = imported.json("board", "dood", "1")
    assert [d["date"] for d in dood["days"]] == [d["date"] for d in board["days"]]
    for row in dood["rows"]:
        worked = {
            day["number"]
            for day in board["days"]
            for strip in day["strips"]
            if row["name"] in {c["name"] for c in strip["cast"]}
        }
        codes = {
            n
            for n, code in enumerate(row["codes"], start=1)
            if code in ("SW", "W", "WF", "SWF", "PW")
        }
        assert codes == worked, row
        assert row["work_days"] == len(worked)
    assert {r["name"] for r in dood["rows"]} == {"Odile Marin", "Yann Le Goff"}
    assert "Odile Marin" in imported("board", "dood", "1").stdout

    schedule = tmp_path / "plan.pdf"
    assert imported("board", "export", "1", "-o", str(schedule)).exit_code == 0
    with pdfplumber.open(schedule) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "JETÉE" in text
    assert "Odile Marin" in text
    dood_pdf = tmp_path / "dood.pdf"
    assert imported("board", "export", "1", "--report", "dood", "-o", str(dood_pdf)).exit_code == 0
    with pdfplumber.open(dood_pdf) as pdf:
        assert "Yann Le Goff" in (pdf.pages[0].extract_text() or "")
    sheet = tmp_path / "dood.xlsx"
    assert imported("board", "export", "1", "-o", str(sheet)).exit_code == 0
    workbook = openpyxl.load_workbook(sheet)
    cells = {str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row}
    assert {"Odile Marin", "Yann Le Goff"} <= cells
    days = tmp_path / "jours.ics"
    assert imported("board", "export", "1", "--format", "ics", "-o", str(days)).exit_code == 0
    calendar = icalendar.Calendar.from_ical(days.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(board["days"])
    assert str(events[0]["UID"]).endswith("@regie.local")
    wrong = imported("board", "export", "1", "--report", "schedule", "-o", str(tmp_path / "p.xlsx"))
    assert wrong.exit_code == 2
    unknown = imported("board", "export", "1", "-o", str(tmp_path / "plan.docx"))
    assert unknown.exit_code == 2

    worktime = imported.json("board", "worktime", "1")
    assert worktime["packs"][1].startswith("worktime-idcc2642@")
    names = {w["name"] for w in worktime["workers"]}
    assert {"Odile Marin", "Paul Ortiz"} <= names
    for worker in worktime["workers"]:
        for violation in worker["violations"]:
            assert violation["rule"].split(":")[0] in {
                "worktime-idcc2642",
                "minors-worktime",
                "day-plan",
            }
            assert violation["source"]
            assert violation["dates"]
    shown = imported("board", "worktime", "1")
    assert shown.exit_code == 0
    assert "Blocs de règles" in shown.stdout


def _infeasible(imported: Folder) -> World:
    """Marthe is away on Wednesday, the only day the quay (scene 2) is open."""
    world = plan_phare(imported, jetee_open="wed")
    away = imported("people", "unavailable", str(world.marthe), "2027-03-03", "2027-03-03")
    assert away.exit_code == 0
    assert imported("board", "new").exit_code == 0
    return world


def test_an_impossible_board_is_explained_and_exits_1(imported: Folder) -> None:
    _infeasible(imported)
    result = imported("board", "optimise", "1", "--time-limit", "5")
    assert result.exit_code == 1
    message = result.stderr
    assert "Odile Marin" in message  # her availability…
    assert "Jetée" in message  # …and the quay's opening days
    assert "séquence 2" in message
    as_error = imported("board", "optimise", "1", "--time-limit", "5", "--json")
    assert as_error.exit_code == 1
    error = as_json(as_error)
    assert error["error"] == "Conflict"
    assert "Odile Marin" in error["message_en"]
    assert [b["name"] for b in imported.json("board", "list")] == ["Scénario 1"]  # nothing saved


def test_board_commands_need_a_board(imported: Folder) -> None:
    plan_phare(imported)
    assert imported("board", "show").exit_code == 1
    assert "regie board new" in imported("board", "show").stderr
    assert imported("board", "dood", "7").exit_code == 1
    assert imported("board", "optimise", "1", "--time-limit", "0").exit_code == 2


def test_a_board_goes_out_as_csv_and_comes_back_as_another_scenario(imported: Folder) -> None:
    plan_phare(imported)
    imported.json("board", "new")
    imported.json("board", "move", "1", "2", "3", "1")
    imported.json("board", "lock", "1", "2")
    imported.json("board", "night", "1", "1")
    exported = imported.path / "05_PLANNING" / "plan.csv"
    assert imported("board", "export", "1", "-o", str(exported)).exit_code == 0
    assert exported.read_text().splitlines()[0] == "day;date;kind;scene;locked"
    back = imported.json("board", "import", str(exported), "--name", "Retour")
    original = imported.json("board", "show", "1")
    assert back["name"] == "Retour"
    assert _strips(back) == _strips(original)
    assert [d["kind"] for d in back["days"]] == [d["kind"] for d in original["days"]]
    assert _locked(back) == _locked(original) == [[], [], ["2"]]
    # The JSON that `board show` prints comes back the same way.
    shown = imported.write("plan.json", json.dumps(original))
    assert _strips(imported.json("board", "import", str(shown))) == _strips(original)
    short = imported.write("short.json", json.dumps(back))  # and the short form
    assert _locked(imported.json("board", "import", str(short))) == _locked(original)


def test_a_malformed_board_file_exits_2_and_stores_nothing(imported: Folder) -> None:
    plan_phare(imported)
    imported.json("board", "new")
    unknown = imported.write("plan.csv", "jour;séquence\n1;1\n2;99\n")
    refused = imported("board", "import", str(unknown))
    assert refused.exit_code == 2
    assert "plan.csv, ligne 3" in refused.stderr
    assert "la séquence «\u00a099\u00a0» n’est pas dans la version 1 du scénario" in refused.stderr
    twice = imported.write("twice.csv", "day,scene\n1,1\n2,1\n")
    assert "placée deux fois (jour 1 et jour 2)" in imported("board", "import", str(twice)).stderr
    garbled = imported.write("plan.json", '{"days": [')
    assert "JSON non valide" in imported("board", "import", str(garbled)).stderr
    missing = imported("board", "import", str(imported.path / "absent.csv"))
    assert missing.exit_code == 2
    assert [b["id"] for b in imported.json("board", "list")] == [1]  # nothing was stored
