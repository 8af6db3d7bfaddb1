# SPDX-License-Identifier: AGPL-3.0-or-later
"""The numpy black/freeze detector against FFmpeg's own ``blackdetect`` and
``freezedetect`` (run through PyAV on the same frames): the same runs, to the frame.

Pictures under 96 lines are read whole, so there the two must agree exactly (pixel and
picture thresholds, full and limited range, 8 and 10 bits, padded lines); taller ones are
subsampled and must agree within one frame."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np
import numpy.typing as npt
import pytest

from regie.media.clips import Run, seconds
from regie.media.spec import Detection
from regie.mediaio import analyse as analyse_module
from regie.mediaio.analyse import analyse
from regie.mediaio.pictures import PictureDetector, Sampled, black_level, sample_step

RATE = 25
TIME_BASE = Fraction(1, RATE)
FRAME = Decimal("0.040")
Luma = npt.NDArray[Any]


class _FFmpeg:
    """FFmpeg's blackdetect (d=0) → freezedetect on the frames pushed, runs from
    the frames' metadata (what analyse.py ran before the numpy detector)."""

    def __init__(self, detection: Detection, origin: Fraction = Fraction(0), **buffer: Any) -> None:
        self.graph = av.filter.Graph()
        self.source = self.graph.add_buffer(**buffer)
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
        self.black: list[list[Decimal | None]] = []
        self.freeze: list[list[Decimal | None]] = []
        self.end = Decimal(0)
        self.origin = origin

    def push(self, frame: Any, frame_s: Fraction) -> None:
        self.end = max(self.end, seconds(frame.pts * frame.time_base + frame_s - self.origin))
        self.source.push(frame)
        self._drain()

    def close(self) -> tuple[tuple[Run, ...], tuple[Run, ...]]:
        self.source.push(None)
        self._drain()
        return self._runs(self.black), self._runs(self.freeze)

    def _drain(self) -> None:
        while True:
            try:
                frame = self.sink.pull()
            except (BlockingIOError, av.EOFError):
                return
            found = dict(frame.metadata)
            for runs, key in (
                (self.black, "lavfi.black"),
                (self.freeze, "lavfi.freezedetect.freeze"),
            ):
                if f"{key}_start" in found:
                    runs.append([self._at(found[f"{key}_start"]), None])
                if f"{key}_end" in found:
                    runs[-1][1] = self._at(found[f"{key}_end"])

    def _at(self, text: str) -> Decimal:
        return seconds(Decimal(text) - Decimal(self.origin.numerator) / self.origin.denominator)

    def _runs(self, runs: list[list[Decimal | None]]) -> tuple[Run, ...]:
        return tuple(
            Run(start or Decimal(0), self.end if end is None else end) for start, end in runs
        )


def _close_enough(ours: tuple[Run, ...], theirs: tuple[Run, ...], frame: Decimal) -> bool:
    return len(ours) == len(theirs) and all(
        abs(a.start_s - b.start_s) <= frame and abs(a.end_s - b.end_s) <= frame
        for a, b in zip(ours, theirs, strict=True)
    )


def _frame(luma: Luma, fmt: str = "yuv420p", color_range: int | None = None) -> Any:
    """A picture of ``fmt`` with this luma plane and neutral chroma (padded lines kept)."""
    height, width = luma.shape
    frame: Any = av.VideoFrame(width, height, fmt)
    wide = frame.format.components[0].bits > 8
    dtype = np.dtype("<u2" if wide else np.uint8)
    for index, plane in enumerate(frame.planes):
        view = np.frombuffer(plane, dtype).reshape(plane.height, -1)[:, : plane.width]
        view[:] = luma if index == 0 else (512 if wide else 128)
    if color_range is not None:
        frame.color_range = color_range
    return frame


def _both(
    lumas: Iterable[Luma], fmt: str = "yuv420p", color_range: int | None = None
) -> tuple[PictureDetector, _FFmpeg]:
    detection = Detection()
    ours = PictureDetector(detection, TIME_BASE, Fraction(0), TIME_BASE)
    theirs: _FFmpeg | None = None
    for n, luma in enumerate(lumas):
        frame = _frame(luma, fmt, color_range)
        frame.pts = n
        frame.time_base = TIME_BASE
        if theirs is None:
            height, width = luma.shape
            theirs = _FFmpeg(detection, width=width, height=height, format=fmt, time_base=TIME_BASE)
        ours.push(frame)
        theirs.push(frame, TIME_BASE)
    assert theirs is not None
    return ours, theirs


def _flat(level: int, shape: tuple[int, int] = (90, 480)) -> Luma:
    return np.full(shape, level, dtype=np.uint16)


def _share_dark(share: float, dark: int, bright: int, shape: tuple[int, int] = (90, 480)) -> Luma:
    """``share`` of the samples at ``dark``, the rest at ``bright`` (rows from the top)."""
    picture = np.full(shape, bright, dtype=np.uint16).reshape(-1)
    picture[: round(share * picture.size)] = dark
    return picture.reshape(shape)


@pytest.mark.parametrize(
    ("fmt", "color_range", "limit", "bright"),
    [
        ("yuv420p", None, 37, 120),  # 16 + 0.10 × 219 = 37.9 → 37
        ("yuv420p", 2, 25, 120),  # full range: 0.10 × 255 = 25.5 → 25
        ("yuvj420p", None, 25, 120),  # a yuvj format is full range whatever the flag
        ("yuv422p10le", None, 151, 480),  # 64 + 0.10 × 876 = 151.6 → 151
        ("yuv422p10le", 2, 102, 480),  # 0.10 × 1023 = 102.3 → 102
    ],
)
def test_black_thresholds_match_blackdetect_exactly(
    fmt: str, color_range: int | None, limit: int, bright: int
) -> None:
    depth = 10 if "10" in fmt else 8
    assert black_level(depth, full=limit in (25, 102), pixel_threshold=0.10) == limit
    pictures = [_flat(bright)] * 3
    pictures += [_flat(limit)] * 4 + [_flat(bright)] * 2  # at the limit: black
    pictures += [_flat(limit + 1)] * 4 + [_flat(bright)] * 2  # one code above: not black
    pictures += [_share_dark(0.98, 0, bright)] * 4 + [_flat(bright)] * 2  # 98 %: black
    pictures += [_share_dark(0.979, 0, bright)] * 4  # 97.9 %: not black
    pictures += [_flat(bright + n) for n in range(30, 60, 3)]  # moving on
    ours, theirs = _both(pictures, fmt, color_range)
    ffmpeg_black, _ = theirs.close()
    assert ours.black() == ffmpeg_black
    assert [(r.start_s, r.end_s) for r in ours.black()] == [
        (Decimal("0.120"), Decimal("0.280")),
        (Decimal("0.600"), Decimal("0.760")),
    ]


def test_freeze_matches_freezedetect_on_padded_lines() -> None:
    """722 samples a line (padded to 736 in memory), frozen for 0.6 s then 0.4 s."""
    rng = np.random.default_rng(7)
    moving = [rng.integers(16, 235, (91, 722), dtype=np.uint16) for _ in range(40)]
    pictures = moving[:10] + [moving[10]] * 15 + moving[11:20] + [moving[20]] * 10 + moving[21:]
    ours, theirs = _both(pictures)
    _, ffmpeg_freeze = theirs.close()
    assert ours.freeze() == ffmpeg_freeze == (Run(Decimal("0.400"), Decimal("1.000")),)


def _gradient(shift: int, shape: tuple[int, int]) -> Luma:
    """A horizontal ramp of 0.1 code a sample (so moving it one sample changes a tenth of
    the samples by one code: each step is under freezedetect's −60 dB, the drift is not),
    moved ``shift`` samples to the right."""
    height, width = shape
    ramp = 40 + (np.arange(width) - shift) / 10
    return np.broadcast_to(np.round(ramp).astype(np.uint16), (height, width)).copy()


@pytest.mark.parametrize("shape", [(90, 640), (720, 1280)])
def test_slow_motion_is_not_a_freeze(shape: tuple[int, int]) -> None:
    pictures = [_gradient(n, shape) for n in range(40)]
    pictures += [pictures[-1]] * 20  # and then a real freeze of 0.8 s
    pictures += [_gradient(n, shape) for n in range(40, 50)]
    ours, theirs = _both(pictures)
    _, ffmpeg_freeze = theirs.close()
    assert _close_enough(ours.freeze(), ffmpeg_freeze, FRAME)
    (frozen,) = ours.freeze()
    assert frozen.start_s <= Decimal("1.560")  # not before the last moving picture
    assert frozen.end_s == Decimal("2.400")


def test_noisy_near_black_is_judged_like_blackdetect() -> None:
    """Sensor noise around black, subsampled (every 3rd sample of every 15th line)."""
    shape = (720, 1280)
    assert sample_step(shape[0]) == (15, 3)
    rng = np.random.default_rng(3)

    def noisy(bright_share: float) -> Luma:
        picture = rng.integers(16, 34, shape, dtype=np.uint16)
        bright = rng.random(shape) < bright_share
        picture[bright] = rng.integers(60, 200, int(bright.sum()), dtype=np.uint16)
        return picture

    pictures = [noisy(0.5) for _ in range(5)]
    pictures += [noisy(0.005) for _ in range(10)]  # 99.5 % dark: black
    pictures += [noisy(0.06) for _ in range(10)]  # 94 % dark: not black
    pictures += [noisy(0.01) for _ in range(10)]  # 99 % dark: black to the end
    ours, theirs = _both(pictures)
    ffmpeg_black, _ = theirs.close()
    assert _close_enough(ours.black(), ffmpeg_black, FRAME)
    assert len(ours.black()) == 2


def test_rgb_pictures_are_read_through_grey() -> None:
    black = np.zeros((240, 320, 3), dtype=np.uint8)
    grey = np.full((240, 320, 3), 128, dtype=np.uint8)
    ours = PictureDetector(Detection(), TIME_BASE, Fraction(0), TIME_BASE)
    for n, picture in enumerate([grey] * 3 + [black] * 5 + [grey + k for k in range(5)]):
        frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
        frame.pts = n
        frame.time_base = TIME_BASE
        ours.push(frame)
    assert ours.black() == (Run(Decimal("0.120"), Decimal("0.320")),)


def _interlaced_clip(path: Path) -> None:
    """MPEG-2, 720×576 interlaced-coded: grey, black for 0.8 s, still for 0.8 s, moving."""

    def ramp(shift: int) -> Luma:
        columns = 30 + (np.arange(720) + shift * 8) % 720 * 190 // 720  # smooth: codes cleanly
        return np.broadcast_to(columns.astype(np.uint8), (864, 720)).copy()

    with av.open(str(path), "w", format="nut") as container:
        stream = container.add_stream("mpeg2video", rate=RATE)
        stream.width, stream.height, stream.pix_fmt = 720, 576, "yuv420p"
        stream.codec_context.options = {"flags": "+ilme+ildct", "qscale": "2"}
        stream.codec_context.qmax = 2
        for n in range(60):
            if n < 10:
                picture = np.full((864, 720), 100 + n, dtype=np.uint8)
            elif n < 30:
                picture = np.full((864, 720), 16, dtype=np.uint8)
            else:
                picture = ramp(30 if n < 50 else n)
            frame = av.VideoFrame.from_ndarray(picture, format="yuv420p")
            frame.pts = n
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)


@dataclass(frozen=True, slots=True)
class _Compared:
    ours_black: tuple[Run, ...]
    ffmpeg_black: tuple[Run, ...]
    ours_freeze: tuple[Run, ...]
    ffmpeg_freeze: tuple[Run, ...]
    frame_s: Decimal
    interlaced: bool

    def agree(self) -> bool:
        return _close_enough(self.ours_black, self.ffmpeg_black, self.frame_s) and (
            _close_enough(self.ours_freeze, self.ffmpeg_freeze, self.frame_s)
        )


def _file_runs(path: Path) -> _Compared:
    """Decode ``path`` once, feeding every picture to both detectors."""
    detection = Detection()
    with av.open(str(path)) as container:
        stream: Any = container.streams.video[0]
        stream.thread_type = "AUTO"
        time_base = Fraction(stream.time_base)
        frame_s = 1 / Fraction(stream.average_rate)
        origin = (stream.start_time or 0) * time_base
        ours = PictureDetector(detection, time_base, origin, frame_s)
        theirs = _FFmpeg(detection, origin, template=stream)
        interlaced = False
        for frame in container.decode(stream):
            interlaced = interlaced or bool(frame.interlaced_frame)
            ours.push(frame)
            theirs.push(frame, frame_s)
        black, freeze = theirs.close()
    return _Compared(ours.black(), black, ours.freeze(), freeze, seconds(frame_s), interlaced)


def test_an_interlaced_clip(tmp_path: Path) -> None:
    path = tmp_path / "interlaced.nut"
    _interlaced_clip(path)
    found = _file_runs(path)
    assert found.interlaced  # the decoder did flag the pictures interlaced
    assert found.agree(), found
    # pictures 10–29 black, 30–49 still; the MPEG-2 encoder's pts start one frame in
    assert found.ours_black == (Run(Decimal("0.440"), Decimal("1.240")),)
    assert Run(Decimal("1.240"), Decimal("2.040")) in found.ours_freeze
    result = analyse(path)  # and through analyse(): decode thread + detector thread
    assert (result.black, result.freeze) == (found.ours_black, found.ours_freeze)


@pytest.mark.corpus
@pytest.mark.parametrize(
    "name",
    [
        "B001C001_250101_DEFECTS.mov",  # H.264 8-bit 4:2:0, 29.97, black + frozen
        "A001C001_250101_R1AB.mov",  # ProRes 10-bit 4:2:2, a small moving inset
        "A001C002_250101_R1AB.mxf",  # DNxHR 8-bit 4:2:2, MXF
    ],
)
def test_the_corpus_like_ffmpeg(corpus_dir: Path, name: str) -> None:
    found = _file_runs(corpus_dir / "media" / name)
    assert found.agree(), found
    if name.startswith("B001"):
        assert found.ours_black == (Run(Decimal("3.003"), Decimal("5.005")),)
        assert Run(Decimal("6.006"), Decimal("8.008")) in found.ours_freeze
    else:
        assert found.ours_black == found.ours_freeze == ()


def test_a_detector_failure_reaches_the_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "interlaced.nut"
    _interlaced_clip(path)

    def broken(self: PictureDetector, picture: Sampled) -> None:
        raise RuntimeError("detector broke")  # on the detector thread

    monkeypatch.setattr(PictureDetector, "take", broken)
    with pytest.raises(RuntimeError, match="detector broke"):
        analyse_module.analyse(path)


def test_buffer_written_in_place() -> None:
    """The helper really writes through the padded planes (guards the tests above)."""
    frame = _frame(_flat(16, (244, 722)))
    plane = frame.planes[0]
    assert plane.line_size > plane.width
    assert frame.to_ndarray()[:244].max() == 16
