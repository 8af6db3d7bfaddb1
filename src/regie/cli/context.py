# SPDX-License-Identifier: AGPL-3.0-or-later
"""What every command shares: the global options, the production folder it acts on, and
the one place where a :class:`~regie.core.errors.RegieError` becomes a message and an exit
code (never a traceback for a user's mistake).

Messages are printed in the ``--lang`` language (the ``errors`` catalog; French by
default), ``--json`` adds the English one as ``message_en``.

Exit codes: 0 success; 2 for a bad input (``InputError``, ``ParseError``,
``ValidationError``, and click's own usage errors); 1 for every other ``RegieError`` (not
found, conflict, permission, schema, rules).

Services are imported inside functions: ``regie --help`` must not load SQLAlchemy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from regie.core.errors import InputError, RegieError
from regie.core.text import t

if TYPE_CHECKING:
    from regie.services.database import Database
    from regie.services.folders import FolderConfig

LANGUAGES = ("fr", "en")
EXIT_INPUT = 2
EXIT_ERROR = 1

JsonOption = Annotated[
    bool,
    typer.Option("--json", help="Sortie JSON pour les scripts (clés stables, UTF-8)."),
]


@dataclass(slots=True)
class CliState:
    """The global options of one invocation (set by the root callback)."""

    production_dir: Path | None = None
    lang: str = "fr"


_STATE = CliState()


def set_state(production_dir: Path | None, language: str | None) -> None:
    """Called by the root callback at every invocation (tests run many in one process).
    ``language``: ``--lang`` or ``REGIE_LANG`` (``fr_FR.UTF-8`` reads as ``fr``)."""
    chosen = re.split(r"[-_.]", (language or "fr").strip().lower(), maxsplit=1)[0]
    if chosen not in LANGUAGES:
        _STATE.lang = "fr"  # the refusal itself is printed in the default language
        raise InputError(
            t("unknown output language '{language}'", language=language),
            where="--lang / REGIE_LANG",
            hint=t("Use fr or en"),
        )
    _STATE.production_dir = production_dir
    _STATE.lang = chosen


def lang() -> str:
    """``"fr"`` or ``"en"``: the language of printed labels and of documents."""
    return _STATE.lang


def say(french: str, english: str) -> str:
    """The label in the output language (the CLI's few words; documents use catalogs)."""
    return english if _STATE.lang == "en" else french


def label(pair: tuple[str, str]) -> str:
    """One of the ``(French, English)`` label pairs of the domain (roles, kinds)."""
    return say(*pair)


def exit_code(error: RegieError) -> int:
    return EXIT_INPUT if isinstance(error, InputError) else EXIT_ERROR


def report(error: RegieError, *, as_json: bool) -> None:
    """Print ``error`` in the output language (``--lang``, French by default)."""
    from regie.cli.output import print_error
    from regie.documents.i18n import error_messages

    print_error(error, as_json=as_json, gettext=error_messages(_STATE.lang))


def _fail(error: RegieError, as_json: bool) -> typer.Exit:
    report(error, as_json=as_json)
    return typer.Exit(exit_code(error))


class RegieCommand(TyperCommand):
    """A command whose ``RegieError`` is printed (red on stderr, or ``{"error": ...}`` on
    stdout with ``--json``) and turned into the exit code."""

    # ``ctx`` is the vendored or the installed click's Context, depending on typer's version.
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except RegieError as error:
            raise _fail(error, bool(ctx.params.get("json_output"))) from None


class DefaultGroup(TyperGroup):
    """A group that runs its ``default`` command when the first word is not one of its
    commands: ``regie breakdown 12`` is ``regie breakdown show 12``."""

    default_command = "show"

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        help_names = set(getattr(ctx, "help_option_names", ("--help",)))
        if not args or (args[0] not in self.commands and args[0] not in help_names):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


class ListGroup(DefaultGroup):
    default_command = "list"


F = TypeVar("F", bound=Callable[..., Any])


def command(app: typer.Typer, name: str, help_text: str) -> Callable[[F], F]:
    """``@app.command`` with regie's error handling."""
    return app.command(name, cls=RegieCommand, help=help_text)


def group(help_text: str, cls: type[TyperGroup] | None = None) -> typer.Typer:
    return typer.Typer(
        help=help_text,
        cls=cls,
        no_args_is_help=cls is None,
        add_completion=False,
        pretty_exceptions_show_locals=False,
    )


# -- the production folder ----------------------------------------------------------------


def folder() -> FolderConfig:
    """The production folder of this invocation: ``--production DIR`` or the working
    directory, each looked up like git does (the folder itself or one of its parents)."""
    from regie.services.folders import find_folder

    start = _STATE.production_dir or Path.cwd()
    if not start.exists():
        raise InputError(
            t("the folder {path} does not exist", path=start),
            where="--production",
            hint=t("Give the path of a folder made by `regie new`"),
        )
    return find_folder(start)


@contextmanager
def production() -> Iterator[tuple[FolderConfig, Database]]:
    """The folder and its database (schema checked: an old one says to run
    ``regie db upgrade``); the connection pool is closed afterwards."""
    config = folder()
    from regie.services.database import open_database

    db = open_database(config.resolved_database_url, check=True)
    try:
        yield config, db
    finally:
        db.dispose()


def rule_dirs(config: FolderConfig) -> tuple[Path, ...]:
    """The production's own rule packs (``rules/`` in the folder), when it has some."""
    own = config.root / "rules"
    return (own,) if own.is_dir() else ()
