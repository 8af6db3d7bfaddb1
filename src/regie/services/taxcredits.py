# SPDX-License-Identifier: AGPL-3.0-or-later
"""The production's tax credit (crédit d'impôt cinéma / audiovisuel / international),
stored as a case: the regime, what the production entered, and the devis its eligible
spend comes from.

:func:`compute_case` derives what was not entered — the eligible spend from the devis
lines (:func:`~regie.finance.taxcredit.eligibility.spend_lines_from_devis`, each line's
stored place of spend overriding its own), the production cost from the devis total, the
minutes from the production, the public aid other than the credit from the financing
plan — computes the credit with its trace (every step citing article and rule) and the
provisional-approval (agrément provisoire) checklist. :func:`compute_and_store` keeps the
result and its trace on the case; :func:`apply_to_plan` writes the credit into the plan's
tax-credit source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from regie.budget.model import Devis
from regie.core.choices import choice
from regie.core.errors import ValidationError
from regie.core.money import to_decimal
from regie.core.production import Agreement, Production, ProductionKind
from regie.core.text import Text, english, t
from regie.finance.aid import load_aid_rules
from regie.finance.financing import FinancingSource, Publicness, SourceKind, SourceStatus
from regie.finance.taxcredit.actual_spend import account_places, spend_lines_from_actuals
from regie.finance.taxcredit.checklist import Checklist, checklist
from regie.finance.taxcredit.compute import compute, load_pack
from regie.finance.taxcredit.eligibility import (
    EligibleSpend,
    SpendLine,
    eligible_spend,
    spend_lines_from_devis,
)
from regie.finance.taxcredit.model import (
    Credit,
    Genre,
    TaxCreditCase,
    TaxCreditInputs,
    TaxCreditResult,
)
from regie.office.roles import Permission, User
from regie.rules.registry import pack
from regie.services import budgets, cost_reports
from regie.services.access import production_for
from regie.services.database import Database
from regie.storage.base import utc_now
from regie.storage.repos import budgets as budget_repo
from regie.storage.repos import financing as repo
from regie.storage.repos import people as people_repo
from regie.storage.repos.financing import CaseRecord, LinePlace, PlanRecord

__all__ = ["CaseFields", "CaseRecord", "TaxCreditOutcome"]

TAX_CREDIT_SOURCE: Final = "credit-impot"
_DECIMALS: Final = ("eligible_expenses", "production_cost", "subsidies", "other_public_aid",
                    "french_share", "vfx_expenses")  # fmt: skip
_WHOLE: Final = ("minutes", "shooting_days_france")
SPEND_FROM: Final = ("devis", "actuals")


@dataclass(frozen=True, slots=True)
class CaseFields:
    """What the production enters; blank inputs are derived (devis, production, plan).
    Numbers as typed (``"1 300 000"``)."""

    credit: str
    genre: str
    budget: int | None = None  # the devis the eligible spend comes from
    spend_from: str = "devis"  # "devis": its lines; "actuals": what was spent against it
    on: dt.date | None = None  # the day whose rules apply (None: the day of computation)
    eligible_expenses: object = None  # needed when no devis is named
    minutes: object = None
    production_cost: object = None
    subsidies: object = None
    other_public_aid: object = None
    french_share: object = None
    vfx_expenses: object = None
    shooting_days_france: object = None
    difficult_work: bool = False
    french_language: bool | None = None


@dataclass(frozen=True, slots=True)
class TaxCreditOutcome:
    record: CaseRecord | None  # None: computed from the production's defaults
    fields: CaseFields
    production: Production
    result: TaxCreditResult
    spend: EligibleSpend | None  # when the spend comes from a devis
    checklist: Checklist
    origins: tuple[tuple[str, Text], ...]  # input → where its value came from
    budget_name: str = ""


# -- fields --------------------------------------------------------------------------------


def _choice(kind: type[Credit] | type[Genre], raw: str, name: str) -> str:
    return choice(kind, raw, name).value


def _decimal(raw: object, name: str) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    value = to_decimal(raw, field=name)
    if value < 0:
        raise ValidationError(t("{field} cannot be negative", field=name), field=name)
    return value


def inputs_json(fields: CaseFields) -> dict[str, Any]:
    """The entered inputs as stored: checked, numbers as decimal strings, blanks left out."""
    _choice(Credit, fields.credit, "credit")
    _choice(Genre, fields.genre, "genre")
    out: dict[str, Any] = {}
    for name in (*_DECIMALS, *_WHOLE):
        value = _decimal(getattr(fields, name), name)
        if value is None:
            continue
        if name in _WHOLE and value != value.to_integral():
            raise ValidationError(t("'{text}' is not a whole number", text=value), field=name)
        if name == "french_share" and not Decimal(0) < value <= 1:
            raise ValidationError(
                t("the French share must be more than 0 and at most 1"), field=name
            )
        out[name] = format(value.normalize(), "f")
    out["difficult_work"] = fields.difficult_work
    if _spend_from(fields.spend_from) != "devis":
        out["spend_from"] = _spend_from(fields.spend_from)
    if fields.french_language is not None:
        out["french_language"] = fields.french_language
    return out


def fields_of(record: CaseRecord) -> CaseFields:
    raw = record.inputs
    values = {name: raw.get(name) for name in (*_DECIMALS, *_WHOLE)}
    return CaseFields(
        credit=record.credit, genre=record.genre, budget=record.budget_number,
        on=record.rules_on, difficult_work=bool(raw.get("difficult_work", False)),
        french_language=raw.get("french_language"),
        spend_from=str(raw.get("spend_from", "devis")), **values,
    )  # fmt: skip


def _spend_from(raw: str) -> str:
    value = raw.strip().lower()
    if value not in SPEND_FROM:
        raise ValidationError(
            t("'{value}' is not one of {allowed}", value=raw, allowed=", ".join(SPEND_FROM)),
            field="spend_from",
            hint=t("Take the eligible spend from the devis lines or from the actuals"),
        )
    return value


def default_fields(production: Production, budget: int | None) -> CaseFields:
    """The case a production's kind implies: the cinema credit under IDCC 3097, else the
    audiovisual one; its genre from its kind; the eligible spend from ``budget``."""
    credit = Credit.CINEMA if production.agreement is Agreement.CINEMA else Credit.AUDIOVISUAL
    genre = {
        ProductionKind.DOCUMENTARY: Genre.DOCUMENTARY,
        ProductionKind.LIVE_CAPTURE: Genre.LIVE_SHOW,
    }.get(production.kind, Genre.FICTION)
    return CaseFields(credit.value, genre.value, budget=budget)


# -- stored case ---------------------------------------------------------------------------


def get_case(db: Database, slug: str, *, actor: User | None) -> CaseRecord | None:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_BUDGET)
        return repo.case(session, production.id)


def save_case(
    db: Database,
    slug: str,
    fields: CaseFields,
    *,
    expected_version: int | None,
    actor: User | None,
) -> CaseRecord:
    """Create the case (``expected_version`` None) or replace it; the last result goes."""
    stored = inputs_json(fields)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
        budget = (
            None if fields.budget is None
            else repo.budget_id(session, production.id, fields.budget)
        )  # fmt: skip
        repo.save_case(
            session, production.id, credit=_choice(Credit, fields.credit, "credit"),
            genre=_choice(Genre, fields.genre, "genre"), budget=budget, rules_on=fields.on,
            inputs=stored, expected_version=expected_version,
        )  # fmt: skip
        found = repo.case(session, production.id)
        assert found is not None  # noqa: S101 - just saved
        return found


# -- computing -----------------------------------------------------------------------------


def devis_spend_lines(
    devis: Devis, places: Mapping[str, LinePlace], region: str
) -> tuple[SpendLine, ...]:
    """The devis as spend lines, each line (and its charges) placed where the production
    said it is spent; lines without a stored place keep their own (``region`` → the
    plan's region)."""
    out = []
    for line in spend_lines_from_devis(devis, region=region or None):
        stored = places.get(line.ref.split("/", 1)[0])
        out.append(
            line
            if stored is None
            else replace(line, country=stored.country, region=stored.region or None)
        )
    return tuple(out)


def _other_public_aid(plan: PlanRecord | None, rule_dirs: tuple[Path, ...]) -> Decimal | None:
    """Public aid of the plan other than the tax credit (refused sources aside)."""
    if plan is None:
        return None
    sources = load_aid_rules(rule_dirs).sources
    return sum(
        (s.amount for s in plan.plan.sources
         if s.counted and s.kind is not SourceKind.TAX_CREDIT
         and sources.publicness(s) is Publicness.PUBLIC),
        Decimal(0),
    )  # fmt: skip


def compute_case(
    db: Database,
    slug: str,
    *,
    actor: User | None,
    today: dt.date,
    fields: CaseFields | None = None,
    rule_dirs: tuple[Path, ...] = (),
) -> TaxCreditOutcome:
    """The credit of ``fields`` (default: the stored case, else the production's
    defaults with its newest devis), nothing stored."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_BUDGET)
        record = repo.case(session, production.id)
        plan = repo.plan(session, production.id)
        if fields is None:
            numbers = budget_repo.numbers(session, production.id)
            fields = (
                fields_of(record) if record is not None
                else default_fields(production, numbers[-1] if numbers else None)
            )  # fmt: skip
        places = (
            repo.line_places(session, repo.budget_id(session, production.id, fields.budget))
            if fields.budget is not None else {}
        )  # fmt: skip
        payees = people_repo.payee_facts(session, production.id)
    entered = inputs_json(fields)
    credit = Credit(_choice(Credit, fields.credit, "credit"))
    origins: list[tuple[str, Text]] = []
    spend, devis, budget_name, cost = None, None, "", None
    from_actuals = _spend_from(fields.spend_from) == "actuals"
    if from_actuals and fields.budget is None:
        raise ValidationError(
            t("the actuals are read against a devis, and none is named"),
            field="budget",
            hint=t("Name the devis whose cost report holds the actuals"),
        )
    if fields.budget is not None:
        devis = budgets.devis(db, slug, fields.budget, actor=actor)
        budget_name = budgets.get_budget(db, slug, fields.budget, actor=actor).name
        region = plan.region if plan else ""
        lines = devis_spend_lines(devis, places, region)
        cost = (devis.total, t("total of the devis"))
        if from_actuals:
            view = cost_reports.cost_report(
                db, slug, fields.budget, actor=actor, as_of=fields.on or today, rule_dirs=rule_dirs
            )
            chapter_of = {a.code: c.number for c in devis.budget.chart.chapters for a in c.accounts}
            lines = spend_lines_from_actuals(
                view.actuals, chapter_of, view.settings, payees=payees,
                places=account_places(lines), default=("FR", region or None),
            )  # fmt: skip
            cost = (view.report.figures.final, t("estimated final cost of the cost report"))
        spend = eligible_spend(lines, credit, pack("taxcredit-spend", extra_dirs=rule_dirs))
    inputs = _inputs(entered, production, cost, spend, plan, rule_dirs, origins,
                     from_actuals=from_actuals)  # fmt: skip
    case = TaxCreditCase(
        credit, Genre(_choice(Genre, fields.genre, "genre")), inputs, fields.on or today,
        case_id=production.code, title=production.title,
    )  # fmt: skip
    result = compute(case, load_pack(credit, extra_dirs=rule_dirs))
    found = checklist(case, pack("taxcredit-agrement", extra_dirs=rule_dirs), result=result,
                      spend=spend)  # fmt: skip
    return TaxCreditOutcome(record, fields, production, result, spend, found, tuple(origins),
                            budget_name)  # fmt: skip


def _inputs(  # noqa: PLR0917 - what the inputs are derived from, each in its place
    entered: Mapping[str, Any],
    production: Production,
    derived_cost: tuple[Decimal, Text] | None,
    spend: EligibleSpend | None,
    plan: PlanRecord | None,
    rule_dirs: tuple[Path, ...],
    origins: list[tuple[str, Text]],
    *,
    from_actuals: bool = False,
) -> TaxCreditInputs:
    def given(name: str) -> Decimal | None:
        return Decimal(entered[name]) if name in entered else None

    eligible = given("eligible_expenses")
    if eligible is None and spend is not None:
        eligible = spend.eligible
        origins.append(
            ("eligible_expenses", t("eligible actual spend") if from_actuals
             else t("eligible lines of the devis"))
        )  # fmt: skip
    if eligible is None:
        raise ValidationError(
            t("the eligible spend is not known"),
            field="eligible_expenses",
            hint=t("Name the devis it comes from, or enter the eligible French expenses"),
        )
    minutes = given("minutes")
    if minutes is None and production.running_minutes:
        minutes = Decimal(production.running_minutes * max(production.episodes, 1))
        origins.append(("minutes", t("running time of the production")))
    cost = given("production_cost")
    if cost is None and derived_cost is not None:
        cost, origin = derived_cost
        origins.append(("production_cost", origin))
    other = given("other_public_aid")
    if other is None:
        other = _other_public_aid(plan, rule_dirs)
        if other is not None:
            origins.append(("other_public_aid", t("public sources of the financing plan")))
    days = given("shooting_days_france")
    return TaxCreditInputs(
        eligible_expenses=eligible,
        minutes=minutes,
        production_cost=cost,
        subsidies=given("subsidies") or Decimal(0),
        other_public_aid=other,
        difficult_work=bool(entered.get("difficult_work", False)),
        french_language=entered.get("french_language"),
        vfx_expenses=given("vfx_expenses"),
        shooting_days_france=None if days is None else int(days),
        french_share=given("french_share"),
    )


def result_document(outcome: TaxCreditOutcome) -> dict[str, Any]:
    """The result as stored on the case (English labels; numbers as decimal strings)."""
    result = outcome.result

    def plain(value: object) -> object:
        return format(value, "f") if isinstance(value, Decimal) else value

    document: dict[str, Any] = {
        "credit": result.case.credit.value,
        "genre": result.case.genre.value,
        "date": result.case.on.isoformat(),
        "figures": {k: plain(v) for k, v in result.fields().items()},
        "flags": [f.translate(english) for f in result.flags],
        "rule_packs": list(result.packs),
        "inputs_from": {name: why.translate(english) for name, why in outcome.origins},
        "trace": [
            {"step": s.key, "label": s.label.translate(english), "value": plain(s.value),
             "formula": s.formula, "article": s.article, "rule": s.rule,
             "status": s.status.value if s.status else None, "source": s.citation}
            for s in result.trace
        ],
    }  # fmt: skip
    if outcome.spend is not None:
        document["eligible_spend"] = {
            "eligible_eur": plain(outcome.spend.eligible),
            "excluded_eur": plain(outcome.spend.excluded),
            "rule_pack": outcome.spend.pack,
        }
    return document


def compute_and_store(
    db: Database,
    slug: str,
    *,
    actor: User | None,
    today: dt.date,
    rule_dirs: tuple[Path, ...] = (),
) -> TaxCreditOutcome:
    """Compute the stored case (made from the defaults when there is none) and keep the
    result with its trace on it."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
        exists = repo.case(session, production.id) is not None
    if not exists:
        first = compute_case(db, slug, actor=actor, today=today, rule_dirs=rule_dirs)
        save_case(db, slug, first.fields, expected_version=None, actor=actor)
    outcome = compute_case(db, slug, actor=actor, today=today, rule_dirs=rule_dirs)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
        repo.store_result(session, production.id, result_document(outcome), utc_now())
        stored = repo.case(session, production.id)
    return replace(outcome, record=stored)


def apply_to_plan(
    db: Database,
    slug: str,
    *,
    expected_version: int,
    actor: User | None,
    today: dt.date,
    rule_dirs: tuple[Path, ...] = (),
) -> PlanRecord:
    """Write the computed credit into the plan's sources that follow it (adding one,
    ``credit-impot``, when the plan has no tax-credit source); ``expected_version`` is
    the plan's."""
    outcome = compute_case(db, slug, actor=actor, today=today, rule_dirs=rule_dirs)
    amount = outcome.result.credit
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
        record = repo.stored_plan(session, production.id)
        plan_id = repo.touch_plan(session, production.id, expected_version=expected_version)
        linked = [s for s in record.sources if s.from_tax_credit]
        if not linked and not any(s.source.kind is SourceKind.TAX_CREDIT for s in record.sources):
            repo.insert_source(session, plan_id, _credit_source(outcome, amount),
                               from_tax_credit=True)  # fmt: skip
        for source in linked:
            repo.update_source(session, plan_id, source.source.id,
                               replace(source.source, amount=amount), from_tax_credit=True,
                               expected_version=source.version)  # fmt: skip
        return repo.stored_plan(session, production.id)


_PARTNERS: Final[dict[Credit, str]] = {
    Credit.CINEMA: "Crédit d'impôt cinéma (CGI 220 sexies)",
    Credit.AUDIOVISUAL: "Crédit d'impôt audiovisuel (CGI 220 sexies)",
    Credit.INTERNATIONAL: "Crédit d'impôt international (CGI 220 quaterdecies)",
}


def _credit_source(outcome: TaxCreditOutcome, amount: Decimal) -> FinancingSource:
    return FinancingSource(
        id=TAX_CREDIT_SOURCE,
        kind=SourceKind.TAX_CREDIT,
        partner=_PARTNERS[outcome.result.case.credit],
        amount=amount,
        status=SourceStatus.PLANNED,
    )
