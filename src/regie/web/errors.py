# SPDX-License-Identifier: AGPL-3.0-or-later
"""Errors as pages: every :class:`RegieError` becomes its HTTP status (``http_status``)
and a page, or an htmx fragment swapped into the page's message area, that shows the
message — what, where, what to do — in the visitor's language (the ``errors`` catalog),
and the field at fault when there is one.
"""

from __future__ import annotations

import logging
from typing import Any, Final
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from regie.core.errors import InputError, RegieError, ValidationError
from regie.core.text import Text, t
from regie.documents.i18n import error_messages
from regie.web.deps import LoginRequired
from regie.web.i18n import N_, request_locale
from regie.web.templating import is_htmx, render

log = logging.getLogger(__name__)

TITLES: Final[dict[int, str]] = {
    400: N_("This cannot be done as it was asked"),
    403: N_("Not allowed"),
    404: N_("Not found"),
    405: N_("Not allowed"),
    409: N_("In conflict with the saved data"),
    413: N_("File too large"),
    422: N_("Some fields are not valid"),
    429: N_("Too many attempts"),
    500: N_("Something went wrong on the server"),
    503: N_("The database is not ready"),
}
FIELD_LABELS: Final[dict[str, str]] = {
    "category": N_("Category"),
    "name": N_("Name"),
    "quantity": N_("Quantity"),
    "account": N_("Account"),
    "description": N_("Description"),
    "unit": N_("Unit"),
    "rate": N_("Rate"),
    "multiplier": N_("Multiplier"),
    "fringe_group": N_("Fringe group"),
    "place": N_("Place of spend"),
    "note": N_("Note"),
    "notes": N_("Notes"),
    "email": N_("E-mail"),
    "password": N_("Password"),
    "role": N_("Role"),
    "file": N_("File"),
    "status": N_("Status"),
    "tag": N_("Tag"),
    "alias": N_("Alias"),
    "into": N_("Main character"),
    "version": N_("Version"),
    "address": N_("Address"),
    "latitude": N_("Latitude"),
    "longitude": N_("Longitude"),
    "open_weekdays": N_("Open on"),
    "booking_start": N_("Booked from"),
    "booking_end": N_("Booked until"),
    "start": N_("Start"),
    "end": N_("End"),
    "reason": N_("Reason"),
    "location": N_("Location"),
    "location_a": N_("From"),
    "location_b": N_("To"),
    "minutes": N_("Minutes"),
    "full_name": N_("Full name"),
    "birth_date": N_("Birth date"),
    "phone": N_("Phone"),
    "residence": N_("Country of residence"),
    "european": N_("French or European national"),
    "kind": N_("Kind"),
    "position": N_("Position"),
    "department": N_("Department"),
    "daily_cost": N_("Daily cost"),
    "job_key": N_("Job key"),
    "characters": N_("Characters"),
    "max_daily_minutes": N_("Daily cap of a child performer (minutes)"),
    "pages_per_day": N_("Pages a day"),
    "day_count": N_("Shoot days"),
    "days_per_week": N_("Days a week"),
    "day_minutes": N_("Standard day (min)"),
    "max_overtime_minutes": N_("Overtime allowed (min)"),
    "default_travel_minutes": N_("Default travel (min)"),
    "unit_call": N_("Unit call (day)"),
    "night_call": N_("Unit call (night)"),
    "days_off": N_("Days off"),
    "calendar": N_("Calendar"),
    "fixed_date": N_("Fixed date"),
    "needs_night": N_("Needs"),
    "scene": N_("Scene"),
    "scenes": N_("Scenes"),
    "before": N_("Scene"),
    "after": N_("Scene"),
    "day": N_("Day"),
    "board": N_("Board"),
    "time_limit": N_("Time limit"),
    "weights.holding_day": N_("Holding day (× daily cost)"),
    "weights.company_move": N_("Company move"),
    "weights.location_revisit": N_("Return to a location"),
    "weights.day_night_switch": N_("Day/night switch"),
    "weights.overtime_minute": N_("Overtime minute"),
}


def _back(request: Request) -> str | None:
    """The page the visitor came from, when it is one of ours."""
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc == request.url.netloc and referer.path.startswith("/"):
        return referer.path + (f"?{referer.query}" if referer.query else "")
    return None


def localized(request: Request, error: RegieError) -> str:
    """The error's whole message in the visitor's language."""
    return error.localized(error_messages(request_locale(request)))


def error_context(request: Request, error: RegieError, status: int) -> dict[str, Any]:
    """What ``errors/_message.html`` shows: title of the status, message in the visitor's
    language, field at fault."""
    return {
        "error": error,
        "message": localized(request, error),
        "code": status,
        "title": TITLES.get(status, TITLES[400 if status < 500 else 500]),
        "field": getattr(error, "field", None),
        "field_labels": FIELD_LABELS,
    }


def error_response(request: Request, error: RegieError, status: int | None = None) -> Response:
    status = status or error.http_status
    context = error_context(request, error, status)
    if is_htmx(request):
        # Swapped into the page's message area; the rest of the page stays as it was.
        headers = {"HX-Retarget": "#flash", "HX-Reswap": "innerHTML"}
        return render(request, "errors/_message.html", status=status, headers=headers, **context)
    return render(request, "errors/page.html", status=status, back=_back(request), **context)


async def _regie_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RegieError)  # noqa: S101  # registered for RegieError only
    return error_response(request, exc)


async def _login_required(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LoginRequired)  # noqa: S101  # registered for LoginRequired only
    target = "/login" if exc.next_path in ("", "/") else f"/login?next={exc.next_path}"
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)  # noqa: S101  # registered for HTTPException only
    if isinstance(exc.__cause__, RegieError):
        return error_response(request, exc.__cause__)
    messages = {
        404: t("there is no page at this address"),
        405: t("this address does not accept this kind of request"),
    }
    what = messages.get(exc.status_code, str(exc.detail))
    return error_response(request, InputError(what, where=request.url.path), exc.status_code)


async def _invalid_request(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)  # noqa: S101  # registered for it only
    first = exc.errors()[0] if exc.errors() else {}
    location = [str(part) for part in first.get("loc", ()) if part not in ("body", "query")]
    field = location[-1] if location else None
    what: str | Text = t("this value is not valid")
    if first.get("type") == "missing":
        what = t("a value is required")
    elif first.get("msg"):  # pydantic's own words (English), better than nothing
        what = str(first["msg"]).rstrip(".").lower()
    return error_response(request, ValidationError(what, field=field), 422)


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    error = RegieError(
        t("an unexpected error stopped this request; nothing was half-saved"),
        hint=t("Try again; if it happens again, tell the office's administrator"),
    )
    return error_response(request, error, 500)


def install(app: FastAPI) -> None:
    app.add_exception_handler(RegieError, _regie_error)
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(Exception, _unexpected)
