# SPDX-License-Identifier: AGPL-3.0-or-later
"""Storage sizing (dimensionnement du stockage): the volumes a production needs, phase by
phase, from its cameras, hours of rushes and shoot days, each figure explained.

Phases and what each holds (copy counts from the ``storage-media`` pack, customary, or
given):

* **shoot** (tournage / déchargement): camera originals × on-set copies (3-2-1);
* **editing** (montage): proxies of every hour shot × editing copies;
* **post** (post-production): one online copy of the originals for the conform and the
  grade, plus renders of the programme at the intermediate codec × render versions;
* **delivery** (livraison): each delivered master × delivery copies;
* **archive**: originals + one copy of each master, × archive copies, on tapes or a cloud
  tier (:func:`regie.media.archive.cold_storage_plan`).

Originals = cameras × hours of rushes per camera per day × shoot days × the codec's rate.
Terabytes are decimal (10^12 bytes). Each volume is rounded up to the hundredth of a
terabyte (10 GB) where it is first computed, so every printed product is the product of
the printed figures. Every :class:`PhaseVolume` carries its steps and the
rule each rate or count came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from enum import StrEnum

from regie.budget.model import Cited
from regie.core.errors import ValidationError
from regie.core.money import Money
from regie.core.text import Text, t
from regie.media.archive import ColdStoragePlan, cold_storage_plan, tb, tb_text
from regie.media.rates import SECONDS_PER_HOUR, CodecRate, Step, cite
from regie.rules.pack import RulePack

PLAN_UNIT = 10**10  # bytes: 0.01 TB


class Phase(StrEnum):
    SHOOT = "shoot"
    EDITING = "editing"
    POST = "post"
    DELIVERY = "delivery"
    ARCHIVE = "archive"


PHASE_TITLES: dict[Phase, Text] = {
    Phase.SHOOT: t("Shoot and offload"),
    Phase.EDITING: t("Editing and proxies"),
    Phase.POST: t("Post-production working space"),
    Phase.DELIVERY: t("Delivery"),
    Phase.ARCHIVE: t("Archive"),
}


@dataclass(frozen=True, slots=True)
class DeliveryFormat:
    """A master to deliver: a codec-rates row, or a data rate from a delivery spec."""

    label: str
    mbps: Decimal
    cited: Cited | None = None  # the rate's rule, when it comes from a pack


@dataclass(frozen=True, slots=True)
class StorageInputs:
    """What the production manager states. ``hours_per_day`` is hours of rushes per camera
    per shoot day; ``runtime_minutes`` the finished programme's running time (all episodes),
    needed for post renders and delivery volumes."""

    camera: CodecRate
    cameras: int
    hours_per_day: Decimal
    shoot_days: int
    proxy: CodecRate | None = None
    intermediate: CodecRate | None = None
    runtime_minutes: Decimal | None = None
    deliveries: tuple[DeliveryFormat, ...] = ()
    copies: int | None = None  # on-set copies; the pack's customary count when None
    archive_tier: str = "lto-9"
    archive_copies: int | None = None
    archive_years: Decimal | None = None
    tape_price: Money | None = None
    disk_price_per_tb: Money | None = None
    shoot_days_origin: str = "given"  # "given" | "board"


@dataclass(frozen=True, slots=True)
class PhaseVolume:
    phase: Phase
    bytes: int
    steps: tuple[Step, ...]
    notes: tuple[Text, ...] = ()

    @property
    def tb(self) -> Decimal:
        return tb(self.bytes)


@dataclass(frozen=True, slots=True)
class StoragePlan:
    inputs: StorageInputs
    rushes_hours: Decimal  # cameras × hours/day × days
    originals_bytes: int  # one copy of the camera originals
    phases: tuple[PhaseVolume, ...]
    archive: ColdStoragePlan
    disk_cost: Money | None
    packs: tuple[str, ...]
    notes: tuple[Text, ...] = field(default=())

    @property
    def online_bytes(self) -> int:
        """Disk space of shoot, editing, post and delivery together (all kept at once)."""
        return sum(p.bytes for p in self.phases if p.phase is not Phase.ARCHIVE)

    def phase(self, phase: Phase) -> PhaseVolume:
        return next(p for p in self.phases if p.phase is phase)


def _bytes(value: Decimal) -> int:
    """Exact bytes rounded up to the hundredth of a terabyte (10 GB): the unit the plan
    prints, so each printed product is the product of printed figures."""
    units = (value / PLAN_UNIT).to_integral_value(rounding=ROUND_CEILING)
    return int(units) * PLAN_UNIT


def _volume(hours: Decimal, rate: CodecRate | DeliveryFormat) -> Decimal:
    return hours * rate.mbps * 10**6 * SECONDS_PER_HOUR / 8


def _check(inputs: StorageInputs) -> None:
    if inputs.cameras < 1:
        raise ValidationError(t("at least one camera is needed"), field="cameras")
    if inputs.shoot_days < 1:
        raise ValidationError(t("at least one shoot day is needed"), field="shoot_days")
    if inputs.hours_per_day <= 0:
        raise ValidationError(
            t("the hours of rushes per day must be more than 0"), field="hours_per_day"
        )
    if inputs.copies is not None and inputs.copies < 1:
        raise ValidationError(t("at least one copy is needed"), field="copies")
    if inputs.runtime_minutes is not None and inputs.runtime_minutes <= 0:
        raise ValidationError(t("the running time must be more than 0"), field="runtime")


def size_storage(
    inputs: StorageInputs,
    storage: RulePack,
    emissions: RulePack,
    *,
    on: dt.date | None = None,
) -> StoragePlan:
    """Volumes per phase for ``inputs``; ``storage`` is the ``storage-media`` pack and
    ``emissions`` the ``emission-factors`` pack (for a cloud archive)."""
    _check(inputs)
    camera = inputs.camera
    hours = Decimal(inputs.cameras) * inputs.hours_per_day * inputs.shoot_days
    rushes_step = Step(
        t("{cameras} camera(s) × {hours} h of rushes a day × {days} shoot days ({origin})",
          cameras=inputs.cameras, hours=inputs.hours_per_day, days=inputs.shoot_days,
          origin=t("main board") if inputs.shoot_days_origin == "board" else t("given")),
        t("{hours} h", hours=hours),
        hours,
        "h",
    )  # fmt: skip
    originals = _bytes(_volume(hours, camera))
    originals_step = Step(
        t("{hours} h × {mbps} Mb/s ({codec}) × 3600 s ÷ 8 bits", hours=hours,
          mbps=camera.mbps, codec=camera.label),
        tb_text(originals),
        Decimal(originals),
        "bytes",
        camera.cited,
    )  # fmt: skip
    phases = [
        _shoot(
            inputs,
            storage=storage,
            originals=originals,
            rushes=rushes_step,
            volume=originals_step,
            on=on,
        ),
        _editing(inputs, storage, hours, on),
        _post(inputs, storage, originals, on),
    ]
    delivery, masters = _delivery(inputs, storage, on)
    phases.append(delivery)
    archive_bytes = originals + masters
    archive = cold_storage_plan(
        archive_bytes,
        storage,
        emissions,
        tier=inputs.archive_tier,
        copies=inputs.archive_copies,
        years=inputs.archive_years,
        tape_price=inputs.tape_price,
        on=on,
    )
    archive_steps = [
        Step(
            t(
                "camera originals {originals} + one copy of the masters {masters}",
                originals=tb_text(originals),
                masters=tb_text(masters),
            ),
            tb_text(archive_bytes),
            Decimal(archive_bytes),
            "bytes",
        ),
        *archive.steps,
    ]
    phases.append(
        PhaseVolume(
            Phase.ARCHIVE,
            archive_bytes * archive.copies,
            tuple(archive_steps),
            (archive.emission_note,) if archive.emission_note else (),
        )
    )
    online = sum(p.bytes for p in phases if p.phase is not Phase.ARCHIVE)
    disk_cost = None
    if inputs.disk_price_per_tb is not None:
        price = inputs.disk_price_per_tb
        disk_cost = Money(
            (tb(online) * price.amount).quantize(Decimal("0.01"), ROUND_HALF_UP), price.currency
        )
    return StoragePlan(
        inputs=inputs,
        rushes_hours=hours,
        originals_bytes=originals,
        phases=tuple(phases),
        archive=archive,
        disk_cost=disk_cost,
        packs=tuple(sorted({camera.cited.pack, storage.ref, emissions.ref})),
    )


def _count(storage: RulePack, key: str, given: int | None, on: dt.date | None) -> Step:
    if given is not None:
        return Step(t("copies (given)"), str(given), Decimal(given), "copies")
    entry = storage.value(key, on)
    return Step(t("copies (customary)"), entry.decimal().normalize().to_eng_string(),
                entry.decimal(), "copies", cite(storage, entry))  # fmt: skip


def _times(size: int, count: Step) -> tuple[int, Step]:
    copies = int(count.amount)
    total = size * copies
    label = (
        t("{volume} × 1 copy", volume=tb_text(size))
        if copies == 1
        else t("{volume} × {copies} copies", volume=tb_text(size), copies=copies)
    )
    return total, Step(
        label,
        tb_text(total),
        Decimal(total),
        "bytes",
        count.cited,
    )


def _shoot(
    inputs: StorageInputs,
    *,
    storage: RulePack,
    originals: int,
    rushes: Step,
    volume: Step,
    on: dt.date | None,
) -> PhaseVolume:
    count = _count(storage, "planning.copies.shoot", inputs.copies, on)
    total, times = _times(originals, count)
    return PhaseVolume(Phase.SHOOT, total, (rushes, volume, count, times))


def _editing(
    inputs: StorageInputs, storage: RulePack, hours: Decimal, on: dt.date | None
) -> PhaseVolume:
    proxy = inputs.proxy
    if proxy is None:
        return PhaseVolume(Phase.EDITING, 0, (), (t("no proxies: editing on the originals"),))
    size = _bytes(_volume(hours, proxy))
    steps = [
        Step(
            t(
                "{hours} h × {mbps} Mb/s ({codec}) × 3600 s ÷ 8 bits",
                hours=hours,
                mbps=proxy.mbps,
                codec=proxy.label,
            ),
            tb_text(size),
            Decimal(size),
            "bytes",
            proxy.cited,
        ),
    ]
    count = _count(storage, "planning.copies.proxies", None, on)
    total, times = _times(size, count)
    return PhaseVolume(Phase.EDITING, total, (*steps, count, times))


def _post(
    inputs: StorageInputs, storage: RulePack, originals: int, on: dt.date | None
) -> PhaseVolume:
    count = _count(storage, "planning.copies.post", None, on)
    online, times = _times(originals, count)
    steps = [count, times]
    notes: list[Text] = []
    middle = inputs.intermediate
    if middle is None or inputs.runtime_minutes is None:
        notes.append(t("renders not counted: give the running time and the intermediate codec"))
        return PhaseVolume(Phase.POST, online, tuple(steps), tuple(notes))
    runtime_hours = inputs.runtime_minutes / 60
    render = _bytes(_volume(runtime_hours, middle))
    versions = storage.value("planning.render_versions", on)
    renders = render * int(versions.decimal())
    steps.append(
        Step(
            t("{minutes} min × {mbps} Mb/s ({codec}) × 60 s ÷ 8 bits × {versions} versions",
              minutes=inputs.runtime_minutes, mbps=middle.mbps, codec=middle.label,
              versions=int(versions.decimal())),
            tb_text(renders),
            Decimal(renders),
            "bytes",
            cite(storage, versions),
        )
    )  # fmt: skip
    total = online + renders
    steps.append(
        Step(t("{online} + {renders}", online=tb_text(online), renders=tb_text(renders)),
             tb_text(total), Decimal(total), "bytes")
    )  # fmt: skip
    return PhaseVolume(Phase.POST, total, tuple(steps), tuple(notes))


def _delivery(
    inputs: StorageInputs, storage: RulePack, on: dt.date | None
) -> tuple[PhaseVolume, int]:
    """The delivery phase, and the bytes of one copy of every master (for the archive)."""
    if not inputs.deliveries:
        return PhaseVolume(Phase.DELIVERY, 0, (), (t("no delivery format given"),)), 0
    if inputs.runtime_minutes is None:
        note = t("delivery not counted: give the running time")
        return PhaseVolume(Phase.DELIVERY, 0, (), (note,)), 0
    runtime_hours = inputs.runtime_minutes / 60
    steps: list[Step] = []
    masters = 0
    for master in inputs.deliveries:
        size = _bytes(_volume(runtime_hours, master))
        masters += size
        steps.append(
            Step(
                t("{minutes} min × {mbps} Mb/s ({label}) × 60 s ÷ 8 bits",
                  minutes=inputs.runtime_minutes, mbps=master.mbps, label=master.label),
                tb_text(size),
                Decimal(size),
                "bytes",
                master.cited,
            )
        )  # fmt: skip
    count = _count(storage, "planning.copies.delivery", None, on)
    total, times = _times(masters, count)
    return PhaseVolume(Phase.DELIVERY, total, (*steps, count, times)), masters
