# SPDX-License-Identifier: AGPL-3.0-or-later
"""The financing plan: public/private from the rule pack, balance against the budget,
"what if" scenarios."""

from __future__ import annotations

from decimal import Decimal
from importlib import resources

import pytest

from regie.core.errors import RuleError, ValidationError
from regie.finance.financing import (
    FinancingPlan,
    FinancingSource,
    Publicness,
    Scenario,
    SourceKind,
    SourceStatus,
    apply_scenario,
    balance,
    check_plan,
    find_scenario,
    load_source_rules,
    run_scenarios,
    source_rules,
)
from regie.rules.pack import parse_pack

RULES = load_source_rules()
BUDGET = Decimal("1000000")


def source(
    sid: str, kind: SourceKind, amount: str, status: SourceStatus = SourceStatus.PLANNED
) -> FinancingSource:
    return FinancingSource(sid, kind, sid.title(), Decimal(amount), status)


PLAN = FinancingPlan(
    (
        source("equity", SourceKind.PRODUCER_EQUITY, "100000", SourceStatus.PAID),
        source("presale", SourceKind.BROADCASTER_PRESALE, "350000", SourceStatus.GRANTED),
        source("cnc", SourceKind.CNC_SELECTIVE, "150000", SourceStatus.REQUESTED),
        source("region", SourceKind.REGION, "120000", SourceStatus.REQUESTED),
        source("credit", SourceKind.TAX_CREDIT, "180000"),
        source("eurimages", SourceKind.EUROPE, "50000"),
        source("sofica", SourceKind.SOFICA, "40000", SourceStatus.REFUSED),
    ),
    scenarios=(
        Scenario("region-refuses", "Si la région refuse", remove=("region",)),
        Scenario("cnc-halved", amounts={"cnc": Decimal("75000")}),
    ),
)


def test_every_kind_is_classified_by_the_pack_with_its_source() -> None:
    assert set(RULES.kinds) == set(SourceKind)
    assert RULES.kinds[SourceKind.TAX_CREDIT].public is Publicness.PUBLIC
    assert RULES.kinds[SourceKind.REGION].public is Publicness.PUBLIC
    assert RULES.kinds[SourceKind.PRODUCER_EQUITY].public is Publicness.PRIVATE
    assert RULES.kinds[SourceKind.EUROPE].public is Publicness.UNCERTAIN
    assert RULES.kinds[SourceKind.TAX_CREDIT].cited.pack == RULES.ref
    assert "220 sexies" in RULES.kinds[SourceKind.TAX_CREDIT].cited.citation


def test_a_source_can_say_it_is_public_itself() -> None:
    copro = FinancingSource("c", SourceKind.COPRODUCTION, "Ville", Decimal(1), public=True)
    assert RULES.publicness(copro) is Publicness.PUBLIC


def test_a_pack_without_a_kind_is_refused() -> None:
    text = resources.files("regie.rules").joinpath("packs", "public-aid.yaml").read_text("utf-8")
    broken = text.replace("  source.crowdfunding:", "  other.crowdfunding:")
    with pytest.raises(RuleError, match=r"source\.crowdfunding"):
        source_rules(parse_pack(broken, path="public-aid.yaml"))


def test_balance_counts_all_but_refused_sources() -> None:
    result = balance(PLAN, BUDGET, RULES)
    counted = [s for s in PLAN.sources if s.status is not SourceStatus.REFUSED]
    assert result.financing_total == sum(s.amount for s in counted)
    assert result.secured_total == Decimal("450000")  # paid + granted
    assert result.gap == BUDGET - result.financing_total
    assert result.secured_gap == BUDGET - Decimal("450000")
    assert result.public_total == Decimal("450000")  # CNC, region, tax credit
    assert result.uncertain_total == Decimal("50000")  # Eurimages
    assert result.public_total + result.uncertain_total + result.private_total == (
        result.financing_total
    )
    assert result.by_status[SourceStatus.REFUSED] == Decimal("40000")
    assert SourceKind.SOFICA not in result.by_kind
    assert not result.balanced


def test_a_budget_must_be_positive() -> None:
    with pytest.raises(ValidationError, match="more than zero"):
        balance(PLAN, Decimal(0), RULES)


def test_if_the_region_refuses_the_gap_grows_by_its_aid() -> None:
    base = balance(PLAN, BUDGET, RULES)
    [refuses, halved] = run_scenarios(PLAN, BUDGET, RULES)
    assert refuses.lost == Decimal("120000")
    assert refuses.balance.gap == base.gap + Decimal("120000")
    region = refuses.plan.source("region")
    assert region is not None
    assert region.status is SourceStatus.REFUSED
    assert halved.balance.public_total == base.public_total - Decimal("75000")
    assert [s.amount for s in PLAN.sources if s.id == "cnc"] == [Decimal("150000")]  # unchanged


def test_scenarios_and_plans_are_checked() -> None:
    with pytest.raises(ValidationError, match="names source 'nope'"):
        apply_scenario(PLAN, Scenario("x", remove=("nope",)))
    with pytest.raises(ValidationError, match="negative amount"):
        apply_scenario(PLAN, Scenario("x", amounts={"cnc": Decimal(-1)}))
    with pytest.raises(ValidationError, match="no scenario 'x'"):
        find_scenario(PLAN, "x")
    assert find_scenario(PLAN, "cnc-halved").amounts == {"cnc": Decimal("75000")}
    twice = FinancingPlan((PLAN.sources[0], PLAN.sources[0]))
    with pytest.raises(ValidationError, match="two sources are named 'equity'"):
        check_plan(twice)
    negative = FinancingPlan((source("e", SourceKind.PRODUCER_EQUITY, "-5"),))
    with pytest.raises(ValidationError, match="negative"):
        check_plan(negative)
