# SPDX-License-Identifier: AGPL-3.0-or-later
"""The storage sizing form's use case: the choices it offers (camera codecs of the
codec-rates pack, outlets of the delivery-specs pack, archive tiers), what it fills in
from the production (shoot days of the main board, running time), and the plan it makes
(:func:`regie.media.storage.size_storage`, each figure explained) — the same plan as
``regie media size``.

The proxy is the pack's proxy variant at the camera's frame rate unless the form names
one (or ``none``); an outlet brings its intermediate codec and delivery formats.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from regie.core.errors import ValidationError
from regie.core.money import Money
from regie.core.text import t
from regie.media.outlets import outlet_ids, propose_formats
from regie.media.rates import CodecRate, codec_rates, lookup, rate_by_key
from regie.media.storage import DeliveryFormat, StorageInputs, StoragePlan, size_storage
from regie.office.roles import User
from regie.services.database import Database
from regie.services.media_plans import MediaPacks, ProductionFacts, media_packs, production_facts

TIERS = ("lto-9", "lto-8", "cloud-deep-archive")
NO_PROXY = "none"


@dataclass(frozen=True, slots=True)
class Outlet:
    id: str
    title_fr: str
    title_en: str


@dataclass(frozen=True, slots=True)
class SizingChoices:
    codecs: tuple[CodecRate, ...]
    outlets: tuple[Outlet, ...]
    tiers: tuple[str, ...]
    default_proxy: str  # the pack's proxy key


def sizing_choices(rule_dirs: tuple[Path, ...] = ()) -> SizingChoices:
    packs = media_packs(rule_dirs)
    outlets = []
    for outlet in outlet_ids(packs.specs):
        title = packs.specs.value(f"{outlet}.title").value
        outlets.append(Outlet(outlet, str(title["fr"]), str(title["en"])))
    default = str(packs.storage.value("planning.proxy").value)
    return SizingChoices(codec_rates(packs.codecs), tuple(outlets), TIERS, default)


@dataclass(frozen=True, slots=True)
class SizingRequest:
    """What the form sends, already read as numbers (``None``: the pack's or the
    production's default)."""

    camera: str  # a codec-rates key
    cameras: int
    hours_per_day: Decimal
    shoot_days: int | None
    copies: int | None = None
    proxy: str = ""  # "" the default proxy, "none", or a codec-rates key
    outlet: str = ""
    runtime_minutes: Decimal | None = None
    tier: str = "lto-9"
    archive_copies: int | None = None
    disk_price_per_tb: Money | None = None


@dataclass(frozen=True, slots=True)
class SizedPlan:
    plan: StoragePlan
    title: str
    facts: ProductionFacts


def _rate(packs: MediaPacks, key: str, field: str) -> CodecRate:
    if not any(entry.key == key for entry in packs.codecs):
        raise ValidationError(
            t("no codec '{key}' in {pack}", key=key, pack=packs.codecs.ref),
            field=field,
            hint=t("Choose a codec from the list"),
        )
    return rate_by_key(packs.codecs, key)


def _proxy(packs: MediaPacks, choice: str, camera: CodecRate) -> CodecRate | None:
    if choice == NO_PROXY:
        return None
    if choice:
        return _rate(packs, choice, "proxy")
    default = rate_by_key(packs.codecs, str(packs.storage.value("planning.proxy").value))
    try:
        return lookup(packs.codecs, default.variant, default.resolution, camera.fps)
    except ValidationError:
        return default


def _check(request: SizingRequest) -> None:
    for field, value in (("cameras", request.cameras), ("copies", request.copies),
                         ("archive_copies", request.archive_copies)):  # fmt: skip
        if value is not None and not 1 <= value <= 100:
            raise ValidationError(
                t("{field} must be between {low} and {high}, not {value}",
                  field=field, low=1, high=100, value=value),
                field=field,
            )  # fmt: skip
    if request.tier not in TIERS:
        raise ValidationError(
            t("'{tier}' is not an archive tier", tier=request.tier),
            field="tier",
            hint=t("Use one of: {tiers}", tiers=", ".join(TIERS)),
        )


def size_plan(
    db: Database,
    slug: str,
    request: SizingRequest,
    *,
    actor: User | None,
    rule_dirs: tuple[Path, ...] = (),
) -> SizedPlan:
    """The storage plan of ``request`` for production ``slug`` (shoot days from its main
    board and running time from the production when the form leaves them blank)."""
    _check(request)
    facts = production_facts(db, slug, actor=actor)
    packs = media_packs(rule_dirs)
    camera = _rate(packs, request.camera, "camera")
    days, origin = request.shoot_days, "given"
    if days is None and facts.board is not None:
        days, origin = facts.board.days, "board"
    if days is None:
        raise ValidationError(
            t("the number of shoot days is not known"),
            field="shoot_days",
            hint=t("Give the number of shoot days, or make a board in the shooting schedule"),
        )
    middle: CodecRate | None = None
    deliveries: tuple[DeliveryFormat, ...] = ()
    if request.outlet:
        formats = propose_formats(packs.specs, packs.codecs, request.outlet)
        if formats.by_role("intermediate"):
            middle = formats.by_role("intermediate")[0].rate
        deliveries = tuple(
            DeliveryFormat(o.label, o.mbps, o.cited)
            for o in formats.by_role("delivery")
            if o.mbps is not None
        )
    inputs = StorageInputs(
        camera=camera,
        cameras=request.cameras,
        hours_per_day=request.hours_per_day,
        shoot_days=days,
        proxy=_proxy(packs, request.proxy, camera),
        intermediate=middle,
        runtime_minutes=request.runtime_minutes or facts.running_minutes,
        deliveries=deliveries,
        copies=request.copies,
        archive_tier=request.tier,
        archive_copies=request.archive_copies,
        disk_price_per_tb=request.disk_price_per_tb,
        shoot_days_origin=origin,
    )
    plan = size_storage(inputs, packs.storage, packs.emissions)
    return SizedPlan(plan, facts.title, facts)
