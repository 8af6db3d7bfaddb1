# SPDX-License-Identifier: AGPL-3.0-or-later
"""Talent-scheduling benchmark instances: the shared JSON form read into a problem.

The form (``shared/benchmarks/talent/README.md``): ``name``, ``scenes [{id, duration,
location?}]``, ``actors [{id, cost_per_day}]``, ``requires {actor_id: [scene_ids]}``,
``objective_type``, and optionally ``locations [{id, cost_per_extra_visit}]``,
``precedences [[before, after]]``, ``known_optimum``, ``verified_here``,
``published_times``. Ids are whole numbers in the files; the problem uses their text.

Objectives (``objective_type``):

* ``total_span_cost`` — every actor paid from the start of their first scene to the end
  of their last one: idle cost + the order-independent fixed cost;
* ``idle_cost`` — the waiting part only;
* ``mssp_location_plus_idle_cost`` — idle cost + one location cost per extra visit, with
  the precedences (movie shoot scheduling).

Pure: it receives the file's text or bytes and its name (for messages); the CLI and the
benchmark read the file. Structural faults raise :class:`~regie.core.errors.ParseError`
(file named), faults of meaning raise :class:`~regie.core.errors.ValidationError` (file
and field named).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, cast

from regie.core.errors import ParseError, ValidationError
from regie.core.text import Text, t
from regie.schedule.sequencing_cost import order_cost
from regie.schedule.sequencing_model import (
    CastMember,
    SequencingProblem,
    SequencingResult,
    ShootLocation,
    Strip,
    precedence_cycle,
)

ObjectiveType = Literal["total_span_cost", "idle_cost", "mssp_location_plus_idle_cost"]
OBJECTIVE_TYPES: tuple[ObjectiveType, ...] = (
    "total_span_cost",
    "idle_cost",
    "mssp_location_plus_idle_cost",
)


@dataclass(frozen=True, slots=True)
class PublishedTime:
    """A solve time reported in the literature (machine and year as the source says)."""

    solver: str
    seconds: float
    machine: str


@dataclass(frozen=True, slots=True)
class BenchmarkInstance:
    """One instance file: the problem, how its objective is counted, what is published."""

    name: str
    problem: SequencingProblem
    objective_type: ObjectiveType
    known_optimum: int | None
    one_optimal_order: tuple[str, ...] | None
    published_times: tuple[PublishedTime, ...]

    @property
    def fixed_cost(self) -> int:
        return self.problem.fixed_cost

    def objective(self, idle_cost: int, location_cost: int) -> int:
        """The file's objective from the two costs the solver reports."""
        if self.objective_type == "total_span_cost":
            return idle_cost + self.fixed_cost
        if self.objective_type == "idle_cost":
            return idle_cost
        return idle_cost + location_cost


@dataclass(frozen=True, slots=True)
class InstanceSolution:
    """A solver result in the file's terms: what ``regie schedule solve --json`` prints."""

    objective: int
    order: tuple[int | str, ...]
    optimal: bool
    lower_bound: int
    seconds: float
    nodes: int

    def to_dict(self) -> dict[str, object]:
        return {
            "objective": self.objective,
            "order": list(self.order),
            "optimal": self.optimal,
            "lower_bound": self.lower_bound,
            "seconds": round(self.seconds, 3),
            "nodes": self.nodes,
        }


def solution_for(instance: BenchmarkInstance, result: SequencingResult) -> InstanceSolution:
    """Express ``result`` in ``instance``'s objective, scene ids as the file writes them."""
    fixed = instance.fixed_cost if instance.objective_type == "total_span_cost" else 0
    return InstanceSolution(
        objective=instance.objective(result.idle_cost, result.location_cost),
        order=tuple(int(s) if s.isdigit() else s for s in result.order),
        optimal=result.optimal,
        lower_bound=result.lower_bound + fixed,
        seconds=result.seconds,
        nodes=result.nodes,
    )


def objective_value(instance: BenchmarkInstance, order: Sequence[str | int]) -> int:
    """The objective of ``order`` (scene ids) exactly as the file defines it."""
    cost = order_cost(instance.problem, [str(scene) for scene in order])
    return instance.objective(cost.idle_cost, cost.location_cost)


def read_instance(data: str | bytes, source: str) -> BenchmarkInstance:
    """Parse and check an instance; ``source`` names the file in every message."""
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        line = getattr(error, "lineno", None)
        raise ParseError(
            t("not valid JSON: {reason}", reason=str(error)), file=source, line=line
        ) from error
    fields = _Fields(source)
    root = fields.mapping(document, "the document")
    objective = fields.text(root, "objective_type")
    if objective not in OBJECTIVE_TYPES:
        raise ParseError(
            t(
                "field 'objective_type' is {value}; expected one of {known}",
                value=objective,
                known=", ".join(OBJECTIVE_TYPES),
            ),
            file=source,
        )
    objective_type: ObjectiveType = objective
    with_locations = objective_type == "mssp_location_plus_idle_cost"
    strips = _strips(fields, root, with_locations=with_locations)
    ids = {strip.id for strip in strips}
    problem = SequencingProblem(
        strips=strips,
        cast=_cast(fields, root, ids),
        locations=_locations(fields, root, strips) if with_locations else (),
        precedences=_precedences(fields, root, ids),
    )
    known = root.get("known_optimum")
    verified = root.get("verified_here")
    optimal_order = None
    if isinstance(verified, Mapping) and isinstance(verified.get("one_optimal_order"), list):
        optimal_order = tuple(str(s) for s in verified["one_optimal_order"])
    return BenchmarkInstance(
        name=str(root.get("name", source)),
        problem=problem,
        objective_type=objective_type,
        known_optimum=known if isinstance(known, int) and not isinstance(known, bool) else None,
        one_optimal_order=optimal_order,
        published_times=_published(root),
    )


class _Fields:
    """Typed access to the JSON document with messages that name the file and field."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, what: str, path: str) -> ParseError:  # what: a short English phrase
        return ParseError(t("field '{field}': {what}", field=path, what=what), file=self.source)

    def invalid(self, message: Text, path: str) -> ValidationError:
        return ValidationError(message, field=f"{self.source}: {path}")

    def mapping(self, value: object, path: str) -> Mapping[str, object]:
        if not isinstance(value, Mapping):
            raise self.fail("expected an object", path)
        return cast(Mapping[str, object], value)

    def get(self, root: Mapping[str, object], key: str, path: str = "") -> object:
        if key not in root:
            raise self.fail("missing", f"{path}{key}")
        return root[key]

    def text(self, root: Mapping[str, object], key: str) -> str:
        value = self.get(root, key)
        if not isinstance(value, str):
            raise self.fail("expected text", key)
        return value

    def items(self, value: object, path: str) -> list[object]:
        if not isinstance(value, list):
            raise self.fail("expected a list", path)
        return value

    def ident(self, value: object, path: str) -> str:
        """An id: a whole number (as in the shared files) or a non-empty text."""
        if isinstance(value, str) and value:
            return value
        return str(self.whole(value, path))

    def whole(self, value: object, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"expected a whole number, found {value!r}", path)
        return value


def _strips(
    fields: _Fields, root: Mapping[str, object], *, with_locations: bool
) -> tuple[Strip, ...]:
    strips = []
    seen: set[str] = set()
    for k, item in enumerate(fields.items(fields.get(root, "scenes"), "scenes")):
        path = f"scenes[{k}]"
        scene = fields.mapping(item, path)
        scene_id = fields.ident(fields.get(scene, "id", f"{path}."), f"{path}.id")
        duration = fields.whole(fields.get(scene, "duration", f"{path}."), f"{path}.duration")
        if duration < 0:
            raise fields.invalid(
                t("scene {scene} has a negative duration", scene=scene_id), f"{path}.duration"
            )
        if scene_id in seen:
            raise fields.invalid(t("scene {scene} is listed twice", scene=scene_id), f"{path}.id")
        seen.add(scene_id)
        location = None
        if with_locations:
            raw = fields.get(scene, "location", f"{path}.")
            location = fields.ident(raw, f"{path}.location")
        strips.append(Strip(scene_id, duration, location))
    return tuple(strips)


def _cast(fields: _Fields, root: Mapping[str, object], ids: set[str]) -> tuple[CastMember, ...]:
    requires = fields.mapping(fields.get(root, "requires"), "requires")
    members = []
    known: set[str] = set()
    for k, item in enumerate(fields.items(fields.get(root, "actors"), "actors")):
        path = f"actors[{k}]"
        actor = fields.mapping(item, path)
        actor_id = fields.ident(fields.get(actor, "id", f"{path}."), f"{path}.id")
        rate = fields.whole(fields.get(actor, "cost_per_day", f"{path}."), f"{path}.cost_per_day")
        if rate < 0:
            raise fields.invalid(
                t("actor {actor} has a negative cost", actor=actor_id), f"{path}.cost_per_day"
            )
        scenes: set[str] = set()
        for s, scene in enumerate(fields.items(requires.get(actor_id, []), f"requires.{actor_id}")):
            scene_id = fields.ident(scene, f"requires.{actor_id}[{s}]")
            if scene_id not in ids:
                raise fields.invalid(
                    t(
                        "actor {actor} requires scene {scene}, which is not in 'scenes'",
                        actor=actor_id,
                        scene=scene_id,
                    ),
                    f"requires.{actor_id}[{s}]",
                )
            scenes.add(scene_id)
        known.add(actor_id)
        members.append(CastMember(actor_id, rate, frozenset(scenes)))
    for actor_id in requires:
        if actor_id not in known:
            raise fields.invalid(
                t("actor {actor} has scenes but is not in 'actors'", actor=actor_id),
                f"requires.{actor_id}",
            )
    return tuple(members)


def _locations(
    fields: _Fields, root: Mapping[str, object], strips: tuple[Strip, ...]
) -> tuple[ShootLocation, ...]:
    locations = []
    for k, item in enumerate(fields.items(fields.get(root, "locations"), "locations")):
        path = f"locations[{k}]"
        place = fields.mapping(item, path)
        place_id = fields.ident(fields.get(place, "id", f"{path}."), f"{path}.id")
        price = fields.whole(
            fields.get(place, "cost_per_extra_visit", f"{path}."), f"{path}.cost_per_extra_visit"
        )
        if price < 0:
            raise fields.invalid(
                t("location {location} has a negative cost", location=place_id),
                f"{path}.cost_per_extra_visit",
            )
        locations.append(ShootLocation(place_id, price))
    known = {place.id for place in locations}
    for k, strip in enumerate(strips):
        if strip.location not in known:
            raise fields.invalid(
                t(
                    "scene {scene} is at location {location}, which is not in 'locations'",
                    scene=strip.id,
                    location=str(strip.location),
                ),
                f"scenes[{k}].location",
            )
    return tuple(locations)


def _precedences(
    fields: _Fields, root: Mapping[str, object], ids: set[str]
) -> tuple[tuple[str, str], ...]:
    pairs = []
    for k, item in enumerate(fields.items(root.get("precedences", []), "precedences")):
        path = f"precedences[{k}]"
        pair = fields.items(item, path)
        if len(pair) != 2:
            raise fields.fail("expected a pair [before, after]", path)
        before = fields.ident(pair[0], f"{path}[0]")
        after = fields.ident(pair[1], f"{path}[1]")
        for scene in (before, after):
            if scene not in ids:
                raise fields.invalid(t("scene {scene} is not in 'scenes'", scene=scene), path)
        if before == after:
            raise fields.invalid(t("scene {scene} cannot come before itself", scene=before), path)
        pairs.append((before, after))
    cycle = precedence_cycle(pairs)
    if cycle:
        raise fields.invalid(
            t(
                "the precedences form a cycle, so no order can satisfy them: {cycle}",
                cycle=" → ".join((*cycle, cycle[0])),
            ),
            "precedences",
        )
    return tuple(pairs)


def _published(root: Mapping[str, object]) -> tuple[PublishedTime, ...]:
    found = []
    times = root.get("published_times")
    for item in times if isinstance(times, list) else []:
        if isinstance(item, Mapping) and isinstance(item.get("time_s"), int | float):
            found.append(
                PublishedTime(
                    str(item.get("solver", "")),
                    float(item["time_s"]),
                    str(item.get("machine", "")),
                )
            )
    return tuple(found)
