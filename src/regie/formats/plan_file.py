# SPDX-License-Identifier: AGPL-3.0-or-later
"""A backward plan as a JSON file (``regie plan new --json > plan.json`` … ``regie plan
slip plan.json``), until plans are stored in the production's database.

The document holds the plan's *inputs* — tasks, links, durations, contractual dates, the
working week and the recorded progress — never the computed dates, which
:func:`regie.office.planning.cpm.schedule` derives again on every read::

    {"format": "regie.plan", "version": 1, "title": "…", "kind": "feature_film",
     "delivery": "2027-09-30", "start": "2026-11-04", "episodes": 1,
     "running_minutes": 100, "shoot_start": null, "shoot_end": null,
     "template": "retroplanning-templates@2026.1:feature_film",
     "week": {"weekdays": [0, 1, 2, 3, 4], "french_holidays": true, "days_off": []},
     "tasks": [{"id": "edit", "title": "Montage image", "title_en": "Picture editing",
                "phase": "post", "duration": 50, "milestone": false,
                "dependencies": [{"task": "shoot", "type": "FS", "lag": 0}],
                "resources": ["Salle de montage"], "deadline": null, "fixed_start": null,
                "episode": 1, "note": "customary — …"}],
     "progress": [{"task": "edit", "actual_start": null, "actual_finish": null,
                   "duration": 55, "delay": 0}]}

Dates are ISO 8601. Every reading error names the file and the JSON field.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeVar

from regie.core.errors import ParseError, ValidationError
from regie.core.production import ProductionKind
from regie.core.text import Text, t
from regie.office.planning.model import (
    Dependency,
    LinkType,
    Phase,
    Plan,
    Task,
    TaskProgress,
    WorkWeek,
    validate,
)

FORMAT: Final = "regie.plan"
VERSION: Final = 1
MAX_PLAN_BYTES: Final = 5 * 1024 * 1024
T = TypeVar("T")


def plan_document(plan: Plan) -> dict[str, Any]:
    """The plan as the JSON document above (plain values, stable key order)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": plan.title,
        "kind": plan.kind.value if plan.kind else None,
        "delivery": plan.delivery.isoformat(),
        "start": _iso(plan.start),
        "episodes": plan.episodes,
        "running_minutes": plan.running_minutes,
        "shoot_start": _iso(plan.shoot_start),
        "shoot_end": _iso(plan.shoot_end),
        "template": plan.template,
        "week": {
            "weekdays": sorted(plan.week.weekdays),
            "french_holidays": plan.week.french_holidays,
            "days_off": sorted(d.isoformat() for d in plan.week.days_off),
        },
        "tasks": [_task_document(task) for task in plan.tasks],
        "progress": [
            {
                "task": p.task,
                "actual_start": _iso(p.actual_start),
                "actual_finish": _iso(p.actual_finish),
                "duration": p.duration,
                "delay": p.delay,
            }
            for p in plan.progress
        ],
    }


def write_plan(plan: Plan) -> bytes:
    """The plan file's bytes (UTF-8, indented, ending with a newline)."""
    text = json.dumps(plan_document(plan), ensure_ascii=False, indent=2) + "\n"
    return text.encode("utf-8")


def read_plan(data: bytes, filename: str) -> Plan:
    """The plan in ``data`` (a file named ``filename``, for the messages); its shape and
    its tasks are checked (unknown links, cycles are the scheduler's to find)."""
    if len(data) > MAX_PLAN_BYTES:
        raise ParseError(t("the plan file is larger than 5 MB"), file=filename)
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ParseError(t("the plan file is not UTF-8 text"), file=filename) from None
    except json.JSONDecodeError as error:
        raise ParseError(
            t("not valid JSON ({problem})", problem=error.msg),
            file=filename,
            line=error.lineno,
        ) from None
    reader = _Reader(filename)
    if not isinstance(document, Mapping) or document.get("format") != FORMAT:
        raise ParseError(
            t('this is not a regie plan file (no "format": "regie.plan")'),
            file=filename,
            hint=t("Make one with `regie plan new KIND --delivery DATE -o plan.json`"),
        )
    if document.get("version") != VERSION:
        raise ParseError(
            t("plan file version {version} is not supported", version=document.get("version")),
            file=filename,
            hint=t("Upgrade regie, or make the plan again"),
        )
    plan = reader.plan(document)
    try:
        validate(plan)
    except ValidationError as error:
        raise ParseError(error.what, file=filename, hint=error.hint) from None
    return plan


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _task_document(task: Task) -> dict[str, Any]:
    return {
        "id": task.id,
        "title": task.title,
        "title_en": task.title_en,
        "phase": task.phase.value,
        "duration": task.duration,
        "milestone": task.milestone,
        "dependencies": [
            {"task": d.task, "type": d.kind.value, "lag": d.lag} for d in task.dependencies
        ],
        "resources": list(task.resources),
        "deadline": _iso(task.deadline),
        "fixed_start": _iso(task.fixed_start),
        "episode": task.episode,
        "note": task.note,
    }


class _Reader:
    """Typed access to the JSON document, every refusal naming the field."""

    def __init__(self, filename: str) -> None:
        self.filename = filename

    def fail(self, path: str, what: Text) -> ParseError:
        return ParseError(
            t("field '{field}': {problem}", field=path, problem=what),
            file=self.filename,
            hint=t("Fix the file, or make the plan again with `regie plan new`"),
        )

    def get(
        self, item: Mapping[str, Any], key: str, path: str, kind: type[T], *, required: bool = True
    ) -> T | None:
        value = item.get(key)
        if value is None:
            if required:
                raise self.fail(f"{path}{key}", t("missing"))
            return None
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(f"{path}{key}", t("expected {kind}", kind=kind.__name__))
        return value

    def date(
        self, item: Mapping[str, Any], key: str, path: str, *, required: bool = False
    ) -> dt.date | None:
        raw = self.get(item, key, path, str, required=required)
        if raw is None:
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise self.fail(
                f"{path}{key}", t("'{value}' is not a date (YYYY-MM-DD)", value=raw)
            ) from None

    def enum(self, raw: str, path: str, make: Callable[[str], T]) -> T:
        try:
            return make(raw)
        except ValueError:
            raise self.fail(path, t("unknown value '{value}'", value=raw)) from None

    def items(self, item: Mapping[str, Any], key: str, path: str) -> list[Mapping[str, Any]]:
        raw = self.get(item, key, path, list, required=False) or []
        for n, entry in enumerate(raw):
            if not isinstance(entry, Mapping):
                raise self.fail(f"{path}{key}[{n}]", t("expected an object"))
        return raw

    def plan(self, doc: Mapping[str, Any]) -> Plan:
        kind = doc.get("kind")
        week = doc.get("week") or {}
        if not isinstance(week, Mapping):
            raise self.fail("week", t("expected an object"))
        days = self.get(week, "weekdays", "week.", list, required=False)
        off = self.get(week, "days_off", "week.", list, required=False) or []
        holidays = self.get(week, "french_holidays", "week.", bool, required=False)
        return Plan(
            title=self.get(doc, "title", "", str) or "",
            delivery=self.date(doc, "delivery", "", required=True) or dt.date.min,
            kind=self.enum(kind, "kind", ProductionKind) if isinstance(kind, str) else None,
            week=WorkWeek(
                weekdays=frozenset(self._weekdays(days))
                if days is not None
                else WorkWeek().weekdays,
                french_holidays=True if holidays is None else holidays,
                days_off=frozenset(
                    self.date({"d": d}, "d", f"week.days_off[{n}].") or dt.date.min
                    for n, d in enumerate(off)
                ),
            ),
            start=self.date(doc, "start", ""),
            episodes=self.get(doc, "episodes", "", int, required=False) or 1,
            running_minutes=self.get(doc, "running_minutes", "", int, required=False),
            shoot_start=self.date(doc, "shoot_start", ""),
            shoot_end=self.date(doc, "shoot_end", ""),
            template=self.get(doc, "template", "", str, required=False),
            tasks=tuple(
                self.task(item, f"tasks[{n}].")
                for n, item in enumerate(self.items(doc, "tasks", ""))
            ),
            progress=tuple(
                self.progress(item, f"progress[{n}].")
                for n, item in enumerate(self.items(doc, "progress", ""))
            ),
        )

    def _weekdays(self, raw: list[Any]) -> list[int]:
        if not all(isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= 6 for d in raw):
            raise self.fail("week.weekdays", t("expected weekday numbers from 0 (Monday) to 6"))
        return raw

    def task(self, item: Mapping[str, Any], path: str) -> Task:
        links = []
        for n, link in enumerate(self.items(item, "dependencies", path)):
            where = f"{path}dependencies[{n}]."
            links.append(
                Dependency(
                    task=self.get(link, "task", where, str) or "",
                    kind=self.enum(
                        self.get(link, "type", where, str, required=False) or "FS",
                        f"{where}type",
                        LinkType,
                    ),
                    lag=self.get(link, "lag", where, int, required=False) or 0,
                )
            )
        resources = self.get(item, "resources", path, list, required=False) or []
        return Task(
            id=self.get(item, "id", path, str) or "",
            title=self.get(item, "title", path, str) or "",
            title_en=self.get(item, "title_en", path, str, required=False) or "",
            phase=self.enum(self.get(item, "phase", path, str) or "", f"{path}phase", Phase),
            duration=self.get(item, "duration", path, int) or 0,
            milestone=bool(self.get(item, "milestone", path, bool, required=False)),
            dependencies=tuple(links),
            resources=tuple(str(r) for r in resources),
            deadline=self.date(item, "deadline", path),
            fixed_start=self.date(item, "fixed_start", path),
            episode=self.get(item, "episode", path, int, required=False),
            note=self.get(item, "note", path, str, required=False) or "",
        )

    def progress(self, item: Mapping[str, Any], path: str) -> TaskProgress:
        return TaskProgress(
            task=self.get(item, "task", path, str) or "",
            actual_start=self.date(item, "actual_start", path),
            actual_finish=self.date(item, "actual_finish", path),
            duration=self.get(item, "duration", path, int, required=False),
            delay=self.get(item, "delay", path, int, required=False) or 0,
        )
