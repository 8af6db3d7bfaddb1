# SPDX-License-Identifier: AGPL-3.0-or-later
"""The carbon footprint estimate of a production from its stored data: travel legs,
lodging stays, meal counts, energy entries (generator fuel, grid, cloud storage) and the
shoot days of its main board (the primary board of the newest schedule version, else its
first board), computed by :func:`regie.finance.carbon.estimate`; frozen as numbered
versions, provisional (devis stage) or final (final costs: one only, and none after it).

The cloud storage of the archive can come from a media plan
(:func:`add_archive_storage`: the archive's bytes × copies × years in TB-years). Needs
``VIEW_BUDGET`` to see, ``EDIT_BUDGET`` to freeze.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, Decimal
from pathlib import Path
from typing import Final

from sqlalchemy.orm import Session

from regie.core.calendar import PARIS
from regie.core.errors import Conflict, ValidationError
from regie.core.production import Production
from regie.core.text import t
from regie.finance.carbon import CarbonEstimate, CarbonInputs, CarbonPacks, EstimateKind, estimate
from regie.finance.carbon_record import CarbonVersion
from regie.logistics.energy import EnergyEntry, EnergyFields, EnergyKind, ProductionPhase
from regie.logistics.factors import CATEGORIES_PACK, EMISSIONS_PACK
from regie.logistics.travel import PACK_ID, check_date
from regie.media.archive import ColdStoragePlan
from regie.office.roles import Permission, User
from regie.rules.registry import pack
from regie.services.access import production_for
from regie.services.database import Database
from regie.storage.repos import boards, schedules
from regie.storage.repos import logistics as repo

TB: Final = Decimal(10**12)
THOUSANDTH: Final = Decimal("0.001")


def today() -> dt.date:
    """The civil date in Paris (the faces pass it; services keep no clock of their own)."""
    return dt.datetime.now(tz=PARIS).date()


def carbon_packs(rule_dirs: tuple[Path, ...] = ()) -> CarbonPacks:
    return CarbonPacks(
        categories=pack(CATEGORIES_PACK, extra_dirs=rule_dirs),
        emissions=pack(EMISSIONS_PACK, extra_dirs=rule_dirs),
        logistics=pack(PACK_ID, extra_dirs=rule_dirs),
    )


def shoot_days(session: Session, production: Production) -> int | None:
    """Days of the main board: the newest schedule's primary board, else its first."""
    found = schedules.list_schedules(session, production.id)
    if not found:
        return None
    listed = boards.list_boards(session, found[-1].id)
    chosen = next((b for b in listed if b.primary), listed[0] if listed else None)
    return None if chosen is None else len(chosen.days)


def _inputs(session: Session, production: Production) -> CarbonInputs:
    return CarbonInputs(
        legs=repo.legs(session, production.id),
        stays=repo.stays(session, production.id),
        meals=repo.meals(session, production.id),
        energy=repo.energy(session, production.id),
        shoot_days=shoot_days(session, production),
    )


def carbon_estimate(
    db: Database, slug: str, *, actor: User | None, on: dt.date | None = None,
    kind: EstimateKind = EstimateKind.PROVISIONAL, rule_dirs: tuple[Path, ...] = (),
) -> CarbonEstimate:  # fmt: skip
    """The estimate from the data stored now (not frozen)."""
    packs = carbon_packs(rule_dirs)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_BUDGET)
        inputs = _inputs(session, production)
    return estimate(inputs, packs, on=on or today(), kind=kind)


def freeze(
    db: Database, slug: str, *, actor: User | None, kind: EstimateKind,
    on: dt.date | None = None, rule_dirs: tuple[Path, ...] = (),
) -> CarbonVersion:  # fmt: skip
    """Compute and store a numbered version; a final estimate closes the series."""
    packs = carbon_packs(rule_dirs)
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_BUDGET)
        if EstimateKind.FINAL.value in repo.kinds_frozen(session, production.id):
            raise Conflict(
                t("the final carbon estimate is already frozen"),
                hint=t("The final estimate closes the series; read it with regie carbon show"),
            )
        found = estimate(_inputs(session, production), packs, on=on or today(), kind=kind)
        return repo.insert_carbon(session, production.id, found)


def versions(db: Database, slug: str, *, actor: User | None) -> list[CarbonVersion]:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_BUDGET)
        return repo.carbon_versions(session, production.id)


def version(db: Database, slug: str, number: int, *, actor: User | None) -> CarbonVersion:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_BUDGET)
        return repo.carbon_version(session, production.id, number)


def production_of(db: Database, slug: str, *, actor: User | None) -> Production:
    with db.session() as session:
        return production_for(session, slug, actor, Permission.VIEW_BUDGET)


def archive_tb_years(plan: ColdStoragePlan) -> Decimal:
    """The archive of a media plan in terabyte-years: bytes per copy × copies × years,
    rounded up to the thousandth."""
    volume = Decimal(plan.bytes_per_copy) * plan.copies / TB * plan.years
    return volume.quantize(THOUSANDTH, rounding=ROUND_CEILING)


def add_archive_storage(
    db: Database, slug: str, plan: ColdStoragePlan, *, actor: User | None, on: dt.date,
) -> EnergyEntry:  # fmt: skip
    """Record a media plan's cloud archive as a storage entry of the carbon estimate."""
    if plan.media_per_copy is not None:  # tapes: no sourced factor
        raise ValidationError(
            t("the archive is on tapes ({tier}); no emission factor is sourced for them",
              tier=plan.tier_label),
            field="tier",
            hint=t("Only a cloud archive counts in the estimate (data-centre share)"),
        )  # fmt: skip
    fields = EnergyFields(
        entry_date=on, kind=EnergyKind.CLOUD_STORAGE, quantity=archive_tb_years(plan),
        phase=ProductionPhase.POST, label=f"Archive {plan.tier_label}",
    )  # fmt: skip
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        check_date(on, "entry_date", repo.settings(session, production.id).starts_on)
        return repo.insert_energy(session, production.id, fields)
