# SPDX-License-Identifier: AGPL-3.0-or-later
"""Logistics of a production (régie): travel legs, lodging stays, meal counts, energy
entries, equipment lists with vendor quotes, the external sources register, and the
eco-responsible suggestions drawn from them.

Every edit takes the version the user saw (``StaleEdit`` otherwise) and checks its values
before anything is written: a negative distance, coordinates off the globe or a date
before the production's start (``regie logistics start``) are refused naming the field,
nothing saved. A leg may take its ends from the production's locations (name and
coordinates). Viewing needs ``VIEW_SCHEDULE``, editing ``EDIT_SCHEDULE``; the costs reach
the devis through :mod:`regie.services.logistics_devis`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from regie.core.errors import Conflict, ValidationError
from regie.core.production import Production
from regie.core.text import on_day, t
from regie.logistics.energy import EnergyEntry, EnergyFields, check_energy
from regie.logistics.equipment import (
    EquipmentList,
    ItemFields,
    ListFields,
    QuoteComparison,
    QuoteFields,
    VendorQuote,
    check_item,
    check_list,
    check_quote,
    compare_quotes,
)
from regie.logistics.factors import CATEGORIES_PACK, EMISSIONS_PACK
from regie.logistics.lodging import LodgingStay, StayFields, check_stay
from regie.logistics.meals import MealCount, MealFields, check_meals
from regie.logistics.sources import (
    ExternalSource,
    SourceFields,
    SourceTotals,
    check_source,
    totals,
)
from regie.logistics.suggestions import Suggestion, SuggestionPacks, suggest
from regie.logistics.travel import (
    PACK_ID,
    Distance,
    LegFields,
    LogisticsSettings,
    Point,
    TravelLeg,
    check_leg,
    leg_distance,
)
from regie.office.roles import Permission, User
from regie.rules.registry import pack
from regie.services.access import production_for
from regie.services.database import Database
from regie.storage.repos import locations
from regie.storage.repos import logistics as repo

VIEW = Permission.VIEW_SCHEDULE
EDIT = Permission.EDIT_SCHEDULE


def suggestion_packs(rule_dirs: tuple[Path, ...] = ()) -> SuggestionPacks:
    return SuggestionPacks(
        logistics=pack(PACK_ID, extra_dirs=rule_dirs),
        categories=pack(CATEGORIES_PACK, extra_dirs=rule_dirs),
        emissions=pack(EMISSIONS_PACK, extra_dirs=rule_dirs),
    )


def _edit(session: Session, slug: str, actor: User | None) -> tuple[Production, dt.date | None]:
    production = production_for(session, slug, actor, EDIT)
    return production, repo.settings(session, production.id).starts_on


# -- settings -------------------------------------------------------------------------


def get_settings(db: Database, slug: str, *, actor: User | None) -> LogisticsSettings:
    with db.session() as session:
        production = production_for(session, slug, actor, VIEW)
        return repo.settings(session, production.id)


def set_start(
    db: Database,
    slug: str,
    starts_on: dt.date | None,
    expected_version: int,
    *,
    actor: User | None,
) -> LogisticsSettings:
    """Set the production's start; refused when a record is already dated before it."""
    with db.session() as session:
        production = production_for(session, slug, actor, EDIT)
        if starts_on is not None:
            dated = [leg.fields.travel_date for leg in repo.legs(session, production.id)]
            dated += [s.fields.check_in for s in repo.stays(session, production.id)]
            dated += [m.fields.meal_date for m in repo.meals(session, production.id)]
            dated += [e.fields.entry_date for e in repo.energy(session, production.id)]
            earlier = min((d for d in dated if d < starts_on), default=None)
            if earlier is not None:
                raise ValidationError(
                    t("a logistics record is dated {day}, before {start}",
                      day=on_day(earlier), start=on_day(starts_on)),
                    field="starts_on",
                    hint=t("Choose an earlier start, or correct that record first"),
                )  # fmt: skip
        return repo.put_settings(
            session, production.id, starts_on, expected_version=expected_version
        )


# -- travel ---------------------------------------------------------------------------


def _with_locations(
    session: Session, production: Production, fields: LegFields,
    origin_location: int | None, destination_location: int | None,
) -> LegFields:  # fmt: skip
    """The leg's ends filled from the production's locations (name when left empty,
    coordinates when the location has them)."""
    for location_id, name_field, point_field in (
        (origin_location, "origin", "origin_point"),
        (destination_location, "destination", "destination_point"),
    ):
        if location_id is None:
            continue
        row = locations.location_row(session, production.id, location_id)
        changes: dict[str, object] = {}
        if not getattr(fields, name_field).strip():
            changes[name_field] = row.name
        if row.latitude is not None and row.longitude is not None:
            changes[point_field] = Point(row.latitude, row.longitude)
        fields = dataclasses.replace(fields, **changes)  # type: ignore[arg-type]
    return fields


@dataclass(frozen=True, slots=True)
class LegView:
    leg: TravelLeg
    distance: Distance


def _checked_leg(
    session: Session, production: Production, fields: LegFields, starts_on: dt.date | None,
    ends: tuple[int | None, int | None], *, rule_dirs: tuple[Path, ...],
) -> LegFields:  # fmt: skip
    filled = _with_locations(session, production, fields, *ends)
    clean = check_leg(filled, starts_on=starts_on)
    leg_distance(clean, pack(PACK_ID, extra_dirs=rule_dirs))  # the distance can be worked out
    return clean


def list_legs(
    db: Database, slug: str, *, actor: User | None, rule_dirs: tuple[Path, ...] = ()
) -> list[LegView]:
    logistics = pack(PACK_ID, extra_dirs=rule_dirs)
    with db.session() as session:
        production = production_for(session, slug, actor, VIEW)
        found = repo.legs(session, production.id)
    return [LegView(leg, leg_distance(leg.fields, logistics)) for leg in found]


def add_leg(
    db: Database, slug: str, fields: LegFields, *, actor: User | None,
    origin_location: int | None = None, destination_location: int | None = None,
    rule_dirs: tuple[Path, ...] = (),
) -> TravelLeg:  # fmt: skip
    with db.session() as session:
        production, starts_on = _edit(session, slug, actor)
        ends = (origin_location, destination_location)
        clean = _checked_leg(session, production, fields, starts_on, ends, rule_dirs=rule_dirs)
        return repo.insert_leg(session, production.id, clean)


def update_leg(
    db: Database, slug: str, leg_id: int, fields: LegFields, expected_version: int, *,
    actor: User | None, origin_location: int | None = None,
    destination_location: int | None = None, rule_dirs: tuple[Path, ...] = (),
) -> TravelLeg:  # fmt: skip
    with db.session() as session:
        production, starts_on = _edit(session, slug, actor)
        ends = (origin_location, destination_location)
        clean = _checked_leg(session, production, fields, starts_on, ends, rule_dirs=rule_dirs)
        return repo.update_leg(
            session, production.id, leg_id, clean, expected_version=expected_version
        )


def remove_leg(
    db: Database, slug: str, leg_id: int, expected_version: int, *, actor: User | None
) -> None:
    with db.session() as session:
        production = production_for(session, slug, actor, EDIT)
        repo.delete_leg(session, production.id, leg_id, expected_version=expected_version)


# -- lodging --------------------------------------------------------------------------


def list_stays(db: Database, slug: str, *, actor: User | None) -> list[LodgingStay]:
    with db.session() as session:
        return repo.stays(session, production_for(session, slug, actor, VIEW).id)


def add_stay(db: Database, slug: str, fields: StayFields, *, actor: User | None) -> LodgingStay:
    with db.session() as session:
        production, starts_on = _edit(session, slug, actor)
        return repo.insert_stay(session, production.id, check_stay(fields, starts_on=starts_on))


def update_stay(
    db: Database, slug: str, stay_id: int, fields: StayFields, expected_version: int, *,
    actor: User | None,
) -> LodgingStay:  # fmt: skip
    with db.session() as session:
        production, starts_on = _edit(session, slug, actor)
        clean = check_stay(fields, starts_on=starts_on)
        return repo.update_stay(
            session, production.id, stay_id, clean, expected_version=expected_version
        )


def remove_stay(
    db: Database, slug: str, stay_id: int, expected_version: int, *, actor: User | None
) -> None:
    with db.session() as session:
        production = production_for(session, slug, actor, EDIT)
        repo.delete_stay(session, production.id, stay_id, expected_version=expected_version)


# -- meals ----------------------------------------------------------------------------


def list_meals(db: Database, slug: str, *, actor: User | None) -> list[MealCount]:
    with db.session() as session:
        return repo.meals(session, production_for(session, slug, actor, VIEW).id)


def add_meals(db: Database, slug: str, fields: MealFields, *, actor: User | None) -> MealCount:
    """A day's count of one diet; a second count of the same day and diet is refused."""
    with db.session() as session:
        production, starts_on = _edit(session, slug, actor)
        clean = check_meals(fields, starts_on=starts_on)
        if repo.meal_on(session, production.id, clean.meal_date, clean.diet) is not None:
            raise Conflict(
                t("{day} already has a count of {diet} meals",
                  day=on_day(clean.meal_date), diet=clean.diet.value),
                hint=t("Change that count instead of adding another"),
            )  # fmt: skip
        return repo.insert_meal(session, production.id, clean)


def update_meals(
    db: Database, slug: str, meal_id: int, fields: MealFields, expected_version: int, *,
    actor: User | None,
) -> MealCount:  # fmt: skip
    with db.session() as session:
        production, starts_on = _edit(session, slug, actor)
        clean = check_meals(fields, starts_on=starts_on)
        other = repo.meal_on(session, production.id, clean.meal_date, clean.diet)
        if other is not None and other.id != meal_id:
            raise Conflict(
                t("{day} already has a count of {diet} meals",
                  day=on_day(clean.meal_date), diet=clean.diet.value),
                hint=t("Change that count instead of adding another"),
            )  # fmt: skip
        return repo.update_meal(
            session, production.id, meal_id, clean, expected_version=expected_version
        )


def remove_meals(
    db: Database, slug: str, meal_id: int, expected_version: int, *, actor: User | None
) -> None:
    with db.session() as session:
        production = production_for(session, slug, actor, EDIT)
        repo.delete_meal(session, production.id, meal_id, expected_version=expected_version)


# -- energy ---------------------------------------------------------------------------


def list_energy(db: Database, slug: str, *, actor: User | None) -> list[EnergyEntry]:
    with db.session() as session:
        return repo.energy(session, production_for(session, slug, actor, VIEW).id)


def add_energy(db: Database, slug: str, fields: EnergyFields, *, actor: User | None) -> EnergyEntry:
    with db.session() as session:
        production, starts_on = _edit(session, slug, actor)
        clean = check_energy(fields, starts_on=starts_on)
        return repo.insert_energy(session, production.id, clean)


def update_energy(
    db: Database, slug: str, entry_id: int, fields: EnergyFields, expected_version: int, *,
    actor: User | None,
) -> EnergyEntry:  # fmt: skip
    with db.session() as session:
        production, starts_on = _edit(session, slug, actor)
        clean = check_energy(fields, starts_on=starts_on)
        return repo.update_energy(
            session, production.id, entry_id, clean, expected_version=expected_version
        )


def remove_energy(
    db: Database, slug: str, entry_id: int, expected_version: int, *, actor: User | None
) -> None:
    with db.session() as session:
        production = production_for(session, slug, actor, EDIT)
        repo.delete_energy(session, production.id, entry_id, expected_version=expected_version)


# -- equipment and quotes -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ListView:
    equipment: EquipmentList
    comparison: tuple[QuoteComparison, ...]


def list_equipment(db: Database, slug: str, *, actor: User | None) -> list[ListView]:
    with db.session() as session:
        found = repo.equipment_lists(session, production_for(session, slug, actor, VIEW).id)
    return [ListView(e, tuple(compare_quotes(e.fields, e.quotes))) for e in found]


def add_list(db: Database, slug: str, fields: ListFields, *, actor: User | None) -> EquipmentList:
    clean = check_list(fields)
    with db.session() as session:
        production = production_for(session, slug, actor, EDIT)
        return repo.insert_list(session, production.id, clean)


def update_list(
    db: Database, slug: str, list_id: int, fields: ListFields, expected_version: int, *,
    actor: User | None,
) -> EquipmentList:  # fmt: skip
    clean = check_list(fields)
    with db.session() as session:
        production = production_for(session, slug, actor, EDIT)
        return repo.update_list(
            session, production.id, list_id, clean, expected_version=expected_version
        )


def remove_list(
    db: Database, slug: str, list_id: int, expected_version: int, *, actor: User | None
) -> None:
    with db.session() as session:
        production = production_for(session, slug, actor, EDIT)
        repo.delete_list(session, production.id, list_id, expected_version=expected_version)


def add_item(
    db: Database, slug: str, list_id: int, fields: ItemFields, *, actor: User | None
) -> EquipmentList:
    clean = check_item(fields)
    with db.session() as session:
        production = production_for(session, slug, actor, EDIT)
        repo.insert_item(session, production.id, list_id, clean)
        return repo.equipment_list(session, production.id, list_id)


def remove_item(
    db: Database, slug: str, item_id: int, expected_version: int, *, actor: User | None
) -> None:
    with db.session() as session:
        production = production_for(session, slug, actor, EDIT)
        repo.delete_item(session, production.id, item_id, expected_version=expected_version)


def add_quote(
    db: Database, slug: str, list_id: int, fields: QuoteFields, *, actor: User | None
) -> VendorQuote:
    clean = check_quote(fields)
    with db.session() as session:
        production = production_for(session, slug, actor, EDIT)
        return repo.insert_quote(session, production.id, list_id, clean)


def update_quote(
    db: Database, slug: str, quote_id: int, fields: QuoteFields, expected_version: int, *,
    actor: User | None,
) -> VendorQuote:  # fmt: skip
    clean = check_quote(fields)
    with db.session() as session:
        production = production_for(session, slug, actor, EDIT)
        return repo.update_quote(
            session, production.id, quote_id, clean, expected_version=expected_version
        )


def choose_quote(
    db: Database, slug: str, quote_id: int, expected_version: int, *, actor: User | None,
    chosen: bool = True,
) -> VendorQuote:  # fmt: skip
    """Choose a quote for its list (the list's other quotes are no longer chosen)."""
    with db.session() as session:
        production = production_for(session, slug, actor, EDIT)
        return repo.choose_quote(
            session, production.id, quote_id, chosen=chosen, expected_version=expected_version
        )


def remove_quote(
    db: Database, slug: str, quote_id: int, expected_version: int, *, actor: User | None
) -> None:
    with db.session() as session:
        production = production_for(session, slug, actor, EDIT)
        repo.delete_quote(session, production.id, quote_id, expected_version=expected_version)


# -- external sources -----------------------------------------------------------------


def list_sources(
    db: Database, slug: str, *, actor: User | None
) -> tuple[list[ExternalSource], SourceTotals]:
    with db.session() as session:
        found = repo.sources(session, production_for(session, slug, actor, VIEW).id)
    return found, totals(found)


def add_source(
    db: Database, slug: str, fields: SourceFields, *, actor: User | None
) -> ExternalSource:
    clean = check_source(fields)
    with db.session() as session:
        production = production_for(session, slug, actor, EDIT)
        return repo.insert_source(session, production.id, clean)


def update_source(
    db: Database, slug: str, source_id: int, fields: SourceFields, expected_version: int, *,
    actor: User | None,
) -> ExternalSource:  # fmt: skip
    clean = check_source(fields)
    with db.session() as session:
        production = production_for(session, slug, actor, EDIT)
        return repo.update_source(
            session, production.id, source_id, clean, expected_version=expected_version
        )


def remove_source(
    db: Database, slug: str, source_id: int, expected_version: int, *, actor: User | None
) -> None:
    with db.session() as session:
        production = production_for(session, slug, actor, EDIT)
        repo.delete_source(session, production.id, source_id, expected_version=expected_version)


# -- suggestions ----------------------------------------------------------------------


def suggestions(
    db: Database, slug: str, *, actor: User | None, rule_dirs: tuple[Path, ...] = ()
) -> list[Suggestion]:
    packs = suggestion_packs(rule_dirs)
    with db.session() as session:
        production = production_for(session, slug, actor, VIEW)
        legs, meals = repo.legs(session, production.id), repo.meals(session, production.id)
    return suggest(legs, meals, packs)
