# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/p/{slug}/media/deliverables``: the deliverables list (livrables) — add a template's
items and the contract's extras, move each item through its statuses (the buttons offer
only the moves the domain allows; each form carries the version the user saw), set due
dates and notes, and check a delivered master against its outlet's spec (a job: the row
shows its progress, then the findings)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from regie.core.text import render as render_text
from regie.documents.i18n import error_messages
from regie.jobs import media as media_jobs
from regie.media.catalog import DeliverableRecord
from regie.media.deliverables import TRANSITIONS, DeliverableStatus
from regie.office.roles import Permission
from regie.services import media as media_service
from regie.web.deps import Page, web_state
from regie.web.forms import optional_date, whole_number
from regie.web.i18n import N_, request_locale
from regie.web.media_views import media_job_view, roots_for
from regie.web.templating import flash, go_to, is_htmx, render, translate

router = APIRouter()

STATUS_LABELS: dict[DeliverableStatus, str] = {
    DeliverableStatus.PLANNED: N_("Planned"),
    DeliverableStatus.IN_PROGRESS: N_("In progress"),
    DeliverableStatus.DELIVERED: N_("Delivered"),
    DeliverableStatus.ACCEPTED: N_("Accepted"),
    DeliverableStatus.REJECTED: N_("Rejected"),
    DeliverableStatus.WAIVED: N_("Waived"),
}
SEVERITY_LABELS = {"error": N_("error"), "warning": N_("warning"), "info": N_("information")}
ADDED = N_("%(count)s deliverables added.")


@dataclass(frozen=True, slots=True)
class FindingRow:
    check: str
    severity: str
    message: str
    expected: str
    measured: str
    rules: str


@dataclass(frozen=True, slots=True)
class DeliverableRow:
    record: DeliverableRecord
    title: str
    status: str  # its label
    moves: tuple[tuple[str, str], ...]  # (status, label) the domain allows from here
    overdue: bool
    findings: tuple[FindingRow, ...]


def _row(record: DeliverableRecord, locale: str, today: dt.date) -> DeliverableRow:
    gettext = error_messages(locale)
    status = record.item.status
    findings: tuple[FindingRow, ...] = ()
    if record.check is not None:
        findings = tuple(
            FindingRow(
                f.check,
                f.severity.value,
                render_text(f.message, gettext),
                f.expected,
                f.measured,
                "; ".join(f"{c.pack} {c.key} ({c.status.value})" for c in f.cited),
            )
            for f in record.check.findings
        )
    return DeliverableRow(
        record=record,
        title=record.item.title_en if locale == "en" else record.item.title_fr,
        status=STATUS_LABELS[status],
        moves=tuple(
            (s.value, STATUS_LABELS[s]) for s in DeliverableStatus if s in TRANSITIONS[status]
        ),
        overdue=record.overdue(today),
        findings=findings,
    )


def deliverables_url(slug: str) -> str:
    return f"/p/{slug}/media/deliverables"


@router.get("/p/{slug}/media/deliverables")
def deliverables_page(request: Request, page: Page) -> Response:
    page.require(Permission.VIEW_SCHEDULE)
    state = web_state(request)
    locale = request_locale(request)
    today = dt.date.today()  # noqa: DTZ011 - the date a person reads, zone-free
    records = media_service.list_deliverables(state.db, page.slug, actor=page.user)
    rows = [_row(r, locale, today) for r in records]
    return render(
        request,
        "media/deliverables.html",
        active_tab="media",
        rows=rows,
        templates=media_service.templates(state.rule_dirs),
        may_work=page.can(Permission.MANAGE_MEDIA),
        severity_labels=SEVERITY_LABELS,
        base=deliverables_url(page.slug),
    )


@router.post("/p/{slug}/media/deliverables")
def add_deliverables(
    request: Request,
    page: Page,
    *,
    template: Annotated[str, Form()] = "",
    extras: Annotated[str, Form()] = "",
    due: Annotated[str, Form()] = "",
) -> Response:
    """Add a template's items and the contract's extras (one per line)."""
    state = web_state(request)
    added = media_service.add_deliverables(
        state.db, page.slug, actor=page.user, template=template.strip() or None,
        extras=extras.splitlines(), due=optional_date(due, "due"), rule_dirs=state.rule_dirs,
    )  # fmt: skip
    flash(request, translate(request, ADDED, count=len(added)))
    return go_to(request, deliverables_url(page.slug))


@router.post("/p/{slug}/media/deliverables/{deliverable_id}/status")
def move_deliverable(
    request: Request,
    page: Page,
    deliverable_id: int,
    *,
    status: Annotated[str, Form()],
    version: Annotated[str, Form()],
    note: Annotated[str, Form()] = "",
) -> Response:
    state = web_state(request)
    media_service.advance_status(
        state.db, page.slug, deliverable_id, status,
        expected_version=whole_number(version, "version"), actor=page.user, note=note,
    )  # fmt: skip
    return go_to(request, f"{deliverables_url(page.slug)}#deliverable-{deliverable_id}")


@router.post("/p/{slug}/media/deliverables/{deliverable_id}/edit")
def edit_deliverable(
    request: Request,
    page: Page,
    deliverable_id: int,
    *,
    version: Annotated[str, Form()],
    due: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> Response:
    state = web_state(request)
    media_service.edit_deliverable(
        state.db, page.slug, deliverable_id, expected_version=whole_number(version, "version"),
        actor=page.user, due=optional_date(due, "due"), note=note,
    )  # fmt: skip
    return go_to(request, f"{deliverables_url(page.slug)}#deliverable-{deliverable_id}")


@router.post("/p/{slug}/media/deliverables/{deliverable_id}/delete")
def delete_deliverable(
    request: Request, page: Page, deliverable_id: int, *, version: Annotated[str, Form()]
) -> Response:
    state = web_state(request)
    media_service.delete_deliverable(
        state.db, page.slug, deliverable_id, expected_version=whole_number(version, "version"),
        actor=page.user,
    )  # fmt: skip
    return go_to(request, deliverables_url(page.slug))


@router.post("/p/{slug}/media/deliverables/{deliverable_id}/check")
def check_master(
    request: Request, page: Page, deliverable_id: int, *, path: Annotated[str, Form()] = ""
) -> Response:
    """Queue the check of the delivered master at ``path`` (inside the media roots)."""
    state = web_state(request)
    job_id = media_jobs.submit_check(
        state.db, page.slug, deliverable_id, path, actor=page.user,
        roots=roots_for(request), rule_dirs=state.rule_dirs, runner=state.runner,
    )  # fmt: skip
    if is_htmx(request):
        job = media_job_view(request, page, job_id)
        return render(
            request, "media/_job.html", job=job, report_html=None, base=f"/p/{page.slug}/media"
        )
    return go_to(request, f"/p/{page.slug}/media/jobs/{job_id}")
