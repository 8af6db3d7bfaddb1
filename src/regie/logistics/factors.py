# SPDX-License-Identifier: AGPL-3.0-or-later
"""Which emission factor an activity takes: the ``carbon-categories`` pack maps each
activity (``travel.train_tgv``, ``meal.vegetarian``, ``energy.grid``…) to a Carbon'Clap
post, a basis (passenger-km, vehicle-km, litres, nights, meals, kWh, TB-year) and a
factor key of the ``emission-factors`` pack (or one of its own ``factor.`` entries).

A :class:`Factor` carries what a reader needs to check a figure: the value, its unit, the
status and sources of the factor, the pack versions, and the uncertainty when the pack
gives one (``value.uncertainty``, a share). Flights pick their factor by distance band.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from regie.core.errors import RuleError
from regie.core.text import t
from regie.rules.pack import RulePack, RuleValue, Status

CATEGORIES_PACK: Final = "carbon-categories"
EMISSIONS_PACK: Final = "emission-factors"
OWN_PREFIX: Final = "factor."


@dataclass(frozen=True, slots=True)
class Factor:
    key: str  # e.g. "transport.train_tgv"
    value: Decimal  # kgCO2e per unit
    unit: str  # "kgCO2e/passenger.km"
    item: str  # what the factor measures, as its source words it
    status: Status
    source: str  # citation: status — titles (urls)
    pack: str  # pack@version holding the value
    uncertainty: Decimal | None = None  # share (0.2 = ±20 %), when the pack gives one
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Activity:
    """How one activity is counted."""

    key: str  # "travel.plane"
    category: str  # a Carbon'Clap post key
    basis: str  # passenger_km | vehicle_km | fuel_litres | night | meal | litre | kwh | tb_year
    rule: str  # "carbon-categories@2026.1 activity.travel.plane (customary)"
    note: str | None
    value: RuleValue


def activity(categories: RulePack, key: str, on: dt.date | None = None) -> Activity:
    entry = categories.value(f"activity.{key}", on)
    return Activity(
        key=key,
        category=str(entry.value["category"]),
        basis=str(entry.value["basis"]),
        rule=f"{categories.ref} activity.{key} ({entry.status.value})",
        note=entry.note,
        value=entry,
    )


def factor(
    key: str, categories: RulePack, emissions: RulePack, on: dt.date | None = None
) -> Factor:
    """The factor ``key`` valid on ``on``: from ``emissions``, or from the categories
    pack's own ``factor.`` entries."""
    source = categories if key.startswith(OWN_PREFIX) else emissions
    entry = source.value(key, on)
    raw = entry.value
    if not isinstance(raw, dict) or "factor" not in raw:
        raise RuleError(
            t("rule '{key}' of pack {pack} is not an emission factor", key=key, pack=source.ref),
            where=source.path,
        )
    uncertainty = raw.get("uncertainty")
    return Factor(
        key=key,
        value=entry.decimal("factor"),
        unit=entry.unit or "",
        item=str(raw.get("item", key)),
        status=entry.status,
        source=entry.citation(),
        pack=source.ref,
        uncertainty=None if uncertainty in (None, "") else Decimal(str(uncertainty)),
        note=entry.note,
    )


def factor_key(
    found: Activity, categories: RulePack, *, km: Decimal | None = None,
    on: dt.date | None = None, breakfast: bool = True,
) -> str:  # fmt: skip
    """The factor key of an activity; flights by the band of ``km`` (one way)."""
    value = found.value.value
    if "bands" in value:
        contrails = str(categories.value("plane.contrails", on).value).strip()
        column = "with_contrails" if contrails != "without" else "without_contrails"
        for band in value["bands"]:
            limit = str(band.get("max_km") or "")
            if not limit or km is None or km <= Decimal(limit):
                return str(band[column])
    if not breakfast and value.get("without_breakfast"):
        return str(value["without_breakfast"])
    return str(value["factor"])


def category_titles(categories: RulePack) -> list[tuple[str, str, str, RuleValue]]:
    """The posts in their order: ``(key, French title, English title, entry)``."""
    found = [e for e in categories if e.key.startswith("category.")]
    found.sort(key=lambda e: int(str(e.value["order"])))
    return [
        (e.key.removeprefix("category."), str(e.value["fr"]), str(e.value["en"]), e) for e in found
    ]
