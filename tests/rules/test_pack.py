# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from regie.core.errors import RuleError
from regie.rules.pack import Status, parse_pack
from regie.rules.registry import pack, shipped_pack

PACK = """
pack: demo
version: "1.2"
title: Demo
sources:
  S1: {title: "Official text", url: "https://example.org"}
values:
  rate:
    - value: "0.10"
      status: verified
      source: [S1]
      valid_from: 2024-01-01
      valid_to: 2024-12-31
    - value: "0.12"
      status: verified
      source: S1
      valid_from: 2025-01-01
  pace:
    value: {low: "2", high: "5"}
    status: customary
"""


def test_value_by_date() -> None:
    p = parse_pack(PACK, path="demo.yaml")
    assert p.ref == "demo@1.2"
    assert p.value("rate", dt.date(2024, 6, 1)).decimal() == Decimal("0.10")
    assert p.value("rate", dt.date(2026, 1, 1)).decimal() == Decimal("0.12")
    assert p.value("pace").decimal("high") == Decimal(5)
    assert p.value("rate", dt.date(2025, 1, 1)).status is Status.VERIFIED
    assert "Official text" in p.value("rate", dt.date(2025, 1, 1)).citation()


def test_no_value_valid_on_date() -> None:
    p = parse_pack(PACK, path="demo.yaml")
    with pytest.raises(RuleError, match="no value valid on 2023-01-01"):
        p.value("rate", dt.date(2023, 1, 1))


def test_unknown_key() -> None:
    with pytest.raises(RuleError, match=r"'nope' is not in pack demo@1\.2"):
        parse_pack(PACK, path="demo.yaml").value("nope")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("pack: x\nversion: '1'\nvalues:\n  a: {value: 0.5, status: customary}\n", "bare number"),
        ("pack: x\nversion: '1'\nvalues:\n  a: {value: '1', status: sure}\n", "unknown status"),
        ("pack: x\nversion: '1'\nvalues:\n  a: {value: '1', status: verified}\n", "must cite"),
        (
            "pack: x\nversion: '1'\nvalues:\n  a: {value: '1', status: verified, source: Z}\n",
            "unknown source",
        ),
        ("pack: x\nvalues: {}\n", "missing 'version'"),
        ("pack: [x\n", "not valid YAML"),
    ],
)
def test_malformed_packs(text: str, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        parse_pack(text, path="bad.yaml")


def test_user_pack_with_higher_version_wins(tmp_path: Path) -> None:
    shipped = shipped_pack("shoot-pace")
    newer = (
        "pack: shoot-pace\nversion: '2099.1'\nvalues:\n"
        "  minutes_per_page: {value: '1', status: customary}\n"
        "  tv_fiction.pages_per_day: {value: {low: '6', high: '7'}, status: customary}\n"
    )
    (tmp_path / "shoot-pace.yaml").write_text(newer, encoding="utf-8")
    loaded = pack("shoot-pace", extra_dirs=(tmp_path,))
    assert loaded.version == "2099.1"
    assert loaded.value("tv_fiction.pages_per_day").decimal("low") == 6
    older = newer.replace("2099.1", "1999.1")
    (tmp_path / "shoot-pace.yaml").write_text(older, encoding="utf-8")
    assert pack("shoot-pace", extra_dirs=(tmp_path,)).version == shipped.version


@pytest.mark.parametrize("pack_id", ["shoot-pace", "feasibility-drivers"])
def test_shipped_packs_load(pack_id: str) -> None:
    loaded = shipped_pack(pack_id)
    assert loaded.entries
    assert all(e.status for e in loaded)
