# SPDX-License-Identifier: AGPL-3.0-or-later
"""Script uploads: a file regie cannot read is refused with 4xx and its message on the
script page, and nothing is stored; a good one becomes the next version."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI

from regie.services import scripts
from regie.services.database import Database
from regie.web.app import create_app
from tests.web.conftest import SECRET, Browser, Office, script_bytes, sign_in

FDX = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n'
    b'<FinalDraft DocumentType="Script" Version="5">\n<Content>\n'
    b'<Paragraph Type="Scene Heading"><Text>INT. CUISINE - JOUR</Text></Paragraph>\n'
    b'<Paragraph Type="Action"><Text>Yvonne allume la radio.</Text></Paragraph>\n'
    b"</Content>\n</FinalDraft>\n"
)
ENTITY_BOMB = (
    b'<?xml version="1.0"?>\n<!DOCTYPE FinalDraft [\n<!ENTITY lol "lol">\n'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n'
    b']>\n<FinalDraft><Content><Paragraph Type="Action"><Text>&lol3;</Text>'
    b"</Paragraph></Content></FinalDraft>\n"
)


def _scanned_pdf() -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    shapes = (
        "<html><head><style>@page { size: 612pt 792pt; margin: 0 }</style></head><body>"
        '<svg width="612pt" height="792pt"><rect x="100" y="100" width="300" height="20"/>'
        '<rect x="100" y="140" width="250" height="20"/></svg></body></html>'
    )
    data: bytes = weasyprint.HTML(string=shapes).write_pdf()
    return data


def _versions(database: Database, office: Office) -> int:
    return len(scripts.list_versions(database, office.slug, actor=None))


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("vide.fountain", b"", "le fichier est vide"),
        ("image.fountain", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "fichier binaire"),
        ("bombe.fdx", ENTITY_BOMB, "déclarations d’entités XML"),
        ("coupe.fdx", FDX[: FDX.index(b"Yvonne")], "pas du XML bien formé"),
        ("scan.pdf", None, "pas de couche texte"),
        ("blanc.fountain", b"   \n\n  \n", "ne contient que des blancs"),
    ],
)
def test_bad_files_are_refused_with_their_message(
    *,
    filename: str,
    content: bytes | None,
    message: str,
    database: Database,
    office: Office,
    browser_for: object,
) -> None:
    browser = sign_in_as_producer(browser_for)
    data = _scanned_pdf() if content is None else content
    response = browser.upload(f"/p/{office.slug}/script", filename, data)
    assert response.status_code == 400
    assert message in response.text
    assert filename in response.text  # the message names the file
    assert "Le fichier n’a pas été importé." in response.text
    assert "Importer une version" in response.text  # the script page, form included
    assert _versions(database, office) == 1


def sign_in_as_producer(browser_for: object) -> Browser:
    assert callable(browser_for)
    browser: Browser = browser_for("producer")
    return browser


def test_a_file_over_the_limit_is_refused_with_413(database: Database, office: Office) -> None:
    app = create_app(database, secret_key=SECRET, max_upload_bytes=2048)
    browser = sign_in(app, "producer@maree.fr")
    response = browser.upload(f"/p/{office.slug}/script", "long.fountain", script_bytes())
    assert len(script_bytes()) > 2048
    assert response.status_code == 413
    assert "dépasse les 2\u00a0Ko que regie accepte" in response.text
    assert "Fichier trop volumineux" in response.text
    assert _versions(database, office) == 1


def test_a_body_announced_too_large_is_refused_before_reading(
    database: Database, office: Office
) -> None:
    app = create_app(database, secret_key=SECRET, max_upload_bytes=4096)
    browser = sign_in(app, "producer@maree.fr")
    big = b"INT. CUISINE - JOUR\n\n" + b"Texte. " * 60_000  # 420 kB, over limit + form overhead
    response = browser.upload(f"/p/{office.slug}/script", "enorme.fountain", big)
    assert response.status_code == 413
    assert "Fichier trop volumineux" in response.text
    assert _versions(database, office) == 1


def test_a_chunked_body_is_cut_when_it_passes_the_limit(database: Database, office: Office) -> None:
    app = create_app(database, secret_key=SECRET, max_upload_bytes=4096)
    browser = sign_in(app, "producer@maree.fr")
    boundary = "regieboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
        f"{browser.token}\r\n--{boundary}\r\n"
        'Content-Disposition: form-data; name="file"; filename="flux.fountain"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()

    def chunks() -> Iterator[bytes]:  # no Content-Length: sent chunked
        yield head
        for _ in range(100):
            yield b"Texte. " * 1000
        yield f"\r\n--{boundary}--\r\n".encode()

    response = browser.client.post(
        f"/p/{office.slug}/script",
        content=chunks(),
        headers={"content-type": f"multipart/form-data; boundary={boundary}"},
    )
    assert response.status_code == 413
    assert _versions(database, office) == 1


def test_the_same_file_twice_is_a_conflict(
    database: Database, office: Office, browser_for: object
) -> None:
    browser = sign_in_as_producer(browser_for)
    response = browser.upload(f"/p/{office.slug}/script", "encore.fountain", script_bytes())
    assert response.status_code == 409
    assert "ce fichier est déjà la version 1 du scénario" in response.text
    assert _versions(database, office) == 1


def test_no_file_names_the_field(database: Database, office: Office, browser_for: object) -> None:
    browser = sign_in_as_producer(browser_for)
    response = browser.post(f"/p/{office.slug}/script", {})
    assert response.status_code == 400
    assert "Champ\u00a0: Fichier." in response.text
    assert "choisissez un fichier de scénario à importer" in response.text
    assert _versions(database, office) == 1


def test_a_revision_is_imported_and_reported(
    database: Database, office: Office, browser_for: object
) -> None:
    browser = sign_in_as_producer(browser_for)
    revised = script_bytes().replace(b"Sept heures douze.", b"Sept heures vingt.")
    response = browser.upload(f"/p/{office.slug}/script", "maree-basse-v2.fountain", revised)
    assert response.status_code == 303
    assert response.headers["location"] == f"/p/{office.slug}/script"
    page = browser.get(response.headers["location"]).text
    assert "La version 2 du scénario est importée (maree-basse-v2.fountain)." in page
    assert "Changements de la version 2" in page
    changed = page.split("Séquences modifiées</dt><dd>")[1].split("</dd>")[0]
    assert changed == "6"
    assert _versions(database, office) == 2
    scenes = browser.get(f"/p/{office.slug}/scenes").text
    assert scenes.count("badge-review") == 1  # scene 6 is to review


def test_the_app_opens_a_database_url(database: Database) -> None:
    if not database.is_sqlite:
        pytest.skip("the URL form is checked on SQLite")
    app: FastAPI = create_app(database.url, secret_key=SECRET)
    assert app.state.regie.db.url == database.url


def test_a_refused_file_is_explained_in_the_visitors_language(
    database: Database, office: Office, browser_for: object
) -> None:
    browser = sign_in_as_producer(browser_for)
    url = f"/p/{office.slug}/script"
    french = browser.upload(url, "vide.fountain", b"")
    assert french.status_code == 400
    assert '<html lang="fr">' in french.text
    assert (
        "vide.fountain\u00a0: le fichier est vide. "
        "Choisissez le fichier du scénario lui-même, pas un fichier vide."
    ) in french.text
    assert "the file is empty" not in french.text

    browser.client.headers["Accept-Language"] = "en-GB,en;q=0.8"
    english = browser.upload(url, "vide.fountain", b"")
    assert english.status_code == 400
    assert '<html lang="en">' in english.text
    assert (
        "vide.fountain: the file is empty. Choose the script file itself, not a blank."
    ) in english.text

    del browser.client.headers["Accept-Language"]
    browser.post("/lang", {"lang": "en", "next": url})  # the language switch wins
    switched = browser.upload(url, "vide.fountain", b"")
    assert "the file is empty" in switched.text
    assert _versions(database, office) == 1
