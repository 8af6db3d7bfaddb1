# SPDX-License-Identifier: AGPL-3.0-or-later
"""The shoot days as an iCalendar file (RFC 5545, with ``icalendar``), for the crew's
calendars.

One ``VEVENT`` per shoot day, **timed**: from the call time to the estimated wrap, in the
production's time zone (a ``VTIMEZONE`` is included, covering the years of the shoot). The
call is ``call_time`` on a day of day work and ``night_call_time`` on a night (8:00 and
18:00 unless the caller gives the production's own); the wrap is the call plus the day's
estimated time, shooting and travel between locations as
:func:`regie.schedule.evaluate.evaluate` counts it (no meal break, no preparation: it is
an estimate, and the description says so); a day without scenes lasts the problem's
standard day. Timed events show where a crew member is expected and when, which an
all-day event cannot; a night shoot runs past midnight as it should.

* ``SUMMARY``: production title, shoot day number, "night" on night days;
* ``LOCATION``: the day's locations in visiting order;
* ``DESCRIPTION``: day or night, pages, estimated time, locations, scenes (number,
  heading, length) and cast (numbers and names), in the document's locale;
* ``UID``: ``<production slug>-<board id>-day<n>@<uid_domain>`` — the same on every
  export of the same board, so re-importing the file updates the entries instead of
  duplicating them; ``SEQUENCE`` is the caller's revision number (the board's version);
* ``DTSTAMP``: passed in (``dtstamp``, time-zone aware): no clock is read here.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from babel import dates
from icalendar import Calendar, Event, Timezone

from regie.core.eighths import format_eighths
from regie.core.errors import ValidationError
from regie.core.production import Production
from regie.core.text import t
from regie.documents.i18n import format_date, normalize_locale
from regie.documents.schedule import DayBlock, StripLine, day_blocks, format_minutes
from regie.documents.templating import gettext_for
from regie.schedule.evaluate import evaluate
from regie.schedule.model import Board, ShootingProblem

__all__ = ["event_uid", "shoot_days_ics"]

PRODID = "-//regie//shooting schedule//EN"


def event_uid(production: Production, board_id: str, number: int, uid_domain: str) -> str:
    """The stable UID of shoot day ``number`` (1-based) of a board."""
    return f"{production.slug}-{board_id}-day{number}@{uid_domain}"


def _zone(tz: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            t("'{zone}' is not a known time zone", zone=tz),
            field="tz",
            hint=t("Use an IANA time zone name such as Europe/Paris"),
        ) from None


def _scene_line(strip: StripLine) -> str:
    """``"3 — EXT QUAI — AUBE (1 5/8)"``."""
    place = " ".join(part for part in (strip.int_ext, strip.set_name) if part)
    return f"{strip.label} — {place} — {strip.time} ({format_eighths(strip.eighths)})"


def _description(day: DayBlock, wrap: dt.datetime, locale: str) -> str:
    _ = gettext_for(locale).gettext
    cast = [f"{number}. {name}" if number else name for number, name in day.cast]
    lines = [
        _("Shoot day %(number)s — %(date)s")
        % {
            "number": day.number,
            "date": format_date(day.date, locale, form="full"),
        },
        _("Night") if day.night else _("Day"),
        _("Pages: %(length)s") % {"length": format_eighths(day.eighths)},
        _("Estimated time: %(duration)s (shooting and travel, without the meal break)")
        % {"duration": format_minutes(day.minutes, locale)},
        _("Estimated wrap: %(time)s") % {"time": dates.format_time(wrap, "short", locale=locale)},
        _("Locations: %(names)s") % {"names": " → ".join(day.locations) or "—"},
        "",
        _("Scenes:"),
        *(_scene_line(strip) for strip in day.strips),
        "",
        _("Cast: %(names)s") % {"names": ", ".join(cast) or "—"},
    ]
    return "\n".join(lines)


def shoot_days_ics(
    problem: ShootingProblem,
    board: Board,
    production: Production,
    *,
    locale: str = "fr",
    tz: str = "Europe/Paris",
    call_time: dt.time = dt.time(8, 0),
    night_call_time: dt.time = dt.time(18, 0),
    uid_domain: str,
    board_id: str,
    dtstamp: dt.datetime,
    sequence: int = 0,
) -> bytes:
    """The board's shoot days as ``.ics`` bytes (see the module docstring).

    ``uid_domain``: a domain name the production controls (e.g. its web host), the right
    part of every UID. ``board_id``: the board's stored id (scenario). ``dtstamp``: when
    the file is made, time-zone aware (written in UTC).
    """
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    if dtstamp.tzinfo is None or dtstamp.utcoffset() is None:
        raise ValidationError(
            t("the time stamp {stamp} has no time zone", stamp=dtstamp.isoformat()),
            field="dtstamp",
            hint=t("Give an aware datetime, e.g. datetime.now(UTC)"),
        )
    zone = _zone(tz)
    stamp = dtstamp.astimezone(dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    title = _("Shooting schedule")
    calendar.add("x-wr-calname", f"{production.title} — {title}")
    calendar.add("x-wr-timezone", tz)
    days = day_blocks(problem, board, evaluate(problem, board), locale=language)
    if days:
        first, last = days[0].date, days[-1].date
        calendar.add_component(
            Timezone.from_tzid(
                tz, first_date=dt.date(first.year, 1, 1), last_date=dt.date(last.year + 1, 1, 1)
            )
        )
    for day in days:
        start = dt.datetime.combine(day.date, night_call_time if day.night else call_time, zone)
        minutes = day.minutes if day.strips else problem.day_minutes
        # Add the duration in UTC: across a daylight-saving change the wall clock jumps.
        wrap = (start.astimezone(dt.UTC) + dt.timedelta(minutes=minutes)).astimezone(zone)
        summary = _("%(title)s — shoot day %(number)s") % {
            "title": production.title,
            "number": day.number,
        }
        event = Event()
        event.add("uid", event_uid(production, board_id, day.number, uid_domain))
        event.add("dtstamp", stamp)
        event.add("sequence", sequence)
        event.add("dtstart", start)
        event.add("dtend", wrap)
        if day.night:
            summary = _("%(summary)s (night)") % {"summary": summary}
        event.add("summary", summary)
        event.add("location", ", ".join(dict.fromkeys(day.locations)))
        event.add("description", _description(day, wrap, language))
        event.add("categories", [_("Shooting")])
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
