# SPDX-License-Identifier: AGPL-3.0-or-later
"""The financing repository on SQLite and PostgreSQL: a plan with its sources and
scenarios reads back exactly (decimals, overrides), edits are versioned, places of spend
follow their budget line, the tax-credit case keeps its last result without a new
version, and everything goes with its production."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from regie.budget.model import BudgetLine, ChartKind
from regie.core.errors import Conflict, NotFound, StaleEdit
from regie.finance.aid import AidProfile, Genre, WorkKind
from regie.finance.financing import FinancingSource, Scenario, SourceKind, SourceStatus
from regie.storage.db import Database
from regie.storage.repos import budgets, financing, productions
from regie.storage.repos.financing import PlanSettings
from regie.storage.tables.financing import (
    BudgetLinePlaceRow,
    FinancingPlanRow,
    FinancingSourceRow,
    TaxCreditCaseRow,
)
from tests.storage.factory import add_production

PROFILE = AidProfile(WorkKind.CINEMA, Genre.DOCUMENTARY, film_rank=2, minutes=95,
                     french_share=Decimal("0.7"))  # fmt: skip
REGION = FinancingSource("region", SourceKind.REGION, "Région Bretagne", Decimal("150000.50"),
                         SourceStatus.REQUESTED, public=None, region="Bretagne",
                         spend_factor=Decimal("1.6"), note="comité de mai")  # fmt: skip


def _setup(database: Database) -> tuple[int, int]:
    with database.session() as session:
        production = add_production(session)
        number = budgets.insert_budget(session, production.id, "Devis 1", ChartKind.CINEMA,
                                       "devis-cnc-cinema@test")  # fmt: skip
        budget = financing.budget_id(session, production.id, number)
        budgets.insert_lines(session, budget, [
            BudgetLine("L0001", "51", "Studio", Decimal(2), "jour", Decimal(1000)),
        ])  # fmt: skip
        settings = PlanSettings("Plan", budget, None, "Bretagne", PROFILE)
        financing.insert_plan(session, production.id, settings)
        return production.id, budget


def test_a_plan_reads_back_exactly_and_edits_are_versioned(database: Database) -> None:
    production_id, budget = _setup(database)
    with database.session() as session:
        plan = financing.stored_plan(session, production_id)
        assert (plan.budget_number, plan.region, plan.profile) == (1, "Bretagne", PROFILE)
        plan_id = financing.touch_plan(session, production_id, expected_version=plan.version)
        financing.insert_source(session, plan_id, REGION)
        financing.insert_source(session, plan_id, FinancingSource(
            "credit", SourceKind.TAX_CREDIT, "Crédit d'impôt", Decimal("1"), public=True,
        ), from_tax_credit=True)  # fmt: skip
        financing.insert_scenario(session, plan_id, Scenario(
            "sans", "Si la région refuse", ("region",), {"credit": Decimal("2.50")},
        ))  # fmt: skip
        with pytest.raises(Conflict):
            financing.insert_source(session, plan_id, REGION)
    with database.session() as session:
        plan = financing.stored_plan(session, production_id)
        assert plan.version == 2
        assert plan.sources[0].source == REGION
        assert plan.sources[1].from_tax_credit
        assert plan.sources[1].source.public is True
        assert plan.scenarios[0].scenario == Scenario(
            "sans", "Si la région refuse", ("region",), {"credit": Decimal("2.50")}
        )
        seen = plan.sources[0].version
        financing.update_source(session, plan.id, "region",
                                FinancingSource("region", SourceKind.REGION, "Région",
                                                Decimal(10)),
                                from_tax_credit=False, expected_version=seen)  # fmt: skip
    with database.session() as session, pytest.raises(StaleEdit):
        financing.update_source(session, plan.id, "region", REGION, from_tax_credit=False,
                                expected_version=seen)  # fmt: skip
    with database.session() as session, pytest.raises(StaleEdit):
        financing.touch_plan(session, production_id, expected_version=1)
    with database.session() as session, pytest.raises(NotFound):
        financing.delete_source(session, plan.id, "absent", expected_version=1)
    del budget


def test_places_follow_their_line_and_the_case_keeps_its_result(database: Database) -> None:
    production_id, budget = _setup(database)
    with database.session() as session:
        placed = financing.set_line_place(session, budget, "L0001", region="Bretagne",
                                          country="FR")  # fmt: skip
        assert placed.version == 1
        again = financing.set_line_place(session, budget, "L0001", region="", country="BE")
        assert financing.line_places(session, budget) == {"L0001": again}
        with pytest.raises(NotFound):
            financing.set_line_place(session, budget, "L0099", region="", country="FR")
        financing.save_case(session, production_id, credit="cinema", genre="fiction",
                            budget=budget, rules_on=dt.date(2026, 1, 1),
                            inputs={"minutes": "95"}, expected_version=None)  # fmt: skip
    with database.session() as session:
        case = financing.case(session, production_id)
        assert case is not None
        assert case.result is None
        assert case.budget_number == 1
        financing.store_result(session, production_id, {"credit": "12.50"},
                               dt.datetime(2026, 1, 2, tzinfo=dt.UTC))  # fmt: skip
        stored = financing.case(session, production_id)
        assert stored is not None
        assert stored.result == {"credit": "12.50"}
        assert stored.version == case.version  # a result is not an edit
        budgets.delete_line(session, budget, "L0001", expected_version=1)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(BudgetLinePlaceRow)) == 0
        productions.delete_production(session, "la-clef", expected_version=1)
    with database.session() as session:
        for table in (FinancingPlanRow, FinancingSourceRow, TaxCreditCaseRow):
            assert session.scalar(select(func.count()).select_from(table)) == 0
