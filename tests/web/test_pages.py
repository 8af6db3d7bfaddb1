# SPDX-License-Identifier: AGPL-3.0-or-later
"""What the pages show: productions, overview, scene strips, characters, members,
feasibility, downloads; and in which language."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

from fastapi import FastAPI
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from regie.services import accounts
from regie.services.database import Database
from regie.web.i18n import LANG_COOKIE
from tests.web.conftest import BASE_URL, Browser, Office, make_office, sign_in

Opener = Callable[[str], Browser]


def test_my_productions_lists_only_mine(office: Office, browser_for: Opener) -> None:
    mine = browser_for("crew").get("/").text
    assert "Marée basse" in mine
    assert "Un autre film" not in mine
    assert "Équipe" in mine  # the role, in French
    theirs = browser_for("outsider").get("/").text
    assert "Un autre film" in theirs
    assert "Marée basse" not in theirs


def test_overview_shows_the_headline_numbers(office: Office, browser_for: Opener) -> None:
    page = browser_for("guest").get(f"/p/{office.slug}/").text
    assert "<h1>Marée basse</h1>" in page
    assert "Long métrage" in page
    assert "Production cinématographique (IDCC\u00a03097)" in page
    assert "Version 1 — maree-basse.fountain, importée le" in page
    numbers = {
        label: value
        for value, label in re.findall(
            r'<span class="value">([^<]+)</span><span class="label">([^<]+)</span>', page
        )
    }
    assert numbers["séquences"] == "6"
    assert numbers["personnages parlants"] == "4"  # YVONNE, MATHIS, MATT, LE CHEF DES DOCKERS
    assert numbers["décors"] == "6"
    assert numbers["longueur en pages"] == "3 2/8"
    assert numbers["pages de nuit"] == "6/8"
    assert "suggestions à vérifier" in page


def test_scene_list_is_a_coloured_stripboard(office: Office, browser_for: Opener) -> None:
    page = browser_for("crew").get(f"/p/{office.slug}/scenes").text
    rows = re.findall(r'<tr class="strip (strip-[a-z-]+)">(.*?)</tr>', page, re.S)
    strips = {re.search(r">(\d+)</a>", row).group(1): (colour, row) for colour, row in rows}  # type: ignore[union-attr]
    assert {label: colour for label, (colour, _row) in strips.items()} == {
        "1": "strip-int-day",  # white
        "2": "strip-ext-day",  # yellow
        "3": "strip-int-night",  # blue
        "4": "strip-ext-night",  # green
        "5": "strip-ext-day",  # INT/EXT at dawn: exterior, day
        "6": "strip-ext-day",
    }
    assert '<td class="number">1 4/8</td>' in strips["6"][1]  # eighths
    assert "YVONNE, MATHIS" in strips["1"][1] or "MATHIS, YVONNE" in strips["1"][1]
    assert "LE CHEF DES DOCKERS" in strips["4"][1]
    assert "badge-review" not in page
    for download in ("breakdown.pdf", "breakdown.xlsx", "breakdown.csv"):
        assert f"/p/{office.slug}/{download}" in page


def test_characters_merge_and_separate(office: Office, browser_for: Opener) -> None:
    browser = browser_for("manager")
    url = f"/p/{office.slug}/characters"
    page = browser.get(url).text
    assert re.search(r"<td>YVONNE</td>\s*<td></td>\s*<td class=\"number\">4</td>", page)
    merged = browser.post(f"{url}/merge", {"alias": "MATT", "into": "MATHIS"})
    assert merged.status_code == 303
    page = browser.get(url).text
    assert "MATT est désormais un autre nom de MATHIS." in page
    assert re.search(r"<tr class=\"alias\">\s*<td>MATT</td>\s*<td>MATHIS</td>", page)
    assert re.search(r"<td>MATHIS</td>\s*<td></td>\s*<td class=\"number\">5</td>", page)
    separated = browser.post(f"{url}/unmerge", {"alias": "MATT"})
    assert separated.status_code == 303
    assert "MATT redevient un personnage à part entière." in browser.get(url).text
    unknown = browser.post(f"{url}/merge", {"alias": "NOBODY", "into": "MATHIS"})
    assert unknown.status_code == 404


def test_members_are_managed_by_the_producer(
    database: Database, office: Office, browser_for: Opener
) -> None:
    accounts.create_user(database, "newcomer@maree.fr", "une phrase assez longue", "Nouvelle")
    browser = browser_for("producer")
    url = f"/p/{office.slug}/members"
    assert browser.post(url, {"email": "newcomer@maree.fr", "role": "crew"}).status_code == 303
    assert "newcomer@maree.fr\u00a0: rôle enregistré." in browser.get(url).text
    team = accounts.list_members(database, office.slug, actor=None)
    user = next(m.user for m in team if m.user.email == "newcomer@maree.fr")
    assert accounts.role_of(database, user.id, office.slug) == "crew"
    assert (
        browser.post(url, {"email": "newcomer@maree.fr", "role": "accountant"}).status_code == 303
    )
    assert accounts.role_of(database, user.id, office.slug) == "accountant"
    bad_role = browser.post(url, {"email": "newcomer@maree.fr", "role": "boss"})
    assert bad_role.status_code == 400
    assert "Champ\u00a0: Rôle." in bad_role.text
    no_account = browser.post(url, {"email": "ghost@maree.fr", "role": "crew"})
    assert no_account.status_code == 404
    last_producer = browser.post(f"{url}/remove", {"email": "producer@maree.fr"})
    assert last_producer.status_code == 409
    assert "l’unique producteur·rice de cette production" in last_producer.text
    assert browser.post(f"{url}/remove", {"email": "newcomer@maree.fr"}).status_code == 303
    assert accounts.role_of(database, user.id, office.slug) is None


def test_feasibility_page_embeds_the_report(office: Office, browser_for: Opener) -> None:
    browser = browser_for("accountant")
    page = browser.get(f"/p/{office.slug}/feasibility").text
    assert "Diagnostic de faisabilité" in page
    assert f"/p/{office.slug}/feasibility.pdf" in page
    pdf = browser.get(f"/p/{office.slug}/feasibility.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert re.fullmatch(
        r'attachment; filename="MARBAS_\d{8}_FAISABILITE_diagnostic_v01\.pdf"',
        pdf.headers["content-disposition"],
    )


def test_pages_before_any_import(database: Database, app: FastAPI) -> None:
    office = make_office(database, imported=False)
    browser = sign_in(app, "producer@maree.fr")
    assert "Aucun scénario importé" in browser.get(f"/p/{office.slug}/").text
    assert "Aucun scénario importé" in browser.get(f"/p/{office.slug}/scenes").text
    assert "importez-le d’abord" in browser.get(f"/p/{office.slug}/feasibility").text
    assert "Aucun personnage parlant" in browser.get(f"/p/{office.slug}/characters").text
    assert browser.get(f"/p/{office.slug}/breakdown.csv").status_code == 404
    assert browser.get(f"/p/{office.slug}/scenes/1").status_code == 404


def test_breakdown_downloads(office: Office, browser_for: Opener) -> None:
    browser = browser_for("crew")
    csv = browser.get(f"/p/{office.slug}/breakdown.csv")
    assert csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert csv.text.startswith("\ufeffSéquence,")
    assert "PLAGE DES GRANDS SABLES" in csv.text
    xlsx = browser.get(f"/p/{office.slug}/breakdown.xlsx")
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.active.cell(row=2, column=1).value == "1"
    pdf = browser.get(f"/p/{office.slug}/breakdown.pdf")
    assert pdf.content.startswith(b"%PDF-")
    scene = browser.get(f"/p/{office.slug}/scenes/6.pdf")
    assert scene.content.startswith(b"%PDF-")
    assert re.fullmatch(
        r'attachment; filename="MARBAS_\d{8}_DEPOUILLEMENT_sequence-6_v01\.pdf"',
        scene.headers["content-disposition"],
    )


def test_french_by_default_english_by_switch_or_browser(
    app: FastAPI, office: Office, browser_for: Opener
) -> None:
    browser = browser_for("producer")
    french = browser.get(f"/p/{office.slug}/scenes/1").text
    assert '<html lang="fr">' in french
    assert "Séquences" in french
    assert "Se déconnecter" in french
    switched = browser.post("/lang", {"lang": "en", "next": f"/p/{office.slug}/scenes/1"})
    assert switched.status_code == 303
    assert switched.headers["location"] == f"/p/{office.slug}/scenes/1"
    cookie = next(
        h for h in switched.headers.get_list("set-cookie") if h.startswith(f"{LANG_COOKIE}=")
    ).lower()
    assert "samesite=lax" in cookie
    assert "secure" in cookie
    english = browser.get(f"/p/{office.slug}/scenes/1").text
    assert '<html lang="en">' in english
    assert "Scenes" in english
    assert "Sign out" in english
    assert "Tag an element" in english
    assert "Breakdown sheet" in english  # the documents' fragment follows
    assert "Séquences" not in english
    visitor = sign_in(app, None)
    visitor.client.headers["accept-language"] = "en-GB,en;q=0.9,fr;q=0.5"
    assert '<html lang="en">' in visitor.get("/login").text
    visitor.client.headers["accept-language"] = "de-DE,de;q=0.9"
    assert '<html lang="fr">' in visitor.get("/login").text


def test_dates_are_written_the_french_way(office: Office, browser_for: Opener) -> None:
    page = browser_for("producer").get(f"/p/{office.slug}/script").text
    months = "janv.|févr.|mars|avr.|mai|juin|juil.|août|sept.|oct.|nov.|déc."
    assert re.search(rf"<td>\d{{1,2}} ({months}) \d{{4}}(,| à) \d\d:\d\d</td>", page)


def test_unknown_page_is_a_404_page(app: FastAPI) -> None:
    response = TestClient(app, base_url=BASE_URL).get("/nulle/part")
    assert response.status_code == 404
    assert "Introuvable" in response.text
