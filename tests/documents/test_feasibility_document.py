# SPDX-License-Identifier: AGPL-3.0-or-later
"""The feasibility diagnosis as HTML and PDF, read back.

HTML is compared with golden files under ``tests/documents/golden/``; after an intended
change, regenerate them with ``REGIE_UPDATE_GOLDENS=1 pytest tests/documents`` and review
the diff before committing.
"""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal

import pdfplumber
import pytest

from regie.documents.feasibility import feasibility_html, feasibility_pdf
from regie.script.feasibility import DayEstimate
from tests.documents.golden import assert_golden
from tests.documents.samples import PRODUCTION, REPORT

NBSP = "\u00a0"


def pdf_text(pdf: bytes) -> tuple[int, str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return len(document.pages), "\n".join(p.extract_text() or "" for p in document.pages)


def test_pdf_in_french() -> None:
    pages, text = pdf_text(feasibility_pdf(REPORT, PRODUCTION))
    assert pages >= 1
    assert f"page 1 / {pages}" in text
    for expected in (
        "Diagnostic de faisabilité",
        "La Clef du Quai",
        "6 pages imprimées, 4 séquences",
        "4 3/8 pages (35 huitièmes)",
        "environ 4,4",
        "1 jour",
        "à raison de 5 à 10 pages par jour",
        "shoot-pace@2026.1: tv_fiction.pages_per_day",
        "usage (customary)",
        "CutPrint",
        "Intérieur / extérieur",
        "Jour / nuit",
        "RUE DU PORT",
        "VOIX D'HÉLÈNE",
        "Extérieurs nuit",
        "Extérieurs soumis à la météo",
        "Animaux",
        "à confirmer",
        "confirmé",
        "Méthode",
        "feasibility-drivers@2026.1",
    ):
        assert expected in text, expected


def test_pdf_in_english() -> None:
    _pages, text = pdf_text(feasibility_pdf(REPORT, PRODUCTION, locale="en"))
    for expected in (
        "Feasibility diagnosis",
        "TV fiction",
        "at 5 to 10 pages a day, for 4.375 pages",
        "— customary —",
        "Night exteriors",
        "Crowds and extras",
        "to confirm",
        "Method",
    ):
        assert expected in text, expected
    assert "usage" not in text


def test_shares_and_cast_aliases_in_html() -> None:
    html = feasibility_html(REPORT, PRODUCTION, fragment=True)
    # EXT: 27 of 35 eighths
    assert '<tr><td>EXT</td><td class="number">2</td><td class="number">3 3/8</td>' in html
    assert "77\u00a0%" in html
    assert "<td>VOIX D&#39;HÉLÈNE</td>" in html
    assert html.startswith('<article class="regie-document feasibility">')
    assert "<html" not in html


@pytest.mark.parametrize(
    ("days", "locale", "expected"),
    [
        (
            DayEstimate(None, None, "none", reason="the production's running time is not set"),
            "fr",
            f"Pas d’estimation{NBSP}: la durée de la production n’est pas renseignée.",
        ),
        (
            DayEstimate(
                None, None, "none", reason="no customary pace for 'magazine' in shoot-pace@2026.1"
            ),
            "fr",
            f"aucun rythme d’usage pour «{NBSP}magazine{NBSP}» dans shoot-pace@2026.1.",
        ),
        (
            DayEstimate(None, None, "none", reason="the pack was not loaded"),
            "en",
            "No estimate: the pack was not loaded.",
        ),
    ],
)
def test_no_day_estimate_prints_the_reason(days: DayEstimate, locale: str, expected: str) -> None:
    html = feasibility_html(replace(REPORT, shoot_days=days), PRODUCTION, locale=locale)
    assert expected in html


def test_minutes_basis() -> None:
    days = DayEstimate(
        low=18,
        high=26,
        basis="minutes",
        quantity=Decimal("52"),
        fast_rate=Decimal("3"),
        slow_rate=Decimal("2"),
        rule="shoot-pace@2026.1: documentary.minutes_per_day",
        citation="customary — ESJ Lille / FIGRA 2017",
    )
    html = feasibility_html(replace(REPORT, shoot_days=days), PRODUCTION, fragment=True)
    assert "18 à 26 jours" in html
    assert "à raison de 2 à 3 minutes utiles par jour, pour 52 minutes" in html


def test_names_are_escaped() -> None:
    report = replace(REPORT, cast=(replace(REPORT.cast[0], name="<b>ÉVE</b>"),))
    html = feasibility_html(report, PRODUCTION)
    assert "<b>" not in html
    assert "&lt;b&gt;ÉVE&lt;/b&gt;" in html


@pytest.mark.parametrize(
    ("name", "locale", "fragment"),
    [("feasibility.fr.html", "fr", False), ("feasibility.en.fragment.html", "en", True)],
)
def test_html_golden(name: str, locale: str, fragment: bool) -> None:
    assert_golden(name, feasibility_html(REPORT, PRODUCTION, locale=locale, fragment=fragment))
