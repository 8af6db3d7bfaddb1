# SPDX-License-Identifier: AGPL-3.0-or-later
"""Screenplay PDF import.

The project's own PDFs are typeset by these tests with WeasyPrint from a short original
script (French and English scenes, written for regie): monospaced 12 pt lines at the
standard US-letter indents, in two styles — "Final Draft-like" (bold headings, scene numbers
in both margins, CONTINUED, (MORE) / CONT'D) and "screenplain-like" (plain headings, no
numbers). The shared corpus adds the PDFs screenplain printed for three scripts.
"""

from __future__ import annotations

import html
import io
import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from regie.core.errors import ParseError
from regie.formats.pdf_script import parse_pdf_script
from regie.script.assemble import assemble
from regie.script.model import DualSide, ElementKind, ParsedScript

weasyprint = pytest.importorskip("weasyprint")

A, D, P, C, RIGHT = 108.0, 180.0, 223.2, 266.4, 540.0  # points: 1.5, 2.5, 3.1, 3.7, 7.5 in
TOP, PITCH = 72.0, 12.0

# (kind, text, scene number) — an original script written for these tests.
SCRIPT: tuple[tuple[str, str, str | None], ...] = (
    ("heading", "INT. GARE MARITIME - NUIT", "1"),
    (
        "action",
        "Une salle d'attente vide. Un néon grésille au-dessus des bancs. Par la vitre, "
        "le FERRY attend à quai, toutes lumières éteintes.",
        None,
    ),
    ("action", "MARGOT (40 ans, imperméable trempé) compte des pièces dans sa paume.", None),
    ("cue", "MARGOT", None),
    ("paren", "(à voix basse)", None),
    ("dialogue", "Il en manque deux. Évidemment.", None),
    ("cue", "GUICHETIER (O.S.)", None),
    ("dialogue", "Le dernier départ est annulé, madame.", None),
    ("cue", "MARGOT", None),
    ("dialogue", "Annulé ? Personne ne m'a prévenue.", None),
    ("transition", "CUT TO:", None),
    ("heading", "EXT. PONT DU FERRY - NUIT", "2"),
    ("action", "Le vent plaque la pluie contre les hublots.", None),
    ("cue", "MARGOT", None),
    (
        "dialogue",
        "Vingt ans que je prends ce bateau. Vingt ans que le capitaine me salue d'un signe "
        "de tête, qu'il pleuve ou qu'il vente, et ce soir il n'y a personne, pas une lampe, "
        "pas un matelot, rien que ce vent qui me gifle et ces pièces qui ne servent plus à "
        "rien.",
        None,
    ),
    ("action", "Elle jette les pièces à l'eau.", None),
    ("heading", "INTÉRIEUR CABINE 12 - NUIT", "3"),
    ("action", "Deux couchettes. THÉO (17 ans) dort tout habillé.", None),
    ("dual", "MARGOT|Debout.|THÉO|(sans ouvrir les yeux)|Non.", None),
    ("heading", "EXT. HARBOUR - DAWN", "4"),
    ("action", "Gulls circle the empty quay. An OLD SAILOR coils a rope.", None),
    ("cue", "OLD SAILOR (V.O.)", None),
    ("dialogue", "She always leaves at dawn. Always.", None),
    ("action", "ON THE DOCK", None),
    ("action", "Margot and Théo run along the planks.", None),
    ("transition", "CUT TO:", None),
    ("heading", "SOUS LA SURFACE", "5"),
    ("action", "Bubbles. The rope sinks slowly into green water.", None),
    ("heading", "INT./EXT. VOITURE DE THÉO - JOUR", "5A"),
    ("action", "La voiture roule vers le port.", None),
    ("cue", "THÉO", None),
    ("dialogue", "On rentre ?", None),
    ("cue", "MARGOT", None),
    ("dialogue", "On rentre.", None),
    ("centered", "FIN", None),
)

# Per scene: INT/EXT, set, time of day, speakers — what the script says.
EXPECTED: tuple[tuple[str | None, str, str | None, set[str]], ...] = (
    ("INT", "GARE MARITIME", "NUIT", {"MARGOT", "GUICHETIER"}),
    ("EXT", "PONT DU FERRY", "NUIT", {"MARGOT"}),
    ("INT", "CABINE 12", "NUIT", {"MARGOT", "THÉO"}),
    ("EXT", "HARBOUR", "DAWN", {"OLD SAILOR"}),
    (None, "SOUS LA SURFACE", None, set()),
    ("INT/EXT", "VOITURE DE THÉO", "JOUR", {"THÉO", "MARGOT"}),
)


@dataclass(frozen=True)
class _Line:
    x: float | None  # None: right aligned on RIGHT
    text: str
    bold: bool = False
    centred: bool = False
    number: str | None = None  # scene number printed in both margins
    size: float = 12.0


@dataclass
class _Pages:
    """A tiny paginator: rows of 12 pt from 1 in, ``per_page`` rows a page."""

    numbered: bool
    bold: bool
    per_page: int
    pages: list[list[tuple[float, _Line]]]
    row: int = 0
    scene: str | None = None

    def new_page(self, *, in_scene: bool) -> None:
        if in_scene and self.numbered:
            self.pages[-1].append((TOP + self.per_page * PITCH, _Line(None, "(CONTINUED)")))
        self.pages.append([])
        self.row = 0
        self.pages[-1].append((36.0, _Line(None, f"{len(self.pages)}.")))
        if self.numbered:  # a running revision header on the page-number line
            self.pages[-1].append((36.0, _Line(A, "Révision bleue - 03/02/25")))
        if in_scene and self.numbered:
            self.put(_Line(A, "CONTINUED:", number=self.scene), blank=False)
            self.row += 1

    def put(self, line: _Line, *, blank: bool) -> None:
        if blank and self.row > 0:
            self.row += 1
        if self.row >= self.per_page:
            self.new_page(in_scene=True)
        self.pages[-1].append((TOP + self.row * PITCH, line))
        self.row += 1

    def speech(self, cue: str, lines: list[tuple[float, str]]) -> None:
        self.put(_Line(C, cue), blank=True)
        for x, text in lines:
            if self.row >= self.per_page - 1:  # room for (MORE), then CONT'D on the next page
                self.put(_Line(C, "(MORE)"), blank=False)
                self.new_page(in_scene=True)
                self.put(_Line(C, f"{cue} (CONT'D)"), blank=False)
            self.put(_Line(x, text), blank=False)


def _lay_out(*, numbered: bool, bold: bool, per_page: int = 30) -> list[list[tuple[float, _Line]]]:
    pages = _Pages(numbered=numbered, bold=bold, per_page=per_page, pages=[[]])
    cue = ""
    speech: list[tuple[float, str]] = []
    for kind, text, number in (*SCRIPT, ("end", "", None)):
        if speech and kind not in ("paren", "dialogue"):
            pages.speech(cue, speech)
            speech = []
        if kind == "heading":
            if pages.row >= per_page - 3:
                pages.new_page(in_scene=False)
            pages.scene = number if numbered else None
            pages.put(_Line(A, text, bold=bold, number=pages.scene), blank=True)
        elif kind == "action":
            for i, row in enumerate(textwrap.wrap(text, 60)):
                pages.put(_Line(A, row), blank=i == 0)
        elif kind == "cue":
            cue = text
        elif kind in ("paren", "dialogue"):
            x, width = (P, 25) if kind == "paren" else (D, 35)
            speech += [(x, row) for row in textwrap.wrap(text, width)]
        elif kind == "transition":
            pages.put(_Line(None, text), blank=True)
        elif kind == "centered":
            pages.put(_Line(A, text, centred=True), blank=True)
        elif kind == "dual":
            left_cue, left, right_cue, right_paren, right = text.split("|")
            pages.put(_Line(176.4, left_cue), blank=True)
            top = TOP + (pages.row - 1) * PITCH
            pages.pages[-1] += [
                (top, _Line(396.0, right_cue)),
                (top + PITCH, _Line(140.4, left)),
                (top + PITCH, _Line(374.4, right_paren)),
                (top + 2 * PITCH, _Line(360.0, right)),
            ]
            pages.row += 2
    return pages.pages


TITLE_PAGE = [
    (288.0, _Line(A, "LE DERNIER FERRY", bold=True, centred=True, size=24.0)),
    (336.0, _Line(A, "Écrit par", centred=True)),
    (348.0, _Line(A, "Camille Durand", centred=True)),
    (672.0, _Line(A, "Production Exemple")),
    (684.0, _Line(A, "12 rue des Essais, Marseille")),
]


def _div(top: float, line: _Line) -> str:
    style = f"top:{top:.2f}pt;font-size:{line.size}pt;line-height:{line.size}pt;"
    style += "font-weight:bold;" if line.bold else ""
    text = html.escape(line.text)
    if line.centred:
        div = f'<div style="{style}left:{A}pt;width:{RIGHT - A}pt;text-align:center">{text}</div>'
    elif line.x is None:
        div = f'<div style="{style}right:{612 - RIGHT}pt">{text}</div>'
    else:
        div = f'<div style="{style}left:{line.x}pt">{text}</div>'
    if line.number:
        plain = f"top:{top:.2f}pt;font-size:12pt;"
        div += f'<div style="{plain}left:54pt">{line.number}</div>'
        div += f'<div style="{plain}right:{612 - 547.2}pt">{line.number}</div>'
    return div


def _html(pages: list[list[tuple[float, _Line]]]) -> str:
    sections = "".join(
        "<section>" + "".join(_div(top, line) for top, line in page) + "</section>"
        for page in pages
    )
    return (
        "<html><head><style>@page { size: 612pt 792pt; margin: 0 }"
        'body { margin: 0; font-family: "DejaVu Sans Mono", "Courier New", monospace }'
        "section { position: relative; width: 612pt; height: 792pt; page-break-after: always }"
        "section:last-child { page-break-after: auto }"
        "div { position: absolute; white-space: pre }</style></head>"
        f"<body>{sections}</body></html>"
    )


def _pdf(pages: list[list[tuple[float, _Line]]]) -> bytes:
    data: bytes = weasyprint.HTML(string=_html(pages)).write_pdf()
    return data


@pytest.fixture(scope="module")
def drafted() -> ParsedScript:
    """Final Draft-like: title page, bold numbered headings, CONTINUED, (MORE)/CONT'D."""
    return parse_pdf_script(
        _pdf([TITLE_PAGE, *_lay_out(numbered=True, bold=True)]), filename="ferry.pdf"
    )


@pytest.fixture(scope="module")
def plain() -> ParsedScript:
    """screenplain-like: no title page, plain headings, no scene numbers."""
    return parse_pdf_script(_pdf(_lay_out(numbered=False, bold=False)), filename="ferry-plain.pdf")


def _kinds(parsed: ParsedScript, kind: ElementKind) -> list[str]:
    return [e.text for e in parsed.elements if e.kind is kind]


def test_headings_numbers_and_forced_heading(drafted: ParsedScript) -> None:
    headings = [e for e in drafted.elements if e.kind is ElementKind.HEADING]
    assert [(h.text, h.scene_number) for h in headings] == [
        (text, number) for kind, text, number in SCRIPT if kind == "heading"
    ]
    assert [h.forced for h in headings] == [False, False, False, False, True, False]


def test_page_furniture_is_dropped(drafted: ParsedScript) -> None:
    texts = [e.text for e in drafted.elements]
    for furniture in ("(MORE)", "(CONTINUED)", "CONTINUED:", "2.", "3.", "Révision"):
        assert not any(furniture in t for t in texts), furniture
    assert _kinds(drafted, ElementKind.CHARACTER).count("MARGOT") == 5  # CONT'D cue dropped


def test_speech_cut_by_a_page_is_one_dialogue(drafted: ParsedScript) -> None:
    long_speech = next(e for e in drafted.elements if e.text.startswith("Vingt ans"))
    assert long_speech.kind is ElementKind.DIALOGUE
    assert long_speech.text == " ".join(SCRIPT[14][1].split())
    assert long_speech.span is not None
    assert long_speech.span.last_page == long_speech.span.first_page + 1


def test_dialogue_parenthetical_cue_extension(drafted: ParsedScript) -> None:
    elements = list(drafted.elements)
    cue = next(e for e in elements if e.text == "GUICHETIER")
    assert cue.kind is ElementKind.CHARACTER
    assert cue.extension == "O.S."
    paren = next(e for e in elements if e.text == "(à voix basse)")
    assert paren.kind is ElementKind.PARENTHETICAL
    assert _kinds(drafted, ElementKind.TRANSITION) == ["CUT TO:", "CUT TO:"]
    assert _kinds(drafted, ElementKind.CENTERED) == ["FIN"]


def test_dual_dialogue_columns(drafted: ParsedScript) -> None:
    dual = [(e.kind, e.text, e.dual) for e in drafted.elements if e.dual is not None]
    assert dual == [
        (ElementKind.CHARACTER, "MARGOT", DualSide.LEFT),
        (ElementKind.DIALOGUE, "Debout.", DualSide.LEFT),
        (ElementKind.CHARACTER, "THÉO", DualSide.RIGHT),
        (ElementKind.PARENTHETICAL, "(sans ouvrir les yeux)", DualSide.RIGHT),
        (ElementKind.DIALOGUE, "Non.", DualSide.RIGHT),
    ]


def test_title_page_and_page_geometry(drafted: ParsedScript) -> None:
    assert drafted.title == "LE DERNIER FERRY"
    assert drafted.title_page[:3] == (
        ("Title", "LE DERNIER FERRY"),
        ("Credit", "Écrit par"),
        ("Author", "Camille Durand"),
    )
    assert drafted.page_height == 792
    assert drafted.body_top is not None
    assert drafted.body_bottom is not None
    assert TOP - 2 <= drafted.body_top <= TOP + 2
    assert drafted.page_count == max(e.page or 0 for e in drafted.elements)
    for element in drafted.elements:
        assert element.span is not None
        assert element.page == element.span.first_page
        assert element.line is not None
        assert element.line >= 1


def test_shot_line_stays_action(plain: ParsedScript) -> None:
    assert "ON THE DOCK" in _kinds(plain, ElementKind.ACTION)


def test_plain_layout_reads_the_same_script(plain: ParsedScript) -> None:
    headings = [e for e in plain.elements if e.kind is ElementKind.HEADING]
    assert [h.text for h in headings] == [t for k, t, _n in SCRIPT if k == "heading"]
    assert all(h.scene_number is None for h in headings)
    assert plain.title_page == ()


@pytest.mark.parametrize("fixture", ["drafted", "plain"])
def test_assembled_scenes(fixture: str, request: pytest.FixtureRequest) -> None:
    screenplay = assemble(request.getfixturevalue(fixture))
    got = [
        (
            s.heading.int_ext.value if s.heading.int_ext else None,
            s.heading.set_name,
            s.heading.time_of_day,
            set(s.speakers),
        )
        for s in screenplay.scenes
    ]
    assert got == list(EXPECTED)
    assert all(s.eighths >= 1 for s in screenplay.scenes)


def test_emphasised_headings_make_emphasis_the_rule() -> None:
    page = [
        (TOP, _Line(A, "EXT. PLAGE - JOUR", bold=True)),
        (TOP + 24, _Line(A, "Le sable est froid.")),
        (TOP + 48, _Line(A, "DANS LA DUNE", bold=True)),
        (TOP + 72, _Line(A, "Un crabe creuse.")),
        (TOP + 96, _Line(A, "SILENCE TOTAL")),
        (TOP + 120, _Line(A, "Le vent tombe.")),
        (TOP + 144, _Line(A, "EXT. PARKING - JOUR", bold=True)),
        (TOP + 168, _Line(A, "Une voiture démarre.")),
        (TOP + 192, _Line(A, "LE PHARE", bold=True)),
        (TOP + 216, _Line(A, "La lumière tourne.")),
    ]
    parsed = parse_pdf_script(_pdf([page]), filename="plage.pdf")
    headings = [(e.text, e.forced) for e in parsed.elements if e.kind is ElementKind.HEADING]
    # "DANS LA DUNE" starts like a shot (DANS ...): not a scene even when bold.
    assert headings == [
        ("EXT. PLAGE - JOUR", False),
        ("EXT. PARKING - JOUR", False),
        ("LE PHARE", True),
    ]
    assert "SILENCE TOTAL" in _kinds(parsed, ElementKind.ACTION)


# -- bad input ---------------------------------------------------------------------------


def test_not_a_pdf() -> None:
    with pytest.raises(ParseError, match="not a PDF") as err:
        parse_pdf_script(b"INT. CUISINE - JOUR\n\nTexte.\n", filename="script.pdf")
    assert "script.pdf" in str(err.value)


def test_empty_file() -> None:
    with pytest.raises(ParseError, match="empty"):
        parse_pdf_script(b"", filename="vide.pdf")


def test_damaged_pdf() -> None:
    data = _pdf([[(TOP, _Line(A, "INT. CUISINE - JOUR"))]])
    with pytest.raises(ParseError, match="damaged"):
        parse_pdf_script(data[: len(data) // 3], filename="coupe.pdf")


def test_scan_without_text_layer() -> None:
    shapes = (
        "<html><head><style>@page { size: 612pt 792pt; margin: 0 }</style></head><body>"
        '<svg width="612pt" height="792pt"><rect x="100" y="100" width="300" height="20"/>'
        '<rect x="100" y="140" width="250" height="20"/></svg></body></html>'
    )
    data = weasyprint.HTML(string=shapes).write_pdf()
    with pytest.raises(ParseError, match="no text layer") as err:
        parse_pdf_script(data, filename="scan.pdf")
    assert "OCR" in str(err.value)


def test_text_without_headings() -> None:
    page = [
        (TOP, _Line(A, "Madame, Monsieur,")),
        (TOP + 24, _Line(A, "Veuillez trouver ci-joint notre devis pour la location.")),
        (TOP + 48, _Line(A, "Bien cordialement.")),
    ]
    with pytest.raises(ParseError, match="no scene headings"):
        parse_pdf_script(_pdf([page]), filename="lettre.pdf")


def test_encrypted_pdf() -> None:
    canvas_module = pytest.importorskip("reportlab.pdfgen.canvas")
    pdfencrypt = pytest.importorskip("reportlab.lib.pdfencrypt")
    buffer = io.BytesIO()
    canvas = canvas_module.Canvas(
        buffer, encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner")
    )
    canvas.drawString(108, 700, "INT. CUISINE - JOUR")
    canvas.save()
    with pytest.raises(ParseError, match="encrypted"):
        parse_pdf_script(buffer.getvalue(), filename="secret.pdf")


# -- shared corpus -------------------------------------------------------------------------

_TRUTHS = ("Brick-and-Steel.truth.json", "La-Clef-du-Quai.truth.json", "TestFDX-FD.truth.json")


def _scripts(corpus_dir: Path) -> Path:
    return corpus_dir / "scripts"


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "scenes"), [("Brick-and-Steel.pdf", 8), ("La-Clef-du-Quai.pdf", 7)]
)
def test_corpus_scene_counts(corpus_dir: Path, name: str, scenes: int) -> None:
    parsed = parse_pdf_script((_scripts(corpus_dir) / name).read_bytes(), filename=name)
    assert sum(e.kind is ElementKind.HEADING for e in parsed.elements) == scenes
    assert parsed.page_count == 3
    assert parsed.title_page[0][0] == "Title"


@pytest.mark.corpus
def test_corpus_big_fish(corpus_dir: Path) -> None:
    """190 headings screenplain recognised, the two ``EXT/INT.`` lines it printed as action
    (PEERS.md: 192 real scenes), and two place one-liners after a transition."""
    path = _scripts(corpus_dir) / "Big-Fish.pdf"
    if not path.exists():
        pytest.skip("Big-Fish.pdf not in the corpus")
    parsed = parse_pdf_script(path.read_bytes(), filename=path.name)
    headings = [e for e in parsed.elements if e.kind is ElementKind.HEADING]
    assert sum(not h.forced for h in headings) == 192
    assert [h.text for h in headings if h.forced] == [
        "THE EMPTY LOT",
        "THE STREET CORNER / ASHTON PARADE",
    ]
    assert sum(e.kind is ElementKind.CHARACTER for e in parsed.elements) == 768
    assert parsed.page_count == 121


@pytest.mark.corpus
@pytest.mark.parametrize("truth_name", _TRUTHS)
def test_corpus_truth_per_scene(corpus_dir: Path, truth_name: str) -> None:
    truth = json.loads((_scripts(corpus_dir) / truth_name).read_text(encoding="utf-8"))
    pdfs = [f for f in (truth["file"], *truth.get("also_applies_to", ())) if f.endswith(".pdf")]
    pdfs = [f for f in pdfs if (_scripts(corpus_dir) / f).exists()]
    if not pdfs:
        pytest.skip(f"no PDF for {truth_name}")
    for name in pdfs:
        parsed = parse_pdf_script((_scripts(corpus_dir) / name).read_bytes(), filename=name)
        screenplay = assemble(parsed)
        assert len(screenplay.scenes) == truth["scene_count"], name
        for scene, expected in zip(screenplay.scenes, truth["scenes"], strict=True):
            heading = scene.heading
            assert (heading.int_ext.value if heading.int_ext else None) == expected["int_ext"]
            assert heading.set_name == expected["location"], name
            assert heading.time_of_day == expected["time_of_day"], name
            assert sorted(scene.speakers) == sorted(expected["speakers"]), name
            assert heading.number == expected["scene_number"], name
