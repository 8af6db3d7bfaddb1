# SPDX-License-Identifier: AGPL-3.0-or-later
"""Benchmark instance files: reading, errors that name file and field, objectives."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from regie.core.errors import ParseError, ValidationError
from regie.schedule.instances import objective_value, read_instance, solution_for
from regie.schedule.sequencing import solve

TINY: dict[str, Any] = {
    "name": "tiny",
    "scenes": [{"id": 1, "duration": 1}, {"id": 2, "duration": 2}, {"id": 3, "duration": 1}],
    "actors": [{"id": 1, "cost_per_day": 10}, {"id": 2, "cost_per_day": 4}],
    "requires": {"1": [1, 3], "2": [2]},
    "objective_type": "total_span_cost",
    "known_optimum": 48,
}


def _read(document: dict[str, Any]) -> Any:
    return read_instance(json.dumps(document), "tiny.json")


def test_objectives_follow_the_objective_type() -> None:
    instance = _read(TINY)
    assert instance.fixed_cost == 10 * 2 + 4 * 2
    assert objective_value(instance, [1, 2, 3]) == 28 + 10 * 2  # actor 1 waits 2 days
    assert objective_value(instance, [1, 3, 2]) == 28
    idle = _read({**TINY, "objective_type": "idle_cost"})
    assert objective_value(idle, [1, 2, 3]) == 20


def test_movie_shoot_objective_adds_location_visits() -> None:
    document = {
        **TINY,
        "objective_type": "mssp_location_plus_idle_cost",
        "scenes": [
            {"id": 1, "duration": 1, "location": 1},
            {"id": 2, "duration": 2, "location": 2},
            {"id": 3, "duration": 1, "location": 1},
        ],
        "locations": [{"id": 1, "cost_per_extra_visit": 7}, {"id": 2, "cost_per_extra_visit": 3}],
        "precedences": [[2, 1]],
    }
    instance = _read(document)
    assert objective_value(instance, [2, 1, 3]) == 0
    assert objective_value(instance, [2, 3, 1]) == 0
    result = solve(instance.problem, time_limit_s=5)
    assert result.order[0] == "2"
    assert instance.objective(result.idle_cost, result.location_cost) == 0


@pytest.mark.parametrize(
    ("change", "error", "words"),
    [
        ({"scenes": {"not": "a list"}}, ParseError, "field 'scenes': expected a list"),
        ({"objective_type": "makespan"}, ParseError, "expected one of"),
        ({"scenes": [{"id": 1}]}, ParseError, "field 'scenes[0].duration': missing"),
        ({"scenes": [{"id": 1, "duration": "two"}]}, ParseError, "expected a whole number"),
        ({"scenes": [{"id": 1, "duration": -1}]}, ValidationError, "negative duration"),
        ({"requires": {"1": [1, 9]}}, ValidationError, "requires scene 9, which is not in"),
        ({"requires": {"7": [1]}}, ValidationError, "actor 7 has scenes but is not in"),
        ({"precedences": [[1, 2], [2, 3], [3, 1]]}, ValidationError, "cycle"),
    ],
)
def test_malformed_files_name_the_file_and_the_field(
    change: dict[str, Any], error: type[Exception], words: str
) -> None:
    with pytest.raises(error, match=re.escape(words)) as raised:
        _read({**TINY, **change})
    assert "tiny.json" in str(raised.value)


def test_cyclic_precedences_in_a_file_name_the_cycle() -> None:
    with pytest.raises(ValidationError) as raised:
        _read({**TINY, "precedences": [[1, 2], [2, 3], [3, 1]]})
    assert "1 → 2 → 3 → 1" in str(raised.value)
    assert "tiny.json: precedences" in str(raised.value)


def test_text_that_is_not_json_is_a_parse_error_with_its_line() -> None:
    with pytest.raises(ParseError, match="not valid JSON") as raised:
        read_instance('{\n "name": "x",\n oops\n}', "broken.json")
    assert raised.value.file == "broken.json"
    assert raised.value.line == 3


def test_every_shared_instance_reads_and_its_published_order_scores_the_optimum(
    talent_dir: Path,
) -> None:
    for path in sorted(talent_dir.glob("*.json")):
        instance = read_instance(path.read_bytes(), path.name)
        assert instance.problem.strips, path.name
        if instance.one_optimal_order is not None and instance.known_optimum is not None:
            assert objective_value(instance, instance.one_optimal_order) == instance.known_optimum


@pytest.mark.parametrize(
    "name", ["tiny", "small", "concert", "film10", "film12", "film105", "film118", "csplib_film2"]
)
def test_shared_instances_are_solved_to_the_published_optimum(talent_dir: Path, name: str) -> None:
    path = talent_dir / f"{name}.json"
    instance = read_instance(path.read_bytes(), path.name)
    result = solve(instance.problem, time_limit_s=30)
    assert result.optimal
    assert instance.objective(result.idle_cost, result.location_cost) == instance.known_optimum
    assert objective_value(instance, result.order) == instance.known_optimum


def test_a_solution_is_reported_in_the_files_terms() -> None:
    instance = _read(TINY)
    summary = solution_for(instance, solve(instance.problem, time_limit_s=5)).to_dict()
    assert summary["objective"] == summary["lower_bound"] == 28
    assert summary["optimal"] is True
    assert summary["order"] in ([1, 3, 2], [3, 1, 2], [2, 1, 3], [2, 3, 1])
