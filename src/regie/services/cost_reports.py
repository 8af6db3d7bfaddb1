# SPDX-License-Identifier: AGPL-3.0-or-later
"""The cost report of a budget, its burn chart and weekly snapshots, the final accounts,
and the ledger side of the actuals: FEC imports and the mapping of ledger accounts and
analytic codes onto the devis.

* **FEC import** (:func:`import_fec`): the whole file is read and checked first
  (:func:`regie.formats.fec.check_fec`); any error and nothing is stored (the error lists
  the problems with their line). The same file (same SHA-256) twice is refused; a file
  whose dates overlap an earlier import is refused too unless ``replace`` (then the earlier
  imports it overlaps are removed in the same transaction): a corrected export of a year
  replaces the first one, it never adds to it.
* **Cost report** (:func:`cost_report`): the computation is
  :func:`regie.finance.costreport.cost_report` over everything stored; the burn chart's
  plan spreads the budget over the weeks of the production's latest schedule
  (:mod:`regie.finance.burn`), or is absent when there is no schedule yet.

Services read no clock: the faces pass ``as_of`` / ``on`` (the day of the request).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from regie.budget.catalog import BudgetRecord
from regie.budget.model import Devis
from regie.core.errors import Conflict, NotFound, ValidationError
from regie.core.production import Production
from regie.core.text import t
from regie.finance.actuals import EstimateOverride, LedgerImport, StoredRule
from regie.finance.burn import Burn, Phases, Snapshot, burn, phases_for, snapshot_of
from regie.finance.costreport import (
    Actuals,
    CostReport,
    CostSettings,
    cost_settings,
    suggest_rules,
)
from regie.finance.costreport import cost_report as compute_report
from regie.finance.final_accounts import FinalAccounts
from regie.finance.final_accounts import final_accounts as compute_final
from regie.finance.ledger import (
    LedgerMapping,
    MappingRule,
    check_rules,
    expense_prefixes,
    map_to_devis,
)
from regie.formats.fec import FecError, FecReport, check_fec, fec_format
from regie.office.roles import Permission, User
from regie.rules.registry import pack
from regie.services import budgets, schedules
from regie.services.actuals import money, production_chart, require, text
from regie.services.database import Database
from regie.storage.repos import costs, finance


def settings(rule_dirs: tuple[Path, ...] = ()) -> CostSettings:
    return cost_settings(pack("cost-report", extra_dirs=rule_dirs))


def _rules(session: Session, production_id: int) -> tuple[MappingRule, ...]:
    return tuple(
        MappingRule(r.devis_account, r.account_prefix, r.analytic)
        for r in costs.rules(session, production_id)
    )


def stored_actuals(
    session: Session, production: Production, rule_dirs: tuple[Path, ...] = ()
) -> Actuals:
    """Everything the cost report reads, as stored."""
    return Actuals(
        commitments=tuple(finance.commitments(session, production.id)),
        invoices=tuple(finance.invoices(session, production.id)),
        expenses=tuple(finance.expense_reports(session, production.id)),
        payroll=tuple(costs.payroll_entries(session, production.id)),
        ledger=costs.ledger(session, production.id),
        rules=_rules(session, production.id),
        expense_prefixes=expense_prefixes(pack("fec-format", extra_dirs=rule_dirs)),
    )


def _number(db: Database, slug: str, number: int | None) -> int:
    if number is not None:
        return number
    found = budgets.list_budgets(db, slug, actor=None)
    if not found:
        raise NotFound(
            t("this production has no budget yet"), hint=t("Create one with regie devis new")
        )
    return found[-1].number


# -- the cost report --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CostView:
    """A budget's cost report with what the faces show beside it."""

    production: Production
    record: BudgetRecord
    devis: Devis
    report: CostReport
    settings: CostSettings
    actuals: Actuals
    overrides: dict[str, EstimateOverride] = field(default_factory=dict)
    snapshots: tuple[Snapshot, ...] = ()
    burn: Burn | None = None
    ledger_imports: tuple[LedgerImport, ...] = ()


def _phases(db: Database, slug: str, record: BudgetRecord, chosen: CostSettings) -> Phases | None:
    """The plan's phases from the latest schedule (none: no burn plan)."""
    found = schedules.list_schedules(db, slug, actor=None)
    if not found:
        return None
    latest = found[-1].settings
    shoot_days = record.globals.get("shoot_days") or Decimal(latest.day_count)
    return phases_for(
        latest.start,
        shoot_days,
        days_per_week=latest.days_per_week,
        prep_weeks=record.globals.get("prep_weeks", Decimal(0)),
        post_weeks=chosen.post_weeks,
    )


def cost_report(
    db: Database,
    slug: str,
    number: int | None = None,
    *,
    actor: User | None,
    as_of: dt.date,
    rule_dirs: tuple[Path, ...] = (),
) -> CostView:
    """The cost report of budget ``number`` (the latest when ``None``) as of ``as_of``."""
    with db.session() as session:
        production = require(session, slug, actor, Permission.VIEW_COSTS).production
    chosen_number = _number(db, slug, number)
    record = budgets.get_budget(db, slug, chosen_number, actor=None)
    devis = budgets.devis(db, slug, chosen_number, actor=None)
    chosen = settings(rule_dirs)
    with db.session() as session:
        actuals = stored_actuals(session, production, rule_dirs)
        overrides = costs.overrides(session, record.id)
        kept = tuple(costs.snapshots(session, record.id))
        imports = tuple(costs.ledger_imports(session, production.id))
    report = compute_report(
        devis,
        actuals,
        chosen,
        as_of=as_of,
        overrides={k: v.estimate_to_complete for k, v in overrides.items()},
    )
    phases = _phases(db, slug, record, chosen)
    chart = (
        burn(devis, report.items, phases, chosen, as_of=as_of, snapshots=kept) if phases else None
    )
    return CostView(
        production, record, devis, report, chosen, actuals, overrides, kept, chart, imports
    )


def set_estimate(
    db: Database,
    slug: str,
    number: int,
    account: str,
    amount: object | None,
    *,
    note: str = "",
    expected_version: int | None,
    actor: User | None,
) -> None:
    """Set the estimate to complete of a devis account (``None`` or ``""``: back to the
    default ``max(budget − actual − committed, 0)``)."""
    with db.session() as session:
        production = require(session, slug, actor, Permission.EDIT_ACTUALS).production
    record = budgets.get_budget(db, slug, number, actor=None)
    chart = production_chart(production)
    if chart.account(account) is None:
        raise ValidationError(
            t("'{account}' is not an account of the devis", account=account),
            field="account",
            hint=t("Use an account of the devis (regie devis accounts)"),
        )
    value = None if amount is None or amount == "" else money(amount, "estimate_to_complete")
    with db.session() as session:
        costs.set_override(
            session,
            record.id,
            account,
            value,
            text(note, "note", required=False),
            expected_version=expected_version,
        )


def take_snapshot(
    db: Database,
    slug: str,
    number: int | None = None,
    *,
    actor: User | None,
    on: dt.date,
    rule_dirs: tuple[Path, ...] = (),
) -> Snapshot:
    """Keep the cost report as it stands as the snapshot of ``on``'s week (replacing an
    earlier one of the same week)."""
    with db.session() as session:
        require(session, slug, actor, Permission.EDIT_ACTUALS)
    view = cost_report(db, slug, number, actor=actor, as_of=on, rule_dirs=rule_dirs)
    with db.session() as session:
        return costs.save_snapshot(session, view.record.id, snapshot_of(view.report, on))


def final_accounts(
    db: Database,
    slug: str,
    number: int | None = None,
    *,
    actor: User | None,
    as_of: dt.date,
    rule_dirs: tuple[Path, ...] = (),
) -> tuple[FinalAccounts, CostView]:
    """The final accounts (coût définitif) of the budget, reconciled with the ledger."""
    view = cost_report(db, slug, number, actor=actor, as_of=as_of, rule_dirs=rule_dirs)
    return compute_final(view.devis, view.actuals, view.report, view.settings), view


# -- the ledger -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FecImported:
    batch: LedgerImport
    report: FecReport
    replaced: tuple[LedgerImport, ...] = ()


def import_fec(
    db: Database,
    slug: str,
    filename: str,
    data: bytes,
    *,
    actor: User | None,
    replace: bool = False,
    rule_dirs: tuple[Path, ...] = (),
) -> FecImported:
    """Import a FEC (see the module docstring): :class:`~regie.formats.fec.FecError` with
    every problem's line when the file has any, and nothing stored."""
    with db.session() as session:
        require(session, slug, actor, Permission.EDIT_ACTUALS)
    name = Path(filename).name or "fec.txt"
    fmt = fec_format(pack("fec-format", extra_dirs=rule_dirs))
    report = check_fec(io.BytesIO(data), filename=name, fmt=fmt)
    if report.ledger is None or not report.ledger.entries:
        if report.valid:
            raise ValidationError(
                t("the FEC has no entry"), field="file", hint=t("Export the year's entries again")
            )
        raise FecError(report)
    ledger = report.ledger
    first = min(e.date for e in ledger.entries)
    last = max(e.date for e in ledger.entries)
    with db.session() as session:
        production = require(session, slug, actor, Permission.EDIT_ACTUALS).production
        overlapping = tuple(
            b
            for b in costs.ledger_imports(session, production.id)
            if b.first_date <= last and first <= b.last_date
        )
        digest = hashlib.sha256(data).hexdigest()
        if overlapping and not replace and all(b.sha256 != digest for b in overlapping):
            raise Conflict(
                t(
                    "the FEC covers {first} to {last}, which overlaps {previous}; nothing was "
                    "imported",
                    first=first.isoformat(),
                    last=last.isoformat(),
                    previous=", ".join(b.file_name for b in overlapping),
                ),
                where=name,
                hint=t("Import it with replace to put it in place of the earlier file"),
            )
        if replace:
            for batch in overlapping:
                if batch.sha256 != digest:
                    costs.delete_ledger_import(session, production.id, batch.id)
        stored = costs.insert_ledger(
            session,
            production.id,
            ledger,
            file_name=name,
            sha256=digest,
            encoding=report.encoding or "",
            format_ref=report.format_ref,
        )
        return FecImported(stored, report, overlapping if replace else ())


def ledger_imports(db: Database, slug: str, *, actor: User | None) -> list[LedgerImport]:
    with db.session() as session:
        production = require(session, slug, actor, Permission.VIEW_COSTS).production
        return costs.ledger_imports(session, production.id)


def list_rules(db: Database, slug: str, *, actor: User | None) -> list[StoredRule]:
    with db.session() as session:
        production = require(session, slug, actor, Permission.VIEW_COSTS).production
        return costs.rules(session, production.id)


def add_rule(
    db: Database,
    slug: str,
    *,
    devis_account: str,
    account_prefix: str = "",
    analytic: str = "",
    actor: User | None,
) -> StoredRule:
    """Map ledger lines (an account prefix such as ``6132``, and/or an analytic code) onto
    a devis account; the most specific rule wins (:func:`regie.finance.ledger.rule_for`)."""
    prefix, code = account_prefix.strip(), analytic.strip()
    if prefix and not prefix.isdigit():
        raise ValidationError(
            t("'{prefix}' is not a ledger account prefix", prefix=prefix),
            field="account_prefix",
            hint=t("Write the first digits of the ledger accounts, e.g. 6132"),
        )
    with db.session() as session:
        production = require(session, slug, actor, Permission.EDIT_ACTUALS).production
        chart = production_chart(production)
        accounts = [a.code for c in chart.chapters for a in c.accounts]
        (rule,) = check_rules([MappingRule(devis_account.strip(), prefix, code)], accounts)
        return costs.insert_rule(
            session, production.id, rule.account_prefix, rule.analytic, rule.devis_account
        )


def delete_rule(
    db: Database, slug: str, rule_id: int, *, expected_version: int, actor: User | None
) -> None:
    with db.session() as session:
        production = require(session, slug, actor, Permission.EDIT_ACTUALS).production
        costs.delete_rule(session, production.id, rule_id, expected_version=expected_version)


def suggested_rules(db: Database, slug: str, *, actor: User | None) -> tuple[MappingRule, ...]:
    """Rules ``analytic code → the devis account of the same code`` for the analytic codes
    of the ledger that are devis accounts and have no rule yet."""
    with db.session() as session:
        production = require(session, slug, actor, Permission.VIEW_COSTS).production
        return _suggested(session, production)


def _suggested(session: Session, production: Production) -> tuple[MappingRule, ...]:
    ledger = costs.ledger(session, production.id)
    if ledger is None:
        return ()
    chart = production_chart(production)
    accounts = [a.code for c in chart.chapters for a in c.accounts]
    return suggest_rules(ledger, accounts, _rules(session, production.id))


def apply_suggested_rules(db: Database, slug: str, *, actor: User | None) -> list[StoredRule]:
    """Store the :func:`suggested_rules`."""
    with db.session() as session:
        production = require(session, slug, actor, Permission.EDIT_ACTUALS).production
        return [
            costs.insert_rule(session, production.id, r.account_prefix, r.analytic, r.devis_account)
            for r in _suggested(session, production)
        ]


def mapping(
    db: Database, slug: str, *, actor: User | None, rule_dirs: tuple[Path, ...] = ()
) -> LedgerMapping | None:
    """The ledger's charges per devis account under the production's rules, and the
    charge accounts no rule maps (``None`` before any FEC import)."""
    with db.session() as session:
        production = require(session, slug, actor, Permission.VIEW_COSTS).production
        ledger = costs.ledger(session, production.id)
        if ledger is None:
            return None
        prefixes = expense_prefixes(pack("fec-format", extra_dirs=rule_dirs))
        return map_to_devis(ledger, _rules(session, production.id), prefixes=prefixes)
