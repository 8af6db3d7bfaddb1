# SPDX-License-Identifier: AGPL-3.0-or-later
"""Devis benchmark: prints one JSON document.

Builds a 3,000-line budget (seeded random; the same for a given ``--seed``) on the CNC
cinema chart and the CDDU fringe groups of the shipped rule packs
(``regie.budget.chart.load_chart``, ``regie.budget.charges.fringe_groups``) — or, where
those are absent or refuse, on a built-in chart of the same shape (nine chapters, 40
accounts, two fringe groups of eight contributions each). Lines spread over the nine
chapters as a feature film's do: crew on chapter 2 and cast on chapter 3 with their
fringe group, sets, transport, equipment, post-production and insurance without.

It measures, over ``--runs`` warm runs in this process (median and best):

* ``compute_s``: :func:`regie.budget.compute.compute` — the whole recompute of the devis;
* ``export_s``: ``regie.documents.devis.devis_xlsx`` on that devis, when the module is
  there with a signature this script can call (``null`` and the reason otherwise).

Targets: recompute ≤ 50 ms, XLSX export ≤ 1 s.

    .venv/bin/python benchmarks/budget.py [--lines 3000] [--runs 7] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import inspect
import json
import os
import platform
import random
import statistics
import time
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from regie.budget.compute import compute
from regie.budget.model import (
    Account,
    AddOn,
    AddOnBase,
    Budget,
    BudgetLine,
    Chapter,
    Chart,
    ChartKind,
    Cited,
    Devis,
    Fringe,
    FringeGroup,
    Place,
)
from regie.core.production import Production, ProductionKind, default_agreement
from regie.rules.pack import Status

TARGET_COMPUTE_S = 0.050
TARGET_EXPORT_S = 1.0
ON = dt.date(2026, 6, 1)  # the date the fringe groups are read for (no clock)

# Per chapter: the share of lines, the units, (low, high) rate in euros, and the fringe
# group key of the built-in chart (the shipped pack's keys are matched by their words).
PROFILE: dict[int, tuple[float, tuple[str, ...], tuple[int, int], str | None]] = {
    1: (0.02, ("forfait",), (2_000, 150_000), None),
    2: (0.30, ("jour", "semaine"), (180, 4_500), "technician"),
    3: (0.20, ("jour", "cachet"), (120, 6_000), "performer"),
    4: (0.00, (), (0, 0), None),
    5: (0.12, ("forfait", "jour", "semaine"), (50, 25_000), None),
    6: (0.14, ("jour", "nuit", "repas", "km"), (1, 900), None),
    7: (0.12, ("semaine", "jour", "forfait"), (80, 12_000), None),
    8: (0.07, ("jour", "forfait", "heure"), (60, 9_000), None),
    9: (0.03, ("forfait",), (500, 60_000), None),
}


def _cited(key: str) -> Cited:
    return Cited("bench-devis@1", key, Status.ESTIMATED, "estimated — benchmark figure")


def builtin_chart() -> tuple[Chart, dict[str, FringeGroup]]:
    """A chart of the CNC shape and two fringe groups, for when the packs are absent."""
    titles = {
        1: "Droits artistiques",
        2: "Personnel",
        3: "Interprétation",
        4: "Charges sociales",
        5: "Décors et costumes",
        6: "Transports, défraiements, régie",
        7: "Moyens techniques",
        8: "Pellicule, laboratoire, postproduction",
        9: "Assurances et divers",
    }
    chapters = []
    for number, title in titles.items():
        count = 2 if number == 4 else 5
        accounts = tuple(
            Account(f"{number}{i}", f"{title} — poste {i}", number) for i in range(1, count + 1)
        )
        chapters.append(Chapter(number, title, accounts))
    addons = (
        AddOn("overheads", "Frais généraux", Decimal("0.07"), AddOnBase.CHAPTERS, _cited("oh")),
        AddOn(
            "contingency",
            "Imprévus",
            Decimal("0.10"),
            AddOnBase.CHAPTERS_AND_OVERHEADS,
            _cited("ct"),
        ),
    )
    chart = Chart("bench-devis@1", ChartKind.CINEMA, "Devis", tuple(chapters), addons)
    groups = {}
    for key, account in (("technician", "41"), ("performer", "42")):
        fringes = tuple(
            Fringe(
                f"employer.{key}.{i}",
                f"Cotisation {i}",
                Decimal(f"0.0{i + 1}5"),
                _cited(f"{key}.{i}"),
                ceiling=Decimal(3925 * (i % 3 + 1)) if i % 2 else None,
                account=account,
            )
            for i in range(8)
        )
        groups[key] = FringeGroup(key, key, fringes)
    return chart, groups


def shipped_chart() -> tuple[Chart, dict[str, FringeGroup], str]:
    """The shipped CNC cinema chart and CDDU fringe groups, or the built-in ones."""
    try:
        chart_module = importlib.import_module("regie.budget.chart")
        charges_module = importlib.import_module("regie.budget.charges")
        chart = chart_module.load_chart(ChartKind.CINEMA)
        groups = dict(charges_module.fringe_groups(ON))
    except Exception as error:  # another engineer's module may be absent or refuse
        chart, groups = builtin_chart()
        return chart, groups, f"built-in ({type(error).__name__}: {error})"
    return chart, groups, f"{chart.ref} + regie.budget.charges.fringe_groups({ON})"


def _group_for(kind: str | None, groups: Mapping[str, FringeGroup]) -> str | None:
    if kind is None or not groups:
        return None
    if kind in groups:
        return kind
    words = {"technician": ("techn", "crew", "staff"), "performer": ("perform", "artist", "cast")}
    for key in groups:
        if any(word in key for word in words[kind]):
            return key
    return next(iter(groups))


def build_budget(count: int, seed: int) -> tuple[Budget, str]:
    chart, groups, source = shipped_chart()
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not a secret
    by_chapter = {c.number: [a.code for a in c.accounts] for c in chart.chapters}
    numbers = [n for n in PROFILE if PROFILE[n][0] and by_chapter.get(n)]
    weights = [PROFILE[n][0] for n in numbers]
    lines = []
    for index in range(count):
        number = rng.choices(numbers, weights)[0]
        _, units, (low, high), kind = PROFILE[number]
        unit = rng.choice(units)
        quantity = Decimal(rng.randint(1, 45)) if unit != "forfait" else Decimal(1)
        rate = Decimal(rng.randint(low * 100, high * 100)) / 100
        if unit == "km":  # mileage: many kilometres at a few tens of cents
            quantity, rate = Decimal(rng.randint(20, 4_000)), Decimal(rng.randint(30, 60)) / 100
        lines.append(
            BudgetLine(
                id=f"L{index + 1:05d}",
                account=rng.choice(by_chapter[number]),
                description=f"Poste {index + 1}",
                quantity=quantity,
                unit=unit,
                rate=rate,
                multiplier=Decimal(rng.choice((1, 1, 1, 2, 3))),
                fringe_group=_group_for(kind, groups),
                place=rng.choice((Place.FRANCE, Place.FRANCE, Place.REGION, Place.EU)),
            )
        )
    globals_ = {"shoot_days": Decimal(40), "prep_weeks": Decimal(8), "wrap_weeks": Decimal(3)}
    budget = Budget(chart, tuple(lines), groups, globals_)
    return budget, source


def timed(runs: int, fn: Callable[[], Any]) -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return times, result


def xlsx_export(devis: Devis, runs: int) -> dict[str, Any]:
    """Time ``regie.documents.devis.devis_xlsx`` when it exists and can be called."""
    row: dict[str, Any] = {"target_s": TARGET_EXPORT_S}
    try:
        module = importlib.import_module("regie.documents.devis")
        export = module.devis_xlsx
    except (ImportError, AttributeError) as error:
        return row | {"median_s": None, "reason": f"not available: {error}"}
    production = Production(
        id=1,
        slug="banc-essai",
        code="BANC",
        title="Banc d’essai",
        kind=ProductionKind.FEATURE_FILM,
        agreement=default_agreement(ProductionKind.FEATURE_FILM),
    )
    known: dict[str, Any] = {"production": production}
    args: list[Any] = []
    for index, parameter in enumerate(inspect.signature(export).parameters.values()):
        if index == 0:
            args.append(devis)
        elif parameter.default is not inspect.Parameter.empty:
            continue
        elif parameter.name in known and parameter.kind is not parameter.VAR_KEYWORD:
            args.append(known[parameter.name])
        elif parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        else:
            signature = f"devis_xlsx{inspect.signature(export)}"
            return row | {"median_s": None, "reason": f"signature differs: {signature}"}
    try:
        times, data = timed(runs, lambda: export(*args))
    except Exception as error:  # report it; the compute figures still count
        return row | {"median_s": None, "reason": f"{type(error).__name__}: {error}"}
    median = statistics.median(times)
    return row | {
        "median_s": round(median, 4),
        "best_s": round(min(times), 4),
        "bytes": len(data) if isinstance(data, bytes | bytearray) else None,
        "meets_target": median <= TARGET_EXPORT_S,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--lines", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    budget, source = build_budget(args.lines, args.seed)
    compute(budget)  # warm-up (imports, caches)
    times, devis = timed(args.runs, lambda: compute(budget))
    median = statistics.median(times)
    fringed = sum(1 for line in budget.lines if line.fringe_group)
    out: dict[str, Any] = {
        "benchmark": "budget",
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "processor": platform.processor() or platform.machine(),
        },
        "runs": args.runs,
        "seed": args.seed,
        "budget": {
            "chart": source,
            "lines": len(budget.lines),
            "lines_with_fringes": fringed,
            "fringes_per_line": sum(
                len(budget.fringe_groups[line.fringe_group].fringes)
                for line in budget.lines
                if line.fringe_group
            )
            / max(fringed, 1),
            "accounts": sum(len(c.accounts) for c in budget.chart.chapters),
            "total": str(devis.total),
        },
        "compute": {
            "median_s": round(median, 5),
            "best_s": round(min(times), 5),
            "target_s": TARGET_COMPUTE_S,
            "meets_target": median <= TARGET_COMPUTE_S,
        },
        "export_xlsx": xlsx_export(devis, max(1, args.runs // 2)),
    }
    print(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
