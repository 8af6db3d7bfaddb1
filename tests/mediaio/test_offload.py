# SPDX-License-Identifier: AGPL-3.0-or-later
"""Verified offload: copies, read-back, ASC MHL in each destination, histories, resume."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from regie.media.transfer import FileStatus, HashAlgorithm
from regie.mediaio import mhl
from regie.mediaio.hashing import hash_file
from regie.mediaio.mhl_verify import verify_folder
from regie.mediaio.offload import OffloadOptions, offload
from regie.mediaio.offload_report import report_json
from tests.mediaio.offload_samples import ascmhl, copies_left, destinations, make_card

FILES = {
    "CLIPS/A001C001.mov": 300_000,
    "CLIPS/A001C002.mov": 1_200_000,
    "AUDIO/SR01.wav": 50_000,
    "notes.txt": 10,
}
SMALL = OffloadOptions(chunk_size=64 * 1024, buffers=4, progress_interval=0.0)


class Interrupted(Exception):
    """Stands for a crash or Ctrl-C in the middle of a run."""


def _same_files(source: Path, copy: Path) -> None:
    for path in FILES:
        assert (copy / path).read_bytes() == (source / path).read_bytes()


def test_offload_to_two_destinations_reads_the_source_once(tmp_path: Path) -> None:
    card = make_card(tmp_path / "A001", FILES)
    calls: list[tuple[float, float, str, dict[str, Any]]] = []

    def progress(done: float, total: float, message: str = "", **details: Any) -> None:
        calls.append((done, total, message, details))

    report = offload(card, destinations(tmp_path, 2), SMALL, progress=progress)
    assert report.ok
    total = sum(FILES.values())
    assert report.bytes_read == total  # once, for two copies
    assert report.bytes_verified == 2 * total  # each copy read back
    for result in report.destinations:
        root = Path(result.root)
        assert root.name == "A001"
        _same_files(card, root)
        assert {o.status for o in result.outcomes} == {FileStatus.VERIFIED}
        assert not copies_left(root)
        assert result.generation is not None
        assert Path(result.generation).name.startswith("0001_A001_")
        assert ascmhl("verify", root).returncode == 0
        assert ascmhl("verify", "-dh", root).returncode == 0
        assert "Generation 1" in ascmhl("info", root).stdout
        history = mhl.read_history(root)
        assert history is not None
        assert history.generations[0].process == "transfer"
        assert history.generations[0].tool == "regie"
        entry = history.original("CLIPS/A001C002.mov")
        assert entry is not None
        expected = hash_file(card / "CLIPS/A001C002.mov", (HashAlgorithm.XXH128,))[0]
        assert entry.value == expected[HashAlgorithm.XXH128]
    # Progress: bytes of work (source once + each read-back), ending at the total.
    assert calls[-1][0] == calls[-1][1] == 3 * total
    assert all(c[0] <= c[1] for c in calls)
    dones = [c[0] for c in calls]
    assert dones == sorted(dones)
    assert any(c[3].get("file") == "CLIPS/A001C002.mov" for c in calls)


@pytest.mark.parametrize("algorithm", [HashAlgorithm.XXH64, HashAlgorithm.MD5, HashAlgorithm.SHA1])
def test_other_algorithms_are_accepted_by_ascmhl(algorithm: HashAlgorithm, tmp_path: Path) -> None:
    card = make_card(tmp_path / "CARD", FILES)
    options = OffloadOptions(algorithm=algorithm)
    report = offload(card, destinations(tmp_path, 1), options)
    assert report.ok
    root = Path(report.destinations[0].root)
    original = mhl.read_history(root).original("notes.txt")  # type: ignore[union-attr]
    assert original is not None
    assert original.algorithm is algorithm
    assert ascmhl("verify", root).returncode == 0


def test_corpus_media_offload(corpus_dir: Path, tmp_path: Path) -> None:
    media = corpus_dir / "media"
    if not media.is_dir():
        pytest.skip("no media in the shared corpus")
    report = offload(media, destinations(tmp_path, 2))
    assert report.ok, report_json(report)["failures"]
    assert len(report.files) >= 7
    for result in report.destinations:
        root = Path(result.root)
        for file in report.files:
            assert (root / file.path).stat().st_size == file.size
        assert ascmhl("verify", root).returncode == 0
        assert verify_folder(root).ok


def test_a_rerun_skips_what_is_verified_and_writes_no_generation(tmp_path: Path) -> None:
    card = make_card(tmp_path / "CARD", FILES)
    targets = destinations(tmp_path, 2)
    assert offload(card, targets).ok
    again = offload(card, targets)
    assert again.ok
    assert again.bytes_read == 0
    for result in again.destinations:
        assert {o.status for o in result.outcomes} == {FileStatus.ALREADY_VERIFIED}
        assert {o.detail for o in result.outcomes} == {"ASC MHL history"}
        assert result.generation is None
        assert len(list((Path(result.root) / "ascmhl").glob("*.mhl"))) == 1


def test_resume_after_an_interruption(tmp_path: Path) -> None:
    card = make_card(tmp_path / "CARD", FILES)
    targets = destinations(tmp_path, 2)
    seen: list[str] = []

    def crash_on_third(copy: Path, path: str) -> None:
        seen.append(path)
        if path == "CLIPS/A001C002.mov":
            raise Interrupted

    with pytest.raises(Interrupted):
        offload(card, targets, SMALL, before_verify=crash_on_third)
    root = targets[0] / "CARD"
    assert not (root / "ascmhl").exists()  # no generation: the run did not finish
    journal = targets[0] / ".CARD.regie-offload.jsonl"
    assert journal.is_file()
    journaled = {
        line.split('"path": "')[1].split('"')[0] for line in journal.read_text().splitlines()
    }
    assert "CLIPS/A001C002.mov" not in journaled
    assert journaled  # the files verified before the crash

    report = offload(card, targets, SMALL)
    assert report.ok
    for result in report.destinations:
        statuses = {o.path: o.status for o in result.outcomes}
        assert statuses["CLIPS/A001C002.mov"] is FileStatus.VERIFIED
        skipped = {p for p, s in statuses.items() if s is FileStatus.ALREADY_VERIFIED}
        assert skipped
        assert skipped <= journaled
        root = Path(result.root)
        _same_files(card, root)
        assert not copies_left(root)
        # The generation records every file (the journal's ones too); the journal is gone.
        history = mhl.read_history(root)
        assert history is not None
        assert history.paths() == set(FILES)
        assert ascmhl("verify", root).returncode == 0
    assert not journal.exists()


def test_a_partial_copy_is_copied_again(tmp_path: Path) -> None:
    card = make_card(tmp_path / "CARD", FILES)
    (target,) = destinations(tmp_path, 1)
    clip = target / "CARD" / "CLIPS" / "A001C002.mov"
    clip.parent.mkdir(parents=True)
    clip.write_bytes((card / "CLIPS/A001C002.mov").read_bytes()[:1000])  # no record: copy again
    (clip.parent / ".A001C001.mov.regie-part").write_bytes(b"left by a crash")
    report = offload(card, [target])
    assert report.ok
    assert {o.status for o in report.destinations[0].outcomes} == {FileStatus.VERIFIED}
    _same_files(card, target / "CARD")
    assert not copies_left(target / "CARD")


def test_a_card_offloaded_with_ascmhl_keeps_its_history(tmp_path: Path) -> None:
    card = make_card(tmp_path / "CARD", FILES)
    ascmhl("create", "-h", "xxh64", card, check=True)
    report = offload(card, destinations(tmp_path, 2))
    assert report.ok
    assert report.history_generations == 1
    for result in report.destinations:
        root = Path(result.root)
        assert not (root / "ascmhl" / "ascmhl").exists()
        history = mhl.read_history(root)
        assert history is not None
        assert [g.number for g in history.generations] == [1, 2]
        assert history.generations[0].tool == "ascmhl"
        assert history.generations[1].process == "transfer"
        actions = {(e.algorithm, e.action) for m in history.generations[1].files for e in m.entries}
        assert actions == {(HashAlgorithm.XXH64, "verified"), (HashAlgorithm.XXH128, "verified")}
        assert ascmhl("verify", root).returncode == 0
        assert "Generation 2" in ascmhl("info", root).stdout
        assert verify_folder(root).ok


def test_a_card_that_no_longer_matches_its_history(tmp_path: Path) -> None:
    card = make_card(tmp_path / "CARD", FILES)
    ascmhl("create", card, check=True)
    clip = card / "CLIPS/A001C001.mov"
    data = bytearray(clip.read_bytes())
    data[10] ^= 0x80
    clip.write_bytes(bytes(data))
    report = offload(card, destinations(tmp_path, 1))
    assert not report.ok
    assert [(o.path, o.status) for o in report.failures] == [
        ("CLIPS/A001C001.mov", FileStatus.SOURCE_ALTERED)
    ]
    root = Path(report.destinations[0].root)
    history = mhl.read_history(root)
    assert history is not None
    (media,) = [m for m in history.generations[-1].files if m.path == "CLIPS/A001C001.mov"]
    assert [e.action for e in media.entries] == ["failed"]
    assert ascmhl("verify", root).returncode != 0


def test_dates_and_host_come_from_the_caller(tmp_path: Path) -> None:
    card = make_card(tmp_path / "CARD", {"a.bin": 10})
    moment = dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC)
    report = offload(card, destinations(tmp_path, 1), clock=lambda: moment, host="dit-cart")
    generation = Path(report.destinations[0].generation or "")
    assert generation.name == "0001_CARD_2025-06-01_120000Z.mhl"
    text = generation.read_text()
    assert "<hostname>dit-cart</hostname>" in text
    assert 'hashdate="2025-06-01T12:00:00.000000+00:00"' in text
