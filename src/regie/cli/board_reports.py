# SPDX-License-Identifier: AGPL-3.0-or-later
"""What is computed from a board: ``regie board optimise|dood|export|worktime`` (the
commands join ``regie board``, :mod:`regie.cli.board`).

``optimise`` runs the solver in a worker thread while a Rich progress bar shows the time
spent of the limit and, at each better board, its cost and the proven lower bound. No
valid board (the constraints conflict) is an error naming them: exit code 1.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from regie.cli import output
from regie.cli.board import BoardArgument, board_app, cost_json, money, print_costs
from regie.cli.context import JsonOption, command, lang, production
from regie.cli.schedule import tr, yes_no
from regie.core.errors import Conflict, ValidationError
from regie.core.text import on_day, t

if TYPE_CHECKING:
    from regie.core.jobs import ProgressReporter
    from regie.services.database import Database
    from regie.services.optimise import OptimiseOutcome


class ExportFormat(StrEnum):
    PDF = "pdf"
    XLSX = "xlsx"
    ICS = "ics"
    CSV = "csv"  # the board itself, to edit elsewhere and import back


class Report(StrEnum):
    SCHEDULE = "schedule"  # plan de travail
    DOOD = "dood"  # day-out-of-days


def _optimise(
    db: Database, slug: str, board: int, *, limit: float, save_as: str | None, show: bool
) -> OptimiseOutcome:
    """Run the optimiser in a worker thread, with a progress bar when ``show``."""
    import time
    from concurrent.futures import ThreadPoolExecutor, wait

    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from regie.services import optimise

    found: dict[str, str] = {}

    def progress(done: float, total: float, message: str = "", **details: Any) -> None:
        found.update({key: str(value) for key, value in details.items()})

    reporter: ProgressReporter = progress
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(
            optimise.optimise_board, db, slug, board, actor=None, time_limit_s=limit,
            save_as=save_as, progress=reporter,
        )  # fmt: skip
        console = output.console()
        if show and console.is_terminal:
            columns = (
                TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                TextColumn("{task.fields[state]}"),
            )  # fmt: skip
            with Progress(*columns, console=console, transient=True) as bar:
                task = bar.add_task(tr(t("Optimising")), total=limit, state="")
                began = time.monotonic()
                while not future.done():
                    wait([future], timeout=0.2)
                    state = (
                        tr(t("cost {cost} · bound {bound}", cost=money(_dec(found["cost"])),
                             bound=money(_dec(found["lower_bound"]))))
                        if "cost" in found else ""
                    )  # fmt: skip
                    bar.update(task, completed=min(time.monotonic() - began, limit), state=state)
        return future.result()


def _dec(raw: str) -> Any:
    from decimal import Decimal

    return Decimal(raw)


@command(board_app, "optimise", "Optimiser un plan : le moins cher qui respecte tout.")
def optimise_board(
    board: BoardArgument,
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Temps de calcul maximal, en secondes.")
    ] = 30.0,
    save_as: Annotated[
        str | None, typer.Option("--save-as", help="Enregistrer comme nouveau plan (nom).")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    from decimal import Decimal

    from regie.documents.i18n import format_percent
    from regie.schedule.optimize import OptimizeStatus
    from regie.services import board_reports

    if not 0 < time_limit <= 600:
        raise ValidationError(
            t("the time limit must be more than 0 and at most 600 seconds"), field="--time-limit"
        )
    with production() as (config, db):
        before = board_reports.evaluate_board(db, config.slug, board, actor=None)
        outcome = _optimise(
            db, config.slug, board, limit=time_limit, save_as=save_as, show=not json_output
        )
    if outcome.status is OptimizeStatus.INFEASIBLE:
        raise Conflict(
            t("no board can meet every constraint: {reasons}",
              reasons=outcome.conflicts or t("the constraints conflict")),
            hint=t("Relax one of these constraints, then optimise again"),
        )  # fmt: skip
    if outcome.board is None or outcome.evaluation is None:
        raise Conflict(
            t("no valid board was found within {seconds} s", seconds=round(time_limit)),
            hint=t("Give the optimiser more time with --time-limit"),
        )
    cost = outcome.evaluation.cost
    gap = (cost.total - outcome.lower_bound) / cost.total if cost.total > outcome.lower_bound else 0
    if json_output:
        output.print_json(
            {**outcome.to_json(), "start_cost": str(before.cost.total), "gap": str(round(gap, 4)),
             "cost_breakdown": cost_json(cost)}
        )  # fmt: skip
        return
    saved = outcome.board
    output.success(
        tr(t("Board {id} optimised.", id=saved.id))
        if save_as is None
        else tr(t("Optimised board saved as board {id} ({name}).", id=saved.id, name=saved.name))
    )
    output.field_lines(
        [
            (tr(t("Cost before")), money(before.cost.total)),
            (tr(t("Cost")), money(cost.total)),
            (tr(t("Lower bound")), money(outcome.lower_bound)),
            (tr(t("Gap")), format_percent(Decimal(gap), lang())),
            (tr(t("Proven optimal")), yes_no(outcome.optimal)),
            (tr(t("Seconds")), round(outcome.seconds, 1)),
        ]
    )
    print_costs(cost)


@command(board_app, "dood", "Le day-out-of-days : ce que fait chaque comédien chaque jour.")
def dood(
    board: BoardArgument,
    drop_after: Annotated[
        int | None,
        typer.Option("--drop-after", help="Libérer (D) au-delà de N jours sans tournage."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    from regie.services import board_reports, boards

    with production() as (config, db):
        record = boards.get_board(db, config.slug, board, actor=None)
        rows = board_reports.dood(db, config.slug, board, actor=None, drop_after=drop_after)
    if json_output:
        output.print_json(
            {
                "board": record.id,
                "days": [{"number": d.index + 1, "date": d.date, "kind": d.kind.value}
                         for d in record.days],
                "rows": [
                    {"engagement_id": int(r.cast), "name": r.name,
                     "codes": [c.value for c in r.codes],
                     "work_days": r.work_days, "hold_days": r.hold_days, "drop_days": r.drop_days,
                     "paid_days": r.paid_days,
                     "first_day": None if r.first_day is None else r.first_day + 1,
                     "last_day": None if r.last_day is None else r.last_day + 1}
                    for r in rows
                ],
            }
        )  # fmt: skip
        return
    from rich import box
    from rich.table import Table

    shown = Table(
        title=tr(t("Day-out-of-days of board {id}", id=record.id)), title_justify="left",
        box=box.SIMPLE_HEAD, padding=0, pad_edge=False, show_edge=False,
    )  # fmt: skip
    shown.add_column(tr(t("Name")), min_width=12)
    for d in record.days:
        shown.add_column(f"{d.index + 1}\n{d.date:%d/%m}", min_width=5, justify="center")
    for column in (t("Work"), t("Hold"), t("Drop")):
        shown.add_column(tr(column), min_width=4, justify="right")
    for n, r in enumerate(rows, start=1):
        codes = (c.value or "·" for c in r.codes)
        shown.add_row(f"{n} {r.name}", *codes, *(str(x) for x in (r.work_days, r.hold_days,
                      r.drop_days)))  # fmt: skip
    output.console().print(shown)


def _export_kind(target: Path, chosen: ExportFormat | None) -> ExportFormat:
    if chosen is not None:
        return chosen
    try:
        return ExportFormat(target.suffix.lower().lstrip("."))
    except ValueError:
        raise ValidationError(
            t("cannot tell the export format from '{name}'", name=target.name),
            field="format",
            hint=t("Add --format pdf, xlsx, ics or csv, or name the file so"),
        ) from None


@command(
    board_app,
    "export",
    "Exporter un plan : PDF (plan ou DOOD), XLSX (DOOD), ICS (jours), CSV (les bandes).",
)
def export(
    board: BoardArgument,
    target: Annotated[Path, typer.Option("-o", "--output", help="Fichier à écrire.")],
    export_format: Annotated[
        ExportFormat | None,
        typer.Option("--format", help="Format (par défaut, d'après l'extension du fichier)."),
    ] = None,
    report: Annotated[
        Report | None,
        typer.Option(
            "--report", help="schedule (plan de travail) ou dood (défaut selon le format)."
        ),
    ] = None,
    uid_domain: Annotated[
        str, typer.Option("--uid-domain", help="Domaine des identifiants ICS.")
    ] = "regie.local",
) -> None:
    from regie.services import board_exports

    kind = _export_kind(target, export_format)
    chosen = report or (Report.SCHEDULE if kind is not ExportFormat.XLSX else Report.DOOD)
    if (kind, chosen) in (
        (ExportFormat.XLSX, Report.SCHEDULE),
        (ExportFormat.ICS, Report.DOOD),
        (ExportFormat.CSV, Report.DOOD),
    ):
        raise ValidationError(
            t("there is no {report} report as {format}", report=chosen.value, format=kind.value),
            field="--report",
            hint=t(
                "The schedule prints as PDF, the DOOD as PDF or XLSX, the shoot days as ICS, "
                "the board as CSV"
            ),
        )
    with production() as (config, db):
        slug, locale = config.slug, lang()
        if kind is ExportFormat.ICS:
            data = board_exports.shoot_days_ics(
                db, slug, board, actor=None, uid_domain=uid_domain,
                dtstamp=dt.datetime.now(dt.UTC).replace(microsecond=0), locale=locale,
            )  # fmt: skip
        elif kind is ExportFormat.CSV:
            data = board_exports.board_csv(db, slug, board, actor=None)
        elif chosen is Report.SCHEDULE:
            data = board_exports.schedule_pdf(db, slug, board, actor=None, locale=locale)
        elif kind is ExportFormat.XLSX:
            data = board_exports.dood_xlsx(db, slug, board, actor=None, locale=locale)
        else:
            data = board_exports.dood_pdf(db, slug, board, actor=None, locale=locale)
    output.write_file(target, data)
    output.success(tr(t("Board {id} exported to {path}.", id=board, path=target)))


_SEVERITY = {"error": t("error"), "warning": t("warning"), "info": t("info")}


@command(board_app, "worktime", "Le temps de travail du plan : règles enfreintes, majorations.")
def worktime(board: BoardArgument, json_output: JsonOption = False) -> None:
    from regie.documents.i18n import error_messages
    from regie.services import dayplans

    with production() as (config, db):
        found = dayplans.working_time(db, config.slug, board, actor=None)
    worded = error_messages(lang())
    if json_output:
        output.print_json(
            {
                "board": found.board.id,
                "packs": list(found.packs),
                "workers": [
                    {
                        "engagement_id": w.engagement.id, "name": w.engagement.name,
                        "kind": w.engagement.kind.value,
                        "violations": [
                            {"rule": v.rule_id, "article": v.rule.article, "source": v.rule.source,
                             "status": v.rule.status.value, "severity": v.severity.value,
                             "dates": list(v.dates), "measured": v.measured, "limit": v.limit,
                             "unit": v.unit, "message": v.message.translate(worded),
                             "message_en": str(v.message)}
                            for v in w.violations
                        ],
                        "premiums": [
                            {"kind": p.kind.value, "date": p.date, "week": p.week,
                             "minutes": p.minutes, "hours": p.hours, "rate": p.rate,
                             "band": p.band, "rule": p.rule_id}
                            for p in w.premiums
                        ],
                    }
                    for w in found.workers
                ],
            }
        )  # fmt: skip
        return
    rows = [
        (w.engagement.name, ", ".join(tr(on_day(d)) for d in v.dates),
         tr(_SEVERITY[v.severity.value]), v.rule_id, v.message.translate(worded))
        for w in found.workers
        for v in w.violations
    ]  # fmt: skip
    if rows:
        output.table(
            tr(t("Working time of board {id}", id=found.board.id)),
            [tr(t("Person")), tr(t("Dates")), tr(t("Severity")), tr(t("Rule")), tr(t("Problem"))],
            rows,
            keep=(1, 3),
        )
        rules = {v.rule_id: v.rule for w in found.workers for v in w.violations}
        output.table(
            tr(t("Rules and sources")),
            [tr(t("Rule")), tr(t("Article")), tr(t("Source"))],
            [(rule_id, rule.article, rule.source) for rule_id, rule in sorted(rules.items())],
        )
    else:
        output.success(tr(t("No working-time rule is broken on this board.")))
    premiums = [
        (w.engagement.name, p.kind.value, p.date or p.week, f"{p.hours:.2f}", p.rate, p.rule_id)
        for w in found.workers
        for p in w.premiums
    ]
    if premiums:
        output.table(
            tr(t("Premium hours")),
            [tr(t("Person")), tr(t("Premium")), tr(t("Date or week")), tr(t("Hours")),
             tr(t("Rate")), tr(t("Rule"))],
            premiums,
        )  # fmt: skip
    output.line(tr(t("Rule packs: {packs}", packs=", ".join(found.packs))))
