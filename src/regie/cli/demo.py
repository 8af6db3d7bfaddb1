# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie demo``: a demo production folder, ready to explore, then the web UI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from regie.cli import output
from regie.cli.context import JsonOption, label, say
from regie.cli.feasibility import headline
from regie.cli.schedule import tr
from regie.cli.serve import HostOption, PortOption
from regie.core.calendar import PARIS
from regie.core.text import on_day, t

if TYPE_CHECKING:
    from regie.services.demo import DemoSummary


def _boards_json(summary: DemoSummary) -> list[dict[str, Any]]:
    return [
        {
            "id": c.board.id,
            "name": c.board.name,
            "primary": c.board.primary,
            "cost": str(c.total),
            "violations": len(c.evaluation.violations),
        }
        for c in summary.boards
    ]


def _print_schedule(summary: DemoSummary) -> None:
    from regie.cli.board import money

    settings = summary.schedule.settings
    output.field_lines(
        [
            (
                tr(t("Schedule")),
                tr(t("{days} shoot days from {start}", days=settings.day_count,
                     start=on_day(settings.start))),
            ),
            *(
                (tr(t("Board {id} ({name})", id=c.board.id, name=c.board.name)),
                 tr(t("{cost}, {count} problem(s)", cost=money(c.total),
                      count=len(c.evaluation.violations))))
                for c in summary.boards
            ),
        ]
    )  # fmt: skip


def demo(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="Dossier de la démo (créé).")
    ] = Path("regie-demo"),
    *,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Préparer le dossier sans lancer l'interface.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Remplacer une démo existante dans ce dossier.")
    ] = False,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    json_output: JsonOption = False,
) -> None:
    """Créer une production de démonstration (« Le Dernier Bac ») et ouvrir l'interface."""
    from babel.numbers import format_currency

    from regie.office.roles import ROLE_LABELS
    from regie.services.demo import build_demo

    summary = build_demo(directory, force=force, today=dt.datetime.now(PARIS).date())
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    revision = summary.revision
    if json_output:
        output.print_json(
            {
                "path": str(summary.config.root.resolve()),
                "url": None if no_serve else url,
                "production": summary.production.slug,
                "versions": len(summary.versions),
                "scenes": summary.versions[-1].scene_count,
                "revision": None
                if revision is None
                else {
                    "added": list(revision.added),
                    "removed": list(revision.removed),
                    "changed": list(revision.changed),
                    "tags_kept": revision.tags_kept,
                    "notes_kept": revision.notes_kept,
                },
                "users": [{"email": e, "role": r} for e, r in summary.users],
                "password": summary.password,
                "feasibility": headline(summary.report),
                "schedule": {
                    "number": summary.schedule.number,
                    "start": summary.schedule.settings.start.isoformat(),
                    "days": summary.schedule.settings.day_count,
                },
                "boards": _boards_json(summary),
                "devis": {
                    "number": summary.budget.number,
                    "name": summary.budget.name,
                    "total": str(summary.devis_total),
                },
            }
        )
    else:
        output.success(
            say(f"Démo prête dans {summary.config.root}", f"Demo ready in {summary.config.root}")
        )
        output.field_lines(
            [
                ("Production", f"{summary.production.title} ({summary.production.code})"),
                (say("Versions du scénario", "Script versions"), len(summary.versions)),
                (say("Faisabilité", "Feasibility"), headline(summary.report)),
            ]
        )
        if revision is not None:
            output.line(
                say("Version 2 : ", "Version 2: ")
                + say(
                    f"{len(revision.added)} ajoutée(s), {len(revision.removed)} supprimée(s), "
                    f"{len(revision.changed)} modifiée(s) ; {revision.tags_kept} éléments et "
                    f"{revision.notes_kept} note(s) conservés.",
                    f"{len(revision.added)} added, {len(revision.removed)} removed, "
                    f"{len(revision.changed)} changed; {revision.tags_kept} tags and "
                    f"{revision.notes_kept} note(s) kept.",
                )
            )
        _print_schedule(summary)
        total = format_currency(summary.devis_total, "EUR", locale="fr")
        output.line(
            say(
                f"{summary.budget.name} : total {total} (regie devis show)",
                f"{summary.budget.name}: total {total} (regie devis show)",
            )
        )
        output.table(
            say("Comptes de démonstration", "Demo accounts"),
            ["E-mail", say("Rôle", "Role")],
            [(email, label(ROLE_LABELS[role])) for email, role in summary.users],
        )
        output.field_lines([(say("Mot de passe (tous)", "Password (all)"), summary.password)])
        if not no_serve:
            output.field_lines([("URL", url)])
    if not no_serve:
        from regie.cli.serve import run_server

        run_server(summary.config, host, port, insecure_cookies=False)
