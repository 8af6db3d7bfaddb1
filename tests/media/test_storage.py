# SPDX-License-Identifier: AGPL-3.0-or-later
"""Storage sizing: volumes per phase from the inputs and the packs, each step explained."""

from __future__ import annotations

import dataclasses
import math
from decimal import ROUND_CEILING, Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regie.core.errors import ValidationError
from regie.core.money import Money
from regie.documents.i18n import error_messages
from regie.media.rates import CodecRate, rate_by_key
from regie.media.storage import (
    PLAN_UNIT,
    DeliveryFormat,
    Phase,
    StorageInputs,
    size_storage,
)
from regie.rules.registry import shipped_pack

CODECS = shipped_pack("codec-rates")
STORAGE = shipped_pack("storage-media")
EMISSIONS = shipped_pack("emission-factors")
CAMERA = rate_by_key(CODECS, "prores-422-hq.3840x2160.25")
PROXY = rate_by_key(CODECS, "prores-422-proxy.1920x1080.25")
HD = rate_by_key(CODECS, "prores-422-hq.1920x1080.25")


def planned(hours: Decimal, rate: CodecRate | DeliveryFormat) -> int:
    """What the plan should hold: hours × Mb/s in bytes, up to the next 10 GB."""
    exact = hours * rate.mbps * 1_000_000 * 3600 / 8
    return int((exact / PLAN_UNIT).to_integral_value(rounding=ROUND_CEILING)) * PLAN_UNIT


def customary(key: str) -> int:
    return int(STORAGE.value(key).decimal())


def test_the_example_of_the_issue() -> None:
    inputs = StorageInputs(CAMERA, cameras=2, hours_per_day=Decimal(3), shoot_days=25, proxy=PROXY)
    plan = size_storage(inputs, STORAGE, EMISSIONS)
    assert plan.rushes_hours == 150
    originals = planned(Decimal(150), CAMERA)
    assert plan.originals_bytes == originals
    assert plan.phase(Phase.SHOOT).bytes == originals * customary("planning.copies.shoot")
    editing = planned(Decimal(150), PROXY) * customary("planning.copies.proxies")
    assert plan.phase(Phase.EDITING).bytes == editing
    assert plan.phase(Phase.POST).bytes == originals * customary("planning.copies.post")
    assert plan.phase(Phase.DELIVERY).bytes == 0  # no runtime, no delivery format
    assert plan.phase(Phase.SHOOT).tb == Decimal("149.25")  # 150 h × 737 Mb/s = 49.75 TB × 3
    capacity = int(STORAGE.value("lto.lto-9").decimal("native_capacity_bytes"))
    assert plan.archive.media_per_copy == math.ceil(originals / capacity)
    assert plan.archive.media_total == plan.archive.media_per_copy * plan.archive.copies
    assert plan.online_bytes == sum(p.bytes for p in plan.phases if p.phase is not Phase.ARCHIVE)
    assert set(plan.packs) == {CODECS.ref, STORAGE.ref, EMISSIONS.ref}


def test_every_step_cites_its_rule_and_renders_in_both_languages() -> None:
    inputs = StorageInputs(
        CAMERA, cameras=1, hours_per_day=Decimal("2.5"), shoot_days=10, proxy=PROXY,
        intermediate=HD, runtime_minutes=Decimal(52),
        deliveries=(DeliveryFormat("XDCAM", Decimal(50)),),
    )  # fmt: skip
    plan = size_storage(inputs, STORAGE, EMISSIONS)
    shoot = plan.phase(Phase.SHOOT).steps
    assert shoot[1].cited == CAMERA.cited  # the codec rate
    assert shoot[2].cited is not None
    assert shoot[2].cited.key == "planning.copies.shoot"
    for phase in plan.phases:
        for step in phase.steps:
            assert step.render()
            assert step.render(error_messages("fr"))
    french = str(shoot[1].render(error_messages("fr")))
    assert "," in french.rsplit("=", 1)[1]  # 24,88 TB: the French decimal mark


def test_post_renders_and_delivery_need_the_running_time() -> None:
    xdcam = DeliveryFormat("XDCAM", Decimal(50))
    base = StorageInputs(CAMERA, cameras=1, hours_per_day=Decimal(2), shoot_days=5,
                         intermediate=HD, deliveries=(xdcam,))  # fmt: skip
    without = size_storage(base, STORAGE, EMISSIONS)
    assert without.phase(Phase.DELIVERY).bytes == 0
    assert without.phase(Phase.DELIVERY).notes
    assert without.phase(Phase.POST).notes
    with_runtime = size_storage(
        dataclasses.replace(base, runtime_minutes=Decimal(90)), STORAGE, EMISSIONS
    )
    master = planned(Decimal("1.5"), DeliveryFormat("XDCAM", Decimal(50)))
    assert with_runtime.phase(Phase.DELIVERY).bytes == master * customary(
        "planning.copies.delivery"
    )
    renders = planned(Decimal("1.5"), HD) * customary("planning.render_versions")
    assert with_runtime.phase(Phase.POST).bytes == without.phase(Phase.POST).bytes + renders
    assert with_runtime.archive.bytes_per_copy == with_runtime.originals_bytes + master


def test_given_counts_and_prices_replace_the_customary_ones() -> None:
    inputs = StorageInputs(
        CAMERA, cameras=1, hours_per_day=Decimal(1), shoot_days=2, copies=2,
        archive_tier="lto-8", archive_copies=3, tape_price=Money(Decimal("60"), "EUR"),
        disk_price_per_tb=Money(Decimal("20"), "EUR"),
    )  # fmt: skip
    plan = size_storage(inputs, STORAGE, EMISSIONS)
    assert plan.phase(Phase.SHOOT).bytes == plan.originals_bytes * 2
    assert plan.archive.copies == 3
    assert plan.archive.tier_label == "LTO-8"
    assert plan.archive.media_total is not None
    assert plan.archive.cost == Money(Decimal(60) * plan.archive.media_total, "EUR")
    assert plan.disk_cost is not None
    assert plan.disk_cost.currency == "EUR"


@pytest.mark.parametrize(
    ("field", "value"),
    [("cameras", 0), ("shoot_days", 0), ("hours_per_day", Decimal(0)), ("copies", 0)],
)
def test_impossible_inputs_are_refused(field: str, value: int | Decimal) -> None:
    base = StorageInputs(CAMERA, cameras=1, hours_per_day=Decimal(1), shoot_days=1)
    changed: dict[str, Any] = {field: value}
    with pytest.raises(ValidationError) as refused:
        size_storage(dataclasses.replace(base, **changed), STORAGE, EMISSIONS)
    assert field in str(refused.value)


@settings(max_examples=40, deadline=None)
@given(
    cameras=st.integers(1, 6),
    tenths=st.integers(1, 120),
    days=st.integers(1, 80),
    copies=st.integers(1, 4),
)
def test_volumes_add_up(cameras: int, tenths: int, days: int, copies: int) -> None:
    hours = Decimal(tenths) / 10
    inputs = StorageInputs(CAMERA, cameras=cameras, hours_per_day=hours, shoot_days=days,
                           proxy=PROXY, copies=copies)  # fmt: skip
    plan = size_storage(inputs, STORAGE, EMISSIONS)
    assert plan.originals_bytes == planned(cameras * hours * days, CAMERA)
    assert plan.phase(Phase.SHOOT).bytes == plan.originals_bytes * copies
    assert plan.originals_bytes % PLAN_UNIT == 0
    tapes = plan.archive.media_per_copy
    assert tapes is not None
    capacity = int(STORAGE.value("lto.lto-9").decimal("native_capacity_bytes"))
    assert (tapes - 1) * capacity < plan.archive.bytes_per_copy <= tapes * capacity
