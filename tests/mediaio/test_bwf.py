# SPDX-License-Identifier: AGPL-3.0-or-later
"""Broadcast WAV chunks: fmt (plain and extensible), bext, iXML, RF64, and broken files."""

from __future__ import annotations

import struct
from fractions import Fraction
from pathlib import Path

import pytest

from regie.core.errors import ParseError
from regie.mediaio.bwf import read_bwf, recorder_fields
from regie.mediaio.bwf_fields import speed_rate
from tests.mediaio.bwf_samples import IXML, BextFields, bext_body, chunk, fmt_body, wav_bytes


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_plain_pcm_with_bext(tmp_path: Path) -> None:
    # 23:59:59 at 96 kHz needs more than 32 bits: the high word must be read too.
    reference = 86399 * 96000
    assert reference > 0xFFFFFFFF
    path = write(
        tmp_path / "take.wav",
        wav_bytes(rate=96000, frames=960, bext=BextFields(time_reference=reference)),
    )
    info = read_bwf(path)
    assert info.container == "RIFF"
    assert (info.format.format_tag, info.format.codec) == (1, "pcm")
    assert (info.format.channels, info.format.sample_rate, info.format.bits_per_sample) == (
        2,
        96000,
        24,
    )
    assert info.frames == 960
    assert info.duration_s == pytest.approx(0.01)
    assert info.bext is not None
    assert info.bext.time_reference == reference == info.time_reference
    assert info.bext.originator == "Sound Devices"
    assert info.bext.originator_reference == "ABC123"
    assert (info.bext.origination_date, info.bext.origination_time) == ("2025-03-04", "14:05:06")
    assert info.bext.version == 1
    assert info.bext.coding_history == "A=PCM,F=48000,W=24,M=stereo,T=test"
    assert (info.scene, info.take, info.tape, info.speed) == ("12A", "3", "DAY02", "025.000-ND")
    assert info.track_names == ("BOOM", "LAV")
    assert [c.id for c in info.chunks] == ["fmt ", "bext", "data"]
    assert info.chunks[1].offset == 12 + 8 + 16
    assert info.warnings == ()


def test_extensible_format(tmp_path: Path) -> None:
    path = write(tmp_path / "ext.wav", wav_bytes(channels=4, bits=24, extensible=True))
    fmt = read_bwf(path).format
    assert fmt.format_tag == 0xFFFE
    assert fmt.codec == "pcm"
    assert (fmt.valid_bits, fmt.channel_mask, fmt.sub_format) == (24, 0b1111, 1)
    assert fmt.block_align == 12


def test_ixml_comes_first(tmp_path: Path) -> None:
    path = write(
        tmp_path / "ixml.wav",
        wav_bytes(ixml=IXML, bext=BextFields(time_reference=48000 * 3600)),
    )
    info = read_bwf(path)
    assert info.ixml is not None
    assert info.ixml.project == "Le Dernier Bac"
    assert info.ixml.timecode_rate == Fraction(30000, 1001)
    assert info.ixml.timecode_flag == "DF"
    assert info.ixml.time_reference == (1 << 32) + 5
    # iXML over the description; the bext time reference over iXML's timestamp
    assert (info.scene, info.take, info.tape) == ("7B", "4", "DAY03")
    assert info.track_names == ("MIX", "LAV 1")  # in channel order, not document order
    assert info.time_reference == 48000 * 3600
    no_bext = read_bwf(write(tmp_path / "only-ixml.wav", wav_bytes(ixml=IXML)))
    assert no_bext.bext is None
    assert no_bext.time_reference == (1 << 32) + 5


def test_unreadable_ixml_is_a_warning(tmp_path: Path) -> None:
    broken = read_bwf(write(tmp_path / "b.wav", wav_bytes(ixml="<BWFXML><SCENE>1</BWFXML>")))
    assert broken.ixml is None
    assert "the iXML chunk at byte 36 could not be read" in str(broken.warnings[0])
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><BWFXML><SCENE>&b;</SCENE></BWFXML>'
    )
    refused = read_bwf(write(tmp_path / "bomb.wav", wav_bytes(ixml=bomb)))
    assert refused.ixml is None  # defusedxml refuses entities instead of expanding them
    assert len(refused.warnings) == 1


def test_recorder_fields() -> None:
    assert recorder_fields("sSCENE=1 sTAKE=1 sTAPE=SR01 sSPEED=025.000-ND zTRK1=BOOM") == {
        "SCENE": "1",
        "TAKE": "1",
        "TAPE": "SR01",
        "SPEED": "025.000-ND",
        "TRK1": "BOOM",
    }
    assert recorder_fields("sNOTE=wind noise\r\nsTAKE=02\r\nzTRK1=MIX L") == {
        "NOTE": "wind noise",
        "TAKE": "02",
        "TRK1": "MIX L",
    }
    assert recorder_fields("Recorded on location") == {}


@pytest.mark.parametrize(
    ("speed", "rate"),
    [
        ("025.000-ND", Fraction(25)),
        ("029.970-DF", Fraction(30000, 1001)),
        ("023.976-ND", Fraction(24000, 1001)),
        ("24000/1001", Fraction(24000, 1001)),
        ("30.000-ND", Fraction(30)),
        ("fast", None),
        ("", None),
    ],
)
def test_speed_rate(speed: str, rate: Fraction | None) -> None:
    assert speed_rate(speed) == rate


def test_rf64_sizes_from_ds64(tmp_path: Path) -> None:
    """A > 4 GiB RF64 file (sparse on disk): sizes come from ds64, the audio is not read."""
    data_size = 5 * 1024**3 + 6  # a whole number of 6-byte frames
    fmt = chunk(b"fmt ", fmt_body())
    bext = chunk(b"bext", bext_body(BextFields(time_reference=123)))
    ds64_body = struct.pack("<QQQI", 0, data_size, data_size // 6, 0)
    head = chunk(b"ds64", ds64_body) + fmt + bext
    path = tmp_path / "big.wav"
    with path.open("wb") as handle:
        handle.write(b"RF64" + struct.pack("<I", 0xFFFFFFFF) + b"WAVE" + head)
        handle.write(b"data" + struct.pack("<I", 0xFFFFFFFF))
        handle.truncate(handle.tell() + data_size)
    info = read_bwf(path)
    assert info.container == "RF64"
    assert info.data_size == data_size
    assert info.frames == data_size // 6
    assert info.time_reference == 123


def test_truncated_in_bext(tmp_path: Path) -> None:
    whole = wav_bytes(bext=BextFields())
    path = write(tmp_path / "cut.wav", whole[:200])
    with pytest.raises(ParseError) as caught:
        read_bwf(path)
    message = str(caught.value)
    assert "the 'bext' chunk at byte 36 announces" in message
    assert "but only 156 remain" in message
    assert caught.value.file == str(path)


def test_truncated_data(tmp_path: Path) -> None:
    whole = wav_bytes(frames=1000)
    path = write(tmp_path / "cut.wav", whole[:-100])
    with pytest.raises(ParseError, match="'data' chunk at byte 36 announces 6000 bytes"):
        read_bwf(path)


def test_truncated_chunk_header(tmp_path: Path) -> None:
    path = write(tmp_path / "cut.wav", wav_bytes() + b"LIS")
    with pytest.raises(ParseError, match=r"truncated chunk header at byte \d+ \(3 bytes left\)"):
        read_bwf(path)


def test_missing_pad_byte_is_tolerated(tmp_path: Path) -> None:
    """Some writers leave out the pad byte after an odd-sized chunk: read on, say so."""
    odd = struct.pack("<4sI", b"note", 3) + b"abc"  # no pad byte
    info = read_bwf(write(tmp_path / "odd.wav", wav_bytes(frames=10, extra=odd)))
    assert [c.id for c in info.chunks] == ["fmt ", "note", "data"]
    assert info.frames == 10
    assert "'note' chunk at byte 36 has an odd size and no pad byte" in str(info.warnings[0])
    padded = read_bwf(write(tmp_path / "even.wav", wav_bytes(extra=chunk(b"note", b"abc"))))
    assert padded.warnings == ()


def test_damaged_chunk_id(tmp_path: Path) -> None:
    garbage = struct.pack("<4sI", b"\x00\x9f\x01x", 2) + b"ab"
    path = write(tmp_path / "bad.wav", wav_bytes(extra=garbage))
    with pytest.raises(
        ParseError, match=r"unexpected bytes 00 9f 01 78 where a chunk starts, at byte 36"
    ):
        read_bwf(path)


def test_short_bext_and_fmt(tmp_path: Path) -> None:
    short_bext = wav_bytes(extra=chunk(b"bext", b"\0" * 100))
    with pytest.raises(ParseError, match="'bext' chunk at byte 36 is 100 bytes, shorter"):
        read_bwf(write(tmp_path / "a.wav", short_bext))
    body = chunk(b"fmt ", b"\1\0\2\0") + chunk(b"data", b"")
    short_fmt = b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WAVE" + body
    with pytest.raises(ParseError, match="'fmt ' chunk at byte 12 is 4 bytes"):
        read_bwf(write(tmp_path / "b.wav", short_fmt))


def test_not_a_wav(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="not a WAV file"):
        read_bwf(write(tmp_path / "x.wav", b"ID3\x03" + b"\0" * 40))
    with pytest.raises(ParseError, match="the file ends inside the RIFF header at byte 0"):
        read_bwf(write(tmp_path / "y.wav", b"RIFF"))
    body = chunk(b"fmt ", fmt_body())
    no_data = b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WAVE" + body
    with pytest.raises(ParseError, match="has no 'data' chunk"):
        read_bwf(write(tmp_path / "z.wav", no_data))
    with pytest.raises(ParseError, match="cannot read the sound file"):
        read_bwf(tmp_path / "missing.wav")


def test_corpus_bwf(corpus_dir: Path) -> None:
    info = read_bwf(corpus_dir / "media" / "SR01_S1T1.wav")
    assert info.format.codec == "pcm"
    assert info.format.format_tag == 0xFFFE  # ffmpeg writes 24-bit as WAVE_FORMAT_EXTENSIBLE
    assert (info.format.channels, info.format.sample_rate, info.format.valid_bits) == (2, 48000, 24)
    assert info.frames == 12 * 48000
    assert info.bext is not None
    assert info.bext.time_reference == 1727904000
    assert info.bext.description == (
        "sSCENE=1 sTAKE=1 sTAPE=SR01 sSPEED=025.000-ND zTRK1=BOOM zTRK2=LAV"
    )
    assert info.bext.originator == "test-recorder"
    assert info.bext.originator_reference == "SR01T01"
    assert (info.bext.origination_date, info.bext.origination_time) == ("2025-01-01", "09:59:58")
    assert info.bext.coding_history == "A=PCM,F=48000,W=24,M=stereo,T=synthetic"
    assert (info.scene, info.take, info.tape, info.speed) == ("1", "1", "SR01", "025.000-ND")
    assert info.track_names == ("BOOM", "LAV")
    assert info.ixml is None
