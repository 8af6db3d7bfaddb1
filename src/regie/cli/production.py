# SPDX-License-Identifier: AGPL-3.0-or-later
"""The production folder and its people: ``regie new``, ``regie folder check`` and
``regie user add|list|role|remove``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.tree import Tree

from regie.cli import output
from regie.cli.context import JsonOption, command, folder, group, label, lang, production, say
from regie.core.errors import Conflict
from regie.core.production import Agreement, ProductionKind
from regie.core.text import t
from regie.office.roles import ROLE_LABELS, Role

NAMING_RULE = "CODE_AAAAMMJJ_TYPE_description_vNN.ext"

folder_app = group("Le dossier de production : vérifier le nommage des fichiers.")
user_app = group("Les comptes et leur rôle dans la production du dossier.")


def new(
    title: Annotated[str, typer.Argument(metavar="TITLE", help="Titre de la production.")],
    *,
    directory: Annotated[
        Path | None,
        typer.Option("--dir", help="Dossier à créer (par défaut ./<titre-en-slug>)."),
    ] = None,
    kind: Annotated[
        ProductionKind, typer.Option("--kind", help="Genre de programme.")
    ] = ProductionKind.TV_FICTION,
    agreement: Annotated[
        Agreement | None,
        typer.Option(
            "--agreement", help="Convention collective (IDCC) ; par défaut celle du genre."
        ),
    ] = None,
    running_minutes: Annotated[
        int | None, typer.Option("--running-minutes", help="Durée prévue, en minutes.")
    ] = None,
    episodes: Annotated[int, typer.Option("--episodes", help="Nombre d'épisodes.")] = 1,
    database: Annotated[
        str | None,
        typer.Option(
            "--database",
            help="URL de la base (par défaut un fichier SQLite dans .regie/ du dossier).",
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Créer un dossier de production : arborescence, regie.toml, base de données."""
    from regie.office.folder import STANDARD_TREE
    from regie.services.folders import create_folder, default_folder_name

    target = directory or Path.cwd() / default_folder_name(title)
    config, created = create_folder(
        target,
        title,
        kind,
        agreement,
        running_minutes=running_minutes,
        episodes=episodes,
        database_url=database,
    )
    example = f"{config.code}_20261126_SCENARIO_episode-1_v02.pdf"
    if json_output:
        output.print_json(
            {
                "path": str(config.root.resolve()),
                "slug": created.slug,
                "code": created.code,
                "title": created.title,
                "kind": created.kind,
                "agreement": created.agreement,
                "running_minutes": created.running_minutes,
                "episodes": created.episodes,
                "database": config.database_url,
                "tree": [{"name": name, "purpose": purpose} for name, purpose in STANDARD_TREE],
                "naming_rule": NAMING_RULE,
                "example": example,
            }
        )
        return
    output.success(say("Dossier de production créé", "Production folder created"))
    output.field_lines(
        [
            (say("Dossier", "Folder"), config.root.resolve()),
            (say("Titre", "Title"), created.title),
            (say("Code", "Code"), created.code),
            (say("Convention", "Agreement"), f"IDCC {created.agreement.value}"),
        ]
    )
    tree = Tree(str(config.root.name))
    for name, purpose in STANDARD_TREE:
        tree.add(f"[bold]{escape(name)}/[/bold] — {escape(purpose)}")
    output.console().print(tree)
    output.field_lines(
        [
            (say("Règle de nommage", "Naming rule"), NAMING_RULE),
            (say("Exemple", "Example"), example),
        ]
    )


@command(folder_app, "check", "Lister les fichiers qui ne suivent pas la règle de nommage.")
def folder_check(json_output: JsonOption = False) -> None:
    from regie.services.folders import check_folder

    config = folder()
    problems = check_folder(config)
    if json_output:
        output.print_json(
            {
                "folder": str(config.root),
                "code": config.code,
                "naming_rule": NAMING_RULE,
                "problems": problems,
            }
        )
    elif not problems:
        output.success(
            say("Tous les fichiers suivent la règle", "Every file follows the naming rule")
            + f" ({NAMING_RULE})."
        )
    else:
        output.table(
            say(
                f"{len(problems)} fichier(s) hors règle ({NAMING_RULE})",
                f"{len(problems)} file(s) breaking the rule ({NAMING_RULE})",
            ),
            [say("Fichier", "File"), say("Problème", "Problem"), say("Nom proposé", "Suggested")],
            [(p.path, p.reason, p.suggestion) for p in problems],
        )
    if problems:
        raise typer.Exit(1)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    value: str = typer.prompt(
        say("Mot de passe", "Password"), hide_input=True, confirmation_prompt=True
    )
    return value


@command(user_app, "add", "Créer un compte et lui donner un rôle dans cette production.")
def user_add(
    email: Annotated[
        str, typer.Argument(metavar="EMAIL", help="Adresse e-mail (identifiant de connexion).")
    ],
    *,
    name: Annotated[str, typer.Option("--name", help="Nom affiché.")],
    role: Annotated[Role, typer.Option("--role", help="Rôle dans la production.")] = Role.CREW,
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Lire le mot de passe sur l'entrée standard."),
    ] = False,
    json_output: JsonOption = False,
) -> None:
    from regie.services import accounts

    with production() as (config, db):
        password = _password(password_stdin)
        try:
            user = accounts.create_user(db, email, password, name, locale=lang())
        except Conflict as error:
            raise Conflict(
                error.what,
                where=error.where,
                hint=t(
                    "To give this account a role here, run `regie user role {email} ROLE`",
                    email=email,
                ),
            ) from None
        accounts.add_member(db, config.slug, user.email, role, actor=None)
    if json_output:
        output.print_json({"email": user.email, "name": user.display_name, "role": role})
    else:
        output.success(
            say(f"Compte {user.email} créé, rôle : ", f"Account {user.email} created, role: ")
            + label(ROLE_LABELS[role])
        )


@command(user_app, "list", "Lister les membres de la production et leur rôle.")
def user_list(json_output: JsonOption = False) -> None:
    from regie.services import accounts

    with production() as (config, db):
        members = accounts.list_members(db, config.slug, actor=None)
    if json_output:
        output.print_json(
            [
                {
                    "email": m.user.email,
                    "name": m.user.display_name,
                    "role": m.role,
                    "active": m.user.is_active,
                    "locale": m.user.locale,
                }
                for m in members
            ]
        )
        return
    output.table(
        say("Membres", "Members"),
        ["E-mail", say("Nom", "Name"), say("Rôle", "Role"), say("Actif", "Active")],
        [
            (m.user.email, m.user.display_name, label(ROLE_LABELS[m.role]), m.user.is_active)
            for m in members
        ],
    )


@command(user_app, "role", "Donner (ou changer) le rôle d'un compte dans cette production.")
def user_role(
    email: Annotated[str, typer.Argument(metavar="EMAIL", help="Adresse e-mail du compte.")],
    role: Annotated[Role, typer.Argument(metavar="ROLE", help="Nouveau rôle.")],
) -> None:
    from regie.services import accounts

    with production() as (config, db):
        accounts.add_member(db, config.slug, email, role, actor=None)
    output.success(f"{email}{say(' : ', ': ')}{label(ROLE_LABELS[role])}")


@command(user_app, "remove", "Retirer un compte de cette production (le compte reste).")
def user_remove(
    email: Annotated[str, typer.Argument(metavar="EMAIL", help="Adresse e-mail du compte.")],
) -> None:
    from regie.services import accounts

    with production() as (config, db):
        accounts.remove_member(db, config.slug, email, actor=None)
    output.success(
        say(f"{email} ne fait plus partie de la production.", f"{email} removed from the team.")
    )
