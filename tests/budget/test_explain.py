# SPDX-License-Identifier: AGPL-3.0-or-later
"""Explanations: every figure of the example devis says how it was made, with the rule it
comes from; the labels are translatable messages, the figures printed as the devis does."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from regie.budget.compute import compute
from regie.budget.explain import (
    Step,
    explain_addon,
    explain_line,
    explain_total,
    format_amount,
    format_number,
    format_rate,
    plural_unit,
)
from regie.budget.model import Devis
from regie.core.errors import NotFound
from tests.budget.builders import PENSION, budget, example, line

D = Decimal
NN = "\u202f"  # narrow no-break space: thousands, before %
NB = "\u00a0"  # no-break space: before €


def fr(text: str) -> str:
    """Write the test's expected text with plain spaces; the devis uses no-break ones."""
    return text.replace("_", NN).replace("~", NB)


@pytest.fixture(scope="module")
def devis() -> Devis:
    return compute(example())


def rendered(steps: list[Step]) -> list[str]:
    return [str(step) for step in steps]


def test_figures_are_printed_the_french_way() -> None:
    assert format_amount(D("1350")) == fr("1_350,00~€")
    assert format_amount(D("1000000.00")) == fr("1_000_000,00~€")
    assert format_amount(D("25.125")) == fr("25,125~€")  # an unrounded figure keeps its digits
    assert format_amount(D("-3.5")) == fr("-3,50~€")
    assert format_number(D("2.50")) == "2,5"
    assert format_number(D("1E+1")) == "10"
    assert format_number(D("0.000")) == "0"
    assert format_rate(D("0.07")) == fr("7_%")
    assert format_rate(D("0.0855")) == fr("8,55_%")
    assert plural_unit("jour", D(3)) == "jours"
    assert plural_unit("jour", D("1.5")) == "jour"
    assert plural_unit("forfait", D(1)) == "forfait"
    assert plural_unit("bateau", D(2)) == "bateaux"
    assert plural_unit("fois", D(2)) == "fois"
    assert plural_unit("jour homme", D(2)) == "jour homme"


def test_a_line_without_fringes_is_its_formula(devis: Devis) -> None:
    # L2 has fringes; L3 rounds; a plain exact line: 30 × 450 in a budget of its own.
    plain = compute(budget(line("L1", "22", 3, "450.00")))
    assert rendered(explain_line(plain, "L1")) == [fr("3 jours × 450,00~€ × 1 = 1_350,00~€")]
    (step,) = explain_line(plain, "L1")
    assert step.amount == D("1350.00")
    assert step.cited is None
    assert step.label.template == "{quantity} {unit} × {rate} × {multiplier}"


def test_a_line_with_fringes_shows_each_with_its_rule_and_ceiling(devis: Devis) -> None:
    steps = explain_line(devis, "L1")
    assert rendered(steps) == [
        fr("30 jours × 450,00~€ × 1 = 13_500,00~€"),
        fr("Maladie (account 41): 7_% (estimated — test figure) × 13_500,00~€ = 945,00~€"),
        fr(
            "Vieillesse plafonnée (account 41): 8,55_% (estimated — test figure) × "
            "3_925,00~€, the ceiling, not the gross 13_500,00~€ = 335,59~€"
        ),
        fr(
            "Assurance chômage (account 41): 4,05_% (estimated — test figure) × "
            "13_500,00~€ = 546,75~€"
        ),
        fr("line L1 on account 22: gross 13_500,00~€ + employer charges 1_827,34~€ = 15_327,34~€"),
    ]
    assert steps[2].cited == PENSION.cited
    assert [s.amount for s in steps] == [
        D("13500.00"),
        D("945.00"),
        D("335.59"),
        D("546.75"),
        D("15327.34"),  # 13 500.00 + 1 827.34
    ]


def test_a_rounded_line_shows_the_exact_product_then_the_rounding(devis: Devis) -> None:
    assert rendered(explain_line(devis, "L4")) == [
        fr("2,5 jours × 10,05~€ × 1 = 25,125~€"),  # 2.5 × 10.05 = 25.125
        fr("rounded to the cent (half up) = 25,13~€"),
    ]
    assert rendered(explain_line(devis, "L3"))[0] == fr(
        "6 semaines × 3_333,333~€ × 1 = 19_999,998~€"
    )


def test_an_add_on_on_the_chapters(devis: Devis) -> None:
    steps = explain_addon(devis, "overheads")
    assert rendered(steps) == [
        fr("base: total of chapters 1 to 9 = 78_361,15~€"),
        # 7 % × 78 361.15 = 5 485.2805 → 5 485.28
        fr("Frais généraux: 7_% (estimated — test figure) × 78_361,15~€ = 5_485,2805~€"),
        fr("rounded to the cent (half up) = 5_485,28~€"),
    ]
    assert steps[1].cited is not None
    assert steps[1].cited.key == "addons.overheads"


def test_an_add_on_on_chapters_and_overheads(devis: Devis) -> None:
    assert rendered(explain_addon(devis, "contingency"))[0] == fr(
        "base: chapters 1 to 9 78_361,15~€ + the add-ons before it 5_485,28~€ = 83_846,43~€"
    )


def test_an_overridden_rate_says_so_with_the_charts_rate() -> None:
    devis = compute(replace(example(), addon_rates={"overheads": D("0.05")}))
    assert rendered(explain_addon(devis, "overheads"))[1] == fr(
        "Frais généraux: 5_% (the budget's rate; the chart's is 7_%, estimated — test figure)"
        " × 78_361,15~€ = 3_918,0575~€"
    )


def test_an_exact_add_on_is_one_step() -> None:
    devis = compute(budget(line("A", "21", 1, "1000000")))
    assert rendered(explain_addon(devis, "overheads"))[1:] == [
        fr("Frais généraux: 7_% (estimated — test figure) × 1_000_000,00~€ = 70_000,00~€")
    ]


def test_the_total(devis: Devis) -> None:
    steps = explain_total(devis)
    assert rendered(steps)[:2] == [
        fr("chapter 1 Droits artistiques = 0,00~€"),
        fr("chapter 2 Personnel = 28_500,00~€"),
    ]
    assert rendered(steps)[9:] == [
        fr(
            "total of chapters 1 to 9: lines 72_525,13~€ + employer charges 5_836,02~€ "
            "= 78_361,15~€"
        ),
        fr("Frais généraux: 7_% (estimated — test figure) × 78_361,15~€ = 5_485,28~€"),
        fr("Imprévus: 5_% (estimated — test figure) × 83_846,43~€ = 4_192,32~€"),
        # 78 361.15 + (5 485.28 + 4 192.32 = 9 677.60)
        fr("total: chapters 78_361,15~€ + add-ons 9_677,60~€ = 88_038,75~€"),
    ]
    assert steps[-1].amount == devis.total
    assert sum(s.amount for s in steps[:9]) == devis.chapters_total


def test_labels_are_translatable_messages(devis: Devis) -> None:
    template = "{addon}: {rate} ({citation}) × {base}"
    french = {template: template.replace(":", "\u00a0:")}
    step = explain_total(devis)[10]
    assert step.render(lambda msgid: french.get(msgid, msgid)) == fr(
        "Frais généraux~: 7_% (estimated — test figure) × 78_361,15~€ = 5_485,28~€"
    )


def test_unknown_line_or_add_on(devis: Devis) -> None:
    with pytest.raises(NotFound, match="no line L99 in this devis"):
        explain_line(devis, "L99")
    with pytest.raises(NotFound, match=r"no add-on 'fees' in this devis.*overheads, contingency"):
        explain_addon(devis, "fees")
