# SPDX-License-Identifier: AGPL-3.0-or-later
"""``/p/{slug}/people``: the cast (the characters each plays, daily cost) and the crew
(department, job), their contractual rate and its unit, their engagement dates and
unavailability windows.

Birth dates, e-mail, phone, country of residence and the tax credit's nationality condition
are personal data: the services hand them only to the roles allowed to see them, and the
pages show and ask for them only then.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Form, Request
from starlette.responses import Response

from regie.core.choices import choice
from regie.core.errors import ValidationError
from regie.core.text import t
from regie.office.roles import Permission
from regie.schedule.people import (
    Department,
    EngagementFields,
    EngagementKind,
    PersonFields,
    RateUnit,
)
from regie.services import availability, breakdown, people
from regie.web.deps import Page, web_state
from regie.web.forms import (
    optional_date,
    optional_decimal,
    optional_whole_number,
    required_date,
    whole_number,
)
from regie.web.i18n import N_
from regie.web.templating import flash, go_to, render, translate

router = APIRouter()
Text = Annotated[str, Form()]
Many = Annotated[list[str] | None, Form()]


def _kind(text: str) -> EngagementKind:
    return choice(EngagementKind, text, "kind")


def _department(text: str, kind: EngagementKind) -> Department:
    if kind is EngagementKind.CAST:
        return Department.CAST
    return choice(Department, text or Department.OTHER, "department")


def _rate_unit(text: str) -> RateUnit:
    return choice(RateUnit, text or RateUnit.DAY, "pay_unit")


def _engagement(
    *,
    kind: str,
    position: str,
    department: str,
    daily_cost: str,
    pay_rate: str,
    pay_unit: str,
    job_key: str,
    start: str,
    end: str,
    characters: list[str],
    max_daily_minutes: str,
) -> EngagementFields:
    chosen = _kind(kind)
    return EngagementFields(
        kind=chosen,
        position=position,
        department=_department(department, chosen),
        daily_cost=optional_decimal(daily_cost, "daily_cost") or Decimal(0),
        job_key=job_key.strip(),
        start=optional_date(start, "start"),
        end=optional_date(end, "end"),
        characters=tuple(c for c in characters if c.strip()),
        max_daily_minutes=optional_whole_number(max_daily_minutes, "max_daily_minutes"),
        pay_rate=optional_decimal(pay_rate, "pay_rate"),
        pay_unit=_rate_unit(pay_unit),
    )


def _european(text: str) -> bool | None:
    """The nationality condition's select: ``yes``, ``no`` or blank (not stated)."""
    answers: dict[str, bool | None] = {"": None, "yes": True, "no": False}
    try:
        return answers[text.strip()]
    except KeyError:
        raise ValidationError(t("this value is not valid"), field="european") from None


def _person(
    full_name: str, *, birth_date: str, email: str, phone: str, residence: str, european: str
) -> PersonFields:
    return PersonFields(
        full_name=full_name,
        birth_date=optional_date(birth_date, "birth_date"),
        email=email.strip() or None,
        phone=phone.strip() or None,
        residence=residence.strip() or None,
        european=_european(european),
    )


@router.get("/p/{slug}/people")
def people_list(request: Request, page: Page) -> Response:
    db = web_state(request).db
    engaged = people.list_engagements(db, page.slug, actor=page.user)
    characters = [
        c for c in breakdown.list_characters(db, page.slug, actor=page.user) if c.alias_of is None
    ]
    return render(
        request,
        "people/index.html",
        cast=[e for e in engaged if e.kind is EngagementKind.CAST],
        crew=[e for e in engaged if e.kind is EngagementKind.CREW],
        characters=characters,
        can_edit=page.can(Permission.EDIT_PEOPLE),
        can_see_private=page.can(Permission.VIEW_PEOPLE_PRIVATE),
    )


@router.post("/p/{slug}/people")
def engage(
    request: Request,
    page: Page,
    *,
    full_name: Text = "",
    birth_date: Text = "",
    email: Text = "",
    phone: Text = "",
    residence: Text = "",
    european: Text = "",
    kind: Text = "",
    position: Text = "",
    department: Text = "",
    daily_cost: Text = "",
    pay_rate: Text = "",
    pay_unit: Text = "",
    job_key: Text = "",
    start: Text = "",
    end: Text = "",
    characters: Many = None,
    max_daily_minutes: Text = "",
) -> Response:
    """Engage a new person in the production (cast or crew)."""
    page.require(Permission.EDIT_PEOPLE)
    person = _person(
        full_name,
        birth_date=birth_date,
        email=email,
        phone=phone,
        residence=residence,
        european=european,
    )
    fields = _engagement(
        kind=kind, position=position, department=department, daily_cost=daily_cost,
        pay_rate=pay_rate, pay_unit=pay_unit, job_key=job_key, start=start, end=end,
        characters=characters or [], max_daily_minutes=max_daily_minutes,
    )  # fmt: skip
    record = people.engage(web_state(request).db, page.slug, person, fields, actor=page.user)
    flash(request, translate(request, N_("%(name)s is engaged."), name=record.name))
    return go_to(request, f"/p/{page.slug}/people/{record.id}")


@router.get("/p/{slug}/people/{engagement_id}")
def engagement_page(request: Request, page: Page, engagement_id: int) -> Response:
    db = web_state(request).db
    record = people.get_engagement(db, page.slug, engagement_id, actor=page.user)
    characters = [
        c for c in breakdown.list_characters(db, page.slug, actor=page.user) if c.alias_of is None
    ]
    return render(
        request,
        "people/engagement.html",
        engagement=record,
        characters=characters,
        can_edit=page.can(Permission.EDIT_PEOPLE),
        can_see_private=page.can(Permission.VIEW_PEOPLE_PRIVATE),
    )


@router.post("/p/{slug}/people/{engagement_id}")
def update_engagement(
    request: Request,
    page: Page,
    engagement_id: int,
    *,
    kind: Text = "",
    position: Text = "",
    department: Text = "",
    daily_cost: Text = "",
    pay_rate: Text = "",
    pay_unit: Text = "",
    job_key: Text = "",
    start: Text = "",
    end: Text = "",
    characters: Many = None,
    max_daily_minutes: Text = "",
    version: Text = "",
) -> Response:
    fields = _engagement(
        kind=kind, position=position, department=department, daily_cost=daily_cost,
        pay_rate=pay_rate, pay_unit=pay_unit, job_key=job_key, start=start, end=end,
        characters=characters or [], max_daily_minutes=max_daily_minutes,
    )  # fmt: skip
    record = people.update_engagement(
        web_state(request).db,
        page.slug,
        engagement_id,
        fields,
        whole_number(version, "version"),
        actor=page.user,
    )
    flash(request, translate(request, N_("Engagement of %(name)s saved."), name=record.name))
    return go_to(request, f"/p/{page.slug}/people/{engagement_id}")


@router.post("/p/{slug}/people/{engagement_id}/person")
def update_person(
    request: Request,
    page: Page,
    engagement_id: int,
    *,
    full_name: Text = "",
    birth_date: Text = "",
    email: Text = "",
    phone: Text = "",
    residence: Text = "",
    european: Text = "",
    version: Text = "",
) -> Response:
    """The person's name and personal data (roles that may see and edit them)."""
    db = web_state(request).db
    record = people.get_engagement(db, page.slug, engagement_id, actor=page.user)
    people.update_person(
        db,
        page.slug,
        record.person.id,
        _person(
            full_name,
            birth_date=birth_date,
            email=email,
            phone=phone,
            residence=residence,
            european=european,
        ),
        whole_number(version, "version"),
        actor=page.user,
    )
    flash(request, translate(request, N_("%(name)s saved."), name=" ".join(full_name.split())))
    return go_to(request, f"/p/{page.slug}/people/{engagement_id}")


@router.post("/p/{slug}/people/{engagement_id}/remove")
def remove_engagement(
    request: Request, page: Page, engagement_id: int, version: Text = ""
) -> Response:
    db = web_state(request).db
    record = people.get_engagement(db, page.slug, engagement_id, actor=page.user)
    people.remove_engagement(
        db, page.slug, engagement_id, whole_number(version, "version"), actor=page.user
    )
    flash(request, translate(request, N_("%(name)s is no longer engaged."), name=record.name))
    return go_to(request, f"/p/{page.slug}/people")


@router.post("/p/{slug}/people/{engagement_id}/windows")
def add_window(
    request: Request,
    page: Page,
    engagement_id: int,
    *,
    start: Text = "",
    end: Text = "",
    reason: Text = "",
) -> Response:
    availability.add_engagement_window(
        web_state(request).db,
        page.slug,
        engagement_id,
        required_date(start, "start"),
        required_date(end, "end"),
        reason=reason,
        actor=page.user,
    )
    flash(request, translate(request, N_("Unavailability saved.")))
    return go_to(request, f"/p/{page.slug}/people/{engagement_id}")
