# SPDX-License-Identifier: AGPL-3.0-or-later
"""Backward-plan templates per programme kind, read from the ``retroplanning-templates``
rule pack, and their instantiation for one production.

A template gives tasks, customary durations (each with its status and source), links and
milestones. :func:`instantiate` makes a :class:`~regie.office.planning.model.Plan` from
it: durations scaled by the episode count and running time where the template says so,
the shoot dates of the schedule when given (the shoot task then starts on the first day
and lasts the working days up to the last), per-episode post-production expanded
(:mod:`regie.office.planning.postplan`), contractual dates placed (the delivery date, each
episode's date, dates relative to the shoot or the delivery).
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Final

from regie.core.errors import RuleError, ValidationError
from regie.core.production import ProductionKind
from regie.core.text import t
from regie.office.planning.model import Dependency, LinkType, Phase, Plan, Task, WorkWeek
from regie.office.planning.postplan import Instance, expand
from regie.office.planning.workdays import WorkingDays
from regie.rules.pack import RulePack, RuleValue

PACK_ID: Final = "retroplanning-templates"
_LINK: Final = re.compile(r"\s*([a-z0-9_]+)(?:\s+(FS|SS))?\s*(?:([+-])\s*(\d+))?\s*")
_DEADLINE: Final = re.compile(
    r"(delivery|episode_delivery|shoot_start|shoot_end)(?:([+-])(\d+)([dm]))?"
)
_SCALES: Final = frozenset({"episodes", "minutes"})


@dataclass(frozen=True, slots=True)
class TemplateTask:
    id: str
    title: str
    title_en: str
    phase: Phase
    duration: int  # working days, for the template's running time and one episode
    milestone: bool = False
    after: tuple[Dependency, ...] = ()
    resources: tuple[str, ...] = ()
    scale: frozenset[str] = frozenset()
    per_episode: bool = False
    line: str | None = None
    shot_share: str | None = None
    role: str | None = None
    deadline: str | None = None
    when: str | None = None
    citation: str = ""  # "customary — note" or "secondary — source titles"


@dataclass(frozen=True, slots=True)
class PlanTemplate:
    kind: ProductionKind
    title: str
    title_en: str
    running_minutes: int
    episodes: int
    lines: Mapping[str, int]
    tasks: tuple[TemplateTask, ...]
    pack_ref: str = ""

    def label(self, language: str) -> str:
        return self.title_en if language == "en" else self.title


@dataclass(frozen=True, slots=True)
class PlanRequest:
    """What a production brings to a template. ``episode_deliveries``: the contractual
    date of each episode, in order (may be shorter than the episode count)."""

    delivery: dt.date
    title: str = ""
    episodes: int | None = None
    running_minutes: int | None = None
    shoot_start: dt.date | None = None
    shoot_end: dt.date | None = None
    start: dt.date | None = None
    episode_deliveries: tuple[dt.date, ...] = ()
    options: frozenset[str] = frozenset()
    week: WorkWeek = field(default_factory=WorkWeek)


def load_templates(pack: RulePack) -> dict[ProductionKind, PlanTemplate]:
    """Every template of the pack, by programme kind."""
    found: dict[ProductionKind, PlanTemplate] = {}
    for kind in ProductionKind:
        if any(e.key == f"{kind.value}.template" for e in pack):
            found[kind] = template_for(pack, kind)
    return found


def template_for(pack: RulePack, kind: ProductionKind) -> PlanTemplate:
    key = f"{kind.value}.template"
    heads = [e for e in pack if e.key == key]
    if not heads:
        raise RuleError(
            t(
                "pack {pack} has no backward-plan template for '{kind}'",
                pack=pack.ref,
                kind=kind.value,
            ),
            where=pack.path,
            hint=t("`regie plan template list` shows the templates"),
        )
    head = heads[-1]
    meta = _mapping(head, pack)
    prefix = f"{kind.value}.task."
    tasks = tuple(_task(e, e.key[len(prefix) :], pack) for e in pack if e.key.startswith(prefix))
    ids = {task.id for task in tasks}
    for task in tasks:
        for link in task.after:
            if link.task not in ids:
                raise RuleError(
                    t(
                        "task '{task}' follows '{other}', which the template does not have",
                        task=task.id,
                        other=link.task,
                    ),
                    where=t("{file}: {key}", file=pack.path, key=prefix + task.id),
                    hint=t("Fix the rule pack file"),
                )
    lines = meta.get("lines") or {}
    if not isinstance(lines, Mapping):
        raise RuleError(
            t("'{key}' must be a mapping of fields", key=key + ".lines"), where=pack.path
        )
    return PlanTemplate(
        kind=kind,
        title=str(meta.get("title", kind.value)),
        title_en=str(meta.get("title_en", kind.value)),
        running_minutes=_whole(meta.get("running_minutes", "0"), key, pack),
        episodes=max(1, _whole(meta.get("episodes", "1"), key, pack)),
        lines={str(k): max(1, _whole(v, key, pack)) for k, v in lines.items()},
        tasks=tasks,
        pack_ref=pack.ref,
    )


def instantiate(template: PlanTemplate, request: PlanRequest) -> Plan:
    """The plan of one production from ``template`` (see the module docstring)."""
    episodes = template.episodes if request.episodes is None else request.episodes
    minutes = (
        template.running_minutes if request.running_minutes is None else request.running_minutes
    )
    _check_request(request, episodes, minutes)
    kept = [task for task in template.tasks if task.when is None or task.when in request.options]
    kept_ids = {task.id for task in kept}
    kept = [_without_links_to(task, kept_ids) for task in kept]
    durations = {task.id: _scaled(task, template, episodes, minutes) for task in kept}
    shoot = next((task for task in kept if task.role == "shoot"), None)
    shoot_start = request.shoot_start
    if shoot is not None:
        durations[shoot.id], shoot_start = _shoot_days(
            durations[shoot.id], request.shoot_start, request.shoot_end, request.week
        )
    anchors = {
        "delivery": request.delivery,
        "shoot_start": shoot_start,
        "shoot_end": request.shoot_end,
    }
    tasks = []
    for instance in expand(kept, episodes=episodes, durations=durations, lines=template.lines):
        tasks.append(
            _task_of(
                instance,
                durations=durations,
                anchors=anchors,
                request=request,
                shoot=shoot,
                shoot_start=shoot_start,
            )
        )
    return Plan(
        title=request.title or template.title,
        delivery=request.delivery,
        tasks=tuple(tasks),
        kind=template.kind,
        week=request.week,
        start=request.start,
        episodes=episodes,
        running_minutes=minutes,
        shoot_start=shoot_start,
        shoot_end=request.shoot_end,
        template=f"{template.pack_ref}:{template.kind.value}",
    )


# -- reading the pack -------------------------------------------------------------------------


def _mapping(entry: RuleValue, pack: RulePack) -> Mapping[str, object]:
    if not isinstance(entry.value, Mapping):
        raise RuleError(
            t("'{key}' must be a mapping of fields", key=entry.key),
            where=pack.path,
            hint=t("Fix the rule pack file"),
        )
    return entry.value


def _whole(raw: object, key: str, pack: RulePack) -> int:
    try:
        return int(str(raw))
    except ValueError:
        raise RuleError(
            t("'{raw}' is not a whole number", raw=raw),
            where=t("{file}: {key}", file=pack.path, key=key),
            hint=t("Fix the rule pack file"),
        ) from None


def _flag(raw: object) -> bool:
    return raw is True or str(raw).lower() == "true"


def _strings(raw: object) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        return (raw,)
    if isinstance(raw, Sequence):
        return tuple(str(item) for item in raw)
    return (str(raw),)


def parse_link(text: str) -> Dependency | None:
    """``"shoot SS+5"`` → ``Dependency("shoot", SS, 5)``; ``None`` when not a link."""
    match = _LINK.fullmatch(text)
    if match is None:
        return None
    task, kind, sign, lag = match.groups()
    days = int(lag) * (-1 if sign == "-" else 1) if lag else 0
    return Dependency(task, LinkType(kind or "FS"), days)


def _task(entry: RuleValue, task_id: str, pack: RulePack) -> TemplateTask:
    fields = _mapping(entry, pack)
    where = t("{file}: {key}", file=pack.path, key=entry.key)
    links = []
    for text in _strings(fields.get("after")):
        link = parse_link(text)
        if link is None:
            raise RuleError(
                t("'{text}' is not a link (write 'task', 'task SS' or 'task FS+5')", text=text),
                where=where,
                hint=t("Fix the rule pack file"),
            )
        links.append(link)
    try:
        phase = Phase(str(fields.get("phase")))
    except ValueError:
        raise RuleError(
            t("unknown phase '{phase}'", phase=fields.get("phase")),
            where=where,
            hint=t("Use one of: {phases}", phases=", ".join(p.value for p in Phase)),
        ) from None
    scale = frozenset(_strings(fields.get("scale")))
    deadline = fields.get("deadline")
    if not scale <= _SCALES or (deadline is not None and not _DEADLINE.fullmatch(str(deadline))):
        raise RuleError(
            t("unknown scale or deadline in '{key}'", key=entry.key),
            where=where,
            hint=t("Fix the rule pack file"),
        )
    return TemplateTask(
        id=task_id,
        title=str(fields.get("title", task_id)),
        title_en=str(fields.get("title_en", "")),
        phase=phase,
        duration=_whole(fields.get("duration", "0"), entry.key, pack),
        milestone=_flag(fields.get("milestone")),
        after=tuple(links),
        resources=_strings(fields.get("resources")),
        scale=scale,
        per_episode=_flag(fields.get("per_episode")),
        line=str(fields["line"]) if fields.get("line") else None,
        shot_share=str(fields["shot_share"]) if fields.get("shot_share") else None,
        role=str(fields["role"]) if fields.get("role") else None,
        deadline=str(deadline) if deadline is not None else None,
        when=str(fields["when"]) if fields.get("when") else None,
        citation=_citation(entry),
    )


def _citation(entry: RuleValue) -> str:
    cited = "; ".join(source.title for source in entry.sources)
    parts = [part for part in (entry.note, cited) if part]
    return f"{entry.status.value} — " + " ".join(parts) if parts else entry.status.value


# -- instantiation ----------------------------------------------------------------------------


def _check_request(request: PlanRequest, episodes: int, minutes: int) -> None:
    if episodes < 1 or episodes > 200:
        raise ValidationError(t("the episode count must be between 1 and 200"), field="episodes")
    if minutes < 1:
        raise ValidationError(t("the running time must be at least one minute"), field="minutes")
    if request.shoot_start and request.shoot_end and request.shoot_end < request.shoot_start:
        raise ValidationError(
            t("the shoot ends before it starts"),
            field="shoot_end",
            hint=t("Give the first and the last shoot day"),
        )


def _without_links_to(task: TemplateTask, ids: set[str]) -> TemplateTask:
    kept = tuple(link for link in task.after if link.task in ids)
    if len(kept) == len(task.after):
        return task
    return dataclasses.replace(task, after=kept)


def _scaled(task: TemplateTask, template: PlanTemplate, episodes: int, minutes: int) -> int:
    if task.milestone:
        return 0
    factor = Fraction(1)
    if "episodes" in task.scale:
        factor *= episodes
    if "minutes" in task.scale and template.running_minutes:
        factor *= Fraction(minutes, template.running_minutes)
    return max(1, math.ceil(task.duration * factor))


def _shoot_days(
    days: int, first: dt.date | None, last: dt.date | None, week: WorkWeek
) -> tuple[int, dt.date | None]:
    """The shoot's duration and first day, from the schedule's dates when given."""
    if first is not None and last is not None:
        return max(1, len(WorkingDays(week, first, last))), first
    if last is not None:  # only the wrap is known: count the days back from it
        table = WorkingDays(week, last - dt.timedelta(days=days * 3 + 60), last)
        return days, table.day(table.on_or_before(last) - days + 1)
    return days, first


def _task_of(
    instance: Instance,
    *,
    durations: Mapping[str, int],
    anchors: Mapping[str, dt.date | None],
    request: PlanRequest,
    shoot: TemplateTask | None,
    shoot_start: dt.date | None,
) -> Task:
    source = instance.template
    deadline = None
    if source.deadline is not None:
        deadline = _deadline(source.deadline, anchors, request.episode_deliveries, instance.episode)
    fixed = shoot_start if shoot is not None and source.id == shoot.id else None
    return Task(
        id=instance.id,
        title=instance.title,
        title_en=instance.title_en,
        phase=source.phase,
        duration=durations[source.id],
        dependencies=instance.dependencies,
        resources=source.resources,
        milestone=source.milestone,
        deadline=deadline,
        fixed_start=fixed,
        episode=instance.episode,
        note=source.citation,
    )


def _deadline(
    spec: str,
    anchors: Mapping[str, dt.date | None],
    episode_dates: tuple[dt.date, ...],
    episode: int | None,
) -> dt.date | None:
    match = _DEADLINE.fullmatch(spec)
    if match is None:  # checked when the pack was read
        return None
    anchor, sign, amount, unit = match.groups()
    if anchor == "episode_delivery":
        number = episode or 1
        base = episode_dates[number - 1] if number <= len(episode_dates) else None
    else:
        base = anchors.get(anchor)
    if base is None or not amount:
        return base
    count = int(amount) * (-1 if sign == "-" else 1)
    if unit == "d":
        return base + dt.timedelta(days=count)
    month = base.month - 1 + count
    year, month = base.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(base.day, calendar.monthrange(year, month)[1]))
