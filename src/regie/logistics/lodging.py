# SPDX-License-Identifier: AGPL-3.0-or-later
"""Lodging (hébergement): stays of the crew and cast, nights × people × rate.

A stay is a place (hotel, rental), the first night, the number of nights and of people,
and a rate per person per night in the production's currency (``Decimal``). The kind of
place picks the emission factor (hotel average, unclassified, by stars) in the
``carbon-categories`` pack; ``breakfast`` says whether the night includes it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Final

from regie.logistics.travel import check_amount, check_count, check_date, check_name

CENT: Final = Decimal("0.01")
MAX_NIGHTS: Final = 1_000


class LodgingKind(StrEnum):
    HOTEL = "hotel"  # hotel, class not known: the French average
    HOTEL_UNCLASSIFIED = "hotel_unclassified"
    HOTEL_2_STAR = "hotel_2_star"
    HOTEL_3_STAR = "hotel_3_star"
    HOTEL_4_STAR = "hotel_4_star"
    HOTEL_5_STAR = "hotel_5_star"
    RENTAL = "rental"  # gîte, apartment: no sourced factor


LODGING_LABELS: Final[dict[LodgingKind, tuple[str, str]]] = {
    LodgingKind.HOTEL: ("Hôtel", "Hotel"),
    LodgingKind.HOTEL_UNCLASSIFIED: ("Hôtel non classé", "Unclassified hotel"),
    LodgingKind.HOTEL_2_STAR: ("Hôtel 2 étoiles", "2-star hotel"),
    LodgingKind.HOTEL_3_STAR: ("Hôtel 3 étoiles", "3-star hotel"),
    LodgingKind.HOTEL_4_STAR: ("Hôtel 4 étoiles", "4-star hotel"),
    LodgingKind.HOTEL_5_STAR: ("Hôtel 5 étoiles", "5-star hotel"),
    LodgingKind.RENTAL: ("Location (gîte, appartement)", "Rental (cottage, flat)"),
}


@dataclass(frozen=True, slots=True)
class StayFields:
    place: str
    check_in: dt.date  # the first night
    nights: int
    people: int = 1
    kind: LodgingKind = LodgingKind.HOTEL
    rate: Decimal | None = None  # per person per night
    breakfast: bool = True
    account: str = ""  # devis account; "" = the pack's default for lodging
    notes: str = ""


@dataclass(frozen=True, slots=True)
class LodgingStay:
    id: int
    fields: StayFields
    version: int = 1

    @property
    def person_nights(self) -> int:
        return self.fields.nights * self.fields.people

    @property
    def check_out(self) -> dt.date:
        return self.fields.check_in + dt.timedelta(days=self.fields.nights)

    @property
    def cost(self) -> Decimal | None:
        """nights × people × rate, to the cent (``None`` without a rate)."""
        if self.fields.rate is None:
            return None
        return (self.fields.rate * self.person_nights).quantize(CENT, rounding=ROUND_HALF_UP)


def check_stay(fields: StayFields, *, starts_on: dt.date | None) -> StayFields:
    check_count(fields.nights, "nights", high=MAX_NIGHTS)
    check_count(fields.people, "people")
    check_amount(fields.rate, "rate")
    check_date(fields.check_in, "check_in", starts_on)
    return StayFields(
        place=check_name(fields.place, "place"),
        check_in=fields.check_in,
        nights=fields.nights,
        people=fields.people,
        kind=fields.kind,
        rate=None if fields.rate is None else fields.rate.quantize(CENT),
        breakfast=fields.breakfast,
        account=fields.account.strip(),
        notes=fields.notes.strip()[:2000],
    )
