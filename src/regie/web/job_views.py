# SPDX-License-Identifier: AGPL-3.0-or-later
"""An optimisation job as the stripboard shows it while it runs and when it ends: elapsed
time, current cost, proven lower bound and gap; then the optimised board, or why no valid
board exists (the constraints named, in the page's language), or the error."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from starlette.requests import Request

from regie.core.errors import NotFound
from regie.core.jobs import JobRecord, JobStatus
from regie.core.text import t
from regie.documents.i18n import error_messages, format_number, format_percent
from regie.jobs.schedule import OPTIMISE_BOARD
from regie.office.roles import Permission
from regie.services.optimise_jobs import text_from_json
from regie.web.deps import ProductionPage, web_state
from regie.web.i18n import N_, catalog, request_locale
from regie.web.stripboard import money

STALE = N_(
    "The board was changed while it was being optimised, so the result was not saved. "
    "Run the optimisation again."
)


@dataclass(frozen=True, slots=True)
class JobView:
    id: int
    url: str  # the status fragment the page polls
    status: str  # queued, running, done, failed
    finished: bool
    done: float  # seconds spent of ``total``
    total: float
    elapsed: str  # "3,2 s"
    cost: str | None  # of the best board found so far, as money
    lower_bound: str | None
    gap: str | None  # (cost - bound) / cost, as a percentage
    outcome: str | None  # optimal, feasible, infeasible, unknown (when done)
    board_id: int | None  # the stored board
    board_url: str | None
    replaced: bool  # the board itself was rewritten
    explanation: str | None  # why no valid board exists
    error: str | None


def _decimal(value: Any) -> Decimal | None:
    try:
        return None if value is None else Decimal(str(value))
    except InvalidOperation:
        return None


def _seconds(record: JobRecord, now: dt.datetime) -> float:
    result = record.result or {}
    if record.status.finished and isinstance(result.get("seconds"), int | float):
        return float(result["seconds"])
    started = record.started_at
    if started is None:
        return 0.0
    if started.tzinfo is None:  # SQLite hands back naive UTC
        started = started.replace(tzinfo=dt.UTC)
    return max(0.0, (now - started).total_seconds())


def job_view(request: Request, page: ProductionPage, board_id: int, job_id: int) -> JobView:
    """Job ``job_id`` of the production, started from board ``board_id``."""
    page.require(Permission.VIEW_SCHEDULE)
    state = web_state(request)
    record = state.runner.status(state.db, job_id, actor=page.user)
    if record.production_id != page.production.id or record.kind != OPTIMISE_BOARD:
        raise NotFound(t("no job #{id}", id=job_id), hint=t("It may have been deleted"))
    locale = request_locale(request)
    progress, result = dict(record.progress), dict(record.result or {})
    source = result if record.status is JobStatus.DONE else progress
    cost = _decimal(source.get("cost"))
    bound = _decimal(source.get("lower_bound"))
    gap = None
    if cost is not None and bound is not None:
        gap = format_percent((cost - bound) / cost if cost > 0 else Decimal(0), locale)
    made = result.get("board_id")
    stored = made if isinstance(made, int) else None
    why = result.get("infeasibility_text")
    explanation = None
    if isinstance(why, dict) and (text := text_from_json(why)) is not None:
        explanation = text.translate(error_messages(locale))
    elif isinstance(result.get("infeasibility"), str):
        explanation = str(result["infeasibility"])
    error = None
    if record.status is JobStatus.FAILED:
        details = dict(record.error or {})
        error = str(details.get("message_en") or details.get("message") or "")
        if details.get("error") == "StaleEdit":  # the only failure a planner causes
            error = catalog(locale).gettext(STALE)
    base = f"/p/{page.slug}/boards"
    seconds = _seconds(record, dt.datetime.now(dt.UTC))
    return JobView(
        id=record.id,
        url=f"{base}/{board_id}/optimise/{record.id}",
        status=record.status.value,
        finished=record.status.finished,
        done=float(progress.get("done") or 0),
        total=float(progress.get("total") or 0),
        elapsed=format_number(Decimal(str(round(seconds, 1))), locale) + "\u00a0s",
        cost=None if cost is None else money(cost, locale),
        lower_bound=None if bound is None else money(bound, locale),
        gap=gap,
        outcome=str(result["status"]) if "status" in result else None,
        board_id=stored,
        board_url=None if stored is None else f"{base}/{stored}",
        replaced=stored == board_id,
        explanation=explanation,
        error=error,
    )
