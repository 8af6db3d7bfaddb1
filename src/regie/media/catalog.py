# SPDX-License-Identifier: AGPL-3.0-or-later
"""Media records as the production keeps them: a deliverable of the list (livrable) with
its due date, note, delivered master and last check, as the services hand it out.

Pure values and their JSON forms (what the storage keeps in JSON columns and what a job
returns): :func:`text_to_json` / :func:`text_from_json` keep a translatable message —
template, parameters, nested messages, decimals and dates — so a page can word it in its
visitor's language long after it was made; :func:`finding_to_json` /
:func:`finding_from_json` do the same for a master check's findings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from regie.budget.model import Cited
from regie.core.text import Text
from regie.media.deliverables import Deliverable, Finding, Severity, conforms
from regie.rules.pack import Status

MAX_DEPTH = 8  # nested messages are a few levels deep at most


@dataclass(frozen=True, slots=True)
class MasterCheck:
    """The last check of a delivered master: the file, when, what was measured (as
    display strings: ``{"container": "mxf", "loudness": "-23.1"}``) and the findings."""

    path: str
    checked_at: dt.datetime
    measured: Mapping[str, str]
    findings: tuple[Finding, ...]

    @property
    def conforms(self) -> bool:
        return conforms(self.findings)


@dataclass(frozen=True, slots=True)
class DeliverableRecord:
    """A stored deliverable. ``item.id`` is its key in the production (``master-pad``,
    ``contract-making-of``); ``item.status`` and ``item.history`` its status and changes;
    ``template`` the template it came from (``None`` for an item added by hand)."""

    id: int
    production_id: int
    item: Deliverable
    template: str | None
    due: dt.date | None
    note: str
    master_path: str | None
    check: MasterCheck | None
    version: int

    @property
    def key(self) -> str:
        return self.item.id

    def overdue(self, today: dt.date) -> bool:
        """Due before ``today`` and not yet delivered, accepted or waived."""
        done = {"delivered", "accepted", "waived"}
        return self.due is not None and self.due < today and self.item.status.value not in done


# --- messages as JSON ---------------------------------------------------------------------


def _param_to_json(value: object) -> object:
    if isinstance(value, Text):
        return {"text": text_to_json(value)}
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {"date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return str(value)


def text_to_json(text: Text) -> dict[str, Any]:
    """``{"template": msgid, "params": {name: str | int | {"text"|"decimal"|"date": …}}}``
    (any other value travels as its text, which is how a message shows it)."""
    return {
        "template": text.template,
        "params": {name: _param_to_json(v) for name, v in text.params.items()},
    }


def _param_from_json(value: object, depth: int) -> object | None:
    if isinstance(value, str | int) and not isinstance(value, bool):
        return value
    if not isinstance(value, Mapping) or len(value) != 1:
        return None
    ((kind, raw),) = value.items()
    if kind == "text" and isinstance(raw, Mapping):
        return text_from_json(raw, depth=depth + 1)
    try:
        if kind == "decimal" and isinstance(raw, str):
            return Decimal(raw)
        if kind == "date" and isinstance(raw, str):
            return dt.date.fromisoformat(raw)
    except (InvalidOperation, ValueError):
        return None
    return None


def text_from_json(data: Mapping[str, Any], *, depth: int = 0) -> Text | None:
    """The message :func:`text_to_json` wrote; ``None`` when ``data`` is not one."""
    template, params = data.get("template"), data.get("params")
    if not isinstance(template, str) or not isinstance(params, Mapping) or depth > MAX_DEPTH:
        return None
    values: dict[str, object] = {}
    for name, raw in params.items():
        value = _param_from_json(raw, depth)
        if value is None:
            return None
        values[str(name)] = value
    try:
        return Text(template, values)
    except ValueError:  # placeholders and parameters disagree: not one of ours
        return None


# --- findings as JSON ---------------------------------------------------------------------


def _cited_to_json(cited: Cited) -> dict[str, Any]:
    return {"pack": cited.pack, "key": cited.key, "status": cited.status.value,
            "citation": cited.citation, "note": cited.note}  # fmt: skip


def _cited_from_json(data: Mapping[str, Any]) -> Cited:
    note = data.get("note")
    return Cited(str(data["pack"]), str(data["key"]), Status(str(data["status"])),
                 str(data.get("citation", "")), None if note is None else str(note))  # fmt: skip


def finding_to_json(finding: Finding) -> dict[str, Any]:
    return {
        "check": finding.check,
        "severity": finding.severity.value,
        "message": text_to_json(finding.message),
        "expected": finding.expected,
        "measured": finding.measured,
        "cited": [_cited_to_json(c) for c in finding.cited],
    }


def finding_from_json(data: Mapping[str, Any]) -> Finding:
    """A finding :func:`finding_to_json` wrote (a message that no longer reads back is
    kept as its English template, so nothing is lost)."""
    raw = data.get("message")
    message = text_from_json(raw) if isinstance(raw, Mapping) else None
    if message is None:
        template = str(raw.get("template", "")) if isinstance(raw, Mapping) else str(raw)
        message = Text("{message}", {"message": template})
    return Finding(
        check=str(data["check"]),
        severity=Severity(str(data["severity"])),
        message=message,
        expected=str(data.get("expected", "")),
        measured=str(data.get("measured", "")),
        cited=tuple(_cited_from_json(c) for c in data.get("cited", ())),
    )


def check_to_json(check: MasterCheck) -> dict[str, Any]:
    return {
        "path": check.path,
        "checked_at": check.checked_at.isoformat(),
        "measured": dict(check.measured),
        "findings": [finding_to_json(f) for f in check.findings],
    }


def check_from_json(data: Mapping[str, Any]) -> MasterCheck:
    return MasterCheck(
        path=str(data["path"]),
        checked_at=dt.datetime.fromisoformat(str(data["checked_at"])),
        measured={str(k): str(v) for k, v in dict(data.get("measured", {})).items()},
        findings=tuple(finding_from_json(f) for f in data.get("findings", ())),
    )
