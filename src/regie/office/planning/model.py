# SPDX-License-Identifier: AGPL-3.0-or-later
"""The backward plan (rétroplanning) as data: tasks, their links, the working week, progress.

Durations and lags are counted in **working days** of the plan's :class:`WorkWeek`
(weekends and French public holidays off by default). A milestone (jalon) lasts 0 days.
A link ``FS`` (finish to start) lets the successor start the working day after the
predecessor's last day, plus ``lag``; ``SS`` (start to start) lets it start ``lag`` working
days after the predecessor's start. A negative lag is a lead.

``deadline`` is a contractual date (date contractuelle: delivery of an episode, a legal
time limit): the task must be finished at the end of that day. ``fixed_start`` pins the
start (a shoot start given by the schedule). Plans are values: :func:`regie.office.planning.
cpm.schedule` computes the dates; recording progress gives a new plan.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from regie.core.errors import ValidationError
from regie.core.production import ProductionKind
from regie.core.text import t

TASK_ID: Final = re.compile(r"[a-z0-9][a-z0-9_.-]{0,63}")


class Phase(StrEnum):
    DEVELOPMENT = "development"  # développement
    PREP = "prep"  # préparation
    SHOOT = "shoot"  # tournage
    POST = "post"  # postproduction
    DELIVERY = "delivery"  # livraison


PHASE_LABELS: Final[dict[Phase, tuple[str, str]]] = {
    Phase.DEVELOPMENT: ("Développement", "Development"),
    Phase.PREP: ("Préparation", "Prep"),
    Phase.SHOOT: ("Tournage", "Shoot"),
    Phase.POST: ("Postproduction", "Post-production"),
    Phase.DELIVERY: ("Livraison", "Delivery"),
}


class LinkType(StrEnum):
    FS = "FS"  # finish to start
    SS = "SS"  # start to start


@dataclass(frozen=True, slots=True)
class Dependency:
    """The task waits for ``task`` (its predecessor) by ``kind``, ``lag`` working days."""

    task: str
    kind: LinkType = LinkType.FS
    lag: int = 0


@dataclass(frozen=True, slots=True)
class Task:
    id: str
    title: str  # French, as printed
    phase: Phase
    duration: int  # working days; 0 for a milestone
    dependencies: tuple[Dependency, ...] = ()
    resources: tuple[str, ...] = ()
    milestone: bool = False
    deadline: dt.date | None = None  # contractual date: finished at the end of that day
    fixed_start: dt.date | None = None  # must start that day (the next working day if off)
    title_en: str = ""
    episode: int | None = None  # 1-based, for a task repeated per episode
    note: str = ""  # where the duration comes from (status — source or note)

    def label(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title


@dataclass(frozen=True, slots=True)
class WorkWeek:
    """Which days count: ``weekdays`` (0 = Monday), French public holidays off or not,
    and extra days off (a closure)."""

    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    french_holidays: bool = True
    days_off: frozenset[dt.date] = frozenset()


@dataclass(frozen=True, slots=True)
class TaskProgress:
    """What actually happened to a task, or what it now needs.

    ``duration``: the new total duration (working days); ``delay``: working days its start
    slipped past its earliest date (a milestone's slip); an actual start or finish pins
    the task there whatever its predecessors say."""

    task: str
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None
    duration: int | None = None
    delay: int = 0


@dataclass(frozen=True, slots=True)
class Plan:
    """A backward plan: what must be done, by when. ``start`` is where the forward pass
    begins (``None``: as late as the delivery date allows)."""

    title: str
    delivery: dt.date
    tasks: tuple[Task, ...]
    kind: ProductionKind | None = None
    week: WorkWeek = field(default_factory=WorkWeek)
    start: dt.date | None = None
    progress: tuple[TaskProgress, ...] = ()
    episodes: int = 1
    running_minutes: int | None = None
    shoot_start: dt.date | None = None
    shoot_end: dt.date | None = None
    template: str | None = None  # "retroplanning-templates@2026.1:feature_film"

    def task(self, task_id: str) -> Task:
        for task in self.tasks:
            if task.id == task_id:
                return task
        raise ValidationError(
            t("the plan has no task '{task}'", task=task_id),
            field="task",
            hint=t("`regie plan show` lists the tasks and their ids"),
        )

    def progress_of(self, task_id: str) -> TaskProgress | None:
        for item in self.progress:
            if item.task == task_id:
                return item
        return None


def validate(plan: Plan) -> None:
    """Refuse a plan whose tasks cannot be scheduled: bad or repeated ids, links to unknown
    tasks, negative durations, milestones that last, progress on unknown tasks."""
    if not plan.week.weekdays or not plan.week.weekdays <= set(range(7)):
        raise ValidationError(
            t("the working week has no working day"),
            field="week",
            hint=t("Give the working weekdays, 0 for Monday to 6 for Sunday"),
        )
    seen: set[str] = set()
    for task in plan.tasks:
        if not TASK_ID.fullmatch(task.id):
            raise ValidationError(
                t("'{task}' is not a task id", task=task.id),
                field="tasks.id",
                hint=t("Use lower-case letters, digits, '.', '_' and '-' (64 at most)"),
            )
        if task.id in seen:
            raise ValidationError(
                t("two tasks have the id '{task}'", task=task.id), field="tasks.id"
            )
        seen.add(task.id)
    for task in plan.tasks:
        _check_task(task, seen)
    for item in plan.progress:
        if item.task not in seen:
            raise ValidationError(
                t(
                    "progress is recorded for '{task}', which is not a task of the plan",
                    task=item.task,
                ),
                field="progress.task",
            )
        if item.duration is not None and item.duration < 0:
            raise ValidationError(
                t("the duration of '{task}' cannot be negative", task=item.task),
                field="progress.duration",
            )
        if item.actual_start and item.actual_finish and item.actual_finish < item.actual_start:
            raise ValidationError(
                t("'{task}' finishes before it starts", task=item.task),
                field="progress.actual_finish",
            )


def _check_task(task: Task, ids: set[str]) -> None:
    if task.duration < 0:
        raise ValidationError(
            t("the duration of '{task}' cannot be negative", task=task.id),
            field="tasks.duration",
        )
    if task.milestone and task.duration != 0:
        raise ValidationError(
            t(
                "the milestone '{task}' lasts {days} days; a milestone lasts 0",
                task=task.id,
                days=task.duration,
            ),
            field="tasks.duration",
            hint=t("Make it a task, or give it a duration of 0"),
        )
    if not task.milestone and task.duration == 0:
        raise ValidationError(
            t("the task '{task}' lasts 0 days", task=task.id),
            field="tasks.duration",
            hint=t("Give it at least one working day, or mark it as a milestone"),
        )
    for link in task.dependencies:
        if link.task == task.id:
            raise ValidationError(
                t("the task '{task}' depends on itself", task=task.id),
                field="tasks.dependencies",
            )
        if link.task not in ids:
            raise ValidationError(
                t(
                    "the task '{task}' depends on '{other}', which is not in the plan",
                    task=task.id,
                    other=link.task,
                ),
                field="tasks.dependencies",
                hint=t("Check the id of the predecessor"),
            )
