# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pay statements computed by hand (regie.budget.pay)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from regie.budget.charges import fringe_groups
from regie.budget.grids import GridWarningKind
from regie.budget.model import Cited, Fringe, FringeGroup
from regie.budget.pay import (
    HourlyBasis,
    PayUnit,
    Rate,
    WorkedDay,
    check_engagement,
    engagement_warning,
    gross_pay,
    hourly_basis,
)
from regie.core.errors import ValidationError
from regie.core.production import Agreement
from regie.rules.pack import Status
from regie.schedule.people import RateUnit
from regie.schedule.worktime import PremiumKind, PremiumLine, RuleRef

MONDAY = dt.date(2027, 3, 1)
DAYS = [WorkedDay(MONDAY + dt.timedelta(days=n), 600) for n in range(5)]  # Mon–Fri, 10 h
CINEMA = HourlyBasis(Decimal("8.75"), Decimal(40))  # IDCC 3097 conversions


def rule(key: str, article: str) -> RuleRef:
    return RuleRef(f"worktime-idcc3097:{key}", article, "verified — KALI", Status.VERIFIED, "p@1")


OVERTIME = PremiumLine(
    "7", PremiumKind.OVERTIME, 120, Decimal("0.25"), "36-43 h", rule("overtime.weekly", "art. 37"),
    week="2027-W09",
)  # fmt: skip
NIGHT = PremiumLine(
    "7", PremiumKind.NIGHT, 180, Decimal("0.50"), "night 0-8 h", rule("night.premium", "art. 40"),
    date=MONDAY,
)  # fmt: skip


def cited(key: str) -> Cited:
    return Cited("cddu-contributions@test", key, Status.SECONDARY, "secondary — test")


GROUP = FringeGroup(
    "cddu_technician",
    "Technicien",
    (
        Fringe("employer.unemployment_common", "Chômage", Decimal("0.0405"), cited("a")),
        Fringe("employer.ags", "AGS", Decimal("0.0015"), cited("b")),
        Fringe("employer.capped", "Plafonnée", Decimal("0.10"), cited("c"), Decimal(1000)),
    ),
)


def test_a_technician_five_days_with_overtime_and_night() -> None:
    s = gross_pay(Rate(Decimal(350)), DAYS, [OVERTIME, NIGHT], hourly_basis=CINEMA, group=GROUP)
    # Base hourly rate: 350 € ÷ 8.75 paid hours = 40 €.
    assert s.hourly == Decimal(40)
    # Base pay: 5 days × 350 € = 1 750,00 €.
    assert s.base == Decimal("1750.00")
    # Overtime: 2 h × 0.25 × 40 € = 20,00 €; night: 3 h × 0.50 × 40 € = 60,00 €.
    assert [p.amount for p in s.premiums] == [Decimal("20.00"), Decimal("60.00")]
    # Gross: 1 750 + 20 + 60 = 1 830,00 €.
    assert s.gross == Decimal("1830.00")
    # Charges: 1 830 × 0.0405 = 74.115 → 74.12 (half up);
    # 1 830 × 0.0015 = 2.745 → 2.75 (half up; half even would give 2.74);
    # min(1 830, 1 000) × 0.10 = 100.00.  Σ = 176.87.
    assert [c.amount for c in s.charges] == [Decimal("74.12"), Decimal("2.75"), Decimal("100.00")]
    assert s.charges[2].base == Decimal(1000)
    assert s.charges_total == Decimal("176.87")
    # Total cost: 1 830,00 + 176,87 = 2 006,87 €.
    assert s.total_cost == Decimal("2006.87")
    premium_steps = [step for step in s.steps if step.rule is not None]
    assert [step.rule.article for step in premium_steps if step.rule] == ["art. 37", "art. 40"]
    assert all("art." in step.source for step in premium_steps)
    assert "40" in str(s.steps[0].label)


def test_with_the_packs_contributions() -> None:
    group = fringe_groups(MONDAY)["cddu_technician"]
    s = gross_pay(Rate(Decimal(350)), DAYS, [OVERTIME, NIGHT], hourly_basis=CINEMA, group=group)
    # 1 830 × (0.0405, 0.05, 0.005, 0.0015, 0.155, 0.02, 0.001, 0.015, 0)
    # = 74.12 + 91.50 + 9.15 + 2.75 + 283.65 + 36.60 + 1.83 + 27.45 + 0 = 527.05
    assert s.charges_total == Decimal("527.05")
    assert any("0 %" in str(w) for w in s.warnings)  # employer.other, unverified at 0


def test_week_and_hour_units() -> None:
    week = gross_pay(Rate(Decimal(1400), PayUnit.WEEK), DAYS, [NIGHT], hourly_basis=CINEMA)
    # One civil week × 1 400 €; hourly 1 400 ÷ 40 = 35 €; night 1.5 weighted h × 35 = 52.50.
    assert (week.units, week.base, week.premium_total) == (
        Decimal(1),
        Decimal("1400.00"),
        Decimal("52.50"),
    )
    hour = gross_pay(Rate(Decimal("37.5"), PayUnit.HOUR), DAYS, [], hourly_basis=CINEMA)
    # 5 × 10 h = 50 h × 37,50 € = 1 875,00 €.
    assert (hour.units, hour.gross) == (Decimal(50), Decimal("1875.00"))


def test_a_cap_line_reduces_the_pay() -> None:
    cap = PremiumLine("7", PremiumKind.CAP, 100, Decimal("-0.25"), "cap", rule("premium_cap", "36"))
    s = gross_pay(Rate(Decimal(350)), DAYS[:1], [cap], hourly_basis=CINEMA)
    # 100 min × −0.25 = −0.41666… h × 40 € = −16.666… → −16.67.
    assert s.premium_total == Decimal("-16.67")
    assert s.gross == Decimal("333.33")


def test_hourly_bases_of_the_agreements() -> None:
    cinema = hourly_basis(Agreement.CINEMA, MONDAY)
    assert (cinema.day_hours, cinema.week_hours) == (Decimal("8.75"), Decimal(40))
    assert cinema.cited is not None
    audiovisual = hourly_basis(Agreement.AUDIOVISUAL, MONDAY)
    assert (audiovisual.day_hours, audiovisual.week_hours) == (Decimal(7), Decimal(35))
    assert audiovisual.cited is not None
    assert audiovisual.cited.status is Status.ESTIMATED


def test_a_bad_rate_is_refused() -> None:
    with pytest.raises(ValidationError):
        Rate(Decimal(-1))


def test_check_engagement() -> None:
    assert check_engagement(Agreement.CINEMA, "gaffer", PayUnit.DAY, Decimal(400), MONDAY) is None
    below = check_engagement(Agreement.CINEMA, "gaffer", PayUnit.DAY, Decimal(200), MONDAY)
    assert below is not None
    assert "2024 grid" in str(below)
    assert "paygrid-idcc3097@" in str(below)
    assert check_engagement(Agreement.CINEMA, "", PayUnit.DAY, Decimal(200), MONDAY) is not None


def test_a_flat_fee_is_paid_once_and_its_premiums_are_not_priced() -> None:
    s = gross_pay(
        Rate(Decimal(2500), PayUnit.FLAT), DAYS, [OVERTIME, NIGHT], hourly_basis=CINEMA,
        group=GROUP,
    )  # fmt: skip
    # The fee once, whatever the days: 2 500,00 €; no base hourly rate, no premium priced.
    assert (s.units, s.base, s.hourly) == (Decimal(1), Decimal("2500.00"), Decimal(0))
    assert (s.premiums, s.premium_total, s.gross) == ((), Decimal(0), Decimal("2500.00"))
    # Charges on 2 500: 101.25 + 3.75 + min(2 500, 1 000) × 0.10 = 100.00 → 205.00.
    assert s.charges_total == Decimal("205.00")
    assert s.total_cost == Decimal("2705.00")
    assert "flat fee" in str(s.steps[0].label)
    assert any("flat fee" in str(w) and "2 premium lines" in str(w) for w in s.warnings)


def test_the_grid_compares_like_units() -> None:
    # IDCC 3097 gaffer: 1 211.98 € a 39 h week; 1 211.98 ÷ 40 = 30.30 € an hour.
    week = Agreement.CINEMA, "gaffer", PayUnit.WEEK
    assert check_engagement(*week, Decimal("1211.98"), MONDAY) is None
    below = check_engagement(*week, Decimal(1100), MONDAY)
    assert below is not None
    assert "1211.98" in str(below)
    hour = Agreement.CINEMA, "gaffer", PayUnit.HOUR
    assert check_engagement(*hour, Decimal("30.30"), MONDAY) is None
    assert check_engagement(*hour, Decimal(25), MONDAY) is not None


def test_a_flat_fee_is_not_comparable_with_a_grid() -> None:
    found = engagement_warning(Agreement.CINEMA, "gaffer", PayUnit.FLAT, Decimal(9000), MONDAY)
    assert found is not None
    assert found.kind is GridWarningKind.NOT_COMPARABLE
    assert "flat fee" in str(found.message)
    assert found.unit == "flat"


def test_pay_units_are_the_engagements_rate_units() -> None:
    assert PayUnit is RateUnit
    assert [u.value for u in PayUnit] == ["day", "week", "hour", "flat"]
