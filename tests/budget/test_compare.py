# SPDX-License-Identifier: AGPL-3.0-or-later
"""Two versions of a devis compared: accounts, chapters, add-ons and totals, with accounts
found on one side only; figures worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from regie.budget.compare import AccountComparison, Comparison, Variance, compare, variance
from regie.budget.compute import compute
from regie.budget.model import AddOn, AddOnBase
from tests.budget.builders import CONTINGENCY, EXAMPLE_LINES, OVERHEADS, budget, chart, cited, line

D = Decimal


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    # Version 1: the example + L6, 500.00 on 92 (Frais financiers).
    before = budget(*EXAMPLE_LINES, line("L6", "92", 1, "500", unit="forfait"))
    # Version 2: L1 goes from 30 to 32 days, L4 (62) is dropped, and the chart replaced 92
    # by 93 (Divers), where L6 now costs 1 000.00.
    l1, l2, l3, _l4, l5 = EXAMPLE_LINES
    after = budget(
        replace(l1, quantity=D(32)),
        l2,
        l3,
        l5,
        line("L6", "93", 1, "1000", unit="forfait"),
        chart=chart(drop=("92",), add={"93": "Divers"}),
    )
    return compare(compute(before), compute(after))


def by_code(comparison: Comparison) -> dict[str, AccountComparison]:
    return {row.code: row for row in comparison.accounts}


def test_variance_amount_and_percentage() -> None:
    assert variance(D("13500.00"), D("14400.00")) == Variance(
        D("13500.00"),
        D("14400.00"),
        D("900.00"),
        D("6.67"),  # 900 / 13 500 = 6.666… %
    )
    assert variance(D(8), D(9)).percent == D("12.50")
    assert variance(D(8), D("8.0004")).percent == D("0.01")  # 0.005 % → 0.01 (half up)
    assert variance(D(100), D(0)).percent == D("-100.00")
    assert variance(D(0), D(50)).percent is None  # no percentage of nothing
    assert variance(None, D(50)) == Variance(None, D(50), D(50), None)
    assert variance(D(50), None) == Variance(D(50), None, D(-50), D("-100.00"))


def test_accounts(comparison: Comparison) -> None:
    rows = by_code(comparison)
    # 22 Réalisateur: 30 → 32 days × 450.00: 13 500.00 → 14 400.00
    assert rows["22"].change == Variance(D("13500.00"), D("14400.00"), D("900.00"), D("6.67"))
    # 41: L1's charges 1 827.34 → 1 926.79 (1 008.00 + 335.59 + 583.20) plus L5's 1 993.09:
    #     3 820.43 → 3 919.88, + 99.45 = 2.6031… % → 2.60
    assert rows["41"].change == Variance(D("3820.43"), D("3919.88"), D("99.45"), D("2.60"))
    # 62: L4 dropped, the account is still in the chart: 25.13 → 0.00
    assert rows["62"].change == Variance(D("25.13"), D("0.00"), D("-25.13"), D("-100.00"))
    # Empty on both sides: no percentage.
    assert rows["11"].change == Variance(D(0), D(0), D(0), None)


def test_accounts_on_one_side_only(comparison: Comparison) -> None:
    rows = by_code(comparison)
    assert rows["92"].change == Variance(D("500.00"), None, D("-500.00"), D("-100.00"))
    assert rows["93"].change == Variance(None, D("1000.00"), D("1000.00"), None)
    assert (rows["93"].title, rows["93"].chapter) == ("Divers", 9)
    assert rows["92"].title == "Frais financiers"
    # The later chart's order, what only the earlier version has last in its chapter.
    assert [row.code for row in comparison.accounts if row.chapter == 9] == ["91", "93", "92"]
    assert [row.code for row in comparison.accounts][:3] == ["11", "12", "21"]


def test_chapters(comparison: Comparison) -> None:
    chapters = {row.number: row for row in comparison.chapters}
    assert list(chapters) == list(range(1, 10))
    # 2: 28 500.00 → 29 400.00 (+ 900.00 = 3.157… % → 3.16)
    assert chapters[2].change == Variance(D("28500.00"), D("29400.00"), D("900.00"), D("3.16"))
    # 4: 5 836.02 → 5 935.47 (+ 99.45 = 1.7040… % → 1.70)
    assert chapters[4].change.percent == D("1.70")
    # 9: 500.00 → 1 000.00
    assert chapters[9].change == Variance(D("500.00"), D("1000.00"), D("500.00"), D("100.00"))
    assert chapters[9].title == "Assurances et divers"


def test_add_ons_and_totals(comparison: Comparison) -> None:
    # Before: chapters 78 361.15 + 500 = 78 861.15; overheads 7 % = 5 520.2805 → 5 520.28;
    #   contingency 5 % × 84 381.43 = 4 219.0715 → 4 219.07; total 88 600.50.
    # After: lines 14 400 + 24 000 + 20 000 + 15 000 + 1 000 = 74 400.00;
    #   charges 1 926.79 + 2 015.59 + 1 993.09 = 5 935.47; chapters 80 335.47;
    #   overheads 7 % = 5 623.4829 → 5 623.48; contingency 5 % × 85 958.95 = 4 297.9475
    #   → 4 297.95; total 90 256.90.
    overheads, contingency = comparison.addons
    assert overheads.key == "overheads"
    assert overheads.change == Variance(D("5520.28"), D("5623.48"), D("103.20"), D("1.87"))
    assert (overheads.rate_before, overheads.rate_after) == (D("0.07"), D("0.07"))
    assert contingency.change.amount == D("78.88")  # 4 297.95 − 4 219.07
    assert comparison.lines_total == variance(D("73025.13"), D("74400.00"))
    assert comparison.fringes_total == variance(D("5836.02"), D("5935.47"))
    assert comparison.chapters_total == variance(D("78861.15"), D("80335.47"))
    # 1 656.40 / 88 600.50 = 1.8695… % → 1.87
    assert comparison.total == Variance(D("88600.50"), D("90256.90"), D("1656.40"), D("1.87"))


def test_add_ons_on_one_side_only_and_changed_rates() -> None:
    fee = AddOn(
        "producer_fee",
        "Rémunération du producteur",
        D("0.05"),
        AddOnBase.CHAPTERS,
        cited("addons.producer_fee"),
    )
    one = compute(budget(line("A", "21", 1, "1000"), addon_rates={"overheads": "0.05"}))
    two = compute(
        budget(line("A", "21", 1, "1000"), chart=chart(addons=(OVERHEADS, fee, CONTINGENCY)))
    )
    rows = {row.key: row for row in compare(one, two).addons}
    assert list(rows) == ["overheads", "producer_fee", "contingency"]
    # overheads: 5 % → 7 % of 1 000.00: 50.00 → 70.00
    assert (rows["overheads"].rate_before, rows["overheads"].rate_after) == (D("0.05"), D("0.07"))
    assert rows["overheads"].change == Variance(D("50.00"), D("70.00"), D("20.00"), D("40.00"))
    assert rows["producer_fee"].change == Variance(None, D("50.00"), D("50.00"), None)
    assert rows["producer_fee"].rate_before is None
    # contingency: 5 % × 1 050.00 = 52.50 → 5 % × (1 000 + 70 + 50) = 56.00
    assert rows["contingency"].change.amount == D("3.50")


def test_a_version_against_itself_has_no_variance() -> None:
    devis = compute(budget(*EXAMPLE_LINES))
    same = compare(devis, devis)
    assert all(row.change.amount == 0 for row in same.accounts)
    assert all(row.change.percent in (None, 0) for row in same.chapters)
    assert same.total.amount == 0
    assert same.total.percent == 0
