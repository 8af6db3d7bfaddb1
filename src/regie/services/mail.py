# SPDX-License-Identifier: AGPL-3.0-or-later
"""Sending e-mail through an SMTP server (:mod:`smtplib`): the settings come from the
environment variable ``REGIE_SMTP_URL``, else from the production folder's ``regie.toml``::

    [mail]
    url = "smtp://user:password@smtp.example.org:587?starttls=1&from=production@example.org"
    base_url = "https://regie.example.org"   # where the personal links point

``smtp://`` is plain SMTP (``starttls=1`` upgrades it), ``smtps://`` is SMTP over TLS
(port 465 by default). User and password are optional (percent-encoded in the URL);
``from`` is the sender's address, required.
"""

from __future__ import annotations

import os
import smtplib
import ssl
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from enum import StrEnum
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from regie.core.errors import InputError, ValidationError
from regie.core.text import t

SMTP_URL_ENV = "REGIE_SMTP_URL"
BASE_URL_ENV = "REGIE_BASE_URL"
CONFIG_FILE = "regie.toml"
TIMEOUT_S = 30.0
_TRUE = frozenset({"1", "true", "yes", "oui", "on"})


class Security(StrEnum):
    NONE = "none"  # plain SMTP (a local relay)
    STARTTLS = "starttls"  # plain connection upgraded with STARTTLS
    TLS = "tls"  # SMTP over TLS from the start (smtps, port 465)


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str
    port: int
    sender: str  # the From address
    security: Security = Security.NONE
    user: str | None = None
    password: str | None = None

    def __repr__(self) -> str:  # the password never reaches a log
        return (
            f"SmtpSettings(host={self.host!r}, port={self.port}, sender={self.sender!r}, "
            f"security={self.security.value!r}, user={self.user!r})"
        )


def parse_smtp_url(url: str, *, source: str = SMTP_URL_ENV) -> SmtpSettings:
    """``smtp[s]://[user[:password]@]host[:port][?starttls=1&from=address]``."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
        raise ValidationError(
            t("'{url}' is not an SMTP address", url=_without_password(url)),
            field=source,
            hint=t("Write smtp://user:password@host:587?starttls=1&from=address"),
        )
    query = parse_qs(parts.query)
    sender = (query.get("from") or [""])[0].strip()
    if "@" not in sender:
        raise ValidationError(
            t("the SMTP address gives no sender address"),
            field=source,
            hint=t("Add ?from=production@example.org to it"),
        )
    if parts.scheme == "smtps":
        security = Security.TLS
    elif (query.get("starttls") or ["0"])[0].lower() in _TRUE:
        security = Security.STARTTLS
    else:
        security = Security.NONE
    try:
        port = parts.port or (465 if security is Security.TLS else 25)
    except ValueError:
        raise ValidationError(
            t("the port of '{url}' is not a number", url=_without_password(url)), field=source
        ) from None
    return SmtpSettings(
        host=parts.hostname,
        port=port,
        sender=sender,
        security=security,
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
    )


def _without_password(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.password is None:
        return url.strip()
    return url.strip().replace(f":{parts.password}@", ":***@", 1)


def _folder_mail(root: Path | None) -> dict[str, object]:
    if root is None:
        return {}
    path = root / CONFIG_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
        raise InputError(
            t("the production folder's settings cannot be read"),
            where=str(path),
            hint=t("Fix the file: {problem}", problem=str(exc)),
        ) from None
    section = data.get("mail", {})
    return section if isinstance(section, dict) else {}


def smtp_settings(root: Path | None = None) -> SmtpSettings | None:
    """The SMTP settings: ``REGIE_SMTP_URL``, else ``[mail] url`` of the production
    folder ``root``'s regie.toml; ``None`` when neither is set."""
    url = os.environ.get(SMTP_URL_ENV, "").strip()
    if url:
        return parse_smtp_url(url)
    configured = _folder_mail(root).get("url")
    if isinstance(configured, str) and configured.strip():
        return parse_smtp_url(configured, source=f"{CONFIG_FILE} [mail] url")
    return None


def base_url(root: Path | None = None) -> str | None:
    """Where personal links point: ``REGIE_BASE_URL``, else ``[mail] base_url``."""
    found = os.environ.get(BASE_URL_ENV, "").strip()
    if not found:
        configured = _folder_mail(root).get("base_url")
        found = configured.strip() if isinstance(configured, str) else ""
    return found.rstrip("/") or None


def no_mail_settings() -> InputError:
    return InputError(
        t("no SMTP server is set up to send e-mail"),
        hint=t(
            "Set REGIE_SMTP_URL=smtp://user:password@host:587?starttls=1&from=address, "
            "or [mail] url in regie.toml"
        ),
    )


class Connection:
    """An open SMTP session: :meth:`send` one message after another."""

    def __init__(self, client: smtplib.SMTP, sender: str) -> None:
        self._client = client
        self.sender = sender

    def send(self, message: EmailMessage) -> None:
        """Send ``message``; ``smtplib.SMTPException`` or ``OSError`` when refused."""
        if "From" not in message:
            message["From"] = self.sender
        self._client.send_message(message)


class Mailer:
    """E-mail over SMTP with the given settings (one connection per :meth:`connect`)."""

    def __init__(self, settings: SmtpSettings, *, timeout: float = TIMEOUT_S) -> None:
        self.settings = settings
        self.timeout = timeout

    @property
    def sender(self) -> str:
        return self.settings.sender

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """An authenticated session; ``OSError`` / ``smtplib.SMTPException`` when the
        server cannot be reached or refuses the login."""
        s = self.settings
        context = ssl.create_default_context()
        client: smtplib.SMTP
        if s.security is Security.TLS:
            client = smtplib.SMTP_SSL(s.host, s.port, timeout=self.timeout, context=context)
        else:
            client = smtplib.SMTP(s.host, s.port, timeout=self.timeout)
        try:
            client.ehlo_or_helo_if_needed()
            if s.security is Security.STARTTLS:
                client.starttls(context=context)
                client.ehlo()
            if s.user:
                client.login(s.user, s.password or "")
            yield Connection(client, s.sender)
        finally:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()


def mailer(root: Path | None = None) -> Mailer:
    """The mailer of the settings (:func:`smtp_settings`); ``InputError`` when none."""
    settings = smtp_settings(root)
    if settings is None:
        raise no_mail_settings()
    return Mailer(settings)
