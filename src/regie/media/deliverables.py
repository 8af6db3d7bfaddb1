# SPDX-License-Identifier: AGPL-3.0-or-later
"""Deliverables (livrables): the list from an outlet's template plus the contract's extras,
each item's status and its allowed transitions, and the check of a delivered master
against its outlet's spec.

Statuses: ``planned`` → ``in_progress`` → ``delivered`` → ``accepted`` | ``rejected``;
a rejected item is redone (``in_progress``) or delivered again; an item the contract
drops is ``waived`` (and may be planned again). Every change is kept with its date.

:func:`check_master` compares a :class:`MasterMeasurement` (what the probe and the
loudness analysis measured) with a :class:`~regie.media.outlets.MasterSpec`. A finding is
an ``error`` when every rule it rests on is ``verified`` or ``secondary``, a ``warning``
when one of them is estimated, customary or unverified (the spec itself is unsure), and
``info`` for what could not be checked (not measured, or no sourced figure). Loudness
range is guidance: a miss is always a warning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from regie.budget.model import Cited
from regie.core.errors import NotFound, RuleError, ValidationError
from regie.core.ids import ascii_fold
from regie.core.text import Text, t
from regie.media.outlets import Limit, MasterSpec, Requirement
from regie.media.rates import cite, parse_fps, same_fps
from regie.rules.pack import RulePack, Status

FIRM = frozenset({Status.VERIFIED, Status.SECONDARY})


# --- the list and its statuses ----------------------------------------------------------


class DeliverableStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DELIVERED = "delivered"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WAIVED = "waived"


TRANSITIONS: Mapping[DeliverableStatus, frozenset[DeliverableStatus]] = {
    DeliverableStatus.PLANNED: frozenset(
        {DeliverableStatus.IN_PROGRESS, DeliverableStatus.DELIVERED, DeliverableStatus.WAIVED}
    ),
    DeliverableStatus.IN_PROGRESS: frozenset(
        {DeliverableStatus.DELIVERED, DeliverableStatus.WAIVED}
    ),
    DeliverableStatus.DELIVERED: frozenset(
        {DeliverableStatus.ACCEPTED, DeliverableStatus.REJECTED}
    ),
    DeliverableStatus.REJECTED: frozenset(
        {DeliverableStatus.IN_PROGRESS, DeliverableStatus.DELIVERED}
    ),
    DeliverableStatus.ACCEPTED: frozenset(),
    DeliverableStatus.WAIVED: frozenset({DeliverableStatus.PLANNED}),
}


@dataclass(frozen=True, slots=True)
class StatusChange:
    status: DeliverableStatus
    on: dt.date
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Deliverable:
    id: str
    title_fr: str
    title_en: str
    kind: str  # master | audio | subtitles | document | artwork | archive | contract
    origin: str  # "template" | "contract"
    spec: str | None = None  # outlet of the delivery-specs pack, for masters
    status: DeliverableStatus = DeliverableStatus.PLANNED
    history: tuple[StatusChange, ...] = ()


@dataclass(frozen=True, slots=True)
class DeliverablesList:
    template: str
    title_fr: str
    title_en: str
    items: tuple[Deliverable, ...]
    cited: Cited


def template_ids(pack: RulePack) -> tuple[str, ...]:
    keys = dict.fromkeys(e.key for e in pack if e.key.startswith("templates."))
    return tuple(k.removeprefix("templates.") for k in keys)


def deliverables_list(
    pack: RulePack, template: str, extras: Sequence[str] = (), *, on: dt.date | None = None
) -> DeliverablesList:
    """The template's items, then one ``contract`` item per extra (its text as title)."""
    if template not in template_ids(pack):
        raise NotFound(
            t("no deliverables template '{template}' in {pack}", template=template,
              pack=pack.ref),
            hint=t("Use one of: {templates}", templates=", ".join(template_ids(pack))),
        )  # fmt: skip
    entry = pack.value(f"templates.{template}", on)
    value = entry.value
    if not isinstance(value, Mapping) or not isinstance(value.get("items"), list):
        raise RuleError(t("template '{template}' needs items", template=template),
                        where=pack.path)  # fmt: skip
    items = [_item(raw, pack.path, template) for raw in value["items"]]
    seen = {i.id for i in items}
    for number, extra in enumerate(extras, start=1):
        title = " ".join(extra.split())
        if not title:
            raise ValidationError(t("an extra deliverable needs a title"), field="--extra")
        slug = "-".join(ascii_fold(title).lower().split())[:40] or str(number)
        ident = f"contract-{slug}"
        while ident in seen:
            ident = f"{ident}-{number}"
        seen.add(ident)
        items.append(Deliverable(ident, title, title, "contract", "contract"))
    names = value.get("title") or {}
    return DeliverablesList(
        template=template,
        title_fr=str(names.get("fr", template)),
        title_en=str(names.get("en", template)),
        items=tuple(items),
        cited=cite(pack, entry),
    )


def _item(raw: object, where: str, template: str) -> Deliverable:
    if not isinstance(raw, Mapping) or not all(raw.get(k) for k in ("id", "fr", "en", "kind")):
        raise RuleError(
            t("each item of template '{template}' needs id, fr, en and kind", template=template),
            where=where,
        )
    spec = raw.get("spec")
    return Deliverable(str(raw["id"]), str(raw["fr"]), str(raw["en"]), str(raw["kind"]),
                       "template", str(spec) if spec else None)  # fmt: skip


def advance(
    item: Deliverable, to: DeliverableStatus, *, on: dt.date, note: str | None = None
) -> Deliverable:
    """``item`` moved to ``to`` on ``on``; an illegal move is refused, naming the allowed."""
    allowed = TRANSITIONS[item.status]
    if to not in allowed:
        raise ValidationError(
            t("deliverable {item} cannot go from {current} to {target}", item=item.id,
              current=item.status.value, target=to.value),
            field="status",
            hint=t("From {current} it may go to: {allowed}", current=item.status.value,
                   allowed=", ".join(sorted(s.value for s in allowed)) or "—"),
        )  # fmt: skip
    return replace(item, status=to, history=(*item.history, StatusChange(to, on, note)))


def review_master(item: Deliverable, findings: Sequence[Finding], *, on: dt.date) -> Deliverable:
    """A delivered master accepted when its check has no error, rejected otherwise."""
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        return advance(item, DeliverableStatus.REJECTED, on=on,
                       note=", ".join(sorted({f.check for f in errors})))  # fmt: skip
    return advance(item, DeliverableStatus.ACCEPTED, on=on)


# --- the check of a delivered master ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class MasterMeasurement:
    """What was measured on a delivered master. Names as FFmpeg/PyAV report them
    (container ``"mxf"`` or ``"mov,mp4,m4a,3gp,3g2,mj2"``, codec ``"mpeg2video"``,
    ``"jpeg2000"``, ``"h264"``); scan ``"progressive"`` or ``"interlaced"``; loudness in
    LUFS (BS.1770 integrated), true peak in dBTP, range in LU, duration in seconds.
    ``None``: not measured (the check says so)."""

    container: str | None
    video_codec: str | None
    width: int | None
    height: int | None
    frame_rate: Decimal | Fraction | None
    scan: str | None
    audio_channels: int | None
    sample_rate: int | None
    integrated_loudness: Decimal | None
    true_peak: Decimal | None
    loudness_range: Decimal | None
    duration: Decimal | None
    audio_codec: str | None = None


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Finding:
    check: str  # container | video_codec | raster | frame_rate | scan | audio_codec |
    #             sample_rate | audio_channels | loudness | true_peak | loudness_range | duration
    severity: Severity
    message: Text
    expected: str
    measured: str
    cited: tuple[Cited, ...] = ()


def conforms(findings: Sequence[Finding]) -> bool:
    return not any(f.severity is Severity.ERROR for f in findings)


def _severity(*cited: Cited) -> Severity:
    return Severity.ERROR if all(c.status in FIRM for c in cited) else Severity.WARNING


def _not_measured(check: str, expected: str, cited: tuple[Cited, ...]) -> Finding:
    return Finding(check, Severity.INFO, t("{check} was not measured", check=check),
                   expected, "—", cited)  # fmt: skip


def _names(value: str) -> set[str]:
    return {part.strip().lower() for part in value.split(",") if part.strip()}


def _against(check: str, requirement: Requirement | None, measured: str | None) -> list[Finding]:
    if requirement is None:
        return []
    expected = " | ".join(requirement.allowed)
    cited = (requirement.cited,)
    if measured is None:
        return [_not_measured(check, expected, cited)]
    if _names(measured) & set(requirement.allowed):
        return []
    return [
        Finding(check, _severity(*cited),
                t("{check} is {measured}, the spec asks for {expected}", check=check,
                  measured=measured, expected=expected),
                expected, measured, cited)
    ]  # fmt: skip


def _frame_rate(spec: MasterSpec, measured: MasterMeasurement) -> list[Finding]:
    requirement = spec.frame_rate
    if requirement is None:
        return []
    expected = " | ".join(requirement.allowed)
    if measured.frame_rate is None:
        return [_not_measured("frame_rate", expected, (requirement.cited,))]
    rate = parse_fps(measured.frame_rate, field="frame_rate")
    if any(same_fps(rate, parse_fps(a)) for a in requirement.allowed):
        return []
    shown = str(rate.quantize(Decimal("0.001")).normalize())
    return [
        Finding("frame_rate", _severity(requirement.cited),
                t("the frame rate is {measured} fps, the spec asks for {expected}",
                  measured=shown, expected=expected),
                expected, shown, (requirement.cited,))
    ]  # fmt: skip


def _loudness(spec: MasterSpec, measured: MasterMeasurement) -> list[Finding]:
    target, tolerance = spec.loudness_target, spec.loudness_tolerance
    if target is None:
        return []
    if target.value is None:
        return [Finding("loudness", Severity.INFO, t("no sourced loudness target for this outlet"),
                        "—", _dec(measured.integrated_loudness), (target.cited,))]  # fmt: skip
    margin = tolerance.value if tolerance is not None and tolerance.value is not None else None
    cited = (target.cited,) + ((tolerance.cited,) if tolerance is not None else ())
    expected = f"{target.value}" + (f" ± {margin}" if margin is not None else "")
    if measured.integrated_loudness is None:
        return [_not_measured("loudness", expected, cited)]
    gap = abs(measured.integrated_loudness - target.value)
    if gap <= (margin or Decimal(0)):
        return []
    return [
        Finding("loudness", _severity(*cited),
                t("the integrated loudness is {measured} LUFS, {gap} LU from the target "
                  "{expected}", measured=measured.integrated_loudness, gap=gap,
                  expected=expected),
                expected, _dec(measured.integrated_loudness), cited)
    ]  # fmt: skip


def _true_peak(limit: Limit | None, measured: Decimal | None) -> list[Finding]:
    if limit is None or limit.value is None:
        return []
    expected = f"≤ {limit.value}"
    if measured is None:
        return [_not_measured("true_peak", expected, (limit.cited,))]
    if measured <= limit.value:
        return []
    return [
        Finding("true_peak", _severity(limit.cited),
                t("the true peak is {measured} dBTP, above the maximum {maximum} dBTP",
                  measured=measured, maximum=limit.value),
                expected, _dec(measured), (limit.cited,))
    ]  # fmt: skip


def _range(spec: MasterSpec, measured: Decimal | None) -> list[Finding]:
    limit = spec.loudness_range
    if limit is None:
        return []
    expected = f"{limit.low}–{limit.high}"
    if measured is None:
        return [_not_measured("loudness_range", expected, (limit.cited,))]
    if limit.low <= measured <= limit.high:
        return []
    return [
        Finding("loudness_range", Severity.WARNING,
                t("the loudness range is {measured} LU, outside the guidance {low} to {high} LU",
                  measured=measured, low=limit.low, high=limit.high),
                expected, _dec(measured), (limit.cited,))
    ]  # fmt: skip


def _duration(spec: MasterSpec, measured: MasterMeasurement) -> list[Finding]:
    if spec.duration_seconds is None:
        return []
    expected = str(spec.duration_seconds)
    if measured.duration is None:
        return [_not_measured("duration", expected, ())]
    # One frame of slack: a duration measured from a container is exact to a frame.
    frame = Decimal(1) / parse_fps(measured.frame_rate) if measured.frame_rate else Decimal(0)
    if abs(measured.duration - spec.duration_seconds) <= frame:
        return []
    return [
        Finding("duration", Severity.ERROR,
                t("the master lasts {measured} s, {expected} s expected",
                  measured=measured.duration, expected=spec.duration_seconds),
                expected, _dec(measured.duration))
    ]  # fmt: skip


def _dec(value: Decimal | None) -> str:
    return "—" if value is None else str(value)


def check_master(measured: MasterMeasurement, spec: MasterSpec) -> list[Finding]:
    """Every difference between ``measured`` and ``spec`` (see the module's docstring for
    the severities). An empty list, or one without errors, means the master conforms."""
    raster = (
        f"{measured.width}x{measured.height}"
        if measured.width is not None and measured.height is not None
        else None
    )
    return [
        *_against("container", spec.container, measured.container),
        *_against("video_codec", spec.video_codec, measured.video_codec),
        *_against("raster", spec.raster, raster),
        *_frame_rate(spec, measured),
        *_against("scan", spec.scan, measured.scan),
        *_against("audio_codec", spec.audio_codec, measured.audio_codec),
        *_against(
            "sample_rate",
            spec.sample_rate,
            None if measured.sample_rate is None else str(measured.sample_rate),
        ),
        *_against(
            "audio_channels",
            spec.audio_channels,
            None if measured.audio_channels is None else str(measured.audio_channels),
        ),
        *_loudness(spec, measured),
        *_true_peak(spec.true_peak_max, measured.true_peak),
        *_range(spec, measured.loudness_range),
        *_duration(spec, measured),
    ]
