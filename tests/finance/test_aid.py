# SPDX-License-Identifier: AGPL-3.0-or-later
"""Public-aid checks: the 50 % ceiling and its exceptions, the partial refusal of the tax
credit (CE 15 March 2023), uncertain sources, CNC ceiling, territorial obligations."""

from __future__ import annotations

from decimal import Decimal
from importlib import resources

import pytest

from regie.finance.aid import (
    AidProfile,
    AidRules,
    Genre,
    PlacedSpend,
    WorkKind,
    aid_rules,
    check_intensity,
    load_aid_rules,
    refused_credit,
    region_key,
    territorial_obligations,
)
from regie.finance.financing import FinancingPlan, FinancingSource, SourceKind, SourceStatus
from regie.rules.pack import parse_pack

RULES = load_aid_rules()
TV = AidProfile(kind=WorkKind.AUDIOVISUAL, genre=Genre.FICTION, minutes=52)
CINEMA = AidProfile(kind=WorkKind.CINEMA, genre=Genre.FICTION, film_rank=3)


def plan(*sources: tuple[str, SourceKind, str]) -> FinancingPlan:
    return FinancingPlan(tuple(FinancingSource(i, k, i, Decimal(a)) for i, k, a in sources))


def rules_with(old: str, new: str) -> AidRules:
    text = resources.files("regie.rules").joinpath("packs", "public-aid.yaml").read_text("utf-8")
    assert old in text
    return aid_rules(parse_pack(text.replace(old, new), path="public-aid.yaml"))


def test_within_the_50_percent_ceiling() -> None:
    budget = Decimal("2000000")
    check = check_intensity(
        plan(("cnc", SourceKind.CNC_SELECTIVE, "300000"), ("region", SourceKind.REGION, "200000"),
             ("credit", SourceKind.TAX_CREDIT, "350000"), ("tv", SourceKind.BROADCASTER_PRESALE,
             "900000")),
        budget, CINEMA, RULES,
    )  # fmt: skip
    assert check.ceiling_rate == Decimal("0.50")
    assert check.ceiling_amount == Decimal("1000000")
    assert check.public_total == Decimal("850000")  # the presale is private
    assert check.intensity == Decimal("0.425")
    assert check.within
    assert check.credit_refused == 0
    assert check.pack_ref == RULES.ref


def test_above_the_ceiling_only_the_excess_of_the_credit_is_refused() -> None:
    # 2 M€ budget, 1.1 M€ public aid of which 0.3 M€ tax credit: 100 000 € above 50 %.
    aid = plan(
        ("cnc", SourceKind.CNC_SELECTIVE, "500000"),
        ("region", SourceKind.REGION, "300000"),
        ("credit", SourceKind.TAX_CREDIT, "300000"),
    )
    check = check_intensity(aid, Decimal("2000000"), CINEMA, RULES)
    assert check.excess == Decimal("100000")
    assert check.credit_refused == Decimal("100000")
    assert check.credit_kept == Decimal("200000")
    assert not check.within
    refusal = [s for s in check.steps if s.cited and s.cited.key == "excess.refusal"]
    assert refusal
    cited = refusal[0].cited
    assert cited is not None
    assert "452317" in cited.citation
    whole = rules_with('value: "excess_only"', 'value: "whole_credit"')
    assert check_intensity(aid, Decimal("2000000"), CINEMA, whole).credit_refused == 300000


def test_when_other_aid_alone_exceeds_the_ceiling_the_whole_credit_goes_and_a_warning() -> None:
    aid = plan(
        ("cnc", SourceKind.CNC_SELECTIVE, "700000"),
        ("region", SourceKind.REGION, "400000"),
        ("credit", SourceKind.TAX_CREDIT, "50000"),
    )
    check = check_intensity(aid, Decimal("2000000"), CINEMA, RULES)
    assert check.excess == Decimal("150000")
    assert check.credit_refused == Decimal("50000")
    assert any("other than the tax credit exceeds" in str(w) for w in check.warnings)
    assert not any("CNC aid alone" in str(w) for w in check.warnings)  # 35 % of the base
    cnc_heavy = plan(
        ("cnc", SourceKind.CNC_AUTOMATIC, "600000"), ("cnc2", SourceKind.CNC_SELECTIVE, "500000")
    )
    heavy = check_intensity(cnc_heavy, Decimal("2000000"), CINEMA, RULES)
    assert any("CNC aid alone is above 50%" in str(w) for w in heavy.warnings)


def test_refused_credit_rule() -> None:
    assert refused_credit(Decimal(0), Decimal(10), "excess_only") == 0
    assert refused_credit(Decimal(3), Decimal(10), "excess_only") == Decimal(3)
    assert refused_credit(Decimal(30), Decimal(10), "excess_only") == Decimal(10)
    assert refused_credit(Decimal(3), Decimal(10), "whole_credit") == Decimal(10)


@pytest.mark.parametrize(
    ("profile", "budget", "rate"),
    [
        (CINEMA, "2000000", "0.50"),
        (AidProfile(kind=WorkKind.CINEMA, film_rank=1), "2000000", "0.60"),  # first film
        (AidProfile(kind=WorkKind.CINEMA, film_rank=2), "2000000", "0.60"),
        (CINEMA, "1250000", "0.60"),  # low budget: at most 1 250 000 €
        (CINEMA, "1250000.01", "0.50"),
        (TV, "1480000", "0.50"),  # 1.7 M€ per hour
        (TV, "86666", "0.60"),  # 99 999.23 € per hour: low budget
        (AidProfile(minutes=52, difficult=True), "1480000", "0.60"),
        (AidProfile(genre=Genre.DOCUMENTARY, minutes=60, difficult=True,
                    selective_documentary=True), "150000", "0.80"),
        (AidProfile(genre=Genre.DOCUMENTARY, minutes=60, difficult=True,
                    selective_documentary=True), "150001", "0.60"),
    ],
)  # fmt: skip
def test_the_ceiling_follows_the_work(profile: AidProfile, budget: str, rate: str) -> None:
    check = check_intensity(plan(), Decimal(budget), profile, RULES)
    assert check.ceiling_rate == Decimal(rate)
    if rate != "0.50":
        assert any("derogation" in str(w) for w in check.warnings)


def test_the_law_s_and_reading_is_a_pack_value() -> None:
    strict = rules_with(
        'ceiling.conditions:\n    value: "or"', 'ceiling.conditions:\n    value: "and"'
    )
    low_budget = check_intensity(plan(), Decimal("1000000"), CINEMA, strict)
    assert low_budget.ceiling_rate == Decimal("0.50")
    first_and_low = AidProfile(kind=WorkKind.CINEMA, film_rank=1, derogation_granted=True)
    both = check_intensity(plan(), Decimal("1000000"), first_and_low, strict)
    assert both.ceiling_rate == Decimal("0.60")
    assert both.warnings == ()


def test_unknown_running_time_skips_the_low_budget_test_with_a_warning() -> None:
    check = check_intensity(plan(), Decimal("50000"), AidProfile(), RULES)
    assert check.ceiling_rate == Decimal("0.50")
    assert any("running time unknown" in str(w) for w in check.warnings)


def test_the_french_share_is_the_base_of_a_coproduction() -> None:
    profile = AidProfile(kind=WorkKind.CINEMA, film_rank=4, french_share=Decimal("0.7"))
    check = check_intensity(plan(("cnc", SourceKind.CNC_SELECTIVE, "700000")),
                            Decimal("2000000"), profile, RULES)  # fmt: skip
    assert check.base == Decimal("1400000")
    assert check.ceiling_amount == Decimal("700000")
    assert check.within


def test_uncertain_sources_are_reported_apart() -> None:
    aid = plan(
        ("cnc", SourceKind.CNC_SELECTIVE, "400000"),
        ("ftv", SourceKind.PUBLIC_BROADCASTER_PRESALE, "300000"),
        ("eu", SourceKind.EUROPE, "100000"),
    )
    check = check_intensity(aid, Decimal("1000000"), TV, RULES)
    assert check.public_total == Decimal("400000")
    assert check.uncertain_total == Decimal("400000")
    assert check.intensity == Decimal("0.4")
    assert check.intensity_with_uncertain == Decimal("0.8")
    assert check.within
    assert any("ftv, eu would take the plan over the ceiling" in str(w) for w in check.warnings)


def test_refused_sources_do_not_count_and_the_trace_names_its_rules() -> None:
    refused = FinancingSource("region", SourceKind.REGION, "R", Decimal("900000"),
                              SourceStatus.REFUSED)  # fmt: skip
    check = check_intensity(FinancingPlan((refused,)), Decimal("2000000"), CINEMA, RULES)
    assert check.public_total == 0
    keys = {s.cited.key for s in check.steps if s.cited}
    assert {"ceiling.general", "cinema.low_budget.max_budget", "source.tax_credit"} <= keys


def regional(*sources: FinancingSource) -> FinancingPlan:
    return FinancingPlan(sources)


def fund(sid: str, region: str, amount: str, factor: str | None = None) -> FinancingSource:
    return FinancingSource(
        sid, SourceKind.REGION, f"Région {region}", Decimal(amount), region=region,
        spend_factor=None if factor is None else Decimal(factor),
    )  # fmt: skip


SPEND = (
    PlacedSpend("52", Decimal("90000"), "Normandie"),
    PlacedSpend("20", Decimal("60000"), "normandie"),
    PlacedSpend("71", Decimal("40000"), "Île-de-France"),
    PlacedSpend("69", Decimal("30000"), ""),
)


def test_territorial_obligation_with_the_fund_s_own_factor() -> None:
    [normandie] = territorial_obligations(
        regional(fund("normandie", "Normandie", "100000", "1.5")), SPEND, Decimal("1000000"),
        TV, RULES,
    )  # fmt: skip
    assert normandie.required == Decimal("150000")
    assert normandie.spend == Decimal("150000")  # "Normandie" and "normandie"
    assert normandie.met
    assert normandie.warnings == ()


def test_territorial_obligation_from_the_pack_and_its_shortfall() -> None:
    obligations = territorial_obligations(
        regional(fund("idf", "Île-de-France", "50000"), fund("gp", "Guadeloupe", "20000")),
        SPEND, Decimal("1000000"), TV, RULES,
    )  # fmt: skip
    idf, guadeloupe = obligations
    assert (idf.required, idf.spend, idf.shortfall) == (Decimal(50000), Decimal(40000),
                                                        Decimal(10000))  # fmt: skip
    assert not idf.met
    assert guadeloupe.required == Decimal("32000")  # TV fiction: 160 %
    assert guadeloupe.shortfall == Decimal("32000")
    cited = {s.cited.key for s in guadeloupe.steps if s.cited}
    assert "region.guadeloupe.spend_factor" in cited
    doc = AidProfile(genre=Genre.DOCUMENTARY)
    [_, documentary] = territorial_obligations(
        regional(fund("idf", "Île-de-France", "1"), fund("gp", "Guadeloupe", "20000")),
        SPEND, Decimal("1000000"), doc, RULES,
    )  # fmt: skip
    assert documentary.required == Decimal("20000")  # 100 % otherwise


def test_gber_limits_are_warned() -> None:
    [greedy] = territorial_obligations(
        regional(fund("n", "Normandie", "600000", "2")), SPEND, Decimal("1000000"), TV, RULES
    )
    messages = [str(w) for w in greedy.warnings]
    assert any("more than the 160%" in m for m in messages)
    assert any("more than 80% of the budget" in m for m in messages)


def test_refused_regional_funds_carry_no_obligation() -> None:
    refused = FinancingSource("n", SourceKind.REGION, "R", Decimal(1000), SourceStatus.REFUSED,
                              region="Normandie")  # fmt: skip
    assert territorial_obligations(regional(refused), SPEND, Decimal(10**6), TV, RULES) == ()


def test_region_names_compare_without_accents_case_or_spaces() -> None:
    assert region_key(" Île-de-France ") == region_key("ile-de-france") == "ile-de-france"
    assert region_key("Provence Alpes") == "provence-alpes"
