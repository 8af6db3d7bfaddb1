# SPDX-License-Identifier: AGPL-3.0-or-later
"""Script versions, scenes, sets and characters as stored."""

from __future__ import annotations

import pytest

from regie.core.errors import Conflict, NotFound, StaleEdit, ValidationError
from regie.script.body import plain_text
from regie.script.catalog import RevisionSummary
from regie.script.model import IntExt, LengthSource, Light
from regie.storage.db import Database
from regie.storage.repos import catalog, scenes, scripts
from tests.storage.factory import add_production, make_scene, make_screenplay, store_screenplay

SCREENPLAY = make_screenplay(
    make_scene(1, "INT. CUISINE - JOUR", [("", "Hélène entre."), ("HÉLÈNE", "Bonjour.")]),
    make_scene(
        2,
        "EXT. QUAI - NUIT",
        [("BOB", "Vite !"), ("CYBER BOB", "J'arrive."), ("BOB", "Encore.")],
        eighths=12,
    ),
    make_scene(3, "INT. CUISINE - NUIT", [("CYBER BOB", "Seul.")], eighths=3),
)


def _stored(db: Database) -> tuple[int, int]:
    with db.session() as session:
        production = add_production(session)
        script_id = store_screenplay(session, production.id, SCREENPLAY)
    return production.id, script_id


def test_scenes_come_back_as_records_in_reading_order(database: Database) -> None:
    _production_id, script_id = _stored(database)
    with database.session() as session:
        records = scenes.scenes_of(session, script_id)
    assert [r.index for r in records] == [1, 2, 3]
    first, second = records[0], records[1]
    assert (first.heading, first.int_ext, first.set_name) == (
        "INT. CUISINE - JOUR",
        IntExt.INT,
        "CUISINE",
    )
    assert (first.time_of_day, first.light) == ("JOUR", Light.DAY)
    assert first.length_source is LengthSource.LAYOUT
    assert first.label == "1"
    assert plain_text(first.body) == "Hélène entre.\nHÉLÈNE\nBonjour."
    assert second.speakers == ("BOB", "CYBER BOB")
    assert second.eighths == 12
    assert (second.notes, second.needs_review, second.version) == ("", False, 1)


def test_version_numbers_follow_import_order_and_the_last_is_current(
    database: Database,
) -> None:
    production_id, first_id = _stored(database)
    with database.session() as session:
        second_id = store_screenplay(session, production_id, SCREENPLAY)
        scripts.set_revision(session, second_id, RevisionSummary(unchanged=3, tags_kept=2))
    with database.session() as session:
        listed = scripts.versions(session, production_id)
        current = scripts.current_version(session, production_id)
        assert scripts.version_by_number(session, production_id, 1).id == first_id
        with pytest.raises(NotFound):
            scripts.version_by_number(session, production_id, 7)
    assert [(v.number, v.id) for v in listed] == [(1, first_id), (2, second_id)]
    assert current is not None
    assert current.id == second_id
    assert current.revision == RevisionSummary(unchanged=3, tags_kept=2)
    assert listed[0].revision is None
    assert (current.title, current.scene_count, current.total_eighths) == (
        "La Clef du Quai",
        3,
        23,
    )


def test_sets_and_characters_are_shared_by_versions(database: Database) -> None:
    production_id, _ = _stored(database)
    with database.session() as session:
        second_id = store_screenplay(session, production_id, SCREENPLAY)
        assert len(catalog.set_ids(session, production_id)) == 2
        assert len(catalog.character_ids(session, production_id)) == 3
        sets = catalog.list_sets(session, second_id)
    assert [(s.name, s.scene_count) for s in sets] == [("CUISINE", 2), ("QUAI", 1)]


def test_merged_characters_count_together(database: Database) -> None:
    production_id, script_id = _stored(database)
    with database.session() as session:
        catalog.merge_characters(session, production_id, "bob", "Cyber Bob")
    with database.session() as session:
        listed = catalog.list_characters(session, production_id, script_id)
        assert catalog.alias_map(session, production_id) == {"BOB": "CYBER BOB"}
    assert [(c.name, c.alias_of, c.scene_count) for c in listed] == [
        ("CYBER BOB", None, 2),
        ("BOB", "CYBER BOB", 1),
        ("HÉLÈNE", None, 1),
    ]


def test_merging_the_other_way_round_swaps_main_and_alias(database: Database) -> None:
    production_id, script_id = _stored(database)
    with database.session() as session:
        catalog.merge_characters(session, production_id, "BOB", "CYBER BOB")
        catalog.merge_characters(session, production_id, "CYBER BOB", "BOB")
        catalog.merge_characters(session, production_id, "HÉLÈNE", "CYBER BOB")
    with database.session() as session:
        listed = catalog.list_characters(session, production_id, script_id)
    # HÉLÈNE was merged into an alias: she joins its main character, BOB.
    assert [(c.name, c.alias_of) for c in listed] == [
        ("BOB", None),
        ("CYBER BOB", "BOB"),
        ("HÉLÈNE", "BOB"),
    ]
    assert listed[0].scene_count == 3


def test_unmerge_and_bad_merges(database: Database) -> None:
    production_id, script_id = _stored(database)
    with database.session() as session:
        catalog.merge_characters(session, production_id, "BOB", "CYBER BOB")
        catalog.unmerge_character(session, production_id, "BOB")
        with pytest.raises(Conflict, match="not merged"):
            catalog.unmerge_character(session, production_id, "BOB")
        with pytest.raises(ValidationError, match="into itself"):
            catalog.merge_characters(session, production_id, "BOB", "bob")
        with pytest.raises(NotFound, match="ROBERT"):
            catalog.merge_characters(session, production_id, "BOB", "ROBERT")
        listed = catalog.list_characters(session, production_id, script_id)
    assert all(c.alias_of is None for c in listed)


def test_scene_notes_edit_and_stale_refusal(database: Database) -> None:
    production_id, script_id = _stored(database)
    with database.session() as session:
        scene = scenes.scenes_of(session, script_id)[0]
        edited = scenes.update_scene(
            session, production_id, scene.id, expected_version=1, notes="Pluie à prévoir"
        )
    assert (edited.notes, edited.version) == ("Pluie à prévoir", 2)
    with pytest.raises(StaleEdit), database.session() as session:
        scenes.update_scene(session, production_id, scene.id, expected_version=1, notes="x")
    with database.session() as session:
        assert scenes.scene_by_id(session, production_id, scene.id).notes == "Pluie à prévoir"


def test_a_scene_of_another_production_is_not_found(database: Database) -> None:
    _production_id, script_id = _stored(database)
    with database.session() as session:
        other = add_production(session, "other")
        scene_id = scenes.scenes_of(session, script_id)[0].id
        with pytest.raises(NotFound):
            scenes.scene_by_id(session, other.id, scene_id)
        with pytest.raises(NotFound):
            scenes.update_scene(session, other.id, scene_id, expected_version=1, notes="x")
