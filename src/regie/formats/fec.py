# SPDX-License-Identifier: AGPL-3.0-or-later
"""The French FEC (fichier des écritures comptables) read and checked, line by line.

The format's data — the 18 columns and their order, mandatory, date and amount columns,
separators, decimal marks, character sets, analytic column names, legal file name — comes
from the ``fec-format`` rule pack (:class:`FecFormat`), so a production can load a pack
for its accountant's export.

:func:`check_fec` streams the file (64 KiB at a time, any size) and returns a
:class:`FecReport`: line and entry counts, totals, balance and *every* problem found, each
a :class:`FecIssue` with its line, its column and, for bytes that are not text in the
file's encoding, their byte offset — the first ``max_errors`` of them in line order and the
total count. :func:`read_fec` is the import: the :class:`~regie.finance.ledger.Ledger` when
the file is clean, else a :class:`FecError` — nothing half-imported.

Checks: the header names the 18 columns in order (case aside; more may follow); one
separator (tab or ``|``, read off the header); every line has the header's number of
fields; records end with CR, LF or CR LF; one encoding for the whole file — UTF-8 (with or
without byte-order mark) or ISO 8859-15, decided by the first line that is not ASCII; a
byte of the C1 control range in an ISO 8859-15 file (Windows-1252 punctuation, typically)
is refused with its offset; mandatory fields filled; dates real (``AAAAMMJJ``); amounts
with the decimal comma and no thousands separator; each entry (journal + EcritureNum)
balanced and on one date; debit and credit totals equal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO, Final

from regie.core.errors import ParseError
from regie.core.text import Text, t
from regie.finance.ledger import Ledger, LedgerEntry
from regie.rules.pack import RulePack
from regie.rules.registry import pack

PACK_ID: Final = "fec-format"
ZERO: Final = Decimal(0)
DEFAULT_MAX_ERRORS: Final = 100


@dataclass(frozen=True, slots=True)
class FecFormat:
    """What a FEC must look like, from the ``fec-format`` pack."""

    ref: str
    columns: tuple[str, ...]
    required: frozenset[str]
    dates: frozenset[str]
    amounts: frozenset[str]
    date_format: str
    separators: tuple[str, ...]
    decimal_marks: tuple[str, ...]
    charsets: frozenset[str]  # lower case: "iso-8859-15", "ascii", "utf-8"
    analytic_columns: tuple[str, ...]
    file_name: str  # a regular expression


def fec_format(source: RulePack) -> FecFormat:
    def strings(key: str) -> tuple[str, ...]:
        raw = source.value(key, dt.date.min).value
        return tuple(str(v) for v in (raw if isinstance(raw, list) else [raw]))

    return FecFormat(
        ref=source.ref,
        columns=strings("columns"),
        required=frozenset(strings("required_columns")),
        dates=frozenset(strings("date_columns")),
        amounts=frozenset(strings("amount_columns")),
        date_format=strings("date_format")[0],
        separators=strings("separators"),
        decimal_marks=strings("decimal_marks"),
        charsets=frozenset(c.lower() for c in strings("charsets") + strings("charsets_tolerated")),
        analytic_columns=strings("analytic_columns"),
        file_name=strings("file_name")[0],
    )


def load_fec_format(extra_dirs: tuple[Path, ...] = ()) -> FecFormat:
    """The format of the newest ``fec-format`` pack (shipped, or in ``extra_dirs``)."""
    return fec_format(pack(PACK_ID, extra_dirs=extra_dirs))


@dataclass(frozen=True, slots=True)
class FecIssue:
    """One problem: its line (1 = the header), its column, its byte offset for encoding
    problems, what is wrong and, where useful, what to do."""

    line: int
    message: Text
    column: str | None = None
    offset: int | None = None
    hint: Text | None = None


@dataclass(frozen=True, slots=True)
class FecReport:
    file: str
    format_ref: str  # "fec-format@2026.1"
    encoding: str | None  # "UTF-8", "ISO-8859-15" or "ASCII"
    separator: str | None
    columns: tuple[str, ...]  # the header as read
    analytic_column: str | None
    lines: int  # data lines read (the header and blank lines aside)
    entries: int  # écritures: distinct journal + EcritureNum
    journals: tuple[str, ...]
    total_debit: Decimal
    total_credit: Decimal
    unbalanced_entries: int
    unreadable_entries: int  # entries with a line that could not be read: balance unknown
    issues: tuple[FecIssue, ...]  # the first max_errors, in line order
    issue_count: int  # all of them
    warnings: tuple[Text, ...] = ()
    ledger: Ledger | None = field(default=None, repr=False)  # only when valid

    @property
    def valid(self) -> bool:
        return self.issue_count == 0

    @property
    def balanced(self) -> bool | None:
        """``None`` when some lines could not be read (their amounts are not known)."""
        if self.unreadable_entries:
            return None
        return self.unbalanced_entries == 0 and self.total_debit == self.total_credit


class FecError(ParseError):
    """A FEC that cannot be imported; ``issues`` holds the first of its problems."""

    def __init__(self, report: FecReport) -> None:
        self.report = report
        self.issues = report.issues
        first = report.issues[0] if report.issues else None
        super().__init__(
            t(
                "the FEC has {count} error(s), the first: {first}; nothing was imported",
                count=report.issue_count,
                first=first.message if first else "",
            ),
            file=report.file,
            line=first.line if first else None,
            hint=t("Run `regie fec check` on the file to see every error with its line"),
        )


def read_fec(
    stream: BinaryIO, *, filename: str, fmt: FecFormat, max_errors: int = DEFAULT_MAX_ERRORS
) -> Ledger:
    """The ledger of a clean FEC; :class:`FecError` (a ``ParseError``) otherwise."""
    report = check_fec(stream, filename=filename, fmt=fmt, max_errors=max_errors)
    if report.ledger is None:
        raise FecError(report)
    return report.ledger


def check_fec(
    stream: BinaryIO, *, filename: str, fmt: FecFormat, max_errors: int = DEFAULT_MAX_ERRORS
) -> FecReport:
    """Read the whole file and report on it (see the module docstring for the checks)."""
    reader = _Reader(fmt, max_errors)
    reader.run(stream)
    return reader.report(filename)


# -- the reader ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Entry:
    """Running totals of one écriture while the file streams by."""

    first_line: int
    last_line: int
    date: dt.date | None
    debit: Decimal = ZERO
    credit: Decimal = ZERO
    broken: bool = False  # a line of it could not be read: its balance is not judged


class _Reader:
    def __init__(self, fmt: FecFormat, max_errors: int) -> None:
        self.fmt = fmt
        self.max_errors = max(1, max_errors)
        self.decoder = _Decoder(fmt.charsets)
        self.issues: list[FecIssue] = []
        self.issue_count = 0
        self.separator = ""  # read off the header
        self.header: tuple[str, ...] = ()
        self.analytic_index: int | None = None
        self.lines = 0
        self.entries: dict[tuple[str, str], _Entry] = {}
        self.total_debit = ZERO
        self.total_credit = ZERO
        self.ledger: list[LedgerEntry] = []
        self.days: dict[str, dt.date | None] = {}
        marks = "".join(re.escape(m) for m in fmt.decimal_marks)
        self.amount_re = re.compile(rf"[+-]?\d+(?:[{marks}]\d+)?" if marks else r"[+-]?\d+")

    def issue(self, issue: FecIssue) -> None:
        self.issue_count += 1
        if len(self.issues) < self.max_errors:
            self.issues.append(issue)

    def run(self, stream: BinaryIO) -> None:
        for number, offset, raw in records(stream):
            text = self.decoder.decode(raw, line=number, offset=offset)
            if isinstance(text, _Undecodable):
                self.issue(FecIssue(number, text.message, None, text.offset, text.hint))
                if text.fatal or number == 1:
                    return  # nothing after it, or no header to read the rest with
                self._broken_line(number, raw)
                continue
            if number == 1:
                if not self._header(text.lstrip("\ufeff")):
                    return
                continue
            if not text.strip():
                continue  # a blank line (the last one, usually)
            self.lines += 1
            self._line(number, text)
        if not self.header and not self.issue_count:
            self.issue(FecIssue(1, t("the file is empty"), hint=_EXPORT_HINT))

    # -- header ----------------------------------------------------------------------------

    def _header(self, text: str) -> bool:
        counts = {sep: text.count(sep) for sep in self.fmt.separators}
        separator = max(counts, key=lambda s: counts[s]) if counts else ""
        if not separator or counts[separator] == 0:
            self.issue(
                FecIssue(
                    1,
                    t("the header row has no field separator ({separators})",
                      separators=" ".join(_shown(s) for s in self.fmt.separators)),
                    hint=t("The first row names the 18 columns of the FEC, separated by "
                           "tabs or by |"),
                )
            )  # fmt: skip
            return False
        names = tuple(name.strip() for name in text.split(separator))
        expected = self.fmt.columns
        if len(names) < len(expected):
            missing = [c for c in expected if c.lower() not in {n.lower() for n in names}]
            self.issue(
                FecIssue(
                    1,
                    t("the header has {found} columns, a FEC has {expected}; missing: {missing}",
                      found=len(names), expected=len(expected),
                      missing=", ".join(missing) or "—"),
                    hint=_HEADER_HINT,
                )
            )  # fmt: skip
        for position, (found, wanted) in enumerate(zip(names, expected, strict=False), 1):
            if found.lower() != wanted.lower():
                self.issue(
                    FecIssue(
                        1,
                        t("column {position} is '{found}', expected '{expected}'",
                          position=position, found=found, expected=wanted),
                        column=wanted,
                        hint=_HEADER_HINT,
                    )
                )  # fmt: skip
        if self.issue_count:
            return False
        self.separator = separator
        self.header = names
        extra = {n.lower(): i for i, n in enumerate(names) if i >= len(expected)}
        self.analytic_index = next(
            (extra[c.lower()] for c in self.fmt.analytic_columns if c.lower() in extra), None
        )
        return True

    # -- data lines ------------------------------------------------------------------------

    def _broken_line(self, number: int, raw: bytes) -> None:
        """A line that could not be decoded still belongs to an entry: mark it, so that the
        entry's balance is not reported as a second, misleading error."""
        self.lines += 1
        if not self.separator:
            return
        parts = raw.split(self.separator.encode("ascii"))
        if len(parts) > 2:
            self._entry(_ascii(parts[0]), _ascii(parts[2]), number, None).broken = True

    def _line(self, number: int, text: str) -> None:
        fields = [f.strip() for f in text.split(self.separator)]
        if len(fields) != len(self.header):
            self.issue(
                FecIssue(
                    number,
                    t("the line has {found} fields, the header has {expected}",
                      found=len(fields), expected=len(self.header)),
                    hint=t("A field holds the separator, or the line was cut: fix the export"),
                )
            )  # fmt: skip
            if len(fields) > 2:
                self._entry(fields[0], fields[2], number, None).broken = True
            return
        values = dict(zip(self.fmt.columns, fields, strict=False))
        before = self.issue_count
        dates: dict[str, dt.date | None] = {}
        amounts: dict[str, Decimal | None] = {}
        for column, value in values.items():  # in the columns' order
            if column in self.fmt.required and not value:
                self.issue(
                    FecIssue(number, t("{column} is empty; it is mandatory", column=column), column)
                )
            elif column in self.fmt.dates:
                dates[column] = self._date(number, column, value)
            elif column in self.fmt.amounts:
                amounts[column] = self._amount(number, column, value)
        journal, entry_number = values.get("JournalCode", ""), values.get("EcritureNum", "")
        entry = self._entry(journal, entry_number, number, dates.get("EcritureDate"))
        if self.issue_count > before:
            entry.broken = True
            return
        debit, credit = amounts.get("Debit") or ZERO, amounts.get("Credit") or ZERO
        self._post(entry, number, journal, entry_number, dates.get("EcritureDate"))
        entry.debit += debit
        entry.credit += credit
        self.total_debit += debit
        self.total_credit += credit
        entry_date = dates.get("EcritureDate")
        if not self.issue_count and entry_date is not None:  # a mandatory date, read
            self.ledger.append(
                self._ledger_entry(
                    number, entry_date, values=values, dates=dates, amounts=amounts, fields=fields
                )
            )

    def _entry(self, journal: str, number: str, line: int, date: dt.date | None) -> _Entry:
        key = (journal, number)
        entry = self.entries.get(key)
        if entry is None:
            entry = self.entries[key] = _Entry(line, line, date)
        entry.last_line = line
        return entry

    def _post(
        self, entry: _Entry, line: int, journal: str, number: str, date: dt.date | None
    ) -> None:
        if entry.date is None:
            entry.date = date
        elif date is not None and date != entry.date:
            self.issue(
                FecIssue(
                    line,
                    t("entry {entry} of journal {journal} is dated {date} here and {first} "
                      "on line {first_line}; an entry has one date",
                      entry=number, journal=journal, date=date, first=entry.date,
                      first_line=entry.first_line),
                    column="EcritureDate",
                )
            )  # fmt: skip

    def _date(self, line: int, column: str, value: str) -> dt.date | None:
        if not value:
            return None
        if value in self.days:  # a year's FEC holds a few hundred distinct dates
            day = self.days[value]
        else:
            try:
                day = dt.datetime.strptime(value, self.fmt.date_format).date()  # noqa: DTZ007
            except ValueError:
                day = None
            if day is not None and day.strftime(self.fmt.date_format) != value:
                day = None  # strptime is lenient ("2026039" reads as 9 March)
            self.days[value] = day
        if day is None:
            self.issue(
                FecIssue(
                    line,
                    t("'{value}' is not a date written like {example} (year, month, day)",
                      value=value, example=dt.date(2026, 3, 31).strftime(self.fmt.date_format)),
                    column=column,
                )
            )  # fmt: skip
            return None
        return day

    def _amount(self, line: int, column: str, value: str) -> Decimal | None:
        if not value:
            return None
        if self.amount_re.fullmatch(value):
            for mark in self.fmt.decimal_marks:
                value = value.replace(mark, ".")
            return Decimal(value)
        if re.fullmatch(r"[+-]?\d[\d  \u202f.,']*", value) and re.search(r"[  \u202f']", value):
            message = t("'{value}' has a thousands separator; a FEC amount has none", value=value)
        elif "." in value and "." not in self.fmt.decimal_marks:
            message = t("'{value}' uses a point as decimal mark; the FEC writes a comma",
                        value=value)  # fmt: skip
        else:
            message = t("'{value}' is not an amount", value=value)
        self.issue(
            FecIssue(line, message, column=column, hint=t("Write amounts like 1234,56 or -12,5"))
        )
        return None

    def _ledger_entry(
        self,
        line: int,
        entry_date: dt.date,
        *,
        values: dict[str, str],
        dates: dict[str, dt.date | None],
        amounts: dict[str, Decimal | None],
        fields: list[str],
    ) -> LedgerEntry:
        def date(column: str) -> dt.date | None:
            return dates.get(column)

        return LedgerEntry(
            journal=values.get("JournalCode", ""),
            number=values.get("EcritureNum", ""),
            date=entry_date,
            account=values.get("CompteNum", ""),
            account_label=values.get("CompteLib", ""),
            label=values.get("EcritureLib", ""),
            debit=amounts.get("Debit") or ZERO,
            credit=amounts.get("Credit") or ZERO,
            journal_label=values.get("JournalLib", ""),
            aux_account=values.get("CompAuxNum", ""),
            aux_label=values.get("CompAuxLib", ""),
            piece_ref=values.get("PieceRef", ""),
            piece_date=date("PieceDate"),
            lettering=values.get("EcritureLet", ""),
            lettering_date=date("DateLet"),
            validation_date=date("ValidDate"),
            currency_amount=amounts.get("Montantdevise"),
            currency=values.get("Idevise", ""),
            analytic=fields[self.analytic_index] if self.analytic_index is not None else "",
            line=line,
        )

    # -- the report ------------------------------------------------------------------------

    def report(self, filename: str) -> FecReport:
        unbalanced = []
        for (journal, number), entry in self.entries.items():
            if not entry.broken and entry.debit != entry.credit:
                unbalanced.append(
                    FecIssue(
                        entry.first_line,
                        t("entry {entry} of journal {journal} is not balanced: debit {debit}, "
                          "credit {credit} (lines {first}–{last})",
                          entry=number, journal=journal, debit=entry.debit,
                          credit=entry.credit, first=entry.first_line, last=entry.last_line),
                        column="EcritureNum",
                        hint=t("Every entry's debits equal its credits: check the export"),
                    )
                )  # fmt: skip
        issues = sorted([*self.issues, *unbalanced], key=lambda i: i.line)[: self.max_errors]
        count = self.issue_count + len(unbalanced)
        warnings = []
        name = Path(filename).name
        if not re.fullmatch(self.fmt.file_name, name):
            warnings.append(
                t("the file name '{name}' is not the legal SIRENFECAAAAMMJJ.txt", name=name)
            )
        if self.analytic_index is None and self.header:
            warnings.append(t("no analytic column: lines map to the devis by account only"))
        return FecReport(
            file=filename,
            format_ref=self.fmt.ref,
            encoding=self.decoder.encoding,
            separator=self.separator or None,
            columns=self.header,
            analytic_column=(
                self.header[self.analytic_index] if self.analytic_index is not None else None
            ),
            lines=self.lines,
            entries=len(self.entries),
            journals=tuple(sorted({j for j, _ in self.entries})),
            total_debit=self.total_debit,
            total_credit=self.total_credit,
            unbalanced_entries=len(unbalanced),
            unreadable_entries=sum(1 for e in self.entries.values() if e.broken),
            issues=tuple(issues),
            issue_count=count,
            warnings=tuple(warnings),
            ledger=Ledger(tuple(self.ledger), source=filename) if not count else None,
        )


_HEADER_HINT: Final = t(
    "The first row names the 18 columns in the order of article A47 A-1: JournalCode, "
    "JournalLib, EcritureNum, EcritureDate, CompteNum, CompteLib, CompAuxNum, CompAuxLib, "
    "PieceRef, PieceDate, EcritureLib, Debit, Credit, EcritureLet, DateLet, ValidDate, "
    "Montantdevise, Idevise"
)
_EXPORT_HINT: Final = t("Export the FEC again from the accounting software")


def _shown(separator: str) -> str:
    return {"\t": "tab", "|": "|"}.get(separator, repr(separator))


def _ascii(raw: bytes) -> str:
    return raw.decode("ascii", errors="replace").strip()


# -- bytes to lines ------------------------------------------------------------------------

_EOL: Final = re.compile(rb"\r\n?|\n")
_CHUNK: Final = 1 << 16


def records(stream: BinaryIO) -> Iterator[tuple[int, int, bytes]]:
    """``(line number, byte offset of the line, its bytes)`` for each record of ``stream``,
    read a chunk at a time; records end with CR LF, LF or CR (A47 A-1 I 1°)."""
    buffer = b""
    base = 0  # offset of buffer[0] in the file
    number = 0
    while True:
        chunk = stream.read(_CHUNK)
        buffer += chunk
        start = 0
        while (match := _EOL.search(buffer, start)) is not None:
            if match.group() == b"\r" and match.end() == len(buffer) and chunk:
                break  # a CR at the end of the chunk: its LF may be in the next one
            number += 1
            yield number, base + start, buffer[start : match.start()]
            start = match.end()
        buffer = buffer[start:]
        base += start
        if not chunk:
            if buffer:
                yield number + 1, base, buffer
            return


@dataclass(frozen=True, slots=True)
class _Undecodable:
    message: Text
    offset: int | None = None
    hint: Text | None = None
    fatal: bool = False  # nothing after it can be read


_BOM: Final = b"\xef\xbb\xbf"
_C1: Final = re.compile(rb"[\x80-\x9f]")
_CONTROL: Final = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ENCODING_HINT: Final = t("Export the whole FEC in ISO 8859-15 or in UTF-8")


class _Decoder:
    """One encoding for the whole file: the first line that is not ASCII decides between
    UTF-8 and ISO 8859-15 (as far as the pack accepts them); a later line in another one,
    or with bytes that are not text, is refused with the offset of the first bad byte."""

    def __init__(self, charsets: frozenset[str]) -> None:
        self.utf8 = "utf-8" in charsets
        self.latin = "iso-8859-15" in charsets
        self.chosen: str | None = None

    @property
    def encoding(self) -> str:
        return self.chosen or "ASCII"

    def decode(self, raw: bytes, *, line: int, offset: int) -> str | _Undecodable:
        if line == 1:
            if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                return _Undecodable(t("the file is UTF-16 text"), 0, _ENCODING_HINT, fatal=True)
            if raw.startswith(_BOM):
                if not self.utf8:
                    return _Undecodable(
                        t("the file is UTF-8, an encoding the FEC format pack does not accept"),
                        0, _ENCODING_HINT, fatal=True,
                    )  # fmt: skip
                self.chosen = "UTF-8"
                raw, offset = raw[3:], offset + 3
        control = _CONTROL.search(raw)
        if control is not None:
            return _Undecodable(
                t("byte {byte} at offset {offset} is not text", byte=_hex(raw[control.start()]),
                  offset=offset + control.start()),
                offset + control.start(),
                t("Check that the file is a FEC text export, not a spreadsheet or an archive"),
                fatal=line == 1,
            )  # fmt: skip
        if raw.isascii():
            return raw.decode("ascii")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return self._latin(raw, offset, exc.start)
        if self.chosen == "ISO-8859-15":
            return _Undecodable(
                t("this line is UTF-8 while the lines before are ISO 8859-15"),
                offset, _ENCODING_HINT,
            )  # fmt: skip
        if not self.utf8:
            return _Undecodable(
                t("this line is UTF-8, an encoding the FEC format pack does not accept"),
                offset, _ENCODING_HINT,
            )  # fmt: skip
        self.chosen = "UTF-8"
        return text

    def _latin(self, raw: bytes, offset: int, bad: int) -> str | _Undecodable:
        if self.chosen == "UTF-8" or not self.latin:
            return _Undecodable(
                t("byte {byte} at offset {offset} is not UTF-8, the encoding of the file",
                  byte=_hex(raw[bad]), offset=offset + bad),
                offset + bad, _ENCODING_HINT,
            )  # fmt: skip
        c1 = _C1.search(raw)
        if c1 is not None:
            return _Undecodable(
                t("byte {byte} at offset {offset} is a control character in ISO 8859-15 "
                  "(the file looks like Windows-1252)",
                  byte=_hex(raw[c1.start()]), offset=offset + c1.start()),
                offset + c1.start(), _ENCODING_HINT,
            )  # fmt: skip
        self.chosen = "ISO-8859-15"
        return raw.decode("iso-8859-15")


def _hex(byte: int) -> str:
    return f"0x{byte:02X}"
