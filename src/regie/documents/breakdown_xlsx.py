# SPDX-License-Identifier: AGPL-3.0-or-later
"""The breakdown as an Excel workbook (openpyxl).

Sheet "Dépouillement" / "Breakdown": one row per scene, a column per category (elements
joined by ", "), header row and scene column frozen, rows filled with the stripboard
colours customary since the paper boards (Movie Magic keeps them): INT day white, EXT day
yellow, INT night blue, EXT night green. Light tints of those colours keep the text
readable. Dawn, dusk and unstated times print as day; INT/EXT scenes as exteriors.

Sheet "Éléments" / "Elements": one row per element (same category and same name up to
case and spacing) with the scenes it appears in, how many, and the largest quantity asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from regie.core.eighths import format_eighths
from regie.core.production import Production
from regie.documents.i18n import normalize_locale
from regie.documents.templating import gettext_for
from regie.script.catalog import BreakdownSheet, SceneRecord, TagRecord
from regie.script.elements import Category, TagStatus, category_label, element_key
from regie.script.model import IntExt, Light

# ARGB fills by (exterior, night).
STRIP_FILLS: Final[dict[tuple[bool, bool], str]] = {
    (False, False): "FFFFFFFF",  # INT day: white
    (True, False): "FFFFF59D",  # EXT day: yellow
    (False, True): "FF9FC5E8",  # INT night: blue
    (True, True): "FFB6D7A8",  # EXT night: green
}
HEADER_FILL: Final = "FFD9D9D9"
_SCENE_WIDTHS: Final = (8, 42, 9, 28, 14, 9, 8, 9)
_CATEGORY_WIDTH: Final = 26


def strip_fill(scene: SceneRecord) -> str:
    """The ARGB colour of a scene's strip (see the module docstring)."""
    exterior = scene.int_ext in (IntExt.EXT, IntExt.INT_EXT)
    return STRIP_FILLS[(exterior, scene.light is Light.NIGHT)]


@dataclass(slots=True)
class _ElementRow:
    category: Category
    name: str
    scenes: list[str] = field(default_factory=list)
    quantity: int | None = None


def _shown_name(tag: TagRecord, to_confirm: str) -> str:
    name = tag.name if tag.quantity is None else f"{tag.name} × {tag.quantity}"
    return f"{name} ({to_confirm})" if tag.status is TagStatus.SUGGESTED else name


def _write_row(sheet: Any, row: int, values: Sequence[object]) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column, value=value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # text from a script is never a formula


def _style_header(sheet: Any, columns: int) -> None:
    for column in range(1, columns + 1):
        cell = sheet.cell(row=1, column=column)
        cell.font = Font(bold=True)
        cell.fill = PatternFill(fill_type="solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "B2"  # header row and scene numbers stay in view
    sheet.auto_filter.ref = sheet.dimensions


def breakdown_xlsx(
    sheets: Sequence[BreakdownSheet],
    production: Production,
    *,
    locale: str = "fr",
    include_suggested: bool = False,
) -> bytes:
    """The workbook as ``.xlsx`` bytes; its title property is "<production> — Dépouillement"."""
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    to_confirm = _("to confirm")
    book = Workbook()
    board = book.active
    board.title = _("Breakdown")
    header = [
        _("Scene"),
        _("Heading"),
        _("INT/EXT"),
        _("Set"),
        _("Time of day"),
        _("Length"),
        _("Eighths"),
        _("Pages"),
        *(category_label(c, language) for c in Category),
    ]
    _write_row(board, 1, header)
    elements: dict[tuple[Category, str], _ElementRow] = {}
    for row, sheet in enumerate(sheets, start=2):
        scene = sheet.scene
        grouped = sheet.by_category(include_suggested=include_suggested)
        pages = str(scene.first_page)
        if scene.last_page != scene.first_page:
            pages = f"{scene.first_page}–{scene.last_page}"
        values: list[object] = [
            scene.label,
            scene.heading,
            scene.int_ext.value if scene.int_ext else "",
            scene.set_name,
            scene.time_of_day or "",
            format_eighths(scene.eighths),
            scene.eighths,
            pages,
            *(", ".join(_shown_name(t, to_confirm) for t in grouped.get(c, ())) for c in Category),
        ]
        _write_row(board, row, values)
        colour = strip_fill(scene)
        for column in range(1, len(values) + 1):
            cell = board.cell(row=row, column=column)
            cell.fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        for tags in grouped.values():
            for tag in tags:
                entry = elements.setdefault(
                    (tag.category, element_key(tag.name)), _ElementRow(tag.category, tag.name)
                )
                if scene.label not in entry.scenes:
                    entry.scenes.append(scene.label)
                if tag.quantity is not None:
                    entry.quantity = max(entry.quantity or 0, tag.quantity)
    _style_header(board, len(header))
    for index, width in enumerate(_SCENE_WIDTHS, start=1):
        board.column_dimensions[get_column_letter(index)].width = width
    for index in range(len(_SCENE_WIDTHS) + 1, len(header) + 1):
        board.column_dimensions[get_column_letter(index)].width = _CATEGORY_WIDTH

    listing = book.create_sheet(_("Elements"))
    _write_row(
        listing,
        1,
        [_("Category"), _("Element"), _("Scenes"), _("Number of scenes"), _("Largest quantity")],
    )
    order = {c: i for i, c in enumerate(Category)}
    rows = sorted(elements.values(), key=lambda e: order[e.category])  # stable: first seen
    for row, entry in enumerate(rows, start=2):
        _write_row(
            listing,
            row,
            [
                category_label(entry.category, language),
                entry.name,
                ", ".join(entry.scenes),
                len(entry.scenes),
                entry.quantity,
            ],
        )
    _style_header(listing, 5)
    for letter, width in zip("ABCDE", (26, 36, 40, 12, 12), strict=True):
        listing.column_dimensions[letter].width = width

    book.properties.title = f"{production.title} — {_('Breakdown')}"
    book.properties.creator = "regie"
    book.properties.language = language
    out = BytesIO()
    book.save(out)
    return out.getvalue()
