# SPDX-License-Identifier: AGPL-3.0-or-later
"""Engagements' pay: ``regie pay show ENGAGEMENT`` (gross pay of the planned days with the
premiums of the working time, and the employer charges, step by step), ``regie pay
check`` (daily costs under the pay grid's minimum) and ``regie pay contract ENGAGEMENT -o
FILE.pdf`` (the CDDU contract). Register with ``app.add_typer(pay.pay_app, name="pay")``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from regie.cli import output
from regie.cli.context import JsonOption, command, group, lang, production, rule_dirs
from regie.cli.schedule import tr

if TYPE_CHECKING:
    from decimal import Decimal

    from regie.services.pay import EngagementPay

pay_app = group(
    "La paie des engagements : brut des jours prévus avec majorations, charges patronales, "
    "contrôle des minima, contrat CDDU."
)

EngagementArgument = Annotated[
    int, typer.Argument(metavar="ENGAGEMENT", help="Numéro de l'engagement (regie people list).")
]
BoardOption = Annotated[
    int | None,
    typer.Option(
        "--board", help="Numéro du plan (défaut : le plan principal du dernier planning)."
    ),
]


def money(amount: Decimal) -> str:
    from babel import numbers

    return numbers.format_currency(amount, "EUR", locale=lang())


def pay_json(found: EngagementPay) -> dict[str, Any]:
    from regie.core.text import render

    s = found.statement
    warning = found.grid_warning
    return {
        "engagement": found.engagement.id,
        "name": found.engagement.name,
        "board": found.board.id,
        "on": found.on,
        "rate": {"amount": s.rate.amount, "unit": s.rate.unit.value},
        "units": s.units,
        "days": [d.date for d in found.days],
        "hourly": s.hourly,
        "base": s.base,
        "premiums": [
            {
                "kind": p.line.kind.value,
                "band": p.line.band,
                "minutes": p.line.minutes,
                "rate": p.line.rate,
                "date": p.line.date,
                "week": p.line.week,
                "amount": p.amount,
                "rule": p.line.rule.rule_id,
                "article": p.line.rule.article,
            }
            for p in s.premiums
        ],
        "premium_total": s.premium_total,
        "gross": s.gross,
        "fringe_group": s.group.key if s.group else None,
        "charges": [
            {
                "key": c.fringe.key,
                "rate": c.fringe.rate,
                "base": c.base,
                "amount": c.amount,
                "status": c.fringe.cited.status.value,
            }
            for c in s.charges
        ],
        "charges_total": s.charges_total,
        "total_cost": s.total_cost,
        "steps": [
            {"label": render(step.label), "amount": step.amount, "source": step.source}
            for step in s.steps
        ],
        "warnings": [render(w) for w in s.warnings],
        "grid_warning": None
        if warning is None
        else {"kind": warning.kind.value, "message": render(warning.message)},
        "packs": list(found.packs),
    }


@command(pay_app, "show", "Afficher la paie d'un engagement : base, majorations, brut, charges.")
def show(
    engagement: EngagementArgument,
    board: BoardOption = None,
    json_output: JsonOption = False,
) -> None:
    from regie.services import pay

    with production() as (config, db):
        found = pay.pay_statement(
            db, config.slug, engagement, board_id=board, actor=None, extra_dirs=rule_dirs(config)
        )
    if json_output:
        output.print_json(pay_json(found))
        return
    from regie.core.text import t

    s = found.statement
    output.table(
        tr(
            t(
                "Pay of {name} on board {board}",
                name=found.engagement.name,
                board=found.board.id,
            )
        ),
        [tr(t("Step")), tr(t("Amount")), tr(t("Source"))],
        [(tr(step.label), money(step.amount), step.source) for step in s.steps],
        keep=(1,),
    )
    for warning in ([found.grid_warning.message] if found.grid_warning else []) + list(s.warnings):
        output.warn(tr(warning))


@command(pay_app, "check", "Lister les engagements payés sous le minimum de la grille.")
def check(json_output: JsonOption = False) -> None:
    from regie.core.text import render, t
    from regie.services import pay

    with production() as (config, db):
        found = pay.rate_warnings(db, config.slug, actor=None, extra_dirs=rule_dirs(config))
    if json_output:
        output.print_json(
            [
                {
                    "engagement": w.engagement.id,
                    "name": w.engagement.name,
                    "job_key": w.engagement.job_key,
                    "daily_cost": w.engagement.daily_cost,
                    "on": w.on,
                    "kind": w.warning.kind.value,
                    "minimum": None if w.warning.minimum is None else w.warning.minimum.amount,
                    "shortfall": w.warning.shortfall,
                    "message": render(w.message),
                }
                for w in found
            ]
        )
        return
    if not found:
        output.success(tr(t("Every daily cost is at or above the grid minimum.")))
        return
    output.table(
        tr(t("Pay grid warnings")),
        [tr(t("No.")), tr(t("Name")), tr(t("Daily cost")), tr(t("Warning"))],
        [
            (w.engagement.id, w.engagement.name, money(w.engagement.daily_cost), tr(w.message))
            for w in found
        ],
    )


@command(pay_app, "contract", "Écrire le contrat CDDU d'un engagement en PDF.")
def contract(
    engagement: EngagementArgument,
    target: Annotated[Path, typer.Option("-o", "--output", help="Fichier PDF à écrire.")],
    board: BoardOption = None,
) -> None:
    from regie.core.text import t
    from regie.documents.contract import ContractFacts, contract_pdf
    from regie.services import pay

    with production() as (config, db):
        extra = rule_dirs(config)
        found = pay.pay_statement(
            db, config.slug, engagement, board_id=board, actor=None, extra_dirs=extra
        )
    facts = ContractFacts(
        production=found.production,
        engagement=found.engagement,
        statement=found.statement,
        days=tuple(d.date for d in found.days),
        on=found.on,
        grid_warning=found.grid_warning.message if found.grid_warning else None,
    )
    output.write_file(target, contract_pdf(facts, locale=lang(), extra_dirs=extra))
    output.success(tr(t("Contract written to {path}.", path=target)))
