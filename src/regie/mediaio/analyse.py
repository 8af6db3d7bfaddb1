# SPDX-License-Identifier: AGPL-3.0-or-later
"""Full-decode analysis of a clip in one pass: :func:`analyse` and :func:`analyse_loudness`.

The file is demuxed once; picture frames (threaded decode) go through an FFmpeg filter
graph ``blackdetect → freezedetect`` (results read from ``frame.metadata``), sound frames
through per-channel detectors in numpy (peak, runs of samples at full scale, runs below
the silence threshold) and through one ``ebur128`` graph (``peak=true``; several mono
tracks are merged first with ``amerge``) for integrated loudness, loudness range and true
peak. Detector settings come from the spec (:class:`regie.media.spec.Detection`); the
judging (durations, de-duplication) is :mod:`regie.media.qc`'s.

A packet that fails to decode is recorded (time and FFmpeg's words) and the decode goes
on; a file that cannot be opened raises :class:`~regie.core.errors.ParseError`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np

from regie.core.errors import ParseError, RegieError
from regie.core.text import t
from regie.media.clips import Analysis, ClipInfo, DecodeProblem, Loudness, Run, seconds
from regie.media.qc import CardQc, FileProblem, QcReport, card_report
from regie.media.spec import Detection, TechSpec
from regie.mediaio.probe import MediaFiles, media_files, probe

__all__ = ["MAX_PROBLEMS", "analyse", "analyse_loudness", "qc_paths"]

MAX_PROBLEMS = 20  # past this many bad packets the file is hopeless; stop decoding
_UNMEASURABLE = -70.0  # LUFS: the BS.1770 absolute gate; ebur128 reports it for silence


@contextmanager
def _opened(path: Path) -> Iterator[Any]:
    try:
        container = av.open(str(path))
    except av.FFmpegError as exc:
        raise ParseError(
            t("not a media file ({problem})", problem=str(getattr(exc, "strerror", exc))),
            file=str(path),
            hint=t("Leave sidecar files aside, or check that the clip was copied whole"),
        ) from None
    try:
        yield container
    finally:
        container.close()


class _Pictures:
    """blackdetect → freezedetect on every decoded frame; runs from frame metadata."""

    def __init__(self, stream: Any, detection: Detection) -> None:
        self.graph = av.filter.Graph()
        self.source = self.graph.add_buffer(template=stream)
        black = self.graph.add(
            "blackdetect",
            f"d=0:pic_th={detection.black_picture_ratio}:pix_th={detection.black_pixel_threshold}",
        )
        freeze = self.graph.add(
            "freezedetect", f"n={detection.freeze_noise_db}dB:d={detection.freeze_min_s}"
        )
        self.sink = self.graph.add("buffersink")
        self.source.link_to(black)
        black.link_to(freeze)
        freeze.link_to(self.sink)
        self.graph.configure()
        self.origin = float(stream.start_time * stream.time_base) if stream.start_time else 0.0
        rate = stream.average_rate or stream.base_rate
        self.frame_s = float(1 / rate) if rate else 0.0
        self.black: list[tuple[float, float | None]] = []
        self.freeze: list[tuple[float, float | None]] = []
        self.frames = 0
        self.end = 0.0

    def push(self, frame: Any) -> None:
        self.frames += 1
        if frame.time is not None:
            self.end = max(self.end, frame.time - self.origin + self.frame_s)
        self.source.push(frame)
        self._drain()

    def close(self) -> None:
        self.source.push(None)
        self._drain()

    def _drain(self) -> None:
        while True:
            try:
                frame = self.sink.pull()
            except (BlockingIOError, av.EOFError):
                return
            metadata = frame.metadata
            if not metadata:
                continue
            self._mark(self.black, metadata, "lavfi.black_start", "lavfi.black_end")
            self._mark(
                self.freeze,
                metadata,
                "lavfi.freezedetect.freeze_start",
                "lavfi.freezedetect.freeze_end",
            )

    def _mark(
        self, runs: list[tuple[float, float | None]], metadata: Any, start: str, end: str
    ) -> None:
        if end in metadata and runs and runs[-1][1] is None:
            runs[-1] = (runs[-1][0], float(metadata[end]) - self.origin)
        if start in metadata:
            runs.append((float(metadata[start]) - self.origin, None))

    def runs(self, marks: list[tuple[float, float | None]]) -> tuple[Run, ...]:
        return tuple(
            Run(seconds(begin), seconds(self.end if end is None else end)) for begin, end in marks
        )


class _Loudness:
    """One ebur128 graph over all audio tracks (mono tracks merged into one programme)."""

    def __init__(self, streams: list[Any]) -> None:
        self.graph = av.filter.Graph()
        self.sources = [self.graph.add_abuffer(template=s) for s in streams]
        last = self.sources[0]
        if len(self.sources) > 1:
            last = self.graph.add("amerge", f"inputs={len(self.sources)}")
            for pad, source in enumerate(self.sources):
                source.link_to(last, 0, pad)
        meter = self.graph.add("ebur128", "metadata=1:peak=true")
        self.sink = self.graph.add("abuffersink")
        last.link_to(meter)
        meter.link_to(self.sink)
        self.graph.configure()
        self.metadata: dict[str, str] = {}

    def push(self, track: int, frame: Any) -> None:
        self.sources[track].push(frame)
        self._drain()

    def close(self) -> Loudness:
        for source in self.sources:
            source.push(None)
        self._drain()
        found = self.metadata
        integrated = float(found.get("lavfi.r128.I", _UNMEASURABLE))
        peak = float(found.get("lavfi.r128.true_peak", 0.0))
        return Loudness(
            integrated=None if integrated <= _UNMEASURABLE else _db(integrated),
            range=_db(float(found.get("lavfi.r128.LRA", 0.0))),
            true_peak=_db(20 * math.log10(peak)) if peak > 0 else None,
        )

    def _drain(self) -> None:
        while True:
            try:
                frame = self.sink.pull()
            except (BlockingIOError, av.EOFError):
                return
            if frame.metadata:
                self.metadata.update(frame.metadata)


def _db(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


class _Runs:
    """Runs of ``True`` in a stream of boolean blocks, in samples; runs shorter than
    ``shortest`` are dropped, runs closer than ``gap`` merged."""

    def __init__(self, shortest: int, gap: int) -> None:
        self.shortest = shortest
        self.gap = gap
        self.open: int | None = None
        self.found: list[list[int]] = []

    def feed(self, mask: np.ndarray[Any, np.dtype[np.bool_]], offset: int) -> None:
        if not mask.any():
            if self.open is not None:
                self._add(self.open, offset)
                self.open = None
            return
        edges = np.diff(mask.astype(np.int8), prepend=np.int8(self.open is not None), append=0)
        begins = (np.flatnonzero(edges == 1) + offset).tolist()
        ends = (np.flatnonzero(edges == -1) + offset).tolist()
        if self.open is not None:
            begins.insert(0, self.open)
        self.open = None
        if mask[-1]:  # the last run goes on in the next block
            self.open = begins.pop()
            ends.pop()
        for begin, end in zip(begins, ends, strict=True):
            self._add(begin, end)

    def finish(self, total: int) -> list[list[int]]:
        if self.open is not None:
            self._add(self.open, total)
            self.open = None
        return self.found

    def _add(self, begin: int, end: int) -> None:
        if end - begin < self.shortest:
            return
        if self.found and begin - self.found[-1][1] <= self.gap:
            self.found[-1][1] = end
        else:
            self.found.append([begin, end])


class ChannelDetector:
    """Peak, clipped runs and silent runs of one audio channel (``number`` from 1)."""

    def __init__(self, number: int, rate: int, detection: Detection) -> None:
        self.number = number
        self.rate = rate
        self.clip_level = 10 ** (float(detection.clip_level_dbfs) / 20)
        self.silence_level = 10 ** (float(detection.silence_threshold_dbfs) / 20)
        gap = int(float(detection.merge_gap_s) * rate)
        self.clips = _Runs(detection.clip_min_samples, gap)
        self.silences = _Runs(int(float(detection.silence_min_s) * rate), 0)
        self.count = 0
        self.peak = 0.0

    def feed(self, data: np.ndarray[Any, np.dtype[np.float32]]) -> None:
        if not data.size:
            return
        level = np.abs(data)
        self.peak = max(self.peak, float(level.max()))
        self.clips.feed(level >= self.clip_level, self.count)
        self.silences.feed(level <= self.silence_level, self.count)
        self.count += data.size

    @property
    def end_s(self) -> float:
        return self.count / self.rate if self.rate else 0.0

    def _runs(self, runs: _Runs) -> tuple[Run, ...]:
        return tuple(
            Run(seconds(Fraction(begin, self.rate)), seconds(Fraction(end, self.rate)), self.number)
            for begin, end in runs.finish(self.count)
        )

    def clipped(self) -> tuple[Run, ...]:
        return self._runs(self.clips)

    def silent(self) -> tuple[Run, ...]:
        return self._runs(self.silences)

    def peak_dbfs(self) -> Decimal | None:
        """Highest sample level in dBFS; ``None`` when every sample is zero."""
        return _db(20 * math.log10(self.peak)) if self.peak > 0 else None


def samples(frame: Any) -> np.ndarray[Any, np.dtype[np.float32]]:
    """An audio frame as float32 samples in [-1, 1], one row per channel."""
    data = frame.to_ndarray()
    name = frame.format.name.rstrip("p")
    if not frame.format.is_planar:
        data = data.reshape(-1, len(frame.layout.channels)).T
    scale = {"s16": 32768.0, "s32": 2147483648.0, "s64": 9223372036854775808.0}.get(name)
    if scale is not None:
        return np.asarray(data / scale, dtype=np.float32)
    if name == "u8":
        return np.asarray((data.astype(np.float32) - 128.0) / 128.0, dtype=np.float32)
    return np.asarray(data, dtype=np.float32)


class _Sound:
    """Every audio track: per-channel detectors and the loudness meter."""

    def __init__(self, streams: list[Any], detection: Detection) -> None:
        self.tracks = {s.index: n for n, s in enumerate(streams)}
        self.loudness = _Loudness(streams) if streams else None
        self.channels: list[ChannelDetector] = []
        self.first_channel: dict[int, int] = {}
        for stream in streams:
            base = len(self.channels)
            self.first_channel[stream.index] = base
            self.channels.extend(
                ChannelDetector(base + 1 + n, stream.sample_rate, detection)
                for n in range(stream.codec_context.channels)
            )

    def push(self, index: int, frame: Any) -> None:
        base = self.first_channel[index]
        for row, data in enumerate(samples(frame)):
            self.channels[base + row].feed(data)
        if self.loudness is not None:
            self.loudness.push(self.tracks[index], frame)


def analyse(path: Path | str, detection: Detection | None = None) -> Analysis:
    """Decode the whole clip once and run every detector on it (see the module's doc)."""
    settings = detection or Detection()
    with _opened(Path(path)) as container:
        video = container.streams.video[0] if container.streams.video else None
        audios = list(container.streams.audio)
        if video is not None:
            video.thread_type = "AUTO"
        pictures = _Pictures(video, settings) if video is not None else None
        sound = _Sound(audios, settings)
        streams = [s for s in (video, *audios) if s is not None]
        problems = _decode(container, streams, pictures, sound)
        if pictures is not None:
            pictures.close()
        measured = sound.loudness.close() if sound.loudness is not None else None
    channels = sound.channels
    sound_end = max((c.end_s for c in channels), default=0.0)
    picture_end = pictures.end if pictures else 0.0
    return Analysis(
        black=pictures.runs(pictures.black) if pictures else (),
        freeze=pictures.runs(pictures.freeze) if pictures else (),
        clipped=tuple(run for c in channels for run in c.clipped()),
        silence=tuple(run for c in channels for run in c.silent()),
        channel_peaks_dbfs=tuple(c.peak_dbfs() for c in channels),
        loudness=measured,
        video_frames=pictures.frames if pictures else 0,
        decoded_s=seconds(max(sound_end, picture_end)),
        problems=tuple(problems),
    )


def _decode(
    container: Any, streams: list[Any], pictures: _Pictures | None, sound: _Sound
) -> list[DecodeProblem]:
    problems: list[DecodeProblem] = []
    packets = container.demux(*streams)
    while len(problems) < MAX_PROBLEMS:
        try:
            packet = next(packets)
        except StopIteration:
            break
        except av.FFmpegError as exc:  # the demuxer gave up (truncated, garbled)
            problems.append(DecodeProblem(None, str(getattr(exc, "strerror", exc))))
            break
        try:
            frames = packet.decode()
        except av.FFmpegError as exc:
            at = packet.pts * packet.time_base if packet.pts is not None else None
            problems.append(
                DecodeProblem(seconds(Fraction(at)) if at is not None else None, str(exc))
            )
            continue
        index = packet.stream.index
        for frame in frames:
            if index in sound.tracks:
                sound.push(index, frame)
            elif pictures is not None:
                pictures.push(frame)
    return problems


def analyse_loudness(path: Path | str) -> Loudness:
    """EBU R 128 measures of the file's sound (all audio tracks as one programme):
    integrated loudness (LUFS), loudness range (LU), true peak (dBTP). Stable API, used by
    QC, sync and the deliverables check. Raises :class:`ParseError` when the file has no
    sound or is not a media file."""
    with _opened(Path(path)) as container:
        audios = list(container.streams.audio)
        if not audios:
            raise ParseError(
                t("the file has no sound to measure"),
                file=str(path),
                hint=t("Measure the loudness of a file with audio tracks"),
            )
        meter = _Loudness(audios)
        tracks = {s.index: n for n, s in enumerate(audios)}
        for packet in container.demux(*audios):
            for frame in packet.decode():
                meter.push(tracks[packet.stream.index], frame)
        return meter.close()


def qc_paths(paths: Sequence[Path], spec: TechSpec, *, full: bool = False) -> QcReport:
    """Technical QC of the files under ``paths`` (files or card folders): every file is
    probed, in full mode decoded and analysed, then judged against ``spec`` card by card.
    A file that cannot be read is reported as a :class:`FileProblem` and the rest of the
    card is still checked."""
    cards, missing = media_files(paths)
    reports = [_card(card, spec, full=full) for card in cards]
    if missing:
        problems = tuple(
            FileProblem(
                str(path),
                path.name,
                "InputError",
                t("the path does not exist"),
                t("Check the path"),
            )
            for path in missing
        )
        reports.append(CardQc("—", "", (), problems))
    return QcReport(spec.ref, spec.title, full, tuple(reports))


def _card(card: MediaFiles, spec: TechSpec, *, full: bool) -> CardQc:
    clips: list[tuple[ClipInfo, Analysis | None]] = []
    problems: list[FileProblem] = []
    for path in card.files:
        try:
            info = probe(path)
            clips.append((info, analyse(path, spec.detection) if full else None))
        except RegieError as error:
            problems.append(
                FileProblem(str(path), path.name, type(error).__name__, error.what, error.hint)
            )
    return card_report(card.name, str(card.path), clips, problems, spec)
