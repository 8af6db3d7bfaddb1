# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from regie.budget.grids import GridUnit, GridWarningKind, check_rate, minimum, positions
from regie.core.errors import RuleError
from regie.documents.i18n import error_messages
from regie.rules.pack import Status

ON = dt.date(2025, 6, 1)


def test_3097_published_minima() -> None:
    # corrections-finance-labour.md §5.2: "Published 2024/2025 values confirmed: 1er assistant
    # réalisateur 1 479.49 (Annexe I), 1 664.43 (5 days, 43/46 h), 2 200.74 (6 days, 52/56 h)"
    first_ad = minimum("3097", "first_assistant_director", ON)
    assert first_ad is not None
    assert (first_ad.amount, first_ad.unit, first_ad.basis) == (
        Decimal("1479.49"),
        GridUnit.WEEK,
        "39h",
    )
    assert first_ad.status is Status.SECONDARY  # PUBLISHED row
    assert first_ad.title == "1er assistant réalisateur"
    assert first_ad.cited.pack == "paygrid-idcc3097@2025.1"
    five = minimum("3097", "first_assistant_director", ON, basis="shooting_5d")
    six = minimum("3097", "first_assistant_director", ON, basis="shooting_6d")
    assert five is not None
    assert five.amount == Decimal("1664.43")
    assert six is not None
    assert six.amount == Decimal("2200.74")


def test_3097_derived_minima_stay_estimated() -> None:
    # §5.2 corrections table: régisseur général 5 days 1 664.42 → 1 664.43; chef costumier
    # 6 days 2 870.94 → 2 870.95; Annexe I estimates "DP 2 721.64, DoP 2 758.11"
    rg = minimum("3097", "unit_manager", ON, basis="shooting_5d")
    assert rg is not None
    assert rg.amount == Decimal("1664.43")
    assert rg.status is Status.ESTIMATED
    costume = minimum("3097", "costume_supervisor", ON, basis="shooting_6d")
    assert costume is not None
    assert costume.amount == Decimal("2870.95")
    dop = minimum("3097", "director_of_photography", ON)
    assert dop is not None
    assert dop.amount == Decimal("2758.11")


def test_3097_conversions_defined_by_the_agreement() -> None:
    # fr-labour-and-budget.md §3.1.1: base hourly = weekly ÷ 40; §2.2 art. 34: a day
    # engagement is base hourly +25 %, minimum 7 h → 1 479.49 ÷ 40 × 8.75 = 323.638
    hour = minimum("3097", "first_assistant_director", ON, unit=GridUnit.HOUR)
    day = minimum("3097", "first_assistant_director", ON, unit="day")
    assert hour is not None
    assert hour.amount == Decimal("36.99")
    assert day is not None
    assert day.amount == Decimal("323.64")
    assert day.status is Status.ESTIMATED
    assert minimum("3097", "first_assistant_director", ON, unit="month") is None


def test_3097_low_budget_annexe_iii() -> None:
    # §3.1.4: Annexe III of 26 Mar 2025, minimum = 850 € + 37 % × (reference − 850 €);
    # director on Annexe III 1 651.15 €/week (lofficieldesmetiers); réalisateur 3 015.27.
    director = minimum("3097", "director", ON, low_budget=True)
    assert director is not None
    assert director.low_budget
    assert director.amount == Decimal("1651.15")
    # Before 11 Apr 2025 the 2020 formula (779.22 € + 30 %) applies.
    earlier = minimum("3097", "director", dt.date(2025, 3, 1), low_budget=True)
    assert earlier is not None
    assert earlier.amount == (
        Decimal("779.22") + Decimal("0.30") * (Decimal("3015.27") - Decimal("779.22"))
    ).quantize(Decimal("0.01"))
    # Annexe III only derogates downwards: video assist (534.74) keeps the general minimum.
    video = minimum("3097", "video_assist_operator", ON, low_budget=True)
    assert video is not None
    assert video.amount == Decimal("534.74")


def test_2642_steps_by_date_and_genre() -> None:
    # corrections §5.3: chain reproduces "1er AR spécialisé" and the 1 Jul 2024 estimates,
    # e.g. "DP spécialisé 2 197.34 / 2 511.24 / 558.05; chef électricien 979.87 / 1 119.86 / 248.86"
    general = minimum("2642", "production_manager", ON)
    fiction = minimum("2642", "production_manager", ON, genre="fiction")
    assert general is not None
    assert general.amount == Decimal("2164.87")
    assert fiction is not None
    assert fiction.amount == Decimal("2197.34")
    assert fiction.valid_from == dt.date(2024, 7, 1)
    day = minimum("2642", "gaffer", ON, unit="day", genre="fiction")
    week39 = minimum("2642", "gaffer", ON, basis="39h", genre="fiction")
    assert day is not None
    assert day.amount == Decimal("248.86")
    assert week39 is not None
    assert week39.amount == Decimal("1119.86")
    before = minimum("2642", "production_manager", dt.date(2024, 3, 1), genre="fiction")
    assert before is not None
    assert before.amount == Decimal("2164.87")
    non_specialised = minimum("2642", "production_manager_24", ON)
    assert non_specialised is not None
    assert non_specialised.amount == Decimal("1494.63")
    assert all(p.status is Status.ESTIMATED for p in positions("2642", ON))
    assert minimum("2642", "production_manager", dt.date(2023, 6, 1)) is None
    # No low-budget annex in IDCC 2642: the general minimum stands.
    low = minimum("2642", "production_manager", ON, low_budget=True)
    assert low is not None
    assert low.amount == Decimal("2164.87")
    assert not low.low_budget


def test_rate_under_the_minimum_warns_with_the_grid() -> None:
    warning = check_rate("3097", "first_assistant_director", "week", Decimal("1400"), ON)
    assert warning is not None
    assert warning.kind is GridWarningKind.BELOW_MINIMUM
    assert warning.shortfall == Decimal("79.49")
    text = str(warning.message)
    assert "1479.49" in text
    assert "IDCC 3097" in text
    assert "2024 grid" in text
    assert "paygrid-idcc3097@2025.1" in text
    assert "1er assistant réalisateur" in warning.message.translate(error_messages("fr"))
    assert check_rate("3097", "first_assistant_director", "week", Decimal("1479.49"), ON) is None
    day = check_rate("3097", "first_assistant_director", GridUnit.DAY, Decimal("300"), ON)
    assert day is not None
    assert day.kind is GridWarningKind.BELOW_MINIMUM


def test_unlike_units_are_not_compared() -> None:
    hour = check_rate("2642", "gaffer", "hour", Decimal("1"), ON)
    assert hour is not None
    assert hour.kind is GridWarningKind.NOT_COMPARABLE
    assert "not comparable" in str(hour.message)
    flat = check_rate("3097", "gaffer", "forfait", Decimal("1"), ON)
    assert flat is not None
    assert flat.kind is GridWarningKind.NOT_COMPARABLE
    unknown = check_rate("3097", "astronaut", "week", Decimal("1"), ON)
    assert unknown is not None
    assert unknown.kind is GridWarningKind.NO_MINIMUM


NEWER_PACK = """
pack: paygrid-idcc3097
version: "2099.1"
sources:
  MINE: {title: "Our payroll provider's 2026 grid"}
values:
  agreement: {value: {idcc: "3097"}, status: secondary, source: [MINE]}
  reference_basis: {value: "39h", status: secondary, source: [MINE]}
  grids.old:
    value: {file: grids/idcc3097-2024.csv}
    status: estimated
    source: [MINE]
    valid_from: 2024-01-23
    valid_to: 2026-03-31
  grids.new:
    value: {file: idcc3097-2026.csv}
    status: secondary
    source: [MINE]
    valid_from: 2026-04-01
"""
NEWER_CSV = (
    "job,title_fr,title_en,category,unit,basis,amount,hours_basis,scope,valid_from,status,source\n"
    "first_assistant_director,1er assistant réalisateur,1st AD,Titre II Annexe I,week,39h,"
    "1500.00,39h,all,,secondary,our provider\n"
)


def test_newer_grid_in_the_production_folder(tmp_path: Path) -> None:
    (tmp_path / "paygrid-idcc3097.yaml").write_text(NEWER_PACK, encoding="utf-8")
    (tmp_path / "idcc3097-2026.csv").write_text(NEWER_CSV, encoding="utf-8")
    dirs = (tmp_path,)
    new = minimum("3097", "first_assistant_director", dt.date(2026, 5, 1), extra_dirs=dirs)
    assert new is not None
    assert new.amount == Decimal("1500.00")
    assert new.cited.pack == "paygrid-idcc3097@2099.1"
    old = minimum("3097", "first_assistant_director", dt.date(2026, 1, 5), extra_dirs=dirs)
    assert old is not None
    assert old.amount == Decimal("1479.49")
    # The newer pack has no conversions: a day rate is no longer comparable.
    assert minimum("3097", "first_assistant_director", ON, unit="day", extra_dirs=dirs) is None


def test_inline_grid_rows_in_yaml(tmp_path: Path) -> None:
    text = NEWER_PACK.replace(
        "value: {file: idcc3097-2026.csv}",
        "value: {rows: [{job: grip, title_fr: Machiniste, unit: week, basis: 39h,"
        ' amount: "1100", status: secondary}]}',
    )
    (tmp_path / "paygrid-idcc3097.yaml").write_text(text, encoding="utf-8")
    grip = minimum("3097", "grip", dt.date(2026, 5, 1), extra_dirs=(tmp_path,))
    assert grip is not None
    assert grip.amount == Decimal("1100")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("grip,Machiniste,,,fortnight,39h,1000,,all,,secondary,x", "unknown unit 'fortnight'"),
        ("grip,Machiniste,,,week,39h,1 000,,all,,secondary,x", "'1 000' is not a positive number"),
        ("grip,Machiniste,,,week,39h,1000,,all,,sure,x", "unknown status 'sure'"),
        ("grip,Machiniste,,,week,39h,1000,,all,2026-13-01,secondary,x", "is not a date"),
        (",Machiniste,,,week,39h,1000,,all,,secondary,x", "column 'job' is empty"),
    ],
)
def test_broken_grid_is_refused(tmp_path: Path, row: str, message: str) -> None:
    (tmp_path / "paygrid-idcc3097.yaml").write_text(NEWER_PACK, encoding="utf-8")
    header = NEWER_CSV.splitlines()[0]
    (tmp_path / "idcc3097-2026.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    with pytest.raises(RuleError, match=message) as refused:
        minimum("3097", "grip", dt.date(2026, 5, 1), extra_dirs=(tmp_path,))
    assert "idcc3097-2026.csv, line 2" in str(refused.value)


def test_grid_file_outside_the_rules_folder_is_refused(tmp_path: Path) -> None:
    text = NEWER_PACK.replace("idcc3097-2026.csv", "../../etc/passwd")
    (tmp_path / "paygrid-idcc3097.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(RuleError, match="must be a relative path"):
        minimum("3097", "grip", dt.date(2026, 5, 1), extra_dirs=(tmp_path,))


def test_unknown_agreement() -> None:
    with pytest.raises(RuleError, match="no shipped rule pack 'paygrid-idcc9999'"):
        minimum("IDCC 9999", "grip", ON)
    with pytest.raises(RuleError, match="not a collective agreement number"):
        minimum("cinema", "grip", ON)
