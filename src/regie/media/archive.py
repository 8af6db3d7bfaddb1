# SPDX-License-Identifier: AGPL-3.0-or-later
"""The archive: a manifest of what is archived with its naming checked, and the cold-storage
plan (LTO tapes under LTFS, or a cloud archive tier) with volumes, cost and emissions.

Naming: camera originals (rushes) follow the camera's clip naming, held in the
``storage-media`` pack (``naming.camera_clip``, e.g. ``A001C001_250101_R1AB.mov``);
documents follow the production folder's rule ``CODE_AAAAMMJJ_TYPE_description_vNN.ext``,
which lives in :mod:`regie.office.folder` — a later phase — so the caller passes it in as
``document_rule`` (:mod:`regie.services.media_plans` does). Sound files and other files
are listed and counted, not checked.

Cold storage: a tape holds its native capacity (no compression counted: camera codecs are
already compressed); tapes per copy = ⌈bytes ÷ capacity⌉. A cloud tier costs
bytes × months × its price per GB-month; its emissions are TB × years × the data-centre
storage factor of the ``emission-factors`` pack. No factor covers LTO tapes: the plan
says so instead of inventing one.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from enum import StrEnum

from regie.budget.model import Cited
from regie.core.errors import Message, RuleError, ValidationError
from regie.core.money import Money
from regie.core.text import Text, t
from regie.media.rates import SECONDS_PER_HOUR, Step, cite
from regie.rules.pack import RulePack

TB = 10**12
GB = 10**9
MONTHS_PER_YEAR = 12
LTO_TIERS = ("lto-8", "lto-9")
CLOUD_TIERS = ("cloud-deep-archive",)
TIERS = (*LTO_TIERS, *CLOUD_TIERS)


class FileKind(StrEnum):
    RUSH = "rush"  # picture files from the camera (or derived from them: proxies)
    SOUND = "sound"
    DOCUMENT = "document"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class ArchiveFile:
    """A file to archive: its path relative to the archive root ('/'-separated), bytes."""

    path: str
    size: int


@dataclass(frozen=True, slots=True)
class NamingIssue:
    path: str
    rule: str  # "camera_clip" | "document"
    reason: Message
    suggestion: str | None = None


DocumentRule = Callable[[str], NamingIssue | None]


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    path: str
    size: int
    kind: FileKind
    issue: NamingIssue | None = None


@dataclass(frozen=True, slots=True)
class KindTotal:
    kind: FileKind
    files: int
    bytes: int


@dataclass(frozen=True, slots=True)
class ArchiveManifest:
    """Every file with its kind and naming issue; totals per kind; the rules used."""

    entries: tuple[ManifestEntry, ...]
    totals: tuple[KindTotal, ...]
    total_bytes: int
    issues: tuple[NamingIssue, ...]
    camera_rule: Cited
    documents_checked: bool  # False when no document rule was given (no production code)

    @property
    def clean(self) -> bool:
        return not self.issues


def camera_rule(storage: RulePack) -> tuple[re.Pattern[str], Cited, str]:
    """The camera clip naming rule: compiled pattern, its citation, its written form."""
    entry = storage.value("naming.camera_clip")
    value = entry.value
    if not isinstance(value, Mapping) or not isinstance(value.get("pattern"), str):
        raise RuleError(
            t("'naming.camera_clip' needs a 'pattern'"),
            where=storage.path,
            hint=t("Write the rule as a regular expression"),
        )
    try:
        pattern = re.compile(value["pattern"])
    except re.error as problem:
        raise RuleError(
            t("the camera naming pattern is not a valid regular expression ({problem})",
              problem=str(problem)),
            where=storage.path,
        ) from None  # fmt: skip
    return pattern, cite(storage, entry), str(value.get("form", value["pattern"]))


def check_rush_name(filename: str, pattern: re.Pattern[str], form: str) -> Text | None:
    """``None`` when ``filename`` follows the camera rule and its date (YYMMDD) is real."""
    match = pattern.match(filename)
    if match is None:
        return t("does not follow the camera naming {form}", form=form)
    day = match.groupdict().get("date")
    if day:
        try:
            dt.datetime.strptime(day, "%y%m%d")  # noqa: DTZ007 — a calendar date only
        except ValueError:
            return t("{date} is not a real date (YYMMDD)", date=day)
    return None


def build_manifest(
    files: Iterable[ArchiveFile],
    storage: RulePack,
    *,
    document_rule: DocumentRule | None = None,
) -> ArchiveManifest:
    """The manifest of ``files``: each classified by extension (``archive.extensions.*``),
    rushes checked against the camera rule, documents against ``document_rule``."""
    pattern, cited, form = camera_rule(storage)
    kinds = _extensions(storage)
    entries: list[ManifestEntry] = []
    for item in sorted(files, key=lambda f: f.path):
        if item.size < 0:
            raise ValidationError(t("the size of {path} is negative", path=item.path), field="size")
        name = item.path.rsplit("/", 1)[-1]
        kind = kinds.get(name.rpartition(".")[2].lower(), FileKind.OTHER) if "." in name else (
            FileKind.OTHER
        )  # fmt: skip
        issue: NamingIssue | None = None
        if kind is FileKind.RUSH:
            reason = check_rush_name(name, pattern, form)
            if reason is not None:
                issue = NamingIssue(item.path, "camera_clip", reason)
        elif kind is FileKind.DOCUMENT and document_rule is not None:
            issue = document_rule(item.path)
        entries.append(ManifestEntry(item.path, item.size, kind, issue))
    totals = tuple(
        KindTotal(k, sum(1 for e in entries if e.kind is k), sum(e.size for e in entries
                                                                if e.kind is k))
        for k in FileKind
    )  # fmt: skip
    return ArchiveManifest(
        entries=tuple(entries),
        totals=totals,
        total_bytes=sum(e.size for e in entries),
        issues=tuple(e.issue for e in entries if e.issue is not None),
        camera_rule=cited,
        documents_checked=document_rule is not None,
    )


def _extensions(storage: RulePack) -> dict[str, FileKind]:
    found: dict[str, FileKind] = {}
    for kind in (FileKind.RUSH, FileKind.SOUND, FileKind.DOCUMENT):
        entry = storage.value(f"archive.extensions.{kind.value}")
        if not isinstance(entry.value, list):
            raise RuleError(
                t("'{key}' must be a list of extensions", key=entry.key), where=storage.path
            )
        for extension in entry.value:
            found.setdefault(str(extension).lower().lstrip("."), kind)
    return found


# --- cold storage ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ColdStoragePlan:
    """Where the archive goes and what it takes: media count, write time, cost, emissions.

    ``media_per_copy`` and ``write_hours`` are for tapes (``None`` for a cloud tier);
    ``cost`` is ``None`` where no price was given or sourced; ``emission_kg`` is ``None``
    where no factor covers the medium (``emission_note`` says why)."""

    tier: str
    tier_label: str
    bytes_per_copy: int
    copies: int
    years: Decimal
    media_per_copy: int | None
    media_total: int | None
    write_hours: Decimal | None  # one copy, at the drive's native rate
    cost: Money | None
    emission_kg: Decimal | None
    emission_note: Text | None
    steps: tuple[Step, ...]


def tb(value: int | Decimal) -> Decimal:
    """Bytes as decimal terabytes (10^12), rounded up to the hundredth: a plan never
    shows less room than it needs."""
    return (Decimal(value) / TB).quantize(Decimal("0.01"), rounding=ROUND_CEILING)


def tb_text(value: int | Decimal) -> Text:
    return t("{tb} TB", tb=tb(value))


def cold_storage_plan(
    bytes_per_copy: int,
    storage: RulePack,
    emissions: RulePack,
    *,
    tier: str = "lto-9",
    copies: int | None = None,
    years: Decimal | None = None,
    tape_price: Money | None = None,
    on: dt.date | None = None,
) -> ColdStoragePlan:
    """The plan for ``bytes_per_copy`` on ``tier``, ``copies`` times (the pack's customary
    count when omitted), kept ``years`` (the pack's planning horizon when omitted)."""
    if tier not in TIERS:
        raise ValidationError(
            t("unknown archive tier '{tier}'", tier=tier),
            field="tier",
            hint=t("Use one of: {tiers}", tiers=", ".join(TIERS)),
        )
    if bytes_per_copy < 0:
        raise ValidationError(t("the archive volume is negative"), field="bytes")
    count_entry = storage.value("planning.copies.archive", on)
    count = copies if copies is not None else int(count_entry.decimal())
    if count < 1:
        raise ValidationError(t("at least one archive copy is needed"), field="copies")
    years_entry = storage.value("planning.archive_years", on)
    horizon = years if years is not None else years_entry.decimal()
    steps: list[Step] = [
        Step(
            t("archive copies"),
            str(count),
            Decimal(count),
            "copies",
            None if copies is not None else cite(storage, count_entry),
        )
    ]
    if tier in LTO_TIERS:
        return _tapes(
            bytes_per_copy, storage, tier=tier, copies=count, years=horizon, price=tape_price,
            steps=steps, on=on,
        )  # fmt: skip
    return _cloud(
        bytes_per_copy, storage, emissions, copies=count, years=horizon, steps=steps, on=on
    )


def _tapes(
    size: int,
    storage: RulePack,
    *,
    tier: str,
    copies: int,
    years: Decimal,
    price: Money | None,
    steps: list[Step],
    on: dt.date | None,
) -> ColdStoragePlan:
    entry = storage.value(f"lto.{tier}", on)
    cited = cite(storage, entry)
    capacity = int(entry.decimal("native_capacity_bytes"))
    rate = entry.decimal("native_rate_bytes_per_second")
    name = str(entry.value["name"])
    per_copy = math.ceil(size / capacity) if size else 0
    steps.append(
        Step(
            t("⌈{volume} ÷ {capacity} native per {name} tape⌉", volume=tb_text(size),
              capacity=tb_text(capacity), name=name),
            t("{count} tapes per copy", count=per_copy),
            Decimal(per_copy),
            "tapes",
            cited,
        )
    )  # fmt: skip
    total = per_copy * copies
    steps.append(
        Step(
            t("{count} tapes × {copies} copies", count=per_copy, copies=copies),
            t("{count} tapes", count=total),
            Decimal(total),
            "tapes",
        )
    )
    hours = (Decimal(size) / rate / SECONDS_PER_HOUR).quantize(
        Decimal("0.1"), rounding=ROUND_CEILING
    )
    steps.append(
        Step(
            t("{volume} ÷ {rate} MB/s native ({name} drive) per copy", volume=tb_text(size),
              rate=rate / 10**6, name=name),
            t("{hours} h of writing", hours=hours),
            hours,
            "h",
            cited,
        )
    )  # fmt: skip
    cost = None
    if price is not None:
        cost = Money((price.amount * total).quantize(Decimal("0.01"), ROUND_HALF_UP),
                     price.currency)  # fmt: skip
        steps.append(
            Step(
                t("{count} tapes × {price} {currency} (price given)", count=total,
                  price=price.amount, currency=price.currency),
                t("{amount} {currency}", amount=cost.amount, currency=cost.currency),
                cost.amount,
                cost.currency,
            )
        )  # fmt: skip
    return ColdStoragePlan(
        tier=tier,
        tier_label=name,
        bytes_per_copy=size,
        copies=copies,
        years=years,
        media_per_copy=per_copy,
        media_total=total,
        write_hours=hours,
        cost=cost,
        emission_kg=None,
        emission_note=t(
            "no sourced emission factor covers LTO tapes (the storage factor of the "
            "emission-factors pack counts data centres only)"
        ),
        steps=tuple(steps),
    )


def _cloud(
    size: int,
    storage: RulePack,
    emissions: RulePack,
    *,
    copies: int,
    years: Decimal,
    steps: list[Step],
    on: dt.date | None,
) -> ColdStoragePlan:
    price_entry = storage.value("cloud.deep-archive.price", on)
    price = price_entry.decimal("amount")
    currency = str(price_entry.value["currency"])
    minimum = storage.value("cloud.deep-archive.minimum_days", on)
    billed_years = years
    if years * 365 < minimum.decimal():
        billed_years = minimum.decimal() / 365
        steps.append(
            Step(
                t("kept less than the tier's minimum of {days} days: billed as if kept "
                  "that long", days=minimum.decimal()),
                t("{days} days", days=minimum.decimal()),
                minimum.decimal(),
                "days",
                cite(storage, minimum),
            )
        )  # fmt: skip
    months = (billed_years * MONTHS_PER_YEAR).quantize(Decimal("0.01"), ROUND_CEILING)
    gigabytes = (Decimal(size) / GB).quantize(Decimal("0.01"), ROUND_CEILING)
    exact = gigabytes * copies * months * price
    cost = Money(exact.quantize(Decimal("0.01"), ROUND_HALF_UP), currency)
    steps.append(
        Step(
            t("{gb} GB × {copies} copies × {months} months × {price} {currency}/GB-month",
              gb=gigabytes, copies=copies, months=months, price=price, currency=currency),
            t("{amount} {currency}", amount=cost.amount, currency=currency),
            cost.amount,
            currency,
            cite(storage, price_entry),
        )
    )  # fmt: skip
    factor_entry = emissions.value("digital.cloud_storage", on)
    factor = factor_entry.decimal("factor")
    terabytes = Decimal(size) * copies / TB
    emission = (terabytes * years * factor).quantize(Decimal("0.001"), ROUND_HALF_UP)
    steps.append(
        Step(
            t("{tb} TB × {years} years × {factor} kgCO2e per TB-year ({status})",
              tb=terabytes.quantize(Decimal("0.01"), ROUND_CEILING), years=years, factor=factor,
              status=factor_entry.status.value),
            t("{kg} kgCO2e", kg=emission),
            emission,
            "kgCO2e",
            cite(emissions, factor_entry),
        )
    )  # fmt: skip
    return ColdStoragePlan(
        tier="cloud-deep-archive",
        tier_label=str(price_entry.value.get("tier", "cloud")),
        bytes_per_copy=size,
        copies=copies,
        years=years,
        media_per_copy=None,
        media_total=None,
        write_hours=None,
        cost=cost,
        emission_kg=emission,
        emission_note=t("data-centre share only (construction and use)"),
        steps=tuple(steps),
    )
