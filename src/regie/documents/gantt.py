# SPDX-License-Identifier: AGPL-3.0-or-later
"""The backward plan as a Gantt chart (SVG inside HTML), a PDF and an iCalendar file.

The chart is drawn in SVG with geometry and colours as SVG attributes (``x``, ``fill``,
``stroke``) and CSS classes for a page to restyle: no ``style`` attribute anywhere, as the
web pages' content security policy refuses them, and WeasyPrint paints inline SVG from its
attributes. One chart page holds up to :data:`WEEKS_PER_PAGE` weeks (a column each) and
:data:`ROWS_PER_PAGE` tasks; critical tasks are outlined in dark red, milestones are
diamonds, a task's float is a thin line after its bar, contractual dates are ticks — red
when the plan no longer holds them, with the list of dates at risk under the chart. Then
come the post-production plan per episode, the task list, and where each duration comes
from.

:func:`gantt_html` with ``fragment=True`` is the ``<article>`` a web page embeds (its
styles: :func:`gantt_stylesheet`, served as a file); :func:`gantt_pdf` prints the
standalone document (A4 landscape); :func:`plan_ics` writes tasks, milestones and
contractual dates as all-day events.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources
from typing import Final

from icalendar import Calendar, Event

from regie.core.errors import ValidationError
from regie.core.production import KIND_LABELS
from regie.core.text import t
from regie.documents.i18n import format_date, normalize_locale
from regie.documents.pdf import html_to_pdf
from regie.documents.templating import N_, gettext_for, render
from regie.office.planning.cpm import PlanSchedule, RiskKind, ScheduledTask
from regie.office.planning.model import PHASE_LABELS, Phase
from regie.office.planning.postplan import post_plan

__all__ = ["GanttView", "gantt_html", "gantt_pdf", "gantt_stylesheet", "gantt_view", "plan_ics"]

WEEKS_PER_PAGE: Final = 26
ROWS_PER_PAGE: Final = 30
LABEL_WIDTH: Final = 300
CHART_WIDTH: Final = 1040
ROW_HEIGHT: Final = 18
HEAD_HEIGHT: Final = 30
PHASE_FILLS: Final[dict[Phase, str]] = {
    Phase.DEVELOPMENT: "#9aa5b8",
    Phase.PREP: "#6c9be8",
    Phase.SHOOT: "#e8a33d",
    Phase.POST: "#4fae8a",
    Phase.DELIVERY: "#8f7ad6",
}
CRITICAL: Final = "#7a0019"
AT_RISK: Final = "#d7191c"
RISK_LABELS: Final[dict[RiskKind, str]] = {
    RiskKind.CONTRACTUAL: N_("Contractual date"),
    RiskKind.FIXED_START: N_("Fixed start"),
    RiskKind.MILESTONE: N_("Milestone"),
}
PRODID: Final = "-//regie//backward plan//EN"
_EPISODE: Final = re.compile(r" — (?:ép|ep)\. \d+$")


@dataclass(frozen=True, slots=True)
class Mark:
    """One task drawn on a chart page (coordinates in SVG user units)."""

    label: str
    y: float
    x: float
    width: float  # 0 for a milestone
    diamond: str  # the milestone's polygon points, "" for a bar
    fill: str
    critical: bool
    late: bool
    float_to: float | None  # where the float line ends
    deadline_x: float | None
    tooltip: str
    classes: str


@dataclass(frozen=True, slots=True)
class Week:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class ChartPage:
    width: int
    height: int
    label_width: int
    first: dt.date
    last: dt.date
    weeks: tuple[Week, ...]
    marks: tuple[Mark, ...]


@dataclass(frozen=True, slots=True)
class TaskLine:
    id: str
    title: str
    phase: str
    start: str
    finish: str
    duration: int
    total_float: int
    critical: bool
    milestone: bool
    deadline: str
    late: bool
    status: str


@dataclass(frozen=True, slots=True)
class RiskLine:
    title: str
    kind: str
    due: str
    expected: str
    working_days_late: int
    days_late: int


@dataclass(frozen=True, slots=True)
class PostRow:
    label: str
    cells: tuple[str, ...]  # "02/07 → 23/07" per step, "" when the episode lacks it
    critical: tuple[bool, ...]
    expected: str
    contractual: str
    margin: int | None
    late: bool


@dataclass(frozen=True, slots=True)
class GanttView:
    title: str
    kind: str
    template: str
    delivery: str
    start: str
    finish: str
    latest_start: str
    min_float: int
    pages: tuple[ChartPage, ...]
    tasks: tuple[TaskLine, ...]
    risks: tuple[RiskLine, ...]
    post_steps: tuple[str, ...]
    post_rows: tuple[PostRow, ...]
    origins: tuple[tuple[str, str], ...]  # (task title, where its duration comes from)
    phases: tuple[tuple[str, str], ...]  # (label, fill) for the legend


def gantt_view(schedule: PlanSchedule, *, locale: str = "fr") -> GanttView:
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    plan = schedule.plan
    late = {r.task for r in schedule.at_risk}

    def day(value: dt.date | None) -> str:
        return format_date(value, language, form="short") if value else ""

    lines = tuple(
        TaskLine(
            id=s.task.id,
            title=s.task.label(language),
            phase=PHASE_LABELS[s.task.phase][1 if language == "en" else 0],
            start=day(s.start),
            finish=day(s.finish),
            duration=s.duration,
            total_float=s.total_float,
            critical=s.critical,
            milestone=s.task.milestone,
            deadline=day(s.task.deadline),
            late=s.task.id in late,
            status=s.status.value,
        )
        for s in schedule.tasks
    )
    titles = {s.task.id: s.task.label(language) for s in schedule.tasks}
    risks = tuple(
        RiskLine(
            title=titles[r.task],
            kind=_(RISK_LABELS[r.kind]),
            due=day(r.due),
            expected=day(r.expected),
            working_days_late=r.working_days_late,
            days_late=r.days_late,
        )
        for r in schedule.at_risk
    )
    steps, rows = _post(schedule, language)
    kind = ""
    if plan.kind is not None:
        french, english = KIND_LABELS[plan.kind]
        kind = english if language == "en" else french
    return GanttView(
        title=plan.title,
        kind=kind,
        template=plan.template or "",
        delivery=day(plan.delivery),
        start=day(schedule.start),
        finish=day(schedule.finish),
        latest_start=day(schedule.latest_start),
        min_float=schedule.min_float,
        pages=_pages(schedule, late, language),
        tasks=lines,
        risks=risks,
        post_steps=steps,
        post_rows=rows,
        origins=_origins(schedule, language),
        phases=tuple(
            (PHASE_LABELS[p][1 if language == "en" else 0], PHASE_FILLS[p]) for p in Phase
        ),
    )


def gantt_html(schedule: PlanSchedule, *, locale: str = "fr", fragment: bool = False) -> str:
    """The Gantt as HTML: ``fragment=True`` gives the ``<article>`` a web page embeds (with
    :func:`gantt_stylesheet` as a stylesheet file), else the standalone document."""
    view = gantt_view(schedule, locale=locale)
    template = "gantt/report.html" if fragment else "gantt/document.html"
    return render(template, locale, view=view, production={"title": view.title}, tooltips=fragment)


def gantt_pdf(schedule: PlanSchedule, *, locale: str = "fr") -> bytes:
    """The Gantt and the plan's tables as an A4 landscape PDF."""
    return html_to_pdf(gantt_html(schedule, locale=locale))


def gantt_stylesheet() -> str:
    """The chart's screen-and-print styles (for a web page: serve it as a CSS file)."""
    return (
        resources.files("regie.documents")
        .joinpath("templates", "gantt", "gantt.css")
        .read_text(encoding="utf-8")
    )


# -- the chart ---------------------------------------------------------------------------------


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _pages(schedule: PlanSchedule, late: set[str], language: str) -> tuple[ChartPage, ...]:
    tasks = schedule.tasks
    if not tasks:
        return ()
    first = _monday(min(min(s.start, s.late_start) for s in tasks))
    last_day = max(max(s.finish, s.late_finish, s.task.deadline or s.finish) for s in tasks)
    weeks = (last_day - first).days // 7 + 1
    pages = []
    for week0 in range(0, weeks, WEEKS_PER_PAGE):
        begin = first + dt.timedelta(weeks=week0)
        count = min(WEEKS_PER_PAGE, weeks - week0)
        for row0 in range(0, len(tasks), ROWS_PER_PAGE):
            rows = tasks[row0 : row0 + ROWS_PER_PAGE]
            pages.append(_page(rows, begin, count, late, language))
    return tuple(pages)


def _page(
    rows: tuple[ScheduledTask, ...], begin: dt.date, weeks: int, late: set[str], language: str
) -> ChartPage:
    per_day = (CHART_WIDTH - LABEL_WIDTH) / (WEEKS_PER_PAGE * 7)
    end = begin + dt.timedelta(weeks=weeks)  # exclusive

    def x(day: dt.date) -> float:
        clipped = min(max(day, begin), end)
        return round(LABEL_WIDTH + (clipped - begin).days * per_day, 1)

    marks = []
    for n, item in enumerate(rows):
        y = HEAD_HEIGHT + n * ROW_HEIGHT
        task = item.task
        at_risk = task.id in late
        shown = item.finish >= begin and item.start < end
        left, right = x(item.start), x(item.finish + dt.timedelta(days=1))
        middle = round((left + right) / 2, 1)
        diamond = ""
        if task.milestone and shown:
            h = ROW_HEIGHT / 2 - 3
            c = y + ROW_HEIGHT / 2
            diamond = f"{middle},{c - h} {middle + h},{c} {middle},{c + h} {middle - h},{c}"
        float_to = None
        if item.total_float > 0 and item.late_finish >= begin and item.finish < end:
            float_to = x(item.late_finish + dt.timedelta(days=1))
        deadline_x = None
        if task.deadline is not None and begin <= task.deadline < end:
            deadline_x = x(task.deadline + dt.timedelta(days=1))
        classes = ["milestone" if task.milestone else "bar", f"phase-{task.phase.value}"]
        classes += ["critical"] * item.critical + ["at-risk"] * at_risk
        marks.append(
            Mark(
                label=_short(task.label(language)),
                y=y,
                x=left,
                width=round(right - left, 1) if shown and not task.milestone else 0,
                diamond=diamond,
                fill=AT_RISK if at_risk and task.milestone else PHASE_FILLS[task.phase],
                critical=item.critical,
                late=at_risk,
                float_to=float_to,
                deadline_x=deadline_x,
                tooltip=f"{task.label(language)}: {item.start.isoformat()} → "
                f"{item.finish.isoformat()}",
                classes=" ".join(classes),
            )
        )
    week_marks = tuple(
        Week(
            x=round(LABEL_WIDTH + w * 7 * per_day, 1),
            label=(begin + dt.timedelta(weeks=w)).strftime("%d/%m"),
        )
        for w in range(weeks)
    )
    return ChartPage(
        width=CHART_WIDTH,
        height=HEAD_HEIGHT + len(rows) * ROW_HEIGHT + 4,
        label_width=LABEL_WIDTH,
        first=begin,
        last=end - dt.timedelta(days=1),
        weeks=week_marks,
        marks=tuple(marks),
    )


def _short(label: str, limit: int = 48) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _post(schedule: PlanSchedule, language: str) -> tuple[tuple[str, ...], tuple[PostRow, ...]]:
    """Post-production: one row per episode, one column per step (template order)."""
    plan = post_plan(schedule)
    _ = gettext_for(language).gettext
    steps: list[str] = []
    for unit in plan.units:
        for step in unit.steps:
            title = _EPISODE.sub(
                "", step.title_en if language == "en" and step.title_en else step.title
            )
            if title not in steps:
                steps.append(title)
    rows = []
    for unit in plan.units:
        cells = dict.fromkeys(steps, "")
        flags = dict.fromkeys(steps, False)
        for step in unit.steps:
            title = _EPISODE.sub(
                "", step.title_en if language == "en" and step.title_en else step.title
            )
            span = step.finish.strftime("%d/%m")
            if not step.milestone:
                span = f"{step.start.strftime('%d/%m')} → {span}"
            cells[title], flags[title] = span, step.critical
        label = _("Episode %(number)s") % {"number": unit.episode}
        if len(plan.units) == 1:
            label = _("Programme")
        rows.append(
            PostRow(
                label=label,
                cells=tuple(cells.values()),
                critical=tuple(flags.values()),
                expected=format_date(unit.expected, language, form="short")
                if unit.expected
                else "",
                contractual=format_date(unit.contractual, language, form="short")
                if unit.contractual
                else "",
                margin=unit.margin,
                late=unit.late,
            )
        )
    return tuple(steps), tuple(rows)


def _origins(schedule: PlanSchedule, language: str) -> tuple[tuple[str, str], ...]:
    seen: dict[str, str] = {}
    for item in schedule.tasks:
        if item.task.note:
            title = _EPISODE.sub("", item.task.label(language))
            seen.setdefault(title, item.task.note)
    return tuple(seen.items())


# -- iCalendar ---------------------------------------------------------------------------------


def plan_ics(
    schedule: PlanSchedule,
    *,
    plan_id: str,
    uid_domain: str,
    dtstamp: dt.datetime,
    locale: str = "fr",
    sequence: int = 0,
) -> bytes:
    """Tasks and milestones as all-day events, and each contractual date as its own event.

    ``UID``: ``<plan_id>-<task id>@<uid_domain>`` (``…-deadline@…`` for a contractual
    date), stable across exports so a calendar updates its entries; ``dtstamp`` is given
    (time-zone aware), no clock is read."""
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    if dtstamp.tzinfo is None or dtstamp.utcoffset() is None:
        raise ValidationError(
            t("the time stamp {stamp} has no time zone", stamp=dtstamp.isoformat()),
            field="dtstamp",
            hint=t("Give an aware datetime, e.g. datetime.now(UTC)"),
        )
    stamp = dtstamp.astimezone(dt.UTC)
    late: dict[tuple[str, RiskKind], object] = {(r.task, r.kind): r for r in schedule.at_risk}
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{schedule.plan.title} — {_('Backward plan')}")
    for item in schedule.tasks:
        task = item.task
        phase = PHASE_LABELS[task.phase][1 if language == "en" else 0]
        event = Event()
        event.add("uid", f"{plan_id}-{task.id}@{uid_domain}")
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", item.start)
        event.add("dtend", item.finish + dt.timedelta(days=1))
        summary = task.label(language)
        if task.milestone:
            summary = _("Milestone: %(title)s") % {"title": summary}
        event.add("summary", summary)
        lines = [
            _("Phase: %(phase)s") % {"phase": phase},
            _("Duration: %(days)s working days") % {"days": item.duration},
            _("Total float: %(days)s working days") % {"days": item.total_float},
        ]
        if item.critical:
            lines.append(_("On the critical path"))
        if task.resources:
            lines.append(_("Resources: %(names)s") % {"names": ", ".join(task.resources)})
        if task.note:
            lines.append(_("Duration source: %(note)s") % {"note": task.note})
        event.add("description", "\n".join(lines))
        categories = [phase] + [_("Milestone")] * task.milestone
        categories += [_("Critical path")] * item.critical
        event.add("categories", categories)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
        if task.deadline is not None:
            calendar.add_component(
                _deadline_event(
                    item,
                    task.deadline,
                    late=late,
                    plan_id=plan_id,
                    uid_domain=uid_domain,
                    stamp=stamp,
                    sequence=sequence,
                    language=language,
                )
            )
    data: bytes = calendar.to_ical()
    return data


def _deadline_event(
    item: ScheduledTask,
    deadline: dt.date,
    *,
    late: dict[tuple[str, RiskKind], object],
    plan_id: str,
    uid_domain: str,
    stamp: dt.datetime,
    sequence: int,
    language: str,
) -> Event:
    _ = gettext_for(language).gettext
    task = item.task
    event = Event()
    event.add("uid", f"{plan_id}-{task.id}-deadline@{uid_domain}")
    event.add("dtstamp", stamp)
    event.add("sequence", sequence)
    event.add("dtstart", deadline)
    event.add("dtend", deadline + dt.timedelta(days=1))
    summary = _("Contractual date: %(title)s") % {"title": task.label(language)}
    description = _("Expected: %(date)s") % {"date": format_date(item.finish, language)}
    if (task.id, RiskKind.CONTRACTUAL) in late:
        summary = _("%(summary)s (at risk)") % {"summary": summary}
    event.add("summary", summary)
    event.add("description", description)
    event.add("categories", [_("Contractual date")])
    event.add("transp", "TRANSPARENT")
    return event
