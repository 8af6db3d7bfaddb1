# SPDX-License-Identifier: AGPL-3.0-or-later
"""``regie new``, ``regie folder check``, the folder lookup, ``regie user``, ``regie db``
and ``regie rules``."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from regie.office.folder import STANDARD_TREE
from tests.cli.conftest import Folder, Invoke, as_json


def test_new_creates_the_tree_the_config_and_says_the_naming_rule(
    regie: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = regie("new", "Le Dernier Bac de la Loire", "--kind", "feature_film")
    assert result.exit_code == 0, result.output
    root = tmp_path / "le-dernier-bac-de-la-loire"  # ./<slug> by default
    assert str(root) in result.stdout
    assert "DBL" in result.stdout  # the code
    assert "CODE_AAAAMMJJ_TYPE_description_vNN.ext" in result.stdout
    for name, _purpose in STANDARD_TREE:
        assert (root / name).is_dir()
        assert name in result.stdout
    config = tomllib.loads((root / "regie.toml").read_text(encoding="utf-8"))
    assert config["production"] == {
        "slug": "le-dernier-bac-de-la-loire",
        "code": "DBL",
        "title": "Le Dernier Bac de la Loire",
    }
    assert config["database"]["url"] == "sqlite:///.regie/regie.sqlite"
    assert (root / ".regie" / "regie.sqlite").is_file()


def test_new_json_gives_the_production_and_its_tree(regie: Invoke, tmp_path: Path) -> None:
    result = regie(
        "new",
        "Brume",
        "--dir",
        str(tmp_path / "b"),
        "--kind",
        "documentary",
        "--agreement",
        "3097",
        "--running-minutes",
        "90",
        "--episodes",
        "3",
        "--json",
    )
    assert result.exit_code == 0, result.output
    data = as_json(result)
    assert data["path"] == str((tmp_path / "b").resolve())
    assert (data["kind"], data["agreement"], data["running_minutes"], data["episodes"]) == (
        "documentary",
        "3097",
        90,
        3,
    )
    assert [t["name"] for t in data["tree"]] == [name for name, _ in STANDARD_TREE]
    assert data["naming_rule"] == "CODE_AAAAMMJJ_TYPE_description_vNN.ext"
    assert data["example"].startswith(data["code"] + "_")


def test_new_refuses_a_folder_that_is_not_empty_and_touches_nothing(
    regie: Invoke, tmp_path: Path
) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "notes.txt").write_text("à garder")
    result = regie("new", "Brume", "--dir", str(tmp_path / "x"))
    assert result.exit_code == 1
    assert "ce dossier existe déjà et n’est pas vide" in result.stderr
    assert [p.name for p in (tmp_path / "x").iterdir()] == ["notes.txt"]


def test_new_with_a_bad_value_exits_2_and_leaves_nothing(regie: Invoke, tmp_path: Path) -> None:
    result = regie("new", "Brume", "--dir", str(tmp_path / "y"), "--episodes", "0")
    assert result.exit_code == 2
    assert "episodes" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "y").exists()
    assert regie("new", "Brume", "--kind", "opera").exit_code == 2  # click's own choice check


def test_folder_check_passes_then_lists_bad_names_with_suggestions(folder: Folder) -> None:
    good = folder("folder", "check")
    assert good.exit_code == 0, good.output
    assert folder.json("folder", "check")["problems"] == []
    code = folder.json("folder", "check")["code"]
    (folder.path / "02_SCENARIO" / f"{code}_20261126_SCENARIO_episode-1_v02.pdf").write_text("")
    (folder.path / "02_SCENARIO" / "mon scénario final.pdf").write_text("")
    (folder.path / "05_PLANNING" / "XYZ_20261126_FDS_jour-1_v01.pdf").write_text("")
    (folder.path / "05_PLANNING" / f"{code}_20261331_FDS_jour-2_v01.pdf").write_text("")
    bad = folder("folder", "check")
    assert bad.exit_code == 1
    assert "mon scénario final.pdf" in bad.stdout
    result = folder("folder", "check", "--json")
    assert result.exit_code == 1
    problems = {p["path"]: p for p in as_json(result)["problems"]}
    assert set(problems) == {
        "02_SCENARIO/mon scénario final.pdf",
        "05_PLANNING/XYZ_20261126_FDS_jour-1_v01.pdf",
        f"05_PLANNING/{code}_20261331_FDS_jour-2_v01.pdf",
    }
    assert problems["02_SCENARIO/mon scénario final.pdf"]["suggestion"].endswith(
        "_DOC_mon-scenario-final_v01.pdf"
    )
    assert (
        "this production's code is"
        in problems["05_PLANNING/XYZ_20261126_FDS_jour-1_v01.pdf"]["reason"]
    )
    assert (
        "not a real date" in problems[f"05_PLANNING/{code}_20261331_FDS_jour-2_v01.pdf"]["reason"]
    )


def test_commands_find_the_folder_from_a_sub_folder(
    folder: Folder, regie: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(folder.path / "02_SCENARIO")
    result = regie("folder", "check", "--json")
    assert result.exit_code == 0, result.output
    assert as_json(result)["folder"] == str(folder.path.resolve())


@pytest.mark.parametrize(
    "args",
    [
        ("folder", "check"),
        ("script", "versions"),
        ("script", "scenes"),
        ("breakdown",),
        ("characters",),
        ("feasibility",),
        ("user", "list"),
        ("db", "upgrade"),
    ],
)
def test_outside_a_production_folder_says_so(
    regie: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = regie(*args)
    assert result.exit_code == 1
    assert "ce n’est pas dans un dossier de production" in result.stderr
    assert "regie new" in result.stderr
    assert "Traceback" not in result.output
    as_error = regie(*args, "--json")
    assert as_json(as_error)["error"] == "NotFound"


def test_production_option_must_exist(regie: Invoke, tmp_path: Path) -> None:
    result = regie("--production", str(tmp_path / "nowhere"), "script", "versions")
    assert result.exit_code == 2
    assert "nowhere n’existe pas" in result.stderr


def test_user_add_list_role_remove(folder: Folder) -> None:
    added = folder(
        "user",
        "add",
        "Anne@Exemple.fr",
        "--name",
        "Anne Martin",
        "--role",
        "producer",
        "--password-stdin",
        input="une phrase assez longue\n",
    )
    assert added.exit_code == 0, added.output
    assert "une phrase" not in added.output  # never echoed
    prompted = folder(
        "user",
        "add",
        "bruno@exemple.fr",
        "--name",
        "Bruno",
        "--json",
        input="mot de passe du plateau\nmot de passe du plateau\n",
    )
    assert prompted.exit_code == 0, prompted.output
    assert prompted.stdout.strip().endswith("}")
    members = folder.json("user", "list")
    assert [(m["email"], m["name"], m["role"]) for m in members] == [
        ("anne@exemple.fr", "Anne Martin", "producer"),
        ("bruno@exemple.fr", "Bruno", "crew"),
    ]
    assert folder("user", "role", "bruno@exemple.fr", "production_manager").exit_code == 0
    assert folder("user", "remove", "bruno@exemple.fr").exit_code == 0
    assert [m["email"] for m in folder.json("user", "list")] == ["anne@exemple.fr"]
    # The last producer stays; a duplicate account is refused with the way out.
    last = folder("user", "remove", "anne@exemple.fr")
    assert last.exit_code == 1
    assert "l’unique producteur·rice de cette production" in last.stderr
    again = folder(
        "user",
        "add",
        "anne@exemple.fr",
        "--name",
        "Anne",
        "--password-stdin",
        input="une autre phrase longue\n",
    )
    assert again.exit_code == 1
    assert "regie user role anne@exemple.fr" in again.stderr


def test_user_add_refuses_a_short_password_and_stores_nothing(folder: Folder) -> None:
    result = folder(
        "user", "add", "c@exemple.fr", "--name", "C", "--password-stdin", input="court\n"
    )
    assert result.exit_code == 2
    assert "il en faut au moins 10" in result.stderr
    assert folder.json("user", "list") == []


def test_db_upgrade_on_a_current_database(folder: Folder) -> None:
    data = folder.json("db", "upgrade")
    assert data["from"] == data["to"] is not None
    assert folder("db", "upgrade").exit_code == 0


def test_rules_list_shows_shipped_packs_and_the_folders_overrides(
    folder: Folder, regie: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = {p["pack_id"]: p for p in folder.json("rules", "list")["packs"]}
    assert {"breakdown-lexicon", "feasibility-drivers", "shoot-pace"} <= set(shipped)
    assert all(p["origin"] == "shipped" and p["values"] > 0 for p in shipped.values())
    rules = folder.path / "rules"
    rules.mkdir()
    (rules / "shoot-pace.yaml").write_text(
        'pack: shoot-pace\nversion: "2099.1"\ntitle: Cadence maison\nvalues:\n'
        '  minutes_per_page:\n    value: "1"\n    status: customary\n',
        encoding="utf-8",
    )
    data = folder.json("rules", "list")
    pace = next(p for p in data["packs"] if p["pack_id"] == "shoot-pace")
    assert (pace["version"], pace["origin"], pace["values"]) == ("2099.1", "folder", 1)
    assert pace["shipped_version"] == shipped["shoot-pace"]["version"]
    assert data["folder_rules"] == [str(rules.resolve())]
    shown = folder("rules", "list")
    assert "2099.1" in shown.stdout
    assert "remplace" in shown.stdout
    monkeypatch.chdir(tmp_path)  # outside a folder: the shipped packs
    outside = as_json(regie("rules", "list", "--json"))
    assert outside["folder_rules"] == []


def test_english_output_with_lang_or_env(
    folder: Folder, regie: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (
        "Every file follows"
        in regie("--lang", "en", "--production", str(folder.path), "folder", "check").stdout
    )
    monkeypatch.setenv("REGIE_LANG", "en")
    assert "Every file follows" in folder("folder", "check").stdout
    assert (
        "Every file follows"
        in regie(
            "--lang", "en_GB.UTF-8", "--production", str(folder.path), "folder", "check"
        ).stdout
    )
    bad = regie("--lang", "de", "folder", "check")
    assert bad.exit_code == 2
    assert "Utilisez fr ou en" in bad.stderr  # an unknown language: the default one speaks
