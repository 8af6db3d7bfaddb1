# SPDX-License-Identifier: AGPL-3.0-or-later
"""Characters of the current script: ``regie characters [list|merge|unmerge]``.

A merge makes two cues one role (``VOIX DE LUCIE`` into ``LUCIE``): the alias's scenes
count for the main character in the breakdown, the feasibility cast and later the
schedule; ``unmerge`` undoes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from regie.cli import output
from regie.cli.context import JsonOption, ListGroup, command, group, production, say

if TYPE_CHECKING:
    from regie.script.catalog import CharacterRecord

characters_app = group(
    "Les personnages : `regie characters` les liste ; fusionner deux noms d'un même rôle.",
    cls=ListGroup,
)


def character_json(character: CharacterRecord) -> dict[str, Any]:
    return {
        "id": character.id,
        "name": character.name,
        "alias_of": character.alias_of,
        "scenes": character.scene_count,
    }


def _show(characters: list[CharacterRecord], json_output: bool) -> None:
    if json_output:
        output.print_json([character_json(c) for c in characters])
        return
    output.table(
        say("Personnages", "Characters"),
        [say("Nom", "Name"), say("Alias de", "Alias of"), say("Séquences", "Scenes")],
        [(("  ↳ " if c.alias_of else "") + c.name, c.alias_of, c.scene_count) for c in characters],
    )


@command(characters_app, "list", "Lister les personnages parlants (rôles et alias).")
def list_characters(json_output: JsonOption = False) -> None:
    from regie.services import breakdown

    with production() as (config, db):
        found = breakdown.list_characters(db, config.slug, actor=None)
    _show(found, json_output)


@command(characters_app, "merge", "Faire d'ALIAS un autre nom du personnage INTO.")
def merge(
    alias: Annotated[
        str, typer.Argument(metavar="ALIAS", help="Nom à fusionner (ex. « VOIX DE LUCIE »).")
    ],
    into: Annotated[str, typer.Argument(metavar="INTO", help="Personnage principal (ex. LUCIE).")],
    json_output: JsonOption = False,
) -> None:
    from regie.services import breakdown

    with production() as (config, db):
        found = breakdown.merge_characters(db, config.slug, alias, into, actor=None)
    if not json_output:
        output.success(say(f"{alias} est fusionné dans {into}.", f"{alias} merged into {into}."))
    _show(found, json_output)


@command(characters_app, "unmerge", "Annuler la fusion d'ALIAS.")
def unmerge(
    alias: Annotated[str, typer.Argument(metavar="ALIAS", help="Nom fusionné à séparer.")],
    json_output: JsonOption = False,
) -> None:
    from regie.services import breakdown

    with production() as (config, db):
        found = breakdown.unmerge_character(db, config.slug, alias, actor=None)
    if not json_output:
        output.success(
            say(
                f"{alias} est de nouveau un personnage à part.",
                f"{alias} is a character of its own again.",
            )
        )
    _show(found, json_output)
