# SPDX-License-Identifier: AGPL-3.0-or-later
"""A QC report as JSON that reads back whole: what a QC job returns and keeps.

:func:`regie.documents.media_qc.qc_json` words a report in one language; a job's result
must outlive the request, and each visitor reads it in their own language and downloads
it as PDF, CSV or JSON. :func:`report_to_json` keeps everything the documents need —
properties, analyses, defects with their messages as templates and parameters
(:func:`regie.media.catalog.text_to_json`) — and :func:`report_from_json` gives the
:class:`~regie.media.qc.QcReport` back, which :mod:`regie.documents.media_qc` renders.
Decimals travel as strings, rates as ``"30000/1001"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from regie.core.errors import InputError
from regie.core.text import Text, t
from regie.core.timecode import Timecode
from regie.media.catalog import text_from_json, text_to_json
from regie.media.clips import (
    Analysis,
    AudioTrack,
    ClipInfo,
    DecodeProblem,
    Loudness,
    Run,
    Scan,
    VideoInfo,
)
from regie.media.qc import CardQc, ClipQc, Defect, DefectKind, FileProblem, QcReport, Severity

FORMAT = "regie.qc-report/1"
Json = dict[str, Any]


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _undec(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _frac(value: Fraction | None) -> str | None:
    return None if value is None else str(value)


def _unfrac(value: object) -> Fraction | None:
    return None if value is None else Fraction(str(value))


def _message(value: Text | str | None) -> Json | str | None:
    return text_to_json(value) if isinstance(value, Text) else value


def _unmessage(value: object) -> Text | str | None:
    if isinstance(value, Mapping):
        found = text_from_json(value)
        return found if found is not None else str(value.get("template", ""))
    return None if value is None else str(value)


def _video(video: VideoInfo) -> Json:
    return {
        "codec": video.codec, "codec_tag": video.codec_tag, "profile": video.profile,
        "width": video.width, "height": video.height, "frame_rate": _frac(video.frame_rate),
        "frames": video.frames, "scan": video.scan.value, "bit_depth": video.bit_depth,
        "chroma": video.chroma, "pix_fmt": video.pix_fmt,
    }  # fmt: skip


def _unvideo(data: Mapping[str, Any]) -> VideoInfo:
    return VideoInfo(
        codec=data["codec"], codec_tag=data["codec_tag"], profile=data["profile"],
        width=data["width"], height=data["height"], frame_rate=_unfrac(data["frame_rate"]),
        frames=data["frames"], scan=Scan(data["scan"]), bit_depth=data["bit_depth"],
        chroma=data["chroma"], pix_fmt=data.get("pix_fmt"),
    )  # fmt: skip


def _info(info: ClipInfo) -> Json:
    tc = info.start_timecode
    return {
        "path": info.path, "name": info.name, "size_bytes": info.size_bytes,
        "container": info.container, "container_long": info.container_long,
        "duration_s": _dec(info.duration_s),
        "video": None if info.video is None else _video(info.video),
        "audio": [[a.index, a.codec, a.channels, a.sample_rate, a.bit_depth] for a in info.audio],
        "start_timecode": None if tc is None else [tc.frames, str(tc.rate), tc.drop_frame],
        "timecode_text": info.timecode_text, "reel": info.reel,
        "time_reference_samples": info.time_reference_samples,
        "truncated": info.truncated, "second_opinion": info.second_opinion,
    }  # fmt: skip


def _uninfo(data: Mapping[str, Any]) -> ClipInfo:
    tc = data["start_timecode"]
    return ClipInfo(
        path=data["path"], name=data["name"], size_bytes=data["size_bytes"],
        container=data["container"], container_long=data["container_long"],
        duration_s=_undec(data["duration_s"]),
        video=None if data["video"] is None else _unvideo(data["video"]),
        audio=tuple(AudioTrack(*track) for track in data["audio"]),
        start_timecode=None if tc is None else Timecode(tc[0], Fraction(tc[1]), tc[2]),
        timecode_text=data["timecode_text"], reel=data["reel"],
        time_reference_samples=data["time_reference_samples"],
        truncated=data["truncated"], second_opinion=data["second_opinion"],
    )  # fmt: skip


def _runs(runs: tuple[Run, ...]) -> list[list[Any]]:
    return [[str(r.start_s), str(r.end_s), r.channel] for r in runs]


def _unruns(data: list[list[Any]]) -> tuple[Run, ...]:
    return tuple(Run(Decimal(a), Decimal(b), c) for a, b, c in data)


def _analysis(analysis: Analysis) -> Json:
    loud = analysis.loudness
    return {
        "black": _runs(analysis.black), "freeze": _runs(analysis.freeze),
        "clipped": _runs(analysis.clipped), "silence": _runs(analysis.silence),
        "channel_peaks_dbfs": [_dec(p) for p in analysis.channel_peaks_dbfs],
        "loudness": None if loud is None
        else [_dec(loud.integrated), str(loud.range), _dec(loud.true_peak)],
        "video_frames": analysis.video_frames, "decoded_s": str(analysis.decoded_s),
        "problems": [[_dec(p.at_s), p.detail] for p in analysis.problems],
    }  # fmt: skip


def _unanalysis(data: Mapping[str, Any]) -> Analysis:
    loud = data["loudness"]
    return Analysis(
        black=_unruns(data["black"]), freeze=_unruns(data["freeze"]),
        clipped=_unruns(data["clipped"]), silence=_unruns(data["silence"]),
        channel_peaks_dbfs=tuple(_undec(p) for p in data["channel_peaks_dbfs"]),
        loudness=None if loud is None
        else Loudness(_undec(loud[0]), Decimal(loud[1]), _undec(loud[2])),
        video_frames=data["video_frames"], decoded_s=Decimal(data["decoded_s"]),
        problems=tuple(DecodeProblem(_undec(at), detail) for at, detail in data["problems"]),
    )  # fmt: skip


def _defect(defect: Defect) -> Json:
    return {
        "kind": defect.kind.value, "severity": defect.severity.value,
        "message": text_to_json(defect.message), "rule": defect.rule,
        "start_s": _dec(defect.start_s), "end_s": _dec(defect.end_s), "channel": defect.channel,
    }  # fmt: skip


def _undefect(data: Mapping[str, Any]) -> Defect:
    message = _unmessage(data["message"])
    return Defect(
        kind=DefectKind(data["kind"]), severity=Severity(data["severity"]),
        message=message if isinstance(message, Text) else t("{message}", message=message),
        rule=data["rule"], start_s=_undec(data["start_s"]), end_s=_undec(data["end_s"]),
        channel=data["channel"],
    )  # fmt: skip


def _clip(clip: ClipQc) -> Json:
    return {
        "info": _info(clip.info), "roll": clip.roll,
        "defects": [_defect(d) for d in clip.defects],
        "analysis": None if clip.analysis is None else _analysis(clip.analysis),
    }  # fmt: skip


def _unclip(data: Mapping[str, Any]) -> ClipQc:
    return ClipQc(
        info=_uninfo(data["info"]), roll=data["roll"],
        defects=tuple(_undefect(d) for d in data["defects"]),
        analysis=None if data["analysis"] is None else _unanalysis(data["analysis"]),
    )  # fmt: skip


def _problem(problem: FileProblem) -> Json:
    return {"path": problem.path, "name": problem.name, "error": problem.error,
            "what": _message(problem.what), "hint": _message(problem.hint)}  # fmt: skip


def _unproblem(data: Mapping[str, Any]) -> FileProblem:
    return FileProblem(data["path"], data["name"], data["error"],
                       _unmessage(data["what"]) or "", _unmessage(data["hint"]))  # fmt: skip


def report_to_json(report: QcReport) -> Json:
    """The whole report as JSON values (see the module docstring)."""
    return {
        "format": FORMAT,
        "spec_ref": report.spec_ref,
        "spec_title": report.spec_title,
        "full": report.full,
        "cards": [
            {"name": c.name, "path": c.path, "clips": [_clip(x) for x in c.clips],
             "problems": [_problem(p) for p in c.problems]}
            for c in report.cards
        ],
    }  # fmt: skip


def report_from_json(data: Mapping[str, Any]) -> QcReport:
    """The report :func:`report_to_json` wrote (``InputError`` for anything else)."""
    if data.get("format") != FORMAT:
        raise InputError(
            t("this is not a QC report of regie ({format})", format=str(data.get("format"))),
            hint=t("Run the QC again"),
        )
    try:
        cards = tuple(
            CardQc(c["name"], c["path"], tuple(_unclip(x) for x in c["clips"]),
                   tuple(_unproblem(p) for p in c["problems"]))
            for c in data["cards"]
        )  # fmt: skip
        return QcReport(str(data["spec_ref"]), str(data["spec_title"]), bool(data["full"]), cards)
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        raise InputError(
            t("this QC report cannot be read back ({problem})", problem=repr(exc)),
            hint=t("Run the QC again"),
        ) from None


def summary_json(report: QcReport) -> Json:
    """Counts over the whole report (what a job's page shows before the details)."""
    clips = report.clips
    return {
        "cards": len(report.cards),
        "clips": len(clips),
        "passed": sum(1 for c in clips if c.passed),
        "failed": sum(1 for c in clips if not c.passed),
        "with_warnings": sum(1 for c in clips if c.passed and c.defects),
        "unreadable": len(report.problems),
        "defects": sum(len(c.defects) for c in clips),
    }
