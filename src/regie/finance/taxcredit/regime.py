# SPDX-License-Identifier: AGPL-3.0-or-later
"""What the three regimes share before the common steps: the figures a regime fills in
(:class:`Figures`, a builder used only inside a computation), whether the genre is one the
credit covers, and the rate step."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from regie.core.text import Text, t
from regie.finance.taxcredit.model import Genre
from regie.finance.taxcredit.trace import Recorder, number


@dataclass(slots=True)
class Figures:
    """The regime-specific figures, filled step by step (not a domain record)."""

    eligible: bool = True
    rate: Decimal | None = None
    cost_per_minute: Decimal | None = None
    eligible_spend_per_minute: Decimal | None = None
    per_minute_cap: Decimal | None = None
    work_cap: Decimal | None = None
    ceiling_key: str | None = None  # the pack key of the ceiling per work
    eligible_expenses: Decimal | None = None


def genre_allowed(rec: Recorder, genre: Genre) -> bool:
    """Whether the pack's ``genres`` list covers ``genre`` (a step says so when not)."""
    rule = rec.rule("genres")
    allowed = [str(g) for g in rule.value] if isinstance(rule.value, list) else []
    ok = genre.value in allowed
    if not ok:
        rec.step(
            "eligible",
            t("The credit does not cover this genre"),
            False,
            f"{genre.value} ∉ {{{', '.join(allowed)}}}",
            rule,
        )
    return ok


def rate_step(rec: Recorder, key: str, label: Text, why: str = "") -> Decimal:
    """The rate of ``key`` (its ``rate`` part), recorded with the article it applies."""
    rule = rec.rule(key)
    rate = rec.part(rule, "rate")
    rec.step("rate", label, rate, f"{why} → {number(rate)}" if why else number(rate), rule)
    return rate
