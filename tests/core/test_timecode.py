# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regie.core.errors import ValidationError
from regie.core.timecode import Timecode

RATES = [Fraction(24), Fraction(25), Fraction(24000, 1001), Fraction(30), Fraction(50)]
DROP_RATES = [Fraction(30000, 1001), Fraction(60000, 1001)]


def test_parse_and_format_25() -> None:
    tc = Timecode.parse("10:00:00:00", 25)
    assert tc.frames == 900_000
    assert str(tc) == "10:00:00:00"
    assert tc.seconds == 36_000


def test_drop_frame_known_values() -> None:
    rate = Fraction(30000, 1001)
    # 00:01:00;02 is the first frame of minute 1 in drop-frame: frame 1800.
    assert Timecode.parse("00:01:00;02", rate).frames == 1800
    assert str(Timecode(1800, rate, drop_frame=True)) == "00:01:00;02"
    # Every tenth minute keeps frames 0 and 1.
    assert str(Timecode(17982, rate, drop_frame=True)) == "00:10:00;00"


def test_nonexistent_drop_frame_label() -> None:
    with pytest.raises(ValidationError, match="does not exist"):
        Timecode.parse("00:01:00;00", Fraction(30000, 1001))


@pytest.mark.parametrize("bad", ["1:2:3", "00:00:00:25", "00:61:00:00", "aa:bb:cc:dd"])
def test_bad_timecode(bad: str) -> None:
    with pytest.raises(ValidationError):
        Timecode.parse(bad, 25)


@given(st.integers(min_value=0, max_value=24 * 3600 * 60 - 1), st.sampled_from(RATES))
def test_round_trip_non_drop(frames: int, rate: Fraction) -> None:
    tc = Timecode(frames, rate)
    assert Timecode.parse(str(tc), rate) == tc


@given(st.integers(min_value=0, max_value=24 * 3600 * 59), st.sampled_from(DROP_RATES))
def test_round_trip_drop(frames: int, rate: Fraction) -> None:
    tc = Timecode(frames, rate, drop_frame=True)
    assert Timecode.parse(str(tc), rate) == tc
