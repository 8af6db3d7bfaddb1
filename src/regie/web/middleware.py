# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pure ASGI middleware: security headers on every response, and a cap on request bodies.

The content security policy allows nothing but this server ('self'): no inline script, no
inline style element, no frame, no other origin. htmx is served from ``/static``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from regie.core.errors import InputError
from regie.core.text import Text, t

CONTENT_SECURITY_POLICY: Final = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)
SECURITY_HEADERS: Final = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if "cache-control" not in headers and not scope["path"].startswith("/static/"):
                    headers["cache-control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _size(limit: int) -> Text:
    if limit >= 1048576:
        return t("{size} MB", size=format(limit / 1048576, ".3g"))
    return t("{size} KB", size=format(limit / 1024, ".3g"))


class BodyTooLarge(InputError):
    """A request body over the server's limit (the script upload limit plus form fields)."""

    http_status = 413

    def __init__(self, limit: int) -> None:
        super().__init__(
            t("the file sent is larger than the {size} regie accepts", size=_size(limit)),
            where=t("upload"),
            hint=t("Check that this is the script (Fountain, FDX or PDF) and not another file"),
        )
        self.limit = limit


class BodyLimit:
    """Refuse a body over ``limit`` bytes: at once when ``Content-Length`` says so, else
    as soon as the bytes received pass it (chunked uploads), so nothing is parsed or stored.

    ``refuse`` builds the 413 response (a page in the visitor's language); it replaces
    whatever the app answered to a body cut short.
    """

    def __init__(self, app: ASGIApp, *, limit: int, refuse: Callable[[Scope], Response]) -> None:
        self.app = app
        self.limit = limit
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = Headers(scope=scope).get("content-length", "")
        if length.isdigit() and int(length) > self.limit:
            await self.refuse(scope)(scope, receive, send)
            return
        received = 0
        overflowed = False

        async def counting_receive() -> Message:
            nonlocal received, overflowed
            if overflowed:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    overflowed = True
                    return {"type": "http.disconnect"}  # the app stops reading here
            return message

        async def guarded_send(message: Message) -> None:
            if not overflowed:
                await send(message)
            elif message["type"] == "http.response.start":
                await self.refuse(scope)(scope, receive, send)

        await self.app(scope, counting_receive, guarded_send)
