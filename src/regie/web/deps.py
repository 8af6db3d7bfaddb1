# SPDX-License-Identifier: AGPL-3.0-or-later
"""What every route depends on: the app's state, the signed-in user, the production and
the user's role in it (``NotFound`` for outsiders, from the services)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request
from starlette.requests import HTTPConnection

from regie.core.errors import NotFound
from regie.core.production import Production
from regie.jobs.runner import JobRunner, default_runner
from regie.office.roles import Permission, Role, User, can
from regie.services import accounts, productions
from regie.services.access import not_found, permission_denied
from regie.services.database import Database
from regie.web.security import LoginThrottle, end_session, session_user_id


@dataclass
class WebState:
    """Held by the app (``app.state.regie``) for its whole life."""

    db: Database
    rule_dirs: tuple[Path, ...]
    max_upload_bytes: int
    secure_cookies: bool = True
    clock: Callable[[], float] = time.time
    runner: JobRunner = field(default_factory=default_runner)  # background jobs (optimise)
    folder: Path | None = None  # the production folder served (media roots, regie.toml)
    throttle: LoginThrottle = field(init=False)

    def __post_init__(self) -> None:
        self.throttle = LoginThrottle(clock=self.now)

    def now(self) -> float:
        """Seconds since the epoch, from ``clock`` (which tests may replace)."""
        return self.clock()


class LoginRequired(Exception):  # a signal caught by errors.py, not a failure
    """The page needs a signed-in user; errors.py answers with a redirect to /login."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def web_state(connection: HTTPConnection) -> WebState:
    state: WebState = connection.app.state.regie
    return state


def optional_user(request: Request) -> User | None:
    """The signed-in, active user, else ``None`` (a stale or idle session is ended)."""
    state = web_state(request)
    user_id = session_user_id(request, state.clock())
    if user_id is None:
        return None
    try:
        user = accounts.get_user(state.db, user_id)
    except NotFound:
        user = None
    if user is None or not user.is_active:
        end_session(request)
        return None
    request.state.user = user
    return user


def current_user(request: Request) -> User:
    user = optional_user(request)
    if user is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(target if request.method == "GET" else "/")
    return user


CurrentUser = Annotated[User, Depends(current_user)]


@dataclass(frozen=True, slots=True)
class ProductionPage:
    """A production page's subject: who looks at which production, in which role."""

    user: User
    production: Production
    role: Role

    @property
    def slug(self) -> str:
        return self.production.slug

    def can(self, permission: Permission | str) -> bool:
        return can(self.role, Permission(permission))

    def require(self, permission: Permission) -> None:
        """Refuse early, before costly work; the service checks again when it acts."""
        if not self.can(permission):
            raise permission_denied(self.slug, self.role, permission)


def production_page(slug: str, request: Request, user: CurrentUser) -> ProductionPage:
    state = web_state(request)
    production = productions.get_production(state.db, slug, actor=user)
    role = accounts.role_of(state.db, user.id, slug)
    if role is None:  # removed between the two reads
        raise not_found(slug)
    page = ProductionPage(user, production, role)
    request.state.page = page  # the templates show the production and the role
    return page


Page = Annotated[ProductionPage, Depends(production_page)]


def database(request: Request) -> Database:
    return web_state(request).db


Db = Annotated[Database, Depends(database)]
