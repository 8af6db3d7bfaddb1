# SPDX-License-Identifier: AGPL-3.0-or-later
"""Rushes: ``regie media qc PATH...`` (technical QC of clips against a spec).
Register with ``app.add_typer(media.media_app, name="media")``; other modules add their
commands to ``media_app`` (media_sync, media_plan).

``regie media qc CARD/ [FILE...] [--spec SPEC] [--full] [--json] [-o REPORT.pdf|.csv|.json]``
probes every file (quick mode) or also decodes it (``--full``: black, frozen picture,
clipping, silence, dead channels, loudness, decode errors) and judges it against the spec
(``media-spec-house`` by default; a pack id or a YAML file). The exit code is 0 when the
check ran, whatever it found: read ``passed`` in the JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from regie.cli import output
from regie.cli.context import JsonOption, command, group, lang, say
from regie.core.errors import RegieError, ValidationError
from regie.core.text import t

if TYPE_CHECKING:
    from regie.media.qc import QcReport
    from regie.media.spec import TechSpec

media_app = group("Rushes et médias : contrôle technique, synchronisation, stockage, livrables.")

DEFAULT_SPEC = "media-spec-house"
REPORT_FORMATS = (".pdf", ".csv", ".json")


def load_spec(spec: str | None) -> TechSpec:
    """The spec named on the command line: a YAML file, else a pack id (the production's
    own ``rules/`` folder first when the command runs in one)."""
    from regie.cli.context import folder, rule_dirs
    from regie.media.spec import tech_spec
    from regie.rules.registry import load_pack_file, pack

    chosen = spec or DEFAULT_SPEC
    candidate = Path(chosen)
    if candidate.suffix.lower() in (".yaml", ".yml") or candidate.is_file():
        return tech_spec(load_pack_file(candidate))
    try:
        dirs = rule_dirs(folder())
    except RegieError:  # not in a production folder: the shipped packs only
        dirs = ()
    return tech_spec(pack(chosen, extra_dirs=dirs))


def _report_bytes(report: QcReport, target: Path) -> bytes:
    import json

    from regie.documents import media_qc

    suffix = target.suffix.lower()
    if suffix == ".pdf":
        return media_qc.qc_pdf(report, locale=lang())
    if suffix == ".csv":
        return media_qc.qc_csv(report, locale=lang()).encode("utf-8")
    text = json.dumps(media_qc.qc_json(report, locale=lang()), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


@command(media_app, "qc", "Contrôle technique des rushes : propriétés et défauts de chaque clip.")
def qc(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Fichiers ou dossiers (cartes) à contrôler.", show_default=False),
    ],
    spec: Annotated[
        str | None,
        typer.Option(
            "--spec",
            help="Spécification : identifiant de pack (défaut : media-spec-house) ou fichier YAML.",
        ),
    ] = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Décoder chaque image et chaque échantillon : noir, image figée, "
            "saturation, silence, voie morte, loudness (plus long).",
        ),
    ] = False,
    target: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Écrire aussi le rapport : .pdf, .csv ou .json."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Contrôle technique des rushes contre une spécification."""
    from regie.documents.media_qc import qc_json
    from regie.mediaio.analyse import qc_paths

    if target is not None and target.suffix.lower() not in REPORT_FORMATS:
        raise ValidationError(
            t("cannot write a {format} report", format=target.suffix or target.name),
            field="-o",
            hint=t("Name the report .pdf, .csv or .json"),
        )
    report = qc_paths(paths, load_spec(spec), full=full)
    if target is not None:
        output.write_file(target, _report_bytes(report, target))
    if json_output:
        output.print_json(qc_json(report, locale=lang()))
        return
    _print(report)
    if target is not None:
        output.success(say(f"Rapport écrit : {target}", f"Report written: {target}"))


def _print(report: QcReport) -> None:
    from regie.documents.media_qc import qc_view

    view = qc_view(report, lang())
    mode = say("complet", "full") if report.full else say("rapide", "quick")
    output.line(say("Spécification : ", "Spec: ") + f"{report.spec_ref} ({mode})")
    for card in view.cards:
        summary = card.card.summary
        output.table(
            say(f"Carte {card.card.name}", f"Card {card.card.name}")
            + f" — {summary.passed}/{summary.clips} "
            + say("conformes", "passed"),
            [
                say("Fichier", "File"),
                say("Bobine", "Roll"),
                say("Image", "Picture"),
                say("Son", "Sound"),
                "TC",
                say("Durée", "Duration"),
                say("Verdict", "Verdict"),
            ],
            [
                (
                    c.clip.info.name,
                    c.clip.roll,
                    c.picture,
                    c.sound,
                    c.timecode,
                    c.duration,
                    say("conforme", "passed") if c.clip.passed else say("refusé", "failed"),
                )
                for c in card.clips
            ],
        )
        rows = [
            (c.clip.info.name, d.kind, d.severity, d.start, d.end, d.channel, d.message)
            for c in card.clips
            for d in c.defects
        ]
        if rows:
            output.table(
                say("Défauts", "Defects"),
                [
                    say("Fichier", "File"),
                    say("Défaut", "Defect"),
                    say("Gravité", "Severity"),
                    say("Début (s)", "Start (s)"),
                    say("Fin (s)", "End (s)"),
                    say("Voie", "Channel"),
                    "Message",
                ],
                rows,
            )
        for name, message in card.problems:
            output.warn(f"{name} : {message}")
