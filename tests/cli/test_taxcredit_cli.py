# SPDX-License-Identifier: AGPL-3.0-or-later
"""`regie taxcredit compute|checklist`: the figures under the case's names as JSON numbers,
the trace with article and source, the PDFs, and refusals that exit 2 and name the field."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Invoke

H10: dict[str, Any] = {
    "id": "H10",
    "description": "TV fiction, 52 minutes",
    "regime": {"credit": "credit_impot_audiovisuel", "genre": "fiction", "rate": 0.25},
    "inputs": {
        "minutes_produced_delivered": 52,
        "production_cost_eur": 1300000,
        "eligible_expenses_eur": 800000,
    },
    "expected": {
        "cost_per_minute_eur": 25000.0,
        "per_minute_cap_eur": 4000,
        "work_cap_eur": 208000,
        "credit_before_cap_eur": 200000.0,
        "credit_eur": 200000.0,
    },
}


def write(folder: Path, document: Any, name: str = "case.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def exact(stdout: str) -> Any:
    return json.loads(stdout, parse_float=Decimal, parse_int=Decimal)


def test_compute_prints_the_expected_fields_and_the_trace(regie: Invoke, tmp_path: Path) -> None:
    case = write(tmp_path, H10)
    result = regie("taxcredit", "compute", str(case), "--json", "--date", "2026-06-01")
    assert result.exit_code == 0, result.stderr
    printed = exact(result.stdout)
    for name, value in H10["expected"].items():
        assert isinstance(printed[name], Decimal), f"{name} is a JSON number"
        assert printed[name] == Decimal(str(value)), name
    assert printed["id"] == "H10"
    assert printed["regime"] == {"credit": "audiovisual", "genre": "fiction"}
    assert printed["rule_packs"] == ["taxcredit-audiovisual@2026.1"]
    assert printed["trace"]
    for step in printed["trace"]:
        assert step["article"]
        assert step["source"] or step["rule"] is None
    keys = [s["step"] for s in printed["trace"]]
    assert keys[-1] == "credit"
    assert "per_minute_cap" in keys


def _reference_cases() -> list[Path]:
    env = os.environ.get("REGIE_SHARED_DIR")
    shared = Path(env) if env else Path(__file__).resolve().parents[2].parent / "shared"
    folder = shared / "reference" / "taxcredit-examples"
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


@pytest.mark.parametrize("path", _reference_cases(), ids=lambda p: p.stem)
def test_reference_cases_through_the_command(regie: Invoke, path: Path) -> None:
    result = regie("taxcredit", "compute", str(path), "--json")
    assert result.exit_code == 0, result.stderr
    printed = exact(result.stdout)
    expected = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)["expected"]
    for name, value in expected.items():
        if isinstance(value, bool):
            assert printed[name] is value
        else:
            cent = Decimal("0.01")
            assert printed[name].quantize(cent) == Decimal(value).quantize(cent), name


def test_compute_writes_the_trace_pdf(regie: Invoke, tmp_path: Path) -> None:
    pdf = tmp_path / "trace.pdf"
    result = regie(
        "--lang", "en", "taxcredit", "compute", str(write(tmp_path, H10)), "-o", str(pdf)
    )
    assert result.exit_code == 0, result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "Ceiling per minute for the production cost per minute" in result.stdout
    assert "trace.pdf" in result.stdout


def test_a_missing_input_exits_2_and_names_the_json_path(regie: Invoke, tmp_path: Path) -> None:
    document = json.loads(json.dumps(H10))
    del document["inputs"]["minutes_produced_delivered"]
    pdf = tmp_path / "trace.pdf"
    result = regie("taxcredit", "compute", str(write(tmp_path, document)), "--json", "-o", str(pdf))
    assert result.exit_code == 2
    error = json.loads(result.stdout)
    assert "$.inputs.minutes_produced_delivered" in error["message_en"]
    assert not pdf.exists()  # nothing half-written


def test_an_unknown_credit_lists_the_known_ones(regie: Invoke, tmp_path: Path) -> None:
    document = json.loads(json.dumps(H10))
    document["regime"]["credit"] = "credit_impot_musique"
    result = regie("taxcredit", "compute", str(write(tmp_path, document)), "--json")
    assert result.exit_code == 2
    message = json.loads(result.stdout)["message_en"]
    assert "credit_impot_cinema" in message
    assert "credit_impot_international" in message
    missing = regie("taxcredit", "compute", str(tmp_path / "nope.json"))
    assert missing.exit_code == 2


def test_rules_of_a_date_before_the_pack_exit_1(regie: Invoke, tmp_path: Path) -> None:
    result = regie("taxcredit", "compute", str(write(tmp_path, H10)), "--date", "2010-01-01")
    assert result.exit_code == 1
    assert "2010" in result.stderr


def test_spend_lines_and_the_checklist(regie: Invoke, tmp_path: Path) -> None:
    document = {
        "id": "C2",
        "regime": {"credit": "credit_impot_cinema", "genre": "fiction"},
        "inputs": {
            "production_cost_eur": 2000000,
            "language": "fr",
            "spend_lines": [
                {"ref": "L1", "account": "23", "amount_eur": 600000, "payee_residence": "FR"},
                {"ref": "L2", "account": "71", "amount_eur": 400000},
                {"ref": "L3", "account": "71", "amount_eur": 50000, "country": "ES"},
                {"ref": "L4", "account": "94", "amount_eur": 30000},
            ],
        },
    }
    case = write(tmp_path, document)
    computed = exact(regie("taxcredit", "compute", str(case), "--json").stdout)
    assert computed["eligible_spend"]["eligible_eur"] == Decimal(1000000)
    assert computed["eligible_spend"]["excluded_eur"] == Decimal(80000)
    assert computed["rate"] == Decimal("0.30")
    assert computed["credit_eur"] == Decimal(300000)
    pdf = tmp_path / "agrement.pdf"
    listed = regie("taxcredit", "checklist", str(case), "--json", "-o", str(pdf))
    assert listed.exit_code == 0, listed.stderr
    pieces = {p["piece"]: p for p in exact(listed.stdout)["pieces"]}
    assert pieces["language"]["state"] == "met"
    assert pieces["personnel"]["state"] == "generated"
    assert pieces["points_scale"]["status"] == "unverified"
    assert pdf.read_bytes().startswith(b"%PDF")
