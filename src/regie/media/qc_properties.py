# SPDX-License-Identifier: AGPL-3.0-or-later
"""Defects (:class:`Defect`) and the checks of a clip's probed properties against a
:class:`~regie.media.spec.TechSpec` (the whole of quick-mode QC).

One cause, one defect: a codec outside the spec is not judged again on its profile,
chroma or bit depth (they belong to the codec); a frame rate outside the spec is not
judged again on its drop-frame timecode; audio in a codec outside the spec is not judged
on its sample size. A property the file does not tell gives a warning, not a pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from regie.core.text import Text, t
from regie.media.clips import ClipInfo, Scan
from regie.media.spec import TechSpec


class Severity(StrEnum):
    ERROR = "error"  # the clip fails the spec
    WARNING = "warning"  # worth a look; the clip still passes


class DefectKind(StrEnum):
    CONTAINER = "container"
    NO_VIDEO = "no_video"
    VIDEO_CODEC = "video_codec"
    VIDEO_PROFILE = "video_profile"
    CHROMA = "chroma"
    VIDEO_BIT_DEPTH = "video_bit_depth"
    RESOLUTION = "resolution"
    FRAME_RATE = "frame_rate"
    SCAN = "scan"
    TIMECODE = "timecode"
    DROP_FRAME = "drop_frame"
    NO_AUDIO = "no_audio"
    AUDIO_CODEC = "audio_codec"
    AUDIO_CHANNELS = "audio_channels"
    SAMPLE_RATE = "sample_rate"
    AUDIO_BIT_DEPTH = "audio_bit_depth"
    NAMING = "naming"
    DURATION = "duration"
    TRUNCATED = "truncated"
    DECODE = "decode"
    BLACK = "black"
    FREEZE = "freeze"
    CLIPPING = "clipping"
    SILENCE = "silence"
    DEAD_CHANNEL = "dead_channel"
    LOUDNESS = "loudness"
    TRUE_PEAK = "true_peak"
    TC_CONTINUITY = "tc_continuity"


@dataclass(frozen=True, slots=True)
class Defect:
    """One thing wrong with a clip. ``start_s``/``end_s`` (seconds from the clip's start)
    place it in time when it has a place; ``channel`` counts from 1 over all tracks;
    ``rule`` is ``pack@version: key``."""

    kind: DefectKind
    severity: Severity
    message: Text
    rule: str
    start_s: Decimal | None = None
    end_s: Decimal | None = None
    channel: int | None = None


def _listing(values: Iterable[object]) -> str:
    return ", ".join(sorted(str(v) for v in values))


def _rate_text(rate: Fraction) -> str:
    """``25``, ``29.97`` (30000/1001 written the way people say it)."""
    if rate.denominator == 1:
        return str(rate.numerator)
    return f"{float(rate):.3f}".rstrip("0").rstrip(".")


def describe_video(info: ClipInfo) -> str:
    """``"h264 High 4:2:0 8-bit"``: the codec class of a clip's picture."""
    video = info.video
    if video is None:
        return "—"
    parts = [video.codec, video.profile or "", video.chroma or ""]
    if video.bit_depth:
        parts.append(f"{video.bit_depth}-bit")
    return " ".join(p for p in parts if p)


def _unread(kind: DefectKind, what: Text, rule: str) -> Defect:
    return Defect(kind, Severity.WARNING, t("{property} could not be read", property=what), rule)


def property_defects(info: ClipInfo, spec: TechSpec) -> list[Defect]:
    """The clip's probed properties against the spec (quick mode does only this)."""
    defects: list[Defect] = []
    if spec.containers and info.container not in spec.containers:
        defects.append(
            Defect(
                DefectKind.CONTAINER,
                Severity.ERROR,
                t(
                    "container {found} is not allowed (allowed: {allowed})",
                    found=info.container,
                    allowed=_listing(spec.containers),
                ),
                spec.rule("containers"),
            )
        )
    if info.truncated:
        defects.append(
            Defect(
                DefectKind.TRUNCATED,
                Severity.ERROR,
                t("the file ends before its last indexed sample: it is truncated"),
                spec.rule("decode"),
            )
        )
    if not info.duration_s:
        defects.append(
            Defect(
                DefectKind.DURATION,
                Severity.ERROR,
                t("the file holds no media (no duration)"),
                spec.rule("decode"),
            )
        )
    defects.extend(_video_defects(info, spec))
    defects.extend(_timecode_defects(info, spec))
    defects.extend(_audio_defects(info, spec))
    if spec.naming is not None and not spec.naming.match(info.stem):
        defects.append(
            Defect(
                DefectKind.NAMING,
                Severity.ERROR,
                t(
                    "the name '{name}' does not follow the naming rule {pattern}",
                    name=info.stem,
                    pattern=spec.naming.pattern,
                ),
                spec.rule("naming.pattern"),
            )
        )
    return defects


def _codec_defects(info: ClipInfo, spec: TechSpec) -> list[Defect]:
    video = info.video
    assert video is not None  # noqa: S101  # called only for clips with picture
    if spec.video_codecs and video.codec not in spec.video_codecs:
        return [
            Defect(
                DefectKind.VIDEO_CODEC,
                Severity.ERROR,
                t(
                    "{found} is not an allowed codec for this spec (allowed: {allowed})",
                    found=describe_video(info),
                    allowed=_listing(spec.video_codecs),
                ),
                spec.rule("video.codecs"),
            )
        ]
    defects: list[Defect] = []
    if spec.video_profiles:
        if video.profile is None:
            defects.append(
                _unread(
                    DefectKind.VIDEO_PROFILE, t("the codec profile"), spec.rule("video.profiles")
                )
            )
        elif video.profile.lower() not in spec.video_profiles:
            defects.append(
                Defect(
                    DefectKind.VIDEO_PROFILE,
                    Severity.ERROR,
                    t(
                        "profile {found} is not allowed (allowed: {allowed})",
                        found=video.profile,
                        allowed=_listing(spec.video_profiles),
                    ),
                    spec.rule("video.profiles"),
                )
            )
    if spec.chroma:
        if video.chroma is None:
            defects.append(
                _unread(DefectKind.CHROMA, t("the chroma subsampling"), spec.rule("video.chroma"))
            )
        elif video.chroma not in spec.chroma:
            defects.append(
                Defect(
                    DefectKind.CHROMA,
                    Severity.ERROR,
                    t(
                        "chroma subsampling {found} is not allowed (allowed: {allowed})",
                        found=video.chroma,
                        allowed=_listing(spec.chroma),
                    ),
                    spec.rule("video.chroma"),
                )
            )
    if spec.bit_depth_min is not None:
        if video.bit_depth is None:
            defects.append(
                _unread(
                    DefectKind.VIDEO_BIT_DEPTH,
                    t("the video bit depth"),
                    spec.rule("video.bit_depth_min"),
                )
            )
        elif video.bit_depth < spec.bit_depth_min:
            defects.append(
                Defect(
                    DefectKind.VIDEO_BIT_DEPTH,
                    Severity.ERROR,
                    t(
                        "{found}-bit video is below the {minimum}-bit minimum",
                        found=video.bit_depth,
                        minimum=spec.bit_depth_min,
                    ),
                    spec.rule("video.bit_depth_min"),
                )
            )
    return defects


def _video_defects(info: ClipInfo, spec: TechSpec) -> list[Defect]:
    video = info.video
    if video is None:
        if not spec.video_required:
            return []
        return [
            Defect(
                DefectKind.NO_VIDEO,
                Severity.ERROR,
                t("no video stream (the spec asks for picture)"),
                spec.rule("video.required"),
            )
        ]
    defects = _codec_defects(info, spec)
    width, height = spec.width or video.width, spec.height or video.height
    if (video.width, video.height) != (width, height):
        found, expected = f"{video.width}x{video.height}", f"{width}x{height}"
        defects.append(
            Defect(
                DefectKind.RESOLUTION,
                Severity.ERROR,
                t(
                    "picture size {found} instead of {expected}",
                    found=found,
                    expected=expected,
                ),
                spec.rule("video.width"),
            )
        )
    if spec.frame_rates:
        if video.frame_rate is None:
            defects.append(
                _unread(DefectKind.FRAME_RATE, t("the frame rate"), spec.rule("video.frame_rates"))
            )
        elif video.frame_rate not in spec.frame_rates:
            allowed = ", ".join(_rate_text(r) for r in spec.frame_rates)
            found = _rate_text(video.frame_rate)
            defects.append(
                Defect(
                    DefectKind.FRAME_RATE,
                    Severity.ERROR,
                    t(
                        "frame rate {found} fps, drop-frame timecode {timecode}, "
                        "instead of {allowed} fps",
                        found=found,
                        timecode=info.timecode_text or "",
                        allowed=allowed,
                    )
                    if info.drop_frame
                    else t(
                        "frame rate {found} fps instead of {allowed} fps",
                        found=found,
                        allowed=allowed,
                    ),
                    spec.rule("video.frame_rates"),
                )
            )
    if spec.scan is not None:
        if video.scan is Scan.UNKNOWN:
            defects.append(_unread(DefectKind.SCAN, t("the scan type"), spec.rule("video.scan")))
        elif video.scan.value != spec.scan:
            defects.append(
                Defect(
                    DefectKind.SCAN,
                    Severity.ERROR,
                    t(
                        "{found} picture instead of {expected}",
                        found=scan_word(video.scan),
                        expected=scan_word(spec.scan),
                    ),
                    spec.rule("video.scan"),
                )
            )
    return defects


def _timecode_defects(info: ClipInfo, spec: TechSpec) -> list[Defect]:
    if info.start_timecode is None:
        if not spec.timecode_required:
            return []
        return [
            Defect(
                DefectKind.TIMECODE,
                Severity.ERROR,
                t("no start timecode"),
                spec.rule("timecode.required"),
            )
        ]
    rate_judged_wrong = bool(
        spec.frame_rates
        and info.video
        and info.video.frame_rate is not None
        and info.video.frame_rate not in spec.frame_rates
    )
    if info.drop_frame and not spec.drop_frame_allowed and not rate_judged_wrong:
        return [
            Defect(
                DefectKind.DROP_FRAME,
                Severity.ERROR,
                t(
                    "drop-frame timecode {timecode} (the spec asks for non-drop-frame)",
                    timecode=info.timecode_text or str(info.start_timecode),
                ),
                spec.rule("timecode.drop_frame_allowed"),
            )
        ]
    return []


def _audio_defects(info: ClipInfo, spec: TechSpec) -> list[Defect]:
    defects: list[Defect] = []
    if not info.audio:
        if spec.audio_channels:
            defects.append(
                Defect(
                    DefectKind.NO_AUDIO,
                    Severity.ERROR,
                    t("no audio ({expected} channels expected)", expected=spec.audio_channels),
                    spec.rule("audio.channels"),
                )
            )
        return defects
    if spec.audio_channels is not None and info.audio_channels != spec.audio_channels:
        defects.append(
            Defect(
                DefectKind.AUDIO_CHANNELS,
                Severity.ERROR,
                t(
                    "{found} audio channels instead of {expected}",
                    found=info.audio_channels,
                    expected=spec.audio_channels,
                ),
                spec.rule("audio.channels"),
            )
        )
    codecs = sorted({a.codec for a in info.audio})
    wrong = [c for c in codecs if spec.audio_codecs and not c.startswith(tuple(spec.audio_codecs))]
    if wrong:
        defects.append(
            Defect(
                DefectKind.AUDIO_CODEC,
                Severity.ERROR,
                t(
                    "audio codec {found} is not allowed (allowed: {allowed})",
                    found=", ".join(wrong),
                    allowed=_listing(spec.audio_codecs),
                ),
                spec.rule("audio.codecs"),
            )
        )
    rates = sorted({a.sample_rate for a in info.audio})
    if spec.sample_rates and any(r not in spec.sample_rates for r in rates):
        defects.append(
            Defect(
                DefectKind.SAMPLE_RATE,
                Severity.ERROR,
                t(
                    "audio sampled at {found} Hz instead of {allowed} Hz",
                    found=", ".join(str(r) for r in rates),
                    allowed=_listing(spec.sample_rates),
                ),
                spec.rule("audio.sample_rates"),
            )
        )
    minimum = spec.audio_bit_depth_min
    depths = [a.bit_depth for a in info.audio if a.bit_depth is not None]
    if minimum is not None and not wrong and depths and min(depths) < minimum:
        defects.append(
            Defect(
                DefectKind.AUDIO_BIT_DEPTH,
                Severity.ERROR,
                t(
                    "{found}-bit audio is below the {minimum}-bit minimum",
                    found=min(depths),
                    minimum=minimum,
                ),
                spec.rule("audio.bit_depth_min"),
            )
        )
    return defects


def scan_word(scan: Scan | str) -> Text:
    """A scan type in words (for messages and documents)."""
    words = {
        Scan.PROGRESSIVE.value: t("progressive"),
        Scan.INTERLACED.value: t("interlaced"),
    }
    return words.get(str(scan), t("unknown scan"))
