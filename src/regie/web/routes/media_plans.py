# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/p/{slug}/media/storage|formats|archive``: the media plans as pages and PDFs — the
storage plan from the form (camera codec, cameras, hours a day, shoot days prefilled from
the main board, copies, proxies, outlet), each figure with its steps and the rule it
cites; the formats customary for each outlet with its master spec; the archive plan of a
folder (its manifest and naming issues) or of a volume, on tapes or in the cloud.

The forms are GET forms: a plan is a reading, its URL can be shared, and its PDF link is
the same URL with ``.pdf``. A bad value shows its message above the form, which keeps
what was typed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from regie.core.errors import RegieError, ValidationError
from regie.core.money import Money
from regie.core.text import Text, render, t
from regie.documents import media_plan
from regie.documents.i18n import error_messages, format_number
from regie.media.archive import TB, ArchiveManifest, ColdStoragePlan, cold_storage_plan, tb
from regie.media.outlets import OutletFormats, propose_formats
from regie.media.rates import Step
from regie.media.storage import PHASE_TITLES
from regie.office.roles import Permission
from regie.services import media_sizing
from regie.services.media import media_denied
from regie.services.media_paths import PathUse, check_path
from regie.services.media_plans import media_packs, production_facts, scan_archive
from regie.web.deps import Page, web_state
from regie.web.errors import localized
from regie.web.forms import optional_decimal, optional_whole_number
from regie.web.i18n import request_locale
from regie.web.media_views import roots_for
from regie.web.templating import render as render_page

router = APIRouter()


@dataclass(frozen=True, slots=True)
class StepRow:
    label: str
    value: str
    rule: str  # "pack@version key (status)", "" when the step cites none


@dataclass(frozen=True, slots=True)
class PhaseRow:
    title: str
    tb: str  # terabytes as the page's language writes them
    steps: tuple[StepRow, ...]
    notes: tuple[str, ...]


def step_rows(steps: tuple[Step, ...], locale: str) -> tuple[StepRow, ...]:
    gettext = error_messages(locale)
    return tuple(
        StepRow(
            s.label.translate(gettext),
            render(s.value, gettext),
            f"{s.cited.pack} {s.cited.key} ({s.cited.status.value})" if s.cited else "",
        )
        for s in steps
    )


def _texts(texts: tuple[Text, ...], locale: str) -> tuple[str, ...]:
    gettext = error_messages(locale)
    return tuple(x.translate(gettext) for x in texts)


def _tb(value: Decimal, locale: str) -> str:
    return format_number(value, locale, decimals=2)


def _field(params: Any, name: str) -> str:
    return str(params.get(name, "")).strip()


def _money(text: str, field: str) -> Money | None:
    amount = optional_decimal(text, field)
    return None if amount is None else Money(amount, "EUR")


def _whole(params: Any, name: str) -> int | None:
    return optional_whole_number(_field(params, name), name)


# --- storage ------------------------------------------------------------------------------


def _sizing_request(params: Any) -> media_sizing.SizingRequest:
    hours = optional_decimal(_field(params, "hours_per_day"), "hours_per_day")
    if hours is None:
        raise ValidationError(t("a value is required"), field="hours_per_day")
    return media_sizing.SizingRequest(
        camera=_field(params, "camera"),
        cameras=_whole(params, "cameras") or 1,
        hours_per_day=hours,
        shoot_days=_whole(params, "shoot_days"),
        copies=_whole(params, "copies"),
        proxy=_field(params, "proxy"),
        outlet=_field(params, "outlet"),
        runtime_minutes=optional_decimal(_field(params, "runtime"), "runtime"),
        tier=_field(params, "tier") or "lto-9",
        archive_copies=_whole(params, "archive_copies"),
        disk_price_per_tb=_money(_field(params, "disk_price"), "disk_price"),
    )


def _sized(request: Request, page: Page) -> media_sizing.SizedPlan:
    state = web_state(request)
    return media_sizing.size_plan(
        state.db, page.slug, _sizing_request(request.query_params),
        actor=page.user, rule_dirs=state.rule_dirs,
    )  # fmt: skip


@router.get("/p/{slug}/media/storage")
def storage_page(request: Request, page: Page) -> Response:
    """The storage sizing form, and the plan once the form was sent."""
    page.require(Permission.VIEW_SCHEDULE)
    state = web_state(request)
    locale = request_locale(request)
    facts = production_facts(state.db, page.slug, actor=page.user)
    choices = media_sizing.sizing_choices(state.rule_dirs)
    values = dict(request.query_params)
    plan, problem = None, None
    phases: tuple[PhaseRow, ...] = ()
    if "camera" in values:
        try:
            sized = _sized(request, page)
        except RegieError as error:
            problem = localized(request, error)
        else:
            plan = sized.plan
            gettext = error_messages(locale)
            phases = tuple(
                PhaseRow(PHASE_TITLES[p.phase].translate(gettext), _tb(p.tb, locale),
                         step_rows(p.steps, locale), _texts(p.notes, locale))
                for p in plan.phases
            )  # fmt: skip
    return render_page(
        request,
        "media/storage.html",
        active_tab="media",
        facts=facts,
        choices=choices,
        values=values,
        plan=plan,
        phases=phases,
        online_tb=_tb(tb(plan.online_bytes), locale) if plan else None,
        problem=problem,
        query=request.url.query,
    )


@router.get("/p/{slug}/media/storage.pdf")
def storage_pdf(request: Request, page: Page) -> Response:
    page.require(Permission.VIEW_SCHEDULE)
    sized = _sized(request, page)
    body = media_plan.storage_plan_pdf(sized.plan, sized.title, locale=request_locale(request))
    return _pdf(body, f"stockage-{page.production.code}.pdf")


def _pdf(body: bytes, name: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type="application/pdf", headers=headers)


# --- formats ------------------------------------------------------------------------------


def _formats(request: Request, outlets: list[str]) -> list[OutletFormats]:
    packs = media_packs(web_state(request).rule_dirs)
    hours = optional_decimal(_field(request.query_params, "hours"), "hours")
    return [propose_formats(packs.specs, packs.codecs, o, hours=hours) for o in outlets]


@router.get("/p/{slug}/media/formats")
def formats_page(request: Request, page: Page) -> Response:
    """The formats and master spec of each chosen outlet (every outlet at first)."""
    page.require(Permission.VIEW_SCHEDULE)
    state = web_state(request)
    locale = request_locale(request)
    choices = media_sizing.sizing_choices(state.rule_dirs)
    asked = [o for o in request.query_params.getlist("outlet") if o.strip()]
    chosen = asked or [o.id for o in choices.outlets]
    views, problem = [], None
    try:
        views = [media_plan.outlet_view(f, locale) for f in _formats(request, chosen)]
    except RegieError as error:
        problem = localized(request, error)
    return render_page(
        request,
        "media/formats.html",
        active_tab="media",
        outlets=choices.outlets,
        chosen=chosen,
        hours=_field(request.query_params, "hours"),
        views=views,
        problem=problem,
        query=request.url.query,
    )


@router.get("/p/{slug}/media/formats.pdf")
def formats_pdf(request: Request, page: Page) -> Response:
    page.require(Permission.VIEW_SCHEDULE)
    found = _formats(request, [o for o in request.query_params.getlist("outlet") if o.strip()])
    if not found:
        raise ValidationError(t("choose at least one outlet"), field="outlet")
    body = media_plan.formats_pdf(found, page.production.title, locale=request_locale(request))
    return _pdf(body, f"formats-{page.production.code}.pdf")


# --- archive ------------------------------------------------------------------------------


def _archive(request: Request, page: Page) -> tuple[ArchiveManifest | None, ColdStoragePlan]:
    params = request.query_params
    packs = media_packs(web_state(request).rule_dirs)
    manifest = None
    folder, volume = (
        _field(params, "path"),
        optional_decimal(_field(params, "volume_tb"), "volume_tb"),
    )
    if folder:
        if not page.can(Permission.MANAGE_MEDIA):  # it lists a server folder's files
            raise media_denied(page.slug)
        root = check_path(folder, roots_for(request), field="path", use=PathUse.LIST)
        today = dt.date.today()  # noqa: DTZ011 - the date a person reads, zone-free
        manifest = scan_archive(root, packs.storage, code=page.production.code, today=today)
        size = manifest.total_bytes
    elif volume is not None:
        size = int(volume * TB)
    else:
        raise ValidationError(
            t("nothing to archive"),
            field="path",
            hint=t("Give the folder to archive, or its volume in TB"),
        )
    plan = cold_storage_plan(
        size, packs.storage, packs.emissions,
        tier=_field(params, "tier") or "lto-9",
        copies=_whole(params, "copies"),
        years=optional_decimal(_field(params, "years"), "years"),
        tape_price=_money(_field(params, "tape_price"), "tape_price"),
    )  # fmt: skip
    return manifest, plan


@router.get("/p/{slug}/media/archive")
def archive_page(request: Request, page: Page) -> Response:
    page.require(Permission.VIEW_SCHEDULE)
    locale = request_locale(request)
    manifest, plan, problem = None, None, None
    if request.query_params.get("path") or request.query_params.get("volume_tb"):
        try:
            manifest, plan = _archive(request, page)
        except RegieError as error:
            problem = localized(request, error)
    gettext = error_messages(locale)
    totals: tuple[tuple[str, int, str], ...] = ()
    issues: tuple[tuple[str, str, str], ...] = ()
    if manifest is not None:
        totals = tuple((k.kind.value, k.files, _tb(tb(k.bytes), locale)) for k in manifest.totals)
        issues = tuple(
            (i.path, render(i.reason, gettext), i.suggestion or "") for i in manifest.issues
        )
    return render_page(
        request,
        "media/archive.html",
        active_tab="media",
        values=dict(request.query_params),
        tiers=media_sizing.TIERS,
        manifest=manifest,
        totals=totals,
        issues=issues,
        plan=plan,
        steps=step_rows(plan.steps, locale) if plan else (),
        archive_tb=_tb(tb(plan.bytes_per_copy), locale) if plan else None,
        problem=problem,
        query=request.url.query,
    )


@router.get("/p/{slug}/media/archive.pdf")
def archive_pdf(request: Request, page: Page) -> Response:
    page.require(Permission.VIEW_SCHEDULE)
    manifest, plan = _archive(request, page)
    body = media_plan.archive_plan_pdf(
        manifest, plan, page.production.title, locale=request_locale(request)
    )
    return _pdf(body, f"archive-{page.production.code}.pdf")
