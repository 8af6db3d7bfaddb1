# SPDX-License-Identifier: AGPL-3.0-or-later
"""Deliverables use cases: a template plus the contract's extras, status moves with the
version the user saw, who may do media work, and a delivered master checked against its
outlet's spec (measured on the shared corpus when present)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from regie.core.errors import Conflict, NotFound, PermissionDenied, StaleEdit, ValidationError
from regie.media.deliverables import DeliverableStatus, MasterMeasurement
from regie.services import media, media_masters
from regie.services.database import Database
from regie.services.media_paths import MediaRoots
from tests.services.conftest import Office

DAY = dt.date(2027, 3, 1)


def _pad(database: Database, office: Office) -> int:
    added = media.add_deliverables(
        database, office.slug, actor=office.manager, template="broadcast-pad",
        extras=["Making-of de 26 minutes"], due=dt.date(2027, 6, 1),
    )  # fmt: skip
    return next(d.id for d in added if d.key == "master-pad")


def test_a_template_and_extras_make_the_list(database: Database, office: Office) -> None:
    added = media.add_deliverables(
        database, office.slug, actor=office.manager, template="broadcast-pad",
        extras=["Making-of de 26 minutes", "  "],
    )  # fmt: skip
    keys = [d.key for d in added]
    assert keys[0] == "master-pad"
    assert keys[-1] == "contract-making-of-de-26-minutes"
    assert all(d.item.status is DeliverableStatus.PLANNED for d in added)
    master = added[0]
    assert (master.item.spec, master.template, master.item.kind) == (
        "broadcast-pad", "broadcast-pad", "master"
    )  # fmt: skip
    # A second template adds only what is not already in the list (the cue sheet is shared).
    again = media.add_deliverables(database, office.slug, actor=office.producer,
                                   template="cinema-dcp")  # fmt: skip
    assert "cue-sheet" not in {d.key for d in again}
    assert "dcp" in {d.key for d in again}
    listed = media.list_deliverables(database, office.slug, actor=office.crew)
    assert len(listed) == len(added) + len(again)
    with pytest.raises(Conflict, match="already in the list"):
        media.add_deliverables(database, office.slug, actor=office.manager,
                               extras=["Making-of de 26 minutes"])  # fmt: skip
    with pytest.raises(NotFound, match="no deliverables template"):
        media.add_deliverables(database, office.slug, actor=office.manager, template="radio")
    with pytest.raises(ValidationError, match="choose a template"):
        media.add_deliverables(database, office.slug, actor=office.manager)


def test_only_media_roles_change_the_list(database: Database, office: Office) -> None:
    for persona in (office.accountant, office.crew):
        with pytest.raises(PermissionDenied, match="media work"):
            media.add_deliverables(database, office.slug, actor=persona, template="web")
    with pytest.raises(PermissionDenied):
        media.list_deliverables(database, office.slug, actor=office.guest)
    with pytest.raises(NotFound):
        media.list_deliverables(database, office.slug, actor=office.outsider)


def test_status_flow_and_stale_edits(database: Database, office: Office) -> None:
    ident = _pad(database, office)
    moved = media.advance_status(
        database, office.slug, ident, "in_progress", expected_version=1,
        actor=office.manager, today=DAY,
    )  # fmt: skip
    assert moved.item.status is DeliverableStatus.IN_PROGRESS
    assert moved.version == 2
    with pytest.raises(ValidationError, match="cannot go from in_progress to accepted"):
        media.advance_status(database, office.slug, ident, "accepted", expected_version=2,
                             actor=office.manager, today=DAY)  # fmt: skip
    # Someone who still sees version 1 is refused, whatever move they ask for.
    with pytest.raises(StaleEdit, match="your version 1, stored version 2"):
        media.advance_status(database, office.slug, ident, "waived", expected_version=1,
                             actor=office.producer, today=DAY)  # fmt: skip
    with pytest.raises(StaleEdit):
        media.edit_deliverable(database, office.slug, ident, expected_version=1,
                               actor=office.producer, due=None, note="x")  # fmt: skip
    edited = media.edit_deliverable(
        database, office.slug, ident, expected_version=2, actor=office.producer, due=DAY,
        note="  Attendre le mix ",
    )  # fmt: skip
    assert (edited.due, edited.note, edited.version) == (DAY, "Attendre le mix", 3)
    assert edited.overdue(DAY + dt.timedelta(days=1))
    assert [c.status for c in edited.item.history] == [DeliverableStatus.IN_PROGRESS]
    with pytest.raises(ValidationError, match="not a deliverable status"):
        media.advance_status(database, office.slug, ident, "lost", expected_version=3,
                             actor=office.manager)  # fmt: skip


def _measured(loudness: str, scan: str = "interlaced") -> MasterMeasurement:
    return MasterMeasurement(
        container="mxf", video_codec="mpeg2video", width=1920, height=1080,
        frame_rate=Fraction(25), scan=scan, audio_channels=8, sample_rate=48000,
        integrated_loudness=Decimal(loudness), true_peak=Decimal("-3.5"),
        loudness_range=Decimal("8"), duration=Decimal("1560"), audio_codec="pcm_s24le",
    )  # fmt: skip


def test_a_checked_master_is_accepted_or_rejected(database: Database, office: Office) -> None:
    ident = _pad(database, office)
    path = Path("/mnt/raid/PAD_v1.mxf")
    rejected = media_masters.check_master(database, office.slug, ident, path, actor=office.manager,
                                  measured=_measured("-20.0", "progressive"))  # fmt: skip
    assert rejected.item.status is DeliverableStatus.REJECTED
    assert [c.status.value for c in rejected.item.history] == ["delivered", "rejected"]
    assert rejected.item.history[-1].note == "scan"
    assert rejected.check is not None
    assert rejected.check.path == str(path)
    severities = {f.check: f.severity.value for f in rejected.check.findings}
    # The PAD's scan is sourced (an error); its loudness target is not firm (a warning).
    assert (severities["scan"], severities["loudness"]) == ("error", "warning")
    assert rejected.check.measured["loudness"] == "-20.0"
    # Delivered again, within the target's tolerance: accepted.
    accepted = media_masters.check_master(database, office.slug, ident, path, actor=office.manager,
                                  measured=_measured("-23.2"))  # fmt: skip
    assert accepted.item.status is DeliverableStatus.ACCEPTED
    assert accepted.check is not None
    assert accepted.check.conforms
    assert accepted.version == rejected.version + 1


def test_only_masters_are_checked(database: Database, office: Office, tmp_path: Path) -> None:
    _pad(database, office)
    sheet = next(d for d in media.list_deliverables(database, office.slug, actor=None)
                 if d.key == "pad-sheet")  # fmt: skip
    (tmp_path / "sheet.pdf").write_bytes(b"%PDF-1.4")
    roots = MediaRoots((tmp_path.resolve(),))
    with pytest.raises(ValidationError, match="not a master"):
        media_masters.master_path(database, office.slug, sheet.id, str(tmp_path / "sheet.pdf"),
                          actor=office.manager, roots=roots)  # fmt: skip


def test_a_real_master_is_measured(database: Database, office: Office, corpus_dir: Path) -> None:
    web = media.add_deliverables(database, office.slug, actor=office.manager, template="web")
    master = next(d for d in web if d.item.spec == "web")
    roots = MediaRoots((corpus_dir.resolve(),))
    proxy = str(corpus_dir / "media" / "A001C001_250101_R1AB_proxy.mp4")
    path = media_masters.master_path(database, office.slug, master.id, proxy, actor=office.manager,
                             roots=roots)  # fmt: skip
    checked = media_masters.check_master(
        database, office.slug, master.id, path, actor=office.manager
    )
    assert checked.check is not None
    measured = checked.check.measured
    assert (measured["container"], measured["video_codec"], measured["raster"]) == (
        "mp4", "h264", "1920x1080"
    )  # fmt: skip
    assert Decimal(measured["loudness"]) == pytest.approx(Decimal("-22.1"), abs=Decimal("0.5"))
    assert checked.check.conforms  # the web spec sources no loudness target: info only
    assert checked.item.status is DeliverableStatus.ACCEPTED
