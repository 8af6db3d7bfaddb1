# SPDX-License-Identifier: AGPL-3.0-or-later
"""Where packs come from: those shipped with regie, overridden by user-loaded ones.

Reading files is the edge of the rules layer; the phases receive :class:`RulePack` values
and never open files. A production may keep newer packs in its own folder
(``RULES_DIR`` of the production folder); a pack there with the same ``pack`` id and a
higher version wins over the shipped one.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from regie.core.errors import RuleError
from regie.core.text import t
from regie.rules.pack import RulePack, parse_pack


def _version_key(version: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in version.replace("-", ".").split("."))


@cache
def shipped_pack(pack_id: str) -> RulePack:
    """A pack shipped in ``regie/rules/packs/<pack_id>.yaml``."""
    ref = resources.files("regie.rules").joinpath("packs", f"{pack_id}.yaml")
    if not ref.is_file():
        raise RuleError(
            t("no shipped rule pack '{pack}'", pack=pack_id),
            hint=t("Check the pack name (`regie rules list` shows them)"),
        )
    return parse_pack(ref.read_text(encoding="utf-8"), path=f"regie/rules/packs/{pack_id}.yaml")


def load_pack_file(path: Path) -> RulePack:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(
            t("cannot read the rule pack ({problem})", problem=exc), where=str(path)
        ) from None
    return parse_pack(text, path=str(path))


def pack(pack_id: str, *, extra_dirs: tuple[Path, ...] = ()) -> RulePack:
    """The newest pack ``pack_id`` among the shipped one and those in ``extra_dirs``."""
    best = shipped_pack(pack_id)
    for folder in extra_dirs:
        candidate_path = folder / f"{pack_id}.yaml"
        if candidate_path.is_file():
            candidate = load_pack_file(candidate_path)
            if candidate.pack_id != pack_id:
                raise RuleError(
                    t(
                        "the file declares pack '{found}', expected '{expected}'",
                        found=candidate.pack_id,
                        expected=pack_id,
                    ),
                    where=str(candidate_path),
                    hint=t("Rename the file after the pack it holds, or fix its 'pack' key"),
                )
            if _version_key(candidate.version) >= _version_key(best.version):
                best = candidate
    return best
