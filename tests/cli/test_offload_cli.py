# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie offload SRC DST... --json`` and ``regie mhl verify DIR --json``."""

from __future__ import annotations

import re
from pathlib import Path

from tests.cli.conftest import Invoke, as_json
from tests.mediaio.offload_samples import ascmhl, make_card

FILES = {"CLIPS/A001C001.mov": 200_000, "CLIPS/A001C002.mov": 3_000, "notes.txt": 4}


def test_offload_json_and_verify(regie: Invoke, tmp_path: Path) -> None:
    card = make_card(tmp_path / "A001", FILES)
    first, second = tmp_path / "raid", tmp_path / "shuttle"
    first.mkdir()
    second.mkdir()
    result = regie("offload", str(card), str(first), str(second), "--hash", "xxh64", "--json")
    assert result.exit_code == 0, result.stdout + result.stderr
    report = as_json(result)
    assert report["ok"] is True
    assert report["algorithm"] == "xxh64"
    assert report["totals"]["files"] == 3
    assert report["totals"]["verified"] == 6
    assert report["totals"]["bytes_read"] == sum(FILES.values())
    assert report["failures"] == []
    (clip,) = [f for f in report["files"] if f["path"] == "CLIPS/A001C001.mov"]
    assert [d["status"] for d in clip["destinations"]] == ["verified", "verified"]
    assert {d["hash"] for d in clip["destinations"]} == {clip["hashes"]["xxh64"]}
    assert report["throughput_mb_s"] >= 0
    for destination in report["destinations"]:
        assert destination["generation"].endswith(".mhl")
        assert ascmhl("verify", destination["root"]).returncode == 0

    checked = regie("mhl", "verify", str(first / "A001"), "--json")
    assert checked.exit_code == 0, checked.stdout
    data = as_json(checked)
    assert data["ok"] is True
    assert data["totals"]["ok"] == 3
    assert data["generations"] == 1

    (first / "A001/notes.txt").write_bytes(b"edit")
    (first / "A001/extra.txt").write_bytes(b"new")
    checked = regie("mhl", "verify", str(first / "A001"), "--json")
    assert checked.exit_code == 1
    statuses = {f["path"]: f["status"] for f in as_json(checked)["files"]}
    assert statuses == {
        "CLIPS/A001C001.mov": "ok",
        "CLIPS/A001C002.mov": "ok",
        "extra.txt": "new",
        "notes.txt": "altered",
    }
    (first / "A001/CLIPS/A001C002.mov").unlink()
    human = regie("--lang", "en", "mhl", "verify", str(first / "A001"))
    assert human.exit_code == 1
    assert "missing" in human.stdout
    assert "CLIPS/A001C002.mov" in human.stdout


def test_offload_failure_exit_code_and_rerun(regie: Invoke, tmp_path: Path) -> None:
    card = make_card(tmp_path / "A001", FILES)
    target = tmp_path / "raid"
    target.mkdir()
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "A001").write_bytes(b"a file where the card's folder should go")
    failed = regie("offload", str(card), str(target), str(blocked), "--json")
    assert failed.exit_code == 1
    data = as_json(failed)
    assert data["ok"] is False
    assert {(f["path"], f["status"]) for f in data["failures"]} == {
        (path, "write-failed") for path in FILES
    }
    assert data["destinations"][0]["ok"] is True
    assert data["destinations"][1]["mhl_error"]
    again = regie("--lang", "en", "offload", str(card), str(target))
    assert again.exit_code == 0
    assert "Offload verified" in again.stdout
    (tmp_path / "third").mkdir()
    french = regie("offload", str(card), str(tmp_path / "third"))
    assert french.exit_code == 0
    # French numbers and spacing: "… 3 fichiers, 0,1 Mo, …"
    assert re.search(r"Déchargement vérifié\u00a0: 3 fichiers, \d+,\d\u00a0Mo", french.stdout)
    data = as_json(regie("offload", str(card), str(target), "--json"))
    assert data["totals"]["already_verified"] == 3
    assert data["destinations"][0]["generation"] is None


def test_offload_errors_exit_2_with_a_message(regie: Invoke, tmp_path: Path) -> None:
    card = make_card(tmp_path / "A001", FILES)
    result = regie("offload", str(tmp_path / "missing"), str(tmp_path), "--json")
    assert result.exit_code == 2
    assert "does not exist" in as_json(result)["message_en"]
    twice = regie("--lang", "en", "offload", str(card), str(tmp_path), str(tmp_path))
    assert twice.exit_code == 2
    assert "source is inside the destination" in twice.stderr or "twice" in twice.stderr
    dst = tmp_path / "dst"
    dst.mkdir()
    twice = regie("offload", str(card), str(dst), str(dst), "--json")
    assert twice.exit_code == 2
    assert "given twice" in as_json(twice)["message_en"]
    assert list(dst.iterdir()) == []
    no_history = regie("mhl", "verify", str(card), "--json")
    assert no_history.exit_code == 2
    assert "no ASC MHL history" in as_json(no_history)["message_en"]
