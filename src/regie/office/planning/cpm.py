# SPDX-License-Identifier: AGPL-3.0-or-later
"""The critical-path method (méthode du chemin critique) over working days.

1. **Backward pass** from the delivery date (and every contractual date): the latest
   start and finish of each task that still holds them — the rétroplanning proper.
2. **Forward pass** from the plan's start (by default the latest start the backward pass
   allows) or from the recorded progress: the earliest dates.
3. **Total float** (marge totale) = latest start − earliest start, in working days; the
   **critical path** is the chain of the tasks with the least float. A float below zero
   means the dates cannot all be held: :attr:`PlanSchedule.at_risk` says which contractual
   dates and fixed starts are now exceeded, and which milestones the recorded progress
   pushed past their planned date (the plan without progress, from the same start), and
   by how many days.

Internally a day is its index among the working days (:class:`~regie.office.planning.
workdays.WorkingDays`); a task starting on day ``s`` and lasting ``d`` days occupies days
``s … s + d − 1`` and its finish *point* is ``s + d`` (the start of the next working day).
A milestone is a point: it is shown on the day it is reached at the end of (after a
finish-to-start link), or on the day it starts (a fixed date, start-to-start links only).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from regie.core.errors import ValidationError
from regie.core.text import t
from regie.office.planning.model import LinkType, Plan, Task, TaskProgress, validate
from regie.office.planning.workdays import WorkingDays


class TaskStatus(StrEnum):
    PLANNED = "planned"
    STARTED = "started"
    DONE = "done"


class RiskKind(StrEnum):
    CONTRACTUAL = "contractual"  # a contractual date (deadline) is exceeded
    FIXED_START = "fixed_start"  # a task cannot start on its fixed date any more
    MILESTONE = "milestone"  # progress pushed a milestone past its planned date


@dataclass(frozen=True, slots=True)
class ScheduledTask:
    task: Task
    start: dt.date  # earliest (or actual) dates; a milestone has start == finish
    finish: dt.date
    late_start: dt.date
    late_finish: dt.date
    duration: int  # working days, progress included
    total_float: int  # working days; negative: the task is late for a date that follows it
    critical: bool
    status: TaskStatus


@dataclass(frozen=True, slots=True)
class AtRisk:
    """A date the plan no longer holds: ``expected`` is ``working_days_late`` working
    days (``days_late`` calendar days) after ``due``."""

    task: str
    kind: RiskKind
    due: dt.date
    expected: dt.date
    working_days_late: int
    days_late: int


@dataclass(frozen=True, slots=True)
class PlanSchedule:
    plan: Plan
    tasks: tuple[ScheduledTask, ...]  # in the plan's order
    start: dt.date
    finish: dt.date
    latest_start: dt.date  # the latest day the work may begin and still hold every date
    min_float: int
    critical_path: tuple[str, ...]  # task ids, in date order
    at_risk: tuple[AtRisk, ...]  # by due date

    def of(self, task_id: str) -> ScheduledTask:
        for scheduled in self.tasks:
            if scheduled.task.id == task_id:
                return scheduled
        self.plan.task(task_id)  # raises the "no task" error
        raise AssertionError(task_id)  # pragma: no cover

    @property
    def feasible(self) -> bool:
        return not self.at_risk


def topological_order(tasks: tuple[Task, ...]) -> list[Task]:
    """The tasks, each after its predecessors (plan order among the ready ones); a cycle
    is refused with its tasks named in order."""
    position = {task.id: i for i, task in enumerate(tasks)}
    waiting = {task.id: len({d.task for d in task.dependencies}) for task in tasks}
    successors: dict[str, set[str]] = {task.id: set() for task in tasks}
    for task in tasks:
        for link in task.dependencies:
            successors[link.task].add(task.id)
    ready = [position[i] for i, n in waiting.items() if n == 0]
    heapq.heapify(ready)
    order: list[Task] = []
    while ready:
        task = tasks[heapq.heappop(ready)]
        order.append(task)
        for follower in successors[task.id]:
            waiting[follower] -= 1
            if waiting[follower] == 0:
                heapq.heappush(ready, position[follower])
    if len(order) < len(tasks):
        cycle = find_cycle(tasks, {i for i, n in waiting.items() if n > 0})
        raise ValidationError(
            t("the dependencies form a cycle: {cycle}", cycle=" → ".join(cycle)),
            field="tasks.dependencies",
            hint=t("Remove one of these links so that the tasks can follow each other"),
        )
    return order


def find_cycle(tasks: tuple[Task, ...], among: set[str]) -> list[str]:
    """A cycle among ``among`` (tasks whose predecessors were never all done), written from
    predecessor to successor and closed (``a → b → a``)."""
    by_id = {task.id: task for task in tasks}
    order = [task.id for task in tasks]
    current = min(among, key=order.index)
    path: list[str] = []
    seen: dict[str, int] = {}
    while current not in seen:
        seen[current] = len(path)
        path.append(current)
        current = next(d.task for d in by_id[current].dependencies if d.task in among)
    loop = path[seen[current] :]
    loop.reverse()  # we walked from successors to predecessors
    first = loop.index(min(loop, key=order.index))  # start where the plan lists it first
    loop = loop[first:] + loop[:first]
    return [*loop, loop[0]]


def schedule(
    plan: Plan, *, start: dt.date | None = None, as_of: dt.date | None = None
) -> PlanSchedule:
    """The plan's dates (see the module docstring). ``start`` overrides the plan's start;
    ``as_of`` (date d'avancement): no task that has not started is put before it."""
    validate(plan)
    order = topological_order(plan.tasks)
    progress = {item.task: item for item in plan.progress}
    table = _table(plan, start, as_of)
    points = _Points(table)
    durations = {task.id: _duration(task, progress.get(task.id), points) for task in plan.tasks}
    late = _backward(plan, order, durations, points)
    origin = start or plan.start
    first = points.start(origin) if origin else min(ls for ls, _ in late.values())
    early = _forward(order, durations, progress, points, first=first, as_of=as_of)
    done = {i for i, p in progress.items() if p.actual_finish is not None}
    floats = {task.id: late[task.id][0] - early[task.id][0] for task in plan.tasks}
    open_floats = [f for i, f in floats.items() if i not in done]
    least = min(open_floats) if open_floats else 0
    scheduled = tuple(
        _scheduled(
            task,
            early[task.id],
            late[task.id],
            duration=durations[task.id],
            slack=floats[task.id],
            least=least,
            progress=progress.get(task.id),
            points=points,
        )
        for task in plan.tasks
    )
    rank = {task.id: i for i, task in enumerate(order)}
    path = sorted(
        (s for s in scheduled if s.critical),
        key=lambda s: (early[s.task.id][0], early[s.task.id][1], rank[s.task.id]),
    )
    return PlanSchedule(
        plan=plan,
        tasks=scheduled,
        start=min((s.start for s in scheduled), default=table.day(first)),
        finish=max((s.finish for s in scheduled), default=table.day(first)),
        latest_start=table.day(min((ls for ls, _ in late.values()), default=first)),
        min_float=least,
        critical_path=tuple(s.task.id for s in path),
        at_risk=_at_risk(scheduled, early, points, _baseline(plan, table.day(first))),
    )


def _baseline(plan: Plan, start: dt.date) -> dict[str, dt.date]:
    """Each milestone's date before any progress was recorded, from the same start."""
    if not plan.progress:
        return {}
    before = schedule(dataclasses.replace(plan, progress=()), start=start)
    return {s.task.id: s.finish for s in before.tasks if s.task.milestone}


def slip(
    plan: Plan,
    task_id: str,
    *,
    days: int = 0,
    actual_start: dt.date | None = None,
    actual_finish: dt.date | None = None,
    duration: int | None = None,
) -> Plan:
    """The plan once ``task_id`` slipped: ``days`` more working days (a milestone: reached
    ``days`` working days later), and/or its actual start or finish, and/or a new duration.
    The plan's start is kept (computed first when the plan had none), so the slip pushes
    the successors instead of moving the whole plan earlier."""
    task = plan.task(task_id)
    kept_start = plan.start or schedule(plan).start
    current = plan.progress_of(task_id) or TaskProgress(task_id)
    changes: dict[str, object] = {}
    if days:
        if task.milestone:
            changes["delay"] = current.delay + days
        else:
            base = duration if duration is not None else current.duration
            longer = (task.duration if base is None else base) + days
            if longer < 1:
                raise ValidationError(
                    t("'{task}' would last {days} working days", task=task_id, days=longer),
                    field="days",
                    hint=t("A task lasts at least one working day"),
                )
            changes["duration"] = longer
    elif duration is not None:
        changes["duration"] = duration
    if actual_start is not None:
        changes["actual_start"] = actual_start
    if actual_finish is not None:
        changes["actual_finish"] = actual_finish
    updated = dataclasses.replace(current, **changes)  # type: ignore[arg-type]
    others = tuple(p for p in plan.progress if p.task != task_id)
    result = dataclasses.replace(plan, start=kept_start, progress=(*others, updated))
    validate(result)
    return result


# -- the passes -----------------------------------------------------------------------------


class _Points:
    """Dates ↔ day indices for a task (a start-type milestone sits at the start of its day)."""

    def __init__(self, table: WorkingDays) -> None:
        self.table = table

    def start(self, day: dt.date) -> int:
        return self.table.on_or_after(day)

    def end(self, day: dt.date) -> int:
        """The finish point of a task finished at the end of ``day``."""
        return self.table.on_or_before(day) + 1

    def of(self, task: Task, day: dt.date) -> int:
        """Where a milestone dated ``day`` sits (a task's finish point for a task)."""
        return self.start(day) if starts_day(task) else self.end(day)

    def shown(self, task: Task, start: int, finish: int) -> tuple[dt.date, dt.date]:
        if task.milestone:
            day = self.table.day(start if starts_day(task) else start - 1)
            return day, day
        return self.table.day(start), self.table.day(finish - 1)


def starts_day(task: Task) -> bool:
    """A milestone dated at the start of its day: fixed, or reached by start links only."""
    return task.milestone and (
        task.fixed_start is not None or all(d.kind is LinkType.SS for d in task.dependencies)
    )


def _table(plan: Plan, start: dt.date | None, as_of: dt.date | None) -> WorkingDays:
    anchors = [plan.delivery, *(d for d in (start, plan.start, as_of, plan.shoot_start) if d)]
    work = 10
    for task in plan.tasks:
        anchors += [d for d in (task.deadline, task.fixed_start) if d]
        work += task.duration + sum(abs(d.lag) for d in task.dependencies)
    for item in plan.progress:
        anchors += [d for d in (item.actual_start, item.actual_finish) if d]
        work += abs(item.delay) + (item.duration or 0)
    # Calendar days enough for every chain: weeks of the working week, holidays, closures.
    span = math.ceil(work * 7 / len(plan.week.weekdays) * 1.1) + 7 * len(plan.week.days_off) + 60
    return WorkingDays(
        plan.week, min(anchors) - dt.timedelta(days=span), max(anchors) + dt.timedelta(days=span)
    )


def _duration(task: Task, progress: TaskProgress | None, points: _Points) -> int:
    if task.milestone:
        return 0
    if progress is None:
        return task.duration
    if progress.actual_start and progress.actual_finish:
        return max(1, points.end(progress.actual_finish) - points.start(progress.actual_start))
    return task.duration if progress.duration is None else progress.duration


def _backward(
    plan: Plan, order: list[Task], durations: Mapping[str, int], points: _Points
) -> dict[str, tuple[int, int]]:
    """Latest (start, finish) points: from the successors, the deadlines and the delivery;
    a milestone that no task follows and no date binds is as late as its predecessors."""
    end = points.end(plan.delivery)
    followers: dict[str, list[tuple[str, LinkType, int]]] = {task.id: [] for task in order}
    for task in order:
        for link in task.dependencies:
            followers[link.task].append((task.id, link.kind, link.lag))
    late: dict[str, tuple[int, int]] = {}
    for task in reversed(order):
        length = durations[task.id]
        bounds = [
            late[after][0] - lag + (length if kind is LinkType.SS else 0)
            for after, kind, lag in followers[task.id]
        ]
        if task.deadline is not None:
            bounds.append(
                points.of(task, task.deadline) if task.milestone else points.end(task.deadline)
            )
        finish = min(bounds) if bounds else end
        begin = finish - length
        if task.fixed_start is not None:
            begin = min(begin, points.start(task.fixed_start))
            finish = begin + length
        late[task.id] = (begin, finish)
    for task in order:  # a milestone nothing waits for marks its predecessors' progress
        if task.milestone and not followers[task.id] and task.deadline is None:
            marks = [
                late[link.task][1 if link.kind is LinkType.FS else 0] + link.lag
                for link in task.dependencies
            ]
            if marks:
                point = min(late[task.id][0], max(marks))
                late[task.id] = (point, point)
    return late


def _forward(
    order: list[Task],
    durations: Mapping[str, int],
    progress: Mapping[str, TaskProgress],
    points: _Points,
    *,
    first: int,
    as_of: dt.date | None,
) -> dict[str, tuple[int, int]]:
    """Earliest (start, finish) points, actual dates where progress gives them."""
    early: dict[str, tuple[int, int]] = {}
    for task in order:
        length = durations[task.id]
        done = progress.get(task.id)
        if done is not None and done.actual_start is not None:
            begin = (
                points.of(task, done.actual_start)
                if task.milestone
                else points.start(done.actual_start)
            )
        elif done is not None and done.actual_finish is not None:
            begin = points.of(task, done.actual_finish) - length
        else:
            bounds = [first]
            for link in task.dependencies:
                before = early[link.task]
                bounds.append((before[1] if link.kind is LinkType.FS else before[0]) + link.lag)
            if task.fixed_start is not None:
                bounds.append(points.start(task.fixed_start))
            if as_of is not None:
                bounds.append(points.start(as_of))
            begin = max(bounds) + (done.delay if done else 0)
        finish = begin + length
        if done is not None and done.actual_finish is not None:
            finish = points.of(task, done.actual_finish)
        early[task.id] = (begin, finish)
    return early


def _scheduled(
    task: Task,
    early: tuple[int, int],
    late: tuple[int, int],
    *,
    duration: int,
    slack: int,
    least: int,
    progress: TaskProgress | None,
    points: _Points,
) -> ScheduledTask:
    start, finish = points.shown(task, *early)
    late_start, late_finish = points.shown(task, *late)
    status = TaskStatus.PLANNED
    if progress is not None and progress.actual_finish is not None:
        status = TaskStatus.DONE
    elif progress is not None and progress.actual_start is not None:
        status = TaskStatus.STARTED
    return ScheduledTask(
        task=task,
        start=start,
        finish=finish,
        late_start=late_start,
        late_finish=late_finish,
        duration=duration,
        total_float=slack,
        critical=status is not TaskStatus.DONE and slack == least,
        status=status,
    )


def _at_risk(
    scheduled: tuple[ScheduledTask, ...],
    early: Mapping[str, tuple[int, int]],
    points: _Points,
    baseline: Mapping[str, dt.date],
) -> tuple[AtRisk, ...]:
    table = points.table
    found: list[AtRisk] = []
    for item in scheduled:
        task = item.task
        if task.deadline is not None and item.finish > task.deadline:
            found.append(_risk(item, RiskKind.CONTRACTUAL, task.deadline, item.finish, table))
        if task.fixed_start is not None and item.status is TaskStatus.PLANNED:
            pinned = points.start(task.fixed_start)
            if early[task.id][0] > pinned:
                found.append(
                    _risk(item, RiskKind.FIXED_START, table.day(pinned), item.start, table)
                )
        planned = baseline.get(task.id)
        if (
            planned is not None
            and item.finish > planned
            and task.deadline is None
            and task.fixed_start is None
            and item.status is not TaskStatus.DONE
        ):
            found.append(_risk(item, RiskKind.MILESTONE, planned, item.finish, table))
    return tuple(sorted(found, key=lambda r: (r.due, r.task)))


def _risk(
    item: ScheduledTask, kind: RiskKind, due: dt.date, expected: dt.date, table: WorkingDays
) -> AtRisk:
    return AtRisk(
        task=item.task.id,
        kind=kind,
        due=due,
        expected=expected,
        working_days_late=max(1, table.between(due, expected)),
        days_late=(expected - due).days,
    )
