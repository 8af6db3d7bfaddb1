# SPDX-License-Identifier: AGPL-3.0-or-later
"""The root of the spine: a production (a programme being made) and its kind and agreement.

It lives in ``core`` because every phase reads it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class ProductionKind(StrEnum):
    FEATURE_FILM = "feature_film"  # long métrage cinéma
    TV_FICTION = "tv_fiction"  # fiction télévisée (unitaire, série)
    DOCUMENTARY = "documentary"
    MAGAZINE = "magazine"
    LIVE_CAPTURE = "live_capture"  # captation
    CORPORATE = "corporate"  # film institutionnel / d'entreprise


KIND_LABELS: dict[ProductionKind, tuple[str, str]] = {
    ProductionKind.FEATURE_FILM: ("Long métrage", "Feature film"),
    ProductionKind.TV_FICTION: ("Fiction télévisée", "TV fiction"),
    ProductionKind.DOCUMENTARY: ("Documentaire", "Documentary"),
    ProductionKind.MAGAZINE: ("Magazine", "Magazine"),
    ProductionKind.LIVE_CAPTURE: ("Captation", "Live capture"),
    ProductionKind.CORPORATE: ("Film institutionnel", "Corporate film"),
}


class Agreement(StrEnum):
    """Applicable collective agreement (convention collective), by IDCC number."""

    CINEMA = "3097"  # production cinématographique et de films publicitaires
    AUDIOVISUAL = "2642"  # production audiovisuelle


def default_agreement(kind: ProductionKind) -> Agreement:
    """IDCC 3097 covers cinema works, IDCC 2642 the audiovisual programmes."""
    return Agreement.CINEMA if kind is ProductionKind.FEATURE_FILM else Agreement.AUDIOVISUAL


@dataclass(frozen=True, slots=True)
class Production:
    id: int
    slug: str
    code: str  # short upper-case code at the start of every file name (see office.folder)
    title: str
    kind: ProductionKind
    agreement: Agreement
    currency: str = "EUR"
    running_minutes: int | None = None
    episodes: int = 1
    language: str = "fr"
    version: int = 1
    created_at: dt.datetime | None = None
