# SPDX-License-Identifier: AGPL-3.0-or-later
"""Tax credits: ``regie taxcredit compute CASE.json`` (the credit with its trace, as a
table, JSON or PDF) and ``regie taxcredit checklist CASE.json`` (the provisional-approval
file: pieces, checks and generated annexes). No production folder is needed. Register
with ``app.add_typer(taxcredit.taxcredit_app, name="taxcredit")``.

``--json`` prints the figures under the names of the case's ``expected`` object (money and
rates as JSON numbers written from the exact decimals, never through float) and a
``trace`` list whose every step cites its article, rule value and source.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Mapping
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

taxcredit_app = group("Crédits d'impôt : calcul tracé, article par article.")

CaseArgument = Annotated[
    Path,
    typer.Argument(metavar="CASE.json", help="Cas à calculer (régime et données, JSON)."),
]
DateOption = Annotated[
    str | None,
    typer.Option("--date", help="Date des règles à appliquer (AAAA-MM-JJ ; défaut : le cas, "
                 "sinon aujourd'hui)."),
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
        case = type(case)(case.credit, case.genre, case.inputs, on, case.case_id, case.title)
    result = compute(case, load_pack(case.credit, extra_dirs=extra))
    return parsed, result, spend


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
        document["eligible_spend"] = {
            "eligible_eur": spend.eligible,
            "excluded_eur": spend.excluded,
            "by_category": {x.key: {"eligible_eur": x.eligible, "excluded_eur": x.excluded}
                            for x in spend.by_category},
            "by_place": {x.key: {"eligible_eur": x.eligible, "excluded_eur": x.excluded}
                         for x in spend.by_place},
            "rule_pack": spend.pack,
        }  # fmt: skip
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
