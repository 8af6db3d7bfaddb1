# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie devis draft``: a new devis drafted from the production — the day-out-of-days
of the primary board (or ``--board``), the engagements, the locations, the breakdown and
the customary defaults of the ``draft-defaults`` pack (:mod:`regie.services.budget_drafts`).
The command joins ``regie devis`` (:mod:`regie.cli.devis`)."""

from __future__ import annotations

from typing import Annotated

import typer

from regie.cli import output
from regie.cli.board import money
from regie.cli.context import JsonOption, command, production
from regie.cli.devis import devis_app
from regie.cli.schedule import tr
from regie.core.text import t


@command(
    devis_app,
    "draft",
    "Générer un brouillon de devis depuis le plan de travail, les engagements, les décors, "
    "le dépouillement et les valeurs d'usage.",
)
def draft(
    name: Annotated[str | None, typer.Option("--name", help="Nom du devis.")] = None,
    board: Annotated[
        int | None,
        typer.Option(
            "--board", help="Tableau à lire (défaut : le principal de la dernière version)."
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    from regie.services import budget_drafts, budgets

    with production() as (config, db):
        result = budget_drafts.draft_budget(db, config.slug, actor=None, name=name, board_id=board)
        total = budgets.devis(db, config.slug, result.record.number, actor=None).total
    record = result.record
    if json_output:
        output.print_json(
            {
                "number": record.number,
                "name": record.name,
                "chart": record.chart_ref,
                "lines": len(record.lines),
                "total": str(total),
                "globals": {k: str(v) for k, v in record.globals.items()},
                "warnings": [tr(w) for w in result.warnings],
            }
        )
        return
    output.success(
        tr(
            t(
                "Draft budget {number} created: {name}, {lines} lines, total {total}.",
                number=record.number,
                name=record.name,
                lines=len(record.lines),
                total=money(total),
            )
        )
    )
    for caution in result.warnings:
        output.warn(tr(caution))
