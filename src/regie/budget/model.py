# SPDX-License-Identifier: AGPL-3.0-or-later
"""The devis (production budget) as data: the chart of accounts it is laid out on, its
lines, fringes and add-ons. Pure frozen dataclasses; amounts are ``Decimal`` euros.

* A :class:`Chart` is the CNC devis chart (cinema or audiovisual programme) read from a
  rule pack (:mod:`regie.budget.chart`): nine :class:`Chapter` s, each with its accounts
  (``"21"`` Producteurs, ``"31"`` Rôles principaux… — the code's first digit is the
  chapter), and the :class:`AddOn` s computed on top of the chapters (frais généraux,
  imprévus, rémunération du producteur) with their customary rate and base.
* A :class:`BudgetLine` is ``quantity × rate × multiplier`` on one account, with the
  fringe group applied to it (employer contributions of a CDDU technician…), where the
  money is spent and whether it counts for the tax credit, and what produced it (a scene,
  a shoot day, a rule) when regie generated it.
* A :class:`Fringe` is one employer contribution: a rate on the line's gross amount, with
  an optional ceiling per line (a share of the social security ceiling…), and its source.
* :class:`Budget` puts them together with the production's globals (shoot days, prep and
  wrap weeks, episodes) and the user's overrides of add-on and fringe rates.

Computation (totals, rounding, explanations) is :mod:`regie.budget.compute`; nothing here
reads a file or a clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from regie.rules.pack import Status


class ChartKind(StrEnum):
    CINEMA = "cinema"  # devis cinéma (CNC, agrément)
    AUDIOVISUAL = "audiovisual"  # programme audiovisuel (CNC, COSIP / FSA)


class Place(StrEnum):
    """Where a line's money is spent (tax credits and regional aid count by place)."""

    REGION = "region"  # in the region that supports the production
    FRANCE = "france"
    EU = "eu"  # elsewhere in the European Union / EEA
    ELSEWHERE = "elsewhere"


@dataclass(frozen=True, slots=True)
class Cited:
    """Where a figure comes from: ``pack@version``, the value's key, its status and its
    sources as one line (``RuleValue.citation()``)."""

    pack: str  # "devis-cnc-cinema@2026.1"
    key: str  # "addons.overheads"
    status: Status
    citation: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Account:
    code: str  # "21", "215", "31"… ; the first digit is the chapter number
    title: str  # French title as the devis prints it
    chapter: int  # 1..9
    title_en: str | None = None


@dataclass(frozen=True, slots=True)
class Chapter:
    number: int  # 1..9
    title: str
    accounts: tuple[Account, ...]
    title_en: str | None = None


class AddOnBase(StrEnum):
    """What an add-on's rate applies to."""

    CHAPTERS = "chapters"  # the total of chapters 1–9 (the "budget de fabrication")
    CHAPTERS_AND_OVERHEADS = "chapters_and_overheads"  # chapters + earlier add-ons


@dataclass(frozen=True, slots=True)
class AddOn:
    key: str  # "overheads" (frais généraux), "contingency" (imprévus), "producer_fee"
    title: str
    rate: Decimal  # 0.07 for 7 %
    base: AddOnBase
    cited: Cited
    cap_rate: Decimal | None = None  # a ceiling on the rate where a rule sets one
    title_en: str | None = None


@dataclass(frozen=True, slots=True)
class Chart:
    ref: str  # "devis-cnc-cinema@2026.1"
    kind: ChartKind
    title: str
    chapters: tuple[Chapter, ...]  # in number order, 1..9
    addons: tuple[AddOn, ...]  # in the order they are computed and printed

    def account(self, code: str) -> Account | None:
        for chapter in self.chapters:
            for account in chapter.accounts:
                if account.code == code:
                    return account
        return None


@dataclass(frozen=True, slots=True)
class Fringe:
    key: str  # "employer.unemployment", "employer.pension_complementary"…
    title: str
    rate: Decimal  # on the gross amount of the line
    cited: Cited
    ceiling: Decimal | None = None  # the part of each line's gross above it pays nothing
    account: str | None = None  # the chapter-4 account the charge is booked on ("41"…)


@dataclass(frozen=True, slots=True)
class FringeGroup:
    """The employer contributions of one kind of contract (CDDU technician, performer…)."""

    key: str  # "cddu_technician", "cddu_performer", "none"
    title: str
    fringes: tuple[Fringe, ...]


@dataclass(frozen=True, slots=True)
class BudgetLine:
    id: str  # stable within the budget ("L0001"…)
    account: str  # an Account.code of the chart
    description: str
    quantity: Decimal
    unit: str  # "jour", "semaine", "forfait", "heure"…
    rate: Decimal  # euros per unit
    multiplier: Decimal = Decimal(1)  # people, episodes…
    fringe_group: str | None = None  # a FringeGroup.key; None: no employer charges
    place: Place = Place.FRANCE
    tax_credit: bool = True  # counts as eligible spend for the tax credit
    note: str = ""
    origin: str | None = None  # what produced a generated line ("DOOD: 3 Anne Kerlo…")
    quantity_expr: str | None = None  # "shoot_days", "2*prep_weeks": follows the globals


@dataclass(frozen=True, slots=True)
class Budget:
    chart: Chart
    lines: tuple[BudgetLine, ...]
    fringe_groups: Mapping[str, FringeGroup] = field(default_factory=dict)
    globals: Mapping[str, Decimal] = field(default_factory=dict)  # "shoot_days"…
    addon_rates: Mapping[str, Decimal] = field(default_factory=dict)  # overrides by key
    currency: str = "EUR"


# --- What :func:`regie.budget.compute.compute` returns (documents render these) ---------


@dataclass(frozen=True, slots=True)
class LineTotal:
    line: BudgetLine
    gross: Decimal  # quantity × rate × multiplier, rounded to the cent (half up)
    fringes: tuple[tuple[Fringe, Decimal], ...] = ()  # each contribution on this line
    fringe_total: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class AccountTotal:
    account: Account
    lines: tuple[LineTotal, ...]
    gross: Decimal  # Σ lines' gross
    charges: Decimal = Decimal(0)  # fringes of any line booked on this (chapter 4) account

    @property
    def total(self) -> Decimal:
        return self.gross + self.charges


@dataclass(frozen=True, slots=True)
class ChapterTotal:
    chapter: Chapter
    accounts: tuple[AccountTotal, ...]  # every account of the chapter, in chart order
    total: Decimal  # Σ accounts' total


@dataclass(frozen=True, slots=True)
class AddOnTotal:
    addon: AddOn
    rate: Decimal  # the rate used (the chart's, or the budget's override)
    base: Decimal
    amount: Decimal  # base × rate, rounded to the cent (half up)


@dataclass(frozen=True, slots=True)
class Devis:
    """A computed budget: the top sheet and every line, each figure explainable."""

    budget: Budget
    chapters: tuple[ChapterTotal, ...]  # 1..9
    lines_total: Decimal  # Σ lines' gross
    fringes_total: Decimal  # Σ lines' fringes (inside chapter 4)
    chapters_total: Decimal  # Σ chapters = lines_total + fringes_total
    addons: tuple[AddOnTotal, ...]
    total: Decimal  # chapters_total + Σ add-ons
