# SPDX-License-Identifier: AGPL-3.0-or-later
"""What the cost pages share: URLs, today's date in Paris, uploads, downloads, the
permissions the templates ask about and the words of statuses and actions."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Final

from fastapi import File, Form, Request, UploadFile
from starlette.responses import Response

from regie.core.errors import InputError, ValidationError
from regie.core.text import t
from regie.documents.cost_report import cash_in
from regie.finance.actuals import ExpenseAction
from regie.office.roles import Permission
from regie.services import actuals
from regie.web.deps import ProductionPage
from regie.web.i18n import N_, PARIS, request_locale

Text = Annotated[str, Form()]
Upload = Annotated[UploadFile | None, File()]
XLSX: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD: Final = actuals.MAX_FILE_BYTES
STATUS_LABELS: Final = {
    "draft": N_("Draft"),
    "submitted": N_("Submitted"),
    "approved": N_("Approved"),
    "rejected": N_("Rejected"),
    "paid": N_("Paid"),
    "open": N_("Outstanding"),
    "closed": N_("Closed"),
    "cancelled": N_("Cancelled"),
}
ACTION_LABELS: Final = {
    ExpenseAction.SUBMIT: N_("Submit"),
    ExpenseAction.APPROVE: N_("Approve"),
    ExpenseAction.REJECT: N_("Reject"),
    ExpenseAction.PAY: N_("Mark paid"),
}


def costs_url(slug: str) -> str:
    return f"/p/{slug}/costs"


def today() -> dt.date:
    return dt.datetime.now(tz=PARIS).date()


def download(content: bytes, media_type: str, filename: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )


def read_upload(file: UploadFile | None, what: str) -> tuple[str, bytes]:
    if file is None or not file.filename:
        raise ValidationError(t("choose a file to upload"), field="file")
    data = file.file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise InputError(
            t("the file is larger than {mb} MB", mb=MAX_UPLOAD // (1024 * 1024)), where=what
        )
    return file.filename, data


def context(request: Request, page: ProductionPage, tab: str) -> dict[str, Any]:
    """What every cost page's template gets: its sub-tab and what the visitor may do."""
    can = {p.value: page.can(p) for p in _SHOWN}
    return {
        "cash": cash_in(request_locale(request), page.production.currency),
        "costs_url": costs_url(page.slug),
        "costs_tab": tab,
        "active_tab": "costs",
        "can": can,
        "status_labels": STATUS_LABELS,
    }


_SHOWN: Final = (
    Permission.VIEW_COSTS,
    Permission.EDIT_ACTUALS,
    Permission.SUBMIT_EXPENSES,
    Permission.APPROVE_EXPENSES,
    Permission.PAY_EXPENSES,
)


def safe_name(name: str) -> str:
    """A file name fit for a ``content-disposition`` header."""
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in name) or "document"


def inline(data: bytes, media_type: str, name: str) -> Response:
    return Response(
        data,
        media_type=media_type,
        headers={"content-disposition": f'inline; filename="{safe_name(name)}"'},
    )
