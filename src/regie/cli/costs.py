# SPDX-License-Identifier: AGPL-3.0-or-later
"""The cost report and the actuals: ``regie costs report|final|snapshot|import-fec|
import-payroll|map|rules|commit|invoice|commitments|expenses|procedure``. Register with
``app.add_typer(costs.costs_app, name="costs")``.

``report`` and ``final`` print the tables (``--json`` for scripts, ``-o FILE.pdf`` or
``-o FILE.xlsx`` for partners); ``import-fec`` and ``import-payroll`` check the whole file
first: any error exits 2 with every error and its line, and nothing is imported. Dates are
today's unless ``--as-of`` says otherwise. Amounts are typed as text (``1800,50``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from regie.cli import output
from regie.cli.board import money
from regie.cli.context import JsonOption, command, group, lang, production, rule_dirs, say
from regie.cli.schedule import tr
from regie.core.errors import InputError, ValidationError
from regie.core.text import t

if TYPE_CHECKING:
    from regie.finance.costreport import CostReport, Figures
    from regie.finance.final_accounts import FinalAccounts
    from regie.services.cost_reports import CostView

costs_app = group(
    "État des coûts et réalisé : engagements, factures, notes de frais, paie, grand livre "
    "(FEC), coût définitif."
)

BudgetOption = Annotated[
    int | None, typer.Option("--budget", "-b", help="Numéro du devis (défaut : le dernier).")
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Écrire le document : FICHIER.pdf ou FICHIER.xlsx."),
]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Date de l'état (AAAA-MM-JJ ; défaut : aujourd'hui).")
]


def _day(raw: str | None, field: str = "--as-of") -> dt.date:
    if raw is None:
        return dt.date.today()  # noqa: DTZ011 - the user's calendar day
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise ValidationError(
            t("'{raw}' is not a date (YYYY-MM-DD)", raw=raw), field=field
        ) from None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(
            t("cannot read the file ({problem})", problem=exc.strerror), where=str(path)
        ) from None


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise ValidationError(
            t("the document must be a .pdf or .xlsx file, not '{name}'", name=path.name),
            field="--output",
            hint=t("Name the file report.pdf or report.xlsx"),
        )
    return suffix


def _figures_json(f: Figures) -> dict[str, str]:
    return {
        "budget": str(f.budget),
        "committed": str(f.committed),
        "actual": str(f.actual),
        "estimate_to_complete": str(f.estimate_to_complete),
        "final": str(f.final),
        "variance": str(f.variance),
    }


def report_json(view: CostView) -> dict[str, Any]:
    """The cost report as JSON: money as decimal strings (exact)."""
    report = view.report
    return {
        "budget": {"number": view.record.number, "name": view.record.name},
        "as_of": report.as_of.isoformat(),
        "cutoff": report.cutoff.isoformat() if report.cutoff else None,
        "chart": report.chart_ref,
        "rules": report.settings_ref,
        "chapters": [
            {
                "number": c.chapter.number,
                "title": c.chapter.title,
                **_figures_json(c.figures),
                "alert": c.alert.value if c.alert else None,
                "accounts": [
                    {
                        "code": ln.code,
                        "title": ln.account.title,
                        **_figures_json(ln.figures),
                        "by_source": {k.value: str(v) for k, v in ln.by_source.items()},
                        "estimate_overridden": ln.etc_overridden,
                        "alert": ln.alert.value if ln.alert else None,
                    }
                    for ln in c.lines
                ],
            }
            for c in report.chapters
        ],
        "chapters_total": _figures_json(report.chapters_figures),
        "addons": [
            {"key": a.key, "title": a.title, "budget": str(a.budget)} for a in report.addons
        ],
        "total": _figures_json(report.figures),
        "alerts": [
            {
                "level": a.level.value,
                "account": a.account,
                "chapter": a.chapter,
                "budget": str(a.budget),
                "amount": str(a.amount),
                "ratio": str(a.ratio) if a.ratio is not None else None,
            }
            for a in report.alerts
        ],
        "unmapped": [
            {"account": u.account, "label": u.label, "amount": str(u.amount)}
            for u in report.unmapped
        ],
        "burn": [
            {
                "week": w.week.isoformat(),
                "phase": w.phase.value,
                "planned": str(w.planned),
                "actual": str(w.actual) if w.actual is not None else None,
            }
            for w in (view.burn.weeks if view.burn else ())
        ],
    }


def _print_report(report: CostReport) -> None:
    headers = [
        say("Compte", "Account"),
        say("Intitulé", "Title"),
        "Budget",
        say("Engagé", "Committed"),
        say("Réalisé", "Actual"),
        say("Reste", "To complete"),
        say("Coût final", "Final"),
        say("Écart", "Variance"),
        say("Alerte", "Alert"),
    ]
    rows: list[tuple[object, ...]] = []
    for chapter in report.chapters:
        for ln in chapter.lines:
            f = ln.figures
            if f.budget or f.actual or f.committed:
                rows.append(
                    (
                        ln.code,
                        ln.account.title,
                        money(f.budget),
                        money(f.committed),
                        money(f.actual),
                        money(f.estimate_to_complete),
                        money(f.final),
                        money(f.variance),
                        ln.alert.value if ln.alert else "",
                    )
                )
    f = report.figures
    rows.append(
        (
            "",
            say("Total (frais généraux et imprévus compris)", "Total (add-ons included)"),
            money(f.budget),
            money(f.committed),
            money(f.actual),
            money(f.estimate_to_complete),
            money(f.final),
            money(f.variance),
            "",
        )
    )
    output.table(say("État des coûts", "Cost report"), headers, rows)
    cutoff = report.cutoff.isoformat() if report.cutoff else say("aucun", "none")
    output.line(say(f"Grand livre jusqu'au : {cutoff}", f"Ledger up to: {cutoff}"))
    for alert in report.alerts:
        where = alert.account or (f"ch. {alert.chapter}" if alert.chapter else "FEC")
        output.warn(f"{alert.level.value} — {where} — {money(alert.amount)}")


@command(
    costs_app, "report", "État des coûts d'un devis : budget, engagé, réalisé, reste, coût final."
)
def report(
    budget: BudgetOption = None,
    out: OutputOption = None,
    as_of: AsOfOption = None,
    json_output: JsonOption = False,
) -> None:
    from regie.services import cost_reports

    day = _day(as_of)
    with production() as (config, db):
        view = cost_reports.cost_report(
            db, config.slug, budget, actor=None, as_of=day, rule_dirs=rule_dirs(config)
        )
    if out is not None:
        _write_report(view, out)
    if json_output:
        output.print_json(report_json(view))
    elif out is None:
        _print_report(view.report)


def _write_report(view: CostView, out: Path) -> None:
    from regie.documents.cost_report import cost_report_pdf, cost_report_view, cost_report_xlsx

    name = view.record.name
    if _suffix(out) == ".pdf":
        shown = cost_report_view(
            view.report, view.production, budget_name=name, burn=view.burn, locale=lang()
        )
        data = cost_report_pdf(shown, view.production, locale=lang())
    else:
        data = cost_report_xlsx(
            view.report, view.production, budget_name=name, burn=view.burn, locale=lang()
        )
    output.write_file(out, data)
    output.success(say(f"Écrit : {out}", f"Written: {out}"))


def final_json(final: FinalAccounts) -> dict[str, Any]:
    return {
        "as_of": final.as_of.isoformat(),
        "cutoff": final.cutoff.isoformat() if final.cutoff else None,
        "budget": str(final.budget),
        "final": str(final.final),
        "chapters_final": str(final.chapters_final),
        "balanced": final.balanced,
        "chapters": [
            {
                "number": c.number,
                "title": c.title,
                "budget": str(c.budget),
                "final": str(c.final),
                "accounts": [
                    {"code": ln.code, "budget": str(ln.budget), "final": str(ln.final)}
                    for ln in c.lines
                    if ln.budget or ln.final
                ],
            }
            for c in final.chapters
        ],
        "addons": [
            {"key": a.key, "rate": str(a.rate), "base": str(a.base), "final": str(a.final)}
            for a in final.addons
        ],
        "discrepancies": [
            {
                "account": d.devis_account,
                "documents": str(d.documents),
                "ledger": str(d.ledger),
                "difference": str(d.difference),
            }
            for d in final.discrepancies
        ],
        "payroll": {
            "documents": str(final.payroll.documents),
            "ledger": str(final.payroll.ledger),
            "matches": final.payroll_matches,
        },
        "staff": [
            {
                "person": s.person,
                "first_day": s.first_day.isoformat(),
                "last_day": s.last_day.isoformat(),
                "gross": str(s.gross),
                "employer_charges": str(s.employer_charges),
                "net": str(s.net),
            }
            for s in final.staff
        ],
        "invoices": [
            {
                "supplier": r.invoice.supplier,
                "number": r.invoice.number,
                "date": r.invoice.date.isoformat(),
                "account": r.invoice.devis_account,
                "net": str(r.invoice.net),
                "in_ledger": r.in_ledger,
            }
            for r in final.invoices
        ],
        "unmapped": [{"account": u.account, "amount": str(u.amount)} for u in final.unmapped],
    }


@command(
    costs_app,
    "final",
    "Coût définitif : état au format du devis, rapprochement avec le FEC et la paie.",
)
def final(
    budget: BudgetOption = None,
    out: OutputOption = None,
    as_of: AsOfOption = None,
    json_output: JsonOption = False,
) -> None:
    from regie.services import cost_reports

    with production() as (config, db):
        accounts, view = cost_reports.final_accounts(
            db, config.slug, budget, actor=None, as_of=_day(as_of), rule_dirs=rule_dirs(config)
        )
    if out is not None:
        from regie.documents.final_accounts import (
            final_accounts_pdf,
            final_accounts_view,
            final_accounts_xlsx,
        )

        name = view.record.name
        if _suffix(out) == ".pdf":
            shown = final_accounts_view(accounts, view.production, budget_name=name, locale=lang())
            data = final_accounts_pdf(shown, view.production, locale=lang())
        else:
            data = final_accounts_xlsx(accounts, view.production, budget_name=name, locale=lang())
        output.write_file(out, data)
        output.success(say(f"Écrit : {out}", f"Written: {out}"))
    if json_output:
        output.print_json(final_json(accounts))
        return
    if out is None:
        rows = [
            (d.devis_account, money(d.documents), money(d.ledger), money(d.difference))
            for d in accounts.discrepancies
        ]
        output.field_lines(
            [
                (say("Budget", "Budget"), money(accounts.budget)),
                (say("Coût définitif", "Final cost"), money(accounts.final)),
                (
                    say("Paie (écritures / FEC)", "Payroll (entries / ledger)"),
                    f"{money(accounts.payroll.documents)} / {money(accounts.payroll.ledger)}",
                ),
            ]
        )
        if rows:
            output.table(
                say("Écarts avec le grand livre", "Differences with the ledger"),
                [say("Compte", "Account"), "regie", "FEC", say("Écart", "Difference")],
                rows,
            )
        message = (
            say("Rapproché.", "Reconciled.")
            if accounts.balanced
            else say("Non rapproché.", "Not reconciled.")
        )
        (output.success if accounts.balanced else output.warn)(message)


@command(costs_app, "snapshot", "Garder l'état des coûts de la semaine (courbe de consommation).")
def snapshot(
    budget: BudgetOption = None, as_of: AsOfOption = None, json_output: JsonOption = False
) -> None:
    from regie.services import cost_reports

    with production() as (config, db):
        kept = cost_reports.take_snapshot(
            db, config.slug, budget, actor=None, on=_day(as_of), rule_dirs=rule_dirs(config)
        )
    if json_output:
        output.print_json({"week": kept.week.isoformat(), **_figures_json(kept.figures)})
        return
    output.success(
        say(
            f"Semaine du {kept.week.isoformat()} : coût final estimé {money(kept.figures.final)}",
            f"Week of {kept.week.isoformat()}: estimated final cost {money(kept.figures.final)}",
        )
    )


@command(
    costs_app,
    "import-fec",
    "Importer le FEC (grand livre) : tout est contrôlé d'abord ; la moindre erreur, rien "
    "n'est importé.",
)
def import_fec(
    path: Annotated[Path, typer.Argument(metavar="FICHIER", help="Le FEC (texte, tab ou |).")],
    *,
    replace: Annotated[
        bool, typer.Option("--replace", help="Remplacer l'import antérieur de la même période.")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    from regie.formats.fec import FecError
    from regie.services import cost_reports

    data = _read(path)
    with production() as (config, db):
        try:
            done = cost_reports.import_fec(
                db,
                config.slug,
                path.name,
                data,
                actor=None,
                replace=replace,
                rule_dirs=rule_dirs(config),
            )
        except FecError as refused:
            if not json_output:
                for issue in refused.issues:
                    column = f" [{issue.column}]" if issue.column else ""
                    output.warn(
                        say(f"ligne {issue.line}{column} : ", f"line {issue.line}{column}: ")
                        + tr(issue.message)
                    )
            raise
    batch = done.batch
    if json_output:
        output.print_json(
            {
                "file": batch.file_name,
                "lines": batch.lines,
                "entries": batch.entries,
                "first_date": batch.first_date.isoformat(),
                "last_date": batch.last_date.isoformat(),
                "total_debit": str(batch.total_debit),
                "total_credit": str(batch.total_credit),
                "replaced": [b.file_name for b in done.replaced],
            }
        )
        return
    output.success(
        say(
            f"FEC importé : {batch.lines} lignes, {batch.entries} écritures, "
            f"du {batch.first_date} au {batch.last_date}.",
            f"FEC imported: {batch.lines} lines, {batch.entries} entries, "
            f"{batch.first_date} to {batch.last_date}.",
        )
    )


@command(
    costs_app,
    "import-payroll",
    "Importer un export de paie (CSV) ; la moindre erreur, rien n'est importé.",
)
def import_payroll(
    path: Annotated[
        Path, typer.Argument(metavar="FICHIER.csv", help="L'export du logiciel de paie.")
    ],
    json_output: JsonOption = False,
) -> None:
    from regie.formats.payroll_csv import PayrollCsvError
    from regie.services import actuals

    data = _read(path)
    with production() as (config, db):
        try:
            done = actuals.import_payroll(db, config.slug, path.name, data, actor=None)
        except PayrollCsvError as refused:
            if not json_output:
                for issue in refused.issues:
                    output.warn(
                        say(f"ligne {issue.line} : ", f"line {issue.line}: ") + tr(issue.message)
                    )
            raise
    if json_output:
        output.print_json(
            {
                "file": done.file_name,
                "rows": done.rows,
                "gross": str(done.gross),
                "employer_charges": str(done.employer_charges),
            }
        )
        return
    output.success(
        say(
            f"Paie importée : {done.rows} lignes, brut {money(done.gross)}.",
            f"Payroll imported: {done.rows} rows, gross {money(done.gross)}.",
        )
    )


@command(
    costs_app,
    "map",
    "Affecter un compte du grand livre (préfixe) ou un code analytique à un compte du devis.",
)
def map_account(
    prefix: Annotated[
        str, typer.Argument(metavar="PREFIXE", help="Préfixe de compte (6132) ; - pour aucun.")
    ],
    devis_account: Annotated[
        str, typer.Argument(metavar="COMPTE_DEVIS", help="Compte du devis (52).")
    ],
    analytic: Annotated[str, typer.Option("--analytic", help="Code analytique exact.")] = "",
    json_output: JsonOption = False,
) -> None:
    from regie.services import cost_reports

    with production() as (config, db):
        rule = cost_reports.add_rule(
            db,
            config.slug,
            devis_account=devis_account,
            account_prefix="" if prefix == "-" else prefix,
            analytic=analytic,
            actor=None,
        )
    if json_output:
        output.print_json(
            {
                "id": rule.id,
                "account_prefix": rule.account_prefix,
                "analytic": rule.analytic,
                "devis_account": rule.devis_account,
            }
        )
        return
    condition = f"{rule.account_prefix or '*'}@{rule.analytic or '*'}"
    output.success(
        say(
            f"Règle ajoutée : {condition} → {rule.devis_account}",
            f"Rule added: {condition} → {rule.devis_account}",
        )
    )


@command(costs_app, "rules", "Règles d'affectation et comptes du grand livre non affectés.")
def rules(
    suggested: Annotated[
        bool,
        typer.Option(
            "--add-suggested",
            help="Ajouter une règle par code analytique qui est un compte du devis.",
        ),
    ] = False,
    json_output: JsonOption = False,
) -> None:
    from regie.services import cost_reports

    with production() as (config, db):
        if suggested:
            cost_reports.apply_suggested_rules(db, config.slug, actor=None)
        found = cost_reports.list_rules(db, config.slug, actor=None)
        mapping = cost_reports.mapping(db, config.slug, actor=None, rule_dirs=rule_dirs(config))
    unmapped = mapping.unmapped if mapping else ()
    if json_output:
        output.print_json(
            {
                "rules": [
                    {
                        "id": r.id,
                        "account_prefix": r.account_prefix,
                        "analytic": r.analytic,
                        "devis_account": r.devis_account,
                    }
                    for r in found
                ],
                "unmapped": [
                    {"account": u.account, "label": u.label, "amount": str(u.amount)}
                    for u in unmapped
                ],
            }
        )
        return
    output.table(
        say("Règles", "Rules"),
        [
            say("Préfixe", "Prefix"),
            say("Analytique", "Analytic"),
            say("Compte devis", "Devis account"),
        ],
        [(r.account_prefix or "—", r.analytic or "—", r.devis_account) for r in found],
    )
    if unmapped:
        output.table(
            say("Non affectés", "Not mapped"),
            [say("Compte", "Account"), say("Libellé", "Label"), say("Montant", "Amount")],
            [(u.account, u.label, money(u.amount)) for u in unmapped],
        )


@command(costs_app, "commit", "Enregistrer un engagement (bon de commande, devis accepté).")
def commit(
    reference: Annotated[str, typer.Argument(metavar="REFERENCE")],
    supplier: Annotated[str, typer.Argument(metavar="FOURNISSEUR")],
    devis_account: Annotated[str, typer.Argument(metavar="COMPTE_DEVIS")],
    amount: Annotated[str, typer.Argument(metavar="MONTANT_HT")],
    *,
    description: Annotated[str, typer.Option("--description", "-d")] = "",
    on: Annotated[
        str | None, typer.Option("--date", help="AAAA-MM-JJ (défaut : aujourd'hui).")
    ] = None,
    quote: Annotated[
        bool, typer.Option("--quote", help="Un devis accepté (défaut : un bon de commande).")
    ] = False,
    json_output: JsonOption = False,
) -> None:
    from regie.finance.actuals import CommitmentKind
    from regie.services import actuals

    fields = actuals.CommitmentFields(
        reference,
        supplier,
        devis_account,
        description or reference,
        amount,
        _day(on, "--date"),
        CommitmentKind.QUOTE if quote else CommitmentKind.PURCHASE_ORDER,
    )
    with production() as (config, db):
        made = actuals.add_commitment(db, config.slug, fields, actor=None)
    if json_output:
        output.print_json({"id": made.id, "reference": made.reference, "amount": str(made.amount)})
        return
    output.success(
        say(
            f"Engagement {made.reference} : {money(made.amount)}",
            f"Commitment {made.reference}: {money(made.amount)}",
        )
    )


@command(
    costs_app, "invoice", "Enregistrer une facture fournisseur (avec son fichier PDF ou image)."
)
def invoice(
    supplier: Annotated[str, typer.Argument(metavar="FOURNISSEUR")],
    number: Annotated[str, typer.Argument(metavar="NUMERO")],
    net: Annotated[str, typer.Argument(metavar="MONTANT_HT")],
    *,
    devis_account: Annotated[
        str,
        typer.Option("--account", "-a", help="Compte du devis (défaut : celui de l'engagement)."),
    ] = "",
    vat: Annotated[str, typer.Option("--vat", help="TVA.")] = "0",
    on: Annotated[
        str | None, typer.Option("--date", help="AAAA-MM-JJ (défaut : aujourd'hui).")
    ] = None,
    commitment: Annotated[
        int | None, typer.Option("--commitment", help="Numéro de l'engagement.")
    ] = None,
    file: Annotated[Path | None, typer.Option("--file", help="La facture (PDF ou image).")] = None,
    description: Annotated[str, typer.Option("--description", "-d")] = "",
    json_output: JsonOption = False,
) -> None:
    from regie.services import actuals

    fields = actuals.InvoiceFields(
        supplier, number, _day(on, "--date"), devis_account, description, net, vat, commitment
    )
    upload = (file.name, _read(file)) if file is not None else None
    with production() as (config, db):
        made = actuals.add_invoice(db, config.slug, fields, actor=None, file=upload)
    if json_output:
        output.print_json(
            {
                "id": made.id,
                "number": made.number,
                "net": str(made.net),
                "account": made.devis_account,
            }
        )
        return
    output.success(
        say(
            f"Facture {made.number} : {money(made.net)} HT sur {made.devis_account}",
            f"Invoice {made.number}: {money(made.net)} net on {made.devis_account}",
        )
    )


@command(costs_app, "commitments", "Lister les engagements et ce qui reste à facturer.")
def commitments(json_output: JsonOption = False) -> None:
    from regie.finance.actuals import remaining
    from regie.services import actuals

    with production() as (config, db):
        found = actuals.list_commitments(db, config.slug, actor=None)
        bills = actuals.list_invoices(db, config.slug, actor=None)
    rows = [
        (
            c.id,
            c.reference,
            c.supplier,
            c.devis_account,
            c.amount,
            remaining(c, bills),
            c.status.value,
        )
        for c in found
    ]
    if json_output:
        output.print_json(
            [
                {
                    "id": i,
                    "reference": r,
                    "supplier": s,
                    "account": a,
                    "amount": str(m),
                    "remaining": str(left),
                    "status": st,
                }
                for i, r, s, a, m, left, st in rows
            ]
        )
        return
    output.table(
        say("Engagements", "Commitments"),
        [
            "#",
            "Réf.",
            say("Fournisseur", "Supplier"),
            say("Compte", "Account"),
            say("Montant", "Amount"),
            say("Reste", "Left"),
            say("État", "Status"),
        ],
        [(i, r, s, a, money(m), money(left), st) for i, r, s, a, m, left, st in rows],
    )


@command(costs_app, "expenses", "Lister les notes de frais.")
def expenses(json_output: JsonOption = False) -> None:
    from regie.services import actuals

    with production() as (config, db):
        found = actuals.list_expense_reports(db, config.slug, actor=None)
    if json_output:
        output.print_json(
            [
                {
                    "number": r.number,
                    "person": r.person,
                    "title": r.title,
                    "status": r.status.value,
                    "total": str(r.total),
                    "lines": len(r.lines),
                }
                for r in found
            ]
        )
        return
    output.table(
        say("Notes de frais", "Expense reports"),
        [
            "#",
            say("Personne", "Person"),
            say("Objet", "Title"),
            say("Total", "Total"),
            say("État", "Status"),
        ],
        [(r.number, r.person, r.title, money(r.total), r.status.value) for r in found],
    )


@command(costs_app, "procedure", "Imprimer la procédure des notes de frais pour l'équipe (PDF).")
def procedure(
    out: Annotated[Path, typer.Option("--output", "-o", help="FICHIER.pdf")],
    on: Annotated[
        str | None, typer.Option("--date", help="Montants valables ce jour (défaut : aujourd'hui).")
    ] = None,
) -> None:
    from regie.documents.expense_procedure import procedure_pdf
    from regie.finance.actuals import EXPENSES_PACK
    from regie.rules.registry import pack
    from regie.services import budgets

    with production() as (config, db):
        found = budgets.production_of(db, config.slug, actor=None)
        source = pack(EXPENSES_PACK, extra_dirs=rule_dirs(config))
    output.write_file(out, procedure_pdf(source, found, on=_day(on, "--date"), locale=lang()))
    output.success(say(f"Écrit : {out}", f"Written: {out}"))
