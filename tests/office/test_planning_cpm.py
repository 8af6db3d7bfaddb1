# SPDX-License-Identifier: AGPL-3.0-or-later
"""The critical-path method on small networks checked by hand against the 2027 calendar.

Around the delivery date of Friday 7 May 2027: Saturday 1 May and Saturday 8 May are
holidays on a weekend; Thursday 6 May 2027 is Ascension (Easter 2027 is 28 March), so
the working days before the delivery run … Thu 29 Apr, Fri 30 Apr, Mon 3, Tue 4, Wed 5,
Fri 7 May.
"""

from __future__ import annotations

import datetime as dt

import pytest

from regie.core.errors import ValidationError
from regie.office.planning import (
    Dependency,
    LinkType,
    Phase,
    Plan,
    RiskKind,
    Task,
    TaskStatus,
    WorkWeek,
    schedule,
    slip,
)
from regie.office.planning.workdays import WorkingDays

D = dt.date
DELIVERY = D(2027, 5, 7)


def network(week: WorkWeek | None = None, delivery: dt.date = DELIVERY) -> Plan:
    """A (3 days) → B (2 days) → M (delivery); A → C (1 day) → M."""
    tasks = (
        Task("a", "A", Phase.PREP, 3),
        Task("b", "B", Phase.POST, 2, (Dependency("a"),)),
        Task("c", "C", Phase.POST, 1, (Dependency("a"),)),
        Task(
            "m", "Livraison", Phase.DELIVERY, 0, (Dependency("b"), Dependency("c")),
            milestone=True, deadline=delivery,
        ),
    )  # fmt: skip
    return Plan("Essai", delivery, tasks, week=week or WorkWeek())


def test_backward_then_forward_dates_skip_weekends_and_ascension() -> None:
    result = schedule(network())
    a, b, c, m = (result.of(i) for i in "abcm")
    assert (a.start, a.finish) == (D(2027, 4, 30), D(2027, 5, 4))  # Fri, Mon, Tue
    assert (b.start, b.finish) == (D(2027, 5, 5), D(2027, 5, 7))  # Wed, (Ascension), Fri
    assert (c.start, c.finish) == (D(2027, 5, 5), D(2027, 5, 5))
    assert (c.late_start, c.late_finish) == (D(2027, 5, 7), D(2027, 5, 7))
    assert m.start == m.finish == DELIVERY
    assert [s.total_float for s in (a, b, c, m)] == [0, 0, 1, 0]  # one working day for C
    assert result.critical_path == ("a", "b", "m")
    assert result.latest_start == result.start == D(2027, 4, 30)
    assert result.at_risk == ()
    assert result.feasible


def test_without_public_holidays_ascension_is_worked() -> None:
    result = schedule(network(WorkWeek(french_holidays=False)))
    assert (result.of("b").start, result.of("b").finish) == (D(2027, 5, 6), D(2027, 5, 7))
    assert (result.of("a").start, result.of("a").finish) == (D(2027, 5, 3), D(2027, 5, 5))


def test_a_six_day_week_counts_saturdays() -> None:
    week = WorkWeek(weekdays=frozenset({0, 1, 2, 3, 4, 5}))
    result = schedule(network(week))
    # Sat 1 May is a holiday, Sat 8 May too: A runs Fri 30 Apr, Mon 3, Tue 4.
    assert result.of("a").start == D(2027, 4, 30)
    plan = network(week, delivery=D(2027, 5, 15))  # Saturday 15 May is worked
    assert schedule(plan).of("m").finish == D(2027, 5, 15)


def test_an_earlier_start_gives_float_to_every_task() -> None:
    result = schedule(network(), start=D(2027, 4, 26))  # Monday: four working days earlier
    assert result.start == D(2027, 4, 26)
    assert result.min_float == 4
    assert [result.of(i).total_float for i in "abcm"] == [4, 4, 5, 4]
    assert result.critical_path == ("a", "b", "m")  # the least float drives the plan
    assert result.at_risk == ()


def test_a_start_too_late_is_said_with_the_days_late() -> None:
    result = schedule(network(), start=D(2027, 5, 4))  # two working days too late
    assert result.min_float == -2
    (risk,) = result.at_risk
    assert (risk.task, risk.kind) == ("m", RiskKind.CONTRACTUAL)
    assert (risk.due, risk.expected) == (DELIVERY, D(2027, 5, 11))
    assert (risk.working_days_late, risk.days_late) == (2, 4)
    assert not result.feasible


def test_a_cycle_is_refused_with_its_tasks_in_order() -> None:
    tasks = (
        Task("x", "X", Phase.PREP, 1),
        Task("a", "A", Phase.PREP, 1, (Dependency("x"), Dependency("c"))),
        Task("b", "B", Phase.PREP, 1, (Dependency("a"),)),
        Task("c", "C", Phase.PREP, 1, (Dependency("b"),)),
    )
    with pytest.raises(ValidationError) as caught:
        schedule(Plan("Boucle", DELIVERY, tasks))
    message = str(caught.value)
    assert "cycle" in message
    assert "a → b → c → a" in message
    assert "x →" not in message  # x leads into the loop but is not part of it


def test_unknown_predecessor_and_bad_milestone_are_refused() -> None:
    with pytest.raises(ValidationError, match="'nowhere'"):
        schedule(Plan("P", DELIVERY, (Task("a", "A", Phase.PREP, 1, (Dependency("nowhere"),)),)))
    with pytest.raises(ValidationError, match="milestone"):
        schedule(Plan("P", DELIVERY, (Task("m", "M", Phase.PREP, 2, milestone=True),)))


def test_a_slip_on_the_critical_path_pushes_successors_and_puts_delivery_at_risk() -> None:
    plan = network()
    before = schedule(plan)
    slipped = slip(plan, "b", days=2)
    assert slipped.start == before.start  # the start is kept, the slip is not absorbed
    result = schedule(slipped)
    assert result.of("b").finish == D(2027, 5, 11)  # Wed 5, Fri 7, Mon 10, Tue 11
    assert result.of("b").duration == 4
    assert result.of("m").finish == D(2027, 5, 11)
    assert result.of("c").finish == before.of("c").finish  # not a successor: unmoved
    (risk,) = result.at_risk
    assert (risk.task, risk.kind, risk.working_days_late, risk.days_late) == (
        "m", RiskKind.CONTRACTUAL, 2, 4,
    )  # fmt: skip
    assert result.of("b").total_float == -2


def test_a_slip_within_the_float_puts_nothing_at_risk() -> None:
    result = schedule(slip(network(), "c", days=1))
    assert result.at_risk == ()
    assert result.of("c").total_float == 0
    late = schedule(slip(network(), "c", days=2))
    assert [(r.task, r.working_days_late) for r in late.at_risk] == [("m", 1)]


def test_actual_dates_pin_a_task_and_push_the_rest() -> None:
    plan = slip(network(), "a", actual_start=D(2027, 4, 30), actual_finish=D(2027, 5, 5))
    result = schedule(plan)
    a = result.of("a")
    assert (a.status, a.duration, a.finish) == (TaskStatus.DONE, 4, D(2027, 5, 5))
    assert not a.critical  # done: no longer on the critical path
    assert result.of("b").start == D(2027, 5, 7)
    assert result.of("m").finish == D(2027, 5, 10)
    assert [(r.task, r.working_days_late) for r in result.at_risk] == [("m", 1)]
    started = schedule(slip(network(), "a", actual_start=D(2027, 5, 3)))
    assert started.of("a").status is TaskStatus.STARTED
    assert started.of("a").finish == D(2027, 5, 5)


def test_a_slipped_milestone_pushes_its_successors() -> None:
    tasks = (
        Task("lock", "PAC", Phase.POST, 0, milestone=True),
        Task("mix", "Mixage", Phase.POST, 2, (Dependency("lock"),)),
        Task("end", "Fin", Phase.DELIVERY, 0, (Dependency("mix"),), milestone=True),
    )
    plan = Plan("P", DELIVERY, tasks)
    assert schedule(plan).of("lock").finish == D(2027, 5, 5)  # starts the mix's first day
    result = schedule(slip(plan, "lock", days=1))
    assert result.of("mix").start == D(2027, 5, 7)
    assert result.of("end").finish == D(2027, 5, 10)
    # no contractual date here: both milestones are reported as pushed past their dates
    assert [(r.task, r.kind, r.due, r.working_days_late) for r in result.at_risk] == [
        ("lock", RiskKind.MILESTONE, D(2027, 5, 5), 1),
        ("end", RiskKind.MILESTONE, DELIVERY, 1),
    ]


def test_start_to_start_links_with_lag_and_lead() -> None:
    tasks = (
        Task("shoot", "Tournage", Phase.SHOOT, 10),
        Task("edit", "Montage", Phase.POST, 10, (Dependency("shoot", LinkType.SS, 2),)),
        Task("prep", "Préparation", Phase.PREP, 3, (Dependency("shoot", LinkType.FS, -2),)),
    )
    result = schedule(Plan("P", D(2027, 6, 30), tasks), start=D(2027, 6, 1))
    assert result.of("shoot").start == D(2027, 6, 1)  # Tuesday
    assert result.of("edit").start == D(2027, 6, 3)  # two working days after the shoot's start
    assert result.of("shoot").finish == D(2027, 6, 14)
    assert result.of("prep").start == D(2027, 6, 11)  # two working days before the shoot ends


def test_a_fixed_start_that_predecessors_push_is_at_risk() -> None:
    tasks = (
        Task("prep", "Préparation", Phase.PREP, 5),
        Task("shoot", "Tournage", Phase.SHOOT, 3, (Dependency("prep"),), fixed_start=D(2027, 6, 7)),
    )
    fine = schedule(Plan("P", D(2027, 6, 30), tasks), start=D(2027, 5, 31))
    assert fine.of("shoot").start == D(2027, 6, 7)
    assert fine.at_risk == ()
    late = schedule(Plan("P", D(2027, 6, 30), tasks), start=D(2027, 6, 2))
    assert late.of("shoot").start == D(2027, 6, 9)
    (risk,) = late.at_risk
    assert (risk.task, risk.kind, risk.due, risk.working_days_late) == (
        "shoot", RiskKind.FIXED_START, D(2027, 6, 7), 2,
    )  # fmt: skip


def test_working_days_table() -> None:
    table = WorkingDays(WorkWeek(), D(2027, 4, 26), D(2027, 5, 14))
    assert not table.is_working(D(2027, 5, 6))  # Ascension
    assert table.day(table.on_or_after(D(2027, 5, 1))) == D(2027, 5, 3)
    assert table.day(table.on_or_before(D(2027, 5, 6))) == D(2027, 5, 5)
    assert table.between(D(2027, 5, 5), D(2027, 5, 10)) == 2
    assert table.between(D(2027, 5, 10), D(2027, 5, 5)) == -2
