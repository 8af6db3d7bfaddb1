# SPDX-License-Identifier: AGPL-3.0-or-later
"""Rendering a page or an htmx fragment in the visitor's language, with what every
template needs: the CSRF token, the signed-in user, the production page, a flash message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from regie.web.i18n import catalog, environment, request_locale
from regie.web.security import csrf_token

FLASH_KEY = "flash"


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def flash(request: Request, message: str) -> None:
    """Show ``message`` (already translated) at the top of the next page."""
    request.session[FLASH_KEY] = message


def translate(request: Request, message: str, **values: object) -> str:
    text = catalog(request_locale(request)).gettext(message)
    return text % values if values else text


def render(
    request: Request,
    template: str,
    *,
    status: int = 200,
    headers: Mapping[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    """``template`` rendered for ``request``; a template whose name starts with ``_`` is a
    fragment (htmx swaps it), which leaves the flash message for the next full page."""
    locale = request_locale(request)
    fragment = template.rsplit("/", 1)[-1].startswith("_")
    values: dict[str, Any] = {
        "locale": locale,
        "csrf_token": csrf_token(request),
        "user": getattr(request.state, "user", None),
        "page": getattr(request.state, "page", None),
        "path": request.url.path,
        "flash": None if fragment else request.session.pop(FLASH_KEY, None),
        **context,
    }
    html = environment(locale).get_template(template).render(values)
    return HTMLResponse(html, status_code=status, headers=dict(headers or {}))


def go_to(request: Request, url: str) -> Response:
    """After a successful form: htmx follows ``HX-Redirect`` (a full page, where the flash
    shows), a plain form post a 303 redirect."""
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)
