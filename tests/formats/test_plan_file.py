# SPDX-License-Identifier: AGPL-3.0-or-later
"""The plan as a JSON file: written and read back equal; every refusal names the file and
the field."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from regie.core.errors import ParseError
from regie.core.production import ProductionKind
from regie.formats.plan_file import plan_document, read_plan, write_plan
from regie.office.planning import Dependency, LinkType, Phase, Plan, Task, WorkWeek, slip
from regie.office.planning.templates import PACK_ID, PlanRequest, instantiate, template_for
from regie.rules.registry import shipped_pack

D = dt.date


def small_plan() -> Plan:
    return Plan(
        title="Le Dernier Bac",
        delivery=D(2027, 9, 30),
        kind=ProductionKind.DOCUMENTARY,
        week=WorkWeek(frozenset({0, 1, 2, 3, 4, 5}), False, frozenset({D(2027, 8, 16)})),
        start=D(2027, 6, 1),
        tasks=(
            Task("shoot", "Tournage", Phase.SHOOT, 10, resources=("Équipe",), note="customary"),
            Task(
                "edit", "Montage", Phase.POST, 20, (Dependency("shoot", LinkType.SS, 3),),
                title_en="Editing", episode=1,
            ),
            Task(
                "delivery", "Livraison", Phase.DELIVERY, 0, (Dependency("edit", lag=-1),),
                milestone=True, deadline=D(2027, 9, 30), fixed_start=D(2027, 9, 1),
            ),
        ),
    )  # fmt: skip


def test_round_trip_keeps_every_field() -> None:
    plan = slip(small_plan(), "edit", days=2, actual_start=D(2027, 6, 7))
    data = write_plan(plan)
    assert data.endswith(b"\n")
    assert read_plan(data, "plan.json") == plan
    document = json.loads(data)
    assert document["format"] == "regie.plan"
    assert document["version"] == 1
    assert document["progress"] == [
        {"task": "edit", "actual_start": "2027-06-07", "actual_finish": None,
         "duration": 22, "delay": 0}
    ]  # fmt: skip


def test_round_trip_of_a_template_plan() -> None:
    template = template_for(shipped_pack(PACK_ID), ProductionKind.TV_FICTION)
    plan = instantiate(template, PlanRequest(delivery=D(2027, 9, 30), episodes=3))
    assert read_plan(write_plan(plan), "serie.json") == plan


def _broken(change: dict[str, object]) -> bytes:
    document = plan_document(small_plan())
    document.update(change)
    return json.dumps(document).encode()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"{not json", "plan.json, line 1"),
        (b'{"format": "other"}', "not a regie plan file"),
        (_broken({"version": 7}), "version 7"),
        (_broken({"delivery": "30/09/2027"}), "field 'delivery'"),
        (_broken({"kind": "sitcom"}), "field 'kind'"),
        (_broken({"tasks": [{"id": "a", "title": "A", "phase": "post"}]}), "tasks[0].duration"),
        (_broken({"week": {"weekdays": [9]}}), "week.weekdays"),
        (
            _broken(
                {
                    "tasks": [
                        {
                            "id": "a",
                            "title": "A",
                            "phase": "post",
                            "duration": 2,
                            "dependencies": [{"task": "ghost"}],
                        }
                    ]
                }
            ),
            "'ghost'",
        ),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_refusals_name_the_file_and_the_field(data: bytes, expected: str) -> None:
    with pytest.raises(ParseError) as caught:
        read_plan(data, "plan.json")
    assert expected in str(caught.value)
    assert "plan.json" in str(caught.value)
