# SPDX-License-Identifier: AGPL-3.0-or-later
"""Locations (décors naturels, studios): ``regie location add|list|map|unmap|travel|
unavailable|remove``. A location is named by its number or its name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from regie.cli import output
from regie.cli.context import JsonOption, ListGroup, command, group, production
from regie.cli.schedule import parse_date, parse_decimal, tr
from regie.core.errors import NotFound, ValidationError
from regie.core.text import t

if TYPE_CHECKING:
    import datetime as dt

    from regie.schedule.catalog import LocationRecord, TravelTime
    from regie.services.database import Database

location_app = group(
    "Les lieux de tournage : `regie location` les liste ; décors, trajets, indisponibilités.",
    cls=ListGroup,
)

# Monday = 0, as ``datetime.date.weekday``; English and French names and abbreviations.
_WEEKDAY_NAMES = (
    ("mon", "monday", "lun", "lundi"),
    ("tue", "tuesday", "mar", "mardi"),
    ("wed", "wednesday", "mer", "mercredi"),
    ("thu", "thursday", "jeu", "jeudi"),
    ("fri", "friday", "ven", "vendredi"),
    ("sat", "saturday", "sam", "samedi"),
    ("sun", "sunday", "dim", "dimanche"),
)
_SHORT_DAYS = (t("Mon"), t("Tue"), t("Wed"), t("Thu"), t("Fri"), t("Sat"), t("Sun"))

LocationArgument = Annotated[str, typer.Argument(metavar="LOCATION", help="Numéro ou nom du lieu.")]


def _weekday(token: str) -> int:
    wanted = token.strip().lower().rstrip(".")
    for number, names in enumerate(_WEEKDAY_NAMES):
        if wanted in names:
            return number
    raise ValidationError(
        t("'{day}' is not a day of the week", day=token),
        field="--open",
        hint=t("Write days as mon,tue,wed or lun,mar,mer; a range as mon-fri"),
    )


def parse_weekdays(raw: str) -> frozenset[int]:
    """``"mon-fri"``, ``"lun,mer,sam-dim"`` → weekday numbers (0 = Monday)."""
    days: set[int] = set()
    for part in raw.split(","):
        if not part.strip():
            continue
        first, dash, last = part.partition("-")
        if not dash:
            days.add(_weekday(first))
            continue
        start, end = _weekday(first), _weekday(last)
        days.update(range(start, end + 1) if start <= end else (*range(start, 7), *range(end + 1)))
    return frozenset(days)


def weekdays_text(days: frozenset[int]) -> str:
    if days == frozenset(range(7)):
        return tr(t("every day"))
    return ", ".join(tr(_SHORT_DAYS[d]) for d in sorted(days))


def _booking(raw: str) -> tuple[dt.date, dt.date]:
    first, colon, last = raw.partition(":")
    if not colon:
        raise ValidationError(
            t("'{value}' is not a period FROM:TO", value=raw),
            field="--booked",
            hint=t("Write the booking as 2027-03-01:2027-03-12"),
        )
    return parse_date(first, "--booked"), parse_date(last, "--booked")


def location_json(place: LocationRecord, travel: list[TravelTime] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": place.id,
        "name": place.name,
        "address": place.address,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "open_weekdays": sorted(place.open_weekdays),
        "booking": None
        if place.booking is None
        else {"start": place.booking.start, "end": place.booking.end},
        "notes": place.notes,
        "sets": list(place.sets),
        "unavailable": [
            {"id": w.id, "start": w.start, "end": w.end, "reason": w.reason}
            for w in place.unavailable
        ],
        "version": place.version,
    }
    if travel is not None:
        data["travel"] = [
            {"to": other, "minutes": tt.minutes}
            for tt in travel
            for other in (
                (tt.location_b,) if tt.location_a == place.id
                else (tt.location_a,) if tt.location_b == place.id else ()
            )
        ]  # fmt: skip
    return data


def find_location(db: Database, slug: str, reference: str) -> LocationRecord:
    """A location by its number or its name (case and spaces ignored)."""
    from regie.services import locations

    found = locations.list_locations(db, slug, actor=None)
    wanted = " ".join(reference.split()).casefold()
    for place in found:
        if str(place.id) == wanted or place.name.casefold() == wanted:
            return place
    raise NotFound(
        t("no location '{name}' in this production", name=reference),
        hint=t("`regie location list` gives their numbers and names"),
    )


@command(location_app, "add", "Ajouter un lieu de tournage.")
def add(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Nom du lieu.")],
    *,
    address: Annotated[str, typer.Option("--address", help="Adresse.")] = "",
    lat: Annotated[str | None, typer.Option("--lat", help="Latitude (degrés décimaux).")] = None,
    lon: Annotated[str | None, typer.Option("--lon", help="Longitude (degrés décimaux).")] = None,
    open_days: Annotated[
        str | None,
        typer.Option("--open", help="Jours d'ouverture : mon,tue,… ou lun-ven (défaut : tous)."),
    ] = None,
    booked: Annotated[
        str | None, typer.Option("--booked", help="Période réservée DU:AU (AAAA-MM-JJ).")
    ] = None,
    notes: Annotated[str, typer.Option("--notes", help="Notes (accès, électricité…).")] = "",
    json_output: JsonOption = False,
) -> None:
    from regie.schedule.catalog import ALL_WEEKDAYS, LocationFields
    from regie.services import locations

    start, end = _booking(booked) if booked else (None, None)
    fields = LocationFields(
        name=name,
        address=address,
        latitude=None if lat is None else parse_decimal(lat, "--lat"),
        longitude=None if lon is None else parse_decimal(lon, "--lon"),
        open_weekdays=ALL_WEEKDAYS if open_days is None else parse_weekdays(open_days),
        booking_start=start,
        booking_end=end,
        notes=notes,
    )
    with production() as (config, db):
        place = locations.add_location(db, config.slug, fields, actor=None)
    if json_output:
        output.print_json(location_json(place))
        return
    output.success(tr(t("Location {id} added: {name}.", id=place.id, name=place.name)))


@command(location_app, "list", "Lister les lieux, leurs décors et les trajets.")
def list_locations(json_output: JsonOption = False) -> None:
    from regie.services import locations

    with production() as (config, db):
        found = locations.list_locations(db, config.slug, actor=None)
        travel = locations.travel_times(db, config.slug, actor=None)
    if json_output:
        output.print_json([location_json(place, travel) for place in found])
        return
    output.table(
        tr(t("Locations")),
        [tr(t("No.")), tr(t("Name")), tr(t("Address")), tr(t("Open")), tr(t("Booked")),
         tr(t("Sets")), tr(t("Unavailable"))],
        [
            (
                place.id, place.name, place.address or None, weekdays_text(place.open_weekdays),
                None if place.booking is None
                else tr(t("{start} to {end}", start=place.booking.start, end=place.booking.end)),
                ", ".join(place.sets) or None,
                "; ".join(
                    tr(t("{start} to {end}", start=w.start, end=w.end))
                    + (f" ({w.reason})" if w.reason else "")
                    for w in place.unavailable
                ) or None,
            )
            for place in found
        ],
    )  # fmt: skip
    names = {place.id: place.name for place in found}
    if travel:
        output.table(
            tr(t("Travel times")),
            [tr(t("From")), tr(t("To")), tr(t("Minutes"))],
            [(names.get(tt.location_a), names.get(tt.location_b), tt.minutes) for tt in travel],
        )


@command(location_app, "map", "Tourner un décor du scénario dans un lieu.")
def map_set(
    set_name: Annotated[str, typer.Argument(metavar="SET", help="Décor, tel qu'écrit.")],
    location: LocationArgument,
    json_output: JsonOption = False,
) -> None:
    from regie.services import locations

    with production() as (config, db):
        place = find_location(db, config.slug, location)
        mapped = locations.map_set(db, config.slug, set_name, place.id, actor=None)
    if json_output:
        output.print_json(None if mapped is None else location_json(mapped))
        return
    output.success(tr(t("The set {set} is shot at {name}.", set=set_name, name=place.name)))


@command(location_app, "unmap", "Détacher un décor de son lieu.")
def unmap_set(
    set_name: Annotated[str, typer.Argument(metavar="SET", help="Décor, tel qu'écrit.")],
) -> None:
    from regie.services import locations

    with production() as (config, db):
        locations.map_set(db, config.slug, set_name, None, actor=None)
    output.success(tr(t("The set {set} is shot at no location yet.", set=set_name)))


@command(location_app, "travel", "Saisir le temps de trajet entre deux lieux.")
def travel(
    first: Annotated[str, typer.Argument(metavar="A", help="Premier lieu.")],
    second: Annotated[str, typer.Argument(metavar="B", help="Second lieu.")],
    minutes: Annotated[
        int | None, typer.Argument(metavar="MINUTES", help="Minutes (l'un ou l'autre sens).")
    ] = None,
    remove: Annotated[
        bool, typer.Option("--remove", help="Oublier ce trajet (le défaut s'applique).")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    from regie.services import locations

    if (minutes is None) != remove:
        raise ValidationError(
            t("give the minutes of the travel, or --remove (not both)"), field="minutes"
        )
    with production() as (config, db):
        a = find_location(db, config.slug, first)
        b = find_location(db, config.slug, second)
        if minutes is None:
            locations.remove_travel_time(db, config.slug, a.id, b.id, actor=None)
        else:
            locations.set_travel_time(db, config.slug, a.id, b.id, minutes, actor=None)
    if json_output:
        output.print_json({"location_a": a.id, "location_b": b.id, "minutes": minutes})
        return
    output.success(
        tr(t("Travel between {a} and {b}: {minutes} min.", a=a.name, b=b.name, minutes=minutes))
        if minutes is not None
        else tr(t("Travel between {a} and {b} forgotten.", a=a.name, b=b.name))
    )


@command(location_app, "unavailable", "Saisir des dates où un lieu n'est pas utilisable.")
def unavailable(
    location: LocationArgument,
    start: Annotated[str, typer.Argument(metavar="FROM", help="Premier jour (AAAA-MM-JJ).")],
    end: Annotated[str, typer.Argument(metavar="TO", help="Dernier jour (AAAA-MM-JJ).")],
    reason: Annotated[str, typer.Option("--reason", help="Motif (marché, travaux…).")] = "",
    json_output: JsonOption = False,
) -> None:
    from regie.services import availability

    first, last = parse_date(start, "FROM"), parse_date(end, "TO")
    with production() as (config, db):
        place = find_location(db, config.slug, location)
        window = availability.add_location_window(
            db, config.slug, place.id, first, last, reason=reason, actor=None
        )
    if json_output:
        output.print_json({"id": window.id, "location": place.id, "start": window.start,
                           "end": window.end, "reason": window.reason})  # fmt: skip
        return
    output.success(
        tr(t("{name} is unavailable from {start} to {end}.", name=place.name, start=first,
             end=last))
    )  # fmt: skip


@command(location_app, "remove", "Supprimer un lieu (ses décors ne sont plus rattachés).")
def remove(location: LocationArgument) -> None:
    from regie.services import locations

    with production() as (config, db):
        place = find_location(db, config.slug, location)
        locations.delete_location(db, config.slug, place.id, place.version, actor=None)
    output.success(tr(t("Location {name} removed.", name=place.name)))


# scout, photo, permit, conflicts, report: the locations office, in its own module.
from regie.cli import location_office as _office  # noqa: E402, F401 - registers its commands
