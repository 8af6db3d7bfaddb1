# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/p/{slug}/boards/{id}/optimise``: run the optimiser on a board as a background job
(:mod:`regie.jobs`), and the status fragment the stripboard polls every second until the
job ends (:mod:`regie.web.job_views`)."""

from __future__ import annotations

import functools
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from regie.core.errors import ValidationError
from regie.core.text import t
from regie.jobs.schedule import OPTIMISE_BOARD
from regie.office.roles import Permission
from regie.services import boards, optimise_jobs
from regie.services.boards import MAX_NAME
from regie.services.optimise import MAX_SECONDS
from regie.web.deps import Page, web_state
from regie.web.forms import whole_number
from regie.web.i18n import N_
from regie.web.job_views import job_view
from regie.web.routes.boards import board_context, board_url
from regie.web.templating import is_htmx, render, translate

router = APIRouter()
OPTIMISED = N_("%(name)s (optimised)")


def _time_limit(text: str) -> int:
    seconds = whole_number(text, "time_limit")
    if not 1 <= seconds <= MAX_SECONDS:
        raise ValidationError(
            t("{field} must be between {low} and {high}, not {value}",
              field="time_limit", low=1, high=MAX_SECONDS, value=seconds),
            field="time_limit",
        )  # fmt: skip
    return seconds


@router.post("/p/{slug}/boards/{board_id}/optimise")
def start_optimising(
    request: Request,
    page: Page,
    board_id: int,
    *,
    time_limit: Annotated[str, Form()] = "30",
    mode: Annotated[str, Form()] = "new",
    name: Annotated[str, Form()] = "",
) -> Response:
    """Queue the optimisation of the board: as a new scenario (``mode=new``, named
    ``name`` or after the board) or in place of the board's strips (``mode=replace``)."""
    page.require(Permission.EDIT_SCHEDULE)
    state = web_state(request)
    limit = _time_limit(time_limit)
    record = boards.get_board(state.db, page.slug, board_id, actor=page.user)
    save_as = None
    if mode != "replace":
        base = record.name[: MAX_NAME - 20]
        save_as = boards.board_name(name or translate(request, OPTIMISED, name=base))
    work = functools.partial(
        optimise_jobs.optimise_job, actor=page.user, time_limit_s=limit, save_as=save_as
    )
    job_id = state.runner.submit(
        state.db, OPTIMISE_BOARD, page.slug, work, state.db, page.slug, board_id,
        actor=page.user, permission=Permission.EDIT_SCHEDULE,
    )  # fmt: skip
    if is_htmx(request):
        job = job_view(request, page, board_id, job_id)
        return render(
            request, "boards/_optimise.html", job=job, board_url=board_url(page.slug, board_id)
        )
    return RedirectResponse(f"{board_url(page.slug, board_id)}?job={job_id}", status_code=303)


@router.get("/p/{slug}/boards/{board_id}/optimise/{job_id}")
def optimising(request: Request, page: Page, board_id: int, job_id: int) -> Response:
    """The job's status fragment (htmx polls it); a plain visit gets the board page."""
    job = job_view(request, page, board_id, job_id)
    if is_htmx(request):
        return render(
            request, "boards/_optimise.html", job=job, board_url=board_url(page.slug, board_id)
        )
    return render(request, "boards/board.html", job=job, **board_context(request, page, board_id))
