# SPDX-License-Identifier: AGPL-3.0-or-later
"""Sending an issued call sheet by e-mail, and the personal links that record that each
person received and confirmed it.

:func:`send_call_sheet` writes one e-mail per person called on the sheet who has an
e-mail address (people without one are listed as not reachable): a French text with the
person's own call, the personal link ``{base_url}/c/{token}`` and the frozen PDF attached.
The token (``secrets.token_urlsafe(32)``) is stored only as its SHA-256; sending again
skips those already sent and gives the others a new link. Mail goes out after the
recipients are stored and each result is recorded afterwards, so a server that refuses
one address leaves the others sent and the error on that person's line.

:func:`open_link` records the first opening; :func:`confirm` the confirmation. Neither
needs an account: the link is the credential.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import smtplib
from collections.abc import Mapping, Sequence
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from regie.core.errors import NotFound
from regie.core.production import Production
from regie.core.text import t
from regie.documents.i18n import format_date
from regie.office.callsheet_catalog import (
    IssuedSheet,
    PersonalSheet,
    Recipient,
    SendReport,
)
from regie.office.roles import Permission, User
from regie.schedule.people import Engagement
from regie.services.access import production_for
from regie.services.callsheets import sheet_filename
from regie.services.database import Database
from regie.services.mail import Mailer
from regie.storage.repos import callsheets, people

TOKEN_BYTES = 32
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,128}")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def link(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/c/{token}"


def _hhmm(value: str | None) -> str:
    """``2027-03-01T07:00+01:00`` (the sheet's JSON) → ``07:00``."""
    return value[11:16] if value else "—"


def _own_call(data: Mapping[str, Any], engagement_id: int | None) -> list[str]:
    """The lines of the e-mail that say when this person is called."""
    for call in data.get("cast", ()):
        if call["engagement"] == engagement_id:
            pickup = f"Prise en charge : {_hhmm(call['pickup'])}"
            if call.get("pickup_place"):
                pickup += f" ({call['pickup_place']})"
            return [
                pickup,
                f"HMC : {_hhmm(call['call'])}",
                f"Sur le plateau : {_hhmm(call['on_set'])}",
            ]
    for call in data.get("crew", ()):
        if call["engagement"] == engagement_id:
            return [f"Convocation : {_hhmm(call['call'])}"]
    return []


def compose(
    *,
    production: Production,
    sheet: IssuedSheet,
    data: Mapping[str, Any],
    recipient: Recipient,
    url: str,
    pdf: bytes,
    sender: str,
) -> EmailMessage:
    """The e-mail of one recipient, in French, with the frozen PDF attached."""
    day = format_date(sheet.date, "fr", form="full")
    places = ", ".join(p["name"] for p in data.get("locations", ())) or "—"
    message = EmailMessage()
    message["Subject"] = (
        f"Feuille de service — {production.title} — jour {sheet.day_number} "
        f"({day}) — version {sheet.number}"
    )
    message["From"] = sender
    message["To"] = recipient.email or ""
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    lines = [
        f"Bonjour {recipient.name},",
        "",
        f"Voici la feuille de service du jour {sheet.day_number}/{data.get('days', '?')} "
        f"de « {production.title} », le {day} (version {sheet.number}).",
        "",
        *_own_call(data, recipient.engagement_id),
        f"Lieu : {places}",
        "",
        "Merci de l’ouvrir et de confirmer sa réception en suivant ce lien personnel :",
        url,
        "",
        "La feuille de service est aussi jointe à ce message en PDF.",
        "Ce lien vous est propre : merci de ne pas le transférer.",
        "",
        "La production",
    ]
    message.set_content("\n".join(lines))
    message.add_attachment(
        pdf, maintype="application", subtype="pdf", filename=sheet_filename(production.code, sheet)
    )
    return message


def _called(data: Mapping[str, Any]) -> list[int]:
    """Engagement ids called on the sheet, cast first, in the sheet's order."""
    ids = [c["engagement"] for c in data.get("cast", ())]
    ids += [c["engagement"] for c in data.get("crew", ())]
    return list(dict.fromkeys(int(i) for i in ids))


def _email(engagement: Engagement) -> str | None:
    personal = engagement.person.personal
    return (personal.email or None) if personal is not None else None


def _prepare(
    db: Database, slug: str, sheet_id: int, actor: User | None
) -> tuple[Production, IssuedSheet, Mapping[str, Any], bytes, list[tuple[Recipient, str]], int]:
    """Store the recipients, give each unsent one a new token; returns what to send."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        frozen = callsheets.frozen(session, production.id, sheet_id)
        ids = _called(frozen.data)
        engaged = {
            e.id: e for e in people.list_engagements(session, production.id, private=True, ids=ids)
        }
        callsheets.add_recipients(
            session,
            sheet_id,
            [(eid, engaged[eid].name, _email(engaged[eid])) for eid in ids if eid in engaged],
        )
        outgoing: list[tuple[Recipient, str]] = []
        already = 0
        for recipient in callsheets.recipients(session, sheet_id):
            if not recipient.email:
                continue
            if recipient.sent_at is not None:
                already += 1
                continue
            token = secrets.token_urlsafe(TOKEN_BYTES)
            callsheets.set_token(session, recipient.id, token_hash(token))
            outgoing.append((recipient, token))
        return production, frozen.sheet, frozen.data, frozen.pdf, outgoing, already


def send_call_sheet(
    db: Database,
    slug: str,
    sheet_id: int,
    mailer: Mailer,
    base_url: str,
    *,
    actor: User | None,
) -> SendReport:
    """E-mail the issued sheet to everyone it calls who has an e-mail address and was
    not sent it yet; each person's result (sent time or error) is recorded."""
    production, sheet, data, pdf, outgoing, already = _prepare(db, slug, sheet_id, actor)
    results: list[tuple[int, dt.datetime | None, str | None]] = []
    try:
        with mailer.connect() as connection:
            for recipient, token in outgoing:
                message = compose(
                    production=production, sheet=sheet, data=data, recipient=recipient,
                    url=link(base_url, token), pdf=pdf, sender=mailer.sender,
                )  # fmt: skip
                try:
                    connection.send(message)
                except (smtplib.SMTPException, OSError) as exc:
                    results.append((recipient.id, None, _reason(exc)))
                else:
                    results.append((recipient.id, dt.datetime.now(dt.UTC), None))
    except (smtplib.SMTPException, OSError) as exc:  # no connection, or login refused
        done = {r[0] for r in results}
        results += [(r.id, None, _reason(exc)) for r, _token in outgoing if r.id not in done]
    return _record(db, slug, sheet_id, actor=actor, results=results, already=already)


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]


def _record(
    db: Database,
    slug: str,
    sheet_id: int,
    *,
    actor: User | None,
    results: Sequence[tuple[int, dt.datetime | None, str | None]],
    already: int,
) -> SendReport:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        for recipient_id, at, error in results:
            callsheets.mark_sent(session, recipient_id, at=at, error=error)
        sheet = callsheets.sheet(session, production.id, sheet_id)
        everyone = callsheets.recipients(session, sheet_id)
    done = {recipient_id: error for recipient_id, _at, error in results}
    return SendReport(
        sheet=sheet,
        sent=tuple(r for r in everyone if r.id in done and done[r.id] is None),
        failed=tuple(r for r in everyone if r.id in done and done[r.id] is not None),
        unreachable=tuple(r for r in everyone if not r.email),
        already_sent=already,
    )


def _invalid_link() -> NotFound:
    return NotFound(
        t("this call sheet link is not valid"),
        hint=t("Open the latest e-mail you received, or ask the production office"),
    )


def _personal(db: Database, token: str, *, confirm: bool) -> PersonalSheet:
    if not _TOKEN.fullmatch(token):
        raise _invalid_link()
    now = dt.datetime.now(dt.UTC)
    with db.session() as session:
        recipient = callsheets.recipient_by_token(session, token_hash(token))
        if confirm:
            recipient = callsheets.mark_confirmed(session, recipient.id, now)
        else:
            recipient = callsheets.mark_opened(session, recipient.id, now)
        production, sheet, fragment = callsheets.sheet_for_link(session, recipient.sheet_id)
        latest = callsheets.latest_number(session, sheet.board_id, sheet.day_index)
        return PersonalSheet(recipient, sheet, production.title, fragment, latest)


def open_link(db: Database, token: str) -> PersonalSheet:
    """The sheet behind a personal link; the first opening is recorded."""
    return _personal(db, token, confirm=False)


def confirm(db: Database, token: str) -> PersonalSheet:
    """Record that the link's owner confirmed receiving the sheet (the first time)."""
    return _personal(db, token, confirm=True)


def personal_pdf(db: Database, token: str) -> tuple[str, bytes]:
    """``(file name, PDF)`` of the sheet behind a personal link (counts as an opening)."""
    if not _TOKEN.fullmatch(token):
        raise _invalid_link()
    with db.session() as session:
        recipient = callsheets.recipient_by_token(session, token_hash(token))
        callsheets.mark_opened(session, recipient.id, dt.datetime.now(dt.UTC))
        production, sheet, _fragment = callsheets.sheet_for_link(session, recipient.sheet_id)
        return sheet_filename(production.code, sheet), callsheets.pdf(session, sheet.id)
