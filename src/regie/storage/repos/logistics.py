# SPDX-License-Identifier: AGPL-3.0-or-later
"""Logistics rows as domain records: settings, travel legs, lodging stays, meal counts,
energy entries, equipment lists (with items and quotes), external sources and frozen
carbon estimates. Every lookup checks that the record belongs to the production: another
production's id is ``NotFound``; every edit checks the version the user saw."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from regie.core.errors import NotFound
from regie.core.text import Text, t
from regie.finance.carbon import CarbonEstimate
from regie.finance.carbon_record import CarbonVersion, estimate_dict, estimate_of
from regie.logistics.energy import EnergyEntry, EnergyFields, EnergyKind, Fuel, ProductionPhase
from regie.logistics.equipment import (
    EcoCommitment,
    EquipmentItem,
    EquipmentList,
    ItemFields,
    ListFields,
    QuoteFields,
    VendorQuote,
)
from regie.logistics.lodging import LodgingKind, LodgingStay, StayFields
from regie.logistics.meals import Diet, MealCount, MealFields
from regie.logistics.sources import (
    ExternalSource,
    Negotiation,
    SourceFields,
    SourceKind,
    Typology,
)
from regie.logistics.travel import LegFields, LogisticsSettings, Point, TravelLeg, TravelMode
from regie.schedule.people import Department
from regie.storage.guard import check_version, flush_edit
from regie.storage.tables.logistics import (
    CarbonEstimateRow,
    EnergyEntryRow,
    EquipmentItemRow,
    EquipmentListRow,
    ExternalSourceRow,
    LodgingStayRow,
    LogisticsSettingsRow,
    MealCountRow,
    TravelLegRow,
    VendorQuoteRow,
)

Row = TypeVar("Row", TravelLegRow, LodgingStayRow, MealCountRow, EnergyEntryRow,
              ExternalSourceRow, EquipmentListRow)  # fmt: skip

# -- shared ---------------------------------------------------------------------------


def _owned(session: Session, table: type[Row], production_id: int, ident: int, what: Text) -> Row:
    row = session.get(table, ident)
    if row is None or row.production_id != production_id:
        raise NotFound(t("no {what} #{id} in this production", what=what, id=ident),
                       hint=t("Reload the list"))  # fmt: skip
    return row


def _rows(session: Session, table: type[Row], production_id: int, *order: Any) -> list[Row]:
    return list(
        session.scalars(select(table).where(table.production_id == production_id).order_by(*order))
    )


def _edit(session: Session, row: Any, what: Text, expected: int, apply: Callable[[], None]) -> None:
    check_version(what, stored=row.version, expected=expected)
    apply()
    flush_edit(session, row, what, expected=expected)


def _remove(session: Session, row: Any, what: Text, expected: int) -> None:
    check_version(what, stored=row.version, expected=expected)
    session.delete(row)
    flush_edit(session, row, what, expected=expected)


def _added(session: Session, row: Any) -> None:
    session.add(row)
    session.flush()


# -- settings -------------------------------------------------------------------------


def settings(session: Session, production_id: int) -> LogisticsSettings:
    row = session.get(LogisticsSettingsRow, production_id)
    return LogisticsSettings() if row is None else LogisticsSettings(row.starts_on, row.version)


def put_settings(
    session: Session, production_id: int, starts_on: dt.date | None, *, expected_version: int
) -> LogisticsSettings:
    """Save the settings (``expected_version`` 0: the first save)."""
    what = t("the logistics settings")
    row = session.get(LogisticsSettingsRow, production_id)
    if row is None:
        check_version(what, stored=0, expected=expected_version)
        row = LogisticsSettingsRow(production_id=production_id, starts_on=starts_on)
        _added(session, row)
    else:
        check_version(what, stored=row.version, expected=expected_version)
        row.starts_on = starts_on
        session.flush()
    return LogisticsSettings(row.starts_on, row.version)


# -- travel legs ----------------------------------------------------------------------


def _plain(value: Decimal | None) -> Decimal | None:
    """``270.0`` → ``270``, ``42.50`` → ``42.5``: a stored quantity as it was typed."""
    if value is None:
        return None
    value = Decimal(value)
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


def _point(lat: Decimal | None, lon: Decimal | None) -> Point | None:
    return None if lat is None or lon is None else Point(Decimal(lat), Decimal(lon))


def _leg(row: TravelLegRow) -> TravelLeg:
    return TravelLeg(
        row.id,
        LegFields(
            mode=TravelMode(row.mode),
            origin=row.origin,
            destination=row.destination,
            travel_date=row.travel_date,
            people=row.people,
            distance_km=_plain(row.distance_km),
            origin_point=_point(row.origin_lat, row.origin_lon),
            destination_point=_point(row.destination_lat, row.destination_lon),
            round_trip=row.round_trip,
            vehicles=row.vehicles,
            fuel_litres=_plain(row.fuel_litres),
            cost=row.cost,
            account=row.account,
            notes=row.notes,
        ),
        row.version,
    )


def _apply_leg(row: TravelLegRow, f: LegFields) -> None:
    row.mode = f.mode.value
    row.origin, row.destination = f.origin, f.destination
    o, d = f.origin_point, f.destination_point
    row.origin_lat, row.origin_lon = (o.latitude, o.longitude) if o else (None, None)
    row.destination_lat, row.destination_lon = (d.latitude, d.longitude) if d else (None, None)
    row.travel_date, row.people, row.distance_km = f.travel_date, f.people, f.distance_km
    row.round_trip, row.vehicles, row.fuel_litres = f.round_trip, f.vehicles, f.fuel_litres
    row.cost, row.account, row.notes = f.cost, f.account, f.notes


LEG = t("travel leg")


def legs(session: Session, production_id: int) -> list[TravelLeg]:
    return [_leg(r) for r in _rows(session, TravelLegRow, production_id,
                                   TravelLegRow.travel_date, TravelLegRow.id)]  # fmt: skip


def insert_leg(session: Session, production_id: int, fields: LegFields) -> TravelLeg:
    row = TravelLegRow(production_id=production_id)
    _apply_leg(row, fields)
    _added(session, row)
    return _leg(row)


def update_leg(
    session: Session, production_id: int, ident: int, fields: LegFields, *, expected_version: int
) -> TravelLeg:
    row = _owned(session, TravelLegRow, production_id, ident, LEG)
    _edit(session, row, t("travel leg #{id}", id=ident), expected_version,
          lambda: _apply_leg(row, fields))  # fmt: skip
    return _leg(row)


def delete_leg(session: Session, production_id: int, ident: int, *, expected_version: int) -> None:
    row = _owned(session, TravelLegRow, production_id, ident, LEG)
    _remove(session, row, t("travel leg #{id}", id=ident), expected_version)


# -- lodging --------------------------------------------------------------------------

STAY = t("lodging stay")


def _stay(row: LodgingStayRow) -> LodgingStay:
    return LodgingStay(
        row.id,
        StayFields(row.place, row.check_in, row.nights, row.people, LodgingKind(row.kind),
                   row.rate, row.breakfast, row.account, row.notes),
        row.version,
    )  # fmt: skip


def _apply_stay(row: LodgingStayRow, f: StayFields) -> None:
    row.place, row.kind, row.check_in, row.nights = f.place, f.kind.value, f.check_in, f.nights
    row.people, row.rate, row.breakfast = f.people, f.rate, f.breakfast
    row.account, row.notes = f.account, f.notes


def stays(session: Session, production_id: int) -> list[LodgingStay]:
    return [_stay(r) for r in _rows(session, LodgingStayRow, production_id,
                                    LodgingStayRow.check_in, LodgingStayRow.id)]  # fmt: skip


def insert_stay(session: Session, production_id: int, fields: StayFields) -> LodgingStay:
    row = LodgingStayRow(production_id=production_id)
    _apply_stay(row, fields)
    _added(session, row)
    return _stay(row)


def update_stay(
    session: Session, production_id: int, ident: int, fields: StayFields, *, expected_version: int
) -> LodgingStay:
    row = _owned(session, LodgingStayRow, production_id, ident, STAY)
    _edit(session, row, t("lodging stay #{id}", id=ident), expected_version,
          lambda: _apply_stay(row, fields))  # fmt: skip
    return _stay(row)


def delete_stay(session: Session, production_id: int, ident: int, *, expected_version: int) -> None:
    row = _owned(session, LodgingStayRow, production_id, ident, STAY)
    _remove(session, row, t("lodging stay #{id}", id=ident), expected_version)


# -- meals ----------------------------------------------------------------------------

MEAL = t("meal count")


def _meal(row: MealCountRow) -> MealCount:
    return MealCount(
        row.id,
        MealFields(row.meal_date, Diet(row.diet), row.count, row.unit_cost, row.account,
                   row.notes),
        row.version,
    )  # fmt: skip


def _apply_meal(row: MealCountRow, f: MealFields) -> None:
    row.meal_date, row.diet, row.count = f.meal_date, f.diet.value, f.count
    row.unit_cost, row.account, row.notes = f.unit_cost, f.account, f.notes


def meals(session: Session, production_id: int) -> list[MealCount]:
    return [_meal(r) for r in _rows(session, MealCountRow, production_id,
                                    MealCountRow.meal_date, MealCountRow.diet)]  # fmt: skip


def meal_on(session: Session, production_id: int, day: dt.date, diet: Diet) -> MealCount | None:
    row = session.scalar(
        select(MealCountRow).where(
            MealCountRow.production_id == production_id,
            MealCountRow.meal_date == day,
            MealCountRow.diet == diet.value,
        )
    )
    return None if row is None else _meal(row)


def insert_meal(session: Session, production_id: int, fields: MealFields) -> MealCount:
    row = MealCountRow(production_id=production_id)
    _apply_meal(row, fields)
    _added(session, row)
    return _meal(row)


def update_meal(
    session: Session, production_id: int, ident: int, fields: MealFields, *, expected_version: int
) -> MealCount:
    row = _owned(session, MealCountRow, production_id, ident, MEAL)
    _edit(session, row, t("meal count #{id}", id=ident), expected_version,
          lambda: _apply_meal(row, fields))  # fmt: skip
    return _meal(row)


def delete_meal(session: Session, production_id: int, ident: int, *, expected_version: int) -> None:
    row = _owned(session, MealCountRow, production_id, ident, MEAL)
    _remove(session, row, t("meal count #{id}", id=ident), expected_version)


# -- energy ---------------------------------------------------------------------------

ENERGY = t("energy entry")


def _energy(row: EnergyEntryRow) -> EnergyEntry:
    return EnergyEntry(
        row.id,
        EnergyFields(row.entry_date, EnergyKind(row.kind), _plain(row.quantity) or Decimal(0),
                     Fuel(row.fuel) if row.fuel else None, ProductionPhase(row.phase),
                     row.label, row.notes),
        row.version,
    )  # fmt: skip


def _apply_energy(row: EnergyEntryRow, f: EnergyFields) -> None:
    row.entry_date, row.kind, row.quantity = f.entry_date, f.kind.value, f.quantity
    row.fuel = f.fuel.value if f.fuel else None
    row.phase, row.label, row.notes = f.phase.value, f.label, f.notes


def energy(session: Session, production_id: int) -> list[EnergyEntry]:
    return [_energy(r) for r in _rows(session, EnergyEntryRow, production_id,
                                      EnergyEntryRow.entry_date, EnergyEntryRow.id)]  # fmt: skip


def insert_energy(session: Session, production_id: int, fields: EnergyFields) -> EnergyEntry:
    row = EnergyEntryRow(production_id=production_id)
    _apply_energy(row, fields)
    _added(session, row)
    return _energy(row)


def update_energy(
    session: Session, production_id: int, ident: int, fields: EnergyFields, *,
    expected_version: int,
) -> EnergyEntry:  # fmt: skip
    row = _owned(session, EnergyEntryRow, production_id, ident, ENERGY)
    _edit(session, row, t("energy entry #{id}", id=ident), expected_version,
          lambda: _apply_energy(row, fields))  # fmt: skip
    return _energy(row)


def delete_energy(
    session: Session, production_id: int, ident: int, *, expected_version: int
) -> None:
    row = _owned(session, EnergyEntryRow, production_id, ident, ENERGY)
    _remove(session, row, t("energy entry #{id}", id=ident), expected_version)


# -- external sources -----------------------------------------------------------------

SOURCE = t("external source")


def _source(row: ExternalSourceRow) -> ExternalSource:
    return ExternalSource(
        row.id,
        SourceFields(SourceKind(row.kind), row.title, Typology(row.typology), row.holder,
                     row.asking_price, Negotiation(row.status), row.duration_seconds, row.notes),
        row.version,
    )  # fmt: skip


def _apply_source(row: ExternalSourceRow, f: SourceFields) -> None:
    row.kind, row.title, row.typology, row.holder = (
        f.kind.value,
        f.title,
        f.typology.value,
        f.holder,
    )
    row.asking_price, row.status = f.asking_price, f.status.value
    row.duration_seconds, row.notes = f.duration_seconds, f.notes


def sources(session: Session, production_id: int) -> list[ExternalSource]:
    return [_source(r) for r in _rows(session, ExternalSourceRow, production_id,
                                      ExternalSourceRow.id)]  # fmt: skip


def insert_source(session: Session, production_id: int, fields: SourceFields) -> ExternalSource:
    row = ExternalSourceRow(production_id=production_id)
    _apply_source(row, fields)
    _added(session, row)
    return _source(row)


def update_source(
    session: Session, production_id: int, ident: int, fields: SourceFields, *,
    expected_version: int,
) -> ExternalSource:  # fmt: skip
    row = _owned(session, ExternalSourceRow, production_id, ident, SOURCE)
    _edit(session, row, t("external source #{id}", id=ident), expected_version,
          lambda: _apply_source(row, fields))  # fmt: skip
    return _source(row)


def delete_source(
    session: Session, production_id: int, ident: int, *, expected_version: int
) -> None:
    row = _owned(session, ExternalSourceRow, production_id, ident, SOURCE)
    _remove(session, row, t("external source #{id}", id=ident), expected_version)


# -- equipment lists, items, quotes ---------------------------------------------------

EQUIPMENT = t("equipment list")


def _eco(raw: str) -> frozenset[EcoCommitment]:
    return frozenset(EcoCommitment(k) for k in raw.split(",") if k)


def _quote(row: VendorQuoteRow) -> VendorQuote:
    return VendorQuote(
        row.id, row.list_id,
        QuoteFields(row.vendor, row.amount, row.available_from, row.available_to,
                    _eco(row.eco), row.account, row.notes),
        row.chosen, row.version,
    )  # fmt: skip


def _apply_quote(row: VendorQuoteRow, f: QuoteFields) -> None:
    row.vendor, row.amount = f.vendor, f.amount
    row.available_from, row.available_to = f.available_from, f.available_to
    row.eco = ",".join(sorted(e.value for e in f.eco))
    row.account, row.notes = f.account, f.notes


def _list(session: Session, row: EquipmentListRow) -> EquipmentList:
    items = session.scalars(
        select(EquipmentItemRow)
        .where(EquipmentItemRow.list_id == row.id)
        .order_by(EquipmentItemRow.id)
    )
    quotes = session.scalars(
        select(VendorQuoteRow).where(VendorQuoteRow.list_id == row.id).order_by(VendorQuoteRow.id)
    )
    return EquipmentList(
        row.id,
        ListFields(Department(row.department), row.name, row.needed_from, row.needed_to,
                   row.notes),
        tuple(EquipmentItem(i.id, i.list_id, ItemFields(i.name, i.quantity, i.notes), i.version)
              for i in items),
        tuple(_quote(q) for q in quotes),
        row.version,
    )  # fmt: skip


def equipment_lists(session: Session, production_id: int) -> list[EquipmentList]:
    found = _rows(session, EquipmentListRow, production_id, EquipmentListRow.department,
                  EquipmentListRow.id)  # fmt: skip
    return [_list(session, r) for r in found]


def equipment_list(session: Session, production_id: int, ident: int) -> EquipmentList:
    return _list(session, _owned(session, EquipmentListRow, production_id, ident, EQUIPMENT))


def _apply_list(row: EquipmentListRow, f: ListFields) -> None:
    row.department, row.name = f.department.value, f.name
    row.needed_from, row.needed_to, row.notes = f.needed_from, f.needed_to, f.notes


def insert_list(session: Session, production_id: int, fields: ListFields) -> EquipmentList:
    row = EquipmentListRow(production_id=production_id)
    _apply_list(row, fields)
    _added(session, row)
    return _list(session, row)


def update_list(
    session: Session, production_id: int, ident: int, fields: ListFields, *, expected_version: int
) -> EquipmentList:
    row = _owned(session, EquipmentListRow, production_id, ident, EQUIPMENT)
    _edit(session, row, t("equipment list #{id}", id=ident), expected_version,
          lambda: _apply_list(row, fields))  # fmt: skip
    return _list(session, row)


def delete_list(session: Session, production_id: int, ident: int, *, expected_version: int) -> None:
    row = _owned(session, EquipmentListRow, production_id, ident, EQUIPMENT)
    _remove(session, row, t("equipment list #{id}", id=ident), expected_version)


def insert_item(session: Session, production_id: int, list_id: int, fields: ItemFields) -> None:
    _owned(session, EquipmentListRow, production_id, list_id, EQUIPMENT)
    _added(session, EquipmentItemRow(list_id=list_id, name=fields.name,
                                     quantity=fields.quantity, notes=fields.notes))  # fmt: skip


def _child(session: Session, table: type[Any], production_id: int, ident: int, what: Text) -> Any:
    row = session.get(table, ident)
    parent = None if row is None else session.get(EquipmentListRow, row.list_id)
    if row is None or parent is None or parent.production_id != production_id:
        raise NotFound(t("no {what} #{id} in this production", what=what, id=ident),
                       hint=t("Reload the list"))  # fmt: skip
    return row


def delete_item(session: Session, production_id: int, ident: int, *, expected_version: int) -> None:
    row = _child(session, EquipmentItemRow, production_id, ident, t("equipment item"))
    _remove(session, row, t("equipment item #{id}", id=ident), expected_version)


def insert_quote(
    session: Session, production_id: int, list_id: int, fields: QuoteFields
) -> VendorQuote:
    _owned(session, EquipmentListRow, production_id, list_id, EQUIPMENT)
    row = VendorQuoteRow(list_id=list_id, chosen=False)
    _apply_quote(row, fields)
    _added(session, row)
    return _quote(row)


def quote_row(session: Session, production_id: int, ident: int) -> VendorQuoteRow:
    row: VendorQuoteRow = _child(session, VendorQuoteRow, production_id, ident, t("quote"))
    return row


def update_quote(
    session: Session, production_id: int, ident: int, fields: QuoteFields, *,
    expected_version: int,
) -> VendorQuote:  # fmt: skip
    row = quote_row(session, production_id, ident)
    _edit(session, row, t("quote #{id}", id=ident), expected_version,
          lambda: _apply_quote(row, fields))  # fmt: skip
    return _quote(row)


def choose_quote(
    session: Session, production_id: int, ident: int, *, chosen: bool, expected_version: int
) -> VendorQuote:
    """Mark the quote chosen (the others of its list are no longer) or not chosen."""
    row = quote_row(session, production_id, ident)
    check_version(t("quote #{id}", id=ident), stored=row.version, expected=expected_version)
    if chosen:
        for other in session.scalars(
            select(VendorQuoteRow).where(
                VendorQuoteRow.list_id == row.list_id,
                VendorQuoteRow.id != row.id,
                VendorQuoteRow.chosen.is_(True),
            )
        ):
            other.chosen = False
    row.chosen = chosen
    flush_edit(session, row, t("quote #{id}", id=ident), expected=expected_version)
    return _quote(row)


def delete_quote(
    session: Session, production_id: int, ident: int, *, expected_version: int
) -> None:
    row = quote_row(session, production_id, ident)
    _remove(session, row, t("quote #{id}", id=ident), expected_version)


# -- carbon estimates -----------------------------------------------------------------


def _version(row: CarbonEstimateRow) -> CarbonVersion:
    return CarbonVersion(
        number=row.number,
        kind=estimate_of(json.loads(row.figures_json)).kind,
        made_on=row.made_on,
        total_kg=Decimal(row.total_kg),
        estimate=estimate_of(json.loads(row.figures_json)),
        created_at=row.created_at,
        version=row.version,
    )


def carbon_versions(session: Session, production_id: int) -> list[CarbonVersion]:
    rows = session.scalars(
        select(CarbonEstimateRow)
        .where(CarbonEstimateRow.production_id == production_id)
        .order_by(CarbonEstimateRow.number)
    )
    return [_version(r) for r in rows]


def carbon_version(session: Session, production_id: int, number: int) -> CarbonVersion:
    row = session.scalar(
        select(CarbonEstimateRow).where(
            CarbonEstimateRow.production_id == production_id, CarbonEstimateRow.number == number
        )
    )
    if row is None:
        raise NotFound(
            t("no carbon estimate number {number} in this production", number=number),
            hint=t("List them with regie carbon versions"),
        )
    return _version(row)


def insert_carbon(session: Session, production_id: int, found: CarbonEstimate) -> CarbonVersion:
    last = session.scalar(
        select(func.max(CarbonEstimateRow.number)).where(
            CarbonEstimateRow.production_id == production_id
        )
    )
    row = CarbonEstimateRow(
        production_id=production_id,
        number=(last or 0) + 1,
        kind=found.kind.value,
        made_on=found.on,
        total_kg=found.total_kg,
        figures_json=json.dumps(estimate_dict(found), ensure_ascii=False, sort_keys=True),
    )
    _added(session, row)
    return _version(row)


def kinds_frozen(session: Session, production_id: int) -> Sequence[str]:
    return list(
        session.scalars(
            select(CarbonEstimateRow.kind).where(CarbonEstimateRow.production_id == production_id)
        )
    )
