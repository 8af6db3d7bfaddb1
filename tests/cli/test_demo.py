# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie demo --no-serve``: the demo folder built from the shipped screenplay."""

from __future__ import annotations

from pathlib import Path

import pytest

from regie.services import accounts
from regie.services.demo import (
    DEMO_PASSWORD,
    DEMO_RESIDENCE,
    DEMO_USERS,
    FIRST_SCRIPT,
    SECOND_SCRIPT,
    demo_script,
)
from regie.services.folders import find_folder
from regie.services.script_files import parse_script
from tests.cli.conftest import Folder, Invoke, as_json


def test_demo_builds_a_folder_with_two_versions_and_the_team(
    regie: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = regie("demo", "--no-serve", "--json")
    assert result.exit_code == 0, result.output
    data = as_json(result)
    root = tmp_path / "regie-demo"  # the default folder
    assert data["path"] == str(root.resolve())
    assert data["url"] is None
    assert data["versions"] == 2
    shipped = parse_script(SECOND_SCRIPT, demo_script(SECOND_SCRIPT))
    assert data["scenes"] == len(shipped.scenes)
    revision = data["revision"]
    assert revision["added"] or revision["removed"] or revision["changed"]
    assert revision["tags_kept"] > 0
    assert revision["notes_kept"] == 1
    assert {(u["email"], u["role"]) for u in data["users"]} == {
        (email, role.value) for email, _name, role in DEMO_USERS
    }
    assert data["password"] == DEMO_PASSWORD
    assert "pages" in data["feasibility"]

    demo = Folder(root, regie)
    versions = demo.json("script", "versions")
    assert [v["filename"] for v in versions] == [FIRST_SCRIPT, SECOND_SCRIPT]
    assert len(demo.json("script", "scenes")) == len(shipped.scenes)
    sheets = demo.json("breakdown")
    manual = {t["name"] for s in sheets for t in s["tags"] if t["status"] == "manual"}
    assert manual == {"Sauveteur aquatique", "Bateau caméra"}
    assert sum(bool(s["notes"]) for s in sheets) == 1
    accepted = [t for s in sheets for t in s["tags"] if t["status"] == "accepted"]
    assert {t["category"] for t in accepted} > {"cast"}  # more than the speaking parts
    assert len(demo.json("user", "list")) == len(DEMO_USERS)
    residences = {p["name"]: (p["residence"], p["european"]) for p in demo.json("people")}
    assert residences["Sophie Marchal"] == ("BE", True)  # lives in Brussels
    assert residences["Claire Dubois"] == (None, None)  # not yet collected
    others = {name: where for name, where in residences.items() if name not in DEMO_RESIDENCE}
    assert others
    assert set(others.values()) == {("FR", True)}
    db = find_folder(root).database()
    try:
        for email, _name, _role in DEMO_USERS:
            assert accounts.authenticate(db, email, DEMO_PASSWORD).email == email
    finally:
        db.dispose()


def test_demo_twice_fails_clearly_and_force_rebuilds(regie: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "demo"
    first = regie("demo", str(target), "--no-serve")
    assert first.exit_code == 0, first.output
    assert DEMO_PASSWORD in first.stdout
    assert "producteur@demo.regie" in first.stdout
    again = regie("demo", str(target), "--no-serve")
    assert again.exit_code == 1
    assert "ce dossier existe déjà" in again.stderr
    assert "--force" in again.stderr
    forced = regie("demo", str(target), "--no-serve", "--force", "--json")
    assert forced.exit_code == 0, forced.output
    assert as_json(forced)["versions"] == 2


def test_force_never_deletes_a_folder_that_is_not_a_demo(regie: Invoke, folder: Folder) -> None:
    result = regie("demo", str(folder.path), "--no-serve", "--force")
    assert result.exit_code == 1
    assert "ce n’est pas un dossier de démo" in result.stderr
    assert (folder.path / "regie.toml").is_file()
