# SPDX-License-Identifier: AGPL-3.0-or-later
"""The media rule packs: every value has a status and its sources; the codec-rate and
emission-factor packs hold every row of the reference tables (when /work/shared is here)."""

from __future__ import annotations

import csv
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from regie.media.rates import codec_rates
from regie.rules.pack import Status
from regie.rules.registry import shipped_pack

PACKS = (
    "codec-rates",
    "delivery-specs",
    "storage-media",
    "emission-factors",
    "deliverables-templates",
)
REPO = Path(__file__).resolve().parents[2]


def _reference() -> Path:
    env = os.environ.get("REGIE_SHARED_DIR")
    folder = (Path(env) if env else REPO.parent / "shared") / "reference"
    if not folder.is_dir():
        pytest.skip(f"shared reference folder not found at {folder}")
    return folder


@pytest.mark.parametrize("pack_id", PACKS)
def test_every_value_has_a_status_and_its_sources(pack_id: str) -> None:
    pack = shipped_pack(pack_id)
    assert pack.entries
    for entry in pack:
        assert isinstance(entry.status, Status)
        if entry.status is not Status.CUSTOMARY:
            assert entry.sources, entry.key
            assert all(s.title for s in entry.sources)


def test_the_codec_pack_holds_every_row_of_the_reference_table() -> None:
    rows = list(csv.DictReader((_reference() / "codec-rates.csv").open(encoding="utf-8")))
    pack = shipped_pack("codec-rates")
    by_row = {(r.codec, r.variant, r.resolution, r.fps): r for r in codec_rates(pack)}
    assert len(by_row) == len(rows) == len(pack.entries)
    for row in rows:
        rate = by_row[(row["codec"], row["variant"], row["resolution"], Decimal(row["fps"]))]
        assert rate.mbps == Decimal(row["mbps"])
        assert rate.cited.note == row["source"]  # each row keeps its own source
        computed = any(w in row["source"] for w in ("COMPUTED", "DERIVED", "converted"))
        if computed:
            assert rate.cited.status is Status.ESTIMATED, rate.key


def test_the_emission_pack_holds_every_row_of_the_reference_table() -> None:
    rows = list(csv.DictReader((_reference() / "emission-factors.csv").open(encoding="utf-8")))
    pack = shipped_pack("emission-factors")
    entries = list(pack)
    assert len(entries) == len(rows)
    for row, entry in zip(rows, entries, strict=True):
        assert entry.decimal("factor") == Decimal(row["kgCO2e_per_unit"])
        assert entry.value["item"] == row["item"]
        assert entry.unit == f"kgCO2e/{row['unit']}"
        assert entry.note == row["source"]
        if "verify" in row["year"]:  # the reference's own doubt is kept
            assert entry.status in {Status.UNVERIFIED, Status.ESTIMATED}


def test_estimated_reference_values_stay_estimated() -> None:
    pack = shipped_pack("emission-factors")
    assert pack.value("accommodation.hotel_night_france_without_breakfast").status is (
        Status.ESTIMATED
    )
    assert pack.value("energy.diesel_road").status is Status.ESTIMATED
    import datetime as dt

    mix = [pack.value("energy.electricity_france_mix", dt.date(y, 6, 1)) for y in range(2022, 2027)]
    assert [m.decimal("factor") for m in mix] == [
        Decimal("0.052"), Decimal("0.058"), Decimal("0.0519"), Decimal("0.0461"),
        Decimal("0.0461"),
    ]  # fmt: skip


def test_delivery_specs_name_codec_rows_that_exist() -> None:
    codecs = {e.key for e in shipped_pack("codec-rates")}
    for entry in shipped_pack("delivery-specs"):
        if ".formats." in entry.key:
            keys = entry.value if isinstance(entry.value, list) else [entry.value]
            assert set(keys) <= codecs, entry.key
        if ".delivery." in entry.key and entry.value.get("codec_rate"):
            assert entry.value["codec_rate"] in codecs


def test_the_camera_naming_rule_matches_its_example() -> None:
    value = shipped_pack("storage-media").value("naming.camera_clip").value
    assert re.match(value["pattern"], value["example"])


def test_templates_name_outlets_that_exist() -> None:
    specs = {e.key.split(".")[0] for e in shipped_pack("delivery-specs")}
    for entry in shipped_pack("deliverables-templates"):
        for item in entry.value["items"]:
            assert item.get("spec") is None or item["spec"] in specs
