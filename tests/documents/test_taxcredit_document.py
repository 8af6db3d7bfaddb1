# SPDX-License-Identifier: AGPL-3.0-or-later
"""The tax-credit trace and the provisional-approval file as PDF, read back with
pdfplumber: the figures, every step's formula, article and rule, the pieces and the
eligible-spend annex."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pdfplumber

from regie.documents.taxcredit import agrement_pdf, trace_html, trace_pdf
from regie.finance.taxcredit.checklist import checklist
from regie.finance.taxcredit.compute import compute, load_pack
from regie.finance.taxcredit.eligibility import SpendLine, eligible_spend
from regie.finance.taxcredit.model import (
    Coproducer,
    Credit,
    Genre,
    TaxCreditCase,
    TaxCreditInputs,
    TaxCreditResult,
)
from regie.rules.registry import pack

ON = dt.date(2026, 6, 1)


def pdf_text(pdf: bytes) -> tuple[int, str]:
    """The page count and the text, every run of spaces (narrow, no-break) made one."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        text = "\n".join(p.extract_text() or "" for p in document.pages)
        return len(document.pages), " ".join(text.split())


def pdf_cells(pdf: bytes) -> list[str]:
    """Every table cell of the document, its lines joined (a wrapped formula reads whole)."""
    cells: list[str] = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            for table in page.extract_tables():
                cells.extend(" ".join((cell or "").split()) for row in table for cell in row)
    return cells


def fiction() -> TaxCreditResult:
    case = TaxCreditCase(
        Credit.AUDIOVISUAL,
        Genre.FICTION,
        TaxCreditInputs(Decimal(800000), minutes=Decimal(52), production_cost=Decimal(1300000)),
        on=ON,
        case_id="H10",
        title="Fiction TV, 52 minutes",
    )
    return compute(case, load_pack(Credit.AUDIOVISUAL))


def test_trace_pdf_carries_every_step_with_article_and_rule() -> None:
    result = fiction()
    pdf = trace_pdf(result, locale="fr")
    pages, text = pdf_text(pdf)
    cells = pdf_cells(pdf)
    assert pages >= 1
    assert f"page 1 / {pages}" in text
    assert "H10" in text
    assert "200 000,00 €" in text  # the credit, French number format
    assert "4000 × 52 = 208000.00" in cells
    assert "25000 ≤ 25000.00 < 30000 → 4000" in cells
    assert "CGI art. 220 sexies VI 2 a (décret 2016-1191)" in cells
    assert "taxcredit-audiovisual@2026.1 ceiling.fiction" in text
    assert "cnc.fr/web/fr/credit-d-impot-audiovisuel" in text.replace(" ", "")
    assert len(result.trace) >= 8


def test_trace_html_in_english_words_the_figures() -> None:
    html = trace_html(fiction(), locale="en")
    assert "Tax credit computation" in html
    assert "€200,000.00" in html
    assert "Audiovisual production tax credit (CGI art. 220 sexies)" in html


def test_agrement_file_has_the_pieces_and_the_spend_annex() -> None:
    lines = [
        SpendLine("L1", "23", Decimal(500000), "Équipe technique", payee_residence="FR"),
        SpendLine("L2", "71", Decimal(300000), "Caméra", region="Bretagne"),
        SpendLine("L3", "71", Decimal(20000), "Grue", country="BE"),
        SpendLine("L4", "overheads", Decimal(70000), "Frais généraux"),
    ]
    spend = eligible_spend(lines, Credit.CINEMA, pack("taxcredit-spend"))
    case = TaxCreditCase(
        Credit.CINEMA,
        Genre.FICTION,
        TaxCreditInputs(
            spend.eligible,
            production_cost=Decimal(1200000),
            french_language=True,
            coproducers=(Coproducer("Alpha", Decimal(1)), Coproducer("Beta", Decimal(1))),
        ),
        on=ON,
        case_id="C1",
    )
    result = compute(case, load_pack(Credit.CINEMA))
    found = checklist(case, pack("taxcredit-agrement"), result=result, spend=spend)
    pages, text = pdf_text(agrement_pdf(found, result, locale="fr", spend=spend))
    flat = text
    assert pages >= 3  # checklist, figures annex, spend annex
    assert "Société requérante" in flat
    assert "Langue de tournage" in flat
    assert "Admission au soutien audiovisuel" not in flat  # an audiovisual piece
    assert "taxcredit-agrement@2026.1" in flat
    assert "FR / Bretagne" in flat
    assert "BE" in flat
    assert "800 000,00 €" in text  # eligible: 500 000 + 300 000
    assert "90 000,00 €" in text  # not eligible: 20 000 abroad + 70 000 overheads
    assert "Alpha" in flat
    assert "Beta" in flat
    english = pdf_cells(agrement_pdf(found, result, locale="en", spend=spend))
    assert any(c.startswith("Applicant: French company subject to corporate tax") for c in english)
