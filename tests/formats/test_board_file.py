# SPDX-License-Identifier: AGPL-3.0-or-later
"""A stripboard as a file (regie.formats.board_file): CSV with French or English headers,
the JSON of `regie board show --json`, what the writer writes reads back, and every
malformed file is refused naming the file and the line or field."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regie.core.errors import ParseError
from regie.formats.board_file import BoardFile, read_board_file, write_board_csv


def _layout(found: BoardFile) -> list[tuple[int, str | None, list[tuple[str, bool]]]]:
    return [(d.number, d.kind, [(s.scene, s.locked) for s in d.strips]) for d in found.days]


def test_french_csv_with_semicolons_kinds_locks_and_the_pool() -> None:
    data = (
        "Jour;Séquence;Verrouillée;Type\r\n"
        "1;12;oui;nuit\r\n"
        "1;5;;\r\n"
        "3;6A;non;jour\r\n"
        ";7;;\r\n"
        "\r\n"
        "0;8;;\r\n"
    ).encode()
    found = read_board_file(data, "plan.csv")
    assert _layout(found) == [
        (1, "night", [("12", True), ("5", False)]),
        (3, "day", [("6A", False)]),
    ]
    assert [(s.scene, s.line) for s in found.unscheduled] == [("7", 5), ("8", 7)]
    assert found.days[0].strips[1].line == 3  # every strip knows its line, for messages


def test_english_csv_with_commas_a_bom_and_windows_1252() -> None:
    found = read_board_file("\ufeffday,scene\n2,1\n2,3\n".encode(), "board.csv")
    assert _layout(found) == [(2, None, [("1", False), ("3", False)])]
    latin = read_board_file("jour;séquence;type\n1;4;nuit\n".encode("cp1252"), "excel.csv")
    assert _layout(latin) == [(1, "night", [("4", False)])]


def test_the_json_of_board_show() -> None:
    shown = {
        "id": 2,
        "name": "Optimisé",
        "days": [
            {"number": 1, "kind": "night", "strips": [{"scene": "12", "locked": True}]},
            {"number": 2, "kind": "day", "strips": [{"scene": 5}, {"scene": "6A"}]},
        ],
        "unscheduled": [{"scene": "9"}],
        "cost": {"total": "1700"},
    }
    found = read_board_file(json.dumps(shown).encode(), "plan.json")
    assert _layout(found) == [
        (1, "night", [("12", True)]),
        (2, "day", [("5", False), ("6A", False)]),
    ]
    assert [s.scene for s in found.unscheduled] == ["9"]


labels = st.from_regex(r"[1-9][0-9]{0,2}[A-D]?", fullmatch=True)


@given(
    st.lists(
        st.tuples(st.sampled_from(["day", "night"]), st.lists(st.tuples(labels, st.booleans()))),
        max_size=6,
    ),
    st.lists(labels, max_size=4),
)
def test_what_is_written_reads_back(
    days: list[tuple[str, list[tuple[str, bool]]]], pool: list[str]
) -> None:
    rows = [(n, f"2027-03-{n:02d}", kind, strips) for n, (kind, strips) in enumerate(days, 1)]
    found = read_board_file(write_board_csv(rows, pool), "plan.csv")
    assert _layout(found) == [(n, kind, strips) for n, _d, kind, strips in rows if strips]
    assert [s.scene for s in found.unscheduled] == pool


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"", "the file is empty", None),
        (b"\x00\x01PK", "not a board file", None),
        (b"\n1;2\n", "no header row", 1),
        (b"jour;lieu\n1;Port\n", "no 'scene' column", 1),
        (b"scene\n3\n", "no 'day' column", 1),
        (b"day;scene\nlundi;3\n", "'lundi' is not a shoot day number", 2),
        (b"day;scene;locked\n1;3;peut-etre\n", "'peut-etre' is not yes or no", 2),
        (b"day;scene;kind\n1;3;soir\n", "'soir' is not a kind of day", 2),
        (b"day;scene;kind\n1;3;day\n1;4;night\n", "day 1 is given as both", 3),
        (b"day;scene\n1;\n", "the row has no scene", 2),
        (b'{"days": [', "not valid JSON", 1),
        (b'{"name": "x"}', "field 'days' is missing", None),
        (b'{"days": {}}', "field 'days' must be a list", None),
        (b'{"days": [{"number": 0}]}', "field 'days[0].number' must be a day number", None),
        (b'{"days": [{"strips": [{"scene": ""}]}]}', "'days[0].strips[0].scene' must be", None),
        (b'{"days": [{"strips": ["3"]}]}', "'days[0].strips[0]' must be an object", None),
        (b'[{"day": 1}]', "field '(document)' must be an object", None),
    ],
)
def test_malformed_files_are_refused_with_file_and_line(
    data: bytes, message: str, line: int | None
) -> None:
    with pytest.raises(ParseError, match=re.escape(message)) as caught:
        read_board_file(data, "plan.csv")
    assert caught.value.file == "plan.csv"
    assert caught.value.line == line
