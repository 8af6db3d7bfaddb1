# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reorder whole shoot days of a first board: the cheap improvement before the solver.

A day's content (its scenes and its kind) moves as a block, so what the day costs on its
own (company moves, travel, overtime) stays; what changes is what depends on the order of
the days — holding days, day/night switches and returns to a place. Two moves, kept when
they lower that cost: swap two days, and reverse a run of days (2-opt). A move is tried
only if every scene may be shot on its new date (its domain), precedences still hold
and minors' caps still hold on the new dates.

Returns to a place are counted here as if each day could start where the previous one
ended whenever they share a place, which the final ordering nearly always achieves.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from regie.schedule.model import DayKind
from regie.schedule.optimize_rules import Instance


class _Days:
    def __init__(
        self,
        inst: Instance,
        domains: Mapping[str, Sequence[int]],
        day_of: Mapping[str, int],
        kinds: Sequence[DayKind],
    ) -> None:
        self.inst = inst
        self.allowed = {key: frozenset(days) for key, days in domains.items()}
        self.content: list[list[str]] = [[] for _ in range(inst.days)]
        for key in inst.keys:
            self.content[day_of[key]].append(key)
        self.kinds = list(kinds)
        self.cast = [frozenset(m for k in keys for m in inst.members[k]) for keys in self.content]
        self.places = [
            frozenset(p for k in keys if (p := inst.strips[k].location)) for keys in self.content
        ]
        rate = inst.weights.hold
        self.paid = {m: rate.get(m, 0) for ms in inst.members.values() for m in ms}

    def day_of(self) -> dict[str, int]:
        return {key: d for d, keys in enumerate(self.content) for key in keys}

    def cost(self) -> int:
        w = self.inst.weights
        total = 0
        first: dict[str, int] = {}
        last: dict[str, int] = {}
        count: dict[str, int] = {}
        for d, members in enumerate(self.cast):
            for m in members:
                first.setdefault(m, d)
                last[m] = d
                count[m] = count.get(m, 0) + 1
        for m, n in count.items():
            total += self.paid[m] * (last[m] - first[m] + 1 - n)
        kinds = self.kinds
        total += w.switch * sum(1 for d in range(1, len(kinds)) if kinds[d] is not kinds[d - 1])
        visits, before = 0, frozenset[str]()
        seen: set[str] = set()
        for places in self.places:
            if not places:
                continue
            visits += len(places) - bool(places & before)
            seen |= places
            before = places
        return total + w.revisit * (visits - len(seen))

    def allowed_at(self, d: int, keys: Sequence[str], target: int) -> bool:
        inst = self.inst
        if any(target not in self.allowed[k] for k in keys):
            return False
        return all(
            inst.capped(m, target) == inst.capped(m, d) for k in keys for m in inst.members[k]
        )

    def precedences_hold(self) -> bool:
        day = self.day_of()
        return all(day[a] <= day[b] for a, b in self.inst.precedences)

    def permute(self, order: Sequence[int]) -> None:
        """Day ``d`` takes the content of day ``order[d]``."""
        for name in ("content", "kinds", "cast", "places"):
            old = getattr(self, name)
            setattr(self, name, [old[i] for i in order])


def improve_days(
    inst: Instance,
    domains: Mapping[str, Sequence[int]],
    day_of: Mapping[str, int],
    kinds: Sequence[DayKind],
    *,
    seconds: float,
) -> tuple[dict[str, int], list[DayKind]]:
    """A better order of the days of a valid board (see the module)."""
    days = _Days(inst, domains, day_of, kinds)
    deadline = time.perf_counter() + seconds
    best = days.cost()
    count = inst.days
    improved = True
    while improved and time.perf_counter() < deadline:
        improved = False
        for i in range(count):
            for j in range(i + 1, count):
                for order in _moves(count, i, j):
                    if not all(
                        days.allowed_at(order[d], days.content[order[d]], d)
                        for d in range(i, j + 1)
                        if order[d] != d
                    ):
                        continue
                    back = _inverse(order)
                    days.permute(order)
                    cost = days.cost() if days.precedences_hold() else best
                    if cost < best:
                        best, improved = cost, True
                        break
                    days.permute(back)
            if time.perf_counter() > deadline:
                break
    return days.day_of(), days.kinds


def _moves(count: int, i: int, j: int) -> list[list[int]]:
    swap = list(range(count))
    swap[i], swap[j] = j, i
    moves = [swap]
    if j - i > 1:
        reverse = list(range(count))
        reverse[i : j + 1] = range(j, i - 1, -1)
        moves.append(reverse)
    return moves


def _inverse(order: Sequence[int]) -> list[int]:
    back = [0] * len(order)
    for d, source in enumerate(order):
        back[source] = d
    return back
