# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie media size|formats|deliverables|archive`` in and out of a production folder."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import pdfplumber

from tests.cli.conftest import Folder, Invoke, as_json
from tests.cli.test_schedule_world import plan_phare

CAMERA = "ARRI Alexa / ProRes 422 HQ / 3840x2160 / 25"


def test_size_outside_a_folder(regie: Invoke, tmp_path: Path, monkeypatch: object) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[attr-defined]
    result = regie("media", "size", "--camera", CAMERA, "--cameras", "2", "--hours-per-day", "3",
                   "--shoot-days", "25", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    plan = as_json(result)
    assert plan["camera"]["key"] == "prores-422-hq.3840x2160.25"
    assert plan["rushes_hours"] == "150"
    phases = {p["phase"]: p for p in plan["phases"]}
    assert list(phases) == ["shoot", "editing", "post", "delivery", "archive"]
    assert phases["shoot"]["bytes"] == plan["originals_bytes"] * 3  # 3-2-1, customary
    assert phases["shoot"]["steps"][1]["cited"]["status"] == "secondary"
    assert plan["proxy"]["key"] == "prores-422-proxy.1920x1080.25"
    assert plan["archive"]["tier"] == "lto-9"
    assert plan["archive"]["tapes"] == plan["archive"]["tapes_per_copy"] * 2
    assert Decimal(plan["online_tb"]) >= Decimal(phases["shoot"]["tb"])


def test_size_refuses_an_unknown_rate_and_missing_days(
    regie: Invoke, tmp_path: Path, monkeypatch: object
) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[attr-defined]
    refused = regie("media", "size", "--camera", "ProRes 422 HQ / 3840x2160 / 24",
                    "--hours-per-day", "3", "--shoot-days", "2", "--json")  # fmt: skip
    assert refused.exit_code == 2
    error = as_json(refused)
    assert "23.976" in error["message_en"]
    assert "interpolate" in error["message_en"]
    no_days = regie("--lang", "en", "media", "size", "--camera", CAMERA, "--hours-per-day", "3")
    assert no_days.exit_code == 2
    assert "--shoot-days" in no_days.stderr


def test_size_takes_the_shoot_days_of_the_main_board(imported: Folder, tmp_path: Path) -> None:
    plan_phare(imported)
    assert imported("board", "new").exit_code == 0
    board = imported.json("board", "show")
    pdf = tmp_path / "plan.pdf"
    plan = imported.json("media", "size", "--camera", CAMERA, "--hours-per-day", "2",
                         "--outlet", "broadcast-pad", "-o", str(pdf))  # fmt: skip
    assert plan["shoot_days"] == len(board["days"])
    assert plan["shoot_days_origin"] == "board"
    assert plan["runtime_minutes"] == "52"  # the production's running time
    delivery = next(p for p in plan["phases"] if p["phase"] == "delivery")
    assert delivery["bytes"] > 0  # XDCAM 50 Mb/s × 52 min × 2 copies
    with pdfplumber.open(io.BytesIO(pdf.read_bytes())) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
    assert "Le Phare des Oubliés" in text
    assert "XDCAM" in text  # the delivery step names the master's format
    assert f"Livraison {delivery['tb'].replace('.', ',')}" in text  # French figures


def test_formats_and_deliverables(regie: Invoke, tmp_path: Path, monkeypatch: object) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[attr-defined]
    found = as_json(regie("media", "formats", "broadcast-pad", "web", "--hours", "10", "--json"))
    assert [f["outlet"] for f in found] == ["broadcast-pad", "web"]
    pad = found[0]
    assert pad["spec"]["loudness_target"]["value"] == "-23"
    delivery = [o for o in pad["options"] if o["role"] == "delivery"]
    assert delivery[0]["gb_per_hour"] == "22.50"  # 50 Mb/s
    assert regie("media", "formats", "nope").exit_code == 1
    listed = as_json(regie("media", "deliverables", "cinema-dcp", "--extra", "Version audio "
                           "décrite anglaise", "--json"))  # fmt: skip
    assert listed["items"][0]["spec"] == "cinema-dcp"
    assert listed["items"][-1]["origin"] == "contract"
    assert all(i["status"] == "planned" for i in listed["items"])
    text = regie("media", "deliverables", "web")
    assert text.exit_code == 0
    assert "Vignette" in text.stdout


def test_archive_a_folder(regie: Invoke, tmp_path: Path, monkeypatch: object) -> None:
    monkeypatch.chdir(tmp_path)  # type: ignore[attr-defined]
    root = tmp_path / "archive"
    (root / "rushes").mkdir(parents=True)
    (root / "rushes" / "A001C001_250101_R1AB.mov").write_bytes(b"x" * 1000)
    (root / "rushes" / "clip 2.mov").write_bytes(b"x" * 10)
    (root / "LDB_20261126_DEVIS_devis_v01.pdf").write_bytes(b"%PDF")
    (root / "notes.pdf").write_bytes(b"%PDF")
    (root / ".DS_Store").write_bytes(b"hidden")
    result = regie("media", "archive", str(root), "--code", "LDB", "--tier",
                   "cloud-deep-archive", "--years", "5", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = as_json(result)
    manifest = data["manifest"]
    assert manifest["total_bytes"] == 1018
    assert sorted(i["path"] for i in manifest["issues"]) == ["notes.pdf", "rushes/clip 2.mov"]
    assert data["cold_storage"]["emission_kgco2e"] is not None
    planned = as_json(regie("media", "archive", "--volume-tb", "40", "--json"))
    assert planned["manifest"] is None
    assert planned["cold_storage"]["tapes_per_copy"] == 3  # 40 TB on 18 TB LTO-9 tapes
    assert regie("media", "archive").exit_code == 2
    assert json.loads(regie("media", "archive", "--tier", "floppy", "--volume-tb", "1",
                            "--json").stdout)["error"] == "ValidationError"  # fmt: skip
