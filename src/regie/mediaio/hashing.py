# SPDX-License-Identifier: AGPL-3.0-or-later
"""Hashing files and bytes in the formats of ASC MHL (xxh128, xxh64, xxh3, md5, sha1, c4).

xxhash and hashlib release the GIL on large buffers, so a reader thread and hasher threads
overlap (see :mod:`regie.mediaio.offload`). Files are read with ``readinto`` into one
reused buffer of :data:`CHUNK` bytes (1–8 MiB is the measured sweet spot on the reference
machine; 64 MiB falls out of the CPU caches).

Buffers come from :func:`aligned_buffer` (an anonymous memory map, so page-aligned): the
kernel copies a read into a buffer with ``rep movsb``, which on the reference machine is
about four times slower when the destination is not 64-byte aligned — and a large
``bytearray`` starts 16 bytes into its memory page (measured: 8 MiB reads from the page
cache at 2.3 GB/s into a ``bytearray``, 8.5 GB/s into an aligned buffer).

``forget_cached(fd)`` asks the kernel to drop a file's clean pages from the page cache
(``posix_fadvise(DONTNEED)``), so that the next read comes from the device: the offload
calls it on each copy after ``fsync`` and before reading the copy back. It is advice: on
tmpfs the page cache *is* the storage, and a virtual disk may be cached by its host.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import mmap
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Final, Protocol, cast

import xxhash

from regie.media.transfer import HashAlgorithm

CHUNK: Final = 4 * 1024 * 1024

_C4_ALPHABET: Final = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_C4_LENGTH: Final = 90


class Hasher(Protocol):
    def update(self, data: bytes | bytearray | memoryview, /) -> None: ...

    def hexdigest(self) -> str: ...


class _C4:
    """C4 ID (SMPTE ST 2114): SHA-512 written in base58 with the ``c4`` prefix."""

    def __init__(self) -> None:
        self._sha = hashlib.sha512()

    def update(self, data: bytes | bytearray | memoryview, /) -> None:
        self._sha.update(data)

    def hexdigest(self) -> str:
        return c4_string(self._sha.digest())


def new_hasher(algorithm: HashAlgorithm) -> Hasher:
    """A fresh hasher whose ``hexdigest()`` is the string ASC MHL writes."""
    match algorithm:
        case HashAlgorithm.XXH128:
            return xxhash.xxh3_128()
        case HashAlgorithm.XXH64:
            return xxhash.xxh64()
        case HashAlgorithm.XXH3:
            return xxhash.xxh3_64()
        case HashAlgorithm.MD5:
            return hashlib.md5(usedforsecurity=False)
        case HashAlgorithm.SHA1:
            return hashlib.sha1(usedforsecurity=False)
        case HashAlgorithm.C4:
            return _C4()


def c4_string(sha512_digest: bytes) -> str:
    """The C4 ID of a SHA-512 digest: base58, left-padded with ``1`` to 90 characters."""
    value = int.from_bytes(sha512_digest, "big")
    letters: list[str] = []
    while value:
        value, digit = divmod(value, 58)
        letters.append(_C4_ALPHABET[digit])
    return "c4" + "".join(reversed(letters)).rjust(_C4_LENGTH - 2, "1")


def digest_bytes(text: str, algorithm: HashAlgorithm) -> bytes:
    """The raw digest behind a hash string (hex, or base58 for C4)."""
    if algorithm is HashAlgorithm.C4:
        value = 0
        for letter in text[2:]:
            value = value * 58 + _C4_ALPHABET.index(letter)
        return value.to_bytes(64, "big")
    return bytes.fromhex(text)


def hash_bytes(data: bytes, algorithm: HashAlgorithm) -> str:
    hasher = new_hasher(algorithm)
    hasher.update(data)
    return hasher.hexdigest()


def hash_of_hashes(hashes: Iterable[str], algorithm: HashAlgorithm) -> str:
    """ASC MHL's hash of a list of hashes: the raw digests of the hash strings sorted
    lexicographically, fed one after the other (the empty list hashes nothing)."""
    hasher = new_hasher(algorithm)
    for text in sorted(hashes):
        hasher.update(digest_bytes(text, algorithm))
    return hasher.hexdigest()


def aligned_buffer(size: int = CHUNK) -> mmap.mmap:
    """A writable buffer of ``size`` bytes that starts on a page boundary (see the module's
    note on alignment); ``readinto`` and ``memoryview`` take it like a ``bytearray``."""
    return mmap.mmap(-1, size)


def forget_cached(fd: int, offset: int = 0, length: int = 0) -> None:
    """Drop the file's clean pages (``length`` 0: to the end) from the page cache (advice;
    ignored where unsupported)."""
    if hasattr(os, "posix_fadvise"):
        with contextlib.suppress(OSError):
            os.posix_fadvise(fd, offset, length, os.POSIX_FADV_DONTNEED)


def _libc_sync_file_range() -> Callable[[int, int, int, int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).sync_file_range
    except (OSError, AttributeError):
        return None
    function.argtypes = (ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint)
    function.restype = ctypes.c_int
    return cast("Callable[[int, int, int, int], int]", function)


_SYNC_FILE_RANGE = _libc_sync_file_range()
_WAIT_BEFORE_WRITE_WAIT_AFTER: Final = 1 | 2 | 4  # SYNC_FILE_RANGE_WAIT_BEFORE|WRITE|WAIT_AFTER


def write_back(fd: int, offset: int, length: int) -> None:
    """Write a range of the file's dirty pages to the device and wait for it, so that they
    are clean and :func:`forget_cached` can drop them: Linux's ``sync_file_range`` (no
    flush of the device's cache; the copy is ``fsync``-ed whole at its end), elsewhere
    ``fsync``. Raises ``OSError`` (a full disk may only say so now)."""
    if _SYNC_FILE_RANGE is None:
        os.fsync(fd)
        return
    if _SYNC_FILE_RANGE(fd, offset, length, _WAIT_BEFORE_WRITE_WAIT_AFTER) != 0:
        number = ctypes.get_errno()
        raise OSError(number, os.strerror(number))


def hash_range(
    fd: int, start: int, end: int | None, hashers: Iterable[Hasher], buffer: mmap.mmap | bytearray
) -> int:
    """Read the file from ``start`` to ``end`` (``None``: its end) through ``buffer`` into
    each hasher; returns the bytes read (fewer than asked where the file is shorter)."""
    view = memoryview(buffer)
    every = tuple(hashers)
    position = start
    while end is None or position < end:
        want = len(view) if end is None else min(len(view), end - position)
        n = os.preadv(fd, [view[:want]], position)
        if not n:
            break
        part = view[:n]
        for hasher in every:
            hasher.update(part)
        position += n
    return position - start


def hash_file(
    path: Path,
    algorithms: Iterable[HashAlgorithm],
    *,
    uncached: bool = False,
    buffer: mmap.mmap | bytearray | None = None,
) -> tuple[dict[HashAlgorithm, str], int]:
    """Hash a whole file in each algorithm; returns the hashes and the bytes read.

    ``uncached``: drop the file's cached pages first, so the bytes come from the device.
    ``buffer``: a reusable chunk buffer (one is made when not given). Raises ``OSError``.
    """
    hashers = {algorithm: new_hasher(algorithm) for algorithm in algorithms}
    chunk = buffer if buffer is not None else aligned_buffer()
    with path.open("rb", buffering=0) as stream:
        if uncached:
            forget_cached(stream.fileno())
        total = hash_range(stream.fileno(), 0, None, hashers.values(), chunk)
    return {algorithm: h.hexdigest() for algorithm, h in hashers.items()}, total


def c4_of_file(path: Path) -> str:
    """The C4 ID of a file (ASC MHL references generation files by it)."""
    hashes, _ = hash_file(path, (HashAlgorithm.C4,))
    return hashes[HashAlgorithm.C4]
