# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/p/{slug}/media``: the Médias section — verified offloads and technical QC run as
background jobs (:mod:`regie.jobs.media`) whose status fragment the page polls with htmx,
the QC report and its PDF/CSV/JSON; the storage plan, formats and archive pages
(:mod:`regie.web.routes.media_plans`) and the deliverables
(:mod:`regie.web.routes.media_deliverables`) hang from the same router.

Every folder a form names is checked against the media roots of the server
(:mod:`regie.services.media_paths`): the production folder the server runs from, the
roots its ``regie.toml`` lists and ``REGIE_MEDIA_ROOTS``.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Form, Request
from markupsafe import Markup
from starlette.responses import RedirectResponse, Response

from regie.core.errors import NotFound
from regie.core.jobs import JobStatus
from regie.core.text import t
from regie.documents import media_qc
from regie.jobs import media as media_jobs
from regie.media.transfer import HashAlgorithm
from regie.office.roles import Permission
from regie.services import media as media_service
from regie.services import rule_packs
from regie.services.media_reports import report_from_json
from regie.web.deps import Page, web_state
from regie.web.forms import checked
from regie.web.i18n import request_locale
from regie.web.media_views import MediaJobView, media_job_view, recent_jobs, roots_for
from regie.web.routes import media_deliverables, media_plans
from regie.web.templating import is_htmx, render

router = APIRouter()
router.include_router(media_plans.router)
router.include_router(media_deliverables.router)

DOWNLOADS = {
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


def base_url(slug: str) -> str:
    return f"/p/{slug}/media"


def _may_work(page: Page) -> bool:
    return page.can(Permission.MANAGE_MEDIA)


def _require_work(page: Page) -> None:
    if not _may_work(page):
        raise media_service.media_denied(page.slug)


def qc_specs(request: Request) -> list[rule_packs.PackInfo]:
    """The QC specs a production may choose: the ``media-spec-*`` packs in use."""
    packs = rule_packs.list_packs(web_state(request).rule_dirs)
    return [p for p in packs if p.pack_id.startswith(media_jobs.SPEC_PREFIX)]


@router.get("/p/{slug}/media")
def media_home(request: Request, page: Page) -> Response:
    page.require(Permission.VIEW_SCHEDULE)
    roots = roots_for(request)
    return render(
        request,
        "media/index.html",
        active_tab="media",
        roots=roots.roots,
        may_work=_may_work(page),
        offloads=recent_jobs(request, page, media_jobs.OFFLOAD),
        qc_runs=recent_jobs(request, page, media_jobs.QC),
    )


# --- offload ------------------------------------------------------------------------------


@router.get("/p/{slug}/media/offload")
def offload_form(request: Request, page: Page) -> Response:
    page.require(Permission.VIEW_SCHEDULE)
    return render(
        request,
        "media/offload.html",
        active_tab="media",
        may_work=_may_work(page),
        roots=roots_for(request).roots,
        algorithms=media_jobs.OFFLOAD_ALGORITHMS,
        default_algorithm=HashAlgorithm.XXH128.value,
        jobs=recent_jobs(request, page, media_jobs.OFFLOAD),
    )


def _started(request: Request, page: Page, job_id: int) -> Response:
    if is_htmx(request):
        return _job_fragment(request, page, media_job_view(request, page, job_id))
    return RedirectResponse(f"{base_url(page.slug)}/jobs/{job_id}", status_code=303)


@router.post("/p/{slug}/media/offload")
def start_offload(
    request: Request,
    page: Page,
    *,
    source: Annotated[str, Form()] = "",
    destinations: Annotated[str, Form()] = "",
    algorithm: Annotated[str, Form()] = HashAlgorithm.XXH128.value,
) -> Response:
    """Queue the offload of ``source`` into each destination (one per line)."""
    _require_work(page)
    state = web_state(request)
    job_id = media_jobs.submit_offload(
        state.db, page.slug, source, destinations.splitlines(), algorithm,
        actor=page.user, roots=roots_for(request), runner=state.runner,
    )  # fmt: skip
    return _started(request, page, job_id)


# --- QC -----------------------------------------------------------------------------------


@router.get("/p/{slug}/media/qc")
def qc_form(request: Request, page: Page) -> Response:
    page.require(Permission.VIEW_SCHEDULE)
    return render(
        request,
        "media/qc.html",
        active_tab="media",
        may_work=_may_work(page),
        roots=roots_for(request).roots,
        specs=qc_specs(request),
        jobs=recent_jobs(request, page, media_jobs.QC),
    )


@router.post("/p/{slug}/media/qc")
def start_qc(
    request: Request,
    page: Page,
    *,
    paths: Annotated[str, Form()] = "",
    spec: Annotated[str, Form()] = "media-spec-house",
    full: Annotated[str, Form()] = "",
) -> Response:
    """Queue a QC run of the files and card folders of ``paths`` (one per line)."""
    _require_work(page)
    state = web_state(request)
    known = {p.pack_id for p in qc_specs(request)}
    if spec not in known:
        raise NotFound(
            t("no QC spec '{spec}'", spec=spec),
            hint=t("Use one of: {specs}", specs=", ".join(sorted(known))),
        )
    job_id = media_jobs.submit_qc(
        state.db, page.slug, paths.splitlines(), spec, full=checked(full),
        actor=page.user, roots=roots_for(request), rule_dirs=state.rule_dirs,
        runner=state.runner,
    )  # fmt: skip
    return _started(request, page, job_id)


# --- a job: its page, its fragment, the QC report's downloads ----------------------------


def _report_html(request: Request, job: MediaJobView) -> Markup | None:
    if job.kind != media_jobs.QC or job.status != JobStatus.DONE.value:
        return None
    report = report_from_json(job.result["report"])
    html = media_qc.qc_html(report, locale=request_locale(request), fragment=True)
    return Markup(html)  # noqa: S704 - rendered by the documents' autoescaping templates


def _job_fragment(request: Request, page: Page, job: MediaJobView) -> Response:
    return render(
        request,
        "media/_job.html",
        job=job,
        report_html=_report_html(request, job),
        base=base_url(page.slug),
    )


@router.get("/p/{slug}/media/jobs/{job_id}")
def media_job(request: Request, page: Page, job_id: int) -> Response:
    """The job's status fragment (htmx polls it); a plain visit gets its page."""
    job = media_job_view(request, page, job_id)
    if is_htmx(request):
        return _job_fragment(request, page, job)
    return render(
        request,
        "media/job.html",
        active_tab="media",
        job=job,
        report_html=_report_html(request, job),
        base=base_url(page.slug),
    )


@router.get("/p/{slug}/media/jobs/{job_id}/report.{extension}")
def qc_download(request: Request, page: Page, job_id: int, extension: str) -> Response:
    """The QC report of a finished job as PDF, CSV or JSON, in the visitor's language."""
    job = media_job_view(request, page, job_id)
    if (
        job.kind != media_jobs.QC
        or job.status != JobStatus.DONE.value
        or extension not in DOWNLOADS
    ):
        raise NotFound(t("no QC report for job #{id}", id=job_id), hint=t("Wait for the QC to end"))
    report = report_from_json(job.result["report"])
    locale = request_locale(request)
    if extension == "pdf":
        body: bytes = media_qc.qc_pdf(report, locale=locale)
    elif extension == "csv":
        body = media_qc.qc_csv(report, locale=locale).encode("utf-8")
    else:
        text = json.dumps(media_qc.qc_json(report, locale=locale), ensure_ascii=False, indent=2)
        body = (text + "\n").encode("utf-8")
    name = f"qc-{page.production.code}-{job_id}.{extension}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type=DOWNLOADS[extension], headers=headers)
