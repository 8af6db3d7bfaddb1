# SPDX-License-Identifier: AGPL-3.0-or-later
"""The shooting schedule (plan de travail): ``regie schedule new|list|show|set``; what is
set per scene and ``regie schedule solve`` are in :mod:`regie.cli.schedule_order`.

Schedule versions are named by their number; without ``--schedule`` a command acts on the
newest. Labels and messages are ``t()`` texts of the ``errors`` catalog printed in the
``--lang`` language (:func:`tr`); the board, location and people commands share the
helpers here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Annotated, Any

import typer

from regie.cli import output
from regie.cli.context import JsonOption, command, group, lang, production
from regie.core.errors import NotFound, ValidationError
from regie.core.text import Text, on_day, t

if TYPE_CHECKING:
    from regie.schedule.catalog import ScenePlan, ScheduleRecord
    from regie.services.database import Database

schedule_app = group(
    "Le plan de travail : versions, calendrier, rythme, contraintes par séquence ; "
    "`regie schedule solve` résout un fichier d'instance sans production."
)

ScheduleOption = Annotated[
    int | None,
    typer.Option(
        "--schedule", "-s", help="Numéro de la version du plan de travail (par défaut la dernière)."
    ),
]
WEIGHTS = ("holding_day", "company_move", "location_revisit", "day_night_switch", "overtime_minute")


# -- helpers shared by the schedule, board, location and people commands ------------------


def tr(text: Text) -> str:
    """``text`` in the output language."""
    from regie.documents.i18n import error_messages

    return text.translate(error_messages(lang()))


def yes_no(value: bool) -> str:
    return tr(t("yes") if value else t("no"))


def parse_date(raw: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise ValidationError(
            t("'{raw}' is not a date (YYYY-MM-DD)", raw=raw),
            field=field,
            hint=t("Write dates as 2027-03-01"),
        ) from None


def parse_decimal(raw: str, field: str) -> Decimal:
    try:
        value = Decimal(raw.strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError(t("'{value}' is not a number", value=raw), field=field) from None
    if not value.is_finite():
        raise ValidationError(t("'{value}' is not a number", value=raw), field=field)
    return value


def schedule_number(db: Database, slug: str, number: int | None) -> int:
    """``number``, or the newest schedule version of the production."""
    if number is not None:
        return number
    from regie.services import schedules

    found = schedules.list_schedules(db, slug, actor=None)
    if not found:
        raise NotFound(
            t("this production has no schedule yet"),
            hint=t("Create one with `regie schedule new --start YYYY-MM-DD`"),
        )
    return found[-1].number


def schedule_json(record: ScheduleRecord) -> dict[str, Any]:
    from regie.schedule.timing import shoot_dates

    settings = record.settings
    return {
        "number": record.number,
        "name": settings.name,
        "script_version": record.script_number,
        "start": settings.start,
        "days": settings.day_count,
        "pages_per_day": settings.pages_per_day,
        "days_per_week": settings.days_per_week,
        "work_on_holidays": settings.work_on_holidays,
        "day_minutes": settings.day_minutes,
        "max_overtime_minutes": settings.max_overtime_minutes,
        "default_travel_minutes": settings.default_travel_minutes,
        "unit_call": settings.unit_call.strftime("%H:%M"),
        "night_call": settings.night_call.strftime("%H:%M"),
        "weights": {name: getattr(settings.weights, name) for name in WEIGHTS},
        "days_off": sorted(record.days_off),
        "shoot_dates": list(shoot_dates(record.calendar, settings.day_count)),
        "version": record.version,
    }


def plan_json(plan: ScenePlan) -> dict[str, Any]:
    return {
        "scene": plan.label,
        "minutes": plan.minutes,
        "needs_night": plan.needs_night,
        "needs_day": plan.needs_day,
        "fixed_date": plan.fixed_date,
        "version": plan.version,
    }


# -- schedule versions --------------------------------------------------------------------


def _print_schedule(record: ScheduleRecord) -> None:
    data = schedule_json(record)
    dates = data["shoot_dates"]
    weights = ", ".join(f"{name} {value}" for name, value in data["weights"].items())
    output.field_lines(
        [
            (tr(t("Schedule")), f"{record.number} — {record.name}"),
            (tr(t("Script version")), record.script_number),
            (tr(t("Shoot days")), data["days"]),
            (
                tr(t("Dates")),
                tr(t("{start} to {end}", start=dates[0], end=dates[-1])) if dates else None,
            ),
            (tr(t("Pace (pages a day)")), data["pages_per_day"]),
            (tr(t("Days a week")), data["days_per_week"]),
            (tr(t("Shoot on public holidays")), yes_no(data["work_on_holidays"])),
            (tr(t("Standard day (min)")), data["day_minutes"]),
            (tr(t("Overtime allowed (min)")), data["max_overtime_minutes"]),
            (tr(t("Default travel (min)")), data["default_travel_minutes"]),
            (tr(t("Unit call, day / night")), f"{data['unit_call']} / {data['night_call']}"),
            (tr(t("Weights (euros)")), weights),
            (tr(t("Days off")), ", ".join(tr(on_day(d)) for d in data["days_off"]) or None),
        ]
    )


@command(schedule_app, "new", "Créer une version du plan de travail sur la version courante.")
def new(
    *,
    start: Annotated[str, typer.Option("--start", help="Premier jour de tournage (AAAA-MM-JJ).")],
    days: Annotated[
        int | None, typer.Option("--days", help="Jours de tournage (par défaut : pages ÷ rythme).")
    ] = None,
    pace: Annotated[
        str | None,
        typer.Option("--pace", help="Pages tournées par jour (par défaut le rythme d'usage)."),
    ] = None,
    week: Annotated[int, typer.Option("--week", help="Jours travaillés par semaine : 5 ou 6.")] = 5,
    holidays: Annotated[
        bool, typer.Option("--holidays", help="Tourner aussi les jours fériés.")
    ] = False,
    name: Annotated[str | None, typer.Option("--name", help="Nom de la version.")] = None,
    json_output: JsonOption = False,
) -> None:
    from regie.services import schedules

    first = parse_date(start, "--start")
    pages = None if pace is None else parse_decimal(pace, "--pace")
    with production() as (config, db):
        record = schedules.create_schedule(
            db, config.slug, actor=None, start=first, name=name, pages_per_day=pages,
            day_count=days, days_per_week=week, work_on_holidays=holidays,
        )  # fmt: skip
    if json_output:
        output.print_json(schedule_json(record))
        return
    output.success(tr(t("Schedule {number} created.", number=record.number)))
    _print_schedule(record)


@command(schedule_app, "list", "Lister les versions du plan de travail.")
def list_schedules(json_output: JsonOption = False) -> None:
    from regie.services import schedules

    with production() as (config, db):
        found = schedules.list_schedules(db, config.slug, actor=None)
    if json_output:
        output.print_json([schedule_json(record) for record in found])
        return
    output.table(
        tr(t("Schedules")),
        [tr(t("No.")), tr(t("Name")), tr(t("Script version")), tr(t("Start")),
         tr(t("Days")), tr(t("Pace")), tr(t("Days a week"))],
        [(r.number, r.name, r.script_number, r.settings.start, r.settings.day_count,
          r.settings.pages_per_day, r.settings.days_per_week) for r in found],
    )  # fmt: skip


@command(schedule_app, "show", "Afficher les réglages et les contraintes d'une version.")
def show(
    number: Annotated[
        int | None, typer.Argument(metavar="N", help="Numéro de la version (défaut : dernière).")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    from regie.services import schedule_constraints as constraints
    from regie.services import schedules

    with production() as (config, db):
        chosen = schedule_number(db, config.slug, number)
        record = schedules.get_schedule(db, config.slug, chosen, actor=None)
        plans = [p for p in schedules.scene_plans(db, config.slug, chosen, actor=None) if p.version]
        before = constraints.precedences(db, config.slug, chosen, actor=None)
        same_day = constraints.same_day_groups(db, config.slug, chosen, actor=None)
    if json_output:
        output.print_json(
            {
                **schedule_json(record),
                "scene_plans": [plan_json(p) for p in plans],
                "precedences": [{"before": b, "after": a} for b, a in before],
                "same_day": [list(g) for g in same_day],
            }
        )
        return
    _print_schedule(record)
    if plans:
        output.table(
            tr(t("Scene plans")),
            [tr(t("Scene")), tr(t("Minutes")), tr(t("Light")), tr(t("Fixed date"))],
            [(p.label, p.minutes, light_text(p), p.fixed_date) for p in plans],
        )
    for b, a in before:
        output.line(tr(t("Scene {before} before scene {after}", before=b, after=a)))
    for found in same_day:
        output.line(tr(t("Same day: {scenes}", scenes=", ".join(found))))


def light_text(plan: ScenePlan) -> str | None:
    if plan.needs_night:
        return tr(t("night"))
    if plan.needs_day:
        return tr(t("daylight"))
    return None


def _weights(record: ScheduleRecord, pairs: list[str]) -> Any:
    weights = record.settings.weights
    for pair in pairs:
        key, _sep, value = pair.partition("=")
        if key.strip() not in WEIGHTS or not value:
            raise ValidationError(
                t("'{pair}' is not a weight NAME=EUROS", pair=pair),
                field="--weight",
                hint=t("Weights: {names}", names=", ".join(WEIGHTS)),
            )
        amount = parse_decimal(value, "--weight")
        weights = dataclasses.replace(weights, **{key.strip(): amount})
    return weights


@command(schedule_app, "set", "Modifier les réglages d'une version et ses jours chômés.")
def set_settings(
    number: ScheduleOption = None,
    *,
    name: Annotated[str | None, typer.Option("--name", help="Nom de la version.")] = None,
    start: Annotated[str | None, typer.Option("--start", help="Premier jour (AAAA-MM-JJ).")] = None,
    days: Annotated[int | None, typer.Option("--days", help="Jours de tournage.")] = None,
    pace: Annotated[str | None, typer.Option("--pace", help="Pages tournées par jour.")] = None,
    week: Annotated[int | None, typer.Option("--week", help="Jours par semaine : 5 ou 6.")] = None,
    holidays: Annotated[
        bool | None, typer.Option("--holidays/--no-holidays", help="Tourner les jours fériés.")
    ] = None,
    day_minutes: Annotated[
        int | None, typer.Option("--day-minutes", help="Journée standard, en minutes.")
    ] = None,
    overtime: Annotated[
        int | None, typer.Option("--overtime", help="Dépassement permis, en minutes.")
    ] = None,
    travel: Annotated[
        int | None, typer.Option("--travel", help="Trajet par défaut entre deux lieux (min).")
    ] = None,
    unit_call: Annotated[
        str | None, typer.Option("--unit-call", help="Convocation (HH:MM).")
    ] = None,
    night_call: Annotated[
        str | None, typer.Option("--night-call", help="Convocation de nuit (HH:MM).")
    ] = None,
    weight: Annotated[
        list[str] | None, typer.Option("--weight", help="Poids NOM=EUROS (ex. company_move=1500).")
    ] = None,
    day_off: Annotated[
        list[str] | None, typer.Option("--day-off", help="Ajouter un jour chômé (AAAA-MM-JJ).")
    ] = None,
    work_day: Annotated[
        list[str] | None, typer.Option("--work-day", help="Retirer un jour chômé (AAAA-MM-JJ).")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    from regie.schedule.catalog import ScheduleSettings
    from regie.services import schedules
    from regie.services.schedule_checks import clock_time

    with production() as (config, db):
        chosen = schedule_number(db, config.slug, number)
        record = schedules.get_schedule(db, config.slug, chosen, actor=None)
        current = record.settings
        changes: dict[str, Any] = {
            "name": name,
            "start": None if start is None else parse_date(start, "--start"),
            "day_count": days,
            "pages_per_day": None if pace is None else parse_decimal(pace, "--pace"),
            "days_per_week": week,
            "work_on_holidays": holidays,
            "day_minutes": day_minutes,
            "max_overtime_minutes": overtime,
            "default_travel_minutes": travel,
            "unit_call": None if unit_call is None else clock_time(unit_call, "--unit-call"),
            "night_call": None if night_call is None else clock_time(night_call, "--night-call"),
            "weights": _weights(record, weight) if weight else None,
        }
        wanted: ScheduleSettings = dataclasses.replace(
            current, **{key: value for key, value in changes.items() if value is not None}
        )
        if wanted != current:
            record = schedules.update_schedule(
                db, config.slug, chosen, wanted, record.version, actor=None
            )
        if day_off or work_day:
            added = {parse_date(d, "--day-off") for d in day_off or ()}
            removed = {parse_date(d, "--work-day") for d in work_day or ()}
            record = schedules.set_days_off(
                db, config.slug, chosen, (record.days_off | added) - removed, record.version,
                actor=None,
            )  # fmt: skip
    if json_output:
        output.print_json(schedule_json(record))
        return
    output.success(tr(t("Schedule {number} saved.", number=record.number)))
    _print_schedule(record)
