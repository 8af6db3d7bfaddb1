# SPDX-License-Identifier: AGPL-3.0-or-later
"""The financing plan of a production (sources, scenarios), the place of spend of budget
lines and the production's tax-credit case, as frozen records.

Every editable record carries its ``version``: an edit names the version it was made on
and a different stored one raises :class:`~regie.core.errors.StaleEdit`. Adding or
removing a source or a scenario counts as an edit of the plan (its version moves).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from regie.core.errors import Conflict, NotFound
from regie.core.text import Text, t
from regie.finance.aid import AidProfile, Genre, WorkKind
from regie.finance.financing import (
    FinancingPlan,
    FinancingSource,
    Scenario,
    SourceKind,
    SourceStatus,
)
from regie.storage.base import utc_now
from regie.storage.guard import check_version, flush_edit, unique
from regie.storage.tables import BudgetLineRow, BudgetRow
from regie.storage.tables.financing import (
    BudgetLinePlaceRow,
    FinancingPlanRow,
    FinancingScenarioRow,
    FinancingSourceRow,
    TaxCreditCaseRow,
)


@dataclass(frozen=True, slots=True)
class SourceRecord:
    id: int
    source: FinancingSource
    from_tax_credit: bool = False  # the amount is the production's computed tax credit
    version: int = 1


@dataclass(frozen=True, slots=True)
class ScenarioRecord:
    id: int
    scenario: Scenario
    version: int = 1


@dataclass(frozen=True, slots=True)
class PlanRecord:
    id: int
    production_id: int
    title: str
    budget_number: int | None  # the linked devis
    budget_total: Decimal | None  # stated total, used when no devis is linked
    region: str  # where the devis lines placed "region" are spent
    profile: AidProfile
    sources: tuple[SourceRecord, ...] = ()
    scenarios: tuple[ScenarioRecord, ...] = ()
    updated_at: dt.datetime | None = None
    version: int = 1

    @property
    def plan(self) -> FinancingPlan:
        return FinancingPlan(
            sources=tuple(s.source for s in self.sources),
            title=self.title,
            scenarios=tuple(s.scenario for s in self.scenarios),
        )

    def source(self, code: str) -> SourceRecord | None:
        return next((s for s in self.sources if s.source.id == code), None)

    def scenario(self, code: str) -> ScenarioRecord | None:
        return next((s for s in self.scenarios if s.scenario.id == code), None)


@dataclass(frozen=True, slots=True)
class PlanSettings:
    title: str
    budget_id: int | None
    budget_total: Decimal | None
    region: str
    profile: AidProfile


@dataclass(frozen=True, slots=True)
class LinePlace:
    """Where budget line ``code`` is spent (a stored choice)."""

    code: str
    region: str
    country: str
    version: int = 1


@dataclass(frozen=True, slots=True)
class CaseRecord:
    """The stored tax-credit case: entered inputs as JSON values (decimal strings), the
    last result as the JSON the service wrote."""

    id: int
    credit: str
    genre: str
    budget_number: int | None
    rules_on: dt.date | None
    inputs: Mapping[str, Any] = field(default_factory=dict)
    result: Mapping[str, Any] | None = None
    computed_at: dt.datetime | None = None
    version: int = 1


def plan_named() -> Text:
    return t("the financing plan")


def source_named(code: str) -> Text:
    return t("financing source '{code}'", code=code)


def scenario_named(code: str) -> Text:
    return t("scenario '{code}'", code=code)


# -- budgets -------------------------------------------------------------------------------


def budget_id(session: Session, production_id: int, number: int) -> int:
    found = session.scalar(
        select(BudgetRow.id).where(
            BudgetRow.production_id == production_id, BudgetRow.number == number
        )
    )
    if found is None:
        raise NotFound(
            t("no budget number {number} in this production", number=number),
            hint=t("List the budgets with regie devis list"),
        )
    return found


def _budget_number(session: Session, budget: int | None) -> int | None:
    if budget is None:
        return None
    return session.scalar(select(BudgetRow.number).where(BudgetRow.id == budget))


# -- plans ---------------------------------------------------------------------------------


def _plan_row(session: Session, production_id: int) -> FinancingPlanRow:
    row = session.scalar(
        select(FinancingPlanRow).where(FinancingPlanRow.production_id == production_id)
    )
    if row is None:
        raise NotFound(
            t("this production has no financing plan yet"),
            hint=t("Create it with regie financing add, or on the Financing page"),
        )
    return row


def _profile(row: FinancingPlanRow) -> AidProfile:
    return AidProfile(
        kind=WorkKind(row.work_kind),
        genre=Genre(row.genre),
        film_rank=row.film_rank,
        difficult=row.difficult,
        selective_documentary=row.selective_documentary,
        derogation_granted=row.derogation_granted,
        minutes=row.minutes,
        french_share=Decimal(row.french_share).normalize(),
    )


def _source(row: FinancingSourceRow) -> SourceRecord:
    return SourceRecord(
        id=row.id,
        source=FinancingSource(
            id=row.code,
            kind=SourceKind(row.kind),
            partner=row.partner,
            amount=Decimal(row.amount),
            status=SourceStatus(row.status),
            public=row.public,
            region=row.region,
            spend_factor=None
            if row.spend_factor is None
            else Decimal(row.spend_factor).normalize(),
            note=row.note,
        ),
        from_tax_credit=row.from_tax_credit,
        version=row.version,
    )


def _scenario(row: FinancingScenarioRow) -> ScenarioRecord:
    amounts = {str(k): Decimal(str(v)) for k, v in json.loads(row.amounts_json or "{}").items()}
    removed = tuple(str(x) for x in json.loads(row.remove_json or "[]"))
    return ScenarioRecord(row.id, Scenario(row.code, row.title, removed, amounts), row.version)


def plan(session: Session, production_id: int) -> PlanRecord | None:
    row = session.scalar(
        select(FinancingPlanRow).where(FinancingPlanRow.production_id == production_id)
    )
    if row is None:
        return None
    sources = session.scalars(
        select(FinancingSourceRow)
        .where(FinancingSourceRow.plan_id == row.id)
        .order_by(FinancingSourceRow.position, FinancingSourceRow.id)
    )
    scenarios = session.scalars(
        select(FinancingScenarioRow)
        .where(FinancingScenarioRow.plan_id == row.id)
        .order_by(FinancingScenarioRow.position, FinancingScenarioRow.id)
    )
    return PlanRecord(
        id=row.id,
        production_id=row.production_id,
        title=row.title,
        budget_number=_budget_number(session, row.budget_id),
        budget_total=None if row.budget_total is None else Decimal(row.budget_total),
        region=row.region,
        profile=_profile(row),
        sources=tuple(_source(r) for r in sources),
        scenarios=tuple(_scenario(r) for r in scenarios),
        updated_at=row.updated_at,
        version=row.version,
    )


def stored_plan(session: Session, production_id: int) -> PlanRecord:
    """The plan, or ``NotFound`` saying how to make one."""
    found = plan(session, production_id)
    if found is None:
        _plan_row(session, production_id)  # raises NotFound
    assert found is not None  # noqa: S101 - _plan_row raised otherwise
    return found


def _apply_settings(row: FinancingPlanRow, settings: PlanSettings) -> None:
    profile = settings.profile
    row.title = settings.title
    row.budget_id = settings.budget_id
    row.budget_total = settings.budget_total
    row.region = settings.region
    row.work_kind = profile.kind.value
    row.genre = profile.genre.value
    row.film_rank = profile.film_rank
    row.difficult = profile.difficult
    row.selective_documentary = profile.selective_documentary
    row.derogation_granted = profile.derogation_granted
    row.minutes = profile.minutes
    row.french_share = profile.french_share
    row.updated_at = utc_now()


def insert_plan(session: Session, production_id: int, settings: PlanSettings) -> None:
    row = FinancingPlanRow(production_id=production_id)
    _apply_settings(row, settings)
    with unique(t("this production already has a financing plan"), hint=t("Edit it instead")):
        session.add(row)
        session.flush()


def update_plan(
    session: Session, production_id: int, settings: PlanSettings, *, expected_version: int
) -> None:
    row = _plan_row(session, production_id)
    check_version(plan_named(), stored=row.version, expected=expected_version)
    _apply_settings(row, settings)
    flush_edit(session, row, plan_named(), expected=expected_version)


def touch_plan(session: Session, production_id: int, *, expected_version: int) -> int:
    """Refuse a stale edit of the plan, then count this edit on it; returns the plan id."""
    row = _plan_row(session, production_id)
    check_version(plan_named(), stored=row.version, expected=expected_version)
    row.updated_at = utc_now()
    flush_edit(session, row, plan_named(), expected=expected_version)
    return row.id


def delete_plan(session: Session, production_id: int, *, expected_version: int) -> None:
    row = _plan_row(session, production_id)
    check_version(plan_named(), stored=row.version, expected=expected_version)
    session.delete(row)
    session.flush()


# -- sources -------------------------------------------------------------------------------


def _apply_source(row: FinancingSourceRow, source: FinancingSource, linked: bool) -> None:
    row.code = source.id
    row.kind = source.kind.value
    row.partner = source.partner
    row.amount = source.amount
    row.status = source.status.value
    row.public = source.public
    row.region = source.region
    row.spend_factor = source.spend_factor
    row.note = source.note
    row.from_tax_credit = linked


def _source_row(session: Session, plan_id: int, code: str) -> FinancingSourceRow:
    row = session.scalar(
        select(FinancingSourceRow).where(
            FinancingSourceRow.plan_id == plan_id, FinancingSourceRow.code == code
        )
    )
    if row is None:
        raise NotFound(
            t("the financing plan has no source '{code}'", code=code),
            hint=t("List the sources with regie financing show"),
        )
    return row


def insert_source(
    session: Session, plan_id: int, source: FinancingSource, *, from_tax_credit: bool = False
) -> None:
    taken = session.scalar(
        select(func.count())
        .select_from(FinancingSourceRow)
        .where(FinancingSourceRow.plan_id == plan_id, FinancingSourceRow.code == source.id)
    )
    if taken:
        raise Conflict(
            t("the financing plan already has a source '{code}'", code=source.id),
            hint=t("Give each source its own id"),
        )
    last = session.scalar(
        select(func.max(FinancingSourceRow.position)).where(FinancingSourceRow.plan_id == plan_id)
    )
    row = FinancingSourceRow(plan_id=plan_id, position=(last or 0) + 1)
    _apply_source(row, source, from_tax_credit)
    with unique(source_named(source.id), hint=t("Give each source its own id")):
        session.add(row)
        session.flush()


def update_source(
    session: Session,
    plan_id: int,
    code: str,
    source: FinancingSource,
    *,
    from_tax_credit: bool,
    expected_version: int,
) -> None:
    row = _source_row(session, plan_id, code)
    check_version(source_named(code), stored=row.version, expected=expected_version)
    _apply_source(row, source, from_tax_credit)
    flush_edit(session, row, source_named(code), expected=expected_version)


def delete_source(session: Session, plan_id: int, code: str, *, expected_version: int) -> None:
    row = _source_row(session, plan_id, code)
    check_version(source_named(code), stored=row.version, expected=expected_version)
    session.delete(row)
    session.flush()


# -- scenarios -----------------------------------------------------------------------------


def _apply_scenario(row: FinancingScenarioRow, scenario: Scenario) -> None:
    row.code = scenario.id
    row.title = scenario.title
    row.remove_json = json.dumps(list(scenario.remove))
    row.amounts_json = json.dumps({k: str(v) for k, v in sorted(scenario.amounts.items())})


def _scenario_row(session: Session, plan_id: int, code: str) -> FinancingScenarioRow:
    row = session.scalar(
        select(FinancingScenarioRow).where(
            FinancingScenarioRow.plan_id == plan_id, FinancingScenarioRow.code == code
        )
    )
    if row is None:
        raise NotFound(
            t("the plan has no scenario '{id}'", id=code),
            hint=t("List the scenarios with regie financing show"),
        )
    return row


def insert_scenario(session: Session, plan_id: int, scenario: Scenario) -> None:
    taken = session.scalar(
        select(func.count())
        .select_from(FinancingScenarioRow)
        .where(FinancingScenarioRow.plan_id == plan_id, FinancingScenarioRow.code == scenario.id)
    )
    if taken:
        raise Conflict(
            t("the financing plan already has a scenario '{code}'", code=scenario.id),
            hint=t("Give each scenario its own id"),
        )
    last = session.scalar(
        select(func.max(FinancingScenarioRow.position)).where(
            FinancingScenarioRow.plan_id == plan_id
        )
    )
    row = FinancingScenarioRow(plan_id=plan_id, position=(last or 0) + 1)
    _apply_scenario(row, scenario)
    with unique(scenario_named(scenario.id), hint=t("Give each scenario its own id")):
        session.add(row)
        session.flush()


def update_scenario(
    session: Session, plan_id: int, code: str, scenario: Scenario, *, expected_version: int
) -> None:
    row = _scenario_row(session, plan_id, code)
    check_version(scenario_named(code), stored=row.version, expected=expected_version)
    _apply_scenario(row, scenario)
    flush_edit(session, row, scenario_named(code), expected=expected_version)


def delete_scenario(session: Session, plan_id: int, code: str, *, expected_version: int) -> None:
    row = _scenario_row(session, plan_id, code)
    check_version(scenario_named(code), stored=row.version, expected=expected_version)
    session.delete(row)
    session.flush()


# -- places of spend -----------------------------------------------------------------------


def line_places(session: Session, budget: int) -> dict[str, LinePlace]:
    """The stored places of the lines of budget ``budget`` (by its id), by line code."""
    rows = session.execute(
        select(BudgetLineRow.code, BudgetLinePlaceRow)
        .join(BudgetLinePlaceRow, BudgetLinePlaceRow.budget_line_id == BudgetLineRow.id)
        .where(BudgetLineRow.budget_id == budget)
    )
    return {
        code: LinePlace(code, place.region, place.country, place.version) for code, place in rows
    }


def set_line_place(
    session: Session, budget: int, code: str, *, region: str, country: str
) -> LinePlace:
    """Store (or replace) where line ``code`` of budget ``budget`` is spent."""
    line = session.scalar(
        select(BudgetLineRow).where(BudgetLineRow.budget_id == budget, BudgetLineRow.code == code)
    )
    if line is None:
        raise NotFound(t("no line {code} in this budget", code=code), hint=t("Reload the budget"))
    row = session.get(BudgetLinePlaceRow, line.id)
    if row is None:
        row = BudgetLinePlaceRow(budget_line_id=line.id, region=region, country=country)
        session.add(row)
    else:
        row.region, row.country = region, country
    session.flush()
    return LinePlace(code, row.region, row.country, row.version)


# -- tax-credit cases ----------------------------------------------------------------------


def case(session: Session, production_id: int) -> CaseRecord | None:
    row = session.scalar(
        select(TaxCreditCaseRow).where(TaxCreditCaseRow.production_id == production_id)
    )
    if row is None:
        return None
    return CaseRecord(
        id=row.id,
        credit=row.credit,
        genre=row.genre,
        budget_number=_budget_number(session, row.budget_id),
        rules_on=row.rules_on,
        inputs=json.loads(row.inputs_json or "{}"),
        result=json.loads(row.result_json) if row.result_json else None,
        computed_at=row.computed_at,
        version=row.version,
    )


def save_case(
    session: Session,
    production_id: int,
    *,
    credit: str,
    genre: str,
    budget: int | None,
    rules_on: dt.date | None,
    inputs: Mapping[str, Any],
    expected_version: int | None,
) -> None:
    """Create the case (``expected_version`` None) or replace its settings; a changed case
    forgets its last result."""
    row = session.scalar(
        select(TaxCreditCaseRow).where(TaxCreditCaseRow.production_id == production_id)
    )
    what = t("the tax-credit case")
    if row is None:
        row = TaxCreditCaseRow(production_id=production_id)
        session.add(row)
    elif expected_version is None:
        raise Conflict(
            t("this production already has a tax-credit case"), hint=t("Edit it instead")
        )
    else:
        check_version(what, stored=row.version, expected=expected_version)
    row.credit, row.genre, row.budget_id, row.rules_on = credit, genre, budget, rules_on
    row.inputs_json = json.dumps(dict(inputs), sort_keys=True)
    row.result_json, row.computed_at = None, None
    if expected_version is None:
        session.flush()
    else:
        flush_edit(session, row, what, expected=expected_version)


def store_result(
    session: Session, production_id: int, result: Mapping[str, Any], at: dt.datetime
) -> None:
    """Keep the last computed result (not an edit: the version stays)."""
    row = session.scalar(
        select(TaxCreditCaseRow).where(TaxCreditCaseRow.production_id == production_id)
    )
    if row is None:
        raise NotFound(t("this production has no tax-credit case yet"))
    session.execute(
        update(TaxCreditCaseRow)
        .where(TaxCreditCaseRow.id == row.id)
        .values(result_json=json.dumps(dict(result), sort_keys=True), computed_at=at)
    )
    session.expire(row)
