# SPDX-License-Identifier: AGPL-3.0-or-later
"""Re-hash a folder against its ASC MHL history (``regie mhl verify DIR``).

Like ``ascmhl-debug verify``: each file on disk is hashed in the format of its ``original``
entry and compared with it; files the history lists that are not on disk are missing,
files on disk it does not list are new, files it lists only with a ``failed`` entry are
unverified. The history's ignore patterns apply. Two threads hash two files at a time
(xxhash and hashlib release the GIL); each file's cached pages are dropped first, so the
bytes come from the device where the kernel allows it.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from regie.core.errors import InputError
from regie.core.jobs import ProgressReporter
from regie.core.text import t
from regie.media.transfer import CheckStatus, FileCheck, HistoryCheck, SourceFile
from regie.mediaio import mhl
from regie.mediaio.hashing import hash_file

WORKERS = 2


def verify_folder(
    root: Path, *, progress: ProgressReporter | None = None, uncached: bool = True
) -> HistoryCheck:
    """Check every file of ``root`` against its history (``InputError`` without one)."""
    started = time.perf_counter()
    if not root.is_dir():
        raise InputError(
            t("the folder {path} does not exist", path=root),
            where="DIR",
            hint=t("Give the folder that holds the ascmhl folder"),
        )
    history = mhl.read_history(root)
    if history is None or not history.generations:
        raise InputError(
            t("the folder {path} has no ASC MHL history", path=root),
            where="DIR",
            hint=t("Give the folder that holds the ascmhl folder (the root of the card copy)"),
        )
    try:
        tree = mhl.list_tree(root, history.ignore_patterns)
    except OSError as exc:
        raise InputError(
            t("cannot list the folder ({problem})", problem=exc.strerror or str(exc)),
            where=str(root),
        ) from None
    listed = history.paths()
    on_disk = {f.path for f in tree.files}
    total = sum(f.size for f in tree.files)
    lock = threading.Lock()
    done = [0]

    def check(file: SourceFile) -> FileCheck:
        original = history.original(file.path)
        if original is None:
            status = CheckStatus.UNVERIFIED if file.path in listed else CheckStatus.NEW
            return FileCheck(file.path, status, size=file.size)
        try:
            hashes, size = hash_file(root / file.path, (original.algorithm,), uncached=uncached)
        except OSError as exc:
            return FileCheck(
                file.path, CheckStatus.ALTERED, original.algorithm, original.value,
                f"unreadable: {exc.strerror or exc}", file.size,
            )  # fmt: skip
        with lock:
            done[0] += size
        actual = hashes[original.algorithm]
        status = CheckStatus.OK if actual == original.value else CheckStatus.ALTERED
        return FileCheck(file.path, status, original.algorithm, original.value, actual, size)

    checks: list[FileCheck] = []
    with ThreadPoolExecutor(WORKERS, "mhl-verify") as pool:
        futures = [pool.submit(check, f) for f in tree.files]
        for future in futures:
            checks.append(future.result())
            if progress is not None:
                progress(done[0], total, checks[-1].path, phase="verify")
    for path in sorted(listed - on_disk):
        if not mhl.ignored(path, False, history.ignore_patterns):
            original = history.original(path)
            checks.append(
                FileCheck(
                    path,
                    CheckStatus.MISSING,
                    original.algorithm if original else None,
                    original.value if original else None,
                )
            )
    checks.sort(key=lambda c: c.path)
    return HistoryCheck(
        root=str(root),
        generations=len(history.generations),
        files=tuple(checks),
        bytes_read=done[0],
        seconds=time.perf_counter() - started,
    )
