# SPDX-License-Identifier: AGPL-3.0-or-later
"""Rule packs: YAML data files whose every value carries its source, status and validity.

A pack file looks like::

    pack: shoot-pace                 # identifier, stable across versions
    version: "2026.1"                # bumped when any value changes
    title: Shoot pace per programme kind
    sources:                         # keys cited by values
      CUTPRINT: {title: "...", url: "https://...", consulted: 2026-11-26}
    values:
      tv_fiction.pages_per_day:
        value: {low: "5", high: "8"}
        unit: pages/day
        status: customary            # verified | secondary | estimated | customary | unverified
        source: [CUTPRINT]
        valid_from: 2000-01-01       # optional; open-ended when absent
        valid_to: null
        note: "..."

Values keep the strings of the file (numbers as text, read as ``Decimal`` by callers): a pack
never passes through float. Several entries may share a key with different validity
periods; :meth:`RulePack.value` picks the one valid on a date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

import yaml

from regie.core.errors import RuleError
from regie.core.text import on_day, t


class Status(StrEnum):
    """How sure a value is. Only ``verified`` comes from the primary text itself."""

    VERIFIED = "verified"  # read in the official text
    SECONDARY = "secondary"  # exact figure from a secondary source
    ESTIMATED = "estimated"  # computed from official figures; verify before use
    CUSTOMARY = "customary"  # practice / rule of thumb, not a legal rate
    UNVERIFIED = "unverified"  # could not be confirmed


@dataclass(frozen=True, slots=True)
class Source:
    key: str
    title: str
    url: str | None = None
    consulted: str | None = None


@dataclass(frozen=True, slots=True)
class RuleValue:
    """One value of a pack, as written in the file."""

    key: str
    value: Any  # str, or a mapping/list of str (never float)
    status: Status
    sources: tuple[Source, ...]
    unit: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    note: str | None = None

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def decimal(self, part: str | None = None) -> Decimal:
        """The value (or one named part of a mapping value) as an exact Decimal."""
        raw = self.value[part] if part is not None else self.value
        try:
            return Decimal(str(raw))
        except (InvalidOperation, TypeError):
            raise RuleError(
                t("value {raw} of '{key}' is not a number", raw=repr(raw), key=self.key),
                where=t("rule {key}", key=self.key + (f".{part}" if part else "")),
                hint=t("Fix the rule pack file"),
            ) from None

    def citation(self) -> str:
        """``"customary — cutprint.io glossary 'Page count' (https://...)"``."""
        cited = "; ".join(s.title + (f" ({s.url})" if s.url else "") for s in self.sources)
        return f"{self.status.value} — {cited}" if cited else self.status.value


@dataclass(frozen=True, slots=True)
class RulePack:
    pack_id: str
    version: str
    title: str
    path: str
    entries: tuple[RuleValue, ...]
    sources: Mapping[str, Source] = field(default_factory=dict)

    @property
    def ref(self) -> str:
        """``"shoot-pace@2026.1"``: what a computation records as the rule version it used."""
        return f"{self.pack_id}@{self.version}"

    def keys(self) -> list[str]:
        return sorted({e.key for e in self.entries})

    def __iter__(self) -> Iterator[RuleValue]:
        return iter(self.entries)

    def value(self, key: str, on: dt.date | None = None) -> RuleValue:
        """The entry for ``key`` valid on ``on`` (today when omitted)."""
        day = on or dt.date.today()  # noqa: DTZ011 — a calendar date, zone-free on purpose
        candidates = [e for e in self.entries if e.key == key]
        if not candidates:
            raise RuleError(
                t("rule '{key}' is not in pack {pack}", key=key, pack=self.ref),
                where=self.path,
                hint=t("Load a pack that defines it, or check the key"),
            )
        valid = [e for e in candidates if e.valid_on(day)]
        if not valid:
            raise RuleError(
                t(
                    "rule '{key}' of pack {pack} has no value valid on {day}",
                    key=key,
                    pack=self.ref,
                    day=on_day(day),
                ),
                where=self.path,
                hint=t("Load a newer pack"),
            )
        return max(valid, key=lambda e: e.valid_from or dt.date.min)


def _date(raw: object, where: str) -> dt.date | None:
    if raw is None:
        return None
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        raise RuleError(t("'{raw}' is not a date (YYYY-MM-DD)", raw=raw), where=where) from None


def _no_floats(raw: object, where: str) -> object:
    if isinstance(raw, float):
        raise RuleError(
            t(
                "{raw} is written as a bare number; write numbers as quoted strings",
                raw=repr(raw),
            ),
            where=where,
            hint=t('Quote it, e.g. "0.5", so that no value passes through a float'),
        )
    if isinstance(raw, Mapping):
        return {str(k): _no_floats(v, f"{where}.{k}") for k, v in raw.items()}
    if isinstance(raw, list):
        return [_no_floats(v, f"{where}[{i}]") for i, v in enumerate(raw)]
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    return raw


def parse_pack(text: str, *, path: str) -> RulePack:
    """Read a pack from YAML text; ``path`` is only used in error messages."""
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = path if mark is None else t("{file}, line {line}", file=path, line=mark.line + 1)
        raise RuleError(
            t("not valid YAML ({problem})", problem=exc.__class__.__name__), where=where
        ) from None
    if not isinstance(doc, Mapping):
        raise RuleError(t("a rule pack must be a mapping"), where=path)
    for required in ("pack", "version", "values"):
        if required not in doc:
            raise RuleError(
                t("missing '{key}'", key=required),
                where=path,
                hint=t("The pack format is described in regie/rules/pack.py"),
            )
    sources: dict[str, Source] = {}
    for key, raw in (doc.get("sources") or {}).items():
        if not isinstance(raw, Mapping) or "title" not in raw:
            raise RuleError(t("source '{key}' needs a title", key=key), where=path)
        sources[str(key)] = Source(
            key=str(key),
            title=str(raw["title"]),
            url=raw.get("url"),
            consulted=str(raw["consulted"]) if raw.get("consulted") else None,
        )
    entries: list[RuleValue] = []
    values = doc["values"]
    if not isinstance(values, Mapping):
        raise RuleError(t("'values' must be a mapping"), where=path)
    for key, raw_entries in values.items():
        for i, raw in enumerate(raw_entries if isinstance(raw_entries, list) else [raw_entries]):
            where = f"{path}: {key}" + (f"[{i}]" if isinstance(raw_entries, list) else "")
            if not isinstance(raw, Mapping) or "value" not in raw or "status" not in raw:
                raise RuleError(t("each value needs 'value' and 'status'"), where=where)
            try:
                status = Status(str(raw["status"]))
            except ValueError:
                raise RuleError(
                    t("unknown status '{status}'", status=raw["status"]),
                    where=where,
                    hint=t("Use one of: {statuses}", statuses=", ".join(s.value for s in Status)),
                ) from None
            cited = raw.get("source") or []
            cited = [cited] if isinstance(cited, str) else list(cited)
            unknown = [c for c in cited if c not in sources]
            if unknown:
                raise RuleError(
                    t("cites unknown source(s) {keys}", keys=", ".join(unknown)), where=where
                )
            if status is not Status.CUSTOMARY and not cited:
                raise RuleError(t("a value that is not customary must cite a source"), where=where)
            entries.append(
                RuleValue(
                    key=str(key),
                    value=_no_floats(raw["value"], where),
                    status=status,
                    sources=tuple(sources[c] for c in cited),
                    unit=raw.get("unit"),
                    valid_from=_date(raw.get("valid_from"), where),
                    valid_to=_date(raw.get("valid_to"), where),
                    note=raw.get("note"),
                )
            )
    return RulePack(
        pack_id=str(doc["pack"]),
        version=str(doc["version"]),
        title=str(doc.get("title", doc["pack"])),
        path=path,
        entries=tuple(entries),
        sources=sources,
    )
