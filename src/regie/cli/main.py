# SPDX-License-Identifier: AGPL-3.0-or-later
"""The ``regie`` command: global options and the wiring of each phase's commands.

Commands act on the production folder they run in (found by walking up to ``regie.toml``,
like git) or the one given with ``--production DIR``.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Collection, Sequence
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import typer

from regie import __version__
from regie.cli.context import RegieCommand, report, set_state

# Each top-level name: the module of regie.cli that defines it, the attribute (a Typer
# group or a command function), and the modules that add commands to that group.
_WIRING: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("new", "production", "new", ()),
    ("folder", "production", "folder_app", ()),
    ("script", "script", "script_app", ()),
    ("breakdown", "breakdown", "breakdown_app", ()),
    ("characters", "characters", "characters_app", ()),
    ("feasibility", "feasibility", "feasibility", ()),
    ("location", "location", "location_app", ()),
    ("cast", "people", "cast_app", ()),
    ("crew", "people", "crew_app", ()),
    ("people", "people", "people_app", ()),
    ("schedule", "schedule", "schedule_app", ("schedule_order",)),
    ("board", "board", "board_app", ("board_reports",)),
    ("devis", "devis", "devis_app", ("devis_draft",)),
    ("pay", "pay", "pay_app", ()),
    ("callsheet", "callsheet", "callsheet", ()),
    ("plan", "planning", "plan_app", ()),
    ("offload", "offload", "offload", ()),
    ("mhl", "offload", "mhl_app", ()),
    ("media", "media", "media_app", ("media_plan", "media_sync")),
    ("taxcredit", "taxcredit", "taxcredit_app", ()),
    ("fec", "finance", "fec_app", ()),
    ("financing", "finance", "financing_app", ()),
    ("logistics", "logistics", "logistics_app", ()),
    ("carbon", "carbon", "carbon_app", ()),
    ("costs", "costs", "costs_app", ()),
    ("worker", "worker", "worker", ()),
    ("user", "production", "user_app", ()),
    ("db", "system", "db_app", ()),
    ("rules", "system", "rules_app", ()),
    ("serve", "serve", "serve", ()),
    ("demo", "demo", "demo", ()),
)
_NAMES = frozenset(name for name, *_ in _WIRING)
_VALUED_OPTIONS = frozenset({"--production", "-P", "--lang"})


def _version(value: bool) -> None:
    if value:
        typer.echo(f"regie {__version__}")
        raise typer.Exit


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


def build(names: Collection[str] | None = None) -> typer.Typer:
    """The ``regie`` command with every top-level command, or only ``names`` (importing
    only their modules)."""
    command = typer.Typer(
        name="regie",
        help="regie — bureau de production pour le cinéma et la télévision.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_show_locals=False,  # locals may hold passwords
    )
    command.callback()(main)
    for name, module, attribute, extensions in _WIRING:
        if names is not None and name not in names:
            continue
        target = getattr(importlib.import_module(f"regie.cli.{module}"), attribute)
        for extension in extensions:
            importlib.import_module(f"regie.cli.{extension}")
        if isinstance(target, typer.Typer):
            command.add_typer(target, name=name)
        else:
            command.command(name, cls=RegieCommand)(target)
    return command


@cache
def _everything() -> typer.Typer:
    return build()


def __getattr__(name: str) -> Any:
    """``app``: the whole command (tests, ``--help``), built on first use."""
    if name == "app":
        return _everything()
    raise AttributeError(name)


def requested(arguments: Sequence[str]) -> str | None:
    """The top-level command named on the command line, past the global options (``None``
    when there is none, or when ``--help``/``--version`` comes first)."""
    skip = False
    for argument in arguments:
        if skip:
            skip = False
        elif argument in _VALUED_OPTIONS:
            skip = True
        elif argument in ("--help", "--version"):
            return None
        elif not argument.startswith("-"):
            return argument
    return None


def run() -> None:
    """The console command: builds only the group asked for (Typer otherwise reads the
    signatures of every command, about 0.3 s, before running one)."""
    name = requested(sys.argv[1:])
    (build({name}) if name in _NAMES else _everything())()
