# SPDX-License-Identifier: AGPL-3.0-or-later
"""A carbon estimate as plain data (for a frozen version, the CLI's ``--json`` and back).

Numbers are decimal strings, dates ISO strings; each explained step is its English text
(``text``) and, to be worded again in another language, its message (``message``:
template and parameters, a parameter being a string, ``{"date": …}``, ``{"decimal": …}``
or a nested message). Shape (``schema`` 1)::

    {"schema": 1, "kind": "provisional", "on": "2026-11-02", "total_kg": "1234.56",
     "total_t": "1.235", "shoot_days": 12, "per_shoot_day_kg": "102.88",
     "uncertainty_kg": null, "packs": ["carbon-categories@2026.1", …],
     "categories": [{"key", "title_fr", "title_en", "kg", "share", "lines", "status",
                     "note"}],
     "lines": [{"category", "activity", "record", "label", "day", "quantity", "unit",
                "kg", "rule", "factor": {"key", "value", "unit", "item", "status", "source",
                "pack", "uncertainty", "note"}, "steps": [{"text", "message"}]}],
     "gaps": [{"record", "label", "text", "message"}], "notes": [{"text", "message"}]}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from regie.core.text import Text
from regie.finance.carbon import (
    CarbonEstimate,
    CategoryTotal,
    EmissionLine,
    EstimateKind,
    Gap,
)
from regie.logistics.factors import Factor
from regie.rules.pack import Status

SCHEMA: Final = 1


def _param(value: object) -> object:
    if isinstance(value, Text):
        return message(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {"date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return str(value)


def message(text: Text) -> dict[str, Any]:
    return {"template": text.template, "params": {k: _param(v) for k, v in text.params.items()}}


def _unparam(value: object) -> object:
    if isinstance(value, Mapping):
        if "template" in value:
            return text_of(value)
        if "date" in value:
            return dt.date.fromisoformat(str(value["date"]))
        if "decimal" in value:
            return Decimal(str(value["decimal"]))
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return str(value)


def text_of(data: Mapping[str, Any]) -> Text:
    return Text(str(data["template"]), {k: _unparam(v) for k, v in data["params"].items()})


def _said(text: Text) -> dict[str, Any]:
    return {"text": str(text), "message": message(text)}


def _number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _factor(found: Factor) -> dict[str, Any]:
    return {
        "key": found.key,
        "value": str(found.value),
        "unit": found.unit,
        "item": found.item,
        "status": found.status.value,
        "source": found.source,
        "pack": found.pack,
        "uncertainty": _number(found.uncertainty),
        "note": found.note,
    }


def _line(line: EmissionLine) -> dict[str, Any]:
    return {
        "category": line.category,
        "activity": line.activity,
        "record": line.record,
        "label": line.label,
        "day": line.day.isoformat(),
        "quantity": str(line.quantity),
        "unit": line.unit,
        "kg": str(line.kg),
        "rule": line.rule,
        "factor": _factor(line.factor),
        "steps": [_said(step) for step in line.steps],
    }


def estimate_dict(found: CarbonEstimate) -> dict[str, Any]:
    """The estimate as JSON-ready data (see the module docstring for the shape)."""
    return {
        "schema": SCHEMA,
        "kind": found.kind.value,
        "on": found.on.isoformat(),
        "total_kg": str(found.total_kg),
        "total_t": str(found.total_tonnes),
        "shoot_days": found.shoot_days,
        "per_shoot_day_kg": _number(found.per_shoot_day_kg),
        "uncertainty_kg": _number(found.uncertainty_kg),
        "packs": list(found.packs),
        "categories": [
            {
                "key": c.key,
                "title_fr": c.title_fr,
                "title_en": c.title_en,
                "kg": str(c.kg),
                "share": str(c.share),
                "lines": c.lines,
                "status": c.status.value,
                "note": c.note,
            }
            for c in found.categories
        ],
        "lines": [_line(line) for line in found.lines],
        "gaps": [{"record": g.record, "label": g.label, **_said(g.reason)} for g in found.gaps],
        "notes": [_said(n) for n in found.notes],
    }


def _factor_of(data: Mapping[str, Any]) -> Factor:
    return Factor(
        key=data["key"],
        value=Decimal(data["value"]),
        unit=data["unit"],
        item=data["item"],
        status=Status(data["status"]),
        source=data["source"],
        pack=data["pack"],
        uncertainty=None if data.get("uncertainty") is None else Decimal(data["uncertainty"]),
        note=data.get("note"),
    )


def estimate_of(data: Mapping[str, Any]) -> CarbonEstimate:
    """An estimate read back from :func:`estimate_dict`'s data."""
    return CarbonEstimate(
        kind=EstimateKind(data["kind"]),
        on=dt.date.fromisoformat(data["on"]),
        lines=tuple(
            EmissionLine(
                category=d["category"],
                activity=d["activity"],
                record=d["record"],
                label=d["label"],
                day=dt.date.fromisoformat(d["day"]),
                quantity=Decimal(d["quantity"]),
                unit=d["unit"],
                factor=_factor_of(d["factor"]),
                kg=Decimal(d["kg"]),
                steps=tuple(text_of(s["message"]) for s in d["steps"]),
                rule=d["rule"],
            )
            for d in data["lines"]
        ),
        categories=tuple(
            CategoryTotal(
                key=c["key"],
                title_fr=c["title_fr"],
                title_en=c["title_en"],
                kg=Decimal(c["kg"]),
                share=Decimal(c["share"]),
                lines=int(c["lines"]),
                status=Status(c["status"]),
                note=c.get("note"),
            )
            for c in data["categories"]
        ),
        total_kg=Decimal(data["total_kg"]),
        gaps=tuple(Gap(g["record"], g["label"], text_of(g["message"])) for g in data["gaps"]),
        shoot_days=data.get("shoot_days"),
        packs=tuple(data["packs"]),
        notes=tuple(text_of(n["message"]) for n in data.get("notes", [])),
    )


@dataclass(frozen=True, slots=True)
class CarbonVersion:
    """A frozen estimate (version n of the production's carbon reports)."""

    number: int
    kind: EstimateKind
    made_on: dt.date
    total_kg: Decimal
    estimate: CarbonEstimate
    created_at: dt.datetime | None = None
    version: int = 1
