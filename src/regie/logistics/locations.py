# SPDX-License-Identifier: AGPL-3.0-or-later
"""The locations office's records (bureau des repérages et des décors): what a scout notes
about a place (fiche de repérage), its photos, the permits asked of the authorities
(autorisations de tournage) and the insurance certificates (attestations d'assurance).

Frozen values only; the checks against the board are in
:mod:`regie.logistics.location_checks`, the permit deadlines in
:mod:`regie.logistics.permits`. Units: power in kVA, heights in metres, money in the
production's currency (``Decimal``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Final


class LocationType(StrEnum):
    """What kind of place a location is."""

    NATURAL_SET = "natural_set"  # décor naturel (a real place used as it is)
    STUDIO = "studio"  # plateau, studio
    PUBLIC_ROAD = "public_road"  # voie publique
    PRIVATE_HOUSE = "private_house"  # maison, appartement de particulier
    PUBLIC_BUILDING = "public_building"  # mairie, école, hôpital...
    BUSINESS = "business"  # commerce, bureau, usine
    NATURAL_SITE = "natural_site"  # forêt, plage, rivière, parc
    TRANSPORT = "transport"  # gare, train, bac, port
    OTHER = "other"


LOCATION_TYPE_LABELS: Final[dict[LocationType, tuple[str, str]]] = {
    LocationType.NATURAL_SET: ("Décor naturel", "Natural set"),
    LocationType.STUDIO: ("Studio", "Studio"),
    LocationType.PUBLIC_ROAD: ("Voie publique", "Public road"),
    LocationType.PRIVATE_HOUSE: ("Habitation privée", "Private house"),
    LocationType.PUBLIC_BUILDING: ("Bâtiment public", "Public building"),
    LocationType.BUSINESS: ("Commerce, entreprise", "Business premises"),
    LocationType.NATURAL_SITE: ("Site naturel", "Natural site"),
    LocationType.TRANSPORT: ("Transport (gare, bac, port)", "Transport (station, ferry, port)"),
    LocationType.OTHER: ("Autre", "Other"),
}


class NoiseLevel(StrEnum):
    """How noisy the place is for sound recording."""

    UNKNOWN = "unknown"
    QUIET = "quiet"
    MODERATE = "moderate"
    NOISY = "noisy"


NOISE_LABELS: Final[dict[NoiseLevel, tuple[str, str]]] = {
    NoiseLevel.UNKNOWN: ("Non évalué", "Not assessed"),
    NoiseLevel.QUIET: ("Calme", "Quiet"),
    NoiseLevel.MODERATE: ("Modéré", "Moderate"),
    NoiseLevel.NOISY: ("Bruyant", "Noisy"),
}


class PermitStatus(StrEnum):
    PLANNED = "planned"  # to request
    REQUESTED = "requested"  # sent, no answer yet
    GRANTED = "granted"
    REFUSED = "refused"


PERMIT_STATUS_LABELS: Final[dict[PermitStatus, tuple[str, str]]] = {
    PermitStatus.PLANNED: ("À demander", "To request"),
    PermitStatus.REQUESTED: ("Demandée", "Requested"),
    PermitStatus.GRANTED: ("Accordée", "Granted"),
    PermitStatus.REFUSED: ("Refusée", "Refused"),
}


@dataclass(frozen=True, slots=True)
class Contact:
    """Someone to call about the place (owner, caretaker, town-hall officer...)."""

    name: str
    role: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class ScoutingFields:
    """The scouting record of a location (fiche de repérage), as a scout enters it.

    ``prm_access``: whether people with reduced mobility (PMR) can reach the set — ``None``
    when not assessed. ``power_kva``: power available on site; ``generator_needed`` when
    the unit must bring a generator. ``working_height_m``: free height (ceiling, under a
    bridge...) for lights and rigging.
    """

    kind: LocationType | None = None
    access: str = ""
    prm_access: bool | None = None
    prm_notes: str = ""
    power_kva: Decimal | None = None
    generator_needed: bool = False
    emergency_exits: str = ""
    working_height_m: Decimal | None = None
    water: str = ""
    parking: str = ""
    neighbours: str = ""
    noise: NoiseLevel = NoiseLevel.UNKNOWN
    noise_notes: str = ""
    contacts: tuple[Contact, ...] = ()
    scouted_on: dt.date | None = None
    scouted_by: str = ""


@dataclass(frozen=True, slots=True)
class ScoutingRecord:
    """The stored scouting record of a location; ``version`` 0: never saved (empty)."""

    location_id: int
    fields: ScoutingFields
    version: int = 0


@dataclass(frozen=True, slots=True)
class PhotoRecord:
    """A scouting photo of a location (the bytes are fetched apart)."""

    id: int
    location_id: int
    file_name: str
    caption: str
    content_type: str  # image/jpeg, image/png, image/webp: as read, not as claimed
    size: int  # bytes of the original
    width: int
    height: int
    version: int = 1


@dataclass(frozen=True, slots=True)
class PermitFields:
    """A permit asked of an authority for a location.

    ``authority`` is a kind of the ``permit-lead-times`` pack (``town_hall``, ``rail``...);
    ``authority_name`` the office itself (« Mairie de Jumièges »). ``covers_start`` /
    ``covers_end``: the shoot dates the permit covers (both or neither; neither: every
    shoot day at the location).
    """

    authority: str
    authority_name: str = ""
    reference: str = ""
    requested_on: dt.date | None = None
    status: PermitStatus = PermitStatus.PLANNED
    covers_start: dt.date | None = None
    covers_end: dt.date | None = None
    notes: str = ""

    def covers(self, day: dt.date) -> bool:
        if self.covers_start is None or self.covers_end is None:
            return True
        return self.covers_start <= day <= self.covers_end


@dataclass(frozen=True, slots=True)
class PermitRecord:
    """A stored permit; ``deadline``: the last day to send the request (computed from the
    first shoot day it covers and the authority's lead time), ``None`` when the location
    has no shoot day yet; ``lead_rule``: the pack reference it came from."""

    id: int
    location_id: int
    fields: PermitFields
    deadline: dt.date | None = None
    lead_rule: str = ""
    version: int = 1


@dataclass(frozen=True, slots=True)
class InsuranceFields:
    """An insurance certificate (attestation d'assurance) of the production register:
    for a location (what its owner asked for) or a vendor (``holder``), valid from / to."""

    insurer: str
    policy_number: str
    valid_from: dt.date
    valid_to: dt.date
    location_id: int | None = None
    holder: str = ""  # vendor or party insured, when not the production
    amount: Decimal | None = None  # guaranteed amount
    file_name: str = ""  # the certificate's file in the production folder
    notes: str = ""


@dataclass(frozen=True, slots=True)
class InsuranceRecord:
    id: int
    fields: InsuranceFields
    version: int = 1
