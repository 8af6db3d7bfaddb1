# SPDX-License-Identifier: AGPL-3.0-or-later
"""Full-decode analysis of the corpus media, loudness, and QC of a card with damaged and
sidecar files (the rest of the card is still checked)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import av
import numpy as np
import pytest

from regie.core.errors import ParseError
from regie.media.clips import Run
from regie.media.qc import DefectKind
from regie.media.spec import Detection, TechSpec, tech_spec
from regie.mediaio.analyse import analyse, analyse_loudness, qc_paths
from regie.mediaio.channels import ChannelDetector, TrackChannels
from regie.rules.registry import shipped_pack

pytestmark = pytest.mark.corpus
D = Decimal


@pytest.fixture(scope="module")
def media(corpus_dir: Path) -> Path:
    return corpus_dir / "media"


@pytest.fixture(scope="module")
def house() -> TechSpec:
    return tech_spec(shipped_pack("media-spec-house"))


def test_the_defect_clip_decoded(media: Path) -> None:
    found = analyse(media / "B001C001_250101_DEFECTS.mov")
    assert found.black == (Run(D("3.003"), D("5.005")),)
    # freezedetect also reports the black run; the judging de-duplicates (test_qc)
    assert Run(D("6.006"), D("8.008")) in found.freeze
    assert found.clipped == (Run(D("8.000"), D("9.000"), 1),)
    assert found.channel_peaks_dbfs[1] is None  # channel 2: every sample zero
    assert found.channel_peaks_dbfs[0] == D("0.0")
    assert found.video_frames == 300
    assert found.decoded_s == D("10.010")
    assert found.problems == ()


def test_the_good_clips_decoded(media: Path) -> None:
    for name in ("A001C001_250101_R1AB.mov", "A001C002_250101_R1AB.mxf"):
        found = analyse(media / name)
        assert (found.black, found.freeze, found.clipped, found.silence) == ((), (), (), ())
        assert all(p is not None and p < 0 for p in found.channel_peaks_dbfs)
        assert found.loudness is not None
        assert found.loudness.integrated is not None
    mxf = analyse(media / "A001C002_250101_R1AB.mxf")
    assert len(mxf.channel_peaks_dbfs) == 2  # two mono tracks, two channels
    assert mxf.loudness is not None
    assert mxf.loudness.integrated == D("-20.0")  # 1 kHz at -20 dBFS in both


@pytest.mark.parametrize(
    ("name", "lufs"), [("tone_1k_-23LUFS.wav", "-23.0"), ("tone_1k_-16LUFS.wav", "-16.0")]
)
def test_loudness_of_the_reference_tones(media: Path, name: str, lufs: str) -> None:
    measured = analyse_loudness(media / name)
    assert measured.integrated == D(lufs)
    assert measured.range == D("0.0")
    assert measured.true_peak is not None
    assert abs(measured.true_peak - D(lufs)) < D("0.1")  # a sine's peak is its level here


def test_loudness_needs_sound(media: Path, tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("x")
    with pytest.raises(ParseError):
        analyse_loudness(text)


def test_channel_detector_runs_across_blocks() -> None:
    settings = Detection(silence_min_s=D("0.5"), clip_min_samples=3, merge_gap_s=D("0.1"))
    channel = ChannelDetector(1, 1000, settings)
    quiet = np.zeros(400, dtype=np.float32)
    tone = np.full(400, 0.5, dtype=np.float32)
    clipped = np.array([1.0, 1.0, 1.0, 0.2, 1.0, 0.2] * 10, dtype=np.float32)
    for block in (tone, quiet, quiet, clipped, tone):
        channel.feed(block)
    assert channel.silent() == (Run(D("0.400"), D("1.200"), 1),)
    assert channel.clipped() == (Run(D("1.200"), D("1.257"), 1),)  # 2-sample tops left out
    assert channel.peak_dbfs() == D("0.0")


def _audio_frames(
    signal: np.ndarray[Any, np.dtype[np.float32]], fmt: str, size: int
) -> list[av.AudioFrame]:
    """``signal`` (channels × samples in [-1, 1]) cut into decoder-like frames of ``fmt``."""
    frames = []
    for start in range(0, signal.shape[1], size):
        block = signal[:, start : start + size]
        if fmt == "s16":  # packed: samples interleaved in one plane
            data: np.ndarray[Any, Any] = np.round(block.T * 32767).astype(np.int16).reshape(1, -1)
        else:  # fltp: one plane a channel
            data = np.ascontiguousarray(block)
        frame = av.AudioFrame.from_ndarray(data, format=fmt, layout="stereo")
        frame.sample_rate = 1000
        frames.append(frame)
    return frames


@pytest.mark.parametrize("fmt", ["s16", "fltp"])
def test_track_channels_batch_like_one_block(fmt: str) -> None:
    """Frames held and measured a second at a time find what one block finds."""
    settings = Detection(silence_min_s=D("0.5"), clip_min_samples=3, merge_gap_s=D("0.1"))
    t = np.arange(3300) / 1000
    left = (0.5 * np.sin(2 * np.pi * 50 * t)).astype(np.float32)
    left[1210:1260] = 1.0  # clipped for 50 ms, across a frame boundary
    right = np.where((t > 0.7) & (t < 2.9), 0.0, 0.25).astype(np.float32)  # 2.2 s of silence
    signal = np.stack([left, right])

    class Stream:
        sample_rate = 1000

        class codec_context:  # noqa: N801  # mimics PyAV's attribute
            channels = 2

    track = TrackChannels(1, Stream, settings)
    for frame in _audio_frames(signal, fmt, 128):
        track.push(frame)
    track.flush()
    whole = [ChannelDetector(n + 1, 1000, settings) for n in range(2)]
    decoded = np.round(signal * 32767) / 32768 if fmt == "s16" else signal
    for detector, row in zip(whole, decoded, strict=True):
        detector.feed(row.astype(np.float32))
    for ours, reference in zip(track.channels, whole, strict=True):
        assert ours.count == reference.count == 3300
        assert ours.clipped() == reference.clipped()
        assert ours.silent() == reference.silent()
        assert ours.peak_dbfs() == reference.peak_dbfs()
    assert track.channels[0].clipped() == (Run(D("1.210"), D("1.260"), 1),)
    assert track.channels[1].silent() == (Run(D("0.701"), D("2.900"), 2),)


def test_a_card_with_damaged_and_sidecar_files(
    media: Path, tmp_path: Path, house: TechSpec
) -> None:
    card = tmp_path / "A001"
    card.mkdir()
    for name in ("A001C001_250101_R1AB.mov", "A001C002_250101_R1AB.mxf"):
        shutil.copy(media / name, card / name)
    mxf = (media / "A001C002_250101_R1AB.mxf").read_bytes()
    (card / "A001C003_250101_R1AB.mxf").write_bytes(mxf[: len(mxf) // 2])
    mov = (media / "B001C001_250101_DEFECTS.mov").read_bytes()
    (card / "B001C002_250101_R1AB.mov").write_bytes(mov[: len(mov) // 2])
    (card / "A001.txt").write_text("notes de la scripte\n", encoding="utf-8")
    report = qc_paths([card], house, full=True)
    (checked,) = report.cards
    assert {p.name: p.error for p in checked.problems} == {
        "A001.txt": "ParseError",
        "B001C002_250101_R1AB.mov": "ParseError",
    }
    assert all("not a media file" in str(p.what) for p in checked.problems)
    verdicts = {c.info.name: c for c in checked.clips}
    assert verdicts["A001C001_250101_R1AB.mov"].defects == ()
    assert verdicts["A001C002_250101_R1AB.mxf"].defects == ()  # continuous TC after C001
    cut = verdicts["A001C003_250101_R1AB.mxf"]
    assert not cut.passed
    assert DefectKind.TRUNCATED in {d.kind for d in cut.defects}
    # its TC (10:00:10:00 again) overlaps C002 on roll A001
    assert DefectKind.TC_CONTINUITY in {d.kind for d in cut.defects}


def test_quick_mode_does_not_decode(media: Path, house: TechSpec) -> None:
    report = qc_paths([media / "B001C001_250101_DEFECTS.mov"], house)
    (clip,) = report.clips
    assert clip.analysis is None
    assert sorted(d.kind.value for d in clip.defects) == [
        "audio_bit_depth",
        "frame_rate",
        "video_codec",
    ]
    missing = qc_paths([media / "no-such-clip.mov"], house)
    assert [p.error for p in missing.problems] == ["InputError"]
