# SPDX-License-Identifier: AGPL-3.0-or-later
"""Who can see and do what, route by route: the permission matrix of the web face.

Each persona walks every route in order; reads first, then writes (which succeed, and so
change the data, only for the roles allowed to make them). A refused write leaves the
data as it was. Outsiders get 404 for a production they are not in, anonymous visitors a
redirect to the sign-in page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from regie.script.elements import TagStatus
from regie.services import accounts, breakdown, scripts
from regie.services.database import Database
from tests.web.conftest import PASSWORD, PERSONAS, Browser, Office, script_bytes

P, M, A, C, G, OUT, ANON = PERSONAS


def _codes(**by_persona: int) -> dict[str, int]:
    return {p: by_persona.get(p, by_persona.get("rest", 0)) for p in PERSONAS}


HOME = _codes(rest=200, anonymous=303)
VIEW_PRODUCTION = _codes(rest=200, outsider=404, anonymous=303)
VIEW_SCRIPT = _codes(rest=200, guest=403, outsider=404, anonymous=303)
VIEW_FEASIBILITY = _codes(rest=200, crew=403, guest=403, outsider=404, anonymous=303)
EDIT = _codes(producer=303, manager=303, rest=403, outsider=404, anonymous=303)
MANAGE = _codes(producer=303, rest=403, outsider=404, anonymous=303)
OTHER_PRODUCTION = _codes(rest=404, outsider=200, anonymous=303)
BUDGET = _codes(producer=200, manager=200, accountant=200, rest=403, outsider=404, anonymous=303)
EDIT_BUDGET = _codes(
    producer=303, manager=303, accountant=303, rest=403, outsider=404, anonymous=303
)

Data = Callable[[Database, Office], dict[str, Any]]


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # {slug}, {other}, {tag} and {manual} are filled in when it is called
    expected: dict[str, int]
    data: Data | None = None


def _first_suggestion(db: Database, office: Office) -> int:
    sheet = breakdown.sheet(db, office.slug, "2", actor=None)
    return next(t for t in sheet.tags if t.status is TagStatus.SUGGESTED).id


def _tag(db: Database, office: Office, tag_id: int) -> dict[str, Any]:
    for label in ("1", "2", "3"):
        for tag in breakdown.sheet(db, office.slug, label, actor=None).tags:
            if tag.id == tag_id:
                return {"version": tag.version}
    return {"version": 1}


def _notes(db: Database, office: Office) -> dict[str, Any]:
    scene = scripts.get_scene(db, office.slug, "1", actor=None)
    return {"notes": "Prévoir la radio d’époque.", "version": scene.version}


def _reviewed(db: Database, office: Office) -> dict[str, Any]:
    return {"version": scripts.get_scene(db, office.slug, "5", actor=None).version}


ROUTES = [
    Route("GET", "/", HOME),
    Route("GET", "/p/{slug}/", VIEW_PRODUCTION),
    Route("GET", "/p/{other}/", OTHER_PRODUCTION),
    Route("GET", "/p/{slug}/script", VIEW_SCRIPT),
    Route("GET", "/p/{slug}/scenes", VIEW_SCRIPT),
    Route("GET", "/p/{slug}/scenes/1", VIEW_SCRIPT),
    Route("GET", "/p/{slug}/scenes/6.pdf", VIEW_SCRIPT),
    Route("GET", "/p/{slug}/breakdown.csv", VIEW_SCRIPT),
    Route("GET", "/p/{slug}/breakdown.xlsx", VIEW_SCRIPT),
    Route("GET", "/p/{slug}/breakdown.pdf", VIEW_SCRIPT),
    Route("GET", "/p/{slug}/characters", VIEW_SCRIPT),
    Route("GET", "/p/{slug}/members", VIEW_SCRIPT),
    Route("GET", "/p/{slug}/feasibility", VIEW_FEASIBILITY),
    Route("GET", "/p/{slug}/feasibility.pdf", VIEW_FEASIBILITY),
    Route(
        "POST",
        "/p/{slug}/scenes/1/tags",
        EDIT,
        lambda db, o: {"category": "props", "name": "THERMOS", "quantity": "2"},
    ),
    Route(
        "POST",
        "/p/{slug}/scenes/2/tags/{tag}/status",
        EDIT,
        lambda db, o: {"status": "accepted", **_tag(db, o, _first_suggestion(db, o))},
    ),
    Route("POST", "/p/{slug}/scenes/3/tags/{manual}/remove", EDIT, lambda db, o: {"version": 1}),
    Route("POST", "/p/{slug}/scenes/1/notes", EDIT, _notes),
    Route("POST", "/p/{slug}/scenes/5/reviewed", EDIT, _reviewed),
    Route(
        "POST",
        "/p/{slug}/characters/merge",
        EDIT,
        lambda db, o: {"alias": "MATT", "into": "MATHIS"},
    ),
    Route("POST", "/p/{slug}/characters/unmerge", EDIT, lambda db, o: {"alias": "MATT"}),
    Route("POST", "/p/{slug}/script", EDIT),
    Route(
        "POST",
        "/p/{slug}/members",
        MANAGE,
        lambda db, o: {"email": "newcomer@maree.fr", "role": "crew"},
    ),
    Route("POST", "/p/{slug}/members/remove", MANAGE, lambda db, o: {"email": "newcomer@maree.fr"}),
    Route("GET", "/p/{slug}/budgets", BUDGET),
    Route("POST", "/p/{slug}/budgets", EDIT_BUDGET, lambda db, o: {"name": "Devis de test"}),
    Route("GET", "/p/{slug}/budgets/1", BUDGET),  # made by the line above where allowed
    Route("GET", "/p/{slug}/budgets/1/devis.csv", BUDGET),
]


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix(
    persona: str, database: Database, office: Office, browser_for: Callable[[str], Browser]
) -> None:
    accounts.create_user(database, "newcomer@maree.fr", PASSWORD, "Newcomer")
    scene3 = scripts.get_scene(database, office.slug, "3", actor=None)
    manual = breakdown.add_tag(database, office.slug, scene3.id, "props", "PARAPLUIE", actor=None)
    browser = browser_for(persona)
    got: dict[str, int] = {}
    for route in ROUTES:
        path = route.path.format(
            slug=office.slug,
            other=office.other.slug,
            tag=_first_suggestion(database, office),
            manual=manual.id,
        )
        if route.method == "GET":
            response = browser.get(path)
        elif route.path.endswith("/script"):
            revised = script_bytes().replace(b"Sept heures douze.", b"Sept heures vingt.")
            response = browser.upload(path, "maree-basse-v2.fountain", revised)
        else:
            assert route.data is not None
            response = browser.post(path, route.data(database, office))
        got[f"{route.method} {route.path}"] = response.status_code
        if persona == ANON and response.status_code == 303:
            assert response.headers["location"].startswith("/login"), path
    expected = {f"{r.method} {r.path}": r.expected[persona] for r in ROUTES}
    assert got == expected


@pytest.mark.parametrize("persona", [A, C, G, OUT, ANON])
def test_refused_writes_change_nothing(
    persona: str, database: Database, office: Office, browser_for: Callable[[str], Browser]
) -> None:
    browser = browser_for(persona)
    scene = scripts.get_scene(database, office.slug, "1", actor=None)
    before = breakdown.sheet(database, office.slug, "1", actor=None)
    tag = next(t for t in before.tags if t.status is TagStatus.SUGGESTED)
    base = f"/p/{office.slug}/scenes/1"
    attempts = [
        browser.post(f"{base}/tags", {"category": "props", "name": "THERMOS"}),
        browser.post(
            f"{base}/tags/{tag.id}/status", {"status": "rejected", "version": tag.version}
        ),
        browser.post(f"{base}/notes", {"notes": "pirate", "version": scene.version}),
        browser.upload(f"/p/{office.slug}/script", "v2.fountain", script_bytes() + b"\nFIN.\n"),
        browser.post(f"/p/{office.slug}/members", {"email": "guest@maree.fr", "role": "producer"}),
    ]
    assert all(r.status_code in (303, 403, 404) for r in attempts)
    assert all(r.status_code != 303 or persona == ANON for r in attempts)
    assert breakdown.sheet(database, office.slug, "1", actor=None) == before
    assert len(scripts.list_versions(database, office.slug, actor=None)) == 1
    assert accounts.role_of(database, office.users["guest"].id, office.slug) == "guest"


def test_refusal_pages_say_why(office: Office, browser_for: Callable[[str], Browser]) -> None:
    crew = browser_for(C)
    refused = crew.get(f"/p/{office.slug}/feasibility")
    assert refused.status_code == 403
    assert "votre rôle dans cette production (membre de l’équipe)" in refused.text
    assert "ne permet pas cette action\u00a0: voir le diagnostic de faisabilité" in refused.text
    assert "Action non autorisée" in refused.text
    outsider = browser_for(OUT).get(f"/p/{office.slug}/scenes")
    assert outsider.status_code == 404
    assert f"aucune production «\u00a0{office.slug}\u00a0»" in outsider.text  # not "not allowed"


def test_pages_hide_what_the_role_cannot_do(
    office: Office, browser_for: Callable[[str], Browser]
) -> None:
    scene = f"/p/{office.slug}/scenes/2"
    producer = browser_for(P).get(scene).text
    crew = browser_for(C).get(scene).text
    assert "Accepter" in producer
    assert 'name="category"' in producer
    assert "Accepter" not in crew
    assert 'name="category"' not in crew
    assert "lire le dépouillement, pas de le modifier" in crew
    guest_overview = browser_for(G).get(f"/p/{office.slug}/").text
    assert "/scenes" not in guest_overview
    assert "/feasibility" not in guest_overview
    assert "séquences" in guest_overview  # the headline numbers stay
    members_as_manager = browser_for(M).get(f"/p/{office.slug}/members").text
    assert "Ajouter un membre" not in members_as_manager
    assert "Ajouter un membre" in browser_for(P).get(f"/p/{office.slug}/members").text
