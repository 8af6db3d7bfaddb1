# SPDX-License-Identifier: AGPL-3.0-or-later
"""The order of the strips inside a shoot day, once the model has chosen the days.

Choices, in this order of priority:

1. **the hard rules**: precedences between two strips of the day and the order of the
   day's locked strips are kept (a topological order, always possible once the
   pre-check has ruled out cycles);
2. **the cost** as :func:`~regie.schedule.evaluate.evaluate` prices the day: strips are
   grouped by location (one visit per place: fewest company moves), the places are put
   in the order with the least travel (exact search over the orders of up to
   ``EXACT_PLACES`` places of a day, the model's planned order first), starting where
   the previous day ended and ending where the next day is planned to start when that
   saves a revisit; overtime and the day's length use the real travel times;
3. **the customary order of the light** inside a place: on a day day dawn first, then
   day, then dusk and night (interiors shot "for night"); on a night day dusk first, then
   night, dawn last; scenes of unknown light sit in the middle; script order last.

When precedences forbid every grouped order (a scene at A, then one at B, then one at A
again), the day keeps to the current place as long as the precedences allow.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence

from regie.schedule.model import Board, DayKind, ShootDay, StripSpec
from regie.schedule.optimize_rules import Instance
from regie.script.model import Light

EXACT_PLACES = 6  # 720 orders of places: a few milliseconds

_LIGHT = {
    DayKind.DAY: (Light.DAWN, Light.DAY, Light.UNKNOWN, Light.DUSK, Light.NIGHT),
    DayKind.NIGHT: (Light.DUSK, Light.NIGHT, Light.UNKNOWN, Light.DAWN, Light.DAY),
}

Score = tuple[bool, int, int]
Pick = Callable[[Sequence[str], str | None], str]


def light_rank(kind: DayKind, light: Light) -> int:
    return _LIGHT[kind].index(light)


def order_day(
    inst: Instance,
    keys: Sequence[str],
    kind: DayKind,
    plan: Sequence[str],
    *,
    before: str | None,
    after: str | None,
) -> tuple[str, ...]:
    """The shooting order of the strips ``keys`` (script order) on a day of ``kind``.

    ``plan``: the model's order of the day's places; ``before``: the place where the
    company last worked on an earlier day; ``after``: where the next day with a place is
    planned to start.
    """
    if len(keys) <= 1:
        return tuple(keys)
    strips = inst.strips
    index = {key: i for i, key in enumerate(keys)}
    light = {key: light_rank(kind, strips[key].light) for key in keys}
    places = list(dict.fromkeys(p for k in keys if (p := strips[k].location) is not None))
    planned = [p for p in dict.fromkeys(plan) if p in places]
    planned += [p for p in places if p not in planned]
    orders: list[Sequence[str]] = [planned]
    if len(places) <= EXACT_PLACES:
        orders += itertools.permutations(planned)

    def by_rank(rank: Mapping[str, int]) -> Pick:
        def pick(ready: Sequence[str], _here: str | None) -> str:
            return min(ready, key=lambda k: (_rank(strips[k], rank), light[k], index[k]))

        return pick

    def stay(ready: Sequence[str], here: str | None) -> str:
        rank = {p: i for i, p in enumerate(planned)}
        return min(
            ready,
            key=lambda k: (
                strips[k].location not in (None, here),
                _rank(strips[k], rank),
                light[k],
                index[k],
            ),
        )

    edges = _edges(inst, set(keys))
    place_of = {key: strips[key].location for key in keys}
    candidates = [
        _topological(keys, edges, by_rank({p: i for i, p in enumerate(o)}), place_of)
        for o in orders
    ]
    candidates.append(_topological(keys, edges, stay, place_of))
    return min(candidates, key=lambda order: _score(inst, order, light, before, after))


def _rank(strip: StripSpec, rank: Mapping[str, int]) -> int:
    """Strips without a place go as soon as they may: they never break a visit."""
    return -1 if strip.location is None else rank[strip.location]


def _edges(inst: Instance, keys: set[str]) -> dict[str, set[str]]:
    after: dict[str, set[str]] = {key: set() for key in keys}
    for a, b in (*inst.precedences, *inst.locked_order):
        if a in keys and b in keys:
            after[a].add(b)
    return after


def _topological(
    keys: Sequence[str],
    after: Mapping[str, set[str]],
    pick: Pick,
    place_of: Mapping[str, str | None],
) -> tuple[str, ...]:
    """Kahn's algorithm; ``pick`` chooses among the ready strips, knowing the place."""
    position = {key: i for i, key in enumerate(keys)}
    waiting = dict.fromkeys(keys, 0)
    for key in keys:
        for nxt in after[key]:
            waiting[nxt] += 1
    ready = [key for key in keys if waiting[key] == 0]
    order: list[str] = []
    here: str | None = None
    while ready:
        key = pick(ready, here)
        ready.remove(key)
        order.append(key)
        for nxt in sorted(after[key], key=position.__getitem__):
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                ready.append(nxt)
        here = place_of[key] or here
    # A cycle (refused by the pre-check) would leave strips behind: keep them all.
    placed = set(order)
    return (*order, *(k for k in keys if k not in placed))


def _score(
    inst: Instance,
    order: Sequence[str],
    light: Mapping[str, int],
    before: str | None,
    after: str | None,
) -> Score:
    """(too long, cost of the day in scaled units, light inversions) — smaller is better.

    The cost counts the day's company moves, its visits (each is a revisit unless it goes
    on from ``before``, less one when it ends at ``after``) and its overtime."""
    problem, w = inst.problem, inst.weights
    visits, travel = 0, 0
    first: str | None = None
    here: str | None = None
    for key in order:
        place = inst.strips[key].location
        if place is None or place == here:
            continue
        travel += problem.travel(here, place)
        visits += 1
        first = first or place
        here = place
    minutes = sum(inst.strips[key].minutes for key in order) + travel
    cost = (
        w.move * max(0, visits - 1)
        + w.revisit * (visits - (first is not None and first == before))
        - w.revisit * (here is not None and here == after)
        + w.overtime * max(0, minutes - problem.day_minutes)
    )
    ranks = [light[key] for key in order]
    inversions = sum(
        1 for i, j in itertools.combinations(range(len(ranks)), 2) if ranks[i] > ranks[j]
    )
    return (minutes > inst.limit, cost, inversions)


def realize(
    inst: Instance,
    day_of: Mapping[str, int],
    night: Sequence[bool],
    paths: Mapping[int, Sequence[str]],
    locked: frozenset[str] = frozenset(),
) -> Board:
    """The board of a plan: each strip's day, each day's kind, and the planned order of
    each day's places; every day ordered by :func:`order_day`, starting where the company
    last stood and ending, if it can, where the next day is planned to start."""
    dates = inst.problem.dates
    on: list[list[str]] = [[] for _ in dates]
    for key in inst.keys:
        on[day_of[key]].append(key)
    starts = [tuple(paths.get(d, ()))[:1] for d in range(len(dates))]
    days: list[ShootDay] = []
    here: str | None = None
    for d, date in enumerate(dates):
        kind = DayKind.NIGHT if night[d] else DayKind.DAY
        after = next((p[0] for p in starts[d + 1 :] if p), None)
        order = order_day(inst, on[d], kind, paths.get(d, ()), before=here, after=after)
        places = [p for k in order if (p := inst.strips[k].location) is not None]
        here = places[-1] if places else here
        days.append(ShootDay(d, date, kind, order))
    return Board(tuple(days), locked & frozenset(inst.keys))


def day_travel(inst: Instance, order: Sequence[str]) -> tuple[tuple[str, ...], int]:
    """The places of a day in visiting order (one per visit) and its travel minutes."""
    visits: list[str] = []
    for key in order:
        place = inst.strips[key].location
        if place is not None and (not visits or visits[-1] != place):
            visits.append(place)
    minutes = sum(inst.problem.travel(a, b) for a, b in itertools.pairwise(visits))
    return tuple(visits), minutes
