# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie callsheet DAY``: the sheet as it stands (JSON, PDF), ``--issue`` (details
stored, versions frozen), ``--send`` through a real SMTP server on 127.0.0.1, on the
planned world of tests/cli/test_schedule_world.py (Monday 1 March 2027)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pdfplumber
import pytest

from regie.schedule.people import PersonFields
from regie.services import mail, people
from regie.services.folders import read_config
from regie.services.mail import Mailer
from tests.cli.conftest import Folder, as_json
from tests.cli.test_schedule_world import World, plan_phare
from tests.services.smtp import Inbox, personal_link, smtp_server


@pytest.fixture
def world(imported: Folder) -> World:
    planned = plan_phare(imported)
    assert imported("board", "new").exit_code == 0
    return planned


def test_the_sheet_as_it_stands(world: World) -> None:
    folder = world.folder
    result = folder("callsheet", "1")
    assert result.exit_code == 0, result.output
    data = as_json(result)
    assert (data["date"], data["day"], data["days"]) == ("2027-03-01", 1, 3)
    assert data["scenes"]
    assert data["cast"]
    assert data["crew"]
    assert {"safety.hospital", "safety.harassment"} <= {f["code"] for f in data["findings"]}
    given = folder("callsheet", "1", "--hospital", "CH de Quimper", "--meal", "végétarien=2")
    assert as_json(given)["hospital"] == "CH de Quimper"
    assert as_json(given)["meal"]["special"] == {"végétarien": 2}
    # Options without --issue are not stored.
    assert as_json(folder("callsheet", "1"))["hospital"] == ""
    target = folder.path / "fds.pdf"
    assert folder("callsheet", "1", "-f", "pdf", "-o", str(target)).exit_code == 0
    with pdfplumber.open(io.BytesIO(target.read_bytes())) as pdf:
        assert "Odile Marin" in (pdf.pages[0].extract_text() or "")
    assert folder("callsheet", "1", "-f", "pdf").exit_code == 2


def test_issue_stores_the_details_and_freezes_versions(world: World) -> None:
    folder = world.folder
    first = folder.path / "v1.json"
    result = folder(
        "callsheet", "1", "--issue", "--weather", "Grain, 8 °C", "--hospital", "CH de Quimper",
        "--harassment-contact", "Lise Moal 06 00 00 00 00", "-o", str(first),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    frozen = json.loads(first.read_text(encoding="utf-8"))
    assert frozen["weather"] == "Grain, 8 °C"
    assert "safety.hospital" not in {f["code"] for f in frozen["findings"]}
    assert as_json(folder("callsheet", "1"))["weather"] == "Grain, 8 °C"  # stored
    second = folder.path / "v2.pdf"
    again = folder(
        "callsheet", "1", "--issue", "--weather", "Soleil", "-f", "pdf", "-o", str(second)
    )
    assert again.exit_code == 0, again.output
    assert second.read_bytes().startswith(b"%PDF")
    assert json.loads(first.read_text(encoding="utf-8"))["weather"] == "Grain, 8 °C"


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Inbox, Mailer]]:
    with smtp_server() as (inbox, mailer):
        monkeypatch.setenv(
            mail.SMTP_URL_ENV, f"smtp://127.0.0.1:{mailer.settings.port}?from=fds@phare.fr"
        )
        monkeypatch.delenv(mail.BASE_URL_ENV, raising=False)
        yield inbox, mailer


def test_send_the_newest_version(world: World, smtp: tuple[Inbox, Mailer]) -> None:
    inbox, _mailer = smtp
    folder = world.folder
    config = read_config(folder.path / "regie.toml")
    db = config.database()
    try:
        odile = people.get_engagement(db, config.slug, world.marthe, actor=None).person
        people.update_person(
            db, config.slug, odile.id, PersonFields(odile.full_name, email="odile@phare.fr"),
            odile.version, actor=None,
        )  # fmt: skip
    finally:
        db.dispose()
    nothing = folder("callsheet", "1", "--send", "--base-url", "https://regie.phare.fr")
    assert nothing.exit_code == 1
    assert "--issue" in nothing.output
    result = folder("callsheet", "1", "--issue", "--send", "--base-url", "https://regie.phare.fr")
    assert result.exit_code == 0, result.output
    assert [m["To"] for m in inbox.messages] == ["odile@phare.fr"]
    assert personal_link(inbox.messages[0]).startswith("https://regie.phare.fr/c/")
    assert "Paul Ortiz" in result.output  # no e-mail address: named
    again = folder("callsheet", "1", "--send", "--base-url", "https://regie.phare.fr")
    assert again.exit_code == 0
    assert len(inbox.messages) == 1


def test_send_needs_an_smtp_server(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(mail.SMTP_URL_ENV, raising=False)
    result = world.folder("callsheet", "1", "--issue", "--send", "--base-url", "https://x.fr")
    assert result.exit_code == 2
    assert "REGIE_SMTP_URL" in result.output
    assert "version" not in result.output.lower()  # checked before anything was issued
    listed = world.folder("callsheet", "1", "--send", "--base-url", "https://x.fr")
    assert listed.exit_code == 2
