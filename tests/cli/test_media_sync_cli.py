# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie media sync`` on the corpus clip and its Broadcast WAV."""

from __future__ import annotations

import json
from pathlib import Path

import opentimelineio as otio
import pytest

from tests.cli.conftest import Invoke


@pytest.fixture
def media(corpus_dir: Path) -> Path:
    return corpus_dir / "media"


def test_sync_json(regie: Invoke, media: Path) -> None:
    result = regie(
        "media", "sync", str(media / "A001C001_250101_R1AB.mov"),
        "--sound", str(media / "SR01_S1T1.wav"), "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["mode"] == "auto"
    (found,) = data["results"]
    assert found["picture"] == "A001C001_250101_R1AB.mov"
    assert found["sound"] == "SR01_S1T1.wav"
    assert (found["picture_start"], found["sound_start"]) == ("10:00:00:00", "09:59:58:00")
    assert found["method"] == "timecode"
    assert (found["offset_frames"], found["offset_s"]) == (-50, -2.0)
    assert found["timecode_offset_frames"] == found["waveform_offset_frames"] == -50
    assert found["disagreement_frames"] == 0
    assert found["confidence"] > 0.9
    assert (found["scene"], found["take"], found["tape"]) == ("1", "1", "SR01")
    assert found["tracks"] == ["BOOM", "LAV"]
    assert found["warnings"] == []
    assert data["failures"] == data["unmatched_pictures"] == data["unused_sounds"] == []


def test_sync_table_and_export(regie: Invoke, media: Path, tmp_path: Path) -> None:
    target = tmp_path / "jour1.xml"
    result = regie(
        "media", "sync", str(media / "A001C001_250101_R1AB.mov"),
        str(media / "A001C002_250101_R1AB.mxf"), "--sound", str(media),
        "--mode", "waveform", "--export", str(target),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "SR01_S1T1.wav" in result.stdout
    assert "forme d'onde" in result.stdout
    assert "-50" in result.stdout
    assert "A001C002_250101_R1AB.mxf : aucun son trouvé" in result.stderr
    timeline = otio.adapters.read_from_file(str(target))
    names = sorted(c.name for c in timeline.find_clips())
    assert names == [
        "A001C001_250101_R1AB",
        "A001C002_250101_R1AB",
        "SR01_S1T1",
        "SR01_S1T1",
    ]


def test_sync_in_english_with_a_wrong_time_reference(
    regie: Invoke, media: Path, tmp_path: Path
) -> None:
    raw = bytearray((media / "SR01_S1T1.wav").read_bytes())
    raw[406:414] = (1727904000 + 5 * 1920).to_bytes(8, "little")  # 5 frames late
    wav = tmp_path / "SR01_S1T1.wav"
    wav.write_bytes(bytes(raw))
    result = regie(
        "--lang", "en", "media", "sync", str(media / "A001C001_250101_R1AB.mov"),
        "--sound", str(wav), "--export", str(tmp_path / "x.otio"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "waveform" in result.stdout
    assert "disagree by 5 frames" in result.stdout
    assert "Timeline written" in result.stdout
    synced = otio.adapters.read_from_file(str(tmp_path / "x.otio"))
    sound = next(c for c in synced.find_clips() if c.name == "SR01_S1T1")
    assert sound.metadata["regie"]["offset_frames"] == -50


def test_sync_refusals(regie: Invoke, media: Path, tmp_path: Path) -> None:
    clip = str(media / "A001C001_250101_R1AB.mov")
    wav = str(media / "SR01_S1T1.wav")
    bad_rate = regie("media", "sync", clip, "--sound", wav, "--rate", "fast")
    assert bad_rate.exit_code == 2
    assert "--rate" in bad_rate.stderr
    assert "fast" in bad_rate.stderr
    bad_export = regie("media", "sync", clip, "--sound", wav, "--export", "x.edl", "--json")
    assert bad_export.exit_code == 2
    assert json.loads(bad_export.stdout)["error"] == "InputError"
    missing = regie("media", "sync", str(tmp_path / "none.mov"), "--sound", wav)
    assert missing.exit_code == 2
    raw = bytearray((media / "SR01_S1T1.wav").read_bytes())
    raw[60:64] = b"JUNK"  # no bext any more
    no_bext = tmp_path / "no_bext.wav"
    no_bext.write_bytes(bytes(raw))
    by_tc = regie(
        "--lang", "en", "media", "sync", clip, "--sound", str(no_bext), "--mode", "timecode",
        "--export", str(tmp_path / "never.otio"),
    )  # fmt: skip
    assert by_tc.exit_code == 2
    assert "no bext time reference in no_bext.wav" in by_tc.stderr
    assert not list(tmp_path.glob("*.otio"))
