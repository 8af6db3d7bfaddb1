# SPDX-License-Identifier: AGPL-3.0-or-later
"""Schedule optimiser benchmark: prints one JSON document.

Two generated productions, the same for a given ``--seed``:

* **feature** — 120 scenes (≈ 100 pages), 25 cast members (leads, supporting parts, day
  players, one child) with daily costs and availability windows, 20 locations on a city
  map (travel 15 min + 1.5 min/km), some closed on Mondays or booked for two weeks,
  about 15 % night exteriors, a few precedences, two same-day groups, one fixed date,
  30 shoot days (Monday–Friday, French holidays off);
* **episode** — a TV episode: 40 scenes, 12 cast members, 8 locations, 8 shoot days.

For each, and each ``--limits`` (default 10 and 60 seconds), ``regie.schedule.optimize``
with 2 workers: cost, proven lower bound, gap, status, seconds and the cost breakdown;
and the naive board — the script order packed into days as they fill up (no overtime),
night days where a night scene falls — with its cost and its number of violations.

    .venv/bin/python benchmarks/schedule.py [--seed 7] [--limits 10 60] [--only feature]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import random
from decimal import Decimal
from typing import Any

from regie.schedule.evaluate import evaluate
from regie.schedule.model import (
    Board,
    Calendar,
    CastSpec,
    DateRange,
    DayKind,
    LocationSpec,
    ShootDay,
    ShootingProblem,
    StripSpec,
)
from regie.schedule.optimize import optimize
from regie.schedule.timing import shoot_dates, strip_minutes
from regie.script.model import IntExt, Light

START = dt.date(2027, 3, 1)  # a Monday
PACE = Decimal("4")  # pages a standard day


def production(seed: int, *, scenes: int, cast: int, places: int, days: int) -> ShootingProblem:
    """A random but plausible shooting problem (deterministic for a seed)."""
    r = random.Random(seed)  # noqa: S311 - reproducible test data, not a secret
    dates = shoot_dates(Calendar(START), days)
    locations, travel = _locations(r, places, dates)
    people = _cast(r, cast, dates)
    weights = [1 / (i + 1) ** 0.8 for i in range(places)]  # a few places hold most scenes
    strips: list[StripSpec] = []
    for n in range(1, scenes + 1):
        place = r.choices(locations, weights)[0]
        ext = r.random() < 0.4
        light = r.choices([Light.DAY, Light.NIGHT, Light.DAWN, Light.DUSK], [60, 28, 6, 6])[0]
        eighths = max(1, min(32, round(r.lognormvariate(math.log(5.5), 0.6))))
        strips.append(
            StripSpec(
                key=str(n),
                label=str(n),
                heading=f"{'EXT' if ext else 'INT'}. {place.name.upper()} - {light.value.upper()}",
                minutes=strip_minutes(eighths, pages_per_day=PACE, day_minutes=600),
                eighths=eighths,
                location=place.key,
                cast=_scene_cast(r, people),
                int_ext=IntExt.EXT if ext else IntExt.INT,
                light=light,
                needs_night=ext and light is Light.NIGHT,
                needs_day=ext and light is Light.DAY,
            )
        )
    draft = ShootingProblem(strips=(), cast=people, locations=locations, dates=dates)
    strips = _fixed_date(r, draft, strips)
    keys = [s.key for s in strips]
    precedences = tuple(
        (a, b) for a, b in (sorted(r.sample(keys, 2), key=int) for _ in range(scenes // 24))
    )
    same_day = tuple(tuple(sorted(r.sample(keys, 2), key=int)) for _ in range(2))
    child = next(c.key for c in people if c.birth_date is not None)
    return ShootingProblem(
        strips=tuple(strips), cast=people, locations=locations, dates=dates,
        travel_minutes=travel, precedences=precedences, same_day=same_day,
        minor_max_minutes={child: 360},
    )  # fmt: skip


def _locations(
    r: random.Random, count: int, dates: tuple[dt.date, ...]
) -> tuple[tuple[LocationSpec, ...], dict[tuple[str, str], int]]:
    names = [
        "Appartement Hélène", "Commissariat", "Quai", "Rue du port", "Café", "Hôpital",
        "Gare", "École", "Parc", "Bureau", "Entrepôt", "Église", "Plage", "Forêt",
        "Hôtel", "Restaurant", "Garage", "Musée", "Pont", "Studio",
    ]  # fmt: skip
    specs: list[LocationSpec] = []
    where: dict[str, tuple[float, float]] = {}
    for i in range(count):
        key = f"L{i + 1}"
        where[key] = (r.uniform(0, 30), r.uniform(0, 30))
        name = names[i % len(names)] + ("" if i < len(names) else f" {i // len(names) + 1}")
        if i % 7 == 3:  # closed on Mondays
            specs.append(LocationSpec(key, name, open_weekdays=frozenset(range(1, 7))))
        elif i % 7 == 5:  # booked for two weeks
            first = r.randrange(0, max(1, len(dates) - 10))
            window = DateRange(dates[first], dates[min(len(dates) - 1, first + 9)])
            specs.append(LocationSpec(key, name, available=window))
        else:
            specs.append(LocationSpec(key, name))
    travel = {
        (a, b): 5 * round((15 + 1.5 * math.dist(where[a], where[b])) / 5)
        for a in where
        for b in where
        if a < b
    }
    return tuple(specs), travel


def _cast(r: random.Random, count: int, dates: tuple[dt.date, ...]) -> tuple[CastSpec, ...]:
    people: list[CastSpec] = []
    for i in range(count):
        lead, supporting = i < 3, 3 <= i < 3 + count // 4
        cost = r.randrange(1500, 3001, 100) if lead else (
            r.randrange(600, 1201, 50) if supporting else r.randrange(250, 501, 50)
        )  # fmt: skip
        unavailable: tuple[DateRange, ...] = ()
        available = None
        if not lead and r.random() < 0.3:  # away for a few days (another shoot, a play)
            first = r.randrange(len(dates) - 3)
            unavailable = (DateRange(dates[first], dates[first + r.randrange(1, 4)]),)
        elif not lead and not supporting and r.random() < 0.3:  # only for part of the shoot
            first = r.randrange(len(dates) // 2)
            available = DateRange(dates[first], dates[min(len(dates) - 1, first + len(dates) // 2)])
        child = i == count - 1
        people.append(
            CastSpec(
                f"C{i + 1}", f"Comédien {i + 1}", daily_cost=Decimal(cost),
                unavailable=unavailable, available=available,
                birth_date=dt.date(2017, 6, 1) if child else None,
            )
        )  # fmt: skip
    return tuple(people)


def _scene_cast(r: random.Random, people: tuple[CastSpec, ...]) -> tuple[str, ...]:
    chosen = []
    for i, person in enumerate(people):
        share = 0.45 if i < 3 else (0.12 if person.daily_cost >= 600 else 0.03)
        if r.random() < share:
            chosen.append(person.key)
    return tuple(chosen)


def _fixed_date(
    r: random.Random, problem: ShootingProblem, strips: list[StripSpec]
) -> list[StripSpec]:
    """One daylight scene is fixed (a public event), on a day its cast and place allow."""
    places = {p.key: p for p in problem.locations}
    cast = {c.key: c for c in problem.cast}
    for i, strip in enumerate(strips):
        if strip.needs_night or r.random() < 0.5:
            continue
        days = [
            date
            for date in problem.dates[len(problem.dates) // 3 :]
            if all(cast[c].free_on(date) and cast[c].birth_date is None for c in strip.cast)
            and (strip.location is None or places[strip.location].open_on(date))
        ]
        if days:
            fixed = StripSpec(**{**_fields(strip), "fixed_date": days[0]})
            return [*strips[:i], fixed, *strips[i + 1 :]]
    return strips


def _fields(strip: StripSpec) -> dict[str, Any]:
    return {name: getattr(strip, name) for name in strip.__dataclass_fields__}


def naive(problem: ShootingProblem) -> Board:
    """Script order, each day filled until the next scene would not fit (no overtime)."""
    days: list[list[str]] = [[]]
    used, here = 0, None
    for strip in problem.strips:
        need = strip.minutes + problem.travel(here, strip.location)
        if days[-1] and used + need > problem.day_minutes and len(days) < len(problem.dates):
            days.append([])
            used, here = 0, None
            need = strip.minutes
        days[-1].append(strip.key)
        used += need
        here = strip.location or here
    days += [[] for _ in range(len(problem.dates) - len(days))]
    night = {s.key for s in problem.strips if s.needs_night}
    return Board(
        tuple(
            ShootDay(
                i,
                problem.dates[i],
                DayKind.NIGHT if night & set(keys) else DayKind.DAY,
                tuple(keys),
            )
            for i, keys in enumerate(days)
        )
    )


def run(name: str, problem: ShootingProblem, limits: list[float]) -> dict[str, Any]:
    base = naive(problem)
    base_eval = evaluate(problem, base)
    out: dict[str, Any] = {
        "instance": name,
        "scenes": len(problem.strips),
        "cast": len(problem.cast),
        "locations": len(problem.locations),
        "days": len(problem.dates),
        "naive": {"cost": str(base_eval.cost.total), "violations": len(base_eval.violations)},
        "runs": [],
    }
    for limit in limits:
        result = optimize(problem, time_limit_s=limit, workers=2)
        entry: dict[str, Any] = {
            "time_limit_s": limit,
            "status": result.status.value,
            "seconds": round(result.seconds, 2),
            "cost": None if result.cost is None else str(result.cost),
            "lower_bound": str(result.lower_bound),
            "gap": None if result.gap is None else round(float(result.gap), 4),
            "objective_matches_cost": result.objective == result.cost,
        }
        if result.evaluation is not None:
            c = result.evaluation.cost
            entry["breakdown"] = {
                "holding": str(c.holding), "company_moves": c.company_moves,
                "revisits": c.revisits, "switches": c.switches,
                "overtime_minutes": c.overtime_minutes,
                "violations": len(result.evaluation.violations),
            }  # fmt: skip
        if result.infeasibility is not None:
            entry["infeasibility"] = str(result.infeasibility.message)
        out["runs"].append(entry)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--limits", type=float, nargs="+", default=[10.0, 60.0])
    parser.add_argument("--only", choices=["feature", "episode"], nargs="+")
    args = parser.parse_args()
    instances = {
        "feature": production(args.seed, scenes=120, cast=25, places=20, days=30),
        "episode": production(args.seed, scenes=40, cast=12, places=8, days=8),
    }
    report = {
        "benchmark": "schedule",
        "seed": args.seed,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "results": [
            run(name, problem, args.limits)
            for name, problem in instances.items()
            if not args.only or name in args.only
        ],
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
