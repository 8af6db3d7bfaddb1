# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/p/{slug}/members``: the team and its roles; the producer adds an account by e-mail,
changes a role or removes a member."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from regie.office.roles import Permission
from regie.services import accounts
from regie.web.deps import Page, web_state
from regie.web.i18n import N_
from regie.web.templating import flash, render, translate

router = APIRouter()


@router.get("/p/{slug}/members")
def member_list(request: Request, page: Page) -> Response:
    team = accounts.list_members(web_state(request).db, page.slug, actor=page.user)
    return render(
        request,
        "members/index.html",
        members=team,
        can_manage=page.can(Permission.MANAGE_MEMBERS),
    )


@router.post("/p/{slug}/members")
def put_member(
    request: Request,
    page: Page,
    email: Annotated[str, Form()] = "",
    role: Annotated[str, Form()] = "",
) -> Response:
    """Add the account ``email`` with ``role``, or change the role of a member."""
    accounts.add_member(web_state(request).db, page.slug, email.strip(), role, actor=page.user)
    flash(request, translate(request, N_("%(email)s: role saved."), email=email.strip()))
    return RedirectResponse(f"/p/{page.slug}/members", status_code=303)


@router.post("/p/{slug}/members/remove")
def remove_member(request: Request, page: Page, email: Annotated[str, Form()] = "") -> Response:
    accounts.remove_member(web_state(request).db, page.slug, email.strip(), actor=page.user)
    flash(request, translate(request, N_("%(email)s is no longer a member."), email=email.strip()))
    return RedirectResponse(f"/p/{page.slug}/members", status_code=303)
