# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie media qc``: JSON listing, reports written with -o, spec files, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pdfplumber
import pytest

from tests.cli.conftest import Invoke, as_json

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def media(corpus_dir: Path) -> Path:
    return corpus_dir / "media"


def test_full_qc_lists_clips_and_defects(regie: Invoke, media: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("x")
    result = regie(
        "--lang",
        "en",
        "media",
        "qc",
        str(media / "A001C001_250101_R1AB.mov"),
        str(media / "A001C002_250101_R1AB.mxf"),
        str(media / "B001C001_250101_DEFECTS.mov"),
        str(notes),
        "--full",
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = as_json(result)
    clips = {c["name"]: c for card in data["cards"] for c in card["clips"]}
    assert clips["A001C001_250101_R1AB.mov"]["defects"] == []
    assert clips["A001C002_250101_R1AB.mxf"]["defects"] == []
    defects = {
        (d["kind"], d["start_s"], d["end_s"], d["channel"])
        for d in clips["B001C001_250101_DEFECTS.mov"]["defects"]
    }
    assert defects == {
        ("video_codec", None, None, None),
        ("frame_rate", None, None, None),
        ("audio_bit_depth", None, None, None),
        ("black", 3.003, 5.005, None),
        ("freeze", 6.006, 8.008, None),
        ("clipping", 8.0, 9.0, 1),
        ("dead_channel", 0.0, 10.01, 2),
    }
    errors = [e for card in data["cards"] for e in card["errors"]]
    assert [(e["name"], e["error"]) for e in errors] == [("notes.txt", "ParseError")]
    assert "not a media file" in errors[0]["message"]


def test_reports_are_written(regie: Invoke, media: Path, tmp_path: Path) -> None:
    clip = str(media / "B001C001_250101_DEFECTS.mov")
    for suffix in ("pdf", "csv", "json"):
        target = tmp_path / f"qc.{suffix}"
        result = regie("media", "qc", clip, "-o", str(target))
        assert result.exit_code == 0, result.output
        assert "B001C001_250101_DEFECTS.mov" in result.stdout
    with pdfplumber.open(tmp_path / "qc.pdf") as pdf:
        assert "B001C001_250101_DEFECTS.mov" in (pdf.pages[0].extract_text() or "")
    rows = list(csv.reader(io.StringIO((tmp_path / "qc.csv").read_text("utf-8-sig"))))
    assert len(rows) == 4  # header + three property defects (quick mode)
    data = json.loads((tmp_path / "qc.json").read_text("utf-8"))
    assert data["mode"] == "quick"


def test_spec_from_a_yaml_file(regie: Invoke, media: Path, tmp_path: Path) -> None:
    spec = tmp_path / "ntsc.yaml"
    spec.write_text(
        """pack: ntsc-rushes
version: "1"
title: NTSC rushes
values:
  video.frame_rates: {value: ["30000/1001"], status: customary}
  timecode.drop_frame_allowed: {value: "true", status: customary}
""",
        encoding="utf-8",
    )
    result = regie(
        "media", "qc", str(media / "B001C001_250101_DEFECTS.mov"), "--spec", str(spec), "--json"
    )
    assert result.exit_code == 0, result.output
    data = as_json(result)
    assert data["spec"] == "ntsc-rushes@1"
    assert data["cards"][0]["clips"][0]["defects"] == []
    proxy = regie(
        "media",
        "qc",
        str(media / "A001C001_250101_R1AB_proxy.mp4"),
        "--spec",
        "media-spec-proxy",
        "--json",
    )
    assert as_json(proxy)["cards"][0]["clips"][0]["passed"] is True


def test_bad_options(regie: Invoke, media: Path, tmp_path: Path) -> None:
    clip = str(media / "A001C001_250101_R1AB.mov")
    wrong = regie("media", "qc", clip, "-o", str(tmp_path / "qc.docx"), "--json")
    assert wrong.exit_code == 2
    assert as_json(wrong)["error"] == "ValidationError"
    unknown = regie("media", "qc", clip, "--spec", "no-such-spec")
    assert unknown.exit_code == 1
    assert "no-such-spec" in unknown.stderr
