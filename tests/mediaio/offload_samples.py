# SPDX-License-Identifier: AGPL-3.0-or-later
"""Cards made in ``tmp_path`` for the offload and ASC MHL tests, and the reference tool."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def make_card(folder: Path, files: Mapping[str, int], *, seed: int = 7) -> Path:
    """A card folder holding ``files`` (relative path → size) of seeded random bytes."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    folder.mkdir(parents=True, exist_ok=True)
    for path, size in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(rng.randbytes(size))
    return folder


def ascmhl(*args: str | Path, check: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the reference tool: ``ascmhl`` (create, info, diff) or, for ``verify``,
    ``ascmhl-debug`` (ascmhl 1.2 moved verify there)."""
    tool = BIN / ("ascmhl-debug" if args and args[0] == "verify" else "ascmhl")
    if not tool.exists():
        pytest.skip(f"the reference tool {tool.name} is not installed (dev dependency ascmhl)")
    return subprocess.run(  # noqa: S603 - the reference tool of our own venv
        [str(tool), *map(str, args)], capture_output=True, text=True, check=check, timeout=120
    )


def destinations(tmp_path: Path, count: int) -> list[Path]:
    found = []
    for n in range(1, count + 1):
        folder = tmp_path / f"dst{n}"
        folder.mkdir()
        found.append(folder)
    return found


def copies_left(root: Path) -> list[Path]:
    """Partial copies (``.name.regie-part``) under ``root``."""
    return sorted(root.rglob("*.regie-part"))


def mount_tmpfs(folder: Path, size: str) -> None:
    """Mount a small tmpfs at ``folder`` or skip the test (needs root and mount(8))."""
    folder.mkdir(parents=True, exist_ok=True)
    if shutil.which("mount") is None:
        pytest.skip("mount(8) is not available")
    done = subprocess.run(  # noqa: S603 - mount(8) with fixed arguments
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],  # noqa: S607
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")


def unmount(folder: Path) -> None:
    subprocess.run(  # noqa: S603 - umount(8) with fixed arguments
        ["umount", "-l", str(folder)],  # noqa: S607 - found on PATH like mount
        capture_output=True,
        check=False,
    )
