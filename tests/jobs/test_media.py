# SPDX-License-Identifier: AGPL-3.0-or-later
"""``hash_files``: checksums streamed chunk by chunk, checked against the hash libraries
hashing each file whole; progress in bytes; every path checked before any byte is read."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import pytest
import xxhash

from regie.core.errors import InputError, ValidationError
from regie.jobs.media import CHUNK_BYTES, hash_files


class Progress:
    def __init__(self) -> None:
        self.calls: list[tuple[float, float, str, dict[str, Any]]] = []

    def __call__(self, done: float, total: float, message: str = "", **details: Any) -> None:
        self.calls.append((done, total, message, details))


@pytest.fixture
def clips(tmp_path: Path) -> list[Path]:
    big = tmp_path / "A001C002.mov"
    big.write_bytes(os.urandom(2 * CHUNK_BYTES + 12_345))  # three chunks, the last short
    small = tmp_path / "A001C001.wav"
    small.write_bytes(b"RIFF" + bytes(range(256)) * 40)
    empty = tmp_path / "A001C003.xml"
    empty.write_bytes(b"")
    return [small, big, empty]


WHOLE = {
    "xxh64": lambda data: xxhash.xxh64(data).hexdigest(),
    "xxh3": lambda data: xxhash.xxh3_64(data).hexdigest(),
    "xxh128": lambda data: xxhash.xxh3_128(data).hexdigest(),
    "md5": lambda data: hashlib.md5(data).hexdigest(),  # noqa: S324 - ASC MHL's md5
    "sha1": lambda data: hashlib.sha1(data).hexdigest(),  # noqa: S324 - ASC MHL's sha1
}


@pytest.mark.parametrize("algorithm", sorted(WHOLE))
def test_digests_match_the_whole_file_hash(clips: list[Path], algorithm: str) -> None:
    result = hash_files([str(p) for p in clips], algorithm, progress=Progress())
    assert result["algorithm"] == algorithm
    assert result["files"] == {str(p): WHOLE[algorithm](p.read_bytes()) for p in clips}
    assert result["bytes"] == sum(p.stat().st_size for p in clips)


def test_progress_counts_bytes(clips: list[Path]) -> None:
    progress = Progress()
    hash_files([str(p) for p in clips], progress=progress)
    total = sum(p.stat().st_size for p in clips)
    assert {call[1] for call in progress.calls} == {total}
    done = [call[0] for call in progress.calls]
    assert done == sorted(done)
    assert (done[0], done[-1]) == (0, total)
    assert progress.calls[-1][3] == {"files_done": 3, "files": 3}
    assert "A001C002.mov" in {call[2] for call in progress.calls}


def test_every_path_is_checked_first(clips: list[Path], tmp_path: Path) -> None:
    progress = Progress()
    with pytest.raises(InputError, match="no file at") as missing:
        hash_files([str(clips[0]), str(tmp_path / "B002")], progress=progress)
    assert missing.value.where == str(tmp_path / "B002")
    assert progress.calls == []
    with pytest.raises(InputError, match="is not absolute"):
        hash_files(["A001C001.wav"], progress=progress)
    with pytest.raises(InputError, match="no file at"):
        hash_files([str(tmp_path)], progress=progress)  # a folder is not a file


def test_bad_requests(clips: list[Path]) -> None:
    with pytest.raises(ValidationError, match="unknown hash algorithm 'crc32'"):
        hash_files([str(clips[0])], "crc32", progress=Progress())
    with pytest.raises(ValidationError, match="give a list of files"):
        hash_files([], progress=Progress())
    with pytest.raises(ValidationError, match="give a list of files"):
        hash_files(str(clips[0]), progress=Progress())
