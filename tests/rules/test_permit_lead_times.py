# SPDX-License-Identifier: AGPL-3.0-or-later
"""The permit lead-time pack: every authority has a whole number of days, a basis, both
labels and a status; nothing claims more than the references give (no lead time for a
shooting permit is in them, so every value is customary with a note)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from regie.core.errors import RuleError, ValidationError
from regie.logistics.permits import PACK_ID, lead_time, lead_times
from regie.rules.pack import Status, parse_pack
from regie.rules.registry import pack, shipped_pack

REPO = Path(__file__).resolve().parents[2]
EXPECTED = {
    "town_hall", "film_office", "prefecture", "police_road", "rail", "national_park",
    "regional_park", "waterways", "drone", "other",
}  # fmt: skip


def test_every_authority_has_a_lead_time_a_basis_and_labels() -> None:
    found = lead_times(shipped_pack(PACK_ID))
    assert set(found) == EXPECTED
    for lead in found.values():
        assert lead.days > 0
        assert lead.label_fr
        assert lead.label_en
        assert lead.rule == f"{PACK_ID}@2026.1"
        assert lead.status is Status.CUSTOMARY
        assert lead.note  # says where the figure comes from, or that it is not sourced
    assert found["drone"].working_days
    assert not found["rail"].working_days


def test_sources_cited_by_the_pack_are_in_the_shared_references() -> None:
    env = os.environ.get("REGIE_SHARED_DIR")
    folder = (Path(env) if env else REPO.parent / "shared") / "reference"
    if not folder.is_dir():
        pytest.skip(f"shared reference folder not found at {folder}")
    text = (folder / "fr-team-safety.md").read_text(encoding="utf-8")
    for entry in shipped_pack(PACK_ID):
        for source in entry.sources:
            assert source.url is not None
            assert source.url in text, source.key


def test_an_unknown_authority_lists_the_known_ones() -> None:
    with pytest.raises(ValidationError, match=r"not an authority of permit-lead-times.*rail"):
        lead_time(shipped_pack(PACK_ID), "ministry_of_magic")


def test_a_production_pack_overrides_a_delay(tmp_path: Path) -> None:
    shipped = (REPO / "src/regie/rules/packs/permit-lead-times.yaml").read_text(encoding="utf-8")
    newer = shipped.replace('version: "2026.1"', 'version: "2026.2"').replace(
        'days: "60", basis: calendar, label_fr: "SNCF',
        'days: "90", basis: calendar, label_fr: "SNCF',
    )
    (tmp_path / "permit-lead-times.yaml").write_text(newer, encoding="utf-8")
    chosen = pack(PACK_ID, extra_dirs=(tmp_path,))
    assert lead_time(chosen, "rail").days == 90
    assert lead_time(chosen, "rail").rule == "permit-lead-times@2026.2"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('{days: "2.5", basis: calendar}', "whole number of days"),
        ('{days: "5", basis: lunar}', "unknown basis"),
        ('{days: "5"}', "needs 'days' and 'basis'"),
    ],
)
def test_a_malformed_lead_time_is_refused(value: str, message: str) -> None:
    text = (
        f"pack: {PACK_ID}\nversion: '1'\nvalues:\n  authority.x:\n"
        f"    value: {value}\n    status: customary\n"
    )
    with pytest.raises(RuleError, match=message):
        lead_times(parse_pack(text, path="x.yaml"))
