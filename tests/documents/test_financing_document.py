# SPDX-License-Identifier: AGPL-3.0-or-later
"""The financing-plan PDF, read back with pdfplumber: sources grouped public / private
with status and share of the budget, the balance, the intensity check with its steps and
rule, the partial refusal of the tax credit, territorial obligations and scenarios."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pdfplumber

from regie.core.production import Agreement, Production, ProductionKind
from regie.documents.financing import PlanFacts, financing_html, financing_pdf
from regie.finance.aid import (
    AidProfile,
    PlacedSpend,
    check_intensity,
    load_aid_rules,
    territorial_obligations,
)
from regie.finance.financing import (
    FinancingPlan,
    FinancingSource,
    Scenario,
    SourceKind,
    SourceStatus,
    balance,
    run_scenarios,
)

BUDGET = Decimal("1000000")
PRODUCTION = Production(1, "le-bac", "BAC", "Le Dernier Bac", ProductionKind.TV_FICTION,
                        Agreement.AUDIOVISUAL, running_minutes=52)  # fmt: skip
SOURCES = (
    FinancingSource("apport", SourceKind.PRODUCER_EQUITY, "Sycomore Films", Decimal("300000"),
                    SourceStatus.PAID),
    FinancingSource("prevente", SourceKind.BROADCASTER_PRESALE, "Normandie TV",
                    Decimal("200000"), SourceStatus.GRANTED),
    FinancingSource("region", SourceKind.REGION, "Région Normandie", Decimal("150000"),
                    SourceStatus.REQUESTED, region="Normandie"),
    FinancingSource("cnc", SourceKind.CNC_AUTOMATIC, "CNC", Decimal("250000"),
                    SourceStatus.GRANTED),
    FinancingSource("credit", SourceKind.TAX_CREDIT, "Crédit d'impôt audiovisuel",
                    Decimal("100000"), SourceStatus.PLANNED),
)  # fmt: skip


def _facts() -> PlanFacts:
    rules = load_aid_rules()
    plan = FinancingPlan(
        SOURCES, "Le Dernier Bac — plan de financement",
        scenarios=(Scenario("sans-region", "Si la région refuse", remove=("region",)),),
    )  # fmt: skip
    profile = AidProfile(minutes=52)
    spend = (PlacedSpend("21", Decimal("90000"), "Normandie"), PlacedSpend("70", Decimal("1000")))
    return PlanFacts(
        plan=plan,
        production=PRODUCTION,
        rules=rules.sources,
        budget_total=BUDGET,
        budget_name="Devis 2",
        balance=balance(plan, BUDGET, rules.sources),
        intensity=check_intensity(plan, BUDGET, profile, rules),
        territorial=territorial_obligations(plan, spend, BUDGET, profile, rules),
        scenarios=tuple(
            (r, check_intensity(r.plan, BUDGET, profile, rules))
            for r in run_scenarios(plan, BUDGET, rules.sources)
        ),
        date=dt.date(2026, 11, 2),
    )


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
    return re.sub(r"[\u202f\u00a0]", " ", text)


def test_the_plan_pdf_reads_back_in_french() -> None:
    facts = _facts()
    assert facts.balance.balanced
    # public: region + CNC + credit = 500 000 = 50 %: at the ceiling, nothing refused
    assert facts.intensity.public_total == Decimal("500000")
    text = _text(financing_pdf(facts, locale="fr"))
    # French formats and the data (the labels' French comes with the merged catalog)
    assert "Le Dernier Bac — plan de financement" in text
    assert "2 novembre 2026" in text
    assert "Région Normandie" in text
    assert "Sycomore Films" in text
    assert "1 000 000,00 €" in text  # the budget
    assert "30,00 %" in text  # the producer's equity: 300 000 of 1 000 000
    assert "50,00 %" in text  # the intensity, at the ceiling
    assert "public-aid@" in text
    assert "ceiling.general" in text
    assert "90 000,00 €" in text  # local spend placed in Normandie
    assert "Si la région refuse" in text
    assert "150 000,00 €" in text  # what the scenario loses
    english = _text(financing_pdf(facts, locale="en"))
    assert "Public financing" in english
    assert "Private financing" in english
    assert english.index("Public financing") < english.index("Private financing")
    assert "requested" in english
    assert "paid" in english
    assert "Balanced" in english
    assert "To find" in english
    assert "Territorial spending obligations" in english


def test_an_excess_refuses_only_part_of_the_credit_in_english() -> None:
    facts = _facts()
    more = tuple(
        FinancingSource(s.id, s.kind, s.partner,
                        s.amount + (Decimal("30000") if s.id == "cnc" else 0), s.status,
                        region=s.region)
        for s in facts.plan.sources
    )  # fmt: skip
    plan = FinancingPlan(more, facts.plan.title)
    rules = load_aid_rules()
    check = check_intensity(plan, BUDGET, AidProfile(minutes=52), rules)
    assert check.credit_refused == Decimal("30000") < check.tax_credit
    html = financing_html(
        PlanFacts(plan, PRODUCTION, rules.sources, BUDGET, "Devis 2",
                  balance(plan, BUDGET, rules.sources), check),
        locale="en",
    )  # fmt: skip
    assert "style=" not in html.split("</style>")[-1]
    text = _text(financing_pdf(PlanFacts(plan, PRODUCTION, rules.sources, BUDGET, "Devis 2",
                                         balance(plan, BUDGET, rules.sources), check),
                               locale="en"))  # fmt: skip
    assert "above the ceiling" in text
    assert "Tax credit refused" in text
    assert "€30,000.00" in text
    assert "Tax credit kept" in text
    assert "€70,000.00" in text
    assert "excess.refusal" in text
