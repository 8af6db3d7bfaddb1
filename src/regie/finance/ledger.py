# SPDX-License-Identifier: AGPL-3.0-or-later
"""The production company's ledger (grand livre) as data, its totals, and its mapping onto
the accounts of the devis.

A :class:`LedgerEntry` is one line of an accounting entry (écriture) as the French FEC
carries it (:mod:`regie.formats.fec` reads one): journal, entry number, dates, the account
of the plan comptable général (``641100``), debit and credit in euros (exact ``Decimal``)
and, where the export has one, an analytic code (``"21"``). A :class:`Ledger` holds the
lines of a file and totals them by account and by analytic code.

Mapping (:func:`map_to_devis`): a production keeps a list of :class:`MappingRule` — "ledger
account prefix and/or analytic code → devis account" (``6411`` + analytic ``31`` → ``31``
Rôles principaux). Only the charge lines are mapped (accounts starting with one of the
expense prefixes, class 6 of the plan comptable général by the ``fec-format`` pack); their
counterparts in classes 4 and 5 would count the same spend twice. The most specific rule
wins: analytic code and prefix, then analytic code alone, then the longest prefix; among
equals, the first in the list. Accounts no rule matches are listed, never dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from regie.core.errors import ValidationError
from regie.core.text import t
from regie.rules.pack import RulePack

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One line of an écriture. ``net`` = debit − credit (a charge is positive)."""

    journal: str  # JournalCode ("AC", "BQ", "OD")
    number: str  # EcritureNum, unique within the journal
    date: dt.date  # EcritureDate
    account: str  # CompteNum ("641100", "401000")
    account_label: str  # CompteLib
    label: str  # EcritureLib
    debit: Decimal
    credit: Decimal
    journal_label: str = ""
    aux_account: str = ""  # CompAuxNum (supplier, employee…)
    aux_label: str = ""
    piece_ref: str = ""
    piece_date: dt.date | None = None
    lettering: str = ""  # EcritureLet
    lettering_date: dt.date | None = None
    validation_date: dt.date | None = None
    currency_amount: Decimal | None = None  # Montantdevise
    currency: str = ""  # Idevise
    analytic: str = ""  # the analytic code, when the export carries one
    line: int = 0  # where it was read in its file (1 = the header row)

    @property
    def net(self) -> Decimal:
        return self.debit - self.credit


@dataclass(frozen=True, slots=True)
class Totals:
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    lines: int = 0

    @property
    def net(self) -> Decimal:
        return self.debit - self.credit

    def plus(self, entry: LedgerEntry) -> Totals:
        return Totals(self.debit + entry.debit, self.credit + entry.credit, self.lines + 1)


@dataclass(frozen=True, slots=True)
class Ledger:
    """The lines of one ledger file, in the file's order."""

    entries: tuple[LedgerEntry, ...]
    source: str = ""  # the file it was read from

    @property
    def total(self) -> Totals:
        return _sum(self.entries)

    @property
    def entry_count(self) -> int:
        """Number of écritures (distinct journal and entry number)."""
        return len({(e.journal, e.number) for e in self.entries})

    def by_account(self) -> dict[str, Totals]:
        """Totals per ledger account, accounts in ascending order."""
        return _grouped(self.entries, lambda e: e.account)

    def by_analytic(self) -> dict[str, Totals]:
        """Totals per analytic code (``""``: lines without one)."""
        return _grouped(self.entries, lambda e: e.analytic)


def _sum(entries: Iterable[LedgerEntry]) -> Totals:
    total = Totals()
    for entry in entries:
        total = total.plus(entry)
    return total


def _grouped(
    entries: Iterable[LedgerEntry], key: Callable[[LedgerEntry], str]
) -> dict[str, Totals]:
    groups: dict[str, Totals] = {}
    for entry in entries:
        name = key(entry)
        groups[name] = groups.get(name, Totals()).plus(entry)
    return dict(sorted(groups.items()))


# -- mapping to the devis ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MappingRule:
    """``account_prefix`` and/or ``analytic`` code → ``devis_account``. An empty condition
    matches everything; a rule needs at least one."""

    devis_account: str  # a code of the devis chart ("21", "31", "71")
    account_prefix: str = ""  # "6411" matches 641100, 641150…
    analytic: str = ""  # exact analytic code

    @property
    def specificity(self) -> tuple[int, int]:
        return (1 if self.analytic else 0, len(self.account_prefix))

    def matches(self, entry: LedgerEntry) -> bool:
        return entry.account.startswith(self.account_prefix) and (
            not self.analytic or entry.analytic == self.analytic
        )


@dataclass(frozen=True, slots=True)
class MappedAccount:
    """Net charges mapped onto one devis account."""

    devis_account: str
    amount: Decimal  # Σ (debit − credit)
    lines: int
    ledger_accounts: tuple[str, ...]  # the ledger accounts that fed it


@dataclass(frozen=True, slots=True)
class UnmappedAccount:
    """A ledger charge account (or one analytic code of it) no rule matched."""

    account: str
    label: str
    amount: Decimal
    lines: int
    analytic_codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LedgerMapping:
    mapped: tuple[MappedAccount, ...]  # by devis account code
    unmapped: tuple[UnmappedAccount, ...]  # by ledger account
    expense_prefixes: tuple[str, ...]
    rules: tuple[MappingRule, ...] = field(default=())

    @property
    def mapped_total(self) -> Decimal:
        return sum((m.amount for m in self.mapped), ZERO)

    @property
    def unmapped_total(self) -> Decimal:
        return sum((u.amount for u in self.unmapped), ZERO)

    def amount(self, devis_account: str) -> Decimal:
        return next((m.amount for m in self.mapped if m.devis_account == devis_account), ZERO)


def expense_prefixes(source: RulePack) -> tuple[str, ...]:
    """The account prefixes of the charges (``ledger.expense_prefixes`` of ``fec-format``)."""
    raw = source.value("ledger.expense_prefixes", dt.date.min).value
    return tuple(str(p) for p in (raw if isinstance(raw, list) else [raw]))


def check_rules(
    rules: Sequence[MappingRule], devis_accounts: Iterable[str] | None = None
) -> tuple[MappingRule, ...]:
    """The rules, refused with the rule's position when one has no condition or names a
    devis account the chart does not have (``devis_accounts``, when given)."""
    known = frozenset(devis_accounts) if devis_accounts is not None else None
    for n, rule in enumerate(rules, start=1):
        where = f"mapping[{n}]"
        if not rule.devis_account.strip():
            raise ValidationError(
                t("the mapping rule has no devis account"),
                field=where,
                hint=t("Give the devis account code the lines go to, e.g. 21"),
            )
        if not rule.account_prefix and not rule.analytic:
            raise ValidationError(
                t("the mapping rule to {account} has neither an account prefix nor an "
                  "analytic code", account=rule.devis_account),
                field=where,
                hint=t("Give a ledger account prefix (6411) or an analytic code (31)"),
            )  # fmt: skip
        if known is not None and rule.devis_account not in known:
            raise ValidationError(
                t("'{account}' is not an account of the devis chart", account=rule.devis_account),
                field=where,
                hint=t("Use an account code of the production's devis (regie devis accounts)"),
            )
    return tuple(rules)


def rule_for(entry: LedgerEntry, rules: Sequence[MappingRule]) -> MappingRule | None:
    """The most specific rule matching ``entry`` (the first among equals), or ``None``."""
    best: MappingRule | None = None
    for rule in rules:
        if rule.matches(entry) and (best is None or rule.specificity > best.specificity):
            best = rule
    return best


def map_to_devis(
    ledger: Ledger,
    rules: Sequence[MappingRule],
    *,
    prefixes: Sequence[str] = ("6",),
) -> LedgerMapping:
    """The ledger's charge lines (accounts starting with one of ``prefixes``) totalled per
    devis account, and the charge accounts no rule matched."""
    checked = check_rules(rules)
    mapped: dict[str, tuple[Totals, set[str]]] = {}
    unmapped: dict[str, tuple[Totals, str, set[str]]] = {}
    for entry in ledger.entries:
        if not entry.account.startswith(tuple(prefixes)):
            continue
        rule = rule_for(entry, checked)
        if rule is None:
            totals, label, codes = unmapped.get(
                entry.account, (Totals(), entry.account_label, set())
            )
            if entry.analytic:
                codes.add(entry.analytic)
            unmapped[entry.account] = (totals.plus(entry), label, codes)
            continue
        totals, accounts = mapped.get(rule.devis_account, (Totals(), set()))
        accounts.add(entry.account)
        mapped[rule.devis_account] = (totals.plus(entry), accounts)
    return LedgerMapping(
        mapped=tuple(
            MappedAccount(code, totals.net, totals.lines, tuple(sorted(accounts)))
            for code, (totals, accounts) in sorted(mapped.items(), key=_account_order)
        ),
        unmapped=tuple(
            UnmappedAccount(account, label, totals.net, totals.lines, tuple(sorted(codes)))
            for account, (totals, label, codes) in sorted(unmapped.items())
        ),
        expense_prefixes=tuple(prefixes),
        rules=checked,
    )


def _account_order(item: tuple[str, object]) -> tuple[int, str]:
    code = item[0]
    return (int(code) if code.isdigit() else 10**9, code)


def rules_from_mapping(raw: Mapping[str, str]) -> tuple[MappingRule, ...]:
    """Rules from the short form ``{"6411": "20", "@31": "31", "6411@31": "31"}``: the
    key is a ledger account prefix, ``@code`` an analytic code, or both."""
    rules = []
    for key, target in raw.items():
        prefix, _, analytic = key.partition("@")
        rules.append(MappingRule(str(target), prefix.strip(), analytic.strip()))
    return tuple(rules)
