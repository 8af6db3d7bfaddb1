# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from regie.budget.charges import fringe_groups, social_security_ceiling
from regie.core.errors import RuleError, ValidationError
from regie.rules.pack import Status

ON = dt.date(2026, 3, 1)


def _rates(group: str, on: dt.date = ON) -> dict[str, Decimal]:
    return {f.key: f.rate for f in fringe_groups(on)[group].fringes}


def test_technician_lines_from_the_reference() -> None:
    # fr-labour-and-budget.md §4: unemployment employer 9.05 % = 4.05 % + 5.00 %; Congés
    # Spectacles 15.50 %; AFDAS 2 % + 0.10 %; prévoyance 1.5 % of tranche A (3097 T.II
    # art. 45); AGS 0.15 % (2020); CDDU ≤ 3 months +0.50 pt.
    rates = _rates("cddu_technician")
    assert rates == {
        "employer.unemployment_common": Decimal("0.0405"),
        "employer.unemployment_specific": Decimal("0.05"),
        "employer.unemployment_short_cddu": Decimal("0.005"),
        "employer.ags": Decimal("0.0015"),
        "employer.conges_spectacles": Decimal("0.155"),
        "employer.afdas_legal": Decimal("0.02"),
        "employer.afdas_conventional": Decimal("0.001"),
        "employer.prevoyance_3097": Decimal("0.015"),
        "employer.other": Decimal(0),
    }
    # §4 rule of thumb: "9.05 + 15.5 + 2.1 + 1.5 ≈ 28 % of gross" (spectacle-specific items)
    specific = (
        "unemployment_common",
        "unemployment_specific",
        "conges_spectacles",
        "afdas_legal",
        "afdas_conventional",
        "prevoyance_3097",
    )
    assert sum(rates[f"employer.{k}"] for k in specific) == Decimal("0.2815")


def test_groups_book_on_chapter_4_and_cite_their_source() -> None:
    groups = fringe_groups(ON)
    assert {"cddu_technician", "cddu_performer"} <= set(groups)
    assert {f.account for f in groups["cddu_technician"].fringes} == {"41"}
    assert {f.account for f in groups["cddu_performer"].fringes} == {"42"}
    performer = {f.key: f for f in groups["cddu_performer"].fringes}
    assert "employer.prevoyance_3097" not in performer  # a Titre II (technicians) rule
    ags = performer["employer.ags"]
    assert ags.cited.status is Status.UNVERIFIED  # current rate not verified (§4, §6.6)
    assert ags.cited.pack == "cddu-contributions@2026.1"
    assert "ruedelapaye" in ags.cited.citation
    assert performer["employer.conges_spectacles"].cited.status is Status.SECONDARY
    prevoyance = {f.key: f for f in groups["cddu_technician"].fringes}["employer.prevoyance_3097"]
    assert prevoyance.cited.status is Status.VERIFIED
    assert all(f.ceiling is None for g in groups.values() for f in g.fringes)


def test_conges_spectacles_rate_starts_on_1_april_2023() -> None:
    # §4: "15.50 % since 1 Apr 2023"; the pack has no earlier rate.
    assert _rates("cddu_performer", dt.date(2023, 4, 1))["employer.conges_spectacles"] == Decimal(
        "0.155"
    )
    with pytest.raises(RuleError, match="no value valid on 2023-03-31"):
        fringe_groups(dt.date(2023, 3, 31))


def test_social_security_ceiling_by_year() -> None:
    # PSS 2026 4 005 €/month (arrêté 22 Dec 2025), 2025 3 925 €/month.
    assert social_security_ceiling(ON).decimal("month") == Decimal(4005)
    assert social_security_ceiling(ON).decimal("day") == Decimal(220)
    assert social_security_ceiling(dt.date(2025, 7, 1)).decimal("month") == Decimal(3925)


def test_overrides_apply_everywhere_or_to_one_group() -> None:
    groups = fringe_groups(
        ON,
        overrides={
            "employer.other": Decimal("0.30"),
            "cddu_performer/employer.other": Decimal("0.20"),
            "employer.unemployment_short_cddu": Decimal(0),
        },
    )
    tech = {f.key: f for f in groups["cddu_technician"].fringes}
    perf = {f.key: f for f in groups["cddu_performer"].fringes}
    assert tech["employer.other"].rate == Decimal("0.30")
    assert perf["employer.other"].rate == Decimal("0.20")
    assert perf["employer.unemployment_short_cddu"].rate == 0
    note = tech["employer.other"].cited.note
    assert note is not None
    assert "overridden" in note
    assert fringe_groups(ON)["cddu_technician"].fringes[-1].rate == 0  # the pack is untouched


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"employer.nope": Decimal("0.1")}, "no employer contribution 'employer.nope'"),
        ({"employer.ags": Decimal("4.05")}, "not a share between 0 and 1"),
    ],
)
def test_bad_override_is_refused(overrides: dict[str, Decimal], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        fringe_groups(ON, overrides=overrides)


def test_newer_pack_in_the_production_folder(tmp_path: Path) -> None:
    (tmp_path / "cddu-contributions.yaml").write_text(
        """
pack: cddu-contributions
version: "2099.1"
sources:
  MINE: {title: "Our payroll provider"}
values:
  fringe.employer.all:
    value: {title: "Toutes charges", rate: "0.62", base: gross}
    status: secondary
    source: [MINE]
  group.cddu_technician:
    value: {title: "Technicien", account: "41", fringes: [employer.all]}
    status: secondary
    source: [MINE]
""",
        encoding="utf-8",
    )
    groups = fringe_groups(ON, extra_dirs=(tmp_path,))
    assert list(groups) == ["cddu_technician"]
    assert groups["cddu_technician"].fringes[0].rate == Decimal("0.62")


def test_broken_pack_is_refused(tmp_path: Path) -> None:
    (tmp_path / "cddu-contributions.yaml").write_text(
        """
pack: cddu-contributions
version: "2099.1"
values:
  fringe.employer.x: {value: {title: X, rate: "9"}, status: customary}
  group.g: {value: {title: G, fringes: [employer.x]}, status: customary}
""",
        encoding="utf-8",
    )
    with pytest.raises(RuleError, match="not a share between 0 and 1"):
        fringe_groups(ON, extra_dirs=(tmp_path,))
