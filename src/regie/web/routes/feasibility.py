# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/p/{slug}/feasibility``: the feasibility diagnosis of the current script (and PDF)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from regie.core.errors import NotFound
from regie.documents.feasibility import feasibility_html, feasibility_pdf
from regie.script.feasibility import Feasibility
from regie.services import feasibility, scripts
from regie.web import views
from regie.web.deps import Page, web_state
from regie.web.i18n import request_locale
from regie.web.templating import render

router = APIRouter()


def _report(request: Request, page: Page) -> Feasibility | None:
    """The diagnosis, ``None`` before the first import (the production itself was found)."""
    state = web_state(request)
    try:
        return feasibility.feasibility(
            state.db, page.slug, actor=page.user, rule_dirs=state.rule_dirs
        )
    except NotFound:
        if scripts.list_versions(state.db, page.slug, actor=page.user):
            raise
        return None


@router.get("/p/{slug}/feasibility")
def feasibility_page(request: Request, page: Page) -> Response:
    report = _report(request, page)
    html = None
    if report is not None:
        html = feasibility_html(
            report, page.production, locale=request_locale(request), fragment=True
        )
    return render(request, "feasibility/index.html", report_html=html)


@router.get("/p/{slug}/feasibility.pdf")
def feasibility_as_pdf(request: Request, page: Page) -> Response:
    state = web_state(request)
    report = feasibility.feasibility(
        state.db, page.slug, actor=page.user, rule_dirs=state.rule_dirs
    )
    versions = scripts.list_versions(state.db, page.slug, actor=page.user)
    pdf = feasibility_pdf(report, page.production, locale=request_locale(request))
    name = views.export_name(
        page.production, "FAISABILITE", "diagnostic", versions[-1].number if versions else 0, "pdf"
    )
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )
