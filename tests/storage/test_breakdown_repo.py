# SPDX-License-Identifier: AGPL-3.0-or-later
"""Elements and tags as stored."""

from __future__ import annotations

import pytest

from regie.core.errors import Conflict, NotFound, StaleEdit
from regie.script.elements import Category, TagStatus
from regie.storage.db import Database
from regie.storage.repos import breakdown, scenes
from tests.storage.factory import add_production, make_scene, make_screenplay, store_screenplay


def _scene_ids(db: Database) -> tuple[int, int, list[int]]:
    screenplay = make_screenplay(
        make_scene(1, "INT. GARAGE - JOUR", [("", "Une vieille Peugeot 504.")]),
        make_scene(2, "EXT. ROUTE - NUIT", [("", "La 504 file sous la pluie.")]),
    )
    with db.session() as session:
        production = add_production(session)
        script_id = store_screenplay(session, production.id, screenplay)
        ids = [s.id for s in scenes.scenes_of(session, script_id)]
    return production.id, script_id, ids


def test_tags_come_back_per_scene_in_sheet_order(database: Database) -> None:
    production_id, script_id, (first, second) = _scene_ids(database)
    with database.session() as session:
        car = breakdown.add_element(session, production_id, Category.VEHICLES, "Peugeot  504")
        rain = breakdown.add_element(session, production_id, Category.SFX, "pluie")
        bob = breakdown.add_element(session, production_id, Category.CAST, "BOB")
        breakdown.insert_tags(
            session,
            [
                breakdown.NewTag(first, car, TagStatus.SUGGESTED, reason="capitals"),
                breakdown.NewTag(second, rain, TagStatus.ACCEPTED, quantity=1),
                breakdown.NewTag(second, car, TagStatus.MANUAL, note="même voiture"),
                breakdown.NewTag(second, bob, TagStatus.REJECTED),
            ],
        )
    with database.session() as session:
        ids = breakdown.element_ids(session, production_id)
        tags = breakdown.tags_of_script(session, script_id)
        accepted = breakdown.list_elements(session, script_id)
        all_vehicles = breakdown.list_elements(
            session,
            script_id,
            category=Category.VEHICLES,
            statuses=frozenset(TagStatus),
        )
    assert ids[(Category.VEHICLES, "PEUGEOT 504")] == car
    assert [(t.category, t.status) for t in tags[first]] == [
        (Category.VEHICLES, TagStatus.SUGGESTED)
    ]
    # Cast first, then vehicles, then SFX: the order of a breakdown sheet.
    assert [t.category for t in tags[second]] == [Category.CAST, Category.VEHICLES, Category.SFX]
    assert tags[second][1].note == "même voiture"
    assert [e.name for e in accepted] == ["Peugeot  504", "pluie"]
    assert [e.name for e in all_vehicles] == ["Peugeot  504"]


def test_the_same_element_twice_in_a_scene_is_a_conflict(database: Database) -> None:
    production_id, script_id, (first, _) = _scene_ids(database)
    with database.session() as session:
        car = breakdown.add_element(session, production_id, Category.VEHICLES, "504")
        breakdown.insert_tags(session, [breakdown.NewTag(first, car, TagStatus.MANUAL)])
    with pytest.raises(Conflict, match="already tagged"), database.session() as session:
        breakdown.insert_tags(session, [breakdown.NewTag(first, car, TagStatus.MANUAL)])
    with pytest.raises(Conflict, match="same moment"), database.session() as session:
        breakdown.add_element(session, production_id, Category.VEHICLES, " 504 ")
    with database.session() as session:
        assert len(breakdown.tags_of_script(session, script_id)[first]) == 1


def test_status_change_and_removal_check_the_version(database: Database) -> None:
    production_id, _script_id, (first, _) = _scene_ids(database)
    with database.session() as session:
        car = breakdown.add_element(session, production_id, Category.VEHICLES, "504")
        breakdown.insert_tags(session, [breakdown.NewTag(first, car, TagStatus.SUGGESTED)])
        tag = breakdown.tags_of_scenes(session, [first])[first][0]
    with database.session() as session:
        accepted = breakdown.update_tag(
            session, production_id, tag.id, expected_version=1, status=TagStatus.ACCEPTED
        )
    assert (accepted.status, accepted.version) == (TagStatus.ACCEPTED, 2)
    with pytest.raises(StaleEdit), database.session() as session:
        breakdown.update_tag(
            session, production_id, tag.id, expected_version=1, status=TagStatus.REJECTED
        )
    with pytest.raises(StaleEdit), database.session() as session:
        breakdown.delete_tag(session, production_id, tag.id, expected_version=1)
    with database.session() as session:
        assert breakdown.tag_by_id(session, production_id, tag.id).status is TagStatus.ACCEPTED
        breakdown.delete_tag(session, production_id, tag.id, expected_version=2)
    with database.session() as session, pytest.raises(NotFound):
        breakdown.tag_by_id(session, production_id, tag.id)


def test_a_tag_of_another_production_is_not_found(database: Database) -> None:
    production_id, _script_id, (first, _) = _scene_ids(database)
    with database.session() as session:
        other = add_production(session, "other")
        car = breakdown.add_element(session, production_id, Category.VEHICLES, "504")
        breakdown.insert_tags(session, [breakdown.NewTag(first, car, TagStatus.SUGGESTED)])
        tag = breakdown.tags_of_scenes(session, [first])[first][0]
        with pytest.raises(NotFound):
            breakdown.update_tag(
                session, other.id, tag.id, expected_version=1, status=TagStatus.ACCEPTED
            )
