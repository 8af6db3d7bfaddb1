# SPDX-License-Identifier: AGPL-3.0-or-later
"""Full-decode analysis of a clip in one pass: :func:`analyse` and :func:`analyse_loudness`.

The file is demuxed once and decoded on this thread (pictures with FFmpeg's frame threads).
Each picture is sampled as it leaves the decoder (:mod:`regie.mediaio.pictures`: a grid of
its planes, read from the decoder's buffers) and the samples and the sound frames go
through a short queue to a detector thread: black and frozen pictures (FFmpeg's
``blackdetect``/``freezedetect`` definitions, in numpy), per-channel sound detectors
(:mod:`regie.mediaio.channels`: peak, runs of samples at full scale, runs below the
silence threshold, a second of sound at a time) and one ``ebur128`` graph (``peak=true``;
several mono tracks are merged first with ``amerge``) for integrated loudness, loudness
range and true peak. Detector settings come from the spec
(:class:`regie.media.spec.Detection`); the judging (durations, de-duplication) is
:mod:`regie.media.qc`'s.

Why this shape (issue 5: full QC at ≥ 0.9× the speed of a plain decode of the same file).
The first version pushed every picture through an FFmpeg ``blackdetect → freezedetect``
graph at full resolution (0.4–1.4 ms a 1080p frame: the black count is plain C, the
10-bit difference has no SIMD) and ran the sound detectors on every 1024-sample frame; on
the 2-core dev machine that held full QC to 0.59–0.81× decode-only speed. Measured there
with ``benchmarks/qc.py`` (best of 7, decode-only and full QC alternated in the same run,
load average 3.4–4.6 from other work, so the machine gave the decoder about one core):

=============  ==========  ===================  =====================  ===============
clip           before      after: best of 7     after: median of the   after: CPU time
                                                back-to-back pairs     ratio
=============  ==========  ===================  =====================  ===============
A001C001 .mov  0.61–0.75   0.80–1.03            0.84–0.93              0.80–0.90
proxy .mp4     0.65–0.79   0.85–0.97            0.87–0.94              0.79–0.91
C002 .mxf      0.71–0.92   0.83–1.01            0.77–0.89              0.77–0.86
B001 .mov      0.69–0.76   0.80–0.99            0.80–0.93              0.84–0.96
=============  ==========  ===================  =====================  ===============

What the detector thread spends, per 10 s clip: ``ebur128`` 60–70 ms (two thirds of it
true peak), pictures 45–70 ms, the channel detectors about 30 ms — 11–17 % of the
decode's own CPU time. Where the machine leaves the decoder's second core part idle
(frame threading gains only 1.34× on two cores), the detector thread runs in that idle
time; where other work takes it, full QC costs those 11–17 % on top of the decode, as
the CPU ratio shows. Tried and left: the FFmpeg filters on a picture downscaled by
``scale=…:flags=neighbor`` (the scaler alone costs as much as the numpy grid), and a
detector thread holding whole decoded frames (a queue of 1080p 10-bit frames is tens of
MB and reads them back cold).

A packet that fails to decode is recorded (time and FFmpeg's words) and the decode goes
on; a file that cannot be opened raises :class:`~regie.core.errors.ParseError`; an error
in a detector is raised here once the decode has stopped.
"""

from __future__ import annotations

import math
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import av

from regie.core.errors import ParseError, RegieError
from regie.core.text import t
from regie.media.clips import Analysis, ClipInfo, DecodeProblem, Loudness, seconds
from regie.media.qc import CardQc, FileProblem, QcReport, card_report
from regie.media.spec import Detection, TechSpec
from regie.mediaio.channels import ChannelDetector, TrackChannels
from regie.mediaio.pictures import PictureDetector
from regie.mediaio.probe import MediaFiles, media_files, probe

__all__ = ["MAX_PROBLEMS", "analyse", "analyse_loudness", "qc_paths"]

MAX_PROBLEMS = 20  # past this many bad packets the file is hopeless; stop decoding
_QUEUED = 8  # batches waiting for the detectors (samples and sound: a few MB at most)
_BATCH = 8  # packets a batch
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


class _Sound:
    """Every audio track: per-channel detectors and the loudness meter."""

    def __init__(self, streams: list[Any], detection: Detection) -> None:
        self.tracks = {s.index: n for n, s in enumerate(streams)}
        self.loudness = _Loudness(streams) if streams else None
        self.by_stream: dict[int, TrackChannels] = {}
        self.channels: list[ChannelDetector] = []
        for stream in streams:
            track = TrackChannels(len(self.channels) + 1, stream, detection)
            self.by_stream[stream.index] = track
            self.channels.extend(track.channels)

    def push(self, index: int, frame: Any) -> None:
        self.by_stream[index].push(frame)
        if self.loudness is not None:
            self.loudness.push(self.tracks[index], frame)

    def close(self) -> Loudness | None:
        for track in self.by_stream.values():
            track.flush()
        return self.loudness.close() if self.loudness is not None else None


def _pictures(stream: Any, detection: Detection) -> PictureDetector:
    time_base = Fraction(stream.time_base)
    origin = stream.start_time * time_base if stream.start_time else Fraction(0)
    rate = stream.average_rate or stream.base_rate
    return PictureDetector(
        detection, time_base, origin, Fraction(1 / rate) if rate else Fraction(0)
    )


class _Background:
    """The detectors on a thread of their own, fed through a short queue while this
    thread decodes (FFmpeg's decoders and filters and numpy release the GIL).

    Pictures are sampled here, as they come out of the decoder (:meth:`PictureDetector.sample`
    reads the decoder's buffers while they are fresh in the cache and lets them go at
    once); the samples and the sound frames go over in batches of ``_BATCH`` packets so
    that the hand-over (two lock round trips) is paid a few times a second."""

    def __init__(self, pictures: PictureDetector | None, sound: _Sound) -> None:
        self.pictures = pictures
        self.sound = sound
        self.queue: queue.Queue[list[tuple[int, list[Any]]] | None] = queue.Queue(_QUEUED)
        self.error: BaseException | None = None
        self.batch: list[tuple[int, list[Any]]] = []
        self.thread = threading.Thread(target=self._run, name="regie-qc", daemon=True)
        self.thread.start()

    def take(self, index: int, frames: list[Any]) -> None:
        if not frames:
            return
        if index not in self.sound.tracks:
            if self.pictures is None:
                return
            frames = [self.pictures.sample(frame) for frame in frames]
        self.batch.append((index, frames))
        if len(self.batch) >= _BATCH:
            self._hand_over()

    def _hand_over(self) -> None:
        if self.batch:
            self.queue.put(self.batch)
            self.batch = []

    def _run(self) -> None:
        while (batch := self.queue.get()) is not None:
            if self.error is None:  # after an error, drain the queue so take() never blocks
                try:
                    self._detect(batch)
                except BaseException as error:  # re-raised by join()
                    self.error = error

    def _detect(self, batch: list[tuple[int, list[Any]]]) -> None:
        for index, items in batch:
            if index in self.sound.tracks:
                for frame in items:
                    self.sound.push(index, frame)
            elif self.pictures is not None:
                for picture in items:
                    self.pictures.take(picture)

    def join(self) -> None:
        """Wait for the detectors to finish; raise what one of them raised."""
        self._hand_over()
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error


def analyse(path: Path | str, detection: Detection | None = None) -> Analysis:
    """Decode the whole clip once and run every detector on it (see the module's doc)."""
    settings = detection or Detection()
    with _opened(Path(path)) as container:
        video = container.streams.video[0] if container.streams.video else None
        audios = list(container.streams.audio)
        if video is not None:
            video.thread_type = "AUTO"
        pictures = _pictures(video, settings) if video is not None else None
        sound = _Sound(audios, settings)
        streams = [s for s in (video, *audios) if s is not None]
        background = _Background(pictures, sound)
        try:
            problems = _decode(container, streams, background.take)
        finally:
            background.join()
        measured = sound.close()
    channels = sound.channels
    sound_end = max((c.end_s for c in channels), default=0.0)
    picture_end = float(pictures.end_s) if pictures else 0.0
    return Analysis(
        black=pictures.black() if pictures else (),
        freeze=pictures.freeze() if pictures else (),
        clipped=tuple(run for c in channels for run in c.clipped()),
        silence=tuple(run for c in channels for run in c.silent()),
        channel_peaks_dbfs=tuple(c.peak_dbfs() for c in channels),
        loudness=measured,
        video_frames=pictures.frames if pictures else 0,
        decoded_s=seconds(max(sound_end, picture_end)),
        problems=tuple(problems),
    )


def _decode(
    container: Any, streams: list[Any], take: Callable[[int, list[Any]], None]
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
        take(packet.stream.index, frames)
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
