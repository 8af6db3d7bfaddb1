# SPDX-License-Identifier: AGPL-3.0-or-later
"""The media plans as HTML and PDF: the storage plan (volumes per phase, each figure
explained, the archive on tapes or a cloud tier), the format comparison of one or more
outlets (formats per role, their storage per hour, the master spec), and the archive plan
(manifest totals, naming issues, cold storage).

The domain hands over figures, :class:`~regie.core.text.Text` labels (translated here with
the ``errors`` catalog, as the faces do) and citations; the templates under
``templates/media_plan/`` word the rest with the ``documents`` catalog.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from regie.budget.model import Cited
from regie.core.text import Gettext, Text, render
from regie.documents.feasibility import STATUS_LABELS
from regie.documents.i18n import error_messages, normalize_locale
from regie.documents.pdf import html_to_pdf
from regie.documents.templating import gettext_for
from regie.documents.templating import render as render_template
from regie.media.archive import ArchiveManifest, ColdStoragePlan, tb
from regie.media.outlets import Limit, MasterSpec, OutletFormats, Requirement
from regie.media.rates import Step
from regie.media.storage import PHASE_TITLES, StoragePlan

__all__ = [
    "archive_plan_html",
    "archive_plan_pdf",
    "formats_html",
    "formats_pdf",
    "storage_plan_html",
    "storage_plan_pdf",
]


@dataclass(frozen=True, slots=True)
class Heading:
    """What the running header prints: the production's title (or the plan's name)."""

    title: str


@dataclass(frozen=True, slots=True)
class StepRow:
    label: str
    value: str
    status: str  # worded status of the rule, "" when the step cites none
    source: str  # "pack@version key"


@dataclass(frozen=True, slots=True)
class PhaseRow:
    title: str
    tb: Decimal
    steps: tuple[StepRow, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SpecRow:
    label: str
    value: str
    status: str


@dataclass(frozen=True, slots=True)
class OptionRow:
    role: str
    label: str
    mbps: Decimal | None
    gb_per_hour: Decimal | None
    total_tb: Decimal | None
    status: str
    source: str


@dataclass(frozen=True, slots=True)
class OutletView:
    title: str
    options: tuple[OptionRow, ...]
    spec: tuple[SpecRow, ...]


def _status(cited: Cited | None, locale: str) -> str:
    if cited is None:
        return ""
    _ = gettext_for(locale).gettext
    return _(STATUS_LABELS.get(cited.status.value, cited.status.value))


def _steps(steps: Sequence[Step], gettext: Gettext, locale: str) -> tuple[StepRow, ...]:
    return tuple(
        StepRow(
            s.label.translate(gettext),
            render(s.value, gettext),
            _status(s.cited, locale),
            f"{s.cited.pack} {s.cited.key}" if s.cited else "",
        )
        for s in steps
    )


def _texts(texts: Sequence[Text], gettext: Gettext) -> tuple[str, ...]:
    return tuple(x.translate(gettext) for x in texts)


def _archive_rows(plan: ColdStoragePlan, locale: str) -> tuple[StepRow, ...]:
    return _steps(plan.steps, error_messages(locale), locale)


def storage_plan_html(plan: StoragePlan, title: str, *, locale: str = "fr") -> str:
    language = normalize_locale(locale)
    gettext = error_messages(language)
    phases = tuple(
        PhaseRow(
            PHASE_TITLES[p.phase].translate(gettext),
            p.tb,
            _steps(p.steps, gettext, language),
            _texts(p.notes, gettext),
        )
        for p in plan.phases
    )
    return render_template(
        "media_plan/storage.html",
        language,
        production=Heading(title),
        plan=plan,
        phases=phases,
        online_tb=tb(plan.online_bytes),
        archive=plan.archive,
        archive_tb=tb(plan.archive.bytes_per_copy),
        emission_note=plan.archive.emission_note.translate(gettext)
        if plan.archive.emission_note
        else "",
    )


def storage_plan_pdf(plan: StoragePlan, title: str, *, locale: str = "fr") -> bytes:
    return html_to_pdf(storage_plan_html(plan, title, locale=locale))


def _requirement(requirement: Requirement | None) -> str | None:
    if requirement is None:
        return None
    return requirement.label or " | ".join(requirement.allowed)


def _limit(limit: Limit | None, unit: str) -> str | None:
    if limit is None:
        return None
    return "—" if limit.value is None else f"{limit.value} {limit.unit or unit}"


def _spec_rows(spec: MasterSpec, locale: str) -> tuple[SpecRow, ...]:
    _ = gettext_for(locale).gettext
    rows: list[SpecRow] = []
    named: list[tuple[str, Requirement | None]] = [
        (_("Container"), spec.container),
        (_("Video codec"), spec.video_codec),
        (_("Picture size"), spec.raster),
        (_("Frame rate"), spec.frame_rate),
        (_("Scan"), spec.scan),
        (_("Audio codec"), spec.audio_codec),
        (_("Sample rate"), spec.sample_rate),
        (_("Audio channels"), spec.audio_channels),
    ]
    for label, requirement in named:
        shown = _requirement(requirement)
        if requirement is not None and shown is not None:
            rows.append(SpecRow(label, shown, _status(requirement.cited, locale)))
    limits: list[tuple[str, Limit | None, str]] = [
        (_("Integrated loudness target"), spec.loudness_target, "LUFS"),
        (_("Loudness tolerance"), spec.loudness_tolerance, "LU"),
        (_("Maximum true peak"), spec.true_peak_max, "dBTP"),
    ]
    for label, limit, unit in limits:
        shown = _limit(limit, unit)
        if limit is not None and shown is not None:
            rows.append(SpecRow(label, shown, _status(limit.cited, locale)))
    if spec.loudness_range is not None:
        lra = spec.loudness_range
        rows.append(
            SpecRow(_("Loudness range (guidance)"), f"{lra.low}–{lra.high} LU",
                    _status(lra.cited, locale))
        )  # fmt: skip
    return tuple(rows)


def outlet_view(formats: OutletFormats, locale: str) -> OutletView:
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    roles = {
        "acquisition": _("Acquisition"),
        "intermediate": _("Intermediate"),
        "proxy": _("Proxy"),
        "delivery": _("Delivery"),
    }
    options = tuple(
        OptionRow(
            roles.get(o.role, o.role),
            o.label,
            o.mbps,
            o.gb_per_hour,
            tb(o.total_bytes) if o.total_bytes is not None else None,
            _status(o.cited, language),
            f"{o.cited.pack} {o.cited.key}",
        )
        for o in formats.options
    )
    title = formats.title_en if language == "en" else formats.title_fr
    return OutletView(title, options, _spec_rows(formats.spec, language))


def formats_html(comparisons: Sequence[OutletFormats], title: str, *, locale: str = "fr") -> str:
    language = normalize_locale(locale)
    return render_template(
        "media_plan/formats.html",
        language,
        production=Heading(title),
        outlets=tuple(outlet_view(c, language) for c in comparisons),
        hours=comparisons[0].hours if comparisons else None,
        packs=sorted({p for c in comparisons for p in c.packs}),
    )


def formats_pdf(comparisons: Sequence[OutletFormats], title: str, *, locale: str = "fr") -> bytes:
    return html_to_pdf(formats_html(comparisons, title, locale=locale))


def archive_plan_html(
    manifest: ArchiveManifest | None, plan: ColdStoragePlan, title: str, *, locale: str = "fr"
) -> str:
    language = normalize_locale(locale)
    gettext = error_messages(language)
    _ = gettext_for(language).gettext
    kinds = {
        "rush": _("Rushes"),
        "sound": _("Sound"),
        "document": _("Documents"),
        "other": _("Other files"),
    }
    issues = (
        tuple((i.path, render(i.reason, gettext), i.suggestion or "") for i in manifest.issues)
        if manifest is not None
        else ()
    )
    return render_template(
        "media_plan/archive.html",
        language,
        production=Heading(title),
        manifest=manifest,
        totals=tuple((kinds[k.kind.value], k.files, tb(k.bytes)) for k in manifest.totals)
        if manifest is not None
        else (),
        issues=issues,
        archive=plan,
        steps=_archive_rows(plan, language),
        archive_tb=tb(plan.bytes_per_copy),
        emission_note=plan.emission_note.translate(gettext) if plan.emission_note else "",
    )


def archive_plan_pdf(
    manifest: ArchiveManifest | None, plan: ColdStoragePlan, title: str, *, locale: str = "fr"
) -> bytes:
    return html_to_pdf(archive_plan_html(manifest, plan, title, locale=locale))
