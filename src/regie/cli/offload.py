# SPDX-License-Identifier: AGPL-3.0-or-later
"""Verified offload and ASC MHL: ``regie offload SRC DST [DST...]``, ``regie mhl verify DIR``.

Register with ``_top("offload", offload.offload)`` and
``app.add_typer(offload.mhl_app, name="mhl")``. Neither needs a production folder.
Exit codes: 0 when every file verified on every destination (every file of the folder
matched its history); 1 when any did not (the failures are listed); 2 for a command that
could not run (missing source, destination inside the source, not enough space…).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from babel import numbers

from regie.cli import output
from regie.cli.context import EXIT_ERROR, JsonOption, command, group, lang, say
from regie.media.transfer import DEFAULT_ALGORITHM, CheckStatus, FileStatus, HashAlgorithm

if TYPE_CHECKING:
    from collections.abc import Callable

    from regie.core.jobs import ProgressReporter
    from regie.media.transfer import HistoryCheck, OffloadReport

mhl_app = group("Historiques ASC MHL : vérifier un dossier déjà déchargé.")

_STATUS_FR = {
    FileStatus.VERIFIED: "vérifié",
    FileStatus.ALREADY_VERIFIED: "déjà vérifié",
    FileStatus.MISMATCH: "empreinte différente",
    FileStatus.SIZE_MISMATCH: "taille différente (copie tronquée)",
    FileStatus.NO_SPACE: "disque plein",
    FileStatus.PERMISSION_DENIED: "accès refusé",
    FileStatus.SOURCE_MISSING: "source disparue",
    FileStatus.SOURCE_CHANGED: "source modifiée pendant la copie",
    FileStatus.SOURCE_ALTERED: "source différente de son historique",
    FileStatus.READ_FAILED: "lecture impossible",
    FileStatus.WRITE_FAILED: "écriture impossible",
    FileStatus.NOT_COPIED: "non copié",
}
_CHECK_FR = {
    CheckStatus.OK: "ok",
    CheckStatus.ALTERED: "modifié",
    CheckStatus.MISSING: "manquant",
    CheckStatus.NEW: "nouveau",
    CheckStatus.UNVERIFIED: "non vérifié",
}


def _status(status: FileStatus) -> str:
    return say(_STATUS_FR[status], status.value)


def _with_bar(show: bool, work: Callable[[ProgressReporter | None], Any]) -> Any:
    """Run ``work(progress)`` with a Rich bar on stderr (bytes, MB/s, ETA) when ``show``."""
    console = output.err_console()
    if not show or not console.is_terminal:
        return work(None)
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    columns = (
        TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
        TransferSpeedColumn(), TimeRemainingColumn(), TextColumn("{task.fields[file]}"),
    )  # fmt: skip
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(say("Copie et vérification", "Copy and verify"), total=None, file="")

        def progress(done: float, total: float, message: str = "", **details: Any) -> None:
            bar.update(task, completed=done, total=total, file=str(details.get("file", "")))

        return work(progress)


def offload(  # noqa: PLR0917 - typer passes the command's arguments and options by position
    source: Annotated[Path, typer.Argument(help="La carte ou le dossier à copier.")],
    destinations: Annotated[
        list[Path],
        typer.Argument(help="Un ou plusieurs dossiers de destination (la carte y est copiée)."),
    ],
    algorithm: Annotated[
        HashAlgorithm,
        typer.Option("--hash", "-H", help="Empreinte : xxh128 (défaut ASC MHL), xxh64, xxh3…"),
    ] = DEFAULT_ALGORITHM,
    author: Annotated[
        str | None, typer.Option("--author", help="Auteur inscrit dans l'historique ASC MHL.")
    ] = None,
    location: Annotated[
        str | None, typer.Option("--location", help="Lieu inscrit dans l'historique.")
    ] = None,
    comment: Annotated[
        str | None, typer.Option("--comment", help="Commentaire inscrit dans l'historique.")
    ] = None,
    no_space_check: Annotated[
        bool,
        typer.Option("--no-space-check", help="Ne pas vérifier l'espace libre avant de copier."),
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Copier une carte vers plusieurs destinations, vérifiées, avec un historique ASC MHL."""
    from regie.mediaio.offload import OffloadOptions
    from regie.mediaio.offload import offload as run_offload
    from regie.mediaio.offload_report import report_json

    options = OffloadOptions(
        algorithm=algorithm,
        check_space=not no_space_check,
        author=author,
        location=location,
        comment=comment,
    )
    report: OffloadReport = _with_bar(
        not json_output,
        lambda progress: run_offload(source, destinations, options, progress=progress),
    )
    if json_output:
        output.print_json(report_json(report))
    else:
        _print_offload(report)
    if not report.ok:
        raise typer.Exit(EXIT_ERROR)


def _print_offload(report: OffloadReport) -> None:
    rows = (
        (
            d.root,
            d.count(FileStatus.VERIFIED),
            d.count(FileStatus.ALREADY_VERIFIED),
            sum(1 for o in d.outcomes if not o.status.ok),
            Path(d.generation).name if d.generation else (d.mhl_error or "—"),
        )
        for d in report.destinations
    )
    output.table(
        None,
        (
            say("destination", "destination"),
            say("vérifiés", "verified"),
            say("déjà vérifiés", "already verified"),
            say("échecs", "failed"),
            say("génération ASC MHL", "ASC MHL generation"),
        ),
        rows,
    )
    for line in report.warnings:
        output.warn(line)
    failures = report.failures
    if failures:
        output.table(
            say("Fichiers en échec", "Files that failed"),
            (
                say("fichier", "file"),
                say("destination", "destination"),
                "",
                say("détail", "detail"),
            ),
            ((o.path, o.destination, _status(o.status), o.detail) for o in failures),
        )
    mb = numbers.format_decimal(round(report.total_bytes / 1e6, 1), "#,##0.0", locale=lang())
    speed = numbers.format_decimal(round(report.throughput / 1e6), locale=lang())
    files = len(report.files)
    if report.ok:
        output.success(
            say(
                f"Déchargement vérifié\u00a0: {files} fichiers, {mb}\u00a0Mo, {speed}\u00a0Mo/s.",
                f"Offload verified: {files} files, {mb} MB, {speed} MB/s.",
            )
        )
    else:
        output.warn(
            say(
                "Déchargement NON vérifié\u00a0: ne formatez pas la carte. Relancez la commande "
                "après avoir corrigé la cause (les fichiers vérifiés ne sont pas recopiés).",
                "Offload NOT verified: do not format the card. Run the command again once the "
                "cause is fixed (verified files are not copied again).",
            )
        )


@command(
    mhl_app, "verify", "Revérifier un dossier contre son historique ASC MHL (manquants, modifiés…)."
)
def verify(
    folder: Annotated[
        Path, typer.Argument(help="Le dossier qui contient le dossier ascmhl (la copie).")
    ],
    json_output: JsonOption = False,
) -> None:
    from regie.mediaio.mhl_verify import verify_folder

    check: HistoryCheck = _with_bar(
        not json_output, lambda progress: verify_folder(folder, progress=progress)
    )
    if json_output:
        output.print_json(_check_json(check))
    else:
        problems = [f for f in check.files if f.status is not CheckStatus.OK]
        if problems:
            output.table(
                None,
                (say("fichier", "file"), say("état", "status"), say("attendu", "expected"),
                 say("trouvé", "found")),
                ((f.path, say(_CHECK_FR[f.status], f.status.value), f.expected, f.actual)
                 for f in problems),
            )  # fmt: skip
        counts = ", ".join(
            f"{say(_CHECK_FR[s], s.value)} {check.count(s)}" for s in CheckStatus if check.count(s)
        )
        (output.success if check.ok else output.warn)(
            say(
                f"{check.root} : {counts} ({check.generations} générations).",
                f"{check.root}: {counts} ({check.generations} generations).",
            )
        )
    if not check.ok:
        raise typer.Exit(EXIT_ERROR)


def _check_json(check: HistoryCheck) -> dict[str, Any]:
    return {
        "ok": check.ok,
        "root": check.root,
        "generations": check.generations,
        "totals": {"files": len(check.files), **{s.value: check.count(s) for s in CheckStatus}},
        "bytes_read": check.bytes_read,
        "seconds": round(check.seconds, 3),
        "throughput_mb_s": round(check.throughput / 1e6, 1),
        "files": [
            {
                "path": f.path,
                "status": f.status.value,
                "algorithm": f.algorithm.value if f.algorithm else None,
                "expected": f.expected,
                "actual": f.actual,
                "size": f.size,
            }
            for f in check.files
        ],
    }
