# SPDX-License-Identifier: AGPL-3.0-or-later
"""Fountain import, whole files: unusable files, a Hypothesis property over arbitrary text,
and the Fountain files of the shared corpus against their truth files and the scene counts
in PEERS.md (those skip when the corpus is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regie.core.errors import ParseError
from regie.formats.fountain import parse_fountain
from regie.script.assemble import assemble
from regie.script.model import ElementKind, ParsedScript, ScriptElement

K = ElementKind


def _kinds(source: str | bytes) -> list[tuple[ElementKind, str]]:
    return [(e.kind, e.text) for e in parse_fountain(source, filename="t.fountain").elements]


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        ("", "empty"),
        (b"  \n\t\n   \r\n", "blank"),
        ("   \n\n ", "blank"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
        (b"Title: Seul\nAuthor: Moi\n", "title page but no script body"),
        (b"/* tout est commente */\n\n", "no script text"),
    ],
)
def test_unusable_files_raise_parse_error_naming_the_file(data: bytes | str, message: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_fountain(data, filename="scene.fountain")
    assert "scene.fountain" in str(caught.value)
    assert message in str(caught.value)


def test_fifty_megabytes_is_refused() -> None:
    data = b"INT. A - JOUR\n\nTexte.\n\n" * (50 * 1024 * 1024 // 22)
    with pytest.raises(ParseError, match=r"big\.fountain.*MB"):
        parse_fountain(data, filename="big.fountain")
    with pytest.raises(ParseError, match=r"big\.fountain.*MB"):
        parse_fountain(data.decode(), filename="big.fountain")


def test_windows_1252_file_is_read() -> None:
    data = "INT. CAFÉ - JOUR\n\nHÉLÈNE\nVoilà.".encode("cp1252")
    assert _kinds(data)[1] == (K.CHARACTER, "HÉLÈNE")


@pytest.mark.parametrize(
    "source",
    [
        "*a " * 20_000,
        "_a " * 20_000,
        "**a " * 20_000,
        "[[" * 50_000,
        "[[a\n\n" * 30_000 + "]]",
        "INT. A - JOUR\n" * 30_000,
        "Texte.\n  \n" * 30_000,
        "BOB" + "(x)" * 20_000 + "\nSalut.",
    ],
    ids=["stars", "underscores", "bold", "open-notes", "notes", "headings", "two-space", "cue"],
)
def test_pathological_lines_are_read_in_linear_time(source: str) -> None:
    # Each of these took seconds to minutes with a quadratic scan; no timing is asserted,
    # a regression shows as a test that does not finish.
    assert parse_fountain(source, filename="pathological.fountain").elements


# -- property -------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "INT. A - JOUR",
        ".FORCE",
        "BOB",
        "HÉLÈNE ^",
        "@bob",
        "(un temps)",
        "Texte.",
        "  ",
        " ",
        "",
        "\t",
        "> FIN <",
        "> CUT",
        "~la",
        "# Acte",
        "= syn",
        "===",
        "/*",
        "*/",
        "[[",
        "]]",
        "[[note]]",
        "**",
        "*",
        "_",
        "\\",
        "!",
        "CUT TO:",
        "Title: X",
        "#1#",
        "\r",
        "\r\n",
        "\x00",
        "\x01",
        "\x02",
        "^",
        "@",
        ".",
        "...",
        "INTÉRIEUR X - SOIR",
    ]
)
_SOURCES = st.one_of(
    st.text(),
    st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40).map("\n".join),
    st.lists(_PIECES, max_size=60).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(source=_SOURCES, strict=st.booleans())
def test_parsing_never_fails_otherwise_and_lines_stay_in_the_file(
    source: str, strict: bool
) -> None:
    try:
        parsed = parse_fountain(source, filename="prop.fountain", strict=strict)
    except ParseError:
        return
    lines = source.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    assert parsed.elements
    previous = 0
    for element in parsed.elements:
        assert element.line is not None
        assert 1 <= element.line <= lines
        assert element.line >= previous
        previous = element.line


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_never_fail_otherwise(data: bytes) -> None:
    try:
        parsed = parse_fountain(data, filename="prop.fountain")
    except ParseError:
        return
    lines = data.count(b"\n") + data.count(b"\r") + 1
    assert all(e.line is not None and 1 <= e.line <= lines for e in parsed.elements)


# -- shared corpus --------------------------------------------------------------------------


def _corpus_script(corpus_dir: Path, name: str, *, strict: bool = False) -> ParsedScript:
    path = corpus_dir / "scripts" / name
    return parse_fountain(path.read_bytes(), filename=name, strict=strict)


def _headings(parsed: ParsedScript) -> list[ScriptElement]:
    return [e for e in parsed.elements if e.kind is K.HEADING]


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "default", "strict"),
    [
        ("Brick-and-Steel.fountain", 8, 8),
        ("La-Clef-du-Quai.fountain", 7, 6),
        ("The-Last-Birthday-Card.fountain", 48, 48),
        ("Big-Fish.fountain", 192, 190),
        ("sample-07.fountain", 209, 209),
        ("my_living_memory.fountain", 9, 9),
    ],
)
def test_corpus_heading_counts(corpus_dir: Path, name: str, default: int, strict: bool) -> None:
    assert len(_headings(_corpus_script(corpus_dir, name))) == default
    assert len(_headings(_corpus_script(corpus_dir, name, strict=True))) == strict


@pytest.mark.corpus
@pytest.mark.parametrize("stem", ["Brick-and-Steel", "La-Clef-du-Quai"])
def test_corpus_scenes_match_truth(corpus_dir: Path, stem: str) -> None:
    truth = json.loads((corpus_dir / "scripts" / f"{stem}.truth.json").read_text("utf-8"))
    parsed = _corpus_script(corpus_dir, f"{stem}.fountain")
    headings = _headings(parsed)
    assert len(headings) == truth["scene_count"]
    expected = [(s["line"], s["heading"], s["forced"]) for s in truth["scenes"]]
    assert [(h.line, h.text, h.forced) for h in headings] == expected
    scenes = assemble(parsed).scenes
    got = [
        (
            s.heading.int_ext.value if s.heading.int_ext else None,
            s.heading.set_name,
            s.heading.time_of_day,
            s.heading.number,
            set(s.speakers),
        )
        for s in scenes
    ]
    want = [
        (s["int_ext"], s["location"], s["time_of_day"], s["scene_number"], set(s["speakers"]))
        for s in truth["scenes"]
    ]
    assert got == want


@pytest.mark.corpus
def test_corpus_la_clef_strict_folds_the_interieur_scene(corpus_dir: Path) -> None:
    truth = json.loads((corpus_dir / "scripts" / "La-Clef-du-Quai.truth.json").read_text())
    parsed = _corpus_script(corpus_dir, "La-Clef-du-Quai.fountain", strict=True)
    assert len(_headings(parsed)) == truth["scene_count_fountain_spec_strict"]
    texts = [e.text for e in parsed.elements if e.kind is K.ACTION]
    assert "INTÉRIEUR ENTREPÔT N° 7 - SOIR" in texts


@pytest.mark.corpus
def test_corpus_brick_and_steel_other_elements(corpus_dir: Path) -> None:
    truth = json.loads((corpus_dir / "scripts" / "Brick-and-Steel.truth.json").read_text())
    parsed = _corpus_script(corpus_dir, "Brick-and-Steel.fountain")
    centered = [e.text for e in parsed.elements if e.kind is K.CENTERED]
    assert centered == truth["other_elements"]["centered_text"]
    transitions = {e.text for e in parsed.elements if e.kind is K.TRANSITION}
    assert transitions == {"SMASH CUT TO:", "CUT TO:", "BURN TO PINK."}
    right = [e.text for e in parsed.elements if e.kind is K.CHARACTER and e.dual]
    assert right == ["STEEL", "BRICK"]
    assert parsed.title == "BRICK & STEEL FULL RETIRED"


@pytest.mark.corpus
def test_corpus_sample_07_speakers(corpus_dir: Path) -> None:
    listed = (corpus_dir / "scripts" / "sample-07-characters.txt").read_text("utf-8")
    expected = {name.strip() for name in listed.splitlines() if name.strip()}
    characters = set(assemble(_corpus_script(corpus_dir, "sample-07.fountain")).characters)
    # The list folds "WOMAN'S VOICE" into WOMAN (SOURCES.md); regie keeps cues as written.
    voices = {name for name in characters if name.endswith("'S VOICE")}
    assert characters - voices == expected - {"WOMAN"}
    assert "WOMAN'S VOICE" in voices
