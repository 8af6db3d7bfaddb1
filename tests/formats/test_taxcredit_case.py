# SPDX-License-Identifier: AGPL-3.0-or-later
"""Tax-credit case files: read into exact values, refused with the file and the JSON path,
and the result named the way the case's ``expected`` object names it."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest

from regie.core.errors import InputError, ParseError
from regie.finance.taxcredit.compute import compute, load_pack
from regie.finance.taxcredit.eligibility import SpendCategory
from regie.finance.taxcredit.model import Credit, Genre
from regie.formats.taxcredit_case import read_case, result_fields

H10: dict[str, Any] = {
    "id": "H10",
    "description": "TV fiction, 52 minutes",
    "regime": {"credit": "credit_impot_audiovisuel", "genre": "fiction", "rate": 0.25},
    "inputs": {
        "minutes_produced_delivered": 52,
        "production_cost_eur": 1300000,
        "eligible_expenses_eur": 800000,
    },
    "expected": {"credit_eur": 200000.0, "tax_credit_eur": 200000.0},
}


def read(document: Any, name: str = "case.json") -> Any:
    return read_case(json.dumps(document).encode(), name)


def with_inputs(**changes: Any) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(json.dumps(H10))
    for key, value in changes.items():
        if value is None:
            document["inputs"].pop(key, None)
        else:
            document["inputs"][key] = value
    return document


def test_a_case_is_read_into_exact_values() -> None:
    parsed = read(H10)
    assert (parsed.credit, parsed.genre) == (Credit.AUDIOVISUAL, Genre.FICTION)
    assert parsed.case_id == "H10"
    assert parsed.inputs.minutes == Decimal(52)
    assert parsed.eligible_expenses == Decimal(800000)
    assert parsed.expected_names == ("credit_eur", "tax_credit_eur")
    case = parsed.case(dt.date(2026, 1, 2))
    assert case.on == dt.date(2026, 1, 2)
    decimal = read(with_inputs(eligible_expenses_eur=0.1)).eligible_expenses
    assert decimal == Decimal("0.1")  # never through float


def test_other_spellings_percentages_and_dates() -> None:
    document = {
        "regime": {"credit": "Crédit d'impôt international", "genre": "Fiction"},
        "date": "2025-03-01",
        "inputs": {
            "budget_eur": "2 000 000",
            "eligible_spend_eur": 900000,
            "digitally_processed_shots_share_pct": 20,
            "shooting_days": 12,
            "language": "fr",
            "vendor_note": "kept aside",
        },
    }
    parsed = read(document)
    assert parsed.credit is Credit.INTERNATIONAL
    assert parsed.inputs.production_cost == Decimal(2000000)
    assert parsed.inputs.digital_shots_share == Decimal("0.2")
    assert parsed.inputs.shooting_days_france == 12
    assert parsed.inputs.french_language is True
    assert parsed.on == dt.date(2025, 3, 1)
    assert parsed.ignored == ("vendor_note",)


@pytest.mark.parametrize(
    ("document", "path"),
    [
        (with_inputs(minutes_produced_delivered=None), "$.inputs.minutes_produced_delivered"),
        (with_inputs(production_cost_eur=None), "$.inputs.production_cost_eur"),
        (with_inputs(eligible_expenses_eur=None), "$.inputs.eligible_expenses_eur"),
        (with_inputs(minutes_produced_delivered="beaucoup"), "$.inputs.minutes_produced_delivered"),
        (with_inputs(production_cost_eur=True), "$.inputs.production_cost_eur"),
        (with_inputs(eligible_expenses_eur=-5), "$.inputs.eligible_expenses_eur"),
        (with_inputs(difficult_work="yes"), "$.inputs.difficult_work"),
        ({"inputs": {}}, "$.regime"),
        ({"regime": {"genre": "fiction"}, "inputs": {}}, "$.regime.credit"),
        ({"regime": {"credit": "audiovisual"}, "inputs": {}}, "$.regime.genre"),
        ({"regime": {"credit": "cinema"}}, "$.inputs"),
        ({"regime": "cinema", "inputs": {}}, "$.regime"),
        (
            with_inputs(spend_lines=[{"account": "23", "amount_eur": 1}, {"account": "23"}]),
            "$.inputs.spend_lines[1].amount_eur",
        ),
        (
            with_inputs(spend_lines=[{"account": "23", "amount_eur": 1, "category": "lunch"}]),
            "$.inputs.spend_lines[0].category",
        ),
        (with_inputs(coproducers=[{"name": "A"}]), "$.inputs.coproducers[0].eligible_expenses_eur"),
    ],
)
def test_refusals_name_the_file_and_the_json_path(document: Any, path: str) -> None:
    with pytest.raises(InputError) as refused:
        read(document, "mon-cas.json")
    assert f"mon-cas.json, {path}" in str(refused.value)


def test_an_unknown_regime_lists_the_known_ones() -> None:
    document = json.loads(json.dumps(H10))
    document["regime"]["credit"] = "credit_impot_jeu_video"
    with pytest.raises(InputError) as refused:
        read(document)
    message = str(refused.value)
    assert "credit_impot_jeu_video" in message
    for known in ("credit_impot_audiovisuel", "credit_impot_cinema", "credit_impot_international"):
        assert known in message
    document["regime"] = {"credit": "cinema", "genre": "western"}
    with pytest.raises(InputError, match="documentary"):
        read(document)


def test_not_json_is_a_parse_error_with_its_line() -> None:
    with pytest.raises(ParseError) as refused:
        read_case(b'{\n "regime": {\n', "broken.json")
    assert "broken.json, line" in str(refused.value)
    with pytest.raises(ParseError, match="empty"):
        read_case(b"", "empty.json")
    with pytest.raises(InputError, match="JSON object"):
        read_case(b"[1, 2]", "list.json")


def test_spend_lines_instead_of_a_total() -> None:
    document = with_inputs(
        eligible_expenses_eur=None,
        spend_lines=[
            {"ref": "L1", "account": 23, "amount_eur": 500000, "payee_residence": "fr"},
            {"ref": "L2", "category": "technical_means", "amount": "300000", "country": "FR"},
            {"ref": "L3", "account": "71", "amount_eur": 1000, "country": "BE"},
        ],
    )
    parsed = read(document)
    assert parsed.eligible_expenses is None
    assert [line.ref for line in parsed.spend_lines] == ["L1", "L2", "L3"]
    assert parsed.spend_lines[0].account == "23"
    assert parsed.spend_lines[0].payee_residence == "FR"
    assert parsed.spend_lines[1].category is SpendCategory.TECHNICAL_MEANS
    case = parsed.case(dt.date(2026, 6, 1), Decimal(800000))
    assert case.inputs.eligible_expenses == Decimal(800000)


def test_result_fields_answer_the_expected_names() -> None:
    parsed = read(H10)
    result = compute(parsed.case(dt.date(2026, 6, 1)), load_pack(Credit.AUDIOVISUAL))
    fields = result_fields(result, parsed.expected_names)
    assert fields["credit_eur"] == fields["tax_credit_eur"] == Decimal(200000)
    assert fields["per_minute_cap_eur"] == Decimal(4000)
    assert "unknown_name" not in result_fields(result, ("unknown_name",))
