# SPDX-License-Identifier: AGPL-3.0-or-later
"""Breakdown sheets, tags, notes and character merges through the services."""

from __future__ import annotations

import pytest

from regie.core.errors import Conflict, NotFound, PermissionDenied, StaleEdit, ValidationError
from regie.script.catalog import TagRecord
from regie.script.elements import Category, TagStatus
from regie.services import breakdown, productions
from regie.services.database import Database
from tests.services.conftest import Office


def _tag(tags: tuple[TagRecord, ...], name: str) -> TagRecord:
    return next(t for t in tags if t.name == name)


def test_sheets_follow_the_scenes(database: Database, imported: Office) -> None:
    sheets = breakdown.sheets(database, imported.slug, actor=imported.accountant)
    assert [s.scene.label for s in sheets] == ["1", "2", "3"]
    one = breakdown.sheet(database, imported.slug, "1", actor=imported.crew)
    assert one == sheets[0]
    counted = one.by_category()
    assert [t.name for t in counted[Category.CAST]] == ["BOB", "HÉLÈNE"]
    assert Category.PROPS not in counted  # only suggested so far
    assert [t.name for t in one.by_category(include_suggested=True)[Category.PROPS]] == [
        "VIEILLE VALISE"
    ]


def test_no_sheet_before_an_import(database: Database, office: Office) -> None:
    with pytest.raises(NotFound, match="no script has been imported"):
        breakdown.sheets(database, office.slug, actor=None)
    assert breakdown.list_characters(database, office.slug, actor=None) == []
    assert breakdown.list_sets(database, office.slug, actor=None) == []
    assert breakdown.list_elements(database, office.slug, actor=None) == []


def test_accept_and_reject_with_versions(database: Database, imported: Office) -> None:
    slug = imported.slug
    valise = _tag(breakdown.sheet(database, slug, "1", actor=None).tags, "VIEILLE VALISE")
    accepted = breakdown.set_tag_status(
        database, slug, valise.id, TagStatus.ACCEPTED, valise.version, actor=imported.manager
    )
    assert (accepted.status, accepted.version) == (TagStatus.ACCEPTED, valise.version + 1)
    with pytest.raises(StaleEdit):
        breakdown.set_tag_status(database, slug, valise.id, "rejected", valise.version, actor=None)
    with pytest.raises(ValidationError, match="not 'manual'"):
        breakdown.set_tag_status(database, slug, valise.id, "manual", accepted.version, actor=None)
    with pytest.raises(ValidationError, match="not 'maybe'"):
        breakdown.set_tag_status(database, slug, valise.id, "maybe", accepted.version, actor=None)
    props = breakdown.list_elements(database, slug, "props", actor=None)
    assert [e.name for e in props] == ["VIEILLE VALISE"]


def test_manual_tags(database: Database, imported: Office) -> None:
    slug = imported.slug
    scene = breakdown.sheet(database, slug, "2", actor=None).scene
    tag = breakdown.add_tag(
        database, slug, scene.id, "props", "  clef   rouillée ", actor=imported.manager, note="x"
    )
    assert (tag.status, tag.name, tag.category, tag.note) == (
        TagStatus.MANUAL,
        "clef rouillée",
        Category.PROPS,
        "x",
    )
    with pytest.raises(Conflict, match="already on the sheet"):
        breakdown.add_tag(database, slug, scene.id, Category.PROPS, "CLEF ROUILLÉE", actor=None)
    with pytest.raises(ValidationError, match="tagged by hand"):
        breakdown.set_tag_status(database, slug, tag.id, "rejected", tag.version, actor=None)
    breakdown.remove_tag(database, slug, tag.id, tag.version, actor=None)
    assert "clef rouillée" not in {
        t.name for t in breakdown.sheet(database, slug, "2", actor=None).tags
    }


def test_tagging_a_suggested_element_by_hand_takes_it_over(
    database: Database, imported: Office
) -> None:
    slug = imported.slug
    sheet = breakdown.sheet(database, slug, "2", actor=None)
    police = next(t for t in sheet.tags if t.category is Category.VEHICLES)
    tag = breakdown.add_tag(
        database, slug, sheet.scene.id, "vehicles", police.name, actor=None, quantity=2
    )
    assert (tag.id, tag.status, tag.quantity) == (police.id, TagStatus.MANUAL, 2)


def test_suggestions_are_rejected_not_removed(database: Database, imported: Office) -> None:
    valise = _tag(breakdown.sheet(database, imported.slug, "1", actor=None).tags, "VIEILLE VALISE")
    with pytest.raises(ValidationError, match="reject it"):
        breakdown.remove_tag(database, imported.slug, valise.id, valise.version, actor=None)


def test_bad_tag_input(database: Database, imported: Office) -> None:
    scene = breakdown.sheet(database, imported.slug, "1", actor=None).scene
    with pytest.raises(ValidationError, match="unknown breakdown category"):
        breakdown.add_tag(database, imported.slug, scene.id, "catering", "café", actor=None)
    with pytest.raises(ValidationError, match="1 to 200"):
        breakdown.add_tag(database, imported.slug, scene.id, "props", "  ", actor=None)
    with pytest.raises(ValidationError, match="quantity"):
        breakdown.add_tag(database, imported.slug, scene.id, "extras", "x", actor=None, quantity=0)
    with pytest.raises(NotFound, match="no scene"):
        breakdown.add_tag(database, imported.slug, 999_999, "props", "x", actor=None)


def test_a_scene_or_tag_of_another_production_is_out_of_reach(
    database: Database, imported: Office
) -> None:
    other = productions.create_production(database, "Autre", "documentary")
    sheet = breakdown.sheet(database, imported.slug, "1", actor=None)
    with pytest.raises(NotFound):
        breakdown.add_tag(database, other.slug, sheet.scene.id, "props", "x", actor=None)
    with pytest.raises(NotFound):
        breakdown.set_tag_status(database, other.slug, sheet.tags[0].id, "rejected", 1, actor=None)
    with pytest.raises(NotFound):
        breakdown.update_scene_notes(database, other.slug, sheet.scene.id, "x", 1, actor=None)


def test_scene_notes_and_review(database: Database, imported: Office) -> None:
    scene = breakdown.sheet(database, imported.slug, "3", actor=None).scene
    noted = breakdown.update_scene_notes(
        database, imported.slug, scene.id, "Décor à construire", scene.version, actor=None
    )
    assert (noted.notes, noted.version) == ("Décor à construire", scene.version + 1)
    with pytest.raises(StaleEdit, match="scene 3"):
        breakdown.update_scene_notes(
            database, imported.slug, scene.id, "Autre", scene.version, actor=None
        )
    reviewed = breakdown.mark_scene_reviewed(
        database, imported.slug, scene.id, noted.version, actor=None
    )
    assert (reviewed.needs_review, reviewed.notes) == (False, "Décor à construire")
    with pytest.raises(ValidationError, match="limited"):
        breakdown.update_scene_notes(
            database, imported.slug, scene.id, "x" * 20_001, reviewed.version, actor=None
        )


def test_roles_on_the_breakdown(database: Database, imported: Office) -> None:
    slug = imported.slug
    scene = breakdown.sheet(database, slug, "1", actor=None).scene
    for persona in (imported.accountant, imported.crew):
        breakdown.sheets(database, slug, actor=persona)  # they may read
        with pytest.raises(PermissionDenied, match="edit the breakdown"):
            breakdown.add_tag(database, slug, scene.id, "props", "x", actor=persona)
        with pytest.raises(PermissionDenied):
            breakdown.merge_characters(database, slug, "BOB", "CYBER BOB", actor=persona)
    with pytest.raises(PermissionDenied, match="see the script"):
        breakdown.sheet(database, slug, "1", actor=imported.guest)
    with pytest.raises(NotFound):
        breakdown.sheet(database, slug, "1", actor=imported.outsider)
    breakdown.add_tag(database, slug, scene.id, "props", "x", actor=imported.producer)


def test_character_merge_and_undo(database: Database, imported: Office) -> None:
    slug = imported.slug
    before = breakdown.list_characters(database, slug, actor=None)
    assert [(c.name, c.scene_count) for c in before] == [
        ("BOB", 2),
        ("HÉLÈNE", 2),
        ("CYBER BOB", 1),
    ]
    merged = breakdown.merge_characters(database, slug, "bob", "Cyber Bob", actor=None)
    assert [(c.name, c.alias_of, c.scene_count) for c in merged] == [
        ("CYBER BOB", None, 3),
        ("BOB", "CYBER BOB", 2),
        ("HÉLÈNE", None, 2),
    ]
    # On the sheets, BOB's lines are CYBER BOB's.
    one = breakdown.sheet(database, slug, "1", actor=None)
    assert [t.name for t in one.by_category()[Category.CAST]] == ["CYBER BOB", "HÉLÈNE"]
    assert breakdown.list_characters(database, slug, actor=None) == merged
    undone = breakdown.unmerge_character(database, slug, "BOB", actor=None)
    assert [(c.name, c.alias_of, c.scene_count) for c in undone] == [
        (c.name, c.alias_of, c.scene_count) for c in before
    ]
    one = breakdown.sheet(database, slug, "1", actor=None)
    assert [t.name for t in one.by_category()[Category.CAST]] == ["BOB", "HÉLÈNE"]


def test_merged_names_in_the_same_scene_show_once(database: Database, imported: Office) -> None:
    slug = imported.slug
    scene = breakdown.sheet(database, slug, "3", actor=None).scene
    breakdown.add_tag(database, slug, scene.id, "cast", "CYBER BOB", actor=None)
    breakdown.merge_characters(database, slug, "BOB", "CYBER BOB", actor=None)
    cast = breakdown.sheet(database, slug, "3", actor=None).by_category()[Category.CAST]
    assert [(t.name, t.status) for t in cast] == [("CYBER BOB", TagStatus.MANUAL)]


def test_sets_and_elements_lists(database: Database, imported: Office) -> None:
    sets = breakdown.list_sets(database, imported.slug, actor=imported.crew)
    assert sorted((s.name, s.scene_count) for s in sets) == [
        ("BUREAU DU PORT", 1),
        ("CUISINE", 1),
        ("QUAI", 1),
    ]
    counted = breakdown.list_elements(database, imported.slug, actor=None)
    assert {e.category for e in counted} == {Category.CAST}
    everything = breakdown.list_elements(
        database, imported.slug, actor=None, include_suggested=True
    )
    assert {"VIEILLE VALISE", "DOCKERS"} <= {e.name for e in everything}
    assert [
        e.name
        for e in breakdown.list_elements(
            database, imported.slug, Category.EXTRAS, actor=None, include_suggested=True
        )
    ] == ["DOCKERS"]
