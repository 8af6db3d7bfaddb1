# SPDX-License-Identifier: AGPL-3.0-or-later
"""Editing a scene's breakdown on its page: suggestions, tags, notes, review flag.

Every edit answers htmx with the refreshed sheet panel and a plain form with a redirect;
bad values are refused with 4xx naming the field; a stale edit is a 409, never a silent
overwrite.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from regie.script.catalog import TagRecord
from regie.script.elements import Category, TagStatus
from regie.services import breakdown, scripts
from regie.services.database import Database
from tests.web.conftest import Browser, Office, script_bytes

Opener = Callable[[str], Browser]


def _tag(db: Database, office: Office, label: str, name: str) -> TagRecord:
    sheet = breakdown.sheet(db, office.slug, label, actor=None)
    return next(t for t in sheet.tags if t.name == name)


def _sheet_part(html: str) -> str:
    """The breakdown sheet of the panel: its boxes, without the scene's text nor the
    editing column."""
    sheet = html.split('<div class="sheet-column">', 1)[1].split(
        '<aside class="edit-column"', maxsplit=1
    )[0]
    return sheet.split('<section class="scene-text">', 1)[0]


def test_scene_page_shows_sheet_text_and_suggestions(office: Office, browser_for: Opener) -> None:
    page = browser_for("manager").get(f"/p/{office.slug}/scenes/2").text
    sheet = _sheet_part(page)
    assert "Feuille de dépouillement" in sheet  # the documents' fragment
    assert "EXT. PLAGE DES GRANDS SABLES - JOUR" in sheet
    assert "La mer remonte à la vitesse" in page  # the scene's text
    assert "CHIEN" not in sheet  # only suggested so far: not on the sheet
    editing = page.split('<aside class="edit-column"', 1)[1]
    assert "CHIEN" in editing
    assert "Accepter" in editing
    assert "capitals in action" in editing  # why it was suggested
    assert 'rel="prev" href="/p/maree-basse/scenes/1"' in page
    assert 'rel="next" href="/p/maree-basse/scenes/3"' in page


def test_accepting_a_suggestion_with_htmx_swaps_the_panel(
    database: Database, office: Office, browser_for: Opener
) -> None:
    browser = browser_for("manager")
    dog = _tag(database, office, "2", "CHIEN")
    response = browser.post(
        f"/p/{office.slug}/scenes/2/tags/{dog.id}/status",
        {"status": "accepted", "version": dog.version},
        htmx=True,
    )
    assert response.status_code == 200
    assert response.text.startswith('<div id="sheet-panel"')
    assert "<html" not in response.text
    assert "CHIEN" in _sheet_part(response.text)
    assert _tag(database, office, "2", "CHIEN").status is TagStatus.ACCEPTED


def test_rejecting_without_javascript_redirects_to_the_scene(
    database: Database, office: Office, browser_for: Opener
) -> None:
    browser = browser_for("producer")
    dog = _tag(database, office, "2", "CHIEN")
    response = browser.post(
        f"/p/{office.slug}/scenes/2/tags/{dog.id}/status",
        {"status": "rejected", "version": dog.version},
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/p/{office.slug}/scenes/2"
    assert _tag(database, office, "2", "CHIEN").status is TagStatus.REJECTED
    page = browser.get(response.headers["location"]).text
    assert "Suggestions rejetées" in page


def test_tagging_an_element_puts_it_on_the_sheet(
    database: Database, office: Office, browser_for: Opener
) -> None:
    browser = browser_for("manager")
    response = browser.post(
        f"/p/{office.slug}/scenes/1/tags",
        {"category": "props", "name": "Thermos  bleu", "quantity": "2", "note": "rayé"},
        htmx=True,
    )
    assert response.status_code == 200
    sheet = _sheet_part(response.text)
    assert "Thermos bleu" in sheet
    assert "× 2" in sheet
    assert "rayé" in sheet
    tag = _tag(database, office, "1", "Thermos bleu")
    assert (tag.category, tag.status, tag.quantity) == (Category.PROPS, TagStatus.MANUAL, 2)
    removed = browser.post(
        f"/p/{office.slug}/scenes/1/tags/{tag.id}/remove", {"version": tag.version}, htmx=True
    )
    assert removed.status_code == 200
    assert "Thermos bleu" not in removed.text


@pytest.mark.parametrize(
    ("form", "status", "field", "message"),
    [
        (
            {"category": "dragons", "name": "Smaug"},
            400,
            "Catégorie",
            "la catégorie de dépouillement «\u00a0dragons\u00a0» est inconnue",
        ),
        ({"category": "props", "name": "   "}, 400, "Nom", "le nom de l’élément doit avoir"),
        (
            {"category": "props", "name": "Rame", "quantity": "-3"},
            400,
            "Quantité",
            "la quantité doit être d’au moins 1",
        ),
        (
            {"category": "props", "name": "Rame", "quantity": "deux"},
            400,
            "Quantité",
            "«\u00a0deux\u00a0» n’est pas une quantité",
        ),
    ],
)
def test_bad_tag_values_name_the_field(
    *,
    form: dict[str, str],
    status: int,
    field: str,
    message: str,
    database: Database,
    office: Office,
    browser_for: Opener,
) -> None:
    browser = browser_for("producer")
    before = breakdown.sheet(database, office.slug, "1", actor=None)
    for htmx in (False, True):
        response = browser.post(f"/p/{office.slug}/scenes/1/tags", form, htmx=htmx)
        assert response.status_code == status
        assert f"Champ\u00a0: {field}." in response.text
        assert message in response.text
    assert response.headers["HX-Retarget"] == "#flash"  # the htmx answer fills the message area
    assert "<html" not in response.text
    assert breakdown.sheet(database, office.slug, "1", actor=None) == before


def test_tagging_what_is_already_on_the_sheet_is_a_conflict(
    office: Office, browser_for: Opener
) -> None:
    browser = browser_for("producer")
    response = browser.post(
        f"/p/{office.slug}/scenes/1/tags", {"category": "cast", "name": "yvonne"}
    )
    assert response.status_code == 409
    assert "figure déjà sur la feuille de dépouillement de la séquence 1" in response.text


def test_stale_notes_edit_is_refused_with_its_message(
    database: Database, office: Office, browser_for: Opener
) -> None:
    manager, producer = browser_for("manager"), browser_for("producer")
    seen = scripts.get_scene(database, office.slug, "1", actor=None).version
    url = f"/p/{office.slug}/scenes/1/notes"
    first = producer.post(url, {"notes": "Radio d’époque, années 70.", "version": seen})
    assert first.status_code == 303
    stale = manager.post(url, {"notes": "Radio moderne.", "version": seen})
    assert stale.status_code == 409
    assert "quelqu’un d’autre a modifié la séquence 1 entre-temps" in stale.text
    assert "votre modification n’a pas été enregistrée" in stale.text
    assert "En conflit avec les données enregistrées" in stale.text
    stale_htmx = manager.post(url, {"notes": "Radio moderne.", "version": seen}, htmx=True)
    assert stale_htmx.status_code == 409
    assert stale_htmx.headers["HX-Retarget"] == "#flash"
    assert scripts.get_scene(database, office.slug, "1", actor=None).notes == (
        "Radio d’époque, années 70."
    )


def test_a_stale_accept_is_refused_too(
    database: Database, office: Office, browser_for: Opener
) -> None:
    browser = browser_for("producer")
    dog = _tag(database, office, "2", "CHIEN")
    url = f"/p/{office.slug}/scenes/2/tags/{dog.id}/status"
    assert browser.post(url, {"status": "rejected", "version": dog.version}).status_code == 303
    again = browser.post(url, {"status": "accepted", "version": dog.version})
    assert again.status_code == 409
    assert _tag(database, office, "2", "CHIEN").status is TagStatus.REJECTED


def test_version_must_be_a_number(office: Office, browser_for: Opener) -> None:
    response = browser_for("producer").post(
        f"/p/{office.slug}/scenes/1/notes", {"notes": "x", "version": "latest"}
    )
    assert response.status_code == 400
    assert "Champ\u00a0: Version." in response.text


def test_unknown_scene_and_tag_are_404(office: Office, browser_for: Opener) -> None:
    browser = browser_for("producer")
    assert browser.get(f"/p/{office.slug}/scenes/99").status_code == 404
    response = browser.post(
        f"/p/{office.slug}/scenes/1/tags/999999/status", {"status": "accepted", "version": 1}
    )
    assert response.status_code == 404


def test_a_changed_scene_is_marked_reviewed(
    database: Database, office: Office, browser_for: Opener
) -> None:
    revised = script_bytes().replace(b"Sept heures douze.", b"Sept heures vingt.")
    scripts.import_script(database, office.slug, "v2.fountain", revised, actor=None)
    browser = browser_for("manager")
    page = browser.get(f"/p/{office.slug}/scenes/6").text
    assert "Marquer comme vérifiée" in page
    scene = scripts.get_scene(database, office.slug, "6", actor=None)
    assert scene.needs_review
    response = browser.post(
        f"/p/{office.slug}/scenes/6/reviewed", {"version": scene.version}, htmx=True
    )
    assert response.status_code == 200
    assert "Marquer comme vérifiée" not in response.text
    assert not scripts.get_scene(database, office.slug, "6", actor=None).needs_review
