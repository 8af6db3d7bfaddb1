# SPDX-License-Identifier: AGPL-3.0-or-later
"""Exact search over sets of scheduled jobs: A* with dominance rules and an upper bound.

The subset dynamic program of Garcia de la Banda, Stuckey and Chu (2011), run best-first:
a state is the set of jobs shot so far (plus the last location class when locations cost
something); its cost-so-far ``g`` is the cheapest way found to shoot that set first; its
priority ``g + h`` adds the admissible bound of :mod:`regie.schedule.sequencing_bounds`.
States that cannot beat the incumbent (from the heuristic) are never stored, so a good
incumbent keeps the frontier small; the smallest priority left on the frontier is a proven
lower bound whenever the search stops early.

Dominance rules (both keep an optimal completion of every state, so the memoised values
stay exact):

* *forced job* — when a job's cast is exactly the set of held actors (and, with locations,
  it is at the current place), shooting it now is optimal: moving it to the front can
  only shorten stays and adds no visit;
* *subsumption* — job *i* is not shot now while a job *j* is available whose cast strictly
  contains *i*'s and whose actors have all started or act in *i*: some optimal completion
  shoots *j* before *i*. Used without locations or locks, and only for jobs with no
  successor still to shoot.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from dataclasses import dataclass

from regie.schedule.sequencing_bounds import Bounds

Clock = Callable[[], float]
_EPSILON = 1e-7  # floating-point slack before rounding a bound up


class Frontier:
    """The actors of one state, computed once per expansion: ``started`` acted in
    ``scheduled``, ``left`` act in ``remaining``, ``singles`` in exactly one remaining job;
    the *held* ones are started and left."""

    __slots__ = ("held", "left", "remaining", "scheduled", "singles", "started")

    def __init__(self, b: Bounds, scheduled: int) -> None:
        remaining = b.c.full & ~scheduled
        started = left = singles = 0
        bit = 1
        for jobs in b.c.actor_jobs:
            if jobs & scheduled:
                started |= bit
            rest = jobs & remaining
            if rest:
                left |= bit
                if rest & (rest - 1) == 0:
                    singles |= bit
            bit <<= 1
        self.scheduled = scheduled
        self.remaining = remaining
        self.started = started
        self.left = left
        self.singles = singles
        self.held = started & left


frontier = Frontier


def child_held(b: Bounds, state: Frontier, job: int) -> int:
    cast = b.c.casts[job]
    return (state.started | cast) & state.left & ~(state.singles & cast)


def candidates(b: Bounds, state: Frontier, location: int) -> list[int]:
    """Jobs that may be shot next: precedences, locks, then the dominance rules."""
    c = b.c
    scheduled = state.scheduled
    if c.lock_at:
        position = scheduled.bit_count()  # no merging when locks exist: one strip per job
        locked_job = c.lock_at[position]
        if locked_job >= 0:
            ok = c.preds[locked_job] & ~scheduled == 0
            return [locked_job] if ok else []
    preds = c.preds
    if c.lock_at:
        ready = [
            j for j in _members(state.remaining) if preds[j] & ~scheduled == 0 and c.lock_of[j] < 0
        ]
    elif c.has_precedences:
        ready = [j for j in _members(state.remaining) if preds[j] & ~scheduled == 0]
    else:
        ready = _members(state.remaining)
    if c.lock_at or len(ready) <= 1:
        return ready
    held = state.held
    casts = c.casts
    for j in ready:
        if casts[j] == held and (not c.location_costs or c.locations[j] == location):
            return [j]
    if c.location_costs:
        return ready
    ready_mask = 0
    for j in ready:
        ready_mask |= 1 << j
    allowed = []
    started = state.started
    remaining = state.remaining
    supersets = c.supersets
    succs = c.succs
    for i in ready:
        others = supersets[i] & ready_mask
        if others and succs[i] & remaining == 0:
            cover = started | casts[i]
            dominated = False
            while others:
                low = others & -others
                if casts[low.bit_length() - 1] & ~cover == 0:
                    dominated = True
                    break
                others ^= low
            if dominated:
                continue
        allowed.append(i)
    return allowed


def _members(mask: int) -> list[int]:
    found = []
    while mask:
        low = mask & -mask
        found.append(low.bit_length() - 1)
        mask ^= low
    return found


@dataclass(frozen=True, slots=True)
class SearchOutcome:
    """What the exact search proved: a better order (or none), a bound, and whether the
    search space was exhausted (then the best of ``order`` and the incumbent is optimal)."""

    order: tuple[int, ...] | None
    cost: int | None
    lower_bound: int
    complete: bool
    nodes: int


def astar(
    b: Bounds,
    upper: int,
    *,
    deadline: float,
    clock: Clock,
    max_states: int = 2_000_000,
    node_limit: int | None = None,
    report: Callable[[int, int], None] | None = None,
) -> SearchOutcome:
    """Best-first search for an order cheaper than ``upper`` (states with ``g + h ≥
    upper`` are dropped). ``report(lower_bound, nodes)`` is called now and then."""
    root_h = b.lower_bound(0, -1, 0)
    if root_h >= upper:
        return SearchOutcome(None, None, upper, True, 0)
    search = _Search(b, upper, root_h)
    heap, info, full = search.heap, search.info, b.c.full
    limit = node_limit if node_limit is not None else -1
    nodes = 0
    while heap:
        f, depth, g, key = heapq.heappop(heap)
        if g > info[key][0]:
            continue  # a cheaper way to this state was found after this entry was pushed
        if key & full == full:
            return SearchOutcome(_path(info, key, full), g, g, True, nodes)
        nodes += 1
        if clock() > deadline or nodes == limit or (nodes & 1023 == 0 and len(info) > max_states):
            heapq.heappush(heap, (f, depth, g, key))
            break
        if report is not None and nodes & 1023 == 0:
            report(f, nodes)
        search.expand(key, g, depth)
    if not heap:
        return SearchOutcome(None, None, upper, True, nodes)
    return SearchOutcome(None, None, min(heap[0][0], upper), False, nodes)


class _Search:
    """The frontier (heap of ``(f, -depth, g, key)``) and the states seen
    (``key → (g, parent key, h)``); a key is the job set, plus the location class + 1
    above the job bits when locations cost something."""

    def __init__(self, b: Bounds, upper: int, root_h: int) -> None:
        self.b = b
        self.upper = upper
        self.info: dict[int, tuple[int, int, int]] = {0: (0, -1, root_h)}
        self.heap: list[tuple[int, int, int, int]] = [(root_h, 0, 0, 0)]

    def expand(self, key: int, g: int, depth: int) -> None:
        b = self.b
        c = b.c
        n = c.n
        info = self.info
        use_locations = bool(c.location_costs)
        scheduled = key & c.full
        location = (key >> n) - 1 if use_locations else -1
        state = Frontier(b, scheduled)
        held, started, left = state.held, state.started, state.left
        singles, remaining = state.singles, state.remaining
        durations, casts, cost_of, held_bound = c.durations, c.casts, b.cost_of, b.held_bound
        for job in candidates(b, state, location):
            cast = casts[job]
            step = durations[job] * cost_of(held & ~cast)
            here = -1
            if use_locations:
                here = c.locations[job]
                if here != location and c.location_jobs[here] & scheduled:
                    step += c.location_costs[here]
            child_g = g + step
            child = scheduled | (1 << job)
            child_key = child | ((here + 1) << n) if use_locations else child
            old = info.get(child_key)
            if old is not None:
                if child_g >= old[0]:
                    continue
                h = old[2]
            else:
                rest = remaining & ~(1 << job)
                bound = held_bound(rest, (started | cast) & left & ~(singles & cast))
                h = math.ceil(bound - _EPSILON) if bound > _EPSILON else 0
                if use_locations:
                    h += b.location_bound(child, rest, here)
            if child_g + h >= self.upper:
                continue
            info[child_key] = (child_g, key, h)
            heapq.heappush(self.heap, (child_g + h, depth - 1, child_g, child_key))


def _path(info: dict[int, tuple[int, int, int]], key: int, full: int) -> tuple[int, ...]:
    jobs = []
    while key != 0:
        parent = info[key][1]
        jobs.append(((key ^ parent) & full).bit_length() - 1)
        key = parent
    return tuple(reversed(jobs))


def feasible_order(b: Bounds) -> tuple[int, ...] | None:
    """Any order that keeps the precedences and locks (depth-first, dead states memoised),
    or ``None`` when there is none."""
    c = b.c
    dead: set[int] = set()
    path: list[int] = []
    stack: list[list[int]] = []
    scheduled = 0
    options = list(candidates(b, frontier(b, 0), -1))
    stack.append(options)
    while stack:
        if not stack[-1]:
            dead.add(scheduled)
            stack.pop()
            if not path:
                return None
            scheduled &= ~(1 << path.pop())
            continue
        job = stack[-1].pop()
        child = scheduled | (1 << job)
        if child in dead:
            continue
        path.append(job)
        scheduled = child
        if scheduled == c.full:
            return tuple(path)
        location = c.locations[job] if c.location_costs else -1
        stack.append(candidates(b, frontier(b, scheduled), location))
    return None
