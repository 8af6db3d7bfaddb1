# SPDX-License-Identifier: AGPL-3.0-or-later
"""Call sheets (feuilles de service) on the web.

* ``/p/{slug}/boards/{board}/days/{day}/callsheet``: the day's sheet as it stands (the
  fragment the PDF is printed from), the form of what the office enters (weather,
  parking, hospital, meals, pick-ups, safety, harassment-prevention contact; saved
  through htmx with the version it was opened at), the issue button and the issued
  versions with their stale flag.
* ``/p/{slug}/callsheets/{id}``: an issued version as it was frozen, its PDF, the send
  button and the confirmation board (sent / opened / confirmed, people not reachable).
* ``/c/{token}``: a recipient's personal link, no sign-in: the frozen sheet and the
  "I confirm" button. Its form carries the session's CSRF token like every form (the
  visitor's session is made on the GET), so the app-wide check holds unchanged.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from fastapi import APIRouter, Request
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from regie.core.errors import NotFound, ValidationError
from regie.core.text import t
from regie.documents.callsheet import call_sheet_css, call_sheet_fragment, call_sheet_pdf
from regie.office.callsheet import CallSheet, CallSheetExtras, Pickup
from regie.office.callsheet_catalog import RecipientStatus
from regie.office.roles import Permission
from regie.services import callsheet_mail, callsheets, mail
from regie.web.deps import Page, web_state
from regie.web.forms import whole_number
from regie.web.i18n import N_, request_locale
from regie.web.templating import flash, go_to, is_htmx, render, translate

router = APIRouter()
ISSUED = N_("Version %(number)s of the call sheet issued.")
SAVED = N_("Call sheet details saved.")
SENT = N_("Sent to %(sent)s people; %(failed)s failed; %(unreachable)s without an e-mail address.")
CONFIRMED = N_("Thank you: your confirmation is recorded.")
STATUS_LABELS = {
    RecipientStatus.UNREACHABLE: N_("no e-mail address"),
    RecipientStatus.PENDING: N_("not sent"),
    RecipientStatus.FAILED: N_("sending failed"),
    RecipientStatus.SENT: N_("sent"),
    RecipientStatus.OPENED: N_("opened"),
    RecipientStatus.CONFIRMED: N_("confirmed"),
}
TEXT_FIELDS = ("weather", "parking", "hospital", "safety_notes", "harassment_contact", "notes")


def day_url(slug: str, board_id: int, day: int) -> str:
    return f"/p/{slug}/boards/{board_id}/days/{day}/callsheet"


def sheet_url(slug: str, sheet_id: int) -> str:
    return f"/p/{slug}/callsheets/{sheet_id}"


@functools.cache
def _css() -> str:
    return call_sheet_css()


@router.get("/assets/callsheet.css", include_in_schema=False)
def callsheet_stylesheet() -> Response:
    return Response(
        _css(),
        media_type="text/css; charset=utf-8",
        headers={"cache-control": "public, max-age=3600"},
    )


def _current(request: Request, page: Page, board_id: int, day: int) -> CallSheet | None:
    """The day's sheet as it stands, ``None`` when nothing is planned on the day."""
    try:
        return callsheets.call_sheet(
            web_state(request).db, page.slug, day, actor=page.user, board_id=board_id
        )
    except NotFound:
        callsheets.sheet_source(
            web_state(request).db, page.slug, day, actor=page.user, board_id=board_id
        )  # a day outside the board is still a 404
        return None


def _current_context(request: Request, page: Page, board_id: int, day: int) -> dict[str, Any]:
    db = web_state(request).db
    source = callsheets.sheet_source(db, page.slug, day, actor=page.user, board_id=board_id)
    sheet = _current(request, page, board_id, day)
    locale = request_locale(request)
    extras = source.extras.extras
    return {
        "board_id": board_id,
        "day": day,
        "here": day_url(page.slug, board_id, day),
        "source": source,
        "extras": extras,
        "meals": "\n".join(f"{kind} : {count}" for kind, count in extras.meal_counts.items()),
        "pickups": {p.engagement: p for p in extras.pickups},
        "sheet": sheet,
        "fragment": call_sheet_fragment(sheet, locale=locale) if sheet is not None else "",
        "errors": sum(1 for f in sheet.findings if f.severity.value == "error") if sheet else 0,
        "can_edit": page.can(Permission.EDIT_SCHEDULE),
    }


@router.get("/p/{slug}/boards/{board_id}/days/{day}/callsheet")
def day_page(request: Request, page: Page, board_id: int, day: int) -> Response:
    context = _current_context(request, page, board_id, day)
    issued = callsheets.issued_sheets(
        web_state(request).db, page.slug, actor=page.user, board_id=board_id, day_number=day
    )
    return render(request, "callsheets/day.html", issued=issued, **context)


@router.get("/p/{slug}/boards/{board_id}/days/{day}/callsheet.pdf")
def day_pdf(request: Request, page: Page, board_id: int, day: int) -> Response:
    """The sheet as it stands, not issued (a preview)."""
    sheet = callsheets.call_sheet(
        web_state(request).db, page.slug, day, actor=page.user, board_id=board_id
    )
    name = f"{page.production.code}_{sheet.date:%Y%m%d}_FDS_jour-{day}_apercu.pdf"
    return _download(call_sheet_pdf(sheet, locale=request_locale(request)), name)


def _time(text: str, field: str) -> dt.time | None:
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        return dt.time.fromisoformat(cleaned)
    except ValueError:
        raise ValidationError(t("'{raw}' is not a time (HH:MM)", raw=text), field=field) from None


def _text(form: FormData, name: str) -> str:
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


def _extras(form: FormData) -> CallSheetExtras:
    """The extras as the form sends them: text fields, ``meals`` lines, and per cast
    member ``pickup_time_<engagement>`` / ``pickup_place_<engagement>``."""
    pickups: list[Pickup] = []
    for key in form:
        if not key.startswith("pickup_time_"):
            continue
        engagement = whole_number(key.removeprefix("pickup_time_"), "pickups")
        at = _time(_text(form, key), "pickups")
        if at is not None:
            place = _text(form, f"pickup_place_{engagement}")
            pickups.append(Pickup(engagement, at, place))
    texts = {name: _text(form, name) for name in TEXT_FIELDS}
    return CallSheetExtras(
        weather=texts["weather"],
        parking=texts["parking"],
        hospital=texts["hospital"],
        safety_notes=texts["safety_notes"],
        harassment_contact=texts["harassment_contact"],
        meal_counts=callsheets.parse_meal_counts(_text(form, "meals")),
        pickups=tuple(pickups),
        notes=texts["notes"],
    )


@router.post("/p/{slug}/boards/{board_id}/days/{day}/callsheet/extras")
async def save_extras(request: Request, page: Page, board_id: int, day: int) -> Response:
    form = await request.form()
    extras = _extras(form)
    version = whole_number(_text(form, "version"), "version")
    callsheets.update_day_extras(
        web_state(request).db, page.slug, day, extras, version, actor=page.user,
        board_id=board_id,
    )  # fmt: skip
    message = translate(request, SAVED)
    if is_htmx(request):
        context = _current_context(request, page, board_id, day)
        return render(request, "callsheets/_current.html", saved=message, **context)
    flash(request, message)
    return go_to(request, day_url(page.slug, board_id, day))


@router.post("/p/{slug}/boards/{board_id}/days/{day}/callsheet/issue")
def issue(request: Request, page: Page, board_id: int, day: int) -> Response:
    issued = callsheets.issue_call_sheet(
        web_state(request).db, page.slug, day, actor=page.user, board_id=board_id,
        locale=request_locale(request),
    )  # fmt: skip
    flash(request, translate(request, ISSUED, number=issued.number))
    return go_to(request, sheet_url(page.slug, issued.id))


def _download(content: bytes, filename: str) -> Response:
    return Response(
        content,
        media_type="application/pdf",
        headers={"content-disposition": f'attachment; filename="{filename}"'},
    )


# The .pdf routes come first: "/callsheets/3.pdf" must not reach "/callsheets/{id}".
@router.get("/p/{slug}/callsheets/{sheet_id}.pdf")
def issued_pdf(request: Request, page: Page, sheet_id: int) -> Response:
    name, pdf = callsheets.issued_pdf(web_state(request).db, page.slug, sheet_id, actor=page.user)
    return _download(pdf, name)


@router.get("/p/{slug}/callsheets/{sheet_id}")
def issued_page(request: Request, page: Page, sheet_id: int) -> Response:
    db = web_state(request).db
    frozen = callsheets.issued_sheet(db, page.slug, sheet_id, actor=page.user)
    can_edit = page.can(Permission.EDIT_SCHEDULE)
    board = (
        callsheets.confirmation_board(db, page.slug, sheet_id, actor=page.user)
        if can_edit
        else None
    )
    return render(
        request,
        "callsheets/sheet.html",
        frozen=frozen,
        sheet=frozen.sheet,
        board=board,
        statuses=STATUS_LABELS,
        day_link=day_url(page.slug, frozen.sheet.board_id, frozen.sheet.day_number),
        here=sheet_url(page.slug, sheet_id),
        can_edit=can_edit,
        mail_ready=_mail_ready(),
    )


def _mail_ready() -> bool:
    """Whether an SMTP server is set up (a malformed setting shows when sending)."""
    try:
        return mail.smtp_settings() is not None
    except ValidationError:
        return True


@router.post("/p/{slug}/callsheets/{sheet_id}/send")
def send(request: Request, page: Page, sheet_id: int) -> Response:
    page.require(Permission.EDIT_SCHEDULE)
    base = mail.base_url() or str(request.base_url).rstrip("/")
    report = callsheet_mail.send_call_sheet(
        web_state(request).db, page.slug, sheet_id, mail.mailer(), base, actor=page.user
    )
    flash(
        request,
        translate(
            request,
            SENT,
            sent=len(report.sent),
            failed=len(report.failed),
            unreachable=len(report.unreachable),
        ),
    )
    return go_to(request, sheet_url(page.slug, sheet_id))


# The personal link: no sign-in, the token is the credential.
PRIVATE_HEADERS = {"x-robots-tag": "noindex, nofollow", "referrer-policy": "no-referrer"}


@router.get("/c/{token}.pdf")
def personal_pdf(request: Request, token: str) -> Response:
    name, pdf = callsheet_mail.personal_pdf(web_state(request).db, token)
    response = _download(pdf, name)
    response.headers.update(PRIVATE_HEADERS)
    return response


@router.get("/c/{token}")
def personal_page(request: Request, token: str) -> Response:
    seen = callsheet_mail.open_link(web_state(request).db, token)
    return render(
        request, "callsheets/personal.html", seen=seen, token=token, headers=PRIVATE_HEADERS
    )


@router.post("/c/{token}")
def personal_confirm(request: Request, token: str) -> Response:
    callsheet_mail.confirm(web_state(request).db, token)
    flash(request, translate(request, CONFIRMED))
    return RedirectResponse(f"/c/{token}", status_code=303, headers=PRIVATE_HEADERS)
