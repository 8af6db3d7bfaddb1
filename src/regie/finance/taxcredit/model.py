# SPDX-License-Identifier: AGPL-3.0-or-later
"""The French production tax credits as data: a case (which credit, which genre, the
production's figures), the spend lines it may be derived from, and the result with its
trace. Pure frozen dataclasses; amounts are ``Decimal`` euros.

* :class:`Credit` — crédit d'impôt cinéma and audiovisuel (CGI art. 220 sexies) and the
  crédit d'impôt international (C2I / TRIP, CGI art. 220 quaterdecies).
* :class:`TaxCreditCase` — the regime and the inputs of one computation. Rates, tiers and
  ceilings are never part of a case: they come from regie's rule packs.
* :class:`TraceStep` — one step of the computation with the article it applies, the
  ``pack@version`` key it read and that value's status and sources.
* :class:`TaxCreditResult` — the figures (each ``None`` where the regime has no such
  figure), the trace and the flags (conditions whose values are unverified, dates past a
  credit's end, caps the references leave open).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from regie.core.text import Text
from regie.rules.pack import Status


class Credit(StrEnum):
    CINEMA = "cinema"  # crédit d'impôt cinéma, CGI 220 sexies
    AUDIOVISUAL = "audiovisual"  # crédit d'impôt audiovisuel, CGI 220 sexies
    INTERNATIONAL = "international"  # C2I / TRIP, CGI 220 quaterdecies


class Genre(StrEnum):
    FICTION = "fiction"
    DOCUMENTARY = "documentary"
    ANIMATION = "animation"
    LIVE_SHOW = "live_show"  # adaptation audiovisuelle de spectacle (captation)


PACK_IDS: dict[Credit, str] = {
    Credit.CINEMA: "taxcredit-cinema",
    Credit.AUDIOVISUAL: "taxcredit-audiovisual",
    Credit.INTERNATIONAL: "taxcredit-international",
}


@dataclass(frozen=True, slots=True)
class Coproducer:
    """A delegated producer of a coproduction and its eligible expenses (BOI 2006: the
    credit is split by each one's share of eligible spend, the ceiling is per work)."""

    name: str
    eligible_expenses: Decimal


@dataclass(frozen=True, slots=True)
class TaxCreditInputs:
    """What the production states. ``None``: not stated (a step that needs it says so)."""

    eligible_expenses: Decimal  # French eligible spend, € (stated, or derived from lines)
    minutes: Decimal | None = None  # minutes produced and delivered
    production_cost: Decimal | None = None  # budget / final cost of the work, €
    subsidies: Decimal = Decimal(0)  # public subsidies to deduct from the base, €
    other_public_aid: Decimal | None = None  # public aid other than this credit, €
    difficult_work: bool = False  # œuvre difficile (1st/2nd film; RGA 311-19 for TV)
    low_budget: bool | None = None  # None: derived from the budget where a rule defines it
    french_language: bool | None = None  # cinema: made wholly or mainly in French
    digital_shots_share: Decimal | None = None  # share of digitally processed shots, 0..1
    vfx_expenses: Decimal | None = None  # French VFX eligible spend (C2I 40 %), €
    shooting_days_france: int | None = None  # C2I live action
    french_share: Decimal | None = None  # French share of an international coproduction
    coproducers: tuple[Coproducer, ...] = ()


@dataclass(frozen=True, slots=True)
class TaxCreditCase:
    credit: Credit
    genre: Genre
    inputs: TaxCreditInputs
    on: dt.date  # the day whose rules apply (financial year, expenses)
    case_id: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class TraceStep:
    """One step: what was computed (``label``), the figure, how (``formula``), the article
    it applies and the rule value it read (``rule`` = ``pack@version key``) with that
    value's status and sources (``citation``)."""

    key: str  # stable identifier: "rate", "per_minute_cap", "work_cap", "credit"…
    label: Text
    value: Decimal | bool | None
    formula: str  # "800000 × 0.25 = 200000.00"; plain figures, no words
    article: str
    rule: str | None = None
    status: Status | None = None
    citation: str = ""


@dataclass(frozen=True, slots=True)
class ProducerShare:
    name: str
    eligible_expenses: Decimal
    credit: Decimal


@dataclass(frozen=True, slots=True)
class TaxCreditResult:
    """The computed credit. Money is rounded to the cent (half up) where stated."""

    case: TaxCreditCase
    eligible: bool
    rate: Decimal | None
    credit: Decimal
    trace: tuple[TraceStep, ...]
    flags: tuple[Text, ...]
    packs: tuple[str, ...]
    cost_per_minute: Decimal | None = None
    eligible_spend_per_minute: Decimal | None = None
    per_minute_cap: Decimal | None = None
    work_cap: Decimal | None = None
    eligible_expenses: Decimal | None = None
    base_cap: Decimal | None = None  # 80 % of the budget (where it applies)
    subsidies_deducted: Decimal | None = None
    base: Decimal | None = None  # the base the rate applies to
    credit_before_cap: Decimal | None = None
    cap_binding: bool | None = None
    credit_after_cap: Decimal | None = None
    aid_ceiling: Decimal | None = None
    aid_excess: Decimal | None = None
    aid_intensity: Decimal | None = None  # (other aid + credit) / budget
    shares: tuple[ProducerShare, ...] = ()

    def fields(self) -> dict[str, Decimal | bool | None]:
        """The named output figures (the names of the shared test cases), in print order;
        figures a regime does not have are left out."""
        named: dict[str, Decimal | bool | None] = {
            "eligible": self.eligible,
            "rate": self.rate,
            "cost_per_minute_eur": self.cost_per_minute,
            "eligible_spend_per_minute_eur": self.eligible_spend_per_minute,
            "per_minute_cap_eur": self.per_minute_cap,
            "work_cap_eur": self.work_cap,
            "eligible_expenses_eur": self.eligible_expenses,
            "base_cap_eur": self.base_cap,
            "subsidies_deducted_eur": self.subsidies_deducted,
            "eligible_base_eur": self.base,
            "credit_before_cap_eur": self.credit_before_cap,
            "cap_binding": self.cap_binding,
            "credit_after_cap_eur": self.credit_after_cap,
            "aid_ceiling_eur": self.aid_ceiling,
            "aid_excess_eur": self.aid_excess,
            "aid_intensity": self.aid_intensity,
            "credit_eur": self.credit,
        }
        return {k: v for k, v in named.items() if v is not None}
