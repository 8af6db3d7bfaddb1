# SPDX-License-Identifier: AGPL-3.0-or-later
"""One day at a time: daily maximum (IDCC 2642 VI.3.1.1; IDCC 3097 Titre II art. 24),
amplitude (IDCC 3097 art. 27), breaks (IDCC 2642 VI.1.4; IDCC 3097 art. 28), a day across
midnight."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from regie.core.production import Agreement
from regie.rules.pack import RulePack
from regie.schedule.worktime import (
    Break,
    BreakKind,
    PremiumKind,
    Severity,
    WorkDay,
    Worker,
    check,
    premiums,
    report,
)
from tests.schedule.worktime.builders import CINEMA, TV, at, day, hours, only, rules_of, worker

WEDNESDAY = dt.date(2026, 3, 4)


def test_a_13_hour_day_breaks_the_2642_daily_maximum_of_12_hours() -> None:
    long_day = day(
        WEDNESDAY,
        (7, 0),
        (21, 0),
        meal=None,
        breaks=(
            Break(at(WEDNESDAY, 12, 0), at(WEDNESDAY, 12, 30), BreakKind.MEAL),
            Break(at(WEDNESDAY, 17, 0), at(WEDNESDAY, 17, 30), BreakKind.PAUSE),
        ),
    )
    found = check(worker(), [long_day], TV)
    assert rules_of(found, Severity.ERROR) == {"daily_max.effective"}
    violation = only(found, "daily_max.effective")
    assert (violation.measured, violation.limit) == (Decimal(13), Decimal(12))
    assert violation.rule.article == "VI.3.1.1"
    assert violation.dates == (WEDNESDAY,)
    assert str(violation.message) == (
        "Camille works 13h00 of effective work on 2026-03-04; the maximum is 12h00"
    )


def test_12_hours_exactly_is_allowed_in_2642() -> None:
    found = check(worker(), [day(WEDNESDAY, (7, 0), (20, 0), meal=((12, 0), (13, 0)))], TV)
    assert "daily_max.effective" not in rules_of(found)


def test_3097_a_12h30_day_over_13h30_breaks_the_amplitude_and_the_daily_maximum() -> None:
    # Call 7:00 at the meeting point, back at 20:30: 13 h 30 of amplitude, 1 h of breaks.
    long_day = day(
        WEDNESDAY,
        (7, 0),
        (20, 30),
        meal=None,
        breaks=(
            Break(at(WEDNESDAY, 13, 0), at(WEDNESDAY, 13, 40), BreakKind.MEAL),
            Break(at(WEDNESDAY, 17, 0), at(WEDNESDAY, 17, 20), BreakKind.PAUSE),
        ),
    )
    found = check(worker(Agreement.CINEMA), [long_day], CINEMA)
    assert rules_of(found, Severity.ERROR) == {"amplitude.maximum", "daily_max.effective"}
    amplitude = only(found, "amplitude.maximum")
    assert (amplitude.measured, amplitude.limit) == (Decimal("13.5"), Decimal(13))
    assert amplitude.rule.article.startswith("Titre II art. 27")
    assert only(found, "daily_max.effective").measured == Decimal("12.5")


def test_3097_travel_on_a_work_day_counts_in_the_amplitude() -> None:
    plain = day(WEDNESDAY, (8, 0), (20, 0))  # 12 h of amplitude
    assert "amplitude.maximum" not in rules_of(check(worker(Agreement.CINEMA), [plain], CINEMA))
    travelling = day(WEDNESDAY, (8, 0), (20, 0), travel_minutes=90)
    found = check(worker(Agreement.CINEMA), [travelling], CINEMA)
    assert only(found, "amplitude.maximum").measured == Decimal("13.5")


def test_3097_a_day_over_10_hours_is_a_warning_naming_the_exception() -> None:
    found = check(worker(Agreement.CINEMA), [day(WEDNESDAY, (8, 0), (19, 30))], CINEMA)
    normal = only(found, "daily_max.normal")
    assert normal.severity is Severity.WARNING
    assert normal.measured == Decimal("10.5")
    assert "exceptional" in str(normal.message)


def test_3097_transport_between_meeting_point_and_set_is_not_work_up_to_two_hours() -> None:
    cinema, tv = worker(Agreement.CINEMA), worker()

    def effective(plan: WorkDay, who: Worker, pack: RulePack) -> int:
        return report(who, [plan], pack).weeks[0].effective_minutes

    # 7:00 at the meeting point, back at 20:00, 1 h of meal, 1 h of transport each way.
    commute = day(WEDNESDAY, (7, 0), (20, 0), transport_out_minutes=60, transport_back_minutes=60)
    assert effective(commute, cinema, CINEMA) == 10 * 60
    assert rules_of(check(cinema, [commute], CINEMA)) == set()
    # 1 h 30 each way: only 2 h a day are not work, the third hour is (art. 32).
    longer = day(WEDNESDAY, (6, 30), (20, 30), transport_out_minutes=90, transport_back_minutes=90)
    assert effective(longer, cinema, CINEMA) == 14 * 60 - 60 - 120
    # IDCC 2642 counts transport during the day as work (VI.1.2).
    assert effective(commute, tv, TV) == 12 * 60


def test_2642_six_hours_of_work_need_a_20_minute_break() -> None:
    no_break = day(WEDNESDAY, (8, 0), (15, 0), meal=None)
    violation = only(check(worker(), [no_break], TV), "breaks.pause")
    assert violation.severity is Severity.ERROR
    assert (violation.measured, violation.limit) == (Decimal(7), Decimal(6))
    short = day(WEDNESDAY, (8, 0), (15, 0), meal=((12, 0), (12, 15)))
    assert "breaks.pause" in rules_of(check(worker(), [short], TV))
    enough = day(WEDNESDAY, (8, 0), (15, 0), meal=((12, 0), (12, 20)))
    assert "breaks.pause" not in rules_of(check(worker(), [enough], TV))


def test_3097_continuous_day_needs_the_30_minute_break_within_6_hours() -> None:
    continuous = day(WEDNESDAY, (12, 0), (20, 0), meal=None)
    found = check(worker(Agreement.CINEMA), [continuous], CINEMA)
    violation = only(found, "continuous_day")
    assert violation.severity is Severity.ERROR
    assert violation.rule.article == "Titre II art. 28"
    # The legal 20-minute break is only a warning here: its wording was not re-read.
    assert only(found, "breaks.pause").severity is Severity.WARNING
    with_break = day(
        WEDNESDAY,
        (12, 0),
        (20, 0),
        meal=None,
        breaks=(Break(at(WEDNESDAY, 17, 30), at(WEDNESDAY, 18, 0), BreakKind.PAUSE),),
    )
    assert rules_of(check(worker(Agreement.CINEMA), [with_break], CINEMA)) == set()
    lines = premiums(worker(Agreement.CINEMA), [with_break], CINEMA)
    assert hours(lines, PremiumKind.PAID_BREAK) == {
        ("continuous day", Decimal("1.00")): Decimal("0.5")
    }


def test_a_day_with_a_meal_inside_12_to_20_is_not_a_continuous_day() -> None:
    lunch = day(WEDNESDAY, (12, 0), (20, 0), meal=((15, 0), (15, 30)))
    found = check(worker(Agreement.CINEMA), [lunch], CINEMA)
    assert "continuous_day" not in rules_of(found)
    assert not hours(premiums(worker(Agreement.CINEMA), [lunch], CINEMA), PremiumKind.PAID_BREAK)


def test_a_day_crossing_midnight_counts_on_both_dates() -> None:
    # Saturday 18:00 to Sunday 5:00 in July, fiction (IDCC 2642 night 22:00–7:00).
    saturday = dt.date(2026, 7, 11)
    night_shoot = day(saturday, (18, 0), (5, 0), wrap_next_day=True, meal=((23, 0), (23, 45)))
    found = check(worker(), [night_shoot], TV)
    night = only(found, "night.windows")
    assert night.severity is Severity.INFO
    assert night.measured == Decimal("6.25")  # 22:00–5:00 minus the 45-minute meal
    assert rules_of(found, Severity.ERROR) == set()
    lines = premiums(worker(), [night_shoot], TV)
    by_date = {(line.kind, line.date): line.hours for line in lines}
    assert by_date[PremiumKind.NIGHT, saturday] == Decimal("1.25")
    assert by_date[PremiumKind.NIGHT, saturday + dt.timedelta(days=1)] == Decimal(5)
    assert by_date[PremiumKind.SUNDAY, saturday + dt.timedelta(days=1)] == Decimal(5)
