# SPDX-License-Identifier: AGPL-3.0-or-later
"""The Médias pages through the test client: an offload run in-process on real files to
its end and its status fragment, a QC job on the shared corpus, paths outside the media
roots refused, the deliverables' status flow and a stale edit, the plan pages."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from regie.jobs.runner import InProcessRunner
from regie.services import media as media_service
from regie.services.database import Database
from regie.services.media_paths import ROOTS_ENV
from tests.web.conftest import Browser, Office

JOB = re.compile(r'/media/jobs/(\d+)"')


@pytest.fixture
def media_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A server whose only media root is ``tmp_path/media``, holding a card of three
    files (one in a sub-folder)."""
    root = tmp_path / "media"
    card = root / "cards" / "A001"
    (card / "CLIPS").mkdir(parents=True)
    (card / "CLIPS" / "A001C001.mov").write_bytes(os.urandom(300_000))
    (card / "CLIPS" / "A001C002.mov").write_bytes(os.urandom(70_000))
    (card / "A001.xml").write_bytes(b"<card/>")
    for folder in ("one", "two", "ok"):
        (root / "raid" / folder).mkdir(parents=True)
    monkeypatch.setenv(ROOTS_ENV, str(root))
    return root


@pytest.fixture
def corpus_root(corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shared corpus, opened as the server's only media root."""
    monkeypatch.setenv(ROOTS_ENV, str(corpus_dir))
    return corpus_dir


def _job_id(text: str) -> int:
    found = JOB.search(text)
    assert found, text
    return int(found.group(1))


def test_an_offload_runs_to_its_verified_end(
    browser_for: Callable[[str], Browser], media_root: Path, runner: InProcessRunner
) -> None:
    manager = browser_for("manager")
    page = manager.get("/p/maree-basse/media/offload")
    assert page.status_code == 200
    assert str(media_root) in page.text  # the allowed folders are shown
    response = manager.post(
        "/p/maree-basse/media/offload",
        {"source": str(media_root / "cards" / "A001"),
         "destinations": f"{media_root / 'raid' / 'one'}\n{media_root / 'raid' / 'two'}\n",
         "algorithm": "xxh64"},
        htmx=True,
    )  # fmt: skip
    assert response.status_code == 200, response.text
    assert 'id="job-status"' in response.text
    job_id = int(re.search(r'hx-get="/p/maree-basse/media/jobs/(\d+)"', response.text)[1])  # type: ignore[index]
    runner.wait(job_id, timeout=60)
    fragment = manager.get(f"/p/maree-basse/media/jobs/{job_id}", headers={"HX-Request": "true"})
    assert "job-verified" in fragment.text
    assert "hx-trigger" not in fragment.text  # finished: the polling stops
    assert fragment.text.count('class="cell-ok"') == 6  # three files on two destinations
    assert "CLIPS/A001C001.mov" in fragment.text
    for copy in ("one", "two"):
        copied = media_root / "raid" / copy / "A001" / "CLIPS" / "A001C002.mov"
        assert copied.read_bytes() == (media_root / "cards/A001/CLIPS/A001C002.mov").read_bytes()
        assert list((media_root / "raid" / copy / "A001" / "ascmhl").glob("*.mhl"))
    full = manager.get(f"/p/maree-basse/media/jobs/{job_id}")
    assert full.status_code == 200
    assert "<h1>" in full.text
    listed = manager.get("/p/maree-basse/media")
    assert f"/media/jobs/{job_id}" in listed.text


def test_a_failed_copy_is_listed(
    browser_for: Callable[[str], Browser], media_root: Path, runner: InProcessRunner
) -> None:
    # On the second destination a file sits where the card's CLIPS folder must go: the
    # clips cannot be written there, the rest goes on.
    blocked = media_root / "raid" / "two"
    (blocked / "A001").mkdir()
    (blocked / "A001" / "CLIPS").write_text("a file where a folder should be")
    manager = browser_for("manager")
    response = manager.post(
        "/p/maree-basse/media/offload",
        {"source": str(media_root / "cards" / "A001"),
         "destinations": f"{media_root / 'raid' / 'one'}\n{blocked}"},
    )  # fmt: skip
    assert response.status_code == 303, response.text
    job_id = int(response.headers["location"].rsplit("/", 1)[1])
    runner.wait(job_id, timeout=60)
    page = manager.get(f"/p/maree-basse/media/jobs/{job_id}")
    assert "job-not-verified" in page.text
    failures = page.text.split('class="data failures"')[1].split("</table>")[0]
    assert failures.count("<tr>") == 3  # the head and the two clips on "two"
    assert "CLIPS/A001C001.mov" in failures
    assert str(media_root / "raid" / "one") not in failures
    assert page.text.count('class="cell-ok"') == 4  # three on "one", the XML on "two"


def test_paths_outside_the_roots_are_refused(
    browser_for: Callable[[str], Browser], media_root: Path, tmp_path: Path
) -> None:
    manager = browser_for("manager")
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "key").write_text("s3cret")
    refused = manager.post(
        "/p/maree-basse/media/offload",
        {"source": str(tmp_path / "secret"), "destinations": str(media_root / "raid")},
        htmx=True,
    )
    assert refused.status_code == 403
    assert "outside the media folders" in refused.text or "en dehors" in refused.text
    escape = media_root / "raid" / "escape"
    escape.symlink_to(tmp_path / "secret")
    through_link = manager.post(
        "/p/maree-basse/media/qc", {"paths": str(escape / "key"), "spec": "media-spec-house"}
    )
    assert through_link.status_code == 403
    into = manager.post(
        "/p/maree-basse/media/offload",
        {"source": str(media_root / "cards" / "A001"), "destinations": str(tmp_path / "secret")},
    )
    assert into.status_code == 403
    assert not (tmp_path / "secret" / "A001").exists()


def test_who_may_start_media_work(browser_for: Callable[[str], Browser], media_root: Path) -> None:
    form = {"source": str(media_root / "cards" / "A001"), "destinations": str(media_root / "raid")}
    for persona, status in (("crew", 403), ("accountant", 403), ("guest", 403), ("outsider", 404)):
        browser = browser_for(persona)
        assert browser.post("/p/maree-basse/media/offload", form).status_code == status, persona
    crew_page = browser_for("crew").get("/p/maree-basse/media/offload")
    assert crew_page.status_code == 200
    assert 'id="offload-form"' not in crew_page.text
    assert browser_for("guest").get("/p/maree-basse/media").status_code == 403
    assert not (media_root / "raid" / "A001").exists()


def test_a_qc_job_and_its_report(
    browser_for: Callable[[str], Browser], corpus_root: Path, runner: InProcessRunner
) -> None:
    manager = browser_for("manager")
    clips = corpus_root / "media"
    response = manager.post(
        "/p/maree-basse/media/qc",
        {"paths": f"{clips / 'A001C001_250101_R1AB.mov'}\n{clips / 'B001C001_250101_DEFECTS.mov'}",
         "spec": "media-spec-house"},
    )  # fmt: skip
    assert response.status_code == 303, response.text
    job_id = int(response.headers["location"].rsplit("/", 1)[1])
    runner.wait(job_id, timeout=120)
    page = manager.get(f"/p/maree-basse/media/jobs/{job_id}")
    assert "1 of 2 clips" in page.text or "1 clips sur 2" in page.text
    assert "B001C001_250101_DEFECTS.mov" in page.text
    pdf = manager.get(f"/p/maree-basse/media/jobs/{job_id}/report.pdf")
    assert pdf.content.startswith(b"%PDF")
    csv = manager.get(f"/p/maree-basse/media/jobs/{job_id}/report.csv")
    assert "B001C001_250101_DEFECTS.mov" in csv.content.decode("utf-8-sig")
    report = json.loads(manager.get(f"/p/maree-basse/media/jobs/{job_id}/report.json").text)
    assert report["summary"]["clips"] == 2
    assert report["summary"]["failed"] == 1
    assert manager.get(f"/p/maree-basse/media/jobs/{job_id}/report.exe").status_code == 404


def test_deliverables_flow_and_stale_edit(
    browser_for: Callable[[str], Browser], database: Database, office: Office
) -> None:
    manager = browser_for("manager")
    added = manager.post(
        "/p/maree-basse/media/deliverables",
        {"template": "broadcast-pad", "extras": "Making-of 26 min\n", "due": "2027-06-01"},
    )
    assert added.status_code == 303, added.text
    page = manager.get("/p/maree-basse/media/deliverables")
    assert "Fichier PAD" in page.text
    assert "contract-making-of-26-min" in page.text
    master = next(
        d for d in media_service.list_deliverables(database, office.slug, actor=None)
        if d.key == "master-pad"
    )  # fmt: skip
    url = f"/p/maree-basse/media/deliverables/{master.id}"
    moved = manager.post(f"{url}/status", {"status": "in_progress", "version": "1"})
    assert moved.status_code == 303
    # The producer still has the page of version 1 open: refused, nothing overwritten.
    producer = browser_for("producer")
    stale = producer.post(f"{url}/status", {"status": "waived", "version": "1"}, htmx=True)
    assert stale.status_code == 409
    illegal = manager.post(f"{url}/status", {"status": "accepted", "version": "2"}, htmx=True)
    assert illegal.status_code == 400
    edited = manager.post(f"{url}/edit", {"version": "2", "due": "2027-05-01", "note": "Mix"})
    assert edited.status_code == 303
    stored = media_service.get_deliverable(database, office.slug, master.id, actor=None)
    assert (stored.item.status.value, stored.note, stored.version) == ("in_progress", "Mix", 3)
    crew = browser_for("crew")
    assert crew.get("/p/maree-basse/media/deliverables").status_code == 200
    assert crew.post(f"{url}/status", {"status": "delivered", "version": "3"}).status_code == 403


def test_a_master_check_runs_as_a_job(
    browser_for: Callable[[str], Browser],
    database: Database,
    office: Office,
    corpus_root: Path,
    runner: InProcessRunner,
) -> None:
    media_service.add_deliverables(database, office.slug, actor=None, template="broadcast-pad")
    master = next(
        d for d in media_service.list_deliverables(database, office.slug, actor=None)
        if d.key == "master-pad"
    )  # fmt: skip
    manager = browser_for("manager")
    mxf = corpus_root / "media" / "A001C002_250101_R1AB.mxf"
    response = manager.post(
        f"/p/maree-basse/media/deliverables/{master.id}/check", {"path": str(mxf)}, htmx=True
    )
    assert response.status_code == 200, response.text
    runner.wait(_job_id(response.text), timeout=60)
    stored = media_service.get_deliverable(database, office.slug, master.id, actor=None)
    assert stored.item.status.value == "rejected"  # DNxHR progressive is not a PAD
    assert stored.check is not None
    assert {"video_codec", "scan"} <= {f.check for f in stored.check.findings}
    page = manager.get("/p/maree-basse/media/deliverables")
    assert "dnxhd" in page.text


def test_the_storage_formats_and_archive_pages(
    browser_for: Callable[[str], Browser], media_root: Path
) -> None:
    manager = browser_for("manager")
    form = manager.get("/p/maree-basse/media/storage")
    assert form.status_code == 200
    assert "prores-422-hq.3840x2160.25" in form.text
    query = {"camera": "prores-422-hq.3840x2160.25", "cameras": "2", "hours_per_day": "2,5",
             "shoot_days": "30", "outlet": "broadcast-pad"}  # fmt: skip
    plan = manager.get("/p/maree-basse/media/storage", params=query)
    assert plan.status_code == 200
    assert 'id="storage-plan"' in plan.text
    assert "codec-rates@" in plan.text  # each step cites its rule
    pdf = manager.get("/p/maree-basse/media/storage.pdf", params=query)
    assert pdf.content.startswith(b"%PDF")
    bad = manager.get("/p/maree-basse/media/storage", params={**query, "hours_per_day": "x"})
    assert "notice-error" in bad.text
    assert 'value="x"' in bad.text  # the form keeps what was typed
    formats = manager.get("/p/maree-basse/media/formats", params={"outlet": "cinema-dcp"})
    assert "DCP" in formats.text
    assert manager.get("/p/maree-basse/media/formats.pdf",
                       params={"outlet": "web"}).content.startswith(b"%PDF")  # fmt: skip
    archive = manager.get("/p/maree-basse/media/archive",
                          params={"path": str(media_root / "cards"), "tier": "lto-9"})  # fmt: skip
    assert 'id="archive-plan"' in archive.text
    assert "A001C001.mov" in archive.text  # a rush whose name breaks the camera rule
    outside = manager.get("/p/maree-basse/media/archive", params={"path": "/etc"})
    assert "notice-error" in outside.text
    crew = browser_for("crew")
    listed = crew.get("/p/maree-basse/media/archive", params={"path": str(media_root)})
    assert 'id="archive-plan"' not in listed.text  # listing a server folder is media work
    volume = crew.get("/p/maree-basse/media/archive", params={"volume_tb": "12"})
    assert 'id="archive-plan"' in volume.text
