# SPDX-License-Identifier: AGPL-3.0-or-later
"""Sound/picture offset from the audio itself: FFT cross-correlation of two mono signals.

The camera's scratch track and the recorder's track hear the same clap, beep or words;
the lag where their cross-correlation peaks is the offset between the two files. Pure
numpy, no I/O: the signals come in as float arrays at one common sample rate.

Sign convention (the same as :class:`regie.media.sync.SyncResult`): ``offset_samples`` is
where the *second* signal (the sound file) starts relative to the first (the picture's
audio), in samples of the common rate — negative when the sound started earlier.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from regie.core.errors import ValidationError
from regie.core.text import t

Signal = npt.NDArray[np.floating]

#: Lags closer than this to the peak are the peak's own side lobes (a 1 kHz beep repeats
#: itself every millisecond for as long as it lasts), not a rival alignment.
DEFAULT_EXCLUSION_S = 0.1


@dataclass(frozen=True, slots=True)
class Correlation:
    """The best alignment of two signals and how much better it is than the next one.

    ``offset_samples``: where the second signal starts relative to the first, in samples
    at ``rate`` (whole samples); ``offset_s`` refines it below a sample by a parabola
    through the peak and its neighbours. ``peak``: normalised correlation coefficient at
    the peak over the overlapping part (-1 … 1; negative means inverted polarity).
    ``second``: the strongest correlation outside ``± exclusion_s`` of the peak, as a
    fraction of the peak (0 … 1). ``confidence`` = ``1 - second``: 0 when another
    alignment matches as well, near 1 when the peak stands alone.
    """

    offset_samples: int
    offset_s: float
    rate: int
    peak: float
    second: float
    exclusion_s: float

    @property
    def confidence(self) -> float:
        return max(0.0, min(1.0, 1.0 - self.second))


def _centred(signal: Signal, name: str) -> npt.NDArray[np.float64]:
    array = np.asarray(signal, dtype=np.float64)
    if array.ndim != 1 or array.size == 0:
        raise ValidationError(
            t("the {name} signal must be a non-empty mono array", name=name), field=name
        )
    centred: npt.NDArray[np.float64] = array - array.mean()
    return centred


def cross_correlate(
    first: Signal,
    second: Signal,
    rate: int,
    *,
    search_s: tuple[float, float] | None = None,
    exclusion_s: float = DEFAULT_EXCLUSION_S,
) -> Correlation:
    """Align ``second`` on ``first`` (both mono, both at ``rate`` Hz).

    ``search_s``: the range of offsets (seconds, same sign as ``offset_s``) allowed; by
    default every offset where the two overlap. The peak is the largest absolute raw
    correlation (a matched filter: longer overlaps of the same sound weigh more).
    """
    if rate <= 0:
        raise ValidationError(t("the sample rate must be positive, not {rate}", rate=rate))
    a = _centred(first, "first")
    b = _centred(second, "second")
    size = a.size + b.size - 1
    nfft = fast_length(size)
    # raw[k] = Σ a[n]·b[n + k]: k = -offset (b's sample aligned with a's first sample).
    raw = np.fft.irfft(np.conj(np.fft.rfft(a, nfft)) * np.fft.rfft(b, nfft), nfft)
    # Offsets -(b.size-1) … a.size-1 in increasing order, i.e. k from b.size-1 down to
    # 0, then the negative k (stored from the end of the circular result).
    values = np.concatenate((raw[b.size - 1 :: -1], raw[nfft - 1 : nfft - a.size : -1]))
    first_offset = -(b.size - 1)
    low_index, high_index = 0, values.size
    if search_s is not None:
        low, high = sorted(search_s)
        low_index = max(0, math.floor(low * rate) - first_offset)
        high_index = min(values.size, math.ceil(high * rate) - first_offset + 1)
        if low_index >= high_index:
            raise ValidationError(
                t(
                    "no offset between {low} s and {high} s lets the two signals overlap",
                    low=low,
                    high=high,
                ),
                field="search",
            )
    magnitude = np.abs(values[low_index:high_index])
    local = int(np.argmax(magnitude))
    peak_raw = float(magnitude[local])
    offset = first_offset + low_index + local
    guard = max(1, round(exclusion_s * rate))
    before, after = magnitude[: max(0, local - guard)], magnitude[local + guard + 1 :]
    rival = max([float(part.max()) for part in (before, after) if part.size], default=0.0)
    second_share = rival / peak_raw if peak_raw > 0 else 1.0
    return Correlation(
        offset_samples=offset,
        offset_s=(offset + _parabolic(magnitude, local)) / rate,
        rate=rate,
        peak=_coefficient(a, b, offset, float(values[low_index + local])),
        second=second_share,
        exclusion_s=exclusion_s,
    )


def fast_length(size: int) -> int:
    """The smallest 2^a·3^b·5^c ≥ ``size``: FFT lengths pocketfft handles fast, up to
    twice shorter than the next power of two."""
    best = 1 << max(0, size - 1).bit_length()
    five = 1
    while five < best:
        three = five
        while three < best:
            length = three
            while length < size:
                length *= 2
            best = min(best, length)
            three *= 3
        five *= 5
    return best


def _parabolic(values: npt.NDArray[np.float64], index: int) -> float:
    """Sub-sample position of a peak from its two neighbours (0 at the edges)."""
    if index <= 0 or index >= values.size - 1:
        return 0.0
    left, centre, right = values[index - 1], values[index], values[index + 1]
    denominator = left - 2 * centre + right
    if denominator >= 0:
        return 0.0
    return float(0.5 * (left - right) / denominator)


def _coefficient(
    a: npt.NDArray[np.float64], b: npt.NDArray[np.float64], offset: int, raw: float
) -> float:
    """The raw correlation at ``offset`` normalised by the energies of the overlap."""
    start = max(0, offset)  # in a's samples
    stop = min(a.size, offset + b.size)
    energy_a = float(np.dot(a[start:stop], a[start:stop]))
    energy_b = float(np.dot(b[start - offset : stop - offset], b[start - offset : stop - offset]))
    if energy_a <= 0 or energy_b <= 0:
        return 0.0
    return raw / math.sqrt(energy_a * energy_b)
