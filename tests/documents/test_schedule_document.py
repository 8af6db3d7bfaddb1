# SPDX-License-Identifier: AGPL-3.0-or-later
"""The shooting schedule (plan de travail) as HTML and PDF, read back with pdfplumber:
days, strips and their colours, totals, violations, the cost summary; HTML against golden
files (``REGIE_UPDATE_GOLDENS=1`` rewrites them)."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from regie.documents.breakdown_xlsx import STRIP_FILLS
from regie.documents.dood import dood_html
from regie.documents.schedule import (
    cast_numbers,
    day_blocks,
    schedule_html,
    schedule_pdf,
    strip_colour,
)
from regie.schedule.dood import day_out_of_days
from regie.schedule.evaluate import evaluate
from regie.schedule.model import DayKind, ShootingProblem
from regie.script.model import IntExt, Light
from tests.documents.golden import assert_golden
from tests.documents.samples import PRODUCTION
from tests.schedule.boards import board, problem

D, N = DayKind.DAY, DayKind.NIGHT
CSS = Path(__file__).resolve().parents[2] / "src/regie/documents/templates/documents.css"
EIGHTHS = {"1": 19, "2": 11, "3": 13, "4": 6, "5": 21}


def sample_problem() -> ShootingProblem:
    """The lead's sample problem (tests/schedule/boards.py) with page lengths."""
    base = problem()
    strips = tuple(replace(s, eighths=EIGHTHS[s.key]) for s in base.strips)
    return replace(base, strips=strips)


PROBLEM = sample_problem()
# Day 1 goes maison → quai → maison (two company moves, 50 min of overtime) and Lucie is
# not free that day; day 2 is a night; day 4 is empty.
BOARD = board((D, ("1", "3", "4")), (N, ("2",)), (D, ("5",)), (D, ()))
EVALUATION = evaluate(PROBLEM, BOARD)


def pdf_pages(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [page.extract_text() or "" for page in document.pages]


def fill_behind(page: Any, text: str) -> tuple[float, ...] | None:
    """The fill colour of the smallest filled rectangle under the first word ``text``."""
    word = next(w for w in page.extract_words() if w["text"] == text)
    x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    under = [
        r
        for r in page.rects
        if r["fill"] and r["x0"] <= x <= r["x1"] and r["top"] <= y <= r["bottom"]
    ]
    if not under:
        return None
    smallest = min(under, key=lambda r: (r["x1"] - r["x0"]) * (r["bottom"] - r["top"]))
    return tuple(round(c, 2) for c in smallest["non_stroking_color"])


def rgb(argb: str) -> tuple[float, ...]:
    return tuple(round(int(argb[i : i + 2], 16) / 255, 2) for i in (2, 4, 6))


def test_pdf_days_in_french() -> None:
    pages = pdf_pages(schedule_pdf(PROBLEM, BOARD, EVALUATION, PRODUCTION))
    assert len(pages) == 2
    days, summary = pages
    for expected in (
        "Plan de travail",
        "Du lundi 1 mars 2027 au jeudi 4 mars 2027 — 4 jours de tournage, 5 séquences",
        "lundi 1 mars 2027 Jour",
        "Pages 4 6/8 · Durée estimée 10 h 50 (tournage 9 h 20, trajets 1 h 30)",
        "Heures supplémentaires",
        "0 h 50",
        "Lieux Maison d'Hélène → Quai → Maison d'Hélène · 2 déplacements d’équipe",
        "mardi 2 mars 2027 Nuit",
        "Pages 1 3/8 · Durée estimée 3 h 00",
        "Séq. INT/EXT Décor Effet Pages Durée Rôles Lieu",
        "1 INT CUISINE JOUR 2 3/8 4 h 00 1 Hélène, 2 Jérôme Maison",
        "3 EXT QUAI AUBE 1 5/8 3 h 20 2 Jérôme, 3 Lucie Quai",
        "⚠ Lucie",
        "2 EXT RUE NUIT 1 3/8 3 h 00 2 Jérôme Rue du port",
        "5 EXT QUAI JOUR 2 5/8 5 h 00 3 Lucie, 4 Noé Quai",
        "Aucune séquence ce jour-là.",
        "page 1 / 2",
    ):
        assert expected in days, expected
    for expected in (
        "Récapitulatif",
        "Jours de tournage 4",
        "Pages 8 6/8",
        "Durée estimée 18 h 50",
        "1 contrainte non respectée",
        "Jours d’attente des comédiens 1 700,00 €",
        "Déplacements d’équipe 2 3 000,00 €",
        "Retours dans un lieu 2 1 600,00 €",
        "Passages jour / nuit 2 2 000,00 €",
        "Heures supplémentaires 0 h 50 500,00 €",
        "Total 7 800,00 €",
        "3 Lucie 1 (01/03/2027) 3 (03/03/2027) 2 1 700,00 €",
        "Contraintes non respectées",
        "⚠ Jour 1 : ",
        "Ce n’est pas le budget.",
    ):
        assert expected in summary.replace("\u202f", " "), expected


def test_pdf_in_english() -> None:
    days, summary = pdf_pages(schedule_pdf(PROBLEM, BOARD, EVALUATION, PRODUCTION, locale="en"))
    for expected in (
        "Shooting schedule",
        "Monday, March 1, 2027 Day",
        "Tuesday, March 2, 2027 Night",
        "Pages 4 6/8 · Estimated time 10 h 50 (shooting 9 h 20, travel 1 h 30)",
        "Locations Maison d'Hélène → Quai → Maison d'Hélène · 2 company moves",
        "Sc. INT/EXT Set Time of day Pages Time Cast Location",
        "⚠ Lucie is not available on 2027-03-01",
        "No scene on this day.",
    ):
        assert expected in days, expected
    for expected in (
        "Summary",
        "Cast holding days 1 €700.00",
        "Company moves 2 €3,000.00",
        "Overtime 0 h 50 €500.00",
        "Total €7,800.00",
        "⚠ Day 1: Lucie is not available on 2027-03-01",
        "in euros, used to compare boards",
    ):
        assert expected in summary, expected


def test_strips_print_in_stripboard_colours() -> None:
    pdf = schedule_pdf(PROBLEM, BOARD, EVALUATION, PRODUCTION)
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        # INT day white, EXT dawn (a day colour) yellow, INT night blue, EXT night green
        assert fill_behind(page, "CUISINE") == rgb(STRIP_FILLS[(False, False)])
        assert fill_behind(page, "AUBE") == rgb(STRIP_FILLS[(True, False)])
        assert fill_behind(page, "RUE") == rgb(STRIP_FILLS[(True, True)])
        words = [w for w in page.extract_words() if w["text"] == "NUIT"]
        assert len(words) == 2  # scene 4 (INT night), scene 2 (EXT night)


def test_strip_colour_classes_and_css() -> None:
    html = schedule_html(PROBLEM, BOARD, EVALUATION, PRODUCTION, fragment=True)
    found = re.findall(r'<tr class="strip strip-([a-z-]+)[^"]*" id="strip-(\w+)"', html)
    assert {key: colour for colour, key in found} == {
        "1": "int-day", "3": "ext-day", "4": "int-night", "2": "ext-night", "5": "ext-day",
    }  # fmt: skip
    css = CSS.read_text(encoding="utf-8")
    for (exterior, night), argb in STRIP_FILLS.items():
        name = f"{'ext' if exterior else 'int'}-{'night' if night else 'day'}"
        assert f".shooting-schedule .strip-{name} {{ background: #{argb[2:].lower()}; }}" in css


def test_strip_colour_prefers_the_strip_over_its_heading() -> None:
    strip = PROBLEM.strips[0]  # INT. CUISINE - JOUR
    assert strip_colour(strip) == "int-day"
    assert strip_colour(replace(strip, int_ext=IntExt.INT_EXT, light=Light.NIGHT)) == "ext-night"
    assert strip_colour(replace(strip, heading="CUISINE")) == "int-day"


def test_day_totals_agree_with_the_evaluation() -> None:
    days = day_blocks(PROBLEM, BOARD, EVALUATION)
    assert tuple(d.minutes for d in days) == EVALUATION.cost.day_minutes
    assert sum(d.company_moves for d in days) == EVALUATION.cost.company_moves
    assert sum(d.overtime_minutes for d in days) == EVALUATION.cost.overtime_minutes
    assert [d.eighths for d in days] == [38, 11, 21, 0]
    assert days[0].cast == ((1, "Hélène"), (2, "Jérôme"), (3, "Lucie"))


def test_cast_numbers_are_the_dood_rows() -> None:
    rows = day_out_of_days(PROBLEM, BOARD)
    numbers = cast_numbers(PROBLEM, BOARD)
    assert [numbers[row.cast] for row in rows] == list(range(1, len(rows) + 1))
    # Without Hélène's scenes, Jérôme is number 1 in both documents.
    smaller = board((D, ("3",)), (N, ("2",)), (D, ("5",)))
    rows = day_out_of_days(PROBLEM, smaller)
    assert cast_numbers(PROBLEM, smaller) == {"jerome": 1, "lucie": 2, "noe": 3}
    assert '<td class="cast-number">1</td><th class="cast-name" scope="row">Jérôme' in (
        dood_html(rows, smaller, PRODUCTION, fragment=True)
    )


def test_a_cast_key_outside_the_problem_prints_without_number() -> None:
    strips = (replace(PROBLEM.strips[0], cast=("helene", "ghost")), *PROBLEM.strips[1:])
    shoot = replace(PROBLEM, strips=strips)
    days = day_blocks(shoot, BOARD, evaluate(shoot, BOARD))
    assert days[0].strips[0].cast == ((0, "ghost"), (1, "Hélène"))
    html = schedule_html(shoot, BOARD, evaluate(shoot, BOARD), PRODUCTION, fragment=True)
    assert '<td class="cast">ghost, <span class="cast-number">1</span>&nbsp;Hélène</td>' in html


def test_day_violations_print_once_in_the_day_header() -> None:
    # Every scene on day 1: 1,040 min + 4 × 45 min of travel, over the 720 min a day
    # allows; no scene is left for the other days.
    crowded = board((D, ("1", "2", "3", "4", "5")), (N, ()), (D, ()), (D, ()))
    evaluation = evaluate(PROBLEM, crowded)
    days = day_blocks(PROBLEM, crowded, evaluation, locale="en")
    assert len(days[0].problems) == 1
    assert days[0].problems[0].startswith("day 1 needs 1220 min")
    assert all("needs 1220" not in m for s in days[0].strips for m in s.violations)
    html = schedule_html(PROBLEM, crowded, evaluation, PRODUCTION, locale="en", fragment=True)
    assert html.count("day 1 needs 1220 min") == 2  # the day header and the summary


def test_unscheduled_scenes_are_listed_in_the_summary() -> None:
    partial = board((D, ("1",)), (N, ("2",)), (D, ()), (D, ()))
    evaluation = evaluate(PROBLEM, partial)
    _days, summary = pdf_pages(schedule_pdf(PROBLEM, partial, evaluation, PRODUCTION, locale="en"))
    assert "⚠ scene 3 is not on any shoot day" in summary
    assert "⚠ scene 5 is not on any shoot day" in summary
    assert "3 constraints not met" in summary


def test_fragment_and_escaping() -> None:
    hostile = replace(
        PROBLEM, cast=(replace(PROBLEM.cast[0], name="<script>x</script>"), *PROBLEM.cast[1:])
    )
    html = schedule_html(hostile, BOARD, evaluate(hostile, BOARD), PRODUCTION, fragment=True)
    assert html.startswith('<article class="regie-document shooting-schedule">')
    assert "<html" not in html
    assert "<script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert not re.search(r"\sstyle=", html)  # the web CSP refuses inline styles


@pytest.mark.parametrize(
    ("name", "locale", "fragment"),
    [("schedule.fr.html", "fr", False), ("schedule.en.fragment.html", "en", True)],
)
def test_html_golden(name: str, locale: str, fragment: bool) -> None:
    html = schedule_html(PROBLEM, BOARD, EVALUATION, PRODUCTION, locale=locale, fragment=fragment)
    assert_golden(name, html)
