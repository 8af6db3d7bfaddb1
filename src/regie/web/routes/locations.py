# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/p/{slug}/locations``: the locations (décors naturels, studios) with address,
coordinates, open weekdays and booking window; which set is shot where; travel times
between locations; and each location's unavailability windows. The locations office
(scouting record, photos, permits, insurance, scouting report) is in
:mod:`regie.web.routes.location_office`, mounted on this router.

A plain form post answers with a redirect and a message; htmx with ``HX-Redirect``. A
refused value is answered 4xx with the message naming the field (in the page's message
area with htmx), nothing saved; an edit of a location changed meanwhile with 409.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from regie.office.roles import Permission
from regie.schedule.catalog import LocationFields, LocationRecord
from regie.services import availability, breakdown, locations
from regie.web.deps import Page, web_state
from regie.web.forms import optional_date, optional_decimal, required_date, whole_number
from regie.web.i18n import N_
from regie.web.routes import location_office
from regie.web.templating import flash, go_to, render, translate

router = APIRouter()
SAVED = N_("Location %(name)s saved.")


def _fields(
    *,
    name: str,
    address: str,
    latitude: str,
    longitude: str,
    open_weekdays: list[str],
    booking_start: str,
    booking_end: str,
    notes: str,
) -> LocationFields:
    days = frozenset(whole_number(day, "open_weekdays") for day in open_weekdays)
    return LocationFields(
        name=name,
        address=address.replace("\r\n", "\n").strip(),
        latitude=optional_decimal(latitude, "latitude"),
        longitude=optional_decimal(longitude, "longitude"),
        open_weekdays=days,
        booking_start=optional_date(booking_start, "booking_start"),
        booking_end=optional_date(booking_end, "booking_end"),
        notes=notes.replace("\r\n", "\n").strip(),
    )


@router.get("/p/{slug}/locations")
def location_list(request: Request, page: Page) -> Response:
    db = web_state(request).db
    found = locations.list_locations(db, page.slug, actor=page.user)
    where = {s: loc for loc in found for s in loc.sets}
    sets = [
        (s.name, where.get(s.name)) for s in breakdown.list_sets(db, page.slug, actor=page.user)
    ]
    names = {loc.id: loc.name for loc in found}
    travel = [
        (names.get(tt.location_a, "?"), names.get(tt.location_b, "?"), tt)
        for tt in locations.travel_times(db, page.slug, actor=page.user)
    ]
    return render(
        request,
        "locations/index.html",
        locations=found,
        sets=sets,
        travel=travel,
        can_edit=page.can(Permission.EDIT_SCHEDULE),
    )


@router.post("/p/{slug}/locations")
def add_location(
    request: Request,
    page: Page,
    *,
    name: Annotated[str, Form()] = "",
    address: Annotated[str, Form()] = "",
    latitude: Annotated[str, Form()] = "",
    longitude: Annotated[str, Form()] = "",
    open_weekdays: Annotated[list[str] | None, Form()] = None,
    booking_start: Annotated[str, Form()] = "",
    booking_end: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
) -> Response:
    fields = _fields(
        name=name,
        address=address,
        latitude=latitude,
        longitude=longitude,
        open_weekdays=open_weekdays or [],
        booking_start=booking_start,
        booking_end=booking_end,
        notes=notes,
    )
    record = locations.add_location(web_state(request).db, page.slug, fields, actor=page.user)
    flash(request, translate(request, SAVED, name=record.name))
    return go_to(request, f"/p/{page.slug}/locations/{record.id}")


@router.get("/p/{slug}/locations/{location_id}")
def location_page(request: Request, page: Page, location_id: int) -> Response:
    record: LocationRecord = locations.get_location(
        web_state(request).db, page.slug, location_id, actor=page.user
    )
    return render(
        request,
        "locations/location.html",
        location=record,
        can_edit=page.can(Permission.EDIT_SCHEDULE),
        **location_office.office_context(request, page, location_id),
    )


@router.post("/p/{slug}/locations/{location_id}")
def update_location(
    request: Request,
    page: Page,
    location_id: int,
    *,
    name: Annotated[str, Form()] = "",
    address: Annotated[str, Form()] = "",
    latitude: Annotated[str, Form()] = "",
    longitude: Annotated[str, Form()] = "",
    open_weekdays: Annotated[list[str] | None, Form()] = None,
    booking_start: Annotated[str, Form()] = "",
    booking_end: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "",
) -> Response:
    fields = _fields(
        name=name,
        address=address,
        latitude=latitude,
        longitude=longitude,
        open_weekdays=open_weekdays or [],
        booking_start=booking_start,
        booking_end=booking_end,
        notes=notes,
    )
    record = locations.update_location(
        web_state(request).db,
        page.slug,
        location_id,
        fields,
        whole_number(version, "version"),
        actor=page.user,
    )
    flash(request, translate(request, SAVED, name=record.name))
    return go_to(request, f"/p/{page.slug}/locations/{location_id}")


@router.post("/p/{slug}/locations/{location_id}/delete")
def delete_location(
    request: Request, page: Page, location_id: int, version: Annotated[str, Form()] = ""
) -> Response:
    db = web_state(request).db
    record = locations.get_location(db, page.slug, location_id, actor=page.user)
    locations.delete_location(
        db, page.slug, location_id, whole_number(version, "version"), actor=page.user
    )
    flash(request, translate(request, N_("Location %(name)s deleted."), name=record.name))
    return go_to(request, f"/p/{page.slug}/locations")


@router.post("/p/{slug}/locations/{location_id}/windows")
def add_location_window(
    request: Request,
    page: Page,
    location_id: int,
    *,
    start: Annotated[str, Form()] = "",
    end: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    availability.add_location_window(
        web_state(request).db,
        page.slug,
        location_id,
        required_date(start, "start"),
        required_date(end, "end"),
        reason=reason,
        actor=page.user,
    )
    flash(request, translate(request, N_("Unavailability saved.")))
    return go_to(request, f"/p/{page.slug}/locations/{location_id}")


@router.post("/p/{slug}/windows/{window_id}/remove")
def remove_window(
    request: Request,
    page: Page,
    window_id: int,
    *,
    version: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "",
) -> Response:
    """Remove an unavailability window of a location or of a person; back to ``back`` (a
    page of this production) or the locations."""
    availability.remove_window(
        web_state(request).db,
        page.slug,
        window_id,
        whole_number(version, "version"),
        actor=page.user,
    )
    flash(request, translate(request, N_("Unavailability removed.")))
    home = f"/p/{page.slug}/"
    target = back if back.startswith(home) and "//" not in back[1:] else f"/p/{page.slug}/locations"
    return go_to(request, target)


@router.post("/p/{slug}/sets")
def map_set(
    request: Request,
    page: Page,
    *,
    set_name: Annotated[str, Form()] = "",
    location: Annotated[str, Form()] = "",
) -> Response:
    """Shoot ``set_name`` at ``location`` (an id; blank: at no location)."""
    location_id = whole_number(location, "location") if location.strip() else None
    locations.map_set(web_state(request).db, page.slug, set_name, location_id, actor=page.user)
    flash(request, translate(request, N_("Set %(name)s saved."), name=set_name))
    return go_to(request, f"/p/{page.slug}/locations#sets")


@router.post("/p/{slug}/travel")
def set_travel_time(
    request: Request,
    page: Page,
    *,
    location_a: Annotated[str, Form()] = "",
    location_b: Annotated[str, Form()] = "",
    minutes: Annotated[str, Form()] = "",
) -> Response:
    locations.set_travel_time(
        web_state(request).db,
        page.slug,
        whole_number(location_a, "location_a"),
        whole_number(location_b, "location_b"),
        whole_number(minutes, "minutes"),
        actor=page.user,
    )
    flash(request, translate(request, N_("Travel time saved.")))
    return go_to(request, f"/p/{page.slug}/locations#travel")


@router.post("/p/{slug}/travel/remove")
def remove_travel_time(
    request: Request,
    page: Page,
    *,
    location_a: Annotated[str, Form()] = "",
    location_b: Annotated[str, Form()] = "",
) -> Response:
    locations.remove_travel_time(
        web_state(request).db,
        page.slug,
        whole_number(location_a, "location_a"),
        whole_number(location_b, "location_b"),
        actor=page.user,
    )
    flash(request, translate(request, N_("Travel time removed.")))
    return go_to(request, f"/p/{page.slug}/locations#travel")


# The locations office (scouting, photos, permits, insurance, report): its own module.
router.include_router(location_office.router)
