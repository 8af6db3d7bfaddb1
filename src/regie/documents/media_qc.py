# SPDX-License-Identifier: AGPL-3.0-or-later
"""The technical QC report of rushes (rapport de contrôle technique): HTML, PDF, CSV, JSON.

:class:`~regie.media.qc.QcReport` carries the clips, their properties and defects; this
module words them in the document's locale. The HTML comes from one template,
``media_qc/report.html``: ``fragment=True`` gives the ``<article>`` a web page embeds
(styles from :func:`regie.documents.templating.stylesheet`), else the standalone document
the PDF is printed from. Defect messages are :class:`~regie.core.text.Text` values,
translated with the ``errors`` catalog.

JSON (:func:`qc_json`, also what ``regie media qc --json`` prints)::

    {"spec": "media-spec-house@2026.1", "spec_title": "...", "mode": "quick" | "full",
     "summary": {"clips", "passed", "failed", "with_warnings", "unreadable", "defects"},
     "cards": [{"name", "path", "summary": {... "by_kind": {"black": 1}, "duration_s"},
                "clips": [{"path", "name", "roll", "passed", "properties": {...},
                           "loudness": {"integrated", "range", "true_peak"} | null,
                           "defects": [{"kind", "severity", "start_s", "end_s",
                                        "channel", "message", "rule"}]}],
                "errors": [{"path", "name", "error", "message", "hint"}]}]}

Times are seconds (numbers, millisecond precision); ``channel`` counts from 1.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from regie.core.text import Gettext, render
from regie.documents.i18n import error_messages, normalize_locale
from regie.documents.pdf import html_to_pdf
from regie.documents.templating import N_, gettext_for
from regie.documents.templating import render as render_template
from regie.media.clips import ClipInfo
from regie.media.qc import CardQc, ClipQc, Defect, DefectKind, QcReport, Severity

__all__ = [
    "KIND_LABELS",
    "ClipView",
    "QcView",
    "qc_csv",
    "qc_html",
    "qc_json",
    "qc_pdf",
    "qc_view",
]

KIND_LABELS: dict[DefectKind, str] = {
    DefectKind.CONTAINER: N_("Container"),
    DefectKind.NO_VIDEO: N_("No picture"),
    DefectKind.VIDEO_CODEC: N_("Video codec"),
    DefectKind.VIDEO_PROFILE: N_("Codec profile"),
    DefectKind.CHROMA: N_("Chroma subsampling"),
    DefectKind.VIDEO_BIT_DEPTH: N_("Video bit depth"),
    DefectKind.RESOLUTION: N_("Picture size"),
    DefectKind.FRAME_RATE: N_("Frame rate"),
    DefectKind.SCAN: N_("Scan"),
    DefectKind.TIMECODE: N_("Timecode"),
    DefectKind.DROP_FRAME: N_("Drop-frame timecode"),
    DefectKind.NO_AUDIO: N_("No sound"),
    DefectKind.AUDIO_CODEC: N_("Audio codec"),
    DefectKind.AUDIO_CHANNELS: N_("Audio channels"),
    DefectKind.SAMPLE_RATE: N_("Sample rate"),
    DefectKind.AUDIO_BIT_DEPTH: N_("Audio bit depth"),
    DefectKind.NAMING: N_("Naming"),
    DefectKind.DURATION: N_("Duration"),
    DefectKind.TRUNCATED: N_("Truncated file"),
    DefectKind.DECODE: N_("Decoding error"),
    DefectKind.BLACK: N_("Black picture"),
    DefectKind.FREEZE: N_("Frozen picture"),
    DefectKind.CLIPPING: N_("Clipping"),
    DefectKind.SILENCE: N_("Silence"),
    DefectKind.DEAD_CHANNEL: N_("Dead channel"),
    DefectKind.LOUDNESS: N_("Loudness"),
    DefectKind.TRUE_PEAK: N_("True peak"),
    DefectKind.TC_CONTINUITY: N_("Timecode continuity"),
}
SEVERITY_LABELS = {Severity.ERROR: N_("error"), Severity.WARNING: N_("warning")}


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _rate(rate: Fraction | None) -> str | None:
    if rate is None:
        return None
    return str(rate.numerator) if rate.denominator == 1 else f"{rate.numerator}/{rate.denominator}"


def _fps(rate: Fraction | None) -> str:
    if rate is None:
        return "—"
    return str(rate.numerator) if rate.denominator == 1 else f"{float(rate):.3f}".rstrip("0")


def properties(info: ClipInfo) -> dict[str, Any]:
    """A clip's probed properties as JSON values (the ``properties`` of :func:`qc_json`)."""
    video = info.video
    timecode = info.start_timecode
    return {
        "container": info.container,
        "size_bytes": info.size_bytes,
        "duration_s": _number(info.duration_s),
        "video": None
        if video is None
        else {
            "codec": video.codec,
            "profile": video.profile,
            "width": video.width,
            "height": video.height,
            "frame_rate": _rate(video.frame_rate),
            "frames": video.frames,
            "scan": video.scan.value,
            "bit_depth": video.bit_depth,
            "chroma": video.chroma,
        },
        "audio": {
            "channels": info.audio_channels,
            "tracks": [
                {
                    "codec": a.codec,
                    "channels": a.channels,
                    "sample_rate": a.sample_rate,
                    "bit_depth": a.bit_depth,
                }
                for a in info.audio
            ],
        },
        "timecode": None
        if timecode is None
        else {
            "start": str(timecode),
            "rate": _rate(timecode.rate),
            "drop_frame": timecode.drop_frame,
        },
        "reel": info.reel,
    }


def _defect_json(defect: Defect, gettext: Gettext) -> dict[str, Any]:
    return {
        "kind": defect.kind.value,
        "severity": defect.severity.value,
        "start_s": _number(defect.start_s),
        "end_s": _number(defect.end_s),
        "channel": defect.channel,
        "message": defect.message.translate(gettext),
        "rule": defect.rule,
    }


def _summary_json(card: CardQc) -> dict[str, Any]:
    summary = card.summary
    return {
        "clips": summary.clips,
        "passed": summary.passed,
        "failed": summary.failed,
        "with_warnings": summary.with_warnings,
        "unreadable": summary.unreadable,
        "defects": summary.defects,
        "by_kind": dict(summary.by_kind),
        "duration_s": _number(summary.duration_s),
    }


def qc_json(report: QcReport, *, locale: str = "fr") -> dict[str, Any]:
    """The report as JSON values (shape in the module's doc); messages in ``locale``."""
    gettext = error_messages(normalize_locale(locale))
    cards = []
    for card in report.cards:
        cards.append(
            {
                "name": card.name,
                "path": card.path,
                "summary": _summary_json(card),
                "clips": [
                    {
                        "path": clip.info.path,
                        "name": clip.info.name,
                        "roll": clip.roll,
                        "passed": clip.passed,
                        "properties": properties(clip.info),
                        "loudness": _loudness_json(clip),
                        "defects": [_defect_json(d, gettext) for d in clip.defects],
                    }
                    for clip in card.clips
                ],
                "errors": [
                    {
                        "path": p.path,
                        "name": p.name,
                        "error": p.error,
                        "message": render(p.what, gettext),
                        "hint": render(p.hint, gettext) if p.hint else None,
                    }
                    for p in card.problems
                ],
            }
        )
    clips = report.clips
    return {
        "spec": report.spec_ref,
        "spec_title": report.spec_title,
        "mode": "full" if report.full else "quick",
        "summary": {
            "clips": len(clips),
            "passed": sum(1 for c in clips if c.passed),
            "failed": sum(1 for c in clips if not c.passed),
            "with_warnings": sum(1 for c in clips if c.passed and c.defects),
            "unreadable": len(report.problems),
            "defects": sum(len(c.defects) for c in clips),
        },
        "cards": cards,
    }


def _loudness_json(clip: ClipQc) -> dict[str, float | None] | None:
    loudness = clip.analysis.loudness if clip.analysis else None
    if loudness is None:
        return None
    return {
        "integrated": _number(loudness.integrated),
        "range": _number(loudness.range),
        "true_peak": _number(loudness.true_peak),
    }


# -- HTML / PDF ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DefectView:
    kind: str
    severity: str  # worded
    error: bool
    start: str  # seconds, or ""
    end: str
    channel: str
    message: str


@dataclass(frozen=True, slots=True)
class ClipView:
    clip: ClipQc
    picture: str  # "prores HQ 4:2:2 10-bit, 1920x1080, 25 fps, progressive"
    sound: str  # "2 ch, 48000 Hz, pcm_s24le 24-bit"
    timecode: str
    duration: str
    loudness: str
    defects: tuple[DefectView, ...]


@dataclass(frozen=True, slots=True)
class CardView:
    card: CardQc
    clips: tuple[ClipView, ...]
    problems: tuple[tuple[str, str], ...]  # (file name, message)


@dataclass(frozen=True, slots=True)
class QcView:
    """What the QC templates print, already in the document's locale."""

    report: QcReport
    title: str  # the running head: "Technical QC — A001, B001"
    cards: tuple[CardView, ...]


@dataclass(frozen=True, slots=True)
class _Head:
    title: str  # what base.html prints as the production's title


def _seconds(value: Decimal | None, locale: str) -> str:
    if value is None:
        return ""
    text = format(value, "f")
    return text.replace(".", ",") if locale == "fr" else text


def _clip_view(clip: ClipQc, locale: str, gettext: Gettext, words: Any) -> ClipView:
    info = clip.info
    video = info.video
    picture = "—"
    if video is not None:
        codec = " ".join(
            p
            for p in (
                video.codec,
                video.profile or "",
                video.chroma or "",
                f"{video.bit_depth}-bit" if video.bit_depth else "",
            )
            if p
        )
        scan = {"progressive": words("progressive"), "interlaced": words("interlaced")}.get(
            video.scan.value, words("unknown scan")
        )
        picture = f"{codec}, {video.width}x{video.height}, {_fps(video.frame_rate)} fps, {scan}"
    sound = "—"
    if info.audio:
        codecs = ", ".join(
            sorted({a.codec + (f" {a.bit_depth}-bit" if a.bit_depth else "") for a in info.audio})
        )
        rates = ", ".join(sorted({str(a.sample_rate) for a in info.audio}))
        sound = f"{info.audio_channels} ch, {rates} Hz, {codecs}"
    loudness = clip.analysis.loudness if clip.analysis else None
    loud = "—"
    if loudness is not None:
        integrated = (
            words("not measurable")
            if loudness.integrated is None
            else f"{_seconds(loudness.integrated, locale)} LUFS"
        )
        peak = "—" if loudness.true_peak is None else _seconds(loudness.true_peak, locale)
        loud = f"{integrated}, LRA {_seconds(loudness.range, locale)} LU, TP {peak} dBTP"
    return ClipView(
        clip=clip,
        picture=picture,
        sound=sound,
        timecode=(str(info.start_timecode) if info.start_timecode else "—")
        + (f" ({words('reel')} {info.reel})" if info.reel else ""),
        duration=f"{_seconds(info.duration_s, locale)} s" if info.duration_s else "—",
        loudness=loud,
        defects=tuple(
            DefectView(
                kind=words(KIND_LABELS[d.kind]),
                severity=words(SEVERITY_LABELS[d.severity]),
                error=d.severity is Severity.ERROR,
                start=_seconds(d.start_s, locale),
                end=_seconds(d.end_s, locale),
                channel="" if d.channel is None else str(d.channel),
                message=d.message.translate(gettext),
            )
            for d in clip.defects
        ),
    )


def qc_view(report: QcReport, locale: str = "fr") -> QcView:
    language = normalize_locale(locale)
    words = gettext_for(language).gettext
    gettext = error_messages(language)
    cards = tuple(
        CardView(
            card=card,
            clips=tuple(_clip_view(c, language, gettext, words) for c in card.clips),
            problems=tuple((p.name, render(p.what, gettext)) for p in card.problems),
        )
        for card in report.cards
    )
    names = ", ".join(c.card.name for c in cards)
    return QcView(report, f"{words('Technical QC')} — {names}", cards)


def qc_html(report: QcReport, *, locale: str = "fr", fragment: bool = False) -> str:
    """The report as HTML: ``fragment=True`` gives the ``<article>`` a web page embeds,
    else a standalone document with the print CSS (what :func:`qc_pdf` prints)."""
    view = qc_view(report, locale)
    template = "media_qc/report.html" if fragment else "media_qc/document.html"
    return render_template(template, locale, view=view, production=_Head(view.title))


def qc_pdf(report: QcReport, *, locale: str = "fr") -> bytes:
    return html_to_pdf(qc_html(report, locale=locale))


def qc_csv(report: QcReport, *, locale: str = "fr") -> str:
    """One row per defect (a clip without defects has one row with the defect columns
    empty; an unreadable file one row with its error), headers in the locale. RFC 4180,
    CRLF, UTF-8 byte-order mark for Excel (like :func:`regie.documents.breakdown.breakdown_csv`)."""
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    gettext = error_messages(language)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            _("Card"),
            _("File"),
            _("Roll"),
            _("Container"),
            _("Video codec"),
            _("Codec profile"),
            _("Picture size"),
            _("Frame rate"),
            _("Scan"),
            _("Video bit depth"),
            _("Chroma subsampling"),
            _("Audio channels"),
            _("Sample rate"),
            _("Audio bit depth"),
            _("Start timecode"),
            _("Duration (s)"),
            _("Passed"),
            _("Defect"),
            _("Severity"),
            _("Start (s)"),
            _("End (s)"),
            _("Channel"),
            _("Message"),
            _("Rule"),
        ]
    )
    for card in report.cards:
        for clip in card.clips:
            head = _csv_head(card, clip, _("yes") if clip.passed else _("no"))
            if not clip.defects:
                writer.writerow([*head, "", "", "", "", "", "", ""])
            for d in clip.defects:
                writer.writerow(
                    [
                        *head,
                        d.kind.value,
                        d.severity.value,
                        _text(d.start_s),
                        _text(d.end_s),
                        "" if d.channel is None else str(d.channel),
                        d.message.translate(gettext),
                        d.rule,
                    ]
                )
        for p in card.problems:
            row = [card.name, p.name] + [""] * 14 + [_("no"), "unreadable", "error", "", "", ""]
            writer.writerow([*row, render(p.what, gettext), ""])
    return "\ufeff" + buffer.getvalue()


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _csv_head(card: CardQc, clip: ClipQc, passed: str) -> list[str]:
    info = clip.info
    video = info.video
    depths = sorted({a.bit_depth for a in info.audio if a.bit_depth})
    return [
        card.name,
        info.name,
        clip.roll or "",
        info.container,
        video.codec if video else "",
        (video.profile or "") if video else "",
        f"{video.width}x{video.height}" if video else "",
        _rate(video.frame_rate) or "" if video else "",
        video.scan.value if video else "",
        _text(video.bit_depth) if video else "",
        (video.chroma or "") if video else "",
        str(info.audio_channels) if info.audio else "",
        ", ".join(sorted({str(a.sample_rate) for a in info.audio})),
        ", ".join(str(d) for d in depths),
        str(info.start_timecode) if info.start_timecode else "",
        _text(info.duration_s),
        passed,
    ]
