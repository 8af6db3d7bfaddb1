# SPDX-License-Identifier: AGPL-3.0-or-later
"""Running ``regie`` in-process (``CliRunner``) on production folders in ``tmp_path``."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from typer.testing import CliRunner, Result

from regie.cli.main import app
from regie.services import accounts
from tests.cli import samples

# Cheap argon2 parameters: the real ones cost a quarter of a second per hash.
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "PASSWORD_HASHER", FAST_HASHER)


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wide, colourless output and no inherited regie settings."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("REGIE_LANG", raising=False)
    monkeypatch.delenv("REGIE_PRODUCTION", raising=False)


Invoke = Callable[..., Result]


@pytest.fixture
def regie() -> Invoke:
    """``regie(*args, input=None)``: run the CLI, stdout and stderr kept apart."""
    runner = CliRunner()

    def run(*args: str, input: str | bytes | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return run


def as_json(result: Result) -> Any:
    return json.loads(result.stdout)


@dataclass(frozen=True)
class Folder:
    """A production folder and a way to run commands in it (``--production``)."""

    path: Path
    invoke: Invoke

    def __call__(self, *args: str, input: str | bytes | None = None) -> Result:
        return self.invoke("--production", str(self.path), *args, input=input)

    def json(self, *args: str) -> Any:
        result = self(*args, "--json")
        assert result.exit_code == 0, result.output
        return as_json(result)

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.path.parent / name
        path.write_bytes(text.encode() if isinstance(text, str) else text)
        return path

    def version_count(self) -> int:
        return len(self.json("script", "versions"))


def make_folder(regie: Invoke, tmp_path: Path, args: Sequence[str] = ()) -> Folder:
    target = tmp_path / "phare"
    result = regie("new", "Le Phare des Oubliés", "--dir", str(target), *args)
    assert result.exit_code == 0, result.output
    return Folder(target, regie)


@pytest.fixture(scope="session")
def new_folder_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``regie new`` run once per test process (its migrations cost most of a second);
    :func:`folder` copies the result. The database path in regie.toml is relative."""
    target = tmp_path_factory.mktemp("template") / "phare"
    with pytest.MonkeyPatch.context() as patch:
        for name in ("REGIE_LANG", "REGIE_PRODUCTION"):
            patch.delenv(name, raising=False)
        result = CliRunner().invoke(
            app, ["new", "Le Phare des Oubliés", "--dir", str(target), "--running-minutes", "52"],
            catch_exceptions=False,
        )  # fmt: skip
    assert result.exit_code == 0, result.output
    return target


@pytest.fixture
def folder(regie: Invoke, tmp_path: Path, new_folder_template: Path) -> Folder:
    """A new TV-fiction production folder, no script yet."""
    target = tmp_path / "phare"
    shutil.copytree(new_folder_template, target)
    return Folder(target, regie)


@pytest.fixture
def imported(folder: Folder) -> Folder:
    """The folder with version 1 of ``samples.PHARE`` imported."""
    script = folder.write("phare.fountain", samples.PHARE)
    result = folder("script", "import", str(script))
    assert result.exit_code == 0, result.output
    return folder
