# SPDX-License-Identifier: AGPL-3.0-or-later
"""The cost report, its burn chart and the final accounts on a small production whose every
figure is worked out by hand in the comments: a ledger up to 10 March (the cut-off), regie's
invoices, expense reports and payroll around it, commitments and one override."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from regie.budget.compute import compute
from regie.finance.actuals import (
    Commitment,
    CommitmentStatus,
    ExpenseLine,
    ExpenseReport,
    ExpenseStatus,
    Invoice,
    PayrollEntry,
)
from regie.finance.burn import Phase, Phases, burn, phases_for, snapshot_of
from regie.finance.costreport import (
    Actuals,
    AlertLevel,
    Source,
    cost_report,
    cost_settings,
    suggest_rules,
)
from regie.finance.final_accounts import final_accounts
from regie.finance.ledger import Ledger, LedgerEntry, MappingRule
from regie.rules.registry import shipped_pack
from tests.budget.builders import budget, line

D = Decimal
SETTINGS = cost_settings(shipped_pack("cost-report"))
DEVIS = compute(
    budget(
        line("L1", "51", 10, "1000"),  # Décors 10 000
        line("L2", "71", 5, "2000"),  # Caméra 10 000
        line("L3", "91", 1, "5000"),  # Assurances 5 000
        line("L4", "23", 20, "300"),  # Équipe technique 6 000
    )
)  # chapters 31 000; overheads 7 % 2 170,00; contingency 5 % of 33 170 = 1 658,50


def entry(
    number: str,
    day: int,
    account: str,
    debit: str = "0",
    credit: str = "0",
    *,
    analytic: str = "",
    piece_ref: str = "",
) -> LedgerEntry:
    return LedgerEntry(
        journal=number[:2],
        number=number,
        date=dt.date(2026, 3, day),
        account=account,
        account_label=account,
        label=f"écriture {number}",
        debit=D(debit),
        credit=D(credit),
        analytic=analytic,
        piece_ref=piece_ref,
    )


LEDGER = Ledger(
    (
        entry("AC1", 2, "616000", "4800", analytic="91", piece_ref="ASS-1"),
        entry("AC1", 2, "401000", credit="4800"),
        entry("AC2", 5, "613200", "3000", analytic="51", piece_ref="FA-1"),
        entry("AC2", 5, "401000", credit="3000", piece_ref="FA-1"),
        entry("AC3", 6, "606300", "250"),  # no rule maps it
        entry("AC3", 6, "401000", credit="250"),
        entry("PA1", 6, "641100", "1000"),
        entry("PA1", 6, "645100", "400"),
        entry("PA1", 6, "421000", credit="1400"),
        entry("BQ1", 10, "401000", "4800"),  # paying the insurer: no charge
        entry("BQ1", 10, "512000", credit="4800"),
    )
)
RULES = (
    MappingRule("91", analytic="91"),
    MappingRule("51", analytic="51"),
    MappingRule("23", account_prefix="6411"),
    MappingRule("41", account_prefix="645"),
)
COMMITMENTS = (
    Commitment(1, "BC-1", "Loueur", "51", "Décor", D("9000"), dt.date(2026, 3, 1)),
    Commitment(2, "BC-2", "Caméras", "71", "Caméra", D("5000"), dt.date(2026, 3, 1)),
    Commitment(
        3,
        "BC-3",
        "Caméras",
        "71",
        "Optiques",
        D("800"),
        dt.date(2026, 3, 1),
        status=CommitmentStatus.CANCELLED,
    ),
)
INVOICES = (
    # in the ledger (dated before the cut-off): not counted again
    Invoice(1, "Loueur", "FA-1", dt.date(2026, 3, 4), "51", "Décor", D("3000"), commitment_id=1),
    Invoice(2, "Caméras", "FC-7", dt.date(2026, 3, 20), "71", "Caméra", D("4000"), D("800"), 2),
)


def report(number: int, status: ExpenseStatus, *lines: ExpenseLine) -> ExpenseReport:
    return ExpenseReport(number, number, "Léa Morin", "Repérages", status, lines)


EXPENSES = (
    report(
        1,
        ExpenseStatus.APPROVED,
        ExpenseLine(1, dt.date(2026, 3, 15), "62", "Hôtel", D("120"), D("20")),  # net 100
        ExpenseLine(2, dt.date(2026, 3, 8), "62", "Taxi", D("50")),  # before the cut-off
    ),
    report(2, ExpenseStatus.DRAFT, ExpenseLine(3, dt.date(2026, 3, 16), "62", "Train", D("999"))),
)
PAYROLL = (
    PayrollEntry(
        "Ana Bel", dt.date(2026, 3, 2), dt.date(2026, 3, 6), D("1000"), D("400"), D("780"), "23"
    ),
    PayrollEntry(
        "Ana Bel", dt.date(2026, 3, 16), dt.date(2026, 3, 20), D("5000"), D("2100"), D("3900"), "23"
    ),
)
ACTUALS = Actuals(COMMITMENTS, INVOICES, EXPENSES, PAYROLL, LEDGER, RULES)
AS_OF = dt.date(2026, 3, 22)


def test_each_account_counts_each_euro_once() -> None:
    found = cost_report(DEVIS, ACTUALS, SETTINGS, as_of=AS_OF, overrides={"71": D("7000")})
    assert found.cutoff == dt.date(2026, 3, 10)

    def figures(code: str) -> tuple[Decimal, ...]:
        row = found.line(code)
        assert row is not None
        f = row.figures
        return (f.budget, f.committed, f.actual, f.estimate_to_complete, f.final, f.variance)

    # Décors: ledger 3 000 (the invoice FA-1 is in it); BC-1 9 000 − 3 000 invoiced.
    assert figures("51") == (D("10000"), D("6000"), D("3000"), D("1000"), D("10000"), D(0))
    # Caméra: invoice after the cut-off 4 000 (net of VAT); BC-2 5 000 − 4 000; BC-3
    # cancelled; estimate to complete set to 7 000 → 12 000, 2 000 over.
    assert figures("71") == (D("10000"), D("1000"), D("4000"), D("7000"), D("12000"), D("2000"))
    # Assurances: ledger 4 800; the bank line paying the insurer is not a charge.
    assert figures("91") == (D("5000"), D(0), D("4800"), D("200"), D("5000"), D(0))
    # Équipe: ledger payroll 1 000 + payroll after the cut-off 5 000.
    assert figures("23") == (D("6000"), D(0), D("6000"), D(0), D("6000"), D(0))
    # Charges (chapter 4, 41 for a chapter-2 gross): ledger 400 + payroll 2 100, no budget.
    assert figures("41") == (D(0), D(0), D("2500"), D(0), D("2500"), D("2500"))
    # Défraiements: the approved hotel (120 − 20 VAT); the taxi is before the cut-off,
    # the draft counts nothing.
    assert figures("62") == (D(0), D(0), D("100"), D(0), D("100"), D("100"))
    row = found.line("71")
    assert row is not None
    assert row.etc_overridden
    assert row.by_source == {Source.INVOICE: D("4000")}
    assert found.line("23").by_source == {Source.LEDGER: D("1000"), Source.PAYROLL: D("5000")}  # type: ignore[union-attr]

    chapters = found.chapters_figures
    assert (chapters.budget, chapters.actual, chapters.committed) == (
        D("31000"),
        D("20400"),
        D("7000"),
    )
    assert (chapters.estimate_to_complete, chapters.final) == (D("8200"), D("35600"))
    # add-ons carried at their budget: 2 170,00 + 1 658,50
    assert found.figures.budget == D("34828.50") == DEVIS.total
    assert found.figures.final == D("39428.50")


def test_alerts_follow_the_pack_thresholds() -> None:
    found = cost_report(DEVIS, ACTUALS, SETTINGS, as_of=AS_OF, overrides={"71": D("7000")})
    levels = {(a.level, a.account, a.chapter) for a in found.alerts}
    assert levels == {
        (AlertLevel.WATCH, "51", 5),  # 9 000 of 10 000 spent or committed: 90 %
        (AlertLevel.SEVERE, "71", 7),  # 2 000 over 10 000: 20 % > 10 %
        (AlertLevel.SEVERE, None, 7),  # the chapter too
        (AlertLevel.WATCH, "91", 9),  # 96 %
        (AlertLevel.WATCH, "23", 2),  # 100 %
        (AlertLevel.UNBUDGETED, "41", 4),
        (AlertLevel.UNBUDGETED, "62", 6),
        (AlertLevel.UNMAPPED, None, None),  # 606300, 250
    }  # chapters get overrun alerts only: chapter 7, not the unbudgeted 4 and 6
    unmapped = next(a for a in found.alerts if a.level is AlertLevel.UNMAPPED)
    assert unmapped.amount == D("250")
    assert [(u.account, u.amount) for u in found.unmapped] == [("606300", D("250"))]
    # Without the override the camera's estimate to complete is what is left: no alert.
    plain = cost_report(DEVIS, ACTUALS, SETTINGS, as_of=AS_OF)
    assert plain.line("71").figures.final == D("10000")  # type: ignore[union-attr]
    assert "71" not in {a.account for a in plain.alerts}


def test_an_overrun_under_the_minimum_amount_is_not_flagged() -> None:
    found = cost_report(DEVIS, ACTUALS, SETTINGS, as_of=AS_OF, overrides={"71": D("5400")})
    assert found.line("71").figures.variance == D("400")  # type: ignore[union-attr]
    assert found.line("71").alert is None  # type: ignore[union-attr]  # 400 < 500 €


def test_without_a_ledger_every_document_counts() -> None:
    alone = Actuals(COMMITMENTS, INVOICES, EXPENSES, PAYROLL)
    found = cost_report(DEVIS, alone, SETTINGS, as_of=AS_OF)
    assert found.cutoff is None
    assert found.line("51").figures.actual == D("3000")  # type: ignore[union-attr]  # FA-1
    assert found.line("62").figures.actual == D("150")  # type: ignore[union-attr]  # 100 + 50
    assert found.line("41").figures.actual == D("2500")  # type: ignore[union-attr]  # 400 + 2 100


def test_burn_spreads_the_budget_over_the_phases() -> None:
    found = cost_report(DEVIS, ACTUALS, SETTINGS, as_of=AS_OF)
    phases = Phases(dt.date(2026, 3, 18), shoot_weeks=2, prep_weeks=2, post_weeks=1)
    curve = burn(DEVIS, found.items, phases, SETTINGS, as_of=AS_OF)
    assert [w.week for w in curve.weeks] == [dt.date(2026, 3, d) for d in (2, 9, 16, 23, 30)]
    assert [w.phase for w in curve.weeks] == [Phase.PREP] * 2 + [Phase.SHOOT] * 2 + [Phase.POST]
    # Prep shares: 0.2 × 6 000 + 0.5 × 10 000 + 0.1 × 10 000 + 0.5 × 5 000 = 9 700, half a
    # week each; shoot 19 450 over two weeks; post 1 850; × 34 828,50 / 31 000 = 1,1235.
    assert [w.planned for w in curve.weeks] == [
        D("5448.98"),
        D("10897.95"),
        D("21823.99"),
        D("32750.03"),
        D("34828.50"),
    ]
    # Spent: 4 800 + 3 000 + 1 000 + 400 by 8 March; + 100 (hotel, Sunday 15); + 4 000
    # + 5 000 + 2 100 in the week of the 16th; nothing after 22 March yet.
    assert [w.actual for w in curve.weeks] == [D("9200"), D("9300"), D("20400"), None, None]
    assert curve.latest is not None
    assert curve.latest.week == dt.date(2026, 3, 16)


def test_phases_and_snapshots() -> None:
    phases = phases_for(
        dt.date(2026, 3, 18), D("7"), days_per_week=5, prep_weeks=D("1.5"), post_weeks=3
    )
    assert (phases.shoot_weeks, phases.prep_weeks, phases.post_weeks) == (2, 2, 3)
    no_prep = Phases(dt.date(2026, 3, 16), 1, 0, 0)
    assert no_prep.done(Phase.PREP, 0) == 1
    assert no_prep.done(Phase.POST, 0) == 1
    found = cost_report(DEVIS, ACTUALS, SETTINGS, as_of=AS_OF)
    kept = snapshot_of(found, AS_OF)
    assert kept.week == dt.date(2026, 3, 16)
    assert kept.figures == found.figures
    assert dict(kept.accounts)["51"].actual == D("3000")
    curve = burn(DEVIS, found.items, no_prep, SETTINGS, as_of=AS_OF, snapshots=[kept])
    assert curve.weeks[0].forecast == found.figures.final


def test_final_accounts_reconcile_with_the_ledger() -> None:
    found = cost_report(DEVIS, ACTUALS, SETTINGS, as_of=AS_OF)
    final = final_accounts(DEVIS, ACTUALS, found, SETTINGS)
    assert final.chapters_final == D("20400")
    overheads, contingency = final.addons
    assert (overheads.base, overheads.final) == (D("20400"), D("1428.00"))  # 7 %
    assert contingency.final == 0  # consumed in the lines
    assert final.final == D("21828.00")
    # Documents up to 10 March against the ledger: the taxi (50) is not in the ledger; the
    # insurance (4 800) has no invoice in regie; décors, crew and charges agree.
    assert [(d.devis_account, d.difference) for d in final.discrepancies] == [
        ("62", D("50")),
        ("91", D("-4800")),
    ]
    agreed = {d.devis_account for d in final.reconciled} - {"62", "91"}
    assert agreed == {"23", "41", "51"}
    assert (final.payroll.documents, final.payroll.ledger, final.payroll_matches) == (
        D("1400"),
        D("1400"),
        True,
    )
    assert [(r.invoice.number, r.in_ledger) for r in final.invoices] == [
        ("FA-1", True),
        ("FC-7", None),
    ]
    (ana,) = final.staff
    assert (ana.first_day, ana.last_day, ana.gross, ana.employer_charges, ana.net) == (
        dt.date(2026, 3, 2),
        dt.date(2026, 3, 20),
        D("6000"),
        D("2500"),
        D("4680"),
    )
    assert not final.balanced


def test_suggested_rules_use_analytic_codes_that_are_devis_accounts() -> None:
    ledger = Ledger((*LEDGER.entries, entry("AC9", 9, "622600", "10", analytic="ZZ")))
    accounts = [a.code for c in DEVIS.budget.chart.chapters for a in c.accounts]
    assert suggest_rules(ledger, accounts, ()) == (
        MappingRule("51", "", "51"),
        MappingRule("91", "", "91"),
    )
    assert suggest_rules(ledger, accounts, RULES[:1]) == (MappingRule("51", "", "51"),)


@pytest.mark.parametrize("weeks", [-1])
def test_negative_weeks_are_refused(weeks: int) -> None:
    from regie.core.errors import ValidationError

    with pytest.raises(ValidationError):
        Phases(dt.date(2026, 3, 16), 1, prep_weeks=weeks)
