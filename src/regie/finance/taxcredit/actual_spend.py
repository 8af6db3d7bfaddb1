# SPDX-License-Identifier: AGPL-3.0-or-later
"""Eligible spend from what the production actually spent, with who was paid.

The budget route (:func:`~regie.finance.taxcredit.eligibility.spend_lines_from_devis`)
reads a devis line's tick as stating that its payee meets the personnel condition; the
actual route knows the people: :func:`spend_lines_from_actuals` turns the cost report's
actuals into :class:`~regie.finance.taxcredit.eligibility.SpendLine` items by these rules:

1. **Pay comes from the payroll** — every imported payroll entry, whatever its date, as
   two lines: the gross on the entry's devis account and the employer charges on its
   charges account (:func:`~regie.finance.costreport.charges_account_for`), each carrying
   the person's residence and nationality condition as the people registry records them
   (``payees``: full name, case-folded → ``(residence, european)``). A person the registry
   does not know, or whose condition is not entered, gets no statement: the line is
   excluded with that reason, never assumed eligible.
2. When a payroll was imported, the ledger's pay lines (accounts starting with the
   ``cost-report`` pack's ``ledger.payroll_prefixes``, class 64) are the same money booked by the
   accountant and are left out; without a payroll they stay, with no payee — excluded
   until the payroll (who was paid) is imported.
3. **Everything else** is the cost report's actual spend: ledger charge lines mapped to a
   devis account, and regie's documents dated after the ledger's cut-off (invoices net of
   VAT, approved or paid expense-report lines). Ledger lines no rule maps are not on any
   devis account and are left to the cost report's *unmapped* alert. These name nobody
   whose condition is known: one that lands on a pay category (an author's invoice on
   chapter 1, say) is excluded for that reason, never assumed eligible.
4. **Where** an amount is spent is its devis account's place: the place (country and
   region) holding the largest budget on that account in the devis lines, as the
   production set them (``places``); an account without budget lines takes ``default``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from regie.finance.actuals import PayrollEntry
from regie.finance.costreport import (
    Actuals,
    CostSettings,
    Source,
    charges_account_for,
    document_items,
    ledger_items,
)
from regie.finance.taxcredit.eligibility import SpendLine

__all__ = ["Payee", "Place", "account_places", "spend_lines_from_actuals"]

Payee = tuple[str | None, bool | None]  # (ISO residence, meets the nationality condition)
Place = tuple[str, str | None]  # (ISO country, region)


def account_places(lines: Iterable[SpendLine]) -> dict[str, Place]:
    """Each devis account's place: the one holding the largest amount of its lines."""
    weights: dict[str, dict[Place, Decimal]] = {}
    for line in lines:
        places = weights.setdefault(line.account, {})
        key = (line.country.upper(), line.region)
        places[key] = places.get(key, Decimal(0)) + abs(line.amount)
    return {
        account: max(sorted(places.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")),
                     key=lambda kv: kv[1])[0]
        for account, places in weights.items()
    }  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Where:
    places: Mapping[str, Place]
    default: Place

    def of(self, account: str) -> Place:
        return self.places.get(account, self.default)


def spend_lines_from_actuals(
    actuals: Actuals,
    chapters: Mapping[str, int],
    settings: CostSettings,
    *,
    payees: Mapping[str, Payee],
    places: Mapping[str, Place],
    default: Place = ("FR", None),
) -> tuple[SpendLine, ...]:
    """The production's actual spend as spend lines (see the module's doc)."""
    where = _Where(places, (default[0].upper(), default[1]))
    with_payroll = bool(actuals.payroll)
    lines: list[SpendLine] = []
    mapped, _unmapped = ledger_items(actuals)
    for item in mapped:
        pay = item.reference.startswith(settings.payroll_prefixes)
        if pay and with_payroll:
            continue
        country, region = where.of(item.devis_account)
        lines.append(
            SpendLine(
                ref=f"FEC {item.label.split(' — ', 1)[0]} ({item.reference})",
                account=item.devis_account,
                amount=item.amount,
                description=item.label,
                country=country,
                region=region,
            )
        )
    for item in document_items(
        Actuals(invoices=actuals.invoices, expenses=actuals.expenses, ledger=actuals.ledger),
        chapters,
        settings,
        after=actuals.cutoff,
    ):
        if item.source is Source.PAYROLL:
            continue
        country, region = where.of(item.devis_account)
        lines.append(
            SpendLine(
                ref=item.reference or item.label,
                account=item.devis_account,
                amount=item.amount,
                description=item.label,
                country=country,
                region=region,
            )
        )
    for entry in actuals.payroll:
        lines.extend(_payroll_lines(entry, chapters, settings, payees, where))
    return tuple(lines)


def _payroll_lines(
    entry: PayrollEntry,
    chapters: Mapping[str, int],
    settings: CostSettings,
    payees: Mapping[str, Payee],
    where: _Where,
) -> list[SpendLine]:
    residence, european = payees.get(entry.person.strip().casefold(), (None, None))
    period = f"{entry.period_start.isoformat()} → {entry.period_end.isoformat()}"
    ref = f"paie {entry.line}" if entry.line else f"paie {entry.person}"
    out = []
    parts = (
        (entry.devis_account, entry.gross, ""),
        (
            charges_account_for(entry, chapters.get(entry.devis_account), settings),
            entry.employer_charges,
            "/charges",
        ),
    )
    for account, amount, suffix in parts:
        if not amount:
            continue
        country, region = where.of(entry.devis_account)
        out.append(
            SpendLine(
                ref=ref + suffix,
                account=account,
                amount=amount,
                description=f"{entry.person} {period}",
                country=country,
                region=region,
                payee_residence=residence,
                payee_french_or_european=european,
            )
        )
    return out
