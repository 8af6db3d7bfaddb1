# SPDX-License-Identifier: AGPL-3.0-or-later
"""Sets and characters of a production: found again by key on every import, listed with
the number of scenes of a script version they appear in; characters can be merged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from regie.core.errors import Conflict, NotFound, ValidationError
from regie.core.text import t
from regie.script.catalog import CharacterRecord, SetRecord
from regie.script.elements import element_key
from regie.script.heading import set_key
from regie.storage.guard import unique
from regie.storage.tables import CharacterRow, SceneCharacterRow, SceneRow, SetRow


def set_ids(session: Session, production_id: int) -> dict[str, int]:
    """``{set_key: id}`` for every set the production has met."""
    rows = session.execute(
        select(SetRow.key, SetRow.id).where(SetRow.production_id == production_id)
    )
    return dict(rows.all())


def add_sets(session: Session, production_id: int, names: Iterable[str]) -> dict[str, int]:
    """Store new sets (one flush for all); ``{set_key: id}`` of those added."""
    rows = {set_key(n): SetRow(production_id=production_id, name=n, key=set_key(n)) for n in names}
    session.add_all(rows.values())
    with unique(t("a set was added by someone else at the same moment"), hint=t("Try again")):
        session.flush()
    return {key: row.id for key, row in rows.items()}


def character_ids(session: Session, production_id: int) -> dict[str, int]:
    """``{element_key(name): id}`` for every character the production has met."""
    rows = session.execute(
        select(CharacterRow.key, CharacterRow.id).where(CharacterRow.production_id == production_id)
    )
    return dict(rows.all())


def add_characters(session: Session, production_id: int, names: Iterable[str]) -> dict[str, int]:
    """Store new characters (one flush for all); ``{element_key: id}`` of those added."""
    rows = {
        element_key(n): CharacterRow(production_id=production_id, name=n, key=element_key(n))
        for n in names
    }
    session.add_all(rows.values())
    with unique(t("a character was added by someone else at the same moment"), hint=t("Try again")):
        session.flush()
    return {key: row.id for key, row in rows.items()}


def list_sets(session: Session, script_id: int) -> list[SetRecord]:
    """Sets used by a script version, most scenes first."""
    rows = session.execute(
        select(SetRow, func.count(SceneRow.id))
        .join(SceneRow, SceneRow.set_id == SetRow.id)
        .where(SceneRow.script_id == script_id)
        .group_by(SetRow.id)
    ).all()
    found = [SetRecord(row.id, row.name, count, row.version) for row, count in rows]
    return sorted(found, key=lambda s: (-s.scene_count, s.name, s.id))


def list_characters(session: Session, production_id: int, script_id: int) -> list[CharacterRecord]:
    """Characters speaking in a script version, each main character followed by its aliases.

    A main character's ``scene_count`` counts the scenes where it *or one of its aliases*
    speaks (BOB's scenes count for CYBER BOB once BOB is merged into it); an alias's count
    is its own. Mains are ordered by that count, most first.
    """
    characters = {
        row.id: row
        for row in session.scalars(
            select(CharacterRow).where(CharacterRow.production_id == production_id)
        )
    }
    scenes_of: dict[int, set[int]] = defaultdict(set)
    pairs = session.execute(
        select(SceneCharacterRow.character_id, SceneCharacterRow.scene_id)
        .join(SceneRow, SceneRow.id == SceneCharacterRow.scene_id)
        .where(SceneRow.script_id == script_id)
    )
    for character_id, scene_id in pairs:
        scenes_of[character_id].add(scene_id)
    aliases: dict[int, list[CharacterRow]] = defaultdict(list)
    for row in characters.values():
        if row.alias_of_id is not None:
            aliases[row.alias_of_id].append(row)
    result: list[tuple[int, str, list[CharacterRecord]]] = []
    for row in characters.values():
        if row.alias_of_id is not None:
            continue
        group = [row, *aliases[row.id]]
        scenes = set().union(*(scenes_of[member.id] for member in group))
        if not scenes:
            continue
        listed = [CharacterRecord(row.id, row.name, None, len(scenes), row.version)]
        listed += [
            CharacterRecord(a.id, a.name, row.name, len(scenes_of[a.id]), a.version)
            for a in sorted(aliases[row.id], key=lambda a: a.name)
            if scenes_of[a.id]
        ]
        result.append((len(scenes), row.name, listed))
    result.sort(key=lambda item: (-item[0], item[1]))
    return [record for _count, _name, listed in result for record in listed]


def _character(session: Session, production_id: int, name: str) -> CharacterRow:
    row = session.scalar(
        select(CharacterRow).where(
            CharacterRow.production_id == production_id, CharacterRow.key == element_key(name)
        )
    )
    if row is None:
        raise NotFound(
            t("no character '{name}' in this production", name=name),
            hint=t("Use a name from the character list"),
        )
    return row


def alias_map(session: Session, production_id: int) -> dict[str, str]:
    """``{element_key(alias): main name}`` for every merged character."""
    main = CharacterRow.__table__.alias("main")
    rows = session.execute(
        select(CharacterRow.key, main.c.name)
        .join(main, main.c.id == CharacterRow.alias_of_id)
        .where(CharacterRow.production_id == production_id)
    )
    return dict(rows.all())


def merge_characters(session: Session, production_id: int, alias: str, into: str) -> None:
    """Make ``alias`` (and its own aliases) an alias of ``into``.

    Merging the other way round (``into`` is currently an alias of ``alias``) swaps them:
    ``into`` becomes the main character of the whole group.
    """
    alias_row = _character(session, production_id, alias)
    main_row = _character(session, production_id, into)
    if alias_row.id == main_row.id:
        raise ValidationError(
            t("cannot merge '{alias}' into itself", alias=alias),
            field="into",
            hint=t("Choose another character"),
        )
    if main_row.alias_of_id is not None and main_row.alias_of_id != alias_row.id:
        root = session.get(CharacterRow, main_row.alias_of_id)
        if root is not None:
            main_row = root
    # Aliases always point at a main character (never at another alias).
    main_row.alias_of_id = None
    for row in session.scalars(
        select(CharacterRow).where(
            CharacterRow.alias_of_id == alias_row.id, CharacterRow.id != main_row.id
        )
    ):
        row.alias_of_id = main_row.id
    alias_row.alias_of_id = main_row.id
    session.flush()


def unmerge_character(session: Session, production_id: int, alias: str) -> None:
    """Make a merged character a character of its own again."""
    row = _character(session, production_id, alias)
    if row.alias_of_id is None:
        raise Conflict(
            t("'{name}' is not merged into another character", name=row.name),
            hint=t("Only a character shown as an alias can be separated"),
        )
    row.alias_of_id = None
    session.flush()
