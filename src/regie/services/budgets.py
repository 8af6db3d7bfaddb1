# SPDX-License-Identifier: AGPL-3.0-or-later
"""Budgets (devis versions) of a production: create one on the CNC chart of its kind,
edit its lines with optimistic versions, and compute it (:func:`regie.budget.compute`).

Every edit is one transaction checked in full before anything is written: a bad
quantity, an unknown account or fringe group is refused naming the field, and the budget
stays as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal

from sqlalchemy.orm import Session

from regie.budget.catalog import BudgetRecord, LineFields
from regie.budget.charges import fringe_groups
from regie.budget.chart import load_chart
from regie.budget.compare import Comparison, compare
from regie.budget.compute import compute
from regie.budget.globals import GLOBAL_NAMES, Globals, resolve_quantity
from regie.budget.model import Budget, BudgetLine, Chart, ChartKind, Devis, FringeGroup, Place
from regie.core.errors import ValidationError
from regie.core.money import to_decimal
from regie.core.production import Agreement, Production
from regie.core.text import Text, t
from regie.formats.devis_xlsx import DevisImport, read_devis_xlsx
from regie.office.roles import Permission, User
from regie.rules.pack import Status
from regie.services.access import production_for
from regie.services.database import Database
from regie.storage.repos import budgets

MAX_TEXT = 500


def chart_kind(production: Production) -> ChartKind:
    """The CNC devis of a production's kind: cinema for a feature film (IDCC 3097),
    the audiovisual programme devis otherwise."""
    return ChartKind.CINEMA if production.agreement is Agreement.CINEMA else ChartKind.AUDIOVISUAL


def _chart(kind: ChartKind) -> Chart:
    return load_chart(kind)


def budget_name(name: str) -> str:
    """A budget's name, spaces tidied: 1 to 200 characters."""
    clean = " ".join(name.split())
    if not clean or len(clean) > 200:
        raise ValidationError(t("the name must have 1 to {max} characters", max=200), field="name")
    return clean


def create_budget(
    db: Database,
    slug: str,
    *,
    actor: User | None,
    name: str | None = None,
    kind: ChartKind | None = None,
) -> BudgetRecord:
    """A new, empty budget on the current CNC chart of the production's kind."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
        chosen_kind = kind or chart_kind(production)
        chart = _chart(chosen_kind)
        existing = budgets.numbers(session, production.id)
        chosen = budget_name(name if name is not None else f"Devis {len(existing) + 1}")
        number = budgets.insert_budget(session, production.id, chosen, chosen_kind, chart.ref)
        return budgets.budget(session, production.id, number)


def production_of(db: Database, slug: str, *, actor: User | None) -> Production:
    """The production a budget document is printed for."""
    with db.session() as session:
        return production_for(session, slug, actor, Permission.VIEW_BUDGET)


def list_budgets(db: Database, slug: str, *, actor: User | None) -> list[BudgetRecord]:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_BUDGET)
        return [
            budgets.budget(session, production.id, n)
            for n in budgets.numbers(session, production.id)
        ]


def get_budget(db: Database, slug: str, number: int, *, actor: User | None) -> BudgetRecord:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_BUDGET)
        return budgets.budget(session, production.id, number)


def _number(raw: object, field: str) -> Decimal:
    value = to_decimal(raw, field=field)
    if value < 0:
        raise ValidationError(
            t("{field} cannot be negative", field=field),
            field=field,
            hint=t("Enter 0 or more; a saving is a line of its own"),
        )
    return value


def _text(raw: str, field: str, *, required: bool) -> str:
    clean = " ".join(raw.split())
    if required and not clean:
        raise ValidationError(t("{field} is empty", field=field), field=field)
    if len(clean) > MAX_TEXT:
        raise ValidationError(
            t("{field} is limited to {max} characters", field=field, max=MAX_TEXT), field=field
        )
    return clean


def _quantity(raw: object, globals: Mapping[str, Decimal]) -> tuple[Decimal, str | None]:
    """A typed quantity: a number, or an expression of the budget's globals
    (``shoot_days``, ``2*prep_weeks``) that the line then follows."""
    if isinstance(raw, str) and any(c.isalpha() for c in raw):
        return _number(resolve_quantity(raw, globals), "quantity"), " ".join(raw.split())
    return _number(raw, "quantity"), None


def make_line(
    fields: LineFields,
    code: str,
    chart: Chart,
    groups: Sequence[str],
    *,
    globals: Mapping[str, Decimal] | None = None,
) -> BudgetLine:
    """``fields`` checked against the chart and the fringe groups, as a line; a quantity
    written with the budget's globals (``shoot_days``…) is resolved with ``globals``."""
    account = fields.account.strip()
    if chart.account(account) is None:
        raise ValidationError(
            t("account {code} is not in the chart {chart}", code=account, chart=chart.ref),
            field="account",
            hint=t("Use an account of the devis (regie devis accounts)"),
        )
    group = (fields.fringe_group or "").strip() or None
    if group is not None and group not in groups:
        raise ValidationError(
            t("{group} is not a group of employer contributions", group=group),
            field="fringe_group",
            hint=t("Use one of: {groups}", groups=", ".join(sorted(groups))),
        )
    try:
        place = Place(fields.place.strip().lower())
    except ValueError:
        raise ValidationError(
            t("'{value}' is not a place of spend", value=fields.place),
            field="place",
            hint=t("Use region, france, eu or elsewhere"),
        ) from None
    quantity, expression = _quantity(fields.quantity, globals or {})
    return BudgetLine(
        id=code,
        account=account,
        description=_text(fields.description, "description", required=True),
        quantity=quantity,
        quantity_expr=expression,
        unit=_text(fields.unit, "unit", required=True),
        rate=_number(fields.rate, "rate"),
        multiplier=_number(fields.multiplier, "multiplier"),
        fringe_group=group,
        place=place,
        tax_credit=fields.tax_credit,
        note=_text(fields.note, "note", required=False),
        origin=fields.origin,
    )


def _groups(record: BudgetRecord) -> dict[str, FringeGroup]:
    """The employer contributions in force when the budget was made, with its overrides."""
    day = (record.created_at or dt.datetime.now(dt.UTC)).date()
    return dict(fringe_groups(day, overrides=record.fringe_rates))


def _edit_context(
    session: Session, slug: str, number: int, actor: User | None
) -> tuple[Production, BudgetRecord, Chart, list[str]]:
    production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
    record = budgets.budget(session, production.id, number)
    return production, record, _chart(record.kind), list(_groups(record))


def add_lines(
    db: Database,
    slug: str,
    number: int,
    rows: Sequence[LineFields],
    *,
    expected_version: int,
    actor: User | None,
) -> BudgetRecord:
    """Append lines; all of them are checked before any is stored."""
    with db.session() as session:
        production, record, chart, groups = _edit_context(session, slug, number, actor)
        budgets.touch(session, production.id, number, expected_version=expected_version)
        lines: list[BudgetLine] = []
        for fields in rows:
            code = budgets.next_code(session, record.id) if not lines else _after(lines[-1].id)
            lines.append(make_line(fields, code, chart, groups, globals=record.globals))
        budgets.insert_lines(session, record.id, lines)
        return budgets.budget(session, production.id, number)


def _after(code: str) -> str:
    return f"L{int(code[1:]) + 1:04d}"


def update_line(
    db: Database,
    slug: str,
    number: int,
    code: str,
    fields: LineFields,
    *,
    expected_version: int,
    actor: User | None,
) -> BudgetRecord:
    """Change one line; ``expected_version`` is the line's version as the user saw it."""
    with db.session() as session:
        production, record, chart, groups = _edit_context(session, slug, number, actor)
        line = make_line(fields, code, chart, groups, globals=record.globals)
        budgets.update_line(session, record.id, line, expected_version=expected_version)
        return budgets.budget(session, production.id, number)


def delete_line(
    db: Database, slug: str, number: int, code: str, *, expected_version: int, actor: User | None
) -> BudgetRecord:
    with db.session() as session:
        production, record, _, _ = _edit_context(session, slug, number, actor)
        budgets.delete_line(session, record.id, code, expected_version=expected_version)
        return budgets.budget(session, production.id, number)


def set_rate(
    db: Database,
    slug: str,
    number: int,
    key: str,
    rate: object,
    *,
    expected_version: int,
    actor: User | None,
) -> BudgetRecord:
    """Override, for this budget, the rate of an add-on (``overheads``, ``contingency``…)
    or of an employer contribution (``employer.other``, or ``group/fringe`` for one group)
    — ``rate`` as a share (``0.07`` for 7 %); ``None`` or ``""`` goes back to the pack's."""
    with db.session() as session:
        production, record, chart, _ = _edit_context(session, slug, number, actor)
        addon_keys = {a.key for a in chart.addons}
        addons, fringes = dict(record.addon_rates), dict(record.fringe_rates)
        target = addons if key in addon_keys else fringes
        if rate is None or rate == "":
            target.pop(key, None)
        else:
            value = _number(rate, "rate")
            if value > 1:
                raise ValidationError(
                    t("the rate {rate} is not a share between 0 and 1", rate=value),
                    field="rate",
                    hint=t("Write 7 % as 0.07"),
                )
            target[key] = value
        if target is fringes:  # unknown keys are refused by the contributions pack
            day = (record.created_at or dt.datetime.now(dt.UTC)).date()
            fringe_groups(day, overrides=fringes)
        budgets.touch(session, production.id, number, expected_version=expected_version)
        budgets.set_settings(
            session, production.id, number,
            globals=record.globals, addon_rates=addons, fringe_rates=fringes,
        )  # fmt: skip
        return budgets.budget(session, production.id, number)


def copy_budget(
    db: Database, slug: str, number: int, *, actor: User | None, name: str | None = None
) -> BudgetRecord:
    """A new version of a budget: same chart, lines, globals and rate overrides."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
        source = budgets.budget(session, production.id, number)
        existing = budgets.numbers(session, production.id)
        chosen = budget_name(name if name is not None else f"Devis {len(existing) + 1}")
        new = budgets.insert_budget(
            session, production.id, chosen, source.kind, source.chart_ref, globals=source.globals
        )
        budgets.set_settings(
            session, production.id, new, globals=source.globals,
            addon_rates=source.addon_rates, fringe_rates=source.fringe_rates,
        )  # fmt: skip
        target = budgets.budget(session, production.id, new)
        budgets.insert_lines(session, target.id, [r.line for r in source.lines])
        return budgets.budget(session, production.id, new)


def import_budget(
    db: Database,
    slug: str,
    filename: str,
    data: bytes,
    *,
    actor: User | None,
    name: str | None = None,
) -> tuple[BudgetRecord, DevisImport]:
    """A new budget from a devis workbook (:mod:`regie.formats.devis_xlsx`): the rows that
    map to an account of the production's chart become its lines; the report says what
    mapped and what did not. An unreadable workbook stores nothing."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
    kind = chart_kind(production)
    chart = _chart(kind)
    report = read_devis_xlsx(data, filename, chart)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
        existing = budgets.numbers(session, production.id)
        chosen = budget_name(name if name is not None else f"Devis {len(existing) + 1}")
        number = budgets.insert_budget(session, production.id, chosen, kind, chart.ref)
        record = budgets.budget(session, production.id, number)
        groups = list(_groups(record))
        lines = []
        for n, line in enumerate(report.lines, start=1):
            group = line.fringe_group if line.fringe_group in groups else None
            lines.append(replace(line, id=f"L{n:04d}", fringe_group=group))
        # The whole budget is computed before anything is kept: a negative quantity or a
        # rate the file got wrong refuses the import (the transaction rolls back).
        compute(Budget(chart=chart, lines=tuple(lines), fringe_groups=_groups(record)))
        budgets.insert_lines(session, record.id, lines)
        return budgets.budget(session, production.id, number), report


def compare_budgets(
    db: Database, slug: str, before: int, after: int, *, actor: User | None
) -> Comparison:
    """Two versions side by side: per account, chapter, add-on and total, with variances."""
    return compare(devis(db, slug, before, actor=actor), devis(db, slug, after, actor=actor))


def set_globals(
    db: Database,
    slug: str,
    number: int,
    values: Mapping[str, object],
    *,
    expected_version: int,
    actor: User | None,
) -> BudgetRecord:
    """Change some of the budget's globals (``shoot_days``, ``prep_weeks``, ``wrap_weeks``,
    ``episodes``); every line whose quantity is written with them follows. One
    transaction: a bad value changes nothing."""
    with db.session() as session:
        production, record, _, _ = _edit_context(session, slug, number, actor)
        unknown = sorted(set(values) - set(GLOBAL_NAMES))
        if unknown:
            raise ValidationError(
                t("{name} is not a global of the budget", name=", ".join(unknown)),
                field="globals",
                hint=t("Use one of: {names}", names=", ".join(GLOBAL_NAMES)),
            )
        merged = {**record.globals}
        merged.update({k: to_decimal(v, field=k) for k, v in values.items()})
        checked = Globals(**{k: merged[k] for k in GLOBAL_NAMES if k in merged}).as_mapping()
        budgets.touch(session, production.id, number, expected_version=expected_version)
        budgets.set_settings(
            session, production.id, number, globals=checked,
            addon_rates=record.addon_rates, fringe_rates=record.fringe_rates,
        )  # fmt: skip
        for stored in record.lines:
            expression = stored.line.quantity_expr
            if expression is None:
                continue
            quantity = _number(resolve_quantity(expression, checked), "quantity")
            if quantity != stored.line.quantity:
                budgets.update_line(
                    session, record.id, replace(stored.line, quantity=quantity),
                    expected_version=stored.version,
                )  # fmt: skip
        return budgets.budget(session, production.id, number)


def warnings(devis: Devis) -> list[Text]:
    """What a reader of the devis must know before trusting it: employer contributions
    the rule pack could not source (rate 0, unverified) on lines that use them."""
    out: list[Text] = []
    used = {lt.line.fringe_group for c in devis.chapters for a in c.accounts for lt in a.lines}
    for key in sorted(g for g in used if g):
        group = devis.budget.fringe_groups.get(key)
        for fringe in group.fringes if group else ():
            if fringe.rate == 0 and fringe.cited.status is Status.UNVERIFIED:
                out.append(
                    t(
                        "{group}: {fringe} is at 0 % for want of a sourced rate; the charges "
                        "are understated until you set it",
                        group=group.title if group else key,
                        fringe=fringe.title,
                    )
                )
    return out


def devis(db: Database, slug: str, number: int, *, actor: User | None) -> Devis:
    """The budget computed: chapters, fringes, add-ons and totals."""
    record = get_budget(db, slug, number, actor=actor)
    groups = _groups(record)
    budget = Budget(
        chart=_chart(record.kind),
        lines=tuple(r.line for r in record.lines),
        fringe_groups=groups,
        globals=record.globals,
        addon_rates=record.addon_rates,
    )
    return compute(budget)
