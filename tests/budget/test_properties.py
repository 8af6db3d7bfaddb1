# SPDX-License-Identifier: AGPL-3.0-or-later
"""Properties of compute() over generated budgets (Hypothesis):

* the top sheet's total is Σ line gross + Σ fringes + Σ add-ons, exactly, each figure
  recomputed here independently of compute();
* every line is counted once, on its account;
* changing one line changes only its account, its chapter, the chapter-4 accounts its
  fringes are booked on, chapter 4, and the totals;
* rounding is per line (and per fringe), as documented: an account's gross is the sum of
  its rounded lines, not the rounding of a sum.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from regie.budget.compute import compute
from regie.budget.model import AddOnBase, Budget, BudgetLine, Devis
from tests.budget.builders import CHART, FRINGE_GROUPS, budget, line

CENT = Decimal("0.01")
CODES = [a.code for chapter in CHART.chapters for a in chapter.accounts]
GROUPS = [None, *sorted(FRINGE_GROUPS)]


def decimals(high: int, places: int) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=0, max_value=high, places=places, allow_nan=False)


@st.composite
def lines(draw: st.DrawFn, index: int) -> BudgetLine:
    return line(
        f"L{index:04d}",
        draw(st.sampled_from(CODES)),
        draw(decimals(400, 2)),
        draw(decimals(20_000, 3)),
        draw(st.one_of(st.just(Decimal(1)), decimals(12, 1))),
        group=draw(st.sampled_from(GROUPS)),
    )


@st.composite
def budgets(draw: st.DrawFn) -> Budget:
    count = draw(st.integers(min_value=0, max_value=25))
    rates: dict[str, str] = {}
    if draw(st.booleans()):
        rates["overheads"] = str(draw(st.decimals("0", "0.07", places=4)))  # capped at 7 %
    if draw(st.booleans()):
        rates["contingency"] = str(draw(st.decimals("0", "0.2", places=3)))
    return budget(*(draw(lines(i)) for i in range(count)), addon_rates=rates)


def gross(item: BudgetLine) -> Decimal:
    return (item.quantity * item.rate * item.multiplier).quantize(CENT, rounding=ROUND_HALF_UP)


def fringes(item: BudgetLine) -> list[tuple[str, Decimal]]:
    """``(account, amount)`` of each fringe of ``item``, computed here from the definition."""
    if item.fringe_group is None:
        return []
    base = gross(item)
    result = []
    for fringe in FRINGE_GROUPS[item.fringe_group].fringes:
        capped = base if fringe.ceiling is None else min(base, fringe.ceiling)
        amount = (capped * fringe.rate).quantize(CENT, rounding=ROUND_HALF_UP)
        result.append((fringe.account or "41", amount))
    return result


def account_totals(devis: Devis) -> dict[str, Decimal]:
    return {a.account.code: a.total for c in devis.chapters for a in c.accounts}


def chapter_totals(devis: Devis) -> dict[int, Decimal]:
    return {c.chapter.number: c.total for c in devis.chapters}


@settings(max_examples=150, deadline=None)
@given(budgets())
def test_the_total_is_lines_plus_fringes_plus_add_ons_exactly(source: Budget) -> None:
    devis = compute(source)
    lines_total = sum((gross(item) for item in source.lines), Decimal(0))
    fringes_total = sum(
        (amount for item in source.lines for _, amount in fringes(item)), Decimal(0)
    )
    chapters = lines_total + fringes_total
    addons, previous = Decimal(0), Decimal(0)
    for addon in CHART.addons:
        rate = source.addon_rates.get(addon.key, addon.rate)
        base = chapters + previous if addon.base == AddOnBase.CHAPTERS_AND_OVERHEADS else chapters
        amount = (base * rate).quantize(CENT, rounding=ROUND_HALF_UP)
        previous += amount
        addons += amount
    assert devis.lines_total == lines_total
    assert devis.fringes_total == fringes_total
    assert devis.chapters_total == chapters == sum(chapter_totals(devis).values())
    assert devis.total == chapters + addons
    assert devis.total == devis.chapters_total + sum(a.amount for a in devis.addons)


@settings(max_examples=100, deadline=None)
@given(budgets())
def test_every_line_is_counted_once_on_its_account(source: Budget) -> None:
    devis = compute(source)
    placed = Counter(
        (lt.line.id, a.account.code) for c in devis.chapters for a in c.accounts for lt in a.lines
    )
    assert placed == Counter((item.id, item.account) for item in source.lines)
    assert all(n == 1 for n in placed.values())


@settings(max_examples=100, deadline=None)
@given(budgets())
def test_rounding_is_per_line_and_per_fringe(source: Budget) -> None:
    devis = compute(source)
    charges: dict[str, Decimal] = {}
    for item in source.lines:
        for code, amount in fringes(item):
            charges[code] = charges.get(code, Decimal(0)) + amount
    for chapter in devis.chapters:
        for account in chapter.accounts:
            for lt in account.lines:
                assert lt.gross == gross(lt.line)
                assert [amount for _, amount in lt.fringes] == [a for _, a in fringes(lt.line)]
                assert lt.fringe_total == sum(amount for _, amount in lt.fringes)
                assert lt.gross == lt.gross.quantize(CENT)
            assert account.gross == sum((lt.gross for lt in account.lines), Decimal(0))
            assert account.charges == charges.get(account.account.code, Decimal(0))
        assert chapter.total == sum((a.total for a in chapter.accounts), Decimal(0))


@settings(max_examples=100, deadline=None)
@given(budgets().filter(lambda b: bool(b.lines)), st.data())
def test_changing_one_line_changes_only_its_account_chapter_and_totals(
    source: Budget, data: st.DataObject
) -> None:
    index = data.draw(st.integers(min_value=0, max_value=len(source.lines) - 1))
    old = source.lines[index]
    new = replace(
        old,
        quantity=data.draw(decimals(400, 2)),
        rate=data.draw(decimals(20_000, 3)),
    )
    changed = replace(source, lines=(*source.lines[:index], new, *source.lines[index + 1 :]))
    before, after = compute(source), compute(changed)

    touched = {old.account} | {account for account, _ in fringes(old) + fringes(new)}
    accounts_before, accounts_after = account_totals(before), account_totals(after)
    for code in CODES:
        if code not in touched:
            assert accounts_before[code] == accounts_after[code], code
    chapters = {int(code[0]) for code in touched}
    chapters_before, chapters_after = chapter_totals(before), chapter_totals(after)
    for number in range(1, 10):
        if number not in chapters:
            assert chapters_before[number] == chapters_after[number], number
    # What moved is exactly the line's own difference.
    delta = gross(new) - gross(old)
    delta += sum(a for _, a in fringes(new)) - sum(a for _, a in fringes(old))
    assert after.chapters_total - before.chapters_total == delta
    if old.account not in {account for account, _ in fringes(old)}:
        assert accounts_after[old.account] - accounts_before[old.account] == gross(new) - gross(old)
