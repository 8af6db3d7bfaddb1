# SPDX-License-Identifier: AGPL-3.0-or-later
"""Offload faults: each gives a clear failure naming exactly the files concerned, never a
success, and the ASC MHL of each destination records what is really there."""

from __future__ import annotations

import errno
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from regie.core.errors import InputError, ValidationError
from regie.media.transfer import FileStatus
from regie.mediaio import mhl
from regie.mediaio import offload as offload_module
from regie.mediaio.hashing import hash_range, write_back
from regie.mediaio.offload import OffloadOptions, offload
from regie.mediaio.offload_report import report_json
from tests.mediaio.offload_samples import (
    ascmhl,
    copies_left,
    destinations,
    make_card,
    mount_tmpfs,
    unmount,
)

FILES = {"C001.mov": 400_000, "C002.mov": 400_000, "C003.mov": 400_000, "sub/C004.wav": 9}
SMALL = OffloadOptions(chunk_size=64 * 1024, buffers=4, progress_interval=0.0)
# Clips of 400 000 bytes are read back in windows of 128 KiB while they are written.
WINDOWED = OffloadOptions(
    chunk_size=64 * 1024, buffers=4, verify_window=128 * 1024, progress_interval=0.0
)
BOTH = pytest.mark.parametrize("options", [SMALL, WINDOWED], ids=["whole", "windowed"])


def _failures(report: Any) -> set[tuple[str, str, FileStatus]]:
    return {(o.path, Path(o.destination).parent.name, o.status) for o in report.failures}


def test_a_flipped_bit_and_a_truncated_copy_are_caught(tmp_path: Path) -> None:
    card = make_card(tmp_path / "CARD", FILES)
    first, second = destinations(tmp_path, 2)

    def damage(copy: Path, path: str) -> None:
        if path == "C002.mov" and first in copy.parents:
            data = bytearray(copy.read_bytes())
            data[200_000] ^= 0x04
            copy.write_bytes(bytes(data))
        if path == "C003.mov" and second in copy.parents:
            os.truncate(copy, 1000)

    report = offload(card, [first, second], SMALL, before_verify=damage)
    assert not report.ok
    assert _failures(report) == {
        ("C002.mov", "dst1", FileStatus.MISMATCH),
        ("C003.mov", "dst2", FileStatus.SIZE_MISMATCH),
    }
    # A copy that did not verify never gets its final name.
    assert not (first / "CARD/C002.mov").exists()
    assert not (second / "CARD/C003.mov").exists()
    assert (first / "CARD/C003.mov").exists()
    assert not copies_left(first / "CARD")
    assert not copies_left(second / "CARD")
    # The MHL records the failed read-back, and the reference tool rejects the folder.
    history = mhl.read_history(first / "CARD")
    assert history is not None
    (media,) = [m for m in history.generations[0].files if m.path == "C002.mov"]
    assert [e.action for e in media.entries] == ["failed"]
    assert ascmhl("verify", first / "CARD").returncode != 0
    # Run again: only the two failed copies are made, then everything verifies.
    again = offload(card, [first, second], SMALL)
    assert again.ok
    made = {(o.path, Path(o.destination).parent.name) for d in again.destinations
            for o in d.outcomes if o.status is FileStatus.VERIFIED}  # fmt: skip
    assert made == {("C002.mov", "dst1"), ("C003.mov", "dst2")}
    for folder in (first, second):
        assert ascmhl("verify", folder / "CARD").returncode == 0


def test_a_copy_read_back_in_windows_is_judged_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clip larger than the window is read back window by window while it is written,
    the rest once it is closed; a bit flipped or a cut in a window is caught all the same."""
    card = make_card(tmp_path / "CARD", {"BIG.mov": 1_000_000, **FILES})
    first, second = destinations(tmp_path, 2)
    ranges: list[tuple[str, int, int | None]] = []

    def spy(fd: int, start: int, end: int | None, *args: Any) -> int:
        ranges.append((str(Path(f"/proc/self/fd/{fd}").readlink()), start, end))
        return hash_range(fd, start, end, *args)

    def damage(copy: Path, path: str) -> None:  # called before the first window is read
        if path == "C002.mov" and first in copy.parents:
            with copy.open("r+b") as stream:
                stream.seek(1000)
                byte = stream.read(1)
                stream.seek(1000)
                stream.write(bytes([byte[0] ^ 0x10]))
        if path == "C003.mov" and second in copy.parents:
            os.truncate(copy, 1000)

    monkeypatch.setattr(offload_module, "hash_range", spy)
    report = offload(card, [first, second], WINDOWED, before_verify=damage)
    failures = {(o.path, Path(o.destination).parent.name): o.status for o in report.failures}
    assert failures.keys() == {("C002.mov", "dst1"), ("C003.mov", "dst2")}
    assert failures["C002.mov", "dst1"] is FileStatus.MISMATCH
    # Cut to 1000 bytes, then written on past the cut (a hole): short or different.
    assert failures["C003.mov", "dst2"] in {FileStatus.SIZE_MISMATCH, FileStatus.MISMATCH}
    window = 128 * 1024
    for folder in (first, second):
        big = [(a, b) for name, a, b in ranges if name == f"{folder}/CARD/.BIG.mov.regie-part"]
        # 64 KiB chunks handed two by two while written, the last 82 496 bytes once closed.
        assert big == [*((n * window, (n + 1) * window) for n in range(7)), (7 * window, None)]
        assert (folder / "CARD/BIG.mov").read_bytes() == (card / "BIG.mov").read_bytes()
        assert not copies_left(folder / "CARD")
    assert ascmhl("verify", first / "CARD").returncode != 0  # C002 recorded as failed
    assert offload(card, [first, second], WINDOWED).ok  # the two copies are made again


def test_a_full_disk_that_says_so_only_at_write_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Delayed allocation: the writes went into memory, the device refuses a window when it
    is written back. That copy is a full-disk failure, the destination gets nothing more."""
    card = make_card(tmp_path / "CARD", FILES)
    (target,) = destinations(tmp_path, 1)

    def refuse(fd: int, start: int, length: int) -> None:
        if Path(f"/proc/self/fd/{fd}").readlink().name == ".C002.mov.regie-part":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        write_back(fd, start, length)

    monkeypatch.setattr(offload_module, "write_back", refuse)
    report = offload(card, [target], WINDOWED)
    failures = _failures(report)
    assert ("C002.mov", "dst1", FileStatus.NO_SPACE) in failures
    # Files already on their way may still verify; none is started once the disk said so.
    assert {status for path, _, status in failures if path != "C002.mov"} <= {FileStatus.NOT_COPIED}
    assert (target / "CARD/C001.mov").exists()
    assert not (target / "CARD/C002.mov").exists()
    assert not copies_left(target / "CARD")


def test_a_source_file_that_vanishes(tmp_path: Path) -> None:
    card = make_card(tmp_path / "CARD", FILES)
    targets = destinations(tmp_path, 2)

    def pull(done: float, total: float, message: str = "", **details: Any) -> None:
        if details.get("file") == "C001.mov":
            (card / "C002.mov").unlink(missing_ok=True)

    report = offload(card, targets, SMALL, progress=pull)
    assert _failures(report) == {
        ("C002.mov", "dst1", FileStatus.SOURCE_MISSING),
        ("C002.mov", "dst2", FileStatus.SOURCE_MISSING),
    }
    assert not report.ok
    for target in targets:
        assert not (target / "CARD/C002.mov").exists()
        assert (target / "CARD/C003.mov").read_bytes() == (card / "C003.mov").read_bytes()
        history = mhl.read_history(target / "CARD")
        assert history is not None
        assert "C002.mov" not in history.paths()
        assert (
            "1 of 4 files not verified"
            in (target / "CARD/ascmhl").joinpath(history.generations[0].file_name).read_text()
        )


@BOTH
def test_a_source_file_cut_short_while_it_is_read(tmp_path: Path, options: OffloadOptions) -> None:
    card = make_card(tmp_path / "CARD", FILES)
    seen: list[str] = []

    def cut(done: float, total: float, message: str = "", **details: Any) -> None:
        if details.get("file") == "C003.mov":
            seen.append("x")
            if len(seen) == 2:  # after its first chunk
                os.truncate(card / "C003.mov", 100_000)

    (target,) = destinations(tmp_path, 1)
    report = offload(card, [target], options, progress=cut)
    assert _failures(report) == {("C003.mov", "dst1", FileStatus.SOURCE_CHANGED)}
    assert not copies_left(target / "CARD")
    assert "400000" in (report.failures[0].detail or "")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "tmpfs"
    mount_tmpfs(folder, "3m")
    try:
        yield folder
    finally:
        unmount(folder)


@BOTH
def test_a_destination_that_fills_up(
    tmp_path: Path, small_disk: Path, options: OffloadOptions
) -> None:
    card = make_card(tmp_path / "CARD", FILES)
    (other,) = destinations(tmp_path, 1)

    def fill(done: float, total: float, message: str = "", **details: Any) -> None:
        filler = small_disk / "filler.bin"
        if details.get("file") == "C002.mov" and not filler.exists():
            free = shutil.disk_usage(small_disk).free
            filler.write_bytes(b"\0" * (free - 600_000))  # room for one clip and a half

    report = offload(card, [small_disk, other], options, progress=fill)
    assert not report.ok
    assert _failures(report) == {
        ("C003.mov", "tmpfs", FileStatus.NO_SPACE),
        ("sub/C004.wav", "tmpfs", FileStatus.NOT_COPIED),
    }
    full, fine = report.destinations
    assert fine.ok
    assert ascmhl("verify", other / "CARD").returncode == 0
    assert not copies_left(small_disk / "CARD")  # the partial copy was removed
    history = mhl.read_history(small_disk / "CARD")  # the generation still fitted
    assert history is not None
    assert history.paths() == {"C001.mov", "C002.mov"}
    assert full.generation is not None


def test_not_enough_space_is_refused_before_copying(tmp_path: Path, small_disk: Path) -> None:
    card = make_card(tmp_path / "CARD", {"big.mov": 4_000_000})
    (other,) = destinations(tmp_path, 1)
    with pytest.raises(InputError, match="not enough free space") as refused:
        offload(card, [other, small_disk])
    assert str(small_disk) in str(refused.value)
    assert not (other / "CARD").exists()
    assert not (small_disk / "CARD").exists()


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("missing source", "does not exist"),
        ("inside source", "inside the source"),
        ("twice", "given twice"),
        ("onto itself", "source is inside the destination"),
        ("missing destination", "does not exist"),
    ],
)
def test_commands_that_cannot_run_write_nothing(tmp_path: Path, case: str, message: str) -> None:
    card = make_card(tmp_path / "CARD", FILES)
    (target,) = destinations(tmp_path, 1)
    source, targets = {
        "missing source": (tmp_path / "NOPE", [target]),
        "inside source": (card, [card / "sub"]),
        "twice": (card, [target, tmp_path / "dst1" / ".." / "dst1"]),
        "onto itself": (card, [tmp_path]),
        "missing destination": (card, [tmp_path / "nowhere"]),
    }[case]
    with pytest.raises((InputError, ValidationError), match=message):
        offload(source, targets)
    assert sorted(p.name for p in target.iterdir()) == []
    assert not (card / "sub" / "CARD").exists()


def _offload_as_nobody(card: Path, targets: list[Path], result: Path) -> int:
    """Run the offload in a forked child that drops root first (root reads everything);
    the child uses the modules already imported, so it needs no access to the venv."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 3
        try:
            os.setgid(65534)
            os.setgroups([])
            os.setuid(65534)
            report = offload(card, targets)
            result.write_text(json.dumps(report_json(report)))
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def test_permission_denied_lists_the_files(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to run the offload as an unprivileged user")
    base = Path(tempfile.mkdtemp(prefix="regie-perm-"))  # outside root's private tmp_path
    try:
        base.chmod(0o777)
        card = make_card(base / "CARD", {"open.mov": 1000, "locked.mov": 1000})
        card.chmod(0o755)
        (card / "locked.mov").chmod(0o000)
        writable, closed = base / "writable", base / "closed"
        writable.mkdir()
        writable.chmod(0o777)
        closed.mkdir()
        closed.chmod(0o555)
        assert _offload_as_nobody(card, [writable, closed], base / "report.json") == 0
        report = json.loads((base / "report.json").read_text())
        assert report["ok"] is False
        failures = {(f["path"], Path(f["destination"]).parent.name, f["status"])
                    for f in report["failures"]}  # fmt: skip
        assert failures == {
            ("locked.mov", "writable", "permission-denied"),
            ("locked.mov", "closed", "permission-denied"),
            ("open.mov", "closed", "permission-denied"),
        }
        by_root = {Path(d["root"]).parent.name: d for d in report["destinations"]}
        assert by_root["writable"]["verified"] == 1
        assert by_root["closed"]["mhl_error"]
        assert (writable / "CARD/open.mov").read_bytes() == (card / "open.mov").read_bytes()
        history = mhl.read_history(writable / "CARD")
        assert history is not None
        assert history.paths() == {"open.mov"}
    finally:
        shutil.rmtree(base, ignore_errors=True)
