# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/p/{slug}/plans``: the production's backward plans (rétroplannings).

* ``GET /plans``: the plans, and a new one from the template of a programme kind (the
  production's by default), its delivery date and the main board's shoot dates.
* ``GET /plans/{id}``: the Gantt chart (the fragment the PDF is printed from, styled by
  ``/assets/gantt.css``), the critical path, the dates at risk in red, the post-production
  plan per episode, the tasks; a form records a slip (task, working days) or actual
  dates, posting through htmx: the whole plan section comes back recomputed.
* ``GET /plans/{id}.pdf`` and ``.ics``: the Gantt as a PDF, the plan as a calendar.
* ``POST /plans/{id}/clear``, ``/delete``: forget a task's progress, delete the plan.

The production manager edits (``edit_schedule``); the crew reads.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from regie.core.errors import ValidationError
from regie.core.production import ProductionKind
from regie.core.text import t
from regie.documents.gantt import gantt_html, gantt_pdf, plan_ics
from regie.office.roles import Permission
from regie.services import plans
from regie.services.plans import PlanView
from regie.web import views
from regie.web.deps import Page, ProductionPage, web_state
from regie.web.forms import optional_date, optional_whole_number, required_date, whole_number
from regie.web.i18n import N_, request_locale
from regie.web.templating import flash, go_to, is_htmx, render, translate

router = APIRouter()
Text = Annotated[str, Form()]
UID_DOMAIN = "regie.local"  # the CLI's default: both exports give the same event UIDs


def plans_url(slug: str) -> str:
    return f"/p/{slug}/plans"


def plan_url(slug: str, plan_id: int) -> str:
    return f"{plans_url(slug)}/{plan_id}"


def _kind(raw: str) -> ProductionKind | None:
    if not raw:
        return None
    try:
        return ProductionKind(raw)
    except ValueError:
        raise ValidationError(
            t("unknown programme kind '{kind}'", kind=raw),
            field="kind",
            hint=t("Use one of: {kinds}", kinds=", ".join(k.value for k in ProductionKind)),
        ) from None


def _signed_number(text: str, field: str) -> int:
    """A whole number of working days, signed (a slip may be negative: a task done sooner)."""
    clean = text.strip()
    if re.fullmatch(r"[+-]?\d{1,5}", clean) is None:
        raise ValidationError(
            t("'{value}' is not a whole number of days", value=text),
            field=field,
            hint=t("Enter a number of working days, e.g. 5 or -2"),
        )
    return int(clean)


def _file_name(page: ProductionPage, view: PlanView, ext: str) -> str:
    description = re.sub(r"[^A-Za-z0-9]+", "-", view.stored.name).strip("-").lower() or "plan"
    return views.export_name(page.production, "RETROPLANNING", description, view.version, ext)


def _download(content: bytes, media_type: str, filename: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )


# -- the list and a new plan ---------------------------------------------------------------


@router.get("/p/{slug}/plans")
def plan_list(request: Request, page: Page) -> Response:
    db, state = web_state(request).db, web_state(request)
    can_edit = page.can(Permission.EDIT_SCHEDULE)
    return render(
        request,
        "plans/index.html",
        plans=plans.list_plans(db, page.slug, actor=page.user),
        templates=plans.plan_templates(state.rule_dirs) if can_edit else {},
        shoot=plans.shoot_dates(db, page.slug, actor=page.user) if can_edit else None,
        can_edit=can_edit,
        plans_url=plans_url(page.slug),
    )


@router.post("/p/{slug}/plans")
def create_plan(
    request: Request,
    page: Page,
    *,
    delivery: Text = "",
    kind: Text = "",
    name: Text = "",
    episodes: Text = "",
    minutes: Text = "",
    shoot_start: Text = "",
    shoot_end: Text = "",
) -> Response:
    """A new plan; blank shoot dates take the main board's, blank episodes and running
    time the production's."""
    state = web_state(request)
    made = plans.create_plan(
        state.db,
        page.slug,
        actor=page.user,
        delivery=required_date(delivery, "delivery"),
        kind=_kind(kind),
        name=name if name.strip() else None,
        episodes=optional_whole_number(episodes, "episodes"),
        running_minutes=optional_whole_number(minutes, "minutes"),
        shoot_start=optional_date(shoot_start, "shoot_start"),
        shoot_end=optional_date(shoot_end, "shoot_end"),
        rule_dirs=state.rule_dirs,
    )
    flash(
        request, translate(request, N_("Backward plan “%(name)s” created."), name=made.stored.name)
    )
    return go_to(request, plan_url(page.slug, made.id))


# -- one plan ------------------------------------------------------------------------------


def _context(request: Request, page: Page, view: PlanView) -> dict[str, Any]:
    locale = request_locale(request)
    titles = {s.task.id: s.task.label(locale) for s in view.schedule.tasks}
    return {
        "view": view,
        "plan_url": plan_url(page.slug, view.id),
        "gantt": gantt_html(view.schedule, locale=locale, fragment=True),
        "titles": titles,
        "critical": [titles[i] for i in view.schedule.critical_path],
        "progress": [(p, titles[p.task]) for p in view.stored.plan.progress],
        "can_edit": page.can(Permission.EDIT_SCHEDULE),
    }


def _plan(request: Request, page: Page, plan_id: int) -> PlanView:
    return plans.get_plan(web_state(request).db, page.slug, plan_id, actor=page.user)


@router.get("/p/{slug}/plans/{plan_id:int}.pdf")
def plan_pdf(request: Request, page: Page, plan_id: int) -> Response:
    view = _plan(request, page, plan_id)
    data = gantt_pdf(view.schedule, locale=request_locale(request))
    return _download(data, "application/pdf", _file_name(page, view, "pdf"))


@router.get("/p/{slug}/plans/{plan_id:int}.ics")
def plan_calendar(request: Request, page: Page, plan_id: int) -> Response:
    view = _plan(request, page, plan_id)
    data = plan_ics(
        view.schedule,
        plan_id=f"{page.slug}-plan-{view.id}",
        uid_domain=UID_DOMAIN,
        dtstamp=dt.datetime.now(dt.UTC).replace(microsecond=0),
        locale=request_locale(request),
        sequence=view.version - 1,
    )
    return _download(data, "text/calendar; charset=utf-8", _file_name(page, view, "ics"))


@router.get("/p/{slug}/plans/{plan_id:int}")
def plan_page(request: Request, page: Page, plan_id: int) -> Response:
    view = _plan(request, page, plan_id)
    return render(
        request,
        "plans/plan.html",
        plans_url=plans_url(page.slug),
        **_context(request, page, view),
    )


def _edited(request: Request, page: Page, view: PlanView, message: str) -> Response:
    """After an edit: htmx gets the plan section recomputed, a plain form a redirect."""
    if is_htmx(request):
        return render(request, "plans/_plan.html", notice=message, **_context(request, page, view))
    flash(request, message)
    return go_to(request, plan_url(page.slug, view.id))


@router.post("/p/{slug}/plans/{plan_id:int}/slip")
def slip(
    request: Request,
    page: Page,
    plan_id: int,
    *,
    version: Text = "",
    task: Text = "",
    days: Text = "",
    actual_start: Text = "",
    actual_finish: Text = "",
    duration: Text = "",
) -> Response:
    """Record a slip (working days), actual dates or a new duration for one task."""
    view = plans.slip_task(
        web_state(request).db,
        page.slug,
        plan_id,
        whole_number(version, "version"),
        task.strip(),
        actor=page.user,
        days=_signed_number(days, "days") if days.strip() else 0,
        actual_start=optional_date(actual_start, "actual_start"),
        actual_finish=optional_date(actual_finish, "actual_finish"),
        duration=optional_whole_number(duration, "duration"),
    )
    locale = request_locale(request)
    title = view.stored.plan.task(task.strip()).label(locale)
    message = translate(request, N_("Recorded for “%(task)s”."), task=title)
    return _edited(request, page, view, message)


@router.post("/p/{slug}/plans/{plan_id:int}/clear")
def clear(
    request: Request, page: Page, plan_id: int, *, version: Text = "", task: Text = ""
) -> Response:
    view = plans.clear_progress(
        web_state(request).db,
        page.slug,
        plan_id,
        whole_number(version, "version"),
        task.strip(),
        actor=page.user,
    )
    title = view.stored.plan.task(task.strip()).label(request_locale(request))
    message = translate(request, N_("Progress of “%(task)s” forgotten."), task=title)
    return _edited(request, page, view, message)


@router.post("/p/{slug}/plans/{plan_id:int}/delete")
def delete(request: Request, page: Page, plan_id: int, *, version: Text = "") -> Response:
    plans.delete_plan(
        web_state(request).db,
        page.slug,
        plan_id,
        whole_number(version, "version"),
        actor=page.user,
    )
    flash(request, translate(request, N_("Backward plan deleted.")))
    return go_to(request, plans_url(page.slug))
