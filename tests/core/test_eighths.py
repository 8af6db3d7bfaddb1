# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regie.core.eighths import format_eighths, parse_eighths
from regie.core.errors import ValidationError


@pytest.mark.parametrize(
    ("eighths", "text"), [(0, "0"), (3, "3/8"), (8, "1"), (11, "1 3/8"), (16, "2"), (23, "2 7/8")]
)
def test_format(eighths: int, text: str) -> None:
    assert format_eighths(eighths) == text
    assert parse_eighths(text) == eighths


def test_parse_final_draft_forms() -> None:
    assert parse_eighths("1 8/8") == 16
    assert parse_eighths(" 2/8 ") == 2


@pytest.mark.parametrize("bad", ["", "abc", "1/4", "-1", "1 3/7"])
def test_parse_refuses(bad: str) -> None:
    with pytest.raises(ValidationError, match="eighths"):
        parse_eighths(bad)


def test_negative_refused() -> None:
    with pytest.raises(ValidationError):
        format_eighths(-1)


@given(st.integers(min_value=0, max_value=100_000))
def test_round_trip(n: int) -> None:
    assert parse_eighths(format_eighths(n)) == n
