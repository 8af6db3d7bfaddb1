# SPDX-License-Identifier: AGPL-3.0-or-later
"""Which rule packs a production uses: those shipped with regie, and the newer ones kept
in its folder (``rules/<pack>.yaml``), which win (see :func:`regie.rules.registry.pack`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from regie.core.errors import RuleError
from regie.core.text import t
from regie.rules.pack import RulePack
from regie.rules.registry import load_pack_file, pack, shipped_pack


@dataclass(frozen=True, slots=True)
class PackInfo:
    """One pack as a production sees it."""

    pack_id: str
    version: str
    title: str
    values: int  # number of entries (a key valid over several periods counts each)
    origin: str  # "shipped" or "folder"
    path: str  # where it was read
    shipped_version: str | None  # the shipped version, when the folder's one overrides it


def shipped_ids() -> list[str]:
    folder = resources.files("regie.rules").joinpath("packs")
    names = (entry.name for entry in folder.iterdir() if entry.name.endswith(".yaml"))
    return sorted(name.removesuffix(".yaml") for name in names)


def _info(found: RulePack, origin: str, shipped: RulePack | None) -> PackInfo:
    return PackInfo(
        pack_id=found.pack_id,
        version=found.version,
        title=found.title,
        values=len(found.entries),
        origin=origin,
        path=found.path,
        shipped_version=shipped.version if shipped is not None and origin == "folder" else None,
    )


def list_packs(rule_dirs: Sequence[Path] = ()) -> list[PackInfo]:
    """Every pack in effect: each shipped one (or the folder's newer one that overrides
    it), then the folder's packs regie does not ship. A malformed file is a ``RuleError``."""
    extra = tuple(rule_dirs)
    listed: list[PackInfo] = []
    shipped = shipped_ids()
    for pack_id in shipped:
        base = shipped_pack(pack_id)
        used = pack(pack_id, extra_dirs=extra)
        origin = "shipped" if used is base else "folder"
        listed.append(_info(used, origin, base))
    for folder in extra:
        for path in sorted(folder.glob("*.yaml")):
            if path.stem in shipped:
                continue
            own = load_pack_file(path)
            if own.pack_id != path.stem:
                raise RuleError(
                    t(
                        "the file declares pack '{found}', its name says '{named}'",
                        found=own.pack_id,
                        named=path.stem,
                    ),
                    where=str(path),
                    hint=t("Rename it {name}", name=own.pack_id + ".yaml"),
                )
            listed.append(_info(own, "folder", None))
    return listed
