# SPDX-License-Identifier: AGPL-3.0-or-later
"""Before an offload copies a byte: check the source and destinations, read the ASC MHL
histories, decide per destination which files are already there and verified, check the
free space. Every refusal happens here, so a bad command leaves nothing written.

**How a re-run knows a file is done** (resume): the copy exists under its final name —
the offload renames a copy to its final name only after reading it back with the source's
hash — with the source's size and modification time (the offload sets it on the copy),
and a record of it as verified: a line of the journal ``DST/.<card>.regie-offload.jsonl``
(written after each verified file, removed once the run's ASC MHL generation is written)
or an ``original``/``verified`` entry of the destination's ASC MHL history with that size.
Anything else — a partial ``.name.regie-part`` file, a copy without record, a different
size or date — is copied again.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from regie.core.errors import Conflict, InputError, ValidationError
from regie.core.text import t
from regie.media.transfer import FileOutcome, HashAlgorithm, SourceFile
from regie.mediaio import mhl

PART_SUFFIX: Final = ".regie-part"
JOURNAL_SUFFIX: Final = ".regie-offload.jsonl"
_PER_FILE_OVERHEAD: Final = 8 * 1024  # a block rounding, the MHL entry, the journal line
_FIXED_OVERHEAD: Final = 1024 * 1024
_SAME_TIME_NS: Final = 1_000_000_000  # file systems round dates (FAT: 2 s, exFAT: 10 ms)


@dataclass(frozen=True, slots=True)
class Record:
    """A file known verified on a destination (from its journal or its ASC MHL history)."""

    size: int
    hashes: dict[HashAlgorithm, str]
    hash_date: str | None
    from_journal: bool


@dataclass(slots=True)
class Target:
    """One destination: the folder the card is copied to and what is known about it."""

    given: Path  # DST as typed
    root: Path  # DST/<card>
    history: mhl.History | None
    known: dict[str, Record]
    todo: list[SourceFile] = field(default_factory=list)
    done: list[SourceFile] = field(default_factory=list)  # already verified: skipped
    outcomes: dict[str, FileOutcome] = field(default_factory=dict)
    mhl_error: str | None = None  # why no generation can be written here

    @property
    def journal(self) -> Path:
        return self.root.parent / f".{self.root.name}{JOURNAL_SUFFIX}"

    def final(self, path: str) -> Path:
        return self.root / path

    def part(self, path: str) -> Path:
        final = self.root / path
        return final.with_name(f".{final.name}{PART_SUFFIX}")


@dataclass(frozen=True, slots=True)
class Plan:
    source: Path
    tree: mhl.Tree
    history: mhl.History | None  # the source's
    targets: tuple[Target, ...]


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _check_paths(source: Path, destinations: Sequence[Path]) -> tuple[Path, list[Path]]:
    if not source.is_dir():
        raise InputError(
            t("the source folder {path} does not exist", path=source)
            if not source.exists()
            else t("the source {path} is not a folder", path=source),
            where="SRC",
            hint=t("Give the folder of the card (its mount point) or of the rushes to copy"),
        )
    real_source = source.resolve()
    if not real_source.name:
        raise InputError(
            t("the source {path} is the root of the file system", path=source),
            where="SRC",
            hint=t("Give the folder of the card (its mount point) or of the rushes to copy"),
        )
    if not destinations:
        raise InputError(t("no destination given"), where="DST", hint=t("Name at least one"))
    targets: list[Path] = []
    for destination in destinations:
        if not destination.is_dir():
            raise InputError(
                t("the destination folder {path} does not exist", path=destination),
                where="DST",
                hint=t("Mount the drive and create the folder first; regie does not create it"),
            )
        real = destination.resolve()
        target = real / real_source.name
        if _inside(real, real_source):
            raise ValidationError(
                t("the destination {path} is inside the source", path=destination),
                field="DST",
                hint=t("Copy to another drive or folder"),
            )
        if _inside(real_source, target):
            raise ValidationError(
                t("the source is inside the destination {path}", path=destination),
                field="DST",
                hint=t("Copy to another drive or folder"),
            )
        for other in targets:
            if target == other:
                raise ValidationError(
                    t("the destination {path} is given twice", path=destination),
                    field="DST",
                    hint=t("Name each destination once"),
                )
            if _inside(target, other) or _inside(other, target):
                raise ValidationError(
                    t("the destination {path} is inside another destination", path=destination),
                    field="DST",
                    hint=t("Name destinations on separate folders"),
                )
        targets.append(target)
    return real_source, targets


def _journal(path: Path) -> dict[str, Record]:
    records: dict[str, Record] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, UnicodeDecodeError):
        return records
    for line in lines:
        try:
            data = json.loads(line)
            hashes = {HashAlgorithm(k): str(v) for k, v in data["hashes"].items()}
            records[str(data["path"])] = Record(int(data["size"]), hashes, data["date"], True)
        except (ValueError, KeyError, TypeError):
            continue  # a line cut by a crash: that file is copied again
    return records


def _history_records(history: mhl.History | None) -> dict[str, Record]:
    records: dict[str, Record] = {}
    if history is None:
        return records
    for path, media in history.latest().items():
        good = {e.algorithm: e.value for e in media.entries if e.action in mhl.OK_ACTIONS}
        failed = any(e.action == "failed" for e in media.entries)
        if good and not failed and media.size is not None:
            dates = [e.hash_date for e in media.entries if e.hash_date]
            records[path] = Record(media.size, good, dates[0] if dates else None, False)
    return records


def _is_done(target: Target, file: SourceFile) -> bool:
    record = target.known.get(file.path)
    if record is None or record.size != file.size:
        return False
    try:
        stat = target.final(file.path).stat()
    except OSError:
        return False
    return stat.st_size == file.size and abs(stat.st_mtime_ns - file.mtime_ns) < _SAME_TIME_NS


def _carry_check(source: mhl.History | None, target: Target) -> None:
    """The card's history must be the start of the destination's, or the other way."""
    if source is None or target.history is None:
        return
    ours = [(c.number, c.c4) for c in source.chain]
    theirs = [(c.number, c.c4) for c in target.history.chain]
    if ours[: len(theirs)] != theirs[: len(ours)]:
        raise Conflict(
            t("the ASC MHL history at {path} is not the card's history", path=target.root),
            hint=t("The folder holds another card with the same name; copy to another folder"),
        )


def _check_space(targets: Sequence[Target]) -> None:
    needs: dict[int, int] = {}
    folder_of: dict[int, Path] = {}
    for target in targets:
        device = target.given.stat().st_dev
        folder_of.setdefault(device, target.given)
        needs[device] = needs.get(device, _FIXED_OVERHEAD) + sum(
            f.size + _PER_FILE_OVERHEAD for f in target.todo
        )
    for device, need in needs.items():
        free = shutil.disk_usage(folder_of[device]).free
        if free < need:
            raise InputError(
                t(
                    "not enough free space: {need} MB needed, {free} MB free",
                    need=need // 1_000_000 + 1,
                    free=free // 1_000_000,
                ),
                where=str(folder_of[device]),
                hint=t("Free some space or choose a larger drive; nothing was copied"),
            )


def plan(source: Path, destinations: Sequence[Path], *, check_space: bool = True) -> Plan:
    """Check everything and decide what to copy where (raises a ``RegieError``)."""
    real_source, roots = _check_paths(source, destinations)
    history = mhl.read_history(real_source)
    patterns = history.ignore_patterns if history else mhl.DEFAULT_IGNORE
    try:
        tree = mhl.list_tree(real_source, patterns)
    except OSError as exc:
        raise InputError(
            t("cannot list the source folder ({problem})", problem=exc.strerror or str(exc)),
            where=str(source),
        ) from None
    if not tree.files:
        raise InputError(
            t("the source folder {path} holds no file to copy", path=source),
            where="SRC",
            hint=t("Check that the card is mounted and that this is its folder"),
        )
    targets = []
    for given, root in zip(destinations, roots, strict=True):
        own = mhl.read_history(root) if root.is_dir() else None
        target = Target(given, root, own, {**_history_records(own), **_journal_of(root)})
        _carry_check(history, target)
        for file in tree.files:
            (target.done if _is_done(target, file) else target.todo).append(file)
        targets.append(target)
    if check_space:
        _check_space(targets)
    return Plan(real_source, tree, history, tuple(targets))


def _journal_of(root: Path) -> dict[str, Record]:
    return _journal(root.parent / f".{root.name}{JOURNAL_SUFFIX}")


def remove_parts(target: Target) -> None:
    """Remove partial copies left by an interrupted run (each is copied again)."""
    if not target.root.is_dir():
        return
    for folder, _, names in os.walk(target.root):
        for name in names:
            if name.endswith(PART_SUFFIX):
                Path(folder, name).unlink(missing_ok=True)
