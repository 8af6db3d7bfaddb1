# SPDX-License-Identifier: AGPL-3.0-or-later
"""The devis (CNC production budget): ``regie devis new|list|show|accounts|add|set|rm|
export``. Budgets are named by their number (``regie devis list``); lines by their code
(``L0001``). Amounts are typed as text (``1800,50``) and kept as exact decimals.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from regie.cli import output
from regie.cli.board import money
from regie.cli.context import JsonOption, command, group, lang, production
from regie.cli.schedule import tr
from regie.core.errors import NotFound, ValidationError
from regie.core.text import t

if TYPE_CHECKING:
    from decimal import Decimal

    from regie.budget.catalog import LineFields
    from regie.budget.model import Devis
    from regie.services.database import Database

devis_app = group(
    "Le devis (budget CNC en neuf chapitres) : créer, lignes, totaux, exporter en XLSX, PDF, "
    "CSV ou JSON."
)

NumberOption = Annotated[
    int | None,
    typer.Option("--budget", "-b", help="Numéro du devis (défaut : le dernier créé)."),
]


class ExportFormat(StrEnum):
    XLSX = "xlsx"
    PDF = "pdf"
    CSV = "csv"
    JSON = "json"


_WHY = {
    "no_code": t("no account code"),
    "unknown_account": t("account not in the chart"),
    "no_description": t("no description"),
    "total": t("a total row"),
    "addon": t("an add-on, computed on top of the chapters"),
    "fringes": t("employer contributions, computed from the lines"),
}


def amount_of(value: Decimal | None) -> str:
    return "—" if value is None else money(value)


def _number(db: Database, slug: str, number: int | None) -> int:
    if number is not None:
        return number
    from regie.services import budgets

    found = budgets.list_budgets(db, slug, actor=None)
    if not found:
        raise NotFound(
            t("this production has no budget yet"), hint=t("Create one with regie devis new")
        )
    return found[-1].number


@command(devis_app, "new", "Créer un devis vide sur le plan de comptes CNC de la production.")
def new(
    name: Annotated[str | None, typer.Option("--name", help="Nom du devis.")] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="cinema ou audiovisual (défaut : selon la production)."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    from regie.budget.model import ChartKind
    from regie.services import budgets

    chosen = None
    if kind is not None:
        try:
            chosen = ChartKind(kind)
        except ValueError:
            raise ValidationError(
                t("'{value}' is not a kind of devis", value=kind),
                field="--kind",
                hint=t("Use cinema or audiovisual"),
            ) from None
    with production() as (config, db):
        record = budgets.create_budget(db, config.slug, actor=None, name=name, kind=chosen)
    if json_output:
        output.print_json({"number": record.number, "name": record.name, "chart": record.chart_ref})
        return
    output.success(tr(t("Budget {number} created: {name} ({chart}).", number=record.number,
                        name=record.name, chart=record.chart_ref)))  # fmt: skip


@command(devis_app, "list", "Lister les devis de la production et leur total.")
def list_budgets(json_output: JsonOption = False) -> None:
    from regie.services import budgets

    with production() as (config, db):
        found = budgets.list_budgets(db, config.slug, actor=None)
        totals = [budgets.devis(db, config.slug, b.number, actor=None).total for b in found]
    if json_output:
        output.print_json(
            [
                {"number": b.number, "name": b.name, "chart": b.chart_ref,
                 "lines": len(b.lines), "total": str(total)}
                for b, total in zip(found, totals, strict=True)
            ]
        )  # fmt: skip
        return
    output.table(
        tr(t("Budgets")),
        [tr(t("No.")), tr(t("Name")), tr(t("Chart")), tr(t("Lines")), tr(t("Total"))],
        [(b.number, b.name, b.chart_ref, len(b.lines), money(total))
         for b, total in zip(found, totals, strict=True)],
    )  # fmt: skip


def _top_sheet(devis: Devis) -> None:
    rows: list[tuple[object, ...]] = [
        (c.chapter.number, c.chapter.title, money(c.total)) for c in devis.chapters
    ]
    rows.append(("", tr(t("Total of chapters 1 to 9")), money(devis.chapters_total)))
    for addon in devis.addons:
        share = f"{addon.rate * 100:.2f} %".replace(".", "," if lang() == "fr" else ".")
        rows.append(("", f"{addon.addon.title} ({share})", money(addon.amount)))
    rows.append(("", tr(t("Total")), money(devis.total)))
    output.table(tr(t("Top sheet")), [tr(t("Ch.")), tr(t("Chapter")), tr(t("Amount"))], rows)


@command(devis_app, "show", "Afficher le devis : chapitres, frais généraux, imprévus, total.")
def show(
    number: NumberOption = None,
    lines: Annotated[bool, typer.Option("--lines", help="Afficher aussi les lignes.")] = False,
    json_output: JsonOption = False,
) -> None:
    from regie.documents.devis import devis_json
    from regie.services import budgets

    with production() as (config, db):
        chosen = _number(db, config.slug, number)
        computed = budgets.devis(db, config.slug, chosen, actor=None)
    cautions = budgets.warnings(computed)
    if json_output:
        output.print_json({**devis_json(computed), "warnings": [tr(w) for w in cautions]})
        return
    _top_sheet(computed)
    for caution in cautions:
        output.warn(tr(caution))
    if lines:
        output.table(
            tr(t("Lines")),
            [tr(t("Code")), tr(t("Account")), tr(t("Description")), tr(t("Quantity")),
             tr(t("Unit")), tr(t("Rate")), "×", tr(t("Amount")), tr(t("Charges"))],
            [(lt.line.id, lt.line.account, lt.line.description, lt.line.quantity, lt.line.unit,
              money(lt.line.rate), lt.line.multiplier, money(lt.gross), money(lt.fringe_total))
             for c in computed.chapters for a in c.accounts for lt in a.lines],
        )  # fmt: skip


@command(devis_app, "accounts", "Lister les comptes du devis CNC (chapitres et postes).")
def accounts(
    kind: Annotated[str, typer.Option("--kind", help="cinema ou audiovisual.")] = "cinema",
    json_output: JsonOption = False,
) -> None:
    from regie.budget.chart import load_chart
    from regie.budget.model import ChartKind

    try:
        chart = load_chart(ChartKind(kind))
    except ValueError:
        raise ValidationError(
            t("'{value}' is not a kind of devis", value=kind),
            field="--kind",
            hint=t("Use cinema or audiovisual"),
        ) from None
    if json_output:
        output.print_json(
            {"chart": chart.ref, "chapters": [
                {"number": c.number, "title": c.title,
                 "accounts": [{"code": a.code, "title": a.title} for a in c.accounts]}
                for c in chart.chapters]}
        )  # fmt: skip
        return
    output.table(
        chart.ref,
        [tr(t("Code")), tr(t("Title"))],
        [row for c in chart.chapters
         for row in [(str(c.number), c.title.upper()), *((a.code, a.title) for a in c.accounts)]],
    )  # fmt: skip


def _fields(
    account: str, description: str, quantity: str, unit: str, rate: str, **options: object
) -> LineFields:
    from regie.budget.catalog import LineFields

    return LineFields(
        account,
        description,
        quantity,
        unit,
        rate,
        multiplier=options["multiplier"],
        fringe_group=options["fringes"],  # type: ignore[arg-type]
        place=str(options["place"]),
        tax_credit=not options["no_tax_credit"],
        note=str(options["note"]),
    )


Account = Annotated[
    str, typer.Argument(metavar="COMPTE", help="Code du compte (regie devis accounts).")
]
Description = Annotated[str, typer.Argument(metavar="LIBELLÉ", help="Libellé de la ligne.")]
Quantity = Annotated[str, typer.Argument(metavar="QUANTITÉ", help="Quantité (ex. 20 ou 2,5).")]
Unit = Annotated[str, typer.Argument(metavar="UNITÉ", help="Unité : jour, semaine, forfait…")]
Rate = Annotated[str, typer.Argument(metavar="TAUX", help="Prix unitaire en euros (ex. 350,00).")]
Multiplier = Annotated[str, typer.Option("--multiplier", "-x", help="Multiplicateur (personnes…).")]
Fringes = Annotated[
    str | None,
    typer.Option("--fringes", help="Charges patronales : cddu_technician, cddu_performer…"),
]
PlaceOption = Annotated[
    str, typer.Option("--place", help="Lieu de dépense : region, france, eu, elsewhere.")
]
NoCredit = Annotated[
    bool, typer.Option("--no-tax-credit", help="Dépense non éligible au crédit d'impôt.")
]
Note = Annotated[str, typer.Option("--note", help="Note.")]


def _line_summary(code: str, devis: Devis) -> None:
    found = [lt for c in devis.chapters for a in c.accounts for lt in a.lines if lt.line.id == code]
    for lt in found:
        message = t(
            "Line {code}: {amount} (charges {charges}); budget total {total}.",
            code=code,
            amount=money(lt.gross),
            charges=money(lt.fringe_total),
            total=money(devis.total),
        )
        output.success(tr(message))


@command(devis_app, "add", "Ajouter une ligne : quantité × taux (× multiplicateur).")
def add(
    account: Account,
    description: Description,
    quantity: Quantity,
    unit: Unit,
    rate: Rate,
    *,
    number: NumberOption = None,
    multiplier: Multiplier = "1",
    fringes: Fringes = None,
    place: PlaceOption = "france",
    no_tax_credit: NoCredit = False,
    note: Note = "",
    json_output: JsonOption = False,
) -> None:
    from regie.services import budgets

    options = {"multiplier": multiplier, "fringes": fringes, "place": place,
               "no_tax_credit": no_tax_credit, "note": note}  # fmt: skip
    fields = _fields(account, description, quantity, unit, rate, **options)
    with production() as (config, db):
        chosen = _number(db, config.slug, number)
        record = budgets.get_budget(db, config.slug, chosen, actor=None)
        record = budgets.add_lines(
            db, config.slug, chosen, [fields], expected_version=record.version, actor=None
        )
        code = record.lines[-1].line.id
        computed = budgets.devis(db, config.slug, chosen, actor=None)
    if json_output:
        output.print_json({"code": code, "total": str(computed.total)})
        return
    _line_summary(code, computed)


@command(devis_app, "set", "Modifier une ligne (toutes ses valeurs).")
def set_line(  # noqa: PLR0917 - the line's code, then the same arguments as `add`
    code: Annotated[str, typer.Argument(metavar="LIGNE", help="Code de la ligne (L0001).")],
    account: Account,
    description: Description,
    quantity: Quantity,
    unit: Unit,
    rate: Rate,
    *,
    number: NumberOption = None,
    multiplier: Multiplier = "1",
    fringes: Fringes = None,
    place: PlaceOption = "france",
    no_tax_credit: NoCredit = False,
    note: Note = "",
    json_output: JsonOption = False,
) -> None:
    from regie.services import budgets

    options = {"multiplier": multiplier, "fringes": fringes, "place": place,
               "no_tax_credit": no_tax_credit, "note": note}  # fmt: skip
    fields = _fields(account, description, quantity, unit, rate, **options)
    with production() as (config, db):
        chosen = _number(db, config.slug, number)
        found = budgets.get_budget(db, config.slug, chosen, actor=None).line(code.upper())
        if found is None:
            raise NotFound(
                t("no line {code} in this budget", code=code),
                hint=t("List the lines with regie devis show --lines"),
            )
        budgets.update_line(db, config.slug, chosen, found.line.id, fields,
                            expected_version=found.version, actor=None)  # fmt: skip
        computed = budgets.devis(db, config.slug, chosen, actor=None)
    if json_output:
        output.print_json({"code": found.line.id, "total": str(computed.total)})
        return
    _line_summary(found.line.id, computed)


@command(devis_app, "rm", "Supprimer une ligne.")
def remove(
    code: Annotated[str, typer.Argument(metavar="LIGNE", help="Code de la ligne (L0001).")],
    number: NumberOption = None,
) -> None:
    from regie.services import budgets

    with production() as (config, db):
        chosen = _number(db, config.slug, number)
        found = budgets.get_budget(db, config.slug, chosen, actor=None).line(code.upper())
        if found is None:
            raise NotFound(
                t("no line {code} in this budget", code=code),
                hint=t("List the lines with regie devis show --lines"),
            )
        budgets.delete_line(db, config.slug, chosen, found.line.id,
                            expected_version=found.version, actor=None)  # fmt: skip
    output.success(tr(t("Line {code} removed.", code=found.line.id)))


@command(devis_app, "rate", "Fixer un taux pour ce devis : frais généraux, imprévus, une charge.")
def rate(
    key: Annotated[
        str,
        typer.Argument(
            metavar="CLÉ",
            help="overheads, contingency, producer_fee, ou une charge (employer.other…).",
        ),
    ],
    value: Annotated[
        str | None, typer.Argument(metavar="TAUX", help="Part : 0,07 pour 7 % (vide : défaut).")
    ] = None,
    number: NumberOption = None,
) -> None:
    from regie.services import budgets

    with production() as (config, db):
        chosen = _number(db, config.slug, number)
        record = budgets.get_budget(db, config.slug, chosen, actor=None)
        budgets.set_rate(db, config.slug, chosen, key, value,
                         expected_version=record.version, actor=None)  # fmt: skip
        total = budgets.devis(db, config.slug, chosen, actor=None).total
    output.success(tr(t("Rate of {key} set; budget total {total}.", key=key, total=money(total))))


@command(
    devis_app, "globals", "Les globales du devis (jours de tournage, semaines…) : voir, fixer."
)
def set_globals(
    values: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="NOM=VALEUR",
            help="shoot_days, prep_weeks, wrap_weeks, episodes (ex. shoot_days=25).",
        ),
    ] = None,
    number: NumberOption = None,
    json_output: JsonOption = False,
) -> None:
    from regie.services import budgets

    changes: dict[str, object] = {}
    for item in values or []:
        name, sep, value = item.partition("=")
        if not sep:
            raise ValidationError(
                t("'{value}' is not NAME=VALUE", value=item),
                field="globals",
                hint=t("Write e.g. shoot_days=25"),
            )
        changes[name.strip()] = value.strip()
    with production() as (config, db):
        chosen = _number(db, config.slug, number)
        record = budgets.get_budget(db, config.slug, chosen, actor=None)
        if changes:
            record = budgets.set_globals(db, config.slug, chosen, changes,
                                         expected_version=record.version, actor=None)  # fmt: skip
        total = budgets.devis(db, config.slug, chosen, actor=None).total
    if json_output:
        output.print_json({"globals": {k: str(v) for k, v in record.globals.items()},
                           "total": str(total)})  # fmt: skip
        return
    output.field_lines([(k, v) for k, v in sorted(record.globals.items())])
    output.line(tr(t("Budget total: {total}", total=money(total))))


@command(devis_app, "copy", "Créer une nouvelle version d'un devis (lignes, taux, globales).")
def copy(
    number: NumberOption = None,
    name: Annotated[str | None, typer.Option("--name", help="Nom de la nouvelle version.")] = None,
    json_output: JsonOption = False,
) -> None:
    from regie.services import budgets

    with production() as (config, db):
        chosen = _number(db, config.slug, number)
        record = budgets.copy_budget(db, config.slug, chosen, actor=None, name=name)
    if json_output:
        output.print_json(
            {"number": record.number, "name": record.name, "lines": len(record.lines)}
        )
        return
    output.success(tr(t("Budget {number} created from budget {source}: {name}.",
                        number=record.number, source=chosen, name=record.name)))  # fmt: skip


@command(devis_app, "import", "Importer un devis depuis un classeur XLSX, avec le rapport.")
def import_workbook(
    source: Annotated[Path, typer.Argument(metavar="FICHIER.xlsx", help="Classeur du devis.")],
    name: Annotated[str | None, typer.Option("--name", help="Nom du devis importé.")] = None,
    json_output: JsonOption = False,
) -> None:
    from regie.cli.schedule_order import read_input
    from regie.services import budgets

    data = read_input(source, t("Give the path of a devis workbook (.xlsx)"))
    with production() as (config, db):
        record, report = budgets.import_budget(db, config.slug, source.name, data, actor=None,
                                               name=name)  # fmt: skip
        total = budgets.devis(db, config.slug, record.number, actor=None).total
    mismatches = [c for c in report.totals if c.recomputed is not None and c.recomputed != c.found]
    if json_output:
        output.print_json(
            {
                "number": record.number,
                "name": record.name,
                "lines": len(record.lines),
                "total": str(total),
                "mapped": [{"sheet": m.sheet, "row": m.row, "account": m.account,
                            "line": m.line_id} for m in report.mapped],
                "skipped": [{"sheet": k.sheet, "row": k.row, "reason": k.reason.value,
                             "code": k.code, "description": k.description}
                            for k in report.skipped],
                "total_mismatches": [{"sheet": c.sheet, "row": c.row, "label": c.label,
                                      "found": str(c.found), "recomputed": str(c.recomputed)}
                                     for c in mismatches],
            }
        )  # fmt: skip
        return
    message = t("Budget {number} imported: {lines} lines, total {total}.",
                number=record.number, lines=len(record.lines), total=money(total))  # fmt: skip
    output.success(tr(message))
    from regie.formats.devis_xlsx import SkipReason

    computed_rows = (SkipReason.TOTAL, SkipReason.ADDON, SkipReason.FRINGES)  # recomputed here
    left_out = [k for k in report.skipped if k.reason not in computed_rows]
    if left_out:
        output.table(
            tr(t("Rows not imported")),
            [tr(t("Sheet")), tr(t("Row")), tr(t("Code")), tr(t("Description")), tr(t("Why"))],
            [(k.sheet, k.row, k.code, k.description, tr(_WHY[k.reason])) for k in left_out],
        )
    for check in mismatches:
        output.warn(tr(t("{sheet}, row {row}: the file says {found}, the lines make {recomputed}",
                         sheet=check.sheet, row=check.row, found=money(check.found),
                         recomputed=amount_of(check.recomputed))))  # fmt: skip


@command(devis_app, "compare", "Comparer deux versions du devis : écarts par compte et chapitre.")
def compare_versions(
    before: Annotated[int, typer.Argument(metavar="AVANT", help="Numéro du devis de départ.")],
    after: Annotated[int, typer.Argument(metavar="APRÈS", help="Numéro du devis comparé.")],
    json_output: JsonOption = False,
) -> None:
    from regie.services import budgets

    with production() as (config, db):
        found = budgets.compare_budgets(db, config.slug, before, after, actor=None)

    def amount(value: Decimal | None) -> str:
        return "—" if value is None else money(value)

    def share(value: Decimal | None) -> str:
        from babel import numbers

        return "—" if value is None else numbers.format_decimal(value, locale=lang()) + "\u202f%"

    if json_output:
        output.print_json(found)
        return
    rows: list[tuple[object, ...]] = [
        (c.number, c.title, amount(c.change.before), amount(c.change.after),
         money(c.change.amount), share(c.change.percent))
        for c in found.chapters
    ]  # fmt: skip
    rows += [
        ("", a.title, amount(a.change.before), amount(a.change.after), money(a.change.amount),
         share(a.change.percent))
        for a in found.addons
    ]  # fmt: skip
    total = found.total
    rows.append(("", tr(t("Total")), amount(total.before), amount(total.after),
                 money(total.amount), share(total.percent)))  # fmt: skip
    output.table(
        tr(t("Budget {before} → budget {after}", before=before, after=after)),
        [tr(t("Ch.")), tr(t("Chapter")), str(before), str(after), tr(t("Variance")), "%"],
        rows,
    )


@command(devis_app, "export", "Exporter le devis : XLSX (présentation CNC), PDF, CSV ou JSON.")
def export(
    number: NumberOption = None,
    export_format: Annotated[
        ExportFormat, typer.Option("--format", help="xlsx, pdf, csv ou json.")
    ] = ExportFormat.XLSX,
    target: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", help="Fichier à écrire (défaut : sortie standard pour json et csv)."
        ),
    ] = None,
) -> None:
    import json

    from regie.documents import devis as documents
    from regie.services import budgets

    with production() as (config, db):
        chosen = _number(db, config.slug, number)
        computed = budgets.devis(db, config.slug, chosen, actor=None)
        the_production = budgets.production_of(db, config.slug, actor=None)
    locale = lang()
    if export_format is ExportFormat.JSON:
        data = (
            json.dumps(documents.devis_json(computed), ensure_ascii=False, indent=2) + "\n"
        ).encode()
    elif export_format is ExportFormat.CSV:
        data = documents.devis_csv(computed, locale=locale)
    elif export_format is ExportFormat.PDF:
        data = documents.devis_pdf(computed, the_production, locale=locale)
    else:
        data = documents.devis_xlsx(computed, the_production, locale=locale)
    if target is None:
        if export_format in (ExportFormat.PDF, ExportFormat.XLSX):
            raise ValidationError(
                t("a {format} file cannot be printed on the terminal", format=export_format.value),
                field="-o",
                hint=t("Give the file to write with -o"),
            )
        typer.echo(data.decode("utf-8-sig"), nl=False)
        return
    output.write_file(target, data)
    output.success(tr(t("Budget {number} exported to {path}.", number=chosen, path=target)))
