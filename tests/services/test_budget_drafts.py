# SPDX-License-Identifier: AGPL-3.0-or-later
"""The draft devis generated from a planned production, and the demo's draft devis."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import openpyxl

from regie.budget.compute import line_gross
from regie.documents.devis import devis_xlsx
from regie.services import board_reports, boards, budget_drafts, budgets
from regie.services.database import Database
from regie.services.demo import DEMO_DEVIS, build_demo
from tests.services.conftest import Office
from tests.services.test_boards_world import plan_world


def test_a_planned_world_drafts_a_devis(database: Database, imported: Office) -> None:
    world = plan_world(database, imported)
    board = boards.create_board(database, world.slug, 1, actor=None)
    result = budget_drafts.draft_budget(database, world.slug, actor=None, name="Brouillon")
    record = result.record
    assert record.name == "Brouillon"
    assert record.globals["shoot_days"] == Decimal(sum(1 for d in board.days if d.strips))
    computed = budgets.devis(database, world.slug, record.number, actor=None)
    assert [c.chapter.number for c in computed.chapters] == list(range(1, 10))
    assert all(c.total > 0 for c in computed.chapters)  # every chapter has something
    rows = board_reports.dood(database, world.slug, board.id, actor=None)
    costs = {
        str(world.helene.id): world.helene.daily_cost,
        str(world.marc.id): world.marc.daily_cost,
    }
    cast = [r.line for r in record.lines if (r.line.origin or "").startswith("DOOD : ")]
    assert len(cast) == len(rows)
    for row in rows:
        line = next(ln for ln in cast if (ln.origin or "").startswith(f"DOOD : {row.cast} "))
        assert line.quantity == row.paid_days
        assert line.quantity * line.rate == row.paid_days * costs[row.cast]
        assert line.fringe_group == "cddu_performer"
    gaffer = next(r.line for r in record.lines if "Paul Ortiz" in r.line.description)
    assert gaffer.rate == world.gaffer.daily_cost
    assert gaffer.fringe_group in ("cddu_technician", "cddu_technician_audiovisual")
    assert all(r.line.origin for r in record.lines)
    gross = sum((line_gross(r.line) for r in record.lines), Decimal(0))
    assert computed.lines_total == gross
    assert computed.total == gross + computed.fringes_total + sum(a.amount for a in computed.addons)
    assert result.warnings  # employer.other is at 0 % until the production sets it


def test_without_a_schedule_the_draft_says_so(database: Database, imported: Office) -> None:
    result = budget_drafts.draft_budget(database, imported.slug, actor=None)
    assert any("no board to read" in str(w) for w in result.warnings)
    assert result.record.globals["shoot_days"] > 0
    assert result.record.lines


def test_set_globals_keeps_the_others(database: Database, imported: Office) -> None:
    record = budget_drafts.draft_budget(database, imported.slug, actor=None).record
    changed = budgets.set_globals(
        database, imported.slug, record.number, {"shoot_days": Decimal(30)},
        expected_version=record.version, actor=None,
    )  # fmt: skip
    assert changed.globals["shoot_days"] == Decimal(30)
    assert changed.globals["prep_weeks"] == record.globals["prep_weeks"]


def test_the_demo_has_a_draft_devis_in_nine_chapters(tmp_path: Path) -> None:
    summary = build_demo(tmp_path / "demo")
    assert summary.budget.name == DEMO_DEVIS
    db = summary.config.database()
    try:
        slug = summary.production.slug
        computed = budgets.devis(db, slug, summary.budget.number, actor=None)
        production = budgets.production_of(db, slug, actor=None)
    finally:
        db.dispose()
    assert computed.total == summary.devis_total
    book = openpyxl.load_workbook(io.BytesIO(devis_xlsx(computed, production)), data_only=True)
    cells = [c for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row]
    texts = {str(c) for c in cells if isinstance(c, str)}
    for chapter in computed.chapters:
        assert any(chapter.chapter.title in text for text in texts), chapter.chapter.title
    numbers = {
        Decimal(str(c)).quantize(Decimal("0.01")) for c in cells if isinstance(c, int | float)
    }
    lines = sum((line_gross(r.line) for r in summary.budget.lines), Decimal(0))
    assert computed.lines_total == lines
    expected = lines + computed.fringes_total + sum(a.amount for a in computed.addons)
    assert computed.total == expected
    assert expected in numbers  # the XLSX prints the same total
