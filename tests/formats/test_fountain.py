# SPDX-License-Identifier: AGPL-3.0-or-later
"""Fountain import, element by element: every rule of the spec on small original snippets
written here (whole files, bad input and the corpus are in test_fountain_files.py)."""

from __future__ import annotations

import pytest

from regie.formats import fountain_element
from regie.formats.fountain import parse_fountain
from regie.script.assemble import assemble
from regie.script.model import DualSide, ElementKind, ParsedScript, ScriptElement

K = ElementKind


def _parse(source: str | bytes, *, strict: bool = False) -> ParsedScript:
    return parse_fountain(source, filename="test.fountain", strict=strict)


def _kinds(source: str | bytes, *, strict: bool = False) -> list[tuple[ElementKind, str]]:
    return [(e.kind, e.text) for e in _parse(source, strict=strict).elements]


def _only(source: str, kind: ElementKind) -> list[ScriptElement]:
    return [e for e in _parse(source).elements if e.kind is kind]


# -- line endings, blank lines, line numbers ------------------------------------------------


def test_mixed_line_endings_and_lone_cr() -> None:
    source = b"Title: Mix\n\nINT. SALLE - JOUR\r\n\r\nBOB\r\nSalut.\n\r\nEXT. RUE - NUIT\rBruit.\r"
    parsed = _parse(source)
    assert [(e.kind, e.text, e.line) for e in parsed.elements] == [
        (K.HEADING, "INT. SALLE - JOUR", 3),
        (K.CHARACTER, "BOB", 5),
        (K.DIALOGUE, "Salut.", 6),
        (K.HEADING, "EXT. RUE - NUIT", 8),
        (K.ACTION, "Bruit.", 9),
    ]


def test_whitespace_only_line_is_blank_before_a_heading() -> None:
    source = "FADE IN:\n \nINT. CHAMBRE - JOUR\n\nUne chambre bleue.\n\t\nINT. SALON - JOUR"
    headings = _only(source, K.HEADING)
    assert [(h.text, h.line) for h in headings] == [
        ("INT. CHAMBRE - JOUR", 3),
        ("INT. SALON - JOUR", 7),
    ]


def test_two_space_line_continues_dialogue_but_is_blank_elsewhere() -> None:
    source = "BOB\nPremier couplet.\n  \nSecond couplet.\n\nAction un.\n  \nAction deux."
    assert _kinds(source) == [
        (K.CHARACTER, "BOB"),
        (K.DIALOGUE, "Premier couplet.\n\nSecond couplet."),
        (K.ACTION, "Action un."),
        (K.ACTION, "Action deux."),
    ]


def test_action_keeps_line_breaks_and_indentation() -> None:
    source = "Il entre.\n    Il hésite.\nIl sort.   "
    assert _kinds(source) == [(K.ACTION, "Il entre.\n    Il hésite.\nIl sort.")]


# -- title page -----------------------------------------------------------------------------


def test_title_page_keys_continuations_and_emphasis() -> None:
    source = (
        "Title:\n\t_**LA BOÎTE**_\n\t*Suite*\nCredit: Écrit par\nAuthor: Anne Roux\n"
        "Contact:\n   12 rue des Lilas\n   75020 Paris\n\nINT. BUREAU - JOUR"
    )
    parsed = _parse(source)
    assert parsed.title_page == (
        ("Title", "LA BOÎTE\nSuite"),
        ("Credit", "Écrit par"),
        ("Author", "Anne Roux"),
        ("Contact", "12 rue des Lilas\n75020 Paris"),
    )
    assert parsed.title == "LA BOÎTE Suite"
    assert parsed.elements[0].line == 10


def test_title_page_only_at_the_top_and_not_a_lone_transition() -> None:
    assert _parse("FADE IN:\n\nINT. A - JOUR").title_page == ()
    late = _parse("INT. A - JOUR\n\nTitle: pas un titre")
    assert late.title_page == ()
    assert late.elements[-1].text == "Title: pas un titre"
    assert _parse("Producer: Moi\nPhone: 01 02\n\nINT. A - JOUR").title_page == (
        ("Producer", "Moi"),
        ("Phone", "01 02"),
    )


def test_boneyard_inside_the_title_page() -> None:
    parsed = _parse("Title: Vrai\n/* Credit: caché */\nAuthor: Moi\n\nINT. A - JOUR")
    assert parsed.title_page == (("Title", "Vrai"), ("Author", "Moi"))
    assert parsed.elements[0].line == 5


# -- boneyard and notes ---------------------------------------------------------------------


def test_boneyard_variants() -> None:
    source = (
        "INT. A - JOUR\n\nIl dort. /* coupé */ Il rêve.\n\n/*\nEXT. PHARE - NUIT\n\n"
        "LUCIE\nPersonne.\n*/\n\nBOB\n/* (à part) */\nSalut.\n\n"
        "/* unterminated\nEXT. NULLE PART - NUIT\n\nJEAN\nRien."
    )
    parsed = _parse(source)
    assert [(e.kind, e.text, e.line) for e in parsed.elements] == [
        (K.HEADING, "INT. A - JOUR", 1),
        (K.ACTION, "Il dort.  Il rêve.", 3),
        (K.CHARACTER, "BOB", 12),
        (K.DIALOGUE, "Salut.", 14),
    ]
    assert parsed.warnings == (
        "line 16: a boneyard '/*' is never closed with '*/'; everything after it was left out",
    )


def test_settings_boneyard_at_end_of_file_without_newline() -> None:
    source = 'INT. A - JOUR\n\nFin.\n\n/* If you\'re seeing this - BEAT:\n{"x": 1}\nEND_BEAT */'
    assert _kinds(source) == [(K.HEADING, "INT. A - JOUR"), (K.ACTION, "Fin.")]


def test_notes_inline_multiline_and_standalone() -> None:
    source = (
        "INT. CUISINE - NUIT [[STORYLINE CAMBRIOLAGE]]\n\n"
        "Elle mange. [[accessoire : cuillère]] Lentement.\n\n"
        "[[Note de production :\nprévoir 200 enveloppes.]]\n\n"
        "MARC\nBonjour [[ton ?]]\n[[note seule en plein dialogue]]\nà tous."
    )
    elements = _parse(source).elements
    assert [(e.kind, e.text, e.notes, e.line) for e in elements] == [
        (K.HEADING, "INT. CUISINE - NUIT", ("STORYLINE CAMBRIOLAGE",), 1),
        (K.ACTION, "Elle mange.  Lentement.", ("accessoire : cuillère",), 3),
        (
            K.NOTE,
            "Note de production :\nprévoir 200 enveloppes.",
            ("Note de production :\nprévoir 200 enveloppes.",),
            5,
        ),
        (K.CHARACTER, "MARC", (), 8),
        (K.DIALOGUE, "Bonjour\nà tous.", ("ton ?", "note seule en plein dialogue"), 9),
    ]


def test_note_cannot_span_a_blank_line() -> None:
    assert _kinds("Voici [[pas une\n\nnote]] fin.") == [
        (K.ACTION, "Voici [[pas une"),
        (K.ACTION, "note]] fin."),
    ]


# -- scene headings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "INT. HOUSE - DAY",
        "EXT. HOUSE - NIGHT",
        "EST. CITY - DAY",
        "INT./EXT. CAR - DAY",
        "INT/EXT CAR - DAY",
        "I/E CAR - DAY",
        "int. lower case - day",
        "EXT BEACH - DAY",
    ],
)
def test_standard_heading_prefixes(line: str) -> None:
    for strict in (False, True):
        assert _kinds(f"Avant.\n\n{line}\n\nAprès.", strict=strict)[1] == (K.HEADING, line)


@pytest.mark.parametrize(
    "line",
    [
        "INT.",
        "Interior design matters.",
        "INTERIOR OF THE CAR",
        "Estelle arrive.",
        "EXTRA!",
        "EST-CE QUE TU VIENS ?",
        "INTERNATIONAL AIRPORT",
    ],
)
def test_not_headings(line: str) -> None:
    assert _kinds(f"Avant.\n\n{line}\n\nAprès.")[1] == (K.ACTION, line)


def test_heading_needs_a_blank_line_before() -> None:
    assert _kinds("Il court.\nINT. MAISON - JOUR") == [(K.ACTION, "Il court.\nINT. MAISON - JOUR")]


def test_heading_followed_directly_by_a_paragraph() -> None:
    assert _kinds("INT. MAISON - JOUR\nPAUL\nSalut.") == [
        (K.HEADING, "INT. MAISON - JOUR"),
        (K.CHARACTER, "PAUL"),
        (K.DIALOGUE, "Salut."),
    ]


def test_forced_headings_and_scene_numbers() -> None:
    source = (
        ".SNIPER SCOPE POV\n\n.5 SECONDES PLUS TARD\n\n...et puis rien.\n\n"
        "INT. MAISON - JOUR #1A#\n\n.FLASHBACK #I-1-A#\n\nEXT. RUE - NUIT   #12#"
    )
    headings = [(e.kind, e.text, e.forced, e.scene_number, e.line) for e in _parse(source).elements]
    assert headings == [
        (K.HEADING, "SNIPER SCOPE POV", True, None, 1),
        (K.HEADING, "5 SECONDES PLUS TARD", True, None, 3),
        (K.ACTION, "...et puis rien.", False, None, 5),
        (K.HEADING, "INT. MAISON - JOUR", False, "1A", 7),
        (K.HEADING, "FLASHBACK", True, "I-1-A", 9),
        (K.HEADING, "EXT. RUE - NUIT", False, "12", 11),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "INTÉRIEUR ENTREPÔT N° 7 - SOIR",
        "EXTÉRIEUR PLAGE - MATIN",
        "SÉQ. 3 - EXT. PARKING DU PORT - AUBE",
        "12. INT. BUREAU - JOUR",
        "EXT/INT. VOITURE - NUIT",
    ],
)
def test_french_headings_default_but_not_strict(line: str) -> None:
    source = f"Avant.\n\n{line}\n\nAprès."
    assert _kinds(source)[1] == (K.HEADING, line)
    assert _kinds(source, strict=True)[1] == (K.ACTION, line)


def test_bare_fade_in_is_not_a_heading_nor_a_cue() -> None:
    assert _kinds("FADE IN:\n\nINT. A - JOUR")[0] == (K.ACTION, "FADE IN:")
    assert _kinds("FADE IN:\nINT. A - JOUR") == [(K.ACTION, "FADE IN:\nINT. A - JOUR")]


def test_heading_text_loses_emphasis() -> None:
    assert _kinds("**INT. MAISON - JOUR**\n\nIci.")[0] == (K.HEADING, "INT. MAISON - JOUR")


# -- characters and dialogue ----------------------------------------------------------------


def test_french_cues_with_accents_apostrophes_and_extensions() -> None:
    source = (
        "HÉLÈNE\nBonjour.\n\nL'INSPECTEUR MARCHAND (O.S.)\nNon.\n\nLUCIE (SUITE)\nOui.\n\n"
        "VOIX DE LUCIE (OFF)\nAllô ?\n\nTEX & GIDEON\nSalut.\n\n1ST DIPLOMATIC TYPE\nMonsieur.\n\n"
        "BOB (V.O.)(cont'd)\nEncore."
    )
    cues = [(e.text, e.extension) for e in _only(source, K.CHARACTER)]
    assert cues == [
        ("HÉLÈNE", None),
        ("L'INSPECTEUR MARCHAND", "O.S."),
        ("LUCIE", "SUITE"),
        ("VOIX DE LUCIE", "OFF"),
        ("TEX & GIDEON", None),
        ("1ST DIPLOMATIC TYPE", None),
        ("BOB", "V.O., cont'd"),
    ]
    assert len(_only(source, K.DIALOGUE)) == 7


def test_indented_cue_and_dialogue() -> None:
    source = "\t\t\tJACK\n\t\t(en vietnamien)\n\t*Tu savais ?*"
    assert [(e.kind, e.text, e.line) for e in _parse(source).elements] == [
        (K.CHARACTER, "JACK", 1),
        (K.PARENTHETICAL, "(en vietnamien)", 2),
        (K.DIALOGUE, "Tu savais ?", 3),
    ]


def test_upper_case_line_without_dialogue_is_action() -> None:
    assert _kinds("Avant.\n\nLA PORTE CLAQUE.\n\nAprès.")[1] == (K.ACTION, "LA PORTE CLAQUE.")


def test_cue_needs_a_blank_line_before() -> None:
    assert _kinds("Il dit :\nBOB\nSalut.") == [(K.ACTION, "Il dit :\nBOB\nSalut.")]


def test_action_upper_case_up_to_a_parenthesis_is_not_a_cue() -> None:
    source = "CYBER BOSS, 40 (or any age), an ageless,\nmenacing figure.\n\nJÉRÔME (35 ans) entre."
    assert _kinds(source) == [
        (K.ACTION, "CYBER BOSS, 40 (or any age), an ageless,\nmenacing figure."),
        (K.ACTION, "JÉRÔME (35 ans) entre."),
    ]


def test_forced_cue_with_lower_case() -> None:
    elements = _parse("@McCLANE\nYippee.").elements
    assert [(e.kind, e.text, e.forced) for e in elements] == [
        (K.CHARACTER, "McCLANE", True),
        (K.DIALOGUE, "Yippee.", False),
    ]


def test_parentheticals_split_dialogue() -> None:
    source = "STEEL\nIls arrivent !\n(un temps)\nTous !\n(regardant\nle ciel)\nVraiment."
    assert _kinds(source) == [
        (K.CHARACTER, "STEEL"),
        (K.DIALOGUE, "Ils arrivent !"),
        (K.PARENTHETICAL, "(un temps)"),
        (K.DIALOGUE, "Tous !"),
        (K.PARENTHETICAL, "(regardant\nle ciel)"),
        (K.DIALOGUE, "Vraiment."),
    ]


def test_lyrics_inside_dialogue_and_alone() -> None:
    assert _kinds("ANNA\n~La vie en rose\n\n~Tra la la") == [
        (K.CHARACTER, "ANNA"),
        (K.LYRIC, "La vie en rose"),
        (K.LYRIC, "Tra la la"),
    ]


def test_dual_dialogue_sides() -> None:
    source = (
        "Avant.\n\nLUCIE\nAlors on y va.\n\nJÉRÔME ^\n(en même temps)\nAlors on y va.\n\n"
        "PAUL\nSeul."
    )
    elements = _parse(source).elements
    assert [(e.kind, e.text, e.dual) for e in elements] == [
        (K.ACTION, "Avant.", None),
        (K.CHARACTER, "LUCIE", DualSide.LEFT),
        (K.DIALOGUE, "Alors on y va.", DualSide.LEFT),
        (K.CHARACTER, "JÉRÔME", DualSide.RIGHT),
        (K.PARENTHETICAL, "(en même temps)", DualSide.RIGHT),
        (K.DIALOGUE, "Alors on y va.", DualSide.RIGHT),
        (K.CHARACTER, "PAUL", None),
        (K.DIALOGUE, "Seul.", None),
    ]


def test_dual_caret_without_partner_is_a_warning() -> None:
    parsed = _parse("Avant.\n\nBRICK ^\nSeul.\n\nA\nUn.\n\nB ^\nDeux.\n\nC ^\nTrois.")
    duals = [(e.text, e.dual) for e in parsed.elements if e.kind is K.CHARACTER]
    assert duals == [("BRICK", None), ("A", DualSide.LEFT), ("B", DualSide.RIGHT), ("C", None)]
    assert len(parsed.warnings) == 2
    assert parsed.warnings[0].startswith("line 3:")


# -- transitions, centered, forced action, outline, page breaks -----------------------------


def test_transitions() -> None:
    source = (
        "Avant.\n\nCUT TO:\n\n\t\t\t\tSMASH CUT TO:\n\n> BURN TO PINK.\n\nCOUPE FRANC :\n\n"
        "> FONDU ENCHAÎNÉ :\n\nNot a cut to:"
    )
    assert [(e.kind, e.text, e.forced) for e in _parse(source).elements][1:] == [
        (K.TRANSITION, "CUT TO:", False),
        (K.TRANSITION, "SMASH CUT TO:", False),
        (K.TRANSITION, "BURN TO PINK.", True),
        (K.ACTION, "COUPE FRANC :", False),
        (K.TRANSITION, "FONDU ENCHAÎNÉ :", True),
        (K.ACTION, "Not a cut to:", False),
    ]


def test_centered_text() -> None:
    assert _kinds("> THE END <\n>_LA FIN_<") == [(K.CENTERED, "THE END"), (K.CENTERED, "LA FIN")]


def test_forced_action() -> None:
    elements = _parse("!SCRAAAAASH!\nBOB\nHein ?\n\n!INT. PAS UNE SCÈNE").elements
    assert [(e.kind, e.text, e.forced) for e in elements] == [
        (K.ACTION, "SCRAAAAASH!\nBOB\nHein ?", True),
        (K.ACTION, "INT. PAS UNE SCÈNE", True),
    ]


def test_sections_synopses_and_page_breaks() -> None:
    source = "# ACTE I\n\n## Le quai\n\n= Hélène donne la clef.\n\n===\n\n=====\n\n==\n\n### Fin"
    assert _kinds(source) == [
        (K.SECTION, "ACTE I"),
        (K.SECTION, "Le quai"),
        (K.SYNOPSIS, "Hélène donne la clef."),
        (K.PAGE_BREAK, ""),
        (K.PAGE_BREAK, ""),
        (K.SYNOPSIS, "="),
        (K.SECTION, "Fin"),
    ]


def test_sections_are_not_scenes() -> None:
    screenplay = assemble(_parse("# ACTE I\n\nINT. A - JOUR\n\n## Suite\n\nTexte."))
    assert len(screenplay.scenes) == 1


def test_emphasis_removed_and_escapes_honoured() -> None:
    source = "**Gras**, *italique*, ***les deux***, _souligné_, \\*étoile\\* et \\_tiret\\_."
    assert _kinds(source) == [
        (K.ACTION, "Gras, italique, les deux, souligné, *étoile* et _tiret_.")
    ]


def test_lone_markers_are_text() -> None:
    assert _kinds("5 * 3 = 15\n\n@\n\n>") == [
        (K.ACTION, "5 * 3 = 15"),
        (K.ACTION, "@"),
        (K.ACTION, ">"),
    ]


def test_fast_element_constructor_matches_the_dataclass() -> None:
    assert fountain_element.FAST
    made = fountain_element.make_element(
        K.CHARACTER, "BOB", 3, True, None, "V.O.", DualSide.LEFT, ("n",)
    )
    plain = ScriptElement(
        K.CHARACTER, "BOB", 3, forced=True, extension="V.O.", dual=DualSide.LEFT, notes=("n",)
    )
    assert made == plain
    assert hash(made) == hash(plain)
    assert repr(made) == repr(plain)
