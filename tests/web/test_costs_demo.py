# SPDX-License-Identifier: AGPL-3.0-or-later
"""The demo production has a cost report with actuals from the FEC regie ships (every
ledger charge mapped, counted once, plus the invoice and the expense report after the
ledger's cut-off), a burn chart against its schedule, a snapshot — shown as a page and
printed as a PDF; the crew member sees only their expense reports."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pdfplumber

from regie.finance.costreport import Source
from regie.services import cost_reports, demo
from regie.web.app import create_app
from tests.web.conftest import SECRET, sign_in


def test_the_demo_cost_report_as_a_page_and_a_pdf(tmp_path: Path) -> None:
    summary = demo.build_demo(tmp_path / "demo")
    db = summary.config.database()
    slug = summary.production.slug
    try:
        view = cost_reports.cost_report(
            db, slug, summary.budget.number, actor=None, as_of=demo.DEMO_TODAY
        )
        report = view.report
        mapping = cost_reports.mapping(db, slug, actor=None)
        assert mapping is not None
        assert mapping.unmapped == ()
        assert report.unmapped == ()
        by_source: dict[Source, Decimal] = {}
        for chapter in report.chapters:
            for line in chapter.lines:
                for source, amount in line.by_source.items():
                    by_source[source] = by_source.get(source, Decimal(0)) + amount
        assert by_source[Source.LEDGER] == mapping.mapped_total
        assert by_source[Source.INVOICE] == Decimal("4800.00")  # after the cut-off
        assert by_source[Source.EXPENSE] == Decimal("197.80")  # 4 × 21,40 + 2 × 56,10
        assert report.figures.actual == sum(by_source.values())
        camera = report.line("71")
        assert camera is not None
        assert camera.figures.committed == Decimal("7200.00")  # 12 000 − 4 800 invoiced
        assert view.burn is not None
        assert view.burn.weeks[-1].planned == summary.devis_total
        assert [s.week for s in view.snapshots] == [demo.DEMO_TODAY]  # a Monday

        app = create_app(db, secret_key=SECRET)
        browser = sign_in(app, "compta@demo.regie", demo.DEMO_PASSWORD)
        page = browser.get(f"/p/{slug}/costs")
        assert page.status_code == 200
        assert 'class="burn-chart"' in page.text
        assert "<polyline" in page.text
        assert " style=" not in page.text
        pdf = browser.get(f"/p/{slug}/costs/report.pdf")
        assert pdf.status_code == 200
        with pdfplumber.open(io.BytesIO(pdf.content)) as document:
            text = "\n".join(p.extract_text() or "" for p in document.pages)
        assert "Le Dernier Bac" in text
        assert "4 850,00" in text.replace("\u202f", " ")  # the insurance, from the ledger
        assert browser.get(f"/p/{slug}/costs/final").status_code == 200
        browser.client.close()

        crew = sign_in(app, "equipe@demo.regie", demo.DEMO_PASSWORD)
        assert crew.get(f"/p/{slug}/costs").status_code == 403
        listed = crew.get(f"/p/{slug}/costs/expenses")
        assert listed.status_code == 200
        assert "Repérages à Sainte-Aude" not in listed.text  # made by the office, not by them
        crew.client.close()
    finally:
        db.dispose()
