# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reading a tax-credit rule pack while recording the trace.

:class:`Recorder` is what each regime's computation writes to: it looks a value up in the
pack on the case's date, turns it into ``Decimal`` (never through float), and appends a
:class:`~regie.finance.taxcredit.model.TraceStep` citing the article written in the value
and the ``pack@version key`` with the value's status and sources. Flags (unverified
conditions, dates past a credit's end) are collected beside the steps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Final

from regie.budget.compute import round_cent
from regie.core.errors import RuleError
from regie.core.text import Text, t
from regie.finance.taxcredit.model import TraceStep
from regie.rules.pack import RulePack, RuleValue, Status

# A value the computation may apply. ``unverified`` values are only flagged.
APPLIED: Final = frozenset({Status.VERIFIED, Status.SECONDARY, Status.ESTIMATED})


def number(value: Decimal) -> str:
    """A figure inside a formula: plain digits, no exponent (``208000``, ``0.25``)."""
    return format(value, "f")


def cent(value: Decimal) -> Decimal:
    """Money rounded to the cent, half up (the devis' one rounding)."""
    return round_cent(value)


class Recorder:
    """The trace of one computation over one pack (built and read inside ``compute``)."""

    def __init__(self, pack: RulePack, on: dt.date) -> None:
        self.pack = pack
        self.on = on
        self.steps: list[TraceStep] = []
        self.flags: list[Text] = []

    # -- reading the pack ------------------------------------------------------------------

    def rule(self, key: str) -> RuleValue:
        return self.pack.value(key, self.on)

    def has(self, key: str) -> bool:
        return any(entry.key == key for entry in self.pack)

    def part(self, entry: RuleValue, name: str) -> Decimal:
        """A numeric part of a mapping value (``entry.value[name]``) as a Decimal."""
        if not isinstance(entry.value, Mapping) or name not in entry.value:
            raise RuleError(
                t("rule '{key}' has no part '{part}'", key=entry.key, part=name),
                where=self.pack.path,
                hint=t("Fix the rule pack file"),
            )
        return entry.decimal(name)

    def text(self, entry: RuleValue, name: str, default: str = "") -> str:
        raw = entry.value.get(name) if isinstance(entry.value, Mapping) else None
        return default if raw is None else str(raw)

    @staticmethod
    def article(entry: RuleValue) -> str:
        raw = entry.value.get("article") if isinstance(entry.value, Mapping) else None
        return str(raw) if raw else ""

    def ref(self, entry: RuleValue) -> str:
        return f"{self.pack.ref} {entry.key}"

    # -- writing the trace -----------------------------------------------------------------

    def step(
        self,
        key: str,
        label: Text,
        value: Decimal | bool | None,
        formula: str,
        entry: RuleValue | None = None,
        *,
        article: str | None = None,
    ) -> None:
        self.steps.append(
            TraceStep(
                key=key,
                label=label,
                value=value,
                formula=formula,
                article=article if article is not None else (self.article(entry) if entry else ""),
                rule=self.ref(entry) if entry else None,
                status=entry.status if entry else None,
                citation=entry.citation() if entry else "",
            )
        )

    def flag(self, message: Text) -> None:
        if message not in self.flags:
            self.flags.append(message)

    def flag_unverified(self, entry: RuleValue, why: Text) -> None:
        """A condition whose value the references leave uncertain: said, not enforced."""
        self.flag(
            t(
                "{why} ({rule}, unverified: flagged, not applied)",
                why=why,
                rule=self.ref(entry),
            )
        )
