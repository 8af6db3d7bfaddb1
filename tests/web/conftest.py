# SPDX-License-Identifier: AGPL-3.0-or-later
"""Personas of a production office, signed in to the web app through its login form.

Every test runs on each backend of the shared ``database`` fixture (SQLite, and
PostgreSQL when REGIE_TEST_DATABASE_URL is set). Clients talk to
``https://testserver`` so that Secure cookies flow as they would behind TLS.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest
import uvicorn
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from regie.core.production import Production
from regie.jobs.runner import InProcessRunner
from regie.office.roles import Role, User
from regie.services import accounts, productions, scripts
from regie.services.database import Database
from regie.web.app import create_app
from tests.web.planning import Planned, plan

DATA = Path(__file__).resolve().parent / "data"
PASSWORD = "une phrase assez longue"
SECRET = "a test secret key that is long enough to sign cookies"
BASE_URL = "https://testserver"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
PERSONAS = ("producer", "manager", "accountant", "crew", "guest", "outsider", "anonymous")
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def script_bytes() -> bytes:
    """``Marée basse``: six scenes, written for these tests (see data/README.md)."""
    return (DATA / "maree-basse.fountain").read_bytes()


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    # The real argon2 parameters cost a quarter of a second per hash.
    monkeypatch.setattr(accounts, "PASSWORD_HASHER", FAST_HASHER)


@dataclass
class Office:
    production: Production
    other: Production  # the outsider's own production
    users: dict[str, User] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return self.production.slug


def make_office(db: Database, *, imported: bool = True) -> Office:
    def user(name: str) -> User:
        return accounts.create_user(db, f"{name}@maree.fr", PASSWORD, name.title())

    producer = user("producer")
    production = productions.create_production(
        db, "Marée basse", "feature_film", owner=producer, running_minutes=12
    )
    outsider = user("outsider")
    other = productions.create_production(db, "Un autre film", "documentary", owner=outsider)
    office = Office(production, other, {"producer": producer, "outsider": outsider})
    for name, role in [
        ("manager", Role.PRODUCTION_MANAGER),
        ("accountant", Role.ACCOUNTANT),
        ("crew", Role.CREW),
        ("guest", Role.GUEST),
    ]:
        office.users[name] = user(name)
        accounts.add_member(db, production.slug, f"{name}@maree.fr", role, actor=producer)
    if imported:
        scripts.import_script(
            db, production.slug, "maree-basse.fountain", script_bytes(), actor=None
        )
    return office


@pytest.fixture
def office(database: Database) -> Office:
    """A production with one member per role and its script imported (version 1)."""
    return make_office(database)


@pytest.fixture
def runner() -> Iterator[InProcessRunner]:
    """The app's job runner (optimisations), progress written at every report."""
    pool = InProcessRunner(workers=1, min_interval_s=0)
    yield pool
    pool.shutdown()


@pytest.fixture
def app(database: Database, runner: InProcessRunner) -> FastAPI:
    return create_app(database, secret_key=SECRET, secure_cookies=True, job_runner=runner)


@pytest.fixture
def planned(database: Database, office: Office) -> Planned:
    """The office's production planned with the services (tests/web/planning.py)."""
    return plan(database, office.slug)


class Browser:
    """A test client with the session's CSRF token at hand."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.token = ""

    def refresh_token(self, path: str = "/login") -> str:
        found = CSRF.search(self.client.get(path).text)
        assert found, f"no CSRF token on {path}"
        self.token = found.group(1)
        return self.token

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        response: httpx.Response = self.client.get(path, **kwargs)
        return response

    def post(
        self, path: str, data: dict[str, Any] | None = None, *, htmx: bool = False, **kwargs: Any
    ) -> httpx.Response:
        form = {"csrf_token": self.token, **(data or {})}
        headers = {"HX-Request": "true"} if htmx else {}
        response: httpx.Response = self.client.post(path, data=form, headers=headers, **kwargs)
        return response

    def upload(self, path: str, filename: str, content: bytes) -> httpx.Response:
        response: httpx.Response = self.client.post(
            path,
            data={"csrf_token": self.token},
            files={"file": (filename, content, "application/octet-stream")},
        )
        return response


def sign_in(app: FastAPI, email: str | None, password: str = PASSWORD) -> Browser:
    """A browser signed in as ``email`` (``None``: a visitor who only opened /login)."""
    browser = Browser(TestClient(app, base_url=BASE_URL, follow_redirects=False))
    browser.refresh_token()
    if email is not None:
        response = browser.post("/login", {"email": email, "password": password, "next": "/"})
        assert response.status_code == 303, response.text
        browser.refresh_token("/")
    return browser


@pytest.fixture
def browser_for(app: FastAPI, office: Office) -> Iterator[Any]:
    """``browser_for("crew")`` → a browser signed in as that persona."""
    opened: list[Browser] = []

    def open_as(persona: str) -> Browser:
        browser = sign_in(app, None if persona == "anonymous" else f"{persona}@maree.fr")
        opened.append(browser)
        return browser

    yield open_as
    for browser in opened:
        browser.client.close()


# End-to-end tests in a real headless Chromium (test_e2e*.py): each module defines the
# `server` fixture (a base URL) that `page` opens.

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _unavailable(reason: str) -> None:
    if os.environ.get("REGIE_REQUIRE_E2E") == "1":
        pytest.fail(f"end-to-end tests are required (REGIE_REQUIRE_E2E=1) but {reason}")
    pytest.skip(reason)


def chromium_path() -> str:
    candidate = os.environ.get("REGIE_CHROMIUM") or "/usr/bin/chromium"
    found = shutil.which(candidate)
    if found is None:
        _unavailable(f"no chromium at {candidate} (set REGIE_CHROMIUM)")
    assert found is not None
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def problems() -> list[str]:
    """Console errors, page errors and requests to other hosts seen by the page."""
    return []


@pytest.fixture
def chromium() -> str:
    """The chromium to drive (checked before the server starts)."""
    return chromium_path()


@pytest.fixture
def page(chromium: str, server: str, problems: list[str]) -> Iterator[Any]:
    executable = chromium
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
        raise
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(
            locale="fr-FR", viewport={"width": 1400, "height": 900}, base_url=server
        )
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: problems.append(str(e)))
        tab.on(
            "request",
            lambda r: (
                problems.append(f"external request {r.url}")
                if not r.url.startswith(server)
                else None
            ),
        )
        yield tab
        context.close()
        browser.close()


@contextlib.contextmanager
def live_server(db: Database) -> Iterator[str]:
    """The regie app over ``db`` served by uvicorn in a thread on a free port, with its
    job runner; yields the base URL (``localhost``: Chromium keeps Secure cookies there)."""
    runner = InProcessRunner(workers=1, min_interval_s=0)
    app = create_app(db, secret_key=SECRET, secure_cookies=True, job_runner=runner)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://localhost:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        runner.shutdown()
