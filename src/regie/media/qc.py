# SPDX-License-Identifier: AGPL-3.0-or-later
"""Technical QC of rushes (contrôle technique des rushes): a clip's probe and analysis
judged against a :class:`~regie.media.spec.TechSpec`, and a report per card.

Pure: :func:`judge_clip` turns a :class:`~regie.media.clips.ClipInfo` (and, in full mode,
its :class:`~regie.media.clips.Analysis`) into :class:`Defect` values, each citing the
spec key it breaks; :func:`continuity` checks the timecode of the clips of each roll;
:func:`card_report` puts a card together.

One cause, one defect: a codec outside the spec is not judged again on its profile,
chroma or bit depth (they belong to the codec); a frame rate outside the spec is not
judged again on its drop-frame timecode; a frozen stretch that is black is reported
as black only (a black picture is also a still one); a dead channel is not also silent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise

from regie.core.text import Text, t
from regie.media.clips import Analysis, ClipInfo, Run, seconds
from regie.media.qc_properties import (
    Defect,
    DefectKind,
    Severity,
    property_defects,
)
from regie.media.spec import TechSpec

__all__ = [
    "CardQc",
    "CardSummary",
    "ClipQc",
    "Defect",
    "DefectKind",
    "FileProblem",
    "QcReport",
    "Severity",
    "card_report",
    "continuity",
    "judge_clip",
    "roll_of",
]


@dataclass(frozen=True, slots=True)
class ClipQc:
    info: ClipInfo
    roll: str | None
    defects: tuple[Defect, ...]
    analysis: Analysis | None  # None in quick mode

    @property
    def passed(self) -> bool:
        """No defect of severity error (warnings leave the clip passed)."""
        return not any(d.severity is Severity.ERROR for d in self.defects)


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A file that could not be checked (not media, corrupt, unreadable)."""

    path: str
    name: str
    error: str  # the error class (ParseError, InputError…)
    what: Text | str
    hint: Text | str | None = None


@dataclass(frozen=True, slots=True)
class CardSummary:
    clips: int
    passed: int
    failed: int
    with_warnings: int
    unreadable: int
    defects: int
    by_kind: tuple[tuple[str, int], ...]  # (kind, count), most frequent first
    duration_s: Decimal


@dataclass(frozen=True, slots=True)
class CardQc:
    """The clips of one card (a folder given on the command line, or a file's folder)."""

    name: str
    path: str
    clips: tuple[ClipQc, ...]
    problems: tuple[FileProblem, ...]

    @property
    def summary(self) -> CardSummary:
        kinds = Counter(d.kind.value for c in self.clips for d in c.defects)
        passed = sum(1 for c in self.clips if c.passed)
        return CardSummary(
            clips=len(self.clips),
            passed=passed,
            failed=len(self.clips) - passed,
            with_warnings=sum(1 for c in self.clips if c.passed and c.defects),
            unreadable=len(self.problems),
            defects=sum(kinds.values()),
            by_kind=tuple(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
            duration_s=sum((c.info.duration_s or Decimal(0) for c in self.clips), Decimal(0)),
        )


@dataclass(frozen=True, slots=True)
class QcReport:
    """A QC run: the spec it used, quick (probe only) or full (decoded), and its cards."""

    spec_ref: str
    spec_title: str
    full: bool
    cards: tuple[CardQc, ...]

    @property
    def clips(self) -> tuple[ClipQc, ...]:
        return tuple(c for card in self.cards for c in card.clips)

    @property
    def problems(self) -> tuple[FileProblem, ...]:
        return tuple(p for card in self.cards for p in card.problems)


# -- one clip -----------------------------------------------------------------------------


def judge_clip(info: ClipInfo, spec: TechSpec, analysis: Analysis | None = None) -> list[Defect]:
    """The defects of one clip: its properties against the spec, then (full mode) what the
    decode found. Ordered by kind of check, then by time."""
    defects = property_defects(info, spec)
    if analysis is not None:
        defects.extend(content_defects(info, spec, analysis))
    return defects


def _run_defect(kind: DefectKind, severity: Severity, message: Text, rule: str, run: Run) -> Defect:
    return Defect(kind, severity, message, rule, run.start_s, run.end_s, run.channel)


def _merge(runs: Iterable[Run], gap: Decimal) -> list[Run]:
    merged: list[Run] = []
    for run in sorted(runs, key=lambda r: (r.channel or 0, r.start_s)):
        last = merged[-1] if merged else None
        if last and last.channel == run.channel and run.start_s - last.end_s <= gap:
            merged[-1] = Run(last.start_s, max(last.end_s, run.end_s), run.channel)
        else:
            merged.append(run)
    return merged


def _outside(run: Run, covers: Sequence[Run]) -> list[Run]:
    """The parts of ``run`` not covered by any of ``covers``."""
    parts = [run]
    for cover in covers:
        kept: list[Run] = []
        for part in parts:
            if part.overlap(cover) <= 0:
                kept.append(part)
                continue
            if part.start_s < cover.start_s:
                kept.append(Run(part.start_s, cover.start_s, part.channel))
            if part.end_s > cover.end_s:
                kept.append(Run(cover.end_s, part.end_s, part.channel))
        parts = kept
    return parts


def content_defects(info: ClipInfo, spec: TechSpec, analysis: Analysis) -> list[Defect]:
    """What the full decode found, judged with the spec's durations and levels."""
    detection = spec.detection
    defects: list[Defect] = []
    defects.extend(
        Defect(
            DefectKind.DECODE,
            Severity.ERROR,
            t("decoding failed at {at} s: {detail}", at=p.at_s, detail=p.detail)
            if p.at_s is not None
            else t("decoding failed: {detail}", detail=p.detail),
            spec.rule("decode"),
            p.at_s,
        )
        for p in analysis.problems
    )
    expected = info.duration_s
    if expected and analysis.decoded_s < expected - Decimal("0.5") and not analysis.problems:
        defects.append(
            Defect(
                DefectKind.TRUNCATED,
                Severity.ERROR,
                t(
                    "only {decoded} s of {expected} s could be decoded",
                    decoded=analysis.decoded_s,
                    expected=expected,
                ),
                spec.rule("decode"),
                analysis.decoded_s,
                expected,
            )
        )
    black = [r for r in analysis.black if r.duration_s >= detection.black_min_s]
    for run in black:
        defects.append(
            _run_defect(
                DefectKind.BLACK,
                Severity.WARNING,
                t(
                    "black picture from {start} s to {end} s ({duration} s)",
                    start=run.start_s,
                    end=run.end_s,
                    duration=run.duration_s,
                ),
                spec.rule("black.min_duration_s"),
                run,
            )
        )
    for frozen in analysis.freeze:
        for run in _outside(frozen, analysis.black):
            if run.duration_s < detection.freeze_min_s:
                continue
            defects.append(
                _run_defect(
                    DefectKind.FREEZE,
                    Severity.WARNING,
                    t(
                        "frozen picture from {start} s to {end} s ({duration} s)",
                        start=run.start_s,
                        end=run.end_s,
                        duration=run.duration_s,
                    ),
                    spec.rule("freeze.min_duration_s"),
                    run,
                )
            )
    defects.extend(_sound_defects(info, spec, analysis))
    return defects


def _sound_defects(info: ClipInfo, spec: TechSpec, analysis: Analysis) -> list[Defect]:
    detection = spec.detection
    defects: list[Defect] = []
    end = analysis.decoded_s or info.duration_s or Decimal(0)
    dead: set[int] = set()
    for number, peak in enumerate(analysis.channel_peaks_dbfs, start=1):
        if peak is not None and peak > detection.silence_threshold_dbfs:
            continue
        dead.add(number)
        defects.append(
            Defect(
                DefectKind.DEAD_CHANNEL,
                Severity.ERROR,
                t("channel {channel} is dead (digital silence)", channel=number)
                if peak is None
                else t("channel {channel} is dead (peak {peak} dBFS)", channel=number, peak=peak),
                spec.rule("silence.threshold_dbfs"),
                seconds(0),
                end,
                number,
            )
        )
    for run in _merge(analysis.clipped, detection.merge_gap_s):
        defects.append(
            _run_defect(
                DefectKind.CLIPPING,
                Severity.ERROR,
                t(
                    "channel {channel} clipped from {start} s to {end} s",
                    channel=run.channel,
                    start=run.start_s,
                    end=run.end_s,
                ),
                spec.rule("clipping.level_dbfs"),
                run,
            )
        )
    for run in analysis.silence:
        if run.channel in dead or run.duration_s < detection.silence_min_s:
            continue
        defects.append(
            _run_defect(
                DefectKind.SILENCE,
                Severity.WARNING,
                t(
                    "channel {channel} silent from {start} s to {end} s ({duration} s)",
                    channel=run.channel,
                    start=run.start_s,
                    end=run.end_s,
                    duration=run.duration_s,
                ),
                spec.rule("silence.min_duration_s"),
                run,
            )
        )
    defects.extend(_loudness_defects(spec, analysis))
    return defects


def _loudness_defects(spec: TechSpec, analysis: Analysis) -> list[Defect]:
    loudness = analysis.loudness
    if loudness is None:
        return []
    defects: list[Defect] = []
    if loudness.integrated is None:
        if spec.loudness_measurable or spec.loudness_target is not None:
            defects.append(
                Defect(
                    DefectKind.LOUDNESS,
                    Severity.ERROR,
                    t("programme loudness is not measurable (below the -70 LUFS gate)"),
                    spec.rule("loudness.measurable"),
                )
            )
    elif spec.loudness_target is not None:
        tolerance = spec.loudness_tolerance or Decimal(0)
        if abs(loudness.integrated - spec.loudness_target) > tolerance:
            defects.append(
                Defect(
                    DefectKind.LOUDNESS,
                    Severity.ERROR,
                    t(
                        "integrated loudness {found} LUFS, outside {target} ± {tolerance} LU",
                        found=loudness.integrated,
                        target=spec.loudness_target,
                        tolerance=tolerance,
                    ),
                    spec.rule("loudness.target_lufs"),
                )
            )
    peak = loudness.true_peak
    if spec.true_peak_max is not None and peak is not None and peak > spec.true_peak_max:
        defects.append(
            Defect(
                DefectKind.TRUE_PEAK,
                Severity.ERROR,
                t(
                    "true peak {found} dBTP above the {maximum} dBTP maximum",
                    found=peak,
                    maximum=spec.true_peak_max,
                ),
                spec.rule("loudness.true_peak_max_dbtp"),
            )
        )
    return defects


# -- rolls and timecode continuity --------------------------------------------------------


def roll_of(info: ClipInfo, spec: TechSpec) -> str | None:
    """The roll (camera reel) a clip belongs to: the reel name it carries, else the
    ``roll`` group of the spec's naming rule."""
    if info.reel:
        return info.reel
    match = spec.naming.match(info.stem) if spec.naming else None
    if match and "roll" in match.groupdict():
        return match.group("roll")
    return None


def _order_key(info: ClipInfo, spec: TechSpec) -> tuple[str, Fraction, str]:
    match = spec.naming.match(info.stem) if spec.naming else None
    number = match.group("clip") if match and "clip" in match.groupdict() else ""
    start = info.start_timecode.seconds if info.start_timecode else Fraction(0)
    return (number.zfill(8), start, info.name)


def continuity(clips: Sequence[ClipInfo], spec: TechSpec) -> dict[str, list[Defect]]:
    """Timecode continuity on each roll (``timecode.continuity``), by clip path: a clip
    starting before the clip before it ends overlaps it (``increasing``); with
    ``record_run`` a gap is a break too. Clips at another rate than the one before are
    not compared (their frames do not count alike)."""
    found: dict[str, list[Defect]] = {}
    if spec.continuity == "none":
        return found
    rolls: dict[str, list[ClipInfo]] = {}
    for info in clips:
        roll = roll_of(info, spec)
        if roll is not None and info.start_timecode is not None:
            rolls.setdefault(roll, []).append(info)
    for roll, members in rolls.items():
        ordered = sorted(members, key=lambda i: _order_key(i, spec))
        for before, after in pairwise(ordered):
            defect = _break(before, after, roll, spec)
            if defect is not None:
                found.setdefault(after.path, []).append(defect)
    return found


def _break(before: ClipInfo, after: ClipInfo, roll: str, spec: TechSpec) -> Defect | None:
    first, second = before.start_timecode, after.start_timecode
    length = before.duration_frames
    if first is None or second is None or length is None or first.rate != second.rate:
        return None
    end = first + length
    if second.frames < end.frames:
        message = t(
            "timecode {start} overlaps the clip before on roll {roll} "
            "({previous}, which ends at {end})",
            start=str(second),
            roll=roll,
            previous=before.name,
            end=str(end),
        )
    elif spec.continuity == "record_run" and second.frames > end.frames:
        message = t(
            "timecode {start} leaves a gap after the clip before on roll {roll} "
            "({previous}, which ends at {end})",
            start=str(second),
            roll=roll,
            previous=before.name,
            end=str(end),
        )
    else:
        return None
    return Defect(
        DefectKind.TC_CONTINUITY,
        Severity.ERROR,
        message,
        spec.rule("timecode.continuity"),
        seconds(0),
        None,
    )


def card_report(
    name: str,
    path: str,
    clips: Sequence[tuple[ClipInfo, Analysis | None]],
    problems: Sequence[FileProblem],
    spec: TechSpec,
) -> CardQc:
    """One card: every clip judged, then timecode continuity over its rolls."""
    breaks = continuity([info for info, _analysis in clips], spec)
    judged = tuple(
        ClipQc(
            info=info,
            roll=roll_of(info, spec),
            defects=tuple(judge_clip(info, spec, analysis) + breaks.get(info.path, [])),
            analysis=analysis,
        )
        for info, analysis in sorted(clips, key=lambda pair: pair[0].name)
    )
    return CardQc(name, path, judged, tuple(sorted(problems, key=lambda p: p.name)))
