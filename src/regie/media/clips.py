# SPDX-License-Identifier: AGPL-3.0-or-later
"""What a clip is, as read from its file: the probe result (:class:`ClipInfo`) and the
result of a full-decode analysis (:class:`Analysis`, :class:`Loudness`).

These records are made by :mod:`regie.mediaio.probe` and :mod:`regie.mediaio.analyse`
and judged by :mod:`regie.media.qc`; sound/picture sync and the deliverables check read
the same records. Times are seconds from the clip's first sample or frame, as exact
``Decimal`` values rounded to the millisecond; frame rates are ``Fraction`` (30000/1001,
never 29.97); the start timecode is a :class:`~regie.core.timecode.Timecode`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from regie.core.timecode import Timecode

MILLISECOND = Decimal("0.001")


def seconds(value: float | Fraction | Decimal | int) -> Decimal:
    """A time in seconds, rounded to the millisecond (how every QC time is kept)."""
    if isinstance(value, Fraction):
        return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(MILLISECOND)
    return Decimal(str(value)).quantize(MILLISECOND)


class Scan(StrEnum):
    PROGRESSIVE = "progressive"
    INTERLACED = "interlaced"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class VideoInfo:
    """The first video stream of a clip.

    ``codec``: FFmpeg's decoder name (``prores``, ``dnxhd``, ``h264``, ``hevc``…);
    ``profile``: as FFmpeg names it (``HQ``, ``DNXHR LB``, ``High``), ``None`` when unknown;
    ``chroma``: ``"4:2:0"``, ``"4:2:2"``, ``"4:4:4"``; ``bit_depth``: bits per luma sample.
    """

    codec: str
    codec_tag: str | None
    profile: str | None
    width: int
    height: int
    frame_rate: Fraction | None
    frames: int | None  # as the container declares it
    scan: Scan
    bit_depth: int | None
    chroma: str | None
    pix_fmt: str | None = None  # when the probe had a decoder tell it


@dataclass(frozen=True, slots=True)
class AudioTrack:
    """One audio stream (a multi-mono MXF has one per channel)."""

    index: int  # stream index in the file
    codec: str  # pcm_s24le, aac…
    channels: int
    sample_rate: int
    bit_depth: int | None  # PCM sample size; None for lossy codecs


@dataclass(frozen=True, slots=True)
class ClipInfo:
    """A media file's technical properties, read without decoding it.

    ``start_timecode`` is the file's first-frame timecode (QuickTime ``tmcd``, MXF
    material package, or a Broadcast WAV ``bext`` time reference at the speed its
    description declares); its ``rate`` and ``drop_frame`` say how to count it.
    ``reel``: the reel / roll name the file carries (``reel_name``), else ``None``.
    """

    path: str
    name: str  # file name
    size_bytes: int
    container: str  # mov, mp4, mxf, wav…
    container_long: str
    duration_s: Decimal | None
    video: VideoInfo | None
    audio: tuple[AudioTrack, ...]
    start_timecode: Timecode | None
    timecode_text: str | None  # the timecode as the file writes it ("10:00:00;00")
    reel: str | None
    time_reference_samples: int | None = None  # BWF bext TimeReference
    truncated: bool = False  # the file ends before its last indexed sample
    second_opinion: bool = False  # pymediainfo filled facts PyAV's header read lacked

    @property
    def stem(self) -> str:
        """The file name without its extension (what naming rules apply to)."""
        base, dot, _ext = self.name.rpartition(".")
        return base if dot else self.name

    @property
    def audio_channels(self) -> int:
        """Channels over all audio tracks (two mono tracks are 2 channels)."""
        return sum(track.channels for track in self.audio)

    @property
    def tc_rate(self) -> Fraction | None:
        return self.start_timecode.rate if self.start_timecode else None

    @property
    def drop_frame(self) -> bool:
        return bool(self.start_timecode and self.start_timecode.drop_frame)

    @property
    def duration_frames(self) -> int | None:
        """Length in frames at the timecode rate (the video's frame count when known)."""
        if self.video and self.video.frames:
            return self.video.frames
        if self.start_timecode and self.duration_s is not None:
            return round(Fraction(self.duration_s) * self.start_timecode.rate)
        return None


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of a clip where a detector fired, in seconds from the clip's start;
    ``channel`` counts from 1 over all audio tracks, ``None`` for picture."""

    start_s: Decimal
    end_s: Decimal
    channel: int | None = None

    @property
    def duration_s(self) -> Decimal:
        return self.end_s - self.start_s

    def overlap(self, other: Run) -> Decimal:
        return max(Decimal(0), min(self.end_s, other.end_s) - max(self.start_s, other.start_s))


@dataclass(frozen=True, slots=True)
class Loudness:
    """EBU R 128 / ITU-R BS.1770 measures of a programme.

    ``integrated``: LUFS, ``None`` when nothing passes the −70 LUFS absolute gate
    (not measurable); ``range``: loudness range in LU; ``true_peak``: dBTP (4×
    oversampled), ``None`` for digital silence.
    """

    integrated: Decimal | None
    range: Decimal
    true_peak: Decimal | None


@dataclass(frozen=True, slots=True)
class DecodeProblem:
    at_s: Decimal | None
    detail: str  # FFmpeg's own words


@dataclass(frozen=True, slots=True)
class Analysis:
    """What one full decode of a clip found (detector settings from the spec)."""

    black: tuple[Run, ...]
    freeze: tuple[Run, ...]
    clipped: tuple[Run, ...]
    silence: tuple[Run, ...]
    channel_peaks_dbfs: tuple[Decimal | None, ...]  # per channel; None: all zeros
    loudness: Loudness | None  # None when the clip has no audio
    video_frames: int
    decoded_s: Decimal  # how far the decode went
    problems: tuple[DecodeProblem, ...] = ()
