# SPDX-License-Identifier: AGPL-3.0-or-later
"""Actuals through the services, on SQLite and PostgreSQL: commitments and invoices with
their files, the expense-report flow by role, payroll and FEC imports (a bad file imports
nothing, the same file twice is refused), mapping rules, the cost report, snapshots and the
final accounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from regie.core.errors import (
    Conflict,
    InputError,
    NotFound,
    PermissionDenied,
    StaleEdit,
    ValidationError,
)
from regie.finance.actuals import CommitmentStatus, ExpenseAction, ExpenseStatus
from regie.finance.costreport import AlertLevel, Source
from regie.formats.fec import FecError, FecIssue
from regie.formats.payroll_csv import PayrollCsvError
from regie.services import actuals, cost_reports
from regie.services.actuals import CommitmentFields, ExpenseLineFields, InvoiceFields
from regie.services.database import Database
from tests.services import costs_samples as samples
from tests.services.conftest import Office

D = Decimal
DAY = dt.date(2026, 4, 8)


def test_commitments_and_invoices(database: Database, office: Office) -> None:
    slug = office.slug
    order = actuals.add_commitment(
        database,
        slug,
        CommitmentFields("BC-001", "Loueur Caméra", "71", "Caméra 4 semaines", "20 000,00", DAY),
        actor=office.accountant,
    )
    assert order.amount == D("20000.00")
    with pytest.raises(Conflict, match="BC-001"):
        actuals.add_commitment(
            database, slug, CommitmentFields("BC-001", "X", "71", "Y", "1", DAY), actor=None
        )
    with pytest.raises(ValidationError, match="not an account of the devis"):
        actuals.add_commitment(
            database, slug, CommitmentFields("BC-002", "X", "99", "Y", "1", DAY), actor=None
        )
    with pytest.raises(PermissionDenied):
        actuals.add_commitment(
            database, slug, CommitmentFields("BC-003", "X", "71", "Y", "1", DAY), actor=office.crew
        )
    bill = actuals.add_invoice(
        database,
        slug,
        InvoiceFields("Loueur Caméra", "F-118", DAY, "", "Semaine 1", "5000", "1000", order.id),
        actor=office.manager,
        file=("f-118.pdf", samples.PDF),
    )
    assert bill.devis_account == "71"  # the commitment's
    assert bill.attachment is not None
    assert bill.attachment.media_type == "application/pdf"
    kept, data = actuals.invoice_file(database, slug, bill.id, actor=office.producer)
    assert data == samples.PDF
    assert kept.size == len(samples.PDF)
    with pytest.raises(InputError, match="neither a PDF nor an image"):
        actuals.add_invoice(
            database,
            slug,
            InvoiceFields("Loueur", "F-119", DAY, "71", "", "10"),
            actor=None,
            file=("facture.pdf", b"MZ\x90\x00 not a pdf"),
        )
    assert len(actuals.list_invoices(database, slug, actor=None)) == 1  # nothing half-stored
    with pytest.raises(Conflict, match="already recorded"):
        actuals.add_invoice(
            database, slug, InvoiceFields("Loueur Caméra", "F-118", DAY, "71", "", "1"), actor=None
        )
    closed = actuals.set_commitment_status(
        database,
        slug,
        order.id,
        CommitmentStatus.CLOSED,
        expected_version=order.version,
        actor=None,
    )
    assert closed.status is CommitmentStatus.CLOSED
    with pytest.raises(StaleEdit):
        actuals.set_commitment_status(
            database,
            slug,
            order.id,
            CommitmentStatus.OPEN,
            expected_version=order.version,
            actor=None,
        )
    with pytest.raises(PermissionDenied):
        actuals.list_invoices(database, slug, actor=office.crew)
    with pytest.raises(NotFound):
        actuals.list_invoices(database, slug, actor=office.outsider)


def test_the_expense_flow_by_role(database: Database, office: Office) -> None:
    slug = office.slug
    note = actuals.create_expense_report(
        database, slug, person="Yann Équipe", title="Repérages Normandie", actor=office.crew
    )
    assert (note.number, note.status, note.owner_id) == (1, ExpenseStatus.DRAFT, office.crew.id)
    note = actuals.add_expense_line(
        database,
        slug,
        1,
        ExpenseLineFields(
            dt.date(2026, 3, 10), "60", "", allowance_key="meal_restaurant", quantity="3"
        ),
        expected_version=note.version,
        actor=office.crew,
    )
    meal = note.lines[0]
    assert (meal.amount, meal.allowance_ref) == (D("64.20"), "expenses@2026.1")  # 3 × 21,40
    note = actuals.add_expense_line(
        database,
        slug,
        1,
        ExpenseLineFields(dt.date(2026, 3, 11), "60", "Péage A13", "18,60", "3,10"),
        expected_version=note.version,
        actor=office.crew,
    )
    with pytest.raises(ValidationError, match="has no receipt"):
        actuals.act_on_expense(
            database,
            slug,
            1,
            ExpenseAction.SUBMIT,
            on=DAY,
            expected_version=note.version,
            actor=office.crew,
        )
    toll = note.lines[1]
    note = actuals.add_receipt(
        database,
        slug,
        1,
        toll.id,
        ("peage.png", samples.PNG),
        expected_version=note.version,
        actor=office.crew,
    )
    assert note.lines[1].receipts[0].media_type == "image/png"
    # Someone else's report does not exist for a crew member; the office sees them all.
    other = actuals.create_expense_report(
        database, slug, person="Malik", title="Taxi", actor=office.manager
    )
    assert [r.number for r in actuals.list_expense_reports(database, slug, actor=office.crew)] == [
        1
    ]
    assert len(actuals.list_expense_reports(database, slug, actor=office.accountant)) == 2
    with pytest.raises(NotFound):
        actuals.get_expense_report(database, slug, other.number, actor=office.crew)
    with pytest.raises(PermissionDenied):
        actuals.list_expense_reports(database, slug, actor=office.guest)

    note = actuals.act_on_expense(
        database,
        slug,
        1,
        ExpenseAction.SUBMIT,
        on=DAY,
        expected_version=note.version,
        actor=office.crew,
    )
    assert (note.status, note.submitted_on) == (ExpenseStatus.SUBMITTED, DAY)
    with pytest.raises(ValidationError, match="no longer a draft"):
        actuals.add_expense_line(
            database,
            slug,
            1,
            ExpenseLineFields(DAY, "60", "Encore", "5"),
            expected_version=note.version,
            actor=office.crew,
        )
    for who in (office.crew, office.accountant):  # approving is the manager's
        with pytest.raises(PermissionDenied):
            actuals.act_on_expense(
                database,
                slug,
                1,
                ExpenseAction.APPROVE,
                on=DAY,
                expected_version=note.version,
                actor=who,
            )
    with pytest.raises(ValidationError, match="empty"):  # a rejection says why
        actuals.act_on_expense(
            database,
            slug,
            1,
            ExpenseAction.REJECT,
            on=DAY,
            expected_version=note.version,
            actor=office.manager,
        )
    note = actuals.act_on_expense(
        database,
        slug,
        1,
        ExpenseAction.APPROVE,
        on=DAY,
        expected_version=note.version,
        actor=office.manager,
    )
    assert note.status is ExpenseStatus.APPROVED
    with pytest.raises(StaleEdit):
        actuals.act_on_expense(
            database,
            slug,
            1,
            ExpenseAction.PAY,
            on=DAY,
            expected_version=note.version - 1,
            actor=office.accountant,
        )
    with pytest.raises(PermissionDenied):  # who approves does not pay
        actuals.act_on_expense(
            database,
            slug,
            1,
            ExpenseAction.PAY,
            on=DAY,
            expected_version=note.version,
            actor=office.manager,
        )
    paid = actuals.act_on_expense(
        database,
        slug,
        1,
        ExpenseAction.PAY,
        on=DAY,
        expected_version=note.version,
        actor=office.accountant,
    )
    assert (paid.status, paid.paid_on) == (ExpenseStatus.PAID, DAY)
    with pytest.raises(PermissionDenied, match="your own"):
        actuals.act_on_expense(
            database,
            slug,
            other.number,
            ExpenseAction.APPROVE,
            on=DAY,
            expected_version=other.version,
            actor=office.manager,
        )


def test_a_bad_fec_imports_nothing(database: Database, office: Office) -> None:
    slug = office.slug
    unbalanced, line = samples.unbalanced_fec()
    for data, where in (
        (unbalanced, None),
        (samples.wrong_columns_fec(), 1),
        (samples.badly_encoded_fec(), None),
    ):
        with pytest.raises(FecError) as refused:
            cost_reports.import_fec(database, slug, "demo.fec", data, actor=office.accountant)
        assert refused.value.issues
        assert "nothing was imported" in str(refused.value)
        if where is not None:
            assert refused.value.issues[0].line == where
    assert any(i.line == line for i in cost_reports_issues(database, office, unbalanced))
    assert cost_reports.ledger_imports(database, slug, actor=None) == []
    assert cost_reports.mapping(database, slug, actor=None) is None


def cost_reports_issues(database: Database, office: Office, data: bytes) -> tuple[FecIssue, ...]:
    try:
        cost_reports.import_fec(database, office.slug, "x.fec", data, actor=None)
    except FecError as error:
        return tuple(error.issues)
    raise AssertionError("the file was accepted")


def test_fec_import_mapping_and_the_cost_report(database: Database, office: Office) -> None:
    slug = office.slug
    number = samples.make_budget(database, slug)
    imported = cost_reports.import_fec(
        database, slug, "demo.fec", samples.demo_fec(), actor=office.accountant
    )
    batch = imported.batch
    assert batch.lines == imported.report.lines == 142
    assert batch.total_debit == batch.total_credit
    with pytest.raises(Conflict, match="already imported"):
        cost_reports.import_fec(database, slug, "copie.fec", samples.demo_fec(), actor=None)
    assert len(cost_reports.ledger_imports(database, slug, actor=None)) == 1

    before = cost_reports.cost_report(database, slug, number, actor=office.manager, as_of=DAY)
    assert before.report.figures.actual == 0  # nothing mapped yet
    unmapped_total = sum(u.amount for u in before.report.unmapped)
    assert unmapped_total > 0
    assert AlertLevel.UNMAPPED in {a.level for a in before.report.alerts}

    proposed = cost_reports.suggested_rules(database, slug, actor=None)
    assert {r.analytic for r in proposed} >= {"20", "31", "52", "91"}
    stored = cost_reports.apply_suggested_rules(database, slug, actor=office.accountant)
    assert len(stored) == len(proposed)
    with pytest.raises(Conflict):
        cost_reports.add_rule(database, slug, devis_account="20", analytic="20", actor=None)
    with pytest.raises(ValidationError):
        cost_reports.add_rule(database, slug, devis_account="20", actor=None)  # no condition

    view = cost_reports.cost_report(database, slug, number, actor=office.accountant, as_of=DAY)
    report = view.report
    mapping = cost_reports.mapping(database, slug, actor=None)
    assert mapping is not None
    # Every charge of the ledger is now on a devis account, and counted once.
    assert report.unmapped == ()
    assert report.figures.actual == mapping.mapped_total == unmapped_total
    insurance = report.line("91")
    assert insurance is not None
    assert insurance.by_source == {Source.LEDGER: D("4850.00")}
    assert imported.report.ledger is not None
    assert report.cutoff == max(e.date for e in imported.report.ledger.entries)

    # An invoice after the cut-off adds to the ledger; one before it is taken as booked.
    after = report.cutoff + dt.timedelta(days=1)
    actuals.add_invoice(
        database, slug, InvoiceFields("Assureur", "AV-2", after, "91", "", "150"), actor=None
    )
    actuals.add_invoice(
        database,
        slug,
        InvoiceFields("Assureur", "ASS-2026-118", dt.date(2026, 3, 2), "91", "", "4850"),
        actor=None,
    )
    again = cost_reports.cost_report(database, slug, number, actor=None, as_of=DAY).report
    assert again.line("91").figures.actual == D("5000.00")  # type: ignore[union-attr]

    cost_reports.set_estimate(
        database, slug, number, "91", "1000", note="Avenant", expected_version=None, actor=None
    )
    view = cost_reports.cost_report(database, slug, number, actor=None, as_of=DAY)
    line = view.report.line("91")
    assert line is not None
    assert (line.figures.final, line.etc_overridden) == (D("6000.00"), True)
    assert view.overrides["91"].note == "Avenant"
    with pytest.raises(StaleEdit):
        cost_reports.set_estimate(
            database, slug, number, "91", "10", expected_version=None, actor=None
        )
    cost_reports.set_estimate(database, slug, number, "91", None, expected_version=1, actor=None)
    snap = cost_reports.take_snapshot(database, slug, number, actor=None, on=DAY)
    assert snap.week == dt.date(2026, 4, 6)
    view = cost_reports.cost_report(database, slug, number, actor=None, as_of=DAY)
    assert [s.week for s in view.snapshots] == [snap.week]
    assert view.burn is None  # no schedule: no plan

    final, _view = cost_reports.final_accounts(database, slug, number, actor=None, as_of=DAY)
    assert final.chapters_final == view.report.chapters_figures.actual
    found = {r.invoice.number: r.in_ledger for r in final.invoices}
    assert found == {"ASS-2026-118": True, "AV-2": None}
    with pytest.raises(PermissionDenied):
        cost_reports.cost_report(database, slug, number, actor=office.crew, as_of=DAY)


def test_a_corrected_fec_replaces_the_first(database: Database, office: Office) -> None:
    slug = office.slug
    first = samples.demo_fec()
    cost_reports.import_fec(database, slug, "v1.fec", first, actor=None)
    corrected = first.replace(
        b"Assurances du Spectacle - assurance tournage", b"Assurance tournage", 1
    )
    with pytest.raises(Conflict, match="overlaps"):
        cost_reports.import_fec(database, slug, "v2.fec", corrected, actor=None)
    done = cost_reports.import_fec(database, slug, "v2.fec", corrected, actor=None, replace=True)
    assert [b.file_name for b in done.replaced] == ["v1.fec"]
    assert [b.file_name for b in cost_reports.ledger_imports(database, slug, actor=None)] == [
        "v2.fec"
    ]


def test_payroll_import(database: Database, office: Office) -> None:
    slug = office.slug
    number = samples.make_budget(database, slug)
    broken = samples.PAYROLL.replace(b"8000,00", b"huit mille")
    with pytest.raises(PayrollCsvError) as refused:
        actuals.import_payroll(database, slug, "paie.csv", broken, actor=office.accountant)
    assert refused.value.issues[0].line == 3
    assert actuals.payroll(database, slug, actor=None) == ([], [])
    batch = actuals.import_payroll(database, slug, "paie.csv", samples.PAYROLL, actor=None)
    assert (batch.rows, batch.gross, batch.employer_charges) == (2, D("11250.00"), D("3765.50"))
    with pytest.raises(Conflict):
        actuals.import_payroll(database, slug, "paie-bis.csv", samples.PAYROLL, actor=None)
    report = cost_reports.cost_report(database, slug, number, actor=None, as_of=DAY).report
    # No ledger: payroll counts; charges on 41 (crew, chapter 2) and 42 (cast, chapter 3).
    assert report.line("20").figures.actual == D("3250.00")  # type: ignore[union-attr]
    assert report.line("41").figures.actual == D("1365.50")  # type: ignore[union-attr]
    assert report.line("42").figures.actual == D("2400.00")  # type: ignore[union-attr]
    final, _ = cost_reports.final_accounts(database, slug, number, actor=None, as_of=DAY)
    assert [s.person for s in final.staff] == ["Anne Ferrand", "Sophie Marchal"]
