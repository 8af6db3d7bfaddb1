# SPDX-License-Identifier: AGPL-3.0-or-later
"""Format choice per outlet (choix des formats par diffuseur) and the outlet's master spec.

From the ``delivery-specs`` pack: for an outlet (``broadcast-pad``, ``streaming-imf``,
``cinema-dcp``, ``web``) the acquisition, intermediate and proxy formats customary for it
(codec-rates rows) and the delivered format(s), each with its data rate and the storage it
costs per hour of material (and for ``hours`` of it when given); and :class:`MasterSpec`,
the requirements a delivered master is checked against
(:func:`regie.media.deliverables.check_master`).

A spec value the pack sets to ``null`` (no sourced figure, e.g. a cinema loudness target)
stays ``None`` here: the check reports it as not checked rather than using a guess.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, Decimal

from regie.budget.model import Cited
from regie.core.errors import NotFound, RuleError
from regie.core.text import t
from regie.media.rates import CodecRate, cite, rate_by_key
from regie.rules.pack import RulePack, RuleValue

ROLES = ("acquisition", "intermediate", "proxy", "delivery")
GB = 10**9


@dataclass(frozen=True, slots=True)
class Requirement:
    """One property a master must have: the accepted values (lower case), as the pack
    writes them, and the rule."""

    allowed: tuple[str, ...]
    cited: Cited
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Limit:
    """A number of the spec (loudness target, tolerance, true-peak maximum); ``value`` is
    ``None`` when the pack says no figure was sourced."""

    value: Decimal | None
    cited: Cited
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class RangeLimit:
    low: Decimal
    high: Decimal
    cited: Cited


@dataclass(frozen=True, slots=True)
class MasterSpec:
    """What a delivered master of ``outlet`` must be. ``None``: not specified, not checked.
    ``duration_seconds`` is the expected running time, set by the caller (the contract)."""

    outlet: str
    container: Requirement | None = None
    video_codec: Requirement | None = None
    raster: Requirement | None = None
    frame_rate: Requirement | None = None
    scan: Requirement | None = None
    audio_codec: Requirement | None = None
    sample_rate: Requirement | None = None
    audio_channels: Requirement | None = None
    loudness_target: Limit | None = None
    loudness_tolerance: Limit | None = None
    true_peak_max: Limit | None = None
    loudness_range: RangeLimit | None = None  # guidance: a miss is a warning
    duration_seconds: Decimal | None = None


@dataclass(frozen=True, slots=True)
class FormatOption:
    """One format proposed for a role, with its rate and what it costs in storage."""

    role: str  # acquisition | intermediate | proxy | delivery
    label: str
    mbps: Decimal | None  # None: no rate sourced for it
    basis: str  # "nominal" (codec table), "maximum", "recommended"
    cited: Cited  # the rate's rule (or the proposal's, when no rate)
    proposed_by: Cited  # the delivery-specs value that proposes it
    rate: CodecRate | None = None
    gb_per_hour: Decimal | None = None  # decimal GB (10^9), rounded up to the hundredth
    total_bytes: int | None = None  # for the hours asked, when a rate is known


@dataclass(frozen=True, slots=True)
class OutletFormats:
    outlet: str
    title_fr: str
    title_en: str
    spec: MasterSpec
    options: tuple[FormatOption, ...]
    hours: Decimal | None
    packs: tuple[str, ...]

    def by_role(self, role: str) -> tuple[FormatOption, ...]:
        return tuple(o for o in self.options if o.role == role)


def outlet_ids(specs: RulePack) -> tuple[str, ...]:
    """The outlets of the pack, in file order (those with a ``<outlet>.title``)."""
    found: list[str] = []
    for entry in specs:
        outlet, _dot, rest = entry.key.partition(".")
        if rest == "title" and outlet not in found:
            found.append(outlet)
    return tuple(found)


def _known(specs: RulePack, outlet: str) -> None:
    if outlet not in outlet_ids(specs):
        raise NotFound(
            t("no outlet '{outlet}' in {pack}", outlet=outlet, pack=specs.ref),
            hint=t("Use one of: {outlets}", outlets=", ".join(outlet_ids(specs))),
        )


def _entry(specs: RulePack, key: str, on: dt.date | None) -> RuleValue | None:
    return specs.value(key, on) if any(e.key == key for e in specs) else None


def _requirement(specs: RulePack, key: str, on: dt.date | None) -> Requirement | None:
    entry = _entry(specs, key, on)
    if entry is None or entry.value is None:
        return None
    value = entry.value
    label = None
    if isinstance(value, Mapping):
        label = str(value["label"]) if value.get("label") else None
        value = value.get("names")
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(v, str) for v in values):
        raise RuleError(t("'{key}' must be a text or a list of texts", key=key), where=specs.path)
    return Requirement(tuple(v.lower() for v in values), cite(specs, entry), label)


def _limit(specs: RulePack, key: str, on: dt.date | None) -> Limit | None:
    entry = _entry(specs, key, on)
    if entry is None:
        return None
    value = None if entry.value is None else entry.decimal()
    return Limit(value, cite(specs, entry), entry.unit)


def master_spec(specs: RulePack, outlet: str, *, on: dt.date | None = None) -> MasterSpec:
    """The requirements of a master delivered to ``outlet``."""
    _known(specs, outlet)
    lra = _entry(specs, f"{outlet}.loudness.range", on)
    return MasterSpec(
        outlet=outlet,
        container=_requirement(specs, f"{outlet}.container", on),
        video_codec=_requirement(specs, f"{outlet}.video.codec", on),
        raster=_requirement(specs, f"{outlet}.video.raster", on),
        frame_rate=_requirement(specs, f"{outlet}.video.fps", on),
        scan=_requirement(specs, f"{outlet}.video.scan", on),
        audio_codec=_requirement(specs, f"{outlet}.audio.codec", on),
        sample_rate=_requirement(specs, f"{outlet}.audio.sample_rate", on),
        audio_channels=_requirement(specs, f"{outlet}.audio.channels", on),
        loudness_target=_limit(specs, f"{outlet}.loudness.target", on),
        loudness_tolerance=_limit(specs, f"{outlet}.loudness.tolerance", on),
        true_peak_max=_limit(specs, f"{outlet}.true_peak.max", on),
        loudness_range=(
            RangeLimit(lra.decimal("min"), lra.decimal("max"), cite(specs, lra))
            if lra is not None
            else None
        ),
    )


def _gb_per_hour(mbps: Decimal) -> Decimal:
    return (mbps * 10**6 * 3600 / 8 / GB).quantize(Decimal("0.01"), rounding=ROUND_CEILING)


def _total(mbps: Decimal, hours: Decimal | None) -> int | None:
    if hours is None:
        return None
    exact = hours * mbps * 10**6 * 3600 / 8
    return int(exact.to_integral_value(rounding=ROUND_CEILING))


def _codec_option(
    role: str, rate: CodecRate, proposed: Cited, hours: Decimal | None
) -> FormatOption:
    return FormatOption(
        role=role,
        label=rate.label,
        mbps=rate.mbps,
        basis="nominal",
        cited=rate.cited,
        proposed_by=proposed,
        rate=rate,
        gb_per_hour=_gb_per_hour(rate.mbps),
        total_bytes=_total(rate.mbps, hours),
    )


def propose_formats(
    specs: RulePack,
    codecs: RulePack,
    outlet: str,
    *,
    hours: Decimal | None = None,
    on: dt.date | None = None,
) -> OutletFormats:
    """The formats customary for ``outlet`` and their storage per hour (and for ``hours``
    of material: acquisition formats count rushes, the others the finished programme —
    the caller says which hours it means)."""
    _known(specs, outlet)
    options: list[FormatOption] = []
    for role in ("acquisition", "intermediate", "proxy"):
        entry = _entry(specs, f"{outlet}.formats.{role}", on)
        if entry is None:
            continue
        proposed = cite(specs, entry)
        keys = entry.value if isinstance(entry.value, list) else [entry.value]
        options += [_codec_option(role, rate_by_key(codecs, str(k)), proposed, hours)
                    for k in keys]  # fmt: skip
    for entry in specs:
        if not entry.key.startswith(f"{outlet}.delivery."):
            continue
        options.append(_delivery_option(specs, codecs, entry, hours))
    title = specs.value(f"{outlet}.title", on).value
    return OutletFormats(
        outlet=outlet,
        title_fr=str(title["fr"]),
        title_en=str(title["en"]),
        spec=master_spec(specs, outlet, on=on),
        options=tuple(options),
        hours=hours,
        packs=(specs.ref, codecs.ref),
    )


def _delivery_option(
    specs: RulePack, codecs: RulePack, entry: RuleValue, hours: Decimal | None
) -> FormatOption:
    value = entry.value
    if not isinstance(value, Mapping) or "label" not in value:
        raise RuleError(
            t("'{key}' needs a label and a codec_rate or mbps", key=entry.key), where=specs.path
        )
    proposed = cite(specs, entry)
    if value.get("codec_rate"):
        option = _codec_option("delivery", rate_by_key(codecs, str(value["codec_rate"])),
                               proposed, hours)  # fmt: skip
        return replace(option, label=str(value["label"]))
    if value.get("mbps"):
        mbps = entry.decimal("mbps")
        return FormatOption(
            role="delivery",
            label=str(value["label"]),
            mbps=mbps,
            basis=str(value.get("basis", "nominal")),
            cited=proposed,
            proposed_by=proposed,
            gb_per_hour=_gb_per_hour(mbps),
            total_bytes=_total(mbps, hours),
        )
    return FormatOption("delivery", str(value["label"]), None, "none", proposed, proposed)
