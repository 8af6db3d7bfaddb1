# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/``: my productions; ``/p/{slug}/``: a production's front page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from regie.services import overview
from regie.web.deps import CurrentUser, Db, Page
from regie.web.templating import render

router = APIRouter()


@router.get("/")
def my_productions(request: Request, user: CurrentUser, db: Db) -> Response:
    return render(request, "productions/index.html", items=overview.my_productions(db, user))


@router.get("/p/{slug}/")
def production_overview(request: Request, page: Page, db: Db) -> Response:
    summary = overview.overview(db, page.slug, actor=page.user)
    return render(request, "productions/overview.html", overview=summary)
