# SPDX-License-Identifier: AGPL-3.0-or-later
"""The carbon footprint estimate (bilan carbone) as HTML, PDF and CSV.

The HTML (embedded by the web page, printed to PDF) gives the total, the breakdown by
Carbon'Clap post with a bar chart (SVG drawn with attributes only: no inline style, so
the page keeps its Content-Security-Policy), then every line with its quantity, the
factor, its status and its source, and the steps that gave the quantity; records that
could not be counted are listed, not guessed.

The CSV is for re-keying in Carbon'Clap: one row per line (post, activity, label, date,
quantity, unit, factor, factor key, status, source, kgCO2e), then the records not counted
with their reason. French: semicolons and decimal commas; English: commas and points;
UTF-8 with a byte-order mark, CRLF (as :func:`regie.documents.devis.devis_csv`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from regie.core.production import Production
from regie.documents.feasibility import STATUS_LABELS
from regie.documents.i18n import (
    error_messages,
    format_number,
    format_percent,
    normalize_locale,
)
from regie.documents.pdf import html_to_pdf
from regie.documents.templating import N_, gettext_for, render
from regie.finance.carbon import CarbonEstimate, EmissionLine, EstimateKind
from regie.logistics.energy import ENERGY_LABELS, FUEL_LABELS
from regie.logistics.lodging import LODGING_LABELS
from regie.logistics.meals import DIET_LABELS
from regie.logistics.travel import MODE_LABELS

__all__ = ["CarbonView", "carbon_csv", "carbon_html", "carbon_pdf", "carbon_view"]

KIND_LABELS: Final = {
    EstimateKind.PROVISIONAL: N_("Provisional carbon estimate"),
    EstimateKind.FINAL: N_("Final carbon estimate"),
}
CHART_WIDTH: Final = 640
LABEL_WIDTH: Final = 150
BAR_AREA: Final = 380
ROW_HEIGHT: Final = 26
BAR_HEIGHT: Final = 16
COLOURS: Final = ("#2b6a4f", "#4f7cac", "#c7873b", "#8c5a9e", "#6b8f3a", "#9b3d3d",
                  "#5c6f7a", "#3a8f8a")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: str  # "123,4 kg (12 %)"
    y: int
    width: int  # px, 0 for an empty post
    fill: str
    text_x: int


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: tuple[Bar, ...]


@dataclass(frozen=True, slots=True)
class LineRow:
    line: EmissionLine
    label: str
    activity: str
    status: str
    steps: tuple[str, ...]
    quantity: str  # every decimal of the figure, in the locale's form
    factor: str


@dataclass(frozen=True, slots=True)
class PostRow:
    key: str
    title: str
    kg: Decimal
    share: Decimal
    estimated: bool
    status: str
    note: str | None
    lines: tuple[LineRow, ...]


@dataclass(frozen=True, slots=True)
class CarbonView:
    """What the carbon templates print, already in the document's locale."""

    estimate: CarbonEstimate
    title: str
    posts: tuple[PostRow, ...]
    chart: Chart
    gaps: tuple[tuple[str, str], ...]  # (record label, reason)
    notes: tuple[str, ...]
    number: int | None  # the frozen version's number, None for a live estimate


def _pair(pair: tuple[str, str], french: bool) -> str:
    return pair[0] if french else pair[1]


def activity_label(key: str, locale: str) -> str:
    """``travel.train_tgv`` → ``Train (TGV)``; unknown keys as they are."""
    french = normalize_locale(locale) == "fr"
    group, _sep, name = key.partition(".")
    tables: dict[str, dict[str, tuple[str, str]]] = {
        "travel": {m.value: v for m, v in MODE_LABELS.items()},
        "lodging": {k.value: v for k, v in LODGING_LABELS.items()},
        "meal": {d.value: v for d, v in DIET_LABELS.items()},
        "energy": {
            **{f.value: v for f, v in FUEL_LABELS.items()},
            "grid": ("Électricité du réseau", "Grid electricity"),
        },
        "storage": {"cloud": ("Stockage de données (cloud)", "Cloud data storage")},
    }
    found = tables.get(group, {}).get(name)
    return key if found is None else _pair(found, french)


def exact(value: Decimal, locale: str) -> str:
    """``0.00293`` → ``0,00293`` in French: all the decimals the figure has."""
    exponent = value.normalize().as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_number(value, locale, decimals=decimals)


def _label(line: EmissionLine, locale: str) -> str:
    """The record's name; meals and unnamed energy entries by their kind."""
    french = normalize_locale(locale) == "fr"
    if line.activity.startswith("meal."):
        return activity_label(line.activity, locale)
    kinds = {k.value: v for k, v in ENERGY_LABELS.items()}
    return _pair(kinds[line.label], french) if line.label in kinds else line.label


def _status(value: str, locale: str) -> str:
    label = STATUS_LABELS.get(value)
    return value if label is None else gettext_for(locale).gettext(label)


def _chart(posts: tuple[PostRow, ...], locale: str) -> Chart:
    top = max((p.kg for p in posts), default=Decimal(0))
    bars = []
    for n, post in enumerate(posts):
        width = 0 if not top else int((post.kg / top * BAR_AREA).to_integral_value(ROUND_HALF_UP))
        value = post.kg.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        text = (
            f"{format_number(value, locale, decimals=1)} kg ({format_percent(post.share, locale)})"
        )
        bars.append(Bar(post.title, text, n * ROW_HEIGHT, width, COLOURS[n % len(COLOURS)],
                        LABEL_WIDTH + width + 6))  # fmt: skip
    return Chart(CHART_WIDTH, max(1, len(posts)) * ROW_HEIGHT, LABEL_WIDTH, BAR_HEIGHT,
                 tuple(bars))  # fmt: skip


def carbon_view(
    found: CarbonEstimate, locale: str = "fr", *, number: int | None = None
) -> CarbonView:
    language = normalize_locale(locale)
    french = language == "fr"
    words = error_messages(language)
    posts = []
    for post in found.categories:
        mine = tuple(
            LineRow(
                line,
                label=_label(line, language),
                activity=activity_label(line.activity, language),
                status=_status(line.factor.status.value, language),
                steps=tuple(step.translate(words) for step in line.steps),
                quantity=exact(line.quantity, language),
                factor=exact(line.factor.value, language),
            )
            for line in found.lines
            if line.category == post.key
        )
        posts.append(
            PostRow(post.key, post.title_fr if french else post.title_en, post.kg, post.share,
                    post.estimated, _status(post.status.value, language), post.note, mine)
        )  # fmt: skip
    rows = tuple(posts)
    return CarbonView(
        estimate=found,
        title=gettext_for(language).gettext(KIND_LABELS[found.kind]),
        posts=rows,
        chart=_chart(rows, language),
        gaps=tuple((g.label, g.reason.translate(words)) for g in found.gaps),
        notes=tuple(n.translate(words) for n in found.notes),
        number=number,
    )


def carbon_html(
    found: CarbonEstimate, production: Production, *, locale: str = "fr",
    fragment: bool = False, number: int | None = None,
) -> str:  # fmt: skip
    """The estimate as HTML: ``fragment=True`` gives the ``<article>`` the web page embeds,
    else a standalone document with the print CSS (what :func:`carbon_pdf` prints)."""
    template = "carbon/report.html" if fragment else "carbon/document.html"
    view = carbon_view(found, locale, number=number)
    return render(template, locale, view=view, production=production)


def carbon_pdf(
    found: CarbonEstimate, production: Production, *, locale: str = "fr", number: int | None = None
) -> bytes:
    return html_to_pdf(carbon_html(found, production, locale=locale, number=number))


def carbon_csv(found: CarbonEstimate, *, locale: str = "fr") -> bytes:
    """The lines for re-keying in Carbon'Clap (see the module docstring)."""
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    french = language == "fr"
    view = carbon_view(found, language)

    def number(value: Decimal) -> str:
        text = format(value, "f")
        return text.replace(".", ",") if french else text

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if french else ",", lineterminator="\r\n")
    writer.writerow([_("Carbon'Clap post"), _("Activity"), _("Label"), _("Date"),
                     _("Quantity"), _("Unit"), _("Factor (kgCO2e per unit)"), _("Factor key"),
                     _("Status"), _("Source"), _("kgCO2e"), _("Note")])  # fmt: skip
    for post in view.posts:
        for row in post.lines:
            line = row.line
            writer.writerow([post.title, row.activity, row.label, line.day.isoformat(),
                             number(line.quantity), line.unit, number(line.factor.value),
                             line.factor.key, row.status, line.factor.source,
                             number(line.kg), ""])  # fmt: skip
    for label, reason in view.gaps:
        writer.writerow(["", "", label, "", "", "", "", "", "", "", "", reason])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
