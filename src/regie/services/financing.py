# SPDX-License-Identifier: AGPL-3.0-or-later
"""The financing plan of a production (plan de financement), stored: its sources and
scenarios edited with optimistic versions, the place of spend of the devis lines, and the
report — the plan against the linked devis' computed total, the public-aid intensity
check (tax credit counted; only the excess of the credit refused, CE 2023), the regional
funds' territorial obligations from the lines' place of spend, and every scenario.

Each edit is one transaction checked in full before anything is written: a bad amount,
an unknown kind or status, a scenario naming a source the plan lacks is refused naming
the field, and the plan stays as it was. Seeing the plan needs the budget's view right,
editing it the budget's edit right.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Final

from sqlalchemy.orm import Session

from regie.budget.model import BudgetLine, Devis, Place
from regie.core.choices import choice
from regie.core.errors import Conflict, ValidationError
from regie.core.money import to_decimal
from regie.core.production import Agreement, Production, ProductionKind
from regie.core.text import Text, t
from regie.documents.financing import PlanFacts
from regie.finance.aid import (
    AidProfile,
    AidRules,
    Genre,
    IntensityCheck,
    PlacedSpend,
    TerritorialObligation,
    WorkKind,
    check_intensity,
    load_aid_rules,
    territorial_obligations,
)
from regie.finance.financing import (
    Balance,
    FinancingSource,
    Scenario,
    ScenarioResult,
    SourceKind,
    SourceStatus,
    balance,
    check_plan,
    run_scenarios,
)
from regie.office.roles import Permission, User
from regie.services import budgets
from regie.services.access import production_for
from regie.services.database import Database
from regie.storage.repos import budgets as budget_repo
from regie.storage.repos import financing as repo
from regie.storage.repos.financing import (
    LinePlace,
    PlanRecord,
    PlanSettings,
    ScenarioRecord,
    SourceRecord,
)

__all__ = [
    "FinancingReport",
    "LinePlace",
    "PlacedLine",
    "PlanFields",
    "PlanRecord",
    "ScenarioFields",
    "ScenarioRecord",
    "SourceFields",
    "SourceRecord",
]

MAX_TEXT: Final = 500
CENT: Final = Decimal("0.01")
_CODE: Final = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
_COUNTRY: Final = re.compile(r"^[A-Z]{2}$")
_YES: Final = frozenset({"yes", "oui", "true", "1", "on", "public", "publique"})
_NO: Final = frozenset({"no", "non", "false", "0", "off", "private", "privee", "privée"})


@dataclass(frozen=True, slots=True)
class PlanFields:
    """What a user enters for the plan; numbers as typed (``"1 250 000"``)."""

    title: str = ""
    budget: int | None = None  # the devis number the plan balances against
    budget_total: object = None  # stated total when no devis is linked
    region: str = ""  # where the devis lines placed "region" are spent
    work_kind: str = WorkKind.AUDIOVISUAL.value
    genre: str = Genre.FICTION.value
    film_rank: object = None
    difficult: bool = False
    selective_documentary: bool = False
    derogation_granted: bool = False
    minutes: object = None
    french_share: object = "1"


@dataclass(frozen=True, slots=True)
class SourceFields:
    code: str  # "" on creation: made from the partner's name
    kind: str
    partner: str
    amount: object
    status: str = SourceStatus.PLANNED.value
    public: object = None  # "", "yes", "no" (or a bool): overrides the pack's classification
    region: str = ""
    spend_factor: object = None
    note: str = ""
    from_tax_credit: bool = False


@dataclass(frozen=True, slots=True)
class ScenarioFields:
    code: str
    title: str = ""
    remove: tuple[str, ...] = ()
    amounts: Mapping[str, object] = field(default_factory=dict)


# -- reading fields ------------------------------------------------------------------------


def _text(raw: str, name: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    clean = " ".join((raw or "").split())
    if required and not clean:
        raise ValidationError(t("{field} is empty", field=name), field=name)
    if len(clean) > limit:
        raise ValidationError(
            t("{field} is limited to {max} characters", field=name, max=limit), field=name
        )
    return clean


def _blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _amount(raw: object, name: str) -> Decimal:
    value = to_decimal(raw, field=name)
    if value < 0:
        raise ValidationError(t("{field} cannot be negative", field=name), field=name)
    if value != value.quantize(CENT):
        raise ValidationError(
            t("{field} has more than two decimals", field=name),
            field=name,
            hint=t("Give the amount in euros and cents"),
        )
    return value.quantize(CENT)


def _optional_decimal(raw: object, name: str) -> Decimal | None:
    if _blank(raw):
        return None
    value = to_decimal(raw, field=name)
    if value < 0:
        raise ValidationError(t("{field} cannot be negative", field=name), field=name)
    return value


def _optional_int(raw: object, name: str) -> int | None:
    if _blank(raw):
        return None
    text = str(raw).strip()
    if not text.isdigit() or not 0 < int(text) < 100_000:
        raise ValidationError(t("'{text}' is not a whole number", text=text), field=name)
    return int(text)


def slug_of(text: str) -> str:
    """``"Région Normandie"`` → ``"region-normandie"``: a source's id from its partner."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60] or "source"


def _code(raw: str, name: str = "code") -> str:
    code = raw.strip().lower()
    if not _CODE.match(code):
        raise ValidationError(
            t("'{value}' is not an id", value=raw),
            field=name,
            hint=t("Use lower-case letters, digits and dashes, e.g. region-normandie"),
        )
    return code


def _public(raw: object) -> bool | None:
    if raw is None or isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if not text or text in {"auto", "pack"}:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValidationError(
        t("'{value}' is not one of {allowed}", value=raw, allowed="yes, no"),
        field="public",
        hint=t("Leave it blank to follow the rule pack"),
    )


def make_source(fields: SourceFields) -> FinancingSource:
    """``fields`` checked, as a source (its id made from the partner when blank)."""
    partner = _text(fields.partner, "partner", required=True, limit=200)
    code = _code(fields.code) if fields.code.strip() else slug_of(partner)
    factor = _optional_decimal(fields.spend_factor, "spend_factor")
    return FinancingSource(
        id=code,
        kind=choice(SourceKind, fields.kind, "kind"),
        partner=partner,
        amount=_amount(fields.amount, "amount"),
        status=choice(SourceStatus, fields.status or "planned", "status"),
        public=_public(fields.public),
        region=_text(fields.region, "region", limit=200),
        spend_factor=None if factor is None else factor.normalize(),
        note=_text(fields.note, "note"),
    )


def make_scenario(fields: ScenarioFields) -> Scenario:
    code = _code(fields.code)
    removed = tuple(dict.fromkeys(_code(x, "remove") for x in fields.remove if x.strip()))
    amounts = {_code(k, "amounts"): _amount(v, f"amounts.{k}") for k, v in fields.amounts.items()}
    return Scenario(code, _text(fields.title, "title", limit=200), removed, amounts)


def _settings(session: Session, production_id: int, fields: PlanFields) -> PlanSettings:
    share = to_decimal("1" if _blank(fields.french_share) else fields.french_share,
                       field="french_share")  # fmt: skip
    if not Decimal(0) < share <= 1:
        raise ValidationError(
            t("the French share must be more than 0 and at most 1"),
            field="french_share",
            hint=t("Write it as a share, e.g. 0.7 for 70 %"),
        )
    stated = None if _blank(fields.budget_total) else _amount(fields.budget_total, "budget_total")
    if stated is not None and stated <= 0:
        raise ValidationError(t("the budget total must be more than zero"), field="budget_total")
    linked = None if fields.budget is None else repo.budget_id(session, production_id,
                                                                 fields.budget)  # fmt: skip
    return PlanSettings(
        title=_text(fields.title, "title", limit=200),
        budget_id=linked,
        budget_total=stated,
        region=_text(fields.region, "region", limit=200),
        profile=AidProfile(
            kind=choice(WorkKind, fields.work_kind, "work_kind"),
            genre=choice(Genre, fields.genre, "genre"),
            film_rank=_optional_int(fields.film_rank, "film_rank"),
            difficult=fields.difficult,
            selective_documentary=fields.selective_documentary,
            derogation_granted=fields.derogation_granted,
            minutes=_optional_int(fields.minutes, "minutes"),
            french_share=share,
        ),
    )


def default_fields(production: Production, budget: int | None = None) -> PlanFields:
    """A plan's settings from the production: cinema for IDCC 3097, its genre from its
    kind, its running time (all episodes)."""
    genre = Genre.DOCUMENTARY if production.kind is ProductionKind.DOCUMENTARY else Genre.FICTION
    kind = WorkKind.CINEMA if production.agreement is Agreement.CINEMA else WorkKind.AUDIOVISUAL
    minutes = (production.running_minutes or 0) * max(production.episodes, 1) or None
    return PlanFields(
        title=production.title, budget=budget, work_kind=kind.value, genre=genre.value,
        minutes=minutes,
    )  # fmt: skip


def plan_fields(record: PlanRecord) -> PlanFields:
    """The stored plan's settings as fields (to change a few and save)."""
    profile = record.profile
    return PlanFields(
        title=record.title, budget=record.budget_number, budget_total=record.budget_total,
        region=record.region, work_kind=profile.kind.value, genre=profile.genre.value,
        film_rank=profile.film_rank, difficult=profile.difficult,
        selective_documentary=profile.selective_documentary,
        derogation_granted=profile.derogation_granted, minutes=profile.minutes,
        french_share=profile.french_share,
    )  # fmt: skip


def source_fields(record: SourceRecord) -> SourceFields:
    source = record.source
    return SourceFields(
        code=source.id, kind=source.kind.value, partner=source.partner, amount=source.amount,
        status=source.status.value, public=source.public, region=source.region,
        spend_factor=source.spend_factor, note=source.note,
        from_tax_credit=record.from_tax_credit,
    )  # fmt: skip


# -- the plan ------------------------------------------------------------------------------


def find_plan(db: Database, slug: str, *, actor: User | None) -> PlanRecord | None:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_BUDGET)
        return repo.plan(session, production.id)


def get_plan(db: Database, slug: str, *, actor: User | None) -> PlanRecord:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_BUDGET)
        return _stored(session, production.id)


def _stored(session: Session, production_id: int) -> PlanRecord:
    return repo.stored_plan(session, production_id)


def create_plan(
    db: Database, slug: str, fields: PlanFields | None = None, *, actor: User | None
) -> PlanRecord:
    """The production's plan; without ``fields``, settings from the production and the
    newest devis linked."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
        if fields is None:
            numbers = budget_repo.numbers(session, production.id)
            fields = default_fields(production, numbers[-1] if numbers else None)
        repo.insert_plan(session, production.id, _settings(session, production.id, fields))
        return _stored(session, production.id)


def update_plan(
    db: Database, slug: str, fields: PlanFields, *, expected_version: int, actor: User | None
) -> PlanRecord:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
        settings = _settings(session, production.id, fields)
        repo.update_plan(session, production.id, settings, expected_version=expected_version)
        return _stored(session, production.id)


def delete_plan(db: Database, slug: str, *, expected_version: int, actor: User | None) -> None:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
        repo.delete_plan(session, production.id, expected_version=expected_version)


# -- sources and scenarios -----------------------------------------------------------------


def _checked(record: PlanRecord, sources: Sequence[FinancingSource],
             scenarios: Sequence[Scenario]) -> None:  # fmt: skip
    check_plan(replace(record.plan, sources=tuple(sources), scenarios=tuple(scenarios)))


def add_source(
    db: Database, slug: str, fields: SourceFields, *, expected_version: int, actor: User | None
) -> PlanRecord:
    """Append a source; ``expected_version`` is the plan's."""
    source = make_source(fields)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
        plan_id = repo.touch_plan(session, production.id, expected_version=expected_version)
        repo.insert_source(session, plan_id, source, from_tax_credit=fields.from_tax_credit)
        return _stored(session, production.id)


def update_source(
    db: Database,
    slug: str,
    code: str,
    fields: SourceFields,
    *,
    expected_version: int,
    actor: User | None,
) -> PlanRecord:
    """Replace source ``code`` (its id may change when no scenario names it)."""
    source = make_source(replace(fields, code=fields.code or code))
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
        record = _stored(session, production.id)
        others = [s.source for s in record.sources if s.source.id != code]
        scenarios = [s.scenario for s in record.scenarios]
        if source.id != code and any(code in (*s.remove, *s.amounts) for s in scenarios):
            raise Conflict(
                t("a scenario names source '{code}': its id cannot change", code=code),
                hint=t("Keep the id, or edit the scenario first"),
            )
        _checked(record, [*others, source], scenarios)
        repo.update_source(session, record.id, code, source,
                           from_tax_credit=fields.from_tax_credit,
                           expected_version=expected_version)  # fmt: skip
        return _stored(session, production.id)


def delete_source(
    db: Database, slug: str, code: str, *, expected_version: int, actor: User | None
) -> PlanRecord:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
        record = _stored(session, production.id)
        using = [s.scenario.id for s in record.scenarios
                 if code in (*s.scenario.remove, *s.scenario.amounts)]  # fmt: skip
        if using:
            raise Conflict(
                t("scenario '{scenario}' names source '{code}'", scenario=using[0], code=code),
                hint=t("Edit or delete the scenario first"),
            )
        repo.delete_source(session, record.id, code, expected_version=expected_version)
        return _stored(session, production.id)


def add_scenario(
    db: Database, slug: str, fields: ScenarioFields, *, expected_version: int, actor: User | None
) -> PlanRecord:
    """Add a scenario ("if the region refuses"); ``expected_version`` is the plan's."""
    scenario = make_scenario(fields)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
        record = _stored(session, production.id)
        _checked(record, record.plan.sources, [*record.plan.scenarios, scenario])
        plan_id = repo.touch_plan(session, production.id, expected_version=expected_version)
        repo.insert_scenario(session, plan_id, scenario)
        return _stored(session, production.id)


def update_scenario(
    db: Database,
    slug: str,
    code: str,
    fields: ScenarioFields,
    *,
    expected_version: int,
    actor: User | None,
) -> PlanRecord:
    scenario = make_scenario(replace(fields, code=fields.code or code))
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
        record = _stored(session, production.id)
        others = [s.scenario for s in record.scenarios if s.scenario.id != code]
        _checked(record, record.plan.sources, [*others, scenario])
        repo.update_scenario(session, record.id, code, scenario,
                             expected_version=expected_version)  # fmt: skip
        return _stored(session, production.id)


def delete_scenario(
    db: Database, slug: str, code: str, *, expected_version: int, actor: User | None
) -> PlanRecord:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
        record = _stored(session, production.id)
        repo.delete_scenario(session, record.id, code, expected_version=expected_version)
        return _stored(session, production.id)


# -- places of spend -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlacedLine:
    """A devis line and where it is spent: ``stored`` when a place was chosen for it,
    else derived from the line's own place (``region`` → the plan's region)."""

    code: str
    account: str
    description: str
    amount: Decimal  # gross + employer contributions
    country: str  # ISO code; "EU" / "ZZ" for a line placed in the EU / elsewhere
    region: str
    stored: bool


def line_place(line: BudgetLine, stored: LinePlace | None, region: str) -> tuple[str, str]:
    """``(country, region)`` where ``line`` is spent."""
    if stored is not None:
        return stored.country, stored.region
    if line.place is Place.REGION:
        return "FR", region
    return {Place.FRANCE: "FR", Place.EU: "EU"}.get(line.place, "ZZ"), ""


def placed_lines(
    devis: Devis, places: Mapping[str, LinePlace], region: str
) -> tuple[PlacedLine, ...]:
    out = []
    for chapter in devis.chapters:
        for account in chapter.accounts:
            for item in account.lines:
                line = item.line
                country, where = line_place(line, places.get(line.id), region)
                out.append(PlacedLine(line.id, line.account, line.description,
                                      item.gross + item.fringe_total, country, where,
                                      line.id in places))  # fmt: skip
    return tuple(out)


def places(db: Database, slug: str, number: int, *, actor: User | None) -> dict[str, LinePlace]:
    """The stored places of the lines of devis ``number``, by line code."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_BUDGET)
        return repo.line_places(session, repo.budget_id(session, production.id, number))


def set_line_place(
    db: Database,
    slug: str,
    number: int,
    code: str,
    *,
    region: str,
    country: str = "FR",
    actor: User | None,
) -> LinePlace:
    """Store where line ``code`` of devis ``number`` is spent (a region, a country)."""
    clean_country = country.strip().upper() or "FR"
    if not _COUNTRY.match(clean_country):
        raise ValidationError(
            t("'{value}' is not a country code", value=country),
            field="country",
            hint=t("Use the two-letter ISO code, e.g. FR, BE"),
        )
    clean_region = _text(region, "region", limit=200)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
        budget = repo.budget_id(session, production.id, number)
        return repo.set_line_place(session, budget, code.strip(), region=clean_region,
                                   country=clean_country)  # fmt: skip


# -- the report ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figures:
    """The plan's checks against a known budget total."""

    balance: Balance
    intensity: IntensityCheck
    territorial: tuple[TerritorialObligation, ...]
    scenarios: tuple[tuple[ScenarioResult, IntensityCheck], ...]


@dataclass(frozen=True, slots=True)
class FinancingReport:
    record: PlanRecord
    production: Production
    rules: AidRules
    budget_total: Decimal | None  # the devis' total (add-ons included), else the stated one
    budget_name: str  # "Devis 1 — brouillon"; "" when the total is stated
    lines: tuple[PlacedLine, ...]  # the linked devis' lines and their place
    figures: Figures | None  # None while the budget total is not known
    warnings: tuple[Text, ...] = ()

    @property
    def spend(self) -> tuple[PlacedSpend, ...]:
        return tuple(PlacedSpend(x.account, x.amount, x.region) for x in self.lines)


def report(
    db: Database,
    slug: str,
    *,
    actor: User | None,
    scenarios: Sequence[str] | None = None,
    rule_dirs: tuple[Path, ...] = (),
) -> FinancingReport:
    """The stored plan checked: balance, intensity, territorial obligations and the
    scenarios named (all of them when ``scenarios`` is None)."""
    rules = load_aid_rules(rule_dirs)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_BUDGET)
        record = _stored(session, production.id)
        stored_places = (
            repo.line_places(session, repo.budget_id(session, production.id,
                                                     record.budget_number))
            if record.budget_number is not None else {}
        )  # fmt: skip
    total, name = record.budget_total, ""
    lines: tuple[PlacedLine, ...] = ()
    if record.budget_number is not None:
        computed = budgets.devis(db, slug, record.budget_number, actor=actor)
        total = computed.total
        name = budgets.get_budget(db, slug, record.budget_number, actor=actor).name
        lines = placed_lines(computed, stored_places, record.region)
    warnings: list[Text] = []
    figures = None
    if total is None or total <= 0:
        warnings.append(t("the budget total is not known: link a devis or state the total"))
    else:
        figures = _figures(record, total, lines, rules, scenarios)
    if any(s.source.kind is SourceKind.REGION and not s.source.region and not record.region
           for s in record.sources):  # fmt: skip
        warnings.append(t("a regional fund names no region: its local spend is looked up by "
                          "the partner's name"))  # fmt: skip
    return FinancingReport(record, production, rules, total, name, lines, figures,
                           tuple(warnings))  # fmt: skip


def _figures(
    record: PlanRecord,
    total: Decimal,
    lines: Sequence[PlacedLine],
    rules: AidRules,
    wanted: Sequence[str] | None,
) -> Figures:
    plan = record.plan
    chosen = None if wanted is None else [_scenario(record, code) for code in wanted]
    spend = [PlacedSpend(x.account, x.amount, x.region) for x in lines]
    return Figures(
        balance=balance(plan, total, rules.sources),
        intensity=check_intensity(plan, total, record.profile, rules),
        territorial=territorial_obligations(plan, spend, total, record.profile, rules),
        scenarios=tuple(
            (result, check_intensity(result.plan, total, record.profile, rules))
            for result in run_scenarios(plan, total, rules.sources, chosen)
        ),
    )


def _scenario(record: PlanRecord, code: str) -> Scenario:
    found = record.scenario(code)
    if found is None:
        raise ValidationError(
            t("the plan has no scenario '{id}'", id=code),
            field="scenario",
            hint=t("Scenarios of this plan: {known}",
                   known=", ".join(s.scenario.id for s in record.scenarios) or "—"),
        )  # fmt: skip
    return found.scenario


def plan_facts(report: FinancingReport, today: dt.date) -> PlanFacts:
    """The report as the plan document prints it; refused while the budget total is not
    known."""
    if report.figures is None or report.budget_total is None:
        raise ValidationError(
            t("the budget total is not known: link a devis or state the total"),
            field="budget",
            hint=t("Set it in the plan's settings"),
        )
    figures = report.figures
    return PlanFacts(
        plan=report.record.plan, production=report.production, rules=report.rules.sources,
        budget_total=report.budget_total, budget_name=report.budget_name,
        balance=figures.balance, intensity=figures.intensity,
        territorial=figures.territorial, scenarios=figures.scenarios, date=today,
    )  # fmt: skip
