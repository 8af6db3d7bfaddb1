# SPDX-License-Identifier: AGPL-3.0-or-later
"""Premium hours: weekly overtime bands (IDCC 2642 VI.8; IDCC 3097 art. 37), the CDDU first
band, the 10th shooting hour (IDCC 3097 art. 38), short contracts, Sundays, public holidays
and the IDCC 3097 cap on cumulated premiums (art. 36)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from regie.core.calendar import french_public_holidays
from regie.core.production import Agreement
from regie.schedule.worktime import (
    Contract,
    PremiumKind,
    Severity,
    WorkerKind,
    check,
    premiums,
    report,
)
from tests.schedule.worktime.builders import (
    CINEMA,
    TV,
    day,
    hours,
    line_of,
    only,
    week,
    worker,
)

MONDAY = dt.date(2026, 3, 2)
D = Decimal


def test_2642_a_50_hour_week_for_a_cddu_technician() -> None:
    # 15 overtime hours: the first 4 at +25 % (CDDU, VI.8.3), 5th to 8th at +25 %, then +50 %.
    lines = premiums(worker(), week(MONDAY, wrap=(19, 0)), TV)
    assert hours(lines, PremiumKind.OVERTIME) == {
        ("35-39 h", D("0.25")): D(4),
        ("39-43 h", D("0.25")): D(4),
        ("43+ h", D("0.50")): D(7),
    }
    first = next(line for line in lines if line.band == "35-39 h")
    assert first.rule.rule_id == "worktime-idcc2642:overtime.cddu_first_band"
    assert first.week == "2026-W10"
    assert {line.kind for line in lines} == {PremiumKind.OVERTIME}


def test_2642_the_first_four_hours_are_10_percent_outside_cddu_and_for_day_contracts() -> None:
    permanent = premiums(worker(contract=Contract.CDI), week(MONDAY, wrap=(19, 0)), TV)
    assert hours(permanent, PremiumKind.OVERTIME)[("35-39 h", D("0.10"))] == D(4)
    # A CDDU shorter than 5 days is paid by the day: +10 % too, and the daily overrun of
    # VI.8.4 (+25 % from the 9th to the 11th hour of each day) on top.
    four_days = premiums(worker(contract_days=4), week(MONDAY, 4, wrap=(19, 0)), TV)
    assert hours(four_days, PremiumKind.OVERTIME) == {
        ("35-39 h", D("0.10")): D(4),
        ("39-43 h", D("0.25")): D(1),
    }
    assert hours(four_days, PremiumKind.LONG_DAY) == {("8-11 h", D("0.25")): D(8)}


def test_2642_listed_jobs_get_100_percent_from_the_13th_overtime_hour() -> None:
    lines = premiums(worker(job="chef_machiniste"), week(MONDAY, wrap=(19, 0)), TV)
    assert hours(lines, PremiumKind.OVERTIME) == {
        ("35-39 h", D("0.25")): D(4),
        ("39-43 h", D("0.25")): D(4),
        ("43-47 h", D("0.50")): D(4),
        ("47+ h", D("1.00")): D(3),
    }


def test_2642_the_week_is_rounded_up_to_the_half_hour() -> None:
    # 35 h 10 worked: counted 35 h 30, half an hour of overtime.
    plan = [
        *week(MONDAY, 4, call=(9, 0), wrap=(17, 0)),
        day(MONDAY + dt.timedelta(days=4), (9, 0), (17, 10)),
    ]
    assert hours(premiums(worker(), plan, TV), PremiumKind.OVERTIME) == {
        ("35-39 h", D("0.25")): D("0.5")
    }


def test_3097_a_50_hour_week() -> None:
    lines = premiums(worker(Agreement.CINEMA), week(MONDAY, wrap=(19, 0)), CINEMA)
    assert hours(lines, PremiumKind.OVERTIME) == {
        ("35-43 h", D("0.25")): D(8),
        ("43-48 h", D("0.50")): D(5),
        ("48+ h", D("0.75")): D(2),
    }
    assert not hours(lines, PremiumKind.CAP)


def test_3097_hours_beyond_the_10th_shooting_hour_get_100_percent() -> None:
    long_day = day(MONDAY, (7, 0), (19, 30))  # 11 h 30 of work
    lines = premiums(worker(Agreement.CINEMA), [long_day], CINEMA)
    assert hours(lines, PremiumKind.LONG_DAY) == {("10+ h", D("1.00")): D("1.5")}
    preparation = day(MONDAY, (7, 0), (19, 30), shooting=False)
    assert not hours(
        premiums(worker(Agreement.CINEMA), [preparation], CINEMA), PremiumKind.LONG_DAY
    )


def test_3097_a_day_engagement_has_daily_bands_and_the_cap() -> None:
    # Art. 34: +25 % on every hour, +50 % beyond 7 h, +100 % beyond 10 h; with art. 38 on the
    # 11th hour (0.25 + 1.00 + 1.00) the cap brings that hour back to +100 %.
    one_day = worker(Agreement.CINEMA, contract_days=1)
    lines = premiums(one_day, [day(MONDAY, (7, 0), (19, 0))], CINEMA)
    assert hours(lines, PremiumKind.DAY_ENGAGEMENT) == {
        ("base", D("0.25")): D(11),
        ("7-10 h", D("0.50")): D(3),
        ("10+ h", D("1.00")): D(1),
    }
    assert hours(lines, PremiumKind.CAP) == {("cap +100 %", D("-1.25")): D(1)}
    assert not hours(lines, PremiumKind.OVERTIME)


def test_sunday_is_plus_50_in_2642_and_plus_100_in_3097() -> None:
    sunday = day(dt.date(2026, 3, 8), (9, 0), (17, 0))
    assert hours(premiums(worker(), [sunday], TV), PremiumKind.SUNDAY) == {
        ("Sunday", D("0.50")): D(7)
    }
    cinema = premiums(worker(Agreement.CINEMA), [sunday], CINEMA)
    assert hours(cinema, PremiumKind.SUNDAY) == {("Sunday", D("1.00")): D(7)}
    # In cinema it also needs an exceptional authorisation (a warning), never in a studio.
    found = check(worker(Agreement.CINEMA), [sunday], CINEMA)
    assert only(found, "sunday.premium").severity is Severity.WARNING
    studio = day(dt.date(2026, 3, 8), (9, 0), (17, 0), studio=True)
    assert only(check(worker(Agreement.CINEMA), [studio], CINEMA), "sunday.premium").severity is (
        Severity.ERROR
    )


def test_2642_public_holidays_1_may_14_july_whit_monday() -> None:
    holidays = french_public_holidays(2026)
    may_day, bastille, whit_monday, ascension = (
        dt.date(2026, 5, 1),
        dt.date(2026, 7, 14),
        dt.date(2026, 5, 25),
        dt.date(2026, 5, 14),
    )
    assert holidays[whit_monday] == "Lundi de Pentecôte"
    assert holidays[ascension] == "Ascension"
    plan = [day(d, (9, 0), (17, 0)) for d in (may_day, ascension, whit_monday, bastille)]
    lines = premiums(worker(), plan, TV)
    # VII.2.3: 1 May paid 300 % (+200 %), 14 July 200 % (+100 %), Ascension 150 % (+50 %);
    # VII.2.4: Whit Monday is the solidarity day, worked without premium.
    assert hours(lines, PremiumKind.HOLIDAY) == {
        ("Fête du travail", D("2.00")): D(7),
        ("Ascension", D("0.50")): D(7),
        ("Lundi de Pentecôte", D(0)): D(7),
        ("Fête nationale", D("1.00")): D(7),
    }
    assert line_of([x for x in lines if x.date == may_day], PremiumKind.HOLIDAY).rule.article == (
        "VII.2.3, VII.2.4"
    )
    found = check(worker(), plan, TV)
    assert {v.dates for v in found if v.rule.key == "holidays.premium"} == {
        (may_day,),
        (ascension,),
        (whit_monday,),
        (bastille,),
    }


def test_3097_a_worked_holiday_is_plus_100_and_studio_work_is_forbidden() -> None:
    bastille = day(dt.date(2026, 7, 14), (9, 0), (17, 0))
    lines = premiums(worker(Agreement.CINEMA), [bastille], CINEMA)
    assert hours(lines, PremiumKind.HOLIDAY) == {("Fête nationale", D("1.00")): D(7)}
    studio = day(dt.date(2026, 7, 14), (9, 0), (17, 0), studio=True)
    violation = only(check(worker(Agreement.CINEMA), [studio], CINEMA), "holidays.premium")
    assert violation.severity is Severity.ERROR


def test_3097_cumulated_premiums_are_capped_at_100_percent() -> None:
    # Sunday 11 January 2026 (winter, night from 20:00): Sunday +100 % and night +50 %
    # on 20:00–23:00 → capped at +100 %.
    sunday = day(dt.date(2026, 1, 11), (14, 0), (23, 0), meal=((17, 0), (17, 30)))
    lines = premiums(worker(Agreement.CINEMA), [sunday], CINEMA)
    assert hours(lines, PremiumKind.NIGHT) == {("night 0-8 h", D("0.50")): D(3)}
    assert hours(lines, PremiumKind.CAP) == {("cap +100 %", D("-0.50")): D(3)}
    cap = line_of(lines, PremiumKind.CAP)
    assert cap.rule.article == "Titre II art. 36"
    # Weighted: Sunday 8.5 h × 1 + night 3 h × 0.5 − 3 h × 0.5 = 8.5 h.
    assert sum(line.weighted_hours for line in lines) == D("8.5")
    # IDCC 2642 has no cap: Sunday +50 % and night +25 % cumulate.
    tv = premiums(worker(), [sunday], TV)
    assert not hours(tv, PremiumKind.CAP)


def test_3097_the_cap_keeps_the_1_may_and_legal_overtime_premiums() -> None:
    # Monday–Thursday 4 × 9 h = 36 h; Friday 1 May 2026, 14:00–23:00: overtime (+50 % from
    # the 44th hour, i.e. from 21:30), 1 May (+100 %) and, from 22:00, night (+50 %). The
    # extension reserve keeps +100 % + 50 % = +150 %: only the night premium is taken back.
    plan = [
        *week(dt.date(2026, 4, 27), 4, wrap=(18, 0)),
        day(dt.date(2026, 5, 1), (14, 0), (23, 0), meal=((18, 0), (18, 30))),
    ]
    lines = premiums(worker(Agreement.CINEMA), plan, CINEMA)
    assert hours(lines, PremiumKind.HOLIDAY) == {("Fête du travail", D("1.00")): D("8.5")}
    assert hours(lines, PremiumKind.NIGHT) == {("night 0-8 h", D("0.50")): D(1)}
    assert hours(lines, PremiumKind.CAP) == {("cap +100 %", D("-0.50")): D(1)}
    assert hours(lines, PremiumKind.OVERTIME) == {
        ("35-43 h", D("0.25")): D(8),
        ("43-48 h", D("0.50")): D("1.5"),
    }


def test_week_totals_and_scope() -> None:
    result = report(worker(), week(MONDAY, wrap=(19, 0)), TV)
    (total,) = result.weeks
    assert (total.week, total.effective_hours, total.overtime_minutes) == ("2026-W10", D(50), 900)
    assert total.weighted_hours == D(4) * D("0.25") + D(4) * D("0.25") + D(7) * D("0.50")
    assert result.packs == ("worktime-idcc2642@2026.1",)
    # Performers: limits checked, premiums not computed (other agreement, other Titre).
    performer = worker(kind=WorkerKind.CAST)
    assert premiums(performer, week(MONDAY, wrap=(19, 0)), TV) == ()
    assert only(check(performer, week(MONDAY), TV), "premiums.scope").severity is Severity.INFO
