# SPDX-License-Identifier: AGPL-3.0-or-later
"""Stored call-sheet records as the services hand them out: the entered part of a day's
sheet (:class:`DayExtras`), the issued, frozen versions (:class:`IssuedSheet`) and the
people each was sent to (:class:`Recipient`), with what they did with their link.

A frozen sheet is never recomputed: its JSON, HTML fragment and PDF are those of the
moment it was issued; ``stale`` says the board, the schedule version or the entered
extras changed since.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from regie.office.callsheet import CallSheetExtras


@dataclass(frozen=True, slots=True)
class DayExtras:
    """What the office entered for one day of a board (``version`` 0: nothing yet)."""

    board_id: int
    day_index: int  # 0-based
    extras: CallSheetExtras
    version: int = 0

    @property
    def day_number(self) -> int:
        return self.day_index + 1


@dataclass(frozen=True, slots=True)
class IssuedSheet:
    """Version ``number`` of a board day's sheet, frozen with what it was made from."""

    id: int
    board_id: int
    day_index: int
    number: int  # 1..n per board day
    date: dt.date
    schedule_number: int
    schedule_version: int
    board_version: int
    extras_version: int
    error_count: int  # findings of severity error frozen with the sheet
    warning_count: int
    locale: str
    created_at: dt.datetime
    created_by: str | None  # display name of the user who issued it; None: the CLI
    stale: bool = False  # the board, the schedule or the extras changed since
    version: int = 1

    @property
    def day_number(self) -> int:
        return self.day_index + 1


@dataclass(frozen=True, slots=True)
class FrozenSheet:
    """An issued sheet with its documents as they were issued."""

    sheet: IssuedSheet
    data: Mapping[str, Any]  # the JSON of regie.documents.callsheet.call_sheet_json
    fragment: str  # the HTML fragment (the web page embeds it as it is)
    pdf: bytes


class RecipientStatus(StrEnum):
    UNREACHABLE = "unreachable"  # no e-mail address
    PENDING = "pending"  # not sent yet
    FAILED = "failed"  # the SMTP server refused it or could not be reached
    SENT = "sent"
    OPENED = "opened"
    CONFIRMED = "confirmed"


@dataclass(frozen=True, slots=True)
class Recipient:
    """A person an issued sheet is for (a called cast or crew member)."""

    id: int
    sheet_id: int
    engagement_id: int | None
    name: str
    email: str | None
    sent_at: dt.datetime | None = None
    opened_at: dt.datetime | None = None
    confirmed_at: dt.datetime | None = None
    send_error: str | None = None
    version: int = 1

    @property
    def status(self) -> RecipientStatus:
        if not self.email:
            return RecipientStatus.UNREACHABLE
        if self.confirmed_at is not None:
            return RecipientStatus.CONFIRMED
        if self.opened_at is not None:
            return RecipientStatus.OPENED
        if self.sent_at is not None:
            return RecipientStatus.SENT
        if self.send_error:
            return RecipientStatus.FAILED
        return RecipientStatus.PENDING


@dataclass(frozen=True, slots=True)
class ConfirmationBoard:
    """Who an issued sheet went to and who confirmed it."""

    sheet: IssuedSheet
    recipients: tuple[Recipient, ...]

    def count(self, status: RecipientStatus | str) -> int:
        return sum(1 for r in self.recipients if r.status == status)

    @property
    def unreachable(self) -> tuple[Recipient, ...]:
        return tuple(r for r in self.recipients if r.status is RecipientStatus.UNREACHABLE)

    @property
    def reachable(self) -> tuple[Recipient, ...]:
        return tuple(r for r in self.recipients if r.status is not RecipientStatus.UNREACHABLE)


@dataclass(frozen=True, slots=True)
class SendReport:
    """What one sending of an issued sheet did."""

    sheet: IssuedSheet
    sent: tuple[Recipient, ...]  # sent now
    failed: tuple[Recipient, ...]  # refused now (the error is on the record)
    unreachable: tuple[Recipient, ...]  # no e-mail address
    already_sent: int  # sent by an earlier call, not sent again


@dataclass(frozen=True, slots=True)
class PersonalSheet:
    """What a personal link shows: the frozen sheet, for one recipient."""

    recipient: Recipient
    sheet: IssuedSheet
    production: str
    fragment: str
    latest_number: int  # the newest version of the same day (> sheet.number: superseded)

    @property
    def superseded(self) -> bool:
        return self.latest_number > self.sheet.number
