# SPDX-License-Identifier: AGPL-3.0-or-later
"""Housekeeping: ``regie db upgrade`` and ``regie rules list``."""

from __future__ import annotations

from regie.cli import output
from regie.cli.context import JsonOption, command, folder, group, rule_dirs, say

db_app = group("La base de données du dossier.")
rules_app = group("Les paquets de règles (conventions, barèmes, cadences…).")


@command(db_app, "upgrade", "Mettre à jour le schéma de la base du dossier (migrations).")
def upgrade(json_output: JsonOption = False) -> None:
    config = folder()
    db = config.database()
    try:
        before = db.current_revision()
        db.upgrade()
        after = db.current_revision()
    finally:
        db.dispose()
    if json_output:
        output.print_json({"database": config.database_url, "from": before, "to": after})
    elif before == after:
        output.success(say(f"La base est déjà à jour ({after}).", f"Already up to date ({after})."))
    else:
        output.success(
            say(
                f"Base mise à jour : {before or 'vide'} → {after}.",
                f"Database upgraded: {before or 'empty'} → {after}.",
            )
        )


@command(rules_app, "list", "Lister les paquets de règles en vigueur et leur version.")
def list_rules(json_output: JsonOption = False) -> None:
    from regie.core.errors import NotFound
    from regie.services.rule_packs import list_packs

    try:
        own = rule_dirs(folder())
    except NotFound:  # outside a production folder: the shipped packs only
        own = ()
    packs = list_packs(own)
    if json_output:
        output.print_json({"folder_rules": [str(p) for p in own], "packs": packs})
        return
    origin = {"shipped": say("livré avec regie", "shipped"), "folder": say("dossier", "folder")}
    output.table(
        say("Paquets de règles", "Rule packs"),
        [
            "Pack",
            "Version",
            say("Titre", "Title"),
            say("Valeurs", "Values"),
            say("Origine", "Origin"),
        ],
        [
            (
                p.pack_id,
                p.version,
                p.title,
                p.values,
                origin[p.origin]
                + (
                    say(f" (remplace {p.shipped_version})", f" (overrides {p.shipped_version})")
                    if p.shipped_version
                    else ""
                ),
            )
            for p in packs
        ],
    )
    if own:
        output.line(
            say(
                f"Les paquets de {own[0]} remplacent ceux livrés quand leur version est "
                "plus récente ou égale.",
                f"Packs in {own[0]} override the shipped ones when their version is the same "
                "or newer.",
            )
        )
    else:
        output.line(
            say(
                "Déposez un paquet plus récent dans le dossier rules/ de la production pour "
                "remplacer celui livré.",
                "Put a newer pack in the production folder's rules/ directory to override "
                "the shipped one.",
            )
        )
