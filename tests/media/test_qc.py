# SPDX-License-Identifier: AGPL-3.0-or-later
"""QC judging, pure: probe and analysis records against a spec (no file is opened)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest

from regie.core.timecode import Timecode
from regie.media.clips import Analysis, AudioTrack, ClipInfo, Loudness, Run, Scan, VideoInfo
from regie.media.qc import (
    DefectKind,
    FileProblem,
    Severity,
    card_report,
    continuity,
    judge_clip,
    roll_of,
)
from regie.media.spec import TechSpec, tech_spec
from regie.rules.registry import shipped_pack

D = Decimal


@pytest.fixture(scope="module")
def house() -> TechSpec:
    return tech_spec(shipped_pack("media-spec-house"))


def clip(
    name: str = "A001C001_250101_R1AB.mov",
    *,
    tc: str = "10:00:00:00",
    rate: Fraction = Fraction(25),
    frames: int = 250,
    codec: str = "prores",
    chroma: str = "4:2:2",
    depth: int = 10,
    audio_depth: int = 24,
    reel: str | None = None,
) -> ClipInfo:
    return ClipInfo(
        path=f"/card/{name}",
        name=name,
        size_bytes=1000,
        container="mov",
        container_long="QuickTime / MOV",
        duration_s=D(frames) / D(rate.numerator) * D(rate.denominator),
        video=VideoInfo(
            codec, None, "HQ", 1920, 1080, rate, frames, Scan.PROGRESSIVE, depth, chroma
        ),
        audio=(AudioTrack(1, f"pcm_s{audio_depth}le", 2, 48000, audio_depth),),
        start_timecode=Timecode.parse(tc, rate),
        timecode_text=tc,
        reel=reel,
    )


def analysis(**changes: object) -> Analysis:
    base = Analysis(
        black=(),
        freeze=(),
        clipped=(),
        silence=(),
        channel_peaks_dbfs=(D("-12"), D("-12")),
        loudness=Loudness(D("-22"), D("3"), D("-11")),
        video_frames=250,
        decoded_s=D("10.000"),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def kinds(defects: list) -> list[str]:  # type: ignore[type-arg]
    return sorted(d.kind.value for d in defects)


def test_a_good_clip_has_no_defect(house: TechSpec) -> None:
    assert judge_clip(clip(), house) == []
    assert judge_clip(clip(), house, analysis()) == []


def test_the_defect_clip_of_the_corpus(house: TechSpec) -> None:
    info = clip(
        "B001C001_250101_DEFECTS.mov",
        tc="10:00:00;00",
        rate=Fraction(30000, 1001),
        frames=300,
        codec="h264",
        chroma="4:2:0",
        depth=8,
        audio_depth=16,
    )
    found = analysis(
        black=(Run(D("3.003"), D("5.005")),),
        freeze=(Run(D("3.003"), D("5.005")), Run(D("6.006"), D("8.008"))),
        clipped=(Run(D("8.000"), D("8.010"), 1), Run(D("8.020"), D("9.000"), 1)),
        silence=(Run(D("0"), D("10.010"), 2),),
        channel_peaks_dbfs=(D("0"), None),
        decoded_s=D("10.010"),
    )
    defects = judge_clip(info, house, found)
    assert kinds(defects) == [
        "audio_bit_depth",
        "black",
        "clipping",
        "dead_channel",
        "frame_rate",
        "freeze",
        "video_codec",
    ]
    by_kind = {d.kind: d for d in defects}
    assert (by_kind[DefectKind.BLACK].start_s, by_kind[DefectKind.BLACK].end_s) == (
        D("3.003"),
        D("5.005"),
    )
    freeze = by_kind[DefectKind.FREEZE]
    assert (freeze.start_s, freeze.end_s) == (D("6.006"), D("8.008"))
    clipping = by_kind[DefectKind.CLIPPING]
    assert (clipping.start_s, clipping.end_s, clipping.channel) == (D("8.000"), D("9.000"), 1)
    dead = by_kind[DefectKind.DEAD_CHANNEL]
    assert (dead.channel, dead.start_s, dead.end_s) == (2, D("0.000"), D("10.010"))
    assert "29.97" in str(by_kind[DefectKind.FRAME_RATE].message)
    assert "10:00:00;00" in str(by_kind[DefectKind.FRAME_RATE].message)
    assert "h264" in str(by_kind[DefectKind.VIDEO_CODEC].message)
    assert by_kind[DefectKind.VIDEO_CODEC].rule == "media-spec-house@2026.1: video.codecs"


def test_each_property_against_the_spec(house: TechSpec) -> None:
    assert kinds(judge_clip(clip(chroma="4:2:0"), house)) == ["chroma"]
    assert kinds(judge_clip(clip(audio_depth=16), house)) == ["audio_bit_depth"]
    assert kinds(judge_clip(clip(name="clip1.mov"), house)) == ["naming"]
    assert kinds(judge_clip(clip(rate=Fraction(24)), house)) == ["frame_rate"]
    dropframe = clip(tc="10:00:00;00", rate=Fraction(30000, 1001), frames=300)
    ntsc = replace(house, frame_rates=(Fraction(30000, 1001),))
    assert kinds(judge_clip(dropframe, ntsc)) == ["drop_frame"]
    assert judge_clip(dropframe, replace(ntsc, drop_frame_allowed=True)) == []
    interlaced = clip()
    assert interlaced.video is not None
    interlaced = replace(interlaced, video=replace(interlaced.video, scan=Scan.INTERLACED))
    assert kinds(judge_clip(interlaced, house)) == ["scan"]
    no_tc = replace(clip(), start_timecode=None, timecode_text=None)
    assert kinds(judge_clip(no_tc, house)) == ["timecode"]
    mono = replace(clip(), audio=(AudioTrack(1, "pcm_s24le", 1, 44100, 24),))
    assert kinds(judge_clip(mono, house)) == ["audio_channels", "sample_rate"]
    small = clip()
    assert small.video is not None
    small = replace(small, video=replace(small.video, width=1280, height=720))
    assert kinds(judge_clip(small, house)) == ["resolution"]


def test_an_unreadable_property_is_a_warning(house: TechSpec) -> None:
    info = clip()
    assert info.video is not None
    unknown = replace(info, video=replace(info.video, chroma=None, bit_depth=None))
    defects = judge_clip(unknown, house)
    assert kinds(defects) == ["chroma", "video_bit_depth"]
    assert all(d.severity is Severity.WARNING for d in defects)


def test_a_freeze_inside_black_is_reported_once(house: TechSpec) -> None:
    found = analysis(
        black=(Run(D("1"), D("3")),),
        freeze=(Run(D("1"), D("3")), Run(D("2"), D("4.5"))),
    )
    defects = judge_clip(clip(), house, found)
    assert kinds(defects) == ["black", "freeze"]
    freeze = next(d for d in defects if d.kind is DefectKind.FREEZE)
    assert (freeze.start_s, freeze.end_s) == (D("3"), D("4.5"))  # trimmed to outside black


def test_short_runs_are_below_the_spec(house: TechSpec) -> None:
    found = analysis(
        black=(Run(D("1"), D("1.4")),),
        freeze=(Run(D("5"), D("5.3")),),
        silence=(Run(D("2"), D("3"), 1),),  # shorter than silence.min_duration_s (2 s)
    )
    assert judge_clip(clip(), house, found) == []
    longer = analysis(silence=(Run(D("2"), D("6"), 1),))
    assert kinds(judge_clip(clip(), house, longer)) == ["silence"]


def test_loudness(house: TechSpec) -> None:
    silent = analysis(loudness=Loudness(None, D("0"), None))
    assert kinds(judge_clip(clip(), house, silent)) == ["loudness"]
    r128 = replace(
        house,
        loudness_target=D("-23"),
        loudness_tolerance=D("1"),
        true_peak_max=D("-1"),
    )
    assert judge_clip(clip(), r128, analysis(loudness=Loudness(D("-23.0"), D("0"), D("-23")))) == []
    loud = judge_clip(clip(), r128, analysis(loudness=Loudness(D("-16.0"), D("0"), D("-0.5"))))
    assert kinds(loud) == ["loudness", "true_peak"]


def test_decode_problems_and_short_decode(house: TechSpec) -> None:
    short = analysis(decoded_s=D("4.000"))
    assert kinds(judge_clip(clip(), house, short)) == ["truncated"]


def test_rolls_from_reel_names_or_the_naming_rule(house: TechSpec) -> None:
    assert roll_of(clip(reel="A001"), house) == "A001"
    assert roll_of(clip("B002C004_250101_X.mov"), house) == "B002"
    assert roll_of(clip("free-name.mov"), house) is None


def test_timecode_continuity(house: TechSpec) -> None:
    first = clip("A001C001_250101_R1AB.mov", tc="10:00:00:00", frames=250)
    follows = clip("A001C002_250101_R1AB.mov", tc="10:00:10:00", frames=25)
    assert continuity([first, follows], house) == {}
    overlaps = clip("A001C002_250101_R1AB.mov", tc="10:00:09:00", frames=25)
    found = continuity([overlaps, first], house)
    assert list(found) == [overlaps.path]
    assert "10:00:10:00" in str(found[overlaps.path][0].message)
    gap = clip("A001C002_250101_R1AB.mov", tc="10:00:30:00", frames=25)
    assert continuity([first, gap], house) == {}
    record_run = replace(house, continuity="record_run")
    assert kinds(continuity([first, gap], record_run)[gap.path]) == ["tc_continuity"]
    other_roll = clip("B001C001_250101_R1AB.mov", tc="10:00:05:00")
    assert continuity([first, other_roll], house) == {}


def test_card_report_summary(house: TechSpec) -> None:
    good = clip()
    bad = clip("B001C001_250101_DEFECTS.mov", audio_depth=16)
    warned = clip("A001C002_250101_R1AB.mov", tc="10:00:10:00")
    problem = FileProblem("/card/notes.txt", "notes.txt", "ParseError", "not a media file")
    card = card_report(
        "card",
        "/card",
        [(bad, None), (good, None), (warned, analysis(black=(Run(D("1"), D("2")),)))],
        [problem],
        house,
    )
    assert [c.info.name for c in card.clips] == [
        "A001C001_250101_R1AB.mov",
        "A001C002_250101_R1AB.mov",
        "B001C001_250101_DEFECTS.mov",
    ]
    summary = card.summary
    assert (summary.clips, summary.passed, summary.failed) == (3, 2, 1)
    assert summary.with_warnings == 1
    assert summary.unreadable == 1
    assert dict(summary.by_kind) == {"audio_bit_depth": 1, "black": 1}
    assert summary.duration_s == D("30")
