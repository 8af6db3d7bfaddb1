# SPDX-License-Identifier: AGPL-3.0-or-later
"""Verified offload (déchargement) of a card or folder, as records: what was copied where,
how each copy was checked, and whether the whole offload may be called a success.

Pure values (no file, no clock): :mod:`regie.mediaio.offload` fills them while it copies,
:mod:`regie.mediaio.mhl` while it re-hashes a folder against its ASC MHL history, and the
faces print them. Sizes are bytes, durations seconds, hashes lower-case strings in the
encoding ASC MHL uses for the algorithm (hexadecimal; base58 ``c4…`` for C4).

The rule the whole module serves: an offload is a success only when every file of the
source is, on every destination, either verified by reading the copy back in this run or
known verified from an earlier run (:data:`FileStatus.ALREADY_VERIFIED`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class HashAlgorithm(StrEnum):
    """The hash formats of ASC MHL v2, named as the MHL files name them."""

    XXH128 = "xxh128"  # XXH3 128-bit: ASC MHL's default, and ours
    XXH64 = "xxh64"
    XXH3 = "xxh3"  # XXH3 64-bit
    MD5 = "md5"
    SHA1 = "sha1"
    C4 = "c4"  # SHA-512 in base58 (read in histories; slow to make)


DEFAULT_ALGORITHM = HashAlgorithm.XXH128


class FileStatus(StrEnum):
    """What happened to one file on one destination."""

    VERIFIED = "verified"  # copied, read back, same hash as the source
    ALREADY_VERIFIED = "already-verified"  # copied and verified by an earlier run
    MISMATCH = "mismatch"  # read back with another hash (a bit changed on the way)
    SIZE_MISMATCH = "size-mismatch"  # read back with another size (truncated copy)
    NO_SPACE = "no-space"  # the destination filled up while writing
    PERMISSION_DENIED = "permission-denied"  # reading the source or writing the copy refused
    SOURCE_MISSING = "source-missing"  # the source file vanished before it was read
    SOURCE_CHANGED = "source-changed"  # size or date of the source changed while reading
    SOURCE_ALTERED = "source-altered"  # the source differs from the hash its history records
    READ_FAILED = "read-failed"  # the source could not be read (I/O error)
    WRITE_FAILED = "write-failed"  # the copy could not be written (other I/O error)
    NOT_COPIED = "not-copied"  # the offload stopped before this file

    @property
    def ok(self) -> bool:
        return self in (FileStatus.VERIFIED, FileStatus.ALREADY_VERIFIED)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One file of the source, as listed before copying. ``path`` is POSIX, relative to
    the source folder; ``mtime_ns`` the modification time in nanoseconds since the epoch."""

    path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """One file on one destination. ``hashes`` are the source's (every algorithm of the
    run); ``copy_hash`` the primary hash read back from the copy, when it was read.
    ``detail`` is the system's own message for a failure (``No space left on device``)."""

    path: str
    destination: str
    size: int
    status: FileStatus
    hashes: tuple[tuple[HashAlgorithm, str], ...] = ()
    copy_hash: str | None = None
    detail: str | None = None

    def hash_of(self, algorithm: HashAlgorithm) -> str | None:
        return dict(self.hashes).get(algorithm)


@dataclass(frozen=True, slots=True)
class DestinationResult:
    """One destination: ``root`` is the copied folder (``DST/<card>``), ``generation`` the
    ASC MHL file written there (``None`` when none was needed or it could not be written;
    then ``mhl_error`` says why)."""

    root: str
    outcomes: tuple[FileOutcome, ...]
    generation: str | None = None
    mhl_error: str | None = None

    @property
    def ok(self) -> bool:
        return self.mhl_error is None and all(o.status.ok for o in self.outcomes)

    def count(self, *statuses: FileStatus) -> int:
        return sum(1 for o in self.outcomes if o.status in statuses)


@dataclass(frozen=True, slots=True)
class OffloadReport:
    """A whole offload. ``bytes_read`` counts the source bytes read in this run (once,
    whatever the number of destinations), ``bytes_verified`` the bytes read back from the
    copies; ``seconds`` the wall time; ``history_generations`` the ASC MHL generations
    found on the source (0 without a history)."""

    source: str
    algorithm: HashAlgorithm
    files: tuple[SourceFile, ...]
    destinations: tuple[DestinationResult, ...]
    bytes_read: int
    bytes_verified: int
    seconds: float
    history_generations: int = 0
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Every file verified on every destination, and every MHL generation written."""
        return bool(self.destinations) and all(d.ok for d in self.destinations)

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files)

    @property
    def failures(self) -> tuple[FileOutcome, ...]:
        return tuple(o for d in self.destinations for o in d.outcomes if not o.status.ok)

    @property
    def throughput(self) -> float:
        """Source bytes per second of wall time (0 when nothing was read)."""
        return self.bytes_read / self.seconds if self.seconds > 0 else 0.0


class CheckStatus(StrEnum):
    """A file of a folder against its ASC MHL history."""

    OK = "ok"  # same hash as the history's original
    ALTERED = "altered"  # another hash
    MISSING = "missing"  # in the history, not on disk
    NEW = "new"  # on disk, not in the history
    UNVERIFIED = "unverified"  # in the history with a failed entry only


@dataclass(frozen=True, slots=True)
class FileCheck:
    path: str
    status: CheckStatus
    algorithm: HashAlgorithm | None = None
    expected: str | None = None
    actual: str | None = None
    size: int | None = None


@dataclass(frozen=True, slots=True)
class HistoryCheck:
    """``regie mhl verify``: the folder, the generations of its history, each file."""

    root: str
    generations: int
    files: tuple[FileCheck, ...]
    bytes_read: int
    seconds: float

    @property
    def ok(self) -> bool:
        return all(f.status is CheckStatus.OK for f in self.files)

    def count(self, status: CheckStatus) -> int:
        return sum(1 for f in self.files if f.status is status)

    @property
    def throughput(self) -> float:
        return self.bytes_read / self.seconds if self.seconds > 0 else 0.0


def by_status(outcomes: Iterable[FileOutcome]) -> dict[FileStatus, int]:
    """How many outcomes of each status (statuses with none left out)."""
    counts: dict[FileStatus, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    return counts
