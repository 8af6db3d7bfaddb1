# SPDX-License-Identifier: AGPL-3.0-or-later
"""Call sheets: the sheet of one shoot day of a board, composed from the day plans
(:mod:`regie.services.dayplans`), the board's strips, the engagements and the locations
(:func:`regie.office.callsheet.build_call_sheet`), plus what the office entered for the
day (weather, parking, hospital, meals, pick-ups…: :func:`update_day_extras`).

:func:`issue_call_sheet` freezes the current sheet as version n+1 of the day — its JSON,
HTML fragment and PDF, with the schedule, board and extras versions it was made from. A
frozen sheet is never recomputed; it is ``stale`` once any of those versions moved on. A
sheet with errors among its findings can still be issued: the findings are frozen with
it and printed on it. Sending and the personal links are in
:mod:`regie.services.callsheet_mail`.

The day is 1-based as printed on the sheet ("Jour 3/25"); the board defaults to the
primary board of the newest schedule. Birth dates are read to flag minors whoever asks;
the sheet itself carries no personal data beyond names.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from regie.core.errors import Conflict, NotFound, ValidationError
from regie.core.production import Production
from regie.core.text import t
from regie.documents.callsheet import call_sheet_fragment, call_sheet_json, call_sheet_pdf
from regie.documents.i18n import SUPPORTED_LOCALES
from regie.logistics.location_checks import location_findings
from regie.office.callsheet import (
    CallSheet,
    CallSheetExtras,
    Finding,
    Pickup,
    Severity,
    build_call_sheet,
)
from regie.office.callsheet_catalog import ConfirmationBoard, DayExtras, FrozenSheet, IssuedSheet
from regie.office.roles import Permission, User
from regie.schedule.catalog import LocationRecord
from regie.schedule.people import EngagementKind
from regie.services.access import production_for
from regie.services.board_reports import board_context
from regie.services.boards import board_in
from regie.services.database import Database
from regie.services.dayplans import day_plans
from regie.services.location_conflicts import OfficeRecords, office_records
from regie.services.pay import default_board
from regie.storage.repos import boards, callsheets, locations, people, schedules

MAX_TEXT = 2000  # characters of one entered field
MAX_MEAL_KINDS = 20
MAX_MEAL_COUNT = 10_000
_MEAL_LINE = re.compile(r"\s*(?P<kind>[^:=]+?)\s*[:=]\s*(?P<count>\d+)\s*")


@dataclass(frozen=True, slots=True)
class SheetSource:
    """What a day's sheet is made from, as stored when it is read."""

    board_id: int
    day_index: int
    schedule_number: int
    schedule_version: int
    board_version: int
    extras: DayExtras


def _day(session: Session, production: Production, board_id: int, day_number: int) -> SheetSource:
    record, schedule = board_in(session, production, board_id)
    count = len(record.days)
    if not 1 <= day_number <= count:
        raise NotFound(
            t("no shoot day {day} on board #{board}", day=day_number, board=board_id),
            hint=t("The board has days 1 to {count}", count=count),
        )
    return SheetSource(
        board_id,
        day_number - 1,
        schedule.number,
        schedule.version,
        record.version,
        callsheets.day_extras(session, board_id, day_number - 1),
    )


def sheet_source(
    db: Database, slug: str, day_number: int, *, actor: User | None, board_id: int | None = None
) -> SheetSource:
    """The board day's versions and entered extras (the board defaults to the primary
    board of the newest schedule)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        board = board_id if board_id is not None else default_board(session, production)
        return _day(session, production, board, day_number)


def parse_meal_counts(text: str) -> dict[str, int]:
    """``végétarien : 4`` (or ``=``), one per line or separated by ``;`` → ``{kind: n}``."""
    counts: dict[str, int] = {}
    for part in re.split(r"[;\n]", text):
        if not part.strip():
            continue
        found = _MEAL_LINE.fullmatch(part)
        if found is None:
            raise ValidationError(
                t("'{text}' is not a meal count", text=part.strip()),
                field="meal_counts",
                hint=t("Write one kind and its number a line, such as: végétarien : 4"),
            )
        counts[" ".join(found["kind"].split())] = int(found["count"])
    return counts


def clean_extras(extras: CallSheetExtras, engagement_ids: Sequence[int] = ()) -> CallSheetExtras:
    """The entered extras trimmed and checked (lengths, meal counts, pick-ups of
    engagements of the production when ``engagement_ids`` is given)."""
    texts = {
        name: getattr(extras, name).replace("\r\n", "\n").strip()
        for name in ("weather", "parking", "hospital", "safety_notes", "harassment_contact")
    }
    texts["notes"] = extras.notes.replace("\r\n", "\n").strip()
    for name, value in texts.items():
        if len(value) > MAX_TEXT:
            raise ValidationError(t("at most {max} characters, please", max=MAX_TEXT), field=name)
    counts: dict[str, int] = {}
    for kind, count in extras.meal_counts.items():
        label = " ".join(kind.split())
        if not label or len(label) > 100 or not 0 <= count <= MAX_MEAL_COUNT:
            raise ValidationError(
                t("'{kind}: {count}' is not a meal count", kind=label, count=count),
                field="meal_counts",
                hint=t("A kind of meal and a whole number from 0 to {max}", max=MAX_MEAL_COUNT),
            )
        counts[label] = count
    if len(counts) > MAX_MEAL_KINDS:
        raise ValidationError(
            t("at most {max} kinds of meals", max=MAX_MEAL_KINDS), field="meal_counts"
        )
    pickups: dict[int, Pickup] = {}
    for pickup in extras.pickups:
        if engagement_ids and pickup.engagement not in engagement_ids:
            raise ValidationError(
                t("no engagement #{id} in this production", id=pickup.engagement),
                field="pickups",
            )
        place = " ".join(pickup.place.split())
        if len(place) > 200:
            raise ValidationError(t("at most {max} characters, please", max=200), field="pickups")
        pickups[pickup.engagement] = Pickup(pickup.engagement, pickup.time, place)
    return CallSheetExtras(
        weather=texts["weather"],
        parking=texts["parking"],
        hospital=texts["hospital"],
        safety_notes=texts["safety_notes"],
        harassment_contact=texts["harassment_contact"],
        meal_counts=counts,
        pickups=tuple(pickups.values()),
        notes=texts["notes"],
    )


def day_extras(
    db: Database, slug: str, day_number: int, *, actor: User | None, board_id: int | None = None
) -> DayExtras:
    """What the office entered for the day (version 0 when nothing yet)."""
    return sheet_source(db, slug, day_number, actor=actor, board_id=board_id).extras


def update_day_extras(
    db: Database,
    slug: str,
    day_number: int,
    extras: CallSheetExtras,
    expected_version: int,
    *,
    actor: User | None,
    board_id: int | None = None,
) -> DayExtras:
    """Store the day's extras; ``StaleEdit`` when someone saved them since
    ``expected_version`` (0: nothing was entered when the form was opened)."""
    clean = clean_extras(extras)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        board = board_id if board_id is not None else default_board(session, production)
        source = _day(session, production, board, day_number)
        engaged = [e.id for e in people.list_engagements(session, production.id, private=False)]
        clean = clean_extras(clean, engaged)
        return callsheets.put_day_extras(
            session, production.id, board, source.day_index, clean,
            expected_version=expected_version,
        )  # fmt: skip


def call_sheet(
    db: Database,
    slug: str,
    day_number: int,
    *,
    actor: User | None,
    board_id: int | None = None,
    extras: CallSheetExtras | None = None,
) -> CallSheet:
    """The current call sheet of shoot day ``day_number`` (1-based) of a board, with the
    day's stored extras unless ``extras`` is given."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        board = board_id if board_id is not None else default_board(session, production)
        source = _day(session, production, board, day_number)
        context = board_context(session, production, board)
        places = locations.list_locations(session, production.id)
        office = office_records(session, production)
    count = len(context.record.days)
    plans = day_plans(db, slug, board, actor=actor)
    day = next((d for d in plans.unit if d.index == day_number - 1), None)
    if day is None:
        raise NotFound(
            t(
                "nothing is planned on shoot day {day} of board #{board}",
                day=day_number,
                board=board,
            ),
            hint=t("Put scenes on that day of the stripboard first"),
        )
    engagements = [p.engagement for p in plans.people]
    todays = {
        p.engagement.id: plan
        for p in plans.people
        for plan in p.days
        if plan.board_day == day.index
    }
    minors = frozenset(
        int(c.key)
        for c in context.problem.cast
        if (age := c.age_on(day.date)) is not None and age < 18
    )
    sheet = build_call_sheet(
        production=production.title,
        day=day,
        day_count=count,
        strips=context.problem.strips,
        engagements=[e for e in engagements if e.kind is EngagementKind.CAST or e.id in todays],
        plans=todays,
        locations=places,
        extras=extras if extras is not None else source.extras.extras,
        minors=minors,
    )
    return with_office_findings(sheet, places, office)


def with_office_findings(
    sheet: CallSheet, places: Sequence[LocationRecord], office: OfficeRecords
) -> CallSheet:
    """The sheet with what the locations office says about its places that day (permits,
    insurance certificates), errors first."""
    records = {p.id: p for p in places}
    extra = [
        Finding(Severity(f.severity), f.code, f.message)
        for place in sheet.locations
        if (record := records.get(place.id)) is not None
        for f in location_findings(
            record, office.permits, sheet.date,
            certificates=office.certificates, kind=office.kinds.get(place.id),
        )
    ]  # fmt: skip
    if not extra:
        return sheet
    found = sorted((*sheet.findings, *extra), key=lambda f: f.severity is not Severity.ERROR)
    return dataclasses.replace(sheet, findings=tuple(found))


def _locale(production: Production, locale: str | None) -> str:
    wanted = locale or production.language
    return wanted if wanted in SUPPORTED_LOCALES else "fr"


def issue_call_sheet(
    db: Database,
    slug: str,
    day_number: int,
    *,
    actor: User | None,
    board_id: int | None = None,
    locale: str | None = None,
) -> IssuedSheet:
    """Freeze the day's current sheet as its next version (JSON, HTML fragment, PDF in
    the production's language unless ``locale``). ``Conflict`` when the board, the
    schedule or the extras changed while the sheet was being made."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        board = board_id if board_id is not None else default_board(session, production)
        before = _day(session, production, board, day_number)
    language = _locale(production, locale)
    sheet = call_sheet(db, slug, day_number, actor=actor, board_id=board)
    data = call_sheet_json(sheet, locale=language)
    fragment = call_sheet_fragment(sheet, locale=language)
    pdf = call_sheet_pdf(sheet, locale=language)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        now = _day(session, production, board, day_number)
        if now != before:
            raise Conflict(
                t("the board or the day's call sheet changed while it was being issued"),
                hint=t("Issue it again"),
            )
        return callsheets.insert_sheet(
            session,
            production_id=production.id,
            board_id=board,
            day_index=before.day_index,
            shoot_date=sheet.date,
            schedule_number=before.schedule_number,
            schedule_version=before.schedule_version,
            board_version=before.board_version,
            extras_version=before.extras.version,
            error_count=sum(1 for f in sheet.findings if f.severity is Severity.ERROR),
            warning_count=sum(1 for f in sheet.findings if f.severity is Severity.WARNING),
            locale=language,
            sheet_json=json.dumps(data, ensure_ascii=False),
            fragment_html=fragment,
            pdf=pdf,
            created_by_id=actor.id if actor is not None else None,
        )


def _with_stale(
    session: Session, production: Production, found: list[IssuedSheet]
) -> list[IssuedSheet]:
    """Each sheet with ``stale`` set: its board, schedule or extras changed since."""
    current: dict[tuple[int, int], tuple[int, int, int]] = {}
    marked: list[IssuedSheet] = []
    for sheet in found:
        key = (sheet.board_id, sheet.day_index)
        if key not in current:
            record = boards.board(session, production.id, sheet.board_id)
            schedule = schedules.schedule(session, production.id, record.schedule_number)
            extras = callsheets.day_extras(session, sheet.board_id, sheet.day_index)
            current[key] = (schedule.version, record.version, extras.version)
        made = (sheet.schedule_version, sheet.board_version, sheet.extras_version)
        marked.append(dataclasses.replace(sheet, stale=made != current[key]))
    return marked


def issued_sheets(
    db: Database,
    slug: str,
    *,
    actor: User | None,
    board_id: int | None = None,
    day_number: int | None = None,
) -> list[IssuedSheet]:
    """The issued versions of a board's sheets (of one day when given), by day, newest
    version first, each with its ``stale`` flag."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        board = board_id if board_id is not None else default_board(session, production)
        if day_number is not None:
            _day(session, production, board, day_number)
        index = day_number - 1 if day_number is not None else None
        found = callsheets.list_sheets(session, production.id, board, index)
        return _with_stale(session, production, found)


def issued_sheet(db: Database, slug: str, sheet_id: int, *, actor: User | None) -> FrozenSheet:
    """An issued sheet with its frozen documents and its ``stale`` flag."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        frozen = callsheets.frozen(session, production.id, sheet_id)
        (marked,) = _with_stale(session, production, [frozen.sheet])
        return dataclasses.replace(frozen, sheet=marked)


def sheet_filename(code: str, sheet: IssuedSheet) -> str:
    """``CODE_AAAAMMJJ_FDS_jour-N_vNN.pdf``, the production folder's naming rule."""
    return f"{code}_{sheet.date:%Y%m%d}_FDS_jour-{sheet.day_number}_v{sheet.number:02d}.pdf"


def issued_pdf(db: Database, slug: str, sheet_id: int, *, actor: User | None) -> tuple[str, bytes]:
    """``(file name, PDF bytes)`` of an issued sheet, as it was issued."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        sheet = callsheets.sheet(session, production.id, sheet_id)
        return sheet_filename(production.code, sheet), callsheets.pdf(session, sheet_id)


def confirmation_board(
    db: Database, slug: str, sheet_id: int, *, actor: User | None
) -> ConfirmationBoard:
    """Who the issued sheet went to, and who opened and confirmed it (their e-mail
    addresses: for those who may send it)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        sheet = callsheets.sheet(session, production.id, sheet_id)
        (marked,) = _with_stale(session, production, [sheet])
        return ConfirmationBoard(marked, tuple(callsheets.recipients(session, sheet_id)))
