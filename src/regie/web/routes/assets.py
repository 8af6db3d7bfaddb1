# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/assets/documents.css``: the document styles (the same as the PDFs), category colours
included as classes; ``/assets/gantt.css``: the backward plan's Gantt chart."""

from __future__ import annotations

import functools

from fastapi import APIRouter
from starlette.responses import Response

from regie.documents.gantt import gantt_stylesheet
from regie.documents.templating import stylesheet

router = APIRouter()


@functools.cache
def documents_css() -> str:
    return stylesheet()


@router.get("/assets/documents.css", include_in_schema=False)
def documents_stylesheet() -> Response:
    return Response(
        documents_css(),
        media_type="text/css; charset=utf-8",
        headers={"cache-control": "public, max-age=3600"},
    )


@functools.cache
def gantt_css() -> str:
    return gantt_stylesheet()


@router.get("/assets/gantt.css", include_in_schema=False)
def gantt_style() -> Response:
    return Response(
        gantt_css(),
        media_type="text/css; charset=utf-8",
        headers={"cache-control": "public, max-age=3600"},
    )
