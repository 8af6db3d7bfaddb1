# SPDX-License-Identifier: AGPL-3.0-or-later
"""A real SMTP server on 127.0.0.1 for the tests (aiosmtpd in a thread): it keeps every
message it accepts, and refuses the recipients the test names (550)."""

from __future__ import annotations

import contextlib
import email
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from regie.services.mail import Mailer, SmtpSettings

LINK = re.compile(r"https?://\S+/c/[A-Za-z0-9_-]+")


@dataclass
class Inbox:
    """What the server received, and the addresses it refuses."""

    messages: list[EmailMessage] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802 - aiosmtpd's hook name
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        raw = envelope.original_content or b""
        message = email.message_from_bytes(raw, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 Message accepted"

    def to(self, address: str) -> EmailMessage:
        found = [m for m in self.messages if m["To"] == address]
        assert len(found) == 1, f"{len(found)} messages to {address}"
        return found[0]


def body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    text = part.get_content()
    assert isinstance(text, str)
    return text


def personal_link(message: EmailMessage) -> str:
    found = LINK.search(body(message))
    assert found, "no personal link in the e-mail"
    return found.group(0)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def smtp_server() -> Iterator[tuple[Inbox, Mailer]]:
    """A running server and a :class:`Mailer` pointed at it."""
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, Mailer(SmtpSettings("127.0.0.1", port, "production@clef.fr"), timeout=10)
    finally:
        controller.stop()
