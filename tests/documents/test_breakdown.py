# SPDX-License-Identifier: AGPL-3.0-or-later
"""Breakdown sheets as HTML and PDF, checked by reading them back.

PDFs are read with pdfplumber. HTML is compared with golden files under
``tests/documents/golden/``; after an intended change, regenerate them with
``REGIE_UPDATE_GOLDENS=1 pytest tests/documents`` and review the diff before committing.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pdfplumber
import pytest

from regie.documents.breakdown import breakdown_pdf, breakdown_sheet_html, sheet_view
from regie.documents.templating import stylesheet
from regie.script.catalog import BreakdownSheet
from tests.documents.golden import assert_golden
from tests.documents.samples import PRODUCTION, SHEETS


def pdf_pages(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [page.extract_text() or "" for page in document.pages]


@pytest.fixture(scope="module")
def french_pages() -> list[str]:
    return pdf_pages(breakdown_pdf(SHEETS, PRODUCTION, script_version=3))


def test_pdf_has_one_page_per_scene(french_pages: list[str]) -> None:
    assert len(french_pages) == len(SHEETS)
    for number, text in enumerate(french_pages, start=1):
        assert f"page {number} / {len(SHEETS)}" in text
        assert "La Clef du Quai" in text  # running header and header block


def test_pdf_prints_the_scene_header_and_french_boxes(french_pages: list[str]) -> None:
    quai = french_pages[0]
    for expected in (
        "Feuille de dépouillement",
        "Séquence",
        "EXT. QUAI DES BRUMES - NUIT",
        "Fiction télévisée",
        "NUIT",
        "1 3/8",
        "3–4",
        "Version du scénario",
        "Hélène attend Jérôme, qui ne vient pas.",
        "Prévoir la pluie et un plan de repli en intérieur.",
        # category boxes, labelled in French
        "Comédiens",
        "Figuration",
        "Effets spéciaux (plateau)",
        "Accessoires",
        "Maquillage / coiffure",
        # elements, quantities and notes
        "1. HÉLÈNE",
        "2. JÉRÔME",
        "silhouette de dos",
        "DOCKERS",
        "× 3",
        "en bleu de travail",
        "pluie artificielle",
        "<script>alert(1)</script>",
        'CHAISE, "LOUIS XV"',
    ):
        assert expected in quai, expected
    # Not reviewed and rejected suggestions stay off the sheet unless asked for.
    assert "CHIEN" not in quai
    assert "CAMIONNETTE" not in quai
    assert "RUE DU PORT" in french_pages[2]
    assert "2" in french_pages[2].split("Longueur")[1]


def test_pdf_warns_when_the_scene_changed_in_the_last_revision(french_pages: list[str]) -> None:
    assert "vérifiez son dépouillement" in french_pages[3]
    assert "vérifiez son dépouillement" not in french_pages[0]


def test_single_scene_pdf_in_english_with_suggestions() -> None:
    pdf = breakdown_pdf(SHEETS[:1], PRODUCTION, locale="en", include_suggested=True)
    (text,) = pdf_pages(pdf)
    for expected in ("Breakdown sheet", "Scene", "Cast", "Extras", "Props", "Time of day"):
        assert expected in text, expected
    assert "Comédiens" not in text
    assert "CHIEN" in text
    assert "(to confirm)" in text
    assert "CAMIONNETTE" not in text  # rejected: never printed
    assert "page 1 / 1" in text


def test_suggestions_are_marked_to_confirm_in_html() -> None:
    html = breakdown_sheet_html(SHEETS[0], PRODUCTION, fragment=True, include_suggested=True)
    assert '<li class="element element-suggested"><span class="element-name">CHIEN</span>' in html
    assert "(à confirmer)" in html
    plain = breakdown_sheet_html(SHEETS[0], PRODUCTION, fragment=True)
    assert "CHIEN" not in plain
    assert "à confirmer" not in plain


def test_element_names_are_escaped() -> None:
    html = breakdown_sheet_html(SHEETS[0], PRODUCTION)
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "CHAISE, &#34;LOUIS XV&#34;" in html


def test_a_title_cannot_escape_the_print_css() -> None:
    hostile = replace(PRODUCTION, title='Le "Quai" </style><script>x()</script>')
    html = breakdown_sheet_html(SHEETS[1], hostile)
    assert html.count("</style>") == 1
    assert "<script" not in html
    (text,) = pdf_pages(breakdown_pdf(SHEETS[1:2], hostile))
    assert text.startswith('Le "Quai" </style><script>x()</script>')  # running header


def test_scene_text_on_request() -> None:
    html = breakdown_sheet_html(SHEETS[0], PRODUCTION, fragment=True, include_text=True)
    assert '<p class="cue">HÉLÈNE (V.O.)</p>' in html
    assert '<p class="dialogue">Il ne viendra pas.</p>' in html
    assert "Il ne viendra pas." not in breakdown_sheet_html(SHEETS[0], PRODUCTION, fragment=True)


def test_view_groups_boxes_in_category_order() -> None:
    view = sheet_view(SHEETS[0], locale="en", include_suggested=True)
    assert [i.name for i in view.cast.items] == ["HÉLÈNE", "JÉRÔME"]
    assert view.boxes[0].label == "Extras"
    assert len(view.boxes) == 15  # every category but cast, filled or not
    assert view.pages == "3–4"
    assert view.time == "NUIT"
    unnamed = sheet_view(BreakdownSheet(replace(SHEETS[3].scene, time_of_day=None)))
    assert unnamed.time == "Nuit"  # no time written: the day/night category, worded


@pytest.mark.parametrize(
    ("name", "locale", "fragment", "index"),
    [
        ("breakdown_sheet.fr.html", "fr", False, 0),
        ("breakdown_sheet.en.fragment.html", "en", True, 0),
        ("breakdown_sheet_empty.fr.fragment.html", "fr", True, 3),
    ],
)
def test_html_golden(name: str, locale: str, fragment: bool, index: int) -> None:
    html = breakdown_sheet_html(
        SHEETS[index], PRODUCTION, locale=locale, script_version=3, fragment=fragment
    )
    assert_golden(name, html)


def test_stylesheet_for_embedded_fragments() -> None:
    css = stylesheet()
    assert ".breakdown-sheet .box" in css
    assert "@page" not in css  # print rules stay with the standalone documents
