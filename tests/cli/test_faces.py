# SPDX-License-Identifier: AGPL-3.0-or-later
"""What every command shares: ``--json`` output, error output, the help, ``regie serve``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from regie.cli.main import requested
from tests.cli import samples
from tests.cli.conftest import Folder, Invoke


def _parse(raw: bytes) -> Any:
    text = raw.decode("utf-8")
    assert "\x1b[" not in text  # no terminal codes
    return json.loads(text)


def test_every_data_command_prints_json(imported: Folder, tmp_path: Path) -> None:
    v2 = imported.write("phare-v2.fountain", samples.PHARE_V2)
    commands: list[tuple[str, ...]] = [
        ("folder", "check"),
        ("script", "import", str(v2)),
        ("script", "parse", str(v2)),
        ("script", "versions"),
        ("script", "scenes"),
        ("breakdown",),
        ("breakdown", "2", "--suggested"),
        ("breakdown", "tag", "2", "props", "Seau"),
        ("breakdown", "accept", "2", "BROUETTE"),
        ("breakdown", "reject", "2", "poisson"),
        ("breakdown", "elements"),
        ("characters",),
        ("characters", "merge", "ANTOINE", "MARTHE"),
        ("characters", "unmerge", "ANTOINE"),
        ("feasibility",),
        ("user", "list"),
        ("db", "upgrade"),
        ("rules", "list"),
    ]
    for command in commands:
        result = imported(*command, "--json")
        assert result.exit_code == 0, (command, result.output)
        assert _parse(result.stdout_bytes) is not None, command
        assert result.stderr == "", command
    added = imported(
        "user",
        "add",
        "d@exemple.fr",
        "--name",
        "Dé",
        "--password-stdin",
        "--json",
        input="une phrase assez longue\n",
    )
    assert _parse(added.stdout_bytes) == {"email": "d@exemple.fr", "name": "Dé", "role": "crew"}


def test_errors_in_json_are_json_on_stdout(imported: Folder) -> None:
    result = imported("breakdown", "42", "--json")
    assert result.exit_code == 1
    error = _parse(result.stdout_bytes)
    assert error["error"] == "NotFound"
    assert error["message"].startswith("aucune séquence «\u00a042\u00a0» dans la version courante")
    assert error["message_en"].startswith("no scene '42' in the current version of the script.")
    assert error["what"] == "aucune séquence «\u00a042\u00a0» dans la version courante du scénario"
    assert set(error) == {"error", "what", "where", "hint", "message", "message_en"}
    assert result.stderr == ""
    in_english = imported.invoke(
        "--lang", "en", "--production", str(imported.path), "breakdown", "42", "--json"
    )
    english = _parse(in_english.stdout_bytes)
    assert english["message"] == english["message_en"] == error["message_en"]


def test_data_with_brackets_is_printed_as_text(folder: Folder) -> None:
    script = folder.write(
        "crochets.fountain",
        "INT. SALLE [B] - JOUR\n\nUn panneau [attention] pend.\n\nLÉA\nBonjour.\n",
    )
    assert folder("script", "import", str(script)).exit_code == 0
    shown = folder("script", "scenes")
    assert "SALLE [B]" in shown.stdout


def test_help_is_in_french_and_lists_the_commands(regie: Invoke) -> None:
    result = regie("--help")
    assert result.exit_code == 0
    for name in (
        "new",
        "folder",
        "script",
        "breakdown",
        "characters",
        "feasibility",
        "user",
        "db",
        "rules",
        "serve",
        "demo",
    ):
        assert name in result.stdout
    assert "bureau de production" in result.stdout
    assert "séquence" in regie("breakdown", "--help").stdout.lower()


def test_help_does_not_load_the_database_layer() -> None:
    code = (
        "import sys; from regie.cli.main import app; "
        "print('sqlalchemy' in sys.modules, 'weasyprint' in sys.modules)"
    )
    done = subprocess.run(  # noqa: S603 — the test's own interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["False", "False"]


@pytest.mark.parametrize(
    ("arguments", "name"),
    [
        (["--production", "X", "location", "list"], "location"),
        (["-P", "X", "--lang", "en", "board", "show"], "board"),
        (["--production=X", "script", "import"], "script"),
        (["--help"], None),
        (["--version", "script"], None),
        ([], None),
        (["nope"], "nope"),
    ],
)
def test_the_console_command_finds_the_command_asked_for(
    arguments: list[str], name: str | None
) -> None:
    assert requested(arguments) == name


def test_the_console_command_builds_only_that_group(folder: Folder) -> None:
    """``regie`` (``run``) loads the modules of the command asked for, not the others, and
    answers as the whole command does; an unknown name gets the whole command's error."""
    code = (
        "import sys; from regie.cli.main import run; sys.argv = ['regie', *sys.argv[1:]]\n"
        "try:\n    run()\nexcept SystemExit as end:\n    code = end.code\n"
        "print('regie.cli.board' in sys.modules, 'regie.cli.devis' in sys.modules)\n"
        "sys.exit(code)"
    )
    args = ["--production", str(folder.path), "location", "list", "--json"]
    done = subprocess.run(  # noqa: S603 — the test's own interpreter
        [sys.executable, "-c", code, *args], check=False, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    *listing, loaded = done.stdout.strip().splitlines()
    assert json.loads("\n".join(listing)) == folder.json("location", "list")
    assert loaded.split() == ["False", "False"]
    unknown = subprocess.run(  # noqa: S603 — the test's own interpreter
        [sys.executable, "-c", code, "lieux"], check=False, capture_output=True, text=True
    )
    assert unknown.returncode == 2
    assert "lieux" in unknown.stderr
    assert unknown.stdout.split() == ["True", "True"]  # the whole command, to say so


def test_serve_runs_the_folders_web_app(folder: Folder, monkeypatch: pytest.MonkeyPatch) -> None:
    uvicorn = pytest.importorskip("uvicorn")
    from fastapi.testclient import TestClient
    from starlette.middleware.sessions import SessionMiddleware

    calls: dict[str, Any] = {}

    def fake_run(app: Any, **options: Any) -> None:
        calls.update(options, app=app)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    result = folder("serve", "--port", "8765")
    assert result.exit_code == 0, result.output
    assert (calls["host"], calls["port"]) == ("127.0.0.1", 8765)
    assert "http://127.0.0.1:8765/" in result.stdout
    assert "regie user add" in result.stderr  # no account yet: says how to make one
    session = next(m for m in calls["app"].user_middleware if m.cls is SessionMiddleware)
    secret = (folder.path / ".regie" / "secret_key").read_text(encoding="utf-8").strip()
    assert session.kwargs["secret_key"] == secret
    assert session.kwargs["https_only"] is True
    with TestClient(calls["app"], base_url="https://testserver") as client:
        assert client.get("/login").status_code == 200

    insecure = folder("serve", "--host", "0.0.0.0", "--insecure-cookies")  # noqa: S104
    assert insecure.exit_code == 0
    session = next(m for m in calls["app"].user_middleware if m.cls is SessionMiddleware)
    assert session.kwargs["https_only"] is False
    assert "HTTPS" in insecure.stderr


def test_errors_speak_the_output_language(folder: Folder, monkeypatch: pytest.MonkeyPatch) -> None:
    """French by default (what, where, what to do), English with --lang en or REGIE_LANG."""
    empty = folder.write("vide.fountain", b"")
    french = folder("script", "import", str(empty))
    assert french.exit_code == 2
    assert french.stderr.strip() == (
        "vide.fountain\u00a0: le fichier est vide. "
        "Choisissez le fichier du scénario lui-même, pas un fichier vide."
    )
    english = folder.invoke(
        "--lang", "en", "--production", str(folder.path), "script", "import", str(empty)
    )
    assert english.exit_code == 2
    assert english.stderr.strip() == (
        "vide.fountain: the file is empty. Choose the script file itself, not a blank."
    )
    monkeypatch.setenv("REGIE_LANG", "en_GB.UTF-8")
    assert folder("script", "import", str(empty)).stderr == english.stderr
    as_error = folder("script", "import", str(empty), "--json")
    assert _parse(as_error.stdout_bytes)["message"] == english.stderr.strip()
