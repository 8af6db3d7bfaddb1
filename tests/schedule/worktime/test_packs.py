# SPDX-License-Identifier: AGPL-3.0-or-later
"""The working-time rule packs: every value names its article and cites its sources, the
figures are those of the agreement texts, the uncertain ones are marked so, and a malformed
pack is refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from importlib import resources

import pytest

from regie.core.errors import RuleError
from regie.core.production import Agreement
from regie.rules.pack import RulePack, Status, parse_pack
from regie.schedule.worktime.rules import agreement_rules
from regie.schedule.worktime.rules_minors import minors_rules
from tests.schedule.worktime.builders import CINEMA, MINORS, TV

ON = dt.date(2026, 3, 2)


@pytest.mark.parametrize("pack", [TV, CINEMA, MINORS], ids=lambda p: p.pack_id)
def test_every_value_names_its_article_and_cites_a_source(pack: RulePack) -> None:
    for entry in pack:
        assert isinstance(entry.value, dict), entry.key
        assert entry.value.get("article"), entry.key
        assert entry.sources, entry.key


@pytest.mark.parametrize(
    ("pack", "key", "part", "expected"),
    [
        (TV, "daily_max.effective", "hours", "12"),
        (TV, "daily_rest.minimum", "hours", "11"),
        (TV, "daily_rest.reduction", "hours", "9"),
        (TV, "daily_rest.reduction", "per_week", "2"),
        (TV, "daily_rest.reduction", "max_distance_km", "50"),
        (TV, "weekly_rest.minimum", "hours", "35"),
        (TV, "weekly_rest.max_consecutive_days", "days", "6"),
        (TV, "sunday.max_per_year", "count", "25"),
        (TV, "weekly_max.hours", "hours", "48"),
        (TV, "weekly_average", "hours", "46"),
        (TV, "derogation.weekly_54h", "hours", "54"),
        (TV, "derogation.weekly_60h", "hours", "60"),
        (TV, "breaks.pause", "minutes", "20"),
        (TV, "night.premium", "rate", "0.25"),
        (TV, "night.premium", "listed_jobs_rate", "0.50"),
        (TV, "sunday.premium", "rate", "0.50"),
        (TV, "overtime.cddu_first_band", "rate", "0.25"),
        (TV, "overtime.listed_jobs", "rate", "1.00"),
        (CINEMA, "daily_max.effective", "hours", "12"),
        (CINEMA, "amplitude.maximum", "hours", "13"),
        (CINEMA, "daily_rest.minimum", "hours", "11"),
        (CINEMA, "weekly_rest.minimum", "hours", "48"),
        (CINEMA, "six_day_weeks", "guaranteed_hours", "47"),
        (CINEMA, "six_day_weeks", "max_consecutive", "4"),
        (CINEMA, "weekly_max.hours", "hours", "48"),
        (CINEMA, "derogation.weekly_60h", "hours", "60"),
        (CINEMA, "continuous_day", "break_minutes", "30"),
        (CINEMA, "long_day.after_tenth_hour", "rate", "1.00"),
        (CINEMA, "night.premium", "rate", "0.50"),
        (CINEMA, "night.premium", "further_rate", "1.00"),
        (CINEMA, "sunday.premium", "rate", "1.00"),
        (CINEMA, "premium_cap", "rate", "1.00"),
        (CINEMA, "rest_infringement.premium", "rate", "1.00"),
    ],
)
def test_figures_of_the_agreements(pack: RulePack, key: str, part: str, expected: str) -> None:
    assert pack.value(key, ON).decimal(part) == Decimal(expected)


def test_overtime_bands_as_read_in_the_texts() -> None:
    tv = agreement_rules(TV, ON).overtime
    assert [(b.start, b.end, b.rate) for b in tv.bands] == [
        (0, 240, Decimal("0.10")),
        (240, 480, Decimal("0.25")),
        (480, None, Decimal("0.50")),
    ]
    assert (tv.threshold, tv.rounding, tv.listed_from) == (35 * 60, 30, 12 * 60)
    cinema = agreement_rules(CINEMA, ON).overtime
    assert [(b.start, b.end, b.rate) for b in cinema.bands] == [
        (0, 480, Decimal("0.25")),
        (480, 780, Decimal("0.50")),
        (780, None, Decimal("0.75")),
    ]
    # The VI.8.3 overlap at the 9th overtime hour is written down in the pack.
    assert "the 9th is in both" in (TV.value("overtime.weekly", ON).note or "")


def test_2642_holidays_as_percent_of_a_normal_day() -> None:
    rates = agreement_rules(TV, ON).holidays.rates
    assert rates["Fête du travail"] == Decimal("2.00")  # 300 %
    assert {rates[n] for n in ("Jour de l'an", "Fête nationale", "Noël")} == {Decimal("1.00")}
    assert rates["Victoire 1945"] == Decimal("0.50")  # 150 %
    assert rates["Lundi de Pentecôte"] == Decimal(0)  # solidarity day


def test_job_lists_are_data() -> None:
    rules = agreement_rules(TV, ON)
    assert {"electricien", "machiniste", "chef_electricien", "rippeur"} <= rules.listed_jobs
    assert "scripte" not in rules.listed_jobs
    assert rules.derogation_54h is not None
    assert "scripte" in rules.derogation_54h.jobs
    reduction = rules.rest_reduction
    assert reduction is not None
    assert "electricien" in reduction.jobs
    # The VI.3.3 cross-reference could not be settled: the list is marked unverified.
    assert reduction.jobs_ref.status is Status.UNVERIFIED


def test_minors_caps_keep_their_uncertain_status() -> None:
    minors = minors_rules(MINORS, ON)
    assert minors.school_ref.status is Status.SECONDARY
    assert minors.holiday_ref.status is Status.UNVERIFIED
    assert "disagree" in (minors.holiday_ref.note or "")
    assert [(c.under_years, c.low) for c in minors.school_caps] == [
        (3, 60),
        (6, 120),
        (12, 180),
        (16, 240),
    ]
    ban = minors.night_ban(15)
    assert ban is not None
    assert (ban.start, ban.end) == (dt.time(20), dt.time(6))
    assert minors.night_ban(18) is None


def test_the_agreement_of_each_pack() -> None:
    assert agreement_rules(TV, ON).agreement is Agreement.AUDIOVISUAL
    assert agreement_rules(CINEMA, ON).agreement is Agreement.CINEMA
    with pytest.raises(RuleError, match="not a working-time pack"):
        agreement_rules(MINORS, ON)
    with pytest.raises(RuleError, match="not the minors"):
        minors_rules(TV, ON)


def test_2642_values_are_dated_from_the_2017_amendment() -> None:
    with pytest.raises(RuleError, match="no value valid on 2016-01-01"):
        agreement_rules(TV, dt.date(2016, 1, 1))


def _shipped_text(pack_id: str) -> str:
    return resources.files("regie.rules").joinpath("packs", f"{pack_id}.yaml").read_text("utf-8")


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('- {from: "4", to: "8", rate: "0.25"}', '- {from: "5", to: "8", rate: "0.25"}', "gaps"),
        ('general: {start: "00:00", end: "07:00"}', 'general: {start: "0h", end: "07:00"}', "time"),
        ('{from: "12-21", to: "03-20"', '{from: "12-32", to: "03-20"', "month-day"),
        ('{hours: "12", article: "VI.3.1.1"}', '{hours: "12.01", article: "VI.3.1.1"}', "minutes"),
    ],
)
def test_a_malformed_pack_is_refused(old: str, new: str, problem: str) -> None:
    text = _shipped_text("worktime-idcc2642")
    assert old in text
    broken = parse_pack(text.replace(old, new), path="worktime-idcc2642.yaml")
    with pytest.raises(RuleError, match=problem):
        agreement_rules(broken, ON)
