# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie schedule new|list|show|set|plan|before|same-day``."""

from __future__ import annotations

from tests.cli.conftest import Folder, as_json
from tests.cli.test_schedule_world import plan_phare


def test_a_schedule_version_is_created_set_and_shown(imported: Folder) -> None:
    none_yet = imported("schedule", "show", "--json")
    assert none_yet.exit_code == 1
    assert "regie schedule new" in as_json(none_yet)["message"]
    created = imported.json(
        "schedule", "new", "--start", "2027-03-01", "--days", "4", "--pace", "2,5", "--week",
        "6", "--name", "Tournage Bretagne",
    )  # fmt: skip
    assert created["number"] == 1
    assert created["script_version"] == 1
    assert (created["name"], created["days"], created["pages_per_day"]) == (
        "Tournage Bretagne",
        4,
        "2.5",
    )
    assert created["days_per_week"] == 6
    assert created["shoot_dates"] == ["2027-03-01", "2027-03-02", "2027-03-03", "2027-03-04"]
    second = imported.json("schedule", "new", "--start", "2027-04-05")
    assert second["number"] == 2
    assert second["pages_per_day"] == "7.50"  # TV fiction: the customary 5 to 10 pages a day
    assert [s["number"] for s in imported.json("schedule", "list")] == [1, 2]

    changed = imported.json(
        "schedule", "set", "--schedule", "1", "--days", "3", "--week", "5", "--day-off",
        "2027-03-02", "--weight", "company_move=1200", "--unit-call", "07:30", "--holidays",
    )  # fmt: skip
    assert changed["days"] == 3
    assert changed["days_off"] == ["2027-03-02"]
    assert changed["shoot_dates"] == ["2027-03-01", "2027-03-03", "2027-03-04"]
    assert changed["weights"]["company_move"] == "1200.00"
    assert changed["unit_call"] == "07:30"
    assert changed["work_on_holidays"] is True
    back = imported.json("schedule", "set", "-s", "1", "--work-day", "2027-03-02")
    assert back["days_off"] == []
    shown = imported("schedule", "show", "1")
    assert shown.exit_code == 0
    assert "Tournage Bretagne" in shown.stdout
    assert "Jours de tournage" in shown.stdout
    assert imported.json("schedule", "show")["number"] == 2  # the newest by default


def test_scene_plans_and_order_constraints(imported: Folder) -> None:
    plan_phare(imported)
    night = imported.json("schedule", "plan", "2", "--night", "--minutes", "90")
    assert (night["scene"], night["needs_night"], night["needs_day"], night["minutes"]) == (
        "2",
        True,
        False,
        90,
    )
    fixed = imported.json("schedule", "plan", "2", "--fixed", "2027-03-02")
    assert (fixed["minutes"], fixed["needs_night"], fixed["fixed_date"]) == (90, True, "2027-03-02")
    cleared = imported.json("schedule", "plan", "2", "--clear", "--day")
    assert (cleared["minutes"], cleared["needs_day"], cleared["fixed_date"]) == (None, True, None)
    assert imported.json("schedule", "before", "3", "1") == [{"before": "3", "after": "1"}]
    cycle = imported("schedule", "before", "1", "3")
    assert cycle.exit_code == 2
    assert "3" in cycle.stderr
    assert imported.json("schedule", "same-day", "1", "4") == [["1", "4"]]
    shown = imported.json("schedule", "show")
    assert [p["scene"] for p in shown["scene_plans"]] == ["2"]
    assert shown["precedences"] == [{"before": "3", "after": "1"}]
    assert shown["same_day"] == [["1", "4"]]
    text = imported("schedule", "show").stdout
    assert "Séquence 3 avant la séquence 1" in text
    assert imported.json("schedule", "before", "3", "1", "--remove") == []
    assert imported.json("schedule", "same-day", "4", "--remove") == []


def test_bad_schedule_input_exits_2_naming_the_field(imported: Folder) -> None:
    date = imported("schedule", "new", "--start", "1er mars")
    assert date.exit_code == 2
    assert "«\u00a01er mars\u00a0» n’est pas une date" in date.stderr
    week = imported("schedule", "new", "--start", "2027-03-01", "--week", "7")
    assert week.exit_code == 2
    assert "7" in week.stderr
    assert imported.json("schedule", "list") == []
    assert imported("schedule", "new", "--start", "2027-03-01").exit_code == 0
    weight = imported("schedule", "set", "--weight", "cafe=3")
    assert weight.exit_code == 2
    assert "company_move" in weight.stderr
    scene = imported("schedule", "plan", "42", "--night")
    assert scene.exit_code == 1
    assert "42" in scene.stderr
    off_calendar = imported("schedule", "plan", "1", "--fixed", "2027-03-06")  # a Saturday
    assert off_calendar.exit_code == 2
