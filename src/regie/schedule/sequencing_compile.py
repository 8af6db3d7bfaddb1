# SPDX-License-Identifier: AGPL-3.0-or-later
"""Preprocessing of a sequencing problem into the bit-mask form the engines search.

Reductions that keep at least one optimal order (Garcia de la Banda, Stuckey and Chu,
"Solving talent scheduling with dynamic programming", INFORMS J. Computing 23(1), 2011):

* actors who cost nothing or act in a single strip are never idle: they leave the idle
  computation (their acting cost is the order-independent fixed cost);
* strips with the same remaining cast (and, when locations cost something, the same
  location class) are shot back to back in some optimal order, so they become one *job*
  whose duration is the sum — unless a precedence or a lock names one of them. (Exchange
  argument: moving one next to the other, on whichever side has the cheaper crew on
  location, never lengthens an actor's stay and never adds a location visit.);
* without location costs, locks or precedences on them, strips left with no idle-relevant
  actor cost nothing when shot first: they form a fixed prefix;
* locations that cost nothing (and strips without a location) are one class: they only
  matter as "not the same place" for the costly ones.

Jobs carry the actors as bit masks (bit *a* = actor *a*), predecessors and location
classes, so a state of the search is an ``int`` set of scheduled jobs.
"""

from __future__ import annotations

from dataclasses import dataclass

from regie.schedule.sequencing_model import SequencingProblem


@dataclass(frozen=True, slots=True)
class Compiled:
    """The problem as jobs and bit masks (internal to the engines).

    ``locations[j]`` is the location class of job *j* (``-1`` when locations cost
    nothing); ``lock_at[p]`` the job locked at strip position *p* (``-1`` for a free
    position; empty tuple without locks); ``members[j]`` the strip indices of job *j* in
    shooting order; ``prefix`` strip indices shot before every job at no cost.
    """

    durations: tuple[int, ...]
    casts: tuple[int, ...]
    actor_costs: tuple[int, ...]
    actor_jobs: tuple[int, ...]
    locations: tuple[int, ...]
    location_costs: tuple[int, ...]
    location_jobs: tuple[int, ...]
    preds: tuple[int, ...]
    succs: tuple[int, ...]
    members: tuple[tuple[int, ...], ...]
    lock_at: tuple[int, ...]
    lock_of: tuple[int, ...]
    prefix: tuple[int, ...]
    supersets: tuple[int, ...]

    @property
    def n(self) -> int:
        return len(self.durations)

    @property
    def full(self) -> int:
        return (1 << len(self.durations)) - 1

    @property
    def use_locations(self) -> bool:
        return bool(self.location_costs)

    @property
    def locked(self) -> bool:
        return bool(self.lock_at)

    @property
    def has_precedences(self) -> bool:
        return any(self.preds)

    def strip_order(self, jobs: list[int] | tuple[int, ...]) -> tuple[int, ...]:
        """Strip indices of a job order, the free prefix first."""
        order = list(self.prefix)
        for job in jobs:
            order.extend(self.members[job])
        return tuple(order)


def compile_problem(problem: SequencingProblem) -> Compiled:
    """Reduce ``problem`` to jobs (see the module docstring for the reductions)."""
    index = {strip.id: i for i, strip in enumerate(problem.strips)}
    count = len(problem.strips)
    locked_strips = {index[lock.strip] for lock in problem.locked}
    constrained = set(locked_strips)
    for before, after in problem.precedences:
        constrained.update((index[before], index[after]))
    location_class = _location_classes(problem, index)

    # Actors as strip sets; iterate drop/merge until nothing changes.
    actor_strips = [
        (member.cost_per_day, frozenset(index[s] for s in member.strips))
        for member in problem.cast
        if member.cost_per_day > 0
    ]
    groups: list[list[int]] = [[i] for i in range(count)]
    while True:
        job_of = {s: g for g, members in enumerate(groups) for s in members}
        relevant = [
            (cost, strips) for cost, strips in actor_strips if len({job_of[s] for s in strips}) >= 2
        ]
        casts = [0] * len(groups)
        for a, (_, strips) in enumerate(relevant):
            for s in strips:
                casts[job_of[s]] |= 1 << a
        merged = _merge(groups, casts, location_class, constrained, locked=bool(locked_strips))
        if len(merged) == len(groups):
            break
        groups = merged

    prefix: list[int] = []
    if not location_class and not locked_strips:
        keep = []
        for members, cast in zip(groups, casts, strict=True):
            if cast == 0 and not constrained.intersection(members):
                prefix.extend(members)
            else:
                keep.append(members)
        groups = keep
    return compile_problem_groups(
        problem, index=index, groups=groups, relevant=relevant,
        location_class=location_class, prefix=prefix,
    )  # fmt: skip


def compile_problem_groups(
    problem: SequencingProblem,
    *,
    index: dict[str, int],
    groups: list[list[int]],
    relevant: list[tuple[int, frozenset[int]]],
    location_class: dict[int, int],
    prefix: list[int],
) -> Compiled:
    """Build the :class:`Compiled` record for fixed job groups."""
    job_of = {s: g for g, members in enumerate(groups) for s in members}
    strip_duration = [strip.duration for strip in problem.strips]
    durations = tuple(sum(strip_duration[s] for s in members) for members in groups)
    casts = [0] * len(groups)
    actor_jobs = []
    for a, (_, strips) in enumerate(relevant):
        jobs = 0
        for s in strips:
            if s in job_of:
                casts[job_of[s]] |= 1 << a
                jobs |= 1 << job_of[s]
        actor_jobs.append(jobs)
    preds = [0] * len(groups)
    succs = [0] * len(groups)
    for before, after in problem.precedences:
        b, a = job_of[index[before]], job_of[index[after]]
        preds[a] |= 1 << b
        succs[b] |= 1 << a
    costs_by_class = _class_costs(problem, location_class)
    locations = tuple(location_class[members[0]] if location_class else -1 for members in groups)
    location_jobs = [0] * len(costs_by_class)
    for j, loc in enumerate(locations):
        if loc >= 0:
            location_jobs[loc] |= 1 << j
    lock_at: list[int] = []
    lock_of = [-1] * len(groups)
    if problem.locked:
        lock_at = [-1] * len(problem.strips)
        for lock in problem.locked:
            job = job_of[index[lock.strip]]
            lock_at[lock.position] = job
            lock_of[job] = lock.position
    supersets = tuple(
        sum(1 << j for j, other in enumerate(casts) if cast & other == cast and cast != other)
        for cast in casts
    )
    return Compiled(
        durations=durations,
        casts=tuple(casts),
        actor_costs=tuple(cost for cost, _ in relevant),
        actor_jobs=tuple(actor_jobs),
        locations=locations,
        location_costs=costs_by_class,
        location_jobs=tuple(location_jobs),
        preds=tuple(preds),
        succs=tuple(succs),
        members=tuple(tuple(members) for members in groups),
        lock_at=tuple(lock_at),
        lock_of=tuple(lock_of),
        prefix=tuple(prefix),
        supersets=supersets,
    )


def _location_classes(problem: SequencingProblem, index: dict[str, int]) -> dict[int, int]:
    """Strip index → location class; empty when no location costs anything.

    Class 0 holds every free place (cost 0 or no location); costly locations get 1, 2…
    """
    costly = [loc.id for loc in problem.locations if loc.cost_per_extra_visit > 0]
    if not costly:
        return {}
    number = {loc: k + 1 for k, loc in enumerate(costly)}
    return {
        index[strip.id]: number.get(strip.location, 0) if strip.location else 0
        for strip in problem.strips
    }


def _class_costs(problem: SequencingProblem, location_class: dict[int, int]) -> tuple[int, ...]:
    if not location_class:
        return ()
    costly = [loc.cost_per_extra_visit for loc in problem.locations if loc.cost_per_extra_visit]
    return (0, *costly)


def _merge(
    groups: list[list[int]],
    casts: list[int],
    location_class: dict[int, int],
    constrained: set[int],
    *,
    locked: bool,
) -> list[list[int]]:
    """Groups with equal cast and location class, none of them constrained, become one."""
    if locked:
        return groups
    merged: list[list[int]] = []
    slot: dict[tuple[int, int], int] = {}
    for members, cast in zip(groups, casts, strict=True):
        if constrained.intersection(members):
            merged.append(members)
            continue
        key = (cast, location_class.get(members[0], -1))
        if key in slot:
            merged[slot[key]] = merged[slot[key]] + members
        else:
            slot[key] = len(merged)
            merged.append(list(members))
    return merged


def reversed_problem(c: Compiled) -> Compiled:
    """The mirror problem: an order read backwards costs the same (stays and visits are
    symmetric), with precedences and locks turned round. Used for a second lower bound."""
    strips = len(c.lock_at)
    lock_at = tuple(reversed(c.lock_at))
    lock_of = tuple(strips - 1 - p if p >= 0 else -1 for p in c.lock_of)
    return Compiled(
        durations=c.durations,
        casts=c.casts,
        actor_costs=c.actor_costs,
        actor_jobs=c.actor_jobs,
        locations=c.locations,
        location_costs=c.location_costs,
        location_jobs=c.location_jobs,
        preds=c.succs,
        succs=c.preds,
        members=tuple(tuple(reversed(m)) for m in c.members),
        lock_at=lock_at,
        lock_of=lock_of,
        prefix=c.prefix,
        supersets=c.supersets,
    )
