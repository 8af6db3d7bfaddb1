# SPDX-License-Identifier: AGPL-3.0-or-later
"""The shooting schedule (plan de travail) as HTML and PDF.

One block per shoot day as production offices print it: day number, date in the locale,
day or night work, total pages in eighths ("2 3/8"), estimated time (shooting + travel
between locations) and overtime, the day's locations in visiting order with the company
moves; then its strips in shooting order, each in the customary stripboard colour (INT day
white, EXT day yellow, INT night blue, EXT night green, as
:data:`regie.documents.breakdown_xlsx.STRIP_FILLS`), with scene number, INT/EXT, set,
time of day, eighths, minutes, cast numbers and names, and the board violations that
concern the strip. A last page sums the planner's cost
(:class:`~regie.schedule.evaluate.CostBreakdown`): holding days per cast member, company
moves, location revisits, day/night switches, overtime and the total, in euros (the unit of the
planner's weights, :class:`~regie.schedule.model.Weights`) as the locale writes money.

Cast members are numbered in the problem's cast order among those who work on the board:
the same numbers as the day-out-of-days rows of that board (:mod:`regie.documents.dood`).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from babel import numbers

from regie.core.production import Production
from regie.documents.i18n import error_messages, format_number, normalize_locale
from regie.documents.pdf import html_to_pdf
from regie.documents.templating import LIGHT_LABELS, gettext_for, kind_label, render
from regie.schedule.evaluate import Evaluation, ViolationKind
from regie.schedule.model import Board, DayKind, ShootingProblem, StripSpec
from regie.script.heading import parse_heading
from regie.script.model import IntExt, Light

__all__ = [
    "CostLine",
    "DayBlock",
    "HoldLine",
    "ScheduleView",
    "StripLine",
    "cast_numbers",
    "day_blocks",
    "format_minutes",
    "schedule_html",
    "schedule_pdf",
    "schedule_view",
    "strip_colour",
]

# Violations about a whole day (printed in the day's header, not on each strip).
DAY_VIOLATIONS: Final = frozenset({ViolationKind.DAY_TOO_LONG, ViolationKind.WRONG_DATE})
COST_CURRENCY: Final = "EUR"


@dataclass(frozen=True, slots=True)
class StripLine:
    """A strip of a day as printed."""

    key: str
    label: str  # scene number
    colour: str  # "int-day", "ext-day", "int-night", "ext-night" (CSS class strip-<colour>)
    int_ext: str  # "INT", "EXT", "INT/EXT" or ""
    set_name: str
    time: str  # time of day as written ("JOUR"), else the light worded
    eighths: int
    minutes: int
    cast: tuple[tuple[int, str], ...]  # (number, name); number 0: not in the problem's cast
    location: str  # the location's name, "" when none
    violations: tuple[str, ...]  # messages in the locale


@dataclass(frozen=True, slots=True)
class DayBlock:
    number: int  # 1-based
    date: dt.date
    night: bool
    strips: tuple[StripLine, ...]
    eighths: int
    shooting_minutes: int
    travel_minutes: int
    overtime_minutes: int
    locations: tuple[str, ...]  # names, in visiting order (a return is listed again)
    company_moves: int
    problems: tuple[str, ...]  # violations about the whole day, in the locale

    @property
    def minutes(self) -> int:
        return self.shooting_minutes + self.travel_minutes

    @property
    def cast(self) -> tuple[tuple[int, str], ...]:
        """Who works that day, by number."""
        return tuple(sorted({member for strip in self.strips for member in strip.cast}))


@dataclass(frozen=True, slots=True)
class HoldLine:
    number: int
    name: str
    first: dt.date | None
    last: dt.date | None
    first_number: int  # shoot day numbers, 1-based
    last_number: int
    work_days: int
    hold_days: int
    cost: str  # money in the locale


@dataclass(frozen=True, slots=True)
class CostLine:
    label: str
    quantity: str
    amount: str


@dataclass(frozen=True, slots=True)
class ScheduleView:
    days: tuple[DayBlock, ...]
    holds: tuple[HoldLine, ...]
    costs: tuple[CostLine, ...]  # the last one is the total
    violations: tuple[str, ...]  # every violation, worded, with its day when it has one
    kind: str
    scenes: int
    eighths: int
    minutes: int

    @property
    def first_date(self) -> dt.date | None:
        return self.days[0].date if self.days else None

    @property
    def last_date(self) -> dt.date | None:
        return self.days[-1].date if self.days else None


def strip_colour(strip: StripSpec) -> str:
    """The stripboard colour class of a strip: exterior when EXT or INT/EXT, night when the
    scene is set at night (dawn, dusk and unstated print as day). Without INT/EXT or light
    on the strip, they are read from its heading."""
    heading = parse_heading(strip.heading)
    int_ext = strip.int_ext or heading.int_ext
    light = strip.light if strip.light is not Light.UNKNOWN else heading.light
    inside = "ext" if int_ext in (IntExt.EXT, IntExt.INT_EXT) else "int"
    return f"{inside}-{'night' if light is Light.NIGHT else 'day'}"


def cast_numbers(problem: ShootingProblem, board: Board) -> dict[str, int]:
    """Cast key → number, in the problem's order among those who work on the board."""
    strips = {s.key: s for s in problem.strips}
    working = {
        member for day in board.days for key in day.strips if key in strips
        for member in strips[key].cast
    }  # fmt: skip
    ordered = [c.key for c in problem.cast if c.key in working]
    return {key: number for number, key in enumerate(ordered, start=1)}


def format_minutes(minutes: int, locale: str) -> str:
    """``545`` → ``"9 h 05"``."""
    hours, rest = divmod(minutes, 60)
    return gettext_for(locale).gettext("%(hours)s h %(minutes)s") % {
        "hours": hours,
        "minutes": f"{rest:02d}",
    }


def _money(amount: Decimal, locale: str) -> str:
    """The planner's weights are euros (:class:`regie.schedule.model.Weights`)."""
    return numbers.format_currency(amount, COST_CURRENCY, locale=locale)


def _strip_line(
    strip: StripSpec,
    *,
    numbers_of: dict[str, int],
    names: dict[str, str],
    places: dict[str, str],
    violations: tuple[str, ...],
    locale: str,
) -> StripLine:
    heading = parse_heading(strip.heading)
    int_ext = strip.int_ext or heading.int_ext
    light = strip.light if strip.light is not Light.UNKNOWN else heading.light
    time = heading.time_of_day or gettext_for(locale).gettext(LIGHT_LABELS[light.value])
    return StripLine(
        key=strip.key,
        label=strip.label,
        colour=strip_colour(strip),
        int_ext=int_ext.value if int_ext else "",
        set_name=heading.set_name,
        time=time,
        eighths=strip.eighths,
        minutes=strip.minutes,
        cast=tuple(sorted((numbers_of.get(m, 0), names.get(m, m)) for m in strip.cast)),
        location=places.get(strip.location, strip.location) if strip.location else "",
        violations=violations,
    )


def day_blocks(
    problem: ShootingProblem, board: Board, evaluation: Evaluation, *, locale: str = "fr"
) -> tuple[DayBlock, ...]:
    """The board's days with their strips, totals, locations and violations."""
    language = normalize_locale(locale)
    worded = error_messages(language)
    strips = {s.key: s for s in problem.strips}
    names = {c.key: c.name for c in problem.cast}
    places = {p.key: p.name for p in problem.locations}
    numbers_of = cast_numbers(problem, board)
    blocks: list[DayBlock] = []
    for day in board.days:
        lines: list[StripLine] = []
        runs: list[str] = []
        previous: str | None = None
        travel = 0
        for key in day.strips:
            strip = strips.get(key)
            if strip is None:
                continue
            messages = tuple(
                v.message.translate(worded)
                for v in evaluation.for_strip(key)
                if v.kind not in DAY_VIOLATIONS
            )
            lines.append(
                _strip_line(
                    strip,
                    numbers_of=numbers_of,
                    names=names,
                    places=places,
                    violations=messages,
                    locale=language,
                )
            )
            if strip.location is not None and strip.location != previous:
                travel += problem.travel(previous, strip.location)
                runs.append(places.get(strip.location, strip.location))
                previous = strip.location
        shooting = sum(line.minutes for line in lines)
        used = shooting + travel
        blocks.append(
            DayBlock(
                number=day.index + 1,
                date=day.date,
                night=day.kind is DayKind.NIGHT,
                strips=tuple(lines),
                eighths=sum(line.eighths for line in lines),
                shooting_minutes=shooting,
                travel_minutes=travel,
                overtime_minutes=max(0, used - problem.day_minutes),
                locations=tuple(runs),
                company_moves=max(0, len(runs) - 1),
                problems=tuple(
                    v.message.translate(worded)
                    for v in evaluation.violations
                    if v.kind in DAY_VIOLATIONS and v.day == day.index
                ),
            )
        )
    return tuple(blocks)


def _costs(evaluation: Evaluation, locale: str) -> tuple[CostLine, ...]:
    """The cost lines, the total last."""
    _ = gettext_for(locale).gettext
    cost = evaluation.cost
    rows: tuple[tuple[str, str, Decimal], ...] = (
        (
            _("Cast holding days"),
            format_number(sum(h.hold_days for h in cost.holds), locale),
            cost.holding,
        ),
        (_("Company moves"), format_number(cost.company_moves, locale), cost.company_moves_cost),
        (_("Returns to a location"), format_number(cost.revisits, locale), cost.revisits_cost),
        (_("Day/night switches"), format_number(cost.switches, locale), cost.switches_cost),
        (_("Overtime"), format_minutes(cost.overtime_minutes, locale), cost.overtime_cost),
        (_("Total"), "", cost.total),
    )
    return tuple(
        CostLine(label, quantity, _money(amount, locale)) for label, quantity, amount in rows
    )


def schedule_view(
    problem: ShootingProblem,
    board: Board,
    evaluation: Evaluation,
    production: Production,
    *,
    locale: str = "fr",
) -> ScheduleView:
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    worded = error_messages(language)
    days = day_blocks(problem, board, evaluation, locale=language)
    names = {c.key: c.name for c in problem.cast}
    numbers_of = cast_numbers(problem, board)
    dates = {d.index: d.date for d in board.days}
    holds = tuple(
        HoldLine(
            number=numbers_of.get(h.cast, 0),
            name=names.get(h.cast, h.cast),
            first=dates.get(h.first_day),
            last=dates.get(h.last_day),
            first_number=h.first_day + 1,
            last_number=h.last_day + 1,
            work_days=h.work_days,
            hold_days=h.hold_days,
            cost=_money(h.cost, language),
        )
        for h in sorted(evaluation.cost.holds, key=lambda h: numbers_of.get(h.cast, 0))
    )
    costs = _costs(evaluation, language)
    violations = tuple(
        (
            _("Day %(number)s: %(message)s") % {"number": v.day + 1, "message": message}
            if v.day is not None
            else message
        )
        for v in evaluation.violations
        for message in (v.message.translate(worded),)
    )
    return ScheduleView(
        days=days,
        holds=holds,
        costs=costs,
        violations=violations,
        kind=kind_label(production, language),
        scenes=sum(len(d.strips) for d in days),
        eighths=sum(d.eighths for d in days),
        minutes=sum(d.minutes for d in days),
    )


def schedule_html(
    problem: ShootingProblem,
    board: Board,
    evaluation: Evaluation,
    production: Production,
    *,
    locale: str = "fr",
    fragment: bool = False,
) -> str:
    """The shooting schedule as HTML: ``fragment=True`` gives the ``<article>`` the web
    page embeds, else the standalone document :func:`schedule_pdf` prints.

    ``evaluation`` is :func:`regie.schedule.evaluate.evaluate` of this problem and board."""
    template = "schedule/report.html" if fragment else "schedule/document.html"
    view = schedule_view(problem, board, evaluation, production, locale=locale)
    duration = functools.partial(format_minutes, locale=normalize_locale(locale))
    return render(template, locale, view=view, production=production, duration=duration)


def schedule_pdf(
    problem: ShootingProblem,
    board: Board,
    evaluation: Evaluation,
    production: Production,
    *,
    locale: str = "fr",
) -> bytes:
    """The shooting schedule as an A4 PDF: the days, then the summary page."""
    return html_to_pdf(schedule_html(problem, board, evaluation, production, locale=locale))
