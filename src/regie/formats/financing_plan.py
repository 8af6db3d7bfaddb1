# SPDX-License-Identifier: AGPL-3.0-or-later
"""A financing plan as a file (YAML, or JSON with the same keys), read into
:class:`~regie.finance.financing.FinancingPlan` and the facts the aid checks need.

::

    title: Le Dernier Bac — plan de financement
    budget_total: "1480000"          # optional: `--budget-total` gives or overrides it
    work:                            # optional; what the aid ceiling depends on
      kind: audiovisual              # cinema | audiovisual
      genre: fiction                 # fiction | documentary | animation | other
      minutes: 52                    # running time (cost per hour, audiovisual)
      film_rank: 1                   # cinema: the director's 1st, 2nd… feature
      difficult: false               # recognised difficult by the CNC
      selective_documentary: false   # creative documentary eligible for selective aid
      derogation_granted: false      # the CNC allowed more than 50 %
      french_share: "1"              # of an international coproduction
    sources:
      - id: region-normandie         # unique; scenarios name sources by it
        kind: region                 # producer_equity, broadcaster_presale, … (see SourceKind)
        partner: Région Normandie
        amount: "200000"             # euros: "200 000,50", 200000 and "200000.50" all read
        status: requested            # planned | requested | granted | paid | refused
        region: Normandie            # regional funds: where the local spend is counted
        spend_factor: "1.5"          # optional: the fund's own local-spend factor
        public: true                 # optional: overrides the kind's classification
        note: "comité du 12 mai"
    scenarios:
      - id: region-refuses
        title: Si la région refuse
        remove: [region-normandie]
        amounts: {cnc-selective: "100000"}
    spend:                           # budget spend by place (PlacedSpend)
      - {account: "52", amount: "38000", region: Normandie}

Amounts never pass through a float: YAML numbers are read from their text, JSON ones as
``Decimal``. Every error names the file, the line (YAML) and the field.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, Final, TypeVar

import yaml

from regie.core.errors import InputError, Message, ParseError, ValidationError
from regie.core.money import to_decimal
from regie.core.text import Text, t
from regie.finance.aid import AidProfile, Genre, PlacedSpend, WorkKind
from regie.finance.financing import (
    FinancingPlan,
    FinancingSource,
    Scenario,
    SourceKind,
    SourceStatus,
    check_plan,
)

MAX_PLAN_BYTES: Final = 2 * 1024 * 1024
E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True, slots=True)
class PlanFile:
    plan: FinancingPlan
    profile: AidProfile
    spend: tuple[PlacedSpend, ...]
    budget_total: Decimal | None  # None when the file does not give it


class _Located(dict[str, Any]):
    """A YAML mapping that remembers its line and the line of each key (1-based)."""

    line: int | None = None
    key_lines: dict[str, int] | None = None


class _Loader(yaml.SafeLoader):
    """Safe YAML where numbers with a fraction stay text (read as Decimal later) and
    mappings keep their line."""


def _float_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return str(loader.construct_scalar(node))  # type: ignore[arg-type]


def _located_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> _Located:
    mapping = _Located({str(k): v for k, v in loader.construct_mapping(node, deep=True).items()})
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    return mapping


_Loader.add_constructor("tag:yaml.org,2002:float", _float_as_text)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _located_mapping)


def read_plan(data: bytes, filename: str) -> PlanFile:
    """The plan in ``data`` (JSON when it starts with ``{``, else YAML)."""
    hint = t("Write the plan as YAML or JSON (see regie/formats/financing_plan.py)")
    if not data.strip():
        raise ParseError(t("the file is empty"), file=filename, hint=hint)
    if len(data) > MAX_PLAN_BYTES or b"\x00" in data[:8192]:
        raise ParseError(t("this is not a financing plan (YAML or JSON)"), file=filename, hint=hint)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ParseError(
            t("the file is not UTF-8 text"),
            file=filename,
            line=data[: exc.start].count(b"\n") + 1,
            hint=t("Save the file as UTF-8"),
        ) from None
    doc = _load(text, filename, hint)
    if not isinstance(doc, Mapping):
        raise ParseError(
            t("a financing plan is a mapping with 'sources'"), file=filename, hint=hint
        )
    return _Reader(filename).plan_file(doc)


def _load(text: str, filename: str, hint: Text) -> object:
    if text.lstrip().startswith("{"):
        try:
            return json.loads(text, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            raise ParseError(
                t("not valid JSON: {reason}", reason=exc.msg),
                file=filename,
                line=exc.lineno,
                hint=hint,
            ) from None
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 — a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ParseError(
            t("not valid YAML ({problem})", problem=getattr(exc, "problem", None) or "?"),
            file=filename,
            line=mark.line + 1 if mark is not None else None,
            hint=hint,
        ) from None


class _Reader:
    def __init__(self, filename: str) -> None:
        self.filename = filename

    def fail(
        self, what: Message, node: object, field: str, hint: Message | None = None
    ) -> InputError:
        line = None
        if isinstance(node, _Located):  # the key's own line, else the mapping's
            lines = node.key_lines or {}
            key = field.rpartition(".")[2]
            line = lines.get(key) or lines.get(field.partition(".")[0]) or node.line
        where = (
            t("{file}, line {line}, field '{field}'", file=self.filename, line=line, field=field)
            if line is not None
            else t("{file}, field '{field}'", file=self.filename, field=field)
        )
        return InputError(what, where=where, hint=hint)

    def plan_file(self, doc: Mapping[str, Any]) -> PlanFile:
        raw_sources = doc.get("sources")
        if not isinstance(raw_sources, list) or not raw_sources:
            raise self.fail(t("the plan has no sources"), doc, "sources",
                            t("List the financing sources under 'sources'"))  # fmt: skip
        sources = tuple(self.source(raw, f"sources[{n}]") for n, raw in enumerate(raw_sources))
        scenarios = tuple(
            self.scenario(raw, f"scenarios[{n}]")
            for n, raw in enumerate(self.items(doc, "scenarios"))
        )
        plan = FinancingPlan(
            sources=sources,
            title=str(doc.get("title") or ""),
            currency=str(doc.get("currency") or "EUR"),
            scenarios=scenarios,
        )
        try:
            check_plan(plan)
        except ValidationError as error:
            raise self.fail(error.what, doc, error.field or "sources", error.hint) from None
        budget = doc.get("budget_total")
        return PlanFile(
            plan=plan,
            profile=self.profile(doc.get("work") or _Located(), "work"),
            spend=tuple(
                self.spend(raw, f"spend[{n}]") for n, raw in enumerate(self.items(doc, "spend"))
            ),
            budget_total=None if budget is None else self.amount(budget, doc, "budget_total"),
        )

    def items(self, doc: Mapping[str, Any], key: str) -> list[Any]:
        raw = doc.get(key) or []
        if not isinstance(raw, list):
            raise self.fail(t("'{key}' must be a list", key=key), doc, key)
        return raw

    def mapping(self, raw: object, field: str) -> Mapping[str, Any]:
        if not isinstance(raw, Mapping):
            raise self.fail(t("'{field}' must be a mapping", field=field), raw, field)
        return raw

    def text(self, raw: Mapping[str, Any], key: str, field: str) -> str:
        value = raw.get(key)
        if value is None or not str(value).strip():
            raise self.fail(t("'{key}' is missing", key=key), raw, f"{field}.{key}")
        return str(value).strip()

    def amount(self, value: object, node: object, field: str) -> Decimal:
        try:
            return to_decimal(value, field=field)
        except ValidationError as error:
            raise self.fail(error.what, node, field, error.hint) from None

    def choice(self, raw: Mapping[str, Any], key: str, field: str, enum: type[E], default: E) -> E:
        value = raw.get(key)
        if value is None:
            return default
        try:
            return enum(str(value).strip())
        except ValueError:
            raise self.fail(
                t("'{value}' is not one of {allowed}", value=value,
                  allowed=", ".join(e.value for e in enum)),
                raw, f"{field}.{key}",
            ) from None  # fmt: skip

    def flag(self, raw: Mapping[str, Any], key: str, field: str) -> bool | None:
        value = raw.get(key)
        if value is None or isinstance(value, bool):
            return value
        raise self.fail(t("'{key}' must be true or false", key=key), raw, f"{field}.{key}")

    def source(self, node: object, field: str) -> FinancingSource:
        raw = self.mapping(node, field)
        factor = raw.get("spend_factor")
        return FinancingSource(
            id=self.text(raw, "id", field),
            kind=self.kind(raw, field),
            partner=str(raw.get("partner") or raw.get("id") or ""),
            amount=self.amount(raw.get("amount"), raw, f"{field}.amount"),
            status=self.choice(raw, "status", field, SourceStatus, SourceStatus.PLANNED),
            public=self.flag(raw, "public", field),
            region=str(raw.get("region") or ""),
            spend_factor=None
            if factor is None
            else self.amount(factor, raw, f"{field}.spend_factor"),
            note=str(raw.get("note") or ""),
        )

    def kind(self, raw: Mapping[str, Any], field: str) -> SourceKind:
        if raw.get("kind") is None:
            raise self.fail(
                t("'kind' is missing"), raw, f"{field}.kind",
                t("Use one of: {kinds}", kinds=", ".join(k.value for k in SourceKind)),
            )  # fmt: skip
        return self.choice(raw, "kind", field, SourceKind, SourceKind.OTHER_PRIVATE)

    def scenario(self, node: object, field: str) -> Scenario:
        raw = self.mapping(node, field)
        remove = raw.get("remove") or []
        if not isinstance(remove, list):
            raise self.fail(t("'{key}' must be a list", key="remove"), raw, f"{field}.remove")
        amounts = self.mapping(raw.get("amounts") or {}, f"{field}.amounts")
        return Scenario(
            id=self.text(raw, "id", field),
            title=str(raw.get("title") or ""),
            remove=tuple(str(r) for r in remove),
            amounts={
                str(k): self.amount(v, raw, f"{field}.amounts.{k}") for k, v in amounts.items()
            },
        )

    def profile(self, node: object, field: str) -> AidProfile:
        raw = self.mapping(node, field)
        minutes, rank = raw.get("minutes"), raw.get("film_rank")
        for key, value in (("minutes", minutes), ("film_rank", rank)):
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                raise self.fail(t("'{key}' must be a whole number", key=key), raw, f"{field}.{key}")
        share = raw.get("french_share")
        french_share = (
            Decimal(1) if share is None else self.amount(share, raw, f"{field}.french_share")
        )
        if not 0 < french_share <= 1:
            raise self.fail(
                t("the French share must be more than 0 and at most 1"), raw,
                f"{field}.french_share", t("Write it as a fraction, e.g. 0.7 for 70%"),
            )  # fmt: skip
        return AidProfile(
            kind=self.choice(raw, "kind", field, WorkKind, WorkKind.AUDIOVISUAL),
            genre=self.choice(raw, "genre", field, Genre, Genre.FICTION),
            film_rank=rank,
            difficult=bool(self.flag(raw, "difficult", field)),
            selective_documentary=bool(self.flag(raw, "selective_documentary", field)),
            derogation_granted=bool(self.flag(raw, "derogation_granted", field)),
            minutes=minutes,
            french_share=french_share,
        )

    def spend(self, node: object, field: str) -> PlacedSpend:
        raw = self.mapping(node, field)
        return PlacedSpend(
            account=self.text(raw, "account", field),
            amount=self.amount(raw.get("amount"), raw, f"{field}.amount"),
            region=str(raw.get("region") or ""),
        )
