# SPDX-License-Identifier: AGPL-3.0-or-later
"""Read-only use cases behind the media plans (storage sizing, formats, deliverables,
archive): the rule packs a production uses, the shoot days of its main board, its running
time, and the manifest of a folder to archive.

The main board is the primary board of the newest schedule version (as the draft devis
reads it); its shoot days are its days. Scanning a folder reads names and sizes only
(hashing is the offload's job, :mod:`regie.mediaio`); documents are checked against the
production folder's naming rule (:func:`regie.office.folder.check_name`) when a production
code is known, rushes against the camera rule of the ``storage-media`` pack.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from regie.core.errors import InputError
from regie.core.text import t
from regie.media.archive import ArchiveFile, ArchiveManifest, NamingIssue, build_manifest
from regie.office.folder import check_name, is_exempt
from regie.office.roles import Permission, User
from regie.rules.pack import RulePack
from regie.rules.registry import pack
from regie.services.access import production_for
from regie.services.database import Database
from regie.storage.repos import boards, schedules


@dataclass(frozen=True, slots=True)
class MediaPacks:
    codecs: RulePack
    specs: RulePack
    storage: RulePack
    emissions: RulePack
    templates: RulePack


def media_packs(extra_dirs: tuple[Path, ...] = ()) -> MediaPacks:
    """The packs of the media plans: shipped, or the production's newer ones."""
    return MediaPacks(
        codecs=pack("codec-rates", extra_dirs=extra_dirs),
        specs=pack("delivery-specs", extra_dirs=extra_dirs),
        storage=pack("storage-media", extra_dirs=extra_dirs),
        emissions=pack("emission-factors", extra_dirs=extra_dirs),
        templates=pack("deliverables-templates", extra_dirs=extra_dirs),
    )


@dataclass(frozen=True, slots=True)
class BoardDays:
    """The shoot days of the main board, and which board that is."""

    days: int
    schedule_number: int
    board_name: str


@dataclass(frozen=True, slots=True)
class ProductionFacts:
    title: str
    code: str
    running_minutes: Decimal | None  # all episodes together; None when not set
    board: BoardDays | None


def production_facts(db: Database, slug: str, *, actor: User | None) -> ProductionFacts:
    """Title, code, total running time and the main board's shoot days."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        found = schedules.list_schedules(session, production.id)
        board: BoardDays | None = None
        if found:
            newest = found[-1]
            primary = [b for b in boards.list_boards(session, newest.id) if b.primary]
            if primary:
                board = BoardDays(len(primary[0].days), newest.number, primary[0].name)
    minutes = (
        Decimal(production.running_minutes) * max(production.episodes, 1)
        if production.running_minutes
        else None
    )
    return ProductionFacts(production.title, production.code, minutes, board)


def scan_archive(
    root: Path, storage: RulePack, *, code: str | None, today: dt.date
) -> ArchiveManifest:
    """The manifest of every file under ``root`` (hidden files and regie's own files
    left out), names checked: rushes always, documents when ``code`` is given."""
    if not root.is_dir():
        raise InputError(
            t("{path} is not a folder", path=root),
            where=str(root),
            hint=t("Give the folder to archive"),
        )
    files: list[ArchiveFile] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(folder) / name
            relative = path.relative_to(root).as_posix()
            if is_exempt(relative) or not path.is_file():
                continue
            try:
                size = path.stat().st_size
            except OSError as problem:
                raise InputError(
                    t("cannot read the file ({problem})", problem=problem.strerror),
                    where=str(path),
                ) from None
            files.append(ArchiveFile(relative, size))
    rule = None
    if code is not None:
        production_code = code

        def rule(relative: str) -> NamingIssue | None:
            problem = check_name(relative, production_code, today=today)
            if problem is None:
                return None
            return NamingIssue(relative, "document", problem.reason, problem.suggestion)

    return build_manifest(files, storage, document_rule=rule)
