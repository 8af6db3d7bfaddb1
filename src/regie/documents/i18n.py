# SPDX-License-Identifier: AGPL-3.0-or-later
"""Translations (Babel message catalogs) and locale-aware formatting for documents and pages.

Catalogs are shipped as ``.po`` source files, one per locale and *domain*::

    src/regie/locale/<lang>/LC_MESSAGES/<domain>.po      lang in SUPPORTED_LOCALES

msgids are English; ``fr`` is the default locale. A ``.po`` is compiled in memory on first
use (no ``.mo`` files in the tree) and cached per (locale, domain). An ``en`` catalog may
leave every ``msgstr`` empty: gettext then returns the English msgid.

Domains: ``documents`` (this package's templates and code), ``web`` (the pages) and
``errors``: the ``t("...")`` messages of :mod:`regie.core.text` that every error carries,
extracted from all of ``src/regie`` with the keyword ``t`` only (see the Makefile); faces
render an error with ``error.localized(error_messages(locale))``. To add a domain
``<name>``:

1. mark strings in ``src/regie/<name>/`` with ``_()`` (Python) or ``_()`` / ``{% trans %}``
   (Jinja2 templates under a ``templates/`` folder; the mapping is in ``babel.cfg``);
2. add ``<name>`` to ``I18N_DOMAINS`` in the Makefile and run ``make i18n``: it extracts
   the messages and creates or updates ``locale/{fr,en}/LC_MESSAGES/<name>.po``, keeping
   the existing translations;
3. translate the French catalog, then build the environment with
   ``jinja_environment(locale, "<name>", your_loader)``.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import re
from decimal import Decimal
from importlib import resources
from io import BytesIO
from typing import Final

import jinja2
from babel import dates, numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from regie.core.eighths import format_eighths
from regie.core.errors import RegieError, ValidationError
from regie.core.text import Gettext, english, t

SUPPORTED_LOCALES: Final = ("fr", "en")
DEFAULT_LOCALE: Final = "fr"
ERRORS_DOMAIN: Final = "errors"  # the t("...") messages (regie.core.text) of every package

_DOMAIN = re.compile(r"[a-z][a-z0-9_]*")
_LANGUAGE_RANGE = re.compile(r"^\s*([A-Za-z]{1,8})(?:[-_][A-Za-z0-9]{1,8})*\s*$")


def normalize_locale(locale: str) -> str:
    """``"fr_FR"``, ``"fr-CA"``, ``"FR"`` → ``"fr"``; refuses a locale regie does not ship."""
    language = re.split(r"[-_]", locale.strip(), maxsplit=1)[0].lower()
    if language not in SUPPORTED_LOCALES:
        raise ValidationError(
            t("locale '{locale}' is not available", locale=locale),
            field="locale",
            hint=t("Use one of: {locales}", locales=", ".join(SUPPORTED_LOCALES)),
        )
    return language


def negotiate(accept_language: str | None) -> str:
    """The supported locale an HTTP ``Accept-Language`` header prefers most; ``fr`` when
    the header is absent, malformed or names no supported language."""
    if not accept_language:
        return DEFAULT_LOCALE
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate(accept_language.split(",")):
        tag, _sep, params = item.partition(";")
        match = _LANGUAGE_RANGE.match(tag)
        if not match:
            continue
        weight = _weight(params)
        if weight is not None and weight > 0:
            ranked.append((-weight, position, match.group(1).lower()))
    for _rank, _position, language in sorted(ranked):
        if language in SUPPORTED_LOCALES:
            return language
    return DEFAULT_LOCALE


def _weight(params: str) -> float | None:
    """The ``q`` of ``;q=0.8`` (1 when absent); ``None`` when it is not a number in 0..1."""
    for param in params.split(";"):
        name, _sep, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                weight = float(value)
            except ValueError:
                return None
            return weight if 0 <= weight <= 1 else None
    return 1.0


def error_messages(locale: str) -> Gettext:
    """The gettext of the ``errors`` domain in ``locale``, for ``RegieError.localized``:
    English (the msgids) should that catalog be missing, so an error is never lost."""
    try:
        return translations(locale, ERRORS_DOMAIN).gettext
    except RegieError:
        return english


def translations(locale: str, domain: str) -> gettext.GNUTranslations:
    """The compiled catalog of ``domain`` for ``locale`` (cached for the process)."""
    if not _DOMAIN.fullmatch(domain):
        raise ValidationError(
            t("'{domain}' is not a catalog domain name", domain=domain), field="domain"
        )
    return _compiled(normalize_locale(locale), domain)


@functools.cache
def _compiled(locale: str, domain: str) -> gettext.GNUTranslations:
    source = resources.files("regie").joinpath("locale", locale, "LC_MESSAGES", f"{domain}.po")
    where = f"regie/locale/{locale}/LC_MESSAGES/{domain}.po"
    if not source.is_file():
        raise RegieError(
            t("no '{domain}' message catalog for locale '{locale}'", domain=domain, locale=locale),
            where=where,
            hint=t("Run `make i18n` to create it, then translate it"),
        )
    with source.open("rb") as po_file:
        catalog = read_po(po_file, locale=locale, domain=domain)
    compiled = BytesIO()
    write_mo(compiled, catalog)  # fuzzy entries are left out, as msgfmt does
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def format_date(value: dt.date, locale: str, *, form: str = "long") -> str:
    """``2026-03-02`` → ``"2 mars 2026"`` (fr, long) / ``"March 2, 2026"`` (en)."""
    return dates.format_date(value, format=form, locale=normalize_locale(locale))


def format_number(value: int | Decimal, locale: str, *, decimals: int | None = None) -> str:
    """``Decimal("1234.5")`` → ``"1 234,5"`` (fr, narrow no-break space) / ``"1,234.5"``.

    ``decimals`` fixes the number of decimals shown (rounded half-even, as Babel does)."""
    language = normalize_locale(locale)
    if decimals is None:
        return numbers.format_decimal(value, locale=language)
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return numbers.format_decimal(value, format=pattern, locale=language)


def format_percent(ratio: Decimal, locale: str) -> str:
    """``Decimal("0.5")`` → ``"50 %"`` (fr) / ``"50%"`` (en), no decimals."""
    return numbers.format_percent(ratio, locale=normalize_locale(locale))


def jinja_environment(locale: str, domain: str, loader: jinja2.BaseLoader) -> jinja2.Environment:
    """A new autoescaping Jinja2 environment for ``locale`` with the ``domain`` catalog.

    Installs ``_``/``gettext``/``ngettext`` (new style: ``_("%(n)s scenes", n=3)``, values
    escaped) and the filters ``eighths`` (11 → "1 3/8"), ``date``, ``number`` and
    ``percent``; ``locale`` is a global. Callers cache the environment they build.
    """
    language = normalize_locale(locale)
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # The i18n extension adds this method at run time; jinja2's type hints do not declare it.
    env.install_gettext_translations(  # type: ignore[attr-defined]
        translations(language, domain), newstyle=True
    )
    env.globals["locale"] = language
    env.filters["eighths"] = format_eighths
    env.filters["date"] = functools.partial(format_date, locale=language)
    env.filters["number"] = functools.partial(format_number, locale=language)
    env.filters["percent"] = functools.partial(format_percent, locale=language)
    return env
