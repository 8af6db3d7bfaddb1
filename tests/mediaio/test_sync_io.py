# SPDX-License-Identifier: AGPL-3.0-or-later
"""Sync on the corpus: A001C001 (TC 10:00:00:00, beep at 2.000 s) with SR01_S1T1.wav
(bext TimeReference 09:59:58:00, beep at 4.000 s) — timecode and waveform must agree."""

from __future__ import annotations

import struct
from fractions import Fraction
from pathlib import Path

import pytest

from regie.core.errors import InputError, ParseError
from regie.media.sync import SyncMethod, SyncMode
from regie.mediaio.sync_io import (
    decode_mono,
    read_picture,
    read_sound,
    sync_folder,
    sync_many,
    sync_pair,
)

TIME_REFERENCE_AT = 60 + 8 + 338  # bext chunk header at byte 60, TimeReference 338 bytes in


@pytest.fixture
def media(corpus_dir: Path) -> Path:
    return corpus_dir / "media"


def patched_copy(source: Path, target: Path, at: int, data: bytes) -> Path:
    raw = bytearray(source.read_bytes())
    raw[at : at + len(data)] = data
    target.write_bytes(bytes(raw))
    return target


def test_read_picture(media: Path) -> None:
    clip = read_picture(media / "A001C001_250101_R1AB.mov")
    assert clip.rate == 25
    assert clip.duration_frames == 250
    assert str(clip.start) == "10:00:00:00"
    assert clip.reel == "A001"
    assert clip.audio_channels == 2
    mxf = read_picture(media / "A001C002_250101_R1AB.mxf")
    assert (str(mxf.start), mxf.duration_frames, mxf.audio_channels) == ("10:00:10:00", 25, 1)
    df = read_picture(media / "B001C001_250101_DEFECTS.mov")
    assert df.rate == Fraction(30000, 1001)
    assert df.start is not None
    assert df.start.drop_frame
    assert str(df.start) == "10:00:00;00"
    forced = read_picture(media / "A001C001_250101_R1AB.mov", rate=Fraction(24))
    assert (forced.rate, str(forced.start)) == (Fraction(24), "10:00:00:00")


def test_probe_refuses_a_sound_file(media: Path) -> None:
    with pytest.raises(ParseError, match="no video track"):
        read_picture(media / "SR01_S1T1.wav")


def test_read_sound(media: Path) -> None:
    sound = read_sound(media / "SR01_S1T1.wav")
    assert (sound.sample_rate, sound.channels, sound.duration_samples) == (48000, 2, 576000)
    assert sound.time_reference == 1727904000
    assert (sound.scene, sound.take, sound.tape) == ("1", "1", "SR01")
    assert sound.track_names == ("BOOM", "LAV")
    assert sound.timecode_rate == 25


def test_decode_mono(media: Path) -> None:
    samples = decode_mono(media / "SR01_S1T1.wav", 8000)
    assert samples.ndim == 1
    assert samples.size == pytest.approx(12 * 8000, abs=40)
    loudest = int(abs(samples).argmax())
    assert 4.0 <= loudest / 8000 <= 4.04  # the beep
    with pytest.raises(ParseError, match=r"could not be (opened|decoded)"):
        decode_mono(media / "README.md")


@pytest.mark.parametrize("clip", ["A001C001_250101_R1AB.mov", "A001C001_250101_R1AB_proxy.mp4"])
def test_timecode_and_waveform_agree(media: Path, clip: str) -> None:
    wav = media / "SR01_S1T1.wav"
    by_tc = sync_pair(media / clip, wav, SyncMode.TIMECODE)
    by_wave = sync_pair(media / clip, wav, SyncMode.WAVEFORM)
    # the recorder rolled 2 s (50 frames) before the camera, by either method …
    assert by_tc.offset_frames == by_wave.offset_frames == -50
    assert by_tc.offset_s == -2.0
    assert by_wave.offset_s == pytest.approx(-2.0, abs=1 / 8000)
    # … so the beep at picture 2.000 s meets the beep at sound 4.000 s: 0 frames apart
    assert by_wave.disagreement_frames == 0
    assert by_wave.confidence is not None
    assert by_wave.confidence > 0.9
    auto = sync_pair(media / clip, wav)
    assert auto.method is SyncMethod.TIMECODE
    assert auto.disagreement_frames == 0
    assert auto.warnings == ()


def test_wrong_time_reference_falls_back_to_waveform(media: Path, tmp_path: Path) -> None:
    wrong = 1727904000 + 12 * 1920  # 12 frames late at 25 fps (1920 samples a frame)
    copy = patched_copy(
        media / "SR01_S1T1.wav", tmp_path / "SR01_S1T1.wav", TIME_REFERENCE_AT,
        struct.pack("<Q", wrong),
    )  # fmt: skip
    assert read_sound(copy).time_reference == wrong
    clip = media / "A001C001_250101_R1AB.mov"
    assert sync_pair(clip, copy, SyncMode.TIMECODE).offset_frames == -38
    auto = sync_pair(clip, copy)
    assert auto.method is SyncMethod.WAVEFORM
    assert auto.offset_frames == -50
    assert auto.timecode_offset_frames == -38
    assert auto.disagreement_frames == -12
    assert [str(w) for w in auto.warnings] == [
        "timecode and waveform disagree by 12 frames — waveform used"
    ]


def test_no_bext(media: Path, tmp_path: Path) -> None:
    copy = patched_copy(media / "SR01_S1T1.wav", tmp_path / "no_bext.wav", 60, b"JUNK")
    assert read_sound(copy).time_reference is None
    clip = media / "A001C001_250101_R1AB.mov"
    auto = sync_pair(clip, copy)
    assert auto.method is SyncMethod.WAVEFORM
    assert auto.offset_frames == -50
    assert [str(w) for w in auto.warnings] == ["no bext time reference in no_bext.wav"]
    with pytest.raises(InputError, match="no bext time reference"):
        sync_pair(clip, copy, SyncMode.TIMECODE)


def test_sync_many_pairs_by_timecode(media: Path) -> None:
    report = sync_many(
        [media / "A001C001_250101_R1AB.mov", media / "A001C002_250101_R1AB.mxf"],
        [media / "SR01_S1T1.wav", media / "tone_1k_-23LUFS.wav"],
        SyncMode.TIMECODE,
    )
    assert [(r.picture.name, r.sound.name, r.offset_frames) for r in report.results] == [
        ("A001C001_250101_R1AB.mov", "SR01_S1T1.wav", -50)
    ]
    # C002 starts at 10:00:10:00, exactly where the 12 s recording ends
    assert [p.name for p in report.matching.unmatched_pictures] == ["A001C002_250101_R1AB.mxf"]
    assert [s.name for s in report.matching.unused_sounds] == ["tone_1k_-23LUFS.wav"]
    assert report.failures == ()


def test_sync_folder(media: Path, tmp_path: Path) -> None:
    (tmp_path / "A001C001.mov").symlink_to(media / "A001C001_250101_R1AB.mov")
    (tmp_path / "SR01_S1T1.wav").symlink_to(media / "SR01_S1T1.wav")
    (tmp_path / "notes.txt").write_text("not media")
    report = sync_folder(tmp_path, mode=SyncMode.TIMECODE)
    assert [(r.picture.name, r.sound.name) for r in report.results] == [
        ("A001C001.mov", "SR01_S1T1.wav")
    ]
