# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/p/{slug}/script``: the script's versions, the upload form, the last revision report."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Request, UploadFile
from starlette.responses import RedirectResponse, Response

from regie.core.errors import Conflict, InputError, RegieError, ValidationError
from regie.core.text import t
from regie.office.roles import Permission
from regie.services import scripts
from regie.web.deps import Page, web_state
from regie.web.errors import error_context
from regie.web.i18n import N_
from regie.web.middleware import BodyTooLarge
from regie.web.templating import flash, render, translate

router = APIRouter()
ACCEPTED = ".fountain,.spmd,.txt,.fdx,.pdf"
IMPORTED = N_("Version %(number)s of the script is imported (%(filename)s).")


def _script_page(
    request: Request, page: Page, *, error: RegieError | None = None, status: int = 200
) -> Response:
    state = web_state(request)
    versions = scripts.list_versions(state.db, page.slug, actor=page.user)
    return render(
        request,
        "script/index.html",
        status=status,
        versions=list(reversed(versions)),
        current=versions[-1] if versions else None,
        accepted=ACCEPTED,
        max_mb=state.max_upload_bytes / 1048576,
        **(error_context(request, error, status) if error else {"error": None}),
    )


def _read(file: UploadFile | None, limit: int) -> tuple[str, bytes]:
    if file is None or not file.filename:
        raise ValidationError(t("choose a script file to import"), field="file")
    data = file.file.read(limit + 1)
    if len(data) > limit:
        raise BodyTooLarge(limit)
    return file.filename, data


@router.get("/p/{slug}/script")
def script_page(request: Request, page: Page) -> Response:
    return _script_page(request, page)


@router.post("/p/{slug}/script")
def upload_script(
    request: Request, page: Page, file: Annotated[UploadFile | None, File()] = None
) -> Response:
    """Import the uploaded file as the next version. A file regie cannot read is refused
    with its message on the page (4xx) and nothing is stored."""
    # The service checks the role too, but only after parsing: refuse before reading.
    page.require(Permission.IMPORT_SCRIPT)
    state = web_state(request)
    try:
        filename, data = _read(file, state.max_upload_bytes)
        version = scripts.import_script(state.db, page.slug, filename, data, actor=page.user)
    except InputError as refused:
        return _script_page(request, page, error=refused, status=refused.http_status)
    except Conflict as refused:  # the same file as the current version
        return _script_page(request, page, error=refused, status=refused.http_status)
    message = translate(
        request,
        IMPORTED,
        number=version.number,
        filename=version.filename,
    )
    flash(request, message)
    return RedirectResponse(f"/p/{page.slug}/script", status_code=303)
