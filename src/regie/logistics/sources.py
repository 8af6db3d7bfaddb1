# SPDX-License-Identifier: AGPL-3.0-or-later
"""The register of external sources (music, archive footage, stills) a production wants
to use: what it is, who holds it, the typology of the source, the price asked and where
the negotiation stands — what the rights capability clears later.

Typology (from the production office's habit): *commercial* (a label, a stock library, a
news agency selling footage), *institutional* (a public archive, a museum, INA),
*circumstantial* (a private person's film or photo, a source found for this programme).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Final

from regie.logistics.travel import check_amount, check_count, check_name

CENT: Final = Decimal("0.01")


class SourceKind(StrEnum):
    MUSIC = "music"
    ARCHIVE = "archive"  # archive footage (images d'archives)
    STILL = "still"  # photo, illustration


class Typology(StrEnum):
    COMMERCIAL = "commercial"
    INSTITUTIONAL = "institutional"
    CIRCUMSTANTIAL = "circumstantial"


class Negotiation(StrEnum):
    TO_CONTACT = "to_contact"
    CONTACTED = "contacted"
    NEGOTIATING = "negotiating"
    AGREED = "agreed"  # terms agreed, contract to sign
    SIGNED = "signed"
    DROPPED = "dropped"


SOURCE_KIND_LABELS: Final[dict[SourceKind, tuple[str, str]]] = {
    SourceKind.MUSIC: ("Musique", "Music"),
    SourceKind.ARCHIVE: ("Images d'archives", "Archive footage"),
    SourceKind.STILL: ("Photo / illustration", "Still / illustration"),
}
TYPOLOGY_LABELS: Final[dict[Typology, tuple[str, str]]] = {
    Typology.COMMERCIAL: ("Commerciale", "Commercial"),
    Typology.INSTITUTIONAL: ("Institutionnelle", "Institutional"),
    Typology.CIRCUMSTANTIAL: ("Circonstancielle", "Circumstantial"),
}
NEGOTIATION_LABELS: Final[dict[Negotiation, tuple[str, str]]] = {
    Negotiation.TO_CONTACT: ("À contacter", "To contact"),
    Negotiation.CONTACTED: ("Contacté", "Contacted"),
    Negotiation.NEGOTIATING: ("En négociation", "Negotiating"),
    Negotiation.AGREED: ("Accord", "Agreed"),
    Negotiation.SIGNED: ("Signé", "Signed"),
    Negotiation.DROPPED: ("Abandonné", "Dropped"),
}
OPEN: Final = frozenset(
    {Negotiation.TO_CONTACT, Negotiation.CONTACTED, Negotiation.NEGOTIATING, Negotiation.AGREED}
)


@dataclass(frozen=True, slots=True)
class SourceFields:
    kind: SourceKind
    title: str
    typology: Typology
    holder: str = ""  # rights holder (ayant droit), label, archive
    asking_price: Decimal | None = None
    status: Negotiation = Negotiation.TO_CONTACT
    duration_seconds: int | None = None  # planned use in the programme
    notes: str = ""


@dataclass(frozen=True, slots=True)
class ExternalSource:
    id: int
    fields: SourceFields
    version: int = 1


@dataclass(frozen=True, slots=True)
class SourceTotals:
    asked: Decimal  # asking prices of the sources still in play (not dropped)
    agreed: Decimal  # of the sources agreed or signed
    open_count: int  # not yet signed nor dropped
    without_price: int  # in play with no asking price yet


def check_source(fields: SourceFields) -> SourceFields:
    check_amount(fields.asking_price, "asking_price")
    if fields.duration_seconds is not None:
        check_count(fields.duration_seconds, "duration_seconds", low=0, high=100_000)
    return SourceFields(
        kind=fields.kind,
        title=check_name(fields.title, "title", limit=300),
        typology=fields.typology,
        holder=" ".join(fields.holder.split())[:300],
        asking_price=None
        if fields.asking_price is None
        else fields.asking_price.quantize(CENT, rounding=ROUND_HALF_UP),
        status=fields.status,
        duration_seconds=fields.duration_seconds,
        notes=fields.notes.strip()[:2000],
    )


def totals(sources: Iterable[ExternalSource]) -> SourceTotals:
    asked = agreed = Decimal(0)
    open_count = without = 0
    for source in sources:
        f = source.fields
        if f.status is Negotiation.DROPPED:
            continue
        if f.asking_price is None:
            without += 1
        else:
            asked += f.asking_price
            if f.status in (Negotiation.AGREED, Negotiation.SIGNED):
                agreed += f.asking_price
        if f.status in OPEN:
            open_count += 1
    return SourceTotals(asked, agreed, open_count, without)
