# SPDX-License-Identifier: AGPL-3.0-or-later
"""Media jobs: long work on files, run where the storage is (a queue worker on the
machine that sees the disks, or the in-process runner on a laptop).

:func:`hash_files` computes the checksums of files, streaming them in 4 MiB chunks, with
the algorithms of ASC MHL (``xxh64`` by default, ``xxh3``, ``xxh128``, ``md5``,
``sha1``) and reports bytes done of bytes in all. It takes only JSON values (absolute
paths and the algorithm's name), so it can travel through the queue; it is registered
in :mod:`regie.jobs.registry`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import xxhash

from regie.core.errors import InputError, ValidationError
from regie.core.jobs import ProgressReporter
from regie.core.text import t
from regie.jobs.registry import job_function

CHUNK_BYTES = 4 * 1024 * 1024


class _Hash(Protocol):
    def update(self, data: bytes, /) -> None: ...
    def hexdigest(self) -> str: ...


# The names ASC MHL uses for its hash formats (xxh3 is XXH3's 64-bit digest).
ALGORITHMS: dict[str, Callable[[], _Hash]] = {
    "xxh64": xxhash.xxh64,
    "xxh3": xxhash.xxh3_64,
    "xxh128": xxhash.xxh3_128,
    "md5": hashlib.md5,
    "sha1": hashlib.sha1,
}


def _hasher(algorithm: str) -> Callable[[], _Hash]:
    try:
        return ALGORITHMS[algorithm]
    except KeyError:
        raise ValidationError(
            t("unknown hash algorithm '{algorithm}'", algorithm=algorithm),
            field="algorithm",
            hint=t("Use one of {names}", names=", ".join(ALGORITHMS)),
        ) from None


def _files(paths: Sequence[str]) -> list[tuple[str, Path, int]]:
    """Each path with its size; every path is checked before any byte is read."""
    if isinstance(paths, str) or not paths:
        raise ValidationError(t("give a list of files to hash"), field="paths")
    sized = []
    for name in paths:
        path = Path(name)
        if not path.is_absolute():
            raise InputError(
                t("the path {path} is not absolute", path=name),
                where=name,
                hint=t("A worker runs in a folder of its own: give absolute paths"),
            )
        if not path.is_file():
            raise InputError(
                t("no file at {path}", path=name),
                where=name,
                hint=t("Check that this machine sees the storage that holds the file"),
            )
        sized.append((name, path, path.stat().st_size))
    return sized


@job_function
def hash_files(
    paths: Sequence[str], algorithm: str = "xxh64", *, progress: ProgressReporter
) -> dict[str, Any]:
    """Checksums of ``paths`` (absolute) as ``{"algorithm", "files": {path: hex digest},
    "bytes"}``; progress is bytes read of bytes in all, with the current file's name."""
    new_hash = _hasher(algorithm)
    files = _files(paths)
    total = sum(size for _name, _path, size in files)
    done = 0
    digests: dict[str, str] = {}
    progress(0, total, "", files_done=0, files=len(files))
    for index, (name, path, _size) in enumerate(files):
        digest = new_hash()
        try:
            with path.open("rb") as stream:
                while chunk := stream.read(CHUNK_BYTES):
                    digest.update(chunk)
                    done += len(chunk)
                    progress(done, total, path.name, files_done=index, files=len(files))
        except OSError as error:
            raise InputError(
                t("the file {path} could not be read", path=name),
                where=name,
                hint=error.strerror or str(error),
            ) from None
        digests[name] = digest.hexdigest()
    progress(done, total, "", files_done=len(files), files=len(files))
    return {"algorithm": algorithm, "files": digests, "bytes": done}
