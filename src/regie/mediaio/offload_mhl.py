# SPDX-License-Identifier: AGPL-3.0-or-later
"""The ASC MHL side of an offload: carry the card's history into each destination before
copying, and write each destination's new generation (process ``transfer``) after.

What a generation records, per file of the card:

* copied and verified in this run (or in an interrupted run, from the journal): every hash
  of the run, ``original`` when no history knew the file, else ``verified`` — or ``failed``
  where it differs from the history's first hash in that format (the card changed);
* copied but read back with another hash or size: the hash read back, ``failed`` (the copy
  itself was removed);
* not copied at all (full disk, permission, vanished source): no entry; the generation's
  comment counts them;
* already verified by an earlier generation: no entry (nothing was checked this time).

No generation is written when a run adds nothing (every file already verified). Folder
hashes (content and structure) are written only when every file of the card is verified
on that destination.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Mapping

from regie.media.transfer import (
    DestinationResult,
    FileOutcome,
    FileStatus,
    HashAlgorithm,
    SourceFile,
)
from regie.mediaio import mhl
from regie.mediaio.hashing import c4_of_file
from regie.mediaio.offload_plan import Plan, Target


def carry_history(the_plan: Plan, target: Target) -> list[str]:
    """Create the destination folder and its sub-folders (empty ones too: they count in
    the folder hashes), copy the card's generations it lacks (checked by their C4 IDs); on
    failure ``target.mhl_error`` says why. Returns warnings."""
    try:
        target.root.mkdir(exist_ok=True)
        for sub in the_plan.tree.directories:
            (target.root / sub).mkdir(exist_ok=True)
    except OSError as exc:
        target.mhl_error = f"cannot create {target.root}: {exc.strerror or exc}"
        return []
    source = the_plan.history
    if source is None or not source.chain:
        return list(source.warnings) if source else []
    have = {link.number for link in target.history.chain} if target.history else set()
    missing = [link for link in source.chain if link.number not in have]
    if not missing:
        return list(source.warnings)
    folder = target.root / mhl.FOLDER
    try:
        folder.mkdir(exist_ok=True)
        for link in missing:
            copy = folder / link.file_name
            mhl.write_synced(copy, (source.root / mhl.FOLDER / link.file_name).read_bytes())
            if c4_of_file(copy) != link.c4:
                target.mhl_error = f"{copy}: the copied generation does not match its C4 ID"
                return []
        mhl.write_synced(folder / mhl.CHAIN, mhl.chain_xml(source.chain))
    except OSError as exc:
        target.mhl_error = f"cannot copy the card's ASC MHL history: {exc.strerror or exc}"
        return []
    target.history = mhl.read_history(target.root)
    return list(source.warnings)


def _action(history: mhl.History | None, path: str, algorithm: HashAlgorithm, value: str) -> str:
    if history is None or history.original(path) is None:
        return "original"
    first = history.first(path, algorithm)
    if first is None:
        return "verified"  # a new format, checked with the history's format beside it
    return "verified" if first.value == value else "failed"


def _modified(file: SourceFile) -> str:
    return mhl.iso_seconds(dt.datetime.fromtimestamp(file.mtime_ns / 1e9, dt.UTC))


def _settle(the_plan: Plan, target: Target) -> tuple[FileOutcome, ...]:
    """Every file's outcome on ``target``, skipped and unreached files included."""
    for file in target.done:
        record = target.known[file.path]
        target.outcomes[file.path] = FileOutcome(
            path=file.path,
            destination=str(target.root),
            size=file.size,
            status=FileStatus.ALREADY_VERIFIED,
            hashes=tuple(sorted(record.hashes.items())),
            copy_hash=None,
            detail="journal" if record.from_journal else "ASC MHL history",
        )
    for file in target.todo:
        if file.path not in target.outcomes:
            target.outcomes[file.path] = FileOutcome(
                file.path,
                str(target.root),
                file.size,
                FileStatus.NOT_COPIED,
                detail="the offload stopped before this file",
            )
    return tuple(target.outcomes[f.path] for f in the_plan.tree.files)


def _entries(
    target: Target,
    file: SourceFile,
    outcome: FileOutcome,
    algorithm: HashAlgorithm,
    date: str | None,
) -> tuple[mhl.HashEntry, ...]:
    history = target.history
    if outcome.status in (FileStatus.VERIFIED, FileStatus.SOURCE_ALTERED):
        return tuple(
            mhl.HashEntry(a, v, _action(history, file.path, a, v), date) for a, v in outcome.hashes
        )
    if outcome.status is FileStatus.ALREADY_VERIFIED:
        record = target.known[file.path]
        if record.from_journal:
            return tuple(
                mhl.HashEntry(a, v, _action(history, file.path, a, v), record.hash_date)
                for a, v in sorted(record.hashes.items())
            )
    if outcome.status in (FileStatus.MISMATCH, FileStatus.SIZE_MISMATCH) and outcome.copy_hash:
        return (mhl.HashEntry(algorithm, outcome.copy_hash, "failed", date),)
    return ()


def _folders(
    the_plan: Plan, outcomes: tuple[FileOutcome, ...], algorithm: HashAlgorithm
) -> tuple[tuple[str, str, str], ...]:
    hashes: dict[str, str] = {}
    for outcome in outcomes:
        value = outcome.hash_of(algorithm)
        if not outcome.status.ok or value is None:
            return ()
        hashes[outcome.path] = value
    found = mhl.directory_hashes(the_plan.tree.directories, hashes, algorithm)
    return tuple((path, content, structure) for path, (content, structure) in found.items())


def _sync_folders(target: Target, outcomes: tuple[FileOutcome, ...]) -> None:
    """``fsync`` the folders of this run's copies: their renames reach the disk before
    the generation that records them."""
    folders = {target.root}
    for outcome in outcomes:
        if outcome.status in (FileStatus.VERIFIED, FileStatus.SOURCE_ALTERED):
            folders.add(target.final(outcome.path).parent)
    for folder in folders:
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def generation_for(
    the_plan: Plan,
    target: Target,
    algorithm: HashAlgorithm,
    *,
    creator: mhl.Creator,
    dates: Mapping[tuple[str, str], str],
    now: dt.datetime,
) -> DestinationResult:
    """Write the destination's new generation (when the run adds anything) and remove its
    journal once the generation holds what the journal knew."""
    root = str(target.root)
    outcomes = _settle(the_plan, target)
    if target.mhl_error:
        return DestinationResult(root, outcomes, None, target.mhl_error)
    files = []
    for file, outcome in zip(the_plan.tree.files, outcomes, strict=True):
        entries = _entries(target, file, outcome, algorithm, dates.get((root, file.path)))
        if entries:
            files.append(mhl.MediaHash(file.path, entries, file.size, _modified(file)))
    failed = sum(1 for o in outcomes if not o.status.ok)
    if not files and not failed:
        return DestinationResult(root, outcomes)
    comment = creator.comment
    if failed:
        note = f"regie offload: {failed} of {len(outcomes)} files not verified on this destination"
        comment = f"{comment} — {note}" if comment else note
    new = mhl.NewGeneration(
        process="transfer",
        creator=dataclasses.replace(creator, comment=comment),
        files=tuple(files),
        algorithm=algorithm,
        directories=_folders(the_plan, outcomes, algorithm),
        ignore=target.history.ignore_patterns if target.history else mhl.DEFAULT_IGNORE,
    )
    try:
        _sync_folders(target, outcomes)
        path = mhl.write_generation(target.root, new, now, target.history)
    except OSError as exc:
        return DestinationResult(
            root, outcomes, None, f"cannot write the ASC MHL generation: {exc.strerror or exc}"
        )
    target.journal.unlink(missing_ok=True)
    return DestinationResult(root, outcomes, str(path))
