# SPDX-License-Identifier: AGPL-3.0-or-later
"""Order constraints between scenes of a schedule version: precedences ("shoot 12 before
31") and groups of scenes that must be shot the same day. Scenes are named by label."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from regie.core.errors import ValidationError
from regie.core.text import t
from regie.office.roles import Permission, User
from regie.services.access import production_for
from regie.services.database import Database
from regie.services.schedules import scene_named, schedule_scenes
from regie.storage.repos import schedules


def _labels(ids: Sequence[int], by_id: dict[int, str]) -> tuple[str, ...]:
    return tuple(by_id.get(i, str(i)) for i in ids)


def precedences(
    db: Database, slug: str, number: int, *, actor: User | None
) -> list[tuple[str, str]]:
    """``(before, after)`` scene labels."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        record, found = schedule_scenes(session, production, number)
        by_id = {scene.id: scene.label for scene in found}
        pairs = schedules.precedences(session, record.id)
        return [(by_id[b], by_id[a]) for b, a in pairs]


def _reaches(pairs: Sequence[tuple[int, int]], start: int, goal: int) -> bool:
    after: dict[int, list[int]] = defaultdict(list)
    for before, later in pairs:
        after[before].append(later)
    seen, stack = {start}, [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for nxt in after[node]:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def add_precedence(
    db: Database, slug: str, number: int, before: str, after: str, *, actor: User | None
) -> list[tuple[str, str]]:
    """Scene ``before`` must be shot before scene ``after``. Refused when the scenes
    already must go the other way (a cycle no board could satisfy)."""
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        record, found = schedule_scenes(session, production, number)
        first = scene_named(found, before, record.script_number)
        second = scene_named(found, after, record.script_number)
        if first.id == second.id:
            raise ValidationError(
                t("scene {scene} cannot come before itself", scene=first.label), field="after"
            )
        pairs = schedules.precedences(session, record.id)
        if _reaches(pairs, second.id, first.id):
            raise ValidationError(
                t(
                    "scene {after} must already be shot before scene {before}",
                    after=second.label,
                    before=first.label,
                ),
                field="after",
                hint=t("Remove the precedence that orders them the other way first"),
            )
        schedules.add_precedence(session, record.id, first.id, second.id)
        by_id = {scene.id: scene.label for scene in found}
        return [(by_id[b], by_id[a]) for b, a in schedules.precedences(session, record.id)]


def remove_precedence(
    db: Database, slug: str, number: int, before: str, after: str, *, actor: User | None
) -> list[tuple[str, str]]:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        record, found = schedule_scenes(session, production, number)
        first = scene_named(found, before, record.script_number)
        second = scene_named(found, after, record.script_number)
        schedules.remove_precedence(session, record.id, first.id, second.id)
        by_id = {scene.id: scene.label for scene in found}
        return [(by_id[b], by_id[a]) for b, a in schedules.precedences(session, record.id)]


def same_day_groups(
    db: Database, slug: str, number: int, *, actor: User | None
) -> list[tuple[str, ...]]:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.VIEW_SCHEDULE)
        record, found = schedule_scenes(session, production, number)
        by_id = {scene.id: scene.label for scene in found}
        return [_labels(group, by_id) for group in schedules.same_day_groups(session, record.id)]


def set_same_day(
    db: Database, slug: str, number: int, labels: Sequence[str], *, actor: User | None
) -> list[tuple[str, ...]]:
    """The scenes ``labels`` must be shot the same day (groups they belong to merge)."""
    if len(set(labels)) < 2:
        raise ValidationError(t("name at least two scenes to shoot the same day"), field="scenes")
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        record, found = schedule_scenes(session, production, number)
        ids = [scene_named(found, label, record.script_number).id for label in labels]
        schedules.put_same_day(session, record.id, ids)
        by_id = {scene.id: scene.label for scene in found}
        return [_labels(group, by_id) for group in schedules.same_day_groups(session, record.id)]


def remove_from_same_day(
    db: Database, slug: str, number: int, label: str, *, actor: User | None
) -> list[tuple[str, ...]]:
    with db.session() as session:
        production = production_for(session, slug, actor, Permission.EDIT_SCHEDULE)
        record, found = schedule_scenes(session, production, number)
        scene = scene_named(found, label, record.script_number)
        schedules.remove_from_same_day(session, record.id, scene.id)
        by_id = {s.id: s.label for s in found}
        return [_labels(group, by_id) for group in schedules.same_day_groups(session, record.id)]
