# SPDX-License-Identifier: AGPL-3.0-or-later
"""ASC MHL: our hashes, reader and writer against the reference implementation (ascmhl)."""

from __future__ import annotations

import ctypes
import datetime as dt
import mmap
from pathlib import Path

import pytest

from regie.core.errors import InputError, ParseError
from regie.media.transfer import CheckStatus, HashAlgorithm
from regie.mediaio import mhl
from regie.mediaio.hashing import aligned_buffer, c4_of_file, hash_bytes, hash_file
from regie.mediaio.mhl_verify import verify_folder
from tests.mediaio.offload_samples import ascmhl, make_card

ascmhl_hasher = pytest.importorskip("ascmhl.hasher")

NOW = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
FILES = {"A001/C001.mov": 70_000, "A001/C002.mov": 1_000, "notes.txt": 5, "empty/.keep": 0}


@pytest.mark.parametrize("algorithm", list(HashAlgorithm))
def test_hash_strings_are_those_of_ascmhl(algorithm: HashAlgorithm, tmp_path: Path) -> None:
    data = bytes(range(256)) * 300
    path = tmp_path / "f.bin"
    path.write_bytes(data)
    expected = ascmhl_hasher.hash_file(str(path), algorithm.value)
    assert hash_bytes(data, algorithm) == expected
    hashes, size = hash_file(path, (algorithm,), uncached=True, buffer=bytearray(1000))
    assert (hashes[algorithm], size) == (expected, len(data))
    assert hash_file(path, (algorithm,), buffer=aligned_buffer(4096))[0][algorithm] == expected


def test_read_buffers_start_on_a_page_boundary() -> None:
    """The kernel copies reads into the buffer about four times slower when it is not
    64-byte aligned (a large bytearray starts 16 bytes into its page)."""
    buffer = aligned_buffer(3 * 1024 * 1024)
    address = ctypes.addressof(ctypes.c_char.from_buffer(buffer))
    assert (address % mmap.PAGESIZE, len(buffer)) == (0, 3 * 1024 * 1024)


def test_reads_a_history_made_by_ascmhl_create(tmp_path: Path) -> None:
    card = make_card(tmp_path / "CARD", FILES)
    ascmhl("create", "-h", "xxh64", card, check=True)
    history = mhl.read_history(card)
    assert history is not None
    assert [g.number for g in history.generations] == [1]
    assert history.generations[0].process == "in-place"
    assert history.paths() == set(FILES)
    original = history.original("A001/C001.mov")
    assert original is not None
    assert original.algorithm is HashAlgorithm.XXH64
    assert original.value == ascmhl_hasher.hash_file(str(card / "A001/C001.mov"), "xxh64")
    # Our folder hashes are the reference's, root included.
    tree = mhl.list_tree(card, history.ignore_patterns)
    files = {f.path: history.original(f.path).value for f in tree.files}  # type: ignore[union-attr]
    ours = mhl.directory_hashes(tree.directories, files, HashAlgorithm.XXH64)
    theirs = {
        d.path: (d.content[0][1], d.structure[0][1]) for d in history.generations[0].directories
    }
    assert ours == theirs


def _generation(card: Path, action: str = "original") -> mhl.NewGeneration:
    tree = mhl.list_tree(card)
    hashes = {f.path: hash_file(card / f.path, (HashAlgorithm.XXH128,))[0] for f in tree.files}
    files = tuple(
        mhl.MediaHash(
            f.path,
            (mhl.HashEntry(HashAlgorithm.XXH128, hashes[f.path][HashAlgorithm.XXH128], action),),
            f.size,
            "2025-01-01T00:00:00+00:00",
        )
        for f in tree.files
    )
    primary = {p: h[HashAlgorithm.XXH128] for p, h in hashes.items()}
    folders = mhl.directory_hashes(tree.directories, primary, HashAlgorithm.XXH128)
    return mhl.NewGeneration(
        process="in-place",
        creator=mhl.Creator("host", "regie", "0.1.0", author="Lou", comment="test"),
        files=files,
        algorithm=HashAlgorithm.XXH128,
        directories=tuple((p, c, s) for p, (c, s) in folders.items()),
    )


def test_our_generation_is_accepted_by_ascmhl(tmp_path: Path) -> None:
    card = make_card(tmp_path / "CARD", FILES)
    written = mhl.write_generation(card, _generation(card), NOW)
    assert written.name == "0001_CARD_2025-01-02_030405Z.mhl"
    assert ascmhl("verify", card).returncode == 0
    assert ascmhl("verify", "-dh", card).returncode == 0
    info = ascmhl("info", card)
    assert info.returncode == 0
    assert "Generation 1" in info.stdout
    # ascmhl's create on top of our history verifies every file and chains generation 2.
    assert ascmhl("create", card).returncode == 0
    history = mhl.read_history(card)
    assert history is not None
    assert [g.number for g in history.generations] == [1, 2]
    assert {e.action for m in history.generations[1].files for e in m.entries} == {"verified"}


def test_the_same_generation_is_written_byte_for_byte(tmp_path: Path) -> None:
    card = make_card(tmp_path / "CARD", FILES)
    new = _generation(card)
    assert mhl.generation_xml(new, NOW) == mhl.generation_xml(new, NOW)
    assert b'xmlns="urn:ASC:MHL:v2.0"' in mhl.generation_xml(new, NOW)


def test_a_changed_generation_file_is_refused(tmp_path: Path) -> None:
    card = make_card(tmp_path / "CARD", FILES)
    written = mhl.write_generation(card, _generation(card), NOW)
    written.write_bytes(written.read_bytes().replace(b"<hostname>host", b"<hostname>evil"))
    with pytest.raises(ParseError, match="changed after it was written"):
        mhl.read_history(card)


def test_a_history_without_chain_is_refused(tmp_path: Path) -> None:
    card = make_card(tmp_path / "CARD", FILES)
    mhl.write_generation(card, _generation(card), NOW)
    (card / "ascmhl" / "ascmhl_chain.xml").unlink()
    with pytest.raises(ParseError, match="no chain file"):
        mhl.read_history(card)


def test_the_chain_references_generations_by_c4(tmp_path: Path) -> None:
    card = make_card(tmp_path / "CARD", FILES)
    written = mhl.write_generation(card, _generation(card), NOW)
    chain = mhl.read_chain(card / "ascmhl" / "ascmhl_chain.xml")
    assert [(c.number, c.file_name, c.c4) for c in chain] == [
        (1, written.name, c4_of_file(written))
    ]
    assert ascmhl_hasher.hash_file(str(written), "c4") == chain[0].c4


def test_verify_folder_lists_missing_altered_and_new_files(tmp_path: Path) -> None:
    card = make_card(tmp_path / "CARD", FILES)
    ascmhl("create", card, check=True)  # a history made by the reference tool
    assert verify_folder(card).ok
    clip = card / "A001/C001.mov"
    data = bytearray(clip.read_bytes())
    data[1234] ^= 0x01  # one bit
    clip.write_bytes(bytes(data))
    (card / "notes.txt").unlink()
    (card / "A001/C003.mov").write_bytes(b"new")
    (card / ".DS_Store").write_bytes(b"ignored")
    check = verify_folder(card)
    statuses = {f.path: f.status for f in check.files}
    assert statuses == {
        "A001/C001.mov": CheckStatus.ALTERED,
        "A001/C002.mov": CheckStatus.OK,
        "A001/C003.mov": CheckStatus.NEW,
        "empty/.keep": CheckStatus.OK,
        "notes.txt": CheckStatus.MISSING,
    }
    assert not check.ok
    # The reference tool agrees that the folder no longer verifies.
    assert ascmhl("verify", card).returncode != 0


def test_verify_folder_needs_a_history(tmp_path: Path) -> None:
    card = make_card(tmp_path / "CARD", FILES)
    with pytest.raises(InputError, match="no ASC MHL history"):
        verify_folder(card)


def test_ignore_patterns_follow_gitignore_forms() -> None:
    patterns = (".DS_Store", "ascmhl/", "*.tmp", "/sub/skip.bin")
    assert mhl.ignored("a/b/.DS_Store", False, patterns)
    assert mhl.ignored("ascmhl", True, patterns)
    assert not mhl.ignored("ascmhl", False, patterns)
    assert mhl.ignored("x/y.tmp", False, patterns)
    assert mhl.ignored("sub/skip.bin", False, patterns)
    assert not mhl.ignored("other/sub/skip.bin", False, patterns)
