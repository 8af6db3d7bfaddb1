# SPDX-License-Identifier: AGPL-3.0-or-later
"""Media roots: a path named in a web form must resolve (links followed, ``..`` removed)
inside a root of the production folder or of REGIE_MEDIA_ROOTS, and never into the
folder's private files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from regie.core.errors import InputError, PermissionDenied, ValidationError
from regie.services.media_paths import (
    ROOTS_ENV,
    MediaRoots,
    PathUse,
    check_path,
    checked_paths,
    media_roots,
    offload_paths,
)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A production folder, a raid it lists, and a secret place outside both."""
    folder = tmp_path / "prod"
    (folder / ".regie").mkdir(parents=True)
    (folder / ".regie" / "secret_key").write_text("s3cret")
    (folder / "07_RUSHES" / "A001").mkdir(parents=True)
    (folder / "07_RUSHES" / "A001" / "C001.mov").write_bytes(b"x" * 10)
    raid = tmp_path / "raid"
    (raid / "SHUTTLE").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "passwd").write_text("root")
    (folder / "regie.toml").write_text(
        '[production]\nslug = "p"\ncode = "P"\n\n[media]\nroots = ["../raid", "extra"]\n'
    )
    return tmp_path


def test_roots_of_the_folder_and_of_the_environment(tree: Path) -> None:
    found = media_roots(tree / "prod" / "07_RUSHES", environ={ROOTS_ENV: f"/srv/a{os.pathsep}"})
    prod = (tree / "prod").resolve()
    assert found.roots == (prod, (tree / "raid").resolve(), prod / "extra", Path("/srv/a"))
    assert media_roots(None, environ={}).roots == ()
    with pytest.raises(InputError, match="not an absolute path"):
        media_roots(None, environ={ROOTS_ENV: "relative/raid"})


def test_paths_inside_are_allowed(tree: Path) -> None:
    roots = media_roots(tree / "prod", environ={})
    card = check_path(str(tree / "prod/07_RUSHES/A001"), roots, field="source", use=PathUse.FOLDER)
    assert card == (tree / "prod/07_RUSHES/A001").resolve()
    shuttle = check_path(str(tree / "raid/SHUTTLE"), roots, field="d", use=PathUse.WRITE)
    assert shuttle == (tree / "raid/SHUTTLE").resolve()
    with pytest.raises(InputError, match="not an existing folder"):
        check_path(str(tree / "raid/SHUTTLE/DAY01"), roots, field="d", use=PathUse.WRITE)


def test_paths_outside_or_private_are_refused(tree: Path) -> None:
    roots = media_roots(tree / "prod", environ={})
    outside = str(tree / "elsewhere" / "passwd")
    with pytest.raises(PermissionDenied, match="outside the media folders") as refused:
        check_path(outside, roots, field="paths", use=PathUse.READ)
    assert "raid" in str(refused.value)  # the hint lists the allowed folders
    with pytest.raises(PermissionDenied, match="outside"):  # .. climbs out
        check_path(str(tree / "raid/../elsewhere/passwd"), roots, field="p", use=PathUse.READ)
    link = tree / "raid" / "SHUTTLE" / "escape"
    link.symlink_to(tree / "elsewhere")
    with pytest.raises(PermissionDenied, match="outside"):  # a link out of a root
        check_path(str(link / "passwd"), roots, field="p", use=PathUse.READ)
    with pytest.raises(PermissionDenied, match="outside"):  # writing through the link too
        check_path(str(link), roots, field="p", use=PathUse.WRITE)
    with pytest.raises(PermissionDenied, match="outside"):
        check_path(str(tree / "prod/.regie/secret_key"), roots, field="p", use=PathUse.READ)
    with pytest.raises(PermissionDenied, match="private files"):  # the folder holding .regie
        check_path(str(tree / "prod"), roots, field="source", use=PathUse.FOLDER)
    with pytest.raises(PermissionDenied, match="no media folder is open"):
        check_path(str(tree / "raid"), MediaRoots(()), field="p", use=PathUse.READ)


def test_bad_values_are_named(tree: Path) -> None:
    roots = media_roots(tree / "prod", environ={})
    with pytest.raises(ValidationError, match="not absolute"):
        check_path("raid/SHUTTLE", roots, field="source", use=PathUse.FOLDER)
    with pytest.raises(ValidationError, match="required"):
        check_path("  ", roots, field="source", use=PathUse.FOLDER)
    with pytest.raises(InputError, match="no file or folder"):
        check_path(str(tree / "raid/NOPE"), roots, field="source", use=PathUse.FOLDER)
    with pytest.raises(InputError, match="not a folder"):
        check_path(str(tree / "prod/07_RUSHES/A001/C001.mov"), roots, field="s",
                   use=PathUse.FOLDER)  # fmt: skip
    with pytest.raises(ValidationError, match="at least one"):
        checked_paths(["", " "], roots, field="paths")


def test_an_offload_card_and_destinations(tree: Path) -> None:
    roots = media_roots(tree / "prod", environ={})
    card = str(tree / "prod/07_RUSHES/A001")
    (tree / "raid" / "B").mkdir()
    found = offload_paths(card, [str(tree / "raid/SHUTTLE"), "", str(tree / "raid/B")], roots)
    assert found.destinations == ((tree / "raid/SHUTTLE").resolve(), (tree / "raid/B").resolve())
    with pytest.raises(ValidationError, match="at least one destination"):
        offload_paths(card, ["  "], roots)
    with pytest.raises(ValidationError, match="given twice"):
        offload_paths(card, [str(tree / "raid/B"), str(tree / "raid/B/")], roots)
    # A copy DST/<card> that is a link leading out of the roots is refused.
    (tree / "raid" / "C").mkdir()
    (tree / "raid" / "C" / "A001").symlink_to(tree / "elsewhere")
    with pytest.raises(PermissionDenied, match="outside"):
        offload_paths(card, [str(tree / "raid/C")], roots)
