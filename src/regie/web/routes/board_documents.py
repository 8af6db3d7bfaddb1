# SPDX-License-Identifier: AGPL-3.0-or-later
"""A board's documents: the day-out-of-days (page, PDF, XLSX), the shooting schedule
(PDF), the shoot days as an iCalendar file, and the working-time check of the board's day
plans (violations per person and day with rule and source, premium hours)."""

from __future__ import annotations

import datetime as dt
import re

from fastapi import APIRouter, Request
from starlette.responses import Response

from regie.core.calendar import PARIS
from regie.core.production import Production
from regie.documents.dood import dood_html
from regie.schedule.catalog import BoardRecord
from regie.schedule.worktime.results import hm
from regie.services import board_exports, board_reports, boards, dayplans
from regie.web import views
from regie.web.deps import Page, web_state
from regie.web.i18n import request_locale
from regie.web.routes.boards import board_url
from regie.web.templating import render

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UID_DOMAIN = "regie.local"  # the CLI's default: both exports give the same event UIDs


def _download(content: bytes, media_type: str, filename: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )


def _name(production: Production, record: BoardRecord, doc_type: str, ext: str) -> str:
    """``CODE_AAAAMMJJ_TYPE_<board name>_vNN.ext``, NN the schedule version."""
    description = re.sub(r"[^A-Za-z0-9]+", "-", record.name).strip("-").lower() or "plan"
    return views.export_name(production, doc_type, description, record.schedule_number, ext)


def _record(request: Request, page: Page, board_id: int) -> BoardRecord:
    return boards.get_board(web_state(request).db, page.slug, board_id, actor=page.user)


@router.get("/p/{slug}/boards/{board_id}.ics")
def shoot_days_ics(request: Request, page: Page, board_id: int) -> Response:
    record = _record(request, page, board_id)
    data = board_exports.shoot_days_ics(
        web_state(request).db, page.slug, board_id, actor=page.user, uid_domain=UID_DOMAIN,
        dtstamp=dt.datetime.now(dt.UTC).replace(microsecond=0), locale=request_locale(request),
    )  # fmt: skip
    name = _name(page.production, record, "JOURS-DE-TOURNAGE", "ics")
    return _download(data, "text/calendar; charset=utf-8", name)


@router.get("/p/{slug}/boards/{board_id}/dood")
def dood_page(request: Request, page: Page, board_id: int) -> Response:
    db = web_state(request).db
    record = _record(request, page, board_id)
    rows = board_reports.dood(db, page.slug, board_id, actor=page.user)
    html = dood_html(
        rows, record.board(), page.production, locale=request_locale(request), fragment=True
    )
    return render(
        request,
        "boards/dood.html",
        record=record,
        report_html=html,
        board_url=board_url(page.slug, board_id),
    )


@router.get("/p/{slug}/boards/{board_id}/dood.pdf")
def dood_pdf(request: Request, page: Page, board_id: int) -> Response:
    record = _record(request, page, board_id)
    data = board_exports.dood_pdf(
        web_state(request).db, page.slug, board_id, actor=page.user, locale=request_locale(request)
    )
    return _download(data, "application/pdf", _name(page.production, record, "DOOD", "pdf"))


@router.get("/p/{slug}/boards/{board_id}/dood.xlsx")
def dood_xlsx(request: Request, page: Page, board_id: int) -> Response:
    record = _record(request, page, board_id)
    data = board_exports.dood_xlsx(
        web_state(request).db, page.slug, board_id, actor=page.user, locale=request_locale(request)
    )
    return _download(data, XLSX, _name(page.production, record, "DOOD", "xlsx"))


@router.get("/p/{slug}/boards/{board_id}/schedule.pdf")
def schedule_pdf(request: Request, page: Page, board_id: int) -> Response:
    record = _record(request, page, board_id)
    data = board_exports.schedule_pdf(
        web_state(request).db, page.slug, board_id, actor=page.user, locale=request_locale(request)
    )
    name = _name(page.production, record, "PLAN-DE-TRAVAIL", "pdf")
    return _download(data, "application/pdf", name)


def _clock(moment: dt.datetime) -> str:
    return moment.astimezone(PARIS).strftime("%H:%M")


@router.get("/p/{slug}/boards/{board_id}/worktime")
def worktime_page(request: Request, page: Page, board_id: int) -> Response:
    """Working time of the board's day plans under the production's agreement."""
    found = dayplans.working_time(web_state(request).db, page.slug, board_id, actor=page.user)
    return render(
        request,
        "boards/worktime.html",
        record=found.board,
        found=found,
        board_url=board_url(page.slug, board_id),
        clock=_clock,
        hm=hm,
    )
