# SPDX-License-Identifier: AGPL-3.0-or-later
"""The stripboard page's view of a board: shoot days, each opened by its day-break strip
(number, date, day or night, eighths, minutes used against the standard day, overtime),
their strips in shooting order, the strips not placed yet, the violations and the cost.

Strip colours are those of the printed shooting schedule and of the breakdown workbook
(:func:`regie.documents.schedule.strip_colour`): INT day white, EXT day yellow, INT night
blue, EXT night green, INT/EXT counted as exterior. **Dawn and dusk** take the day colours
— they are shot in natural light, usually as part of a day's work — and their strips
carry a twilight mark beside the time of day as written (``AUBE``), so the planner still
sees them at a glance. The day totals come from :func:`regie.documents.schedule.day_blocks`,
the same figures as the PDF.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from babel import numbers

from regie.core.text import Gettext
from regie.documents.i18n import error_messages, format_number
from regie.documents.schedule import (
    DAY_VIOLATIONS,
    cast_numbers,
    day_blocks,
    format_minutes,
    strip_colour,
)
from regie.logistics.location_checks import LocationFinding, days_with_findings
from regie.schedule.catalog import BoardStrip
from regie.schedule.evaluate import Evaluation
from regie.schedule.model import ShootingProblem, StripSpec
from regie.script.heading import parse_heading
from regie.script.model import Light
from regie.services.stripboard import Stripboard
from regie.web.i18n import N_

COST_CURRENCY: Final = "EUR"  # the planner's weights are euros (regie.schedule.model.Weights)
LIGHT_WORDS: Final[dict[Light, str]] = {
    Light.DAY: N_("Day"),
    Light.NIGHT: N_("Night"),
    Light.DAWN: N_("Dawn"),
    Light.DUSK: N_("Dusk"),
    Light.UNKNOWN: "",
}


@dataclass(frozen=True, slots=True)
class StripView:
    scene_id: int
    label: str
    colour: str  # int-day, ext-day, int-night, ext-night (CSS class strip-<colour>)
    int_ext: str
    set_name: str
    time: str  # the time of day as written, else the light worded
    twilight: bool  # dawn or dusk (shown in the day colours, marked)
    eighths: int
    minutes: int
    cast: tuple[tuple[int, str], ...]  # (number, name), number 0: not numbered
    location: str
    locked: bool
    violations: tuple[str, ...]  # messages in the page's language
    location_alerts: tuple[str, ...] = ()  # locations office conflicts (booking, permit...)


@dataclass(frozen=True, slots=True)
class DayView:
    index: int  # 0-based, as the services number days
    number: int
    date: dt.date
    night: bool
    strips: tuple[StripView, ...]
    eighths: int
    minutes: int  # shooting and travel
    travel_minutes: int
    day_minutes: int  # the standard day
    overtime_minutes: int
    too_long: bool  # beyond the standard day and the overtime allowed
    locations: tuple[str, ...]
    company_moves: int
    problems: tuple[str, ...]  # violations about the whole day
    has_locked: bool
    location_alerts: tuple[str, ...] = ()  # locations office conflicts of the day


@dataclass(frozen=True, slots=True)
class CostLine:
    label: str  # msgid of the web catalog
    quantity: str
    amount: str


@dataclass(frozen=True, slots=True)
class HoldView:
    number: int
    name: str
    work_days: int
    hold_days: int
    amount: str


@dataclass(frozen=True, slots=True)
class BoardView:
    days: tuple[DayView, ...]
    pool: tuple[StripView, ...]
    costs: tuple[CostLine, ...]
    total: str
    holds: tuple[HoldView, ...]
    cast: tuple[tuple[int, str], ...]  # the numbers of the strips
    violations: tuple[tuple[int | None, str], ...]  # (day number, message)
    uncast: tuple[tuple[str, str], ...]  # (scene label, characters nobody plays yet)
    unlocated: tuple[str, ...]  # scene labels whose set has no location

    @property
    def feasible(self) -> bool:
        return not self.violations

    @property
    def scene_count(self) -> int:
        return sum(len(d.strips) for d in self.days) + len(self.pool)


def money(amount: Decimal, locale: str) -> str:
    return numbers.format_currency(amount, COST_CURRENCY, locale=locale)


def _light(spec: StripSpec) -> Light:
    return spec.light if spec.light is not Light.UNKNOWN else parse_heading(spec.heading).light


def _strip(
    spec: StripSpec,
    stored: BoardStrip,
    *,
    problem: ShootingProblem,
    numbers_of: dict[str, int],
    evaluation: Evaluation,
    worded: Gettext,
    words: Gettext,
) -> StripView:
    heading = parse_heading(spec.heading)
    int_ext = spec.int_ext or heading.int_ext
    light = _light(spec)
    names = {c.key: c.name for c in problem.cast}
    places = {p.key: p.name for p in problem.locations}
    return StripView(
        scene_id=stored.scene_id,
        label=spec.label,
        colour=strip_colour(spec),
        int_ext=int_ext.value if int_ext else "",
        set_name=heading.set_name,
        time=heading.time_of_day or (words(LIGHT_WORDS[light]) if LIGHT_WORDS[light] else ""),
        twilight=light in (Light.DAWN, Light.DUSK),
        eighths=spec.eighths,
        minutes=spec.minutes,
        cast=tuple(sorted((numbers_of.get(m, 0), names.get(m, m)) for m in spec.cast)),
        location=places.get(spec.location, "") if spec.location else "",
        locked=stored.locked,
        violations=tuple(
            v.message.translate(worded)
            for v in evaluation.for_strip(spec.key)
            if v.kind not in DAY_VIOLATIONS
        ),
    )


def _costs(evaluation: Evaluation, locale: str) -> tuple[CostLine, ...]:
    cost = evaluation.cost
    rows: tuple[tuple[str, str, Decimal], ...] = (
        (
            N_("Cast holding days"),
            format_number(sum(h.hold_days for h in cost.holds), locale),
            cost.holding,
        ),
        (N_("Company moves"), format_number(cost.company_moves, locale), cost.company_moves_cost),
        (N_("Returns to a location"), format_number(cost.revisits, locale), cost.revisits_cost),
        (N_("Day/night switches"), format_number(cost.switches, locale), cost.switches_cost),
        (N_("Overtime"), format_minutes(cost.overtime_minutes, locale), cost.overtime_cost),
    )
    return tuple(
        CostLine(label, quantity, money(amount, locale)) for label, quantity, amount in rows
    )


def board_view(
    found: Stripboard,
    locale: str,
    words: Gettext,
    office: Sequence[LocationFinding] = (),
) -> BoardView:
    """The page's view of ``found`` in ``locale``; ``words`` is the web catalog's gettext;
    ``office``: the locations office's conflicts with this board
    (:mod:`regie.services.location_conflicts`), marked on their days and strips."""
    problem, evaluation, record = found.problem, found.evaluation, found.record
    board = record.board()
    worded = error_messages(locale)
    by_day = days_with_findings(office)
    location_ids = found.keys.locations

    def alerts(day: dt.date, location_key: str | None = None) -> tuple[str, ...]:
        wanted = None if location_key is None else location_ids.get(location_key)
        return tuple(
            f.message.translate(worded)
            for f in by_day.get(day, ())
            if location_key is None or f.location_id == wanted
        )

    numbers_of = cast_numbers(problem, board)
    specs = {s.key: s for s in problem.strips}

    def view(stored: BoardStrip) -> StripView | None:
        spec = specs.get(stored.key)
        if spec is None:  # a scene no longer in the script version (cannot happen today)
            return None
        return _strip(
            spec,
            stored,
            problem=problem,
            numbers_of=numbers_of,
            evaluation=evaluation,
            worded=worded,
            words=words,
        )

    days: list[DayView] = []
    limit = problem.day_minutes + problem.max_overtime_minutes
    for day, block in zip(
        record.days, day_blocks(problem, board, evaluation, locale=locale), strict=True
    ):
        shown: list[StripView] = []
        for stored in day.strips:
            strip = view(stored)
            if strip is None:
                continue
            place = specs[stored.key].location
            if place is not None:
                strip = dataclasses.replace(strip, location_alerts=alerts(day.date, place))
            shown.append(strip)
        strips = tuple(shown)
        days.append(
            DayView(
                index=day.index,
                number=block.number,
                date=block.date,
                night=block.night,
                strips=strips,
                eighths=block.eighths,
                minutes=block.minutes,
                travel_minutes=block.travel_minutes,
                day_minutes=problem.day_minutes,
                overtime_minutes=block.overtime_minutes,
                too_long=block.minutes > limit,
                locations=block.locations,
                company_moves=block.company_moves,
                problems=block.problems,
                has_locked=any(s.locked for s in day.strips),
                location_alerts=alerts(day.date),
            )
        )
    pool = tuple(v for s in record.unscheduled if (v := view(s)) is not None)
    names = {c.key: c.name for c in problem.cast}
    holds = tuple(
        HoldView(numbers_of.get(h.cast, 0), names.get(h.cast, h.cast), h.work_days,
                 h.hold_days, money(h.cost, locale))
        for h in sorted(evaluation.cost.holds, key=lambda h: numbers_of.get(h.cast, 0))
    )  # fmt: skip
    labels = {s.key: s.label for s in problem.strips}
    return BoardView(
        days=tuple(days),
        pool=pool,
        costs=_costs(evaluation, locale),
        total=money(evaluation.cost.total, locale),
        holds=holds,
        cast=tuple(sorted((n, names.get(k, k)) for k, n in numbers_of.items())),
        violations=tuple(
            (None if v.day is None else v.day + 1, v.message.translate(worded))
            for v in evaluation.violations
        ),
        uncast=tuple(
            (labels.get(key, key), ", ".join(characters))
            for key, characters in found.keys.uncast.items()
        ),
        unlocated=tuple(labels.get(key, key) for key in found.keys.unlocated),
    )
