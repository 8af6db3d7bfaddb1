# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie plan …`` run through its own typer app (``plan_app``) with CliRunner: templates,
a new plan to JSON / PDF / ICS, show, slip and the dates it puts at risk, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from icalendar import Calendar
from typer.testing import CliRunner, Result

from regie.cli.context import set_state
from regie.cli.planning import plan_app
from regie.formats.plan_file import read_plan


@pytest.fixture(autouse=True)
def outside_any_production(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    set_state(None, "fr")


def run(*args: str) -> Result:
    return CliRunner().invoke(plan_app, list(args), catch_exceptions=False)


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_template_list() -> None:
    listed = as_json(run("template", "list", "--json"))
    assert [t["kind"] for t in listed] == [
        "feature_film", "tv_fiction", "documentary", "magazine", "live_capture", "corporate",
    ]  # fmt: skip
    assert all(t["pack"] == "retroplanning-templates@2026.1" and t["tasks"] > 5 for t in listed)
    shown = run("template", "list")
    assert shown.exit_code == 0
    assert "Long métrage cinéma" in shown.stdout


def test_new_show_and_slip_through_a_plan_file(tmp_path: Path) -> None:
    plan_file = tmp_path / "plan.json"
    made = as_json(
        run("new", "documentary", "--delivery", "2027-09-30", "-o", str(plan_file), "--json")
    )
    assert made["plan"]["delivery"] == "2027-09-30"
    assert made["plan"]["feasible"] is True
    assert made["at_risk"] == []
    assert made["critical_path"][-1] == "delivery"
    assert {"shoot", "edit", "picture_lock"} <= set(made["critical_path"])
    assert "production_account" not in made["critical_path"]  # six months of margin
    stored = read_plan(plan_file.read_bytes(), "plan.json")
    assert stored.start is not None
    assert stored.start.isoformat() == made["plan"]["start"]
    shown = as_json(run("show", str(plan_file), "--json"))
    assert shown["tasks"] == made["tasks"]
    edit = next(t for t in shown["tasks"] if t["id"] == "edit")
    assert edit["critical"]
    assert edit["total_float"] == 0
    assert shown["post"][0]["contractual"] == "2027-09-30"

    slipped = as_json(run("slip", str(plan_file), "edit", "--days", "4", "--json"))
    assert slipped["plan"]["start"] == made["plan"]["start"]  # the start is kept
    risks = {r["task"]: r for r in slipped["at_risk"]}
    assert risks["delivery"]["kind"] == "contractual"
    assert risks["delivery"]["working_days_late"] == 4
    assert risks["picture_lock"]["kind"] == "milestone"
    after = read_plan(plan_file.read_bytes(), "plan.json")
    assert [(p.task, p.duration) for p in after.progress] == [("edit", 44)]

    printed = run("slip", str(plan_file), "edit", "--days", "1")
    assert printed.exit_code == 0
    assert "Livraison" in printed.stderr
    assert "5 jours ouvrés de retard" in printed.stderr


def test_new_writes_pdf_and_ics(tmp_path: Path) -> None:
    pdf = tmp_path / "plan.pdf"
    result = run(
        "new", "corporate", "--delivery", "2027-06-30", "--shoot-start", "2027-05-18",
        "--shoot-end", "2027-05-19", "--title", "Film Acme", "-o", str(pdf),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        assert page.width > page.height
        assert "Film Acme" in (page.extract_text(x_tolerance=1) or "")
    ics = tmp_path / "plan.ics"
    assert run("new", "corporate", "--delivery", "2027-06-30", "-o", str(ics)).exit_code == 0
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert any(str(e["uid"]).endswith("-delivery-deadline@regie.local") for e in events)


def test_series_options(tmp_path: Path) -> None:
    made = as_json(
        run(
            "new",
            "tv_fiction",
            "--delivery",
            "2027-12-17",
            "--episodes",
            "2",
            "--episode-delivery",
            "2027-11-30",
            "--minors",
            "--json",
        )
    )
    ids = {t["id"] for t in made["tasks"]}
    assert {"edit.e01", "edit.e02", "minors"} <= ids
    first = next(t for t in made["tasks"] if t["id"] == "episode_delivery.e01")
    assert first["deadline"] == "2027-11-30"
    assert [u["episode"] for u in made["post"]] == [1, 2]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("new", "sitcom", "--delivery", "2027-09-30"), "sitcom"),
        (("new", "documentary", "--delivery", "30/09/2027"), "30/09/2027"),
        (("new", "documentary", "--delivery", "2027-09-30", "-o", "plan.txt"), ".txt"),
        (("show", "missing.json"), "missing.json"),
    ],
)
def test_errors_exit_2_with_a_message(args: tuple[str, ...], expected: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert expected in result.stderr


def test_slip_errors(tmp_path: Path) -> None:
    plan_file = tmp_path / "plan.json"
    assert run("new", "magazine", "--delivery", "2027-09-30", "-o", str(plan_file)).exit_code == 0
    before = plan_file.read_bytes()
    unknown = run("slip", str(plan_file), "ghost", "--days", "2", "--json")
    assert unknown.exit_code == 2
    assert json.loads(unknown.stdout)["error"] == "ValidationError"
    assert run("slip", str(plan_file), "shoot").exit_code == 2  # nothing to record
    assert plan_file.read_bytes() == before  # a refused slip leaves the file as it was
