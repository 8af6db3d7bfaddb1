# SPDX-License-Identifier: AGPL-3.0-or-later
"""The FEC reader: the shipped demo reads clean; every kind of broken file is refused with
each problem on its line (and column, and byte offset for encodings), nothing imported."""

from __future__ import annotations

import io
from decimal import Decimal
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regie.core.text import t
from regie.formats import fec
from regie.formats.fec import FecError, FecReport, check_fec, fec_format, load_fec_format, read_fec
from regie.rules.pack import parse_pack

FMT = load_fec_format()
HEADER = list(FMT.columns)


def row(
    entry: str,
    account: str,
    debit: str,
    credit: str,
    *,
    day: str = "20260309",
    label: str = "Location caméra",
    journal: str = "AC",
) -> list[str]:
    return [journal, "Journal des achats", entry, day, account, "Compte", "", "", "P1", day,
            label, debit, credit, "", "", day, "", ""]  # fmt: skip


def fec_bytes(
    rows: list[list[str]],
    *,
    header: list[str] | None = None,
    sep: str = "\t",
    eol: str = "\r\n",
    encoding: str = "utf-8",
) -> bytes:
    lines = [sep.join(header or HEADER)] + [sep.join(r) for r in rows]
    return (eol.join(lines) + eol).encode(encoding)


def check(data: bytes, name: str = "123456789FEC20261231.txt", **kwargs: int) -> FecReport:
    return check_fec(io.BytesIO(data), filename=name, fmt=FMT, **kwargs)


GOOD = [
    row("AC0001", "613500", "6250,00", "0,00"),
    row("AC0001", "445660", "1250,00", "0,00"),
    row("AC0001", "401000", "0,00", "7500,00"),
    row("BQ0001", "401000", "7500,00", "0,00", journal="BQ", day="20260320"),
    row("BQ0001", "512000", "0,00", "7500,00", journal="BQ", day="20260320"),
]


def test_a_clean_file_is_read_with_its_totals() -> None:
    report = check(fec_bytes(GOOD))
    assert report.valid, [str(i.message) for i in report.issues]
    assert (report.lines, report.entries, report.journals) == (5, 2, ("AC", "BQ"))
    assert report.total_debit == report.total_credit == Decimal("15000.00")
    assert report.balanced is True
    assert report.encoding == "UTF-8"
    assert report.separator == "\t"
    assert report.ledger is not None
    first = report.ledger.entries[0]
    assert (first.account, first.debit, first.line) == ("613500", Decimal("6250.00"), 2)
    assert first.date.isoformat() == "2026-03-09"
    assert report.warnings == (t("no analytic column: lines map to the devis by account only"),)


def test_the_shipped_demo_fec_is_valid_and_sums_like_its_columns() -> None:
    data = resources.files("regie.demo").joinpath("demo.fec").read_bytes()
    report = check(data, name="demo.fec")
    assert report.valid, [str(i.message) for i in report.issues]
    assert report.encoding == "ISO-8859-15"  # the legal character set
    lines = data.decode("iso-8859-15").splitlines()
    fields = [line.split("\t") for line in lines[1:]]
    assert report.lines == len(fields)
    assert report.entries == len({(f[0], f[2]) for f in fields})
    debit = sum(Decimal(f[11].replace(",", ".")) for f in fields)
    assert report.total_debit == debit == report.total_credit
    assert report.analytic_column == "CodeAnalytique"
    assert report.ledger is not None
    assert any("é" in e.account_label for e in report.ledger.entries)
    assert 40 <= report.entries <= 80


def test_wrong_header_names_the_column_and_imports_nothing() -> None:
    header = [*HEADER]
    header[4] = "Compte"
    data = fec_bytes(GOOD, header=header)
    report = check(data)
    assert [(i.line, i.column) for i in report.issues] == [(1, "CompteNum")]
    assert "'Compte'" in str(report.issues[0].message)
    assert report.ledger is None
    with pytest.raises(FecError) as caught:
        read_fec(io.BytesIO(data), filename="x.txt", fmt=FMT)
    assert caught.value.line == 1
    assert "nothing was imported" in str(caught.value)


def test_a_header_with_missing_columns_lists_them() -> None:
    report = check(fec_bytes([], header=HEADER[:16]))
    assert report.issues[0].line == 1
    assert "Montantdevise, Idevise" in str(report.issues[0].message)


def test_header_names_are_compared_without_case_and_extra_columns_follow() -> None:
    header = [c.upper() for c in HEADER] + ["CodeEtablissement", "codeanalytique"]
    rows = [[*r, "SIEGE", "71"] for r in GOOD]
    report = check(fec_bytes(rows, header=header, sep="|"))
    assert report.valid
    assert report.separator == "|"
    assert report.analytic_column == "codeanalytique"
    assert report.ledger is not None
    assert report.ledger.entries[0].analytic == "71"


def test_a_line_with_the_wrong_number_of_fields_is_named() -> None:
    rows = [*GOOD]
    rows[2] = rows[2][:17]  # line 4: a field short
    report = check(fec_bytes(rows))
    assert [(i.line, i.column) for i in report.issues] == [(4, None)]
    assert "17 fields, the header has 18" in str(report.issues[0].message)
    assert report.balanced is None  # its entry cannot be judged: no second, misleading error


def test_bytes_that_are_not_iso_8859_15_text_are_refused_with_their_offset() -> None:
    rows = [*GOOD]
    rows[0] = row("AC0001", "613500", "6250,00", "0,00", label="Caméra ’A’")
    data = fec_bytes(rows, encoding="cp1252")  # é is 0xE9, ’ is 0x92 in Windows-1252
    report = check(data)
    [issue] = report.issues
    assert issue.line == 2
    assert issue.offset == data.index(b"\x92")
    assert "0x92" in str(issue.message)
    assert "Windows-1252" in str(issue.message)
    assert report.ledger is None


def test_a_latin_byte_in_a_utf8_file_is_refused_with_its_offset() -> None:
    rows = [*GOOD]
    rows[0] = row("AC0001", "613500", "6250,00", "0,00", label="Caméra")  # UTF-8: sets it
    rows[3] = row("BQ0001", "401000", "7500,00", "0,00", journal="BQ", label="Réglé")
    data = fec_bytes(rows[:3]) + "\t".join(rows[3]).encode("latin-1") + b"\r\n"
    report = check(data)
    [issue] = report.issues
    assert issue.line == 5
    assert issue.offset == data.index(b"R\xe9gl") + 1
    assert "not UTF-8" in str(issue.message)


def test_a_utf8_line_in_an_iso_8859_15_file_is_refused() -> None:
    first = fec_bytes(GOOD[:3], encoding="iso-8859-15").replace(b"Location cam", b"Location \xe9")
    tail = "\t".join(row("BQ0002", "512000", "0,00", "0,00", label="Réglé")).encode() + b"\r\n"
    report = check(first + tail)
    assert [i.line for i in report.issues] == [5]
    assert "UTF-8 while the lines before are ISO 8859-15" in str(report.issues[0].message)


def test_utf16_and_binary_files_stop_at_once() -> None:
    report = check(fec_bytes(GOOD, encoding="utf-16"))
    assert [(i.line, i.offset) for i in report.issues] == [(1, 0)]
    assert "UTF-16" in str(report.issues[0].message)
    zipped = check(b"PK\x03\x04\x00\x00garbage\n")
    assert zipped.issue_count == 1
    assert "not text" in str(zipped.issues[0].message)


def test_an_unbalanced_entry_is_reported_on_its_first_line() -> None:
    rows = [*GOOD]
    rows[2] = row("AC0001", "401000", "0,00", "7400,00")
    report = check(fec_bytes(rows))
    [issue] = report.issues
    assert (issue.line, issue.column) == (2, "EcritureNum")
    message = str(issue.message)
    assert "AC0001" in message
    assert "7500.00" in message
    assert "7400.00" in message
    assert "lines 2–4" in message
    assert report.balanced is False
    assert report.unbalanced_entries == 1


def test_an_entry_has_one_date() -> None:
    rows = [*GOOD]
    rows[1] = row("AC0001", "445660", "1250,00", "0,00", day="20260310")
    report = check(fec_bytes(rows))
    assert [(i.line, i.column) for i in report.issues] == [(3, "EcritureDate")]


@pytest.mark.parametrize("bad", ["20260231", "2026-03-09", "2026039", "202603091"])
def test_a_bad_date_is_named_with_its_column(bad: str) -> None:
    rows = [*GOOD]
    rows[0] = [*rows[0]]
    rows[0][9] = bad  # PieceDate
    report = check(fec_bytes(rows))
    assert [(i.line, i.column) for i in report.issues] == [(2, "PieceDate")]
    assert bad in str(report.issues[0].message)


@pytest.mark.parametrize(
    ("amount", "says"),
    [("6250.00", "point as decimal mark"), ("6 250,00", "thousands separator"),
     ("six mille", "is not an amount"), ("", "mandatory")],
)  # fmt: skip
def test_a_bad_amount_is_named_with_its_column(amount: str, says: str) -> None:
    rows = [*GOOD]
    rows[0] = row("AC0001", "613500", amount, "0,00")
    report = check(fec_bytes(rows))
    assert [(i.line, i.column) for i in report.issues] == [(2, "Debit")]
    assert says in str(report.issues[0].message)


def test_every_error_is_reported_with_its_line_up_to_the_limit() -> None:
    rows = [*GOOD]
    rows[0] = row("AC0001", "613500", "6250.00", "0,00")  # line 2: decimal point
    rows[1] = row("AC0001", "", "1250,00", "0,00")  # line 3: CompteNum empty
    rows[3] = row("BQ0001", "401000", "7500,00", "0,00", journal="BQ", day="20261301")  # line 5
    rows.append(row("OD0001", "471000", "10,00", "0,00", journal="OD"))  # line 7: unbalanced
    report = check(fec_bytes(rows))
    assert [(i.line, i.column) for i in report.issues] == [
        (2, "Debit"), (3, "CompteNum"), (5, "EcritureDate"), (5, "PieceDate"),
        (5, "ValidDate"), (7, "EcritureNum"),
    ]  # fmt: skip
    assert report.issue_count == 6
    limited = check(fec_bytes(rows), max_errors=2)
    assert [i.line for i in limited.issues] == [2, 3]
    assert limited.issue_count == 6


def test_records_end_with_cr_lf_or_cr_even_across_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fec, "_CHUNK", 7)  # CR and LF fall in different chunks
    for eol in ("\r\n", "\r", "\n"):
        report = check(fec_bytes(GOOD, eol=eol))
        assert report.valid, eol
        assert report.lines == len(GOOD), eol
        assert report.ledger is not None
        assert [e.line for e in report.ledger.entries] == [2, 3, 4, 5, 6]


def test_a_pack_can_accept_a_point_as_decimal_mark() -> None:
    text = resources.files("regie.rules").joinpath("packs", "fec-format.yaml").read_text("utf-8")
    text = text.replace('value: [","]', 'value: [",", "."]').replace('"2026.1"', '"2026.9"')
    lenient = fec_format(parse_pack(text, path="fec-format.yaml"))
    rows = [row("AC0001", "613500", "10.50", "0,00"), row("AC0001", "401000", "0", "10,5")]
    report = check_fec(io.BytesIO(fec_bytes(rows)), filename="x.txt", fmt=lenient)
    assert report.valid
    assert report.total_debit == Decimal("10.50")


def test_a_file_name_not_in_the_legal_form_gets_a_warning() -> None:
    report = check(fec_bytes(GOOD), name="export.txt")
    assert any("export.txt" in str(w) for w in report.warnings)


amounts = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(amounts, min_size=1, max_size=4), min_size=1, max_size=12))
def test_balanced_entries_read_back_to_their_totals(entries: list[list[Decimal]]) -> None:
    rows = []
    for n, debits in enumerate(entries, start=1):
        for amount in debits:
            rows.append(row(f"OD{n}", "606300", str(amount).replace(".", ","), "0,00"))
        rows.append(row(f"OD{n}", "401000", "0,00", str(sum(debits)).replace(".", ",")))
    report = check(fec_bytes(rows))
    assert report.valid
    assert report.balanced
    assert report.total_debit == sum(sum(d) for d in entries) == report.total_credit
    assert report.ledger is not None
    assert report.ledger.entry_count == len(entries)


def test_a_utf8_byte_order_mark_and_the_euro_sign_of_iso_8859_15() -> None:
    bom = check(b"\xef\xbb\xbf" + fec_bytes(GOOD))
    assert bom.valid
    assert bom.encoding == "UTF-8"
    euro = [*GOOD]
    euro[0] = row("AC0001", "613500", "6250,00", "0,00", label="Caméra 6250 €")
    latin9 = check(fec_bytes(euro, encoding="iso-8859-15"))
    assert latin9.valid
    assert latin9.ledger is not None
    assert latin9.ledger.entries[0].label == "Caméra 6250 €"


def test_an_empty_file_and_a_header_only_file() -> None:
    assert [str(i.message) for i in check(b"").issues] == ["the file is empty"]
    header_only = check(fec_bytes([]))
    assert header_only.valid
    assert header_only.lines == 0
