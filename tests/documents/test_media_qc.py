# SPDX-License-Identifier: AGPL-3.0-or-later
"""The QC report as JSON, CSV, HTML (page fragment and document) and PDF, from records
built in the test (no media file is read)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from fractions import Fraction

import pdfplumber
import pytest

from regie.core.text import t
from regie.core.timecode import Timecode
from regie.documents.media_qc import qc_csv, qc_html, qc_json, qc_pdf
from regie.media.clips import Analysis, AudioTrack, ClipInfo, Loudness, Run, Scan, VideoInfo
from regie.media.qc import FileProblem, QcReport, card_report
from regie.media.spec import tech_spec
from regie.rules.registry import shipped_pack

D = Decimal


@pytest.fixture(scope="module")
def report() -> QcReport:
    spec = tech_spec(shipped_pack("media-spec-house"))
    rate = Fraction(30000, 1001)
    info = ClipInfo(
        path="/cards/B001/B001C001_250101_DEFECTS.mov",
        name="B001C001_250101_DEFECTS.mov",
        size_bytes=3617197,
        container="mov",
        container_long="QuickTime / MOV",
        duration_s=D("10.010"),
        video=VideoInfo(
            "h264", "avc1", "High", 1920, 1080, rate, 300, Scan.PROGRESSIVE, 8, "4:2:0"
        ),
        audio=(AudioTrack(1, "pcm_s16le", 2, 48000, 16),),
        start_timecode=Timecode.parse("10:00:00;00", rate),
        timecode_text="10:00:00;00",
        reel=None,
    )
    analysis = Analysis(
        black=(Run(D("3.003"), D("5.005")),),
        freeze=(Run(D("3.003"), D("5.005")), Run(D("6.006"), D("8.008"))),
        clipped=(Run(D("8.000"), D("9.000"), 1),),
        silence=(Run(D("0.000"), D("10.010"), 2),),
        channel_peaks_dbfs=(D("0.0"), None),
        loudness=Loudness(D("-1.09"), D("16.4"), D("0.31")),
        video_frames=300,
        decoded_s=D("10.010"),
    )
    problem = FileProblem(
        "/cards/B001/notes.txt",
        "notes.txt",
        "ParseError",
        t("not a media file ({problem})", problem="x"),
    )
    card = card_report("B001", "/cards/B001", [(info, analysis)], [problem], spec)
    return QcReport(spec.ref, spec.title, True, (card,))


def test_json(report: QcReport) -> None:
    data = qc_json(report, locale="en")
    assert data["spec"] == "media-spec-house@2026.1"
    assert data["mode"] == "full"
    assert data["summary"] == {
        "clips": 1,
        "passed": 0,
        "failed": 1,
        "with_warnings": 0,
        "unreadable": 1,
        "defects": 7,
    }
    (card,) = data["cards"]
    (clip,) = card["clips"]
    assert clip["properties"]["video"]["frame_rate"] == "30000/1001"
    assert clip["properties"]["timecode"] == {
        "start": "10:00:00;00",
        "rate": "30000/1001",
        "drop_frame": True,
    }
    assert clip["loudness"] == {"integrated": -1.09, "range": 16.4, "true_peak": 0.31}
    black = next(d for d in clip["defects"] if d["kind"] == "black")
    assert (black["start_s"], black["end_s"], black["channel"]) == (3.003, 5.005, None)
    assert black["message"] == "black picture from 3.003 s to 5.005 s (2.002 s)"
    dead = next(d for d in clip["defects"] if d["kind"] == "dead_channel")
    assert (dead["channel"], dead["severity"]) == (2, "error")
    assert card["errors"][0]["name"] == "notes.txt"
    assert card["errors"][0]["message"] == "not a media file (x)"


def test_csv(report: QcReport) -> None:
    text = qc_csv(report, locale="en")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    header = rows[0]
    assert header[:3] == ["Card", "File", "Roll"]
    assert all(len(r) == len(header) for r in rows)
    kinds = [r[header.index("Defect")] for r in rows[1:]]
    assert sorted(kinds) == sorted(
        [
            "video_codec",
            "frame_rate",
            "audio_bit_depth",
            "black",
            "freeze",
            "dead_channel",
            "clipping",
            "unreadable",
        ]
    )
    clipping = next(r for r in rows if r[header.index("Defect")] == "clipping")
    assert clipping[header.index("Start (s)")] == "8.000"
    assert clipping[header.index("Channel")] == "1"


def test_html_fragment_and_document(report: QcReport) -> None:
    fragment = qc_html(report, locale="en", fragment=True)
    assert fragment.lstrip().startswith("<article")
    assert "<html" not in fragment
    assert "B001C001_250101_DEFECTS.mov" in fragment
    assert "Frozen picture" in fragment
    assert "style=" not in fragment  # the web page's CSP refuses inline styles
    document = qc_html(report, locale="en")
    assert document.startswith("<!DOCTYPE html>")
    assert fragment.strip() in document


def test_pdf(report: QcReport) -> None:
    with pdfplumber.open(io.BytesIO(qc_pdf(report, locale="fr"))) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "B001C001_250101_DEFECTS.mov" in text
    assert "10:00:00;00" in text
    assert "3,003" in text  # the French decimal mark
    assert "media-spec-house@2026.1" in text
    assert "notes.txt" in text
