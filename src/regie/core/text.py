# SPDX-License-Identifier: AGPL-3.0-or-later
"""A message to show to a person, kept translatable until a face knows the language.

``t("the file {file} is empty", file="scène.fountain")`` is a :class:`Text`: an English
template (the gettext msgid of the ``errors`` domain, extracted by ``make i18n`` from the
``t(...)`` calls) and its parameters, the data that never goes into the msgid (file names,
scene labels, numbers). ``str(text)`` is the English rendering; a face that knows its
language calls ``text.translate(catalog.gettext)``.

Placeholders are ``{name}`` (``{{`` and ``}}`` write a brace), nothing else: no attribute
access, no format spec, so a translation can only move the values, never reach into them.
Core stays free of I/O and of Babel: the catalogs live in ``regie.documents.i18n``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Final

Gettext = Callable[[str], str]

_TOKEN: Final = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


def placeholders(template: str) -> frozenset[str]:
    """The ``{names}`` a template uses (``{{`` / ``}}`` are literal braces, not names)."""
    return frozenset(m.group(1) for m in _TOKEN.finditer(template) if m.group(1))


def english(message: str) -> str:
    """The identity gettext: the msgid is the English text."""
    return message


@dataclass(frozen=True, slots=True, eq=True)
class Text:
    """An English msgid with ``{named}`` placeholders and the values that fill them.

    The parameters must be exactly the template's placeholders (a mismatch is a bug in the
    caller, refused at once with ``ValueError``). A parameter that is itself a ``Text`` is
    translated with the message, a ``datetime.date`` is written as :func:`on_day` writes
    it and a ``Decimal`` as :func:`decimal_number` does; any other value is inserted as
    ``str(value)``.
    """

    template: str
    params: Mapping[str, object]

    def __post_init__(self) -> None:
        names = placeholders(self.template)
        given = frozenset(self.params)
        if names != given:
            raise ValueError(
                f"message {self.template!r}: placeholders {sorted(names)} "
                f"but parameters {sorted(given)}"
            )
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def __hash__(self) -> int:
        return hash(self.template)

    def __str__(self) -> str:
        return self.translate(english)

    def translate(self, gettext: Gettext) -> str:
        """The message in the language of ``gettext`` (an untranslated msgid stays English)."""
        return _fill(gettext(self.template) or self.template, self.params, gettext)


def t(template: str, /, **params: object) -> Text:
    """Mark ``template`` as a translatable message of the ``errors`` domain."""
    return Text(template, params)


def on_day(day: dt.date) -> Text:
    """A calendar date inside a message, written the way the reader's language writes it
    (ISO ``2027-03-08`` in English, ``08/03/2027`` in French): the order is a translation
    of the ``errors`` domain, the figures stay data."""
    return t(
        "{year}-{month}-{day}",
        year=f"{day.year:04d}",
        month=f"{day.month:02d}",
        day=f"{day.day:02d}",
    )


def decimal_number(value: Decimal) -> Text | str:
    """A decimal number inside a message, with the reader's decimal mark (``265.12`` in
    English, ``265,12`` in French): the mark is a translation of the ``errors`` domain,
    the digits stay data. A whole number is just its digits."""
    text = format(value, "f")
    whole, mark, fraction = text.partition(".")
    if not mark:
        return text
    return t("{whole}.{fraction}", whole=whole, fraction=fraction)


def render(message: str | Text, gettext: Gettext = english) -> str:
    """``message`` in the language of ``gettext``; a plain ``str`` is shown as it is."""
    return message.translate(gettext) if isinstance(message, Text) else message


def _fill(template: str, params: Mapping[str, object], gettext: Gettext) -> str:
    def value(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        name = match.group(1)
        if name not in params:  # a translation that names an unknown value: leave it seen
            return token
        param = params[name]
        if isinstance(param, dt.date) and not isinstance(param, dt.datetime):
            param = on_day(param)  # a calendar date is written the reader's way
        elif isinstance(param, Decimal) and param.is_finite():
            param = decimal_number(param)  # and a decimal number too (265,12 in French)
        return param.translate(gettext) if isinstance(param, Text) else str(param)

    return _TOKEN.sub(value, template)
