# SPDX-License-Identifier: AGPL-3.0-or-later
"""The provisional-approval (agrément provisoire) file as a checklist.

The pieces come from the ``taxcredit-agrement`` pack (``piece.<key>``), kept for the
case's credit and genre. Each piece is a *document* the producer provides, an *annex*
regie generates (budget summary, eligible spend by category and place, the people paid),
or a *condition* regie checks from the computed result (shooting language, public-aid
ceiling, documentary spend per minute, C2I thresholds).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from regie.finance.taxcredit.eligibility import EligibleSpend
from regie.finance.taxcredit.model import TaxCreditCase, TaxCreditResult
from regie.rules.pack import RulePack, RuleValue, Status


class PieceKind(StrEnum):
    DOCUMENT = "document"  # the producer provides it
    ANNEX = "annex"  # regie generates it
    CONDITION = "condition"  # regie checks it from the case


class PieceState(StrEnum):
    TO_PROVIDE = "to_provide"
    GENERATED = "generated"
    MET = "met"
    NOT_MET = "not_met"
    NOT_CHECKED = "not_checked"  # the case does not say enough


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    key: str  # "applicant", "eligible_spend"…
    title: str  # French
    title_en: str
    kind: PieceKind
    state: PieceState
    status: Status  # how sure the references are that the piece is required
    citation: str
    rule: str  # "taxcredit-agrement@2026.1 piece.applicant"
    annex: str | None = None  # "budget", "eligible_spend", "personnel"


@dataclass(frozen=True, slots=True)
class Checklist:
    case: TaxCreditCase
    items: tuple[ChecklistItem, ...]
    pack: str


def _list(raw: Mapping[str, object], name: str) -> list[str]:
    value = raw.get(name)
    return [str(v) for v in value] if isinstance(value, list) else []


def _check(check: str, result: TaxCreditResult) -> PieceState:
    inputs = result.case.inputs
    if check == "french_language":
        if inputs.french_language is None:
            return PieceState.NOT_CHECKED
        return PieceState.MET if inputs.french_language else PieceState.NOT_MET
    if check == "aid_ceiling":
        if result.aid_ceiling is None:
            return PieceState.NOT_CHECKED
        return PieceState.NOT_MET if result.aid_excess else PieceState.MET
    if check in ("spend_per_minute", "c2i_thresholds"):
        verdicts = [s.value for s in result.trace if s.key in ("eligible", "shooting_days")]
        if not verdicts:
            return PieceState.NOT_CHECKED
        return PieceState.MET if all(v is True for v in verdicts) else PieceState.NOT_MET
    return PieceState.NOT_CHECKED


def _state(
    kind: PieceKind,
    raw: Mapping[str, object],
    result: TaxCreditResult | None,
    spend: EligibleSpend | None,
) -> PieceState:
    if kind is PieceKind.DOCUMENT:
        return PieceState.TO_PROVIDE
    if kind is PieceKind.ANNEX:
        annex = str(raw.get("annex", ""))
        if annex == "personnel" and spend is None:
            return PieceState.TO_PROVIDE  # needs the lines, with who is paid
        if annex == "budget" and (result is None or result.case.inputs.production_cost is None):
            return PieceState.TO_PROVIDE
        return PieceState.GENERATED
    if result is None:
        return PieceState.NOT_CHECKED
    return _check(str(raw.get("check", "")), result)


def checklist(
    case: TaxCreditCase,
    pack: RulePack,
    *,
    result: TaxCreditResult | None = None,
    spend: EligibleSpend | None = None,
) -> Checklist:
    """The pieces of the file for ``case`` (its credit and genre), each with its state."""
    items: list[ChecklistItem] = []
    for entry in pack:
        if not entry.key.startswith("piece.") or not entry.valid_on(case.on):
            continue
        item = _item(entry, case, pack, result, spend)
        if item is not None:
            items.append(item)
    return Checklist(case=case, items=tuple(items), pack=pack.ref)


def _item(
    entry: RuleValue,
    case: TaxCreditCase,
    pack: RulePack,
    result: TaxCreditResult | None,
    spend: EligibleSpend | None,
) -> ChecklistItem | None:
    raw = entry.value if isinstance(entry.value, Mapping) else {}
    if case.credit.value not in _list(raw, "credits"):
        return None
    genres = _list(raw, "genres")
    if genres and case.genre.value not in genres:
        return None
    kind = PieceKind(str(raw.get("kind", "document")))
    annex = raw.get("annex")
    return ChecklistItem(
        key=entry.key.removeprefix("piece."),
        title=str(raw.get("title", entry.key)),
        title_en=str(raw.get("title_en", raw.get("title", entry.key))),
        kind=kind,
        state=_state(kind, raw, result, spend),
        status=entry.status,
        citation=entry.citation(),
        rule=f"{pack.ref} {entry.key}",
        annex=str(annex) if annex else None,
    )
