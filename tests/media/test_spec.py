# SPDX-License-Identifier: AGPL-3.0-or-later
"""The technical spec read from rule packs: the shipped house and proxy specs, a
production's own YAML, and the refusals of malformed values."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from regie.core.errors import RuleError
from regie.media.spec import TechSpec, tech_spec
from regie.rules.pack import Status, parse_pack
from regie.rules.registry import shipped_pack

HEADER = """
pack: media-spec-test
version: "1"
title: Test spec
values:
"""


def spec_of(values: str) -> TechSpec:
    return tech_spec(parse_pack(HEADER + values, path="test.yaml"))


def test_house_spec_is_the_corpus_house_spec() -> None:
    spec = tech_spec(shipped_pack("media-spec-house"))
    assert spec.ref == "media-spec-house@2026.1"
    assert spec.containers == {"mov", "mxf"}
    assert spec.video_codecs == {"prores", "dnxhd"}
    assert spec.chroma == {"4:2:2", "4:4:4"}
    assert (spec.width, spec.height) == (1920, 1080)
    assert spec.frame_rates == (Fraction(25),)
    assert spec.scan == "progressive"
    assert spec.audio_channels == 2
    assert spec.sample_rates == {48000}
    assert spec.audio_bit_depth_min == 24
    assert spec.timecode_required
    assert not spec.drop_frame_allowed
    assert spec.continuity == "increasing"
    assert spec.naming is not None
    assert spec.naming.match("B001C001_250101_DEFECTS")
    assert not spec.naming.match("A001C001_250101_R1AB_proxy")
    assert spec.detection.black_min_s == Decimal("0.5")
    assert spec.detection.freeze_noise_db == Decimal("-60")
    assert spec.loudness_measurable
    assert spec.loudness_target is None  # rushes are not mixed: no target


def test_house_spec_values_are_customary_and_cite_the_corpus_notes() -> None:
    pack = shipped_pack("media-spec-house")
    for entry in pack:
        assert entry.status is Status.CUSTOMARY
    assert "corpus/media/README.md" in pack.value("video.frame_rates").citation()
    spec = tech_spec(pack)
    assert spec.rule("video.codecs") == "media-spec-house@2026.1: video.codecs"
    assert "customary" in spec.citations["video.codecs"]


def test_proxy_spec() -> None:
    spec = tech_spec(shipped_pack("media-spec-proxy"))
    assert spec.video_codecs == {"h264", "hevc"}
    assert spec.chroma == {"4:2:0"}
    assert spec.audio_codecs == {"aac", "pcm"}
    assert spec.naming is not None
    assert spec.naming.match("A001C001_250101_R1AB_proxy")


def test_a_production_spec_with_loudness_and_ntsc_rates() -> None:
    spec = spec_of(
        """
  video.frame_rates: {value: ["30000/1001", "24000/1001"], status: customary}
  timecode.drop_frame_allowed: {value: "true", status: customary}
  loudness.target_lufs: {value: "-23", status: customary}
  loudness.tolerance_lu: {value: "0.5", status: customary}
  loudness.true_peak_max_dbtp: {value: "-1", status: customary}
  timecode.continuity: {value: record_run, status: customary}
"""
    )
    assert spec.frame_rates == (Fraction(30000, 1001), Fraction(24000, 1001))
    assert spec.drop_frame_allowed
    assert spec.loudness_target == Decimal("-23")
    assert spec.loudness_tolerance == Decimal("0.5")
    assert spec.true_peak_max == Decimal("-1")
    assert spec.continuity == "record_run"
    # what is not in the pack is not checked
    assert spec.containers == frozenset()
    assert spec.width is None
    assert not spec.timecode_required


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ("  video.frame_rates: {value: [abc], status: customary}\n", "not a frame rate"),
        ('  video.frame_rates: {value: ["0"], status: customary}\n', "not a frame rate"),
        ("  timecode.continuity: {value: sometimes, status: customary}\n", "continuity"),
        ('  naming.pattern: {value: "([A-Z", status: customary}\n', "regular expression"),
        ("  timecode.required: {value: maybe, status: customary}\n", "true or false"),
        ("  video.width: {value: wide, status: customary}\n", "not a number"),
        ("  containers: {value: {a: b}, status: customary}\n", "list"),
        ("  black.min_duration_s: {value: 0.5, status: customary}\n", "quoted"),
    ],
)
def test_malformed_values_are_refused(values: str, words: str) -> None:
    with pytest.raises(RuleError) as refused:
        spec_of(values)
    assert words in str(refused.value)
