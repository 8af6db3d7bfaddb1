# SPDX-License-Identifier: AGPL-3.0-or-later
"""The demo production: a folder with a real breakdown, a revised script and one account
per role, built from the screenplay shipped in ``regie/demo`` (``regie demo``; the web
tests reuse :func:`build_demo`).

Steps, the way a production manager would go: create the folder (TV fiction, 52 min,
IDCC 2642), import version 1, accept the obvious suggestions (the cast, and the vehicles,
animals, extras and special effects the text names), tag two elements by hand, write a
scene note, import version 2 (the revision report shows what changed and that the work
was kept), create the team, and diagnose feasibility.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from regie.core.errors import Conflict, NotFound, RegieError
from regie.core.production import Production
from regie.core.text import t
from regie.office.folder import CONFIG_FILE
from regie.office.roles import Role
from regie.script.catalog import RevisionSummary, ScriptVersion
from regie.script.elements import Category, TagStatus
from regie.script.feasibility import Feasibility
from regie.script.model import IntExt
from regie.services import accounts, breakdown, folders, scripts
from regie.services.database import Database
from regie.services.feasibility import feasibility
from regie.services.folders import FolderConfig

DEMO_TITLE = "Le Dernier Bac"
FIRST_SCRIPT = "le-dernier-bac.fountain"
SECOND_SCRIPT = "le-dernier-bac-v2.fountain"
# Printed by `regie demo` and on the README: a demo folder is a local showcase.
DEMO_PASSWORD = "demo-regie-2026"  # noqa: S105 — the documented password of the demo accounts
DEMO_USERS: tuple[tuple[str, str, Role], ...] = (
    ("producteur@demo.regie", "Claire Producteur", Role.PRODUCER),
    ("production@demo.regie", "Malik Chargé de production", Role.PRODUCTION_MANAGER),
    ("compta@demo.regie", "Sophie Comptable", Role.ACCOUNTANT),
    ("equipe@demo.regie", "Yann Équipe", Role.CREW),
    ("invite@demo.regie", "Inès Invitée", Role.GUEST),
)
# Suggestions the text makes plain: accepted in the demo; the rest stay to review.
OBVIOUS = frozenset(
    {Category.CAST, Category.VEHICLES, Category.ANIMALS, Category.EXTRAS, Category.SFX}
)


@dataclass(frozen=True, slots=True)
class DemoSummary:
    config: FolderConfig
    production: Production
    versions: tuple[ScriptVersion, ...]
    users: tuple[tuple[str, Role], ...]
    password: str
    report: Feasibility
    accepted: int  # suggestions accepted by the demo

    @property
    def revision(self) -> RevisionSummary | None:
        return self.versions[-1].revision


def demo_script(name: str) -> bytes:
    """A screenplay shipped in ``regie/demo``."""
    try:
        return resources.files("regie").joinpath("demo", name).read_bytes()
    except OSError:
        raise NotFound(
            t("the demo screenplay {name} is not installed", name=name),
            where="regie/demo",
            hint=t("Reinstall regie (pip install -e .)"),
        ) from None


def _clear(target: Path) -> None:
    """Remove a previous demo folder (and only that: its regie.toml names the demo)."""
    config_path = target / CONFIG_FILE
    if not config_path.is_file() or folders.read_config(config_path).title != DEMO_TITLE:
        raise Conflict(
            t("this is not a demo folder; --force only replaces a previous demo"),
            where=str(target),
            hint=t("Choose another folder for the demo"),
        )
    shutil.rmtree(target)


def _accept_obvious(db: Database, slug: str) -> int:
    accepted = 0
    for sheet in breakdown.sheets(db, slug, actor=None):
        for tag in sheet.tags:
            if tag.status is TagStatus.SUGGESTED and tag.category in OBVIOUS:
                breakdown.set_tag_status(
                    db, slug, tag.id, TagStatus.ACCEPTED, tag.version, actor=None
                )
                accepted += 1
    return accepted


def _hand_work(db: Database, slug: str) -> None:
    """Two manual tags and a note, on scenes the revision keeps (so they carry over)."""
    scenes = scripts.current_scenes(db, slug, actor=None)
    exterior = next((s for s in scenes if s.int_ext is IntExt.EXT), scenes[0])
    breakdown.add_tag(
        db,
        slug,
        exterior.id,
        Category.SECURITY,
        "Sauveteur aquatique",
        actor=None,
        note="Présent à chaque prise au bord de l'eau",
    )
    breakdown.add_tag(
        db, slug, exterior.id, Category.SPECIAL_EQUIPMENT, "Bateau caméra", actor=None
    )
    first = scenes[0]
    breakdown.update_scene_notes(
        db,
        slug,
        first.id,
        "Traversée réelle : arrêté de navigation et autorisation de vol du drone à "
        "demander ; tourner à l'aube pour garder la brume.",
        first.version,
        actor=None,
    )


def _team(db: Database, slug: str, password: str) -> tuple[tuple[str, Role], ...]:
    for email, name, role in DEMO_USERS:
        accounts.create_user(db, email, password, name)
        accounts.add_member(db, slug, email, role, actor=None)
    return tuple((email, role) for email, _name, role in DEMO_USERS)


def build_demo(target: Path, *, force: bool = False, password: str = DEMO_PASSWORD) -> DemoSummary:
    """Build the demo production folder at ``target``.

    ``target`` must not exist or be empty (``Conflict`` otherwise), unless ``force`` and it
    holds a previous demo, which is replaced. On any failure the folder is removed.
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        if not force:
            raise Conflict(
                t("this folder already exists and is not empty"),
                where=str(target),
                hint=t("Rebuild a previous demo with --force, or choose another folder"),
            )
        _clear(target)
    first, second = demo_script(FIRST_SCRIPT), demo_script(SECOND_SCRIPT)
    existed = target.exists()
    config, production = folders.create_folder(
        target, DEMO_TITLE, "tv_fiction", "2642", running_minutes=52
    )
    db = config.database()
    try:
        slug = production.slug
        scripts.import_script(db, slug, FIRST_SCRIPT, first, actor=None)
        accepted = _accept_obvious(db, slug)
        _hand_work(db, slug)
        scripts.import_script(db, slug, SECOND_SCRIPT, second, actor=None)
        users = _team(db, slug, password)
        report = feasibility(db, slug, actor=None)
        versions = tuple(scripts.list_versions(db, slug, actor=None))
    except (RegieError, OSError):
        db.dispose()
        shutil.rmtree(target, ignore_errors=True)
        if existed:
            target.mkdir()
        raise
    db.dispose()
    return DemoSummary(config, production, versions, users, password, report, accepted)
