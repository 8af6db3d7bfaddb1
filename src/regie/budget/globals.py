# SPDX-License-Identifier: AGPL-3.0-or-later
"""The production's globals (shoot days, prep and wrap weeks, episodes) and quantities
written in terms of them.

A line's quantity is stored as a ``Decimal`` (:class:`~regie.budget.model.BudgetLine`);
where a production manager writes ``shoot_days`` or ``2*prep_weeks`` instead of a figure,
:func:`resolve_quantity` turns the expression into that ``Decimal`` with the budget's
globals. The grammar is deliberately tiny — factors joined by ``*`` (or ``×``), each an
unsigned number (``2``, ``1.5``, ``1,5``) or a global's name — read by hand, never
evaluated as Python.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Final

from regie.budget.model import BudgetLine
from regie.core.errors import ValidationError
from regie.core.text import Text, t

GLOBAL_NAMES: Final = ("shoot_days", "prep_weeks", "wrap_weeks", "episodes")

_NUMBER: Final = re.compile(r"\d+(?:[.,]\d+)?")
_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TIMES: Final = re.compile(r"[*×]")
_MAX_LENGTH: Final = 200


@dataclass(frozen=True, slots=True)
class Globals:
    """The figures most lines of a devis are multiples of."""

    shoot_days: Decimal = Decimal(0)
    prep_weeks: Decimal = Decimal(0)
    wrap_weeks: Decimal = Decimal(0)
    episodes: Decimal = Decimal(1)

    def __post_init__(self) -> None:
        for name in GLOBAL_NAMES:
            value = getattr(self, name)
            if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
                raise ValidationError(
                    t("{value} is not a number of zero or more", value=repr(value)),
                    field=name,
                    hint=t("Write a number, e.g. '25'"),
                )

    def as_mapping(self) -> dict[str, Decimal]:
        """``{"shoot_days": …, …}``: what :attr:`Budget.globals` holds."""
        return {name: getattr(self, name) for name in GLOBAL_NAMES}


def resolve_quantity(expr: str, globals: Mapping[str, Decimal] | Globals) -> Decimal:
    """The quantity ``expr`` stands for: ``"3"``, ``"2,5"``, ``"shoot_days"``,
    ``"2*prep_weeks"``, ``"episodes × 2 × shoot_days"``…

    Raises :class:`~regie.core.errors.ValidationError` (field ``quantity``) for an empty
    expression, a factor that is neither a number nor a known global, or an empty factor.
    """
    values = globals.as_mapping() if isinstance(globals, Globals) else globals
    text = expr.strip()
    if not text:
        raise ValidationError(
            t("the quantity is empty"),
            field="quantity",
            hint=_how(),
        )
    if len(text) > _MAX_LENGTH:
        raise ValidationError(
            t("the quantity expression is longer than {limit} characters", limit=_MAX_LENGTH),
            field="quantity",
            hint=_how(),
        )
    result = Decimal(1)
    for raw in _TIMES.split(text):
        factor = raw.strip()
        if not factor:
            raise ValidationError(
                t("a factor of the quantity '{expr}' is missing", expr=text),
                field="quantity",
                hint=_how(),
            )
        if _NUMBER.fullmatch(factor):
            result *= Decimal(factor.replace(",", "."))
        elif _NAME.fullmatch(factor):
            if factor not in values:
                raise ValidationError(
                    t(
                        "'{name}' in the quantity '{expr}' is not a global of the production",
                        name=factor,
                        expr=text,
                    ),
                    field="quantity",
                    hint=t(
                        "Use one of the globals: {names}",
                        names=", ".join(sorted(values)) or "—",
                    ),
                )
            result *= values[factor]
        else:
            raise ValidationError(
                t(
                    "'{factor}' in the quantity '{expr}' is neither a number nor a global",
                    factor=factor,
                    expr=text,
                ),
                field="quantity",
                hint=_how(),
            )
    return result


def with_quantity(
    line: BudgetLine,
    expr: str,
    globals: Mapping[str, Decimal] | Globals,
) -> BudgetLine:
    """``line`` with its quantity resolved from ``expr`` (see :func:`resolve_quantity`)."""
    return replace(line, quantity=resolve_quantity(expr, globals))


def _how() -> Text:
    return t(
        "Write a number, a global such as {example}, or a number times a global, e.g. {product}",
        example="shoot_days",
        product="2*prep_weeks",
    )
