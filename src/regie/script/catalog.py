# SPDX-License-Identifier: AGPL-3.0-or-later
"""Stored script records as the services hand them out: identity (``id``) and the version
used for optimistic concurrency (``version``) on every editable record.

These are what the storage layer returns and the faces display; the pure computations
work on :mod:`regie.script.model` values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from regie.script.elements import Category, TagStatus
from regie.script.model import IntExt, LengthSource, Light


@dataclass(frozen=True, slots=True)
class RevisionSummary:
    """What changed between two imported versions of a script (by scene label)."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    unchanged: int = 0
    tags_kept: int = 0  # tags carried over to unchanged (and changed) scenes
    notes_kept: int = 0

    def to_json(self) -> dict[str, list[str] | int]:
        """The form stored with the version and printed by ``--json``."""
        return {
            "added": list(self.added),
            "removed": list(self.removed),
            "changed": list(self.changed),
            "unchanged": self.unchanged,
            "tags_kept": self.tags_kept,
            "notes_kept": self.notes_kept,
        }


@dataclass(frozen=True, slots=True)
class ScriptVersion:
    id: int
    production_id: int
    number: int  # 1, 2, 3... in import order
    filename: str
    source_format: str
    sha256: str
    imported_at: dt.datetime
    title: str | None
    page_count: int
    scene_count: int
    total_eighths: int
    warnings: tuple[str, ...] = ()
    revision: RevisionSummary | None = None  # against the previous version, if any


@dataclass(frozen=True, slots=True)
class SceneRecord:
    id: int
    script_id: int
    index: int  # reading order, 1-based
    number: str | None
    heading: str
    int_ext: IntExt | None
    set_name: str
    time_of_day: str | None
    light: Light
    eighths: int
    length_source: LengthSource
    first_page: int
    last_page: int
    line: int | None
    synopsis: str | None
    body: str  # plain text of the scene (action and dialogue) for display and search
    speakers: tuple[str, ...]
    notes: str = ""  # the production's notes on the scene (kept across revisions)
    needs_review: bool = False  # the scene changed in the last revision; its tags were kept
    version: int = 1

    @property
    def label(self) -> str:
        return self.number or str(self.index)


@dataclass(frozen=True, slots=True)
class CharacterRecord:
    id: int
    name: str
    alias_of: str | None  # the main name when this cue was merged into another character
    scene_count: int = 0
    version: int = 1


@dataclass(frozen=True, slots=True)
class SetRecord:
    id: int
    name: str
    scene_count: int = 0
    version: int = 1


@dataclass(frozen=True, slots=True)
class ElementRecord:
    id: int
    category: Category
    name: str
    notes: str = ""
    version: int = 1


@dataclass(frozen=True, slots=True)
class TagRecord:
    """An element occurrence in a scene."""

    id: int
    scene_id: int
    element_id: int
    category: Category
    name: str
    status: TagStatus
    quantity: int | None = None
    note: str = ""
    reason: str = ""  # why it was suggested ("" for manual tags)
    excerpt: str = ""
    version: int = 1


@dataclass(frozen=True, slots=True)
class BreakdownSheet:
    """One scene with its elements grouped by category (feuille de dépouillement)."""

    scene: SceneRecord
    tags: tuple[TagRecord, ...] = field(default=())

    def by_category(self, *, include_suggested: bool = False) -> dict[Category, list[TagRecord]]:
        grouped: dict[Category, list[TagRecord]] = {}
        for tag in self.tags:
            if tag.status.counts or (include_suggested and tag.status is TagStatus.SUGGESTED):
                grouped.setdefault(tag.category, []).append(tag)
        return {c: grouped[c] for c in Category if c in grouped}
