# SPDX-License-Identifier: AGPL-3.0-or-later
"""The script: ``regie script import|parse|versions|scenes``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from regie.cli import output
from regie.cli.context import JsonOption, command, group, production, say
from regie.core.eighths import format_eighths
from regie.core.errors import InputError, ParseError
from regie.core.text import t

if TYPE_CHECKING:
    from regie.script.catalog import RevisionSummary, SceneRecord, ScriptVersion

script_app = group("Le scénario : importer, lire, lister les versions et les séquences.")

FileArgument = Annotated[
    Path,
    typer.Argument(
        metavar="FILE", help="Fichier du scénario : Fountain, Final Draft (.fdx) ou PDF."
    ),
]


def read_script_file(path: Path) -> bytes:
    """The bytes of a script file; a file too big for a screenplay is refused before it is
    read (same limit and words as the format adapters)."""
    from regie.formats.guards import MAX_SCRIPT_BYTES

    if not path.is_file():
        raise InputError(
            t("no such file") if not path.exists() else t("this is not a file"),
            where=str(path),
            hint=t("Give the path of the script file"),
        )
    size = path.stat().st_size
    if size > MAX_SCRIPT_BYTES:
        raise ParseError(
            t(
                "the file is {size} MB, more than the {limit} MB a screenplay can be",
                size=round(size / 1048576, 1),
                limit=MAX_SCRIPT_BYTES // 1048576,
            ),
            file=path.name,
            hint=t("Check that this is a script (Fountain, FDX or PDF) and not a media file"),
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(
            t("cannot read the file ({problem})", problem=exc.strerror), where=str(path)
        ) from None


def pages_text(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def revision_json(summary: RevisionSummary | None) -> dict[str, Any] | None:
    return None if summary is None else dict(summary.to_json())


def version_json(version: ScriptVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "filename": version.filename,
        "format": version.source_format,
        "title": version.title,
        "imported_at": version.imported_at.isoformat(),
        "sha256": version.sha256,
        "scenes": version.scene_count,
        "pages": version.page_count,
        "eighths": version.total_eighths,
        "length": format_eighths(version.total_eighths),
        "warnings": list(version.warnings),
        "revision": revision_json(version.revision),
    }


def scene_json(scene: SceneRecord) -> dict[str, Any]:
    return {
        "id": scene.id,
        "index": scene.index,
        "number": scene.number,
        "label": scene.label,
        "heading": scene.heading,
        "int_ext": scene.int_ext.value if scene.int_ext else None,
        "set": scene.set_name,
        "time": scene.time_of_day,
        "light": scene.light.value,
        "eighths": scene.eighths,
        "length": format_eighths(scene.eighths),
        "pages": [scene.first_page, scene.last_page],
        "cast": list(scene.speakers),
        "synopsis": scene.synopsis,
        "notes": scene.notes,
        "needs_review": scene.needs_review,
        "version": scene.version,
    }


def print_revision(summary: RevisionSummary, previous: int) -> None:
    output.line(
        say(f"Révision par rapport à la version {previous} :", f"Changes since version {previous}:")
    )
    none = say("aucune", "none")
    output.field_lines(
        [
            ("  " + say("Ajoutées", "Added"), ", ".join(summary.added) or none),
            ("  " + say("Supprimées", "Removed"), ", ".join(summary.removed) or none),
            ("  " + say("Modifiées", "Changed"), ", ".join(summary.changed) or none),
            ("  " + say("Inchangées", "Unchanged"), summary.unchanged),
            ("  " + say("Éléments conservés", "Tags kept"), summary.tags_kept),
            ("  " + say("Notes conservées", "Notes kept"), summary.notes_kept),
        ]
    )
    if summary.changed:
        output.warn(
            say(
                "Les séquences modifiées sont marquées « à revoir » dans le dépouillement.",
                "Changed scenes are flagged 'to review' in the breakdown.",
            )
        )


@command(script_app, "import", "Importer une version du scénario (Fountain, FDX ou PDF).")
def script_import(file: FileArgument, json_output: JsonOption = False) -> None:
    from regie.services.scripts import import_script

    data = read_script_file(file)
    with production() as (config, db):
        version = import_script(db, config.slug, file.name, data, actor=None)
    if json_output:
        output.print_json(version_json(version))
        return
    output.success(
        say(
            f"Version {version.number} importée ({version.filename}, {version.source_format}).",
            f"Version {version.number} imported ({version.filename}, {version.source_format}).",
        )
    )
    output.field_lines(
        [
            (say("Séquences", "Scenes"), version.scene_count),
            (say("Pages", "Pages"), version.page_count),
            (
                say("Longueur (huitièmes)", "Length (eighths)"),
                format_eighths(version.total_eighths),
            ),
        ]
    )
    for warning in version.warnings:
        output.warn(say("Attention : ", "Warning: ") + warning)
    if version.revision is not None:
        print_revision(version.revision, version.number - 1)


@command(script_app, "parse", "Lire un scénario sans l'importer (aucun dossier nécessaire).")
def script_parse(file: FileArgument, json_output: JsonOption = False) -> None:
    from regie.script.assemble import screenplay_json
    from regie.services.script_files import parse_script

    screenplay = parse_script(file.name, read_script_file(file))
    if json_output:
        output.print_json(screenplay_json(screenplay))
        return
    output.table(
        f"{file.name} — {screenplay.source_format}",
        [
            "N°",
            say("Intitulé", "Heading"),
            "INT/EXT",
            say("Décor", "Set"),
            say("Moment", "Time"),
            say("Longueur", "Length"),
            "Pages",
            say("Personnages", "Characters"),
        ],
        [
            (
                s.label,
                s.heading.text,
                s.heading.int_ext.value if s.heading.int_ext else None,
                s.heading.set_name,
                s.heading.time_of_day,
                format_eighths(s.eighths),
                pages_text(s.first_page, s.last_page),
                ", ".join(s.speakers),
            )
            for s in screenplay.scenes
        ],
    )
    output.field_lines(
        [
            (say("Séquences", "Scenes"), len(screenplay.scenes)),
            (say("Pages", "Pages"), screenplay.pages),
            (say("Personnages", "Characters"), ", ".join(screenplay.characters)),
        ]
    )
    for warning in screenplay.warnings:
        output.warn(say("Attention : ", "Warning: ") + warning)


@command(script_app, "versions", "Lister les versions importées (la dernière est la courante).")
def script_versions(json_output: JsonOption = False) -> None:
    from regie.services.scripts import list_versions

    with production() as (config, db):
        versions = list_versions(db, config.slug, actor=None)
    if json_output:
        output.print_json([version_json(v) for v in versions])
        return
    if not versions:
        output.line(say("Aucun scénario importé.", "No script imported yet."))
        return
    output.table(
        say("Versions du scénario", "Script versions"),
        [
            "V",
            say("Fichier", "File"),
            say("Importé le", "Imported"),
            say("Séquences", "Scenes"),
            "Pages",
            say("Longueur", "Length"),
            say("Révision", "Changes"),
        ],
        [
            (
                v.number,
                v.filename,
                f"{v.imported_at:%Y-%m-%d %H:%M}",
                v.scene_count,
                v.page_count,
                format_eighths(v.total_eighths),
                _revision_short(v.revision),
            )
            for v in versions
        ],
    )


def _revision_short(summary: RevisionSummary | None) -> str:
    if summary is None:
        return ""
    return f"+{len(summary.added)} −{len(summary.removed)} ~{len(summary.changed)}"


@command(script_app, "scenes", "Lister les séquences de la version courante.")
def script_scenes(json_output: JsonOption = False) -> None:
    from regie.services.scripts import current_scenes

    with production() as (config, db):
        scenes = current_scenes(db, config.slug, actor=None)
    if json_output:
        output.print_json([scene_json(s) for s in scenes])
        return
    if not scenes:
        output.line(say("Aucun scénario importé.", "No script imported yet."))
        return
    output.table(
        say("Séquences", "Scenes"),
        [
            "N°",
            "INT/EXT",
            say("Décor", "Set"),
            say("Moment", "Time"),
            say("Longueur", "Length"),
            "Pages",
            say("Rôles", "Cast"),
            say("À revoir", "Review"),
        ],
        [
            (
                s.label,
                s.int_ext.value if s.int_ext else None,
                s.set_name,
                s.time_of_day,
                format_eighths(s.eighths),
                pages_text(s.first_page, s.last_page),
                ", ".join(s.speakers),
                s.needs_review,
            )
            for s in scenes
        ],
    )
