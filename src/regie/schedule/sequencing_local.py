# SPDX-License-Identifier: AGPL-3.0-or-later
"""Heuristic orders: a look-ahead greedy, then iterated best-insertion local search.

The greedy builds the board from the front, taking the job that costs least now plus the
lower bound of what would be left (the exact search's own bound). The local search
removes one job and puts it back where the board is cheapest; for one job, every place is
priced at once in O(jobs + actors) with difference arrays over the positions (stay of an
actor who is not in the job grows by the job's duration exactly on the places inside
their span; stay of an actor who is in it stretches linearly outside it), and the
location visits change only around the place left and the place taken. Iterated: a
random block of jobs is moved, the board is improved again, and the better board kept.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from regie.schedule.sequencing_bounds import Bounds, bits
from regie.schedule.sequencing_compile import Compiled
from regie.schedule.sequencing_search import candidates, child_held, frontier

Clock = Callable[[], float]
_LOOKAHEAD_MAX_JOBS = 60


def job_order_cost(c: Compiled, order: list[int] | tuple[int, ...]) -> int:
    """Idle + location cost of a job order (the idle part of dropped actors is zero)."""
    starts = [0]
    for job in order:
        starts.append(starts[-1] + c.durations[job])
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for position, job in enumerate(order):
        for actor in bits(c.casts[job]):
            first.setdefault(actor, position)
            last[actor] = position
    cost = 0
    for actor, begin in first.items():
        acting = sum(c.durations[j] for j in bits(c.actor_jobs[actor]))
        cost += c.actor_costs[actor] * (starts[last[actor] + 1] - starts[begin] - acting)
    if c.location_costs:
        visits = [0] * len(c.location_costs)
        previous = -1
        for job in order:
            here = c.locations[job]
            if here != previous:
                visits[here] += 1
            previous = here
        cost += sum(
            price * (count - 1)
            for price, count in zip(c.location_costs, visits, strict=True)
            if count
        )
    return cost


def greedy(b: Bounds) -> list[int] | None:
    """A board built front to back, or ``None`` at a dead end (locks and precedences)."""
    c = b.c
    lookahead = c.n <= _LOOKAHEAD_MAX_JOBS
    scheduled, location, order = 0, -1, []
    while scheduled != c.full:
        state = frontier(b, scheduled)
        options = candidates(b, state, location)
        if not options:
            return None
        best, best_key = options[0], None
        for job in options:
            step = b.transition(scheduled, location, state.held, job)
            here = c.locations[job] if c.location_costs else -1
            after = child_held(b, state, job)
            if lookahead:
                step += b.lower_bound(scheduled | (1 << job), here, after)
            key = (step, b.cost_of(after), job)
            if best_key is None or key < best_key:
                best, best_key = job, key
        order.append(best)
        scheduled |= 1 << best
        location = c.locations[best] if c.location_costs else -1
    return order


class _Board:
    """An order with the positions the insertion move needs."""

    def __init__(self, c: Compiled, order: list[int]) -> None:
        self.c = c
        self.order = order
        self.position = [0] * c.n
        self.starts = [0]
        self.actor_positions: list[list[int]] = [[] for _ in c.actor_costs]
        for index, job in enumerate(order):
            self.position[job] = index
            self.starts.append(self.starts[-1] + c.durations[job])
            for actor in bits(c.casts[job]):
                self.actor_positions[actor].append(index)

    def window(self, job: int, p: int) -> tuple[int, int]:
        """Allowed insertion slots (in the order without ``job``) by precedences and locks."""
        c = self.c
        low, high = 0, c.n - 1
        for pred in bits(c.preds[job]):
            q = self.position[pred]
            low = max(low, q - (q > p) + 1)
        for succ in bits(c.succs[job]):
            q = self.position[succ]
            high = min(high, q - (q > p))
        if c.lock_at:
            for q in range(p - 1, -1, -1):
                if c.lock_of[self.order[q]] >= 0:
                    low = max(low, q + 1)
                    break
            for q in range(p + 1, c.n):
                if c.lock_of[self.order[q]] >= 0:
                    high = min(high, q - 1)
                    break
        return low, high

    def best_insertion(self, job: int) -> tuple[int, int]:
        """(slot, gain) of the cheapest place for ``job``; gain > 0 means cheaper."""
        c = self.c
        n = c.n
        p = self.position[job]
        low, high = self.window(job, p)
        if low >= high:
            return p, 0
        d = c.durations[job]
        cast = c.casts[job]
        starts = self.starts
        reduced = starts[: p + 1] + [x - d for x in starts[p + 2 :]]
        const = [0] * (n + 1)
        coef = [0] * (n + 1)
        for actor, places in enumerate(self.actor_positions):
            rate = c.actor_costs[actor]
            if not cast >> actor & 1:
                first, last = places[0], places[-1]
                first -= first > p
                last -= last > p
                const[first + 1] += rate * d
                const[last + 1] -= rate * d
                continue
            first = places[1] if places[0] == p else places[0]
            last = places[-2] if places[-1] == p else places[-1]
            first -= first > p
            last -= last > p
            if first > 0:
                value = rate * reduced[first]
                const[0] += value
                const[first] -= value
                coef[0] -= rate
                coef[first] += rate
            if last + 2 <= n - 1:
                value = rate * reduced[last + 1]
                const[last + 2] -= value
                const[n] += value
                coef[last + 2] += rate
                coef[n] -= rate
        places_cost = self._location_costs(job, p, low, high)
        running_const = running_coef = 0
        best_slot, best_value, current = p, 0, 0
        for slot in range(high + 1):
            running_const += const[slot]
            running_coef += coef[slot]
            if slot < low:
                continue
            value = running_const + running_coef * reduced[slot] + places_cost[slot - low]
            if slot == p:
                current = value
            elif best_slot == p or value < best_value:
                best_slot, best_value = slot, value
        return best_slot, current - best_value

    def _location_costs(self, job: int, p: int, low: int, high: int) -> list[int]:
        c = self.c
        if not c.location_costs:
            return [0] * (high - low + 1)
        here = c.locations[job]
        prices = c.location_costs
        reduced = [c.locations[j] for j in self.order[:p] + self.order[p + 1 :]]
        result = []
        last = len(reduced)
        for slot in range(low, high + 1):
            before = reduced[slot - 1] if slot > 0 else -1
            after = reduced[slot] if slot < last else -2
            if here in (before, after):
                result.append(0)
            else:
                result.append(prices[here] + (prices[before] if before == after else 0))
        return result

    def moved(self, job: int, slot: int) -> list[int]:
        p = self.position[job]
        reduced = self.order[:p] + self.order[p + 1 :]
        return [*reduced[:slot], job, *reduced[slot:]]


def improve(c: Compiled, order: list[int], rng: random.Random) -> list[int]:
    """Best-insertion local search to a local optimum (sweeps in random order until a
    whole sweep moves nothing)."""
    board = _Board(c, order)
    improved = True
    while improved:
        improved = False
        jobs = list(range(c.n))
        rng.shuffle(jobs)
        for job in jobs:
            if c.lock_at and c.lock_of[job] >= 0:
                continue
            slot, gain = board.best_insertion(job)
            if gain > 0:
                board = _Board(c, board.moved(job, slot))
                improved = True
    return board.order


def _feasible(c: Compiled, order: list[int]) -> bool:
    position = [0] * c.n
    for index, job in enumerate(order):
        position[job] = index
    for job in range(c.n):
        for pred in bits(c.preds[job]):
            if position[pred] > position[job]:
                return False
    return not c.lock_at or all(
        c.lock_of[job] < 0 or c.lock_of[job] == index for index, job in enumerate(order)
    )


def perturb(c: Compiled, order: list[int], rng: random.Random) -> list[int]:
    """Move a random block of jobs elsewhere (or reverse it), keeping the constraints."""
    n = len(order)
    for _ in range(20):
        size = rng.randint(1, max(1, min(8, n // 3)))
        start = rng.randrange(0, n - size + 1)
        block = order[start : start + size]
        rest = order[:start] + order[start + size :]
        if rng.random() < 0.3:
            block.reverse()
        slot = rng.randrange(0, len(rest) + 1)
        candidate = rest[:slot] + block + rest[slot:]
        if candidate != order and _feasible(c, candidate):
            return candidate
    return list(order)


def iterated_local_search(
    c: Compiled,
    order: list[int],
    *,
    deadline: float,
    clock: Clock,
    rng: random.Random,
    target: int = 0,
    patience: int | None = None,
    on_improve: Callable[[list[int], int], None] | None = None,
) -> tuple[list[int], int]:
    """Improve ``order`` until ``deadline``, ``target`` reached, or ``patience`` rounds in a
    row without a better board; the best one found."""
    best = improve(c, order, rng)
    best_cost = job_order_cost(c, best)
    if on_improve is not None:
        on_improve(best, best_cost)
    current, current_cost = best, best_cost
    stale = rounds = 0
    while best_cost > target and clock() < deadline:
        if patience is not None and rounds >= patience:
            break
        rounds += 1
        candidate = improve(c, perturb(c, current, rng), rng)
        cost = job_order_cost(c, candidate)
        if cost < best_cost:
            best, best_cost = candidate, cost
            if on_improve is not None:
                on_improve(best, best_cost)
            stale = rounds = 0
        else:
            stale += 1
        if cost <= current_cost:
            current, current_cost = candidate, cost
        elif stale > 50:
            current, current_cost, stale = best, best_cost, 0
    return best, best_cost
