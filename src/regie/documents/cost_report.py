# SPDX-License-Identifier: AGPL-3.0-or-later
"""The cost report (état des coûts) for partners: HTML/PDF and XLSX.

The figures are :class:`~regie.finance.costreport.CostReport`'s; nothing is added up here.
Per chapter and devis account: budget, committed, actual, estimate to complete, estimated
final cost and variance (positive: over budget), with the account's alert; then the
add-ons carried at budget and the total; the alerts in words; the ledger charges no rule
maps; and the burn chart.

The **burn chart** is SVG drawn with attributes only (``points``, ``fill``, ``stroke``)
and CSS classes — no ``style`` attribute, as the web pages' content security policy
refuses them and WeasyPrint paints SVG from its attributes: the plan (cumulative budget by
week), the money spent, and the estimated final cost of the weekly snapshots, over bands
for preparation, shoot and post-production.

* :func:`cost_report_html` (``fragment=True``: the ``<article>`` a web page embeds),
  :func:`cost_report_pdf` (A4 landscape);
* :func:`cost_report_xlsx`: sheets "État des coûts" (one row per chapter and account, with
  numeric cells), "Alertes" and "Courbe" (the burn, week by week).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from typing import Any, Final

from babel import dates, numbers
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from regie.core.production import Production
from regie.documents.i18n import format_date, normalize_locale
from regie.documents.pdf import html_to_pdf
from regie.documents.templating import N_, gettext_for, kind_label, render
from regie.finance.burn import Burn, Phase
from regie.finance.costreport import AlertLevel, CostReport, Figures

__all__ = [
    "ALERT_LABELS",
    "COLUMNS",
    "BurnChart",
    "CostReportView",
    "burn_html",
    "cost_report_html",
    "cost_report_pdf",
    "cost_report_stylesheet",
    "cost_report_view",
    "cost_report_xlsx",
]

CENT: Final = Decimal("0.01")
ALERT_LABELS: Final[dict[AlertLevel, str]] = {
    AlertLevel.WATCH: N_("To watch"),
    AlertLevel.OVERRUN: N_("Overrun"),
    AlertLevel.SEVERE: N_("Severe overrun"),
    AlertLevel.UNBUDGETED: N_("Not budgeted"),
    AlertLevel.UNMAPPED: N_("Ledger charges not mapped"),
}
PHASE_LABELS: Final[dict[Phase, str]] = {
    Phase.PREP: N_("Preparation"),
    Phase.SHOOT: N_("Shoot"),
    Phase.POST: N_("Post-production"),
}
PHASE_FILLS: Final[dict[Phase, str]] = {
    Phase.PREP: "#e8f0fb",
    Phase.SHOOT: "#fdf1dd",
    Phase.POST: "#e6f4ee",
}
COLUMNS: Final[tuple[tuple[str, str, float], ...]] = (
    ("code", N_("Account"), 9),
    ("title", N_("Title"), 40),
    ("budget", N_("Budget"), 15),
    ("committed", N_("Committed"), 15),
    ("actual", N_("Actual"), 15),
    ("etc", N_("Estimate to complete"), 15),
    ("final", N_("Estimated final cost"), 16),
    ("variance", N_("Variance"), 14),
    ("alert", N_("Alert"), 20),
)
CHART_WIDTH: Final = 760
CHART_HEIGHT: Final = 280
LEFT, RIGHT, TOP, BOTTOM = 80, 16, 14, 36


def cash_in(language: str, currency: str) -> Callable[[Decimal], str]:
    def cash(value: Decimal) -> str:
        return numbers.format_currency(
            value.quantize(CENT, rounding=ROUND_HALF_UP), currency, locale=language
        )

    return cash


@dataclass(frozen=True, slots=True)
class Row:
    code: str
    title: str
    budget: str
    committed: str
    actual: str
    etc: str
    final: str
    variance: str
    over: bool  # variance > 0
    alert: str  # AlertLevel value, "" when none
    alert_label: str
    overridden: bool = False


@dataclass(frozen=True, slots=True)
class ChapterView:
    number: int
    title: str
    total: Row
    lines: tuple[Row, ...]  # accounts with a budget or any figure


@dataclass(frozen=True, slots=True)
class AlertView:
    level: str
    label: str
    where: str
    amount: str
    ratio: str


@dataclass(frozen=True, slots=True)
class BurnChart:
    width: int
    height: int
    bands: tuple[tuple[int, int, str, str], ...]  # x, width, fill, label
    weeks: tuple[tuple[int, str], ...]  # x, label (every few weeks)
    ticks: tuple[tuple[int, str], ...]  # y, amount
    plan: str  # SVG points
    actual: str
    forecast: str
    today_x: int | None
    markers: tuple[tuple[int, int], ...] = ()  # the snapshots' estimated final cost
    left: int = LEFT
    bottom: int = CHART_HEIGHT - BOTTOM


@dataclass(frozen=True, slots=True)
class CostReportView:
    kind: str
    budget_name: str
    chart_ref: str
    settings_ref: str
    as_of: str
    cutoff: str | None
    chapters: tuple[ChapterView, ...]
    chapters_total: Row
    addons: tuple[Row, ...]
    total: Row
    alerts: tuple[AlertView, ...]
    unmapped: tuple[tuple[str, str, str], ...]  # account, label, amount
    burn: BurnChart | None
    currency: str


def _row(
    code: str,
    title: str,
    figures: Figures,
    cash: Callable[[Decimal], str],
    label: Callable[[AlertLevel | None], str],
    *,
    alert: AlertLevel | None = None,
    overridden: bool = False,
) -> Row:
    return Row(
        code,
        title,
        cash(figures.budget),
        cash(figures.committed),
        cash(figures.actual),
        cash(figures.estimate_to_complete),
        cash(figures.final),
        cash(figures.variance),
        figures.variance > 0,
        alert.value if alert else "",
        label(alert),
        overridden,
    )


def _titled(item: Any, language: str) -> str:
    english = getattr(item, "title_en", None) if language == "en" else None
    return str(english or item.title)


def cost_report_view(
    report: CostReport,
    production: Production,
    *,
    budget_name: str,
    burn: Burn | None = None,
    locale: str = "fr",
    currency: str = "EUR",
) -> CostReportView:
    """The report worded and formatted in ``locale`` for the templates."""
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    cash = cash_in(language, currency)

    def label(level: AlertLevel | None) -> str:
        return _(ALERT_LABELS[level]) if level else ""

    titles = {ln.code: _titled(ln.account, language) for c in report.chapters for ln in c.lines}
    chapters = tuple(
        ChapterView(
            c.chapter.number,
            _titled(c.chapter, language),
            _row(
                str(c.chapter.number),
                _titled(c.chapter, language),
                c.figures,
                cash,
                label,
                alert=c.alert,
            ),
            tuple(
                _row(
                    ln.code,
                    titles[ln.code],
                    ln.figures,
                    cash,
                    label,
                    alert=ln.alert,
                    overridden=ln.etc_overridden,
                )
                for ln in c.lines
                if ln.figures != Figures(*(Decimal(0),) * 5)
            ),
        )
        for c in report.chapters
    )
    addons = tuple(
        _row(
            "",
            _titled(a, language),
            Figures(a.budget, Decimal(0), Decimal(0), a.budget, a.budget),
            cash,
            label,
        )
        for a in report.addons
    )
    alerts = []
    for alert in report.alerts:
        if alert.account is not None:
            where = f"{alert.account} {titles.get(alert.account, '')}".strip()
        elif alert.chapter is not None:
            where = _("Chapter %(number)s") % {"number": alert.chapter}
        else:
            where = _("Ledger")
        ratio = (
            numbers.format_percent(alert.ratio.quantize(Decimal("0.001")), locale=language)
            if alert.ratio is not None
            else ""
        )
        alerts.append(
            AlertView(alert.level.value, label(alert.level), where, cash(alert.amount), ratio)
        )
    return CostReportView(
        kind=kind_label(production, language),
        budget_name=budget_name,
        chart_ref=report.chart_ref,
        settings_ref=report.settings_ref,
        as_of=format_date(report.as_of, language),
        cutoff=format_date(report.cutoff, language) if report.cutoff else None,
        chapters=chapters,
        chapters_total=_row("", _("Total chapters 1 to 9"), report.chapters_figures, cash, label),
        addons=addons,
        total=_row("", _("Total"), report.figures, cash, label),
        alerts=tuple(alerts),
        unmapped=tuple((u.account, u.label, cash(u.amount)) for u in report.unmapped),
        burn=burn_chart(burn, report.as_of, language, currency) if burn else None,
        currency=currency,
    )


def burn_chart(burn: Burn, as_of: dt.date, language: str, currency: str) -> BurnChart:
    """The geometry of the burn chart (see the module docstring)."""
    _ = gettext_for(language).gettext
    weeks = burn.weeks
    count = max(len(weeks), 1)
    plot_w = CHART_WIDTH - LEFT - RIGHT
    plot_h = CHART_HEIGHT - TOP - BOTTOM
    values = [burn.total] + [w.actual for w in weeks if w.actual is not None]
    values += [w.forecast for w in weeks if w.forecast is not None]
    top = max(*values, Decimal(1)) * Decimal("1.05")

    def x(index: int) -> int:  # the end of week ``index`` (index -1: the plan's start)
        return LEFT + round(plot_w * (index + 1) / count)

    def y(value: Decimal) -> int:
        return TOP + plot_h - round(Decimal(plot_h) * value / top)

    bands: list[tuple[int, int, str, str]] = []
    for index, week in enumerate(weeks):
        if bands and bands[-1][3] == _(PHASE_LABELS[week.phase]):
            start, _width, fill, name = bands[-1]
            bands[-1] = (start, x(index) - start, fill, name)
        else:
            bands.append(
                (
                    x(index - 1),
                    x(index) - x(index - 1),
                    PHASE_FILLS[week.phase],
                    _(PHASE_LABELS[week.phase]),
                )
            )
    step = max(1, -(-count // 8))  # at most eight labels, never on top of each other
    labels = tuple(
        (x(i - 1), dates.format_date(w.week, "d MMM", locale=language))
        for i, w in enumerate(weeks)
        if i % step == 0
    )
    symbol = numbers.get_currency_symbol(currency, locale=language)

    def whole(value: Decimal) -> str:
        amount = numbers.format_decimal(value.quantize(Decimal(1)), format="#,##0", locale=language)
        return f"{amount}\u00a0{symbol}"

    ticks = tuple((y(top * k / 4), whole(top * k / 4)) for k in range(5))
    plan = " ".join(
        [f"{x(-1)},{y(Decimal(0))}"] + [f"{x(i)},{y(w.planned)}" for i, w in enumerate(weeks)]
    )
    actual_points = [f"{x(-1)},{y(Decimal(0))}"] + [
        f"{x(i)},{y(w.actual)}" for i, w in enumerate(weeks) if w.actual is not None
    ]
    markers = tuple((x(i), y(w.forecast)) for i, w in enumerate(weeks) if w.forecast is not None)
    forecast = " ".join(f"{px},{py}" for px, py in markers)
    today = next(
        (i for i, w in enumerate(weeks) if w.week <= as_of < w.week + dt.timedelta(days=7)), None
    )
    return BurnChart(
        CHART_WIDTH,
        CHART_HEIGHT,
        tuple(bands),
        labels,
        ticks,
        plan,
        " ".join(actual_points) if len(actual_points) > 1 else "",
        forecast,
        x(today - 1) + (x(today) - x(today - 1)) * as_of.weekday() // 7
        if today is not None
        else None,
        markers,
    )


def burn_html(chart: BurnChart, *, locale: str = "fr") -> str:
    """The burn chart alone (SVG and legend), for a web page."""
    return render("cost_report/burn.html", locale, chart=chart)


def cost_report_stylesheet() -> str:
    """The styles of the cost report and final accounts, for a web page that embeds them."""
    return (
        resources.files("regie.documents")
        .joinpath("templates", "cost_report", "cost_report.css")
        .read_text(encoding="utf-8")
    )


def cost_report_html(
    view: CostReportView, production: Production, *, locale: str = "fr", fragment: bool = False
) -> str:
    template = "cost_report/report.html" if fragment else "cost_report/document.html"
    return render(template, locale, view=view, production=production)


def cost_report_pdf(view: CostReportView, production: Production, *, locale: str = "fr") -> bytes:
    return html_to_pdf(cost_report_html(view, production, locale=locale))


# -- XLSX -----------------------------------------------------------------------------------


def money_format(language: str, currency: str) -> str:
    symbol = "€" if currency == "EUR" else currency
    if language == "fr":
        return f'#,##0.00 "{symbol}";-#,##0.00 "{symbol}"'
    return f'"{symbol}"#,##0.00;-"{symbol}"#,##0.00'


def _fill(colour: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def header_row(sheet: Any, row: int, titles: list[str], widths: list[float]) -> None:
    for column, (title, width) in enumerate(zip(titles, widths, strict=True), start=1):
        cell = sheet.cell(row=row, column=column, value=title)
        cell.font = Font(bold=True)
        cell.fill = _fill("FFD9D9D9")
        sheet.column_dimensions[get_column_letter(column)].width = width


def cost_report_xlsx(
    report: CostReport,
    production: Production,
    *,
    budget_name: str,
    burn: Burn | None = None,
    locale: str = "fr",
    currency: str = "EUR",
) -> bytes:
    """The report as a workbook of values (no formulas): see the module docstring."""
    language = normalize_locale(locale)
    _ = gettext_for(language).gettext
    money = money_format(language, currency)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Cost report")[:31]
    sheet.cell(row=1, column=1, value=production.title).font = Font(bold=True, size=14)
    sheet.cell(row=2, column=1, value=f"{_('Cost report')} — {budget_name}").font = Font(bold=True)
    stamp = _("As of %(date)s") % {"date": format_date(report.as_of, language)}
    if report.cutoff:
        stamp += " — " + _("ledger up to %(date)s") % {"date": format_date(report.cutoff, language)}
    sheet.cell(row=3, column=1, value=stamp)
    header_row(sheet, 5, [_(t) for _k, t, _w in COLUMNS], [w for _k, _t, w in COLUMNS])
    row = 6

    def write(
        code: str,
        title: str,
        f: Figures,
        alert: AlertLevel | None,
        *,
        bold: bool = False,
        fill: str | None = None,
    ) -> None:
        nonlocal row
        values: list[object] = [
            code,
            title,
            f.budget,
            f.committed,
            f.actual,
            f.estimate_to_complete,
            f.final,
            f.variance,
            _(ALERT_LABELS[alert]) if alert else "",
        ]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=value)
            if isinstance(value, Decimal):
                cell.number_format = money
            if bold:
                cell.font = Font(bold=True)
            if fill:
                cell.fill = _fill(fill)
        row += 1

    for chapter in report.chapters:
        for line in chapter.lines:
            if line.figures != Figures(*(Decimal(0),) * 5):
                write(line.code, _titled(line.account, language), line.figures, line.alert)
        write(
            str(chapter.chapter.number),
            f"{_('Total')} {_titled(chapter.chapter, language)}",
            chapter.figures,
            chapter.alert,
            bold=True,
            fill="FFDDEBF7",
        )
    write("", _("Total chapters 1 to 9"), report.chapters_figures, None, bold=True)
    for addon in report.addons:
        write(
            "",
            _titled(addon, language),
            Figures(addon.budget, Decimal(0), Decimal(0), addon.budget, addon.budget),
            None,
        )
    write("", _("Total"), report.figures, None, bold=True, fill="FFFFE699")
    sheet.freeze_panes = "C6"

    alerts = book.create_sheet(_("Alerts")[:31])
    header_row(
        alerts,
        1,
        [_("Alert"), _("Account"), _("Chapter"), _("Budget"), _("Amount"), _("Share")],
        [24, 10, 10, 15, 15, 10],
    )
    for n, alert in enumerate(report.alerts, start=2):
        cells: list[object] = [
            _(ALERT_LABELS[alert.level]),
            alert.account or "",
            alert.chapter or "",
            alert.budget,
            alert.amount,
            alert.ratio,
        ]
        for column, value in enumerate(cells, start=1):
            cell = alerts.cell(row=n, column=column, value=value)
            if column in (4, 5):
                cell.number_format = money
            if column == 6 and value is not None:
                cell.number_format = "0.0 %"
    if burn is not None:
        curve = book.create_sheet(_("Burn")[:31])
        header_row(
            curve,
            1,
            [_("Week"), _("Phase"), _("Plan"), _("Actual"), _("Estimated final cost")],
            [12, 18, 15, 15, 18],
        )
        for n, week in enumerate(burn.weeks, start=2):
            cells = [
                week.week,
                _(PHASE_LABELS[week.phase]),
                week.planned,
                week.actual,
                week.forecast,
            ]
            for column, value in enumerate(cells, start=1):
                cell = curve.cell(row=n, column=column, value=value)
                cell.number_format = "yyyy-mm-dd" if column == 1 else money
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
