# SPDX-License-Identifier: AGPL-3.0-or-later
"""Eligible spend derived from budget (devis) or actual lines.

A :class:`SpendLine` is one amount on an account of the CNC devis, with where it is spent
and, for pay, where the person paid lives and whether they meet the nationality
condition. :func:`eligible_spend` sorts lines for one credit with the ``taxcredit-spend``
pack:

1. the category: the line's own, else its account's (``account.<code>``, the longest
   prefix of the code), else its chapter's (``chapter.<n>``, the code's first digit);
2. the category must be among the credit's eligible ones (``eligible.<credit>``);
3. the operation must take place in the pack's country (``place``: only operations carried
   out in France count);
4. for pay (``people`` categories, and the social charges on that pay) the personnel
   condition: resident in France, or French / European as the line states, and social
   contributions paid to French bodies (``personnel``).

Each line gets its verdict and the reason; totals come by category and by place.
:func:`spend_lines_from_devis` turns a computed devis into such lines (line gross, its
employer charges, the add-ons).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from regie.budget.compute import line_gross
from regie.budget.model import BudgetLine, Devis, Place
from regie.core.errors import ValidationError
from regie.core.text import Text, t
from regie.finance.taxcredit.model import Credit
from regie.rules.pack import RulePack, RuleValue

_ZERO = Decimal("0.00")


class SpendCategory(StrEnum):
    AUTHORS = "authors"
    PERFORMERS = "performers"
    CREW = "crew"
    SOCIAL_CHARGES = "social_charges"
    PAYROLL_TAXES = "payroll_taxes"
    SETS_COSTUMES = "sets_costumes"
    TRANSPORT_LODGING_CATERING = "transport_lodging_catering"
    OFFICE = "office"
    TECHNICAL_MEANS = "technical_means"
    POSTPRODUCTION = "postproduction"
    ARCHIVES = "archives"
    DEPRECIATION = "depreciation"
    INSURANCE_MISC = "insurance_misc"
    FINANCIAL = "financial"
    OVERHEADS = "overheads"
    CONTINGENCY = "contingency"
    PRODUCER_FEE = "producer_fee"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class SpendLine:
    """One amount of budgeted or actual spend.

    ``account``: a CNC devis account (``"21"``, ``"215"``; the first digit is the chapter)
    or an add-on key (``"overheads"``); ``country``: ISO code where the operation is carried
    out; ``payee_residence``: ISO country of residence of the person paid (pay lines);
    ``payee_french_or_european``: the nationality condition as stated (``None``: not
    stated); ``french_social_security``: contributions paid to French bodies.
    """

    ref: str  # the line's identifier ("L0001", an invoice number…)
    account: str
    amount: Decimal
    description: str = ""
    category: SpendCategory | None = None  # None: from the account / chapter
    country: str = "FR"
    region: str | None = None
    payee_residence: str | None = None
    payee_french_or_european: bool | None = None
    french_social_security: bool = True
    excluded: bool = False  # marked "not for the tax credit" by the production


@dataclass(frozen=True, slots=True)
class SpendVerdict:
    line: SpendLine
    category: SpendCategory
    eligible: bool
    reason: Text  # why it counts or not
    rule: str  # "taxcredit-spend@2026.1 chapter.2"


@dataclass(frozen=True, slots=True)
class SpendTotal:
    key: str  # a category value, or a place ("FR", "FR / Bretagne", "BE")
    eligible: Decimal
    excluded: Decimal


@dataclass(frozen=True, slots=True)
class EligibleSpend:
    credit: Credit
    verdicts: tuple[SpendVerdict, ...]
    by_category: tuple[SpendTotal, ...]
    by_place: tuple[SpendTotal, ...]
    eligible: Decimal
    excluded: Decimal
    pack: str


def category_of(line: SpendLine, pack: RulePack) -> tuple[SpendCategory, str]:
    """The line's category and the pack key that gave it."""
    if line.category is not None:
        return line.category, "line"
    keys = set(pack.keys())
    code = line.account.strip()
    candidates = [f"addon.{code}"] + [f"account.{code[:n]}" for n in range(len(code), 0, -1)]
    if code[:1].isdigit():
        candidates.append(f"chapter.{code[0]}")
    for key in candidates:
        if key in keys:
            raw = pack.value(key).value
            name = raw.get("category") if isinstance(raw, Mapping) else None
            try:
                return SpendCategory(str(name)), key
            except ValueError:
                break
    return SpendCategory.OTHER, "none"


def _listed(pack: RulePack, key: str) -> frozenset[str]:
    raw = pack.value(key).value
    return frozenset(str(x) for x in raw) if isinstance(raw, list) else frozenset()


@dataclass(frozen=True, slots=True)
class _Rules:
    eligible: frozenset[str]  # the credit's eligible categories
    people: frozenset[str]  # categories paid to people
    place: RuleValue
    personnel: RuleValue


def _verdict(  # noqa: PLR0911  # one return per reason, in the order the rules apply
    line: SpendLine, category: SpendCategory, rules: _Rules
) -> tuple[bool, Text]:
    place, personnel = rules.place, rules.personnel
    if line.excluded:
        return False, t("marked as not counting for the tax credit")
    if category.value not in rules.eligible:
        return False, t("category {category} does not count for this credit", category=category)
    country = str(place.value.get("country", "FR")) if isinstance(place.value, Mapping) else "FR"
    if line.country.upper() != country:
        return False, t("spent outside {country}", country=country)
    if category.value in rules.people or category is SpendCategory.SOCIAL_CHARGES:
        if not line.french_social_security:
            return False, t("social contributions not paid to French bodies")
        resident = (line.payee_residence or "").upper() == country
        residents_count = (
            isinstance(personnel.value, Mapping)
            and personnel.value.get("residents_of_france_count") == "yes"
        )
        if resident and residents_count:
            return True, t("paid to a resident of France")
        if line.payee_french_or_european:
            return True, t("paid to a French or European national")
        if line.payee_french_or_european is None:
            return False, t("nationality condition not stated for this payee")
        return False, t("payee neither resident in France nor French or European")
    return True, t("{category} carried out in France", category=category)


def eligible_spend(lines: Iterable[SpendLine], credit: Credit, pack: RulePack) -> EligibleSpend:
    """Sort ``lines`` for ``credit`` with the ``taxcredit-spend`` pack."""
    rules = _Rules(
        _listed(pack, f"eligible.{credit.value}"),
        _listed(pack, "people"),
        pack.value("place"),
        pack.value("personnel"),
    )
    verdicts: list[SpendVerdict] = []
    by_category: dict[str, list[Decimal]] = {}
    by_place: dict[str, list[Decimal]] = {}
    total_in = total_out = _ZERO
    for line in lines:
        if not line.amount.is_finite():
            raise ValidationError(
                t("line {ref}: the amount is not a finite number", ref=line.ref), field="amount"
            )
        category, key = category_of(line, pack)
        ok, reason = _verdict(line, category, rules)
        verdicts.append(SpendVerdict(line, category, ok, reason, f"{pack.ref} {key}"))
        where = line.country.upper() + (f" / {line.region}" if line.region else "")
        for table, name in ((by_category, category.value), (by_place, where)):
            row = table.setdefault(name, [_ZERO, _ZERO])
            row[0 if ok else 1] += line.amount
        if ok:
            total_in += line.amount
        else:
            total_out += line.amount
    return EligibleSpend(
        credit=credit,
        verdicts=tuple(verdicts),
        by_category=_totals(by_category, [c.value for c in SpendCategory]),
        by_place=_totals(by_place, sorted(by_place)),
        eligible=total_in,
        excluded=total_out,
        pack=pack.ref,
    )


def _totals(table: dict[str, list[Decimal]], order: list[str]) -> tuple[SpendTotal, ...]:
    return tuple(SpendTotal(k, table[k][0], table[k][1]) for k in order if k in table)


_PLACE_COUNTRY = {Place.REGION: "FR", Place.FRANCE: "FR", Place.EU: "EU", Place.ELSEWHERE: "ZZ"}


def spend_lines_from_devis(devis: Devis, *, region: str | None = None) -> tuple[SpendLine, ...]:
    """The devis as spend lines: each line's gross on its account, its employer charges
    on the chapter-4 account they are booked on (``41`` when the fringe names none), and
    each add-on. A line's ``place`` gives the country (``region``/``france`` → FR; ``eu``
    and ``elsewhere`` are outside France); ``tax_credit=False`` marks it excluded. A devis
    line does not record where its payee lives: ticking it for the tax credit is read as
    stating that the payee meets the personnel condition."""
    lines: list[SpendLine] = []
    for chapter in devis.chapters:
        for account in chapter.accounts:
            for item in account.lines:
                source = item.line
                lines.append(replace(_from_budget(source, region), amount=item.gross))
                lines.extend(
                    replace(
                        _from_budget(source, region),
                        ref=f"{source.id}/{fringe.key}",
                        account=fringe.account or "41",
                        amount=amount,
                        description=f"{source.description} — {fringe.title}",
                    )
                    for fringe, amount in item.fringes
                    if amount
                )
    lines.extend(
        SpendLine(ref=a.addon.key, account=a.addon.key, amount=a.amount, description=a.addon.title)
        for a in devis.addons
    )
    return tuple(lines)


def _from_budget(source: BudgetLine, region: str | None) -> SpendLine:
    """The line's common part (amount set by the caller)."""
    return SpendLine(
        ref=source.id,
        account=source.account,
        amount=line_gross(source),
        description=source.description,
        country=_PLACE_COUNTRY[source.place],
        region=region if source.place is Place.REGION else None,
        payee_french_or_european=source.tax_credit,
        excluded=not source.tax_credit,
    )
