# SPDX-License-Identifier: AGPL-3.0-or-later
"""The feasibility diagnosis (diagnostic de faisabilité): ``regie feasibility``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from regie.cli import output
from regie.cli.context import JsonOption, lang, production, rule_dirs, say
from regie.core.eighths import format_eighths

if TYPE_CHECKING:
    from regie.script.feasibility import DayEstimate, Feasibility, Split


def days_text(days: DayEstimate) -> str:
    """``"5 à 8 jours"``, or why there is no estimate."""
    if days.low is None or days.high is None:
        return say("pas d'estimation", "no estimate") + (f" ({days.reason})" if days.reason else "")
    if days.low == days.high:
        plural = days.low > 1
        return f"{days.low} " + say(
            "jours de tournage" if plural else "jour de tournage",
            "shoot days" if plural else "shoot day",
        )
    return say(
        f"{days.low} à {days.high} jours de tournage", f"{days.low} to {days.high} shoot days"
    )


def headline(report: Feasibility) -> str:
    """One line: length, scenes, estimated screen time, shoot days."""
    minutes = str(report.estimated_minutes)
    return say(
        f"{report.pages} pages ({format_eighths(report.eighths)} en huitièmes), "
        f"{report.scene_count} séquences, ≈ {minutes.replace('.', ',')} min, "
        f"{days_text(report.shoot_days)}",
        f"{report.pages} pages ({format_eighths(report.eighths)} in eighths), "
        f"{report.scene_count} scenes, ≈ {report.estimated_minutes} min, "
        f"{days_text(report.shoot_days)}",
    )


_LIGHT = {
    "day": ("jour", "day"),
    "night": ("nuit", "night"),
    "dawn": ("aube", "dawn"),
    "dusk": ("crépuscule", "dusk"),
    "unknown": ("non précisé", "not stated"),
    "none": ("non précisé", "not stated"),
}


def _splits(title: str, splits: tuple[Split, ...]) -> None:
    output.table(
        title,
        ["", say("Séquences", "Scenes"), say("Longueur", "Length")],
        [
            (say(*_LIGHT[s.key]) if s.key in _LIGHT else s.key, s.scenes, format_eighths(s.eighths))
            for s in splits
        ],
    )


def _print(report: Feasibility) -> None:
    output.line(f"{report.title} — " + headline(report))
    days = report.shoot_days
    if days.rule:
        output.line(
            say("Règle : ", "Rule: ") + days.rule + (f" ({days.citation})" if days.citation else "")
        )
    _splits("INT/EXT", report.int_ext)
    _splits(say("Jour / nuit", "Day / night"), report.light)
    output.table(
        say("Décors", "Sets"),
        [say("Décor", "Set"), say("Séquences", "Scenes"), say("Longueur", "Length"), "INT/EXT"],
        [(s.name, s.scenes, format_eighths(s.eighths), ", ".join(s.int_ext)) for s in report.sets],
    )
    output.table(
        say("Rôles", "Cast"),
        [
            say("Rôle", "Character"),
            say("Séquences", "Scenes"),
            say("Longueur", "Length"),
            say("Première", "First"),
            "Alias",
        ],
        [
            (c.name, c.scenes, format_eighths(c.eighths), c.first_scene, ", ".join(c.aliases))
            for c in report.cast
        ],
    )
    output.table(
        say("Facteurs de coût", "Cost drivers"),
        [
            say("Facteur", "Driver"),
            say("Séquences", "Scenes"),
            say("Éléments", "Elements"),
            say("Confirmé", "Confirmed"),
        ],
        [
            (say(d.label_fr, d.label_en), ", ".join(d.scenes), ", ".join(d.elements), d.confirmed)
            for d in report.drivers
        ],
    )
    output.line(say("Règles utilisées : ", "Rules used: ") + ", ".join(report.rules))


def feasibility(
    json_output: JsonOption = False,
    pdf: Annotated[
        Path | None, typer.Option("--pdf", help="Écrire aussi le diagnostic en PDF.")
    ] = None,
) -> None:
    """Diagnostic de faisabilité de la version courante du scénario."""
    from regie.services import productions
    from regie.services.feasibility import feasibility as diagnose

    with production() as (config, db):
        report = diagnose(db, config.slug, actor=None, rule_dirs=rule_dirs(config))
        made = productions.get_production(db, config.slug, actor=None) if pdf else None
    if pdf is not None and made is not None:
        from regie.documents.feasibility import feasibility_pdf

        output.write_file(pdf, feasibility_pdf(report, made, locale=lang()))
    if json_output:
        output.print_json(report)
        return
    _print(report)
    if pdf is not None:
        output.success(say(f"PDF écrit : {pdf}", f"PDF written: {pdf}"))
