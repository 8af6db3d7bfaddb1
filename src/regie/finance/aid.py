# SPDX-License-Identifier: AGPL-3.0-or-later
"""Public-aid checks on a financing plan: the aid-intensity ceiling and the territorial
spending obligations of regional funds, each figure traced to its rule and source.

**Intensity** (:func:`check_intensity`). Public aid — CNC support, regional funds, the tax
credit (CGI 220 sexies VII counts it) and any source marked public — may not exceed a share
of the work's cost: 50 % (RGA 211-16); 60 % for a difficult (1st or 2nd film) or low-budget
(≤ 1 250 000 €) cinema work (RGA 211-17, a derogation the CNC grants) and for a difficult
or low-budget audiovisual work (≤ 100 000 € per hour, RGA 311-19); 80 % for a difficult
creative documentary eligible for selective aid (≤ 150 000 € per hour). The law says
"difficult *and* low-budget", BOFiP accepts either (``ceiling.conditions``). The base is
the budget (the final cost once known) times the French share of an international
coproduction. When aid exceeds the ceiling, only the excess of the tax credit is refused
(Conseil d'État, 15 March 2023, n° 452317: ``excess.refusal``), never the whole credit.
Sources whose public nature is not settled (European aid, public broadcasters) are
reported apart: the intensity is given without and with them.

**Territorial obligations** (:func:`territorial_obligations`). A regional fund asks that a
multiple of its aid be spent in its territory — the fund's own factor on the source, else
the pack's ``region.<code>.spend_factor`` by genre, else the default — and GBER art. 54(4)
caps that at 160 % of the aid and 80 % of the budget. The spend placed in each region
comes from the budget lines as :class:`PlacedSpend` (devis account, amount, region).

Every rate comes from the ``public-aid`` pack; results carry ``pack@version`` and steps.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Final

from regie.budget.model import Cited
from regie.core.errors import RuleError
from regie.core.text import Text, t
from regie.finance.financing import (
    CNC_KINDS,
    PACK_ID,
    FinancingPlan,
    Publicness,
    SourceKind,
    SourceRules,
    source_rules,
)
from regie.rules.pack import RulePack
from regie.rules.registry import pack

ZERO: Final = Decimal(0)
HUNDRED: Final = Decimal(100)
MINUTES_PER_HOUR: Final = Decimal(60)


class WorkKind(StrEnum):
    CINEMA = "cinema"
    AUDIOVISUAL = "audiovisual"


class Genre(StrEnum):
    FICTION = "fiction"
    DOCUMENTARY = "documentary"
    ANIMATION = "animation"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class AidProfile:
    """What the ceiling depends on, as the production declares it."""

    kind: WorkKind = WorkKind.AUDIOVISUAL
    genre: Genre = Genre.FICTION
    film_rank: int | None = None  # cinema: the director's 1st, 2nd… feature
    difficult: bool = False  # recognised difficult by the CNC
    selective_documentary: bool = False  # creative documentary eligible for selective aid
    derogation_granted: bool = False  # the CNC's decision allowing more than 50 %
    minutes: int | None = None  # running time, for the cost per hour (audiovisual)
    french_share: Decimal = Decimal(1)  # of an international coproduction


@dataclass(frozen=True, slots=True)
class AidStep:
    """One line of a trace: what was done, its result, the rule it used."""

    label: Text
    amount: Decimal | None = None
    cited: Cited | None = None
    rate: bool = False  # the amount is a share (0.5 = 50 %), not euros


@dataclass(frozen=True, slots=True)
class AidRules:
    pack: RulePack
    sources: SourceRules

    @property
    def ref(self) -> str:
        return self.pack.ref

    def number(self, key: str, part: str | None = None) -> tuple[Decimal, Cited]:
        entry = self.pack.value(key, dt.date.min)
        cited = Cited(self.pack.ref, key, entry.status, entry.citation(), entry.note)
        return entry.decimal(part), cited

    def word(self, key: str, allowed: tuple[str, ...]) -> tuple[str, Cited]:
        entry = self.pack.value(key, dt.date.min)
        if str(entry.value) not in allowed:
            raise RuleError(
                t(
                    "'{value}' is not one of {allowed}",
                    value=entry.value,
                    allowed=", ".join(allowed),
                ),
                where=t("rule {key}", key=key),
                hint=t("Fix the rule pack file"),
            )
        return str(entry.value), Cited(self.pack.ref, key, entry.status, entry.citation())


def aid_rules(source: RulePack) -> AidRules:
    return AidRules(source, source_rules(source))


def load_aid_rules(extra_dirs: tuple[Path, ...] = ()) -> AidRules:
    return aid_rules(pack(PACK_ID, extra_dirs=extra_dirs))


def percent(rate: Decimal) -> Text:
    """``0.5`` → ``50 %`` in the reader's language."""
    return t("{value}%", value=Decimal(format((rate * HUNDRED).normalize(), "f")))


# -- the ceiling ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ceiling:
    rate: Decimal
    cited: Cited
    steps: tuple[AidStep, ...]
    warnings: tuple[Text, ...]


def ceiling(profile: AidProfile, budget_total: Decimal, rules: AidRules) -> Ceiling:
    """The aid-intensity ceiling that applies to the work, and why."""
    steps: list[AidStep] = []
    warnings: list[Text] = []
    if profile.kind is WorkKind.CINEMA:
        difficult, low_budget = _cinema_tests(profile, budget_total, rules, steps)
        higher_key = "ceiling.cinema.difficult_or_low_budget"
    else:
        per_hour = _per_hour(budget_total, profile.minutes)
        difficult, low_budget = _audiovisual_tests(profile, per_hour, rules, steps, warnings)
        higher_key = "ceiling.audiovisual.difficult_or_low_budget"
        documentary = _documentary_ceiling(profile, per_hour, rules)
        if documentary is not None:
            rate, cited, limit = documentary
            steps.append(
                AidStep(
                    t(
                        "difficult creative documentary eligible for selective aid, at most "
                        "{limit} per hour: ceiling {rate}",
                        limit=limit,
                        rate=percent(rate),
                    ),
                    rate,
                    cited,
                    rate=True,
                )
            )
            return Ceiling(rate, cited, tuple(steps), tuple(_derogation(profile, warnings, rules)))
    conditions, conditions_cited = rules.word("ceiling.conditions", ("or", "and"))
    qualifies = (difficult or low_budget) if conditions == "or" else (difficult and low_budget)
    steps.append(
        AidStep(
            t(
                "higher ceiling when the work is difficult {conditions} low-budget: {answer}",
                conditions=t("or") if conditions == "or" else t("and"),
                answer=_yes(qualifies),
            ),
            None,
            conditions_cited,
        )
    )
    rate, cited = rules.number(higher_key if qualifies else "ceiling.general")
    steps.append(
        AidStep(t("ceiling: {rate} of the base", rate=percent(rate)), rate, cited, rate=True)
    )
    if qualifies:
        _derogation(profile, warnings, rules)
    return Ceiling(rate, cited, tuple(steps), tuple(warnings))


def _cinema_tests(
    profile: AidProfile, budget_total: Decimal, rules: AidRules, steps: list[AidStep]
) -> tuple[bool, bool]:
    """RGA 211-17: difficult = the director's 1st or 2nd film; low budget = at most the
    pack's budget."""
    max_rank, rank_cited = rules.number("cinema.difficult.max_film_rank")
    max_budget, budget_cited = rules.number("cinema.low_budget.max_budget")
    difficult = profile.difficult or (
        profile.film_rank is not None and profile.film_rank <= max_rank
    )
    low_budget = budget_total <= max_budget
    steps.append(
        AidStep(
            t(
                "difficult work (a director's film up to number {rank}): {answer}",
                rank=max_rank,
                answer=_yes(difficult),
            ),
            None,
            rank_cited,
        )
    )
    steps.append(
        AidStep(
            t(
                "low budget (budget at most {limit}): {answer}",
                limit=max_budget,
                answer=_yes(low_budget),
            ),
            budget_total,
            budget_cited,
        )
    )
    return difficult, low_budget


def _audiovisual_tests(
    profile: AidProfile,
    per_hour: Decimal | None,
    rules: AidRules,
    steps: list[AidStep],
    warnings: list[Text],
) -> tuple[bool, bool]:
    """RGA 311-19: difficult as the CNC recognises it; low budget = cost per hour at most
    the pack's figure (unknown without a running time)."""
    max_hour, hour_cited = rules.number("audiovisual.low_budget.max_cost_per_hour")
    if per_hour is None:
        warnings.append(t("running time unknown: the low-budget test (cost per hour) was not made"))
        return profile.difficult, False
    low_budget = per_hour <= max_hour
    steps.append(
        AidStep(
            t(
                "cost per hour: budget × 60 / {minutes} min; low budget at most {limit}: {answer}",
                minutes=profile.minutes,
                limit=max_hour,
                answer=_yes(low_budget),
            ),
            per_hour,
            hour_cited,
        )
    )
    return profile.difficult, low_budget


def _documentary_ceiling(
    profile: AidProfile, per_hour: Decimal | None, rules: AidRules
) -> tuple[Decimal, Cited, Decimal] | None:
    if not (
        profile.genre is Genre.DOCUMENTARY
        and profile.difficult
        and profile.selective_documentary
        and per_hour is not None
    ):
        return None
    limit, _ = rules.number("audiovisual.difficult_documentary.max_cost_per_hour")
    if per_hour > limit:
        return None
    rate, cited = rules.number("ceiling.audiovisual.difficult_documentary")
    return rate, cited, limit


def _derogation(profile: AidProfile, warnings: list[Text], rules: AidRules) -> list[Text]:
    if not profile.derogation_granted:
        general, _ = rules.number("ceiling.general")
        warnings.append(
            t(
                "a ceiling above {rate} is a derogation the CNC grants on a reasoned request: "
                "until it is granted, plan on {rate}",
                rate=percent(general),
            )
        )
    return warnings


def _per_hour(budget_total: Decimal, minutes: int | None) -> Decimal | None:
    if not minutes or minutes <= 0:
        return None
    return budget_total * MINUTES_PER_HOUR / Decimal(minutes)


def _yes(value: bool) -> Text:
    return t("yes") if value else t("no")


# -- the intensity check -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IntensityCheck:
    pack_ref: str  # "public-aid@2026.1"
    base: Decimal  # budget × French share
    ceiling_rate: Decimal
    ceiling_amount: Decimal
    public_total: Decimal  # tax credit included
    uncertain_total: Decimal
    tax_credit: Decimal
    intensity: Decimal  # public_total / base (exact quotient)
    intensity_with_uncertain: Decimal
    excess: Decimal  # public aid above the ceiling (0 when within)
    credit_refused: Decimal  # the part of the tax credit that would be refused
    cnc_total: Decimal
    cnc_ceiling_rate: Decimal
    steps: tuple[AidStep, ...]
    warnings: tuple[Text, ...]

    @property
    def within(self) -> bool:
        return self.excess == 0

    @property
    def credit_kept(self) -> Decimal:
        return self.tax_credit - self.credit_refused


def refused_credit(excess: Decimal, tax_credit: Decimal, rule: str) -> Decimal:
    """The tax credit refused for an ``excess`` of public aid over the ceiling: the excess
    only, at most the credit (``excess_only``, CE 2023 n° 452317), or the whole credit
    (``whole_credit``, the reading the Conseil d'État set aside)."""
    if excess <= 0 or tax_credit <= 0:
        return ZERO
    return min(excess, tax_credit) if rule == "excess_only" else tax_credit


def check_intensity(
    plan: FinancingPlan, budget_total: Decimal, profile: AidProfile, rules: AidRules
) -> IntensityCheck:
    """Public aid of ``plan`` (refused sources aside) against the ceiling of the work."""
    steps: list[AidStep] = []
    warnings: list[Text] = []
    base = budget_total * profile.french_share
    steps.append(AidStep(t("base: budget {budget} × French share {share}",
                           budget=budget_total, share=profile.french_share), base))  # fmt: skip
    limit = ceiling(profile, budget_total, rules)
    steps.extend(limit.steps)
    warnings.extend(limit.warnings)
    ceiling_amount = base * limit.rate
    steps.append(AidStep(t("ceiling amount: {rate} × {base}", rate=percent(limit.rate),
                           base=base), ceiling_amount, limit.cited))  # fmt: skip
    counted = [s for s in plan.sources if s.counted]
    public = [s for s in counted if rules.sources.publicness(s) is Publicness.PUBLIC]
    uncertain = [s for s in counted if rules.sources.publicness(s) is Publicness.UNCERTAIN]
    public_total = sum((s.amount for s in public), ZERO)
    uncertain_total = sum((s.amount for s in uncertain), ZERO)
    tax_credit = sum((s.amount for s in public if s.kind is SourceKind.TAX_CREDIT), ZERO)
    credit_rule = rules.sources.kinds[SourceKind.TAX_CREDIT]
    steps.append(AidStep(t("public aid, tax credit ({credit}) included: {sources}",
                           credit=tax_credit, sources=", ".join(s.id for s in public) or "—"),
                         public_total, credit_rule.cited))  # fmt: skip
    intensity = public_total / base
    with_uncertain = (public_total + uncertain_total) / base
    steps.append(AidStep(t("aid intensity: {public} / {base}", public=public_total, base=base),
                         intensity, rate=True))  # fmt: skip
    excess = max(ZERO, public_total - ceiling_amount)
    rule, rule_cited = rules.word("excess.refusal", ("excess_only", "whole_credit"))
    refused = refused_credit(excess, tax_credit, rule)
    if excess:
        steps.append(AidStep(t("excess over the ceiling: {public} − {ceiling}",
                               public=public_total, ceiling=ceiling_amount), excess))  # fmt: skip
        label = (
            t("tax credit refused: the excess, at most the credit")
            if rule == "excess_only"
            else t("tax credit refused: the whole credit")
        )
        steps.append(AidStep(label, refused, rule_cited))
        if excess > tax_credit:
            warnings.append(t("public aid other than the tax credit exceeds the ceiling by "
                              "{amount}: reduce it", amount=excess - tax_credit))  # fmt: skip
    if uncertain:
        steps.append(AidStep(t("with the sources whose public nature is not settled ({sources}): "
                               "intensity {intensity}", sources=", ".join(s.id for s in uncertain),
                               intensity=percent(with_uncertain.quantize(Decimal("0.0001")))),
                             with_uncertain, rate=True))  # fmt: skip
        if public_total + uncertain_total > ceiling_amount >= public_total:
            warnings.append(t("counted as public aid, {sources} would take the plan over the "
                              "ceiling", sources=", ".join(s.id for s in uncertain)))  # fmt: skip
    cnc_total = sum((s.amount for s in counted if s.kind in CNC_KINDS), ZERO)
    cnc_key = f"ceiling.cnc.{profile.kind.value}"
    cnc_rate, cnc_cited = rules.number(cnc_key)
    if cnc_total > base * cnc_rate:
        steps.append(AidStep(t("CNC aid {amount} above {rate} of the base", amount=cnc_total,
                               rate=percent(cnc_rate)), cnc_total, cnc_cited))  # fmt: skip
        warnings.append(t("CNC aid alone is above {rate} of the base", rate=percent(cnc_rate)))
    return IntensityCheck(
        pack_ref=rules.ref,
        base=base,
        ceiling_rate=limit.rate,
        ceiling_amount=ceiling_amount,
        public_total=public_total,
        uncertain_total=uncertain_total,
        tax_credit=tax_credit,
        intensity=intensity,
        intensity_with_uncertain=with_uncertain,
        excess=excess,
        credit_refused=refused,
        cnc_total=cnc_total,
        cnc_ceiling_rate=cnc_rate,
        steps=tuple(steps),
        warnings=tuple(warnings),
    )


# -- territorial spending obligations ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlacedSpend:
    """Money of the budget spent in a place: a devis account, an amount, the region it is
    spent in (``""``: not in a region that supports the work)."""

    account: str
    amount: Decimal
    region: str = ""


@dataclass(frozen=True, slots=True)
class TerritorialObligation:
    region: str  # as the plan names it
    aid: Decimal  # the region's funds in the plan
    required: Decimal  # local spend the funds ask for
    spend: Decimal  # local spend placed in the budget
    steps: tuple[AidStep, ...]
    warnings: tuple[Text, ...]

    @property
    def shortfall(self) -> Decimal:
        return max(ZERO, self.required - self.spend)

    @property
    def met(self) -> bool:
        return self.shortfall == 0


def region_key(name: str) -> str:
    """``"Île-de-France"`` → ``"ile-de-france"``: how regions are compared and looked up."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return "-".join(plain.casefold().split())


def territorial_obligations(
    plan: FinancingPlan,
    spend: Sequence[PlacedSpend],
    budget_total: Decimal,
    profile: AidProfile,
    rules: AidRules,
) -> tuple[TerritorialObligation, ...]:
    """One obligation per region funding the work (refused funds aside)."""
    max_aid, max_aid_cited = rules.number("territorial.max_share_of_aid")
    max_budget, max_budget_cited = rules.number("territorial.max_share_of_budget")
    regions: dict[str, list[tuple[str, Decimal, Decimal, AidStep]]] = {}
    names: dict[str, str] = {}
    for source in plan.sources:
        if source.kind is not SourceKind.REGION or not source.counted:
            continue
        key = region_key(source.region or source.partner)
        names.setdefault(key, source.region or source.partner)
        if source.spend_factor is not None:
            factor = source.spend_factor
            step = AidStep(t("{source}: {amount} × the fund's factor {factor}", source=source.id,
                             amount=source.amount, factor=percent(factor)),
                           source.amount * factor)  # fmt: skip
        else:
            factor, cited = _pack_factor(key, profile.genre, rules)
            step = AidStep(t("{source}: {amount} × {factor}", source=source.id,
                             amount=source.amount, factor=percent(factor)),
                           source.amount * factor, cited)  # fmt: skip
        regions.setdefault(key, []).append((source.id, source.amount, factor, step))
    obligations = []
    for key, funds in regions.items():
        aid = sum((amount for _, amount, _, _ in funds), ZERO)
        required = sum((amount * factor for _, amount, factor, _ in funds), ZERO)
        local = sum((s.amount for s in spend if region_key(s.region) == key), ZERO)
        steps = [step for *_, step in funds]
        steps.append(AidStep(t("local spend required in {region}", region=names[key]), required))
        steps.append(AidStep(t("spend placed in {region} by the budget lines",
                               region=names[key]), local))  # fmt: skip
        warnings = []
        for source_id, _, factor, _ in funds:
            if factor > max_aid:
                warnings.append(t("{source} asks {factor} of its aid to be spent locally, more "
                                  "than the {limit} GBER art. 54(4) allows", source=source_id,
                                  factor=percent(factor), limit=percent(max_aid)))  # fmt: skip
                steps.append(AidStep(t("GBER art. 54(4) limit"), max_aid, max_aid_cited, rate=True))
        if required > budget_total * max_budget:
            warnings.append(t("the local spend asked in {region} is more than {limit} of the "
                              "budget (GBER art. 54(4))", region=names[key],
                              limit=percent(max_budget)))  # fmt: skip
            steps.append(
                AidStep(t("GBER art. 54(4) limit"), max_budget, max_budget_cited, rate=True)
            )
        obligations.append(
            TerritorialObligation(names[key], aid, required, local, tuple(steps), tuple(warnings))
        )
    return tuple(obligations)


def _pack_factor(key: str, genre: Genre, rules: AidRules) -> tuple[Decimal, Cited]:
    pack_key = f"region.{key}.spend_factor"
    if pack_key not in rules.pack.keys():  # noqa: SIM118 — RulePack iterates entries
        pack_key = "region.default.spend_factor"
    raw = rules.pack.value(pack_key, dt.date.min).value
    part = genre.value if isinstance(raw, dict) and genre.value in raw else "default"
    return rules.number(pack_key, part)
