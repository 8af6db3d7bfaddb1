# SPDX-License-Identifier: AGPL-3.0-or-later
"""Small presentation helpers shared by the pages: strip colours, page ranges, file names."""

from __future__ import annotations

import datetime as dt

from regie.core.production import Production
from regie.script.catalog import BreakdownSheet, SceneRecord
from regie.script.elements import Category
from regie.script.model import IntExt, Light


def strip_class(scene: SceneRecord) -> str:
    """The stripboard colour of a scene: INT day white, EXT day yellow, INT night blue,
    EXT night green (INT/EXT counts as exterior; dawn, dusk and unstated as day)."""
    outside = "ext" if scene.int_ext in (IntExt.EXT, IntExt.INT_EXT) else "int"
    light = "night" if scene.light is Light.NIGHT else "day"
    return f"strip-{outside}-{light}"


def pages(scene: SceneRecord) -> str:
    if scene.last_page == scene.first_page:
        return str(scene.first_page)
    return f"{scene.first_page}–{scene.last_page}"


def cast(sheet: BreakdownSheet) -> list[str]:
    """The cast on a scene's sheet (accepted and manual tags, merged names resolved)."""
    return [t.name for t in sheet.tags if t.category is Category.CAST and t.status.counts]


def export_name(
    production: Production, doc_type: str, description: str, version: int, ext: str
) -> str:
    """A file name that follows the production folder's rule:
    ``CODE_AAAAMMJJ_TYPE_description_vNN.ext`` (the script version as ``vNN``)."""
    today = dt.datetime.now(tz=dt.UTC).astimezone().strftime("%Y%m%d")
    return f"{production.code}_{today}_{doc_type}_{description}_v{version:02d}.{ext}"
