# SPDX-License-Identifier: AGPL-3.0-or-later
"""A QC report survives its trip through a job's JSON result whole: the report read back
equals the one made, so its page, PDF, CSV and JSON are those of the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from regie.core.errors import InputError
from regie.documents.media_qc import qc_csv, qc_json
from regie.media.spec import tech_spec
from regie.mediaio.analyse import qc_paths
from regie.rules.registry import pack
from regie.services.media_reports import report_from_json, report_to_json, summary_json


@pytest.mark.parametrize("full", [False, True])
def test_a_corpus_report_reads_back_equal(corpus_dir: Path, full: bool) -> None:
    media = corpus_dir / "media"
    paths = [media / "B001C001_250101_DEFECTS.mov", media / "A001C002_250101_R1AB.mxf",
             media / "SR01_S1T1.wav", media / "README.md", media / "missing.mov"]  # fmt: skip
    report = qc_paths(paths, tech_spec(pack("media-spec-house")), full=full)
    assert any(c.defects for c in report.clips)
    assert report.problems  # the README is not media, missing.mov does not exist
    travelled = json.loads(json.dumps(report_to_json(report)))
    again = report_from_json(travelled)
    assert again == report
    assert qc_json(again, locale="fr") == qc_json(report, locale="fr")
    assert qc_csv(again, locale="en") == qc_csv(report, locale="en")
    summary = summary_json(report)
    assert summary["clips"] == len(report.clips)
    assert summary["failed"] == sum(1 for c in report.clips if not c.passed)


def test_anything_else_is_refused() -> None:
    with pytest.raises(InputError, match="not a QC report"):
        report_from_json({"format": "other"})
    with pytest.raises(InputError, match="cannot be read back"):
        report_from_json({"format": "regie.qc-report/1", "cards": [{"name": "A"}]})
