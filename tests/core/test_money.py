# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regie.core.errors import ValidationError
from regie.core.money import Money, Rounding, to_decimal


def test_float_refused() -> None:
    with pytest.raises(ValidationError, match="float"):
        Money.of(0.1)


def test_french_decimal_comma_and_spaces() -> None:
    assert to_decimal("1 234,56") == Decimal("1234.56")
    assert to_decimal("1\u202f234,56") == Decimal("1234.56")


def test_not_a_number() -> None:
    with pytest.raises(ValidationError, match="not a number"):
        to_decimal("douze")


def test_currency_mismatch() -> None:
    with pytest.raises(ValidationError, match="EUR and USD"):
        _ = Money.of("1") + Money.of("1", "USD")


def test_rounding_half_up_vs_even() -> None:
    assert Money.of("2.345").rounded().amount == Decimal("2.35")
    assert Money.of("2.345").rounded(Rounding.CENT_HALF_EVEN).amount == Decimal("2.34")


def test_multiply_by_float_refused() -> None:
    with pytest.raises(TypeError):
        _ = Money.of("2") * 1.5  # type: ignore[operator]


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
)
def test_addition_exact(a: Decimal, b: Decimal) -> None:
    assert (Money(a) + Money(b) - Money(b)).amount == a
