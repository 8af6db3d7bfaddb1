# SPDX-License-Identifier: AGPL-3.0-or-later
"""A quick first board for the solver to start from (its hint), built day after day.

Scenes that must share a day form one *unit*. Each shoot day, in date order:

1. the units that have no later possible day go in first (their deadline), then those
   with few possible days left;
2. the day's kind follows the previous day's while units of that kind are left (fewer
   day/night switches), and switches otherwise;
3. the company stays where it ended the previous day while there is work there, else goes
   to the place with most work left (ties: the place whose scenes share most paid cast
   with the people already started, to shorten their holding days);
4. units of that place are added, those of the started cast first, while the day has
   room in its standard hours; a day still less than three quarters full moves on to the
   nearest place with work that fits.

Precedences are kept (a unit waits for its predecessors' days), as are the hard rules of
each day (domains, night days, minors' caps, the length of the day). Units left over at
the end go on any day that still takes them; if one fits nowhere, there is no hint and
the solver starts on its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from regie.schedule.model import DayKind
from regie.schedule.optimize_rules import Instance

FULL = 0.75  # a day less full than this looks for a second place
SOON = 3  # a unit with this many possible days left or fewer goes first


@dataclass(frozen=True, slots=True)
class _Unit:
    keys: tuple[str, ...]
    days: frozenset[int]
    minutes: int
    places: tuple[str, ...]
    cast: frozenset[str]
    night: bool  # needs a night day
    day: bool  # needs a day day (daylight scene, or a minor on every possible day)


def first_board(
    inst: Instance, domains: Mapping[str, Sequence[int]]
) -> tuple[dict[str, int], list[DayKind]] | None:
    """The day of every strip and the kind of every day, or None when it gets stuck."""
    units = _units(inst, domains)
    if units is None:
        return None
    return _Filler(inst, units).run()


def _units(inst: Instance, domains: Mapping[str, Sequence[int]]) -> list[_Unit] | None:
    parent = {key: key for key in inst.keys}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for group in inst.same_day:
        for other in group[1:]:
            parent[root(other)] = root(group[0])
    members: dict[str, list[str]] = {}
    for key in inst.keys:
        members.setdefault(root(key), []).append(key)
    units = []
    for keys in members.values():
        days = frozenset.intersection(*(frozenset(domains[k]) for k in keys))
        if not days:
            return None
        strips = [inst.strips[k] for k in keys]
        minors = {m for k in keys for m in inst.members[k] if any(inst.minor(m, d) for d in days)}
        units.append(
            _Unit(
                keys=tuple(keys),
                days=days,
                minutes=sum(s.minutes for s in strips),
                places=tuple(dict.fromkeys(s.location for s in strips if s.location)),
                cast=frozenset(m for k in keys for m in inst.members[k]),
                night=any(s.needs_night for s in strips),
                day=any(s.needs_day for s in strips) or bool(minors),
            )
        )
    return units


class _Filler:
    def __init__(self, inst: Instance, units: list[_Unit]) -> None:
        self.inst = inst
        self.units = units
        self.day_of: dict[int, int] = {}  # unit index → day
        unit_of = {key: i for i, u in enumerate(units) for key in u.keys}
        self.before: dict[int, set[int]] = {i: set() for i in range(len(units))}
        for a, b in inst.precedences:
            if unit_of[a] != unit_of[b]:
                self.before[unit_of[b]].add(unit_of[a])
        self.rate = inst.weights.hold
        self.loads: list[int] = [0] * inst.days
        self.minor_loads: list[dict[str, int]] = [{} for _ in range(inst.days)]
        self.kinds: list[DayKind] = [DayKind.DAY] * inst.days

    def run(self) -> tuple[dict[str, int], list[DayKind]] | None:
        here: str | None = None
        for d in range(self.inst.days):
            here = self.fill(d, here)
        for i in sorted(set(range(len(self.units))) - set(self.day_of)):
            if not self.rescue(i):
                return None
        day_of = {key: self.day_of[i] for i, u in enumerate(self.units) for key in u.keys}
        return day_of, self.kinds

    def ready(self, i: int, d: int) -> bool:
        unit = self.units[i]
        return (
            i not in self.day_of
            and d in unit.days
            and all(self.day_of.get(j, d + 1) <= d for j in self.before[i])
        )

    def fits(self, i: int, d: int, kind: DayKind, extra: int, limit: int) -> bool:
        unit = self.units[i]
        if (unit.night and kind is not DayKind.NIGHT) or (unit.day and kind is DayKind.NIGHT):
            return False
        if self.loads[d] + unit.minutes + extra > limit:
            return False
        for key in unit.keys:
            for member in self.inst.members[key]:
                cap = self.inst.capped(member, d)
                mins = sum(
                    self.inst.strips[k].minutes for k in unit.keys if member in self.inst.members[k]
                )
                if cap is not None and self.minor_loads[d].get(member, 0) + mins > cap:
                    return False
        return True

    def put(self, i: int, d: int) -> None:
        unit = self.units[i]
        self.day_of[i] = d
        self.loads[d] += unit.minutes
        for key in unit.keys:
            for member in self.inst.members[key]:
                if self.inst.capped(member, d) is not None:
                    load = self.minor_loads[d]
                    load[member] = load.get(member, 0) + self.inst.strips[key].minutes

    def started(self) -> frozenset[str]:
        """Cast members with work done and work left: each idle day costs."""
        done = {m for i in self.day_of for m in self.units[i].cast}
        left = {
            m for i in range(len(self.units)) if i not in self.day_of for m in self.units[i].cast
        }
        return frozenset(done & left)

    def fill(self, d: int, here: str | None) -> str | None:
        inst = self.inst
        ready = [i for i in range(len(self.units)) if self.ready(i, d)]
        slack = {i: sum(1 for day in self.units[i].days if day >= d) for i in ready}
        urgent = [i for i in ready if slack[i] == 1]
        soon = sorted((i for i in ready if slack[i] <= SOON), key=slack.__getitem__)
        kind = self.kind(d, ready, urgent or soon[:1])
        self.kinds[d] = kind
        places: list[str] = []
        for i in urgent:
            if self.fits(i, d, kind, 0, inst.limit):
                self.put(i, d)
                places += [p for p in self.units[i].places if p not in places]
        started = self.started()

        def value(i: int) -> tuple[bool, int, int]:
            unit = self.units[i]
            paid = sum(self.rate.get(m, 0) for m in unit.cast & started)
            return (slack[i] <= SOON, paid, unit.minutes)

        standard = inst.problem.day_minutes
        while True:
            left = [i for i in ready if i not in self.day_of and self.fits(i, d, kind, 0, standard)]
            if not left:
                break
            due = [i for i in soon if i in left]
            place = (
                self.units[due[0]].places[0]
                if due and self.units[due[0]].places
                else self.next_place(places, here, left)
            )
            travel = inst.problem.travel(places[-1], place) if places and place else 0
            if place not in places and places and self.loads[d] >= FULL * standard:
                break
            added = False
            for i in sorted(left, key=value, reverse=True):
                unit = self.units[i]
                if unit.places[:1] != ((place,) if place else ()):
                    continue
                extra = travel if place not in places else 0
                if self.fits(i, d, kind, extra, standard):
                    self.put(i, d)
                    self.loads[d] += extra
                    travel = 0
                    places += [p for p in unit.places if p not in places]
                    added = True
            if not added:
                break
        return places[-1] if places else here

    def kind(self, d: int, ready: list[int], urgent: list[int]) -> DayKind:
        """Keep the previous day's kind while it has work and the days left still hold
        the other kind's work; else switch."""
        if any(self.units[i].night for i in urgent):
            return DayKind.NIGHT
        if any(self.units[i].day for i in urgent):
            return DayKind.DAY
        previous = self.kinds[d - 1] if d else DayKind.DAY
        other = DayKind.DAY if previous is DayKind.NIGHT else DayKind.NIGHT
        if self.has_work(previous, ready) and (
            self.inst.days - d - 1 >= self.days_needed(other) or not self.has_work(other, ready)
        ):
            return previous
        return other if self.has_work(other, ready) else previous

    def has_work(self, kind: DayKind, ready: list[int]) -> bool:
        night = kind is DayKind.NIGHT
        return any(self.units[i].night if night else not self.units[i].night for i in ready)

    def days_needed(self, kind: DayKind) -> int:
        """Days the units bound to ``kind`` still need (standard days, rounded up)."""
        night = kind is DayKind.NIGHT
        minutes = sum(
            u.minutes
            for i, u in enumerate(self.units)
            if i not in self.day_of and (u.night if night else u.day)
        )
        return -(-minutes // max(1, int(FULL * self.inst.problem.day_minutes)))

    def next_place(self, places: list[str], here: str | None, left: list[int]) -> str | None:
        work: dict[str | None, int] = {}
        for i in left:
            place = self.units[i].places[0] if self.units[i].places else None
            work[place] = work.get(place, 0) + self.units[i].minutes
        current = places[-1] if places else here
        if current in work:
            return current
        if None in work:
            return None
        travel = self.inst.problem.travel
        if places:  # a second place: the nearest with work
            return min(work, key=lambda p: (travel(current, p), -work[p], str(p)))
        return max(work, key=lambda p: (work[p], str(p)))

    def rescue(self, i: int) -> bool:
        unit = self.units[i]
        low = max((self.day_of[j] for j in self.before[i] if j in self.day_of), default=0)
        for d in sorted(unit.days):
            if d < low:
                continue
            after = [j for j, pre in self.before.items() if i in pre and j in self.day_of]
            if any(self.day_of[j] < d for j in after):
                continue
            travel = self.inst.problem.travel
            margin = max(
                (travel(p, q) for p in unit.places for q in self.inst.locations), default=0
            )
            if self.fits(i, d, self.kinds[d], margin, self.inst.limit):
                self.put(i, d)
                return True
        return False
