# SPDX-License-Identifier: AGPL-3.0-or-later
"""Deliverables: template + contract extras, status transitions, and the master check."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from regie.core.errors import NotFound, ValidationError
from regie.media.deliverables import (
    DeliverableStatus,
    MasterMeasurement,
    Severity,
    advance,
    check_master,
    conforms,
    deliverables_list,
    review_master,
)
from regie.media.outlets import master_spec
from regie.rules.registry import shipped_pack

TEMPLATES = shipped_pack("deliverables-templates")
SPECS = shipped_pack("delivery-specs")
DAY = dt.date(2027, 3, 1)

PAD_OK = MasterMeasurement(
    container="mxf",
    video_codec="mpeg2video",
    width=1920,
    height=1080,
    frame_rate=Fraction(25),
    scan="interlaced",
    audio_channels=8,
    sample_rate=48000,
    integrated_loudness=Decimal("-23.2"),
    true_peak=Decimal("-1.5"),
    loudness_range=Decimal(9),
    duration=Decimal(3120),
    audio_codec="pcm_s24le",
)


def test_a_template_and_contract_extras() -> None:
    found = deliverables_list(TEMPLATES, "broadcast-pad", ["Version anglaise sous-titrée", " "
                                                           "Making-of  10 min "])  # fmt: skip
    ids = [i.id for i in found.items]
    assert len(ids) == len(set(ids))
    master = found.items[0]
    assert (master.kind, master.spec, master.origin) == ("master", "broadcast-pad", "template")
    extras = [i for i in found.items if i.origin == "contract"]
    assert [e.title_fr for e in extras] == ["Version anglaise sous-titrée", "Making-of 10 min"]
    assert extras[0].id == "contract-version-anglaise-sous-titree"
    assert all(i.status is DeliverableStatus.PLANNED for i in found.items)
    assert found.cited.pack == TEMPLATES.ref


def test_unknown_template_and_empty_extra() -> None:
    with pytest.raises(NotFound) as refused:
        deliverables_list(TEMPLATES, "netflix")
    assert "streaming-imf" in str(refused.value)
    with pytest.raises(ValidationError):
        deliverables_list(TEMPLATES, "web", ["   "])


def test_status_transitions_are_kept_and_checked() -> None:
    item = deliverables_list(TEMPLATES, "web").items[0]
    item = advance(item, DeliverableStatus.IN_PROGRESS, on=DAY)
    item = advance(item, DeliverableStatus.DELIVERED, on=DAY, note="upload 1")
    assert [c.status for c in item.history] == [
        DeliverableStatus.IN_PROGRESS,
        DeliverableStatus.DELIVERED,
    ]
    with pytest.raises(ValidationError) as refused:
        advance(item, DeliverableStatus.WAIVED, on=DAY)
    assert "accepted" in str(refused.value)
    assert "rejected" in str(refused.value)
    accepted = advance(item, DeliverableStatus.ACCEPTED, on=DAY)
    with pytest.raises(ValidationError):
        advance(accepted, DeliverableStatus.IN_PROGRESS, on=DAY)


def test_a_conforming_pad_master() -> None:
    spec = dataclasses.replace(master_spec(SPECS, "broadcast-pad"), duration_seconds=Decimal(3120))
    findings = check_master(PAD_OK, spec)
    assert findings == []
    assert conforms(findings)


def test_each_difference_is_a_finding_with_its_rule() -> None:
    spec = master_spec(SPECS, "broadcast-pad")
    wrong = dataclasses.replace(
        PAD_OK, container="mov,mp4,m4a,3gp,3g2,mj2", frame_rate=Fraction(30000, 1001),
        scan="progressive", true_peak=Decimal("-0.4"), audio_channels=2,
    )  # fmt: skip
    found = {f.check: f for f in check_master(wrong, spec)}
    assert set(found) == {"container", "frame_rate", "scan", "true_peak", "audio_channels"}
    assert found["frame_rate"].measured == "29.97"
    assert found["true_peak"].severity is Severity.ERROR  # -1 dBTP is secondary (R 128)
    assert found["audio_channels"].severity is Severity.WARNING  # 8 tracks is customary
    assert all(f.cited for f in found.values())
    assert not conforms(list(found.values()))


def test_loudness_severity_follows_the_weakest_rule() -> None:
    loud = dataclasses.replace(PAD_OK, integrated_loudness=Decimal(-20))
    pad = check_master(loud, master_spec(SPECS, "broadcast-pad"))
    assert [(f.check, f.severity) for f in pad] == [("loudness", Severity.WARNING)]  # ±0.5 LU
    imf = master_spec(SPECS, "streaming-imf")
    measured = dataclasses.replace(
        PAD_OK, video_codec="jpeg2000", width=3840, height=2160, integrated_loudness=Decimal(-20),
        true_peak=Decimal("-2.5"), loudness_range=Decimal(22),
    )  # fmt: skip
    found = {f.check: f.severity for f in check_master(measured, imf)}
    assert found == {"loudness": Severity.ERROR, "loudness_range": Severity.WARNING}


def test_what_cannot_be_checked_is_said() -> None:
    silent = dataclasses.replace(PAD_OK, integrated_loudness=None, true_peak=None)
    found = check_master(silent, master_spec(SPECS, "broadcast-pad"))
    assert {(f.check, f.severity) for f in found} == {
        ("loudness", Severity.INFO),
        ("true_peak", Severity.INFO),
    }
    dcp = dataclasses.replace(PAD_OK, video_codec="jpeg2000", width=2048, height=1080,
                              frame_rate=Fraction(24), scan="progressive")  # fmt: skip
    cinema = check_master(dcp, master_spec(SPECS, "cinema-dcp"))
    assert [(f.check, f.severity) for f in cinema] == [("loudness", Severity.INFO)]


def test_duration_within_one_frame() -> None:
    spec = dataclasses.replace(master_spec(SPECS, "broadcast-pad"), duration_seconds=Decimal(3120))
    near = dataclasses.replace(PAD_OK, duration=Decimal("3120.04"))
    assert check_master(near, spec) == []
    far = dataclasses.replace(PAD_OK, duration=Decimal("3121"))
    assert [f.check for f in check_master(far, spec)] == ["duration"]


def test_review_moves_a_delivered_master() -> None:
    item = deliverables_list(TEMPLATES, "broadcast-pad").items[0]
    item = advance(item, DeliverableStatus.DELIVERED, on=DAY)
    spec = master_spec(SPECS, "broadcast-pad")
    assert review_master(item, check_master(PAD_OK, spec), on=DAY).status is (
        DeliverableStatus.ACCEPTED
    )
    bad = check_master(dataclasses.replace(PAD_OK, true_peak=Decimal(0)), spec)
    rejected = review_master(item, bad, on=DAY)
    assert rejected.status is DeliverableStatus.REJECTED
    assert rejected.history[-1].note == "true_peak"
