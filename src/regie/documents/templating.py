# SPDX-License-Identifier: AGPL-3.0-or-later
"""The Jinja2 environment of the ``documents`` domain: templates under
``regie/documents/templates``, the ``documents`` catalog, and the document filters.

A template is rendered either as a *fragment* (the inner HTML a web page embeds) or as a
full standalone document with the print CSS of ``print.css`` (what the PDF is made from):
both come from the same template, so the page and the PDF never disagree.
"""

from __future__ import annotations

import functools
import gettext
from importlib import resources
from typing import Any, Final

import jinja2
from markupsafe import Markup

from regie.core.production import KIND_LABELS, Production
from regie.documents.i18n import jinja_environment, normalize_locale, translations
from regie.script.elements import CATEGORY_COLOURS, Category, TagStatus, category_label
from regie.script.model import Light

DOMAIN: Final = "documents"


def N_(message: str) -> str:  # noqa: N802  # the gettext convention for "mark, translate later"
    """Mark a string for extraction; it is translated where it is displayed."""
    return message


LIGHT_LABELS: Final[dict[str, str]] = {
    Light.DAY.value: N_("Day"),
    Light.NIGHT.value: N_("Night"),
    Light.DAWN.value: N_("Dawn"),
    Light.DUSK.value: N_("Dusk"),
    Light.UNKNOWN.value: N_("Not stated"),
}

DEPARTMENT_LABELS: Final[dict[str, str]] = {
    "cast": N_("Cast"),
    "production": N_("Production"),
    "direction": N_("Direction"),
    "camera": N_("Camera"),
    "grip": N_("Grip"),
    "electric": N_("Electric"),
    "sound": N_("Sound"),
    "art": N_("Art department"),
    "costume": N_("Costume"),
    "makeup": N_("Hair and make-up"),
    "catering": N_("Catering"),
    "transport": N_("Transport"),
    "other": N_("Other"),
}

STATUS_LABELS: Final[dict[TagStatus, str]] = {
    TagStatus.SUGGESTED: N_("to confirm"),
    TagStatus.ACCEPTED: N_("accepted"),
    TagStatus.REJECTED: N_("rejected"),
    TagStatus.MANUAL: N_("manual"),
}


def css_string(value: object) -> Markup:
    """A CSS string literal for generated content (``@page`` header): quotes, backslashes,
    line breaks and ``<`` are written as CSS escapes, so a title can neither end the string
    nor close the ``<style>`` element it sits in."""
    out = []
    for char in str(value):
        if char in '"\\<>' or char in "\n\r\f" or ord(char) < 0x20:
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return Markup('"' + "".join(out) + '"')  # noqa: S704  # every unsafe char is escaped above


def gettext_for(locale: str) -> gettext.GNUTranslations:
    """The ``documents`` catalog, for strings built in Python (CSV and XLSX headers)."""
    return translations(locale, DOMAIN)


def kind_label(production: Production, locale: str) -> str:
    french, english = KIND_LABELS[production.kind]
    return english if normalize_locale(locale) == "en" else french


@functools.cache
def environment(locale: str) -> jinja2.Environment:
    """The shared (cached) environment of the documents for ``locale``."""
    language = normalize_locale(locale)
    env = jinja_environment(language, DOMAIN, jinja2.PackageLoader("regie.documents", "templates"))
    env.filters["css_string"] = css_string
    env.filters["category_label"] = functools.partial(_category_label, locale=language)
    env.filters["light_label"] = functools.partial(_light_label, locale=language)
    env.filters["department_label"] = functools.partial(_department_label, locale=language)
    env.globals["category_css"] = _category_css_markup
    return env


def _category_css_markup() -> Markup:
    return Markup(category_css())  # noqa: S704  # built from our own constant colour table


def _category_label(category: Category, *, locale: str) -> str:
    return category_label(category, locale)


def _light_label(light: str, *, locale: str) -> str:
    return translations(locale, DOMAIN).gettext(LIGHT_LABELS.get(light, light))


def _department_label(department: str, *, locale: str) -> str:
    """A department key (``Department.value``) in the document's language."""
    return translations(locale, DOMAIN).gettext(DEPARTMENT_LABELS.get(department, department))


def category_css() -> str:
    """One rule per breakdown category giving its customary colour
    (``regie.script.elements.CATEGORY_COLOURS``) by class, so no element needs an inline
    ``style`` (the web pages' content security policy refuses them)."""
    rules = ["/* Category colours (regie.script.elements.CATEGORY_COLOURS) */"]
    for category, colour in CATEGORY_COLOURS.items():
        box = "box-cast" if category is Category.CAST else f"box-{category.value}"
        rules.append(
            f".breakdown-sheet .{box} {{ border-color: {colour}; }}\n"
            f".breakdown-sheet .{box} h3 {{ background-color: {colour}; }}\n"
            f".category-{category.value} {{ --category: {colour}; }}"
        )
    return "\n".join(rules) + "\n"


def stylesheet() -> str:
    """The screen-and-print styles of the document bodies (sheets, boxes, tables) with the
    category colours, for a web page that embeds fragments; the full documents include it
    with ``print.css``."""
    base = (
        resources.files("regie.documents")
        .joinpath("templates", "documents.css")
        .read_text(encoding="utf-8")
    )
    return base + "\n" + category_css()


def render(template: str, locale: str, **context: Any) -> str:
    return environment(locale).get_template(template).render(**context)
