# SPDX-License-Identifier: AGPL-3.0-or-later
"""Tax credits: ``regie taxcredit compute CASE.json`` (the credit with its trace, as a
table, JSON or PDF) and ``regie taxcredit checklist CASE.json`` (the provisional-approval
file: pieces, checks and generated annexes) need no production folder;
``regie taxcredit devis [--budget N]`` computes, in a production folder, from its stored
devis (eligible spend from the lines and their place of spend), ``--save`` keeping the
case and its trace. Register with ``app.add_typer(taxcredit.taxcredit_app,
name="taxcredit")``.

``--json`` prints the figures under the names of the case's ``expected`` object (money and
rates as JSON numbers written from the exact decimals, never through float) and a
``trace`` list whose every step cites its article, rule value and source.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Mapping
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from regie.cli import output
from regie.cli.context import JsonOption, command, group, lang
from regie.cli.schedule import parse_date, tr
from regie.cli.schedule_order import read_input
from regie.core.errors import InputError
from regie.core.text import t

if TYPE_CHECKING:
    from regie.finance.taxcredit.eligibility import EligibleSpend
    from regie.finance.taxcredit.model import TaxCreditResult
    from regie.formats.taxcredit_case import CaseFile
    from regie.services.taxcredits import TaxCreditOutcome

taxcredit_app = group("Crédits d'impôt : calcul tracé, article par article.")

CaseArgument = Annotated[
    Path,
    typer.Argument(metavar="CASE.json", help="Cas à calculer (régime et données, JSON)."),
]
DateOption = Annotated[
    str | None,
    typer.Option("--date", help="Date des règles à appliquer (AAAA-MM-JJ\u202f; "
                 "défaut\u00a0: le cas, sinon aujourd'hui)."),
]  # fmt: skip
RulesOption = Annotated[
    Path | None,
    typer.Option("--rules", help="Dossier de packs de règles plus récents que ceux livrés."),
]


def _load(
    case_path: Path, date: str | None, rules: Path | None
) -> tuple[CaseFile, TaxCreditResult, EligibleSpend | None]:
    from regie.finance.taxcredit.compute import compute, load_pack
    from regie.finance.taxcredit.eligibility import eligible_spend
    from regie.formats.taxcredit_case import read_case
    from regie.rules.registry import pack

    if rules is not None and not rules.is_dir():
        raise InputError(
            t("no such folder"), where=str(rules), hint=t("Give a folder of rule packs")
        )
    extra = (rules,) if rules is not None else ()
    data = read_input(case_path, t("Give the path of a tax-credit case in JSON"))
    parsed = read_case(data, case_path.name)
    on = parse_date(date, "--date") if date else dt.date.today()  # noqa: DTZ011  # a calendar day
    spend = None
    if parsed.spend_lines:
        spend = eligible_spend(parsed.spend_lines, parsed.credit,
                               pack("taxcredit-spend", extra_dirs=extra))  # fmt: skip
    case = parsed.case(on, spend.eligible if spend else None)
    if date:  # the command line wins over the file's own date
        case = replace(case, on=on)
    result = compute(case, load_pack(case.credit, extra_dirs=extra))
    return parsed, result, spend


def spend_json(spend: EligibleSpend, gettext: Callable[[str], str]) -> dict[str, object]:
    """The eligible spend in the ``--json`` documents: totals by category and place, and
    each line that does not count with the reason."""
    return {
        "eligible_eur": spend.eligible,
        "excluded_eur": spend.excluded,
        "by_category": {x.key: {"eligible_eur": x.eligible, "excluded_eur": x.excluded}
                        for x in spend.by_category},
        "by_place": {x.key: {"eligible_eur": x.eligible, "excluded_eur": x.excluded}
                     for x in spend.by_place},
        "rule_pack": spend.pack,
        "excluded_lines": [
            {"ref": v.line.ref, "account": v.line.account, "category": v.category.value,
             "amount_eur": v.line.amount, "description": v.line.description,
             "payee_residence": v.line.payee_residence, "reason": v.reason.translate(gettext)}
            for v in spend.verdicts if not v.eligible
        ],
    }  # fmt: skip


def result_json(
    parsed: CaseFile, result: TaxCreditResult, spend: EligibleSpend | None
) -> dict[str, object]:
    """The ``--json`` document of ``compute``."""
    from regie.documents.i18n import error_messages
    from regie.formats.taxcredit_case import result_fields

    gettext = error_messages(lang())
    case = result.case
    document: dict[str, object] = {
        "id": case.case_id,
        "regime": {"credit": case.credit.value, "genre": case.genre.value},
        "date": case.on.isoformat(),
        **result_fields(result, parsed.expected_names),
        "flags": [flag.translate(gettext) for flag in result.flags],
        "ignored_inputs": list(parsed.ignored),
        "rule_packs": list(result.packs),
    }
    if spend is not None:
        document["eligible_spend"] = spend_json(spend, gettext)
    document["trace"] = [
        {
            "step": s.key,
            "label": s.label.translate(gettext),
            "value": s.value,
            "formula": s.formula,
            "article": s.article,
            "rule": s.rule,
            "status": s.status.value if s.status else None,
            "source": s.citation,
        }
        for s in result.trace
    ]
    return document


def json_text(value: Any, indent: int = 0) -> str:
    """JSON with ``Decimal`` written as a JSON number from its exact digits."""
    pad, inner = "  " * indent, "  " * (indent + 1)
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else json.dumps(str(value))
    if isinstance(value, int | str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        items = [f"{inner}{json.dumps(str(k), ensure_ascii=False)}: {json_text(v, indent + 1)}"
                 for k, v in value.items()]  # fmt: skip
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + json_text(v, indent + 1) for v in value) + f"\n{pad}]"
    return json.dumps(str(value), ensure_ascii=False)


def _print_json(document: object) -> None:
    """Like :func:`regie.cli.output.print_json` (UTF-8 on stdout), numbers kept exact."""
    text = json_text(document) + "\n"
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


@command(
    taxcredit_app, "compute", "Calculer un crédit d'impôt (cinéma, audiovisuel, international)."
)
def compute_case(
    case: CaseArgument,
    date: DateOption = None,
    rules: RulesOption = None,
    pdf: Annotated[
        Path | None, typer.Option("--output", "-o", help="Écrire aussi la trace en PDF.")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    parsed, result, spend = _load(case, date, rules)
    if pdf is not None:
        from regie.documents.taxcredit import trace_pdf

        output.write_file(pdf, trace_pdf(result, locale=lang(), spend=spend))
    if json_output:
        _print_json(result_json(parsed, result, spend))
        return
    from regie.documents.i18n import error_messages

    gettext = error_messages(lang())
    for flag in result.flags:
        output.warn(flag.translate(gettext))
    output.field_lines([(name, value) for name, value in result.fields().items()])
    output.table(
        tr(t("Trace")),
        [tr(t("Step")), tr(t("Value")), tr(t("Computation")), tr(t("Article"))],
        [(s.label.translate(gettext), s.value, s.formula, s.article) for s in result.trace],
    )
    if pdf is not None:
        output.success(tr(t("Trace written to {path}.", path=pdf)))


@command(taxcredit_app, "checklist", "Dossier d'agrément provisoire : pièces, contrôles, annexes.")
def checklist_case(
    case: CaseArgument,
    date: DateOption = None,
    rules: RulesOption = None,
    pdf: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Écrire la liste et les annexes en PDF."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    from regie.finance.taxcredit.checklist import checklist
    from regie.rules.registry import pack

    _parsed, result, spend = _load(case, date, rules)
    extra = (rules,) if rules is not None else ()
    found = checklist(result.case, pack("taxcredit-agrement", extra_dirs=extra), result=result,
                      spend=spend)  # fmt: skip
    if pdf is not None:
        from regie.documents.taxcredit import agrement_pdf

        output.write_file(pdf, agrement_pdf(found, result, locale=lang(), spend=spend))
    english = lang() == "en"
    if json_output:
        _print_json({
            "id": result.case.case_id,
            "regime": {"credit": result.case.credit.value, "genre": result.case.genre.value},
            "rule_pack": found.pack,
            "pieces": [{"piece": i.key, "title": i.title_en if english else i.title,
                        "kind": i.kind.value, "state": i.state.value, "annex": i.annex,
                        "status": i.status.value, "rule": i.rule, "source": i.citation}
                       for i in found.items],
        })  # fmt: skip
        return
    output.table(
        tr(t("Provisional approval file")),
        [tr(t("Piece")), tr(t("State"))],
        [(i.title_en if english else i.title, i.state.value) for i in found.items],
    )
    if pdf is not None:
        output.success(tr(t("File written to {path}.", path=pdf)))


# -- regie taxcredit devis (the stored devis of a production) ------------------------------


def devis_json(outcome: TaxCreditOutcome) -> dict[str, object]:
    """The ``--json`` document of ``devis``: the figures under the names ``compute``
    prints, where each derived input came from, the eligible spend and the trace."""
    from regie.documents.i18n import error_messages
    from regie.formats.taxcredit_case import result_fields

    gettext = error_messages(lang())
    result, spend = outcome.result, outcome.spend
    case = result.case
    document: dict[str, object] = {
        "production": outcome.production.slug,
        "regime": {"credit": case.credit.value, "genre": case.genre.value},
        "date": case.on.isoformat(),
        "budget": outcome.fields.budget,
        "spend_from": outcome.fields.spend_from,
        **result_fields(result),
        "inputs_from": {name: why.translate(gettext) for name, why in outcome.origins},
        "flags": [flag.translate(gettext) for flag in result.flags],
        "rule_packs": list(result.packs),
    }
    if spend is not None:
        document["eligible_spend"] = spend_json(spend, gettext)
    document["checklist"] = [
        {"piece": i.key, "kind": i.kind.value, "state": i.state.value}
        for i in outcome.checklist.items
    ]
    document["trace"] = [
        {"step": s.key, "label": s.label.translate(gettext), "value": s.value,
         "formula": s.formula, "article": s.article, "rule": s.rule,
         "status": s.status.value if s.status else None, "source": s.citation}
        for s in result.trace
    ]  # fmt: skip
    return document


@command(taxcredit_app, "devis", "Calculer le crédit d'impôt depuis le devis enregistré.")
def from_devis(
    *,
    budget: Annotated[
        int | None,
        typer.Option("--budget", "-b", help="Numéro du devis (défaut : le cas, sinon le dernier)."),
    ] = None,
    credit: Annotated[
        str | None, typer.Option("--credit", help="cinema, audiovisual ou international.")
    ] = None,
    genre: Annotated[
        str | None, typer.Option("--genre", help="fiction, documentary, animation, live_show.")
    ] = None,
    spend_from: Annotated[
        str | None,
        typer.Option(
            "--from",
            help="D'où vient la dépense éligible : devis (ses lignes) ou actuals (le réalisé : "
            "grand livre, factures, notes de frais, paie, avec la résidence des personnes payées).",
        ),
    ] = None,
    date: DateOption = None,
    rules: RulesOption = None,
    save: Annotated[
        bool, typer.Option("--save", help="Enregistrer le cas et le résultat avec sa trace.")
    ] = False,
    pdf: Annotated[
        Path | None, typer.Option("--output", "-o", help="Écrire aussi la trace en PDF.")
    ] = None,
    agrement: Annotated[
        Path | None,
        typer.Option("--agrement", help="Écrire le dossier d'agrément provisoire en PDF."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    from regie.cli.context import production, rule_dirs
    from regie.services import taxcredits
    from regie.services.taxcredits import CaseFields

    on = parse_date(date, "--date") if date else None
    today = dt.date.today()  # noqa: DTZ011  # a calendar day
    with production() as (config, db):
        extra = ((rules,) if rules is not None else ()) + rule_dirs(config)
        base = taxcredits.compute_case(db, config.slug, actor=None, today=today,
                                       rule_dirs=extra).fields  # fmt: skip
        fields = CaseFields(
            credit=credit or base.credit, genre=genre or base.genre,
            budget=budget if budget is not None else base.budget,
            on=on or base.on, spend_from=spend_from or base.spend_from,
            **{k: getattr(base, k) for k in _ENTERED},
        )  # fmt: skip
        if fields.budget is None:
            from regie.core.errors import NotFound

            raise NotFound(t("this production has no budget yet"),
                           hint=t("Create one with regie devis new"))  # fmt: skip
        if save:
            stored = taxcredits.get_case(db, config.slug, actor=None)
            taxcredits.save_case(db, config.slug, fields,
                                 expected_version=stored.version if stored else None,
                                 actor=None)  # fmt: skip
            outcome = taxcredits.compute_and_store(db, config.slug, actor=None, today=today,
                                                   rule_dirs=extra)  # fmt: skip
        else:
            outcome = taxcredits.compute_case(db, config.slug, actor=None, today=today,
                                              fields=fields, rule_dirs=extra)  # fmt: skip
    if pdf is not None:
        from regie.documents.taxcredit import trace_pdf

        output.write_file(pdf, trace_pdf(outcome.result, locale=lang(), spend=outcome.spend))
    if agrement is not None:
        from regie.documents.taxcredit import agrement_pdf

        output.write_file(agrement, agrement_pdf(outcome.checklist, outcome.result,
                                                 locale=lang(), spend=outcome.spend))  # fmt: skip
    if json_output:
        _print_json(devis_json(outcome))
        return
    _print_outcome(outcome)
    for path in (pdf, agrement):
        if path is not None:
            output.success(tr(t("File written to {path}.", path=path)))


_ENTERED = ("eligible_expenses", "minutes", "production_cost", "subsidies", "other_public_aid",
            "french_share", "vfx_expenses", "shooting_days_france", "difficult_work",
            "french_language")  # fmt: skip


def _print_outcome(outcome: TaxCreditOutcome) -> None:
    from regie.documents.i18n import error_messages

    gettext = error_messages(lang())
    result = outcome.result
    for flag in result.flags:
        output.warn(flag.translate(gettext))
    output.field_lines(
        [
            (tr(t("Budget")), f"{outcome.fields.budget} — {outcome.budget_name}"),
            (tr(t("Eligible spend from")), outcome.fields.spend_from),
        ]
        + [(name, why.translate(gettext)) for name, why in outcome.origins]
        + [(name, value) for name, value in result.fields().items()]
    )
    output.table(
        tr(t("Trace")),
        [tr(t("Step")), tr(t("Value")), tr(t("Computation")), tr(t("Article"))],
        [(s.label.translate(gettext), s.value, s.formula, s.article) for s in result.trace],
    )
