# SPDX-License-Identifier: AGPL-3.0-or-later
"""The media plans as PDF, read back with pdfplumber, in French and English."""

from __future__ import annotations

import io
from decimal import Decimal

import pdfplumber
import pytest

from regie.documents.media_plan import (
    archive_plan_pdf,
    formats_pdf,
    storage_plan_html,
    storage_plan_pdf,
)
from regie.media.archive import ArchiveFile, build_manifest, cold_storage_plan
from regie.media.outlets import propose_formats
from regie.media.rates import rate_by_key
from regie.media.storage import DeliveryFormat, Phase, StorageInputs, StoragePlan, size_storage
from regie.rules.registry import shipped_pack

CODECS = shipped_pack("codec-rates")
STORAGE = shipped_pack("storage-media")
EMISSIONS = shipped_pack("emission-factors")


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def _plan() -> StoragePlan:
    inputs = StorageInputs(
        rate_by_key(CODECS, "prores-422-hq.3840x2160.25"), cameras=2,
        hours_per_day=Decimal(3), shoot_days=25,
        proxy=rate_by_key(CODECS, "prores-422-proxy.1920x1080.25"),
        intermediate=rate_by_key(CODECS, "prores-422-hq.1920x1080.25"),
        runtime_minutes=Decimal(52), deliveries=(DeliveryFormat("XDCAM HD422", Decimal(50)),),
    )  # fmt: skip
    return size_storage(inputs, STORAGE, EMISSIONS)


@pytest.mark.parametrize(("locale", "mark"), [("fr", ","), ("en", ".")])
def test_the_storage_plan_prints_every_phase_and_step(locale: str, mark: str) -> None:
    plan = _plan()
    text = _text(storage_plan_pdf(plan, "Le Phare des Oubliés", locale=locale))
    assert "Le Phare des Oubliés" in text
    shoot = plan.phase(Phase.SHOOT).tb
    assert str(shoot).replace(".", mark) in text  # 149,25 / 149.25
    assert "prores-422-hq.3840x2160.25" in text  # the rule of the camera rate
    assert "planning.copies.shoot" in text
    assert "LTO-9" in text
    assert f"{plan.archive.media_total}" in text
    assert "codec-rates@2026.1" in text


def test_the_html_is_escaped_and_names_the_packs() -> None:
    html = storage_plan_html(_plan(), "<b>Titre</b>", locale="fr")
    assert "<b>Titre</b>" not in html
    assert "storage-media@" in html
    assert "emission-factors@" in html


def test_the_format_comparison() -> None:
    specs = shipped_pack("delivery-specs")
    outlets = ("broadcast-pad", "cinema-dcp")
    found = [propose_formats(specs, CODECS, o, hours=Decimal(2)) for o in outlets]
    french = _text(formats_pdf(found, "Le Phare", locale="fr"))
    assert "Diffusion TV française" in french
    assert "Salles de cinéma" in french
    assert "XDCAM HD422" in french
    assert "-23" in french  # the PAD loudness target
    english = _text(formats_pdf(found, "Le Phare", locale="en"))
    assert "French broadcast" in english
    assert "Cinema" in english
    assert "112.5" in english  # 250 Mb/s = 112.5 GB per hour


def test_the_archive_plan_lists_naming_issues_and_the_cloud_footprint() -> None:
    manifest = build_manifest(
        [ArchiveFile("A001C001_250101_R1AB.mov", 2 * 10**12), ArchiveFile("final cut.mov", 10)],
        STORAGE,
    )
    plan = cold_storage_plan(manifest.total_bytes, STORAGE, EMISSIONS, tier="cloud-deep-archive")
    text = _text(archive_plan_pdf(manifest, plan, "Le Phare", locale="en"))
    assert "final" in text  # the file breaking the camera naming rule (cells wrap)
    assert "does not follow the camera naming" in text.replace("\n", " ")
    assert "Glacier Deep Archive" in text
    assert "digital.cloud_storage" in text
    assert str(plan.emission_kg) in text
    tapes = cold_storage_plan(3 * 10**12, STORAGE, EMISSIONS, tier="lto-8")
    french = _text(archive_plan_pdf(None, tapes, "Le Phare", locale="fr"))
    assert "LTO-8" in french
    assert "lto.lto-8" in french
