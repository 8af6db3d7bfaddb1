# SPDX-License-Identifier: AGPL-3.0-or-later
"""Importing script versions: what is stored, what a revision keeps, what a bad file leaves."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from regie.core.errors import Conflict, NotFound, ParseError, PermissionDenied
from regie.script.elements import Category, TagStatus
from regie.services import breakdown, scripts
from regie.services.database import Database
from regie.services.script_files import detect_format
from regie.storage.base import Base
from tests.services import samples
from tests.services.conftest import Office


def _row_counts(db: Database) -> dict[str, int]:
    with db.session() as session:
        return {
            name: session.scalar(select(func.count()).select_from(table)) or 0
            for name, table in Base.metadata.tables.items()
        }


def test_parse_script_needs_no_database() -> None:
    screenplay = scripts.parse_script("clef.fountain", samples.first())
    assert screenplay.title == "La Clef du Quai"
    assert [s.heading.set_name for s in screenplay.scenes] == [
        "CUISINE",
        "QUAI",
        "BUREAU DU PORT",
    ]


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("a.fountain", b"INT. A - JOUR\n", "fountain"),
        ("a.SPMD", b"INT. A - JOUR\n", "fountain"),
        ("a.txt", b"INT. A - JOUR\n", "fountain"),
        ("a.fdx", b"<FinalDraft/>", "fdx"),
        ("a.pdf", b"not really", "pdf"),
        ("script", b"%PDF-1.7\n...", "pdf"),
        ("script.fountain", b"\x00\x01%PDF-1.4", "pdf"),  # the content is unmistakable
        ("export", b'\xef\xbb\xbf<?xml version="1.0"?>\n<FinalDraft>', "fdx"),
        ("export.xml", b'<?xml version="1.0"?><svg/>', "fountain"),
        ("notes", b"INT. A - JOUR\n", "fountain"),
    ],
)
def test_format_detection(filename: str, data: bytes, expected: str) -> None:
    assert detect_format(filename, data) == expected


def test_first_import_stores_the_script(database: Database, office: Office) -> None:
    version = scripts.import_script(
        database,
        office.slug,
        "/home/hélène/Scénarios/clef.fountain",
        samples.first(),
        actor=office.manager,
    )
    assert (version.number, version.source_format, version.filename) == (
        1,
        "fountain",
        "clef.fountain",
    )
    assert (version.title, version.scene_count, version.revision) == ("La Clef du Quai", 3, None)
    assert len(version.sha256) == 64
    assert scripts.list_versions(database, office.slug, actor=office.crew) == [version]
    stored = scripts.current_scenes(database, office.slug, actor=office.crew)
    assert [s.set_name for s in stored] == ["CUISINE", "QUAI", "BUREAU DU PORT"]
    assert stored[0].speakers == ("HÉLÈNE", "BOB")
    assert version.total_eighths == sum(s.eighths for s in stored)
    first = breakdown.sheet(database, office.slug, "1", actor=office.crew)
    statuses = {(t.category, t.name): t.status for t in first.tags}
    # Speaking characters are cast for sure; everything else waits for review.
    assert statuses[Category.CAST, "HÉLÈNE"] is TagStatus.ACCEPTED
    assert statuses[Category.CAST, "BOB"] is TagStatus.ACCEPTED
    assert statuses[Category.PROPS, "VIEILLE VALISE"] is TagStatus.SUGGESTED
    dockers = next(
        t
        for t in breakdown.sheet(database, office.slug, "2", actor=None).tags
        if t.name == "DOCKERS"
    )
    assert (dockers.category, dockers.quantity, dockers.reason) == (
        Category.EXTRAS,
        3,
        "group in capitals (figuration)",
    )
    assert "Trois DOCKERS" in dockers.excerpt


def test_a_bad_file_after_a_good_one_changes_nothing(database: Database, imported: Office) -> None:
    before = _row_counts(database)
    scenes_before = scripts.current_scenes(database, imported.slug, actor=None)
    with pytest.raises(ParseError) as caught:
        scripts.import_script(
            database,
            imported.slug,
            "C:\\Scripts\\clef-v2.fdx",
            b"<?xml version='1.0'?><FinalDraft><Con",
            actor=None,
        )
    assert str(caught.value).startswith("clef-v2.fdx")
    with pytest.raises(ParseError, match="empty"):
        scripts.import_script(database, imported.slug, "vide.fountain", b"", actor=None)
    assert _row_counts(database) == before
    assert len(scripts.list_versions(database, imported.slug, actor=None)) == 1
    assert scripts.current_scenes(database, imported.slug, actor=None) == scenes_before


def test_importing_the_same_file_again_is_refused(database: Database, imported: Office) -> None:
    before = _row_counts(database)
    with pytest.raises(Conflict, match="already version 1"):
        scripts.import_script(
            database, imported.slug, "copie.fountain", samples.first(), actor=None
        )
    assert _row_counts(database) == before


def test_who_may_import(database: Database, office: Office) -> None:
    for persona in (office.accountant, office.crew, office.guest):
        with pytest.raises(PermissionDenied, match="import a script"):
            scripts.import_script(
                database, office.slug, "clef.fountain", samples.first(), actor=persona
            )
    with pytest.raises(NotFound):
        scripts.import_script(
            database, office.slug, "clef.fountain", samples.first(), actor=office.outsider
        )
    # The role is checked before the file is read: a crew member's bad file is refused
    # for the role, not parsed.
    with pytest.raises(PermissionDenied, match="import a script"):
        scripts.import_script(database, office.slug, "vide.fountain", b"", actor=office.crew)
    with pytest.raises(PermissionDenied, match="see the script"):
        scripts.current_scenes(database, office.slug, actor=office.guest)
    assert scripts.list_versions(database, office.slug, actor=office.accountant) == []
    assert scripts.current_scenes(database, office.slug, actor=office.crew) == []


def test_scene_by_label(database: Database, imported: Office) -> None:
    scene = scripts.get_scene(database, imported.slug, " 2 ", actor=imported.crew)
    assert scene.set_name == "QUAI"
    with pytest.raises(NotFound, match="no scene '9'"):
        scripts.get_scene(database, imported.slug, "9", actor=None)


def test_reimport_keeps_tags_and_notes_of_the_scenes_it_finds_again(
    database: Database, imported: Office
) -> None:
    slug = imported.slug
    one = breakdown.sheet(database, slug, "1", actor=None)
    two = breakdown.sheet(database, slug, "2", actor=None)
    valise = next(t for t in one.tags if t.name == "VIEILLE VALISE")
    police = next(t for t in two.tags if t.category is Category.VEHICLES)
    breakdown.set_tag_status(database, slug, valise.id, "rejected", valise.version, actor=None)
    breakdown.set_tag_status(database, slug, police.id, "accepted", police.version, actor=None)
    breakdown.add_tag(database, slug, two.scene.id, "props", "cargo", actor=None, quantity=1)
    breakdown.update_scene_notes(database, slug, one.scene.id, "Cuisine du studio", 1, actor=None)
    breakdown.update_scene_notes(database, slug, two.scene.id, "Nuit au port", 1, actor=None)
    tags_before = len(one.tags) + len(two.tags) + 1

    version = scripts.import_script(
        database, slug, "clef-v2.fountain", samples.second(), actor=imported.manager
    )

    assert version.number == 2
    assert version.revision is not None
    assert version.revision.added == ("2",)
    assert version.revision.removed == ("3",)
    assert version.revision.changed == ("3",)
    assert version.revision.unchanged == 1
    assert version.revision.notes_kept == 2
    assert version.revision.tags_kept == tags_before
    assert [v.number for v in scripts.list_versions(database, slug, actor=None)] == [1, 2]

    one = breakdown.sheet(database, slug, "1", actor=None)
    roof = breakdown.sheet(database, slug, "2", actor=None)
    two = breakdown.sheet(database, slug, "3", actor=None)
    assert two.scene.set_name == "QUAI"
    assert (one.scene.notes, one.scene.needs_review) == ("Cuisine du studio", False)
    assert (two.scene.notes, two.scene.needs_review) == ("Nuit au port", True)
    assert (roof.scene.set_name, roof.scene.notes, roof.scene.needs_review) == (
        "TOIT DE L'ENTREPÔT",
        "",
        False,
    )
    # A rejected suggestion stays rejected: it is not suggested again.
    assert next(t for t in one.tags if t.name == "VIEILLE VALISE").status is TagStatus.REJECTED
    assert next(t for t in two.tags if t.category is Category.VEHICLES).status is (
        TagStatus.ACCEPTED
    )
    cargo = next(t for t in two.tags if t.name == "cargo")
    assert (cargo.status, cargo.quantity) == (TagStatus.MANUAL, 1)
    assert {t.name for t in roof.tags if t.category is Category.CAST} == {"HÉLÈNE"}
    # The old version stays readable as it was.
    old = scripts.version_scenes(database, slug, 1, actor=None)
    assert [s.set_name for s in old] == ["CUISINE", "QUAI", "BUREAU DU PORT"]
    assert old[0].notes == "Cuisine du studio"


def test_an_unreviewed_change_stays_flagged_through_the_next_import(
    database: Database, imported: Office
) -> None:
    scripts.import_script(database, imported.slug, "v2.fountain", samples.second(), actor=None)
    third = samples.SECOND.replace("C'est fini.", "C'est vraiment fini.").encode()
    version = scripts.import_script(database, imported.slug, "v3.fountain", third, actor=None)
    assert version.revision is not None
    assert version.revision.changed == ("2",)
    flagged = [
        s.label
        for s in scripts.current_scenes(database, imported.slug, actor=None)
        if s.needs_review
    ]
    assert flagged == ["2", "3"]


def test_a_scene_replaced_by_an_unrelated_one_is_removed_and_added(
    database: Database, imported: Office
) -> None:
    version = scripts.import_script(
        database, imported.slug, "v2.fountain", samples.REPLACED.encode(), actor=None
    )
    assert version.revision is not None
    assert (version.revision.added, version.revision.removed) == (("3",), ("3",))
    assert version.revision.changed == ()


def test_reimport_keeps_character_merges(database: Database, imported: Office) -> None:
    breakdown.merge_characters(database, imported.slug, "BOB", "CYBER BOB", actor=None)
    scripts.import_script(database, imported.slug, "v2.fountain", samples.second(), actor=None)
    listed = breakdown.list_characters(database, imported.slug, actor=None)
    assert ("BOB", "CYBER BOB") in {(c.name, c.alias_of) for c in listed}


@pytest.mark.corpus
@pytest.mark.parametrize("suffix", ["fountain", "fdx", "pdf"])
def test_corpus_script_imports_in_every_format(
    database: Database, office: Office, corpus_dir: Path, suffix: str
) -> None:
    path = corpus_dir / "scripts" / f"La-Clef-du-Quai.{suffix}"
    version = scripts.import_script(database, office.slug, path.name, path.read_bytes(), actor=None)
    assert version.source_format == suffix
    assert version.scene_count > 0
    sheets = breakdown.sheets(database, office.slug, actor=None)
    assert len(sheets) == version.scene_count
    assert any(t.category is Category.CAST for s in sheets for t in s.tags)
