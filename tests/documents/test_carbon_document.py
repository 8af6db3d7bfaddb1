# SPDX-License-Identifier: AGPL-3.0-or-later
"""The carbon estimate printed: PDF read back (breakdown, factors, sources, what was not
counted), the SVG chart without inline style, and the CSV for Carbon'Clap read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pdfplumber

from regie.core.production import Agreement, Production, ProductionKind
from regie.documents.carbon import carbon_csv, carbon_html, carbon_pdf
from regie.finance.carbon import CarbonInputs, CarbonPacks, EstimateKind, estimate
from regie.logistics.energy import EnergyEntry, EnergyFields, EnergyKind, Fuel
from regie.logistics.meals import Diet, MealCount, MealFields
from regie.logistics.travel import LegFields, TravelLeg, TravelMode
from regie.rules.registry import shipped_pack

DAY = dt.date(2026, 11, 23)
PRODUCTION = Production(1, "bac", "BAC", "Le Dernier Bac", ProductionKind.TV_FICTION,
                        Agreement.AUDIOVISUAL)  # fmt: skip
PACKS = CarbonPacks(shipped_pack("carbon-categories"), shipped_pack("emission-factors"),
                    shipped_pack("logistics"))  # fmt: skip
ESTIMATE = estimate(
    CarbonInputs(
        legs=[
            TravelLeg(1, LegFields(TravelMode.TRAIN_TGV, "Paris", "Bayeux <gare>", DAY, people=8,
                                   distance_km=Decimal(270), round_trip=True)),
            TravelLeg(2, LegFields(TravelMode.TRUCK, "Paris", "Bayeux", DAY,
                                   distance_km=Decimal(270))),
        ],
        meals=[MealCount(1, MealFields(DAY, Diet.VEGETARIAN, 20))],
        energy=[EnergyEntry(1, EnergyFields(DAY, EnergyKind.GENERATOR_FUEL, Decimal(200),
                                            Fuel.DIESEL_NON_ROAD))],
        shoot_days=12,
    ),
    PACKS, on=DAY, kind=EstimateKind.FINAL,
)  # fmt: skip


def pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def test_pdf_in_french_has_the_breakdown_factors_and_sources() -> None:
    text = pdf_text(carbon_pdf(ESTIMATE, PRODUCTION, number=3))
    assert "Le Dernier Bac" in text
    # 12.66 (train) + 10.20 (20 vegetarian meals × 0.51) + 634.00 (200 l × 3.17) = 656.86
    assert "656,86" in text
    for expected in (
        "Transports",
        "Repas",
        "Énergie",
        "12,66",
        "634,00",
        "transport.train_tgv",
        "energy.diesel_non_road",
        "Impact CO2",
        "Arrêté du 26",
        "0,00293 kgCO2e/passenger.km",
        "Gazole non",
    ):
        assert expected in text, expected  # fmt: skip


def test_pdf_in_english() -> None:
    text = pdf_text(carbon_pdf(ESTIMATE, PRODUCTION, locale="en"))
    assert "Final carbon estimate" in text
    assert "656.86" in text
    assert "Transport" in text


def test_html_chart_uses_attributes_only_and_escapes_names() -> None:
    html = carbon_html(ESTIMATE, PRODUCTION, fragment=True)
    assert "<svg" in html
    assert "<rect" in html
    assert "style=" not in html
    assert "<script" not in html
    assert "Bayeux &lt;gare&gt;" in html
    assert "litres" in html  # the truck not counted, with its reason


def test_csv_reads_back_for_carbon_clap() -> None:
    data = carbon_csv(ESTIMATE)
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header, *lines = rows
    assert len(header) == 12
    counted = [r for r in lines if r[10]]
    assert [r[7] for r in counted] == ["transport.train_tgv", "catering.meal_vegetarian",
                                       "energy.diesel_non_road"]  # fmt: skip
    assert sum(Decimal(r[10].replace(",", ".")) for r in counted) == ESTIMATE.total_kg
    assert counted[0][4] == "4320"
    assert counted[0][6] == "0,00293"
    (gap,) = [r for r in lines if not r[10]]
    assert "litres" in gap[11]
    english = list(csv.reader(io.StringIO(carbon_csv(ESTIMATE, locale="en").decode("utf-8-sig"))))
    assert english[1][6] == "0.00293"
