# SPDX-License-Identifier: AGPL-3.0-or-later
"""Equipment lists per department (listes de matériel) and the vendors' quotes (devis des
loueurs) compared on price, availability and eco commitments; the chosen quote feeds the
budget.

A list belongs to a department and has the dates the equipment is needed; a quote gives
an amount (``Decimal``, before tax as the vendor writes it), the dates the equipment is
available and the commitments the vendor states. :func:`compare_quotes` ranks the quotes
of one list: those that cover the dates first, then the cheapest, then the most
commitments. One quote of a list at most is chosen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Final

from regie.core.errors import ValidationError
from regie.core.text import on_day, t
from regie.logistics.travel import check_amount, check_count, check_name
from regie.schedule.people import Department

CENT: Final = Decimal("0.01")
MAX_ITEMS: Final = 100_000


class EcoCommitment(StrEnum):
    ECOPROD_CHARTER = "ecoprod_charter"  # signataire d'une charte d'éco-production
    LOW_EMISSION_VEHICLES = "low_emission_vehicles"  # véhicules électriques ou récents
    RENEWABLE_ENERGY = "renewable_energy"  # électricité d'origine renouvelable
    LOCAL = "local"  # loueur proche du lieu de tournage
    REUSE = "reuse"  # matériel réemployé, reconditionné
    WASTE_TAKEBACK = "waste_takeback"  # reprise des consommables et déchets


ECO_LABELS: Final[dict[EcoCommitment, tuple[str, str]]] = {
    EcoCommitment.ECOPROD_CHARTER: ("Charte d'éco-production", "Eco-production charter"),
    EcoCommitment.LOW_EMISSION_VEHICLES: ("Véhicules bas carbone", "Low-emission vehicles"),
    EcoCommitment.RENEWABLE_ENERGY: ("Énergie renouvelable", "Renewable energy"),
    EcoCommitment.LOCAL: ("Loueur local", "Local vendor"),
    EcoCommitment.REUSE: ("Réemploi", "Reuse"),
    EcoCommitment.WASTE_TAKEBACK: ("Reprise des déchets", "Waste take-back"),
}


@dataclass(frozen=True, slots=True)
class ListFields:
    department: Department
    name: str
    needed_from: dt.date | None = None
    needed_to: dt.date | None = None
    notes: str = ""


@dataclass(frozen=True, slots=True)
class ItemFields:
    name: str
    quantity: int = 1
    notes: str = ""


@dataclass(frozen=True, slots=True)
class EquipmentItem:
    id: int
    list_id: int
    fields: ItemFields
    version: int = 1


@dataclass(frozen=True, slots=True)
class QuoteFields:
    vendor: str
    amount: Decimal
    available_from: dt.date | None = None
    available_to: dt.date | None = None
    eco: frozenset[EcoCommitment] = frozenset()
    account: str = ""  # devis account; "" = the pack's default for quotes
    notes: str = ""


@dataclass(frozen=True, slots=True)
class VendorQuote:
    id: int
    list_id: int
    fields: QuoteFields
    chosen: bool = False
    version: int = 1


@dataclass(frozen=True, slots=True)
class EquipmentList:
    id: int
    fields: ListFields
    items: tuple[EquipmentItem, ...] = ()
    quotes: tuple[VendorQuote, ...] = ()
    version: int = 1

    @property
    def chosen(self) -> VendorQuote | None:
        return next((q for q in self.quotes if q.chosen), None)


@dataclass(frozen=True, slots=True)
class QuoteComparison:
    """One quote of a list, ranked (1 = best)."""

    quote: VendorQuote
    rank: int
    covers_need: bool | None  # None: the list or the quote gives no dates
    eco_score: int  # commitments stated
    over_cheapest: Decimal  # amount above the cheapest quote
    cheapest: bool


def _period(start: dt.date | None, end: dt.date | None, field: str) -> None:
    if start is not None and end is not None and start > end:
        raise ValidationError(
            t("the period ends ({end}) before it starts ({start})",
              end=on_day(end), start=on_day(start)),
            field=field,
        )  # fmt: skip


def check_list(fields: ListFields) -> ListFields:
    _period(fields.needed_from, fields.needed_to, "needed_to")
    return ListFields(
        department=fields.department,
        name=check_name(fields.name, "name"),
        needed_from=fields.needed_from,
        needed_to=fields.needed_to,
        notes=fields.notes.strip()[:2000],
    )


def check_item(fields: ItemFields) -> ItemFields:
    check_count(fields.quantity, "quantity", high=MAX_ITEMS)
    return ItemFields(check_name(fields.name, "name"), fields.quantity, fields.notes.strip()[:500])


def check_quote(fields: QuoteFields) -> QuoteFields:
    check_amount(fields.amount, "amount")
    _period(fields.available_from, fields.available_to, "available_to")
    return QuoteFields(
        vendor=check_name(fields.vendor, "vendor"),
        amount=fields.amount.quantize(CENT, rounding=ROUND_HALF_UP),
        available_from=fields.available_from,
        available_to=fields.available_to,
        eco=frozenset(fields.eco),
        account=fields.account.strip(),
        notes=fields.notes.strip()[:2000],
    )


def covers(quote: QuoteFields, need: ListFields) -> bool | None:
    """Whether the quote's availability covers the dates the list needs (``None`` when
    either side gives no dates)."""
    if need.needed_from is None or need.needed_to is None:
        return None
    if quote.available_from is None and quote.available_to is None:
        return None
    starts = quote.available_from is None or quote.available_from <= need.needed_from
    ends = quote.available_to is None or quote.available_to >= need.needed_to
    return starts and ends


def compare_quotes(need: ListFields, quotes: Sequence[VendorQuote]) -> list[QuoteComparison]:
    """The quotes ranked: covering the dates (or not known) before not covering, then by
    amount, then by commitments stated (more first), then by vendor name."""
    if not quotes:
        return []
    cheapest = min(q.fields.amount for q in quotes)

    def order(q: VendorQuote) -> tuple[int, Decimal, int, str]:
        fits = covers(q.fields, need)
        return (1 if fits is False else 0, q.fields.amount, -len(q.fields.eco), q.fields.vendor)

    ranked = sorted(quotes, key=order)
    return [
        QuoteComparison(
            quote=q,
            rank=n,
            covers_need=covers(q.fields, need),
            eco_score=len(q.fields.eco),
            over_cheapest=q.fields.amount - cheapest,
            cheapest=q.fields.amount == cheapest,
        )
        for n, q in enumerate(ranked, start=1)
    ]
