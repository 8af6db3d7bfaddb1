# SPDX-License-Identifier: AGPL-3.0-or-later
"""The breakdown (dépouillement): ``regie breakdown [SCENE]`` and its edits, exports and
element list. Scenes are named by their label (printed number, else reading order)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from regie.cli import output
from regie.cli.context import DefaultGroup, JsonOption, command, group, lang, production, say
from regie.cli.script import pages_text, scene_json
from regie.core.eighths import format_eighths
from regie.core.errors import ValidationError
from regie.core.text import t
from regie.script.elements import Category

if TYPE_CHECKING:
    from regie.script.catalog import BreakdownSheet, TagRecord

breakdown_app = group(
    "Le dépouillement : `regie breakdown [SÉQUENCE]` affiche les fiches ; les sous-commandes "
    "les modifient.",
    cls=DefaultGroup,
)

SceneArgument = Annotated[
    str, typer.Argument(metavar="SCENE", help="Numéro de la séquence (ex. 12, 12A).")
]
SuggestedOption = Annotated[
    bool, typer.Option("--suggested", help="Inclure les suggestions à confirmer.")
]


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    PDF = "pdf"


def tag_json(tag: TagRecord) -> dict[str, Any]:
    return {
        "id": tag.id,
        "category": tag.category.value,
        "name": tag.name,
        "status": tag.status.value,
        "quantity": tag.quantity,
        "note": tag.note,
        "reason": tag.reason,
        "version": tag.version,
    }


def sheet_json(sheet: BreakdownSheet, *, include_suggested: bool) -> dict[str, Any]:
    tags = sheet.by_category(include_suggested=include_suggested).values()
    return {**scene_json(sheet.scene), "tags": [tag_json(tag) for group in tags for tag in group]}


def _panel(sheet: BreakdownSheet, include_suggested: bool) -> Panel:
    from regie.script.elements import CATEGORY_COLOURS, TagStatus, category_label

    scene = sheet.scene
    head = Text(
        " · ".join(
            part
            for part in (
                scene.int_ext.value if scene.int_ext else "",
                scene.set_name,
                scene.time_of_day or "",
                say("longueur ", "length ") + format_eighths(scene.eighths),
                "p. " + pages_text(scene.first_page, scene.last_page),
            )
            if part
        ),
        style="dim",
    )
    parts: list[Any] = [head]
    if scene.needs_review:
        parts.append(
            Text(
                say("À revoir : la séquence a changé.", "To review: scene changed."), style="yellow"
            )
        )
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for category, tags in sheet.by_category(include_suggested=include_suggested).items():
        names = Text()
        for n, tag in enumerate(tags):
            if n:
                names.append(", ")
            suggested = tag.status is TagStatus.SUGGESTED
            names.append(tag.name, style="italic" if suggested else "")
            if tag.quantity:
                names.append(f" ×{tag.quantity}")
            if tag.note:
                names.append(f" ({tag.note})", style="dim")
            if suggested:
                names.append(say(" (à confirmer)", " (to confirm)"), style="dim italic")
        label = Text(category_label(category, lang()), style=f"bold {CATEGORY_COLOURS[category]}")
        grid.add_row(label, names)
    parts.append(grid if grid.row_count else Text(say("Aucun élément.", "No element."), "dim"))
    if scene.notes:
        parts.append(Text(say("Notes : ", "Notes: ") + scene.notes))
    title = Text(f"{say('Séquence', 'Scene')} {scene.label} — {scene.heading}", style="bold")
    return Panel(Group(*parts), title=title, title_align="left")


@command(breakdown_app, "show", "Afficher la fiche d'une séquence, ou toutes les fiches.")
def show(
    scene: Annotated[
        str | None, typer.Argument(metavar="SCENE", help="Numéro de la séquence.")
    ] = None,
    suggested: SuggestedOption = False,
    json_output: JsonOption = False,
) -> None:
    from regie.services import breakdown

    with production() as (config, db):
        if scene is None:
            found = breakdown.sheets(db, config.slug, actor=None)
        else:
            found = [breakdown.sheet(db, config.slug, scene, actor=None)]
    if json_output:
        sheets = [sheet_json(s, include_suggested=suggested) for s in found]
        output.print_json(sheets[0] if scene is not None else sheets)
        return
    out = output.console()
    for sheet in found:
        out.print(_panel(sheet, suggested))


def _scene_id(db: Any, slug: str, label: str) -> tuple[int, int]:
    from regie.services.scripts import get_scene

    record = get_scene(db, slug, label, actor=None)
    return record.id, record.version


@command(breakdown_app, "tag", "Ajouter un élément à la fiche d'une séquence.")
def tag(
    scene: SceneArgument,
    category: Annotated[
        Category, typer.Argument(metavar="CATEGORY", help="Catégorie de dépouillement.")
    ],
    name: Annotated[str, typer.Argument(metavar="NAME", help="Nom de l'élément.")],
    *,
    quantity: Annotated[int | None, typer.Option("--quantity", help="Quantité.")] = None,
    note: Annotated[str, typer.Option("--note", help="Note sur l'élément.")] = "",
    json_output: JsonOption = False,
) -> None:
    from regie.services import breakdown

    with production() as (config, db):
        scene_id, _version = _scene_id(db, config.slug, scene)
        added = breakdown.add_tag(
            db, config.slug, scene_id, category, name, actor=None, quantity=quantity, note=note
        )
    if json_output:
        output.print_json(tag_json(added))
    else:
        output.success(
            say(
                f"« {added.name} » ajouté à la séquence {scene}.",
                f"'{added.name}' tagged in scene {scene}.",
            )
        )


def _review(scene: str, status: str, names: list[str] | None, json_output: bool) -> None:
    from regie.services.breakdown_names import review_tags

    with production() as (config, db):
        changed = review_tags(db, config.slug, scene, status, names, actor=None)
    if json_output:
        output.print_json([tag_json(tag) for tag in changed])
        return
    if not changed:
        output.line(say("Rien à changer.", "Nothing to change."))
    verb = say("accepté", "accepted") if status == "accepted" else say("rejeté", "rejected")
    for changed_tag in changed:
        output.success(f"{changed_tag.name} : {verb}")


@command(breakdown_app, "accept", "Accepter des suggestions (par nom, ou toutes avec --all).")
def accept(
    scene: SceneArgument,
    names: Annotated[
        list[str] | None, typer.Argument(metavar="NAME...", help="Noms des éléments.")
    ] = None,
    accept_all: Annotated[
        bool, typer.Option("--all", help="Toutes les suggestions de la séquence.")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    if bool(names) == accept_all:
        raise ValidationError(
            t("give the names of the elements to accept, or --all (not both)"), field="names"
        )
    _review(scene, "accepted", None if accept_all else names, json_output)


@command(breakdown_app, "reject", "Rejeter des suggestions (elles ne reviendront pas).")
def reject(
    scene: SceneArgument,
    names: Annotated[list[str], typer.Argument(metavar="NAME...", help="Noms des éléments.")],
    json_output: JsonOption = False,
) -> None:
    _review(scene, "rejected", names, json_output)


@command(breakdown_app, "untag", "Retirer un élément ajouté à la main.")
def untag(
    scene: SceneArgument,
    category: Annotated[
        Category, typer.Argument(metavar="CATEGORY", help="Catégorie de dépouillement.")
    ],
    name: Annotated[str, typer.Argument(metavar="NAME", help="Nom de l'élément.")],
) -> None:
    from regie.services.breakdown_names import untag as remove

    with production() as (config, db):
        removed = remove(db, config.slug, scene, category, name, actor=None)
    output.success(
        say(
            f"« {removed.name} » retiré de la séquence {scene}.",
            f"'{removed.name}' removed from scene {scene}.",
        )
    )


@command(breakdown_app, "note", "Écrire la note de production d'une séquence.")
def note(
    scene: SceneArgument,
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help="Texte de la note (vide pour l'effacer).")
    ],
) -> None:
    from regie.services import breakdown

    with production() as (config, db):
        scene_id, version = _scene_id(db, config.slug, scene)
        breakdown.update_scene_notes(db, config.slug, scene_id, text, version, actor=None)
    output.success(say(f"Note de la séquence {scene} enregistrée.", f"Scene {scene} note saved."))


@command(breakdown_app, "reviewed", "Marquer une séquence changée comme revue (après révision).")
def reviewed(scene: SceneArgument) -> None:
    from regie.services import breakdown

    with production() as (config, db):
        scene_id, version = _scene_id(db, config.slug, scene)
        breakdown.mark_scene_reviewed(db, config.slug, scene_id, version, actor=None)
    output.success(say(f"Séquence {scene} revue.", f"Scene {scene} reviewed."))


@command(breakdown_app, "export", "Exporter toutes les fiches en CSV, XLSX ou PDF.")
def export(
    target: Annotated[Path, typer.Option("-o", "--output", help="Fichier à écrire.")],
    export_format: Annotated[
        ExportFormat | None,
        typer.Option("--format", help="Format (par défaut, d'après l'extension du fichier)."),
    ] = None,
    suggested: SuggestedOption = False,
) -> None:
    from regie.documents import breakdown as documents
    from regie.services import breakdown, productions
    from regie.services.scripts import list_versions

    chosen = export_format or _format_of(target)
    with production() as (config, db):
        sheets = breakdown.sheets(db, config.slug, actor=None)
        made = productions.get_production(db, config.slug, actor=None)
        version = list_versions(db, config.slug, actor=None)[-1].number
    if chosen is ExportFormat.CSV:
        data = documents.breakdown_csv(sheets, locale=lang(), include_suggested=suggested).encode()
    elif chosen is ExportFormat.XLSX:
        data = documents.breakdown_xlsx(sheets, made, locale=lang(), include_suggested=suggested)
    else:
        data = documents.breakdown_pdf(
            sheets, made, locale=lang(), script_version=version, include_suggested=suggested
        )
    output.write_file(target, data)
    output.success(
        say(
            f"{len(sheets)} fiches exportées dans {target}.",
            f"{len(sheets)} sheets exported to {target}.",
        )
    )


def _format_of(target: Path) -> ExportFormat:
    try:
        return ExportFormat(target.suffix.lower().lstrip("."))
    except ValueError:
        raise ValidationError(
            t("cannot tell the export format from '{name}'", name=target.name),
            field="format",
            hint=t("Add --format csv, xlsx or pdf, or name the file .csv, .xlsx or .pdf"),
        ) from None


@command(breakdown_app, "elements", "Lister les éléments du dépouillement de la version courante.")
def elements(
    category: Annotated[
        Category | None, typer.Option("--category", help="Une seule catégorie.")
    ] = None,
    suggested: SuggestedOption = False,
    json_output: JsonOption = False,
) -> None:
    from regie.script.elements import category_label
    from regie.services import breakdown

    with production() as (config, db):
        found = breakdown.list_elements(
            db, config.slug, category, actor=None, include_suggested=suggested
        )
    if json_output:
        output.print_json(
            [
                {"id": e.id, "category": e.category.value, "name": e.name, "notes": e.notes}
                for e in found
            ]
        )
        return
    output.table(
        say("Éléments", "Elements"),
        [say("Catégorie", "Category"), say("Élément", "Element"), "Notes"],
        [(category_label(e.category, lang()), e.name, e.notes) for e in found],
    )
