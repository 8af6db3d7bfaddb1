# SPDX-License-Identifier: AGPL-3.0-or-later
"""SMPTE timecode as an exact frame count at a rational rate.

Drop-frame counting (29.97, 59.94) follows SMPTE 12M: frame numbers 0 and 1 (0-3 at 59.94)
are skipped at the start of each minute except every tenth minute.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from regie.core.errors import ValidationError
from regie.core.text import t

_TC = re.compile(r"^(\d{1,2}):(\d{2}):(\d{2})([:;.,])(\d{2,3})$")


def _nominal(rate: Fraction) -> int:
    return round(rate)


def is_drop_frame_rate(rate: Fraction) -> bool:
    return rate.denominator == 1001 and _nominal(rate) in (30, 60)


@dataclass(frozen=True, slots=True, order=True)
class Timecode:
    """``frames`` counted from 00:00:00:00 at ``rate`` frames per second."""

    frames: int
    rate: Fraction
    drop_frame: bool = False

    def __post_init__(self) -> None:
        if self.rate <= 0:
            raise ValidationError(
                t("the frame rate must be positive, not {rate}", rate=self.rate), field="rate"
            )
        if self.drop_frame and not is_drop_frame_rate(self.rate):
            raise ValidationError(
                t(
                    "drop-frame timecode exists only at 30000/1001 and 60000/1001, not at {rate}",
                    rate=self.rate,
                ),
                field="rate",
            )
        if self.frames < 0:
            raise ValidationError(
                t("a timecode cannot be negative ({frames} frames)", frames=self.frames),
                field="frames",
            )

    @classmethod
    def parse(cls, text: str, rate: Fraction | int | str) -> Timecode:
        """Read ``HH:MM:SS:FF`` (``;`` or ``.`` before the frames marks drop-frame)."""
        fps = Fraction(rate)
        match = _TC.match(text.strip())
        if not match:
            raise ValidationError(
                t("'{text}' is not a timecode", text=text),
                field="timecode",
                hint=t("Write HH:MM:SS:FF"),
            )
        hh, mm, ss, sep, ff = match.groups()
        h, m, s, f = int(hh), int(mm), int(ss), int(ff)
        nominal = _nominal(fps)
        if m > 59 or s > 59 or f >= nominal:
            raise ValidationError(
                t("'{text}' is out of range at {fps} frames per second", text=text, fps=fps),
                field="timecode",
            )
        drop = sep in ";.," and is_drop_frame_rate(fps)
        total_minutes = h * 60 + m
        frames = (total_minutes * 60 + s) * nominal + f
        if drop:
            dropped = 2 if nominal == 30 else 4
            if s == 0 and f < dropped and m % 10 != 0:
                raise ValidationError(
                    t("'{text}' does not exist in drop-frame timecode", text=text),
                    field="timecode",
                    hint=t("Drop-frame skips frames 0 and 1 of each minute except every tenth"),
                )
            frames -= dropped * (total_minutes - total_minutes // 10)
        return cls(frames, fps, drop)

    def __str__(self) -> str:
        nominal = _nominal(self.rate)
        frames = self.frames
        if self.drop_frame:
            dropped = 2 if nominal == 30 else 4
            per_10min = nominal * 600 - dropped * 9
            per_min = nominal * 60 - dropped
            tens, rem = divmod(frames, per_10min)
            if rem >= dropped:
                frames += dropped * 9 * tens + dropped * ((rem - dropped) // per_min)
            else:
                frames += dropped * 9 * tens
        f = frames % nominal
        total_seconds = frames // nominal
        s = total_seconds % 60
        m = (total_seconds // 60) % 60
        h = total_seconds // 3600
        sep = ";" if self.drop_frame else ":"
        return f"{h:02d}:{m:02d}:{s:02d}{sep}{f:02d}"

    @property
    def seconds(self) -> Fraction:
        """Elapsed real time since frame zero (exact)."""
        return Fraction(self.frames) / self.rate

    def __add__(self, frames: int) -> Timecode:
        return Timecode(self.frames + frames, self.rate, self.drop_frame)
