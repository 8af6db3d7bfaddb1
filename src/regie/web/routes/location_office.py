# SPDX-License-Identifier: AGPL-3.0-or-later
"""The locations office pages: on a location's page its scouting record, photos and
permits (:func:`office_context`); ``/p/{slug}/scouting`` the scouting report, the
conflicts with the board and the insurance register; ``/p/{slug}/scouting.pdf`` the report
for the heads of department. Mounted by :mod:`regie.web.routes.locations`.

Refused values answer 4xx with the message naming the field, nothing saved; a photo is
verified whole before anything is stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from starlette.responses import Response

from regie.core.calendar import PARIS
from regie.core.choices import choice
from regie.core.errors import ValidationError
from regie.core.text import t
from regie.logistics.locations import (
    LOCATION_TYPE_LABELS,
    NOISE_LABELS,
    PERMIT_STATUS_LABELS,
    InsuranceFields,
    LocationType,
    NoiseLevel,
    PermitFields,
    PermitStatus,
    ScoutingFields,
)
from regie.office.roles import Permission
from regie.services import location_conflicts, location_office, location_report, locations
from regie.web import views
from regie.web.deps import Page, web_state
from regie.web.forms import optional_date, optional_decimal, required_date, whole_number
from regie.web.i18n import N_, request_locale
from regie.web.middleware import BodyTooLarge
from regie.web.routes.location_forms import contacts_from_text, contacts_text
from regie.web.templating import flash, go_to, render, translate

router = APIRouter()
PHOTO_LIMIT = 10 * 1024 * 1024


def today(request: Request) -> dt.date:
    """The date in Paris, from the app's clock (tests may set it)."""
    return dt.datetime.fromtimestamp(web_state(request).now(), PARIS).date()


def _pairs(labels: dict[Any, tuple[str, str]], locale: str) -> list[tuple[str, str]]:
    return [(k.value, en if locale == "en" else fr) for k, (fr, en) in labels.items()]


def office_context(request: Request, page: Page, location_id: int) -> dict[str, Any]:
    """What a location's page shows of the locations office."""
    state = web_state(request)
    locale = request_locale(request)
    conflicts = location_conflicts.location_conflicts(
        state.db, page.slug, actor=page.user, today=today(request), rule_dirs=state.rule_dirs
    )
    return {
        "scouting": location_office.get_scouting(state.db, page.slug, location_id, actor=page.user),
        "photos": location_office.list_photos(state.db, page.slug, location_id, actor=page.user),
        "permits": location_office.list_permits(
            state.db, page.slug, actor=page.user, location_id=location_id,
            rule_dirs=state.rule_dirs,
        ),
        "authorities": {a.authority: a.label(locale)
                        for a in location_office.authorities(state.rule_dirs)},
        "findings": [f for f in conflicts.findings if f.location_id == location_id],
        "location_types": _pairs(LOCATION_TYPE_LABELS, locale),
        "noise_levels": _pairs(NOISE_LABELS, locale),
        "permit_statuses": _pairs(PERMIT_STATUS_LABELS, locale),
        "contacts_as_text": contacts_text,
    }  # fmt: skip


def _location_url(page: Page, location_id: int, anchor: str = "") -> str:
    return f"/p/{page.slug}/locations/{location_id}" + (f"#{anchor}" if anchor else "")


@router.post("/p/{slug}/locations/{location_id}/scouting")
def save_scouting(
    request: Request,
    page: Page,
    location_id: int,
    *,
    kind: Annotated[str, Form()] = "",
    access: Annotated[str, Form()] = "",
    prm_access: Annotated[str, Form()] = "",
    prm_notes: Annotated[str, Form()] = "",
    power_kva: Annotated[str, Form()] = "",
    generator_needed: Annotated[str, Form()] = "",
    emergency_exits: Annotated[str, Form()] = "",
    working_height_m: Annotated[str, Form()] = "",
    water: Annotated[str, Form()] = "",
    parking: Annotated[str, Form()] = "",
    neighbours: Annotated[str, Form()] = "",
    noise: Annotated[str, Form()] = "unknown",
    noise_notes: Annotated[str, Form()] = "",
    contacts: Annotated[str, Form()] = "",
    scouted_on: Annotated[str, Form()] = "",
    scouted_by: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "0",
) -> Response:
    fields = ScoutingFields(
        kind=choice(LocationType, kind, "kind") if kind.strip() else None,
        access=access,
        prm_access={"yes": True, "no": False}.get(prm_access),
        prm_notes=prm_notes,
        power_kva=optional_decimal(power_kva, "power_kva"),
        generator_needed=bool(generator_needed),
        emergency_exits=emergency_exits,
        working_height_m=optional_decimal(working_height_m, "working_height_m"),
        water=water,
        parking=parking,
        neighbours=neighbours,
        noise=choice(NoiseLevel, noise, "noise"),
        noise_notes=noise_notes,
        contacts=contacts_from_text(contacts),
        scouted_on=optional_date(scouted_on, "scouted_on"),
        scouted_by=scouted_by,
    )
    location_office.save_scouting(
        web_state(request).db, page.slug, location_id, fields,
        whole_number(version, "version"), actor=page.user,
    )  # fmt: skip
    flash(request, translate(request, N_("Scouting record saved.")))
    return go_to(request, _location_url(page, location_id, "scouting"))


@router.post("/p/{slug}/locations/{location_id}/photos")
def add_photo(
    request: Request,
    page: Page,
    location_id: int,
    *,
    file: Annotated[UploadFile | None, File()] = None,
    caption: Annotated[str, Form()] = "",
) -> Response:
    page.require(Permission.EDIT_SCHEDULE)
    if file is None or not file.filename:
        raise ValidationError(t("choose a photo to add"), field="file")
    data = file.file.read(PHOTO_LIMIT + 1)
    if len(data) > web_state(request).max_upload_bytes:
        raise BodyTooLarge(web_state(request).max_upload_bytes)
    location_office.add_photo(
        web_state(request).db, page.slug, location_id, file.filename, data,
        actor=page.user, caption=caption,
    )  # fmt: skip
    flash(request, translate(request, N_("Photo added.")))
    return go_to(request, _location_url(page, location_id, "photos"))


@router.get("/p/{slug}/photos/{photo_id}")
def photo(request: Request, page: Page, photo_id: int, size: str = "") -> Response:
    found = location_office.photo_file(
        web_state(request).db, page.slug, photo_id, actor=page.user, thumbnail=size == "thumb"
    )
    return Response(
        found.data,
        media_type=found.content_type,
        headers={"cache-control": "private, max-age=3600"},
    )


@router.post("/p/{slug}/photos/{photo_id}/remove")
def remove_photo(
    request: Request,
    page: Page,
    photo_id: int,
    *,
    version: Annotated[str, Form()] = "",
    location: Annotated[str, Form()] = "",
) -> Response:
    location_office.remove_photo(
        web_state(request).db, page.slug, photo_id, whole_number(version, "version"),
        actor=page.user,
    )  # fmt: skip
    flash(request, translate(request, N_("Photo removed.")))
    return go_to(request, _location_url(page, whole_number(location, "location"), "photos"))


def permit_form(
    *,
    authority: Annotated[str, Form()] = "",
    authority_name: Annotated[str, Form()] = "",
    reference: Annotated[str, Form()] = "",
    requested_on: Annotated[str, Form()] = "",
    status: Annotated[str, Form()] = "planned",
    covers_start: Annotated[str, Form()] = "",
    covers_end: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
) -> PermitFields:
    """The permit form's fields (a dependency of the add and edit routes)."""
    return PermitFields(
        authority=authority.strip(),
        authority_name=authority_name,
        reference=reference,
        requested_on=optional_date(requested_on, "requested_on"),
        status=choice(PermitStatus, status or "planned", "status"),
        covers_start=optional_date(covers_start, "covers_start"),
        covers_end=optional_date(covers_end, "covers_end"),
        notes=notes,
    )


PermitForm = Annotated[PermitFields, Depends(permit_form)]


@router.post("/p/{slug}/locations/{location_id}/permits")
def add_permit(request: Request, page: Page, location_id: int, fields: PermitForm) -> Response:
    state = web_state(request)
    location_office.add_permit(
        state.db, page.slug, location_id, fields, actor=page.user, rule_dirs=state.rule_dirs
    )
    flash(request, translate(request, N_("Permit saved.")))
    return go_to(request, _location_url(page, location_id, "permits"))


@router.post("/p/{slug}/permits/{permit_id}")
def update_permit(
    request: Request,
    page: Page,
    permit_id: int,
    fields: PermitForm,
    *,
    location: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "",
) -> Response:
    state = web_state(request)
    location_office.update_permit(
        state.db, page.slug, permit_id, fields, whole_number(version, "version"),
        actor=page.user, rule_dirs=state.rule_dirs,
    )  # fmt: skip
    flash(request, translate(request, N_("Permit saved.")))
    return go_to(request, _location_url(page, whole_number(location, "location"), "permits"))


@router.post("/p/{slug}/permits/{permit_id}/remove")
def remove_permit(
    request: Request,
    page: Page,
    permit_id: int,
    *,
    version: Annotated[str, Form()] = "",
    location: Annotated[str, Form()] = "",
) -> Response:
    location_office.remove_permit(
        web_state(request).db, page.slug, permit_id, whole_number(version, "version"),
        actor=page.user,
    )  # fmt: skip
    flash(request, translate(request, N_("Permit removed.")))
    return go_to(request, _location_url(page, whole_number(location, "location"), "permits"))


@router.get("/p/{slug}/scouting")
def scouting_page(request: Request, page: Page, every: str = "") -> Response:
    state = web_state(request)
    day = today(request)
    html = location_report.report_html(
        state.db, page.slug, actor=page.user, today=day, locale=request_locale(request),
        every_location=bool(every), rule_dirs=state.rule_dirs,
    )  # fmt: skip
    conflicts = location_conflicts.location_conflicts(
        state.db, page.slug, actor=page.user, today=day, rule_dirs=state.rule_dirs
    )
    return render(
        request,
        "locations/scouting.html",
        report_html=html,
        conflicts=conflicts,
        names=conflicts.names(),
        certificates=location_office.list_certificates(state.db, page.slug, actor=page.user),
        locations=locations.list_locations(state.db, page.slug, actor=page.user),
        every=bool(every),
        can_edit=page.can(Permission.EDIT_SCHEDULE),
    )


@router.get("/p/{slug}/scouting.pdf")
def scouting_pdf(request: Request, page: Page, every: str = "") -> Response:
    state = web_state(request)
    pdf = location_report.report_pdf(
        state.db, page.slug, actor=page.user, today=today(request),
        locale=request_locale(request), every_location=bool(every), rule_dirs=state.rule_dirs,
    )  # fmt: skip
    name = views.export_name(page.production, "REPERAGES", "rapport", 1, "pdf")
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


@router.post("/p/{slug}/insurance")
def add_certificate(
    request: Request,
    page: Page,
    *,
    insurer: Annotated[str, Form()] = "",
    policy_number: Annotated[str, Form()] = "",
    valid_from: Annotated[str, Form()] = "",
    valid_to: Annotated[str, Form()] = "",
    location: Annotated[str, Form()] = "",
    holder: Annotated[str, Form()] = "",
    amount: Annotated[str, Form()] = "",
    file_name: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
) -> Response:
    fields = InsuranceFields(
        insurer=insurer,
        policy_number=policy_number,
        valid_from=required_date(valid_from, "valid_from"),
        valid_to=required_date(valid_to, "valid_to"),
        location_id=whole_number(location, "location") if location.strip() else None,
        holder=holder,
        amount=optional_decimal(amount, "amount"),
        file_name=file_name,
        notes=notes,
    )
    location_office.add_certificate(web_state(request).db, page.slug, fields, actor=page.user)
    flash(request, translate(request, N_("Insurance certificate saved.")))
    return go_to(request, f"/p/{page.slug}/scouting#insurance")


@router.post("/p/{slug}/insurance/{certificate_id}/remove")
def remove_certificate(
    request: Request, page: Page, certificate_id: int, version: Annotated[str, Form()] = ""
) -> Response:
    location_office.remove_certificate(
        web_state(request).db, page.slug, certificate_id, whole_number(version, "version"),
        actor=page.user,
    )  # fmt: skip
    flash(request, translate(request, N_("Insurance certificate removed.")))
    return go_to(request, f"/p/{page.slug}/scouting#insurance")
