# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/p/{slug}/schedules``: the schedule versions (plans de travail) and a new one from the
current script; ``/p/{slug}/schedules/{n}``: its settings (calendar, pace, day length,
cost weights), days off, what the planner sets per scene (time, day or night, fixed date),
precedences and same-day groups, and its boards compared side by side."""

from __future__ import annotations

import dataclasses
import functools
import re
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from starlette.responses import Response

from regie.core.errors import ValidationError
from regie.core.text import t
from regie.formats.board_file import MAX_BOARD_BYTES
from regie.office.roles import Permission
from regie.schedule.model import Weights
from regie.services import board_reports, boards, schedule_constraints, schedules, scripts
from regie.services.schedule_checks import clock_time
from regie.web.deps import Page, web_state
from regie.web.forms import (
    checked,
    optional_date,
    optional_decimal,
    optional_whole_number,
    required_date,
    required_decimal,
    whole_number,
)
from regie.web.i18n import N_, request_locale
from regie.web.stripboard import money
from regie.web.templating import flash, go_to, render, translate

router = APIRouter()
Text = Annotated[str, Form()]
NEEDS = {"": (None, None), "night": (True, False), "day": (False, True), "any": (False, False)}


def _url(slug: str, number: int) -> str:
    return f"/p/{slug}/schedules/{number}"


@router.get("/p/{slug}/schedules")
def schedule_list(request: Request, page: Page) -> Response:
    db = web_state(request).db
    return render(
        request,
        "schedules/index.html",
        schedules=list(reversed(schedules.list_schedules(db, page.slug, actor=page.user))),
        has_script=bool(scripts.list_versions(db, page.slug, actor=page.user)),
        can_edit=page.can(Permission.EDIT_SCHEDULE),
    )


@router.post("/p/{slug}/schedules")
def create_schedule(
    request: Request,
    page: Page,
    *,
    name: Text = "",
    start: Text = "",
    day_count: Text = "",
    pages_per_day: Text = "",
    days_per_week: Text = "5",
    work_on_holidays: Text = "",
) -> Response:
    """A new version from the current script; blank pace and day count take the
    customary pace of the kind of programme and the script's length."""
    record = schedules.create_schedule(
        web_state(request).db,
        page.slug,
        actor=page.user,
        start=required_date(start, "start"),
        name=name.strip() or None,
        pages_per_day=optional_decimal(pages_per_day, "pages_per_day"),
        day_count=optional_whole_number(day_count, "day_count"),
        days_per_week=whole_number(days_per_week, "days_per_week"),
        work_on_holidays=checked(work_on_holidays),
    )
    flash(request, translate(request, N_("Schedule %(number)s created."), number=record.number))
    return go_to(request, _url(page.slug, record.number))


@router.get("/p/{slug}/schedules/{number}")
def schedule_page(request: Request, page: Page, number: int) -> Response:
    db, slug, actor = web_state(request).db, page.slug, page.user
    record = schedules.get_schedule(db, slug, number, actor=actor)
    compared = board_reports.compare_boards(db, slug, number, actor=actor)
    headings = {
        s.label: s.heading
        for s in scripts.version_scenes(db, slug, record.script_number, actor=actor)
    }
    locale = request_locale(request)
    return render(
        request,
        "schedules/schedule.html",
        schedule=record,
        plans=schedules.scene_plans(db, slug, number, actor=actor),
        headings=headings,
        precedences=schedule_constraints.precedences(db, slug, number, actor=actor),
        groups=schedule_constraints.same_day_groups(db, slug, number, actor=actor),
        compared=compared,
        money=functools.partial(money, locale=locale),
        can_edit=page.can(Permission.EDIT_SCHEDULE),
    )


@router.post("/p/{slug}/schedules/{number}")
def update_settings(
    request: Request,
    page: Page,
    number: int,
    *,
    name: Text = "",
    start: Text = "",
    day_count: Text = "",
    pages_per_day: Text = "",
    days_per_week: Text = "5",
    work_on_holidays: Text = "",
    day_minutes: Text = "",
    max_overtime_minutes: Text = "",
    default_travel_minutes: Text = "",
    unit_call: Text = "",
    night_call: Text = "",
    holding_day: Text = "",
    company_move: Text = "",
    location_revisit: Text = "",
    day_night_switch: Text = "",
    overtime_minute: Text = "",
    version: Text = "",
) -> Response:
    db = web_state(request).db
    current = schedules.get_schedule(db, page.slug, number, actor=page.user)
    settings = dataclasses.replace(
        current.settings,
        name=" ".join(name.split()),
        start=required_date(start, "start"),
        day_count=whole_number(day_count, "day_count"),
        pages_per_day=required_decimal(pages_per_day, "pages_per_day"),
        days_per_week=whole_number(days_per_week, "days_per_week"),
        work_on_holidays=checked(work_on_holidays),
        day_minutes=whole_number(day_minutes, "day_minutes"),
        max_overtime_minutes=whole_number(max_overtime_minutes, "max_overtime_minutes"),
        default_travel_minutes=whole_number(default_travel_minutes, "default_travel_minutes"),
        unit_call=clock_time(unit_call.strip(), "unit_call"),
        night_call=clock_time(night_call.strip(), "night_call"),
        weights=Weights(
            holding_day=required_decimal(holding_day, "weights.holding_day"),
            company_move=required_decimal(company_move, "weights.company_move"),
            location_revisit=required_decimal(location_revisit, "weights.location_revisit"),
            day_night_switch=required_decimal(day_night_switch, "weights.day_night_switch"),
            overtime_minute=required_decimal(overtime_minute, "weights.overtime_minute"),
        ),
    )
    schedules.update_schedule(
        db, page.slug, number, settings, whole_number(version, "version"), actor=page.user
    )
    flash(request, translate(request, N_("Settings of schedule %(number)s saved."), number=number))
    return go_to(request, _url(page.slug, number))


@router.post("/p/{slug}/schedules/{number}/days-off")
def set_days_off(
    request: Request, page: Page, number: int, *, days_off: Text = "", version: Text = ""
) -> Response:
    """Dates the unit does not shoot, one per line (or separated by commas or spaces)."""
    dates = [required_date(part, "days_off") for part in re.split(r"[\s,;]+", days_off) if part]
    schedules.set_days_off(
        web_state(request).db,
        page.slug,
        number,
        dates,
        whole_number(version, "version"),
        actor=page.user,
    )
    flash(request, translate(request, N_("Days off of schedule %(number)s saved."), number=number))
    return go_to(request, _url(page.slug, number))


@router.post("/p/{slug}/schedules/{number}/scenes/{label}")
def set_scene_plan(
    request: Request,
    page: Page,
    number: int,
    label: str,
    *,
    minutes: Text = "",
    needs: Text = "",
    fixed_date: Text = "",
    version: Text = "0",
) -> Response:
    """A scene's time (blank: from its length), day or night need, fixed date."""
    night, day = NEEDS.get(needs.strip(), (None, None))
    schedules.set_scene_plan(
        web_state(request).db,
        page.slug,
        number,
        label,
        actor=page.user,
        expected_version=whole_number(version or "0", "version"),
        minutes=optional_whole_number(minutes, "minutes"),
        needs_night=night,
        needs_day=day,
        fixed_date=optional_date(fixed_date, "fixed_date"),
    )
    flash(request, translate(request, N_("Scene %(label)s saved."), label=label))
    return go_to(request, _url(page.slug, number) + "#scenes")


@router.post("/p/{slug}/schedules/{number}/precedences")
def add_precedence(
    request: Request, page: Page, number: int, *, before: Text = "", after: Text = ""
) -> Response:
    schedule_constraints.add_precedence(
        web_state(request).db, page.slug, number, before, after, actor=page.user
    )
    message = N_("Scene %(before)s will be shot before scene %(after)s.")
    flash(request, translate(request, message, before=before, after=after))
    return go_to(request, _url(page.slug, number) + "#constraints")


@router.post("/p/{slug}/schedules/{number}/precedences/remove")
def remove_precedence(
    request: Request, page: Page, number: int, *, before: Text = "", after: Text = ""
) -> Response:
    schedule_constraints.remove_precedence(
        web_state(request).db, page.slug, number, before, after, actor=page.user
    )
    flash(request, translate(request, N_("Precedence removed.")))
    return go_to(request, _url(page.slug, number) + "#constraints")


@router.post("/p/{slug}/schedules/{number}/same-day")
def set_same_day(request: Request, page: Page, number: int, scenes: Text = "") -> Response:
    """Scenes to shoot the same day, their labels separated by commas or spaces."""
    labels = [part for part in re.split(r"[\s,;]+", scenes) if part]
    schedule_constraints.set_same_day(
        web_state(request).db, page.slug, number, labels, actor=page.user
    )
    flash(request, translate(request, N_("Same-day group saved.")))
    return go_to(request, _url(page.slug, number) + "#constraints")


@router.post("/p/{slug}/schedules/{number}/same-day/remove")
def remove_from_same_day(request: Request, page: Page, number: int, scene: Text = "") -> Response:
    schedule_constraints.remove_from_same_day(
        web_state(request).db, page.slug, number, scene, actor=page.user
    )
    flash(request, translate(request, N_("Scene %(label)s left its same-day group."), label=scene))
    return go_to(request, _url(page.slug, number) + "#constraints")


@router.post("/p/{slug}/schedules/{number}/boards/import")
def import_board(
    request: Request,
    page: Page,
    number: int,
    file: Annotated[UploadFile | None, File()] = None,
    name: Text = "",
) -> Response:
    """A new board from a board file (CSV or JSON, as `regie board export` writes it). A file
    regie cannot read is refused with its message (4xx) and nothing is stored."""
    page.require(Permission.EDIT_SCHEDULE)
    if file is None or not file.filename:
        raise ValidationError(t("choose a board file to import"), field="file")
    data = file.file.read(MAX_BOARD_BYTES + 1)
    record = boards.import_board_file(
        web_state(request).db,
        page.slug,
        number,
        file.filename,
        data,
        actor=page.user,
        name=name.strip() or None,
    )
    flash(request, translate(request, N_("Board %(name)s imported."), name=record.name))
    return go_to(request, f"/p/{page.slug}/boards/{record.id}")


@router.post("/p/{slug}/schedules/{number}/boards")
def create_board(request: Request, page: Page, number: int, name: Text = "") -> Response:
    """A new board with the scenes in script order, packed into the shoot days."""
    record = boards.create_board(
        web_state(request).db, page.slug, number, actor=page.user, name=name.strip() or None
    )
    flash(request, translate(request, N_("Board %(name)s created."), name=record.name))
    return go_to(request, f"/p/{page.slug}/boards/{record.id}")
