# SPDX-License-Identifier: AGPL-3.0-or-later
"""The stored financing plan through the services, on SQLite and PostgreSQL: balance
against the linked devis' computed total, scenarios, the aid-intensity check with the tax
credit counted and only its excess refused, territorial obligations from the lines' place
of spend, stale edits, bad input and roles."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from regie.budget.catalog import LineFields
from regie.core.errors import Conflict, NotFound, PermissionDenied, StaleEdit, ValidationError
from regie.finance.financing import SourceStatus
from regie.services import budgets, financing
from regie.services.database import Database
from regie.services.financing import PlanFields, ScenarioFields, SourceFields
from tests.services.conftest import Office

GAFFER = LineFields("20", "Chef électricien", "20", "jour", "350", fringe_group="cddu_technician")
STUDIO = LineFields("51", "Plateau 2, Bry-sur-Marne", "5", "jour", "1800.50")


def _devis_total(database: Database, office: Office) -> Decimal:
    made = budgets.create_budget(database, office.slug, actor=None)
    budgets.add_lines(
        database, office.slug, made.number, [GAFFER, STUDIO],
        expected_version=made.version, actor=None,
    )  # fmt: skip
    return budgets.devis(database, office.slug, made.number, actor=None).total


def _add(database: Database, office: Office, *sources: SourceFields) -> financing.PlanRecord:
    record = financing.get_plan(database, office.slug, actor=None)
    for fields in sources:
        record = financing.add_source(
            database, office.slug, fields, expected_version=record.version, actor=None
        )
    return record


def test_a_plan_balances_against_the_devis_and_a_scenario_opens_a_gap(
    database: Database, office: Office
) -> None:
    total = _devis_total(database, office)
    made = financing.create_plan(database, office.slug, actor=office.accountant)
    assert made.budget_number == 1  # the newest devis, linked by default
    assert made.profile.kind.value == "cinema"  # a feature film under IDCC 3097
    region = Decimal("5000.00")
    record = _add(
        database, office,
        SourceFields("", "region", "Région Normandie", "5 000", status="requested",
                     region="Normandie"),
        SourceFields("cnc", "cnc_selective", "CNC", "3000", status="granted"),
        SourceFields("apport", "producer_equity", "Production", total - region - 3000,
                     status="paid"),
    )  # fmt: skip
    assert [s.source.id for s in record.sources] == ["region-normandie", "cnc", "apport"]
    report = financing.report(database, office.slug, actor=office.manager)
    assert report.budget_total == total
    assert report.figures is not None
    assert report.figures.balance.balanced
    assert report.figures.balance.secured_total == total - region

    financing.add_scenario(
        database, office.slug,
        ScenarioFields("sans-region", "Si la région refuse", remove=("region-normandie",)),
        expected_version=record.version, actor=None,
    )  # fmt: skip
    after = financing.report(database, office.slug, actor=None)
    assert after.figures is not None
    ((result, _check),) = after.figures.scenarios
    assert result.lost == region
    assert result.balance.gap == region
    assert after.figures.balance.balanced  # the plan itself is untouched


def test_intensity_counts_the_tax_credit_and_refuses_only_its_excess(
    database: Database, office: Office
) -> None:
    total = _devis_total(database, office)
    financing.create_plan(database, office.slug, actor=None)
    empty = financing.report(database, office.slug, actor=None)
    assert empty.figures is not None
    ceiling = empty.figures.intensity.ceiling_amount  # 60 %: a low-budget feature film
    assert empty.figures.intensity.ceiling_rate == Decimal("0.60")
    cnc = (ceiling - 1000).quantize(Decimal("0.01"))
    credit = Decimal("4000.00")
    # public aid = CNC + the credit: above the ceiling by about 3 000, less than the credit
    _add(
        database, office,
        SourceFields("cnc", "cnc_selective", "CNC", cnc),
        SourceFields("credit", "tax_credit", "Crédit d'impôt", credit),
        SourceFields("apport", "producer_equity", "Production", total - cnc - credit),
    )  # fmt: skip
    report = financing.report(database, office.slug, actor=None)
    assert report.figures is not None
    check = report.figures.intensity
    assert check.tax_credit == credit
    assert check.public_total == cnc + credit
    assert check.excess == cnc + credit - ceiling
    assert 0 < check.credit_refused < credit  # the excess only, not the whole credit
    assert check.credit_refused == check.excess
    assert check.credit_kept == credit - check.excess
    assert any(step.cited and step.cited.key == "excess.refusal" for step in check.steps)


def test_territorial_spend_comes_from_the_places_of_the_lines(
    database: Database, office: Office
) -> None:
    _devis_total(database, office)
    financing.create_plan(database, office.slug, actor=None)
    _add(database, office, SourceFields("", "region", "Région Normandie", "6000",
                                        region="Normandie"))  # fmt: skip
    report = financing.report(database, office.slug, actor=None)
    assert report.figures is not None
    (before,) = report.figures.territorial
    assert before.spend == 0
    assert before.required == Decimal("6000")
    placed = financing.set_line_place(
        database, office.slug, 1, "L0001", region="Normandie", country="fr", actor=None
    )
    assert (placed.region, placed.country) == ("Normandie", "FR")
    devis = budgets.devis(database, office.slug, 1, actor=None)
    gaffer = next(lt for c in devis.chapters for a in c.accounts for lt in a.lines
                  if lt.line.id == "L0001")  # fmt: skip
    after = financing.report(database, office.slug, actor=None)
    assert after.figures is not None
    (obligation,) = after.figures.territorial
    assert obligation.spend == gaffer.gross + gaffer.fringe_total
    assert obligation.shortfall == max(Decimal(0), Decimal("6000") - obligation.spend)
    line = next(x for x in after.lines if x.code == "L0001")
    assert line.stored
    assert line.region == "Normandie"
    with pytest.raises(ValidationError) as refused:
        financing.set_line_place(database, office.slug, 1, "L0002", region="", country="France",
                                 actor=None)  # fmt: skip
    assert refused.value.field == "country"


def test_a_stale_edit_is_refused_and_bad_input_stores_nothing(
    database: Database, office: Office
) -> None:
    _devis_total(database, office)
    financing.create_plan(database, office.slug, actor=None)
    record = _add(database, office, SourceFields("cnc", "cnc_selective", "CNC", "3000"))
    seen = record.source("cnc")
    assert seen is not None
    fields = financing.source_fields(seen)
    granted = financing.update_source(
        database, office.slug, "cnc", replace(fields, status="granted"),
        expected_version=seen.version, actor=None,
    )  # fmt: skip
    stored = granted.source("cnc")
    assert stored is not None
    assert stored.source.status is SourceStatus.GRANTED
    with pytest.raises(StaleEdit):
        financing.update_source(database, office.slug, "cnc", fields,
                                expected_version=seen.version, actor=None)  # fmt: skip
    for bad, field in [
        (SourceFields("x", "cnc_selective", "CNC", "trois mille"), "amount"),
        (SourceFields("x", "loterie", "CNC", "10"), "kind"),
        (SourceFields("x", "region", "Région", "10", status="promis"), "status"),
        (SourceFields("x", "region", "Région", "-10"), "amount"),
        (SourceFields("X Y", "region", "Région", "10"), "code"),
    ]:
        with pytest.raises(ValidationError) as refused:
            financing.add_source(database, office.slug, bad, expected_version=granted.version,
                                 actor=None)  # fmt: skip
        assert refused.value.field == field
    with pytest.raises(ValidationError):  # a scenario naming a source the plan lacks
        financing.add_scenario(database, office.slug, ScenarioFields("s", remove=("nope",)),
                               expected_version=granted.version, actor=None)  # fmt: skip
    kept = financing.get_plan(database, office.slug, actor=None)
    assert [s.source.id for s in kept.sources] == ["cnc"]
    assert kept.scenarios == ()
    assert kept.version == granted.version


def test_a_source_named_by_a_scenario_cannot_go(database: Database, office: Office) -> None:
    _devis_total(database, office)
    financing.create_plan(database, office.slug, actor=None)
    record = _add(database, office, SourceFields("cnc", "cnc_selective", "CNC", "3000"))
    record = financing.add_scenario(
        database, office.slug, ScenarioFields("moins", amounts={"cnc": "1000"}),
        expected_version=record.version, actor=None,
    )  # fmt: skip
    source = record.source("cnc")
    assert source is not None
    with pytest.raises(Conflict):
        financing.delete_source(database, office.slug, "cnc", expected_version=source.version,
                                actor=None)  # fmt: skip
    record = financing.delete_scenario(database, office.slug, "moins",
                                       expected_version=record.scenarios[0].version,
                                       actor=None)  # fmt: skip
    record = financing.delete_source(database, office.slug, "cnc",
                                     expected_version=source.version, actor=None)  # fmt: skip
    assert record.sources == ()


def test_a_stated_total_stands_in_for_a_devis(database: Database, office: Office) -> None:
    made = financing.create_plan(database, office.slug, actor=None)
    assert made.budget_number is None
    report = financing.report(database, office.slug, actor=None)
    assert report.figures is None
    assert report.warnings
    settings = PlanFields(title="Plan", budget_total="1 000 000", work_kind="audiovisual",
                          minutes="52")  # fmt: skip
    changed = financing.update_plan(database, office.slug, settings,
                                    expected_version=made.version, actor=None)  # fmt: skip
    assert changed.budget_total == Decimal("1000000.00")
    assert changed.profile.minutes == 52
    report = financing.report(database, office.slug, actor=None)
    assert report.figures is not None
    assert report.figures.balance.gap == Decimal("1000000.00")
    with pytest.raises(ValidationError) as refused:
        financing.update_plan(database, office.slug, PlanFields(french_share="1.5"),
                              expected_version=changed.version, actor=None)  # fmt: skip
    assert refused.value.field == "french_share"


def test_roles(database: Database, office: Office) -> None:
    _devis_total(database, office)
    with pytest.raises(PermissionDenied):
        financing.create_plan(database, office.slug, actor=office.crew)
    made = financing.create_plan(database, office.slug, actor=office.manager)
    for reader in (office.producer, office.accountant):
        assert financing.get_plan(database, office.slug, actor=reader).id == made.id
    for refused in (office.crew, office.guest):
        with pytest.raises(PermissionDenied):
            financing.get_plan(database, office.slug, actor=refused)
    with pytest.raises(NotFound):
        financing.get_plan(database, office.slug, actor=office.outsider)
    with pytest.raises(PermissionDenied):
        financing.add_source(database, office.slug,
                             SourceFields("", "region", "Région", "10"),
                             expected_version=made.version, actor=office.crew)  # fmt: skip
