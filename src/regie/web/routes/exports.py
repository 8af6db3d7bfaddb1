# SPDX-License-Identifier: AGPL-3.0-or-later
"""Downloads of the breakdown: one scene's sheet as PDF, every sheet as CSV, XLSX, PDF."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from starlette.responses import Response

from regie.documents.breakdown import breakdown_csv, breakdown_pdf, breakdown_xlsx
from regie.script.catalog import BreakdownSheet
from regie.services import breakdown, scripts
from regie.web import views
from regie.web.deps import Page, web_state
from regie.web.i18n import request_locale

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes | str, media_type: str, filename: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )


def _version(request: Request, page: Page) -> int:
    versions = scripts.list_versions(web_state(request).db, page.slug, actor=page.user)
    return versions[-1].number if versions else 0


@router.get("/p/{slug}/scenes/{label}.pdf")
def scene_pdf(request: Request, page: Page, label: str) -> Response:
    sheet = breakdown.sheet(web_state(request).db, page.slug, label, actor=page.user)
    version = _version(request, page)
    pdf = breakdown_pdf(
        [sheet], page.production, locale=request_locale(request), script_version=version
    )
    description = "sequence-" + re.sub(r"[^A-Za-z0-9]+", "-", sheet.scene.label).strip("-")
    name = views.export_name(page.production, "DEPOUILLEMENT", description, version, "pdf")
    return _download(pdf, "application/pdf", name)


def _sheets(request: Request, page: Page) -> tuple[list[BreakdownSheet], int, str]:
    sheets = breakdown.sheets(web_state(request).db, page.slug, actor=page.user)
    return sheets, _version(request, page), request_locale(request)


def _name(page: Page, version: int, ext: str) -> str:
    return views.export_name(page.production, "DEPOUILLEMENT", "sequences", version, ext)


@router.get("/p/{slug}/breakdown.csv")
def breakdown_as_csv(request: Request, page: Page) -> Response:
    sheets, version, locale = _sheets(request, page)
    csv = breakdown_csv(sheets, locale=locale)
    return _download(csv, "text/csv; charset=utf-8", _name(page, version, "csv"))


@router.get("/p/{slug}/breakdown.xlsx")
def breakdown_as_xlsx(request: Request, page: Page) -> Response:
    sheets, version, locale = _sheets(request, page)
    xlsx = breakdown_xlsx(sheets, page.production, locale=locale)
    return _download(xlsx, XLSX, _name(page, version, "xlsx"))


@router.get("/p/{slug}/breakdown.pdf")
def breakdown_as_pdf(request: Request, page: Page) -> Response:
    sheets, version, locale = _sheets(request, page)
    pdf = breakdown_pdf(sheets, page.production, locale=locale, script_version=version)
    return _download(pdf, "application/pdf", _name(page, version, "pdf"))
