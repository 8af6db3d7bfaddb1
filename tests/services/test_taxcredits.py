# SPDX-License-Identifier: AGPL-3.0-or-later
"""The production's tax credit through the services, on SQLite and PostgreSQL: eligible
spend from the stored devis (a line placed abroad drops out), the inputs derived from the
devis, the production and the financing plan, the stored trace, the credit written into
the plan, and entered inputs."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest

from regie.budget.catalog import LineFields
from regie.core.errors import PermissionDenied, ValidationError
from regie.core.text import english
from regie.finance.taxcredit.eligibility import eligible_spend, spend_lines_from_devis
from regie.finance.taxcredit.model import Credit
from regie.office.roles import Role
from regie.rules.registry import pack
from regie.schedule.people import Department, EngagementFields, EngagementKind, PersonFields
from regie.services import (
    accounts,
    actuals,
    budgets,
    cost_reports,
    financing,
    people,
    productions,
    taxcredits,
)
from regie.services.database import Database
from regie.services.financing import SourceFields
from regie.services.taxcredits import CaseFields
from tests.services import costs_samples
from tests.services.conftest import Office

TODAY = dt.date(2026, 11, 2)
LINES = [
    LineFields("20", "Chef électricien", "20", "jour", "350", fringe_group="cddu_technician"),
    LineFields("51", "Location matériel lumière", "5", "jour", "1800.50"),
    LineFields("70", "Étalonnage", "1", "forfait", "9000"),
]


@pytest.fixture
def series(database: Database, office: Office) -> str:
    """A 52-minute TV fiction with a devis of three lines; the office's accountant in it."""
    made = productions.create_production(
        database, "Le Dernier Bac", "tv_fiction", running_minutes=52, owner=office.producer
    )
    accounts.add_member(database, made.slug, "accountant@clef.fr", Role.ACCOUNTANT,
                        actor=office.producer)  # fmt: skip
    accounts.add_member(database, made.slug, "crew@clef.fr", Role.CREW, actor=office.producer)
    budget = budgets.create_budget(database, made.slug, actor=None)
    budgets.add_lines(database, made.slug, 1, LINES, expected_version=budget.version,
                      actor=None)  # fmt: skip
    return made.slug


def test_the_credit_comes_from_the_stored_devis(database: Database, series: str) -> None:
    outcome = taxcredits.compute_case(database, series, actor=None, today=TODAY)
    assert outcome.record is None  # defaults: audiovisual fiction, the newest devis
    assert (outcome.fields.credit, outcome.fields.genre, outcome.fields.budget) == (
        "audiovisual", "fiction", 1,
    )  # fmt: skip
    devis = budgets.devis(database, series, 1, actor=None)
    expected = eligible_spend(spend_lines_from_devis(devis), Credit.AUDIOVISUAL,
                              pack("taxcredit-spend"))  # fmt: skip
    assert outcome.spend is not None
    assert outcome.spend.eligible == expected.eligible > 0
    inputs = outcome.result.case.inputs
    assert inputs.eligible_expenses == expected.eligible
    assert inputs.production_cost == devis.total
    assert inputs.minutes == 52
    assert outcome.result.rate is not None
    assert outcome.result.credit == (expected.eligible * outcome.result.rate).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    assert all(step.article for step in outcome.result.trace if step.rule)
    assert dict(outcome.origins).keys() >= {"eligible_expenses", "production_cost", "minutes"}
    assert outcome.checklist.items

    # the lighting hire placed in Belgium: spent outside France, no longer eligible
    financing.set_line_place(database, series, 1, "L0002", region="", country="BE", actor=None)
    moved = taxcredits.compute_case(database, series, actor=None, today=TODAY)
    hire = Decimal("9002.50")
    assert moved.spend is not None
    assert moved.spend.eligible == expected.eligible - hire
    assert moved.result.credit < outcome.result.credit


def test_the_result_is_stored_and_written_into_the_plan(
    database: Database, series: str, office: Office
) -> None:
    stored = taxcredits.compute_and_store(database, series, actor=office.accountant, today=TODAY)
    case = taxcredits.get_case(database, series, actor=None)
    assert case is not None
    assert case.result is not None
    assert case.computed_at is not None
    assert case.result["figures"]["credit_eur"] == format(stored.result.credit, "f")
    assert any(step["article"] for step in case.result["trace"])
    assert case.result["inputs_from"]["eligible_expenses"] == "eligible lines of the devis"

    plan = financing.create_plan(database, series, actor=None)
    plan = financing.add_source(database, series,
                                SourceFields("region", "region", "Région Normandie", "2000"),
                                expected_version=plan.version, actor=None)  # fmt: skip
    plan = taxcredits.apply_to_plan(database, series, expected_version=plan.version,
                                    actor=None, today=TODAY)  # fmt: skip
    source = plan.source(taxcredits.TAX_CREDIT_SOURCE)
    assert source is not None
    assert source.from_tax_credit
    # the plan's other public aid (the region) now enters the aid-ceiling step
    again = taxcredits.compute_case(database, series, actor=None, today=TODAY)
    assert again.result.case.inputs.other_public_aid == Decimal("2000.00")
    assert again.result.aid_ceiling is not None
    assert source.source.amount == again.result.credit > 0


def test_entered_inputs_and_refusals(database: Database, series: str, office: Office) -> None:
    entered = CaseFields("audiovisual", "fiction", eligible_expenses="800 000", minutes="52",
                         production_cost="1300000")  # fmt: skip
    record = taxcredits.save_case(database, series, entered, expected_version=None, actor=None)
    assert record.inputs["eligible_expenses"] == "800000"
    outcome = taxcredits.compute_case(database, series, actor=None, today=TODAY)
    assert outcome.spend is None
    assert outcome.result.case.inputs.eligible_expenses == Decimal("800000")
    taxcredits.save_case(database, series, CaseFields("audiovisual", "fiction"),
                         expected_version=record.version, actor=None)  # fmt: skip
    with pytest.raises(ValidationError) as refused:  # neither a devis nor the spend entered
        taxcredits.compute_case(database, series, actor=None, today=TODAY)
    assert refused.value.field == "eligible_expenses"
    with pytest.raises(ValidationError) as bad:
        taxcredits.save_case(database, series, CaseFields("radio", "fiction"),
                             expected_version=None, actor=None)  # fmt: skip
    assert bad.value.field == "credit"
    with pytest.raises(PermissionDenied):
        taxcredits.compute_and_store(database, series, actor=office.crew, today=TODAY)


def test_the_spend_can_come_from_the_actuals_with_who_was_paid(
    database: Database, series: str
) -> None:
    """Payroll: Anne Ferrand 3 250 + 1 365,50 (crew, charges on 41), Sophie Marchal
    8 000 + 2 400 (cast, charges on 42); an invoice of 2 000 net on 51. Anne is in the
    people registry as a resident of France; Sophie is not known: her pay is excluded."""
    people.engage(
        database, series,
        PersonFields("Anne Ferrand", residence="fr", european=None),
        EngagementFields(EngagementKind.CREW, "Cheffe opératrice", Department.CAMERA),
        actor=None,
    )  # fmt: skip
    actuals.import_payroll(database, series, "paie.csv", costs_samples.PAYROLL, actor=None)
    actuals.add_invoice(
        database, series,
        actuals.InvoiceFields("Loueur", "FA-7", dt.date(2026, 10, 1), "51", "Lumière", "2000"),
        actor=None,
    )  # fmt: skip
    fields = CaseFields("audiovisual", "fiction", budget=1, spend_from="actuals")
    taxcredits.save_case(database, series, fields, expected_version=None, actor=None)
    outcome = taxcredits.compute_case(database, series, actor=None, today=TODAY)
    assert outcome.fields.spend_from == "actuals"
    assert outcome.spend is not None
    assert outcome.spend.eligible == Decimal("6615.50")
    assert outcome.spend.excluded == Decimal("10400.00")
    excluded = {v.line.ref: v.line.amount for v in outcome.spend.verdicts if not v.eligible}
    assert sorted(excluded.values()) == [Decimal("2400.00"), Decimal("8000.00")]
    view = cost_reports.cost_report(database, series, 1, actor=None, as_of=TODAY)
    assert outcome.result.case.inputs.production_cost == view.report.figures.final
    origins = dict(outcome.origins)
    assert origins["eligible_expenses"].translate(english) == "eligible actual spend"

    # once Sophie Marchal is known as a European national, her pay counts too
    people.engage(
        database, series,
        PersonFields("Sophie Marchal", residence="BE", european=True),
        EngagementFields(EngagementKind.CAST, "Rôle : Hélène", Department.CAST),
        actor=None,
    )  # fmt: skip
    again = taxcredits.compute_case(database, series, actor=None, today=TODAY)
    assert again.spend is not None
    assert again.spend.eligible == Decimal("17015.50")
    assert again.result.credit > outcome.result.credit


def test_the_actuals_need_a_devis_and_a_known_basis(database: Database, series: str) -> None:
    with pytest.raises(ValidationError) as refused:
        taxcredits.compute_case(
            database, series, actor=None, today=TODAY,
            fields=CaseFields("audiovisual", "fiction", spend_from="actuals"),
        )  # fmt: skip
    assert refused.value.field == "budget"
    with pytest.raises(ValidationError) as bad:
        taxcredits.save_case(database, series,
                             CaseFields("audiovisual", "fiction", budget=1, spend_from="guess"),
                             expected_version=None, actor=None)  # fmt: skip
    assert bad.value.field == "spend_from"
    assert taxcredits.get_case(database, series, actor=None) is None
