# SPDX-License-Identifier: AGPL-3.0-or-later
"""The order of scenes: what the planner sets per scene of a schedule version (``regie
schedule plan|before|same-day``) and ``regie schedule solve``, the shooting-order solver
run on a talent-scheduling benchmark file (no production needed). The commands join
``regie schedule`` (:mod:`regie.cli.schedule`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from regie.cli import output
from regie.cli.context import JsonOption, command, production
from regie.cli.schedule import (
    ScheduleOption,
    light_text,
    parse_date,
    plan_json,
    schedule_app,
    schedule_number,
    tr,
    yes_no,
)
from regie.core.errors import InputError, ValidationError
from regie.core.text import Text, t

SOLUTION_KEYS = ("objective", "order", "optimal", "lower_bound", "seconds")

SceneArgument = Annotated[str, typer.Argument(metavar="SCENE", help="Numéro de la séquence.")]


@command(schedule_app, "plan", "Régler une séquence : durée, nuit ou jour, date imposée.")
def plan(
    scene: SceneArgument,
    number: ScheduleOption = None,
    *,
    minutes: Annotated[
        int | None, typer.Option("--minutes", help="Temps de tournage estimé, en minutes.")
    ] = None,
    night: Annotated[
        bool | None,
        typer.Option("--night/--day", help="À tourner de nuit, ou de jour (lumière du jour)."),
    ] = None,
    fixed: Annotated[str | None, typer.Option("--fixed", help="Date imposée (AAAA-MM-JJ).")] = None,
    clear: Annotated[
        bool, typer.Option("--clear", help="Revenir aux valeurs par défaut avant d'appliquer.")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    from regie.schedule.catalog import ScenePlan
    from regie.services import schedules

    fixed_date = None if fixed is None else parse_date(fixed, "--fixed")
    with production() as (config, db):
        chosen = schedule_number(db, config.slug, number)
        plans = schedules.scene_plans(db, config.slug, chosen, actor=None)
        wanted = scene.strip().upper()
        # An unknown label goes through as it is: the service names it in its refusal.
        current = next((p for p in plans if p.label.upper() == wanted), None)
        if current is None or clear:
            current = ScenePlan(0, scene, version=0 if current is None else current.version)
        saved = schedules.set_scene_plan(
            db, config.slug, chosen, current.label, actor=None,
            expected_version=current.version,
            minutes=minutes if minutes is not None else current.minutes,
            needs_night=night if night is not None else current.needs_night,
            needs_day=(not night) if night is not None else current.needs_day,
            fixed_date=fixed_date or current.fixed_date,
        )  # fmt: skip
    if json_output:
        output.print_json(plan_json(saved))
        return
    output.success(tr(t("Scene {scene} planned.", scene=saved.label)))
    output.field_lines(
        [
            (tr(t("Minutes")), saved.minutes),
            (tr(t("Light")), light_text(saved)),
            (tr(t("Fixed date")), saved.fixed_date),
        ]
    )


@command(schedule_app, "before", "Imposer que la séquence A soit tournée avant B.")
def before(
    first: Annotated[str, typer.Argument(metavar="A", help="Séquence tournée d'abord.")],
    second: Annotated[str, typer.Argument(metavar="B", help="Séquence tournée ensuite.")],
    number: ScheduleOption = None,
    remove: Annotated[bool, typer.Option("--remove", help="Retirer cette contrainte.")] = False,
    json_output: JsonOption = False,
) -> None:
    from regie.services import schedule_constraints as constraints

    with production() as (config, db):
        chosen = schedule_number(db, config.slug, number)
        change = constraints.remove_precedence if remove else constraints.add_precedence
        pairs = change(db, config.slug, chosen, first, second, actor=None)
    if json_output:
        output.print_json([{"before": b, "after": a} for b, a in pairs])
        return
    for b, a in pairs:
        output.line(tr(t("Scene {before} before scene {after}", before=b, after=a)))


@command(schedule_app, "same-day", "Imposer que des séquences soient tournées le même jour.")
def same_day(
    scenes: Annotated[list[str], typer.Argument(metavar="SCENE...", help="Séquences.")],
    number: ScheduleOption = None,
    remove: Annotated[
        bool, typer.Option("--remove", help="Retirer ces séquences de leur groupe.")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    from regie.services import schedule_constraints as constraints

    with production() as (config, db):
        chosen = schedule_number(db, config.slug, number)
        if remove:
            groups: list[tuple[str, ...]] = []
            for label in scenes:
                groups = constraints.remove_from_same_day(
                    db, config.slug, chosen, label, actor=None
                )
        else:
            groups = constraints.set_same_day(db, config.slug, chosen, scenes, actor=None)
    if json_output:
        output.print_json([list(g) for g in groups])
        return
    for found in groups:
        output.line(tr(t("Same day: {scenes}", scenes=", ".join(found))))


def read_input(path: Path, hint: Text) -> bytes:
    """The bytes of the file a command was given, or an error that names it."""
    if not path.is_file():
        raise InputError(
            t("no such file") if not path.exists() else t("this is not a file"),
            where=str(path),
            hint=hint,
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(
            t("cannot read the file ({problem})", problem=exc.strerror), where=str(path)
        ) from None


@command(
    schedule_app, "solve", "Résoudre une instance d'ordonnancement des comédiens (fichier JSON)."
)
def solve(
    instance: Annotated[
        Path, typer.Argument(metavar="INSTANCE.json", help="Fichier d'instance (forme commune).")
    ],
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Temps de calcul maximal, en secondes.")
    ] = 10.0,
    json_output: JsonOption = False,
) -> None:
    from regie.schedule.instances import read_instance, solution_for
    from regie.schedule.sequencing import solve as solve_order

    if not 0 < time_limit <= 3600:
        raise ValidationError(
            t("the time limit must be more than 0 and at most 3600 seconds"), field="--time-limit"
        )
    data = read_input(instance, t("Give the path of a talent-scheduling instance in JSON"))
    parsed = read_instance(data, instance.name)
    result = solve_order(parsed.problem, time_limit_s=time_limit)
    solution = solution_for(parsed, result).to_dict()
    if json_output:
        output.print_json({key: solution[key] for key in SOLUTION_KEYS})
        return
    output.field_lines(
        [
            (tr(t("Instance")), parsed.name),
            (tr(t("Objective")), parsed.objective_type),
            (tr(t("Best order's cost")), solution["objective"]),
            (tr(t("Lower bound")), solution["lower_bound"]),
            (tr(t("Proven optimal")), yes_no(bool(solution["optimal"]))),
            (tr(t("Published optimum")), parsed.known_optimum),
            (tr(t("Seconds")), solution["seconds"]),
            (tr(t("Order")), " ".join(str(scene) for scene in result.order)),
        ]
    )
