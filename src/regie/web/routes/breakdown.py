# SPDX-License-Identifier: AGPL-3.0-or-later
"""The scene list (strips) and a scene's breakdown sheet, with its editing: accept or
reject suggestions, tag an element, remove a tag, scene notes, "reviewed".

Every edit answers htmx with the refreshed sheet panel, and a plain form post with a
redirect to the scene (so the page works without JavaScript too).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from regie.documents.breakdown import breakdown_sheet_html
from regie.office.roles import Permission
from regie.script.catalog import BreakdownSheet, TagRecord
from regie.script.elements import Category, TagStatus
from regie.services import breakdown, scripts
from regie.web import views
from regie.web.deps import Page, web_state
from regie.web.forms import optional_quantity, whole_number
from regie.web.i18n import request_locale
from regie.web.templating import is_htmx, render

router = APIRouter()


@router.get("/p/{slug}/scenes")
def scene_list(request: Request, page: Page) -> Response:
    db = web_state(request).db
    versions = scripts.list_versions(db, page.slug, actor=page.user)
    sheets = breakdown.sheets(db, page.slug, actor=page.user) if versions else []
    strips = [
        {
            "scene": s.scene,
            "strip": views.strip_class(s.scene),
            "pages": views.pages(s.scene),
            "cast": views.cast(s),
        }
        for s in sheets
    ]
    version = versions[-1] if versions else None
    return render(request, "breakdown/scenes.html", strips=strips, version=version)


def _order(tags: list[TagRecord]) -> list[TagRecord]:
    rank = {c: i for i, c in enumerate(Category)}
    return sorted(tags, key=lambda t: (rank[t.category], t.name))


def _panel(request: Request, page: Page, label: str) -> dict[str, Any]:
    """What the sheet panel shows: the documents' sheet and the editing column."""
    db = web_state(request).db
    sheet: BreakdownSheet = breakdown.sheet(db, page.slug, label, actor=page.user)
    records = scripts.current_scenes(db, page.slug, actor=page.user)
    versions = scripts.list_versions(db, page.slug, actor=page.user)
    position = next(i for i, r in enumerate(records) if r.id == sheet.scene.id)
    by_status: dict[TagStatus, list[TagRecord]] = {s: [] for s in TagStatus}
    for tag in sheet.tags:
        by_status[tag.status].append(tag)
    html = breakdown_sheet_html(
        sheet,
        page.production,
        locale=request_locale(request),
        script_version=versions[-1].number if versions else None,
        fragment=True,
        include_text=True,
    )
    return {
        "scene": sheet.scene,
        "sheet_html": html,
        "suggested": _order(by_status[TagStatus.SUGGESTED]),
        "accepted": _order(by_status[TagStatus.ACCEPTED]),
        "manual": _order(by_status[TagStatus.MANUAL]),
        "rejected": _order(by_status[TagStatus.REJECTED]),
        "can_edit": page.can(Permission.EDIT_BREAKDOWN),
        "previous": records[position - 1].label if position > 0 else None,
        "next": records[position + 1].label if position + 1 < len(records) else None,
        "scene_url": f"/p/{page.slug}/scenes/{quote(sheet.scene.label, safe='')}",
    }


@router.get("/p/{slug}/scenes/{label}")
def scene_page(request: Request, page: Page, label: str) -> Response:
    return render(request, "breakdown/scene.html", **_panel(request, page, label))


def _after_edit(request: Request, page: Page, label: str) -> Response:
    if is_htmx(request):
        return render(request, "breakdown/_panel.html", **_panel(request, page, label))
    url = f"/p/{page.slug}/scenes/{quote(label, safe='')}"
    return RedirectResponse(url, status_code=303)


@router.post("/p/{slug}/scenes/{label}/tags")
def add_tag(
    request: Request,
    page: Page,
    label: str,
    *,
    category: Annotated[str, Form()] = "",
    name: Annotated[str, Form()] = "",
    quantity: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    db = web_state(request).db
    scene = scripts.get_scene(db, page.slug, label, actor=page.user)
    breakdown.add_tag(
        db,
        page.slug,
        scene.id,
        category,
        name,
        actor=page.user,
        quantity=optional_quantity(quantity),
        note=note.strip(),
    )
    return _after_edit(request, page, scene.label)


@router.post("/p/{slug}/scenes/{label}/tags/{tag_id}/status")
def set_tag_status(
    request: Request,
    page: Page,
    label: str,
    tag_id: int,
    *,
    status: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "",
) -> Response:
    breakdown.set_tag_status(
        web_state(request).db,
        page.slug,
        tag_id,
        status,
        whole_number(version, "version"),
        actor=page.user,
    )
    return _after_edit(request, page, label)


@router.post("/p/{slug}/scenes/{label}/tags/{tag_id}/remove")
def remove_tag(
    request: Request,
    page: Page,
    label: str,
    tag_id: int,
    version: Annotated[str, Form()] = "",
) -> Response:
    breakdown.remove_tag(
        web_state(request).db, page.slug, tag_id, whole_number(version, "version"), actor=page.user
    )
    return _after_edit(request, page, label)


@router.post("/p/{slug}/scenes/{label}/notes")
def update_notes(
    request: Request,
    page: Page,
    label: str,
    notes: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "",
) -> Response:
    db = web_state(request).db
    scene = scripts.get_scene(db, page.slug, label, actor=page.user)
    breakdown.update_scene_notes(
        db,
        page.slug,
        scene.id,
        notes.replace("\r\n", "\n"),
        whole_number(version, "version"),
        actor=page.user,
    )
    return _after_edit(request, page, scene.label)


@router.post("/p/{slug}/scenes/{label}/reviewed")
def mark_reviewed(
    request: Request, page: Page, label: str, version: Annotated[str, Form()] = ""
) -> Response:
    db = web_state(request).db
    scene = scripts.get_scene(db, page.slug, label, actor=page.user)
    breakdown.mark_scene_reviewed(
        db, page.slug, scene.id, whole_number(version, "version"), actor=page.user
    )
    return _after_edit(request, page, scene.label)
