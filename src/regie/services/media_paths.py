# SPDX-License-Identifier: AGPL-3.0-or-later
"""Which folders of the server a media form may name, and the check every such path
passes before a job reads or writes it.

A web form that names folders on the server (an offload's card and destinations, the
clips to QC, a delivered master, a folder to archive) could otherwise read or write
anywhere the server's user can. The allowed **media roots** are:

* the production folder itself (when the server runs from one), but never its private
  ``.regie/`` folder (database, session key) nor ``regie.toml``;
* the folders listed in the production folder's ``regie.toml``::

      [media]
      roots = ["/mnt/raid", "/Volumes/SHUTTLE-01"]   # a relative path is under the folder

* the folders of the environment variable ``REGIE_MEDIA_ROOTS`` (separated by ``:``, as
  ``PATH`` is), for a shared server.

Nobody can add a root from the web: only whoever edits the server's files or environment.
A path is resolved first — ``..`` removed, every symbolic link followed — and must then lie
inside a root (so a link inside a root that points elsewhere is refused). A destination
must exist (the offload never creates a drive's top folder), and the card's copy in it
must resolve inside a root too.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from regie.core.errors import InputError, NotFound, PermissionDenied, ValidationError
from regie.core.text import t
from regie.office.folder import CONFIG_FILE, PRIVATE_DIR
from regie.services.folders import find_folder

ROOTS_ENV = "REGIE_MEDIA_ROOTS"


class PathUse(StrEnum):
    READ = "read"  # an existing file or folder that is read (a card, clips, a master)
    FOLDER = "folder"  # an existing folder that is read (a card to offload, to archive)
    WRITE = "write"  # an existing folder that is written into (an offload's destination)
    LIST = "list"  # an existing folder whose names and sizes are listed, hidden ones left out


@dataclass(frozen=True, slots=True)
class MediaRoots:
    """The resolved folders media paths must lie in, and the paths that stay out of reach
    even inside them (the production folder's private files)."""

    roots: tuple[Path, ...]
    private: tuple[Path, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.roots)

    def allows(self, resolved: Path) -> bool:
        inside = any(resolved.is_relative_to(root) for root in self.roots)
        return inside and not any(resolved.is_relative_to(p) for p in self.private)

    def shown(self) -> str:
        return ", ".join(str(root) for root in self.roots) or "—"


def _absolute_roots(values: Iterable[str], base: Path | None, where: str) -> list[Path]:
    found = []
    for value in values:
        if not value.strip():
            continue
        path = Path(value.strip()).expanduser()
        if not path.is_absolute():
            if base is None:
                raise InputError(
                    t("the media folder '{path}' is not an absolute path", path=value),
                    where=where,
                    hint=t("Write each media folder as an absolute path, e.g. /mnt/raid"),
                )
            path = base / path
        found.append(path.resolve())
    return found


def _folder_roots(root: Path) -> list[Path]:
    path = root / CONFIG_FILE
    try:
        section = tomllib.loads(path.read_text(encoding="utf-8")).get("media", {})
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
        raise InputError(
            t("the folder's {config} cannot be read ({problem})", config=CONFIG_FILE,
              problem=f"{type(exc).__name__}: {exc}"),
            where=str(path),
        ) from None  # fmt: skip
    raw = section.get("roots", []) if isinstance(section, dict) else []
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise InputError(
            t('roots must be a list of folders, such as ["/mnt/raid"]'),
            where=t("{file}, section [media]", file=str(path)),
        )
    return _absolute_roots(raw, root, str(path))


def media_roots(
    folder: Path | None = None, *, environ: Mapping[str, str] | None = None
) -> MediaRoots:
    """The media roots of the production folder holding ``folder`` (none when ``None`` or
    when it is not inside one) and of ``REGIE_MEDIA_ROOTS`` in ``environ`` (the process
    environment by default)."""
    env = os.environ if environ is None else environ
    roots: list[Path] = []
    private: list[Path] = []
    if folder is not None:
        try:
            config = find_folder(folder)
        except NotFound:
            config = None
        if config is not None:
            base = config.root.resolve()
            roots += [base, *_folder_roots(base)]
            private += [base / PRIVATE_DIR, base / CONFIG_FILE]
    roots += _absolute_roots(env.get(ROOTS_ENV, "").split(os.pathsep), None, ROOTS_ENV)
    return MediaRoots(tuple(dict.fromkeys(roots)), tuple(private))


def _refused(text: str, field: str, roots: MediaRoots) -> PermissionDenied:
    if not roots:
        return PermissionDenied(
            t("no media folder is open to the web on this server"),
            where=t("field '{field}'", field=field),
            hint=t(
                "An administrator lists the media folders in the production folder's "
                "regie.toml ([media] roots) or in REGIE_MEDIA_ROOTS"
            ),
        )
    return PermissionDenied(
        t("the path {path} is outside the media folders this server allows", path=text),
        where=t("field '{field}'", field=field),
        hint=t("Allowed folders: {roots}", roots=roots.shown()),
    )


def _resolved(text: str, field: str) -> Path:
    cleaned = text.strip()
    if not cleaned:
        raise ValidationError(t("a value is required"), field=field)
    if "\x00" in cleaned:
        raise ValidationError(t("the path contains a NUL character"), field=field)
    path = Path(cleaned)
    if not path.is_absolute():
        raise ValidationError(
            t("the path '{path}' is not absolute", path=cleaned),
            field=field,
            hint=t("Write the full path on the server, e.g. /mnt/raid/A001"),
        )
    try:
        return path.resolve()  # follows every link of the part that exists
    except (OSError, RuntimeError) as exc:  # a link loop
        raise InputError(
            t("the path {path} cannot be resolved ({problem})", path=cleaned, problem=str(exc)),
            where=t("field '{field}'", field=field),
        ) from None


def check_path(text: str, roots: MediaRoots, *, field: str, use: PathUse) -> Path:
    """``text`` resolved, once it is known to lie inside ``roots`` and to fit ``use``;
    ``PermissionDenied`` outside the roots, ``InputError`` when it does not exist (or is
    not a folder where one is needed)."""
    resolved = _resolved(text, field)
    if not roots.allows(resolved):
        raise _refused(text.strip(), field, roots)
    if use is PathUse.WRITE and not resolved.is_dir():
        raise InputError(
            t("the destination {path} is not an existing folder", path=text.strip()),
            where=t("field '{field}'", field=field),
            hint=t("Mount the drive and create the folder first"),
        )
    if use is PathUse.WRITE:
        return resolved
    if not resolved.exists():
        raise InputError(
            t("no file or folder at {path}", path=text.strip()),
            where=t("field '{field}'", field=field),
            hint=t("Check the path as the server sees it (a mounted card, a shared volume)"),
        )
    if use in (PathUse.FOLDER, PathUse.LIST) and not resolved.is_dir():
        raise InputError(
            t("{path} is not a folder", path=text.strip()),
            where=t("field '{field}'", field=field),
            hint=t("Give the folder of the card, not one of its files"),
        )
    private = any(p.is_relative_to(resolved) for p in roots.private)
    if use is not PathUse.LIST and resolved.is_dir() and private:
        raise PermissionDenied(
            t("the folder {path} holds regie's private files", path=text.strip()),
            where=t("field '{field}'", field=field),
            hint=t("Name the media folder itself"),
        )
    return resolved


@dataclass(frozen=True, slots=True)
class OffloadPaths:
    source: Path
    destinations: tuple[Path, ...]


def offload_paths(source: str, destinations: Sequence[str], roots: MediaRoots) -> OffloadPaths:
    """An offload's card and destinations, each checked against ``roots``; the copy
    ``DST/<card name>`` must lie inside the roots too (a link there cannot lead out)."""
    card = check_path(source, roots, field="source", use=PathUse.FOLDER)
    targets: list[Path] = []
    wanted = [d for d in destinations if d.strip()]
    if not wanted:
        raise ValidationError(
            t("give at least one destination"),
            field="destinations",
            hint=t("One folder per line: the card is copied into each"),
        )
    for text in wanted:
        target = check_path(text, roots, field="destinations", use=PathUse.WRITE)
        copy = (target / card.name).resolve()
        if not roots.allows(copy):
            raise _refused(str(target / card.name), "destinations", roots)
        if target in targets:
            raise ValidationError(
                t("the destination {path} is given twice", path=str(target)),
                field="destinations",
            )
        targets.append(target)
    return OffloadPaths(card, tuple(targets))


def checked_paths(texts: Sequence[str], roots: MediaRoots, *, field: str) -> tuple[Path, ...]:
    """Files or folders to read (clips to QC), each checked; at least one."""
    wanted = [text for text in texts if text.strip()]
    if not wanted:
        raise ValidationError(t("give at least one file or folder"), field=field)
    return tuple(check_path(text, roots, field=field, use=PathUse.READ) for text in wanted)
