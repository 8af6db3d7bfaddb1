# SPDX-License-Identifier: AGPL-3.0-or-later
"""The CDDU contract read back from its PDF with pdfplumber: names, dates, pay, every
mention of the pack, and the mentions without a source flagged."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pdfplumber

from regie.budget.pay import HourlyBasis, PayUnit, Rate, WorkedDay, gross_pay
from regie.core.production import Agreement, Production, ProductionKind
from regie.core.text import t
from regie.documents.contract import ContractFacts, contract_html, contract_mentions, contract_pdf
from regie.schedule.people import Department, Engagement, EngagementKind, Person

MONDAY = dt.date(2027, 3, 1)
PRODUCTION = Production(
    1, "la-clef", "CLEF", "La Clef du Quai", ProductionKind.FEATURE_FILM, Agreement.CINEMA
)
GAFFER = Engagement(
    7, Person(3, "Paul Ortiz", None), EngagementKind.CREW, "Chef électricien",
    Department.ELECTRIC, "gaffer", Decimal(350), MONDAY, MONDAY + dt.timedelta(days=4),
)  # fmt: skip
DAYS = tuple(MONDAY + dt.timedelta(days=n) for n in range(5))


def facts() -> ContractFacts:
    statement = gross_pay(
        Rate(Decimal(350), PayUnit.DAY),
        [WorkedDay(d, 600) for d in DAYS],
        [],
        hourly_basis=HourlyBasis(Decimal("8.75"), Decimal(40)),
    )
    return ContractFacts(
        PRODUCTION, GAFFER, statement, DAYS, MONDAY, ("Maison",), t("Pay grid: {x}", x="test")
    )


def pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def test_the_contract_in_french() -> None:
    text = pdf_text(contract_pdf(facts()))
    assert "Paul Ortiz" in text
    assert "Chef électricien" in text
    assert "IDCC 3097" in text
    assert "production cinématographique" in text
    assert "1 mars 2027" in text
    assert "5 mars 2027" in text
    assert "350,00 €" in text
    assert "1 750,00 €" in text  # 5 days × 350 €
    assert "Maison" in text
    mentions = contract_mentions(Agreement.CINEMA, "crew", MONDAY)
    assert {m.key for m in mentions} >= {"usage_reason", "agreement", "pension", "time_sheet"}
    assert "performer_scenes" not in {m.key for m in mentions}  # cast, IDCC 2642 only
    for mention in mentions:
        assert " ".join(mention.french.split())[:40] in text, mention.key
    unsourced = [m for m in mentions if m.unsourced]
    assert unsourced
    assert text.count("mention à vérifier : source non trouvée") == len(unsourced)
    assert "Code du travail L1242-12" in text


def test_the_mentions_of_a_tv_performer() -> None:
    keys = {m.key for m in contract_mentions(Agreement.AUDIOVISUAL, "cast", MONDAY)}
    assert "performer_scenes" in keys
    assert "contract_overrun" not in keys


def test_no_inline_styles() -> None:
    html = contract_html(facts())
    assert "style=" not in html
    english = contract_html(facts(), locale="en")
    assert "mention to check: no source found" in english


def test_a_flat_fee_contract() -> None:
    statement = gross_pay(
        Rate(Decimal(4000), PayUnit.FLAT),
        [WorkedDay(d, 600) for d in DAYS],
        [],
        hourly_basis=HourlyBasis(Decimal("8.75"), Decimal(40)),
    )
    fee = ContractFacts(
        PRODUCTION, GAFFER, statement, DAYS, MONDAY, ("Maison",), t("Pay grid: {x}", x="test")
    )
    text = pdf_text(contract_pdf(fee, locale="fr"))
    assert "4 000,00 €" in text
    assert "au forfait" in text
