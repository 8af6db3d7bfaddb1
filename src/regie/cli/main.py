# SPDX-License-Identifier: AGPL-3.0-or-later
"""The ``regie`` command: global options and the wiring of each phase's commands.

Commands act on the production folder they run in (found by walking up to ``regie.toml``,
like git) or the one given with ``--production DIR``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from regie import __version__
from regie.cli import (
    board,
    board_reports,  # noqa: F401 - registers optimise, dood, export, worktime on `regie board`
    breakdown,
    callsheet,
    carbon,
    characters,
    costs,
    demo,
    devis,
    devis_draft,  # noqa: F401 - registers draft on `regie devis`
    feasibility,
    finance,
    location,
    logistics,
    media,
    media_plan,  # noqa: F401 - registers size, formats, deliverables, archive on `regie media`
    media_sync,  # noqa: F401 - registers sync on `regie media`
    offload,
    pay,
    people,
    planning,
    production,
    schedule,
    schedule_order,  # noqa: F401 - registers plan, before, same-day, solve on `regie schedule`
    script,
    serve,
    system,
    taxcredit,
    worker,
)
from regie.cli.context import RegieCommand, report, set_state

app = typer.Typer(
    name="regie",
    help="regie — bureau de production pour le cinéma et la télévision.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # locals may hold passwords
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"regie {__version__}")
        raise typer.Exit


@app.callback()
def main(
    production_dir: Annotated[
        Path | None,
        typer.Option(
            "--production",
            "-P",
            envvar="REGIE_PRODUCTION",
            help="Dossier de production (par défaut : le dossier courant ou un parent).",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            envvar="REGIE_LANG",
            help="Langue des sorties et des documents : fr ou en.",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Version de regie."),
    ] = False,
) -> None:
    """regie — bureau de production : scénario, dépouillement, faisabilité, plan de travail…"""
    from regie.core.errors import RegieError

    try:
        set_state(production_dir, lang)
    except RegieError as error:
        report(error, as_json=False)
        raise typer.Exit(2) from None


def _top(name: str, function: Callable[..., None]) -> None:
    app.command(name, cls=RegieCommand)(function)


_top("new", production.new)
app.add_typer(production.folder_app, name="folder")
app.add_typer(script.script_app, name="script")
app.add_typer(breakdown.breakdown_app, name="breakdown")
app.add_typer(characters.characters_app, name="characters")
_top("feasibility", feasibility.feasibility)
app.add_typer(location.location_app, name="location")
app.add_typer(people.cast_app, name="cast")
app.add_typer(people.crew_app, name="crew")
app.add_typer(people.people_app, name="people")
app.add_typer(schedule.schedule_app, name="schedule")
app.add_typer(board.board_app, name="board")
app.add_typer(devis.devis_app, name="devis")
app.add_typer(pay.pay_app, name="pay")
_top("callsheet", callsheet.callsheet)
app.add_typer(planning.plan_app, name="plan")
_top("offload", offload.offload)
app.add_typer(offload.mhl_app, name="mhl")
app.add_typer(media.media_app, name="media")
app.add_typer(taxcredit.taxcredit_app, name="taxcredit")
app.add_typer(finance.fec_app, name="fec")
app.add_typer(finance.financing_app, name="financing")
app.add_typer(logistics.logistics_app, name="logistics")
app.add_typer(carbon.carbon_app, name="carbon")
app.add_typer(costs.costs_app, name="costs")
_top("worker", worker.worker)
app.add_typer(production.user_app, name="user")
app.add_typer(system.db_app, name="db")
app.add_typer(system.rules_app, name="rules")
_top("serve", serve.serve)
_top("demo", demo.demo)
