# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/p/{slug}/characters``: speaking characters with their scene counts; merge an alias
into a main character (BOB into CYBER BOB), or undo it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from regie.office.roles import Permission
from regie.services import breakdown
from regie.web.deps import Page, web_state
from regie.web.i18n import N_
from regie.web.templating import flash, render, translate

router = APIRouter()


@router.get("/p/{slug}/characters")
def character_list(request: Request, page: Page) -> Response:
    characters = breakdown.list_characters(web_state(request).db, page.slug, actor=page.user)
    mains = [c for c in characters if c.alias_of is None]
    return render(
        request,
        "characters/index.html",
        characters=characters,
        mains=mains,
        can_edit=page.can(Permission.EDIT_BREAKDOWN),
    )


@router.post("/p/{slug}/characters/merge")
def merge(
    request: Request,
    page: Page,
    alias: Annotated[str, Form()] = "",
    into: Annotated[str, Form()] = "",
) -> Response:
    breakdown.merge_characters(web_state(request).db, page.slug, alias, into, actor=page.user)
    flash(
        request,
        translate(
            request, N_("%(alias)s is now another name of %(main)s."), alias=alias, main=into
        ),
    )
    return RedirectResponse(f"/p/{page.slug}/characters", status_code=303)


@router.post("/p/{slug}/characters/unmerge")
def unmerge(request: Request, page: Page, alias: Annotated[str, Form()] = "") -> Response:
    breakdown.unmerge_character(web_state(request).db, page.slug, alias, actor=page.user)
    flash(
        request, translate(request, N_("%(alias)s is a character of its own again."), alias=alias)
    )
    return RedirectResponse(f"/p/{page.slug}/characters", status_code=303)
