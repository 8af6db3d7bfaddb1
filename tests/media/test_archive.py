# SPDX-License-Identifier: AGPL-3.0-or-later
"""The archive manifest (naming of rushes and documents) and the cold-storage plan."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import pytest

from regie.core.errors import ValidationError
from regie.core.money import Money
from regie.media.archive import (
    TB,
    ArchiveFile,
    FileKind,
    NamingIssue,
    build_manifest,
    camera_rule,
    check_rush_name,
    cold_storage_plan,
)
from regie.rules.registry import shipped_pack

STORAGE = shipped_pack("storage-media")
EMISSIONS = shipped_pack("emission-factors")


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("A001C001_250101_R1AB.mov", True),
        ("A001C001_250101_R1AB_proxy.mp4", True),
        ("B012C103_261231_X9Z0.mxf", True),
        ("A001C001_251301_R1AB.mov", False),  # month 13
        ("A1C1_250101_R1AB.mov", False),
        ("clip final.mov", False),
    ],
)
def test_the_camera_rule(name: str, ok: bool) -> None:
    pattern, cited, form = camera_rule(STORAGE)
    assert cited.key == "naming.camera_clip"
    assert (check_rush_name(name, pattern, form) is None) is ok


def test_the_manifest_sorts_counts_and_checks() -> None:
    asked: list[str] = []

    def rule(path: str) -> NamingIssue | None:
        asked.append(path)
        return None if path.startswith("LDB_") else NamingIssue(path, "document", "bad")

    files = [
        ArchiveFile("rushes/A001C001_250101_R1AB.mov", 4_000),
        ArchiveFile("rushes/take 2.mov", 1_000),
        ArchiveFile("son/SR01_S1T1.wav", 500),
        ArchiveFile("LDB_20261126_DEVIS_devis-v1_v01.pdf", 20),
        ArchiveFile("notes.pdf", 10),
        ArchiveFile("project.drp", 7),
    ]
    manifest = build_manifest(files, STORAGE, document_rule=rule)
    assert sorted(asked) == ["LDB_20261126_DEVIS_devis-v1_v01.pdf", "notes.pdf"]
    totals = {t.kind: (t.files, t.bytes) for t in manifest.totals}
    assert totals == {
        FileKind.RUSH: (2, 5_000),
        FileKind.SOUND: (1, 500),
        FileKind.DOCUMENT: (2, 30),
        FileKind.OTHER: (1, 7),
    }
    assert manifest.total_bytes == 5_537
    assert [(i.path, i.rule) for i in manifest.issues] == [
        ("notes.pdf", "document"),
        ("rushes/take 2.mov", "camera_clip"),
    ]
    assert not manifest.clean
    assert manifest.documents_checked
    unchecked = build_manifest(files, STORAGE)
    assert not unchecked.documents_checked
    assert [i.path for i in unchecked.issues] == ["rushes/take 2.mov"]


def test_tapes_writing_time_and_price() -> None:
    lto9 = STORAGE.value("lto.lto-9")
    capacity = int(lto9.decimal("native_capacity_bytes"))
    size = 40 * TB
    plan = cold_storage_plan(size, STORAGE, EMISSIONS, tier="lto-9",
                             tape_price=Money(Decimal("95.50"), "EUR"))  # fmt: skip
    copies = int(STORAGE.value("planning.copies.archive").decimal())
    assert plan.media_per_copy == math.ceil(size / capacity)
    assert plan.media_total == plan.media_per_copy * copies
    hours = Decimal(size) / lto9.decimal("native_rate_bytes_per_second") / 3600
    assert plan.write_hours is not None
    assert plan.write_hours - hours < Decimal("0.1")
    assert plan.write_hours >= hours
    assert plan.cost == Money(Decimal("95.50") * plan.media_total, "EUR")
    assert plan.emission_kg is None
    assert plan.emission_note is not None


def test_a_cloud_tier_costs_and_emits_from_the_packs() -> None:
    size = 5 * TB
    plan = cold_storage_plan(size, STORAGE, EMISSIONS, tier="cloud-deep-archive",
                             copies=1, years=Decimal(10))  # fmt: skip
    price = STORAGE.value("cloud.deep-archive.price")
    expected = (Decimal(5000) * 120 * price.decimal("amount")).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )
    assert plan.cost == Money(expected, str(price.value["currency"]))
    factor = EMISSIONS.value("digital.cloud_storage").decimal("factor")
    assert plan.emission_kg == (5 * 10 * factor).quantize(Decimal("0.001"), ROUND_HALF_UP)
    assert plan.media_total is None
    cited = [s.cited for s in plan.steps if s.cited is not None]
    assert any(c.key == "digital.cloud_storage" and c.status.value == "unverified" for c in cited)


def test_a_short_cloud_stay_meets_the_minimum_duration() -> None:
    plan = cold_storage_plan(TB, STORAGE, EMISSIONS, tier="cloud-deep-archive",
                             years=Decimal("0.25"))  # fmt: skip
    assert any(s.unit == "days" for s in plan.steps)
    price = STORAGE.value("cloud.deep-archive.price").decimal("amount")
    days = STORAGE.value("cloud.deep-archive.minimum_days").decimal()
    months = (days / 365 * 12).quantize(Decimal("0.01"), "ROUND_CEILING")
    copies = int(STORAGE.value("planning.copies.archive").decimal())
    assert plan.cost is not None
    assert plan.cost.amount == (1000 * copies * months * price).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )


def test_bad_tiers_and_counts() -> None:
    with pytest.raises(ValidationError):
        cold_storage_plan(TB, STORAGE, EMISSIONS, tier="floppy")
    with pytest.raises(ValidationError):
        cold_storage_plan(TB, STORAGE, EMISSIONS, copies=0)
