# SPDX-License-Identifier: AGPL-3.0-or-later
"""A stripboard as a file: which scene is shot on which day, in which order, locked or
not — to exchange scenarios with a spreadsheet or another tool, and to bring them back.

Two forms are read:

* **CSV** (comma or semicolon, UTF-8, a header row): columns ``day`` (``jour``), ``scene``
  (``séquence``), and optionally ``locked`` (``verrouillée``: yes/no, oui/non, 1/0, x)
  and ``kind`` (``type``: day/night, jour/nuit). One row per strip, in shooting order;
  day ``0`` or an empty day is "not scheduled". Rows of one day must agree on its kind.
* **JSON**: the document ``regie board show --json`` prints (``days[].number``,
  ``days[].kind``, ``days[].strips[].scene``, ``days[].strips[].locked``,
  ``unscheduled[].scene``), or the short one of ``regie board new|import --json``
  (``days[].scenes``, ``days[].locked`` as lists of labels, ``unscheduled`` as labels);
  other keys are ignored.

:func:`write_board_csv` writes the CSV form. Reading only checks the file's own shape
(every error names the file and the line or the JSON field); whether its scenes exist is
the service's check.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from regie.core.errors import ParseError
from regie.core.text import t

MAX_BOARD_BYTES = 2 * 1024 * 1024
KINDS = {"day": "day", "jour": "day", "night": "night", "nuit": "night"}
YES = {"yes", "oui", "1", "x", "true", "vrai"}
NO = {"no", "non", "0", "", "false", "faux"}
COLUMNS = {
    "day": "day",
    "jour": "day",
    "scene": "scene",
    "séquence": "scene",
    "sequence": "scene",
    "locked": "locked",
    "verrouillée": "locked",
    "verrouillee": "locked",
    "kind": "kind",
    "type": "kind",
}


@dataclass(frozen=True, slots=True)
class FileStrip:
    scene: str  # the scene's label as printed (12, 12A…)
    locked: bool = False
    line: int | None = None  # where it was read (CSV line), for messages


@dataclass(frozen=True, slots=True)
class FileDay:
    number: int  # 1-based
    kind: str | None = None  # "day" / "night"; None: as the board decides
    strips: tuple[FileStrip, ...] = ()


@dataclass(frozen=True, slots=True)
class BoardFile:
    source: str
    days: tuple[FileDay, ...]
    unscheduled: tuple[FileStrip, ...] = field(default=())


def read_board_file(data: bytes, filename: str) -> BoardFile:
    """The board in ``data`` (CSV or JSON, told by the content)."""
    text = _decode(data, filename).lstrip("\ufeff")
    if text.lstrip().startswith(("{", "[")):
        return _from_json(text, filename)
    return _from_csv(text, filename)


def _decode(data: bytes, filename: str) -> str:
    hint = t("Choose a board saved as CSV or JSON (regie board export, or a spreadsheet)")
    if not data.strip():
        raise ParseError(t("the file is empty"), file=filename, hint=hint)
    if len(data) > MAX_BOARD_BYTES or b"\x00" in data[:8192]:
        raise ParseError(t("this is not a board file (CSV or JSON)"), file=filename, hint=hint)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # a spreadsheet's Windows export


def _kind(raw: str, filename: str, line: int | None) -> str | None:
    value = raw.strip().lower()
    if not value:
        return None
    if value not in KINDS:
        raise ParseError(
            t("'{value}' is not a kind of day", value=raw),
            file=filename,
            line=line,
            hint=t("Write day or night (jour or nuit)"),
        )
    return KINDS[value]


def _locked(raw: object, filename: str, line: int | None) -> bool:
    if isinstance(raw, bool):
        return raw
    value = str(raw).strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise ParseError(
        t("'{value}' is not yes or no", value=str(raw)),
        file=filename,
        line=line,
        hint=t("Write yes or no (oui or non) in the locked column"),
    )


def _day_number(raw: str, filename: str, line: int) -> int:
    value = raw.strip()
    if not value:
        return 0
    if not value.isdigit() or int(value) > 1000:
        raise ParseError(
            t("'{value}' is not a shoot day number", value=raw),
            file=filename,
            line=line,
            hint=t("Number the days from 1; 0 or empty for a scene not scheduled"),
        )
    return int(value)


def _from_csv(text: str, filename: str) -> BoardFile:
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ParseError(
            t("the file has no header row"),
            file=filename,
            line=1,
            hint=t("The first row names the columns: day;scene;locked;kind"),
        )
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    header = [COLUMNS.get(name.strip().lower()) for name in rows[0]]
    for needed in ("day", "scene"):
        if needed not in header:
            raise ParseError(
                t("the header has no '{column}' column", column=needed),
                file=filename,
                line=1,
                hint=t("The first row names the columns: day;scene;locked;kind"),
            )
    days: dict[int, list[FileStrip]] = {}
    kinds: dict[int, str] = {}
    pool: list[FileStrip] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: cell for name, cell in zip(header, row, strict=False) if name}
        scene = cells.get("scene", "").strip()
        if not scene:
            raise ParseError(
                t("the row has no scene"), file=filename, line=number, hint=t("Fill the scene")
            )
        day = _day_number(cells.get("day", ""), filename, number)
        strip = FileStrip(scene, _locked(cells.get("locked", ""), filename, number), number)
        if day == 0:
            pool.append(strip)
            continue
        days.setdefault(day, []).append(strip)
        kind = _kind(cells.get("kind", ""), filename, number)
        if kind is not None and kinds.setdefault(day, kind) != kind:
            raise ParseError(
                t("day {day} is given as both a day and a night day", day=day),
                file=filename,
                line=number,
                hint=t("Give every row of a day the same kind"),
            )
    return BoardFile(
        filename,
        tuple(FileDay(n, kinds.get(n), tuple(days[n])) for n in sorted(days)),
        tuple(pool),
    )


def _field(path: str, filename: str, what: str) -> ParseError:
    messages = {
        "object": t("field '{field}' must be an object", field=path),
        "list": t("field '{field}' must be a list", field=path),
        "missing": t("field '{field}' is missing", field=path),
        "number": t("field '{field}' must be a day number from 1", field=path),
        "text": t("field '{field}' must be a scene label", field=path),
    }
    return ParseError(messages[what], file=filename)


def _json_strips(value: object, path: str, filename: str) -> tuple[FileStrip, ...]:
    if not isinstance(value, list):
        raise _field(path, filename, "list")
    out: list[FileStrip] = []
    for i, item in enumerate(value):
        where = f"{path}[{i}]"
        if not isinstance(item, Mapping):
            raise _field(where, filename, "object")
        scene = item.get("scene")
        if isinstance(scene, int) and not isinstance(scene, bool):
            scene = str(scene)
        if not isinstance(scene, str) or not scene.strip():
            raise _field(f"{where}.scene", filename, "text")
        out.append(FileStrip(scene.strip(), _locked(item.get("locked", False), filename, None)))
    return tuple(out)


def _json_labels(item: Mapping[str, object], where: str, filename: str) -> tuple[FileStrip, ...]:
    """``{"scenes": ["12", "5"], "locked": ["12"]}``: labels in order, the locked ones."""
    scenes, locked = item.get("scenes"), item.get("locked", [])
    if not isinstance(scenes, list):
        raise _field(f"{where}.scenes", filename, "list")
    if not isinstance(locked, list):
        raise _field(f"{where}.locked", filename, "list")
    marked = {str(x) for x in locked}
    rows = [{"scene": x, "locked": str(x) in marked} for x in scenes]
    return _json_strips(rows, f"{where}.scenes", filename)


def _from_json(text: str, filename: str) -> BoardFile:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ParseError(
            t("not valid JSON: {reason}", reason=error.msg), file=filename, line=error.lineno
        ) from error
    if not isinstance(document, Mapping):
        raise _field("(document)", filename, "object")
    if "days" not in document:
        raise _field("days", filename, "missing")
    raw_days = document["days"]
    if not isinstance(raw_days, list):
        raise _field("days", filename, "list")
    days: list[FileDay] = []
    for i, item in enumerate(raw_days):
        where = f"days[{i}]"
        if not isinstance(item, Mapping):
            raise _field(where, filename, "object")
        number = item.get("number", i + 1)
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 1000:
            raise _field(f"{where}.number", filename, "number")
        kind = item.get("kind")
        if "scenes" in item:  # the short form (`board new|import --json`)
            strips = _json_labels(item, where, filename)
        else:
            strips = _json_strips(item.get("strips", []), f"{where}.strips", filename)
        days.append(
            FileDay(number, _kind(kind, filename, None) if isinstance(kind, str) else None, strips)
        )
    raw_pool = document.get("unscheduled", [])
    if isinstance(raw_pool, list) and all(isinstance(x, str | int) for x in raw_pool):
        raw_pool = [{"scene": x} for x in raw_pool]
    pool = _json_strips(raw_pool, "unscheduled", filename)
    return BoardFile(filename, tuple(days), pool)


def write_board_csv(
    days: Sequence[tuple[int, str, str, Sequence[tuple[str, bool]]]],
    unscheduled: Sequence[str] = (),
) -> bytes:
    """``days``: (number, ISO date, kind, [(scene, locked)]) → the CSV form (semicolons,
    with a ``date`` column for the reader; the date is not read back)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["day", "date", "kind", "scene", "locked"])
    for number, date, kind, strips in days:
        for scene, locked in strips:
            writer.writerow([number, date, kind, scene, "yes" if locked else "no"])
    for scene in unscheduled:
        writer.writerow([0, "", "", scene, "no"])
    return out.getvalue().encode("utf-8")
