# SPDX-License-Identifier: AGPL-3.0-or-later
"""Financing plans as YAML or JSON files: read exactly (no float on the way), refused
with the file, line and field when wrong."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from regie.core.errors import InputError, ParseError
from regie.finance.aid import Genre, WorkKind
from regie.finance.financing import SourceKind, SourceStatus
from regie.formats.financing_plan import read_plan

PLAN = """\
title: Le Dernier Bac — plan de financement
budget_total: "1 480 000,00"
work:
  kind: audiovisual
  genre: fiction
  minutes: 52
  french_share: 0.85
sources:
  - id: equity
    kind: producer_equity
    partner: Les Films du Passeur
    amount: 80000
    status: paid
  - id: region-normandie
    kind: region
    partner: Région Normandie
    region: Normandie
    amount: 200000.10
    status: requested
    spend_factor: 1.5
  - id: copro
    kind: coproduction
    partner: Ville de Rouen
    amount: "90 000,50"
    public: true
scenarios:
  - id: region-refuses
    title: Si la région refuse
    remove: [region-normandie]
    amounts: {copro: "45000"}
spend:
  - {account: "52", amount: "120000", region: Normandie}
  - {account: "20", amount: 30000.25}
"""


def test_a_yaml_plan_is_read_exactly() -> None:
    read = read_plan(PLAN.encode(), "plan.yaml")
    plan = read.plan
    assert plan.title.startswith("Le Dernier Bac")
    assert read.budget_total == Decimal("1480000.00")
    assert [s.id for s in plan.sources] == ["equity", "region-normandie", "copro"]
    region = plan.sources[1]
    assert region.kind is SourceKind.REGION
    assert region.amount == Decimal("200000.10")  # not 200000.1000000000058…
    assert region.spend_factor == Decimal("1.5")
    assert region.status is SourceStatus.REQUESTED
    assert plan.sources[0].status is SourceStatus.PAID
    assert plan.sources[2].amount == Decimal("90000.50")
    assert plan.sources[2].public is True
    assert plan.scenarios[0].remove == ("region-normandie",)
    assert plan.scenarios[0].amounts == {"copro": Decimal("45000")}
    assert read.profile.kind is WorkKind.AUDIOVISUAL
    assert read.profile.genre is Genre.FICTION
    assert read.profile.minutes == 52
    assert read.profile.french_share == Decimal("0.85")
    assert [(s.account, s.amount, s.region) for s in read.spend] == [
        ("52", Decimal("120000"), "Normandie"),
        ("20", Decimal("30000.25"), ""),
    ]


def test_a_json_plan_reads_the_same() -> None:
    doc = {
        "sources": [
            {"id": "cnc", "kind": "cnc_selective", "amount": 150000.10, "status": "granted"},
            {"id": "credit", "kind": "tax_credit", "amount": "60000"},
        ],
        "work": {"kind": "cinema", "film_rank": 1},
    }
    read = read_plan(json.dumps(doc).encode(), "plan.json")
    assert read.plan.sources[0].amount == Decimal("150000.10")
    assert read.plan.sources[1].status is SourceStatus.PLANNED
    assert read.profile.kind is WorkKind.CINEMA
    assert read.profile.film_rank == 1
    assert read.budget_total is None


@pytest.mark.parametrize(
    ("change", "line", "says"),
    [
        (("kind: region", "kind: regional"), 15, "'regional' is not one of"),
        (("status: paid", "status: sent"), 13, "'sent' is not one of"),
        (("    amount: 80000\n", ""), 9, "None is not an amount"),  # the source's first line
        (('amount: "90 000,50"', 'amount: "quatre-vingt"'), 24, "'quatre-vingt' is not a number"),
        (("minutes: 52", "minutes: 52.5"), 6, "'minutes' must be a whole number"),
        (("french_share: 0.85", "french_share: 1.2"), 7, "more than 0 and at most 1"),
        (("remove: [region-normandie]", "remove: [nope]"), 26, "names source 'nope'"),
        (("public: true", "public: maybe"), 25, "'public' must be true or false"),
        (("  - id: copro", "  - id: equity"), 8, "two sources are named 'equity'"),
    ],
)  # fmt: skip
def test_errors_name_the_file_line_and_field(change: tuple[str, str], line: int, says: str) -> None:
    old, new = change
    assert old in PLAN
    with pytest.raises(InputError) as caught:
        read_plan(PLAN.replace(old, new).encode(), "plan.yaml")
    message = str(caught.value)
    assert says in message
    assert f"plan.yaml, line {line}" in message


def test_broken_files_are_refused_with_their_line() -> None:
    with pytest.raises(ParseError, match="line 3") as caught:
        read_plan(b"sources:\n  - id: a\n  kind: [\n", "plan.yaml")
    assert caught.value.line == 3
    with pytest.raises(ParseError, match="not valid JSON"):
        read_plan(b'{"sources": [', "plan.json")
    with pytest.raises(ParseError, match="empty"):
        read_plan(b"  \n", "plan.yaml")
    with pytest.raises(ParseError, match="not UTF-8"):
        read_plan("title: é\n".encode("latin-1"), "plan.yaml")
    with pytest.raises(ParseError, match="mapping with 'sources'"):
        read_plan(b"- a\n- b\n", "plan.yaml")
    with pytest.raises(InputError, match="has no sources"):
        read_plan(b"title: vide\n", "plan.yaml")
    with pytest.raises(InputError, match="'kind' is missing"):
        read_plan(b"sources:\n  - {id: a, amount: 1}\n", "plan.yaml")
