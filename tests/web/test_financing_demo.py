# SPDX-License-Identifier: AGPL-3.0-or-later
"""The demo production has a balanced financing plan against its devis total, the tax
credit computed from that devis, its lines placed in Normandie and the scenario "si la
région refuse" — shown as a page and printed as a PDF."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber

from regie.services import demo, financing, taxcredits
from regie.web.app import create_app
from tests.web.conftest import SECRET, sign_in


def test_the_demo_plan_is_balanced_as_a_page_and_a_pdf(tmp_path: Path) -> None:
    summary = demo.build_demo(tmp_path / "demo")
    db = summary.config.database()
    slug = summary.production.slug
    try:
        report = financing.report(db, slug, actor=None)
        assert report.budget_total == summary.devis_total
        figures = report.figures
        assert figures is not None
        assert figures.balance.balanced
        assert 0 < figures.balance.secured_total < figures.balance.financing_total
        assert len({s.source.status for s in report.record.sources}) >= 3  # statuses mixed
        assert figures.intensity.within
        assert figures.intensity.tax_credit > 0
        case = taxcredits.get_case(db, slug, actor=None)
        assert case is not None
        assert case.result is not None
        credit = report.record.source(taxcredits.TAX_CREDIT_SOURCE)
        assert credit is not None
        assert credit.from_tax_credit
        assert format(credit.source.amount, "f") == case.result["figures"]["credit_eur"]
        (obligation,) = figures.territorial
        assert obligation.region == "Normandie"
        assert obligation.met
        ((refused, _check),) = figures.scenarios
        assert refused.scenario.title == "Si la région refuse"
        region = report.record.source("region-normandie")
        assert region is not None
        assert refused.balance.gap == region.source.amount

        app = create_app(db, secret_key=SECRET)
        browser = sign_in(app, "production@demo.regie", demo.DEMO_PASSWORD)
        page = browser.get(f"/p/{slug}/financing")
        assert page.status_code == 200
        assert "Télé Normandie" in page.text
        assert 'id="gauge-fill"' in page.text
        assert "style=" not in page.text
        pdf = browser.get(f"/p/{slug}/financing/plan.pdf")
        assert pdf.status_code == 200
        with pdfplumber.open(io.BytesIO(pdf.content)) as document:
            text = "\n".join(p.extract_text() or "" for p in document.pages)
        assert "Le Dernier Bac — plan de financement" in text
        assert "Région Normandie" in text
        assert "Si la région refuse" in text
        assert browser.get(f"/p/{slug}/tax-credit").status_code == 200
        browser.client.close()
    finally:
        db.dispose()
