# SPDX-License-Identifier: AGPL-3.0-or-later
"""Shooting-order benchmark: prints one JSON document.

For every instance of the shared talent-scheduling set (``../shared/benchmarks/talent/json``)
it runs, in this process and one after the other:

* ours: ``regie.schedule.sequencing.solve`` with ``--time-limit`` (it stops as soon as
  the order is proven optimal): objective in the file's own terms, proven or not, lower
  bound, seconds, search nodes;
* the peer: the plain CP-SAT position model (``regie.schedule.cpsat_baseline``, OR-Tools,
  2 workers) with the same limit, or ``--baseline-limit``;

with the published optimum and solve times from the file. Targets (issue "Shooting
schedule"): MobStory and every film instance proven optimal in ≤ 1 s; on the movie-shoot
(``mssp_*``) instances, a better cost than the baseline at the same limit.

    .venv/bin/python benchmarks/talent.py [--time-limit 60] [--baseline-limit S]
        [--dir DIR] [--only NAME ...] [--no-baseline]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path
from typing import Any

from regie.schedule.cpsat_baseline import solve_cpsat
from regie.schedule.instances import BenchmarkInstance, read_instance, solution_for
from regie.schedule.sequencing import solve

REPO = Path(__file__).resolve().parents[1]
FAST_TARGET_S = 1.0


def _default_dir() -> Path:
    shared = os.environ.get("REGIE_SHARED_DIR")
    return (Path(shared) if shared else REPO.parent / "shared") / "benchmarks" / "talent" / "json"


def _bound(instance: BenchmarkInstance, lower: int) -> int:
    """A lower bound on idle + location cost, in the file's objective."""
    if instance.objective_type == "total_span_cost":
        return lower + instance.fixed_cost
    return lower


def _ours(instance: BenchmarkInstance, limit: float) -> dict[str, Any]:
    result = solve(instance.problem, time_limit_s=limit)
    return {**solution_for(instance, result).to_dict(), "method": result.method}


def _baseline(instance: BenchmarkInstance, limit: float) -> dict[str, Any]:
    result = solve_cpsat(instance.problem, time_limit_s=limit, workers=2)
    objective = None
    if result.idle_cost is not None and result.location_cost is not None:
        objective = instance.objective(result.idle_cost, result.location_cost)
    return {
        "objective": objective,
        "optimal": result.optimal,
        "lower_bound": _bound(instance, result.lower_bound),
        "seconds": round(result.seconds, 3),
        "status": result.status,
        "time_limit": limit,
    }


def _is_fast_target(name: str) -> bool:
    return name == "MobStory" or name.startswith("film")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=_default_dir())
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--baseline-limit", type=float, default=None)
    parser.add_argument("--only", nargs="*", default=None, help="instance names to run")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    baseline_limit = args.baseline_limit if args.baseline_limit is not None else args.time_limit
    rows: list[dict[str, Any]] = []
    for path in sorted(args.dir.glob("*.json")):
        if args.only and path.stem not in args.only:
            continue
        instance = read_instance(path.read_bytes(), path.name)
        row: dict[str, Any] = {
            "instance": path.stem,
            "objective_type": instance.objective_type,
            "size": f"{len(instance.problem.strips)} scenes x {len(instance.problem.cast)} actors",
            "ours": _ours(instance, args.time_limit),
            "published": {
                "optimum": instance.known_optimum,
                "times": [
                    {"solver": p.solver, "seconds": p.seconds, "machine": p.machine}
                    for p in instance.published_times
                ],
            },
        }
        if not args.no_baseline:
            row["baseline"] = _baseline(instance, baseline_limit)
        rows.append(row)
    print(json.dumps(_report(rows, args.time_limit, baseline_limit), indent=1))


def _report(rows: list[dict[str, Any]], limit: float, baseline_limit: float) -> dict[str, Any]:
    fast = [r for r in rows if _is_fast_target(r["instance"])]
    slow_or_open = [
        r["instance"]
        for r in fast
        if not r["ours"]["optimal"] or r["ours"]["seconds"] > FAST_TARGET_S
    ]
    wrong = [
        r["instance"]
        for r in rows
        if r["published"]["optimum"] is not None
        and r["ours"]["optimal"]
        and r["ours"]["objective"] != r["published"]["optimum"]
    ]
    movie = [r for r in rows if r["instance"].startswith("mssp_") and "baseline" in r]
    not_better = [
        r["instance"]
        for r in movie
        if r["baseline"]["objective"] is not None
        and r["ours"]["objective"] > r["baseline"]["objective"]
    ]
    return {
        "benchmark": "talent scheduling / movie shoot scheduling",
        "machine": {
            "platform": platform.platform(),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "when": time.strftime("%Y-%m-%d"),
        },
        "time_limit_s": limit,
        "baseline_limit_s": baseline_limit,
        "instances": rows,
        "summary": {
            "films_and_mobstory_optimal_within_1s": bool(fast) and not slow_or_open,
            "films_not_optimal_within_1s": slow_or_open,
            "optimum_differs_from_published": wrong,
            "mssp_not_worse_than_baseline": bool(movie) and not not_better,
            "mssp_strictly_better_than_baseline": [
                r["instance"]
                for r in movie
                if r["baseline"]["objective"] is None
                or r["ours"]["objective"] < r["baseline"]["objective"]
            ],
            "mssp_worse_than_baseline": not_better,
            "all_optimal": [r["instance"] for r in rows if r["ours"]["optimal"]],
        },
    }


if __name__ == "__main__":
    main()
