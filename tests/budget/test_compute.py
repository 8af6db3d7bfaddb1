# SPDX-License-Identifier: AGPL-3.0-or-later
"""compute(): line gross, fringes, chapters, add-ons and total, against figures worked out
by hand (the arithmetic is in the comments); refusals; the production's globals."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

import pytest

from regie.budget.compute import compute
from regie.budget.globals import Globals, resolve_quantity, with_quantity
from regie.budget.model import AccountTotal, Devis, Fringe, FringeGroup, LineTotal
from regie.core.errors import ValidationError
from tests.budget.builders import (
    CHART,
    FRINGE_GROUPS,
    UNEMPLOYMENT,
    budget,
    chart,
    cited,
    example,
    line,
)

D = Decimal


def accounts(devis: Devis) -> dict[str, AccountTotal]:
    return {a.account.code: a for c in devis.chapters for a in c.accounts}


def lines(devis: Devis) -> dict[str, LineTotal]:
    return {lt.line.id: lt for a in accounts(devis).values() for lt in a.lines}


# --- the example budget, by hand -----------------------------------------------------------


def test_line_gross_is_quantity_times_rate_times_multiplier_rounded_per_line() -> None:
    got = lines(compute(example()))
    assert got["L1"].gross == D("13500.00")  # 30 × 450.00 × 1
    assert got["L2"].gross == D("24000.00")  # 20 × 1 200.00 × 1
    assert got["L3"].gross == D("20000.00")  # 6 × 3 333.333 = 19 999.998 → 20 000.00
    assert got["L4"].gross == D("25.13")  # 2.5 × 10.05 = 25.125 → 25.13 (half up, not 25.12)
    assert got["L5"].gross == D("15000.00")  # 25 × 300 × 2


def test_fringes_per_line_and_per_fringe_with_ceilings() -> None:
    got = lines(compute(example()))
    # L1 (technician, gross 13 500.00):
    #   health        7 %    × 13 500.00                     = 945.00
    #   pension       8.55 % × min(13 500.00, 3 925) = 3 925 = 335.5875 → 335.59
    #   unemployment  4.05 % × min(13 500.00, 15 700)        = 546.75
    assert [amount for _, amount in got["L1"].fringes] == [D("945.00"), D("335.59"), D("546.75")]
    assert got["L1"].fringe_total == D("1827.34")  # 945.00 + 335.59 + 546.75
    # L5 (technician, gross 15 000.00): 1 050.00 + 335.59 + 607.50 (4.05 % × 15 000)
    assert got["L5"].fringe_total == D("1993.09")
    # L2 (performer, gross 24 000.00): 1 680.00 (7 %) + 335.59 (8.55 % × 3 925)
    assert got["L2"].fringe_total == D("2015.59")
    # L3 and L4 have no fringe group.
    assert got["L3"].fringes == ()
    assert got["L3"].fringe_total == 0


def test_fringes_are_booked_as_charges_on_their_chapter_4_account() -> None:
    devis = compute(example())
    by_code = accounts(devis)
    # 41: L1 1 827.34 + L5 1 993.09 = 3 820.43 (unemployment names no account: first of ch. 4)
    assert by_code["41"].charges == D("3820.43")
    assert by_code["41"].gross == 0
    assert by_code["41"].total == D("3820.43")
    assert by_code["42"].charges == D("2015.59")  # L2
    # The line stays on its own account, with its gross only.
    assert by_code["22"].total == D("13500.00")
    assert [lt.line.id for lt in by_code["23"].lines] == ["L5"]


def test_chapters_hold_every_account_of_the_chart_and_sum_them() -> None:
    devis = compute(example())
    assert [c.chapter.number for c in devis.chapters] == list(range(1, 10))
    assert [[a.account.code for a in c.accounts] for c in devis.chapters] == [
        [a.code for a in ch.accounts] for ch in CHART.chapters
    ]
    totals = {c.chapter.number: c.total for c in devis.chapters}
    assert totals == {
        1: D("0.00"),
        2: D("28500.00"),  # 13 500.00 + 15 000.00
        3: D("24000.00"),
        4: D("5836.02"),  # 3 820.43 + 2 015.59
        5: D("0.00"),
        6: D("25.13"),
        7: D("20000.00"),
        8: D("0.00"),
        9: D("0.00"),
    }
    assert str(totals[1]) == "0.00"  # an empty chapter is an amount, not a bare 0


def test_top_sheet_totals_and_add_ons() -> None:
    devis = compute(example())
    assert devis.lines_total == D("72525.13")  # 13 500 + 24 000 + 20 000 + 25.13 + 15 000
    assert devis.fringes_total == D("5836.02")  # 1 827.34 + 2 015.59 + 1 993.09
    assert devis.chapters_total == D("78361.15")  # 72 525.13 + 5 836.02
    overheads, contingency = devis.addons
    # Frais généraux: 7 % × 78 361.15 = 5 485.2805 → 5 485.28
    assert (overheads.rate, overheads.base, overheads.amount) == (
        D("0.07"),
        D("78361.15"),
        D("5485.28"),
    )
    # Imprévus on chapters + overheads: 5 % × (78 361.15 + 5 485.28 = 83 846.43)
    #   = 4 192.3215 → 4 192.32
    assert (contingency.base, contingency.amount) == (D("83846.43"), D("4192.32"))
    assert devis.total == D("88038.75")  # 78 361.15 + 5 485.28 + 4 192.32


def test_an_add_on_rate_override_below_its_cap() -> None:
    devis = compute(replace(example(), addon_rates={"overheads": D("0.05")}))
    overheads, contingency = devis.addons
    assert overheads.rate == D("0.05")
    assert overheads.amount == D("3918.06")  # 5 % × 78 361.15 = 3 918.0575 → 3 918.06
    assert contingency.base == D("82279.21")  # 78 361.15 + 3 918.06
    assert contingency.amount == D("4113.96")  # 5 % × 82 279.21 = 4 113.9605 → 4 113.96
    assert devis.total == D("86393.17")  # 78 361.15 + 3 918.06 + 4 113.96


def test_an_empty_budget_is_nine_chapters_at_zero() -> None:
    devis = compute(budget())
    assert len(devis.chapters) == 9
    assert all(c.total == 0 for c in devis.chapters)
    assert devis.total == devis.chapters_total == devis.lines_total == 0
    assert [a.amount for a in devis.addons] == [0, 0]


def test_a_line_on_a_chapter_4_account_adds_its_gross_beside_the_charges() -> None:
    devis = compute(budget(line("A", "41", 1, "100", unit="forfait"), line("B", "21", 1, "1000")))
    assert accounts(devis)["41"].total == D("100.00")
    assert devis.chapters_total == devis.lines_total + devis.fringes_total == D("1100.00")


def test_zero_quantity_lines_and_groups_without_fringes() -> None:
    devis = compute(budget(line("A", "21", 0, "450", group="cddu_technician")))
    assert lines(devis)["A"].gross == 0
    assert lines(devis)["A"].fringe_total == 0
    devis = compute(budget(line("A", "21", 2, "450", group="none")))
    assert lines(devis)["A"].fringe_total == 0
    assert devis.chapters_total == D("900.00")


def test_charges_are_rounded_half_up_per_fringe_then_added() -> None:
    # 1 × 7.50: health 7 % = 0.525 → 0.53 (half up; half even would give 0.52);
    # pension 8.55 % = 0.64125 → 0.64; unemployment 4.05 % = 0.30375 → 0.30.
    got = lines(compute(budget(line("A", "21", 1, "7.50", group="cddu_technician"))))
    assert [a for _, a in got["A"].fringes] == [D("0.53"), D("0.64"), D("0.30")]
    assert got["A"].fringe_total == D("1.47")
    # 1 × 0.43: 0.0301 → 0.03, 0.036765 → 0.04, 0.017415 → 0.02: 0.09 per fringe, where
    # rounding the unrounded sum (0.08428) once would give 0.08.
    got = lines(compute(budget(line("B", "21", 1, "0.43", group="cddu_technician"))))
    assert got["B"].fringe_total == D("0.09")


# --- refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"quantity": D(-1)}, "quantity"),
        ({"rate": D("-0.01")}, "rate"),
        ({"multiplier": D(-2)}, "multiplier"),
    ],
)
def test_negative_figures_are_refused_naming_the_line_and_field(
    changes: dict[str, Decimal], field: str
) -> None:
    bad = replace(line("L9", "21", 1, "100"), **changes)  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as refused:
        compute(budget(bad))
    assert refused.value.field == field
    message = str(refused.value)
    assert f"field '{field}'" in message
    assert "line L9 has a negative value" in message
    assert refused.value.hint is not None


def test_non_finite_figures_are_refused() -> None:
    with pytest.raises(ValidationError, match="line L9: NaN is not a finite number"):
        compute(budget(replace(line("L9", "21", 1, "100"), rate=D("NaN"))))
    with pytest.raises(ValidationError, match="Infinity is not a finite number"):
        compute(budget(replace(line("L9", "21", 1, "100"), quantity=D("Infinity"))))


def test_an_account_not_in_the_chart_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        compute(budget(line("L7", "99", 1, "100")))
    assert refused.value.field == "account"
    assert "line L7: account 99 is not in the chart test-devis@1" in str(refused.value)


def test_a_fringe_group_not_in_the_budget_is_refused_with_the_known_ones() -> None:
    with pytest.raises(ValidationError) as refused:
        compute(budget(line("L3", "21", 1, "100", group="cdi")))
    assert refused.value.field == "fringe_group"
    message = str(refused.value)
    assert "line L3: fringe group 'cdi' is not in the budget" in message
    assert "cddu_performer, cddu_technician, none" in message


def test_a_line_id_used_twice_is_refused() -> None:
    with pytest.raises(ValidationError, match="line id L1 is used twice"):
        compute(budget(line("L1", "21", 1, "1"), line("L1", "22", 1, "1")))


def test_a_fringe_booked_outside_chapter_4_is_refused() -> None:
    group = FringeGroup("odd", "Odd", (Fringe("x", "X", D("0.1"), cited("x"), account="21"),))
    with pytest.raises(ValidationError, match="not a chapter 4 account") as refused:
        compute(budget(line("A", "21", 1, "1", group="odd"), fringe_groups={"odd": group}))
    assert refused.value.field == "account"


def test_a_chart_without_chapter_4_account_cannot_book_default_charges() -> None:
    bare = chart(drop=("41", "42"))
    groups = {"u": FringeGroup("u", "U", (UNEMPLOYMENT,))}  # names no account
    with pytest.raises(ValidationError, match="has no chapter 4 account"):
        compute(budget(line("A", "21", 1, "1", group="u"), chart=bare, fringe_groups=groups))
    # Without fringes the same chart computes.
    assert compute(budget(line("A", "21", 1, "1"), chart=bare)).total > 0


def test_a_negative_fringe_rate_is_refused() -> None:
    group = FringeGroup("bad", "Bad", (Fringe("x", "X", D("-0.1"), cited("x")),))
    with pytest.raises(ValidationError, match="fringe x of group 'bad' has an invalid rate"):
        compute(budget(line("A", "21", 1, "1", group="bad"), fringe_groups={"bad": group}))


def test_an_add_on_override_above_its_cap_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        compute(budget(addon_rates={"overheads": "0.08"}))
    assert refused.value.field == "addon_rates"
    message = str(refused.value)
    assert "add-on 'overheads': the rate 0.08 is above its ceiling of 0.07" in message
    assert "estimated — test figure" in message  # the hint cites the rule
    # At the cap itself it is accepted; an add-on without cap takes any rate.
    assert compute(budget(addon_rates={"overheads": "0.07", "contingency": "0.30"})).total == 0


def test_unknown_or_negative_add_on_overrides_are_refused() -> None:
    with pytest.raises(ValidationError, match="no add-on 'insurance' in the chart"):
        compute(budget(addon_rates={"insurance": "0.01"}))
    with pytest.raises(ValidationError, match="is not a number of zero or more"):
        compute(budget(addon_rates={"contingency": "-0.01"}))


def test_a_chart_with_an_account_twice_is_refused() -> None:
    twice = chart(add={"22": "Réalisateur (bis)"})
    with pytest.raises(ValidationError, match="account 22 appears twice in the chart"):
        compute(budget(chart=twice))


def test_the_budget_is_not_changed_and_lines_keep_their_order() -> None:
    source = budget(line("B", "21", 1, "2"), line("A", "21", 1, "1"), line("C", "22", 1, "3"))
    devis = compute(source)
    assert devis.budget is source
    assert [lt.line.id for lt in accounts(devis)["21"].lines] == ["B", "A"]
    assert accounts(devis)["21"].lines[0].line is source.lines[0]


def test_fringe_groups_mapping_is_read_only_for_compute() -> None:
    groups = dict(FRINGE_GROUPS)
    compute(budget(line("A", "21", 1, "1", group="cddu_technician"), fringe_groups=groups))
    assert groups == FRINGE_GROUPS


# --- globals -----------------------------------------------------------------------------------

GLOBALS = Globals(shoot_days=D(32), prep_weeks=D(6), wrap_weeks=D("1.5"), episodes=D(6))


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("3", D(3)),
        ("2.5", D("2.5")),
        ("2,5", D("2.5")),  # French decimal comma
        ("shoot_days", D(32)),
        ("2*prep_weeks", D(12)),
        ("prep_weeks * 2", D(12)),
        (" wrap_weeks × 2 ", D("3.0")),  # 1.5 × 2
        ("episodes*shoot_days*0.5", D(96)),  # 6 × 32 × 0.5
    ],
)
def test_resolve_quantity(expr: str, expected: Decimal) -> None:
    assert resolve_quantity(expr, GLOBALS) == expected
    assert resolve_quantity(expr, GLOBALS.as_mapping()) == expected


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        ("", "the quantity is empty"),
        ("   ", "the quantity is empty"),
        ("shooting_days", "'shooting_days' in the quantity 'shooting_days' is not a global"),
        ("2*", "a factor of the quantity '2*' is missing"),
        ("2**shoot_days", "a factor of the quantity '2**shoot_days' is missing"),
        ("-2", "'-2' in the quantity '-2' is neither a number nor a global"),
        ("2+prep_weeks", "is neither a number nor a global"),
        ("__import__('os')", "is neither a number nor a global"),
        ("1e9", "is neither a number nor a global"),
        ("9" * 201, "longer than 200 characters"),
    ],
)
def test_resolve_quantity_refuses_clearly(expr: str, message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)) as refused:
        resolve_quantity(expr, GLOBALS)
    assert refused.value.field == "quantity"
    assert refused.value.hint is not None


def test_an_unknown_global_names_the_known_ones() -> None:
    with pytest.raises(ValidationError) as refused:
        resolve_quantity("days", {"shoot_days": D(3)})
    assert "Use one of the globals: shoot_days" in str(refused.value)


def test_globals_refuse_negative_values() -> None:
    with pytest.raises(ValidationError) as refused:
        Globals(shoot_days=D(-1))
    assert refused.value.field == "shoot_days"


def test_a_line_quantity_from_a_global_computes() -> None:
    director = with_quantity(line("L1", "22", 0, "450"), "shoot_days", GLOBALS)
    assert director.quantity == 32
    devis = compute(replace(budget(director), globals=GLOBALS.as_mapping()))
    assert devis.lines_total == D("14400.00")  # 32 × 450
