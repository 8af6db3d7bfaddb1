# SPDX-License-Identifier: AGPL-3.0-or-later
"""Logistics costs into the devis: each travel leg, lodging stay and meal count with a
cost, and each chosen vendor quote, becomes a line of a budget, in one transaction.

A line made here says in its ``origin`` which record it comes from
(``logistique/trajet/3 — …``): pushing again updates those lines (or leaves them when
nothing changed), adds lines for new records and removes the lines of records deleted
since, instead of adding duplicates. Lines typed by hand are never touched. The account is
the record's own, else the ``logistics`` pack's default (``devis.account.*``, customary).
Needs ``EDIT_BUDGET``; the budget's version as the user saw it guards against a stale push.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Final

from regie.budget.catalog import LineFields
from regie.budget.chart import load_chart
from regie.core.errors import ValidationError
from regie.core.production import Production
from regie.core.text import t
from regie.logistics.equipment import EquipmentList
from regie.logistics.lodging import LODGING_LABELS, LodgingStay
from regie.logistics.meals import DIET_LABELS, MealCount
from regie.logistics.travel import MODE_LABELS, PACK_ID, TravelLeg
from regie.office.roles import Permission, User
from regie.rules.pack import RulePack
from regie.rules.registry import pack
from regie.services.access import production_for
from regie.services.budgets import make_line
from regie.services.database import Database
from regie.storage.repos import budgets
from regie.storage.repos import logistics as repo

PREFIX: Final = "logistique/"
SEPARATOR: Final = " — "


@dataclass(frozen=True, slots=True)
class PushReport:
    budget_number: int
    added: int
    updated: int
    unchanged: int
    removed: int
    skipped: tuple[str, ...]  # records without a cost: "logistique/trajet/4"
    budget_version: int


@dataclass(frozen=True, slots=True)
class _Wanted:
    key: str  # "logistique/trajet/3"
    fields: LineFields


def _say(production: Production, pair: tuple[str, str]) -> str:
    return pair[1] if production.language.startswith("en") else pair[0]


def _account(given: str, logistics: RulePack, kind: str) -> str:
    return given or str(logistics.value(f"devis.account.{kind}").value)


def _fields(
    key: str, account: str, description: str, quantity: Decimal, *, unit: str, rate: Decimal
) -> _Wanted:
    return _Wanted(
        key,
        LineFields(
            account=account, description=description[:500], quantity=quantity, unit=unit,
            rate=rate, origin=f"{key}{SEPARATOR}{description}"[:500],
        ),
    )  # fmt: skip


def _leg(leg: TravelLeg, production: Production, logistics: RulePack) -> _Wanted | str:
    key = f"{PREFIX}trajet/{leg.id}"
    f = leg.fields
    if f.cost is None:
        return key
    text = f"{_say(production, MODE_LABELS[f.mode])} {leg.label}, {f.travel_date.isoformat()}"
    text += _say(production, (f", {f.people} pers.", f", {f.people} people"))
    if f.round_trip:
        text += _say(production, (", aller-retour", ", return"))
    unit = _say(production, ("forfait", "flat"))
    return _fields(
        key, _account(f.account, logistics, "travel"), text, Decimal(1), unit=unit, rate=f.cost
    )


def _stay(stay: LodgingStay, production: Production, logistics: RulePack) -> _Wanted | str:
    key = f"{PREFIX}hebergement/{stay.id}"
    f = stay.fields
    if f.rate is None:
        return key
    text = f"{_say(production, LODGING_LABELS[f.kind])} {f.place}, {f.check_in.isoformat()}"
    text += _say(production, (f", {f.nights} nuits × {f.people} pers.",
                              f", {f.nights} nights × {f.people} people"))  # fmt: skip
    unit = _say(production, ("nuit", "night"))
    account = _account(f.account, logistics, "lodging")
    return _fields(key, account, text, Decimal(stay.person_nights), unit=unit, rate=f.rate)


def _meal(meal: MealCount, production: Production, logistics: RulePack) -> _Wanted | str:
    key = f"{PREFIX}repas/{meal.id}"
    f = meal.fields
    if f.unit_cost is None:
        return key
    text = _say(production, ("Repas", "Meals")) + f" {_say(production, DIET_LABELS[f.diet])}"
    text += f", {f.meal_date.isoformat()}"
    unit = _say(production, ("repas", "meal"))
    account = _account(f.account, logistics, "meals")
    return _fields(key, account, text, Decimal(f.count), unit=unit, rate=f.unit_cost)


def _quote(found: EquipmentList, production: Production, logistics: RulePack) -> _Wanted | None:
    quote = found.chosen
    if quote is None:
        return None
    key = f"{PREFIX}devis-loueur/{quote.id}"
    text = f"{found.fields.name} — {quote.fields.vendor}"
    unit = _say(production, ("forfait", "flat"))
    account = _account(quote.fields.account, logistics, "quote")
    return _fields(key, account, text, Decimal(1), unit=unit, rate=quote.fields.amount)


def key_of(origin: str | None) -> str | None:
    """The record key of a line made here (``None`` for any other line)."""
    if not origin or not origin.startswith(PREFIX):
        return None
    return origin.split(SEPARATOR, 1)[0]


def push_to_devis(
    db: Database, slug: str, number: int, *, expected_version: int, actor: User | None,
    rule_dirs: tuple[Path, ...] = (),
) -> PushReport:  # fmt: skip
    """Put the logistics costs on budget ``number`` (see the module docstring)."""
    logistics = pack(PACK_ID, extra_dirs=rule_dirs)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
        production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        record = budgets.budget(session, production.id, number)
        budgets.touch(session, production.id, number, expected_version=expected_version)
        made: list[_Wanted | str | None] = []
        made += [_leg(x, production, logistics) for x in repo.legs(session, production.id)]
        made += [_stay(x, production, logistics) for x in repo.stays(session, production.id)]
        made += [_meal(x, production, logistics) for x in repo.meals(session, production.id)]
        lists = repo.equipment_lists(session, production.id)
        made += [_quote(x, production, logistics) for x in lists]
        wanted = [w for w in made if isinstance(w, _Wanted)]
        skipped = tuple(w for w in made if isinstance(w, str))
        chart = load_chart(record.kind)
        existing = {key_of(r.line.origin): r for r in record.lines if key_of(r.line.origin)}
        added = updated = unchanged = 0
        new_lines = []
        code = budgets.next_code(session, record.id)
        for want in wanted:
            old = existing.pop(want.key, None)
            try:
                line = make_line(want.fields, old.line.id if old else code, chart, [],
                                 globals=record.globals)  # fmt: skip
            except ValidationError as refused:
                raise ValidationError(
                    t("{record}: {problem}", record=want.key, problem=refused.what),
                    field=refused.field, hint=refused.hint,
                ) from None  # fmt: skip
            if old is None:
                new_lines.append(line)
                code = f"L{int(code[1:]) + 1:04d}"
                added += 1
            elif old.line == line:
                unchanged += 1
            else:
                budgets.update_line(session, record.id, line, expected_version=old.version)
                updated += 1
        for gone in existing.values():
            budgets.delete_line(session, record.id, gone.line.id, expected_version=gone.version)
        if new_lines:
            budgets.insert_lines(session, record.id, new_lines)
        after = budgets.budget(session, production.id, number)
        return PushReport(number, added, updated, unchanged, len(existing), skipped,
                          after.version)  # fmt: skip
