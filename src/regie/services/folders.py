# SPDX-License-Identifier: AGPL-3.0-or-later
"""The production folder on disk: create it (tree, config, database, production), find it
from any sub-folder, and check its file names against the naming rule.

``regie.toml`` at the folder's root says which production it holds and where its database
is; a relative ``sqlite:///`` path is relative to the folder, so the folder can be moved.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

from regie.core.errors import Conflict, InputError, NotFound, RegieError
from regie.core.ids import slugify
from regie.core.production import Agreement, Production, ProductionKind
from regie.core.text import t
from regie.office.folder import (
    CONFIG_FILE,
    FOLDER_README,
    PRIVATE_DIR,
    STANDARD_TREE,
    NameProblem,
    check_name,
)
from regie.office.roles import User
from regie.services import productions
from regie.services.database import Database, open_database

DEFAULT_DATABASE = f"sqlite:///{PRIVATE_DIR}/regie.sqlite"
SECRET_FILE = "secret_key"  # noqa: S105 — a file name, not a secret


@dataclass(frozen=True, slots=True)
class FolderConfig:
    root: Path
    slug: str
    code: str
    title: str
    database_url: str  # as written in regie.toml

    @property
    def resolved_database_url(self) -> str:
        """Relative SQLite paths resolved against the folder."""
        prefix = "sqlite:///"
        if self.database_url.startswith(prefix):
            path = Path(self.database_url[len(prefix) :])
            if not path.is_absolute():
                return f"{prefix}{(self.root / path).resolve()}"
        return self.database_url

    def database(self) -> Database:
        return open_database(self.resolved_database_url)


def _toml_string(value: str) -> str:
    # A JSON string is a valid TOML basic string for printable text.
    return json.dumps(value, ensure_ascii=False)


def _write_config(root: Path, production: Production, database_url: str) -> None:
    text = (
        "# Dossier de production regie — voir LISEZMOI.md\n"
        "[production]\n"
        f"slug = {_toml_string(production.slug)}\n"
        f"code = {_toml_string(production.code)}\n"
        f"title = {_toml_string(production.title)}\n\n"
        "[database]\n"
        "# Relative SQLite paths are relative to this folder; a shared office uses\n"
        "# postgresql+psycopg://user@host/dbname\n"
        f"url = {_toml_string(database_url)}\n"
    )
    (root / CONFIG_FILE).write_text(text, encoding="utf-8")


def _readme(production: Production) -> str:
    lines = [
        f"# Dossier de production — {production.title}",
        "",
        f"Code de la production : `{production.code}`.",
        "",
        "## Arborescence",
        "",
    ]
    lines += [f"- `{name}/` — {purpose}" for name, purpose in STANDARD_TREE]
    lines += [
        "",
        "## Règle de nommage des fichiers",
        "",
        "`CODE_AAAAMMJJ_TYPE_description_vNN.ext`, par exemple",
        f"`{production.code}_20261126_SCENARIO_episode-1_v02.pdf` :",
        "",
        "- `CODE` : le code de la production ;",
        "- `AAAAMMJJ` : la date du document ;",
        "- `TYPE` : la nature du document en majuscules (SCENARIO, DEVIS, CONTRAT, FDS…) ;",
        "- `description` : lettres sans accents, chiffres, mots reliés par des tirets ;",
        "- `vNN` : le numéro de version sur deux ou trois chiffres.",
        "",
        "`regie folder check` liste les fichiers qui ne suivent pas la règle.",
        "",
    ]
    return "\n".join(lines)


def create_folder(
    target: Path,
    title: str,
    kind: ProductionKind | str,
    agreement: Agreement | str | None = None,
    *,
    running_minutes: int | None = None,
    episodes: int = 1,
    database_url: str | None = None,
    owner: User | None = None,
) -> tuple[FolderConfig, Production]:
    """Create the production folder ``target`` (it must not exist, or be empty), its tree,
    its database (migrated) and the production. Nothing is left behind on failure."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise Conflict(
            t("this folder already exists and is not empty"),
            where=str(target),
            hint=t("Choose another folder with --dir, or remove this one"),
        )
    created_root = not target.exists()
    url = database_url or DEFAULT_DATABASE
    try:
        target.mkdir(parents=True, exist_ok=True)
        (target / PRIVATE_DIR).mkdir()
        secret = target / PRIVATE_DIR / SECRET_FILE
        secret.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        secret.chmod(0o600)
        provisional = FolderConfig(target, "", "", title, url)
        db = provisional.database()
        db.upgrade()
        production = productions.create_production(
            db,
            title,
            kind,
            agreement,
            running_minutes=running_minutes,
            episodes=episodes,
            owner=owner,
        )
        db.dispose()
        for name, purpose in STANDARD_TREE:
            (target / name).mkdir()
            (target / name / FOLDER_README).write_text(
                f"# {name}\n\n{purpose}.\n", encoding="utf-8"
            )
        (target / FOLDER_README).write_text(_readme(production), encoding="utf-8")
        _write_config(target, production, url)
    except (RegieError, OSError):
        if created_root:
            shutil.rmtree(target, ignore_errors=True)
        else:
            for child in target.iterdir():
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        raise
    config = FolderConfig(target, production.slug, production.code, production.title, url)
    return config, production


def default_folder_name(title: str) -> str:
    return slugify(title)


def find_folder(start: Path) -> FolderConfig:
    """The production folder holding ``start`` (it or one of its parents has regie.toml)."""
    here = start.resolve()
    for folder in (here, *here.parents):
        config_path = folder / CONFIG_FILE
        if config_path.is_file():
            return read_config(config_path)
    raise NotFound(
        t(
            "this is not inside a production folder (no {config} here or above)",
            config=CONFIG_FILE,
        ),
        where=str(start),
        hint=t('Run it inside a folder made by `regie new "Title"`, or pass --production DIR'),
    )


def read_config(config_path: Path) -> FolderConfig:
    try:
        data = tomllib.loads(config_path.read_text(encoding="utf-8"))
        section = data["production"]
        return FolderConfig(
            root=config_path.parent.resolve(),
            slug=str(section["slug"]),
            code=str(section["code"]),
            title=str(section.get("title", section["slug"])),
            database_url=str(data.get("database", {}).get("url", DEFAULT_DATABASE)),
        )
    except (tomllib.TOMLDecodeError, KeyError, OSError, UnicodeDecodeError) as exc:
        problem = f"{exc.__class__.__name__}: {exc}"
        raise InputError(
            t(
                "the folder's {config} cannot be read ({problem})",
                config=CONFIG_FILE,
                problem=problem,
            ),
            where=str(config_path),
            hint=t("Fix the file: it needs [production] slug and code, and [database] url"),
        ) from None


def secret_key(config: FolderConfig) -> str:
    """The key that signs the web sessions of this folder (made by ``create_folder``)."""
    path = config.root / PRIVATE_DIR / SECRET_FILE
    if not path.is_file():
        path.parent.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def check_folder(config: FolderConfig, *, today: dt.date | None = None) -> list[NameProblem]:
    """Every file of the folder whose name breaks the naming rule, in path order."""
    day = today or dt.date.today()  # noqa: DTZ011 — the date a person reads, zone-free
    problems: list[NameProblem] = []
    for path in sorted(config.root.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(config.root).as_posix()
        problem = check_name(relative, config.code, today=day)
        if problem is not None:
            problems.append(problem)
    return problems
