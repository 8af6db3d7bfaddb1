# SPDX-License-Identifier: AGPL-3.0-or-later
"""Sending an issued call sheet through a real SMTP server on 127.0.0.1 (aiosmtpd), and
the personal links: opened, confirmed, refused when unknown. The planned world of
tests/services/test_boards_world.py: Monday calls Hélène Marchal, Marc Lenoir (cast) and
Paul Ortiz (electric)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest

from regie.core.errors import InputError, NotFound, PermissionDenied, ValidationError
from regie.office.callsheet_catalog import RecipientStatus
from regie.schedule.people import Engagement, PersonFields
from regie.services import boards, callsheet_mail, callsheets, mail, people
from regie.services.database import Database
from regie.services.mail import Mailer, Security, SmtpSettings
from tests.services.conftest import Office
from tests.services.smtp import Inbox, body, personal_link, smtp_server
from tests.services.test_boards_world import World, plan_world

BASE = "https://regie.example.org"


@pytest.fixture
def world(database: Database, imported: Office) -> World:
    found = plan_world(database, imported)
    boards.create_board(database, found.slug, 1, actor=None)
    for engagement, address in ((found.helene, "helene@clef.fr"), (found.gaffer, "paul@clef.fr")):
        _email(database, found.slug, engagement, address)
    return found


def _email(database: Database, slug: str, engagement: Engagement, address: str) -> None:
    person = engagement.person
    people.update_person(
        database, slug, person.id, PersonFields(person.full_name, email=address),
        person.version, actor=None,
    )  # fmt: skip


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, Mailer]]:
    with smtp_server() as running:
        yield running


def _token(url: str) -> str:
    return url.rsplit("/", 1)[1]


def test_send_open_confirm(database: Database, world: World, smtp: tuple[Inbox, Mailer]) -> None:
    inbox, mailer = smtp
    manager = world.office.manager
    issued = callsheets.issue_call_sheet(database, world.slug, 1, actor=manager)
    report = callsheet_mail.send_call_sheet(
        database, world.slug, issued.id, mailer, BASE, actor=manager
    )
    assert sorted(r.name for r in report.sent) == ["Hélène Marchal", "Paul Ortiz"]
    assert [r.name for r in report.unreachable] == ["Marc Lenoir"]
    assert report.failed == ()
    assert report.already_sent == 0
    assert len(inbox.messages) == 2

    message = inbox.to("helene@clef.fr")
    assert message["From"] == "production@clef.fr"
    assert "Feuille de service" in message["Subject"]
    assert "jour 1" in message["Subject"]
    text = body(message)
    assert text.startswith("Bonjour Hélène Marchal,")
    assert "lundi 1 mars 2027" in text
    assert "Sur le plateau\u00a0: 08:00" in text
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == callsheets.sheet_filename(
        world.office.production.code, issued
    )
    pdf = attachment.get_content()
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert "Hélène Marchal" in (document.pages[0].extract_text() or "")
    assert "Convocation\u00a0: 07:30" in body(inbox.to("paul@clef.fr"))

    url = personal_link(message)
    assert url.startswith(f"{BASE}/c/")
    token = _token(url)
    seen = callsheet_mail.open_link(database, token)
    assert seen.recipient.name == "Hélène Marchal"
    assert seen.recipient.opened_at is not None
    assert seen.production == "La Clef du Quai"
    assert "Hélène Marchal" in seen.fragment
    assert not seen.superseded
    confirmed = callsheet_mail.confirm(database, token)
    assert confirmed.recipient.confirmed_at is not None
    assert confirmed.recipient.opened_at == seen.recipient.opened_at  # the first opening

    board = callsheets.confirmation_board(database, world.slug, issued.id, actor=manager)
    statuses = {r.name: r.status for r in board.recipients}
    assert statuses == {
        "Hélène Marchal": RecipientStatus.CONFIRMED,
        "Marc Lenoir": RecipientStatus.UNREACHABLE,
        "Paul Ortiz": RecipientStatus.SENT,
    }
    assert board.count(RecipientStatus.CONFIRMED) == 1

    # Sending again sends nobody twice.
    again = callsheet_mail.send_call_sheet(
        database, world.slug, issued.id, mailer, BASE, actor=manager
    )
    assert (again.sent, again.failed, again.already_sent) == ((), (), 2)
    assert len(inbox.messages) == 2

    # A newer version supersedes the one behind the link.
    callsheets.issue_call_sheet(database, world.slug, 1, actor=manager)
    assert callsheet_mail.open_link(database, token).superseded


def test_a_refused_address_is_recorded_and_sent_later(
    database: Database, world: World, smtp: tuple[Inbox, Mailer]
) -> None:
    inbox, mailer = smtp
    inbox.refuse.add("paul@clef.fr")
    issued = callsheets.issue_call_sheet(database, world.slug, 1, actor=None)
    report = callsheet_mail.send_call_sheet(
        database, world.slug, issued.id, mailer, BASE, actor=None
    )
    assert [r.name for r in report.sent] == ["Hélène Marchal"]
    (failed,) = report.failed
    assert failed.name == "Paul Ortiz"
    assert failed.status is RecipientStatus.FAILED
    assert failed.send_error is not None
    assert "550" in failed.send_error

    inbox.refuse.clear()
    later = callsheet_mail.send_call_sheet(
        database, world.slug, issued.id, mailer, BASE, actor=None
    )
    assert [r.name for r in later.sent] == ["Paul Ortiz"]
    assert later.already_sent == 1
    board = callsheets.confirmation_board(database, world.slug, issued.id, actor=None)
    paul = next(r for r in board.recipients if r.name == "Paul Ortiz")
    assert paul.status is RecipientStatus.SENT
    assert paul.send_error is None
    callsheet_mail.confirm(database, _token(personal_link(inbox.to("paul@clef.fr"))))


def test_an_unreachable_server_fails_every_recipient(database: Database, world: World) -> None:
    with smtp_server() as (_inbox, running):
        port = running.settings.port  # free once the server has stopped
    closed = Mailer(SmtpSettings("127.0.0.1", port, "production@clef.fr"), timeout=5)
    issued = callsheets.issue_call_sheet(database, world.slug, 1, actor=None)
    report = callsheet_mail.send_call_sheet(
        database, world.slug, issued.id, closed, BASE, actor=None
    )
    assert report.sent == ()
    assert len(report.failed) == 2
    assert all("ConnectionRefused" in (r.send_error or "") for r in report.failed)


def test_unknown_or_malformed_links_are_not_found(database: Database, world: World) -> None:
    with pytest.raises(NotFound, match="link is not valid"):
        callsheet_mail.open_link(database, "A" * 43)
    with pytest.raises(NotFound, match="link is not valid"):
        callsheet_mail.confirm(database, "../../etc/passwd")
    with pytest.raises(NotFound):
        callsheet_mail.personal_pdf(database, "x")


def test_sending_needs_the_right_to_issue(
    database: Database, world: World, smtp: tuple[Inbox, Mailer]
) -> None:
    _inbox, mailer = smtp
    issued = callsheets.issue_call_sheet(database, world.slug, 1, actor=None)
    with pytest.raises(PermissionDenied, match="does not allow"):
        callsheet_mail.send_call_sheet(
            database, world.slug, issued.id, mailer, BASE, actor=world.office.crew
        )


def test_smtp_urls() -> None:
    plain = mail.parse_smtp_url("smtp://127.0.0.1:2525?from=fds@prod.fr")
    assert plain == SmtpSettings("127.0.0.1", 2525, "fds@prod.fr")
    secured = mail.parse_smtp_url(
        "smtp://bureau%40prod.fr:p%C3%A0ss@smtp.prod.fr:587?starttls=1&from=fds@prod.fr"
    )
    assert (secured.user, secured.password, secured.security) == (
        "bureau@prod.fr",
        "pàss",
        Security.STARTTLS,
    )
    assert "pàss" not in repr(secured)
    assert mail.parse_smtp_url("smtps://smtp.prod.fr?from=a@b.fr").port == 465
    with pytest.raises(ValidationError, match="not an SMTP address"):
        mail.parse_smtp_url("http://smtp.prod.fr")
    with pytest.raises(ValidationError, match="no sender address"):
        mail.parse_smtp_url("smtp://smtp.prod.fr")


def test_settings_from_the_environment_then_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(mail.SMTP_URL_ENV, raising=False)
    monkeypatch.delenv(mail.BASE_URL_ENV, raising=False)
    assert mail.smtp_settings(tmp_path) is None
    with pytest.raises(InputError, match="no SMTP server"):
        mail.mailer(tmp_path)
    (tmp_path / "regie.toml").write_text(
        '[mail]\nurl = "smtp://relay.local:25?from=fds@prod.fr"\n'
        'base_url = "https://regie.prod.fr/"\n',
        encoding="utf-8",
    )
    found = mail.smtp_settings(tmp_path)
    assert found is not None
    assert found.host == "relay.local"
    assert mail.base_url(tmp_path) == "https://regie.prod.fr"
    monkeypatch.setenv(mail.SMTP_URL_ENV, "smtp://other.local:2525?from=x@prod.fr")
    found = mail.smtp_settings(tmp_path)
    assert found is not None
    assert found.host == "other.local"
