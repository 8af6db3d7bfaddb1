# SPDX-License-Identifier: AGPL-3.0-or-later
"""The records of the scene-sequencing problem (ordre de tournage) and their validation.

A :class:`SequencingProblem` is a set of strips (scenes, or shooting days that need the
same cast) to put in one order, shot back to back. Costs are whole numbers in one unit of
the caller's choosing (currency minor units, hundreds…); durations are whole numbers of
one unit too (days in the talent-scheduling literature). The costs minimised are:

* **idle (hold) cost** — each actor is paid ``cost_per_day`` for every unit of time
  between the start of their first strip and the end of their last one; the part of it
  spent *not* acting is the idle cost (the acting part is fixed, see
  :attr:`SequencingProblem.fixed_cost`);
* **location cost** — each maximal run of consecutive strips at one location is a visit;
  every visit to a location after the first costs that location's ``cost_per_extra_visit``.

Hard constraints: precedence pairs (``before`` is shot before ``after``) and locked strips
(a strip kept at a 0-based position of the board, to improve a board while keeping some
strips where they are). Validation names the offending field; a cycle of precedences is
named scene by scene.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from regie.core.errors import ValidationError
from regie.core.text import t


@dataclass(frozen=True, slots=True)
class Strip:
    """One scene (or group of scenes shot together) to place on the board.

    ``duration`` is in the problem's time unit (≥ 0); ``location`` names a
    :class:`ShootLocation` or is ``None`` (no location cost for that strip, but it still
    ends the run of the strip before it).
    """

    id: str
    duration: int
    location: str | None = None


@dataclass(frozen=True, slots=True)
class CastMember:
    """An actor: cost per unit of time on location, and the strips they act in."""

    id: str
    cost_per_day: int
    strips: frozenset[str]


@dataclass(frozen=True, slots=True)
class ShootLocation:
    """A location and what every visit after the first one costs."""

    id: str
    cost_per_extra_visit: int


@dataclass(frozen=True, slots=True)
class LockedStrip:
    """A strip that must stay at ``position`` (0-based) of the order."""

    strip: str
    position: int


@dataclass(frozen=True, slots=True)
class SequencingProblem:
    """Strips, cast, locations and constraints; validated on construction.

    Raises :class:`~regie.core.errors.ValidationError` naming the field at fault: an
    empty or duplicate id, a negative duration or cost, an unknown strip or location,
    a precedence cycle (named in full), or locks that clash.
    """

    strips: tuple[Strip, ...]
    cast: tuple[CastMember, ...] = ()
    locations: tuple[ShootLocation, ...] = ()
    precedences: tuple[tuple[str, str], ...] = ()
    locked: tuple[LockedStrip, ...] = ()

    def __post_init__(self) -> None:
        _validate(self)

    @property
    def strip_ids(self) -> tuple[str, ...]:
        return tuple(strip.id for strip in self.strips)

    @property
    def fixed_cost(self) -> int:
        """Order-independent cost: each actor's rate times the durations of their strips."""
        duration = {strip.id: strip.duration for strip in self.strips}
        return sum(
            member.cost_per_day * sum(duration[s] for s in member.strips) for member in self.cast
        )


@dataclass(frozen=True, slots=True)
class SearchProgress:
    """A report sent while solving: best cost found so far, proven lower bound, effort."""

    best_cost: int
    lower_bound: int
    seconds: float
    nodes: int


@dataclass(frozen=True, slots=True)
class SequencingResult:
    """An order of all strips and what it costs.

    ``idle_cost + location_cost`` is the cost minimised; ``lower_bound`` is proven (no
    order costs less); ``optimal`` is true when the search proved ``cost == lower_bound``.
    ``method`` says which engine produced the order (``"exact"``, ``"local-search"``...).
    """

    order: tuple[str, ...]
    idle_cost: int
    location_cost: int
    optimal: bool
    lower_bound: int
    seconds: float
    nodes: int
    method: str = "exact"
    notes: tuple[str, ...] = field(default=())

    @property
    def cost(self) -> int:
        return self.idle_cost + self.location_cost


def _validate(problem: SequencingProblem) -> None:
    ids = _validate_strips(problem.strips)
    location_ids = _validate_locations(problem.locations)
    for index, strip in enumerate(problem.strips):
        if strip.location is not None and strip.location not in location_ids:
            raise ValidationError(
                t("unknown location {location}", location=strip.location),
                field=f"strips[{index}].location",
                hint=t("List the location in locations, or leave the strip's location empty"),
            )
    _validate_cast(problem.cast, ids)
    for index, (before, after) in enumerate(problem.precedences):
        for name, value in (("before", before), ("after", after)):
            if value not in ids:
                raise ValidationError(
                    t("unknown scene {scene}", scene=value),
                    field=f"precedences[{index}].{name}",
                )
        if before == after:
            raise ValidationError(
                t("scene {scene} cannot be shot before itself", scene=before),
                field=f"precedences[{index}]",
            )
    cycle = precedence_cycle(problem.precedences)
    if cycle:
        raise ValidationError(
            t(
                "the precedences form a cycle, so no order can satisfy them: {cycle}",
                cycle=" → ".join((*cycle, cycle[0])),
            ),
            field="precedences",
            hint=t("Remove one of the pairs of that cycle"),
        )
    _validate_locks(problem.locked, ids, problem.precedences)


def _validate_strips(strips: Sequence[Strip]) -> set[str]:
    ids: set[str] = set()
    for index, strip in enumerate(strips):
        if not strip.id:
            raise ValidationError(t("a scene needs an id"), field=f"strips[{index}].id")
        if strip.id in ids:
            raise ValidationError(
                t("scene {scene} is listed twice", scene=strip.id), field=f"strips[{index}].id"
            )
        if strip.duration < 0:
            raise ValidationError(
                t(
                    "scene {scene} has a negative duration ({duration})",
                    scene=strip.id,
                    duration=strip.duration,
                ),
                field=f"strips[{index}].duration",
            )
        ids.add(strip.id)
    return ids


def _validate_locations(locations: Sequence[ShootLocation]) -> set[str]:
    ids: set[str] = set()
    for index, location in enumerate(locations):
        if location.id in ids:
            raise ValidationError(
                t("location {location} is listed twice", location=location.id),
                field=f"locations[{index}].id",
            )
        if location.cost_per_extra_visit < 0:
            raise ValidationError(
                t("location {location} has a negative cost", location=location.id),
                field=f"locations[{index}].cost_per_extra_visit",
            )
        ids.add(location.id)
    return ids


def _validate_cast(cast: Sequence[CastMember], ids: set[str]) -> None:
    seen: set[str] = set()
    for index, member in enumerate(cast):
        if member.id in seen:
            raise ValidationError(
                t("actor {actor} is listed twice", actor=member.id), field=f"cast[{index}].id"
            )
        seen.add(member.id)
        if member.cost_per_day < 0:
            raise ValidationError(
                t("actor {actor} has a negative cost", actor=member.id),
                field=f"cast[{index}].cost_per_day",
            )
        unknown = sorted(member.strips - ids)
        if unknown:
            raise ValidationError(
                t(
                    "actor {actor} is required in unknown scenes: {scenes}",
                    actor=member.id,
                    scenes=", ".join(unknown),
                ),
                field=f"cast[{index}].strips",
            )


def precedence_cycle(pairs: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """One cycle of the precedence graph (scene ids in order), or ``()`` when acyclic."""
    successors: dict[str, list[str]] = {}
    for before, after in pairs:
        successors.setdefault(before, []).append(after)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in successors:
        if state.get(root):
            continue
        path: list[str] = [root]
        iterators = [iter(successors.get(root, ()))]
        state[root] = 1
        while iterators:
            nxt = next(iterators[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                iterators.pop()
            elif state.get(nxt) == 1:
                return tuple(path[path.index(nxt) :])
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                iterators.append(iter(successors.get(nxt, ())))
    return ()


def _validate_locks(
    locked: Sequence[LockedStrip], ids: set[str], precedences: Sequence[tuple[str, str]]
) -> None:
    count = len(ids)
    by_position: dict[int, str] = {}
    position_of: dict[str, int] = {}
    for index, lock in enumerate(locked):
        if lock.strip not in ids:
            raise ValidationError(
                t("unknown scene {scene}", scene=lock.strip), field=f"locked[{index}].strip"
            )
        if not 0 <= lock.position < count:
            raise ValidationError(
                t(
                    "scene {scene} is locked at position {position}, outside the board "
                    "(0 to {last})",
                    scene=lock.strip,
                    position=lock.position,
                    last=count - 1,
                ),
                field=f"locked[{index}].position",
            )
        if lock.strip in position_of or lock.position in by_position:
            raise ValidationError(
                t(
                    "scene {scene} or position {position} is locked twice",
                    scene=lock.strip,
                    position=lock.position,
                ),
                field=f"locked[{index}]",
            )
        by_position[lock.position] = lock.strip
        position_of[lock.strip] = lock.position
    _validate_locks_against_precedences(position_of, precedences, count)


def _validate_locks_against_precedences(
    position_of: Mapping[str, int], precedences: Sequence[tuple[str, str]], count: int
) -> None:
    before: dict[str, set[str]] = {}
    after: dict[str, set[str]] = {}
    for first, second in precedences:
        after.setdefault(first, set()).add(second)
        before.setdefault(second, set()).add(first)
    for scene, position in position_of.items():
        ancestors = _closure(scene, before)
        descendants = _closure(scene, after)
        clash = sorted(a for a in ancestors if position_of.get(a, -1) >= position)
        clash += sorted(d for d in descendants if 0 <= position_of.get(d, count) <= position)
        if clash:
            raise ValidationError(
                t(
                    "scene {scene} is locked at position {position} but the precedences "
                    "put it on the wrong side of locked scene {other}",
                    scene=scene,
                    position=position,
                    other=clash[0],
                ),
                field="locked",
            )
        if len(ancestors) > position or len(descendants) > count - 1 - position:
            raise ValidationError(
                t(
                    "scene {scene} is locked at position {position} but {before} scenes must "
                    "come before it and {after} after it",
                    scene=scene,
                    position=position,
                    before=len(ancestors),
                    after=len(descendants),
                ),
                field="locked",
            )


def _closure(start: str, graph: Mapping[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    stack = list(graph.get(start, ()))
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(graph.get(node, ()))
    return seen
