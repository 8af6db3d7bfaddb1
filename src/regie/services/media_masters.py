# SPDX-License-Identifier: AGPL-3.0-or-later
"""The check of a delivered master against its outlet's spec.

:func:`check_master` measures the file — :func:`regie.mediaio.probe.probe` for the
container and streams, :func:`regie.mediaio.analyse.analyse_loudness` for the integrated
loudness, range and true peak (a full decode of the sound, so it runs as a job,
:mod:`regie.jobs.media`) — before its transaction opens, then compares the
:class:`~regie.media.deliverables.MasterMeasurement` with the outlet's
:class:`~regie.media.outlets.MasterSpec`, stores the findings, and moves the deliverable:
to ``delivered`` if it was not yet, then ``accepted`` without an error, ``rejected`` with one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from regie.core.errors import ParseError, ValidationError
from regie.core.text import t
from regie.media.catalog import DeliverableRecord, MasterCheck
from regie.media.deliverables import (
    DeliverableStatus,
    Finding,
    MasterMeasurement,
    advance,
    review_master,
)
from regie.media.deliverables import check_master as judge_master
from regie.media.outlets import master_spec
from regie.office.roles import User
from regie.services.database import Database
from regie.services.media import get_deliverable, media_production, require_media_work
from regie.services.media_paths import MediaRoots, PathUse, check_path
from regie.services.media_plans import media_packs
from regie.storage.repos import media

_BEFORE_DELIVERY = (
    DeliverableStatus.PLANNED,
    DeliverableStatus.IN_PROGRESS,
    DeliverableStatus.REJECTED,
)


def master_path(
    db: Database,
    slug: str,
    deliverable_id: int,
    path: str,
    *,
    actor: User | None,
    roots: MediaRoots,
) -> Path:
    """The master file ``path`` once the actor may check this deliverable, the deliverable
    is a master with an outlet, and the path is a file inside ``roots``."""
    stored = get_deliverable(db, slug, deliverable_id, actor=actor)
    require_media_work(db, slug, actor=actor)
    if stored.item.spec is None:
        raise ValidationError(
            t("deliverable {key} is not a master with a delivery spec", key=stored.key),
            field="path",
            hint=t("Only masters (PAD, IMF, DCP, web file) are checked against a spec"),
        )
    found = check_path(path, roots, field="path", use=PathUse.READ)
    if not found.is_file():
        raise ValidationError(
            t("{path} is not a file", path=path.strip()),
            field="path",
            hint=t("Give the master's file (for a package, its main picture and sound file)"),
        )
    return found


def measure_master(path: Path) -> MasterMeasurement:
    """What the probe and the loudness meter read from the file (a file without sound
    has no loudness: the check says it was not measured)."""
    # Media I/O loads only when a master is measured.
    from regie.mediaio.analyse import analyse_loudness  # noqa: PLC0415
    from regie.mediaio.probe import probe  # noqa: PLC0415

    info = probe(path)
    video = info.video
    loudness = None
    if info.audio:
        try:
            loudness = analyse_loudness(path)
        except ParseError:
            loudness = None
    codecs = ",".join(dict.fromkeys(a.codec for a in info.audio)) or None
    scan = video.scan.value if video is not None and video.scan.value != "unknown" else None
    return MasterMeasurement(
        container=info.container,
        video_codec=video.codec if video else None,
        width=video.width if video else None,
        height=video.height if video else None,
        frame_rate=video.frame_rate if video else None,
        scan=scan,
        audio_channels=info.audio_channels if info.audio else None,
        sample_rate=info.audio[0].sample_rate if info.audio else None,
        integrated_loudness=loudness.integrated if loudness else None,
        true_peak=loudness.true_peak if loudness else None,
        loudness_range=loudness.range if loudness else None,
        duration=info.duration_s,
        audio_codec=codecs,
    )


def _shown(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def measured_strings(measured: MasterMeasurement) -> dict[str, str]:
    raster = (
        f"{measured.width}x{measured.height}"
        if measured.width is not None and measured.height is not None
        else None
    )
    rate = measured.frame_rate
    fps: str | None = None
    if isinstance(rate, Fraction):
        fps = format(Decimal(rate.numerator) / Decimal(rate.denominator), ".3f")
    elif rate is not None:
        fps = format(rate, "f")
    return {
        "container": _shown(measured.container),
        "video_codec": _shown(measured.video_codec),
        "raster": _shown(raster),
        "frame_rate": _shown(fps),
        "scan": _shown(measured.scan),
        "audio_codec": _shown(measured.audio_codec),
        "sample_rate": _shown(measured.sample_rate),
        "audio_channels": _shown(measured.audio_channels),
        "loudness": _shown(measured.integrated_loudness),
        "true_peak": _shown(measured.true_peak),
        "loudness_range": _shown(measured.loudness_range),
        "duration": _shown(measured.duration),
    }


def check_master(
    db: Database,
    slug: str,
    deliverable_id: int,
    path: Path,
    *,
    actor: User | None,
    measured: MasterMeasurement | None = None,
    rule_dirs: tuple[Path, ...] = (),
    now: dt.datetime | None = None,
) -> DeliverableRecord:
    """Measure ``path`` (unless ``measured`` is given), judge it against the deliverable's
    outlet and store the findings; the deliverable moves to delivered, then accepted or
    rejected (an accepted or waived one keeps its status: the check is only recorded)."""
    stored = get_deliverable(db, slug, deliverable_id, actor=actor)
    if stored.item.spec is None:
        raise ValidationError(
            t("deliverable {key} is not a master with a delivery spec", key=stored.key),
            field="path",
        )
    spec = master_spec(media_packs(rule_dirs).specs, stored.item.spec)
    found = measured if measured is not None else measure_master(path)
    findings: list[Finding] = judge_master(found, spec)
    moment = now or dt.datetime.now(dt.UTC)
    check = MasterCheck(str(path), moment, measured_strings(found), tuple(findings))
    with db.session() as session:
        production = media_production(session, slug, actor, manage=True)
        current = media.get_deliverable(session, production.id, deliverable_id)
        item, day = current.item, moment.date()
        if item.status in _BEFORE_DELIVERY:
            item = advance(item, DeliverableStatus.DELIVERED, on=day, note=path.name)
        if item.status is DeliverableStatus.DELIVERED:
            item = review_master(item, findings, on=day)
        changed = replace(current, item=item, master_path=str(path), check=check)
        media.update_deliverable(session, changed, expected_version=current.version)
        return media.get_deliverable(session, production.id, deliverable_id)
