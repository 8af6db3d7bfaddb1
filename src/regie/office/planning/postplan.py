# SPDX-License-Identifier: AGPL-3.0-or-later
"""The detailed post-production plan (plan de postproduction), episode by episode.

:func:`expand` repeats a template's per-episode tasks (editing, VFX, grading, sound
editing, mix, subtitles, deliverables, QC, the episode's delivery) for each episode:

* a link to another per-episode task stays within the episode;
* episodes sharing a post line (``line``: editing rooms, a grading suite, a mix stage)
  follow each other: with ``k`` lines, episode ``n`` waits for episode ``n − k``;
* ``shot_share``: episode ``n`` of ``N`` starts once ``n/N`` of the shoot is done (its
  material is in the can): a finish-to-start link to the shoot with a lead of the shoot
  days left after its share, so a longer shoot pushes every episode;
* a task of the whole programme that follows a per-episode task waits for every episode
  (finish to start) or for the first one (start to start).

:func:`post_plan` reads a computed schedule back as one row per episode: each step's
dates, the expected delivery, the contractual date and the margin left.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from regie.office.planning.model import Dependency, LinkType, Phase

if TYPE_CHECKING:
    from regie.office.planning.cpm import PlanSchedule, ScheduledTask
    from regie.office.planning.templates import TemplateTask


@dataclass(frozen=True, slots=True)
class Instance:
    """One task of the plan made from a template task (for one episode, or the whole)."""

    template: TemplateTask
    id: str
    title: str
    title_en: str
    episode: int | None
    dependencies: tuple[Dependency, ...]


def instance_id(task_id: str, episode: int, episodes: int) -> str:
    """``edit`` for a single film, ``edit.e03`` for episode 3 of a series."""
    return task_id if episodes == 1 else f"{task_id}.e{episode:02d}"


def expand(
    tasks: Sequence[TemplateTask],
    *,
    episodes: int,
    durations: Mapping[str, int],
    lines: Mapping[str, int],
) -> list[Instance]:
    """The template's tasks for ``episodes`` episodes, in template order (the per-episode
    block episode by episode, where its first task stands)."""
    per_episode = {task.id for task in tasks if task.per_episode}
    out: list[Instance] = []
    block_done = False
    for task in tasks:
        if not task.per_episode:
            out.append(_whole(task, per_episode, episodes))
            continue
        if block_done:
            continue
        block = [item for item in tasks if item.per_episode]
        for episode in range(1, episodes + 1):
            out.extend(
                _episode(
                    item,
                    episode,
                    episodes=episodes,
                    per_episode=per_episode,
                    durations=durations,
                    lines=lines,
                )
                for item in block
            )
        block_done = True
    return out


def _whole(task: TemplateTask, per_episode: set[str], episodes: int) -> Instance:
    links: list[Dependency] = []
    for link in task.after:
        if link.task not in per_episode:
            links.append(link)
        elif link.kind is LinkType.SS:
            links.append(Dependency(instance_id(link.task, 1, episodes), link.kind, link.lag))
        else:
            links.extend(
                Dependency(instance_id(link.task, n, episodes), link.kind, link.lag)
                for n in range(1, episodes + 1)
            )
    return Instance(task, task.id, task.title, task.title_en, None, tuple(links))


def _episode(
    task: TemplateTask,
    episode: int,
    *,
    episodes: int,
    per_episode: set[str],
    durations: Mapping[str, int],
    lines: Mapping[str, int],
) -> Instance:
    links = [
        Dependency(instance_id(link.task, episode, episodes), link.kind, link.lag)
        if link.task in per_episode
        else link
        for link in task.after
    ]
    if task.line is not None:
        parallel = lines.get(task.line, 1)
        if episode > parallel:
            links.append(Dependency(instance_id(task.id, episode - parallel, episodes)))
    if task.shot_share is not None:
        # Counted back from the wrap, so a longer shoot pushes every episode's edit.
        shoot = durations.get(task.shot_share, 0)
        share = math.ceil(shoot * episode / episodes)
        links.append(Dependency(task.shot_share, LinkType.FS, share - shoot))
    title, title_en = task.title, task.title_en
    if episodes > 1:
        title = f"{title} — ép. {episode}"
        title_en = f"{title_en or task.title} — ep. {episode}"
    return Instance(
        task, instance_id(task.id, episode, episodes), title, title_en, episode, tuple(links)
    )


# -- the post-production plan as read from a schedule ----------------------------------------


@dataclass(frozen=True, slots=True)
class PostStep:
    task: str  # the plan's task id
    title: str
    title_en: str
    start: dt.date
    finish: dt.date
    critical: bool
    milestone: bool


@dataclass(frozen=True, slots=True)
class PostUnit:
    """One episode (or the film): its post steps, expected and contractual delivery."""

    episode: int | None
    steps: tuple[PostStep, ...]
    expected: dt.date | None  # when its last step finishes
    contractual: dt.date | None  # its own contractual date, else the plan's delivery date
    margin: int | None  # working days of float of its last step (negative: late)

    @property
    def late(self) -> bool:
        return self.margin is not None and self.margin < 0


@dataclass(frozen=True, slots=True)
class PostPlan:
    units: tuple[PostUnit, ...]
    delivery: dt.date  # the plan's contractual delivery date


POST_PHASES = frozenset({Phase.POST, Phase.DELIVERY})


def post_plan(schedule: PlanSchedule) -> PostPlan:
    """The per-episode post-production rows of ``schedule`` (none when the plan has no
    per-episode tasks)."""
    rows: dict[int, list[ScheduledTask]] = {}
    for item in schedule.tasks:
        if item.task.episode is not None and item.task.phase in POST_PHASES:
            rows.setdefault(item.task.episode, []).append(item)
    units = []
    for episode, items in sorted(rows.items()):
        last = max(items, key=lambda s: (s.finish, s.task.milestone))
        dated = [s.task.deadline for s in items if s.task.deadline is not None]
        units.append(
            PostUnit(
                episode=episode,
                steps=tuple(
                    PostStep(
                        task=s.task.id,
                        title=s.task.title,
                        title_en=s.task.title_en,
                        start=s.start,
                        finish=s.finish,
                        critical=s.critical,
                        milestone=s.task.milestone,
                    )
                    for s in items
                ),
                expected=last.finish,
                contractual=min(dated) if dated else schedule.plan.delivery,
                margin=last.total_float,
            )
        )
    return PostPlan(units=tuple(units), delivery=schedule.plan.delivery)
