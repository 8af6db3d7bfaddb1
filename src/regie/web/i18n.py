# SPDX-License-Identifier: AGPL-3.0-or-later
"""The page's language (cookie, else ``Accept-Language``; French by default) and the Jinja2
environment of the ``web`` gettext domain, with Babel formatting for dates and numbers.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
from typing import Final
from urllib.parse import quote
from zoneinfo import ZoneInfo

import jinja2
from babel import dates
from starlette.requests import HTTPConnection

from regie.core.production import KIND_LABELS, Agreement, ProductionKind
from regie.core.text import Text, render
from regie.documents.i18n import (
    SUPPORTED_LOCALES,
    error_messages,
    jinja_environment,
    negotiate,
    translations,
)
from regie.office.roles import ROLE_LABELS, Role
from regie.schedule.people import Department, EngagementKind
from regie.schedule.worktime.results import PremiumKind, Severity
from regie.script.elements import Category, category_label

DOMAIN: Final = "web"
LANG_COOKIE: Final = "regie_lang"
PARIS: Final = ZoneInfo("Europe/Paris")
# Babel's "medium" date-time shows seconds; the office reads dates to the minute.
DATETIME_PATTERNS: Final = {"fr": "d MMM y 'à' HH:mm", "en": "MMM d, y, HH:mm"}


def N_(message: str) -> str:  # noqa: N802  # the gettext convention for "mark, translate later"
    """Mark a string for extraction; it is translated where it is shown."""
    return message


AGREEMENT_LABELS: Final[dict[Agreement, str]] = {
    Agreement.CINEMA: N_("Film production (IDCC 3097)"),
    Agreement.AUDIOVISUAL: N_("Audiovisual production (IDCC 2642)"),
}


DEPARTMENT_LABELS: Final[dict[Department, str]] = {
    Department.CAST: N_("Cast"),
    Department.PRODUCTION: N_("Production"),
    Department.DIRECTION: N_("Direction"),
    Department.CAMERA: N_("Camera"),
    Department.GRIP: N_("Grip"),
    Department.ELECTRIC: N_("Electric"),
    Department.SOUND: N_("Sound"),
    Department.ART: N_("Art department"),
    Department.COSTUME: N_("Costume"),
    Department.MAKEUP: N_("Hair and make-up"),
    Department.CATERING: N_("Catering"),
    Department.TRANSPORT: N_("Transport"),
    Department.OTHER: N_("Other"),
}
ENGAGEMENT_LABELS: Final[dict[EngagementKind, str]] = {
    EngagementKind.CAST: N_("Cast"),
    EngagementKind.CREW: N_("Crew"),
}
SEVERITY_LABELS: Final[dict[Severity, str]] = {
    Severity.ERROR: N_("Not allowed as planned"),
    Severity.WARNING: N_("Allowed on a condition"),
    Severity.INFO: N_("To know"),
}
PREMIUM_LABELS: Final[dict[PremiumKind, str]] = {
    PremiumKind.OVERTIME: N_("Overtime"),
    PremiumKind.NIGHT: N_("Night work"),
    PremiumKind.SUNDAY: N_("Sunday"),
    PremiumKind.HOLIDAY: N_("Public holiday"),
    PremiumKind.REST_INFRINGEMENT: N_("Rest cut short"),
    PremiumKind.LONG_DAY: N_("Long day"),
    PremiumKind.DAY_ENGAGEMENT: N_("Engaged for the day"),
    PremiumKind.SIXTH_DAY: N_("Sixth day"),
    PremiumKind.PAID_BREAK: N_("Paid break"),
    PremiumKind.CAP: N_("Cap on premiums"),
}


def request_locale(connection: HTTPConnection) -> str:
    """``fr`` or ``en``: the language cookie when it names one, else the browser's choice."""
    chosen = connection.cookies.get(LANG_COOKIE, "")
    if chosen in SUPPORTED_LOCALES:
        return chosen
    return negotiate(connection.headers.get("accept-language"))


def catalog(locale: str) -> gettext.GNUTranslations:
    return translations(locale, DOMAIN)


def format_datetime(value: dt.datetime, locale: str) -> str:
    """A stored instant as Paris wall time, to the minute: ``2 mars 2026 à 14:05`` (fr),
    ``Mar 2, 2026, 14:05`` (en)."""
    if value.tzinfo is None:  # SQLite hands back naive UTC
        value = value.replace(tzinfo=dt.UTC)
    return dates.format_datetime(value, DATETIME_PATTERNS[locale], tzinfo=PARIS, locale=locale)


def weekday_name(weekday: int, locale: str) -> str:
    """``0`` → ``lun.`` (fr) / ``Mon`` (en): 0 is Monday, as ``date.weekday()``."""
    return str(dates.get_day_names("abbreviated", locale=locale)[weekday])


def text_in(message: Text | str, locale: str) -> str:
    """A translatable message of the ``errors`` domain (a violation, a rule's reason) in
    ``locale``; a plain string as it is."""
    return render(message, error_messages(locale))


def _pick(labels: tuple[str, str], locale: str) -> str:
    return labels[1] if locale == "en" else labels[0]


@functools.cache
def environment(locale: str) -> jinja2.Environment:
    """The (cached) environment of the pages in ``locale``."""
    env = jinja_environment(locale, DOMAIN, jinja2.PackageLoader("regie.web", "templates"))
    _ = catalog(locale).gettext
    env.filters["urlpart"] = lambda value: quote(str(value), safe="")
    env.filters["datetime"] = functools.partial(format_datetime, locale=locale)
    env.filters["category_label"] = lambda c: category_label(Category(c), locale)
    env.filters["role_label"] = lambda r: _pick(ROLE_LABELS[Role(r)], locale)
    env.filters["kind_label"] = lambda k: _pick(KIND_LABELS[ProductionKind(k)], locale)
    env.filters["agreement_label"] = lambda a: _(AGREEMENT_LABELS[Agreement(a)])
    env.filters["department_label"] = lambda d: _(DEPARTMENT_LABELS[Department(d)])
    env.filters["engagement_label"] = lambda k: _(ENGAGEMENT_LABELS[EngagementKind(k)])
    env.filters["severity_label"] = lambda s: _(SEVERITY_LABELS[Severity(s)])
    env.filters["premium_label"] = lambda k: _(PREMIUM_LABELS[PremiumKind(k)])
    env.filters["weekday"] = functools.partial(weekday_name, locale=locale)
    env.filters["text"] = functools.partial(text_in, locale=locale)
    env.globals["departments"] = tuple(Department)
    env.globals["categories"] = tuple(Category)
    env.globals["roles"] = tuple(Role)
    return env
