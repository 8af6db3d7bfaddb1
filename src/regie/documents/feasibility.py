# SPDX-License-Identifier: AGPL-3.0-or-later
"""The feasibility diagnosis (diagnostic de faisabilité) as HTML and PDF.

:class:`~regie.script.feasibility.Feasibility` carries numbers, rule references and
citations only; this module words them in the document's locale: a summary (length,
estimated screen time, shoot-day range with the pace and the rule it comes from), INT/EXT
and day/night tables, sets, cast, night and weather-exposed exteriors, cost drivers, and a
short note on the method.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from regie.core.production import Production
from regie.documents.i18n import normalize_locale
from regie.documents.pdf import html_to_pdf
from regie.documents.templating import (
    LIGHT_LABELS,
    N_,
    gettext_for,
    kind_label,
    render,
)
from regie.rules.pack import Status
from regie.script.feasibility import DayEstimate, Feasibility, Split

__all__ = ["FeasibilityView", "SplitRow", "feasibility_html", "feasibility_pdf"]

STATUS_LABELS: dict[str, str] = {
    Status.VERIFIED.value: N_("verified"),
    Status.SECONDARY.value: N_("secondary source"),
    Status.ESTIMATED.value: N_("estimate"),
    Status.CUSTOMARY.value: N_("customary"),
    Status.UNVERIFIED.value: N_("unverified"),
}
_NO_PACE = re.compile(r"no customary pace for '(?P<kind>[^']*)' in (?P<pack>\S+)")


@dataclass(frozen=True, slots=True)
class SplitRow:
    label: str
    scenes: int
    eighths: int
    share: Decimal  # of the script's eighths, 0..1


@dataclass(frozen=True, slots=True)
class FeasibilityView:
    """What the feasibility templates print, already in the document's locale."""

    report: Feasibility
    kind: str
    int_ext: tuple[SplitRow, ...]
    light: tuple[SplitRow, ...]
    set_lights: tuple[str, ...]  # per report.sets line: its day/night categories, worded
    citation_status: str  # "usage (customary)"; "" when the estimate cites nothing
    citation_sources: str
    reason: str  # why there is no day estimate, worded; "" when there is one


def _rows(splits: tuple[Split, ...], total: int, label_of: dict[str, str]) -> tuple[SplitRow, ...]:
    return tuple(
        SplitRow(
            label_of.get(s.key, s.key),
            s.scenes,
            s.eighths,
            Decimal(s.eighths) / Decimal(total) if total else Decimal(0),
        )
        for s in splits
    )


def _citation(days: DayEstimate, locale: str) -> tuple[str, str]:
    """``"customary — CutPrint…; Larousse…"`` → ``("usage (customary)", "CutPrint…; …")``."""
    if not days.citation:
        return "", ""
    status, _sep, sources = days.citation.partition(" — ")
    if status not in STATUS_LABELS:
        return "", days.citation
    worded = gettext_for(locale).gettext(STATUS_LABELS[status])
    return (worded if worded == status else f"{worded} ({status})"), sources


def _reason(days: DayEstimate, locale: str) -> str:
    """The domain's reason, in the locale where its wording is known (else as given)."""
    if days.low is not None or not days.reason:
        return ""
    _ = gettext_for(locale).gettext
    if days.reason == "the production's running time is not set":
        return _("the production's running time is not set")
    match = _NO_PACE.fullmatch(days.reason)
    if match:
        return _("no customary pace for “%(kind)s” in %(pack)s") % match.groupdict()
    return days.reason


def feasibility_view(report: Feasibility, production: Production, locale: str) -> FeasibilityView:
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    int_ext_labels = {"none": _("Not stated")}
    light_labels = {key: _(label) for key, label in LIGHT_LABELS.items()}
    status, sources = _citation(report.shoot_days, language)
    return FeasibilityView(
        report=report,
        kind=kind_label(production, language),
        int_ext=_rows(report.int_ext, report.eighths, int_ext_labels),
        light=_rows(report.light, report.eighths, light_labels),
        set_lights=tuple(
            ", ".join(light_labels.get(x, x) for x in line.lights) for line in report.sets
        ),
        citation_status=status,
        citation_sources=sources,
        reason=_reason(report.shoot_days, language),
    )


def feasibility_html(
    report: Feasibility, production: Production, *, locale: str = "fr", fragment: bool = False
) -> str:
    """The diagnosis as HTML: ``fragment=True`` gives the ``<article>`` the web page embeds,
    else a standalone document with the print CSS (what :func:`feasibility_pdf` prints)."""
    template = "feasibility/report.html" if fragment else "feasibility/document.html"
    return render(
        template,
        locale,
        view=feasibility_view(report, production, locale),
        production=production,
    )


def feasibility_pdf(report: Feasibility, production: Production, *, locale: str = "fr") -> bytes:
    return html_to_pdf(feasibility_html(report, production, locale=locale))
