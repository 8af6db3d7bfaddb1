# SPDX-License-Identifier: AGPL-3.0-or-later
"""The ledger: totals by account and analytic code; mapping of charge lines onto devis
accounts (most specific rule first), with every unmapped account listed."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from importlib import resources

import pytest

from regie.budget.chart import load_chart
from regie.budget.model import ChartKind
from regie.core.errors import ValidationError
from regie.finance.ledger import (
    Ledger,
    LedgerEntry,
    MappingRule,
    check_rules,
    expense_prefixes,
    map_to_devis,
    rule_for,
    rules_from_mapping,
)
from regie.formats.fec import check_fec, load_fec_format
from regie.rules.registry import shipped_pack

DAY = dt.date(2026, 3, 9)


def line(account: str, debit: str = "0", credit: str = "0", analytic: str = "") -> LedgerEntry:
    return LedgerEntry(
        journal="AC", number="AC1", date=DAY, account=account, account_label=f"Compte {account}",
        label="x", debit=Decimal(debit), credit=Decimal(credit), analytic=analytic,
    )  # fmt: skip


LEDGER = Ledger(
    (
        line("641100", debit="1000", analytic="20"),
        line("641200", debit="600", analytic="31"),
        line("645100", debit="300", analytic="41"),
        line("613500", debit="500", analytic="71"),
        line("613500", credit="120", analytic="71"),  # a credit note
        line("625100", debit="80"),
        line("616000", debit="45", analytic="91"),
        line("421000", credit="1300"),
        line("401000", credit="505"),
        line("512000", credit="600"),
    )
)


def test_totals_by_account_and_by_analytic_code() -> None:
    by_account = LEDGER.by_account()
    assert list(by_account) == sorted(by_account)
    assert by_account["613500"].net == Decimal(380)
    assert by_account["613500"].lines == 2
    assert LEDGER.by_analytic()[""].net == Decimal(80 - 1300 - 505 - 600)
    assert LEDGER.total.debit == LEDGER.total.credit == Decimal(2525)
    assert LEDGER.entry_count == 1


RULES = (
    MappingRule("20", account_prefix="641"),
    MappingRule("31", account_prefix="641", analytic="31"),
    MappingRule("41", account_prefix="645"),
    MappingRule("71", analytic="71"),
    MappingRule("70", account_prefix="6135"),
)


def test_the_most_specific_rule_wins() -> None:
    assert rule_for(line("641200", analytic="31"), RULES) == RULES[1]  # prefix + analytic
    assert rule_for(line("641100", analytic="20"), RULES) == RULES[0]
    assert rule_for(line("613500", analytic="71"), RULES) == RULES[3]  # analytic beats prefix
    assert rule_for(line("613500", analytic="70"), RULES) == RULES[4]
    assert rule_for(line("625100"), RULES) is None


def test_charges_map_to_devis_accounts_and_the_rest_is_listed() -> None:
    mapping = map_to_devis(LEDGER, RULES)
    assert [(m.devis_account, m.amount) for m in mapping.mapped] == [
        ("20", Decimal(1000)), ("31", Decimal(600)), ("41", Decimal(300)), ("71", Decimal(380))
    ]  # fmt: skip
    assert [(u.account, u.amount, u.analytic_codes) for u in mapping.unmapped] == [
        ("616000", Decimal(45), ("91",)), ("625100", Decimal(80), ())
    ]  # fmt: skip
    charges = sum(t.net for a, t in LEDGER.by_account().items() if a.startswith("6"))
    assert mapping.mapped_total + mapping.unmapped_total == charges
    assert mapping.amount("71") == Decimal(380)
    assert mapping.amount("99") == 0


def test_rules_are_checked() -> None:
    with pytest.raises(ValidationError, match="neither an account prefix nor an analytic"):
        check_rules([MappingRule("20")])
    with pytest.raises(ValidationError, match="'99' is not an account of the devis chart"):
        check_rules([MappingRule("99", account_prefix="6")], devis_accounts={"20", "31"})
    with pytest.raises(ValidationError, match="no devis account"):
        map_to_devis(LEDGER, [MappingRule(" ", account_prefix="6")])


def test_short_form_rules() -> None:
    assert rules_from_mapping({"6411": "20", "@31": "31", "6412@31": "32"}) == (
        MappingRule("20", "6411", ""),
        MappingRule("31", "", "31"),
        MappingRule("32", "6412", "31"),
    )


def test_the_demo_ledger_maps_by_its_analytic_codes_onto_the_devis_chart() -> None:
    data = resources.files("regie.demo").joinpath("demo.fec").read_bytes()
    report = check_fec(io.BytesIO(data), filename="demo.fec", fmt=load_fec_format())
    assert report.ledger is not None
    ledger = report.ledger
    prefixes = expense_prefixes(shipped_pack("fec-format"))
    assert prefixes == ("6",)
    chart = load_chart(ChartKind.AUDIOVISUAL)  # the demo is a TV drama
    accounts = {a.code for chapter in chart.chapters for a in chapter.accounts}
    codes = {e.analytic for e in ledger.entries if e.account.startswith(prefixes) and e.analytic}
    assert codes <= accounts  # the demo's analytic codes are devis accounts
    rules = check_rules([MappingRule(code, analytic=code) for code in sorted(codes)], accounts)
    mapping = map_to_devis(ledger, rules, prefixes=prefixes)
    for mapped in mapping.mapped:
        assert mapped.amount == ledger.by_analytic()[mapped.devis_account].net
    charges = [e for e in ledger.entries if e.account.startswith("6")]
    assert mapping.mapped_total + mapping.unmapped_total == sum(e.net for e in charges)
    assert {u.account for u in mapping.unmapped} == {e.account for e in charges if not e.analytic}
