# SPDX-License-Identifier: AGPL-3.0-or-later
"""Small hand-built screenplays and stored productions for storage tests."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from regie.core.production import Agreement, Production, ProductionKind
from regie.script.elements import element_key
from regie.script.heading import parse_heading, set_key
from regie.script.model import ElementKind, LengthSource, Scene, Screenplay, ScriptElement
from regie.storage.repos import catalog, productions, scenes, scripts


def make_scene(
    index: int, heading: str, lines: Sequence[tuple[str, str]] = (), *, eighths: int = 8
) -> Scene:
    """``lines``: ``("BOB", "Hello.")`` pairs of dialogue, or ``("", "Action.")``."""
    elements: list[ScriptElement] = []
    speakers: list[str] = []
    for cue, text in lines:
        if cue:
            elements.append(ScriptElement(ElementKind.CHARACTER, cue))
            elements.append(ScriptElement(ElementKind.DIALOGUE, text))
            if cue not in speakers:
                speakers.append(cue)
        else:
            elements.append(ScriptElement(ElementKind.ACTION, text))
    return Scene(
        index=index,
        heading=parse_heading(heading),
        elements=tuple(elements),
        speakers=tuple(speakers),
        eighths=eighths,
        length_source=LengthSource.LAYOUT,
        first_page=1,
        last_page=1,
        line=index * 10,
    )


def make_screenplay(*scenes: Scene) -> Screenplay:
    characters: list[str] = []
    for scene in scenes:
        characters += [s for s in scene.speakers if s not in characters]
    return Screenplay(
        source_format="fountain",
        scenes=tuple(scenes),
        characters=tuple(characters),
        pages=max(1, sum(s.eighths for s in scenes) // 8),
        title_page=(("Title", "La Clef du Quai"),),
    )


def add_production(session: Session, slug: str = "la-clef") -> Production:
    return productions.insert_production(
        session,
        Production(
            id=0,
            slug=slug,
            code="CLEF",
            title="La Clef du Quai",
            kind=ProductionKind.FEATURE_FILM,
            agreement=Agreement.CINEMA,
        ),
    )


def store_screenplay(session: Session, production_id: int, screenplay: Screenplay) -> int:
    """Store a version with its sets, characters and scenes the simple way; its id."""
    version = scripts.insert_version(
        session,
        production_id,
        screenplay,
        filename="v.fountain",
        sha256="0" * 64,
        imported_by=None,
    )
    set_ids = catalog.set_ids(session, production_id)
    character_ids = catalog.character_ids(session, production_id)
    new: list[scenes.NewScene] = []
    for scene in screenplay.scenes:
        key = set_key(scene.heading.set_name)
        if key not in set_ids:
            set_ids.update(catalog.add_sets(session, production_id, [scene.heading.set_name]))
        ids = []
        for name in scene.speakers:
            if element_key(name) not in character_ids:
                character_ids.update(catalog.add_characters(session, production_id, [name]))
            ids.append(character_ids[element_key(name)])
        new.append(scenes.NewScene(scene, set_ids[key], tuple(ids)))
    scenes.insert_scenes(session, version.id, new)
    return version.id
