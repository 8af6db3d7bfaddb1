# SPDX-License-Identifier: AGPL-3.0-or-later
"""Sign in, sign out, and the language switch."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from regie.core.errors import InputError
from regie.documents.i18n import SUPPORTED_LOCALES
from regie.services import accounts
from regie.web.deps import optional_user, web_state
from regie.web.i18n import LANG_COOKIE, N_
from regie.web.security import TooManyAttempts, end_session, start_session
from regie.web.templating import render, translate

router = APIRouter()
WRONG_CREDENTIALS = N_("E-mail or password is wrong. Check both and try again.")
LANG_COOKIE_AGE = 365 * 24 * 3600


def safe_next(target: str) -> str:
    """Only a path of this site: never another host (``//evil``, ``\\\\evil``, ``http:``)."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:  # the URL's name
    if optional_user(request) is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "auth/login.html", next=safe_next(next), email="", error=None)


@router.post("/login")
def login(
    request: Request,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",  # the form field's name
) -> Response:
    state = web_state(request)
    address = request.client.host if request.client else "unknown"
    email = email.strip()
    try:
        state.throttle.check(email, address)
        user = accounts.authenticate(state.db, email, password)
    except TooManyAttempts as refused:
        message = N_("Too many failed attempts: wait %(minutes)s minutes, then try again.")
        error = translate(request, message, minutes=refused.wait_minutes)
        return _login_again(request, email, next, error, 429)
    except InputError:
        state.throttle.failed(email, address)
        return _login_again(request, email, next, translate(request, WRONG_CREDENTIALS), 400)
    state.throttle.succeeded(email)
    start_session(request, user, state.clock())
    return RedirectResponse(safe_next(next), status_code=303)


def _login_again(request: Request, email: str, next_path: str, error: str, status: int) -> Response:
    return render(
        request,
        "auth/login.html",
        status=status,
        next=safe_next(next_path),
        email=email,
        error=error,
    )


@router.post("/logout")
def logout(request: Request) -> Response:
    end_session(request)
    return RedirectResponse("/login", status_code=303)


@router.post("/lang")
def switch_language(
    request: Request,
    lang: Annotated[str, Form()] = "fr",
    next: Annotated[str, Form()] = "/",  # the form field's name
) -> Response:
    response = RedirectResponse(safe_next(next), status_code=303)
    if lang in SUPPORTED_LOCALES:
        response.set_cookie(
            LANG_COOKIE,
            lang,
            max_age=LANG_COOKIE_AGE,
            httponly=True,
            samesite="lax",
            secure=web_state(request).secure_cookies,
        )
    return response
