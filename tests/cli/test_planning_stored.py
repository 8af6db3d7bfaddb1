# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie plan`` on plans stored in a production folder: ``new --save`` with the main
board's shoot dates, ``list``, ``show --stored`` (to PDF and ICS too), ``slip --stored``
and the dates it puts at risk, and the refusals of ambiguous commands."""

from __future__ import annotations

import io
from pathlib import Path

import icalendar
import pdfplumber

from tests.cli.conftest import Folder, as_json
from tests.cli.test_schedule_world import MONDAY, plan_phare

DELIVERY = "2027-12-17"


def test_a_stored_plan_from_the_board_is_listed_shown_and_slipped(
    imported: Folder, tmp_path: Path
) -> None:
    plan_phare(imported)
    board = imported.json("board", "new")
    dates = [day["date"] for day in board["days"] if day["scenes"]]
    made = imported.json("plan", "new", "tv_fiction", "--delivery", DELIVERY, "--save")
    assert made["stored"] == {"id": 1, "name": "Le Phare des Oubliés", "version": 1}
    assert made["plan"]["kind"] == "tv_fiction"
    shoot = next(t for t in made["tasks"] if t["id"] == "shoot")
    assert (shoot["start"], shoot["finish"]) == (min(dates), max(dates))
    assert shoot["start"] == MONDAY
    assert made["at_risk"] == []

    listed = imported.json("plan", "list")
    assert [(p["id"], p["name"], p["delivery"], p["version"]) for p in listed] == [
        (1, "Le Phare des Oubliés", DELIVERY, 1)
    ]
    table = imported("plan", "list")
    assert table.exit_code == 0
    assert "Fiction télévisée" in table.stdout

    shown = imported.json("plan", "show", "--stored", "1")
    assert shown["tasks"] == made["tasks"]
    margin = next(t for t in shown["tasks"] if t["id"] == "delivery")["total_float"]

    slipped = imported.json("plan", "slip", "--stored", "1", "edit", "--days", str(margin + 2))
    assert slipped["stored"]["version"] == 2
    risks = {r["task"]: r for r in slipped["at_risk"]}
    assert risks["delivery"]["kind"] == "contractual"
    assert risks["delivery"]["working_days_late"] == 2
    printed = imported("plan", "slip", "--stored", "1", "vfx", "--days", "1")
    assert printed.exit_code == 0, printed.output
    assert "3 jours ouvrés de retard" in printed.stderr

    pdf_path, ics_path = tmp_path / "gantt.pdf", tmp_path / "plan.ics"
    assert imported("plan", "show", "--stored", "1", "-o", str(pdf_path)).exit_code == 0
    with pdfplumber.open(io.BytesIO(pdf_path.read_bytes())) as pdf:
        text = " ".join((page.extract_text() or "") for page in pdf.pages)
    assert "Le Phare des Oubliés" in " ".join(text.split())
    assert imported("plan", "show", "--stored", "1", "-o", str(ics_path)).exit_code == 0
    calendar = icalendar.Calendar.from_ical(ics_path.read_bytes())
    uids = {str(e["uid"]) for e in calendar.walk("VEVENT")}
    assert "le-phare-des-oublies-plan-1-shoot@regie.local" in uids


def test_a_stored_plan_without_a_board_takes_the_given_dates(imported: Folder) -> None:
    made = imported.json(
        "plan", "new", "documentary", "--delivery", DELIVERY, "--save", "--title", "Doc",
        "--shoot-start", "2027-05-03", "--shoot-end", "2027-05-14",
    )  # fmt: skip
    shoot = next(t for t in made["tasks"] if t["id"] == "shoot")
    # Ten weekdays, Ascension Day (Thursday 13 May 2027) off.
    assert (shoot["start"], shoot["finish"], shoot["duration"]) == ("2027-05-03", "2027-05-14", 9)
    assert made["stored"]["name"] == "Doc"
    again = imported(
        "plan", "new", "documentary", "--delivery", DELIVERY, "--save", "--title", "Doc", "--json"
    )
    assert again.exit_code == 1
    assert "Doc" in as_json(again)["message_en"]


def test_ambiguous_commands_are_refused(imported: Folder, tmp_path: Path) -> None:
    neither = imported("plan", "show", "--json")
    assert neither.exit_code == 2
    both = imported("plan", "show", str(tmp_path / "plan.json"), "--stored", "1")
    assert both.exit_code == 2
    missing = imported("plan", "show", "--stored", "7", "--json")
    assert missing.exit_code == 1
    assert "plan 7" in as_json(missing)["message_en"]
    extra = imported("plan", "slip", "--stored", "1", "edit", "vfx", "--days", "1")
    assert extra.exit_code == 2
    no_task = imported("plan", "slip", str(tmp_path / "plan.json"), "--days", "1")
    assert no_task.exit_code == 2
