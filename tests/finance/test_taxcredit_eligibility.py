# SPDX-License-Identifier: AGPL-3.0-or-later
"""Eligible spend from lines and from a devis, and the provisional-approval checklist."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from regie.budget.compute import compute as compute_devis
from regie.budget.model import Place
from regie.finance.taxcredit.checklist import PieceKind, PieceState, checklist
from regie.finance.taxcredit.compute import compute, load_pack
from regie.finance.taxcredit.eligibility import (
    SpendCategory,
    SpendLine,
    eligible_spend,
    spend_lines_from_devis,
)
from regie.finance.taxcredit.model import Credit, Genre, TaxCreditCase, TaxCreditInputs
from regie.rules.registry import pack
from tests.budget.builders import budget, line

D = Decimal
SPEND = pack("taxcredit-spend")
AGREMENT = pack("taxcredit-agrement")


def verdicts(*lines: SpendLine, credit: Credit = Credit.AUDIOVISUAL) -> dict[str, bool]:
    return {v.line.ref: v.eligible for v in eligible_spend(lines, credit, SPEND).verdicts}


def test_categories_come_from_the_devis_chapter_and_account() -> None:
    result = eligible_spend(
        [
            SpendLine("a", "11", D(1000), payee_residence="FR"),  # authors
            SpendLine("b", "23", D(2000), payee_residence="FR"),  # crew
            SpendLine("c", "41", D(500), payee_residence="FR"),  # social charges
            SpendLine("d", "47", D(80)),  # payroll taxes: not eligible
            SpendLine("e", "71", D(3000)),  # technical means
            SpendLine("f", "91", D(400)),  # insurance: not in the references' list
            SpendLine("g", "overheads", D(700)),  # an add-on
        ],
        Credit.CINEMA,
        SPEND,
    )
    by_ref = {v.line.ref: v for v in result.verdicts}
    assert by_ref["a"].category is SpendCategory.AUTHORS
    assert by_ref["d"].category is SpendCategory.PAYROLL_TAXES
    assert by_ref["d"].rule.endswith("account.47")
    assert by_ref["g"].category is SpendCategory.OVERHEADS
    assert [r for r, v in by_ref.items() if v.eligible] == ["a", "b", "c", "e"]
    assert result.eligible == D(6500)
    assert result.excluded == D(1180)
    categories = {x.key: (x.eligible, x.excluded) for x in result.by_category}
    assert categories["payroll_taxes"] == (D(0), D(80))
    assert sum(x.eligible for x in result.by_category) == result.eligible


def test_place_and_personnel_conditions() -> None:
    got = verdicts(
        SpendLine("abroad", "71", D(100), country="BE"),
        SpendLine("resident", "31", D(100), payee_residence="FR"),
        SpendLine("european", "31", D(100), payee_residence="DE", payee_french_or_european=True),
        SpendLine("other", "31", D(100), payee_residence="US", payee_french_or_european=False),
        SpendLine("unknown", "31", D(100), payee_residence="US"),
        SpendLine(
            "not_french_ss", "23", D(100), payee_residence="FR", french_social_security=False
        ),
        SpendLine("excluded", "71", D(100), excluded=True),
        SpendLine("archives", "", D(100), category=SpendCategory.ARCHIVES),
    )
    assert got == {
        "abroad": False,
        "resident": True,
        "european": True,
        "other": False,
        "unknown": False,
        "not_french_ss": False,
        "excluded": False,
        "archives": True,
    }


def test_the_c2i_counts_depreciation_but_not_archives() -> None:
    lines = (
        SpendLine("dep", "", D(100), category=SpendCategory.DEPRECIATION),
        SpendLine("arch", "", D(100), category=SpendCategory.ARCHIVES),
    )
    assert verdicts(*lines, credit=Credit.INTERNATIONAL) == {"dep": True, "arch": False}
    assert verdicts(*lines, credit=Credit.CINEMA) == {"dep": False, "arch": True}


def test_a_devis_becomes_spend_lines_with_charges_and_add_ons() -> None:
    lines = (
        line("L1", "22", 30, "450.00", group="cddu_technician", description="Réalisateur"),
        dataclasses.replace(line("L2", "71", 6, "1000"), place=Place.EU),
        dataclasses.replace(line("L3", "62", 10, "20"), tax_credit=False),
        dataclasses.replace(line("L4", "51", 1, "5000"), place=Place.REGION),
    )
    devis = compute_devis(budget(*lines))
    spend = spend_lines_from_devis(devis, region="Bretagne")
    refs = [s.ref for s in spend]
    assert refs[:2] == ["L1", "L1/employer.health"]
    assert {"overheads", "contingency"} <= set(refs)
    total_in = sum((s.amount for s in spend), D(0))
    assert total_in == devis.total  # nothing lost: lines + charges + add-ons
    result = eligible_spend(spend, Credit.AUDIOVISUAL, SPEND)
    by_ref = {v.line.ref: v.eligible for v in result.verdicts}
    assert by_ref["L1"]
    assert by_ref["L1/employer.health"]
    assert not by_ref["L2"]  # spent elsewhere in the EU
    assert not by_ref["L3"]  # marked not for the tax credit
    assert by_ref["L4"]
    assert not by_ref["overheads"]
    places = {x.key for x in result.by_place}
    assert "FR / Bretagne" in places


def test_spend_from_lines_feeds_the_credit() -> None:
    spend = eligible_spend(
        [SpendLine("a", "23", D(150000), payee_residence="FR"), SpendLine("b", "91", D(9999))],
        Credit.AUDIOVISUAL,
        SPEND,
    )
    case = TaxCreditCase(
        Credit.AUDIOVISUAL,
        Genre.DOCUMENTARY,
        TaxCreditInputs(spend.eligible, minutes=D(52)),
        on=dt.date(2026, 6, 1),
    )
    assert compute(case, load_pack(Credit.AUDIOVISUAL)).credit == D(37500)


def test_checklist_pieces_follow_the_credit_and_the_checks() -> None:
    on = dt.date(2026, 6, 1)
    doc = TaxCreditCase(
        Credit.AUDIOVISUAL, Genre.DOCUMENTARY, TaxCreditInputs(D(100000), minutes=D(52)), on=on
    )
    result = compute(doc, load_pack(Credit.AUDIOVISUAL))
    found = checklist(doc, AGREMENT, result=result)
    states = {i.key: i.state for i in found.items}
    assert states["documentary_threshold"] is PieceState.NOT_MET  # 1 923 €/min < 2 000
    assert states["fsa_admission"] is PieceState.TO_PROVIDE
    assert states["personnel"] is PieceState.TO_PROVIDE  # no lines given
    assert states["eligible_spend"] is PieceState.GENERATED
    assert "services_agreement" not in states  # a C2I piece
    assert all(i.citation for i in found.items)
    assert any(i.kind is PieceKind.DOCUMENT and i.status.value == "unverified" for i in found.items)

    c2i = TaxCreditCase(
        Credit.INTERNATIONAL,
        Genre.FICTION,
        TaxCreditInputs(D(300000), production_cost=D(1000000), shooting_days_france=6),
        on=on,
    )
    found = checklist(c2i, AGREMENT, result=compute(c2i, load_pack(Credit.INTERNATIONAL)))
    states = {i.key: i.state for i in found.items}
    assert states["c2i_thresholds"] is PieceState.MET
    assert "services_agreement" in states
    assert "fsa_admission" not in states
