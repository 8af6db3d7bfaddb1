# SPDX-License-Identifier: AGPL-3.0-or-later
"""Eligible spend from the actuals of tests.finance.test_costreport, worked out by hand:

ledger (cut-off 10 March): AC1 4 800 insurance (account 91, not eligible), AC2 3 000 sets
(51), AC3 250 unmapped (left out), PA1 1 000 gross (23) + 400 charges (41) — the pay the
payroll also holds; after the cut-off: invoice FC-7 4 000 net on 71 (technical means) and
the approved hotel line 100 net on 62 (lodging); payroll: Ana Bel 1 000 + 400 and
5 000 + 2 100 (charges on 41, the crew's charges account)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from regie.core.text import english
from regie.finance.taxcredit.actual_spend import account_places, spend_lines_from_actuals
from regie.finance.taxcredit.eligibility import EligibleSpend, SpendLine, eligible_spend
from regie.finance.taxcredit.model import Credit
from regie.rules.registry import pack
from tests.finance.test_costreport import ACTUALS, DEVIS, SETTINGS

D = Decimal
SPEND = pack("taxcredit-spend")
CHAPTERS = {a.code: c.number for c in DEVIS.budget.chart.chapters for a in c.accounts}


def spend(
    payees: dict[str, tuple[str | None, bool | None]],
    *,
    places: dict[str, tuple[str, str | None]] | None = None,
    with_payroll: bool = True,
) -> EligibleSpend:
    actuals = ACTUALS if with_payroll else dataclasses.replace(ACTUALS, payroll=())
    lines = spend_lines_from_actuals(
        actuals, CHAPTERS, SETTINGS, payees=payees, places=places or {}
    )
    return eligible_spend(lines, Credit.AUDIOVISUAL, SPEND)


def reasons(found: EligibleSpend) -> dict[str, tuple[bool, str]]:
    return {v.line.ref: (v.eligible, v.reason.translate(english)) for v in found.verdicts}


def test_pay_comes_from_the_payroll_with_the_payees_residence() -> None:
    found = spend({"ana bel": ("FR", None)})
    # 3 000 sets + 4 000 camera + 100 hotel + 8 500 pay of a resident of France
    assert found.eligible == D("15600.00")
    assert found.excluded == D("4800.00")  # the insurance
    assert sum(1 for v in found.verdicts if v.line.description.startswith("Ana Bel")) == 4
    by_ref = reasons(found)
    assert by_ref["paie Ana Bel"] == (True, "paid to a resident of France")
    # the ledger's own pay lines (641100, 645100) are the payroll's money: not counted twice
    assert not any("641100" in ref or "645100" in ref for ref in by_ref)
    assert not any("606300" in ref for ref in by_ref)  # unmapped: left to the cost report


def test_a_payee_the_registry_does_not_know_is_never_assumed_eligible() -> None:
    found = spend({})
    assert found.eligible == D("7100.00")
    assert found.excluded == D("13300.00")
    assert reasons(found)["paie Ana Bel/charges"] == (
        False,
        "nationality condition not stated for this payee",
    )


def test_a_european_non_resident_counts_and_a_non_european_one_does_not() -> None:
    assert spend({"ana bel": ("BE", True)}).eligible == D("15600.00")
    refused = spend({"ana bel": ("US", False)})
    assert refused.eligible == D("7100.00")
    assert reasons(refused)["paie Ana Bel"][1] == (
        "payee neither resident in France nor French or European"
    )


def test_without_a_payroll_the_ledger_pay_stays_and_names_nobody() -> None:
    found = spend({"ana bel": ("FR", True)}, with_payroll=False)
    assert found.eligible == D("7100.00")
    assert found.excluded == D("6200.00")  # insurance 4 800 + ledger pay 1 400
    pay = [v for v in found.verdicts if "641100" in v.line.ref or "645100" in v.line.ref]
    assert [v.line.amount for v in pay] == [D("1000"), D("400")]
    assert not any(v.eligible for v in pay)


def test_an_account_spent_abroad_is_excluded() -> None:
    found = spend({"ana bel": ("FR", None)}, places={"51": ("BE", None)})
    assert found.eligible == D("12600.00")
    sets = next(v for v in found.verdicts if v.line.account == "51")
    assert (sets.eligible, sets.line.country) == (False, "BE")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            [
                SpendLine("a", "51", D(10), country="be"),
                SpendLine("b", "51", D(30), region="Bretagne"),
                SpendLine("c", "71", D(5)),
            ],
            {"51": ("FR", "Bretagne"), "71": ("FR", None)},
        ),
        (
            [SpendLine("a", "51", D(10), country="BE"), SpendLine("b", "51", D(10))],
            {"51": ("BE", None)},
        ),  # a tie goes to the first place in order
    ],
)
def test_an_accounts_place_is_where_most_of_its_budget_is(
    lines: list[SpendLine], expected: dict[str, tuple[str, str | None]]
) -> None:
    assert account_places(lines) == expected
