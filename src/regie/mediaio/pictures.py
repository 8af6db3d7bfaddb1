# SPDX-License-Identifier: AGPL-3.0-or-later
"""Black and frozen pictures in decoded frames: FFmpeg's ``blackdetect`` and
``freezedetect`` definitions computed in numpy on subsampled planes.

Why not the filters themselves: on the 2-core dev machine a full-resolution
``blackdetect → freezedetect`` graph costs 0.4–1.4 ms a 1080p frame (its black count is
plain C, and the 10-bit difference has no SIMD) and competes with the threaded decoder,
which held full QC to 0.63–0.72× decode-only speed. Gathering a grid of samples straight
from the decoder's buffers (strided numpy views shaped with each plane's ``line_size``)
into one small float32 buffer, then counting and differencing that, costs about 0.1 ms.

The definitions, as FFmpeg 8 writes them:

* **black** (``blackdetect``): a luma sample is black when it is at most
  ``pix_th`` of the luma range above black — ``16·f + pix_th·219·f`` (truncated to an
  integer, ``f = 2^(depth-8)``) in limited range, ``pix_th·(2^depth - 1)`` in full range
  (``color_range`` JPEG or a ``yuvj`` format); a picture is black when the share of black
  luma samples is at least ``pic_th``. A run starts at the first black picture's time and
  ends at the next picture's time.
* **frozen** (``freezedetect``): a picture is frozen when the mean absolute difference
  of all its planes' samples with the *reference* picture, relative to ``2^depth``, is at
  most ``10^(noise/20)``; the reference is the last picture that was not frozen (so slow
  motion, which drifts away from it, is never frozen — comparing with the previous
  picture would call it frozen). A run is reported once it lasts ``d`` from the
  reference's time (in µs, rounded as FFmpeg does) and ends at the first picture that
  differs again; one still at the end runs to the end of the pictures.

Sampling: every plane is read on every ``k``-th line and, on those lines, every
``max(1, k // 4)``-th sample, ``k = height // 48`` (22 and 5 at 1080 lines, 15 and 3 at
720, 45 and 11 at 2160; whole pictures under 96 lines, where the result is FFmpeg's
exactly): 19 200 luma and 9 600 chroma samples a 1080p 4:2:0 picture. Fewer lines with
more samples each, because reading a sample brings its whole cache line in from memory:
the cost is in the lines read. Black and frozen are shares and means over the whole
picture, which such a grid estimates within a few percent of their value; a picture whose
share of black samples or whose difference sits that close to a threshold may be judged
otherwise than by FFmpeg (a still whose coding noise is −62 dB, say, a whisker under the
−60 dB tolerance). The tests hold the corpus and generated clips clear of the thresholds
to ±1 frame of FFmpeg, and pictures under 96 lines to exactly FFmpeg's runs. Pixel
formats without a luma plane of their own (RGB, packed YUV, float) are converted to 8-bit
grey first (slow, rare for camera originals).

Times are exact: the picture's ``pts`` times its time base, from the stream's start.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from typing import Any

import av
import numpy as np
import numpy.typing as npt

from regie.media.clips import Run, seconds
from regie.media.spec import Detection

__all__ = ["PictureDetector", "Sampled", "black_level", "sample_step"]

_GRID_LINES = 48  # lines read whatever the picture's height (about)
_LINE_TO_SAMPLE = 4  # a line read is read every (line step / 4) samples: see the doc
_FULL_RANGE = 2  # AVCOL_RANGE_JPEG
_MICROSECONDS = 1_000_000

Grid = npt.NDArray[np.float32]


def sample_step(height: int) -> tuple[int, int]:
    """Every how many lines, and every how many samples of those lines, a picture of
    ``height`` lines is read."""
    lines = max(1, height // _GRID_LINES)
    return lines, max(1, lines // _LINE_TO_SAMPLE)


def black_level(depth: int, *, full: bool, pixel_threshold: float) -> int:
    """The highest luma code counted as black (``blackdetect``'s ``pixel_black_th_i``)."""
    factor = 1 << (depth - 8)
    if full:
        return int(pixel_threshold * ((1 << depth) - 1))
    return int(16 * factor + pixel_threshold * (235 - 16) * factor)


@dataclass(frozen=True, slots=True)
class _Layout:
    """How a pixel format is read: converted to grey first or not, the numpy type of a
    sample, bits per sample, whether the format is full range, and how many components
    each plane interleaves (2 for the chroma plane of NV12)."""

    convert: bool
    dtype: np.dtype[Any]
    depth: int
    full: bool
    interleaved: tuple[int, ...]


_GREY = _Layout(True, np.dtype(np.uint8), 8, full=False, interleaved=(1,))


@cache
def _layout(name: str) -> _Layout:
    fmt = av.VideoFormat(name)
    components = fmt.components
    depth = components[0].bits if components else 0
    planes = max((c.plane for c in components), default=-1) + 1
    interleaved = tuple(sum(1 for c in components if c.plane == p) for p in range(planes))
    usable = bool(components) and components[0].is_luma and interleaved[0] == 1
    if not usable or not 8 <= depth <= 16 or fmt.is_rgb or "f16" in name or "f32" in name:
        return _GREY
    dtype = np.dtype(np.uint8 if depth == 8 else (">u2" if name.endswith("be") else "<u2"))
    return _Layout(False, dtype, depth, name.startswith("yuvj"), interleaved)


def _planes(frame: Any) -> tuple[list[npt.NDArray[Any]], _Layout, bool]:
    """Every plane of ``frame`` as a 2-D numpy view of the decoder's buffer (of a grey
    copy for formats without a luma plane of their own), luma first; the layout; whether
    the picture is full range."""
    layout = _layout(frame.format.name)
    if layout.convert:
        frame = frame.reformat(format="gray")
    views = []
    for plane, components in zip(frame.planes, layout.interleaved, strict=False):
        flat = np.frombuffer(plane, layout.dtype)
        per_line = plane.line_size // layout.dtype.itemsize
        lines = min(plane.height, flat.size // per_line)
        views.append(
            flat[: lines * per_line].reshape(lines, per_line)[:, : plane.width * components]
        )
    return views, layout, layout.full or frame.color_range == _FULL_RANGE


class _Grid:
    """Where the samples of a picture of given plane shapes are read."""

    def __init__(self, shapes: list[tuple[int, ...]]) -> None:
        self.shapes = shapes
        self.lines, self.across = sample_step(shapes[0][0])
        self.grids = [
            (-(-lines // self.lines), -(-width // self.across)) for lines, width in shapes
        ]
        self.count = sum(lines * width for lines, width in self.grids)
        self.luma = self.grids[0][0] * self.grids[0][1]

    def read(self, planes: list[npt.NDArray[Any]]) -> Grid:
        """The grid's samples of every plane, luma first, in one new flat buffer."""
        found: Grid = np.empty(self.count, np.float32)
        at = 0
        for plane, (lines, width) in zip(planes, self.grids, strict=True):
            size = lines * width
            np.copyto(
                found[at : at + size].reshape(lines, width), plane[:: self.lines, :: self.across]
            )
            at += size
        return found


@dataclass(frozen=True, slots=True)
class Sampled:
    """What the detectors keep of one picture: its pts, its samples (every plane, luma
    first), the grid they came from, its black level and its bit depth."""

    pts: int
    samples: Grid
    grid: _Grid
    level: int
    depth: int


class PictureDetector:
    """Black and frozen runs of a stream's pictures, in seconds from ``origin`` (times are
    the pictures' ``pts`` in ``time_base``; ``frame_s`` is one frame's duration).

    Feed every decoded picture in order to :meth:`push`, or split the work:
    :meth:`sample` on the thread that decodes (it reads the decoder's buffers, which can
    then be freed at once) and :meth:`take` on another, in the same order."""

    def __init__(
        self, detection: Detection, time_base: Fraction, origin: Fraction, frame_s: Fraction
    ) -> None:
        self.pixel_threshold = float(detection.black_pixel_threshold)
        self.picture_ratio = float(detection.black_picture_ratio)
        self.noise = 10 ** (float(detection.freeze_noise_db) / 20)
        self.min_freeze_us = int(detection.freeze_min_s * _MICROSECONDS)
        self.time_base = time_base
        self.origin = origin
        self.frame_s = frame_s
        self.frames = 0
        self._grid: _Grid | None = None
        self._last_pts: int | None = None
        self._last_end: int | None = None  # highest pts seen
        self._difference: Grid | None = None
        self._black_from: int | None = None
        self._blacks: list[tuple[int, int | None]] = []
        self._reference: tuple[Sampled, int] | None = None  # picture, its number
        self._frozen = False
        self._freezes: list[tuple[int, int | None]] = []

    def push(self, frame: Any) -> None:
        self.take(self.sample(frame))

    def sample(self, frame: Any) -> Sampled:
        """Read what the detectors need of ``frame`` (the decoding thread's part)."""
        pts = self._pts(frame)
        planes, layout, full = _planes(frame)
        grid = self._grid
        shapes = [p.shape for p in planes]
        if grid is None or grid.shapes != shapes:
            grid = self._grid = _Grid(shapes)
        level = black_level(layout.depth, full=full, pixel_threshold=self.pixel_threshold)
        return Sampled(pts, grid.read(planes), grid, level, layout.depth)

    def take(self, picture: Sampled) -> None:
        """Judge a sampled picture (pictures in decoding order)."""
        self.frames += 1
        dark = int(np.count_nonzero(picture.samples[: picture.grid.luma] <= picture.level))
        self._black(picture.pts, dark / picture.grid.luma >= self.picture_ratio)
        self._freeze(picture)

    def _pts(self, frame: Any) -> int:
        """The picture's pts; one frame after the last when the decoder gives none."""
        pts = frame.pts
        if pts is None:
            last = self._last_pts
            pts = 0 if last is None else last + round(self.frame_s / self.time_base)
        pts = int(pts)
        self._last_pts = pts
        self._last_end = pts if self._last_end is None else max(self._last_end, pts)
        return pts

    def _black(self, pts: int, black: bool) -> None:
        if black:
            if self._black_from is None:
                self._black_from = pts
                self._blacks.append((pts, None))
        elif self._black_from is not None:
            self._blacks[-1] = (self._black_from, pts)
            self._black_from = None

    def _freeze(self, picture: Sampled) -> None:
        frozen = False
        reference = self._reference
        if reference is not None and reference[0].grid is not picture.grid:
            reference = None  # a new picture size or format: nothing to compare with
        if reference is not None:
            before, before_n = reference
            mafd = self._sad(picture.samples, before.samples) / picture.grid.count
            frozen = mafd / (1 << picture.depth) <= self.noise
            if self._elapsed_us(picture.pts, before.pts, before_n) >= self.min_freeze_us:
                if not self._frozen:
                    self._freezes.append((before.pts, None))
                if not frozen:
                    self._freezes[-1] = (self._freezes[-1][0], picture.pts)
                self._frozen = frozen
        if not frozen:
            self._reference = (picture, self.frames)

    def _sad(self, samples: Grid, before: Grid) -> float:
        """Sum of absolute differences (float32 sums stay exact far above any limit)."""
        difference = self._difference
        if difference is None or difference.size != samples.size:
            difference = self._difference = np.empty_like(samples)
        np.subtract(samples, before, out=difference)
        return float(np.abs(difference, out=difference).sum())

    def _elapsed_us(self, pts: int, reference_pts: int, reference_n: int) -> int:
        """Time since the reference in µs, rounded like ``av_rescale_q``; counted in
        frames when the pts go backwards."""
        if pts < reference_pts:
            return round((self.frames - reference_n) * self.frame_s * _MICROSECONDS)
        scaled = 2 * (pts - reference_pts) * self.time_base.numerator * _MICROSECONDS
        return (scaled + self.time_base.denominator) // (2 * self.time_base.denominator)

    # -- results -------------------------------------------------------------------------

    @property
    def end_s(self) -> Fraction:
        """Where the pictures end: the last one's time plus one frame, from ``origin``."""
        if self._last_end is None:
            return Fraction(0)
        return max(Fraction(0), self._last_end * self.time_base + self.frame_s - self.origin)

    def _runs(self, marks: list[tuple[int, int | None]]) -> tuple[Run, ...]:
        end = self.end_s
        return tuple(
            Run(
                seconds(begin * self.time_base - self.origin),
                seconds(end if stop is None else stop * self.time_base - self.origin),
            )
            for begin, stop in marks
        )

    def black(self) -> tuple[Run, ...]:
        """Every run of black pictures, however short (the spec's minimum is the judge's)."""
        return self._runs(self._blacks)

    def freeze(self) -> tuple[Run, ...]:
        """Every run of frozen pictures at least ``freeze_min_s`` long."""
        return self._runs(self._freezes)
