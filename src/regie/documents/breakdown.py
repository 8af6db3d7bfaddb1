# SPDX-License-Identifier: AGPL-3.0-or-later
"""The breakdown sheet (feuille de dépouillement) of a scene: HTML, PDF and CSV; the XLSX
workbook lives in :mod:`regie.documents.breakdown_xlsx` and is re-exported here.

The sheet is laid out as production offices expect it: a header block (production, scene
number, heading, INT/EXT, set, time of day, length in eighths, pages, script version), the
synopsis, the numbered cast, then one coloured box per category (customary breakdown
colours, :data:`~regie.script.elements.CATEGORY_COLOURS`) and the scene notes.

Elements are the accepted and manual tags; with ``include_suggested=True`` the suggestions
not yet reviewed are added, in italics and marked "à confirmer" / "to confirm". Rejected
suggestions never print.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from regie.core.eighths import format_eighths
from regie.core.production import Production
from regie.documents.breakdown_xlsx import breakdown_xlsx
from regie.documents.i18n import normalize_locale
from regie.documents.pdf import html_to_pdf
from regie.documents.templating import (
    LIGHT_LABELS,
    STATUS_LABELS,
    gettext_for,
    kind_label,
    render,
)
from regie.script.body import BodyLine, decode_body
from regie.script.catalog import BreakdownSheet, SceneRecord, TagRecord
from regie.script.elements import CATEGORY_COLOURS, Category, TagStatus, category_label

__all__ = [
    "BoxView",
    "ItemView",
    "SheetView",
    "breakdown_csv",
    "breakdown_pdf",
    "breakdown_sheet_html",
    "breakdown_xlsx",
    "sheet_view",
]


@dataclass(frozen=True, slots=True)
class ItemView:
    """One element as printed in its category box."""

    name: str
    quantity: int | None
    note: str
    suggested: bool  # a suggestion not yet reviewed (printed "à confirmer")


@dataclass(frozen=True, slots=True)
class BoxView:
    category: Category
    label: str  # in the document's locale
    colour: str  # "#rrggbb"
    items: tuple[ItemView, ...]


@dataclass(frozen=True, slots=True)
class SheetView:
    """What the sheet template prints, in the document's locale."""

    scene: SceneRecord
    pages: str  # "12" or "12–13"
    time: str  # the time of day as written ("JOUR"), else the day/night category
    cast: BoxView
    boxes: tuple[BoxView, ...]  # every category but cast, in the customary order
    text: tuple[BodyLine, ...]  # the scene's text, when asked for


def _item(tag: TagRecord) -> ItemView:
    return ItemView(tag.name, tag.quantity, tag.note, tag.status is TagStatus.SUGGESTED)


def sheet_view(
    sheet: BreakdownSheet,
    *,
    locale: str = "fr",
    include_suggested: bool = False,
    include_text: bool = False,
) -> SheetView:
    """Prepare one scene's sheet for the templates (boxes in category order)."""
    language = normalize_locale(locale)
    scene = sheet.scene
    grouped = sheet.by_category(include_suggested=include_suggested)
    boxes = {
        category: BoxView(
            category,
            category_label(category, language),
            CATEGORY_COLOURS[category],
            tuple(_item(t) for t in grouped.get(category, ())),
        )
        for category in Category
    }
    pages = str(scene.first_page)
    if scene.last_page != scene.first_page:
        pages = f"{scene.first_page}–{scene.last_page}"
    time = scene.time_of_day or gettext_for(language).gettext(LIGHT_LABELS[scene.light.value])
    return SheetView(
        scene=scene,
        pages=pages,
        time=time,
        cast=boxes.pop(Category.CAST),
        boxes=tuple(boxes.values()),
        text=decode_body(scene.body) if include_text else (),
    )


def breakdown_sheet_html(
    sheet: BreakdownSheet,
    production: Production,
    *,
    locale: str = "fr",
    script_version: int | None = None,
    fragment: bool = False,
    include_suggested: bool = False,
    include_text: bool = False,
) -> str:
    """One scene's breakdown sheet as HTML.

    ``fragment=True``: the ``<article>`` a web page embeds (styles from
    :func:`regie.documents.templating.stylesheet`); else a standalone document with the
    print CSS, the one :func:`breakdown_pdf` prints.
    """
    view = sheet_view(
        sheet, locale=locale, include_suggested=include_suggested, include_text=include_text
    )
    return _render([view], production, locale, script_version, fragment=fragment)


def _render(
    views: Sequence[SheetView],
    production: Production,
    locale: str,
    script_version: int | None,
    *,
    fragment: bool,
) -> str:
    template = "breakdown/sheet.html" if fragment else "breakdown/document.html"
    return render(
        template,
        locale,
        view=views[0] if views else None,
        views=views,
        production=production,
        kind=kind_label(production, locale),
        script_version=script_version,
    )


def breakdown_pdf(
    sheets: Sequence[BreakdownSheet],
    production: Production,
    *,
    locale: str = "fr",
    script_version: int | None = None,
    include_suggested: bool = False,
) -> bytes:
    """The breakdown sheets as one PDF, one scene per page (a sheet with very many
    elements continues on a second page). One sheet gives a single-scene PDF."""
    views = [sheet_view(s, locale=locale, include_suggested=include_suggested) for s in sheets]
    return html_to_pdf(_render(views, production, locale, script_version, fragment=False))


def breakdown_csv(
    sheets: Sequence[BreakdownSheet], *, locale: str = "fr", include_suggested: bool = False
) -> str:
    """One row per (scene, element), headers in the locale; a scene without elements
    still has one row (element columns empty), so the export lists every scene.

    RFC 4180: comma-separated, CRLF line ends, fields with commas, quotes or line breaks
    quoted and inner quotes doubled. The text starts with a UTF-8 byte-order mark
    (U+FEFF): write it as UTF-8 and Excel opens the accents right (without the mark, Excel
    reads a CSV in the machine's legacy code page). Columns: scene, heading, INT/EXT, set,
    time of day, length ("1 3/8"), length in eighths (integer), category code, category
    label, element, quantity, status, note.
    """
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    header = [
        _("Scene"),
        _("Heading"),
        _("INT/EXT"),
        _("Set"),
        _("Time of day"),
        _("Length"),
        _("Eighths"),
        _("Category code"),
        _("Category"),
        _("Element"),
        _("Quantity"),
        _("Status"),
        _("Note"),
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for sheet in sheets:
        scene = sheet.scene
        head = [
            scene.label,
            scene.heading,
            scene.int_ext.value if scene.int_ext else "",
            scene.set_name,
            scene.time_of_day or "",
            format_eighths(scene.eighths),
            str(scene.eighths),
        ]
        tags = [
            t for ts in sheet.by_category(include_suggested=include_suggested).values() for t in ts
        ]
        if not tags:
            writer.writerow([*head, "", "", "", "", "", ""])
        for tag in tags:
            writer.writerow(
                [
                    *head,
                    tag.category.value,
                    category_label(tag.category, language),
                    tag.name,
                    "" if tag.quantity is None else str(tag.quantity),
                    _(STATUS_LABELS[tag.status]),
                    tag.note,
                ]
            )
    return "\ufeff" + buffer.getvalue()
