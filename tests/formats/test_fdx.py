# SPDX-License-Identifier: AGPL-3.0-or-later
"""Final Draft (.fdx) import: small original FDX documents written here, the security cases,
and the FDX files of the shared corpus against their truth files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from regie.core.errors import ParseError
from regie.formats.fdx import label_title_page, parse_fdx
from regie.script.assemble import assemble
from regie.script.model import DualSide, ElementKind, ParsedScript


def _fdx(
    content: str, *, extra: str = "", attrs: str = 'DocumentType="Script" Version="5"'
) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>\n'
        f"<FinalDraft {attrs}>\n<Content>\n{content}\n</Content>\n{extra}</FinalDraft>\n"
    ).encode()


def _para(kind: str, text: str, attrs: str = "") -> str:
    return f'<Paragraph Type="{kind}"{attrs}><Text>{text}</Text></Paragraph>'


def _parse(content: str, **kwargs: str) -> ParsedScript:
    return parse_fdx(_fdx(content, **kwargs), filename="test.fdx")


def test_paragraph_types_map_to_element_kinds() -> None:
    content = "\n".join(
        (
            _para("Scene Heading", "INT. ATELIER - JOUR"),
            _para("Action", "Des toiles partout."),
            _para("General", "Une horloge sonne."),
            _para("Cast List", "PAUL, peintre"),
            _para("Character", "PAUL (OFF)"),
            _para("Parenthetical", "(las)"),
            _para("Dialogue", "Encore une."),
            _para("Transition", "CUT TO:"),
            _para("Shot", "GROS PLAN SUR LA TOILE"),
            _para("New Act", "ACTE II"),
            _para("End of Act", "FIN DE L'ACTE II"),
            _para("Outline 1", "Le doute"),
            _para("Outline Body", "Paul hésite."),
            _para("Something New", "Texte inconnu"),
        )
    )
    kinds = [(e.kind, e.text) for e in _parse(content).elements]
    assert kinds == [
        (ElementKind.HEADING, "INT. ATELIER - JOUR"),
        (ElementKind.ACTION, "Des toiles partout."),
        (ElementKind.ACTION, "Une horloge sonne."),
        (ElementKind.ACTION, "PAUL, peintre"),
        (ElementKind.CHARACTER, "PAUL"),
        (ElementKind.PARENTHETICAL, "(las)"),
        (ElementKind.DIALOGUE, "Encore une."),
        (ElementKind.TRANSITION, "CUT TO:"),
        (ElementKind.SHOT, "GROS PLAN SUR LA TOILE"),
        (ElementKind.SECTION, "ACTE II"),
        (ElementKind.SECTION, "FIN DE L'ACTE II"),
        (ElementKind.SECTION, "Le doute"),
        (ElementKind.SYNOPSIS, "Paul hésite."),
        (ElementKind.ACTION, "Texte inconnu"),
    ]


def test_cue_extension_and_centred_action() -> None:
    content = (
        _para("Character", "LÉA (V.O.) (CONT'D)")
        + _para("Dialogue", "Oui.")
        + '<Paragraph Alignment="Center" Type="Action"><Text>FIN</Text></Paragraph>'
    )
    cue, _dialogue, end = _parse(content).elements
    assert (cue.text, cue.extension) == ("LÉA", "V.O., CONT'D")
    assert end.kind is ElementKind.CENTERED


def test_text_runs_are_concatenated() -> None:
    content = (
        '<Paragraph Type="Action"><Text Style="Bold">Le VASE</Text>'
        '<Text Style="Italic"> tombe\t</Text><DynamicLabel Type="Page #"/>'
        "<Text>et se brise.\n</Text></Paragraph>"
        '<Paragraph Type="Scene Heading"><Text>EXT. COUR  </Text><Text>- NUIT\n</Text></Paragraph>'
    )
    action, heading = _parse(content).elements
    assert action.text == "Le VASE tombe et se brise."
    assert heading.text == "EXT. COUR - NUIT"


def test_dual_dialogue_sides() -> None:
    content = (
        "<Paragraph><DualDialogue>"
        + _para("Character", "ANNA")
        + _para("Dialogue", "Maintenant.")
        + _para("Character", "BORIS")
        + _para("Parenthetical", "(en même temps)")
        + _para("Dialogue", "Maintenant.")
        + "</DualDialogue></Paragraph>"
        + _para("Action", "Ils sortent.")
    )
    elements = _parse(content).elements
    assert [(e.text, e.dual) for e in elements] == [
        ("ANNA", DualSide.LEFT),
        ("Maintenant.", DualSide.LEFT),
        ("BORIS", DualSide.RIGHT),
        ("(en même temps)", DualSide.RIGHT),
        ("Maintenant.", DualSide.RIGHT),
        ("Ils sortent.", None),
    ]


def test_heading_number_and_stored_length_in_any_attribute_order() -> None:
    content = (
        '<Paragraph Number="12A" Type="Scene Heading">'
        '<SceneProperties Length="1 3/8" Page="4" Title=""><SceneArcBeats>'
        '<CharacterArcBeat Name="PAUL"><Paragraph Alignment="Left"/></CharacterArcBeat>'
        "</SceneArcBeats></SceneProperties><Text>INT. GARE - NUIT</Text></Paragraph>"
        '<Paragraph Type="Scene Heading" Number="13">'
        '<SceneProperties Page="5" Title="" Length="3/8"/><Text>EXT. QUAI - NUIT</Text></Paragraph>'
        '<Paragraph Type="Scene Heading"><SceneProperties/><Text>FADE IN:</Text></Paragraph>'
    )
    first, second, third = _parse(content).elements
    assert (first.scene_number, first.stored_eighths, first.page) == ("12A", 11, 4)
    assert (second.scene_number, second.stored_eighths, second.page) == ("13", 3, 5)
    assert (third.scene_number, third.stored_eighths, third.page) == (None, None, None)


def test_bad_stored_length_is_a_warning() -> None:
    content = (
        '<Paragraph Type="Scene Heading"><SceneProperties Length="long"/>'
        "<Text>INT. GARE - NUIT</Text></Paragraph>"
    )
    parsed = _parse(content)
    assert parsed.elements[0].stored_eighths is None
    assert "long" in parsed.warnings[0]


def test_omitted_scene_keeps_its_number_not_the_old_text() -> None:
    content = (
        '<Paragraph Type="Scene Heading" Number="7"><OmittedScene>'
        + _para("Scene Heading", "INT. CAVE - NUIT")
        + "</OmittedScene><Text>OMITTED</Text></Paragraph>"
    )
    (heading,) = _parse(content).elements
    assert (heading.kind, heading.text, heading.scene_number) == (
        ElementKind.HEADING,
        "OMITTED",
        "7",
    )


def test_lines_are_xml_source_lines() -> None:
    content = "\n".join((_para("Scene Heading", "INT. A - JOUR"), "", _para("Action", "Texte.")))
    heading, action = _parse(content).elements
    assert (heading.line, action.line) == (4, 6)


def test_title_page() -> None:
    title = (
        "<TitlePage><Content>"
        '<Paragraph Alignment="Center"/>'
        '<Paragraph Alignment="Center"><Text>LES HÉRONS</Text></Paragraph>'
        '<Paragraph Alignment="Center"><Text>Écrit par</Text></Paragraph>'
        '<Paragraph Alignment="Center"><Text>Nora Petit</Text></Paragraph>'
        '<Paragraph Alignment="Left"><Text>Version du 3 mars</Text></Paragraph>'
        "</Content></TitlePage>"
    )
    parsed = _parse(_para("Scene Heading", "INT. A - JOUR"), extra=title)
    assert parsed.title_page == (
        ("Title", "LES HÉRONS"),
        ("Credit", "Écrit par"),
        ("Author", "Nora Petit"),
        ("Notes", "Version du 3 mars"),
    )
    assert parsed.title == "LES HÉRONS"


def test_label_title_page_without_credit() -> None:
    assert label_title_page(["", "TITRE", "Contact"]) == (("Title", "TITRE"), ("Notes", "Contact"))


# -- refused or broken files -----------------------------------------------------------------


def test_billion_laughs_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE FinalDraft [\n<!ENTITY lol "lol">\n'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n'
        b']>\n<FinalDraft><Content><Paragraph Type="Action"><Text>&lol3;</Text>'
        b"</Paragraph></Content></FinalDraft>\n"
    )
    with pytest.raises(ParseError, match="entity declarations") as err:
        parse_fdx(bomb, filename="bomb.fdx")
    assert "bomb.fdx" in str(err.value)
    assert "safety" in str(err.value)


def test_external_entity_is_refused() -> None:
    xxe = (
        b'<?xml version="1.0"?>\n<!DOCTYPE FinalDraft [\n'
        b'<!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n'
        b'<FinalDraft><Content><Paragraph Type="Action"><Text>&x;</Text></Paragraph>'
        b"</Content></FinalDraft>\n"
    )
    with pytest.raises(ParseError, match="entity declarations") as err:
        parse_fdx(xxe, filename="xxe.fdx")
    assert "xxe.fdx" in str(err.value)


def test_truncated_file_names_the_line() -> None:
    data = _fdx(_para("Scene Heading", "INT. A - JOUR") + "\n" + _para("Action", "Texte."))
    with pytest.raises(ParseError, match="not well-formed XML") as err:
        parse_fdx(data[: data.index(b"Texte")], filename="coupe.fdx")
    assert err.value.line == 5
    assert "coupe.fdx, line 5" in str(err.value)


def test_wrong_root() -> None:
    with pytest.raises(ParseError, match="root element is <html>"):
        parse_fdx(b"<html><body>INT. A - JOUR</body></html>", filename="page.fdx")


def test_no_content() -> None:
    with pytest.raises(ParseError, match="no <Content>"):
        parse_fdx(b'<FinalDraft Version="5"><TitlePage/></FinalDraft>', filename="t.fdx")


def test_no_paragraphs() -> None:
    with pytest.raises(ParseError, match="no paragraphs"):
        parse_fdx(_fdx('<Paragraph Type="General"><Text> </Text></Paragraph>'), filename="t.fdx")


def test_empty_file() -> None:
    with pytest.raises(ParseError, match="empty"):
        parse_fdx(b"", filename="vide.fdx")


# -- shared corpus -----------------------------------------------------------------------------


def _headings(parsed: ParsedScript) -> list[str]:
    return [e.text for e in parsed.elements if e.kind is ElementKind.HEADING]


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("Brick-and-Steel.fdx", 8),
        ("La-Clef-du-Quai.fdx", 7),
        ("TestFDX-FD.fdx", 2),
        ("TestFDX-FI.fdx", 2),
        ("sample-06.fdx", 3),
        ("Big-Fish.fdx", 190),
    ],
)
def test_corpus_heading_counts(corpus_dir: Path, name: str, count: int) -> None:
    path = corpus_dir / "scripts" / name
    if not path.exists():
        pytest.skip(f"{name} not in the corpus")
    assert len(_headings(parse_fdx(path.read_bytes(), filename=name))) == count


@pytest.mark.corpus
def test_corpus_numbers_and_stored_eighths(corpus_dir: Path) -> None:
    scripts = corpus_dir / "scripts"
    clef = parse_fdx((scripts / "La-Clef-du-Quai.fdx").read_bytes())
    numbers = [e.scene_number for e in clef.elements if e.kind is ElementKind.HEADING]
    assert numbers == ["1", "2", "3", "4", None, "6", "7"]
    # Final Draft and Fade In both store Length="3/8" and "2/8" (Fade In's SceneProperties
    # has no children, but it has the attributes).
    for name in ("TestFDX-FD.fdx", "TestFDX-FI.fdx"):
        parsed = parse_fdx((scripts / name).read_bytes(), filename=name)
        stored = [(e.stored_eighths, e.page) for e in parsed.elements if e.kind.value == "heading"]
        assert stored == [(3, 1), (2, 1)], name
    brick = parse_fdx((scripts / "Brick-and-Steel.fdx").read_bytes())
    assert all(e.stored_eighths is None for e in brick.elements)
    assert "SNIPER SCOPE POV" in _headings(brick)


_TRUTHS = ("Brick-and-Steel.truth.json", "La-Clef-du-Quai.truth.json", "TestFDX-FD.truth.json")


@pytest.mark.corpus
@pytest.mark.parametrize("truth_name", _TRUTHS)
def test_corpus_truth_per_scene(corpus_dir: Path, truth_name: str) -> None:
    scripts = corpus_dir / "scripts"
    truth = json.loads((scripts / truth_name).read_text(encoding="utf-8"))
    names = [f for f in (truth["file"], *truth.get("also_applies_to", ())) if f.endswith(".fdx")]
    names = [f for f in names if (scripts / f).exists()]
    assert names
    for name in names:
        screenplay = assemble(parse_fdx((scripts / name).read_bytes(), filename=name))
        assert len(screenplay.scenes) == truth["scene_count"], name
        for scene, expected in zip(screenplay.scenes, truth["scenes"], strict=True):
            heading = scene.heading
            assert (heading.int_ext.value if heading.int_ext else None) == expected["int_ext"]
            assert heading.set_name == expected["location"], name
            assert heading.time_of_day == expected["time_of_day"], name
            assert sorted(scene.speakers) == sorted(expected["speakers"]), name
            assert heading.number == expected["scene_number"], name
            if name == truth["file"]:  # truth lines are lines of that file
                assert scene.line == expected["line"], name
            if "length_eighths" in expected:
                assert scene.eighths == expected["length_eighths"], name
