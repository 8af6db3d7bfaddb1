# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie callsheet DAY --format pdf|json [-o FILE]``: the call sheet (feuille de
service) of a shoot day of the production's board. Register with
``_top("callsheet", callsheet.callsheet)``.

Without ``--issue`` it prints the sheet as it stands, with the day's stored details
(weather, hospital…) and those given as options over them. ``--issue`` first stores the
details given as options, then freezes the sheet as the day's next version and writes
that version. ``--send`` e-mails the day's newest issued version to the people it calls
(SMTP from ``REGIE_SMTP_URL`` or ``[mail] url`` in regie.toml; the links point to
``--base-url``, ``REGIE_BASE_URL`` or ``[mail] base_url``).
"""

from __future__ import annotations

import dataclasses
import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from regie.cli import output
from regie.cli.context import lang, production
from regie.cli.schedule import tr

if TYPE_CHECKING:
    from regie.office.callsheet import CallSheetExtras
    from regie.services.database import Database
    from regie.services.folders import FolderConfig
    from regie.services.mail import Mailer


class SheetFormat(StrEnum):
    PDF = "pdf"
    JSON = "json"


def _overlay(stored: CallSheetExtras, given: dict[str, object]) -> CallSheetExtras:
    """The stored details with those given as options (non-empty) in their place."""
    changes = {name: value for name, value in given.items() if value}
    return dataclasses.replace(stored, **changes)  # type: ignore[arg-type]


def _meals(entries: list[str]) -> dict[str, int]:
    from regie.services.callsheets import parse_meal_counts

    return parse_meal_counts("\n".join(entries))


def _write(target: Path | None, sheet_format: SheetFormat, pdf: bytes | None, data: object) -> None:
    from regie.core.errors import InputError
    from regie.core.text import t

    if sheet_format is SheetFormat.PDF:
        if target is None:
            raise InputError(t("a PDF call sheet needs a file to write"), hint=t("Add -o FILE.pdf"))
        assert pdf is not None  # noqa: S101 - the caller made it for the PDF format
        output.write_file(target, pdf)
    elif target is None:
        output.print_json(data)
        return
    else:
        output.write_file(target, json.dumps(data, ensure_ascii=False, indent=2).encode())
    output.success(tr(t("Call sheet written to {path}.", path=target)))


def _mail_setup(config: FolderConfig, base_url: str | None) -> tuple[Mailer, str]:
    """The mailer and the links' base URL, checked before anything is stored."""
    from regie.core.errors import InputError
    from regie.core.text import t
    from regie.services import mail

    base = (base_url or "").rstrip("/") or mail.base_url(config.root)
    if not base:
        raise InputError(
            t("the personal links need the address of the regie server"),
            hint=t("Add --base-url https://… or set REGIE_BASE_URL"),
        )
    return mail.mailer(config.root), base


def _send(config: FolderConfig, db: Database, sheet_id: int, setup: tuple[Mailer, str]) -> None:
    from regie.core.text import t
    from regie.services import callsheet_mail

    mailer, base = setup
    report = callsheet_mail.send_call_sheet(db, config.slug, sheet_id, mailer, base, actor=None)
    output.success(
        tr(
            t(
                "Version {number} sent to {sent} people ({already} already sent before).",
                number=report.sheet.number,
                sent=len(report.sent),
                already=report.already_sent,
            )
        )
    )
    for failed in report.failed:
        output.warn(
            tr(t("Not sent to {name}: {error}", name=failed.name, error=failed.send_error or ""))
        )
    if report.unreachable:
        names = ", ".join(r.name for r in report.unreachable)
        output.warn(tr(t("No e-mail address, give them the sheet by hand: {names}", names=names)))


def callsheet(  # noqa: PLR0917 - typer passes the command's arguments and options
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
    meal: Annotated[
        list[str] | None,
        typer.Option(
            "--meal", help="Repas particuliers, par exemple « végétarien=3 » (répétable)."
        ),
    ] = None,
    notes: Annotated[str, typer.Option("--notes", help="Notes de la feuille.")] = "",
    issue: Annotated[
        bool,
        typer.Option(
            "--issue",
            help="Enregistrer les informations données, figer la feuille en une nouvelle "
            "version et écrire cette version.",
        ),
    ] = False,
    send: Annotated[
        bool,
        typer.Option(
            "--send",
            help="Envoyer par e-mail la dernière version émise du jour, avec un lien "
            "personnel de confirmation (REGIE_SMTP_URL ou [mail] dans regie.toml).",
        ),
    ] = False,
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", help="Adresse du serveur regie pour les liens personnels."),
    ] = None,
) -> None:
    """Écrire la feuille de service d'un jour de tournage (PDF ou JSON), l'émettre, l'envoyer."""
    from regie.core.errors import NotFound
    from regie.core.text import t
    from regie.documents.callsheet import call_sheet_json, call_sheet_pdf
    from regie.services import callsheets

    given: dict[str, object] = {
        "weather": weather, "hospital": hospital, "parking": parking, "safety_notes": safety,
        "harassment_contact": harassment, "notes": notes,
        "meal_counts": _meals(meal) if meal else {},
    }  # fmt: skip
    with production() as (config, db):
        setup = _mail_setup(config, base_url) if send else None
        source = callsheets.sheet_source(db, config.slug, day, actor=None, board_id=board)
        extras = _overlay(source.extras.extras, given)
        if not (issue or send):
            sheet = callsheets.call_sheet(
                db, config.slug, day, actor=None, board_id=source.board_id, extras=extras
            )
            pdf = call_sheet_pdf(sheet, locale=lang()) if sheet_format is SheetFormat.PDF else None
            _write(target, sheet_format, pdf, call_sheet_json(sheet, locale=lang()))
            return
        if issue:
            if extras != source.extras.extras:
                callsheets.update_day_extras(
                    db, config.slug, day, extras, source.extras.version, actor=None,
                    board_id=source.board_id,
                )  # fmt: skip
            issued = callsheets.issue_call_sheet(
                db, config.slug, day, actor=None, board_id=source.board_id, locale=lang()
            )
            output.success(
                tr(t("Version {number} of the call sheet issued.", number=issued.number))
            )
        found = callsheets.issued_sheets(
            db, config.slug, actor=None, board_id=source.board_id, day_number=day
        )
        if not found:
            raise NotFound(
                t("no call sheet of day {day} was issued yet", day=day),
                hint=t("Issue it first with --issue"),
            )
        newest = found[0]
        if newest.stale:
            output.warn(tr(t("The board or the day's details changed since this version.")))
        if setup is not None:
            _send(config, db, newest.id, setup)
        if target is not None or not send:
            frozen = callsheets.issued_sheet(db, config.slug, newest.id, actor=None)
            if sheet_format is SheetFormat.PDF and target is None:
                return  # issued only: nothing asked to be written
            _write(target, sheet_format, frozen.pdf, frozen.data)
