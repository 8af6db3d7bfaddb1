# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/p/{slug}/boards/{id}``: the stripboard, and its editing — move a strip to a day and
a position (drag and drop, or the keyboard form of each strip), lock it, make a day a night
day, add or remove a day; rename, make primary, duplicate as a scenario, delete.

Every edit carries the board's version as the page showed it: a stale one is refused with
409 and its message, nothing saved. htmx gets the refreshed board (and, out of band, the
refreshed cost and violations); a plain form post a redirect to the board.
"""

from __future__ import annotations

import functools
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from regie.core.errors import ValidationError
from regie.core.text import t
from regie.documents.schedule import format_minutes
from regie.office.roles import Permission
from regie.schedule.model import DayKind
from regie.services import boards, location_conflicts
from regie.services.stripboard import stripboard
from regie.web.deps import Page, web_state
from regie.web.forms import MAX_INT, optional_whole_number, whole_number
from regie.web.i18n import N_, catalog, request_locale
from regie.web.job_views import job_view
from regie.web.routes.location_office import today
from regie.web.stripboard import board_view
from regie.web.templating import flash, go_to, is_htmx, render, translate

router = APIRouter()
TIME_LIMITS = (10, 30, 60, 120, 300)  # seconds offered for an optimisation


def board_url(slug: str, board_id: int) -> str:
    return f"/p/{slug}/boards/{board_id}"


def board_context(request: Request, page: Page, board_id: int) -> dict[str, Any]:
    """What the board templates show."""
    locale = request_locale(request)
    state = web_state(request)
    found = stripboard(state.db, page.slug, board_id, actor=page.user)
    office = location_conflicts.location_conflicts(
        state.db, page.slug, actor=page.user, today=today(request), board_id=board_id,
        rule_dirs=state.rule_dirs,
    )  # fmt: skip
    return {
        "record": found.record,
        "schedule": found.schedule,
        "view": board_view(found, locale, catalog(locale).gettext, office.findings),
        "can_edit": page.can(Permission.EDIT_SCHEDULE),
        "board_url": board_url(page.slug, board_id),
        "schedule_url": f"/p/{page.slug}/schedules/{found.record.schedule_number}",
        "duration": functools.partial(format_minutes, locale=locale),
        "time_limits": TIME_LIMITS,
    }


@router.get("/p/{slug}/boards/{board_id}")
def board_page(request: Request, page: Page, board_id: int, job: str = "") -> Response:
    context = board_context(request, page, board_id)
    if is_htmx(request):  # a refresh after a refused drop, or after optimising in place
        return render(request, "boards/_edited.html", **context)
    job_id = optional_whole_number(job, "job")
    status = None
    if job_id is not None:
        status = job_view(request, page, board_id, job_id)
    return render(request, "boards/board.html", job=status, **context)


def _after_edit(request: Request, page: Page, board_id: int) -> Response:
    if is_htmx(request):
        return render(request, "boards/_edited.html", **board_context(request, page, board_id))
    return RedirectResponse(board_url(page.slug, board_id), status_code=303)


def _day_index(text: str) -> int | None:
    """A day as the forms send it: its number (1-based), or ``pool`` for no day."""
    if text.strip() == "pool":
        return None
    if not text.strip():
        raise ValidationError(t("a value is required"), field="day")
    return whole_number(text, "day") - 1


def _position(text: str) -> int:
    """A rank on a day as the forms send it (1-based; blank: at the end)."""
    rank = optional_whole_number(text, "position")
    return MAX_INT if rank is None else max(rank, 1) - 1


@router.post("/p/{slug}/boards/{board_id}/move")
def move_strip(
    request: Request,
    page: Page,
    board_id: int,
    *,
    scene: Annotated[str, Form()] = "",
    day: Annotated[str, Form()] = "",
    position: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "",
) -> Response:
    """Drop strip ``scene`` (a scene id) on day ``day`` at rank ``position``."""
    boards.move_strip(
        web_state(request).db,
        page.slug,
        board_id,
        whole_number(scene, "scene"),
        day=_day_index(day),
        position=_position(position),
        expected_version=whole_number(version, "version"),
        actor=page.user,
    )
    return _after_edit(request, page, board_id)


@router.post("/p/{slug}/boards/{board_id}/lock")
def lock_strip(
    request: Request,
    page: Page,
    board_id: int,
    *,
    scene: Annotated[str, Form()] = "",
    locked: Annotated[str, Form()] = "1",
    version: Annotated[str, Form()] = "",
) -> Response:
    boards.lock_strips(
        web_state(request).db,
        page.slug,
        board_id,
        [whole_number(scene, "scene")],
        locked=locked.strip() == "1",
        expected_version=whole_number(version, "version"),
        actor=page.user,
    )
    return _after_edit(request, page, board_id)


@router.post("/p/{slug}/boards/{board_id}/days/{day}/kind")
def set_day_kind(
    request: Request,
    page: Page,
    board_id: int,
    day: int,
    *,
    kind: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "",
) -> Response:
    boards.set_day_kind(
        web_state(request).db,
        page.slug,
        board_id,
        day - 1,
        kind,
        expected_version=whole_number(version, "version"),
        actor=page.user,
    )
    return _after_edit(request, page, board_id)


@router.post("/p/{slug}/boards/{board_id}/days")
def add_day(
    request: Request,
    page: Page,
    board_id: int,
    *,
    at: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "day",
    version: Annotated[str, Form()] = "",
) -> Response:
    """A new empty day before day ``at`` (blank: after the last day)."""
    rank = optional_whole_number(at, "day")
    boards.add_day(
        web_state(request).db,
        page.slug,
        board_id,
        expected_version=whole_number(version, "version"),
        actor=page.user,
        at=None if rank is None else rank - 1,
        kind=kind or DayKind.DAY,
    )
    return _after_edit(request, page, board_id)


@router.post("/p/{slug}/boards/{board_id}/days/{day}/remove")
def remove_day(
    request: Request, page: Page, board_id: int, day: int, version: Annotated[str, Form()] = ""
) -> Response:
    boards.remove_day(
        web_state(request).db,
        page.slug,
        board_id,
        day - 1,
        expected_version=whole_number(version, "version"),
        actor=page.user,
    )
    return _after_edit(request, page, board_id)


@router.post("/p/{slug}/boards/{board_id}/rename")
def rename_board(
    request: Request,
    page: Page,
    board_id: int,
    *,
    name: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "",
) -> Response:
    record = boards.rename_board(
        web_state(request).db,
        page.slug,
        board_id,
        name,
        whole_number(version, "version"),
        actor=page.user,
    )
    flash(request, translate(request, N_("The board is now called %(name)s."), name=record.name))
    return go_to(request, board_url(page.slug, board_id))


@router.post("/p/{slug}/boards/{board_id}/primary")
def make_primary(
    request: Request, page: Page, board_id: int, version: Annotated[str, Form()] = ""
) -> Response:
    record = boards.make_primary(
        web_state(request).db,
        page.slug,
        board_id,
        whole_number(version, "version"),
        actor=page.user,
    )
    message = N_("%(name)s is now the primary board of this schedule.")
    flash(request, translate(request, message, name=record.name))
    return go_to(request, f"/p/{page.slug}/schedules/{record.schedule_number}")


@router.post("/p/{slug}/boards/{board_id}/duplicate")
def duplicate_board(
    request: Request, page: Page, board_id: int, name: Annotated[str, Form()] = ""
) -> Response:
    """Another scenario starting from this board (its days, strips and locks)."""
    record = boards.duplicate_board(
        web_state(request).db, page.slug, board_id, name, actor=page.user
    )
    flash(request, translate(request, N_("Scenario %(name)s created."), name=record.name))
    return go_to(request, board_url(page.slug, record.id))


@router.post("/p/{slug}/boards/{board_id}/delete")
def delete_board(
    request: Request, page: Page, board_id: int, version: Annotated[str, Form()] = ""
) -> Response:
    db = web_state(request).db
    record = boards.get_board(db, page.slug, board_id, actor=page.user)
    boards.delete_board(db, page.slug, board_id, whole_number(version, "version"), actor=page.user)
    flash(request, translate(request, N_("Board %(name)s deleted."), name=record.name))
    return go_to(request, f"/p/{page.slug}/schedules/{record.schedule_number}")
