# SPDX-License-Identifier: AGPL-3.0-or-later
"""Boards (stripboards, scenarios) of a schedule version: ``regie board new|list|show|move|
lock|night``; the optimiser, the day-out-of-days, the documents and the working time are
in :mod:`regie.cli.board_reports`.

Boards are named by their number (``regie board list``); days and positions count from 1.
``regie board show`` prints the stripboard: a table per shoot day whose strips have the
customary colours (INT day white, EXT day yellow, INT night blue, EXT night green), then
the cast, the violations and the cost.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text as RichText

from regie.cli import output
from regie.cli.context import JsonOption, command, group, lang, production
from regie.cli.schedule import ScheduleOption, schedule_number, tr, yes_no
from regie.core.eighths import format_eighths
from regie.core.errors import NotFound
from regie.core.text import t

if TYPE_CHECKING:
    from decimal import Decimal

    from regie.documents.schedule import DayBlock
    from regie.schedule.catalog import BoardRecord
    from regie.schedule.evaluate import CostBreakdown, Evaluation
    from regie.schedule.model import ShootingProblem
    from regie.services.database import Database

board_app = group(
    "Les plans de travail en bandes (scénarios) : créer, comparer, afficher, déplacer, "
    "optimiser, exporter."
)

BoardArgument = Annotated[int, typer.Argument(metavar="ID", help="Numéro du plan (board list).")]
STRIP_STYLES = {
    "int-day": "black on white",
    "ext-day": "black on yellow",
    "int-night": "white on blue",
    "ext-night": "black on green",
}


def money(amount: Decimal) -> str:
    """Euros, as the output language writes them (the planner's weights are euros)."""
    from babel import numbers

    return numbers.format_currency(amount, "EUR", locale=lang())


def default_board(db: Database, slug: str, board_id: int | None) -> int:
    """``board_id``, or the primary board of the newest schedule version."""
    if board_id is not None:
        return board_id
    from regie.services import boards

    found = boards.list_boards(db, slug, schedule_number(db, slug, None), actor=None)
    if not found:
        raise NotFound(
            t("this schedule has no board yet"), hint=t("Create one with `regie board new`")
        )
    return found[0].id


def cost_json(cost: CostBreakdown) -> dict[str, Any]:
    return {
        "total": cost.total,
        "holding": cost.holding,
        "hold_days": sum(h.hold_days for h in cost.holds),
        "company_moves": cost.company_moves,
        "company_moves_cost": cost.company_moves_cost,
        "revisits": cost.revisits,
        "revisits_cost": cost.revisits_cost,
        "switches": cost.switches,
        "switches_cost": cost.switches_cost,
        "overtime_minutes": cost.overtime_minutes,
        "overtime_cost": cost.overtime_cost,
        "holds": [
            {"engagement_id": int(h.cast), "first_day": h.first_day + 1,
             "last_day": h.last_day + 1, "work_days": h.work_days, "hold_days": h.hold_days,
             "cost": h.cost}
            for h in cost.holds
        ],
    }  # fmt: skip


def cost_rows(cost: CostBreakdown) -> list[tuple[str, object, str]]:
    return [
        (tr(t("Cast holding days")), sum(h.hold_days for h in cost.holds), money(cost.holding)),
        (tr(t("Company moves")), cost.company_moves, money(cost.company_moves_cost)),
        (tr(t("Returns to a location")), cost.revisits, money(cost.revisits_cost)),
        (tr(t("Day/night switches")), cost.switches, money(cost.switches_cost)),
        (tr(t("Overtime (min)")), cost.overtime_minutes, money(cost.overtime_cost)),
        (tr(t("Total")), "", money(cost.total)),
    ]


def print_costs(cost: CostBreakdown) -> None:
    output.table(
        tr(t("Cost")), [tr(t("Term")), tr(t("Quantity")), tr(t("Amount"))], cost_rows(cost)
    )


def board_summary(record: BoardRecord, evaluation: Evaluation) -> dict[str, Any]:
    """A board in short: its days as scene labels, its cost and its violation count."""
    return {
        "id": record.id,
        "name": record.name,
        "schedule": record.schedule_number,
        "primary": record.primary,
        "version": record.version,
        "days": [
            {"number": d.index + 1, "date": d.date, "kind": d.kind.value,
             "scenes": [s.label for s in d.strips],
             "locked": [s.label for s in d.strips if s.locked]}
            for d in record.days
        ],
        "unscheduled": [s.label for s in record.unscheduled],
        "feasible": evaluation.feasible,
        "violations": len(evaluation.violations),
        "cost": cost_json(evaluation.cost),
    }  # fmt: skip


def _saved(db: Database, slug: str, record: BoardRecord, json_output: bool) -> None:
    from regie.services import board_reports

    evaluation = board_reports.evaluate_board(db, slug, record.id, actor=None)
    if json_output:
        output.print_json(board_summary(record, evaluation))
        return
    output.success(
        tr(t("Board {id} saved: cost {cost}, {count} problem(s).", id=record.id,
             cost=money(evaluation.cost.total), count=len(evaluation.violations)))
    )  # fmt: skip


@command(board_app, "new", "Créer un plan en bandes, séquences dans l'ordre du scénario.")
def new(
    number: ScheduleOption = None,
    name: Annotated[str | None, typer.Option("--name", help="Nom du scénario.")] = None,
    json_output: JsonOption = False,
) -> None:
    from regie.services import boards

    with production() as (config, db):
        chosen = schedule_number(db, config.slug, number)
        record = boards.create_board(db, config.slug, chosen, actor=None, name=name)
        _saved(db, config.slug, record, json_output)


@command(board_app, "import", "Importer un plan en bandes (CSV ou JSON) comme nouveau scénario.")
def import_board(
    source: Annotated[
        Path,
        typer.Argument(
            metavar="FICHIER", help="Plan en CSV (jour;séquence;verrouillée;type) ou JSON."
        ),
    ],
    number: ScheduleOption = None,
    name: Annotated[str | None, typer.Option("--name", help="Nom du scénario.")] = None,
    json_output: JsonOption = False,
) -> None:
    from regie.cli.schedule_order import read_input
    from regie.services import boards

    data = read_input(source, t("Give the path of a board saved as CSV or JSON"))
    with production() as (config, db):
        chosen = schedule_number(db, config.slug, number)
        record = boards.import_board_file(
            db, config.slug, chosen, source.name, data, actor=None, name=name
        )
        _saved(db, config.slug, record, json_output)


@command(board_app, "list", "Comparer les plans d'une version : coûts côte à côte.")
def list_boards(number: ScheduleOption = None, json_output: JsonOption = False) -> None:
    from regie.services import board_reports

    with production() as (config, db):
        chosen = schedule_number(db, config.slug, number)
        found = board_reports.compare_boards(db, config.slug, chosen, actor=None)
    if json_output:
        output.print_json([board_summary(c.board, c.evaluation) for c in found])
        return
    output.table(
        tr(t("Boards of schedule {number}", number=chosen)),
        [tr(t("No.")), tr(t("Name")), tr(t("Primary")), tr(t("Days")), tr(t("Not placed")),
         tr(t("Problems")), tr(t("Total"))],
        [(c.board.id, c.board.name, yes_no(c.board.primary), len(c.board.days),
          len(c.board.unscheduled), len(c.evaluation.violations),
          money(c.evaluation.cost.total)) for c in found],
    )  # fmt: skip
    if found:
        # The costs side by side: one column per board, one line per term.
        terms = [[label for label, _q, _a in cost_rows(found[0].evaluation.cost)]]
        terms += [[f"{q} · {a}" if q != "" else a for _l, q, a in cost_rows(c.evaluation.cost)]
                  for c in found]  # fmt: skip
        output.table(
            tr(t("Costs compared")),
            [tr(t("Term")), *(f"{c.board.id} · {c.board.name}" for c in found)],
            zip(*terms, strict=True),
        )


def _day_table(block: DayBlock, locked: set[str]) -> Table:
    """One shoot day: a header line, then its strips in their stripboard colours (a locked
    strip's number is marked 🔒, one with a problem ``!``)."""
    from regie.documents.i18n import format_date
    from regie.documents.schedule import format_minutes

    parts = [
        tr(t("Day {number}", number=block.number)),
        format_date(block.date, lang(), form="full"),
        tr(t("night") if block.night else t("day")),
        tr(t("{pages} p.", pages=format_eighths(block.eighths))),
        format_minutes(block.minutes, lang()),
    ]
    if block.overtime_minutes:
        parts.append(tr(t("overtime {time}", time=format_minutes(block.overtime_minutes, lang()))))
    if block.locations:
        parts.append(" → ".join(block.locations))
    shown = Table(title=RichText(" · ".join(parts), style="bold"), title_justify="left")
    columns = (t("Scene"), t("Set"), t("Eighths"), t("Min"), t("Cast"), t("Location"))
    for n, column in enumerate(columns):
        shown.add_column(tr(column), no_wrap=n in (0, 2, 3), ratio=3 if n in (1, 5) else None)
    for strip in block.strips:
        mark = (" 🔒" if strip.key in locked else "") + (" !" if strip.violations else "")
        heading = " ".join(p for p in (strip.int_ext, strip.set_name, "·", strip.time) if p)
        cells = (
            strip.label + mark, heading, format_eighths(strip.eighths), str(strip.minutes),
            ", ".join(str(n) for n, _name in strip.cast), strip.location,
        )  # fmt: skip
        shown.add_row(*(RichText(cell) for cell in cells), style=STRIP_STYLES[strip.colour])
    return shown


@command(board_app, "show", "Afficher le plan en bandes : jours, bandes, rôles, problèmes, coût.")
def show(
    board: Annotated[
        int | None, typer.Argument(metavar="ID", help="Numéro du plan (défaut : le principal).")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    from regie.documents.schedule import cast_numbers, day_blocks
    from regie.schedule.evaluate import evaluate
    from regie.services import boards, problems

    with production() as (config, db):
        chosen = default_board(db, config.slug, board)
        record = boards.get_board(db, config.slug, chosen, actor=None)
        problem, _keys = problems.build_problem(
            db, config.slug, record.schedule_number, actor=None, days=len(record.days)
        )
    evaluation = evaluate(problem, record.board())
    blocks = day_blocks(problem, record.board(), evaluation, locale=lang())
    names = {c.key: c.name for c in problem.cast}
    cast = sorted((n, names[key]) for key, n in cast_numbers(problem, record.board()).items())
    locked = {s.key for d in record.days for s in d.strips if s.locked}
    if json_output:
        _show_json(problem, record, evaluation, blocks=blocks, cast=cast, locked=locked)
        return
    primary = tr(t(", primary")) if record.primary else ""
    output.line(
        RichText(
            tr(t("Board {id} — {name} (schedule {number}{primary})", id=record.id,
                 name=record.name, number=record.schedule_number, primary=primary)),
            style="bold",
        )
    )  # fmt: skip
    out = output.console()
    for block in blocks:
        out.print(_day_table(block, locked))
    if record.unscheduled:
        placed = ", ".join(s.label for s in record.unscheduled)
        output.line(RichText(tr(t("Not placed: {scenes}", scenes=placed)), style="yellow"))
    if cast:
        output.line(tr(t("Cast: {cast}", cast=" · ".join(f"{n} {name}" for n, name in cast))))
    _print_violations(evaluation)
    print_costs(evaluation.cost)


def _print_violations(evaluation: Evaluation) -> None:
    worded = _gettext()
    if not evaluation.violations:
        output.success(tr(t("Every hard constraint is met.")))
        return
    output.line(RichText(tr(t("Problems ({count}):", count=len(evaluation.violations))), "red"))
    for v in evaluation.violations:
        day = "" if v.day is None else tr(t("day {day}: ", day=v.day + 1))
        output.line(RichText(f"  {day}{v.message.translate(worded)}", style="red"))


def _show_json(
    problem: ShootingProblem,
    record: BoardRecord,
    evaluation: Evaluation,
    *,
    blocks: tuple[DayBlock, ...],
    cast: list[tuple[int, str]],
    locked: set[str],
) -> None:
    labels = {s.key: s.label for s in problem.strips}
    worded = _gettext()
    data = board_summary(record, evaluation)
    data["days"] = [_day_json(block, locked) for block in blocks]
    data["cast"] = [{"number": n, "name": name} for n, name in cast]
    data["violation_list"] = [
        {"kind": v.kind.value, "scenes": [labels.get(k, k) for k in v.strips],
         "day": None if v.day is None else v.day + 1, "message": v.message.translate(worded)}
        for v in evaluation.violations
    ]  # fmt: skip
    output.print_json(data)


def _gettext() -> Any:
    from regie.documents.i18n import error_messages

    return error_messages(lang())


def _day_json(block: DayBlock, locked: set[str]) -> dict[str, Any]:
    return {
        "number": block.number,
        "date": block.date,
        "kind": "night" if block.night else "day",
        "eighths": block.eighths,
        "shooting_minutes": block.shooting_minutes,
        "travel_minutes": block.travel_minutes,
        "overtime_minutes": block.overtime_minutes,
        "locations": list(block.locations),
        "company_moves": block.company_moves,
        "problems": list(block.problems),
        "strips": [
            {"scene_id": int(s.key), "scene": s.label, "colour": s.colour,
             "locked": s.key in locked, "int_ext": s.int_ext, "set": s.set_name,
             "time": s.time, "eighths": s.eighths, "minutes": s.minutes,
             "cast": [{"number": n, "name": name} for n, name in s.cast],
             "location": s.location, "violations": list(s.violations)}
            for s in block.strips
        ],
    }  # fmt: skip


@command(board_app, "move", "Déplacer une bande vers un jour (0 : hors plan) et une position.")
def move(
    board: BoardArgument,
    scene: Annotated[str, typer.Argument(metavar="SCENE", help="Numéro de la séquence.")],
    day: Annotated[int, typer.Argument(metavar="DAY", help="Jour (1, 2…) ; 0 : hors plan.")],
    position: Annotated[
        int | None, typer.Argument(metavar="POSITION", help="Rang dans le jour (défaut : fin).")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    from regie.core.errors import ValidationError
    from regie.services import boards

    if day < 0 or (position is not None and position < 1):
        raise ValidationError(t("days and positions count from 1 (day 0: not placed)"), field="day")
    with production() as (config, db):
        record = boards.get_board(db, config.slug, board, actor=None)
        moved = boards.move_strip(
            db, config.slug, board, boards.strip_scene(record, scene),
            day=day - 1 if day else None, position=(position or 10_000) - 1,
            expected_version=record.version, actor=None,
        )  # fmt: skip
        _saved(db, config.slug, moved, json_output)


@command(board_app, "lock", "Verrouiller des bandes sur leur jour (ou les déverrouiller).")
def lock(
    board: BoardArgument,
    scenes: Annotated[list[str], typer.Argument(metavar="SCENE...", help="Séquences.")],
    unlock: Annotated[bool, typer.Option("--unlock", help="Déverrouiller.")] = False,
    json_output: JsonOption = False,
) -> None:
    from regie.services import boards

    with production() as (config, db):
        record = boards.get_board(db, config.slug, board, actor=None)
        ids = [boards.strip_scene(record, label) for label in scenes]
        changed = boards.lock_strips(
            db, config.slug, board, ids, locked=not unlock, expected_version=record.version,
            actor=None,
        )  # fmt: skip
        _saved(db, config.slug, changed, json_output)


@command(board_app, "night", "Faire d'un jour un jour de nuit (ou de jour avec --day).")
def night(
    board: BoardArgument,
    day: Annotated[int, typer.Argument(metavar="DAY", help="Jour (1, 2…).")],
    as_day: Annotated[bool, typer.Option("--day", help="Revenir à un jour de jour.")] = False,
    json_output: JsonOption = False,
) -> None:
    from regie.schedule.model import DayKind
    from regie.services import boards

    with production() as (config, db):
        record = boards.get_board(db, config.slug, board, actor=None)
        changed = boards.set_day_kind(
            db, config.slug, board, day - 1, DayKind.DAY if as_day else DayKind.NIGHT,
            expected_version=record.version, actor=None,
        )  # fmt: skip
        _saved(db, config.slug, changed, json_output)
