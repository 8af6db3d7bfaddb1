# SPDX-License-Identifier: AGPL-3.0-or-later
"""The draft devis from hand-built inputs: quantities, rates and origins by hand."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from regie.budget.chart import load_chart
from regie.budget.compute import line_gross
from regie.budget.draft import (
    CastInput,
    CrewInput,
    DraftInputs,
    DraftLine,
    ElementInput,
    LocationInput,
    draft_defaults,
    draft_lines,
    grid_jobs,
)
from regie.budget.globals import Globals
from regie.budget.grids import GridRate, GridUnit
from regie.budget.model import Chart, ChartKind, Cited
from regie.core.production import ProductionKind
from regie.rules.pack import Status
from regie.schedule.people import RateUnit

GAFFER_MIN = Decimal("265.12")


def _floor(job: str, amount: Decimal) -> GridRate:
    return GridRate(
        agreement="3097", job=job, title="Chef électricien de prise de vues",
        category="Titre II", unit=GridUnit.DAY, basis="39h→day", amount=amount,
        valid_from=None, status=Status.ESTIMATED, source="test",
        cited=Cited("paygrid-idcc3097@test", "grids.x", Status.ESTIMATED, "estimated"),
    )  # fmt: skip


def _inputs(**changes: object) -> DraftInputs:
    base = DraftInputs(
        kind=ProductionKind.FEATURE_FILM,
        agreement="3097",
        globals=Globals(Decimal(10), Decimal(6), Decimal(3)),
        shoot_days_origin="Plan de travail : 10 jours",
        cast=(
            CastInput("3", "Anne Kerlo", Decimal(900), 5, 1, characters=("HÉLÈNE",)),
            CastInput("4", "Noé Petit", Decimal(300), 2, minor=True),
        ),
        crew=(
            CrewInput("Paul Ortiz", "Chef électricien", "electric", "chef_electricien"),
            CrewInput("Léa Morin", "Électricienne", "electric", "chef_electricien", Decimal(200)),
            CrewInput("Yann Bo", "Régisseur", "production", "", Decimal(0), engaged_days=12),
        ),
        locations=(LocationInput("Bac de Sainte-Aude", 7), LocationInput("Studio Nord", 3)),
        elements=(
            ElementInput("vehicles", "Vieille 504", ("12", "4"), 2),
            ElementInput("vehicles", "Bac", ("4",), 1),
            ElementInput("extras", "Foule", ("5",), 1, quantity=20),
            ElementInput("vfx", "Incrustation", ("2", "3"), 2),
        ),
        minima={("gaffer", "day"): _floor("gaffer", GAFFER_MIN)},
    )
    return base if not changes else DraftInputs(**{**_fields(base), **changes})  # type: ignore[arg-type]


def _fields(inputs: DraftInputs) -> dict[str, object]:
    return {name: getattr(inputs, name) for name in DraftInputs.__slots__}


@pytest.fixture(scope="module")
def chart() -> Chart:
    return load_chart(ChartKind.CINEMA)


def _by_origin(lines: list[DraftLine], start: str) -> list[DraftLine]:
    return [d for d in lines if (d.line.origin or "").startswith(start)]


def test_cast_lines_are_the_doods_paid_days(chart: Chart) -> None:
    defaults = draft_defaults(ProductionKind.FEATURE_FILM)
    lines = draft_lines(_inputs(), chart, defaults)
    anne = _by_origin(lines, "DOOD : 3 Anne Kerlo")[0].line
    assert anne.origin == "DOOD : 3 Anne Kerlo — 5 jours travaillés + 1 attente"
    assert (anne.quantity, anne.rate, anne.account) == (Decimal(6), Decimal(900), "31")
    assert anne.fringe_group == "cddu_performer"
    noe = _by_origin(lines, "DOOD : 4 Noé Petit")[0].line
    assert (noe.quantity, noe.account) == (Decimal(2), "30")  # under 3 working days
    assert "Mineur" in noe.note


def test_crew_pay_from_cost_grid_or_default(chart: Chart) -> None:
    defaults = draft_defaults(ProductionKind.FEATURE_FILM)
    lines = draft_lines(_inputs(), chart, defaults)
    prep, wrap = defaults.prep_weeks["electric"], defaults.wrap_weeks["electric"]
    paul = _by_origin(lines, "Engagement : Paul Ortiz")[0]
    assert paul.line.rate == GAFFER_MIN  # no daily cost: the grid minimum
    assert paul.line.quantity == 10 + (prep + wrap) * 5
    assert paul.line.fringe_group == "cddu_technician"
    assert "minimum IDCC 3097" in (paul.line.origin or "")
    lea = _by_origin(lines, "Engagement : Léa Morin")[0]
    assert lea.line.rate == Decimal(200)  # kept as entered…
    assert len(lea.warnings) == 1  # …and reported
    assert "under the minimum of 265.12" in str(lea.warnings[0])
    yann = _by_origin(lines, "Engagement : Yann Bo")[0].line
    assert (yann.quantity, yann.rate) == (Decimal(12), defaults.crew_day_rate)
    assert "12 jours d'engagement" in (yann.origin or "")


def test_locations_and_breakdown(chart: Chart) -> None:
    defaults = draft_defaults(ProductionKind.FEATURE_FILM)
    lines = draft_lines(_inputs(), chart, defaults)
    fee = next(i for i in defaults.items if i.per == "location_day")
    bac = _by_origin(lines, "Plan de travail : 7 jours au lieu Bac de Sainte-Aude")[0].line
    assert (bac.account, bac.quantity, bac.rate) == ("52", Decimal(7), fee.rate)
    studio = _by_origin(lines, "Plan de travail : 3 jours au lieu Studio Nord")[0].line
    assert studio.account == "51"
    cars = _by_origin(lines, "Dépouillement : 2 véhicules (scènes 4, 12)")[0].line
    assert (cars.account, cars.quantity) == ("56", Decimal(3))  # 2 + 1 vehicle-days
    extras = _by_origin(lines, "Dépouillement : 20 figurants (scène 5)")[0].line
    assert extras.quantity == Decimal(20)
    vfx = _by_origin(lines, "Dépouillement : 1 effet visuel")[0].line
    assert (vfx.account, vfx.quantity) == ("80", Decimal(2))


def test_defaults_per_shoot_day_and_shares(chart: Chart) -> None:
    defaults = draft_defaults(ProductionKind.FEATURE_FILM)
    lines = draft_lines(_inputs(), chart, defaults)
    camera = next(d.line for d in lines if d.line.account == "71")
    assert camera.quantity == Decimal(10)
    origin = camera.origin or ""
    assert origin.startswith("Usage : Caméra")
    assert "draft-defaults@" in origin
    assert "estimated" in origin
    insurance = _by_origin(lines, "Usage : Assurance de production")[0].line
    base = sum((line_gross(d.line) for d in lines if d.line.account[0] in "12345678"), Decimal(0))
    assert (insurance.quantity, insurance.rate) == (Decimal("0.015"), base)
    catering = _by_origin(lines, "Usage : Régie")[0].line
    assert catering.quantity == 5 + 2 + 3 * 10  # cast working days + crew × shoot days
    assert [d.line.id for d in lines] == [f"D{n:04d}" for n in range(1, len(lines) + 1)]
    chapters = {int(d.line.account[0]) for d in lines}
    assert chapters >= {1, 2, 3, 5, 6, 7, 8, 9}  # chapter 4 holds the fringes


def test_every_line_says_where_it_comes_from(chart: Chart) -> None:
    for kind in ProductionKind:
        lines = draft_lines(_inputs(kind=kind), chart, draft_defaults(kind))
        assert lines
        assert all(d.line.origin for d in lines)
        assert all(chart.account(d.line.account) is not None for d in lines)


def _week_floor(amount: Decimal) -> GridRate:
    return replace(_floor("gaffer", amount), unit=GridUnit.WEEK, basis="39h")


def test_crew_lines_use_the_contractual_rate_and_unit(chart: Chart) -> None:
    defaults = draft_defaults(ProductionKind.FEATURE_FILM)
    prep, wrap = defaults.prep_weeks["electric"], defaults.wrap_weeks["electric"]
    crew = (
        # A weekly rate over the shoot: ceil(10 ÷ 5) = 2 weeks + prep + wrap weeks.
        CrewInput("Paul Ortiz", "Chef électricien", "electric", "chef_electricien",
                  Decimal(300), rate=Decimal(1400), rate_unit=RateUnit.WEEK),
        # A weekly rate under the week minimum, over contract dates of 3 civil weeks.
        CrewInput("Léa Morin", "Électricienne", "electric", "chef_electricien",
                  rate=Decimal(1100), rate_unit=RateUnit.WEEK, engaged_days=12, engaged_weeks=3),
        # An hourly rate: 12 days × 8.75 paid hours = 105 hours.
        CrewInput("Yann Bo", "Régisseur", "production", "", engaged_days=12,
                  rate=Decimal("31.50"), rate_unit=RateUnit.HOUR),
        # A flat fee: once.
        CrewInput("Ana Ruiz", "Scripte", "direction", "", rate=Decimal(4000),
                  rate_unit=RateUnit.FLAT),
        # A contractual day rate wins over the daily cost.
        CrewInput("Jo Lenz", "Électricien", "electric", "chef_electricien", Decimal(200),
                  rate=Decimal(280)),
    )  # fmt: skip
    minima = {
        ("gaffer", "day"): _floor("gaffer", GAFFER_MIN),
        ("gaffer", "week"): _week_floor(Decimal("1211.98")),
    }
    inputs = _inputs(crew=crew, minima=minima, day_hours=Decimal("8.75"))
    lines = draft_lines(inputs, chart, defaults)
    paul = _by_origin(lines, "Engagement : Paul Ortiz")[0]
    assert (paul.line.quantity, paul.line.unit, paul.line.rate) == (
        2 + prep + wrap, "semaine", Decimal(1400),
    )  # fmt: skip
    assert paul.warnings == ()  # 1 400 € ≥ 1 211,98 € a week
    assert "taux du contrat (1400 € par semaine)" in (paul.line.origin or "")
    lea = _by_origin(lines, "Engagement : Léa Morin")[0]
    assert (lea.line.quantity, lea.line.unit, lea.line.rate) == (
        Decimal(3),
        "semaine",
        Decimal(1100),
    )
    assert "3 semaines civiles d'engagement" in (lea.line.origin or "")
    assert len(lea.warnings) == 1
    assert "1100 € a week is under the minimum of 1211.98" in str(lea.warnings[0])
    yann = _by_origin(lines, "Engagement : Yann Bo")[0].line
    assert (yann.quantity, yann.unit, yann.rate) == (Decimal(105), "heure", Decimal("31.50"))
    assert line_gross(yann) == Decimal("3307.50")
    ana = _by_origin(lines, "Engagement : Ana Ruiz")[0].line
    assert (ana.quantity, ana.unit, ana.rate) == (Decimal(1), "forfait", Decimal(4000))
    jo = _by_origin(lines, "Engagement : Jo Lenz")[0]
    assert (jo.line.rate, jo.line.unit) == (Decimal(280), "jour")
    assert jo.warnings == ()  # 280 ≥ 265.12 a day; the 200 € daily cost is not the rate


def test_an_hourly_rate_without_day_hours_is_reported(chart: Chart) -> None:
    crew = (
        CrewInput("Yann Bo", "Régisseur", "production", "", engaged_days=2,
                  rate=Decimal(30), rate_unit=RateUnit.HOUR),
    )  # fmt: skip
    lines = draft_lines(_inputs(crew=crew), chart, draft_defaults(ProductionKind.FEATURE_FILM))
    yann = _by_origin(lines, "Engagement : Yann Bo")[0]
    assert yann.line.quantity == 0
    assert "paid hours of a day" in str(yann.warnings[0])


def test_grid_jobs_follow_the_rate_unit() -> None:
    defaults = draft_defaults(ProductionKind.FEATURE_FILM)
    crew = [
        CrewInput("A", "Chef électricien", "electric", "chef_electricien", rate=Decimal(1),
                  rate_unit=RateUnit.WEEK),
        CrewInput("B", "Chef électricien", "electric", "chef_electricien"),
        CrewInput("C", "Chef opérateur", "camera", "chef_operateur", rate=Decimal(1),
                  rate_unit=RateUnit.FLAT),
    ]  # fmt: skip
    assert {("gaffer", "week"), ("gaffer", "day")} <= grid_jobs(crew, defaults)
    assert grid_jobs(crew[2:], defaults) == grid_jobs([], defaults)  # a flat fee: no minimum
