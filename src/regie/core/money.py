# SPDX-License-Identifier: AGPL-3.0-or-later
"""Money: a ``Decimal`` amount with its ISO 4217 currency. Never float.

Rounding happens only where a rule says so, through a named :class:`Rounding`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, InvalidOperation
from enum import Enum

from regie.core.errors import ValidationError
from regie.core.text import t


class Rounding(Enum):
    """Named rounding rules. ``CENT_HALF_UP`` is the French payroll and accounting habit."""

    CENT_HALF_UP = ("0.01", ROUND_HALF_UP)
    CENT_HALF_EVEN = ("0.01", ROUND_HALF_EVEN)
    EURO_HALF_UP = ("1", ROUND_HALF_UP)

    @property
    def quantum(self) -> Decimal:
        return Decimal(self.value[0])

    @property
    def mode(self) -> str:
        return str(self.value[1])


def to_decimal(value: object, *, field: str = "amount") -> Decimal:
    """Read a user value as a Decimal; floats are refused (they carry binary error)."""
    if isinstance(value, (bool, float)):
        raise ValidationError(
            t(
                "{value} is a float; give money as a decimal string or an integer",
                value=repr(value),
            ),
            field=field,
            hint=t("Write the amount as text, e.g. '1234.56'"),
        )
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        try:
            result = Decimal(value.strip().replace("\u202f", "").replace(" ", "").replace(",", "."))
        except InvalidOperation:
            raise ValidationError(
                t("'{value}' is not a number", value=value),
                field=field,
                hint=t("Write e.g. '1234.56'"),
            ) from None
    else:
        raise ValidationError(t("{value} is not an amount", value=repr(value)), field=field)
    if not result.is_finite():
        raise ValidationError(t("'{value}' is not a finite amount", value=value), field=field)
    return result


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount in one currency. Arithmetic across currencies is refused."""

    amount: Decimal
    currency: str = "EUR"

    def __post_init__(self) -> None:
        # Guard against callers that bypass the type checker (values from YAML, forms).
        amount: object = self.amount
        if not isinstance(amount, Decimal):
            object.__setattr__(self, "amount", to_decimal(amount))
        if len(self.currency) != 3 or not self.currency.isupper():
            raise ValidationError(
                t("'{currency}' is not an ISO 4217 currency code", currency=self.currency),
                field="currency",
                hint=t("Write three capital letters, e.g. EUR"),
            )

    @classmethod
    def of(cls, value: object, currency: str = "EUR") -> Money:
        return cls(to_decimal(value), currency)

    @classmethod
    def zero(cls, currency: str = "EUR") -> Money:
        return cls(Decimal(0), currency)

    def _same(self, other: Money) -> None:
        if self.currency != other.currency:
            raise ValidationError(
                t(
                    "cannot combine {first} and {second} amounts",
                    first=self.currency,
                    second=other.currency,
                ),
                field="currency",
            )

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, float):
            raise TypeError("multiply money by a Decimal or int, never a float")
        return Money(self.amount * Decimal(factor), self.currency)

    __rmul__ = __mul__

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.amount <= other.amount

    def rounded(self, rule: Rounding = Rounding.CENT_HALF_UP) -> Money:
        return Money(self.amount.quantize(rule.quantum, rounding=rule.mode), self.currency)

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"
