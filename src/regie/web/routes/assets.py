# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/assets/documents.css``: the document styles (the same as the PDFs), with the
breakdown category colours as classes, since the page's CSP refuses inline styles."""

from __future__ import annotations

import functools

from fastapi import APIRouter
from starlette.responses import Response

from regie.documents.templating import stylesheet
from regie.script.elements import CATEGORY_COLOURS, Category

router = APIRouter()


@functools.cache
def documents_css() -> str:
    rules = [stylesheet(), "/* Category colours (regie.script.elements.CATEGORY_COLOURS) */"]
    for category, colour in CATEGORY_COLOURS.items():
        box = "box-cast" if category is Category.CAST else f"box-{category.value}"
        rules.append(
            f".breakdown-sheet .{box} {{ border-color: {colour}; }}\n"
            f".breakdown-sheet .{box} h3 {{ background-color: {colour}; }}\n"
            f".category-{category.value} {{ --category: {colour}; }}"
        )
    return "\n".join(rules) + "\n"


@router.get("/assets/documents.css", include_in_schema=False)
def documents_stylesheet() -> Response:
    return Response(
        documents_css(),
        media_type="text/css; charset=utf-8",
        headers={"cache-control": "public, max-age=3600"},
    )
