# SPDX-License-Identifier: AGPL-3.0-or-later
"""Scenes of a script version and who speaks in them."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from regie.core.errors import NotFound
from regie.core.text import t
from regie.script.body import encode_body
from regie.script.catalog import SceneRecord
from regie.script.model import IntExt, LengthSource, Light, Scene
from regie.storage.guard import check_version, flush_edit
from regie.storage.tables import CharacterRow, SceneCharacterRow, SceneRow, ScriptRow, SetRow


@dataclass(frozen=True, slots=True)
class NewScene:
    """A parsed scene to store, with the ids it links to and what it keeps from before."""

    scene: Scene
    set_id: int | None
    character_ids: tuple[int, ...]  # speakers in order of first speech
    notes: str = ""
    needs_review: bool = False


def insert_scenes(session: Session, script_id: int, scenes: Sequence[NewScene]) -> list[int]:
    """Store the scenes (one flush for all) and return their ids in the same order."""
    rows: list[SceneRow] = []
    for new in scenes:
        scene = new.scene
        body = encode_body(scene.elements)
        rows.append(
            SceneRow(
                script_id=script_id,
                ordinal=scene.index,
                number=scene.number,
                heading=scene.heading.text,
                int_ext=scene.heading.int_ext.value if scene.heading.int_ext else None,
                set_id=new.set_id,
                time_of_day=scene.heading.time_of_day,
                light=scene.heading.light.value,
                eighths=scene.eighths,
                length_source=scene.length_source.value,
                first_page=scene.first_page,
                last_page=scene.last_page,
                line=scene.line,
                synopsis=scene.synopsis,
                body=body,
                body_hash=hashlib.sha256(body.encode()).hexdigest(),
                notes=new.notes,
                needs_review=new.needs_review,
            )
        )
    session.add_all(rows)
    session.flush()
    links = [
        SceneCharacterRow(scene_id=row.id, character_id=character_id, position=position)
        for row, new in zip(rows, scenes, strict=True)
        for position, character_id in enumerate(dict.fromkeys(new.character_ids))
    ]
    session.add_all(links)
    session.flush()
    return [row.id for row in rows]


def _record(row: SceneRow, set_name: str | None, speakers: Sequence[str]) -> SceneRecord:
    return SceneRecord(
        id=row.id,
        script_id=row.script_id,
        index=row.ordinal,
        number=row.number,
        heading=row.heading,
        int_ext=IntExt(row.int_ext) if row.int_ext else None,
        set_name=set_name or "",
        time_of_day=row.time_of_day,
        light=Light(row.light),
        eighths=row.eighths,
        length_source=LengthSource(row.length_source),
        first_page=row.first_page,
        last_page=row.last_page,
        line=row.line,
        synopsis=row.synopsis,
        body=row.body,
        speakers=tuple(speakers),
        notes=row.notes,
        needs_review=row.needs_review,
        version=row.version,
    )


def _speakers(session: Session, scene_ids: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    if not scene_ids:
        return found
    rows = session.execute(
        select(SceneCharacterRow.scene_id, CharacterRow.name)
        .join(CharacterRow, CharacterRow.id == SceneCharacterRow.character_id)
        .where(SceneCharacterRow.scene_id.in_(scene_ids))
        .order_by(SceneCharacterRow.scene_id, SceneCharacterRow.position)
    )
    for scene_id, name in rows:
        found.setdefault(scene_id, []).append(name)
    return found


def scenes_of(session: Session, script_id: int) -> list[SceneRecord]:
    """The scenes of one script version in reading order."""
    rows = session.execute(
        select(SceneRow, SetRow.name)
        .outerjoin(SetRow, SetRow.id == SceneRow.set_id)
        .where(SceneRow.script_id == script_id)
        .order_by(SceneRow.ordinal)
    ).all()
    speakers = _speakers(session, [row.id for row, _ in rows])
    return [_record(row, set_name, speakers.get(row.id, ())) for row, set_name in rows]


def scene_by_id(session: Session, production_id: int, scene_id: int) -> SceneRecord:
    """A scene of any version of the production (``NotFound`` for another production's)."""
    found = session.execute(
        select(SceneRow, SetRow.name)
        .join(ScriptRow, ScriptRow.id == SceneRow.script_id)
        .outerjoin(SetRow, SetRow.id == SceneRow.set_id)
        .where(SceneRow.id == scene_id, ScriptRow.production_id == production_id)
    ).first()
    if found is None:
        raise NotFound(
            t("no scene #{id} in this production", id=scene_id),
            hint=t("Reload the scene list"),
        )
    row, set_name = found
    return _record(row, set_name, _speakers(session, [row.id]).get(row.id, ()))


def _row(session: Session, production_id: int, scene_id: int) -> SceneRow:
    row = session.scalar(
        select(SceneRow)
        .join(ScriptRow, ScriptRow.id == SceneRow.script_id)
        .where(SceneRow.id == scene_id, ScriptRow.production_id == production_id)
    )
    if row is None:
        raise NotFound(
            t("no scene #{id} in this production", id=scene_id),
            hint=t("Reload the scene list"),
        )
    return row


def update_scene(
    session: Session,
    production_id: int,
    scene_id: int,
    *,
    expected_version: int,
    notes: str | None = None,
    needs_review: bool | None = None,
) -> SceneRecord:
    """Edit the production's notes on a scene, or mark it reviewed after a revision."""
    row = _row(session, production_id, scene_id)
    record = t("scene {label}", label=row.number or row.ordinal)
    check_version(record, stored=row.version, expected=expected_version)
    if notes is not None:
        row.notes = notes
    if needs_review is not None:
        row.needs_review = needs_review
    flush_edit(session, row, record, expected=expected_version)
    return scene_by_id(session, production_id, scene_id)
