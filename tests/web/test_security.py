# SPDX-License-Identifier: AGPL-3.0-or-later
"""Sign-in, sessions, CSRF, throttling, redirects and security headers."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from regie.core.errors import ValidationError
from regie.services import accounts, scripts
from regie.services.database import Database
from regie.web.app import create_app
from regie.web.security import IDLE_TIMEOUT, SESSION_COOKIE
from tests.web.conftest import BASE_URL, PASSWORD, SECRET, Browser, Office, sign_in


def _session_of(browser: Browser) -> dict[str, object]:
    """The (signed, not encrypted) session cookie's content."""
    value = browser.client.cookies[SESSION_COOKIE]
    payload = value.split(".")[0]
    return json.loads(base64.b64decode(payload + "=" * (-len(payload) % 4)))  # type: ignore[no-any-return]


def _set_cookie(response_headers: list[str], name: str) -> str:
    return next(h for h in response_headers if h.startswith(f"{name}="))


def test_login_sets_a_hardened_session_cookie(app: FastAPI, office: Office) -> None:
    browser = sign_in(app, None)
    response = browser.post("/login", {"email": "crew@maree.fr", "password": PASSWORD})
    assert response.status_code == 303
    assert response.headers["location"] == "/"
    cookie = _set_cookie(response.headers.get_list("set-cookie"), SESSION_COOKIE).lower()
    assert "httponly" in cookie
    assert "secure" in cookie
    assert "samesite=lax" in cookie
    assert f"max-age={IDLE_TIMEOUT}" in cookie
    assert "Crew" in browser.get("/").text


def test_insecure_cookies_only_when_asked(database: Database, office: Office) -> None:
    app = create_app(database, secret_key=SECRET, secure_cookies=False)
    client = TestClient(app, base_url="http://testserver", follow_redirects=False)
    browser = Browser(client)
    browser.refresh_token()
    response = browser.post("/login", {"email": "crew@maree.fr", "password": PASSWORD})
    cookie = _set_cookie(response.headers.get_list("set-cookie"), SESSION_COOKIE).lower()
    assert "secure" not in cookie
    assert "httponly" in cookie


def test_wrong_password_and_unknown_email_get_the_same_generic_message(
    app: FastAPI, office: Office
) -> None:
    browser = sign_in(app, None)
    wrong = browser.post("/login", {"email": "crew@maree.fr", "password": "pas le bon mot"})
    unknown = browser.post("/login", {"email": "nobody@maree.fr", "password": PASSWORD})
    for response in (wrong, unknown):
        assert response.status_code == 400
        assert "Courriel ou mot de passe incorrect" in response.text
        assert SESSION_COOKIE not in browser.client.cookies or "uid" not in _session_of(browser)
    assert browser.get("/").status_code == 303  # still signed out


def test_session_is_rotated_at_sign_in(app: FastAPI, office: Office) -> None:
    browser = sign_in(app, None)
    before_token, before = browser.token, _session_of(browser)
    browser.post("/login", {"email": "crew@maree.fr", "password": PASSWORD})
    after = _session_of(browser)
    assert after["sid"]
    assert "sid" not in before
    assert after["csrf"] != before_token
    # The token seen before signing in is worth nothing now.
    stale = browser.post(f"/p/{office.slug}/members", {"email": "x@y.fr", "role": "crew"})
    assert stale.status_code == 403


def test_sign_out_ends_the_session(app: FastAPI, office: Office) -> None:
    browser = sign_in(app, "crew@maree.fr")
    assert browser.get("/").status_code == 200
    response = browser.post("/logout")
    assert response.status_code == 303
    assert response.headers["location"] == "/login"
    assert browser.get("/").status_code == 303


def test_idle_session_expires(app: FastAPI, office: Office) -> None:
    browser = sign_in(app, "crew@maree.fr")
    state = app.state.regie
    now = state.clock()
    state.clock = lambda: now + IDLE_TIMEOUT - 60
    assert browser.get("/").status_code == 200  # still active, "last seen" refreshed
    state.clock = lambda: now + 2 * IDLE_TIMEOUT - 120
    assert browser.get("/").status_code == 200
    state.clock = lambda: now + 3 * IDLE_TIMEOUT
    response = browser.get(f"/p/{office.slug}/scenes")
    assert response.status_code == 303
    assert response.headers["location"] == f"/login?next=/p/{office.slug}/scenes"


def test_a_deactivated_account_is_signed_out(
    app: FastAPI, database: Database, office: Office
) -> None:
    browser = sign_in(app, "crew@maree.fr")
    crew = office.users["crew"]
    accounts.set_active(database, crew.email, False, expected_version=crew.version)
    assert browser.get("/").status_code == 303


def test_csrf_missing_or_wrong_is_refused(app: FastAPI, database: Database, office: Office) -> None:
    browser = sign_in(app, "producer@maree.fr")
    scene = scripts.get_scene(database, office.slug, "1", actor=None)
    url = f"/p/{office.slug}/scenes/1/notes"
    form = {"notes": "Forgée", "version": str(scene.version)}
    missing = browser.client.post(url, data=form)
    wrong = browser.client.post(url, data={**form, "csrf_token": "x" * 43})
    wrong_header = browser.client.post(url, data=form, headers={"X-CSRF-Token": "forged"})
    for response in (missing, wrong, wrong_header):
        assert response.status_code == 403
        assert "jeton de sécurité valide" in response.text
    assert scripts.get_scene(database, office.slug, "1", actor=None).notes == ""
    # The header htmx sends is as good as the form field.
    sent = browser.client.post(url, data=form, headers={"X-CSRF-Token": browser.token})
    assert sent.status_code == 303
    assert scripts.get_scene(database, office.slug, "1", actor=None).notes == "Forgée"


def test_login_form_itself_needs_the_token(app: FastAPI, office: Office) -> None:
    client = TestClient(app, base_url=BASE_URL, follow_redirects=False)
    response = client.post("/login", data={"email": "crew@maree.fr", "password": PASSWORD})
    assert response.status_code == 403


def test_failed_sign_ins_are_throttled(app: FastAPI, office: Office) -> None:
    browser = sign_in(app, None)
    for _ in range(5):
        assert (
            browser.post("/login", {"email": "crew@maree.fr", "password": "faux"}).status_code
            == 400
        )
    blocked = browser.post("/login", {"email": "crew@maree.fr", "password": PASSWORD})
    assert blocked.status_code == 429
    assert "Trop de tentatives" in blocked.text
    # Another account from the same address may still sign in.
    other = browser.post("/login", {"email": "guest@maree.fr", "password": PASSWORD})
    assert other.status_code == 303
    # Once the window has passed, the account can sign in again.
    state = app.state.regie
    now = state.clock()
    state.clock = lambda: now + 16 * 60
    browser = sign_in(app, None)
    again = browser.post("/login", {"email": "crew@maree.fr", "password": PASSWORD})
    assert again.status_code == 303


def test_redirect_after_login_stays_on_this_site(app: FastAPI, office: Office) -> None:
    for target, expected in [
        ("/p/maree-basse/scenes", "/p/maree-basse/scenes"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example", "/"),
    ]:
        browser = sign_in(app, None)
        response = browser.post(
            "/login", {"email": "crew@maree.fr", "password": PASSWORD, "next": target}
        )
        assert response.headers["location"] == expected


def test_anonymous_pages_redirect_to_login_with_next(app: FastAPI, office: Office) -> None:
    client = TestClient(app, base_url=BASE_URL, follow_redirects=False)
    response = client.get(f"/p/{office.slug}/scenes/2")
    assert response.status_code == 303
    assert response.headers["location"] == f"/login?next=/p/{office.slug}/scenes/2"
    htmx = client.get("/", headers={"HX-Request": "true"})
    assert htmx.headers["HX-Redirect"] == "/login"


def test_security_headers_on_every_response(app: FastAPI, office: Office) -> None:
    browser = sign_in(app, "producer@maree.fr")
    for path in ("/login", "/", f"/p/{office.slug}/scenes/1", "/nowhere", "/static/regie.css"):
        headers = browser.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert headers["x-frame-options"] == "DENY"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"


def test_pages_load_nothing_from_elsewhere(app: FastAPI, office: Office) -> None:
    browser = sign_in(app, "producer@maree.fr")
    for path in ("/", f"/p/{office.slug}/scenes/6", f"/p/{office.slug}/feasibility"):
        html = browser.get(path).text
        # Every link, script, style sheet and form points to this server.
        assert re.findall(r'(?:src|href|action)="(?!/|#)([^"]*)"', html) == []
        assert "<script>" not in html
        assert " style=" not in html.split("<article", 1)[0]


def test_secret_key_must_be_long(database: Database) -> None:
    with pytest.raises(ValidationError, match="secret key"):
        create_app(database, secret_key="short")


def test_callable_browser_fixture_signs_in(browser_for: Callable[[str], Browser]) -> None:
    assert "Manager" in browser_for("manager").get("/").text
