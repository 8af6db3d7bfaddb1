# SPDX-License-Identifier: AGPL-3.0-or-later
"""Accounts and financing: ``regie fec check FILE``, ``regie financing check [PLAN]`` and
the stored plan of a production (``regie financing show|add|set|rm|scenario|place|plan|
credit``, :mod:`regie.cli.financing_stored`). Register with
``app.add_typer(finance.fec_app, name="fec")`` and
``app.add_typer(finance.financing_app, name="financing")``.

``fec check`` and ``financing check PLAN`` read a file and need no production folder;
``--rules DIR`` adds a folder of rule packs (a production's ``rules/``) over the shipped
``fec-format`` and ``public-aid``. ``fec check`` exits 2 when the file has errors (all of
them listed with their line), 0 otherwise; ``financing check`` exits 0 whatever the
balance (its findings are warnings), 2 for a plan file it cannot read. Without a file,
``financing check`` checks the production's stored plan (like ``financing show``).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from regie.cli import output
from regie.cli.board import money
from regie.cli.context import EXIT_INPUT, JsonOption, command, group, lang, say
from regie.cli.schedule import tr, yes_no
from regie.cli.schedule_order import read_input
from regie.core.errors import InputError
from regie.core.text import Text, english, t

if TYPE_CHECKING:
    from regie.finance.aid import AidStep, IntensityCheck, TerritorialObligation
    from regie.finance.financing import Balance, FinancingPlan, SourceRules
    from regie.formats.fec import FecReport

fec_app = group("Fichier des écritures comptables (FEC) : contrôler, lire.")
financing_app = group("Plan de financement : équilibre, intensité d'aide publique.")

RulesOption = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        help="Dossier de règles (packs YAML) prioritaire sur les règles livrées.",
        file_okay=False,
    ),
]


def _dirs(rules: Path | None) -> tuple[Path, ...]:
    return (rules,) if rules is not None else ()


def _both(text: Text) -> dict[str, str]:
    return {"message": tr(text), "message_en": text.translate(english)}


# -- regie fec check -----------------------------------------------------------------------


@command(fec_app, "check", "Contrôler un FEC : colonnes, encodage, dates, montants, équilibre.")
def check(
    path: Annotated[Path, typer.Argument(metavar="FICHIER", help="Le FEC (texte, tab ou |).")],
    *,
    max_errors: Annotated[
        int, typer.Option("--max-errors", min=1, help="Nombre d'erreurs détaillées au plus.")
    ] = 100,
    rules: RulesOption = None,
    json_output: JsonOption = False,
) -> None:
    from regie.formats.fec import check_fec, load_fec_format

    fmt = load_fec_format(_dirs(rules))
    if not path.is_file():
        read_input(path, t("Give the path of the FEC file"))  # raises, naming the problem
    try:
        with path.open("rb") as stream:
            report = check_fec(stream, filename=path.name, fmt=fmt, max_errors=max_errors)
    except OSError as exc:
        raise InputError(
            t("cannot read the file ({problem})", problem=exc.strerror), where=str(path)
        ) from None
    if json_output:
        output.print_json(fec_json(report))
    else:
        _print_fec(report)
    if not report.valid:
        raise typer.Exit(EXIT_INPUT)


def fec_json(report: FecReport) -> dict[str, Any]:
    """The report for scripts; amounts as exact decimal strings."""
    ledger = report.ledger
    return {
        "file": report.file,
        "valid": report.valid,
        "format": report.format_ref,
        "encoding": report.encoding,
        "separator": report.separator,
        "analytic_column": report.analytic_column,
        "lines": report.lines,
        "entries": report.entries,
        "journals": list(report.journals),
        "total_debit": str(report.total_debit),
        "total_credit": str(report.total_credit),
        "balanced": report.balanced,
        "unbalanced_entries": report.unbalanced_entries,
        "unreadable_entries": report.unreadable_entries,
        "error_count": report.issue_count,
        "errors": [
            {
                "line": issue.line,
                "column": issue.column,
                "offset": issue.offset,
                **_both(issue.message),
                "hint": tr(issue.hint) if issue.hint else None,
            }
            for issue in report.issues
        ],
        "warnings": [_both(w) for w in report.warnings],
        "by_analytic": (
            {code: str(totals.net) for code, totals in ledger.by_analytic().items()}
            if ledger is not None
            else None
        ),
    }


def _print_fec(report: FecReport) -> None:
    separator = {"\t": say("tabulation", "tab"), None: "—"}.get(report.separator, "|")
    output.field_lines(
        [
            (say("Fichier", "File"), f"{report.file} ({report.format_ref})"),
            (say("Encodage", "Encoding"), report.encoding),
            (say("Séparateur", "Separator"), separator),
            (say("Colonne analytique", "Analytic column"), report.analytic_column),
            (say("Lignes", "Lines"), report.lines),
            (say("Écritures", "Entries"), report.entries),
            (say("Journaux", "Journals"), ", ".join(report.journals) or None),
            (say("Total débit", "Total debit"), money(report.total_debit)),
            (say("Total crédit", "Total credit"), money(report.total_credit)),
            (
                say("Équilibré", "Balanced"),
                say("inconnu", "unknown") if report.balanced is None else yes_no(report.balanced),
            ),
            (say("Erreurs", "Errors"), report.issue_count),
        ]
    )
    for warning in report.warnings:
        output.warn(tr(warning))
    if report.issues:
        output.table(
            say("Erreurs (ligne, colonne)", "Errors (line, column)"),
            [say("Ligne", "Line"), say("Colonne", "Column"), say("Octet", "Byte"), "Message"],
            [
                (i.line, i.column, i.offset, tr(i.message) + (f" — {tr(i.hint)}" if i.hint else ""))
                for i in report.issues
            ],
        )
        if report.issue_count > len(report.issues):
            output.warn(
                say(
                    f"… et {report.issue_count - len(report.issues)} autres erreurs "
                    "(--max-errors pour en voir plus).",
                    f"… and {report.issue_count - len(report.issues)} more errors "
                    "(--max-errors to see more).",
                )
            )
        output.warn(say("Rien n'est importé tant que le fichier a des erreurs.",
                        "Nothing is imported while the file has errors."))  # fmt: skip
    else:
        output.success(say("FEC valide.", "Valid FEC."))


# -- regie financing check -----------------------------------------------------------------


@command(
    financing_app,
    "check",
    "Contrôler un plan de financement : équilibre, intensité d'aide publique, obligations "
    "territoriales, scénarios.",
)
def financing_check(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="[PLAN]",
            help="Plan de financement (YAML, JSON) ; sans fichier : le plan enregistré de la "
            "production.",
        ),
    ] = None,
    *,
    budget_total: Annotated[
        str | None,
        typer.Option("--budget-total", help="Total du devis en euros (défaut : celui du plan)."),
    ] = None,
    scenario: Annotated[
        list[str] | None,
        typer.Option("--scenario", "-s", help="Scénario du plan à simuler (répétable ; all)."),
    ] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Détailler chaque calcul et sa source.")
    ] = False,
    rules: RulesOption = None,
    json_output: JsonOption = False,
) -> None:
    from regie.core.money import to_decimal
    from regie.finance.aid import check_intensity, load_aid_rules, territorial_obligations
    from regie.finance.financing import balance, find_scenario, run_scenarios
    from regie.formats.financing_plan import read_plan

    if path is None:
        if budget_total is not None:
            raise InputError(
                t("--budget-total is for a plan file"),
                where="--budget-total",
                hint=t("The stored plan balances against its devis: regie financing plan --budget"),
            )
        from regie.cli.financing_stored import stored_report

        stored_report(scenario or [], explain=explain, rules=rules, json_output=json_output)
        return
    aid_rules = load_aid_rules(_dirs(rules))
    data = read_input(path, t("Give the path of a financing plan in YAML or JSON"))
    plan_file = read_plan(data, path.name)
    plan = plan_file.plan
    total = (
        to_decimal(budget_total, field="--budget-total")
        if budget_total is not None
        else plan_file.budget_total
    )
    if total is None:
        raise InputError(
            t("the budget total is not known"),
            where="--budget-total",
            hint=t("Give --budget-total, or budget_total in the plan file"),
        )
    wanted = scenario or []
    chosen = (
        list(plan.scenarios)
        if "all" in wanted
        else [find_scenario(plan, scenario_id) for scenario_id in wanted]
    )
    base = balance(plan, total, aid_rules.sources)
    intensity = check_intensity(plan, total, plan_file.profile, aid_rules)
    territorial = territorial_obligations(
        plan, plan_file.spend, total, plan_file.profile, aid_rules
    )
    scenarios = [
        (result, check_intensity(result.plan, total, plan_file.profile, aid_rules))
        for result in run_scenarios(plan, total, aid_rules.sources, chosen)
    ]
    if json_output:
        output.print_json(
            {
                "title": plan.title,
                "currency": plan.currency,
                "budget_total": str(total),
                "pack": aid_rules.ref,
                "sources": _sources_json(plan, aid_rules.sources),
                "balance": _balance_json(base),
                "intensity": _intensity_json(intensity),
                "territorial": [_territorial_json(o) for o in territorial],
                "scenarios": [
                    {
                        "id": result.scenario.id,
                        "title": result.scenario.title,
                        "lost": str(result.lost),
                        "balance": _balance_json(result.balance),
                        "intensity": _intensity_json(check),
                    }
                    for result, check in scenarios
                ],
            }
        )
        return
    _print_plan(plan, base, aid_rules.sources)
    _print_intensity(intensity, explain=explain)
    for obligation in territorial:
        _print_territorial(obligation, explain=explain)
    for result, check in scenarios:
        output.line("")
        output.line(
            say("Scénario", "Scenario") + f" {result.scenario.id} — {result.scenario.title}"
        )
        _print_balance(result.balance)
        _print_intensity(check, explain=False)


def _ratio(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.0001")))


def _steps_json(steps: tuple[AidStep, ...]) -> list[dict[str, Any]]:
    return [
        {
            **_both(step.label),
            "amount": None if step.amount is None else str(step.amount),
            "unit": "share" if step.rate else "EUR",
            "rule": f"{step.cited.pack}:{step.cited.key}" if step.cited else None,
            "status": step.cited.status.value if step.cited else None,
            "source": step.cited.citation if step.cited else None,
        }
        for step in steps
    ]


def _sources_json(plan: FinancingPlan, rules: SourceRules) -> list[dict[str, Any]]:
    return [
        {
            "id": s.id,
            "kind": s.kind.value,
            "partner": s.partner,
            "amount": str(s.amount),
            "status": s.status.value,
            "public": rules.publicness(s).value,
            "region": s.region or None,
        }
        for s in plan.sources
    ]


def _balance_json(balance: Balance) -> dict[str, Any]:
    return {
        "financing_total": str(balance.financing_total),
        "secured_total": str(balance.secured_total),
        "gap": str(balance.gap),
        "secured_gap": str(balance.secured_gap),
        "balanced": balance.balanced,
        "public_total": str(balance.public_total),
        "uncertain_total": str(balance.uncertain_total),
        "private_total": str(balance.private_total),
        "by_status": {k.value: str(v) for k, v in balance.by_status.items()},
        "by_kind": {k.value: str(v) for k, v in balance.by_kind.items()},
    }


def _intensity_json(check: IntensityCheck) -> dict[str, Any]:
    return {
        "base": str(check.base),
        "ceiling_rate": str(check.ceiling_rate),
        "ceiling_amount": str(check.ceiling_amount),
        "public_total": str(check.public_total),
        "uncertain_total": str(check.uncertain_total),
        "tax_credit": str(check.tax_credit),
        "intensity": _ratio(check.intensity),
        "intensity_with_uncertain": _ratio(check.intensity_with_uncertain),
        "within": check.within,
        "excess": str(check.excess),
        "credit_refused": str(check.credit_refused),
        "credit_kept": str(check.credit_kept),
        "cnc_total": str(check.cnc_total),
        "cnc_ceiling_rate": str(check.cnc_ceiling_rate),
        "steps": _steps_json(check.steps),
        "warnings": [_both(w) for w in check.warnings],
    }


def _territorial_json(obligation: TerritorialObligation) -> dict[str, Any]:
    return {
        "region": obligation.region,
        "aid": str(obligation.aid),
        "required": str(obligation.required),
        "spend": str(obligation.spend),
        "shortfall": str(obligation.shortfall),
        "met": obligation.met,
        "steps": _steps_json(obligation.steps),
        "warnings": [_both(w) for w in obligation.warnings],
    }


def _percent(value: Decimal) -> str:
    from babel import numbers

    return numbers.format_percent(value, "#,##0.00 %", locale=lang())


_STATUS = {
    "planned": ("envisagé", "planned"),
    "requested": ("demandé", "requested"),
    "granted": ("accordé", "granted"),
    "paid": ("versé", "paid"),
    "refused": ("refusé", "refused"),
}


def _print_plan(plan: FinancingPlan, balance: Balance, rules: SourceRules) -> None:
    publicness = {"yes": say("oui", "yes"), "no": say("non", "no"),
                  "uncertain": say("incertain", "uncertain")}  # fmt: skip
    output.table(
        plan.title or say("Plan de financement", "Financing plan"),
        [say("Source", "Source"), say("Nature", "Kind"), say("Partenaire", "Partner"),
         say("Statut", "Status"), say("Montant", "Amount"), say("Publique", "Public")],
        [
            (s.id, say(rules.kinds[s.kind].title, rules.kinds[s.kind].title_en), s.partner,
             say(*_STATUS[s.status.value]), money(s.amount),
             publicness[rules.publicness(s).value])
            for s in plan.sources
        ],
    )  # fmt: skip
    _print_balance(balance)


def _print_balance(balance: Balance) -> None:
    gap = balance.gap
    gap_label = (
        say("à trouver", "missing")
        if gap > 0
        else say("excédent", "surplus")
        if gap < 0
        else say("équilibré", "balanced")
    )
    output.field_lines(
        [
            (say("Budget", "Budget"), money(balance.budget_total)),
            (say("Financement", "Financing"), money(balance.financing_total)),
            (say("Dont acquis", "Of which secured"), money(balance.secured_total)),
            (say("Écart", "Gap"), f"{money(abs(gap))} ({gap_label})"),
            (say("Écart sur l'acquis", "Gap on secured"), money(balance.secured_gap)),
        ]
    )


def _print_intensity(check: IntensityCheck, *, explain: bool) -> None:
    output.field_lines(
        [
            (say("Aides publiques", "Public aid"), money(check.public_total)),
            (say("Intensité", "Intensity"), _percent(check.intensity)),
            (
                say("Plafond", "Ceiling"),
                f"{_percent(check.ceiling_rate)} = {money(check.ceiling_amount)}",
            ),
            (say("Dans le plafond", "Within the ceiling"), yes_no(check.within)),
            (say("Crédit d'impôt refusé", "Tax credit refused"), money(check.credit_refused)),
        ]
    )
    if check.uncertain_total:
        output.field_lines(
            [(say("Avec les sources incertaines", "With uncertain sources"),
              _percent(check.intensity_with_uncertain))]
        )  # fmt: skip
    if explain:
        _print_steps(check.steps)
    for warning in check.warnings:
        output.warn(tr(warning))


def _print_territorial(obligation: TerritorialObligation, *, explain: bool) -> None:
    output.field_lines(
        [
            (say("Région", "Region"), obligation.region),
            (say("Aide régionale", "Regional aid"), money(obligation.aid)),
            (say("Dépense locale exigée", "Local spend required"), money(obligation.required)),
            (say("Dépense locale prévue", "Local spend planned"), money(obligation.spend)),
            (say("Manque", "Shortfall"), money(obligation.shortfall)),
        ]
    )
    if explain:
        _print_steps(obligation.steps)
    for warning in obligation.warnings:
        output.warn(tr(warning))


def _print_steps(steps: tuple[AidStep, ...]) -> None:
    """One line per step; the rule named by pack, key and status (``--json`` gives the
    sources in full)."""
    for step in steps:
        if step.amount is None:
            amount = ""
        else:
            amount = " = " + (_percent(step.amount) if step.rate else money(step.amount))
        cited = (
            f"  [{step.cited.pack} {step.cited.key}, {step.cited.status.value}]"
            if step.cited
            else ""
        )
        output.line(f"  · {tr(step.label)}{amount}{cited}")


# The stored plan's commands register themselves on ``financing_app``.
from regie.cli import financing_stored  # noqa: E402, F401
