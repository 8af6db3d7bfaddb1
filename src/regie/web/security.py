# SPDX-License-Identifier: AGPL-3.0-or-later
"""Sessions, CSRF and login throttling.

The session lives in a cookie signed with the office's secret key (Starlette's
``SessionMiddleware``: HttpOnly, SameSite=Lax, Secure unless the server runs with
``--insecure-cookies``). It holds the user id, a random session id and the CSRF token, all
three replaced at sign-in so that a token seen before signing in is worth nothing after;
a session unused for :data:`IDLE_TIMEOUT` is over.

Every POST/PUT/PATCH/DELETE must carry the session's CSRF token, in the ``csrf_token``
form field or the ``X-CSRF-Token`` header (what htmx sends, from ``hx-headers`` on
``<body>``); without it the request is refused with 403 before any route runs.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict, deque
from collections.abc import Callable
from typing import Final

from starlette.requests import HTTPConnection, Request

from regie.core.errors import PermissionDenied, RegieError
from regie.core.text import t
from regie.office.roles import User

SESSION_COOKIE: Final = "regie_session"
IDLE_TIMEOUT: Final = 12 * 3600  # seconds without a request before the session ends
REFRESH_AFTER: Final = 300  # the "last seen" mark is rewritten at most this often
CSRF_FIELD: Final = "csrf_token"
CSRF_HEADER: Final = "x-csrf-token"
SAFE_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS"})


class CsrfRejected(PermissionDenied):
    """A state-changing request without the session's CSRF token."""

    def __init__(self) -> None:
        super().__init__(
            t(
                "this form did not carry a valid security token (it may be older than your "
                "session, or come from another site); nothing was changed"
            ),
            where=t("CSRF check"),
            hint=t("Reload the page and send the form again"),
        )


class TooManyAttempts(RegieError):
    """Too many failed sign-ins for an e-mail address or from one address."""

    http_status = 429

    def __init__(self, wait_minutes: int) -> None:
        super().__init__(
            t("too many failed sign-in attempts"),
            where=t("sign-in"),
            hint=t("Wait {minutes} minutes before trying again", minutes=wait_minutes),
        )
        self.wait_minutes = wait_minutes


def csrf_token(connection: HTTPConnection) -> str:
    """The session's CSRF token (made on first use, also for visitors not signed in)."""
    session = connection.session
    token = session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def start_session(connection: HTTPConnection, user: User, now: float) -> None:
    """Sign ``user`` in: a new session (new id, new CSRF token) replaces the old one."""
    session = connection.session
    session.clear()
    session.update(
        uid=user.id,
        sid=secrets.token_urlsafe(16),
        csrf=secrets.token_urlsafe(32),
        seen=int(now),
    )


def end_session(connection: HTTPConnection) -> None:
    connection.session.clear()


def session_user_id(connection: HTTPConnection, now: float) -> int | None:
    """The signed-in user's id, ``None`` when nobody is (or the session went idle)."""
    session = connection.session
    uid, seen = session.get("uid"), session.get("seen")
    if not isinstance(uid, int) or not isinstance(seen, int):
        return None
    if now - seen > IDLE_TIMEOUT:
        session.clear()
        return None
    if now - seen > REFRESH_AFTER:
        session["seen"] = int(now)
    return uid


async def verify_csrf(request: Request) -> None:
    """FastAPI dependency of every route: refuse an unsafe method without the token."""
    if request.method in SAFE_METHODS:
        return
    expected = request.session.get("csrf")
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        field = (await request.form()).get(CSRF_FIELD)
        sent = field if isinstance(field, str) else None
    if not isinstance(expected, str) or not sent or not secrets.compare_digest(expected, sent):
        raise CsrfRejected


class LoginThrottle:
    """Failed sign-ins remembered in memory, per e-mail and per client address.

    After ``per_email`` failures for one e-mail (or ``per_address`` from one address) within
    ``window`` seconds, sign-in is refused until the oldest failure leaves the window. A
    success clears the e-mail's count. Per process: each web worker counts on its own.
    """

    def __init__(
        self,
        *,
        per_email: int = 5,
        per_address: int = 30,
        window: float = 900.0,
        clock: Callable[[], float],
        max_keys: int = 10_000,
    ) -> None:
        self.per_email = per_email
        self.per_address = per_address
        self.window = window
        self.clock = clock
        self.max_keys = max_keys
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures.get(key)
        if failures is None:
            return deque()
        while failures and now - failures[0] > self.window:
            failures.popleft()
        return failures

    def check(self, email: str, address: str) -> None:
        """Raise :class:`TooManyAttempts` when this sign-in may not even be tried."""
        now = self.clock()
        with self._lock:
            for key, limit in (
                (f"e:{email.lower()}", self.per_email),
                (f"a:{address}", self.per_address),
            ):
                failures = self._recent(key, now)
                if len(failures) >= limit:
                    wait = self.window - (now - failures[0])
                    raise TooManyAttempts(max(1, round(wait / 60)))

    def failed(self, email: str, address: str) -> None:
        now = self.clock()
        with self._lock:
            for key in (f"e:{email.lower()}", f"a:{address}"):
                failures = self._recent(key, now)
                failures.append(now)
                self._failures[key] = failures
                self._failures.move_to_end(key)
            while len(self._failures) > self.max_keys:
                self._failures.popitem(last=False)

    def succeeded(self, email: str) -> None:
        with self._lock:
            self._failures.pop(f"e:{email.lower()}", None)
