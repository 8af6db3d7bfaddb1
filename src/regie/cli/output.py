# SPDX-License-Identifier: AGPL-3.0-or-later
"""Printing: Rich tables and panels for people, JSON for scripts, errors on stderr.

JSON is UTF-8 whatever the terminal's encoding, keys in a stable order, no Rich markup:
``Decimal`` as a string (exact), dates in ISO 8601, enums as their value.
Every text that comes from data is printed as plain text (``Text``/``escape``), so a
``[[note]]`` in a script never turns into Rich markup.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sys
from collections.abc import Iterable, Mapping
from decimal import Decimal
from enum import Enum
from pathlib import Path, PurePath
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from regie.core.errors import InputError, RegieError
from regie.core.text import Gettext, english, t


def console() -> Console:
    # Made per call: the streams may have been swapped (tests, redirections).
    return Console(highlight=False, soft_wrap=False)


def err_console() -> Console:
    return Console(stderr=True, highlight=False)


def jsonable(value: Any) -> Any:
    """``value`` with dataclasses, enums, decimals, dates and paths made JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return jsonable(value.value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return value


def print_json(data: Any) -> None:
    """``data`` as indented JSON on stdout, encoded UTF-8."""
    text = json.dumps(jsonable(data), ensure_ascii=False, indent=2) + "\n"
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:  # a text-only stream (some embedding); it has its own encoding
        sys.stdout.write(text)
        sys.stdout.flush()


def print_error(error: RegieError, *, as_json: bool, gettext: Gettext = english) -> None:
    """The error in the language of ``gettext`` (the ``errors`` catalog): red on stderr, or
    its ``to_dict`` (with ``message_en``) as JSON on stdout."""
    if as_json:
        print_json(error.to_dict(gettext))
    else:
        err_console().print(Text(error.localized(gettext), style="red"), soft_wrap=True)


def warn(message: str) -> None:
    err_console().print(Text(message, style="yellow"), soft_wrap=True)


def success(message: str) -> None:
    console().print(Text(message, style="green"))


def line(*parts: str | Text) -> None:
    """Plain text (no markup) on stdout."""
    text = Text()
    for part in parts:
        text.append(part if isinstance(part, Text) else Text(part))
    console().print(text)


def table(
    title: str | None,
    columns: Iterable[str],
    rows: Iterable[Iterable[object]],
    *,
    keep: Iterable[int] = (0,),
) -> None:
    """A simple table; every cell is shown as plain text. Columns in ``keep`` are not
    wrapped (identifiers, scene numbers)."""
    shown = Table(title=escape(title) if title else None, title_justify="left")
    unwrapped = set(keep)
    for n, column in enumerate(columns):
        shown.add_column(escape(column), no_wrap=n in unwrapped)
    for row in rows:
        shown.add_row(*(cell(value) for value in row))
    console().print(shown)


def cell(value: object) -> Text:
    if value is None:
        return Text("—", style="dim")
    if isinstance(value, bool):
        return Text("oui" if value else "", style="bold")
    return Text(str(value))


def field_lines(pairs: Iterable[tuple[str, object]]) -> None:
    """``label : value`` lines, labels in bold."""
    out = console()
    for label, value in pairs:
        text = Text(f"{label} : ", style="bold")
        text.append(cell(value))
        out.print(text)


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (a temporary file renamed over it)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        temporary.write_bytes(data)
        temporary.replace(path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise InputError(
            t("cannot write the file ({problem})", problem=exc.strerror),
            where=str(path),
            hint=t("Check that the folder exists and that you may write in it"),
        ) from None
