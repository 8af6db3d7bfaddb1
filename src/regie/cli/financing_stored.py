# SPDX-License-Identifier: AGPL-3.0-or-later
"""The production's stored financing plan, in its folder: ``regie financing show`` (also
``check`` without a file), ``add``, ``set``, ``rm``, ``scenario``, ``place``, ``plan``
(settings) and ``credit`` (the computed tax credit written into the plan). The commands
sit on :data:`regie.cli.finance.financing_app`; this module is imported by it.

Amounts are typed as text (``200 000``, ``1800,50``) and kept as exact decimals. Each
edit names no version: the command line reads the plan and edits it at once (a change
made meanwhile by someone else still refuses the edit).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from regie.cli import output
from regie.cli.board import money
from regie.cli.context import JsonOption, command, lang, production, rule_dirs, say
from regie.cli.finance import (
    RulesOption,
    _balance_json,
    _intensity_json,
    _print_balance,
    _print_intensity,
    _print_plan,
    _print_territorial,
    _sources_json,
    _territorial_json,
    financing_app,
)
from regie.cli.schedule import tr
from regie.core.errors import ValidationError
from regie.core.text import t

if TYPE_CHECKING:
    from regie.services.financing import FinancingReport, PlanRecord

ScenarioOption = Annotated[
    list[str] | None,
    typer.Option("--scenario", "-s", help="Scénario à simuler (répétable ; all)."),
]
PdfOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Écrire aussi le plan en PDF.")
]


def _today() -> dt.date:
    return dt.date.today()  # noqa: DTZ011  # a calendar day, for the document's date


def report_json(report: FinancingReport) -> dict[str, Any]:
    """The stored plan checked, with the same keys as ``financing check PLAN --json``."""
    record = report.record
    rules = report.rules
    document: dict[str, Any] = {
        "title": record.title,
        "version": record.version,
        "budget": {"number": record.budget_number, "name": report.budget_name or None,
                   "total": None if report.budget_total is None else str(report.budget_total)},
        "region": record.region or None,
        "pack": rules.ref,
        "sources": [
            {**row, "version": s.version, "from_tax_credit": s.from_tax_credit}
            for row, s in zip(_sources_json(record.plan, rules.sources), record.sources,
                              strict=True)
        ],
        "places": [
            {"line": x.code, "account": x.account, "amount": str(x.amount),
             "country": x.country, "region": x.region or None, "stored": x.stored}
            for x in report.lines
        ],
        "warnings": [tr(w) for w in report.warnings],
    }  # fmt: skip
    figures = report.figures
    if figures is not None:
        document["budget_total"] = str(figures.balance.budget_total)
        document["balance"] = _balance_json(figures.balance)
        document["intensity"] = _intensity_json(figures.intensity)
        document["territorial"] = [_territorial_json(o) for o in figures.territorial]
        document["scenarios"] = [
            {"id": result.scenario.id, "title": result.scenario.title,
             "lost": str(result.lost), "balance": _balance_json(result.balance),
             "intensity": _intensity_json(check)}
            for result, check in figures.scenarios
        ]  # fmt: skip
    return document


def _pdf(report: FinancingReport, path: Path) -> None:
    from regie.documents.financing import financing_pdf
    from regie.services.financing import plan_facts

    output.write_file(path, financing_pdf(plan_facts(report, _today()), locale=lang()))


def stored_report(
    scenario: list[str],
    *,
    explain: bool,
    rules: Path | None,
    json_output: bool,
    pdf: Path | None = None,
) -> None:
    from regie.services import financing

    with production() as (config, db):
        extra = ((rules,) if rules else ()) + rule_dirs(config)
        wanted = [] if not scenario else (None if "all" in scenario else scenario)
        report = financing.report(db, config.slug, actor=None, scenarios=wanted,
                                  rule_dirs=extra)  # fmt: skip
    if pdf is not None:
        _pdf(report, pdf)
    if json_output:
        output.print_json(report_json(report))
        return
    figures = report.figures
    if figures is None:
        output.table(
            say("Plan de financement", "Financing plan"),
            [say("Source", "Source"), say("Partenaire", "Partner"), say("Montant", "Amount")],
            [(s.id, s.partner, money(s.amount)) for s in report.record.plan.sources],
        )
    else:
        _print_plan(report.record.plan, figures.balance, report.rules.sources)
    for warning in report.warnings:
        output.warn(tr(warning))
    if figures is not None:
        _print_intensity(figures.intensity, explain=explain)
        for obligation in figures.territorial:
            _print_territorial(obligation, explain=explain)
        for result, check in figures.scenarios:
            output.line("")
            output.line(say("Scénario", "Scenario") + f" {result.scenario.id} — "
                        f"{result.scenario.title}")  # fmt: skip
            _print_balance(result.balance)
            _print_intensity(check, explain=False)
    if pdf is not None:
        output.success(tr(t("Plan written to {path}.", path=pdf)))


@command(financing_app, "show", "Afficher le plan de financement enregistré, contrôlé.")
def show(
    scenario: ScenarioOption = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Détailler chaque calcul et sa source.")
    ] = False,
    rules: RulesOption = None,
    pdf: PdfOption = None,
    json_output: JsonOption = False,
) -> None:
    stored_report(scenario or ["all"], explain=explain, rules=rules, json_output=json_output,
                  pdf=pdf)  # fmt: skip


def _plan(db: Any, slug: str) -> PlanRecord:
    """The plan, made (against the newest devis) when the production has none."""
    from regie.services import financing

    found = financing.find_plan(db, slug, actor=None)
    return found if found is not None else financing.create_plan(db, slug, actor=None)


def _done(record: PlanRecord, message: str, json_output: bool, code: str | None = None) -> None:
    if json_output:
        source = record.source(code) if code else None
        output.print_json({
            "version": record.version,
            "sources": [{"id": s.source.id, "amount": str(s.source.amount),
                         "status": s.source.status.value} for s in record.sources],
            "scenarios": [s.scenario.id for s in record.scenarios],
            **({"source": {"id": source.source.id, "kind": source.source.kind.value,
                           "amount": str(source.source.amount),
                           "status": source.source.status.value}} if source else {}),
        })  # fmt: skip
        return
    output.success(message)


KindOption = Annotated[
    str, typer.Option("--kind", "-k", help="Nature : producer_equity, region, cnc_automatic…")
]
StatusOption = Annotated[
    str | None, typer.Option("--status", help="planned, requested, granted, paid, refused.")
]
RegionOption = Annotated[
    str | None, typer.Option("--region", help="Région du fonds (dépense locale).")
]
PublicOption = Annotated[
    str | None, typer.Option("--public", help="yes / no : aide publique ou non (défaut : pack).")
]
FactorOption = Annotated[
    str | None, typer.Option("--spend-factor", help="Facteur de dépense locale du fonds (1,5).")
]
NoteOption = Annotated[str | None, typer.Option("--note", help="Note.")]


@command(financing_app, "add", "Ajouter une source au plan (crée le plan s'il n'existe pas).")
def add(
    partner: Annotated[str, typer.Argument(metavar="PARTENAIRE", help="Partenaire.")],
    amount: Annotated[str, typer.Argument(metavar="MONTANT", help="Montant en euros.")],
    *,
    kind: KindOption,
    status: StatusOption = None,
    source_id: Annotated[
        str | None, typer.Option("--id", help="Identifiant (défaut : tiré du partenaire).")
    ] = None,
    region: RegionOption = None,
    public: PublicOption = None,
    spend_factor: FactorOption = None,
    note: NoteOption = None,
    json_output: JsonOption = False,
) -> None:
    from regie.services import financing
    from regie.services.financing import SourceFields

    fields = SourceFields(
        code=source_id or "", kind=kind, partner=partner, amount=amount,
        status=status or "planned", public=public, region=region or "",
        spend_factor=spend_factor, note=note or "",
    )  # fmt: skip
    with production() as (config, db):
        plan = _plan(db, config.slug)
        record = financing.add_source(db, config.slug, fields, expected_version=plan.version,
                                      actor=None)  # fmt: skip
    code = record.sources[-1].source.id
    _done(record, tr(t("Source {code} added.", code=code)), json_output, code)


@command(financing_app, "set", "Modifier une source : montant, statut, partenaire…")
def set_source(
    source_id: Annotated[str, typer.Argument(metavar="SOURCE", help="Identifiant de la source.")],
    *,
    amount: Annotated[str | None, typer.Option("--amount", help="Montant en euros.")] = None,
    status: StatusOption = None,
    partner: Annotated[str | None, typer.Option("--partner", help="Partenaire.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", "-k", help="Nature.")] = None,
    region: RegionOption = None,
    public: PublicOption = None,
    spend_factor: FactorOption = None,
    note: NoteOption = None,
    json_output: JsonOption = False,
) -> None:
    from dataclasses import replace

    from regie.core.errors import NotFound
    from regie.services import financing

    with production() as (config, db):
        plan = financing.get_plan(db, config.slug, actor=None)
        stored = plan.source(source_id)
        if stored is None:
            raise NotFound(t("the financing plan has no source '{code}'", code=source_id),
                           hint=t("List the sources with regie financing show"))  # fmt: skip
        fields = financing.source_fields(stored)
        changes: dict[str, Any] = {
            "amount": amount, "status": status, "partner": partner, "kind": kind,
            "region": region, "public": public, "spend_factor": spend_factor, "note": note,
        }  # fmt: skip
        fields = replace(fields, **{k: v for k, v in changes.items() if v is not None})
        record = financing.update_source(db, config.slug, source_id, fields,
                                         expected_version=stored.version,
                                         actor=None)  # fmt: skip
    _done(record, tr(t("Source {code} saved.", code=source_id)), json_output, source_id)


@command(financing_app, "rm", "Retirer une source du plan.")
def remove(
    source_id: Annotated[str, typer.Argument(metavar="SOURCE", help="Identifiant de la source.")],
    json_output: JsonOption = False,
) -> None:
    from regie.core.errors import NotFound
    from regie.services import financing

    with production() as (config, db):
        stored = financing.get_plan(db, config.slug, actor=None).source(source_id)
        if stored is None:
            raise NotFound(t("the financing plan has no source '{code}'", code=source_id))
        record = financing.delete_source(db, config.slug, source_id,
                                         expected_version=stored.version,
                                         actor=None)  # fmt: skip
    _done(record, tr(t("Source {code} deleted.", code=source_id)), json_output)


@command(financing_app, "scenario", "Ajouter (ou remplacer) un scénario : « si la région refuse ».")
def scenario(
    scenario_id: Annotated[str, typer.Argument(metavar="SCENARIO", help="Identifiant.")],
    *,
    title: Annotated[str, typer.Option("--title", help="Titre du scénario.")] = "",
    refuse: Annotated[
        list[str] | None, typer.Option("--refuse", help="Source refusée (répétable).")
    ] = None,
    amount: Annotated[
        list[str] | None,
        typer.Option("--amount", help="SOURCE=MONTANT : nouveau montant (répétable)."),
    ] = None,
    delete: Annotated[bool, typer.Option("--delete", help="Supprimer le scénario.")] = False,
    json_output: JsonOption = False,
) -> None:
    from regie.services import financing
    from regie.services.financing import ScenarioFields

    amounts: dict[str, object] = {}
    for pair in amount or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ValidationError(t("'{value}' is not SOURCE=AMOUNT", value=pair),
                                  field="--amount")  # fmt: skip
        amounts[key.strip()] = value
    fields = ScenarioFields(scenario_id, title, tuple(refuse or ()), amounts)
    with production() as (config, db):
        plan = financing.get_plan(db, config.slug, actor=None)
        stored = plan.scenario(scenario_id.strip().lower())
        if delete or stored is not None:
            if stored is None:
                raise ValidationError(t("the plan has no scenario '{id}'", id=scenario_id),
                                      field="SCENARIO")  # fmt: skip
            if delete:
                record = financing.delete_scenario(db, config.slug, stored.scenario.id,
                                                   expected_version=stored.version,
                                                   actor=None)  # fmt: skip
                _done(record, tr(t("Scenario {code} deleted.", code=scenario_id)), json_output)
                return
            record = financing.update_scenario(db, config.slug, stored.scenario.id, fields,
                                               expected_version=stored.version,
                                               actor=None)  # fmt: skip
        else:
            record = financing.add_scenario(db, config.slug, fields,
                                            expected_version=plan.version,
                                            actor=None)  # fmt: skip
    _done(record, tr(t("Scenario {code} saved.", code=scenario_id)), json_output)


@command(financing_app, "place", "Lieu de dépense d'une ligne du devis lié : région, pays.")
def place(
    line: Annotated[str, typer.Argument(metavar="LIGNE", help="Code de la ligne (L0001).")],
    region: Annotated[str, typer.Option("--region", help="Région (vide : aucune).")] = "",
    country: Annotated[str, typer.Option("--country", help="Pays, code ISO (FR).")] = "FR",
    json_output: JsonOption = False,
) -> None:
    from regie.services import financing

    with production() as (config, db):
        plan = financing.get_plan(db, config.slug, actor=None)
        if plan.budget_number is None:
            raise ValidationError(
                t("the plan is linked to no devis"),
                field="budget",
                hint=t("Link one with regie financing plan --budget N"),
            )
        stored = financing.set_line_place(db, config.slug, plan.budget_number, line,
                                          region=region, country=country,
                                          actor=None)  # fmt: skip
    if json_output:
        output.print_json({"line": stored.code, "region": stored.region or None,
                           "country": stored.country})  # fmt: skip
        return
    output.success(tr(t("Place of line {code} saved.", code=stored.code)))


@command(financing_app, "plan", "Réglages du plan : devis lié, région, œuvre (plafond d'aide).")
def plan_settings(
    *,
    title: Annotated[str | None, typer.Option("--title", help="Titre du plan.")] = None,
    budget: Annotated[int | None, typer.Option("--budget", "-b", help="Devis lié.")] = None,
    budget_total: Annotated[
        str | None, typer.Option("--budget-total", help="Total sans devis lié.")
    ] = None,
    region: Annotated[str | None, typer.Option("--region", help="Région du tournage.")] = None,
    work: Annotated[str | None, typer.Option("--work", help="cinema ou audiovisual.")] = None,
    genre: Annotated[str | None, typer.Option("--genre", help="fiction, documentary…")] = None,
    minutes: Annotated[str | None, typer.Option("--minutes", help="Durée en minutes.")] = None,
    film_rank: Annotated[str | None, typer.Option("--film-rank", help="1er, 2e film…")] = None,
    french_share: Annotated[
        str | None, typer.Option("--french-share", help="Part française (0,7).")
    ] = None,
    difficult: Annotated[
        bool | None, typer.Option("--difficult/--not-difficult", help="Œuvre difficile.")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    from dataclasses import replace

    from regie.services import financing

    with production() as (config, db):
        record = _plan(db, config.slug)
        fields = financing.plan_fields(record)
        changes: dict[str, Any] = {
            "title": title, "budget": budget, "budget_total": budget_total, "region": region,
            "work_kind": work, "genre": genre, "minutes": minutes, "film_rank": film_rank,
            "french_share": french_share, "difficult": difficult,
        }  # fmt: skip
        fields = replace(fields, **{k: v for k, v in changes.items() if v is not None})
        record = financing.update_plan(db, config.slug, fields, expected_version=record.version,
                                       actor=None)  # fmt: skip
    if json_output:
        output.print_json({"version": record.version, "budget": record.budget_number,
                           "region": record.region, "work": record.profile.kind.value,
                           "genre": record.profile.genre.value,
                           "minutes": record.profile.minutes})  # fmt: skip
        return
    output.success(tr(t("Plan settings saved.")))


@command(financing_app, "credit", "Reporter le crédit d'impôt calculé (devis) dans le plan.")
def credit(rules: RulesOption = None, json_output: JsonOption = False) -> None:
    from regie.services import taxcredits

    with production() as (config, db):
        extra = ((rules,) if rules else ()) + rule_dirs(config)
        plan = _plan(db, config.slug)
        record = taxcredits.apply_to_plan(db, config.slug, expected_version=plan.version,
                                          actor=None, today=_today(), rule_dirs=extra)  # fmt: skip
    linked = [s for s in record.sources if s.from_tax_credit]
    amount = linked[0].source.amount if linked else Decimal(0)
    _done(record, tr(t("Tax credit written into the plan: {amount}.", amount=money(amount))),
          json_output, linked[0].source.id if linked else None)  # fmt: skip
