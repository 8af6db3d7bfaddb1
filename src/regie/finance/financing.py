# SPDX-License-Identifier: AGPL-3.0-or-later
"""The financing plan (plan de financement): who pays for the work, how sure each payment
is, and how the plan stands against the budget — as planned and in "what if" scenarios.

A :class:`FinancingSource` is one line: a partner, a :class:`SourceKind` (producer equity,
broadcaster pre-sale, coproduction, SOFICA, CNC automatic or selective support, regional
fund, European aid, tax credit, distributor minimum guarantee, sponsorship,
crowdfunding…), an exact amount and a :class:`SourceStatus` (planned → requested →
granted → paid, or refused). Whether a kind is public aid is read from the
``public-aid`` rule pack (``source.<kind>``: yes, no or uncertain, with its sources); a
source may say otherwise for itself (a coproducer that is a public body).

:func:`balance` sets a plan against the budget total: the financing counted (refused
sources aside), what is secured (granted or paid), and the gaps — positive when money is
missing. A :class:`Scenario` removes sources or changes their amounts ("if the region
refuses"); :func:`apply_scenario` gives the plan it leaves, :func:`run_scenarios` the
balance of each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Final

from regie.budget.model import Cited
from regie.core.errors import RuleError, ValidationError
from regie.core.text import t
from regie.rules.pack import RulePack
from regie.rules.registry import pack

PACK_ID: Final = "public-aid"
ZERO: Final = Decimal(0)


class SourceKind(StrEnum):
    PRODUCER_EQUITY = "producer_equity"  # apport producteur
    BROADCASTER_PRESALE = "broadcaster_presale"  # préachat d'un diffuseur privé
    PUBLIC_BROADCASTER_PRESALE = "public_broadcaster_presale"
    COPRODUCTION = "coproduction"
    SOFICA = "sofica"
    CNC_AUTOMATIC = "cnc_automatic"  # soutien automatique (compte automatique)
    CNC_SELECTIVE = "cnc_selective"  # aide sélective, avance sur recettes
    REGION = "region"  # fonds régional
    EUROPE = "europe"  # Eurimages, Europe Créative MEDIA
    TAX_CREDIT = "tax_credit"  # crédit d'impôt cinéma / audiovisuel / international
    DISTRIBUTOR_MG = "distributor_mg"  # minimum garanti du distributeur
    SPONSORSHIP = "sponsorship"
    CROWDFUNDING = "crowdfunding"
    OTHER_PUBLIC = "other_public"
    OTHER_PRIVATE = "other_private"


CNC_KINDS: Final = frozenset({SourceKind.CNC_AUTOMATIC, SourceKind.CNC_SELECTIVE})


class SourceStatus(StrEnum):
    PLANNED = "planned"  # envisagé
    REQUESTED = "requested"  # demandé, dossier déposé
    GRANTED = "granted"  # accordé, signé
    PAID = "paid"  # versé
    REFUSED = "refused"  # refusé: kept in the plan for the record, never counted

    @property
    def secured(self) -> bool:
        return self in {SourceStatus.GRANTED, SourceStatus.PAID}


class Publicness(StrEnum):
    PUBLIC = "yes"
    PRIVATE = "no"
    UNCERTAIN = "uncertain"  # the references do not settle it


@dataclass(frozen=True, slots=True)
class FinancingSource:
    id: str  # stable within the plan ("region-normandie")
    kind: SourceKind
    partner: str  # "Région Normandie"
    amount: Decimal  # euros
    status: SourceStatus = SourceStatus.PLANNED
    public: bool | None = None  # overrides the pack's classification of the kind
    region: str = ""  # for regional funds: the region whose territory the spend is counted in
    spend_factor: Decimal | None = None  # the fund's own local-spend factor (1.5 = 150 %)
    note: str = ""

    @property
    def counted(self) -> bool:
        return self.status is not SourceStatus.REFUSED


@dataclass(frozen=True, slots=True)
class Scenario:
    """A "what if": sources removed (refused) and amounts changed."""

    id: str
    title: str = ""
    remove: tuple[str, ...] = ()
    amounts: Mapping[str, Decimal] = field(default_factory=dict)  # source id → new amount


@dataclass(frozen=True, slots=True)
class FinancingPlan:
    sources: tuple[FinancingSource, ...]
    title: str = ""
    currency: str = "EUR"
    scenarios: tuple[Scenario, ...] = ()

    def source(self, source_id: str) -> FinancingSource | None:
        return next((s for s in self.sources if s.id == source_id), None)


@dataclass(frozen=True, slots=True)
class KindRule:
    """What the pack says about a kind: public or not, its titles, where that comes from."""

    kind: SourceKind
    public: Publicness
    title: str
    title_en: str
    cited: Cited


@dataclass(frozen=True, slots=True)
class SourceRules:
    ref: str  # "public-aid@2026.1"
    kinds: Mapping[SourceKind, KindRule]

    def publicness(self, source: FinancingSource) -> Publicness:
        if source.public is not None:
            return Publicness.PUBLIC if source.public else Publicness.PRIVATE
        return self.kinds[source.kind].public


def source_rules(source: RulePack) -> SourceRules:
    """The ``source.<kind>`` entries of the ``public-aid`` pack; every kind must be there."""
    kinds: dict[SourceKind, KindRule] = {}
    for kind in SourceKind:
        entry = source.value(f"source.{kind.value}", dt.date.min)
        raw = entry.value
        try:
            public = Publicness(str(raw["public"]))
            title, title_en = str(raw["title"]), str(raw.get("title_en", raw["title"]))
        except (KeyError, TypeError, ValueError):
            raise RuleError(
                t("source.{kind} needs public (yes, no or uncertain) and a title", kind=kind),
                where=source.path,
                hint=t("Fix the rule pack file"),
            ) from None
        kinds[kind] = KindRule(
            kind, public, title, title_en,
            Cited(source.ref, entry.key, entry.status, entry.citation(), entry.note),
        )  # fmt: skip
    return SourceRules(source.ref, kinds)


def load_source_rules(extra_dirs: tuple[Path, ...] = ()) -> SourceRules:
    return source_rules(pack(PACK_ID, extra_dirs=extra_dirs))


# -- balance -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Balance:
    """A plan against the budget. Gaps are ``budget − financing``: positive when money is
    missing, negative when the plan raises more than the budget."""

    budget_total: Decimal
    financing_total: Decimal  # every source but the refused ones
    secured_total: Decimal  # granted or paid
    public_total: Decimal  # public aid (the pack's "yes"), tax credit included
    uncertain_total: Decimal  # kinds the references do not settle (European aid…)
    private_total: Decimal
    by_status: Mapping[SourceStatus, Decimal]
    by_kind: Mapping[SourceKind, Decimal]

    @property
    def gap(self) -> Decimal:
        return self.budget_total - self.financing_total

    @property
    def secured_gap(self) -> Decimal:
        return self.budget_total - self.secured_total

    @property
    def balanced(self) -> bool:
        return self.gap == 0


def balance(plan: FinancingPlan, budget_total: Decimal, rules: SourceRules) -> Balance:
    if budget_total <= 0:
        raise ValidationError(
            t("the budget total must be more than zero"),
            field="budget_total",
            hint=t("Give the devis total in euros, e.g. 1250000"),
        )
    counted = [s for s in plan.sources if s.counted]
    by_public: dict[Publicness, Decimal] = dict.fromkeys(Publicness, ZERO)
    by_status: dict[SourceStatus, Decimal] = {}
    by_kind: dict[SourceKind, Decimal] = {}
    for source in plan.sources:
        by_status[source.status] = by_status.get(source.status, ZERO) + source.amount
    for source in counted:
        by_public[rules.publicness(source)] += source.amount
        by_kind[source.kind] = by_kind.get(source.kind, ZERO) + source.amount
    return Balance(
        budget_total=budget_total,
        financing_total=sum((s.amount for s in counted), ZERO),
        secured_total=sum((s.amount for s in counted if s.status.secured), ZERO),
        public_total=by_public[Publicness.PUBLIC],
        uncertain_total=by_public[Publicness.UNCERTAIN],
        private_total=by_public[Publicness.PRIVATE],
        by_status={s: by_status[s] for s in SourceStatus if s in by_status},
        by_kind={k: by_kind[k] for k in SourceKind if k in by_kind},
    )


def check_plan(plan: FinancingPlan) -> FinancingPlan:
    """Refuse duplicate source ids, negative amounts and scenarios naming unknown sources."""
    seen: set[str] = set()
    for source in plan.sources:
        if source.id in seen:
            raise ValidationError(
                t("two sources are named '{id}'", id=source.id),
                field="sources",
                hint=t("Give each source its own id"),
            )
        seen.add(source.id)
        if source.amount < 0:
            raise ValidationError(
                t("the amount of source '{id}' is negative", id=source.id),
                field=f"sources.{source.id}.amount",
            )
        if source.spend_factor is not None and source.spend_factor < 0:
            raise ValidationError(
                t("the spend factor of source '{id}' is negative", id=source.id),
                field=f"sources.{source.id}.spend_factor",
            )
    for scenario in plan.scenarios:
        for source_id in (*scenario.remove, *scenario.amounts):
            if source_id not in seen:
                raise ValidationError(
                    t("scenario '{scenario}' names source '{id}', which the plan does not have",
                      scenario=scenario.id, id=source_id),
                    field=f"scenarios.{scenario.id}",
                    hint=t("Use the id of a source of the plan"),
                )  # fmt: skip
        for source_id, amount in scenario.amounts.items():
            if amount < 0:
                raise ValidationError(
                    t("scenario '{scenario}' gives source '{id}' a negative amount",
                      scenario=scenario.id, id=source_id),
                    field=f"scenarios.{scenario.id}",
                )  # fmt: skip
    return plan


# -- scenarios -----------------------------------------------------------------------------


def apply_scenario(plan: FinancingPlan, scenario: Scenario) -> FinancingPlan:
    """The plan with the scenario's sources refused and its amounts changed."""
    check_plan(replace(plan, scenarios=(scenario,)))
    sources = []
    for source in plan.sources:
        if source.id in scenario.remove:
            sources.append(replace(source, status=SourceStatus.REFUSED))
        elif source.id in scenario.amounts:
            sources.append(replace(source, amount=scenario.amounts[source.id]))
        else:
            sources.append(source)
    return replace(plan, sources=tuple(sources))


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    scenario: Scenario
    plan: FinancingPlan  # the plan the scenario leaves
    balance: Balance
    lost: Decimal  # financing the scenario takes away (negative: it adds)


def find_scenario(plan: FinancingPlan, scenario_id: str) -> Scenario:
    found = next((s for s in plan.scenarios if s.id == scenario_id), None)
    if found is None:
        known = ", ".join(s.id for s in plan.scenarios) or "—"
        raise ValidationError(
            t("the plan has no scenario '{id}'", id=scenario_id),
            field="--scenario",
            hint=t("Scenarios of this plan: {known}", known=known),
        )
    return found


def run_scenarios(
    plan: FinancingPlan,
    budget_total: Decimal,
    rules: SourceRules,
    scenarios: Sequence[Scenario] | None = None,
) -> tuple[ScenarioResult, ...]:
    """The balance under each scenario (all of the plan's when ``scenarios`` is None)."""
    base = balance(plan, budget_total, rules)
    results = []
    for scenario in plan.scenarios if scenarios is None else scenarios:
        changed = apply_scenario(plan, scenario)
        after = balance(changed, budget_total, rules)
        results.append(
            ScenarioResult(scenario, changed, after, base.financing_total - after.financing_total)
        )
    return tuple(results)
