# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie callsheet DAY --format pdf|json [-o FILE]``: the call sheet (feuille de
service) of a shoot day of the production's board. Register with
``_top("callsheet", callsheet.callsheet)``.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from regie.cli import output
from regie.cli.context import lang, production
from regie.cli.schedule import tr


class SheetFormat(StrEnum):
    PDF = "pdf"
    JSON = "json"


def callsheet(  # noqa: PLR0917 - typer passes the command's arguments and options by position
    day: Annotated[int, typer.Argument(metavar="JOUR", help="Jour de tournage (1, 2, 3…).")],
    sheet_format: Annotated[
        SheetFormat, typer.Option("--format", "-f", help="pdf ou json.")
    ] = SheetFormat.JSON,
    target: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Fichier à écrire (défaut : JSON à l'écran)."),
    ] = None,
    board: Annotated[
        int | None,
        typer.Option(
            "--board", help="Numéro du plan (défaut : le plan principal du dernier planning)."
        ),
    ] = None,
    weather: Annotated[str, typer.Option("--weather", help="Météo prévue.")] = "",
    hospital: Annotated[str, typer.Option("--hospital", help="Hôpital le plus proche.")] = "",
    parking: Annotated[str, typer.Option("--parking", help="Stationnement.")] = "",
    safety: Annotated[str, typer.Option("--safety", help="Consignes de sécurité.")] = "",
    harassment: Annotated[
        str, typer.Option("--harassment-contact", help="Référent harcèlement : nom et téléphone.")
    ] = "",
) -> None:
    """Écrire la feuille de service d'un jour de tournage (PDF ou JSON)."""
    from regie.core.errors import InputError
    from regie.core.text import t
    from regie.documents.callsheet import call_sheet_json, call_sheet_pdf
    from regie.office.callsheet import CallSheetExtras
    from regie.services.callsheets import call_sheet

    extras = CallSheetExtras(
        weather=weather, hospital=hospital, parking=parking, safety_notes=safety,
        harassment_contact=harassment,
    )  # fmt: skip
    with production() as (config, db):
        sheet = call_sheet(db, config.slug, day, actor=None, board_id=board, extras=extras)
    if sheet_format is SheetFormat.PDF:
        if target is None:
            raise InputError(
                t("a PDF call sheet needs a file to write"),
                hint=t("Add -o FILE.pdf"),
            )
        output.write_file(target, call_sheet_pdf(sheet, locale=lang()))
        output.success(tr(t("Call sheet written to {path}.", path=target)))
        return
    data = call_sheet_json(sheet, locale=lang())
    if target is None:
        output.print_json(data)
        return
    import json

    output.write_file(target, json.dumps(data, ensure_ascii=False, indent=2).encode())
    output.success(tr(t("Call sheet written to {path}.", path=target)))
