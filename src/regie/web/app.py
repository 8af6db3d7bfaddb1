# SPDX-License-Identifier: AGPL-3.0-or-later
"""The web app factory: ``create_app(database_url, secret_key=...)``.

Layers, outermost first: security headers, the signed session cookie, the body-size cap,
then FastAPI with the CSRF check as a dependency of every route, the routes of each area,
``/static`` (CSS, vendored htmx) and the error pages of :mod:`regie.web.errors`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Scope

from regie.core.errors import ValidationError
from regie.core.text import t
from regie.formats.guards import MAX_SCRIPT_BYTES
from regie.jobs.runner import JobRunner, default_runner
from regie.services.database import Database, open_database
from regie.web import errors
from regie.web.deps import WebState
from regie.web.middleware import BodyLimit, BodyTooLarge, SecurityHeaders
from regie.web.routes import (
    assets,
    auth,
    board_documents,
    board_jobs,
    boards,
    breakdown,
    budget_versions,
    budgets,
    callsheets,
    characters,
    costs,
    exports,
    feasibility,
    financing,
    locations,
    logistics,
    media,
    members,
    people,
    planning,
    productions,
    schedules,
    script,
)
from regie.web.security import IDLE_TIMEOUT, SESSION_COOKIE, verify_csrf

MIN_SECRET_LENGTH = 32
FORM_OVERHEAD = 256 * 1024  # multipart framing and the other fields of an upload form


def create_app(
    database_url: str | Database,
    *,
    secret_key: str,
    secure_cookies: bool = True,
    rule_dirs: Iterable[Path] = (),
    max_upload_bytes: int = MAX_SCRIPT_BYTES,
    job_runner: JobRunner | None = None,
    folder: Path | None = None,
) -> FastAPI:
    """The regie web app over the database at ``database_url`` (its schema must be at head;
    a :class:`Database` already open is used as it is).

    ``secret_key`` signs the session cookies (the production folder's ``.regie/secret_key``);
    ``secure_cookies=False`` only for plain http beyond localhost; ``rule_dirs`` may hold
    newer rule packs for the feasibility diagnosis; ``job_runner`` runs background jobs
    (board optimisation; the process's in-process runner by default); ``folder`` is the
    production folder served, whose media roots bound the folders the media forms name.
    """
    if len(secret_key) < MIN_SECRET_LENGTH:
        raise ValidationError(
            t("the secret key must have at least {minimum} characters", minimum=MIN_SECRET_LENGTH),
            field="secret_key",
            hint=t("Use the production folder's .regie/secret_key"),
        )
    owned = isinstance(database_url, str)
    db = open_database(database_url, check=True) if isinstance(database_url, str) else database_url

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            db.dispose()

    app = FastAPI(
        title="regie",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(verify_csrf)],
        lifespan=lifespan,
    )
    app.state.regie = WebState(
        db,
        tuple(rule_dirs),
        max_upload_bytes,
        secure_cookies,
        runner=job_runner or default_runner(),
        folder=folder,
    )
    app.mount("/static", StaticFiles(packages=[("regie.web", "static")]), name="static")
    # exports before breakdown: /scenes/{label}.pdf must win over /scenes/{label};
    # board_documents before boards: /boards/{id}.ics must win over /boards/{id}
    areas = (
        assets,
        auth,
        productions,
        script,
        exports,
        breakdown,
        characters,
        feasibility,
        members,
        locations,
        people,
        schedules,
        board_documents,
        boards,
        board_jobs,
        budget_versions,  # before budgets: /budgets/compare must win over /budgets/{number}
        budgets,
        financing,
        callsheets,
        media,
        planning,
        logistics,
        costs,
    )
    for area in areas:
        app.include_router(area.router)
    errors.install(app)

    def refuse(scope: Scope) -> Response:
        return errors.error_response(Request(scope), BodyTooLarge(max_upload_bytes))

    app.add_middleware(BodyLimit, limit=max_upload_bytes + FORM_OVERHEAD, refuse=refuse)
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret_key,
        session_cookie=SESSION_COOKIE,
        max_age=IDLE_TIMEOUT,
        same_site="lax",
        https_only=secure_cookies,
    )
    app.add_middleware(SecurityHeaders)
    return app
