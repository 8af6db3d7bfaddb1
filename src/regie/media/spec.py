# SPDX-License-Identifier: AGPL-3.0-or-later
"""The technical spec clips are checked against (:class:`TechSpec`), read from a rule pack.

A spec is a rule pack (``media-spec-house`` is the shipped default for camera originals,
``media-spec-proxy`` for editing proxies; a production writes its own YAML with the same
keys). Every key is optional but ``black.*``/``freeze.*``/``silence.*``/``clipping.*``
detector settings, which have FFmpeg's defaults; an absent check is not made. Each value
keeps the key it came from so a defect can cite ``pack@version: key``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from regie.core.errors import RuleError
from regie.core.text import t
from regie.rules.pack import RulePack

CONTINUITY_MODES = ("none", "increasing", "record_run")


@dataclass(frozen=True, slots=True)
class Detection:
    """Settings of the full-decode detectors (what :func:`regie.mediaio.analyse.analyse`
    runs), from the spec's ``black.*``, ``freeze.*``, ``silence.*`` and ``clipping.*``."""

    black_min_s: Decimal = Decimal("0.5")
    black_pixel_threshold: Decimal = Decimal("0.10")  # of the luma range (blackdetect pix_th)
    black_picture_ratio: Decimal = Decimal("0.98")  # blackdetect pic_th
    freeze_min_s: Decimal = Decimal("0.5")
    freeze_noise_db: Decimal = Decimal("-60")
    silence_threshold_dbfs: Decimal = Decimal("-60")
    silence_min_s: Decimal = Decimal("2")
    clip_level_dbfs: Decimal = Decimal("-0.01")
    clip_min_samples: int = 3
    merge_gap_s: Decimal = Decimal("0.5")


@dataclass(frozen=True, slots=True)
class TechSpec:
    """What a clip must be. Empty sets and ``None`` mean "not checked".

    ``video_codecs`` are FFmpeg decoder names; ``audio_codecs`` match by prefix
    (``pcm`` matches ``pcm_s24le``); ``video_profiles`` compare case-insensitively with
    FFmpeg's profile names (``HQ``, ``DNXHR LB``, ``High``). ``naming`` is matched against
    the file name without its extension; its named groups ``roll`` and ``clip`` place a clip
    on its roll when the file carries no reel name.
    """

    ref: str  # pack@version
    title: str
    containers: frozenset[str] = frozenset()
    video_required: bool = False
    video_codecs: frozenset[str] = frozenset()
    video_profiles: frozenset[str] = frozenset()
    chroma: frozenset[str] = frozenset()
    bit_depth_min: int | None = None
    width: int | None = None
    height: int | None = None
    frame_rates: tuple[Fraction, ...] = ()
    scan: str | None = None
    audio_codecs: frozenset[str] = frozenset()
    audio_channels: int | None = None
    sample_rates: frozenset[int] = frozenset()
    audio_bit_depth_min: int | None = None
    timecode_required: bool = False
    drop_frame_allowed: bool = True
    continuity: str = "none"
    naming: re.Pattern[str] | None = None
    loudness_measurable: bool = False
    loudness_target: Decimal | None = None  # LUFS
    loudness_tolerance: Decimal | None = None  # LU either side of the target
    true_peak_max: Decimal | None = None  # dBTP
    detection: Detection = field(default_factory=Detection)
    citations: Mapping[str, str] = field(default_factory=dict)  # key -> status — sources

    def rule(self, key: str) -> str:
        """``"media-spec-house@2026.1: video.frame_rates"``: what a defect cites."""
        return f"{self.ref}: {key}"


def _bool(raw: object, key: str, where: str) -> bool:
    text = str(raw).strip().lower()
    if text in ("true", "yes", "1"):
        return True
    if text in ("false", "no", "0"):
        return False
    raise RuleError(
        t("'{raw}' is not true or false", raw=raw),
        where=t("{file}: {key}", file=where, key=key),
        hint=t('Write "true" or "false"'),
    )


def _strings(raw: object, key: str, where: str) -> tuple[str, ...]:
    if isinstance(raw, str):
        return (raw,)
    if isinstance(raw, list):
        return tuple(str(item) for item in raw)
    raise RuleError(
        t("'{key}' must be a list of values", key=key),
        where=where,
        hint=t("Write it as a YAML list, e.g. [mov, mxf]"),
    )


def _number(raw: object, key: str, where: str) -> Decimal:
    try:
        return Decimal(str(raw))
    except ArithmeticError:
        raise RuleError(
            t("value {raw} of '{key}' is not a number", raw=repr(raw), key=key), where=where
        ) from None


def _rate(raw: str, key: str, where: str) -> Fraction:
    try:
        rate = Fraction(raw.strip())
    except (ValueError, ZeroDivisionError):
        rate = Fraction(0)
    if rate <= 0:
        raise RuleError(
            t("'{raw}' is not a frame rate", raw=raw),
            where=t("{file}: {key}", file=where, key=key),
            hint=t('Write rates as exact fractions: "25", "30000/1001"'),
        )
    return rate


def tech_spec(pack: RulePack, *, on: dt.date | None = None) -> TechSpec:
    """The spec a rule pack describes (values valid on ``on``; today when omitted)."""
    keys = set(pack.keys())
    raw: dict[str, object] = {}
    citations: dict[str, str] = {}
    for key in keys:
        entry = pack.value(key, on)
        raw[key] = entry.value
        citations[key] = entry.citation()
    where = pack.path

    def text(key: str) -> str | None:
        return str(raw[key]) if key in raw else None

    def integer(key: str) -> int | None:
        return int(_number(raw[key], key, where)) if key in raw else None

    def decimal(key: str, default: Decimal) -> Decimal:
        return _number(raw[key], key, where) if key in raw else default

    def words(key: str, *, lower: bool = True) -> frozenset[str]:
        if key not in raw:
            return frozenset()
        values = _strings(raw[key], key, where)
        return frozenset(v.lower() if lower else v for v in values)

    def flag(key: str, default: bool) -> bool:
        return _bool(raw[key], key, where) if key in raw else default

    continuity = text("timecode.continuity") or "none"
    if continuity not in CONTINUITY_MODES:
        raise RuleError(
            t("unknown timecode continuity '{mode}'", mode=continuity),
            where=t("{file}: {key}", file=where, key="timecode.continuity"),
            hint=t("Use one of: {statuses}", statuses=", ".join(CONTINUITY_MODES)),
        )
    pattern = text("naming.pattern")
    try:
        naming = re.compile(pattern) if pattern else None
    except re.error as exc:
        raise RuleError(
            t("the naming rule is not a valid regular expression ({problem})", problem=exc),
            where=t("{file}: {key}", file=where, key="naming.pattern"),
        ) from None
    defaults = Detection()
    detection = Detection(
        black_min_s=decimal("black.min_duration_s", defaults.black_min_s),
        black_pixel_threshold=decimal("black.pixel_threshold", defaults.black_pixel_threshold),
        black_picture_ratio=decimal("black.picture_ratio", defaults.black_picture_ratio),
        freeze_min_s=decimal("freeze.min_duration_s", defaults.freeze_min_s),
        freeze_noise_db=decimal("freeze.noise_db", defaults.freeze_noise_db),
        silence_threshold_dbfs=decimal("silence.threshold_dbfs", defaults.silence_threshold_dbfs),
        silence_min_s=decimal("silence.min_duration_s", defaults.silence_min_s),
        clip_level_dbfs=decimal("clipping.level_dbfs", defaults.clip_level_dbfs),
        clip_min_samples=integer("clipping.min_samples") or defaults.clip_min_samples,
        merge_gap_s=decimal("defects.merge_gap_s", defaults.merge_gap_s),
    )
    rates = (
        tuple(
            _rate(r, "video.frame_rates", where)
            for r in (_strings(raw["video.frame_rates"], "video.frame_rates", where))
        )
        if "video.frame_rates" in raw
        else ()
    )
    return TechSpec(
        ref=pack.ref,
        title=pack.title,
        containers=words("containers"),
        video_required=flag("video.required", False),
        video_codecs=words("video.codecs"),
        video_profiles=words("video.profiles"),
        chroma=words("video.chroma"),
        bit_depth_min=integer("video.bit_depth_min"),
        width=integer("video.width"),
        height=integer("video.height"),
        frame_rates=rates,
        scan=(text("video.scan") or "").lower() or None,
        audio_codecs=words("audio.codecs"),
        audio_channels=integer("audio.channels"),
        sample_rates=frozenset(int(r) for r in words("audio.sample_rates")),
        audio_bit_depth_min=integer("audio.bit_depth_min"),
        timecode_required=flag("timecode.required", False),
        drop_frame_allowed=flag("timecode.drop_frame_allowed", True),
        continuity=continuity,
        naming=naming,
        loudness_measurable=flag("loudness.measurable", False),
        loudness_target=decimal("loudness.target_lufs", Decimal(0))
        if "loudness.target_lufs" in raw
        else None,
        loudness_tolerance=decimal("loudness.tolerance_lu", Decimal(0))
        if "loudness.tolerance_lu" in raw
        else None,
        true_peak_max=decimal("loudness.true_peak_max_dbtp", Decimal(0))
        if "loudness.true_peak_max_dbtp" in raw
        else None,
        detection=detection,
        citations=citations,
    )
