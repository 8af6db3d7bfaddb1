# SPDX-License-Identifier: AGPL-3.0-or-later
"""Breakdown suggestions, on scenes built here (French and English) and on the demo script."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regie.core.errors import RuleError
from regie.rules.pack import RulePack, parse_pack
from regie.rules.registry import shipped_pack
from regie.script.elements import Category, Suggestion, element_key
from regie.script.heading import parse_heading
from regie.script.model import ElementKind, LengthSource, Scene, Screenplay, ScriptElement
from regie.script.suggest import suggest
from regie.script.suggest_lexicon import fold, read_lexicon
from regie.script.suggest_match import excerpt

LEXICON = shipped_pack("breakdown-lexicon")
DEMO = Path(__file__).resolve().parents[2] / "src" / "regie" / "demo"
MINOR = "mineur : autorisation préfectorale, horaires"


# -- building scenes without a file format ---------------------------------------------


def action(text: str) -> ScriptElement:
    return ScriptElement(ElementKind.ACTION, text)


def says(cue: str, line: str) -> tuple[ScriptElement, ScriptElement]:
    return ScriptElement(ElementKind.CHARACTER, cue), ScriptElement(ElementKind.DIALOGUE, line)


Body = ScriptElement | tuple[ScriptElement, ScriptElement]


def scene(index: int, heading: str, *body: Body, notes: Sequence[str] = ()) -> Scene:
    elements: list[ScriptElement] = []
    for part in body:
        elements.extend(part if isinstance(part, tuple) else (part,))
    speakers = tuple(dict.fromkeys(e.text for e in elements if e.kind is ElementKind.CHARACTER))
    return Scene(
        index=index,
        heading=parse_heading(heading),
        elements=tuple(elements),
        speakers=speakers,
        eighths=8,
        length_source=LengthSource.LAYOUT,
        first_page=index,
        last_page=index,
        notes=tuple(notes),
    )


def script(*scenes: Scene) -> Screenplay:
    characters = tuple(dict.fromkeys(name for s in scenes for name in s.speakers))
    return Screenplay("test", tuple(scenes), characters, pages=len(scenes))


def found(
    suggestions: Iterable[Suggestion], category: Category, scene_index: int | None = None
) -> dict[str, Suggestion]:
    return {
        element_key(s.name): s
        for s in suggestions
        if s.category is category and (scene_index is None or s.scene_index == scene_index)
    }


# -- the French sample's expectations, in text written for this test ------------------

QUAI = script(
    scene(
        1,
        "INT. ATELIER DE MAREYAGE - JOUR",
        action(
            "Sur l'établi, entre deux caisses, une CLEF EN LAITON. ODILE (58 ans) la glisse "
            "dans sa poche."
        ),
        says("ODILE", "Personne ne l'a vue."),
    ),
    scene(
        2,
        "EXT. ROUTE DU PORT - NUIT",
        action(
            "La pluie redouble. Une CAMIONNETTE DE LIVRAISON double une VIEILLE PEUGEOT 504 "
            "garée de travers."
        ),
        says("ODILE", "Elle nous suit."),
    ),
    scene(
        3,
        "SÉQ. 3 - EXT. DARSE - AUBE",
        action("Trois DOCKERS (figuration) déchargent des palettes. Un BATEAU DE PÊCHE manœuvre."),
        action("Une LAMPE TORCHE balaie la coque."),
        notes=("Régie : prévoir 200 enveloppes kraft, accessoires.",),
    ),
)


def test_the_french_sample_elements_are_suggested() -> None:
    result = suggest(QUAI, LEXICON)
    props = found(result, Category.PROPS)
    vehicles = found(result, Category.VEHICLES)
    extras = found(result, Category.EXTRAS)
    assert {"CLEF EN LAITON", "LAMPE TORCHE"} <= props.keys()
    assert props["CLEF EN LAITON"].scene_index == 1
    envelopes = props["ENVELOPPES KRAFT"]
    assert (envelopes.scene_index, envelopes.quantity) == (3, 200)
    assert envelopes.reason == "note: 'prévoir 200 enveloppes kraft'"
    assert {"CAMIONNETTE DE LIVRAISON", "VIEILLE PEUGEOT 504", "BATEAU DE PÊCHE"} <= vehicles.keys()
    assert extras["DOCKERS"].quantity == 3
    assert extras["DOCKERS"].reason == "group in capitals (figuration)"
    # "(figuration)" is what made DOCKERS extras, not an element of its own
    assert "FIGURATION" not in extras
    # the capitals are the element: no second, lower-case "camionnette" or "bateau"
    assert "CAMIONNETTE" not in vehicles
    assert "BATEAU" not in vehicles


def test_speaking_characters_are_cast_first_in_speaking_order() -> None:
    result = suggest(QUAI, LEXICON)
    first = [s for s in result if s.scene_index == 1]
    assert first[0].category is Category.CAST
    assert (first[0].name, first[0].reason) == ("ODILE", "speaking character")
    assert first[0].excerpt == "Personne ne l'a vue."


def test_one_suggestion_per_element_and_scene_in_sheet_order() -> None:
    result = suggest(QUAI, LEXICON)
    keys = [(s.scene_index, s.category, element_key(s.name)) for s in result]
    assert len(keys) == len(set(keys))
    order = list(Category)
    ranks = [(s.scene_index, order.index(s.category)) for s in result]
    assert ranks == sorted(ranks)
    assert all(len(s.excerpt) <= 80 for s in result)


def test_output_is_deterministic() -> None:
    assert suggest(QUAI, LEXICON) == suggest(QUAI, LEXICON)


# -- cast, silhouettes, extras ---------------------------------------------------------


def test_a_silhouette_who_speaks_later_is_cast_else_extras() -> None:
    play = script(
        scene(
            1,
            "INT. COULOIR - JOUR",
            action("Le GARDIEN (60 ans) ferme la grille. Une INFIRMIÈRE (30 ans) passe."),
            action("Maxime fait semblant de dormir."),
        ),
        scene(2, "INT. LOGE - NUIT", says("GARDIEN", "Qui est là ?"), says("MAXIME", "Moi.")),
    )
    result = suggest(play, LEXICON)
    cast = found(result, Category.CAST, 1)
    extras = found(result, Category.EXTRAS, 1)
    assert cast["GARDIEN"].reason == "named in capitals in action"
    assert cast["MAXIME"].reason == "named in action"
    assert extras["INFIRMIÈRE"].reason == "silhouette in capitals (non-speaking)"
    assert "INFIRMIÈRE" not in cast


def test_crowds_with_their_number_in_french_and_english() -> None:
    french = script(
        scene(1, "EXT. PLACE DE LA MAIRIE - JOUR",
              action("Une cinquantaine de manifestants (figuration) scandent des slogans.")),
    )  # fmt: skip
    english = script(
        scene(1, "EXT. TOWN SQUARE - DAY",
              action("A dozen onlookers watch the parade. The crowd cheers as the band passes.")),
    )  # fmt: skip
    manifestants = found(suggest(french, LEXICON), Category.EXTRAS)["MANIFESTANTS"]
    assert manifestants.quantity == 50
    extras = found(suggest(english, LEXICON), Category.EXTRAS)
    assert extras["PASSERS-BY"].quantity == 12
    assert "CROWD" in extras


# -- minors, weather, night, weapons, water -------------------------------------------


def test_a_child_under_sixteen_marks_every_scene_where_cast() -> None:
    play = script(
        scene(1, "INT. CUISINE - MATIN",
              action("LÉA (12 ans) beurre une tartine. Son père, MARC (40 ans), lit."),
              says("MARC", "Dépêche-toi.")),
        scene(2, "EXT. ÉCOLE - JOUR", says("LÉA", "À ce soir !")),
        scene(3, "INT. BUREAU - JOUR", says("MARC", "Je suis en retard.")),
    )  # fmt: skip
    result = suggest(play, LEXICON)
    with_minor = {s.scene_index for s in result if s.category is Category.NOTES and s.name == MINOR}
    assert with_minor == {1, 2}
    note = found(result, Category.NOTES, 2)[element_key(MINOR)]
    assert note.reason == "minor: LÉA (12)"


def test_an_age_in_decades_is_not_a_minor_but_a_child_in_english_is() -> None:
    play = script(
        scene(1, "INT. DINER - NIGHT",
              action("TOMMY (10) spins on a stool. His uncle RAY (40s) pays."),
              says("TOMMY", "Can I have pie?"), says("RAY", "No.")),
    )  # fmt: skip
    result = suggest(play, LEXICON)
    notes = found(result, Category.NOTES)
    assert notes[element_key(MINOR)].reason == "minor: TOMMY (10)"
    assert len([s for s in result if s.name == MINOR]) == 1


def test_rain_in_an_exterior_is_weather_dependent_not_in_an_interior() -> None:
    play = script(
        scene(1, "EXT. QUAI - NUIT", action("Il pleut à verse. Sous la pluie, Paul attend.")),
        scene(2, "INT. CAFÉ - NUIT", action("Derrière la vitre, la pluie.")),
    )
    result = suggest(play, LEXICON)
    for index in (1, 2):
        assert "PLUIE ARTIFICIELLE" in found(result, Category.SFX, index)
    assert "EXTÉRIEUR DÉPENDANT DE LA MÉTÉO" in found(result, Category.NOTES, 1)
    assert "EXTÉRIEUR DÉPENDANT DE LA MÉTÉO" not in found(result, Category.NOTES, 2)
    assert "EXTÉRIEUR NUIT : TRAVAIL DE NUIT, ÉCLAIRAGE" in found(result, Category.NOTES, 1)
    assert "EXTÉRIEUR NUIT : TRAVAIL DE NUIT, ÉCLAIRAGE" not in found(result, Category.NOTES, 2)


@pytest.mark.parametrize(
    ("heading", "text", "prop"),
    [
        ("EXT. FORÊT - JOUR", "Il charge son fusil de chasse sans un mot.", "FUSIL"),
        ("EXT. FORÊT - JOUR", "Il sort un REVOLVER de sa poche.", "REVOLVER"),
        ("EXT. WOODS - DAY", "He raises the rifle and waits.", "RIFLE"),
    ],
)
def test_a_weapon_is_a_prop_and_asks_for_an_armourer(heading: str, text: str, prop: str) -> None:
    result = suggest(script(scene(1, heading, action(text))), LEXICON)
    assert prop in found(result, Category.PROPS)
    assert "ARMURIER / ARME" in found(result, Category.SECURITY)


def test_stunts_water_fire_vfx_music_and_period() -> None:
    play = script(
        scene(1, "EXT. BERGE DE LA LOIRE - CRÉPUSCULE",
              action("Paul glisse sur la vase et tombe dans la rivière. La barque dérive."),
              action("Au loin, la grange est en feu ; une fumée noire monte."),
              action("Sur l'autoradio, Nina chante. Une photo jaunie de 1968 sur le tableau de "
                     "bord."),
              notes=("VFX : incrustation d'un ciel d'orage.",)),
    )  # fmt: skip
    result = suggest(play, LEXICON)
    assert "CHUTE DANS L'EAU (CASCADE)" in found(result, Category.STUNTS)
    assert "SÉCURITÉ NAUTIQUE" in found(result, Category.SECURITY)
    assert "BARQUE" in found(result, Category.VEHICLES)
    assert {"FEU / FLAMMES", "FUMÉE"} <= found(result, Category.SFX).keys()
    assert "SÉCURITÉ INCENDIE (POMPIERS DE PLATEAU)" in found(result, Category.SECURITY)
    assert "VFX" in found(result, Category.VFX)
    assert found(result, Category.MUSIC)
    assert "ÉPOQUE / ARCHIVES" in found(result, Category.NOTES)
    assert "ÉLÉMENTS D'ÉPOQUE" in found(result, Category.SET_DRESSING)


def test_a_note_asking_for_animals_gives_their_number() -> None:
    play = script(scene(1, "EXT. PRÉ - JOUR", action("Le galop."), notes=("Prévoir 3 chevaux.",)))
    horses = found(suggest(play, LEXICON), Category.ANIMALS)["CHEVAUX"]
    assert horses.quantity == 3


# -- what is not an element ------------------------------------------------------------


def test_words_in_capitals_that_name_nothing_are_not_suggested() -> None:
    play = script(
        scene(1, "INT. SALON - SOIR",
              action("La TV est allumée. Un SMS arrive : OK. LOUIS XIV sourit sur le mur."),
              action("INSERT SUR LE JOURNAL"),
              action("Devant la mairie, une banderole : « TOUCHE PAS À MON ÉCOLE »."),
              says("NADIA", "Non.")),
    )  # fmt: skip
    english = script(scene(1, "INT. KITCHEN - DAY", action("He is NOT going. He says NO, twice.")))
    names = {element_key(s.name) for s in (*suggest(play, LEXICON), *suggest(english, LEXICON))}
    for word in ("TV", "SMS", "OK", "XIV", "INSERT", "INSERT SUR LE JOURNAL", "NOT", "NO"):
        assert word not in names
    assert "TOUCHE PAS À MON ÉCOLE" not in names
    assert "LOUIS XIV" in names  # a portrait is a prop; the numeral alone was not


def test_words_of_one_language_do_not_fire_in_the_other() -> None:
    french = script(
        scene(
            1,
            "INT. SALON - JOUR",
            action(
                "Il reste, car il pleut. Le chat dort. Le chat est roux et le "
                "thé est froid, elle est dans la cuisine avec le chien."
            ),
        )
    )
    english = script(scene(1, "INT. LIVING ROOM - DAY",
                           action("The car is outside and the cat sleeps on the sofa with the "
                                  "dog. She is in the kitchen.")))  # fmt: skip
    french_result = suggest(french, LEXICON)
    assert not found(french_result, Category.VEHICLES)
    assert "CHAT" in found(french_result, Category.ANIMALS)
    english_result = suggest(english, LEXICON)
    assert "CAR" in found(english_result, Category.VEHICLES)
    assert {"CAT", "DOG"} <= found(english_result, Category.ANIMALS).keys()


def test_sound_words_count_only_in_capitals() -> None:
    play = script(
        scene(1, "INT. BARN - NIGHT", action("A loud BANG. Rosie laughs, then the door CREAKS.")),
        scene(2, "INT. BARN - LATER", action("The fireworks bang on time and everybody laughs.")),
    )
    result = suggest(play, LEXICON)
    assert {"BANG", "CREAKS"} <= found(result, Category.SOUND, 1).keys()
    assert not found(result, Category.SOUND, 2)
    assert "BANG" not in found(result, Category.PROPS)


def test_camera_directions_in_capitals_are_not_props() -> None:
    play = script(scene(1, "EXT. FIELD - DAY", action("We PUSH IN on Rosie. TILT UP to the sky.")))
    assert not found(suggest(play, LEXICON), Category.PROPS)


def test_dialogue_is_not_read_for_elements() -> None:
    play = script(scene(1, "INT. BUREAU - JOUR", says("ANNE", "Il y avait un cheval et un fusil.")))
    result = suggest(play, LEXICON)
    assert [s.category for s in result] == [Category.CAST]


# -- the lexicon pack ------------------------------------------------------------------


def _edited(old: str, new: str, version: str | None = None) -> RulePack:
    text = Path(__file__).resolve().parents[2] / "src/regie/rules/packs/breakdown-lexicon.yaml"
    source = text.read_text(encoding="utf-8")
    assert old in source
    source = source.replace(old, new, 1)
    if version is not None:
        source = source.replace('version: "2026.1"', f'version: "{version}"', 1)
    return parse_pack(source, path="my-lexicon.yaml")


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("element: voiture, lang: fr}", "element: voiture, lang: fr, wrods: [auto]}",
         "keywords.vehicles[0]"),
        ("element: fusil, lang: fr, also: [\"security: armurier / arme\"]}",
         "element: fusil, lang: fr, also: [\"sécurité: armurier\"]}", "keywords.props[0].also[0]"),
        ("patterns: ['annees (?:19)?[2-9]0', ", "patterns: ['annees (19', ",
         "keywords.notes[0].patterns[0]"),
        ("  keywords.sfx:", "  keywords.effets:", "keywords.effets"),
        ("element: taxi}", "element: taxi, lang: de}", "keywords.vehicles[14].lang"),
        ('      - {words: [peugeot], element: Peugeot}', "      - {element: Peugeot}",
         "keywords.vehicles[26]"),
        ('value: "16"', 'value: "seize"', "minors.age_below"),
    ],
)  # fmt: skip
def test_a_malformed_lexicon_is_refused_naming_the_entry(old: str, new: str, where: str) -> None:
    with pytest.raises(RuleError) as caught:
        suggest(QUAI, _edited(old, new))
    assert caught.value.where == f"my-lexicon.yaml: {where}"
    assert "breakdown lexicon" in str(caught.value)


def test_the_shipped_lexicon_reads_and_cites_its_sources() -> None:
    lexicon = read_lexicon(LEXICON)
    assert lexicon.ref == "breakdown-lexicon@2026.1"
    assert {e.category for e in lexicon.entries} == set(Category)
    assert lexicon.minor_age_below == 16
    assert all(value.sources for value in LEXICON)


def test_an_edited_lexicon_is_used_even_with_the_same_version() -> None:
    play = script(scene(1, "EXT. CHAMP - JOUR", action("Une montgolfière survole le champ.")))
    assert not found(suggest(play, LEXICON), Category.VEHICLES)
    richer = _edited(
        "{words: [hélicoptère], element: hélicoptère, lang: fr}",
        "{words: [hélicoptère, montgolfière], element: aéronef, lang: fr}",
    )
    assert "AÉRONEF" in found(suggest(play, richer), Category.VEHICLES)
    assert not found(suggest(play, LEXICON), Category.VEHICLES)


# -- text helpers ----------------------------------------------------------------------


@given(st.text())
def test_folding_keeps_every_position(text: str) -> None:
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.isascii()


def test_folding_removes_case_and_accents() -> None:
    assert fold("ÉCRAN Pêche À L’EAU Bœuf") == "ecran peche a l'eau bouf"


@given(st.text(alphabet="ab \n", max_size=300), st.data())
def test_an_excerpt_is_short_and_on_the_line_of_the_hit(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 20)))
    snippet = excerpt(text, start, end)
    assert len(snippet) <= 80
    assert "\n" not in snippet
    assert " ".join(text[start:end].split()) in " ".join(snippet.split())


# -- real scripts ----------------------------------------------------------------------


def _importer() -> Callable[[Path], Screenplay]:
    try:
        fountain = importlib.import_module("regie.formats.fountain")
        assemble = importlib.import_module("regie.script.assemble")
    except ImportError as missing:  # pragma: no cover - only before the adapters exist
        pytest.skip(f"needs regie.formats.fountain and regie.script.assemble ({missing})")
    parse = fountain.parse_fountain
    build = assemble.assemble

    def read(path: Path) -> Screenplay:
        screenplay: Screenplay = build(parse(path.read_bytes(), filename=path.name))
        return screenplay

    return read


def test_the_demo_screenplay_gets_its_planted_elements() -> None:
    result = suggest(_importer()(DEMO / "le-dernier-bac.fountain"), LEXICON)

    def has(index: int, category: Category, name: str) -> bool:
        return element_key(name) in found(result, category, index)

    assert has(1, Category.SPECIAL_EQUIPMENT, "drone")
    assert has(1, Category.VEHICLES, "BAC DE SAINTE-AUDE")
    assert has(1, Category.VEHICLES, "TRACTEUR")
    assert has(1, Category.ANIMALS, "CHIEN")
    assert has(1, Category.EXTRAS, "JOJO")  # never speaks: a silhouette
    assert has(2, Category.VEHICLES, "RENAULT MÉGANE")
    assert has(2, Category.ANIMALS, "VACHES")
    assert has(2, Category.VFX, "incrustation écran")
    assert has(3, Category.VEHICLES, "CAMIONNETTE DU BOULANGER")
    assert has(3, Category.VEHICLES, "MOBYLETTE BLEUE")
    assert has(4, Category.PROPS, "PHOTO JAUNIE")
    assert has(4, Category.NOTES, "époque / archives")
    assert has(5, Category.CAST, "GÉRALDINE")
    assert has(7, Category.EXTRAS, "PÊCHEURS")
    assert found(result, Category.EXTRAS, 7)["PÊCHEURS"].quantity == 3
    assert has(9, Category.PROPS, "FUSIL DE CHASSE")
    assert has(9, Category.SECURITY, "armurier / arme")
    assert has(10, Category.CAST, "MADELEINE")
    assert found(result, Category.EXTRAS, 11)["VILLAGEOIS"].quantity == 50
    assert has(11, Category.MUSIC, "chanson (à l'image)")
    assert has(11, Category.NOTES, "extérieur nuit : travail de nuit, éclairage")
    assert has(14, Category.SFX, "pluie artificielle")
    assert has(14, Category.NOTES, "extérieur dépendant de la météo")
    assert has(15, Category.STUNTS, "chute (cascade)")
    assert has(15, Category.SECURITY, "sécurité nautique")
    assert has(17, Category.MAKEUP_HAIR, "sang")
    assert has(17, Category.VFX, "VFX")
    assert has(18, Category.SFX, "feu / flammes")
    assert has(18, Category.EXTRAS, "GENDARMES")
    minors = {s.scene_index for s in result if s.name == MINOR}
    assert {2, 11, 14, 15, 18} <= minors
    assert 5 not in minors  # Noé is not in the council meeting


def test_the_revised_demo_draft_is_read_the_same_way() -> None:
    read = _importer()
    first = read(DEMO / "le-dernier-bac.fountain")
    second = read(DEMO / "le-dernier-bac-v2.fountain")
    labels = [s.label for s in second.scenes]
    assert "6A" in labels
    assert "16" not in labels
    result = suggest(second, LEXICON)
    new_scene = labels.index("6A") + 1
    assert "CAMION" in found(result, Category.VEHICLES, new_scene)
    old = {s.label: s for s in first.scenes}
    same = [
        s for s in second.scenes if s.label in old and s.body_text() == old[s.label].body_text()
    ]
    assert len(same) == len(second.scenes) - 3  # 6A added, 8 and 13 changed


@pytest.mark.corpus
def test_an_english_feature_script_is_read_whole(corpus_dir: Path) -> None:
    big_fish = corpus_dir / "scripts" / "Big-Fish.fountain"
    if not big_fish.is_file():
        pytest.skip("Big-Fish.fountain is not in the corpus")
    screenplay = _importer()(big_fish)
    result = suggest(screenplay, LEXICON)
    assert len({s.scene_index for s in result}) >= 0.98 * len(screenplay.scenes)
    cast = found(result, Category.CAST)
    assert {"EDWARD", "WILL", "SANDRA"} <= cast.keys()
    assert "RIVER" not in found(result, Category.PROPS)
