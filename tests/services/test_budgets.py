# SPDX-License-Identifier: AGPL-3.0-or-later
"""Budgets through the services, on SQLite and PostgreSQL: a devis on the CNC chart of the
production's kind, lines checked before anything is stored, stale edits refused, roles,
and the computed devis agreeing with its lines."""

from __future__ import annotations

from decimal import Decimal

import pytest

from regie.budget.catalog import LineFields
from regie.budget.model import ChartKind
from regie.core.errors import NotFound, PermissionDenied, StaleEdit, ValidationError
from regie.services import budgets
from regie.services.database import Database
from tests.services.conftest import Office

GAFFER = LineFields("20", "Chef électricien", "20", "jour", "350", fringe_group="cddu_technician")
STUDIO = LineFields("51", "Plateau 2, Bry-sur-Marne", "5", "jour", "1800.50")


def test_a_devis_is_made_edited_and_computed(database: Database, office: Office) -> None:
    made = budgets.create_budget(database, office.slug, actor=office.accountant)
    assert (made.number, made.name, made.kind) == (1, "Devis 1", ChartKind.CINEMA)
    assert made.chart_ref.startswith("devis-cnc-cinema@")
    filled = budgets.add_lines(
        database, office.slug, 1, [GAFFER, STUDIO], expected_version=made.version, actor=None
    )
    assert [r.line.id for r in filled.lines] == ["L0001", "L0002"]
    assert filled.lines[1].line.rate == Decimal("1800.50")
    devis = budgets.devis(database, office.slug, 1, actor=office.accountant)
    # 20 × 350 = 7 000,00 ; 5 × 1 800,50 = 9 002,50
    assert devis.lines_total == Decimal("16002.50")
    assert devis.fringes_total > 0  # the gaffer's employer contributions, in chapter 4
    assert devis.chapters_total == devis.lines_total + devis.fringes_total
    assert devis.total == devis.chapters_total + sum(a.amount for a in devis.addons)
    chapter_four = next(c for c in devis.chapters if c.chapter.number == 4)
    assert chapter_four.total == devis.fringes_total

    cheaper = LineFields("51", "Plateau 2, Bry-sur-Marne", "4", "jour", "1800.50")
    line = filled.lines[1]
    changed = budgets.update_line(
        database, office.slug, 1, "L0002", cheaper, expected_version=line.version, actor=None
    )
    assert changed.lines[1].line.quantity == Decimal(4)
    with pytest.raises(StaleEdit):  # the version the first user saw is gone
        budgets.update_line(
            database, office.slug, 1, "L0002", STUDIO, expected_version=line.version, actor=None
        )
    kept = budgets.delete_line(database, office.slug, 1, "L0001", expected_version=1, actor=None)
    assert [r.line.id for r in kept.lines] == ["L0002"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        (LineFields("99", "?", "1", "jour", "1"), "account"),
        (LineFields("51", "Studio", "-2", "jour", "1"), "quantity"),
        (LineFields("51", "Studio", "deux", "jour", "1"), "quantity"),
        (LineFields("51", "Studio", "1", "jour", "1,2,3"), "rate"),
        (LineFields("51", "", "1", "jour", "1"), "description"),
        (LineFields("51", "Studio", "1", "jour", "1", fringe_group="cadres"), "fringe_group"),
        (LineFields("51", "Studio", "1", "jour", "1", place="lune"), "place"),
    ],
)
def test_bad_lines_name_their_field_and_store_nothing(
    database: Database, office: Office, fields: LineFields, field: str
) -> None:
    made = budgets.create_budget(database, office.slug, actor=None)
    with pytest.raises(ValidationError) as refused:
        budgets.add_lines(
            database, office.slug, 1, [STUDIO, fields], expected_version=made.version, actor=None
        )
    assert refused.value.field == field
    assert budgets.get_budget(database, office.slug, 1, actor=None).lines == ()


def test_roles_and_missing_budgets(database: Database, office: Office) -> None:
    with pytest.raises(PermissionDenied):
        budgets.create_budget(database, office.slug, actor=office.crew)
    budgets.create_budget(database, office.slug, actor=office.manager, name="Devis initial")
    with pytest.raises(PermissionDenied):
        budgets.list_budgets(database, office.slug, actor=office.guest)
    assert [
        b.name for b in budgets.list_budgets(database, office.slug, actor=office.accountant)
    ] == ["Devis initial"]
    with pytest.raises(NotFound, match="no budget number 7"):
        budgets.get_budget(database, office.slug, 7, actor=None)


def test_an_imported_workbook_with_a_bad_cell_stores_nothing(
    database: Database, office: Office
) -> None:
    import io

    import openpyxl

    from regie.core.errors import ParseError

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Compte", "Libellé", "Quantité", "Unité", "Taux", "Montant"])
    sheet.append(["51", "Plateau", 5, "jour", 1800.5, 9002.5])
    sheet.append(["52", "Décor naturel", "beaucoup", "jour", 300, 300])
    data = io.BytesIO()
    book.save(data)
    with pytest.raises(ParseError, match="beaucoup"):
        budgets.import_budget(database, office.slug, "devis.xlsx", data.getvalue(), actor=None)
    assert budgets.list_budgets(database, office.slug, actor=None) == []
    sheet.delete_rows(3)
    sheet.append(["52", "Décor naturel", 2, "jour", 300, 600])
    sheet.append(["99", "Inconnu", 1, "forfait", 10, 10])
    data = io.BytesIO()
    book.save(data)
    record, report = budgets.import_budget(
        database, office.slug, "devis.xlsx", data.getvalue(), actor=office.accountant
    )
    assert [(r.line.account, r.line.quantity) for r in record.lines] == [
        ("51", Decimal(5)),
        ("52", Decimal(2)),
    ]
    assert [(k.code, k.reason.value) for k in report.skipped] == [("99", "unknown_account")]


def test_lines_written_with_the_globals_follow_them(database: Database, office: Office) -> None:
    made = budgets.create_budget(database, office.slug, actor=None)
    made = budgets.set_globals(
        database, office.slug, 1, {"shoot_days": "7", "prep_weeks": "3"},
        expected_version=made.version, actor=None,
    )  # fmt: skip
    filled = budgets.add_lines(
        database, office.slug, 1,
        [LineFields("69", "Consommables", "shoot_days", "jour", "120"),
         LineFields("68", "Bureau de production", "2*prep_weeks", "semaine", "900"),
         STUDIO],
        expected_version=made.version, actor=None,
    )  # fmt: skip
    assert [(r.line.quantity, r.line.quantity_expr) for r in filled.lines] == [
        (Decimal(7), "shoot_days"),
        (Decimal(6), "2*prep_weeks"),
        (Decimal(5), None),
    ]
    moved = budgets.set_globals(
        database, office.slug, 1, {"shoot_days": "10"}, expected_version=filled.version,
        actor=None,
    )  # fmt: skip
    assert [r.line.quantity for r in moved.lines] == [Decimal(10), Decimal(6), Decimal(5)]
    # 10 × 120 + 6 × 900 + 5 × 1 800,50 = 1 200 + 5 400 + 9 002,50
    assert budgets.devis(database, office.slug, 1, actor=None).lines_total == Decimal("15602.50")
    with pytest.raises(ValidationError):
        budgets.set_globals(
            database, office.slug, 1, {"shoot_days": "-1"}, expected_version=moved.version,
            actor=None,
        )  # fmt: skip
    with pytest.raises(ValidationError, match="not a global"):
        budgets.set_globals(
            database, office.slug, 1, {"jours": "3"}, expected_version=moved.version, actor=None
        )
    assert budgets.get_budget(database, office.slug, 1, actor=None).globals["shoot_days"] == 10
